"""Synthetic dumps with known duplicates, for benchmarks/bench_ingest.py.

    python3 benchmarks/ingest_synth.py OUT_DIR [--records 100000] [--seed 1]

Writes OUT_DIR/seeds/*.txt (listings with French and English markers, "Last, First"
listings, Daily Papers pages and abstract pages) and OUT_DIR/truth.json mapping each
record's "file:line" to the id of the paper it really is. Duplicates vary the way real
dumps do: case and punctuation of titles, a typo, initials, missing accents, a dropped
author, "Last, First" names, abstracts truncated at different points, missing fields.
Deterministic for a given seed.
"""
from __future__ import annotations

import argparse
import json
import random
import string
from pathlib import Path

CONSONANTS = "bcdfghjklmnprstvz"      # made-up title words
VOWELS = "aeiou"
NAME_CONSONANTS = "bdgkmnrstzl"       # made-up names: mostly another alphabet, as real names and
NAME_VOWELS = "aeiouy"                # title words are mostly different vocabularies
ACCENTED = {"e": "é", "a": "à", "o": "ö", "u": "ü", "i": "ï", "c": "ç"}
TOPIC_WORDS = """learning networks optimization policies gradients inference representations transformers
graphs agents planning exploration rewards kernels sampling estimation models language vision robots
retrieval memory attention diffusion scaling alignment preferences control games markets proteins
molecules images speech dialogue reasoning programs proofs circuits sensors maps trajectories""".split()
ADJECTIVES = """robust efficient scalable adaptive sparse deep stochastic causal federated private fair
hierarchical contrastive generative implicit explicit online offline multi-task continual latent""".split()
FUNCTION = ["for", "of", "with", "in", "via", "towards", "on", "from", "under", "beyond"]


def pseudo_word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(CONSONANTS) + rng.choice(VOWELS) for _ in range(syllables))


def pseudo_name(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(NAME_CONSONANTS) + rng.choice(NAME_VOWELS) for _ in range(syllables)) + rng.choice("nrsk")


