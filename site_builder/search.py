"""Client-side search index (PLACEHOLDER until the search work lands).

build calls ``search_files(content, lang, strings)`` and writes each returned
path (relative to output/<lang>/) with its bytes.
"""
from __future__ import annotations


def search_files(content, lang: str, strings: dict) -> dict[str, bytes]:
    return {}
