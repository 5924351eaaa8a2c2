"""CSL-JSON files (Zotero, Mendeley, Pandoc, citation.js): a JSON list of items.

The standard library's JSON decoder reads each item in turn (``raw_decode``) so that every
item keeps the line it starts on, and an item of the wrong shape is reported and skipped
while the others are read. No CSL library is needed: the schema is a flat object per item.

CSL titles are rich text: the HTML-like tags of CSL's markup (``<i>``, ``<b>``, ``<sup>``,
``<sub>``, ``<span class="nocase">``) are dropped and their text kept, as the site's titles are
plain text. An abstract from Crossref (CSL made from a DOI) is JATS XML: its ``<jats:p>``
become paragraphs, its "Abstract" heading is dropped, and its other tags are dropped with their
text kept.
"""
from __future__ import annotations

import html
import json
import re

from ...errors import ERROR, WARNING, Problem
from .record import CSL_JSON, Draft, ExportRecord, drop_duplicate_keys, finish, make_date, written_date

NOUN = "item"

# CSL 1.0.2 item type -> paper type. "article" is CSL's type for preprints and working papers.
TYPES = {
    "article-journal": "article", "article-magazine": "article", "article-newspaper": "article",
    "review": "article", "review-book": "article",
    "paper-conference": "conference",
    "article": "preprint",
    "thesis": "thesis",
    "book": "book", "classic": "book",
    "chapter": "chapter", "entry-encyclopedia": "chapter", "entry-dictionary": "chapter", "entry": "chapter",
    "report": "report", "standard": "report",
    "speech": "talk",
    **dict.fromkeys("""bill broadcast collection dataset document event figure graphic hearing interview
        legal_case legislation manuscript map motion_picture musical_score pamphlet patent performance periodical
        personal_communication post post-weblog regulation software song treaty webpage""".split(), "other"),
}
VENUE_KEYS = ("container-title", "collection-title", "event-title", "event")
VENUE_BY_TYPE = {"book": ("publisher",), "thesis": ("publisher",), "report": ("publisher",)}
SHAPE_HINT = "export the references again as CSL JSON: a list of items, [{\"type\": …, \"title\": …}, …]"
_CSL_KEYS = frozenset({"type", "title", "author", "issued", "container-title", "DOI", "id"})
_RICH_TEXT_RE = re.compile(r"</?(?:i|b|em|strong|sup|sub|sc|span)(?:\s[^<>]*)?>", re.IGNORECASE)
_JATS_RE = re.compile(r"</?jats:[\w.-]+(?:\s[^<>]*)?/?>")
_JATS_HEADING_RE = re.compile(r"<jats:title(?:\s[^<>]*)?>\s*(?:abstract|summary)\s*[.:]?\s*</jats:title>",
                              re.IGNORECASE)
_JATS_BREAK_RE = re.compile(r"</?jats:(?:p|sec|title|list-item)(?:\s[^<>]*)?>")


