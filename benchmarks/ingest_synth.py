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
import sys
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


# ------------------------------------------------------------------ the BibTeX variant (`import`)

# Unicode -> LaTeX, as BibTeX files written by hand or by older tools spell letters.
_COMBINING_TO_LATEX = {"\u0301": "'", "\u0300": "`", "\u0308": '"', "\u0302": "^", "\u0303": "~", "\u0304": "=",
                       "\u0307": ".", "\u0327": "c", "\u030c": "v", "\u030a": "r", "\u0328": "k", "\u030b": "H",
                       "\u0306": "u"}
_LETTER_TO_LATEX = {"ø": "{\\o}", "Ø": "{\\O}", "ł": "{\\l}", "Ł": "{\\L}", "ß": "{\\ss}", "æ": "{\\ae}",
                    "Æ": "{\\AE}", "ı": "{\\i}", "đ": "{\\dj}", "Đ": "{\\DJ}", "þ": "{\\th}", "Þ": "{\\TH}",
                    "ð": "{\\dh}", "Ð": "{\\DH}", "–": "--", "—": "---", "&": "\\&", "%": "\\%"}


def latex(text: str) -> str:
    """"Erdős–Rényi" -> "Erd{\\H{o}}s--R{\\'e}nyi"."""
    import unicodedata

    out = []
    for char in text:
        if char in _LETTER_TO_LATEX:
            out.append(_LETTER_TO_LATEX[char])
            continue
        parts = unicodedata.normalize("NFD", char)
        marks = [_COMBINING_TO_LATEX.get(m) for m in parts[1:]]
        if len(parts) == 2 and marks[0]:
            mark, base = marks[0], parts[0]
            out.append(f"{{\\{mark}{{{base}}}}}" if mark.isalpha() else f"{{\\{mark}{base}}}")
        else:
            out.append(char)
    return "".join(out)


def _bib_name(person, rng: random.Random) -> str:
    given, family = person.given, person.family
    roll = rng.random()
    if roll < 0.15:
        given = " ".join(part[0] + "." for part in given.replace("-", " ").split() if part[0].isalpha())
    text_given, text_family = given, family
    roll = rng.random()
    if roll < 0.2:
        from corpus import fold_ascii

        text_given, text_family = fold_ascii(given), fold_ascii(family)   # typed on a US keyboard
    elif roll < 0.6:
        text_given, text_family = latex(given), latex(family)
    if "," not in text_family and rng.random() < 0.6:
        return f"{text_family}, {text_given}"
    return f"{text_given} {text_family}"


def _bib_title(title: str, rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.15:                     # sentence case, as Scholar often gives it
        title = title[:1] + title[1:].lower()
    elif roll < 0.35:                   # capitals protected word by word
        title = " ".join("{" + w[0] + "}" + w[1:] if w[:1].isupper() else w for w in title.split())
    elif roll < 0.4:
        title += "."
    elif roll < 0.45:                   # one typo in its longest word
        words = title.split()
        i = max(range(len(words)), key=lambda k: len(words[k]))
        w = words[i]
        if len(w) > 4:
            j = rng.randrange(1, len(w) - 1)
            words[i] = w[:j] + rng.choice(string.ascii_lowercase) + w[j + 1:]
        title = " ".join(words)
    return latex(title) if rng.random() < 0.3 else title.replace("&", "\\&").replace("%", "\\%")


def _bib_entry(key: str, paper: dict, version: str, rng: random.Random) -> str:
    """One export of one version ("preprint" or "published") of a paper, in the style of one tool."""
    authors = paper["people"]
    names = [_bib_name(p, rng) for p in authors]
    if len(names) > 4 and rng.random() < 0.2:
        names = names[:3] + ["others"]              # Scholar cuts long lists
    fields = [("title", _bib_title(paper["title"], rng)), ("author", " and ".join(names))]
    year = paper["year"]
    if version == "preprint":
        style = rng.choice(("scholar", "arxiv", "dblp"))
        if style == "scholar":
            kind, fields = "article", fields + [("journal", f"arXiv preprint arXiv:{paper['arxiv']}")]
        elif style == "arxiv":
            kind, fields = "misc", fields + [("eprint", paper["arxiv"]), ("archivePrefix", "arXiv"),
                                             ("primaryClass", "cs.LG")]
        else:
            kind, fields = "article", fields + [("journal", "CoRR"), ("volume", f"abs/{paper['arxiv']}"),
                                                ("eprint", paper["arxiv"]), ("eprinttype", "arXiv"),
                                                ("url", f"https://arxiv.org/abs/{paper['arxiv']}")]
    else:
        year = paper["published_year"]
        if paper["venue_kind"] == "conference":
            kind, fields = "inproceedings", fields + [("booktitle", paper["venue"]), ("pages", paper["pages"])]
        else:
            kind, fields = "article", fields + [("journal", paper["venue"]), ("volume", paper["volume"]),
                                                ("pages", paper["pages"])]
        if paper["doi"]:
            fields.append(("doi", paper["doi"]))
    fields.append(("year", str(year)))
    if rng.random() < 0.3:
        fields.append(("month", "jan feb mar apr may jun jul aug sep oct nov dec".split()[paper["month"] - 1]))
    if rng.random() < 0.4:
        fields.append(("abstract", paper["abstract"].replace("%", "\\%").replace("&", "\\&")))
    body = ",\n".join(f"  {name} = {value}" if name == "month" else f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{key},\n{body}\n}}\n"


