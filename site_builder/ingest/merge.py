"""Turn each group of records into one entry's fields. Pure: no I/O, no decisions about
which records belong together (that is ``cluster``), no ids (that is ``entries``)."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..schema import LINK_KINDS

from .cluster import PaperClusters, PeopleClusters
from .exports.record import ExportRecord
from .normalise import CleanPaper, clean_name, clean_organisation, informativeness, resolve_date, title_key
from .parse import PaperRecord, ProfileRecord
from .venues import venue_fields

_COMPLETE_END = re.compile(r"[.!?)\]\"'’”]$")
# What an export record gives its entry besides title, authors and abstract (all of them schema fields).
EXPORT_FIELDS = ("type", "date", "venue", "volume", "number", "pages", "doi", "arxiv", "url")
# The details of one publication: written together, from one version of a paper (with the pages of
# the conference version, never the volume of its arXiv version).
PUBLICATION = ("type", "venue", "volume", "number", "pages", "doi")
# Fields whose differing values are worth an editor's look (upvotes just change over time).
COMPARED = ("title", "date", "organisation", "author_count", "type", "venue", "volume", "number", "pages", "doi",
            "arxiv", "url")


@dataclass(frozen=True)
class Offer:
    """One value one record gives one field of its entry."""

    field: str
    value: object
    source: str
    preprint: bool = False        # from a preprint: never a conflict with a published version's value


@dataclass(frozen=True)
class Conflict:
    """A value a record gives that differs from the one kept (written now, or already in the entry)."""

    field: str
    kept: object
    offered: object
    sources: tuple[str, ...]
    in_entry: bool                # the kept value is the existing entry's (else: another record's)


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
    type: str = ""
    venue: str = ""
    volume: str = ""
    number: str = ""
    pages: str = ""
    doi: str = ""
    arxiv: str = ""
    url: str = ""
    anchor: str = ""
    items: tuple[int, ...] = ()       # the clustered items, for the report
    people: tuple[int, ...] = ()      # the person index of each of ``authors``
    offers: tuple[Offer, ...] = ()    # every value each record gave, published versions first
    incomplete: bool = False          # every record's author list ended in "and others"


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


_URL_IN_TEXT = re.compile(r"https?://[^\s<>()\[\]{}\"'`]+")
_CODE_HOSTS = ("github.com", "gitlab.com", "bitbucket.org", "codeberg.org")
_VIDEO_HOSTS = ("youtube.com", "www.youtube.com", "youtu.be", "vimeo.com", "www.vimeo.com")
_PROJECT_WORDS = re.compile(r"\b(?:project|web)\s*(?:web\s*)?(?:site|page)\b|\bwebsite\b|\bhome\s*page\b", re.I)


def links_in_abstract(abstract: str) -> dict[str, str]:
    """The links an abstract itself gives, by kind (schema.LINK_KINDS), the first of each kind:
    a repository on a code host is ``code``, a video site's address ``video``, an address the
    sentence calls a project page or website ``project``. Nothing else is guessed: any other
    address stays in the abstract only."""
    found: dict[str, str] = {}
    for m in _URL_IN_TEXT.finditer(abstract):
        url = m.group().rstrip(".,;:!?")
        parts = urlsplit(url)
        host, path = parts.netloc.lower(), parts.path.strip("/")
        if not host or "." not in host:
            continue
        sentence = re.split(r"[.!?]\s", abstract[max(0, m.start() - 160):m.start()])[-1]
        if host in _CODE_HOSTS and path.count("/") >= 1:
            kind = "code"
        elif host in _VIDEO_HOSTS and path:
            kind = "video"
        elif _PROJECT_WORDS.search(sentence):
            kind = "project"
        else:
            continue
        found.setdefault(kind, url)
    return {kind: found[kind] for kind in LINK_KINDS if kind in found}


def _best_title(titles: list[str]) -> str:
    """The spelling printed most often; on a tie, the first seen, unless another spelling of the
    same words kept what a scraper loses: capitals of an acronym ("The Design of POSTGRES", not
    "The design of postgres"), then accents."""
    titles = [t for t in titles if t]
    if not titles:
        return ""
    counts = Counter(titles)
    best = max(titles, key=lambda t: (counts[t], -titles.index(t)))
    tied = [t for t in counts if counts[t] == counts[best] and t != best and title_key(t) == title_key(best)]
    if not tied:
        return best
    tied.append(best)

    def kept(title: str) -> tuple[int, int]:
        acronyms = sum(1 for word in re.findall(r"[^\W\d_]{2,}", title) if word.isupper())
        accents = sum(1 for c in title if c.isalpha() and not c.isascii() and unicodedata.normalize("NFKC", c) == c)
        return (acronyms if not title.isupper() else 0), accents     # (a PDF's ligature "ﬃ" is no accent)
    return max(tied, key=lambda t: (kept(t), -titles.index(t)))


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
        raw: list[PaperRecord | ExportRecord] = [items[i].record for i in records]  # type: ignore[misc]
        author_lists = [[people.person_of[a] for a in items[i].authors] for i in records]
        ordered = union_in_order(author_lists)
        for record in raw:
            # the member whose profile lists the paper is an author, even where the page omits them
            member = clean_name(record.profile_person) if getattr(record, "profile_person", "") else ""
            if member in people.person_of and people.person_of[member] not in ordered:
                ordered.append(people.person_of[member])
        first_of = {}
        for p in ordered:
            first_of.setdefault(names[p], p)
        authors = tuple(first_of)
        title = _best_title([items[i].title for i in records])
        fields: dict = {}
        offers: list[Offer] = []
        published: dict = {}       # the publication details written: the first record's that gives them
        date_from_preprint = False
        for i in sorted(records, key=lambda i: (_is_preprint(items[i].record), source_order(items[i].source))):
            record, source = items[i].record, items[i].source
            offers.append(Offer("title", items[i].title, source, _is_preprint(record)))
            given = record_fields(record, as_of)
            for name, value in given.items():
                offers.append(Offer(name, value, source, _is_preprint(record)))
            details = {name: given.pop(name) for name in PUBLICATION if name in given}
            if details and (not published or same_publication(published, details)):
                for name, value in details.items():
                    published.setdefault(name, value)   # another record of that publication completes it
            for name, value in given.items():
                if name == "upvotes":
                    fields[name] = max(fields.get(name, 0), value)
                elif name == "date" and "date" in fields:
                    # the date that says more, of one version: "2021-03-09" over "2021", never the preprint's
                    # "2021-03-09" over the published version's "2021"
                    kept = str(fields["date"])
                    if (date_from_preprint == _is_preprint(record) and len(str(value)) > len(kept)
                            and str(value).startswith(kept)):
                        fields["date"] = value
                else:
                    if name == "date":
                        date_from_preprint = _is_preprint(record)
                    fields.setdefault(name, value)    # the published version's first, then the preprint's
        fields.update(published)
        if "date" in fields:
            fields.pop("date_as_printed", None)
        entries.append(PaperEntry(
            title=title, authors=authors,
            abstract=_best_abstract([items[i].abstract for i in records]),
            status="published" if title else "draft",
            sources=tuple(items[i].source for i in records),
            anchor=anchor, items=tuple(group), people=tuple(first_of.values()), offers=tuple(offers),
            incomplete=all(getattr(r, "more_authors", False) for r in raw), **fields))
    return entries


def same_publication(kept: dict, other: dict) -> bool:
    """Does another record give details of the same publication (same kind, same venue where both
    say one)? The pages of a conference version never go with a journal's volume."""
    return kept.get("type") == other.get("type") and (
        not kept.get("venue") or not other.get("venue") or _same("venue", kept["venue"], other["venue"]))


