"""Client-side search index: content in, a few small static JSON files out.

build calls ``search_files(content, lang, strings, memo)`` for each language and
writes each returned path (relative to output/<lang>/) with its bytes. ``templates/static/search.js``
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
build. And it is made from the previous build's (the ``memo``, which the build
keeps between runs) when it can be: each paper's document (its row and its
tokens by field) is kept under a digest of the paper, so an unchanged paper is
never tokenised again; the changed papers are found by comparing the digests in
list order, and only the postings at their documents are rewritten, in the
previous shard files' bytes (a paper added, removed or moved also shifts the
numbers after it, which delta encoding turns into one changed posting per
list). Files whose inputs did not change are the very bytes objects of the
previous build. Whatever the memo holds, the files are those a build without
one makes (tested after random edits).
"""
from __future__ import annotations

import functools
import gc
import hashlib
import json
import re
import unicodedata
from bisect import bisect_left
from array import array
from collections import defaultdict, deque
from itertools import chain, repeat
from operator import and_, rshift, sub

from ..errors import BuildError, Problem
from ..model import Author, Content, Paper

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
    found: dict[str, set[str]] = defaultdict(set)
    by_id = {author.id: author for author in authors}
    for author in authors:
        for name in (author.name, *author.aliases):
            found[_name_key(name)].add(author.id)
    return {key: by_id[next(iter(ids))] for key, ids in found.items() if len(ids) == 1}


def _list_order(papers: list[Paper]) -> list[Paper]:
    """Newest first, undated last, as on the publication list.

    Sorted on one string per paper ("\\x00" sorts before any character of a date or an id,
    so this is the (date, id) order), which is several times quicker than tuples."""
    dated = sorted((p for p in papers if p.date), key=lambda p: p.date + "\x00" + p.id, reverse=True)
    undated = sorted((p for p in papers if not p.date), key=lambda p: (p.title.casefold(), p.id))
    return dated + undated


def _document(paper: Paper, people, texts: tuple[set[str], set[str]] | None = None,
              groups_out: list | None = None) -> str:
    """One document as the index needs it: its row of a d- file (JSON), a newline, then its
    tokens grouped by field mask (seven tab-separated groups, for masks 1 to 7, of
    space-separated tokens). One str per paper: what the memo keeps, and quick to unpickle.
    ``texts``: the title's and the abstract's tokens, when known from an earlier document;
    ``groups_out`` gets the groups as collections, to spare splitting the str again."""
    shown = []
    in_authors: set[str] = set()
    for printed in paper.authors:
        name, found = people.byline(printed)
        shown.append(name)
        in_authors |= found
    row = [paper.id, paper.title, shown[:AUTHORS_SHOWN], max(len(shown) - AUTHORS_SHOWN, 0), paper.year]
    if texts is None:
        texts = tokens(paper.title), _abstract_tokens(paper.abstract)
    in_title, in_abstract = texts
    named = in_title | in_authors                 # a few tokens; the abstract's alone are most
    # A list, not the set: the build keeps every document's groups until the index is made,
    # and 10,000 sets of abstract tokens took 70 MB there (a list of the same tokens, 8).
    groups: list = [[], [], [], list(in_abstract - named), [], [], []]      # by mask, 1 to 7
    for token in named:
        mask = (TITLE if token in in_title else 0) | (AUTHOR if token in in_authors else 0) \
            | (ABSTRACT if token in in_abstract else 0)
        groups[mask - 1].append(token)
    # The groups are not sorted: no output depends on the order of a document's tokens.
    if groups_out is not None:
        groups_out.append(groups)
    return _json_text(row) + "\n" + "\t".join([" ".join(group) for group in groups])


def _abstract_tokens(text: str) -> set[str]:
    """An abstract's tokens but stopwords and single letters."""
    return set().union(*map(_ABSTRACT_WORDS.__getitem__, text.split()))


