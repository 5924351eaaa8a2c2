"""How fast `check` validates a big content/ folder.

    python3 benchmarks/bench_check.py [--papers 10000] [--authors 2000]

Writes a synthetic content tree (realistic field mix, a few misspelt author
names and near-duplicate titles so the cross-file checks have work to do)
into a temporary folder, then times load_content and prints papers/s.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from site_builder.build.loader import load_content  # noqa: E402

WORDS = ("learning deep reinforcement scaling laws equilibrium propagation mixture experts "
         "policy gradient language models human feedback graph neural networks robust causal "
         "inference bayesian optimisation sparse attention transformers vision diffusion").split()
FIRST = "Jane John Marie Rémi Ana Chen Yoshua Hugo Léa Omar Sara Ivan Mila Paul Zoé".split()
LAST = "Doe Smith Munos Tremblay Gagnon Roy Côté Bouchard Wang Li Garcia Müller Rossi".split()


def write_tree(root: Path, papers: int, authors: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    (root / "papers").mkdir(parents=True)
    (root / "authors").mkdir()
    (root / "site.yaml").write_text("title: Bench\nlanguages: [en, fr]\ndefault_language: en\n", "utf-8")
    names = sorted({f"{rng.choice(FIRST)} {rng.choice(LAST)}-{i}" for i in range(authors)})
    for i, name in enumerate(names):
        (root / "authors" / f"author-{i}.yaml").write_text(
            f"# yaml-language-server: $schema=../../schemas/author.schema.json\n"
            f"name: \"{name}\"\naliases: [\"{name.upper()}\"]\nrole: PhD student\n", "utf-8")
    for i in range(papers):
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 12))).capitalize() + f" {i}"
        people = [rng.choice(names) for _ in range(rng.randint(1, 8))]
        if i % 100 == 0:
            people.append(people[0][:-1] + "x")          # a misspelt name
        body = "\n".join(f"  - \"{p}\"" for p in dict.fromkeys(people))
        (root / "papers" / f"paper-{i}.yaml").write_text(
            "# yaml-language-server: $schema=../../schemas/paper.schema.json\n"
            f"title: \"{title}\"\nauthors:\n{body}\n"
            f"abstract: >-\n  {' '.join(rng.choice(WORDS) for _ in range(150))}\n"
            f"date: {rng.randint(2000, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}\n"
            f"status: published\nsources: [\"000_dump.txt:{i * 7 + 1}\"]\n", "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=10_000)
    parser.add_argument("--authors", type=int, default=2_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "content"
        write_tree(root, args.papers, args.authors)
        start = time.perf_counter()
        content, problems = load_content(root)
        elapsed = time.perf_counter() - start
    warnings = sum(not p.is_error for p in problems)
    print(f"papers: {len(content.papers)}  authors: {len(content.authors)}  "
          f"errors: {len(problems) - warnings}  warnings: {warnings}")
    print(f"load_content: {elapsed:.2f}s  ({len(content.papers) / elapsed:,.0f} papers/s)")


if __name__ == "__main__":
    main()
