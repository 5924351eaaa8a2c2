"""Who is who: resolve the display names on papers to author entries.

A paper lists names as printed ("Remi Munos", "R. Munos"); an author entry has
a name and aliases. Matching ignores case, accents and punctuation, so
"Rémi Munos" and "remi munos" meet. A name that matches nobody stays plain
text; a name that matches two people links to neither and is reported.
"""
from __future__ import annotations

import functools
import operator
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import chain
from typing import NamedTuple

from .errors import WARNING, Problem
from .model import Content, Paper
from .text import name_key

# A name recurs on many papers (45,000 bylines name 5,000 people at 10k papers): key each spelling once.
cached_name_key = functools.lru_cache(maxsize=None)(name_key)


# Byline and CoAuthor are tuples with names: 45,000 bylines and 180,000 co-author counts at
# 10k papers cost a fraction of what frozen dataclasses do, and templates still say b.name.
class Byline(NamedTuple):
    """One author slot on one paper: the printed name and, if known, the author id."""

    name: str
    author_id: str | None


class CoAuthor(NamedTuple):
    author_id: str
    joint_papers: int


_co_author = functools.partial(tuple.__new__, CoAuthor)     # built in C, no __new__ call per item


@dataclass(frozen=True)
class Links:
    bylines: dict[str, tuple[Byline, ...]]          # paper id -> its authors, in order
    papers_of: dict[str, tuple[str, ...]]           # author id -> published paper ids, newest first
    coauthors_of: dict[str, tuple[CoAuthor, ...]]   # author id -> co-authors, most joint papers first


_by_id = operator.attrgetter("id")
_by_date = operator.attrgetter("date")


def newest_first(papers) -> list[Paper]:
    """Dated papers newest first (a full date before a bare month/year of the same period), undated last."""
    papers = list(papers)
    dated = sorted((p for p in papers if p.date), key=_by_id)
    dated.sort(key=_by_date, reverse=True)    # stable: ties stay in id order
    undated = sorted((p for p in papers if not p.date), key=_by_id)
    return dated + undated


def link(content: Content) -> tuple[Links, list[Problem]]:
    problems: list[Problem] = []
    owners: dict[str, set[str]] = defaultdict(set)
    names = {a.id: a.name for a in content.authors}
    for author in content.authors:
        for spelling in (author.name, *author.aliases):
            key = cached_name_key(spelling)
            if key:
                owners[key].add(author.id)
    reported: set[str] = set()

    # Each distinct printed name is resolved once: (its byline, its key if several people share it).
    resolved: dict[str, tuple[Byline, str | None]] = {}
    published = newest_first(p for p in content.papers if p.published)
    bylines: dict[str, tuple[Byline, ...]] = {}
    papers_of: dict[str, list[str]] = defaultdict(list)
    for paper in published:
        line = []
        seen_here: set[str] = set()
        for name in paper.authors:
            found = resolved.get(name)
            if found is None:
                key = cached_name_key(name)
                ids = owners.get(key, ())
                found = resolved[name] = (Byline(name, next(iter(ids)) if len(ids) == 1 else None),
                                          key if len(ids) > 1 else None)
            byline, shared_key = found
            if shared_key is not None and shared_key not in reported:
                reported.add(shared_key)
                who = ", ".join(sorted(owners[shared_key]))
                problems.append(Problem(paper.path or f"papers/{paper.id}.yaml", 0,
                                        f"author name {name!r} matches several people ({who}); left unlinked",
                                        WARNING, "make the aliases of these authors distinct"))
            author_id = byline.author_id
            if author_id:
                if author_id in seen_here:
                    byline = Byline(name, None)      # same person twice on one paper: link once
                else:
                    seen_here.add(author_id)
                    papers_of[author_id].append(paper.id)
            line.append(byline)
        bylines[paper.id] = tuple(line)

    # Co-authors ranked by joint papers, then by name: with each person's place in name order
    # as a number, both orderings are plain int sorts done in C (no key tuples with strings).
    by_name = sorted(names, key=lambda aid: (cached_name_key(names[aid]), aid))
    rank = {aid: i for i, aid in enumerate(by_name)}
    linked_ranks = {paper_id: [rank[b.author_id] for b in line if b.author_id]
                    for paper_id, line in bylines.items()}
    coauthors_of: dict[str, tuple[CoAuthor, ...]] = {}
    for author in content.authors:
        counts = Counter(chain.from_iterable(map(linked_ranks.__getitem__, papers_of.get(author.id, ()))))
        counts.pop(rank[author.id], None)
        ranked = sorted(counts)                                      # by name
        ranked.sort(key=counts.__getitem__, reverse=True)             # stable: most joint papers first
        coauthors_of[author.id] = tuple(map(_co_author, zip(map(by_name.__getitem__, ranked),
                                                            map(counts.__getitem__, ranked))))
    return Links(bylines, {a: tuple(ps) for a, ps in papers_of.items()}, coauthors_of), problems
