"""RIS files: ``TY  - JOUR`` … ``ER  - ``, one tag and value per line.

A reader of our own, because the format is one line shape and the library for it (rispy
0.10) gives no line numbers, and silently drops a last record that has no ``ER`` line and the
record that follows one whose ``ER`` is missing. Here every record keeps the line it starts
on, a missing ``ER`` is reported (and the record still read: its lines are all there), and a
line outside any record is reported rather than ignored.
"""
from __future__ import annotations

import re

from ...errors import WARNING, Problem
from .record import (RIS, Draft, ExportRecord, finish, make_date, parse_iso_date, parse_month,
                     written_date)

NOUN = "record"

# TY value -> paper type; the RIS specification's types, the ones reference managers write.
TYPES = {
    "JOUR": "article", "EJOUR": "article", "JFULL": "article", "MGZN": "article", "INPR": "article",
    "ABST": "article",
    "CONF": "conference", "CPAPER": "conference",
    "THES": "thesis",
    "BOOK": "book", "EBOOK": "book", "EDBOOK": "book", "CLSWK": "book", "SER": "book",
    "CHAP": "chapter", "ECHAP": "chapter",
    "RPRT": "report", "GOVDOC": "report", "STAND": "report",
    "UNPB": "preprint",
    "SLIDE": "talk",
    **dict.fromkeys("""GEN ELEC WEB BLOG DATA DBASE COMP PAT MANSCPT PAMP NEWS ICOMM PCOMM CASE BILL UNBILL STAT
        HEAR LEGAL ADVS ART AGGR ANCIENT CHART CTLG DICT ENCYC EQUA FIGURE GRANT MAP MPCT MULTI MUSIC SOUND VIDEO
        STD UNPD""".split(), "other"),
}
# Tags read for each field, in order of preference.
TITLE_TAGS = ("TI", "T1", "CT")
AUTHOR_TAGS = ("AU", "A1")
DATE_TAGS = ("DA", "PY", "Y1")
VENUE_TAGS = ("JF", "JO", "T2", "BT", "C3", "JA", "J2")
VENUE_BY_TYPE = {"book": ("PB",), "thesis": ("PB",), "report": ("PB",)}
ABSTRACT_TAGS = ("AB", "N2")
MORE_AUTHORS = frozenset({"et al.", "et al", "others"})
# What can follow a comma without being a given name: "Anderson and Co, Inc" stays as written.
NOT_GIVEN_NAMES = frozenset("jr sr ii iii iv inc ltd llc plc corp co gmbh sa ag".split())

_TAG_RE = re.compile(r"^([A-Z][A-Z0-9]) {1,2}-(?: (.*)|\s*)$")
RECORD_HINT = "each record starts with a 'TY  - ' line and ends with an 'ER  - ' line"


def read_ris(path: str, name: str, text: str) -> tuple[list[ExportRecord], list[Problem]]:
    records: list[ExportRecord] = []
    problems: list[Problem] = []
    for tags, start, end, raw, closed, stray in _records(text.split("\n")):
        for line, content in stray:
            problems.append(Problem(path, line, f"line outside any record ignored: '{_short(content)}'",
                                    WARNING, RECORD_HINT))
        if tags is None:
            continue
        draft = read_record(tags, start, end, raw, path)
        if closed is not None:
            where = f"before the next record (line {closed})" if closed else "before the end of the file"
            draft.problems.insert(0, Problem(path, start, f"{_label(draft)}: no 'ER  - ' line {where}: read up to there",
                                             WARNING, RECORD_HINT))
        record, found = finish(draft, RIS, name, path, NOUN)
        problems += found
        if record is not None:
            records.append(record)
    # (an RIS ID is a label the exporter made, not a key the file promises unique: Springer's
    # "Zhang2019" comes back in every citation of that author and year a researcher saved)
    return records, sorted(problems, key=lambda p: p.line)


def _records(lines: list[str]):
    """(tags, first line, last line, raw text, None or where an unclosed record stops, stray lines)
    per record; tags maps each tag to its values in order, continuation lines joined to the last one."""
    tags: dict[str, list[str]] | None = None
    start = end = 0
    raw: list[str] = []
    stray: list[tuple[int, str]] = []
    last_tag = ""
    for number, line in enumerate(lines, 1):
        m = _TAG_RE.match(line.rstrip())
        tag, value = (m.group(1), (m.group(2) or "").strip()) if m else ("", line.strip())
        if tag == "TY":
            if tags is not None:          # a new record before this one's ER
                yield tags, start, end, "\n".join(raw), number, stray
                stray = []
            tags, start, end, raw, last_tag = {"TY": [value]}, number, number, [line], "TY"
        elif tags is None:
            if line.strip():
                stray.append((number, line.strip()))
        elif tag == "ER":
            raw.append(line)
            yield tags, start, number, "\n".join(raw), None, stray
            tags, stray = None, []
        else:
            raw.append(line)
            if not line.strip():
                continue
            end = number
            if tag:
                tags.setdefault(tag, []).append(value)
                last_tag = tag
            else:                         # a value continued on the next line (long abstracts)
                values = tags.setdefault(last_tag, [""])
                values[-1] = f"{values[-1]} {value}".strip()
    if tags is not None:
        yield tags, start, end, "\n".join(raw), 0, stray
    elif stray:
        yield None, 0, 0, "", None, stray


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


