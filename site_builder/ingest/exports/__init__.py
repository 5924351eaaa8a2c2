"""The reading half of ``import``: BibTeX, RIS and CSL-JSON exports -> ExportRecords.

The second front end of the ingest pipeline (exports -> records -> normalise -> cluster ->
merge -> write). Each file's format is told from its content, never its name; each entry
becomes one ``ExportRecord`` with the line it starts on, and everything wrong becomes a
``Problem`` at that line while the other entries are still read. ``read_export`` is the only
function here that touches the disk.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ...errors import ERROR, Problem
from ...files import NotReadable, read_regular
from .bibtex import read_bibtex
from .csl import read_csl
from .record import BIBTEX, CSL_JSON, PAPER_TYPES, RIS, ExportRecord
from .ris import read_ris
from .source import EXPORT_HINT, UTF8_HINT, decode, detect_format, undecodable

__all__ = ["BIBTEX", "CSL_JSON", "PAPER_TYPES", "RIS", "ExportFile", "ExportRecord", "parse_export",
           "read_export", "read_exports"]

_NOT_UTF8_RE = re.compile("[\udc80-\udcff]")   # how decode() marks bytes that were not UTF-8
READERS = {BIBTEX: (read_bibtex, "entry"), RIS: (read_ris, "record"), CSL_JSON: (read_csl, "item")}


@dataclass(frozen=True)
class ExportFile:
    path: str                          # as the user gave it: what problems name
    format: str                        # what the content was read as: BIBTEX, RIS, CSL_JSON; "" if none
    records: tuple[ExportRecord, ...]
    problems: tuple[Problem, ...]


def read_export(path: Path | str) -> ExportFile:
    shown = str(path)
    try:
        data = read_regular(path)
    except NotReadable as exc:
        return ExportFile(shown, "", (), (Problem(shown, 1, f"cannot read this file: {exc.why}", ERROR,
                                                  exc.hint),))
    return parse_export(shown, Path(path).name, data)


def read_exports(paths: list[Path | str]) -> tuple[list[ExportRecord], list[Problem]]:
    records: list[ExportRecord] = []
    problems: list[Problem] = []
    for path in paths:
        export = read_export(path)
        records += export.records
        problems += export.problems
    return records, problems


def parse_export(path: str, name: str, data: bytes) -> ExportFile:
    """``path`` names the file in problems, ``name`` in the records' sources."""
    text, problems = decode(path, data)
    if text is None:
        return ExportFile(path, "", (), tuple(problems))
    fmt = detect_format(text)
    if not fmt:
        problems.append(Problem(path, 1, "not a BibTeX, RIS or CSL-JSON file: nothing imported", ERROR, EXPORT_HINT))
        return ExportFile(path, "", (), tuple(problems))
    reader, noun = READERS[fmt]
    records, found = reader(path, name, text)
    kept = _refuse_undecodable(records, text, path, noun, found)
    problems += sorted(found, key=lambda p: p.line)
    return ExportFile(path, fmt, tuple(kept), tuple(problems))


def _refuse_undecodable(records: list[ExportRecord], text: str, path: str, noun: str,
                        problems: list[Problem]) -> list[ExportRecord]:
    """An entry with a byte that is not UTF-8 is refused whole: its letters cannot be known."""
    if not _NOT_UTF8_RE.search(text):
        return records
    lines = text.split("\n")
    kept: list[ExportRecord] = []
    for record in records:
        bad = next(((number, byte) for number in range(record.line, record.end_line + 1)
                    if (byte := undecodable(lines[number - 1]))), None)
        if bad:
            label = f"{noun} '{record.key}'" if record.key else noun
            problems.append(Problem(path, record.line, f"{label} skipped: line {bad[0]} is not UTF-8 text "
                                    f"(byte {bad[1]})", ERROR, UTF8_HINT))
        else:
            kept.append(record)
    return kept