def _document_tokens(document: str):
    """(token, field mask) of a ``_document``."""
    for mask, group in enumerate(document[document.index("\n") + 1:].split("\t"), 1):
        if group:
            for token in group.split(" "):
                yield token, mask


def _texts(document: str) -> tuple[set[str], set[str]]:
    """The title's and the abstract's tokens in a ``_document``: they do not depend on the people."""
    in_title, in_abstract = set(), set()
    for token, mask in _document_tokens(document):
        if mask & TITLE:
            in_title.add(token)
        if mask & ABSTRACT:
            in_abstract.add(token)
    return in_title, in_abstract


class _People:
    """Folded name -> author (see ``author_lookup``), from the memo's table when the people are
    those of the previous build: folding every name and alias costs more than the rest of an
    incremental build of the index."""

    def __init__(self, authors: tuple[Author, ...], digest: bytes, memo: dict):
        self.authors = authors
        known = memo.get("people")
        if known is not None and known[0] == digest:
            self.table = known[1]
        else:
            numbers = {id(author): number for number, author in enumerate(authors)}
            self.table = {key: numbers[id(author)] for key, author in author_lookup(authors).items()}
        self.memo_value = known if known is not None and known[1] is self.table else (digest, self.table)

        self._bylines: dict[str, tuple[str, frozenset[str]]] = {}

    def byline(self, printed: str) -> tuple[str, frozenset[str]]:
        """(the name shown for a printed name, the tokens it is found by: its own and, when
        it links to a person, the person's name and aliases)."""
        known = self._bylines.get(printed)
        if known is None:
            number = self.table.get(_name_key(printed))
            person = None if number is None else self.authors[number]
            found = _name_tokens(printed)
            for name in (person.name, *person.aliases) if person else ():
                found = found | _name_tokens(name)
            known = self._bylines[printed] = (person.name if person else printed, found)
        return known


def _people_digest(authors: tuple[Author, ...]) -> bytes:
    """What linking printed names to people depends on: every name and alias of every author."""
    text = "\x00".join(f"{a.id}\x01{a.name}\x01" + "\x01".join(a.aliases) for a in authors)
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _fixed(digest: bytes | None) -> bytes | None:
    """A caller's digest of a paper, as the 16 bytes the memo's state is made of."""
    if digest is None or len(digest) == 16:
        return digest
    return hashlib.blake2b(digest, digest_size=16).digest()


def _paper_digest(paper: Paper) -> bytes:
    """What a document is made of, besides the people: its id, title, abstract, authors, date."""
    text = "\x00".join((paper.id, paper.title, paper.abstract, paper.date, *paper.authors))
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def build_index(content: Content, memo: dict | None = None) -> tuple[list[list], dict[str, list[int]]]:
    """Documents to show and, per token, its encoded postings (see the module docstring):
    the index as data, for tests and tools; the build uses ``search_files``."""
    index = _Index.make(content, memo)
    docs = [json.loads(document[:document.index("\n")]) for document in index.documents]
    postings = {}
    for data in index.shard_data():
        postings.update(json.loads(data))
    return docs, postings


SHARD_SPLIT_BYTES = 64 * 1024
DOCS_PER_CHUNK = 100
MAX_CHANGED_DOCUMENTS = 1000     # past this many, the index is rebuilt rather than patched


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


def _delta_encoded(values: list[int]) -> list[int]:
    """``doc << 3 | mask`` values, in document order -> ``(doc - previous doc) << 3 | mask``."""
    return list(map(sub, values, map(and_, chain((0,), values), repeat(~7))))


