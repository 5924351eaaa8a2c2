"""Who is who: resolve the display names on papers to author entries.

A paper lists names as printed ("Remi Munos", "R. Munos"); an author entry has
a name and aliases. Matching ignores case, accents and punctuation, so
"Rémi Munos" and "remi munos" meet. A name that matches nobody stays plain
text; a name that matches two people links to neither and is reported.
"""
from __future__ import annotations

import operator
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import chain, repeat
from typing import NamedTuple

from ..errors import WARNING, Problem
from ..model import Content, Paper
from ..text import cached_name_key    # 45,000 bylines at 10k papers are 6,000 spellings: each keyed once
from .work import Step, Work, fingerprint


# Byline and CoAuthor are tuples with names: 45,000 bylines and 180,000 co-author counts at
# 10k papers cost a fraction of what frozen dataclasses do, and templates still say b.name.
class Byline(NamedTuple):
    """One author slot on one paper: the printed name and, if known, the author id."""

    name: str
    author_id: str | None


class CoAuthor(NamedTuple):
    author_id: str
    joint_papers: int


_printed, _author_id = operator.itemgetter(0), operator.itemgetter(1)     # of a Byline; a CoAuthor's id, count


class _Resolved(dict):
    """printed name -> its Byline, decided once per spelling; ``shared``: names several people claim -> key."""

    def __init__(self, owners: dict[str, set[str]]):
        super().__init__()
        self.owners, self.shared = owners, {}

    def __missing__(self, name: str) -> Byline:
        key = cached_name_key(name)
        ids = self.owners.get(key, ())
        if len(ids) > 1:
            self.shared[name] = key
        self[name] = byline = Byline(name, next(iter(ids)) if len(ids) == 1 else None)
        return byline


def _link_once(line: tuple[Byline, ...]) -> tuple[Byline, ...]:
    """The same person twice on one paper: only the first slot links."""
    seen: set[str] = set()
    out = []
    for byline in line:
        if byline.author_id in seen:
            byline = Byline(byline.name, None)
        elif byline.author_id:
            seen.add(byline.author_id)
        out.append(byline)
    return tuple(out)


class _CoAuthors(dict):
    """code r - c * people -> CoAuthor(the person of rank r, c), made on first use."""

    def __init__(self, by_name: list[str]):
        super().__init__()
        self.by_name, self.people = by_name, len(by_name) or 1

    def __missing__(self, code: int) -> CoAuthor:
        minus_count, place = divmod(code, self.people)
        self[code] = made = CoAuthor(self.by_name[place], -minus_count)
        return made


@dataclass(frozen=True)
class Links:
    bylines: dict[str, tuple[Byline, ...]]          # paper id -> its authors, in order
    papers_of: dict[str, tuple[str, ...]]           # author id -> published paper ids, newest first
    coauthors_of: dict[str, tuple[CoAuthor, ...]]   # author id -> co-authors, most joint papers first
    # Digests of what the views show of the above, made here (and reused with the links): paper
    # id -> of its bylines and the names of the people they link to; author id -> of its papers'
    # ids and its co-authors with their counts and names.
    byline_digests: dict[str, bytes] = field(default_factory=dict)
    coauthor_digests: dict[str, bytes] = field(default_factory=dict)
    names: bytes = b""      # a digest of everything linking read (``names_digest``): the search's names are keyed by it


_by_id = operator.attrgetter("id")
_by_date = operator.attrgetter("date")


def newest_first(papers) -> list[Paper]:
    """Dated papers newest first (a full date before a bare month/year of the same period), undated last."""
    papers = list(papers)
    dated = sorted((p for p in papers if p.date), key=_by_id)
    dated.sort(key=_by_date, reverse=True)    # stable: ties stay in id order
    undated = sorted((p for p in papers if not p.date), key=_by_id)
    return dated + undated


def name_owners(authors) -> dict[str, set[str]]:
    """Name key -> the ids of the people who go by it (name or alias)."""
    owners: dict[str, set[str]] = defaultdict(set)
    for author in authors:
        for spelling in (author.name, *author.aliases):
            key = cached_name_key(spelling)
            if key:
                owners[key].add(author.id)
    return owners


def name_order(authors) -> list[str]:
    """Author ids in name order: co-authors with as many joint papers are ranked by it."""
    names = {a.id: a.name for a in authors}
    return sorted(names, key=lambda aid: (cached_name_key(names[aid]), aid))


