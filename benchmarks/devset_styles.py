"""The dev sets rewritten in the styles other sources print, for bench_devsets.py --styles.

The dev sets are DBLP and ACM listings: one title line, then one author per line, names
"First M. Last". Real dumps from other sources print the same records otherwise: names
"Last FM" (PubMed, Cora), "Last, F. M." (CiteSeer), "FM Last" (Google Scholar), all authors
on one line joined with "and", commas or semicolons, titles in lower case (Google Scholar), cut with "...", an
"et al." line after the first authors, a line of where the paper appeared, records without
authors, each record on one line as a reference list prints it (PubMed, Cora, APA, IEEE), a Google
Scholar profile's rows (names, source, count of citations, year); and "mixed", a citation
set like Cora: each paper cited several times, each citation damaged its own way. Each style
rewrites one set's records, keeps its answer key (the records' lines renumbered), and is
seeded: the same set gives the same rewrite. Written to a temporary folder by the caller, never into
the project.
"""
from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass
class Record:
    title: str
    authors: list[str]
    paper: str = ""          # its paper in the answer key: a paper's twins are printed with one year and venue


@dataclass(frozen=True)
class Publication:
    """Where and when a paper appeared (made up: the dev sets print none), drawn from its ``paper``
    in the answer key: every twin of a paper prints the same facts, each in its own style."""

    year: int
    venue: str          # a conference's or a journal's name
    volume: int
    number: int
    first: int          # the first page
    length: int         # pages after the first

    @classmethod
    def of(cls, paper: str) -> "Publication":
        same = random.Random(paper)
        return cls(same.randrange(1975, 2024), same.choice(("VLDB", "SIGMOD Conference", "ICDE", "EDBT", "PODS",
                                                            "VLDB Journal", "SIGMOD Record",
                                                            "ACM Transactions on Database Systems")),
                   same.randrange(1, 40), same.randrange(1, 5), same.randrange(1, 500), same.randrange(5, 30))

    @property
    def pages(self) -> str:
        return f"{self.first}-{self.first + self.length}"


def _initials(given: list[str], dotted: bool) -> str:
    letters = [g[0] for g in given if g[:1].isalpha()]
    return " ".join(f"{c}." for c in letters) if dotted else "".join(letters)


def _parts(name: str) -> tuple[list[str], str]:
    """Given names and surname; particles in lower case go with the surname ("van den Heuvel")."""
    tokens = name.split()
    k = len(tokens) - 1
    while k > 1 and tokens[k - 1].islower():
        k -= 1
    return (tokens[:k], " ".join(tokens[k:])) if len(tokens) > 1 else ([], name)


# how each name style prints "David W. Aha": {last} Aha, {given} David W., {initials} DW, {dotted} D. W.
# ("scholar": Google Scholar's "DW Aha"; "caps-last-fm": a citation index in capitals, "AHA DW";
# "first-initial": "D. Aha", the first initial only, as many publishers print names)
NAME_STYLES = {"last-fm": "{last} {initials}", "last-comma-initials": "{last}, {dotted}",
               "last-comma-first": "{last}, {given}", "initials-last": "{dotted} {last}",
               "scholar": "{initials} {last}", "caps-last-fm": "{LAST} {initials}", "first-initial": "{first} {last}"}


# The name styles of "mixed": capitals are a whole source's convention, not one citation's.
CITED_NAME_STYLES = tuple(style for style in NAME_STYLES if style != "caps-last-fm")


def restyle_name(name: str, style: str) -> str:
    given, last = _parts(name)
    if not given:
        return name
    return NAME_STYLES[style].format(last=last, LAST=last.upper(), given=" ".join(given),
                                     initials=_initials(given, False), dotted=_initials(given, True),
                                     first=_initials(given[:1], True))