class _Index:
    """The language-independent part of the index: documents, shards, chunks and file names.

    The memo holds, between builds (plain str, bytes and tuples: quick to unpickle):
    - paper digest -> its ``_document`` (valid while the people are the same);
    - "state" -> (people digest, the documents' paper digests in list order, shard sizes);
    - ("s", key) -> (file name, bytes) of each shard, ("m", key) -> its ``_Marks``;
    - ("c", n) -> (file name, bytes) of each d- file;
    - "people" -> (people digest, folded name -> author number), see ``_People``.
    An edit changes some runs of documents ("hunks": one paper edited, added or removed is
    one; a paper moved is two). The postings of their old and new documents change, and,
    when documents were added or removed, the first posting after them (its delta): those
    are rewritten in place in the shards' bytes (``_patch``; ``_shifted`` for the tokens
    that only move), the rest is kept as it was.
    """

    def __init__(self, documents: list[str], shards: dict[str, tuple[str, bytes]], marks: dict[str, bytes],
                 sizes: dict[str, int]):
        self.documents = documents
        self.shards = shards          # key -> (file name, bytes)
        self.marks = marks            # key -> its tokens' packed ``_Marks``
        self.sizes = sizes            # first character -> the size that decides a split
        self.chunks: list[tuple[str, bytes]] = []     # (file name, bytes) of the d- files

    def shard_data(self):
        return (data for _, data in self.shards.values())

    @classmethod
    def make(cls, content: Content, memo: dict | None, digests: dict[str, bytes] | None = None) -> "_Index":
        papers = _list_order([p for p in content.papers if p.published])
        given = [_fixed(digests.get(paper.id)) if digests else None for paper in papers]
        keys = [digest or _paper_digest(paper) for paper, digest in zip(papers, given)]
        people_digest = _people_digest(content.authors)
        old = memo if memo is not None else {}
        state = old.get("state")
        fresh = state is None or state[0] != people_digest
        people = None
        documents = []
        made: dict[int, list] = {}        # document number -> its groups, for those made now
        for number, (paper, digest) in enumerate(zip(papers, keys)):
            document = old.get(digest)
            if document is None or fresh:
                if people is None:
                    people = _People(content.authors, people_digest, old)
                groups: list = []
                document = _document(paper, people, _texts(document) if document else None, groups)
                made[number] = groups[0]
            documents.append(document)
        index = None if fresh else cls._patched(documents, keys, state, old)
        if index is None:
            index = cls._built(documents, made)
        joined = b"".join(keys)
        index.chunks = []
        for number, start in enumerate(range(0, len(documents), DOCS_PER_CHUNK)):
            end = start + DOCS_PER_CHUNK
            chunk = old.get(("c", number))
            if fresh or chunk is None or state[1][16 * start:16 * end] != joined[16 * start:16 * end]:
                rows = ",".join(d[:d.index("\n")] for d in documents[start:end])
                chunk = _named(f"d-{number}", f"[{rows}]".encode("utf-8"))
            index.chunks.append(chunk)
        if memo is not None:
            kept_people = old.get("people")
            memo.clear()
            memo.update(zip(keys, documents))
            memo.update((("s", key), file) for key, file in index.shards.items())
            memo.update((("m", key), marks) for key, marks in index.marks.items())
            memo.update((("c", number), file) for number, file in enumerate(index.chunks))
            new_state = (people_digest, joined, tuple(sorted(index.sizes.items())))
            memo["state"] = state if state == new_state else new_state     # unchanged: not saved again
            if people is not None:
                memo["people"] = people.memo_value
            elif kept_people is not None and kept_people[0] == people_digest:
                memo["people"] = kept_people
        return index

    @classmethod
    def _built(cls, documents: list[str], made: dict[int, list] | None = None) -> "_Index":
        """The index from scratch (``made``: the token groups of documents made this build)."""
        postings: dict[str, list[int]] = defaultdict(list)
        lists, append = postings.__getitem__, list.append
        made = made or {}
        for number, document in enumerate(documents):
            base = number << 3
            groups = made.get(number)
            if groups is None:
                groups = [group.split(" ") if group else () for group in
                          document[document.index("\n") + 1:].split("\t")]
            for mask, group in enumerate(groups, 1):
                if group:      # the loop over the postings, in C: the build's costliest
                    deque(map(append, map(lists, group), repeat(base | mask)), maxlen=0)
        sizes: dict[str, int] = defaultdict(int)
        for token, values in postings.items():
            sizes[_first(token)] += _size(token, len(values))
        split = _split(sizes)
        by_shard: dict[str, list[str]] = defaultdict(list)
        for token in postings:
            by_shard[_key(token, split)].append(token)
        shards, marks = {}, {}
        numbers = _small_numbers()
        for key in sorted(by_shard):
            texts, rows = [], []
            for token in sorted(by_shard[key]):
                values = postings[token]
                if len(values) == 1:       # most tokens of a large vocabulary: one paper each
                    value = values[0]
                    text = (numbers[value] if value < len(numbers) else str(value)).encode("ascii")
                    rows.append(((value >> 3,), (0,), (0,)))
                else:
                    text = _numbers_text(_delta_encoded(values))
                    rows.append((list(map(rshift, values[::MARK_EVERY], repeat(3))),
                                 range(0, len(values), MARK_EVERY),
                                 _Marks.offsets(text) if len(values) > MARK_EVERY else (0,)))
                texts.append((token, text))
            shards[key] = _named(f"t-{key}", _shard_bytes(texts))
            marks[key] = _Marks.pack(rows)
        return cls(documents, shards, marks, dict(sizes))

    @classmethod
    def _patched(cls, documents: list[str], digests: list[bytes], state: tuple, memo: dict) -> "_Index | None":
        """The previous build's index with the changed documents replaced, or None when that is
        not possible or would not be quicker than building it afresh."""
        old_digests = [state[1][i:i + 16] for i in range(0, len(state[1]), 16)]
        sizes = dict(state[2])
        old_shards = {key[1]: file for key, file in memo.items() if isinstance(key, tuple) and key[0] == "s"}
        old_marks = {key: memo.get(("m", key)) for key in old_shards}
        if None in old_marks.values() or (sum(sizes.values()) and not old_shards):
            return None
        hunks = _hunks(old_digests, digests)
        if hunks is None or sum(e - s + e2 - s2 for s, e, s2, e2 in hunks) > MAX_CHANGED_DOCUMENTS:
            return None
        arriving: dict[str, list[tuple[int, int]]] = defaultdict(list)   # token -> (new doc, mask) in a hunk
        departing: dict[str, list[tuple[int, int]]] = defaultdict(list)  # token -> (old doc, mask)
        for start, end, new_start, new_end in hunks:
            for number in range(start, end):
                document = memo.get(old_digests[number])
                if document is None:
                    return None
                for token, mask in _document_tokens(document):
                    departing[token].append((number, mask))
            for number in range(new_start, new_end):
                for token, mask in _document_tokens(documents[number]):
                    arriving[token].append((number, mask))
        moved = any(end - start != new_end - new_start for start, end, new_start, new_end in hunks)
        # Unless documents moved, a token found in the same documents with the same fields is untouched.
        touched = {token for token in arriving.keys() | departing.keys()
                   if moved or arriving.get(token) != departing.get(token)}
        split = _split(sizes)
        loaded = set(old_shards) if moved else {_key(token, split) for token in touched} & old_shards.keys()
        lists: dict[str, tuple[bytes, bytes]] = {}      # token -> (its postings' text, its marks)
        for key in loaded:
            lists.update(_Marks.unpack(old_shards[key][1], old_marks[key]))
        changed = set()
        if moved:             # the others' postings only move: one number changes per hunk at most
            for token in lists.keys() - touched:
                shifted = _shifted(*lists[token], hunks)
                if shifted is not None:
                    lists[token] = shifted
                    changed.add(token)
        for token in touched:
            text, raw = lists.get(token, (b"", b""))
            count = text.count(b",") + 1 if text else 0
            patched = _patch(text, count, _Marks.decode(raw), arriving.get(token, ()), hunks)
            if patched is None:
                continue
            text, new_count, marks = patched
            first = _first(token)
            sizes[first] = sizes.get(first, 0) - _size(token, count) + _size(token, new_count)
            changed.add(token)
            if text:
                lists[token] = text, _Marks.pack([marks])
            else:
                lists.pop(token, None)
        sizes = {first: size for first, size in sizes.items() if size}
        new_split = _split(sizes)
        for first in split ^ new_split:       # a shard split or merged: its tokens move
            for key in old_shards.keys() - loaded:
                if _first(key) == first:
                    loaded.add(key)
                    lists.update(_Marks.unpack(old_shards[key][1], old_marks[key]))
        by_shard: dict[str, dict[str, tuple[bytes, bytes]]] = defaultdict(dict)
        for token, data in lists.items():
            by_shard[_key(token, new_split)][token] = data
        shards = {key: file for key, file in old_shards.items() if key not in loaded}
        marks = {key: old_marks[key] for key in shards}
        for key, data in by_shard.items():
            if key in old_shards and not (changed & data.keys()) and old_shards[key][1].count(b'":[') == len(data):
                shards[key], marks[key] = old_shards[key], old_marks[key]      # the same tokens, untouched
                continue
            ordered = sorted(data.items())
            shards[key] = _named(f"t-{key}", _shard_bytes((token, text) for token, (text, _) in ordered))
            marks[key] = b"".join([raw for _, (_, raw) in ordered])
        return cls(documents, dict(sorted(shards.items())), marks, sizes)