def _label(draft: Draft) -> str:
    return f"{NOUN} '{draft.key}'" if draft.key else NOUN


def read_record(tags: dict[str, list[str]], start: int, end: int, raw: str, path: str) -> Draft:
    source_type = tags["TY"][0].upper()
    draft = Draft(line=start, end_line=end, key=_first(tags, ("ID",)), raw=raw, source_type=source_type,
                  type=TYPES.get(source_type, "other"))

    def warn(message: str, hint: str = "") -> None:
        draft.problems.append(Problem(path, start, f"{_label(draft)}: {message}", WARNING, hint))

    if not source_type:
        warn("it has no type (TY): read as 'other'", "write the type after 'TY  - ', e.g. JOUR or CONF")
    elif source_type not in TYPES:
        warn(f"unknown record type '{source_type}': read as 'other'", "use a standard type such as JOUR or CONF")

    draft.title = _first(tags, TITLE_TAGS)
    for written in (v for tag in AUTHOR_TAGS for v in tags.get(tag, [])):
        if written.strip().lower() in MORE_AUTHORS:
            draft.more_authors = True
        elif written.strip():
            draft.authors.append(display_name(written))
    draft.date = _date(tags, warn)
    draft.venue = _first(tags, VENUE_TAGS + VENUE_BY_TYPE.get(draft.type, ()))
    draft.doi = _first(tags, ("DO",))
    draft.urls = list(tags.get("UR", []))
    draft.abstract = _first(tags, ABSTRACT_TAGS)
    first_page, last_page = _first(tags, ("SP",)), _first(tags, ("EP",))
    draft.pages = f"{first_page}–{last_page}" if first_page and last_page and first_page != last_page else first_page
    draft.volume = _first(tags, ("VL",))
    draft.number = _first(tags, ("IS",))
    return draft


def _date(tags: dict[str, list[str]], warn) -> str:
    """The first of DA, PY, Y1 that is a date; EndNote's DA of a month and day without the year
    ("Mar 15", "March") completes the year the other tags give, as BibTeX's month does."""
    month_day = None
    for tag in DATE_TAGS:
        written = _first(tags, (tag,))
        if tag == "DA" and re.search(r"[^\W\d_]", written) and not re.search(r"\d{4}", written):
            month_day = parse_month(written)
            if month_day is not None and 1 <= month_day[0] <= 12:
                continue
        date, message = written_date(written, tag, ris_date) if written else ("", "")
        if message:
            warn(message, "" if date else "write 2024, 2024/05 or 2024/05/17")
        if date:
            if month_day is not None and len(date) == 4:
                date, cut = make_date(int(date), *month_day)
                if cut:
                    warn(f"DA '{_first(tags, ('DA',))}': {cut}: read as {date}")
            return date
    return ""


def _first(tags: dict[str, list[str]], names: tuple[str, ...]) -> str:
    return next((value for name in names for value in tags.get(name, []) if value.strip()), "")


def display_name(written: str) -> str:
    """"Munos, Rémi" -> "Rémi Munos"; "King, Martin Luther, Jr." -> "Martin Luther King Jr.";
    a name without a comma (an organisation, or "Rémi Munos"), or with a company form or "Jr."
    after its only comma, stays as written."""
    parts = [part.strip() for part in written.split(",")]
    if len(parts) < 2 or not parts[1] or (len(parts) == 2 and parts[1].lower().rstrip(".") in NOT_GIVEN_NAMES):
        return written.strip().rstrip(",")
    return " ".join(part for part in (parts[1], parts[0], *parts[2:]) if part)


def ris_date(written: str) -> tuple[str, str] | None:
    """"2024", "2024///", "2024/05/17/", "2024/05/17/Spring" (the part after the third slash is free text)."""
    parts = written.strip().split("/")
    numbers = [part.strip() for part in parts[:3]]
    while numbers and not numbers[-1]:
        numbers.pop()
    return parse_iso_date("-".join(numbers)) if numbers and all(p.isdigit() for p in numbers) else \
        parse_iso_date(written)
