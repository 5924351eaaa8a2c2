"""CPU time of the whole-site passes every build runs, even after a one-paper edit.

    python3 benchmarks/bench_checks.py [--content DIR] [--repeat 5]

The passes: loader.check_duplicate_papers, loader.check_author_names,
linking.link, citations.assign_keys and views.prepare with its texts already
memoised (what an incremental build pays: the AuthorView loop and the
PaperView records). Each is timed with time.process_time (the machine is
shared, wall time would measure the neighbours) and the best of --repeat runs
is printed, with the median beside it. Memoised helpers are emptied before
each run, as a new build process starts with them empty.

The content is read once with the project's loader; the checks get exactly the
arguments load_content gives them. Default content: the 10,000-paper bilingual
corpus of bench_build.py (benchmarks/out/n10000/content-2lang) if present,
otherwise one generated with corpus.py into a temporary folder.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from site_builder import citations, linking, loader, views  # noqa: E402
from site_builder.linking import newest_first  # noqa: E402

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


def cpu_times(run, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        forget_memoised_calls()
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return times


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

    passes = {
        "loader.check_duplicate_papers": lambda: loader.check_duplicate_papers(*duplicate_args),
        "loader.check_author_names": lambda: loader.check_author_names(*name_args),
        "linking.link": lambda: linking.link(content),
        "citations.assign_keys": lambda: citations.assign_keys(published),
        "views.prepare (texts memoised)": lambda: views.prepare(
            content, links, lambda url: "https://example.org/" + url, 1, memo),
    }
    print(f"{content_dir}: {len(content.papers)} papers, {len(content.authors)} authors; "
          f"CPU seconds, best and median of {args.repeat}")
    total = 0.0
    for name, run in passes.items():
        times = cpu_times(run, args.repeat)
        total += min(times)
        print(f"  {name:32} {min(times):7.3f}  {statistics.median(times):7.3f}")
    print(f"  {'total':32} {total:7.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