def read_csl(path: str, name: str, text: str) -> tuple[list[ExportRecord], list[Problem]]:
    decoder = json.JSONDecoder()
    start = _skip_space(text, 0)
    if text[start:start + 1] != "[":
        return [], [_not_a_list(path, text, decoder)]
    records: list[ExportRecord] = []
    problems: list[Problem] = []
    position = _skip_space(text, start + 1)
    number = 0
    if text[position:position + 1] == "]":
        return [], [Problem(path, 1, "no items in this file: nothing to import", ERROR, SHAPE_HINT)]
    while position < len(text):
        number += 1
        line = text.count("\n", 0, position) + 1
        try:
            item, end = decoder.raw_decode(text, position)
        except json.JSONDecodeError as exc:
            rest = "; this item and the ones after it were not read" if number > 1 else ""
            problems.append(Problem(path, exc.lineno, f"not valid JSON: {exc.msg} (column {exc.colno}){rest}",
                                    ERROR, "fix the JSON or export the file again"))
            break
        end_line = text.count("\n", 0, end) + 1
        if isinstance(item, dict):
            record, found = finish(read_item(item, line, end_line, text[position:end], path),
                                   CSL_JSON, name, path, NOUN)
            problems += found
            if record is not None:
                records.append(record)
        else:
            problems.append(Problem(path, line, f"item {number} skipped: it is {_kind(item)}, not an object {{…}}",
                                    ERROR, SHAPE_HINT))
        position = _skip_space(text, end)
        if text[position:position + 1] == ",":
            position = _skip_space(text, position + 1)
        elif text[position:position + 1] == "]":
            trailing = _skip_space(text, position + 1)
            if trailing < len(text):
                problems.append(Problem(path, text.count("\n", 0, trailing) + 1,
                                        "text after the closing ']' ignored", WARNING, SHAPE_HINT))
            break
        else:
            at = text.count("\n", 0, position) + 1
            what = "the file ends" if position >= len(text) else f"found '{text[position]}'"
            problems.append(Problem(path, at, f"not valid JSON: expected ',' or ']' after item {number}, {what}",
                                    ERROR, "fix the JSON or export the file again"))
            break
    records, duplicates = drop_duplicate_keys(records, path, NOUN, 'give each item its own "id"')
    return records, sorted(problems + duplicates, key=lambda p: p.line)


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\n\r":
        position += 1
    return position


def _kind(value) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false", type(None): "null"}.get(
        type(value), "a number")


def _not_a_list(path: str, text: str, decoder: json.JSONDecoder) -> Problem:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        return Problem(path, exc.lineno, f"not valid JSON: {exc.msg} (column {exc.colno})", ERROR,
                       "fix the JSON or export the file again")
    if isinstance(value, dict) and _CSL_KEYS & value.keys():
        return Problem(path, 1, "CSL-JSON must be a list of items, and this file holds a single object: "
                       "nothing imported", ERROR, "put the item in a list: [{…}]")
    return Problem(path, 1, f"JSON that is not CSL-JSON (it holds {_kind(value)}, not a list of items): "
                   "nothing imported", ERROR, SHAPE_HINT)


def read_item(item: dict, line: int, end_line: int, raw: str, path: str) -> Draft:
    key = item.get("id")
    source_type = item.get("type") if isinstance(item.get("type"), str) else ""
    draft = Draft(line=line, end_line=end_line, key=str(key) if isinstance(key, (str, int)) else "", raw=raw,
                  source_type=source_type, type=TYPES.get(source_type, "other"))
    label = f"{NOUN} '{draft.key}'" if draft.key else NOUN

    def warn(message: str, hint: str = "") -> None:
        draft.problems.append(Problem(path, line, f"{label}: {message}", WARNING, hint))

    def text(name: str) -> str:
        """A text field; CSL processors also accept numbers, and Crossref writes lists of one title."""
        value = item.get(name)
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            value = value[0]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if value is None or isinstance(value, str):
            return value or ""
        warn(f'"{name}" is {_kind(value)}, not text: ignored')
        return ""

    if not source_type:
        warn('it has no "type": read as \'other\'', 'add a "type", e.g. "article-journal"')
    elif source_type not in TYPES:
        warn(f"unknown item type '{source_type}': read as 'other'",
             'use a CSL type such as "article-journal" or "paper-conference"')

    draft.title = rich_text(text("title"))
    subtitle = item.get("subtitle")          # Crossref's: "title": "Optuna", "subtitle": ["A Next-generation ..."]
    parts = subtitle if isinstance(subtitle, list) else [subtitle]
    subtitle = rich_text(" ".join(part for part in parts if isinstance(part, str)).strip())
    if subtitle and _letters(subtitle) not in _letters(draft.title):     # (not already in it, however punctuated)
        draft.title = f"{draft.title.rstrip(' :')}: {subtitle}"
    draft.authors, draft.more_authors = _authors(item.get("author"), warn)
    draft.date = _date(item.get("issued"), warn)
    draft.venue = next((v for v in (rich_text(text(k)) for k in VENUE_KEYS + VENUE_BY_TYPE.get(draft.type, ())) if v.strip()), "")
    draft.doi = text("DOI")
    draft.urls = [text("URL")]
    number = text("number")
    draft.arxiv_hints = [number]                 # Zotero writes a preprint's "arXiv:2312.00886" there
    draft.abstract = jats_to_text(text("abstract"))
    draft.pages = text("page")
    draft.volume = text("volume")
    draft.number = text("issue") or (number if draft.type == "report" else "")
    return draft


