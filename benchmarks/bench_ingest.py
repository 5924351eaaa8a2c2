"""Ingest benchmark: records/s, peak memory, and pairwise precision/recall against the
synthetic generator's truth.

    python3 benchmarks/bench_ingest.py [--records 100000] [--seed 1] [--jobs 0] [--keep DIR]
    python3 benchmarks/bench_ingest.py --bibtex [--records 10000] [--site-papers 10000]

``--bibtex`` measures ``import`` instead: BibTeX exports with known duplicates
(``ingest_synth.generate_bibtex``) imported against an existing ``corpus.py`` content/.

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

from ingest_synth import generate, generate_bibtex  # noqa: E402
from site_builder.ingest import REPORT_PATH, importer, run  # noqa: E402
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


def score_import(content: Path, truth: dict[str, str]) -> dict:
    """Pairwise precision and recall over the imported records and the entries the site had
    (an entry the site had is its own paper, "site:<id>"), and the merges into the site alone:
    of the records of papers the site has, how many went into that entry (recall), and how many
    records went into an entry the site had that is another paper (false merges)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    predicted: dict[str, str] = {}
    site: list[str] = []
    for path in sorted((content / "papers").glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
        for source in data.get("sources", []):
            if source in truth:
                predicted[source] = path.stem
            elif source.startswith("synthetic.txt:"):
                site.append(path.stem)
    items = [(predicted.get(s, f"missing:{s}"), truth[s]) for s in truth] + [(i, f"site:{i}") for i in site]
    both = Counter(items)
    true_pairs = pairs(Counter(t for _, t in items).values())
    predicted_pairs = pairs(Counter(p for p, _ in items).values())
    agreed = pairs(both.values())
    to_site = [s for s in truth if truth[s].startswith("site:")]
    return {"precision": agreed / predicted_pairs if predicted_pairs else 1.0,
            "recall": agreed / true_pairs if true_pairs else 1.0,
            "site_recall": sum(predicted.get(s) == truth[s][5:] for s in to_site) / max(1, len(to_site)),
            "site_false": sum(1 for s, p in predicted.items() if p in set(site) and truth[s] != f"site:{p}"),
            "site_records": len(to_site), "missing": len(truth) - len(predicted)}


def bench_bibtex(args) -> None:
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-import-"))
    truth = generate_bibtex(work, args.records, args.site_papers, args.seed)
    content = work / "content"
    exports = sorted((work / "exports").glob("*.bib"))
    papers_before = len(list((content / "papers").glob("*.yaml")))
    print(f"generated {len(truth)} BibTeX entries of {len(set(truth.values()))} papers in {len(exports)} files, "
          f"against {papers_before} papers in {content}")
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    load_before = os.getloadavg()
    started = time.perf_counter()
    cpu_started = time.process_time() + children_cpu()
    result = importer.run(exports, content, Reporter(verbose=False), jobs=args.jobs,
                          report=content / importer.REPORT_PATH)
    elapsed = time.perf_counter() - started
    cpu = time.process_time() + children_cpu() - cpu_started
    load_after = os.getloadavg()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    s = score_import(content, truth)
    f1 = 2 * s["precision"] * s["recall"] / (s["precision"] + s["recall"]) if s["precision"] + s["recall"] else 0.0
    created = sum(o.action == "created" for o in result.papers)
    merged = sum(o.action in ("filled", "unchanged") for o in result.papers)
    print(f"records={len(truth)} created={created} merged_into_site={merged} "
          f"people_created={sum(o.action == 'created' for o in result.persons)} "
          f"wall={elapsed:.1f}s cpu={cpu:.1f}s records/s={len(truth) / elapsed:,.0f} peak_rss={peak / 1024:.0f}MB "
          f"(before import {rss_before / 1024:.0f}MB) jobs={args.jobs or os.cpu_count()} "
          f"load_avg_1min={load_before[0]:.2f}->{load_after[0]:.2f}")
    print(f"precision={s['precision']:.4f} recall={s['recall']:.4f} F1={f1:.4f} "
          f"site: {s['site_records']} records of its papers, recall={s['site_recall']:.4f}, "
          f"false merges={s['site_false']}; records_missing={s['missing']} "
          f"problems={sum(p.is_error for p in result.problems)} warnings={sum(not p.is_error for p in result.problems)}")
    if not args.keep:
        import shutil

        shutil.rmtree(work)


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=0, help="worker processes (default 0: one per core)")
    parser.add_argument("--keep", type=Path, default=None, help="work in this folder and keep it")
    parser.add_argument("--bibtex", action="store_true",
                        help="measure import: BibTeX exports against an existing corpus.py content/ (default 10,000 "
                             "records against 10,000 papers)")
    parser.add_argument("--site-papers", type=int, default=10_000, help="with --bibtex: papers the site has")
    args = parser.parse_args()
    if args.bibtex:
        if args.records == parser.get_default("records"):
            args.records = 10_000
        bench_bibtex(args)
        return
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
