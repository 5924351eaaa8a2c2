"""Client-side search index: content in, a few small static JSON files out.

build makes the index once (``build_index``) and calls ``search_files(content,
lang, strings, index=...)`` for each language, writing each returned path
(relative to output/<lang>/) with its bytes. ``templates/static/search.js``
reads them; the two sides share one normalisation (``fold``), so a query is
matched exactly as the text was indexed: accents, case and apostrophes
("R'emi", "Rémi", "REMI") fold to the same token.

Layout, chosen so that a 10,000-paper site downloads little per query:

- ``search/ui.js``: the search box's strings in this language, from the
  translation table. Pages carry only a link to the full list and a hook
  naming this file; search.js loads it and builds the form, so the form's
  2 KB of markup is shipped once per language instead of in every page. A
  script rather than JSON because pages opened from disk cannot fetch();
- ``search/index.json``: the names of the other files, loaded with the page;
- ``search/d-<n>-<hash>.json``: documents ``100*n`` to ``100*n+99`` (id,
  title, first authors, how many more, year), fetched only for the results
  on screen, so the first query downloads a few kilobytes of them, not the
  whole table;
- ``search/f-<hash>.json``: the years and people of every document (``facets``), for the
  publication list's filters, which reach every paper although a list page holds a few;
- ``search/t-<key>-<hash>.json``: ``{token: postings}`` for every token that
  starts with ``<key>`` (one character, or two where one would make a big
  shard), fetched only when a query term starts with it.
  Typo tolerance (edit distance 1-2) and prefix matching run on the shard's
  tokens in the browser.

Every file but ui.js and index.json has a hash of its bytes in its name, so a stale
cached file can never be paired with a newer one.

Postings are delta-encoded document numbers with a 3-bit field mask
(1 title, 2 author, 4 abstract): ``(doc - previous_doc) << 3 | mask``.

Drafts are never indexed.

Only ui.js and index.json differ between languages: the rest is made once per
build, in two steps the incremental engine can answer from earlier builds: each
block of up to 64 consecutive documents (``BLOCK``: their rows, and their postings by
family of tokens), and each family of shards (``SHARDS``: the shards of the
tokens starting with one character, from the family's postings in every block).
An edit then tokenises its paper's block again and rewrites the shards of the
families whose postings changed (the characters its old and new words start with).
"""
from __future__ import annotations

import functools
import hashlib
import json
import marshal
import re
import unicodedata
from collections import defaultdict, deque
from dataclasses import dataclass
from hashlib import blake2b
from itertools import chain, repeat
from operator import and_, sub

from ..errors import BuildError, Problem
from ..model import Author, Content, Paper
from .markup import plain_text
from .linking import names_digest
from .work import Step, Work, entry_digest, fingerprint

TITLE, AUTHOR, ABSTRACT = 1, 2, 4
AUTHORS_SHOWN = 3

# Letters that NFD does not decompose into base + combining mark.
_SPECIAL = str.maketrans({
    "ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o",
    "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "þ": "th",
    "Þ": "th", "ı": "i", "ħ": "h", "Ħ": "h",
})
_APOSTROPHES = re.compile(r"['’`ʼ´]")
_TOKEN = re.compile(r"[^\W_]+")

# Very common words, dropped from abstracts only (titles and names keep
# everything): they would be the largest posting lists and rank nothing.
STOPWORDS = frozenset("""
a an and are as at be been but by can do for from has have in into is it its
of on or our such that the their them then there these they this those to
was we were which while will with
au aux avec ce ces dans de des du elle en est et il ils la le les leur mais
ne nous ou par pas pour qu que qui sa se ses son sont sur un une vous
""".split())


_MARKS: dict[int, str | None] = {}     # non-ASCII code point -> None if a nonspacing mark (Mn)


def fold(text: str) -> str:
    """Lowercase, strip accents, drop apostrophes: what search.js does too."""
    if not text.isascii():
        text = unicodedata.normalize("NFD", text).translate(_SPECIAL)
        for ch in set(text):
            if not ch.isascii() and ord(ch) not in _MARKS:
                _MARKS[ord(ch)] = None if unicodedata.category(ch) == "Mn" else ch
        text = text.translate(_MARKS)
    return _APOSTROPHES.sub("", text).lower()


def tokens(text: str) -> set[str]:
    """Every searchable token of ``text``.

    Apostrophes are removed ("R'emi" -> "remi") and also treated as
    separators, so French elisions stay findable ("l'apprentissage" ->
    "lapprentissage" and "apprentissage").
    """
    # Folding never joins or splits across whitespace, and words recur: each is folded once.
    return set().union(*map(_WORD_TOKENS.__getitem__, text.split()))