def _letters(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


def rich_text(value: str) -> str:
    """A CSL rich-text value without its markup: ``Growth of <i>E. coli</i>`` -> ``Growth of E. coli``."""
    return _RICH_TEXT_RE.sub("", value) if "<" in value else value


def jats_to_text(value: str) -> str:
    """A JATS abstract as plain paragraphs: ``<jats:title>Abstract</jats:title><jats:p>We learn
    <jats:italic>deep</jats:italic> kernels.</jats:p>`` -> ``We learn deep kernels.``; a
    structured abstract's section headings ("Background") start paragraphs of their own."""
    if "<jats:" not in value:
        return rich_text(value)
    value = _JATS_BREAK_RE.sub("\n\n", _JATS_HEADING_RE.sub("", value))
    return html.unescape(_JATS_RE.sub("", value))      # XML: "&lt;" is a "<" of the text


def _authors(value, warn) -> tuple[list[str], bool]:
    if value is None:
        return [], False
    if not isinstance(value, list):
        warn(f'"author" is {_kind(value)}, not a list of names: no authors read',
             '"author": [{"family": "Munos", "given": "Rémi"}]')
        return [], False
    names: list[str] = []
    more = False
    for position, person in enumerate(value, 1):
        if not isinstance(person, dict):
            warn(f"author {position} is {_kind(person)}, not a name object: left out",
                 '{"family": "Munos", "given": "Rémi"} or {"literal": "World Health Organization"}')
            continue
        parts = {k: person.get(k) for k in ("given", "dropping-particle", "non-dropping-particle", "family",
                                             "suffix", "literal")}
        if any(v is not None and not isinstance(v, str) for v in parts.values()):
            warn(f"author {position} has a part that is not text: left out")
            continue
        if parts["literal"]:
            name = parts["literal"].strip()
        else:
            name = " ".join(p.strip() for p in (parts["given"], parts["dropping-particle"],
                                                 parts["non-dropping-particle"], parts["family"], parts["suffix"]) if p and p.strip())
        if name.lower() in ("et al.", "et al", "others"):
            more = True
        elif name:
            names.append(name)
        else:
            warn(f"author {position} has no name: left out")
    return names, more


def _date(issued, warn) -> str:
    """``{"date-parts": [[2024, 5, 17]]}`` (numbers or digit strings; a range gives its start), else ``raw``."""
    if issued is None:
        return ""
    if isinstance(issued, dict):
        parts = issued.get("date-parts")
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
            first = parts[0][:3]
            if all(isinstance(p, int) and not isinstance(p, bool) or isinstance(p, str) and p.strip().isdigit()
                   for p in first):
                date, cut = make_date(*(int(p) for p in first))
                if cut:
                    warn(f"issued {first}: {cut}: read as {date}" if date else f"issued {first}: {cut}: no date read")
                return date
        for name in ("raw", "literal"):
            written = issued.get(name)
            if isinstance(written, str) and written.strip():
                date, message = written_date(written, "issued")
                if message:
                    warn(message, "" if date else 'write "issued": {"date-parts": [[2024, 5, 17]]}')
                return date
    warn('"issued" is not a CSL date: no date read', '"issued": {"date-parts": [[2024, 5, 17]]}')
    return ""
