"""CPU time of the whole-site passes every build runs, even after a one-paper edit.

    python3 benchmarks/bench_checks.py [--content DIR] [--repeat 5]

The passes: loader.check_duplicate_papers, loader.check_author_names,
linking.link, citations.assign_keys and views.prepare with its texts already
memoised (what an incremental build pays: the AuthorView loop and the
PaperView records). Each is timed with time.process_time (the machine is
shared, wall time would measure the neighbours) and the best of --repeat runs
is printed, with the median beside it. Memoised helpers are emptied before
each run, as a new build process starts with them empty.

"... one title edited (memo)" is check_duplicate_papers as an incremental build
would call it: with the memo the previous call left, one title changed.

"before" runs the implementations these passes had before they were made fast,
kept as the reference in tests/test_checks_fast.py, in the same process and
interleaved with "now", so a busy machine slows both alike.

The content is read once with the project's loader; the checks get exactly the
arguments load_content gives them. Default content: the 10,000-paper bilingual
corpus of bench_build.py (benchmarks/out/n10000/content-2lang) if present,
otherwise one generated with corpus.py into a temporary folder.
"""
from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from site_builder.build import citations, linking, loader, views  # noqa: E402
from site_builder.build.linking import newest_first  # noqa: E402

DEFAULT_CONTENT = HERE / "out" / "n10000" / "content-2lang"


def load_with_check_inputs(content_dir: Path):
    """(content, the arguments load_content passed to each cross-file check)."""
    seen = {}
    real_names, real_duplicates = loader.check_author_names, loader.check_duplicate_papers

    def names(*args):
        seen["names"] = args
        return real_names(*args)

    def duplicates(*args):
        seen["duplicates"] = args
        return real_duplicates(*args)

    loader.check_author_names, loader.check_duplicate_papers = names, duplicates
    try:
        content, _ = loader.load_content(content_dir)
    finally:
        loader.check_author_names, loader.check_duplicate_papers = real_names, real_duplicates
    return content, seen["names"], seen["duplicates"]


def forget_memoised_calls() -> None:
    """Empty every functools cache in site_builder: each run starts as cold as a new build process."""
    for name, module in list(sys.modules.items()):
        if name.startswith("site_builder"):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


def cpu_times(runs, repeat: int) -> list[list[float]]:
    """CPU seconds of each of ``runs``, ``repeat`` times, taking turns."""
    times: list[list[float]] = [[] for _ in runs]
    for _ in range(repeat):
        for run, spent in zip(runs, times):
            if run is None:
                continue
            forget_memoised_calls()
            start = time.process_time()
            run()
            spent.append(time.process_time() - start)
    return times


def load_reference():
    """tests/test_checks_fast.py, where the old implementations are kept."""
    spec = importlib.util.spec_from_file_location("checks_reference", HERE.parent / "tests" / "test_checks_fast.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["checks_reference"] = module
    spec.loader.exec_module(module)
    return module


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, help="content folder (default: the 10k bilingual corpus)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        content_dir = args.content or DEFAULT_CONTENT
        if args.content is None and not (DEFAULT_CONTENT / "site.yaml").is_file():
            content_dir = Path(tmp) / "content"
            subprocess.run([sys.executable, str(HERE / "corpus.py"), "--papers", "10000", "--languages", "en,fr",
                            "--out", str(content_dir), "--seed", "1"], check=True)
        content, name_args, duplicate_args = load_with_check_inputs(content_dir)
    published = newest_first(p for p in content.papers if p.published)
    links, _ = linking.link(content)
    memo: dict = {}
    views.prepare(content, links, lambda url: "https://example.org/" + url, 1, memo)   # texts memoised

    # an incremental build: one title edited since the previous build, whose memo is kept
    papers, paper_lines = duplicate_args[0], duplicate_args[1]
    one = len(papers) // 2
    edited = list(papers)
    edited[one] = dataclasses.replace(papers[one], title=papers[one].title + " revisited")
    title_memo: dict = {}
    loader.check_duplicate_papers(papers, paper_lines, memo=title_memo)
    versions = [edited, papers]

    def after_one_edit():
        versions.reverse()
        loader.check_duplicate_papers(versions[0], paper_lines, memo=title_memo)

    ref = load_reference()
    ref_published = ref.ref_newest_first(p for p in content.papers if p.published)
    passes = {     # name: (now, before)
        "loader.check_duplicate_papers": (lambda: loader.check_duplicate_papers(*duplicate_args),
                                          lambda: ref.ref_check_duplicate_papers(*duplicate_args)),
        "  ... one title edited (memo)": (after_one_edit, lambda: ref.ref_check_duplicate_papers(*duplicate_args)),
        "loader.check_author_names": (lambda: loader.check_author_names(*name_args),
                                      lambda: ref.ref_check_author_names(*name_args)),
        "linking.link": (lambda: linking.link(content), lambda: ref.ref_link(content)),
        "citations.assign_keys": (lambda: citations.assign_keys(published),
                                  lambda: ref.ref_assign_keys(ref_published)),
        "views.prepare (texts memoised)": (lambda: views.prepare(
            content, links, lambda url: "https://example.org/" + url, 1, memo), None),
    }
    print(f"{content_dir}: {len(content.papers)} papers, {len(content.authors)} authors; "
          f"CPU seconds, best (median) of {args.repeat}")
    print(f"  {'pass':32} {'before':>16} {'now':>16}  speed-up")
    totals = [0.0, 0.0]
    for name, runs in passes.items():
        now, before = cpu_times(runs, args.repeat)
        cells = []
        for i, times in enumerate((before, now)):
            if times:
                totals[i] += min(times) if before and not name.startswith(" ") else 0.0
                cells.append(f"{min(times):7.3f} ({statistics.median(times):6.3f})")
            else:
                cells.append(f"{'-':>16}")
        ratio = f"{min(before) / min(now):6.1f}x" if before else ""
        print(f"  {name:32} {cells[0]} {cells[1]}  {ratio}")
    print(f"  {'total (with a before, clean)':32} {totals[0]:16.3f} {totals[1]:16.3f}  "
          f"{totals[0] / totals[1]:6.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