class _Words(dict):
    """word -> what ``make`` gives for it, made on first use. A dict rather than an lru_cache:
    two million lookups in a 10,000-paper build, and a dict's are the cheapest."""

    LIMIT = 1 << 18

    def __init__(self, make):
        super().__init__()
        self.make = make

    def __missing__(self, word: str) -> frozenset[str]:
        if len(self) > self.LIMIT:     # a long-running serve: forget rather than grow
            self.clear()
        value = self[word] = self.make(word)
        return value


def _word_tokens(word: str) -> frozenset[str]:
    found = set(_TOKEN.findall(fold(word)))
    if _APOSTROPHES.search(word):
        found |= set(_TOKEN.findall(fold(_APOSTROPHES.sub(" ", word))))
    return frozenset(found)


_WORD_TOKENS = _Words(_word_tokens)
# An abstract's tokens leave out stopwords and single letters.
_ABSTRACT_WORDS = _Words(lambda word: frozenset(t for t in _WORD_TOKENS[word] if t not in STOPWORDS and len(t) > 1))


@functools.lru_cache(maxsize=None)
def _name_tokens(name: str) -> frozenset[str]:
    """Names recur on many papers: fold each spelling once."""
    return frozenset(tokens(name))


@functools.lru_cache(maxsize=None)
def _name_key(name: str) -> str:
    return " ".join(_TOKEN.findall(fold(name)))


def author_lookup(authors: tuple[Author, ...]) -> dict[str, Author]:
    """Folded name or alias -> author, to link a paper's printed names to people.

    A spelling shared by two people links to neither (as on the pages).
    """
    found: dict[str, Author] = {}
    shared = set()
    for author in authors:
        for name in (author.name, *author.aliases):
            key = _name_key(name)
            if found.setdefault(key, author).id != author.id:
                shared.add(key)
    for key in shared:
        del found[key]
    return found


def _list_order(papers: list[Paper]) -> list[Paper]:
    """Newest first, undated last, as on the publication list.

    Sorted on one string per paper ("\\x00" sorts before any character of a date or an id,
    so this is the (date, id) order), which is several times quicker than tuples."""
    dated = sorted((p for p in papers if p.date), key=lambda p: p.date + "\x00" + p.id, reverse=True)
    undated = sorted((p for p in papers if not p.date), key=lambda p: (p.title.casefold(), p.id))
    return dated + undated


SHARD_SPLIT_BYTES = 64 * 1024
DOCS_PER_CHUNK = 100


def _first(token: str) -> str:
    c = token[0]
    return c if c.isascii() and c.isalnum() else "_"


def _key(token: str, split: set[str]) -> str:
    """The shard of ``token``: its first character, or its first two when that shard is split."""
    key = _first(token)
    if key in split and len(token) > 1 and token[1].isascii() and token[1].isalnum():
        return token[:2]
    return key


def _split(sizes: dict[str, int]) -> set[str]:
    return {key for key, size in sizes.items() if size > SHARD_SPLIT_BYTES and key != "_"}


def _size(token: str, count: int) -> int:
    """What a token weighs in its shard, to decide the split (roughly its bytes)."""
    return len(token) + 4 * count + 4 if count else 0


def shard_keys(postings: dict[str, list[int]]) -> dict[str, str]:
    """token -> shard key: its first character, or its first two when that shard is big.

    A token lives in the shard of the longest key that starts it; search.js
    applies the same rule, using the key list in index.json.
    """
    sizes: dict[str, int] = defaultdict(int)
    for token, plist in postings.items():
        sizes[_first(token)] += _size(token, len(plist))
    split = _split(sizes)
    return {token: _key(token, split) for token in postings}


# json.dumps would make a new encoder at each call: 10,000 rows made that cost more than the rows.
_json_text = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode


def _json(data) -> bytes:
    return _json_text(data).encode("utf-8")


def _named(stem: str, data: bytes) -> tuple[str, bytes]:
    """(search/<stem>-<hash>.json, data): a stale cached file can never pass for a newer one."""
    return f"{stem}-{hashlib.sha256(data).hexdigest()[:10]}.json", data


@functools.lru_cache(maxsize=1)
def _small_numbers() -> tuple[str, ...]:
    return tuple(map(str, range(1 << 14)))