MARK_EVERY = 32       # a posting list's position is remembered every this many postings


class _Marks:
    """Where a token's postings are, without adding up their deltas from the start: every
    ``MARK_EVERY``-th posting's document, index and byte offset in the list's text, so that
    finding the postings of a document parses at most that many, and changing them rewrites
    only those bytes. Kept in the memo as one array of integers per shard, for its tokens in
    key order: count, then the documents, the indexes and the offsets. A token's part stays
    bytes until it has to change."""

    @staticmethod
    def pack(rows) -> bytes:
        """The shard's marks from each token's (documents, indexes, offsets)."""
        numbers = array("q")
        for documents, indexes, offsets in rows:
            numbers.append(len(documents))
            numbers.extend(documents)
            numbers.extend(indexes)
            numbers.extend(offsets)
        return numbers.tobytes()

    @staticmethod
    def unpack(shard: bytes, packed: bytes):
        """(token, (postings text, its marks as bytes)) of every token of a shard."""
        numbers = memoryview(packed).cast("q")
        at = 0
        for match in _SHARD_LIST.finditer(shard):
            end = at + 1 + 3 * numbers[at]
            yield match.group(1).decode("utf-8"), (match.group(2), packed[8 * at:8 * end])
            at = end

    @staticmethod
    def decode(raw: bytes) -> tuple[array, array, array]:
        numbers = array("q")
        numbers.frombytes(raw)
        n = numbers[0] if numbers else 0
        return numbers[1:1 + n], numbers[1 + n:1 + 2 * n], numbers[1 + 2 * n:1 + 3 * n]

    @staticmethod
    def offsets(text: bytes) -> list[int]:
        """The byte offsets of postings 0, MARK_EVERY, 2 * MARK_EVERY... in a list's text."""
        groups = _MARK_GROUPS.get(MARK_EVERY) or _MARK_GROUPS.setdefault(
            MARK_EVERY, re.compile(rb"(?:\d+,){%d}" % MARK_EVERY))
        return [0, *(match.end() for match in groups.finditer(text))]