def _restyle(record: Record, style: str, rng: random.Random) -> Record:
    title, authors = record.title, list(record.authors)
    if style in NAME_STYLES:
        if rng.random() < 0.5:              # one source of the two prints the other style
            authors = [restyle_name(a, style) for a in authors]
    elif style == "and-line" and authors:
        authors = [" and ".join(authors)]
    elif style == "pubmed-line" and authors:
        authors = [", ".join(restyle_name(a, "last-fm") for a in authors)]
    elif style == "scholar-line" and authors:
        authors = [", ".join(restyle_name(a, "scholar") for a in authors)]
    elif style == "semicolon-line" and authors:
        authors = ["; ".join(restyle_name(a, "last-comma-initials") for a in authors)]
    elif style == "lower-titles":
        title = title.lower()
    elif style == "period-titles":
        title = title.rstrip(".") + "."
    elif style == "et-al":
        if len(authors) > 2 and rng.random() < 0.3:
            authors = authors[:2] + ["et al."]
    elif style == "cut-titles":
        if len(title) > 60 and rng.random() < 0.3:
            title = title[:55].rsplit(" ", 1)[0] + " ..."
    elif style == "venue-lines":
        if rng.random() < 0.7:
            authors = authors + [_venue_line(rng, record.paper or title)]
    elif style == "no-authors":
        if rng.random() < 0.2:
            authors = []
    elif style == "citation-lines":
        return Record(_citation_line(title, authors, rng, paper=record.paper), [])
    elif style == "scholar-profile":
        return Record(title, _scholar_rows(authors, rng, record.paper))
    else:
        raise ValueError(f"unknown style {style!r}")
    return Record(title, authors)


def _venue_line(rng: random.Random, paper: str) -> str:
    """Where a paper appeared, as a lab's page prints it under the names, in DBLP's, a journal's
    or a proceedings' style."""
    p = Publication.of(paper)
    return rng.choice((f"{p.venue} {p.year}: {p.pages}", f"{p.venue} {p.volume}({p.number}): {p.pages} ({p.year})",
                       f"In Proceedings of {p.venue} {p.year}, pages {p.pages}."))


def _unstop(title: str) -> str:
    """The title without its closing period, before the citation's own (a cut title keeps its "...")."""
    return title[:-1] if title.endswith(".") and not title.endswith("...") else title


def _citation_line(title: str, authors: list[str], rng: random.Random, et_al: bool = False, paper: str = "") -> str:
    """The record as one line of a reference list, in PubMed's, Cora's, APA's or IEEE's style, with
    its paper's ``Publication``. ``et_al``: the names end in "et al." (the others left out)."""
    p = Publication.of(paper or title)
    if et_al:
        authors = authors[:rng.choice((1, 2))]
    form = rng.choice(("pubmed", "cora", "apa", "ieee"))
    if form == "pubmed":
        names = ", ".join([restyle_name(a, "last-fm") for a in authors] + (["et al"] if et_al else []))
        return f"{names}. {_unstop(title)}. {p.venue}. {p.year};{p.volume}:{p.first}-{p.first + p.length}."
    if form == "apa":
        names = [restyle_name(a, "last-comma-initials") for a in authors]
        joined = ", ".join(names[:-1]) + ", & " + names[-1] if len(names) > 1 else "".join(names)
        joined = ", ".join(names) + ", et al." if et_al else joined
        return f"{joined} ({p.year}). {_unstop(title)}. {p.venue}, {p.volume}({p.number})."
    names = [restyle_name(a, "initials-last") for a in authors]
    joined = ", ".join(names[:-1]) + ", and " + names[-1] if len(names) > 2 else " and ".join(names)
    joined = ", ".join(names) + " et al." if et_al else joined
    if form == "ieee":
        return f'{joined}, "{_unstop(title)}," in Proc. {p.venue}, {p.year}.'
    return f"{joined.rstrip('.')}. {_unstop(title)}. In Proceedings of {p.venue}, {p.year}."


