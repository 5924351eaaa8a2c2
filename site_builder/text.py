"""Text rules both pipelines must share, so that ingest, check and build agree.

An id ingest gives a paper is the id `new` gives it; a name build links to a
person is a name check does not warn about.
"""
from __future__ import annotations

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


def strip_accents(text: str) -> str:
    """Accents off, ASCII text returned as is (the common case, and cheap)."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def name_key(name: str) -> str:
    """The form two spellings of one name share: no accents, no case, no punctuation."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("ß", "ss").replace("ø", "o").replace("Ø", "O").replace("ł", "l")
    return " ".join(re.sub(r"[\W_]+", " ", stripped.casefold()).split())