_MARK_GROUPS: dict[int, re.Pattern] = {}


def _shard_bytes(lists) -> bytes:
    """A shard file from (token, postings text), in key order: what ``_json`` makes of the
    {token: postings} dict (tokens are word characters: nothing to escape)."""
    return b"{" + b",".join([b'"' + token.encode("utf-8") + b'":[' + text + b"]" for token, text in lists]) + b"}"


_SHARD_LIST = re.compile(rb'"([^"]+)":\[([^\]]*)\]')


def _hunks(old: list[bytes], new: list[bytes]) -> list[tuple[int, int, int, int]] | None:
    """The documents that changed, as (old start, old end, new start, new end) runs.

    Unchanged papers keep their order (it depends on what the digest covers), so they pair
    up in order; None if they do not (the memo does not fit)."""
    where = {digest: number for number, digest in enumerate(old)}
    if len(where) != len(old):
        return None
    hunks, last_old, last_new = [], -1, -1
    for number, digest in enumerate(chain(new, [None])):
        was = where.get(digest) if digest is not None else len(old)
        if was is None:
            continue
        if was <= last_old:
            return None
        if was > last_old + 1 or number > last_new + 1:
            hunks.append((last_old + 1, was, last_new + 1, number))
        last_old, last_new = was, number
    return hunks


