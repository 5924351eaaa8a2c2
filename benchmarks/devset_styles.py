"""The dev sets rewritten in the styles other sources print, for bench_devsets.py --styles.

The dev sets are DBLP and ACM listings: one title line, then one author per line, names
"First M. Last". Real dumps from other sources print the same records otherwise: names
"Last FM" (PubMed, Cora), "Last, F. M." (CiteSeer), all authors on one line joined with
"and", commas or semicolons, titles in lower case (Google Scholar), cut with "...", an
"et al." line after the first authors, records without authors. Each style rewrites one
set's records, keeps its answer key (the records' lines renumbered), and is seeded: the
same set gives the same rewrite. Written to a temporary folder by the caller, never into
the project.
"""
from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass
class Record:
    title: str
    authors: list[str]


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


def last_fm(name: str) -> str:            # "Aha DW"
    given, last = _parts(name)
    return f"{last} {_initials(given, False)}" if given else name


def last_comma_initials(name: str) -> str:     # "Aha, D. W."
    given, last = _parts(name)
    return f"{last}, {_initials(given, True)}" if given else name


def last_comma_first(name: str) -> str:        # "Aha, David W."
    given, last = _parts(name)
    return f"{last}, {' '.join(given)}" if given else name


def initials_last(name: str) -> str:           # "D. W. Aha"
    given, last = _parts(name)
    return f"{_initials(given, True)} {last}" if given else name


# style -> (what it does to a record, share of records it touches)
NAME_STYLES = {"last-fm": last_fm, "last-comma-initials": last_comma_initials,
               "last-comma-first": last_comma_first, "initials-last": initials_last}


def _restyle(record: Record, style: str, rng: random.Random) -> Record:
    title, authors = record.title, list(record.authors)
    if style in NAME_STYLES:
        if rng.random() < 0.5:              # one source of the two prints the other style
            authors = [NAME_STYLES[style](a) for a in authors]
    elif style == "and-line" and authors:
        authors = [" and ".join(authors)]
    elif style == "pubmed-line" and authors:
        authors = [", ".join(last_fm(a) for a in authors)]
    elif style == "semicolon-line" and authors:
        authors = ["; ".join(last_comma_initials(a) for a in authors)]
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
    elif style == "no-authors":
        if rng.random() < 0.2:
            authors = []
    else:
        raise ValueError(f"unknown style {style!r}")
    return Record(title, authors)


STYLES = (*NAME_STYLES, "and-line", "pubmed-line", "semicolon-line", "lower-titles", "period-titles", "et-al",
          "cut-titles", "no-authors")


def rewrite(lines: list[str], gold: dict, name: str, style: str, seed: int = 1) -> tuple[list[str], dict]:
    """The dump ``lines`` (its key ``gold``) in ``style``: the new lines, and the key of the new
    file ``name`` (each record's ``ref`` is the line its title is now on)."""
    starts = {int(r["ref"].rsplit(":", 1)[1]): r for r in gold["records"]}
    records: list[tuple[int, Record]] = []
    for number, text in enumerate(lines, 1):
        if number in starts:
            records.append((number, Record(text, [])))
        elif text.strip() and records:
            records[-1][1].authors.append(text)
    rng = random.Random(f"{seed}:{style}")
    out: list[str] = []
    moved: dict[int, int] = {}
    for number, record in records:
        record = _restyle(record, style, rng)
        moved[number] = len(out) + 1
        out += [record.title, *record.authors]
    key = dict(gold, records=[dict(r, ref=f"{name}:{moved[int(r['ref'].rsplit(':', 1)[1])]}")
                              for r in gold["records"]])
    return out, key