def _linked(line: tuple[Byline, ...]) -> tuple[tuple[Byline, ...], list[str]]:
    """A paper's bylines (the same person twice links once) and its linked people, in order."""
    linked = list(filter(None, map(_author_id, line)))
    if len(set(linked)) != len(linked):
        line, linked = _link_once(line), list(dict.fromkeys(linked))
    return line, linked


def _coauthors(author_ids, papers_of, linked_ranks, rank: dict[str, int], made: "_CoAuthors") -> dict:
    """Author id -> co-authors, most joint papers first, then in name order.

    A co-author of rank r seen on c joint papers is the int r - c * people: one plain int sort
    ranks them, and the 180,000 entries at 10k papers are only 8,000 distinct (person, count)
    pairs, each made into a CoAuthor once."""
    people = made.people
    coauthors_of: dict[str, tuple[CoAuthor, ...]] = {}
    for author_id in author_ids:
        counts = Counter(chain.from_iterable(map(linked_ranks.__getitem__, papers_of.get(author_id, ()))))
        counts.pop(rank[author_id], None)
        codes = sorted(map(operator.sub, counts.keys(), map(operator.mul, counts.values(), repeat(people))))
        coauthors_of[author_id] = tuple(map(made.__getitem__, codes))
    return coauthors_of


def link(content: Content, work: Work | None = None) -> tuple[Links, list[Problem]]:
    """Bylines, each person's papers and co-authors, and a warning per name several people claim
    (at the line of the name, from ``content.lines``). ``work`` may answer from an earlier build
    with the same names: a title or an abstract edited leaves the links as they were."""
    return (work or Work(1)).map(LINKS, [(content, names_digest(content))])[0]


def names_digest(content: Content) -> bytes:
    """Everything linking reads: each published paper's id, file, date and names (with their lines),
    and each person's names."""
    lines = content.lines
    return fingerprint((tuple((p.id, p.path, p.date, p.authors, lines.get(p.path, {}).get("authors[]", ()))
                              for p in content.papers if p.published),
                        tuple((a.id, a.name, a.aliases) for a in content.authors)))


def _link(job: tuple[Content, bytes]) -> tuple[Links, list[Problem]]:
    """``job``: the content and its ``names_digest`` (the step's key: made once)."""
    content, names_read = job
    problems: list[Problem] = []
    owners = name_owners(content.authors)
    reported: set[str] = set()
    by_name = name_order(content.authors)
    rank = {aid: i for i, aid in enumerate(by_name)}

    resolved = _Resolved(owners)
    published = newest_first(p for p in content.papers if p.published)
    bylines: dict[str, tuple[Byline, ...]] = {}
    papers_of: dict[str, list[str]] = defaultdict(list)
    linked_ranks: dict[str, list[int]] = {}
    for paper in published:
        line = tuple(map(resolved.__getitem__, paper.authors))
        if resolved.shared and not resolved.shared.keys().isdisjoint(paper.authors):
            lines = content.lines.get(paper.path, {}).get("authors[]", ())
            for index, name in enumerate(paper.authors):
                key = resolved.shared.get(name)
                if key is not None and key not in reported:
                    reported.add(key)
                    who = ", ".join(sorted(owners[key]))
                    at = lines[index] if index < len(lines) else 0
                    problems.append(Problem(paper.path or f"papers/{paper.id}.yaml", at,
                                            f"author name {name!r} matches several people ({who}); left unlinked",
                                            WARNING, "make the aliases of these authors distinct"))
        bylines[paper.id], linked = _linked(line)
        for author_id in linked:
            papers_of[author_id].append(paper.id)
        linked_ranks[paper.id] = list(map(rank.__getitem__, linked))

    coauthors_of = _coauthors([a.id for a in content.authors], papers_of, linked_ranks, rank, _CoAuthors(by_name))
    names = {a.id: a.name for a in content.authors}
    byline_digests = {}
    for paper_id, line in bylines.items():
        ids = tuple(map(_author_id, line))
        byline_digests[paper_id] = fingerprint((tuple(map(_printed, line)), ids, tuple(map(names.get, ids))))
    coauthor_digests = {}
    for author_id, coauthors in coauthors_of.items():
        ids = tuple(map(_printed, coauthors))
        coauthor_digests[author_id] = fingerprint((tuple(papers_of.get(author_id, ())), ids,
                                                   tuple(map(_author_id, coauthors)), tuple(map(names.__getitem__, ids))))
    return Links(bylines, {a: tuple(ps) for a, ps in papers_of.items()}, coauthors_of, byline_digests,
                 coauthor_digests, names_read), problems


LINKS = Step("links", _link, key=lambda job: ("links", job[1]))