def _patch(text: bytes, count: int, marks: tuple, arriving, hunks) -> tuple[bytes, int, tuple] | None:
    """A token's postings (their text and count) and marks with every hunk's old documents
    replaced by its new ones (``arriving``: (new document, mask) of this token in the hunks),
    or None when nothing changes.

    Hunks are applied in order; before each, the postings after it still count the documents
    that earlier hunks added or removed in their old numbering, plus ``shift``."""
    documents, indexes, offsets = list(marks[0]), list(marks[1]), list(marks[2])
    new_entries = iter(arriving)
    entry = next(new_entries, None)
    changed = False
    shift = 0
    for start, end, new_start, new_end in hunks:
        window_start, window_end = start + shift, end + shift    # the hunk's old documents, as numbered now
        hunk_shift = (new_end - new_start) - (end - start)
        shift += hunk_shift
        first, first_offset, _, previous, _ = _locate(text, count, documents, indexes, offsets, window_start)
        last, last_offset, last_document, _, last_length = _locate(text, count, documents, indexes, offsets,
                                                                   window_end)
        middle = []
        while entry is not None and entry[0] < new_end:
            middle.append(((entry[0] - previous) << 3 | entry[1], entry[0]))
            previous = entry[0]
            entry = next(new_entries, None)
        if first == last and not middle and (not hunk_shift or last == count):
            continue
        changed = True
        texts = [str(value) for value, _ in middle]
        new_marks = [(number, first) for _, number in middle[:1]]
        if last < count:
            moved = last_document + hunk_shift
            texts.append(str((moved - previous) << 3 | (int(text[last_offset:last_offset + last_length]) & 7)))
            new_marks.append((moved, first + len(middle)))
            tail = text[last_offset + last_length + 1:]
            last += 1
        else:
            tail = b""
        head = text[:first_offset - 1] if first else b""
        replacement = ",".join(texts).encode("ascii")
        new_text = b",".join([part for part in (head, replacement, tail) if part])
        at = len(head) + 1 if head else 0        # the first new posting's offset
        new_offsets = [at] if middle else []
        if len(new_marks) > len(new_offsets):     # the posting after the hunk, moved
            new_offsets.append(at + sum(map(len, texts[:-1])) + len(texts) - 1)
        grown, moved_bytes = len(texts) - (last - first), len(new_text) - len(text)
        keep, after = bisect_left(indexes, first), bisect_left(indexes, last)
        documents[keep:] = [number for number, _ in new_marks] + [d + hunk_shift for d in documents[after:]]
        indexes[keep:] = [i for _, i in new_marks] + [i + grown for i in indexes[after:]]
        offsets[keep:] = new_offsets + [o + moved_bytes for o in offsets[after:]]
        text, count = new_text, count + grown
    if not changed:
        return None
    return text, count, (documents, indexes, offsets)