def generate_bibtex(out: Path, records: int = 10_000, site_papers: int = 10_000, seed: int = 1,
                    files: int = 5) -> dict[str, str]:
    """A site (``corpus.py --papers site_papers --seed seed``, in OUT/content) and ``files`` BibTeX
    exports (OUT/exports/refs-N.bib) holding ``records`` entries: about 40 % are versions of papers
    the site has, the rest papers it does not, many of them more than once (a preprint and its
    published version, two co-authors' exports), in the styles of Google Scholar, arXiv and DBLP,
    with names as "Family, Given" or initials, with or without accents or in LaTeX, titles in
    sentence case, with protected capitals or a typo. Returns (and writes to OUT/truth.json)
    each record's "file:line" -> the paper it is: "site:<entry id>" or "new:<n>"."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import corpus

    rng = random.Random(seed * 7919 + 13)
    corpus.write_corpus(out / "content", site_papers, ["en"], seed)
    taken: set[tuple] = set()
    people, entries = corpus.make_corpus(site_papers, seed, taken)
    by_name = {p.name: p for p in people} | {a: p for p in people for a in p.aliases}

    numbers = iter(rng.sample(range(10000, 100000), 90000))

    def paper(key: str, title: str, persons: list, year: int) -> dict:
        published = rng.random() < 0.7
        conference = rng.random() < 0.6
        return {"key": key, "title": title, "people": persons, "year": year, "month": rng.randint(1, 12),
                "abstract": corpus.make_abstract(rng),
                "arxiv": f"{year % 100:02d}{rng.randint(1, 12):02d}.{next(numbers):05d}",   # unique, as arXiv's are
                "published_year": year + (rng.random() < 0.3), "venue_kind": "conference" if conference else "journal",
                "venue": (f"Proceedings of the {rng.choice(('International', 'European', 'Asian'))} Conference on "
                          f"{rng.choice(corpus.CONTEXTS).title()}" if conference else
                          f"Journal of {rng.choice(corpus.CONTEXTS).title()}"),
                "volume": str(rng.randint(1, 60)), "pages": f"{(p := rng.randint(1, 900))}--{p + rng.randint(5, 20)}",
                "doi": f"10.5555/{key.replace(':', '.')}" if published and rng.random() < 0.6 else "",
                "published": published}

    plan: list[tuple[dict, str]] = []
    site_share = int(records * 0.4)
    for entry in rng.sample(entries, min(len(entries), site_share)):
        if entry.status != "published" or len(plan) >= site_share:
            continue
        item = paper(f"site:{entry.id}", entry.title, [by_name[n] for n in entry.authors], int(entry.date[:4]))
        item["published_year"] = item["year"]        # the site's date is the published one's year
        item["abstract"] = entry.abstract.replace("\n", "\n\n")   # the site's, as exports print it
        for version in rng.choice((["published"], ["preprint"], ["preprint", "published"])):
            plan.append((item, version))
    ranked = people[:]
    n = 0
    while len(plan) < records:
        n += 1
        persons = rng.sample(ranked, max(1, min(8, round(rng.lognormvariate(1.2, 0.5)))))
        item = paper(f"new:{n}", corpus.make_title(rng, taken), persons, rng.randint(2015, 2026))
        versions = (["preprint", "published"] if item["published"] else ["preprint"]) * rng.choice((1, 1, 2))
        for version in rng.sample(versions, rng.randint(1, len(versions))):
            plan.append((item, version))
    plan = plan[:records]
    rng.shuffle(plan)

    exports = out / "exports"
    exports.mkdir(parents=True, exist_ok=True)
    truth: dict[str, str] = {}
    per_file = -(-len(plan) // files)
    for f in range(files):
        name = f"refs-{f + 1}.bib"
        lines: list[str] = [f"% export {f + 1} of {files}", ""]
        for k, (item, version) in enumerate(plan[f * per_file:(f + 1) * per_file]):
            truth[f"{name}:{len(lines) + 1}"] = item["key"]
            entry = _bib_entry(f"k{f + 1}x{k}", item, version, rng)
            lines += entry.rstrip("\n").split("\n") + [""]
        (exports / name).write_text("\n".join(lines), encoding="utf-8")
    (out / "truth.json").write_text(json.dumps({"records": truth}, sort_keys=True), encoding="utf-8")
    return truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--bibtex", action="store_true",
                        help="write a 10,000-paper content/ and BibTeX exports against it instead (import)")
    parser.add_argument("--site-papers", type=int, default=10_000, help="with --bibtex: papers the site has")
    args = parser.parse_args()
    if args.bibtex:
        truth = generate_bibtex(args.out, args.records, args.site_papers, args.seed)
        print(f"{len(truth)} BibTeX entries of {len(set(truth.values()))} distinct papers in {args.out / 'exports'}, "
              f"against {args.site_papers} papers in {args.out / 'content'}")
        return
    truth = generate(args.out, args.records, args.seed)
    print(f"{len(truth)} records, {len(set(truth.values()))} distinct papers in {args.out / 'seeds'}")


if __name__ == "__main__":
    main()