class World:
    """The ground truth: papers with titles, authors and abstracts, and the people who wrote them."""

    def __init__(self, n_papers: int, rng: random.Random):
        self.rng = rng
        n_people = max(20, n_papers // 2)
        firsts = [pseudo_name(rng, rng.choice((1, 2))).capitalize() for _ in range(max(50, n_people // 20))]
        seen: set[tuple[str, ...]] = set()
        self.people: list[tuple[str, ...]] = []
        while len(self.people) < n_people:
            given = [rng.choice(firsts)] + ([rng.choice(firsts)] if rng.random() < 0.25 else [])
            surname = pseudo_name(rng, rng.choice((2, 3, 3))).capitalize()
            if rng.random() < 0.2:   # some names carry accents
                surname = "".join(ACCENTED.get(c, c) if i == 1 else c for i, c in enumerate(surname))
            key = tuple(given) + (surname,)
            if key not in seen:
                seen.add(key)
                self.people.append(key)
        self.papers = []
        titles: set[str] = set()
        while len(self.papers) < n_papers:
            words = [rng.choice(ADJECTIVES).capitalize(), rng.choice(TOPIC_WORDS), rng.choice(FUNCTION),
                     pseudo_word(rng, 3), rng.choice(TOPIC_WORDS)]
            if rng.random() < 0.6:
                words += [rng.choice(FUNCTION), pseudo_word(rng, rng.choice((2, 3))), rng.choice(TOPIC_WORDS)]
            title = " ".join(words)
            if title in titles:
                continue
            titles.add(title)
            authors = rng.sample(range(len(self.people)), rng.randint(1, 6))
            sentences = [" ".join(pseudo_word(rng, rng.randint(1, 3)) for _ in range(rng.randint(8, 16))).capitalize() + "."
                         for _ in range(rng.randint(3, 6))]
            self.papers.append({"title": title, "authors": authors, "abstract": " ".join(sentences)})


def name_variant(person: tuple[str, ...], rng: random.Random, last_first: bool) -> str:
    given, surname = list(person[:-1]), person[-1]
    roll = rng.random()
    if roll < 0.15:
        given = [g[0] + "." for g in given]                         # initials
    elif roll < 0.25 and len(given) > 1:
        given = given[:1]                                           # missing middle name
    if rng.random() < 0.2:
        surname = surname.translate(str.maketrans("éàöüïç", "eaouic"))  # missing accents
    if last_first:
        return f"{surname}, {' '.join(given)}"
    return " ".join(given + [surname])


def title_variant(title: str, rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.2:
        return title.lower().capitalize()
    if roll < 0.35:
        return " ".join(w.capitalize() if w not in FUNCTION else w for w in title.split())
    if roll < 0.45:                                                  # one typo in a long word
        words = title.split()
        i = max(range(len(words)), key=lambda k: len(words[k]))
        w = words[i]
        j = rng.randrange(1, len(w) - 1)
        words[i] = w[:j] + rng.choice(string.ascii_lowercase) + w[j + 1:]
        return " ".join(words)
    if roll < 0.5:
        return title + "."
    return title


def truncated(abstract: str, rng: random.Random, marker: str) -> str:
    cut = rng.randint(80, max(81, len(abstract) - 1))   # pages cut abstracts after a line or two
    return abstract[:cut] + marker + abstract[cut:] if rng.random() < 0.5 else abstract[:cut] + marker


def generate(out: Path, records: int, seed: int = 1, per_file: int = 2000) -> dict[str, int]:
    rng = random.Random(seed)
    world = World(max(1, int(records / 1.6)), rng)
    seeds = out / "seeds"
    seeds.mkdir(parents=True, exist_ok=True)
    truth: dict[str, int] = {}
    with_abstract: set[str] = set()
    titleless: set[str] = set()
    plan: list[int] = []
    for index in range(len(world.papers)):
        plan += [index] * rng.choice((1, 1, 2, 2, 3))
    rng.shuffle(plan)
    plan = plan[:records]
    for f, start in enumerate(range(0, len(plan), per_file)):
        chunk = plan[start:start + per_file]
        kind = ("listing_fr", "listing_en", "listing_lf", "daily", "abstracts")[f % 5] if f else "listing_fr"
        name = f"{f:04d}_{kind}.txt"
        lines: list[str] = []
        if kind == "daily":
            lines += ["Daily Papers", "", "byAK and the research community", ""]
        if kind == "abstracts":
            lines += ["Universite de Synthese", ""]
        for index in chunk:
            paper = world.papers[index]
            source = f"{name}:{len(lines) + 1}"
            truth[source] = index
            if kind == "abstracts":
                lines.append("Abstract:" + paper["abstract"])
                titleless.add(source)
                continue
            title = title_variant(paper["title"], rng)
            if kind == "daily":
                with_abstract.add(source)
                lines += [title, "", paper["abstract"][:240], "", f"  • {len(paper['authors'])} authors", "·",
                          f"{rng.choice(['Jan', 'Mar', 'Jun', 'Oct'])} {rng.randint(1, 28)}, {rng.randint(2015, 2025)}", ""]
                continue
            lines.append(title)
            authors = list(paper["authors"])
            if len(authors) > 2 and rng.random() < 0.15:
                authors.pop(rng.randrange(len(authors)))              # an author missing
            if rng.random() > 0.05:
                lines += [name_variant(world.people[a], rng, kind == "listing_lf") for a in authors]
            if rng.random() < 0.7:
                with_abstract.add(source)
                marker = "… (voir plus)" if kind == "listing_fr" else "… (see more)"
                lines.append(truncated(paper["abstract"], rng, marker))
        (seeds / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    # a titleless record can only be joined through an abstract that a titled version also prints
    evidence = {index for source, index in truth.items() if source in with_abstract}
    no_evidence = sorted(s for s, index in truth.items() if s in titleless and index not in evidence)
    (out / "truth.json").write_text(json.dumps({"records": truth, "no_evidence": no_evidence}, sort_keys=True),
                                    encoding="utf-8")
    return truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    truth = generate(args.out, args.records, args.seed)
    print(f"{len(truth)} records, {len(set(truth.values()))} distinct papers in {args.out / 'seeds'}")


if __name__ == "__main__":
    main()
