"""Search benchmark: index size and in-browser query latency on a synthetic site.

Builds a seeded N-paper corpus (default 10,000) in the CONTRACT format, runs
the real ``build`` on it, serves output/ on 127.0.0.1 and, in headless
Chromium, types queries into the search box on a paper page, measuring the
time from the keystroke to the first result on screen (cold: first query,
index and shard downloaded; warm: later queries).

    python3 benchmarks/search_bench.py [--papers 10000] [--runs 5] [--corpus own|shared] [--keep DIR] [--pagefind]

``--index-only`` skips the build and the browser and reports sizes only;
``--pagefind`` also indexes the same paper pages with Pagefind, for comparison.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FIRST = ["Rémi", "Ana", "José", "Zoë", "Björn", "Chloé", "Łukasz", "Søren", "Mei", "Yuki", "Oluwaseun",
         "Aarav", "Fatima", "Hélène", "Jürgen", "Nguyễn", "Ilse", "Pablo", "Ines", "Kwame", "Noémie",
         "Dmitri", "Sofía", "Tomás", "Ayşe", "Leïla", "François", "Mikael", "Priya", "Omar"]
LAST = ["Munos", "García", "Müller", "Dubois", "Nakamura", "Okafor", "Kowalski", "Nørgaard", "Chen",
        "Rossi", "Lefèvre", "Haddad", "Sánchez", "Ivanova", "Öztürk", "Papadopoulos", "Silva", "Tanaka",
        "Bernard", "Fontaine", "Schröder", "Kim", "Singh", "Moreau", "Ahmed", "Novák", "Eriksson"]


def _vocabulary(rng: random.Random) -> list[str]:
    """Real words from the seed dumps, padded with pseudo-words to ~30,000."""
    words: set[str] = set()
    for dump in sorted((ROOT / "seeds").glob("*.txt")):
        words |= set(re.findall(r"[a-zA-Z]{3,}", dump.read_text(encoding="utf-8").lower()))
    syllables = ["ra", "to", "mi", "ne", "lo", "qua", "tri", "ver", "sen", "dal", "po", "gra", "ex",
                 "ion", "ent", "al", "ic", "ous", "ble", "ment", "ation", "ized"]
    while len(words) < 30_000:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def write_corpus(root: Path, papers: int, seed: int = 7) -> None:
    """A seeded corpus: Zipf-skewed authors and words, dates 2015-2026, a few drafts."""
    import yaml

    rng = random.Random(seed)
    vocab = _vocabulary(rng)
    rng.shuffle(vocab)
    weights = [1 / (rank + 1) for rank in range(len(vocab))]
    names = sorted({(f, m, l) for f in FIRST for m in "ABCDEFGHIJKLMNOPRSTVW" for l in LAST})
    people = []
    for i, (first, middle, last) in enumerate(rng.sample(names, min(max(papers // 2, 1), len(names)))):
        people.append((f"{re.sub(r'[^a-z]', '', last.lower()[:8])}-{i}", f"{first} {middle}. {last}"))
    person_weights = [1 / (rank + 1) ** 0.8 for rank in range(len(people))]
    (root / "papers").mkdir(parents=True, exist_ok=True)
    (root / "authors").mkdir(parents=True, exist_ok=True)
    (root / "site.yaml").write_text("title: Benchmark Lab\nbase_url: /\nlanguages: [en, fr]\ndefault_language: en\n",
                                    encoding="utf-8")
    used = {}
    for n in range(papers):
        authors = []
        for pid, name in rng.choices(people, person_weights, k=rng.randint(1, 20)):
            if name not in authors:
                authors.append(name)
                used[pid] = name
        abstract = ""
        while len(abstract) < rng.randint(800, 1800):
            abstract += " ".join(rng.choices(vocab, weights, k=12)).capitalize() + ". "
        entry = {
            "title": " ".join(rng.choices(vocab, weights[:5000] + [0] * (len(vocab) - 5000), k=rng.randint(4, 12))).capitalize(),
            "authors": authors,
            "abstract": abstract.strip(),
            "date": f"{rng.randint(2015, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        }
        if n % 97 == 0:
            entry["status"] = "draft"
        (root / "papers" / f"paper-{n:06d}.yaml").write_text(yaml.safe_dump(entry, allow_unicode=True, sort_keys=False),
                                                            encoding="utf-8")
    for pid, name in sorted(used.items()):
        (root / "authors" / f"{pid}.yaml").write_text(yaml.safe_dump({"name": name}, allow_unicode=True),
                                                      encoding="utf-8")
    add_seed_case(root)


def add_seed_case(root: Path) -> None:
    """The seed case the queries look for: one person under several spellings."""
    (root / "authors" / "remi-munos.yaml").write_text(
        "name: Rémi Munos\naliases: [Remi Munos, R'emi Munos]\n", encoding="utf-8")
    (root / "papers" / "nash-learning-from-human-feedback.yaml").write_text(
        "title: Nash Learning from Human Feedback\nauthors: [R'emi Munos, Michal Valko]\n"
        "abstract: We term this approach Nash learning from human feedback (NLHF).\ndate: 2024-06-01\n",
        encoding="utf-8")


def index_sizes(content_dir: Path) -> dict:
    from site_builder.build.loader import load_content
    from site_builder.build.search import search_files

    content, _ = load_content(content_dir)
    started = time.perf_counter()
    files = search_files(content, "en", {})
    seconds = time.perf_counter() - started
    table = json.loads(files["search/index.json"])
    gz = {k: len(gzip.compress(v, 9)) for k, v in files.items()}
    shards = sorted((gz[f"search/{n}"], n) for n in table["shards"].values())
    chunks = sorted(gz[f"search/{n}"] for n in table["chunks"])
    return {
        "papers": table["count"], "shards": len(shards), "chunks": len(chunks), "seconds": seconds,
        "table_gzip": gz["search/index.json"],
        "all_bytes": sum(map(len, files.values())), "all_gzip": sum(gz.values()),
        "largest_shard": shards[-1][1], "largest_shard_gzip": shards[-1][0],
        "median_shard_gzip": shards[len(shards) // 2][0],
        "median_chunk_gzip": chunks[len(chunks) // 2], "largest_chunk_gzip": chunks[-1],
        # worst first query: index.json, its shard, and ten results from ten different chunks
        "first_query_gzip": gz["search/index.json"] + shards[-1][0] + sum(chunks[-10:]),
    }


# Seed names and words that occur in the corpus, some misspelt. The own corpus draws its words from the
# seed dumps; the shared one (benchmarks/corpus.py) from a small vocabulary, so its words are in thousands
# of papers each: long posting lists.
QUERIES = {
    "own": ["munos", "r'emi", "nash", "learning", "optimizaton", "preferen", "human feedbak",
            "bayesian optimization"],
    "shared": ["munos", "r'emi", "nash", "inference", "optimisaton", "protein fol", "seismic invresion",
               "bayesian transformers medical imaging"],
}

LISTEN = """() => {
  window.__latencies = [];
  document.querySelector("form[data-search]").addEventListener("search:results", (e) => {
    const typed = performance.now() - e.detail.ms;        // the keystroke's timestamp
    // after the next frame is painted
    requestAnimationFrame(() => setTimeout(() => window.__latencies.push(
        {q: e.detail.query, total: e.detail.total, ms: performance.now() - typed})));
  });
}"""


def _serve_forever(directory: str, ports) -> None:
    import functools
    import http.server

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=directory))
    ports.put(server.server_port)
    server.serve_forever()


def _serve(directory: Path):
    """A static server in its own process, so the browser driver never competes with it for the GIL."""
    import multiprocessing

    ports = multiprocessing.Queue()
    process = multiprocessing.Process(target=_serve_forever, args=(str(directory), ports), daemon=True)
    process.start()
    return process, ports.get(timeout=30)


def _stats(values: list[float]) -> str:
    values = sorted(values)
    return (f"median {values[len(values) // 2]:.1f} ms, p95 {values[int(len(values) * 0.95) - 1 if len(values) > 1 else 0]:.1f} ms,"
            f" max {values[-1]:.1f} ms (n={len(values)})")


def browser_latency(work: Path, content: Path, runs: int, queries: list[str]) -> int:
    """Time from keystroke to the results painted, on a paper page of the built site."""
    from playwright.sync_api import sync_playwright

    output = work / "output"
    if not (output / "en" / "search" / "index.json").exists():
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "site_builder", "build", "--content", str(content),
                               "--out", str(output), "--quiet"], cwd=ROOT, capture_output=True, text=True)
        if done.returncode:
            print(done.stderr[-3000:], "build failed", file=sys.stderr)
            return 1
        print(f"site built in {time.perf_counter() - started:.1f} s")
    server, port = _serve(output)
    page_url = f"http://127.0.0.1:{port}/en/papers/nash-learning-from-human-feedback/"
    cold, warm, per_key = [], [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        for run in range(runs):
            context = browser.new_context()          # empty cache: the first query downloads the index
            page = context.new_page()
            page.goto(page_url, wait_until="load")
            page.evaluate(LISTEN)
            box = page.locator("#site-search-input")
            for n, query in enumerate(queries):
                box.fill("")
                page.wait_for_timeout(300)           # a visitor reads the results before typing again
                page.evaluate("() => { window.__latencies = []; }")
                box.fill(query)                      # one input event: the whole query at once
                page.wait_for_function("() => window.__latencies.length > 0", timeout=10_000)
                hit = page.evaluate("() => window.__latencies[0]")
                (cold if n == 0 else warm).append(hit["ms"])
                if run == 0:
                    print(f"  {query!r}: {hit['total']} results in {hit['ms']:.1f} ms{' (cold)' if n == 0 else ''}")
            box.fill("")
            page.evaluate("() => { window.__latencies = []; }")
            box.press_sequentially("reinforcement", delay=60)   # as typed: one search per keystroke
            page.wait_for_timeout(300)
            per_key += [h["ms"] for h in page.evaluate("() => window.__latencies")]
            context.close()
        browser.close()
    server.terminate()
    print(f"machine load while measuring (1-min average, {os.cpu_count()} cores): {os.getloadavg()[0]:.1f}")
    print(f"cold first query (index + shard downloaded): {_stats(cold)}")
    print(f"warm queries: {_stats(warm)}")
    print(f"per keystroke while typing: {_stats(per_key)}")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--papers", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--keep", type=Path, help="build the corpus and site here and keep them")
    ap.add_argument("--corpus", choices=["own", "shared"], default="own",
                    help="own: words from the seed dumps (large vocabulary); shared: benchmarks/corpus.py")
    ap.add_argument("--index-only", action="store_true", help="sizes only: no build, no browser")
    ap.add_argument("--pagefind", action="store_true", help="also index the built site with Pagefind and compare")
    args = ap.parse_args()
    import tempfile

    work = args.keep or Path(tempfile.mkdtemp(prefix="search-bench-"))
    content = work / "content"
    if not (content / "site.yaml").exists():
        if args.corpus == "shared":
            sys.path.insert(0, str(ROOT / "benchmarks"))
            import corpus

            corpus.write_corpus(content, args.papers, ["en", "fr"], seed=1)
            add_seed_case(content)
        else:
            write_corpus(content, args.papers)
    sizes = index_sizes(content)
    kb = lambda n: f"{n / 1024:,.0f} KiB"
    print(f"papers indexed: {sizes['papers']:,} in {sizes['chunks']} document chunks; {sizes['shards']} token shards;"
          f" built in {sizes['seconds']:.2f} s (once for all languages)")
    print(f"whole index on disk: {kb(sizes['all_bytes'])} raw, {kb(sizes['all_gzip'])} gzip")
    print(f"index.json: {kb(sizes['table_gzip'])} gzip; document chunk: median {kb(sizes['median_chunk_gzip'])},"
          f" largest {kb(sizes['largest_chunk_gzip'])} gzip")
    print(f"token shard: median {kb(sizes['median_shard_gzip'])}, largest {kb(sizes['largest_shard_gzip'])} gzip"
          f" ({sizes['largest_shard']})")
    print(f"worst first query downloads (index.json + largest shard + 10 chunks): {kb(sizes['first_query_gzip'])} gzip")
    if args.index_only:
        return 0
    status = browser_latency(work, content, args.runs, QUERIES[args.corpus])
    if args.pagefind and status == 0:
        pagefind_sizes(work / "output")
    return status


def pagefind_sizes(output: Path) -> None:
    """The same papers indexed by Pagefind, for comparison (its files are already gzipped)."""
    target = output.parent / "pagefind-en"
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(output), "--glob", "en/papers/**/*.html",
                           "--output-path", str(target)], capture_output=True, text=True)
    if done.returncode:
        print("pagefind failed:", done.stderr[-2000:])
        return
    seconds = time.perf_counter() - started
    files = [f for f in target.rglob("*") if f.is_file()]
    chunks = sorted(f.stat().st_size for f in (target / "index").iterdir())
    fragments = sorted(f.stat().st_size for f in (target / "fragment").iterdir())
    first = sum((target / name).stat().st_size for name in ("pagefind.js", "wasm.en.pagefind")) + \
        next(f.stat().st_size for f in target.glob("pagefind.en_*.pf_meta"))
    kb = lambda n: f"{n / 1024:,.0f} KiB"
    print(f"pagefind (English paper pages only): {seconds:.1f} s, {len(files):,} files, "
          f"{kb(sum(f.stat().st_size for f in files))} on disk")
    print(f"  first query downloads: pagefind.js + wasm + meta {kb(first)}, an index chunk (median "
          f"{kb(chunks[len(chunks) // 2])}, largest {kb(chunks[-1])}), 10 fragments ({kb(10 * fragments[len(fragments) // 2])})")


if __name__ == "__main__":
    raise SystemExit(main())