def _numbers_text(numbers: list[int]) -> bytes:
    """"1,2,3": most deltas are small, and a table of their texts is quicker than str()."""
    try:
        return ",".join(map(_small_numbers().__getitem__, numbers)).encode("ascii")
    except IndexError:
        return ",".join(map(str, numbers)).encode("ascii")


def _shard_bytes(lists) -> bytes:
    """A shard file from (token, postings text), in key order: what ``_json`` makes of the
    {token: postings} dict (tokens are word characters: nothing to escape)."""
    return b"{" + b",".join([b'"' + token.encode("utf-8") + b'":[' + text + b"]" for token, text in lists]) + b"}"


def _delta_encoded(values: list[int]) -> list[int]:
    """``doc << 3 | mask`` values, in document order -> ``(doc - previous doc) << 3 | mask``."""
    return list(map(sub, values, map(and_, chain((0,), values), repeat(~7))))


def _abstract_tokens(text: str) -> set[str]:
    """An abstract's tokens but stopwords and single letters."""
    return set().union(*map(_ABSTRACT_WORDS.__getitem__, text.split()))


def _document(item: tuple) -> str:
    """One paper as the index needs it: its row of a d- file (JSON), a newline, then its tokens
    grouped by field mask (seven tab-separated groups, for masks 1 to 7, of space-separated
    sorted tokens). ``item``: (paper, its printed names each with the person
    they link to: (printed, name or None, aliases))."""
    paper, people = item[:2]
    shown = []
    in_authors: set[str] = set()
    for printed, name, aliases in people:
        shown.append(name or printed)
        in_authors |= _name_tokens(printed)
        for spelling in (name, *aliases) if name else ():
            in_authors |= _name_tokens(spelling)
    # How many more: beyond the names shown, up to the count when the dump gave one ("and 12 more").
    more = max(len(shown), paper.author_count or 0) - min(len(shown), AUTHORS_SHOWN)
    title = plain_text(paper.title) if "$" in paper.title or "\\" in paper.title else paper.title  # shown as text
    row = [paper.id, title, shown[:AUTHORS_SHOWN], more, paper.year]
    in_title, in_abstract = tokens(paper.title), _abstract_tokens(paper.abstract)
    named = in_title | in_authors                 # a few tokens; the abstract's alone are most
    groups: list = [[], [], [], list(in_abstract - named), [], [], []]      # by mask, 1 to 7
    for token in named:
        mask = (TITLE if token in in_title else 0) | (AUTHOR if token in in_authors else 0) \
            | (ABSTRACT if token in in_abstract else 0)
        groups[mask - 1].append(token)
    # Sorted: the same paper gives the same text, so a family's postings come in one order (what
    # its shards are reused by) whatever order Python's sets had in the process that made them.
    return _json_text(row) + "\n" + "\t".join([" ".join(sorted(group)) for group in groups])


def _postings(documents: list[str], start: int = 0) -> dict[str, list[int]]:
    """token -> ``doc << 3 | mask`` of every document it is in, in document order; the first
    document is number ``start``."""
    postings: dict[str, list[int]] = defaultdict(list)
    lists, append = postings.__getitem__, list.append
    for number, document in enumerate(documents, start):
        base = number << 3
        for mask, group in enumerate(document[document.index("\n") + 1:].split("\t"), 1):
            if group:      # the loop over the postings, in C: the costliest of a clean build's index
                deque(map(append, map(lists, group.split(" ")), repeat(base | mask)), maxlen=0)
    return postings


BLOCK_SIZE = 64       # documents a block at most: an edit tokenises its paper's block again, and no other
BLOCKS = 40           # blocks a smaller index is cut into: an edit then rewrites a small part of what is kept


