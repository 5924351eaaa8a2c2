"""Ingest benchmark: records/s, peak memory, and pairwise precision/recall against the
synthetic generator's truth.

    python3 benchmarks/bench_ingest.py [--records 100000] [--seed 1] [--jobs 0] [--keep DIR]

Runs the whole ingest (read, parse, normalise, cluster, merge, write YAML, ledger,
report) as `python -m site_builder ingest` does: parsing, normalising and writing in
``--jobs`` forked workers (0: one per core). The target: 100,000 records in under 60 s.
Wall time depends on what else the machine runs (the load average is printed before and
after); cpu time is this process plus its workers. Peak memory is this process's; the
workers' peak is printed apart (forked, they share most of their pages with it).
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import yaml  # noqa: E402

from ingest_synth import generate  # noqa: E402
from site_builder.ingest import REPORT_PATH, run  # noqa: E402
from site_builder.progress import Reporter  # noqa: E402
from site_builder.ingest.report import render_report  # noqa: E402


def pairs(sizes) -> int:
    return sum(n * (n - 1) // 2 for n in sizes)


def score(content: Path, truth: dict[str, int], no_evidence: set[str] = frozenset()) -> tuple[float, float, int]:
    """Pairwise precision and recall; records in ``no_evidence`` (titleless, and no titled version
    prints an abstract) can only join each other, since nothing links them to the titled ones."""
    truth = {s: (("no evidence", t) if s in no_evidence else t) for s, t in truth.items()}
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    predicted: dict[str, int] = {}
    for n, path in enumerate(sorted((content / "papers").glob("*.yaml"))):
        for source in yaml.load(path.read_text(encoding="utf-8"), Loader=loader).get("sources", []):
            predicted[source] = n
    both = Counter((predicted.get(s, -1 - i), truth[s]) for i, s in enumerate(truth))
    true_pairs = pairs(Counter(truth.values()).values())
    predicted_pairs = pairs(Counter(predicted[s] for s in truth if s in predicted).values())
    agreed = pairs(both.values())
    precision = agreed / predicted_pairs if predicted_pairs else 1.0
    recall = agreed / true_pairs if true_pairs else 1.0
    return precision, recall, len(truth) - sum(1 for s in truth if s in predicted)


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=0, help="worker processes (default 0: one per core)")
    parser.add_argument("--keep", type=Path, default=None, help="work in this folder and keep it")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    truth = generate(work, args.records, args.seed)
    import json

    no_evidence = set(json.loads((work / "truth.json").read_text(encoding="utf-8"))["no_evidence"])
    print(f"generated {len(truth)} records of {len(set(truth.values()))} papers in {work} "
          f"({len(no_evidence)} titleless records with no abstract evidence anywhere)")
    content = work / "content"
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    load_before = os.getloadavg()
    started = time.perf_counter()
    cpu_started = time.process_time() + children_cpu()
    result = run(work / "seeds", content, None, Reporter(verbose=False), jobs=args.jobs)
    (content / REPORT_PATH).write_text(render_report(result), encoding="utf-8")
    elapsed = time.perf_counter() - started
    cpu = time.process_time() + children_cpu() - cpu_started
    load_after = os.getloadavg()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    precision, recall, missing = score(content, truth, no_evidence)
    _, raw_recall, _ = score(content, truth)
    entries = len(list((content / "papers").glob("*.yaml")))
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"records={len(truth)} entries={entries} people={len(list((content / 'authors').glob('*.yaml')))} "
          f"wall={elapsed:.1f}s cpu={cpu:.1f}s records/s={len(truth) / elapsed:,.0f} (per cpu-second "
          f"{len(truth) / cpu:,.0f}) peak_rss={peak / 1024:.0f}MB "
          f"(before ingest {rss_before / 1024:.0f}MB; largest worker {workers_peak / 1024:.0f}MB) "
          f"jobs={args.jobs or os.cpu_count()} load_avg_1min={load_before[0]:.2f}->{load_after[0]:.2f}")
    print(f"precision={precision:.4f} recall={recall:.4f} F1={f1:.4f} (recall counting unjoinable "
          f"titleless records: {raw_recall:.4f}) records_missing={missing} "
          f"problems={len(result.problems)}")
    if not args.keep:
        import shutil

        shutil.rmtree(work)


if __name__ == "__main__":
    main()
