"""Search-stage benchmark: CPU time of search.search_files on a seeded corpus, cold and warm.

What a build spends on the search index for every language, measured in-process with
time.process_time (the machine is shared, so wall time would mostly measure neighbours):

- cold: no memo (a clean build, or a build without a cache), and a first build filling one;
- warm: the memo a build left, passed through pickle as cache.py stores it, after one edit
  (an incremental build): a paper's title or abstract, its date (it moves in the list), a
  paper made a draft, deleted, or added as the newest. Each with search.py hashing every
  paper to find what changed, and given digests the build has made anyway (``digests``:
  the views' paper digests; their unpickling is not counted). The memo's load time (unpickling, paid by
  every incremental build) and its pickled size are reported too.

Each measurement starts with the module's in-process caches emptied, as a new build process
would. Every warm output is checked to be byte-identical to a cold build of the edited content.
Then, in one more cold run outside the timed ones, the memory Python allocated for it (tracemalloc:
the peak, and what stays held).

    python benchmarks/corpus.py --papers 10000 --languages en,fr --out /tmp/s10k --seed 1
    python benchmarks/bench_search_build.py --content /tmp/s10k [--runs 3] [--extra-words 15]

The corpus's abstracts draw on a few hundred words, far fewer than real ones; ``--extra-words N``
adds N words per abstract from a seeded 60,000-word vocabulary (about 55,000 tokens at 10k
papers), where the cost per token shows.
"""
from __future__ import annotations

import argparse
import dataclasses
import hashlib
import pickle
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from site_builder.build import render, search  # noqa: E402
from site_builder.build.loader import load_content  # noqa: E402


def fresh_process_state() -> None:
    """What a new build process starts with: no folded words, no last index."""
    for name in ("_word_tokens", "_word_abstract_tokens", "_name_tokens", "_name_key", "_small_numbers"):
        if hasattr(getattr(search, name, None), "cache_clear"):
            getattr(search, name).cache_clear()
    for name in ("_WORD_TOKENS", "_ABSTRACT_WORDS"):
        if hasattr(search, name):
            getattr(search, name).clear()
    search._MARKS.clear()
    search._last_index = None


def run(content, strings, memo, digests=None) -> tuple[float, dict]:
    fresh_process_state()
    started = time.process_time()
    files = {lang: search.search_files(content, lang, strings[lang], memo, digests)
             for lang in content.site.languages}
    return time.process_time() - started, files


def traced_memory(content, strings) -> tuple[int, int]:
    """(peak, still held) bytes that Python allocated while making the index from scratch. The
    peak is what a build holds beside everything else while the page workers run: 10,000 sets
    of abstract tokens once made it 119 MB at 10k papers (63 MB once they were lists)."""
    fresh_process_state()
    tracemalloc.start()
    try:
        memo: dict = {}
        files = {lang: search.search_files(content, lang, strings[lang], memo) for lang in content.site.languages}
        kept, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del files, memo
    return peak, kept


def digests_of(content) -> dict[str, bytes]:
    return {p.id: hashlib.blake2b(repr(p).encode(), digest_size=16).digest() for p in content.papers}


def edits(content, number: int) -> dict:
    """One edited copy of the content per kind of edit."""
    papers = list(content.papers)
    at = (number * 37 + 5000) % len(papers)
    paper = papers[at]

    def with_paper(new):
        changed = list(papers)
        if new is None:
            del changed[at]
        else:
            changed[at] = new
        return dataclasses.replace(content, papers=tuple(changed))
    newest = dataclasses.replace(paper, id=f"brand-new-paper-{number}", title=f"A brand new paper {number}",
                                 date="2027-01-01")
    return {
        "title": with_paper(dataclasses.replace(paper, title=f"Edited title number {number}")),
        "abstract": with_paper(dataclasses.replace(paper, abstract=paper.abstract + " Revised: quokka.")),
        "date (moves 1 year)": with_paper(dataclasses.replace(
            paper, date=str(int(paper.date[:4]) - 1) + paper.date[4:] if paper.date else "2020")),
        "made a draft": with_paper(dataclasses.replace(paper, status="draft")),
        "deleted": with_paper(None),
        "added (newest)": dataclasses.replace(content, papers=(*papers, newest)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", default="benchmarks/out/n10000/content-2lang")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--extra-words", type=int, default=0, help="words added to each abstract")
    args = parser.parse_args()

    started = time.perf_counter()
    content, _ = load_content(args.content)
    content = dataclasses.replace(content, papers=tuple(p for p in content.papers if p.published))
    if args.extra_words:
        rng = random.Random(1)
        vocabulary = [f"w{rng.randrange(1 << 40):x}" for _ in range(60000)]
        content = dataclasses.replace(content, papers=tuple(
            dataclasses.replace(p, abstract=p.abstract + " " + " ".join(rng.choice(vocabulary)
                                                                     for _ in range(args.extra_words)))
            for p in content.papers))
    strings = render.load_strings(content.site.languages)
    print(f"{len(content.papers)} published papers, {len(content.authors)} authors, "
          f"languages {','.join(content.site.languages)} (loaded in {time.perf_counter() - started:.1f}s)")

    times: dict[str, list[float]] = {}
    cold_files = None
    for number in range(args.runs):
        seconds, cold_files = run(dataclasses.replace(content), strings, None)
        times.setdefault("cold (no memo)", []).append(seconds)
        memo: dict = {}
        seconds, _ = run(dataclasses.replace(content), strings, memo)
        times.setdefault("cold, filling the memo", []).append(seconds)
        stored = pickle.dumps(memo, protocol=pickle.HIGHEST_PROTOCOL)
        memo = {}
        run(dataclasses.replace(content), strings, memo, digests_of(content))
        stored_digests = pickle.dumps(memo, protocol=pickle.HIGHEST_PROTOCOL)
        for kind, edited in edits(content, number).items():
            load_started = time.process_time()
            memo = pickle.loads(stored)
            times.setdefault("memo unpickling", []).append(time.process_time() - load_started)
            seconds, files = run(edited, strings, memo)
            times.setdefault(f"warm: {kind}", []).append(seconds)
            digests = digests_of(edited)
            seconds, given = run(edited, strings, pickle.loads(stored_digests), digests)
            times.setdefault(f"warm: {kind}, digests given", []).append(seconds)
            if number == 0:        # a cold build of every edit costs a second or two: once is enough
                _, expected = run(dataclasses.replace(edited), strings, None)
                if files != expected or given != expected:
                    print(f"ERROR: after the edit {kind!r}, the warm output differs from a cold build")
                    return 1
    peak, kept = traced_memory(content, strings)
    print(f"memory of a cold build filling the memo (tracemalloc, one more run, untimed): "
          f"peak {peak / 2**20:.0f} MB, kept {kept / 2**20:.0f} MB (the memo and the files)")
    count = sum(len(f) for f in cold_files.values())
    size = sum(len(b) for f in cold_files.values() for b in f.values())
    print(f"output: {count} files, {size / 1e6:.1f} MB for {len(cold_files)} languages; "
          f"memo pickled: {len(stored) / 1e6:.1f} MB")
    for label, values in times.items():
        print(f"{label:<46} median {statistics.median(values) * 1000:7.0f} ms  "
              f"min {min(values) * 1000:7.0f}  max {max(values) * 1000:7.0f}  (CPU, {len(values)} runs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