def _shifted(text: bytes, raw: bytes, hunks) -> tuple[bytes, bytes] | None:
    """(postings text, marks) of a token with no posting in any hunk, after the hunks added or
    removed documents: the first posting after each such hunk is that many documents further
    (its delta changes), the rest keep theirs. None when no posting follows a hunk."""
    documents, indexes, offsets = _Marks.decode(raw)
    count = text.count(b",") + 1
    shift, changed = 0, False
    for start, end, new_start, new_end in hunks:
        hunk_shift = (new_end - new_start) - (end - start)
        if hunk_shift:
            index, offset, _, _, length = _locate(text, count, documents, indexes, offsets, end + shift)
            if index == count:
                break         # no posting after this hunk, nor after the later ones
            number = str(int(text[offset:offset + length]) + (hunk_shift << 3)).encode("ascii")
            text = text[:offset] + number + text[offset + length:]
            grown = len(number) - length
            first = bisect_left(indexes, index)            # the marks from that posting on
            documents[first:] = array("q", [d + hunk_shift for d in documents[first:]])
            after = bisect_left(indexes, index + 1)        # the marks after it
            if grown:
                offsets[after:] = array("q", [o + grown for o in offsets[after:]])
            changed = True
        shift += hunk_shift
    return (text, _Marks.pack([(documents, indexes, offsets)])) if changed else None


def _locate(text: bytes, count: int, documents, indexes, offsets, number: int) -> tuple[int, int, int | None, int, int]:
    """The first posting of a document >= ``number``: (its index, its byte offset, its document,
    the document of the posting before it or 0, its length in bytes), from the nearest mark
    before it. Past the last posting: (count, len(text) + 1, None, the last document, 0)."""
    mark = bisect_left(documents, number) - 1
    if mark < 0:
        if not count:
            return 0, len(text) + 1, None, 0, 0
        return 0, 0, documents[0], 0, _length(text, 0)
    index, offset, document = indexes[mark], offsets[mark], documents[mark]
    following = mark + 1 < len(indexes)
    pieces = text[offset:offsets[mark + 1] - 1 if following else len(text)].split(b",")
    for piece, value in zip(pieces, pieces[1:]):
        index, offset = index + 1, offset + len(piece) + 1
        previous, document = document, document + (int(value) >> 3)
        if document >= number:
            return index, offset, document, previous, len(value)
    if following:
        at = offsets[mark + 1]
        return indexes[mark + 1], at, documents[mark + 1], document, _length(text, at)
    return count, len(text) + 1, None, document, 0


def _length(text: bytes, offset: int) -> int:
    comma = text.find(b",", offset)
    return (comma if comma >= 0 else len(text)) - offset


_last_index: tuple[Content, _Index] | None = None


def search_files(content: Content, lang: str, strings: dict, memo: dict | None = None,
                 digests: dict[str, bytes] | None = None) -> dict[str, bytes]:
    """The search index for one language, as {relative path: bytes}.

    The data is the same for every language (titles are not translated), so it is made
    once for all of them; ``strings`` (this language's translation table) gives the box's
    text. ``lang`` goes into the table so that search.js can refuse an index for the
    wrong language. ``memo`` (see ``_Index``) carries what the previous build made.
    ``digests`` (optional: paper id -> a digest of all its fields, such as the views'
    ``PaperView.digest``) spares hashing every paper to find the ones that changed.
    """
    global _last_index
    if _last_index is None or _last_index[0] is not content:
        collecting = gc.isenabled()
        gc.disable()        # it makes no cycles, and the collector's passes over everything the
        try:                # build holds would cost more than the index itself
            _last_index = (content, _Index.make(content, memo, digests))      # the same for every language
        finally:
            if collecting:
                gc.enable()
    index = _last_index[1]
    files = {f"search/{name}": data for name, data in index.shards.values()}
    files.update((f"search/{name}", data) for name, data in index.chunks)
    files["search/index.json"] = _json({
        "v": 2, "lang": lang, "count": len(index.documents), "chunk": DOCS_PER_CHUNK,
        "chunks": [name for name, _ in index.chunks],
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
