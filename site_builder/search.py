"""Client-side search index: content in, a few small static JSON files out.

build calls ``search_files(content, lang, strings)`` and writes each returned
path (relative to output/<lang>/) with its bytes. ``templates/static/search.js``
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
"""
from __future__ import annotations

import functools
import hashlib
import json
import re
import unicodedata
from collections import defaultdict

from .errors import BuildError, Problem
from .model import Author, Content, Paper

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
    found: set[str] = set()
    for word in text.split():           # folding never joins or splits across whitespace
        found |= _word_tokens(word)
    return found


@functools.lru_cache(maxsize=1 << 18)
def _word_tokens(word: str) -> frozenset[str]:
    """Words recur across abstracts: fold each one once."""
    found = set(_TOKEN.findall(fold(word)))
    if _APOSTROPHES.search(word):
        found |= set(_TOKEN.findall(fold(_APOSTROPHES.sub(" ", word))))
    return frozenset(found)


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
    """Newest first, undated last, as on the publication list."""
    dated = sorted((p for p in papers if p.date), key=lambda p: (p.date, p.id), reverse=True)
    undated = sorted((p for p in papers if not p.date), key=lambda p: (p.title.casefold(), p.id))
    return dated + undated


def _text_tokens(paper: Paper) -> tuple[frozenset[str], frozenset[str]]:
    """A paper's title tokens and its abstract's (stopwords and single letters dropped)."""
    return (frozenset(tokens(paper.title)),
            frozenset(t for t in tokens(paper.abstract) if t not in STOPWORDS and len(t) > 1))


def build_index(content: Content, memo: dict | None = None) -> tuple[list[list], dict[str, list[int]]]:
    """Documents to show and, per token, its encoded postings (see the module docstring).

    ``memo`` ((title, abstract) -> their tokens, from a previous build) spares tokenising
    unchanged papers; it is left holding this build's."""
    known = dict(memo) if memo else {}
    if memo is not None:
        memo.clear()
    people = author_lookup(content.authors)
    papers = _list_order([p for p in content.papers if p.published])
    docs: list[list] = []
    postings: dict[str, list[int]] = defaultdict(list)
    last_doc: dict[str, int] = {}
    for number, paper in enumerate(papers):
        shown = []
        in_authors: set[str] = set()
        for printed in paper.authors:
            person = people.get(_name_key(printed))
            shown.append(person.name if person else printed)
            in_authors |= _name_tokens(printed)
            for name in (person.name, *person.aliases) if person else ():
                in_authors |= _name_tokens(name)
        docs.append([paper.id, paper.title, shown[:AUTHORS_SHOWN], max(len(shown) - AUTHORS_SHOWN, 0), paper.year])
        key = (paper.title, paper.abstract)
        in_title, in_abstract = known.get(key) or _text_tokens(paper)
        if memo is not None:
            memo[key] = (in_title, in_abstract)
        named = in_title | in_authors
        for token in in_abstract - named:              # most tokens: the abstract's alone
            postings[token].append((number - last_doc.get(token, 0)) << 3 | ABSTRACT)
            last_doc[token] = number
        for token in named:
            mask = (TITLE if token in in_title else 0) | (AUTHOR if token in in_authors else 0) \
                | (ABSTRACT if token in in_abstract else 0)
            postings[token].append((number - last_doc.get(token, 0)) << 3 | mask)
            last_doc[token] = number
    return docs, postings


SHARD_SPLIT_BYTES = 64 * 1024
DOCS_PER_CHUNK = 100


def shard_keys(postings: dict[str, list[int]]) -> dict[str, str]:
    """token -> shard key: its first character, or its first two when that shard is big.

    A token lives in the shard of the longest key that starts it; search.js
    applies the same rule, using the key list in index.json.
    """
    def first(token: str) -> str:
        c = token[0]
        return c if c.isascii() and c.isalnum() else "_"

    size: dict[str, int] = defaultdict(int)
    for token, plist in postings.items():
        size[first(token)] += len(token) + 4 * len(plist) + 4
    keys = {}
    for token in postings:
        key = first(token)
        if size[key] > SHARD_SPLIT_BYTES and key != "_" and len(token) > 1 and token[1].isascii() and token[1].isalnum():
            key = token[:2]
        keys[token] = key
    return keys


def _json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


_last_index: tuple[Content, tuple] | None = None


def search_files(content: Content, lang: str, strings: dict, memo: dict | None = None) -> dict[str, bytes]:
    """The search index for one language, as {relative path: bytes}.

    The data is the same for every language (titles are not translated);
    ``strings`` (this language's translation table) gives the box's text.
    ``lang`` goes into the table so that search.js can refuse an index for the
    wrong language.
    """
    global _last_index
    if _last_index is None or _last_index[0] is not content:
        _last_index = (content, build_index(content, memo))      # the same for every language
    docs, postings = _last_index[1]
    by_shard: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for token, key in shard_keys(postings).items():
        by_shard[key][token] = postings[token]
    files: dict[str, bytes] = {}
    shards: dict[str, str] = {}
    for key in sorted(by_shard):
        shards[key] = _add(files, f"t-{key}", by_shard[key])
    chunks = [_add(files, f"d-{start // DOCS_PER_CHUNK}", docs[start:start + DOCS_PER_CHUNK])
              for start in range(0, len(docs), DOCS_PER_CHUNK)]
    files["search/index.json"] = _json({
        "v": 2, "lang": lang, "count": len(docs), "chunk": DOCS_PER_CHUNK, "chunks": chunks,
        "shards": shards, "stopwords": sorted(STOPWORDS),
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


def _add(files: dict[str, bytes], stem: str, data) -> str:
    """Write ``data`` as search/<stem>-<hash>.json; return the file name."""
    encoded = _json(data)
    name = f"{stem}-{hashlib.sha256(encoded).hexdigest()[:10]}.json"
    files[f"search/{name}"] = encoded
    return name
