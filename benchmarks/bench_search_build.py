"""Search-stage benchmark: CPU time of search.search_files on a seeded corpus, cold and warm.

What a build spends on the search index for every language, measured in-process with
time.process_time (the machine is shared, so wall time would mostly measure neighbours):

- cold: no memo (a clean build, or a build without a cache);
- warm: the memo the cold build left, passed through pickle as cache.py stores it, after one
  paper's title was edited (an incremental build); once with search.py hashing every paper
  to find what changed, once given digests the build has made anyway (``digests``). The
  memo's load time (unpickling, paid by every incremental build) and its pickled size are
  reported too.

Each measurement starts with the module's in-process caches emptied, as a new build process
would. The warm output is checked to be byte-identical to a cold build of the edited content.

    python benchmarks/corpus.py --papers 10000 --languages en,fr --out /tmp/s10k --seed 1
    python benchmarks/bench_search_build.py --content /tmp/s10k [--runs 3]
"""
from __future__ import annotations

import argparse
import dataclasses
import hashlib
import pickle
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from site_builder import render, search  # noqa: E402
from site_builder.loader import load_content  # noqa: E402


def fresh_process_state() -> None:
    """What a new build process starts with: no folded words, no last index."""
    for cached in (search._word_tokens, search._name_tokens, search._name_key):
        cached.cache_clear()
    search._MARKS.clear()
    search._last_index = None


def run(content, strings, memo, digests=None) -> tuple[float, dict]:
    fresh_process_state()
    started = time.process_time()
    files = {lang: search.search_files(content, lang, strings[lang], memo, digests)
             for lang in content.site.languages}
    return time.process_time() - started, files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", default="benchmarks/out/n10000/content-2lang")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    started = time.perf_counter()
    content, _ = load_content(args.content)
    content = dataclasses.replace(content, papers=tuple(p for p in content.papers if p.published))
    strings = render.load_strings(content.site.languages)
    print(f"{len(content.papers)} published papers, {len(content.authors)} authors, "
          f"languages {','.join(content.site.languages)} (loaded in {time.perf_counter() - started:.1f}s)")

    cold, filling, warm, warm_digests, loads = [], [], [], [], []
    for number in range(args.runs):
        seconds, files = run(dataclasses.replace(content), strings, None)
        cold.append(seconds)
        memo = {}
        seconds, _ = run(dataclasses.replace(content), strings, memo)          # a first build with a cache
        filling.append(seconds)
        stored = pickle.dumps(memo, protocol=pickle.HIGHEST_PROTOCOL)
        papers = list(content.papers)
        papers[number * 37 % len(papers)] = dataclasses.replace(papers[number * 37 % len(papers)],
                                                                 title=f"Edited title number {number}")
        edited = dataclasses.replace(content, papers=tuple(papers))
        load_started = time.process_time()
        memo = pickle.loads(stored)
        loads.append(time.process_time() - load_started)
        seconds, warm_files = run(edited, strings, memo)
        warm.append(seconds)
        # As the build can do: paper digests it has already made (views' PaperView.digest).
        digests = {p.id: hashlib.blake2b(repr(p).encode(), digest_size=16).digest() for p in content.papers}
        memo = {}
        run(dataclasses.replace(content), strings, memo, digests)
        memo = pickle.loads(pickle.dumps(memo, protocol=pickle.HIGHEST_PROTOCOL))
        digests = {p.id: hashlib.blake2b(repr(p).encode(), digest_size=16).digest() for p in edited.papers}
        seconds, digest_files = run(edited, strings, memo, digests)
        warm_digests.append(seconds)
        _, expected = run(dataclasses.replace(edited), strings, None)
        if warm_files != expected or digest_files != expected:
            print("ERROR: the warm output differs from a cold build of the same content")
            return 1
    count = sum(len(f) for f in files.values())
    size = sum(len(b) for f in files.values() for b in f.values())
    print(f"output: {count} files, {size / 1e6:.1f} MB for {len(files)} languages; "
          f"memo pickled: {len(stored) / 1e6:.1f} MB")

    def show(label, values):
        print(f"{label:<34} median {statistics.median(values) * 1000:7.0f} ms  "
              f"min {min(values) * 1000:7.0f}  max {max(values) * 1000:7.0f}  (CPU, {len(values)} runs)")
    show("cold (no memo), all languages", cold)
    show("cold, filling the memo", filling)
    show("warm (one title edited)", warm)
    show("warm, the build's digests given", warm_digests)
    show("memo unpickling", loads)
    return 0


if __name__ == "__main__":
    sys.exit(main())
