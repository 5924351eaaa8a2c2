"""Turn each group of records into one entry's fields. Pure: no I/O, no decisions about
which records belong together (that is ``cluster``), no ids (that is ``entries``)."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from .cluster import PaperClusters, PeopleClusters
from .normalise import CleanPaper, clean_name, clean_organisation, informativeness, resolve_date
from .parse import PaperRecord, ProfileRecord

_COMPLETE_END = re.compile(r"[.!?)\]\"'’”]$")


@dataclass(frozen=True)
class PaperEntry:
    """The fields ingest proposes for one paper; ``anchor`` is the id of an existing entry."""

    title: str
    authors: tuple[str, ...]
    abstract: str = ""
    date: str = ""
    status: str = "published"
    sources: tuple[str, ...] = ()
    organisation: str = ""
    author_count: int | None = None
    upvotes: int | None = None
    date_as_printed: str = ""
    anchor: str = ""
    items: tuple[int, ...] = ()       # the clustered items, for the report
    people: tuple[int, ...] = ()      # the person index of each of ``authors``


@dataclass(frozen=True)
class PersonEntry:
    name: str
    aliases: tuple[str, ...] = ()
    role: str = ""
    sources: tuple[str, ...] = ()
    anchor: str = ""
    person: int = -1


def source_order(source: str) -> tuple[str, int]:
    name, _, line = source.rpartition(":")
    return (name, int(line) if line.isdigit() else 0)


def canonical_names(people: PeopleClusters, existing_names: dict[str, str]) -> list[str]:
    """Person index -> display name: the editor's name for existing people, else the most
    informative spelling (full given names, then diacritics)."""
    out = []
    for p, group in enumerate(people.members):
        anchor = people.anchors[p]
        out.append(existing_names.get(anchor) or max(group, key=informativeness))
    return out


def union_in_order(lists: list[list[int]]) -> list[int]:
    """Union of ordered lists, each element once, keeping every list's order where it can.

    Start from the longest list; an element missing there goes right after its nearest
    predecessor in its own list.
    """
    lists = [list(dict.fromkeys(lst)) for lst in lists if lst]
    if not lists:
        return []
    base_index = max(range(len(lists)), key=lambda i: (len(lists[i]), -i))
    result = list(lists[base_index])
    for i, lst in enumerate(lists):
        if i == base_index:
            continue
        for pos, element in enumerate(lst):
            if element in result:
                continue
            before = next((lst[k] for k in range(pos - 1, -1, -1) if lst[k] in result), None)
            result.insert(result.index(before) + 1 if before is not None else 0, element)
    return result


def _best_abstract(abstracts: list[str]) -> str:
    """The most complete version: ends like a finished sentence, then longest, then first seen."""
    best = ""
    best_rank: tuple = (False, -1)
    for text in abstracts:
        rank = (bool(_COMPLETE_END.search(text)), len(text))
        if text and rank > best_rank:
            best, best_rank = text, rank
    return best


def _best_title(titles: list[str]) -> str:
    """The spelling printed most often; ties go to the first seen."""
    titles = [t for t in titles if t]
    if not titles:
        return ""
    counts = Counter(titles)
    return max(titles, key=lambda t: (counts[t], -titles.index(t)))


def merge_papers(items: list[CleanPaper], clusters: PaperClusters, people: PeopleClusters,
                 names: list[str], as_of: str | None) -> list[PaperEntry]:
    """One PaperEntry per group that holds at least one new record."""
    entries = []
    for group in clusters.groups:
        records = [i for i in group if items[i].record is not None]
        if not records:
            continue
        records.sort(key=lambda i: source_order(items[i].source))
        anchor = next((items[i].anchor for i in group if items[i].anchor), "")
        raw: list[PaperRecord] = [items[i].record for i in records]  # type: ignore[misc]
        author_lists = [[people.person_of[a] for a in items[i].authors] for i in records]
        ordered = union_in_order(author_lists)
        for record in raw:
            # the member whose profile lists the paper is an author, even where the page omits them
            member = clean_name(record.profile_person) if record.profile_person else ""
            if member in people.person_of and people.person_of[member] not in ordered:
                ordered.append(people.person_of[member])
        first_of = {}
        for p in ordered:
            first_of.setdefault(names[p], p)
        authors = tuple(first_of)
        title = _best_title([items[i].title for i in records])
        fields: dict = {}
        for record in raw:
            if record.date_printed:
                resolved = resolve_date(record.date_printed, as_of)
                if resolved and "date" not in fields:
                    fields["date"] = resolved
                elif not resolved and "date_as_printed" not in fields:
                    fields["date_as_printed"] = record.date_printed
            if record.organisation and "organisation" not in fields:
                fields["organisation"] = clean_organisation(record.organisation)
            if record.author_count is not None and "author_count" not in fields:
                fields["author_count"] = record.author_count
            if record.upvotes is not None:
                fields["upvotes"] = max(fields.get("upvotes", 0), record.upvotes)
        if "date" in fields:
            fields.pop("date_as_printed", None)
        entries.append(PaperEntry(
            title=title, authors=authors,
            abstract=_best_abstract([items[i].abstract for i in records]),
            status="published" if title else "draft",
            sources=tuple(items[i].source for i in records),
            anchor=anchor, items=tuple(group), people=tuple(first_of.values()), **fields))
    return entries


def extend_authors(current: list[str], current_people: list[int | None], new_people: tuple[int, ...],
                   names: Mapping[int, str]) -> tuple[list[str], list[str]]:
    """An entry's author list with the people of new versions added, each once, in order.

    The existing spellings stay as they are; a new person goes right after the nearest person
    before them in the new version (as if every version had been ingested together).
    Returns (the new list, the names added).
    """
    merged: list[tuple[int | None, str]] = list(zip(current_people, current))
    added: list[str] = []
    for pos, p in enumerate(new_people):
        if any(q == p or name == names[p] for q, name in merged):
            continue
        before = next((new_people[k] for k in range(pos - 1, -1, -1)
                       if any(q == new_people[k] for q, _ in merged)), None)
        at = 0 if before is None else next(i for i, (q, _) in enumerate(merged) if q == before) + 1
        merged.insert(at, (p, names[p]))
        added.append(names[p])
    return [name for _, name in merged], added


def merge_people(people: PeopleClusters, names: list[str], mentioned: set[int],
                 profiles: list[ProfileRecord]) -> list[PersonEntry]:
    """One PersonEntry per person named in a new record or on a profile page."""
    roles: dict[int, list[tuple[str, str]]] = {}
    for profile in sorted(profiles, key=lambda p: source_order(p.source)):
        p = people.person_of[clean_name(profile.name)]
        roles.setdefault(p, []).append((profile.role, profile.source))
    out = []
    for p in sorted(mentioned | set(roles)):
        spellings = people.members[p]
        name = names[p]
        aliases = tuple(sorted(s for s in spellings if s != name))
        found = roles.get(p, [])
        role = next((r for r, _ in found if r), "")
        out.append(PersonEntry(name=name, aliases=aliases, role=role, sources=tuple(s for _, s in found),
                               anchor=people.anchors[p], person=p))
    return out
