"""Profile one in-process build of the synthetic corpus, to see where the time goes.

    python benchmarks/profile_build.py --papers 10000 --languages en,fr --out benchmarks/profile-10k.txt

Writes cProfile's top functions by cumulative and by own time, and, when
pyinstrument is installed (a developer tool, not a project dependency), its
call tree, which costs far less to record than cProfile's per-call hooks.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import os
import platform
import pstats
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_build  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=10000)
    parser.add_argument("--languages", default="en,fr")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", default=str(HERE / "out"))
    parser.add_argument("--out", default=str(HERE / "profile-10k.txt"))
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--profilers", default="cprofile,pyinstrument")
    parser.add_argument("--code", default="HEAD", help="git revision to profile, or 'worktree'")
    args = parser.parse_args(argv)
    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    if args.code == "worktree":
        code, commit = bench_build.ROOT, "worktree"
    else:
        code, commit = bench_build.snapshot_code(args.code, work.resolve())
    sys.path.insert(0, str(code))
    from site_builder.build import build_site
    langs = [x for x in args.languages.split(",") if x]
    base = Path(args.workdir) / f"n{args.papers}"
    base.mkdir(parents=True, exist_ok=True)
    content = bench_build.ensure_corpus(base, args.papers, langs, args.seed)
    site = base / f"profile-out-{len(langs)}lang"
    sections = [f"# Profile of build_site({content.name}) at {commit}: {args.papers} papers, "
                f"languages {langs}",
                f"# {time.strftime('%Y-%m-%d %H:%M %Z')}, Python {platform.python_version()}, "
                f"{os.cpu_count()} CPUs, load average {os.getloadavg()}", ""]

    for profiler in [p for p in args.profilers.split(",") if p]:
        bench_build.remove_tree(site)
        os.sync()
        if profiler == "cprofile":
            prof = cProfile.Profile()
            started = time.perf_counter()
            prof.enable()
            result = build_site(content, site, jobs=1, use_cache=False)  # one process: the profiler sees all
            prof.disable()
            wall = time.perf_counter() - started
            for order in ("cumulative", "tottime"):
                buf = io.StringIO()
                stats = pstats.Stats(prof, stream=buf).strip_dirs().sort_stats(order)
                stats.print_stats(args.top)
                text = buf.getvalue()
                text = text[text.find("   ncalls"):] if "   ncalls" in text else text
                sections += [f"## cProfile, sorted by {order} (wall {wall:.1f}s under cProfile; "
                             f"{result.pages} pages, {result.files} files, {result.bytes / 1e6:.0f} MB)",
                             "", text.rstrip(), ""]
        elif profiler == "pyinstrument":
            try:
                from pyinstrument import Profiler
            except ImportError:
                sections += ["## pyinstrument: not installed (pip install pyinstrument)", ""]
                continue
            prof = Profiler(interval=0.005)
            started = time.perf_counter()
            prof.start()
            result = build_site(content, site, jobs=1, use_cache=False)  # one process: the profiler sees all
            prof.stop()
            wall = time.perf_counter() - started
            sections += [f"## pyinstrument call tree (wall {wall:.1f}s; frames under 1% hidden)", "",
                         prof.output_text(unicode=False, color=False, show_all=False,
                                          time="seconds").rstrip(), ""]
        print(f"{profiler}: {wall:.1f}s", file=sys.stderr, flush=True)
        Path(args.out).write_text("\n".join(sections) + "\n", encoding="utf-8")
    bench_build.remove_tree(site)
    Path(args.out).write_text("\n".join(sections) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
