"""Ingest every real development set in ../shared/devsets/ and score it with the shared tool.

    python3 benchmarks/bench_devsets.py [--devsets ../shared/devsets] [--show NAME]

Each set is ingested alone (a seeds folder holding only a link to its .txt: nothing is copied
into the project), as `python -m site_builder ingest` does, then scored by
../shared/tools/score_ingest.py against its answer key. Per set it prints: records in the
key, records placed (in exactly one entry), invented records (records ingest made from lines
that start no record in the key: a paper made from a name), pairwise P, R and F1, and
records/s (the key's records over the ingest's wall time; compare sets within one run only).
``--show NAME`` also prints that set's false and missed merges, lost and invented records.
``--styles`` also scores every set rewritten in the styles other sources print (devset_styles.py:
"Last FM" names, one line of names joined with "and", titles cut with "...", "et al."...),
written to a temporary folder: how the ingest holds on dumps that do not look like DBLP's.
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import devset_styles  # noqa: E402  (benchmarks/ is not a package)

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def ingest_alone(dump: Path, work: Path) -> tuple[Path, float]:
    seeds, content = work / "seeds", work / "content"
    seeds.mkdir(parents=True)
    (seeds / dump.name).symlink_to(dump.resolve())
    started = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "site_builder", "ingest", "--seeds", str(seeds), "--content",
                          str(content), "-q"], cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if run.returncode not in (0, 1):
        raise SystemExit(f"{dump.name}: ingest failed\n{run.stderr}")
    return content, elapsed


def sources_in(content: Path) -> list[tuple[str, str]]:
    """(source, entry title) for every record in every paper entry."""
    out = []
    for path in sorted((content / "papers").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        out.extend((str(s), str(data.get("title", ""))) for s in data.get("sources") or [])
    return out


def score(gold: Path, content: Path, scorer: Path) -> tuple[dict[str, float], list[str]]:
    run = subprocess.run([sys.executable, str(scorer), str(gold), str(content)], capture_output=True, text=True)
    lines = run.stdout.splitlines()
    match = re.search(r"F1=([\d.]+) P=([\d.]+) R=([\d.]+) coverage=([\d.]+)", lines[-1] if lines else "")
    if not match:
        raise SystemExit(f"{gold.name}: the scorer said\n{run.stdout}{run.stderr}")
    return dict(zip(("F1", "P", "R", "coverage"), (float(x) for x in match.groups()))), lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devsets", type=Path, default=SHARED / "devsets")
    parser.add_argument("--scorer", type=Path, default=SHARED / "tools" / "score_ingest.py")
    parser.add_argument("--show", action="append", default=[], help="print the findings of this set too")
    parser.add_argument("--styles", action="store_true", help="also score each set rewritten in other styles")
    args = parser.parse_args()
    dumps = sorted(p for p in args.devsets.glob("*.txt") if p.with_suffix("").with_suffix(".gold.yaml").exists()
                   or (p.parent / f"{p.stem}.gold.yaml").exists())
    if not dumps:
        raise SystemExit(f"{args.devsets}: no dev sets (NAME.txt beside NAME.gold.yaml)")
    print("| set | records | placed | invented | P | R | F1 | records/s |")
    print("|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="devset-styles-") as styled:
        if args.styles:
            dumps += write_styles(dumps, Path(styled))
        for dump in dumps:
            run_one(dump, args)


def write_styles(dumps: list[Path], folder: Path) -> list[Path]:
    """Every set in every style of devset_styles.py, as NAME.STYLE.txt and its key, in ``folder``."""
    written = []
    for dump in dumps:
        gold = yaml.safe_load((dump.parent / f"{dump.stem}.gold.yaml").read_text(encoding="utf-8"))
        lines = dump.read_text(encoding="utf-8").split("\n")
        for style in devset_styles.STYLES:
            name = f"{dump.stem}.{style}"
            new_lines, key = devset_styles.rewrite(lines, gold, f"{name}.txt", style)
            (folder / f"{name}.txt").write_text("\n".join(new_lines) + "\n", encoding="utf-8")
            (folder / f"{name}.gold.yaml").write_text(yaml.safe_dump(key, allow_unicode=True), encoding="utf-8")
            written.append(folder / f"{name}.txt")
    return written


def run_one(dump: Path, args) -> None:
    """Ingest one set alone, score it, print its row (and its findings, with --show)."""
    gold = dump.parent / f"{dump.stem}.gold.yaml"
    key = yaml.safe_load(gold.read_text(encoding="utf-8"))
    refs = {r["ref"] for r in key["records"] if r.get("kind", "paper") == "paper"}
    with tempfile.TemporaryDirectory(prefix="devset-") as tmp:
        content, elapsed = ingest_alone(dump, Path(tmp))
        found = sources_in(content)
        figures, lines = score(gold, content, args.scorer)
    invented = [(s, t) for s, t in found if s not in refs]
    placed = round(figures["coverage"] * len(refs))
    print(f"| {dump.stem} | {len(refs)} | {placed} | {len(invented)} | {figures['P']:.3f} | {figures['R']:.3f} "
          f"| {figures['F1']:.3f} | {len(refs) / elapsed:,.0f} |")
    if dump.stem in args.show:
        for line in lines[:-2]:
            if line.startswith(("false merge", "missed merge", "missing record", "record ")):
                print("    " + line)
        for source, title in invented:
            print(f"    invented record {source} (in the entry {title[:60]!r})")


if __name__ == "__main__":
    main()
