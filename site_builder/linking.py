"""Who is who: resolve the display names on papers to author entries.

A paper lists names as printed ("Remi Munos", "R. Munos"); an author entry has
a name and aliases. Matching ignores case, accents and punctuation, so
"Rémi Munos" and "remi munos" meet. A name that matches nobody stays plain
text; a name that matches two people links to neither and is reported.
"""
from __future__ import annotations

import functools
from collections import Counter, defaultdict
from dataclasses import dataclass

from .errors import WARNING, Problem
from .model import Content, Paper
from .text import name_key

# A name recurs on many papers (45,000 bylines name 5,000 people at 10k papers): key each spelling once.
cached_name_key = functools.lru_cache(maxsize=None)(name_key)


@dataclass(frozen=True)
class Byline:
    """One author slot on one paper: the printed name and, if known, the author id."""

    name: str
    author_id: str | None


@dataclass(frozen=True)
class CoAuthor:
    author_id: str
    joint_papers: int


@dataclass(frozen=True)
class Links:
    bylines: dict[str, tuple[Byline, ...]]          # paper id -> its authors, in order
    papers_of: dict[str, tuple[str, ...]]           # author id -> published paper ids, newest first
    coauthors_of: dict[str, tuple[CoAuthor, ...]]   # author id -> co-authors, most joint papers first


def newest_first(papers) -> list[Paper]:
    """Dated papers newest first (a full date before a bare month/year of the same period), undated last."""
    papers = list(papers)
    dated = sorted((p for p in papers if p.date), key=lambda p: p.id)
    dated.sort(key=lambda p: p.date, reverse=True)    # stable: ties stay in id order
    undated = sorted((p for p in papers if not p.date), key=lambda p: p.id)
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
    resolved: dict[str, str | None] = {}
    for key, ids in owners.items():
        resolved[key] = next(iter(ids)) if len(ids) == 1 else None
    reported: set[str] = set()

    published = newest_first(p for p in content.papers if p.published)
    bylines: dict[str, tuple[Byline, ...]] = {}
    papers_of: dict[str, list[str]] = defaultdict(list)
    for paper in published:
        line = []
        seen_here: set[str] = set()
        for name in paper.authors:
            key = cached_name_key(name)
            author_id = resolved.get(key)
            if key in owners and author_id is None and key not in reported:
                reported.add(key)
                who = ", ".join(sorted(owners[key]))
                problems.append(Problem(paper.path or f"papers/{paper.id}.yaml", 0,
                                        f"author name {name!r} matches several people ({who}); left unlinked",
                                        WARNING, "make the aliases of these authors distinct"))
            if author_id in seen_here:
                author_id = None          # same person twice on one paper: link once
            if author_id:
                seen_here.add(author_id)
                papers_of[author_id].append(paper.id)
            line.append(Byline(name, author_id))
        bylines[paper.id] = tuple(line)

    coauthors_of: dict[str, tuple[CoAuthor, ...]] = {}
    sort_name = {aid: cached_name_key(name) for aid, name in names.items()}
    for author in content.authors:
        counts: Counter[str] = Counter()
        for paper_id in papers_of.get(author.id, ()):
            for byline in bylines[paper_id]:
                if byline.author_id and byline.author_id != author.id:
                    counts[byline.author_id] += 1
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], sort_name[kv[0]], kv[0]))
        coauthors_of[author.id] = tuple(CoAuthor(a, n) for a, n in ranked)
    return Links(bylines, {a: tuple(ps) for a, ps in papers_of.items()}, coauthors_of), problems
