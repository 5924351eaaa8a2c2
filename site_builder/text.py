"""Text rules both pipelines must share, so that ingest, check and build agree.

An id ingest gives a paper is the id `new` gives it; a name build links to a
person is a name check does not warn about.
"""
from __future__ import annotations

import functools
import html
import json
import re
import unicodedata

from anyascii import anyascii

MAX_SLUG = 60


def slugify(text: str, max_length: int = MAX_SLUG) -> str:
    """Lowercase ASCII slug [a-z0-9-]+, cut at a word boundary; "" if nothing is left."""
    text = re.sub(r"(?<=\w)['’](?=\w)", "", text)  # "Protein's" -> "proteins", not "protein-s"
    # anyascii transliterates what accent-stripping cannot: "Søren Łukasz" -> "soren-lukasz",
    # and a title in Japanese or Greek still gets an id instead of nothing
    ascii_text = anyascii(unicodedata.normalize("NFC", text))
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > max_length:
        cut = slug[:max_length + 1]
        slug = cut[:cut.rfind("-")] if "-" in cut[:max_length + 1] else slug[:max_length]
        slug = slug.strip("-")
    return slug


class _WithoutCombining(dict):
    """A str.translate table that deletes combining marks, deciding once per character."""

    def __missing__(self, code: int):
        self[code] = kept = None if unicodedata.combining(chr(code)) else code
        return kept


_DROP_COMBINING = _WithoutCombining()
_NON_WORD = re.compile(r"[\W_]+")


def strip_accents(text: str) -> str:
    """Accents off, ASCII text returned as is (the common case, and cheap)."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFKD", text).translate(_DROP_COMBINING)


def name_key(name: str) -> str:
    """The form two spellings of one name share: no accents, no case, no punctuation."""
    if not name.isascii():
        name = unicodedata.normalize("NFKD", name).translate(_DROP_COMBINING)
        name = name.replace("ß", "ss").replace("ø", "o").replace("Ø", "O").replace("ł", "l")
    return " ".join(_NON_WORD.sub(" ", name.casefold()).split())


# check, link and views key the same few thousand spellings in one build: each is keyed once
cached_name_key = functools.lru_cache(maxsize=None)(name_key)


# json.dumps with these options makes a new encoder at each call: 2,500 calls a 1,000-paper build.
_script_json_text = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode


def script_json(data) -> str:
    """JSON for a <script> block: "<", ">" and "&" escaped so no text can close the script."""
    text = _script_json_text(data)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


# An HTML entity a scraped page or an export left in its text (Google Scholar's "&quot;",
# Crossref's "&amp;", "&#8211;")
_ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def decode_entities(text: str) -> str:
    """The characters HTML entities stand for; only whole entities ("AT&T" stays)."""
    return _ENTITY_RE.sub(lambda m: html.unescape(m.group(0)), text) if "&" in text else text


_SUFFIX_RE = re.compile(r",?\s+(Jr\.?|Sr\.?|JR\.|SR\.|II|III|IV)$")


def split_suffix(name: str) -> tuple[str, str]:
    """"Roberto J. Bayardo, Jr." / "Guy L. Steele Jr." -> (the name, "Jr."): a generation is no
    part of a surname, for a citation's "Bayardo, Jr., Roberto J.", its key, a portrait's initials."""
    match = _SUFFIX_RE.search(name.strip())
    if not match or len(name[:match.start()].split()) < 2:
        return name.strip(), ""
    return name[:match.start()].strip(), match.group(1)