def _scholar_rows(authors: list[str], rng: random.Random, paper: str) -> list[str]:
    """A Google Scholar profile's lines under a title: the names ("DW Aha, D Kibler", cut with ", ..."
    after six), the source ("VLDB Journal 10 (4), 270-294", no year), the count of citations (none
    for a paper never cited) and the year."""
    p = Publication.of(paper)
    names = [restyle_name(a, "scholar") for a in authors]
    rows = [", ".join(names[:6]) + (", ..." if len(names) > 6 else "")] if names else []
    rows.append(f"{p.venue} {p.volume} ({p.number}), {p.pages}")
    if rng.random() < 0.8:
        rows.append(str(rng.randrange(1, 20000)))
    return rows + [str(p.year)]


def _slip(text: str, rng: random.Random) -> str:
    """A letter dropped, or two swapped (a space among them: "an dNSF")."""
    i = rng.randrange(1, len(text) - 2)
    return text[:i] + text[i + 1] + text[i] + text[i + 2:] if rng.random() < 0.5 else text[:i] + text[i + 1:]


def _copies(record: Record, rng: random.Random, lines: bool = False) -> list[Record]:
    """"mixed", as a citation set like Cora prints a paper: cited 1 to 8 times, each citation in
    its own style (names, case, a cut, a typo, "et al.", the order of the authors, one line).
    ``lines`` ("cited-mixed"): each citation on one line, in a reference list's style."""
    out = []
    for _ in range(rng.choice((1, 1, 2, 3, 5, 8))):
        title, authors = record.title, list(record.authors)
        style = rng.choice((*CITED_NAME_STYLES, None, None)) if not lines else None
        if style:
            authors = [restyle_name(a, style) for a in authors]
        damage = rng.random()
        if damage < 0.15:
            title = title.lower()
        elif damage < 0.25 and len(title) > 50:
            title = title[:45].rsplit(" ", 1)[0] + " ..."
        elif damage < 0.35 and len(title) > 12:
            title = _slip(title, rng)
        shuffled = rng.random() < 0.2
        if shuffled:
            rng.shuffle(authors)
        if lines:       # "et al." keeps the first authors, in their order
            if authors:
                et_al = not shuffled and len(authors) > 2 and rng.random() < 0.2
                out.append(Record(_citation_line(title, authors, rng, et_al, record.paper), []))
            else:
                out.append(Record(title, []))
            continue
        if len(authors) > 2 and rng.random() < 0.2:
            authors = authors[:2] + ["et al."]
        elif authors and rng.random() < 0.25:
            authors = [(", " if style in (None, "initials-last", "last-fm") else "; ").join(authors)]
        out.append(Record(title, authors))
    return out


STYLES = (*NAME_STYLES, "and-line", "pubmed-line", "scholar-line", "semicolon-line", "lower-titles", "period-titles",
          "et-al", "cut-titles", "venue-lines", "no-authors", "citation-lines", "scholar-profile", "mixed",
          "cited-mixed")


def rewrite(lines: list[str], gold: dict, name: str, style: str, seed: int = 1) -> tuple[list[str], dict]:
    """The dump ``lines`` (its key ``gold``) in ``style``: the new lines, and the key of the new
    file ``name`` (each record's ``ref`` is the line its title is now on)."""
    starts = {int(r["ref"].rsplit(":", 1)[1]): r for r in gold["records"]}
    records: list[tuple[int, Record]] = []
    for number, text in enumerate(lines, 1):
        if number in starts:
            records.append((number, Record(text, [], str(starts[number].get("cluster", "")))))
        elif text.strip() and records:
            records[-1][1].authors.append(text)
    rng = random.Random(f"{seed}:{style}")
    written = [(number, new) for number, record in records
               for new in (_copies(record, rng, style == "cited-mixed") if style in ("mixed", "cited-mixed")
                           else [_restyle(record, style, rng)])]
    if style in ("mixed", "cited-mixed"):
        rng.shuffle(written)          # a paper's citations are scattered through the set
    out: list[str] = []
    keyed = []
    for number, record in written:
        keyed.append(dict(starts[number], ref=f"{name}:{len(out) + 1}"))
        out += [record.title, *record.authors]
    return out, dict(gold, records=keyed)