def block_size(documents: int) -> int:
    return max(1, min(BLOCK_SIZE, documents // BLOCKS))


def _block(item: tuple) -> tuple[tuple[str, ...], dict[str, tuple[bytes, bytes]]]:
    """A block of consecutive documents, as the index needs it: each document's row (JSON), and,
    for each family of tokens (those ``_first`` puts under one character), the postings of the
    block's documents, kept as marshal bytes with their digest. ``item``: (the number of its first
    document, the items of its papers (see ``_document``), and a digest of them for reuse).

    Kept whole, a block costs a later build one object a family to read back, not a string a
    paper; a family whose postings in the block did not change keeps the digest it had, so its
    shards are reused (``_family``)."""
    start, papers = item[:2]
    documents = list(map(_document, papers))
    families: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for token, values in _postings(documents, start).items():
        families[_first(token)][token] = values
    parts = {}
    for family, postings in families.items():
        data = marshal.dumps(postings, 2)
        parts[family] = (blake2b(data, digest_size=16).digest(), data)
    return tuple(d[:d.index("\n")] for d in documents), parts


BLOCK = Step("search block", _block, key=lambda item: (item[0], item[2]))


def _family(item: tuple[str, tuple[bytes, ...]]) -> tuple[tuple[str, tuple[str, bytes]], ...]:
    """Every shard of one family of tokens: ((key, (file name, bytes)), ...). ``item``: (the
    family, the marshal bytes of its postings in each block that has any, in document order, and
    those parts with their digests: the key)."""
    family, parts = item[:2]
    postings: dict[str, list[int]] = {}
    for part in parts:
        for token, values in marshal.loads(part).items():
            known = postings.get(token)
            if known is None:
                postings[token] = values
            else:
                known += values
    return _shards((family, postings))


def _shards(item: tuple[str, dict[str, list[int]]]) -> tuple[tuple[str, tuple[str, bytes]], ...]:
    """Every shard of one family of tokens (those ``_first`` puts under one character):
    ((key, (file name, bytes)), ...). ``item``: (the family, its tokens' postings)."""
    family, postings = item
    split = _split({family: sum(_size(token, len(values)) for token, values in postings.items())})
    by_shard: dict[str, list[str]] = defaultdict(list)
    for token in postings:
        by_shard[_key(token, split)].append(token)
    return tuple((key, _named(f"t-{key}", _shard_bytes(
        (token, _numbers_text(_delta_encoded(postings[token]))) for token in sorted(by_shard[key]))))
        for key in sorted(by_shard))


# An edit changes the postings of the few tokens its paper has and had: the shards of their
# families are made again (the digests of their parts in its block changed), the others are
# the last build's.
SHARDS = Step("search shards", _family, key=lambda item: (item[0], b"".join(_digest_of(item[2]))))


def _digest_of(parts):
    return (digest for digest, _ in parts)


@dataclass
class Index:
    """The language-independent part of the index: what every language's files share."""

    count: int                                  # documents
    chunks: list[tuple[str, bytes]]             # (file name, bytes) of the d- files, in order
    shards: dict[str, tuple[str, bytes]]        # shard key -> (file name, bytes)
    facets: tuple[str, bytes] = ("", b"")       # (file name, bytes) of the f- file (``facets``)


def facets(rows: list[tuple[str, tuple[tuple[str, str], ...]]]) -> bytes:
    """The f- file: which documents each year and each person has, for the list's filters.

    ``rows``: each document's (year, ((author id, name), ...)), in document order. Out:
    ``{"years": {year: deltas}, "authors": [[id, name, deltas], ...]}``, deltas being the
    document numbers delta-encoded (first, then each minus the one before), people by id."""
    years: dict[str, list[int]] = defaultdict(list)
    people: dict[str, list[int]] = defaultdict(list)
    names: dict[str, str] = {}
    for number, (year, authors) in enumerate(rows):
        if year:
            years[year].append(number)
        for author_id, name in dict(authors).items():
            people[author_id].append(number)
            names[author_id] = name

    def deltas(numbers: list[int]) -> list[int]:
        return [n - p for n, p in zip(numbers, [0, *numbers])]
    return _json({"years": {year: deltas(numbers) for year, numbers in years.items()},
                  "authors": [[aid, names[aid], deltas(people[aid])] for aid in sorted(people)]})


FACETS = Step("search facets", lambda item: _named("f", facets(item[0])), key=lambda item: ("f", item[1]),
              min_items=2)


def _people(item: tuple[Content, bytes]) -> dict[str, tuple]:
    """Published paper id -> (its printed names, each with the person it links to: (printed, name
    or None, aliases); the (id, name) of the people linked; a digest of the first)."""
    content = item[0]
    lookup = author_lookup(content.authors)
    found = {}
    for paper in content.papers:
        if not paper.published:
            continue
        people, linked = [], []
        for printed in paper.authors:
            person = lookup.get(_name_key(printed))
            people.append((printed, person.name, person.aliases) if person else (printed, None, ()))
            if person:
                linked.append((person.id, person.name))
        found[paper.id] = (tuple(people), tuple(linked), fingerprint(tuple(people)))
    return found


# Keyed as linking is (linking.names_digest: every published paper's names, every person's): an
# edit of a title or an abstract reads them back rather than folding and matching 45,000 names.
PEOPLE = Step("search people", _people, key=lambda item: ("people", item[1]), min_items=2)


def build_index(content: Content, work: Work | None = None, names: bytes | None = None) -> Index:
    """The index of the published papers (a draft never leaves content/). ``names``: a digest
    of the papers' names and the people's (linking.Links.names; made here when not given)."""
    work = work or Work(1)
    papers = _list_order([p for p in content.papers if p.published])
    names = names or names_digest(content)
    [people] = work.map(PEOPLE, [(content, names)])
    items = [(paper, people[paper.id][0]) for paper in papers]
    # A block is made from its papers (the digests of their files) and the people their names link to.
    digests = content.digests
    blocks = [(start, part, fingerprint(b"".join([(digests.get(paper.path) or entry_digest(paper)) + people[paper.id][2]
                                                  for paper, _ in part])))
              for size in [block_size(len(items))]
              for start in range(0, len(items), size) for part in [tuple(items[start:start + size])]]
    made = work.map(BLOCK, blocks)
    documents = [row for block_rows, _ in made for row in block_rows]
    families: dict[str, list[tuple[bytes, bytes]]] = defaultdict(list)
    for _, parts in made:
        for family, part in parts.items():
            families[family].append(part)
    shards = {}
    for made_shards in work.map(SHARDS, [(family, tuple(data for _, data in families[family]), families[family])
                                         for family in sorted(families)]):
        shards.update(made_shards)
    chunks = [_named(f"d-{number}", ("[" + ",".join(documents[start:start + DOCS_PER_CHUNK]) + "]").encode("utf-8"))
              for number, start in enumerate(range(0, len(documents), DOCS_PER_CHUNK))]
    # The facets are each paper's year and the people it links to: its id, under the same names.
    rows = [(paper.year, people[paper.id][1]) for paper in papers]
    [facets_file] = work.map(FACETS, [(rows, (names, tuple(p.id for p in papers), tuple(p.year for p in papers)))])
    return Index(len(documents), chunks, dict(sorted(shards.items())), facets_file)


def postings(index: Index) -> tuple[list[list], dict[str, list[int]]]:
    """Documents to show and, per token, its encoded postings: the index as data, for tests and tools."""
    docs = [doc for _, data in index.chunks for doc in json.loads(data)]
    found = {}
    for _, data in index.shards.values():
        found.update(json.loads(data))
    return docs, found


def search_files(content: Content, lang: str, strings: dict, work: Work | None = None,
                 index: Index | None = None) -> dict[str, bytes]:
    """The search index for one language, as {relative path: bytes}.

    The data is the same for every language (titles are not translated): pass the ``index``
    made once for all of them; ``strings`` (this language's translation table) gives the box's
    text. ``lang`` goes into the table so that search.js can refuse an index for the wrong language.
    """
    index = index or build_index(content, work)
    files = {f"search/{name}": data for name, data in index.shards.values()}
    files.update((f"search/{name}", data) for name, data in index.chunks)
    files[f"search/{index.facets[0]}"] = index.facets[1]
    files["search/index.json"] = _json({
        "v": 2, "lang": lang, "count": index.count, "chunk": DOCS_PER_CHUNK,
        "chunks": [name for name, _ in index.chunks], "facets": index.facets[0],
        "shards": {key: name for key, (name, _) in index.shards.items()}, "stopwords": sorted(STOPWORDS),
    })
    files["search/ui.js"] = ui_script(lang, strings)
    return files


# search.js name -> translation key: the text of the search box that search.js builds.
UI_STRINGS = {
    "label": "search_label", "placeholder": "search_placeholder", "hint": "search_hint",
    "resultsLabel": "search_results_label", "one": "search_result_one", "many": "search_results",
    "none": "search_no_results", "partial": "search_partial", "more": "search_more_authors",
    "seeAll": "search_see_all", "error": "search_error",
}


def ui_script(lang: str, strings: dict) -> bytes:
    """search/ui.js: hands this language's search-box strings to search.js.

    search.js adds it as a script and matches the call to its request by URL.
    JSON inside, so no string can break out of its literal."""
    missing = sorted(key for key in UI_STRINGS.values() if key not in strings)
    if missing:
        raise BuildError(problems=[Problem(f"templates/i18n/{lang}.yaml", 0, f"missing strings: {', '.join(missing)}")])
    data = {"lang": lang, "index": "index.json", **{name: str(strings[key]) for name, key in UI_STRINGS.items()}}
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"labSearch.ui(document.currentScript.src, {text});\n".encode("utf-8")