def _is_preprint(record) -> bool:
    """An export of type preprint, or a dump's record whose source line is an arXiv id ("arXiv
    preprint arXiv:1412.6980. 2014 Dec 22.")."""
    if isinstance(record, ExportRecord):
        return record.type == "preprint"
    return bool(getattr(record, "venue", "")) and "arxiv" in venue_fields(record.venue)


def record_fields(record, as_of: str | None) -> dict:
    """The fields one record gives its entry besides title, authors and abstract."""
    if isinstance(record, ExportRecord):
        return {name: getattr(record, name) for name in EXPORT_FIELDS if getattr(record, name)}
    fields: dict = {}
    if record.date_printed:
        resolved = resolve_date(record.date_printed, as_of)
        fields["date" if resolved else "date_as_printed"] = resolved or record.date_printed
    if record.organisation:
        fields["organisation"] = clean_organisation(record.organisation)
    if record.venue:
        for name, value in venue_fields(record.venue).items():
            fields.setdefault(name, value)
    if record.author_count is not None:
        fields["author_count"] = record.author_count
    if record.upvotes is not None:
        fields["upvotes"] = record.upvotes
    return fields


def _same(name: str, a, b) -> bool:
    if name == "title":
        return title_key(str(a)) == title_key(str(b))
    if name == "date":       # "2024" and "2024-07" agree; a date only says more
        a, b = str(a), str(b)
        return a.startswith(b) or b.startswith(a)
    return " ".join(str(a).split()).casefold() == " ".join(str(b).split()).casefold()


def conflicts(entry: PaperEntry, current: Mapping | None = None) -> list[Conflict]:
    """The values records gave that differ from what the entry keeps, for the review report.

    Against an existing entry (``current``, its fields as the editor left them) every field it
    has counts, the title included; among the records of one new entry, every field but the
    title (its versions' spellings are the Merges section's business). A preprint's venue, DOI,
    link or year never conflicts with a published version's: a paper has both.
    """
    found: dict[tuple[str, str, str], list[str]] = {}
    kept_preprint: dict[str, bool] = {}
    for offer in entry.offers:
        if offer.field not in COMPARED:
            continue
        if current is not None:
            kept = current.get(offer.field)
            if kept in (None, "", []) or isinstance(kept, (list, dict)):
                continue
            preprint = current.get("type") == "preprint"
        elif offer.field == "title":
            continue
        else:
            kept = getattr(entry, offer.field)
            if kept in (None, ""):
                continue        # nothing written: that version's details did not go with the others
            if offer.field not in kept_preprint:    # the version the kept value came from
                kept_preprint[offer.field] = next(o.preprint for o in entry.offers
                                                  if o.field == offer.field and _same(o.field, o.value, kept))
            preprint = kept_preprint[offer.field]
        if (offer.field == "title" or offer.preprint <= preprint) and not _same(offer.field, kept, offer.value):
            found.setdefault((offer.field, str(kept), str(offer.value)), []).append(offer.source)
    return [Conflict(name, kept, offered, tuple(sources), current is not None)
            for (name, kept, offered), sources in found.items()]


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
