"""Read dump files from disk: the only stage of ingest that touches seeds/.

A dump that cannot be read at all (empty, binary) becomes a Problem and is
skipped; a line that is not valid UTF-8 is reported with its line number and
skipped, and the rest of that dump is still read.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import ERROR, Problem
from ..files import NotReadable, read_regular

DUMP_SUFFIXES = {".txt", ".text", ".dump", ""}


@dataclass(frozen=True)
class Dump:
    name: str                         # file name, as written in `sources`
    lines: tuple[str, ...]            # decoded lines, without line ends; undecodable lines are ""
    unreadable: tuple[int, ...] = ()  # 1-based numbers of the undecodable lines (reported already)


def list_dump_files(seeds: Path) -> list[Path]:
    """Every non-hidden file directly in seeds/ but folders, in name order (so output is deterministic);
    one that is not a regular file (a named pipe...) is reported when it is read, never opened."""
    return sorted(p for p in seeds.iterdir() if not p.is_dir() and not p.name.startswith("."))


def read_dump(path: Path) -> tuple[Dump | None, list[Problem]]:
    """Problems name the file as the user gave it (e.g. ``seeds/x.txt``); records use the bare name."""
    name = str(path)
    try:
        data = read_regular(path)
    except NotReadable as exc:
        return None, [Problem(name, 0, f"cannot read this dump: {exc.why}", ERROR, exc.hint)]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):   # UTF-16 with a byte-order mark: a text dump after all
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            return None, [Problem(name, 0, "UTF-16 dump that cannot be decoded: skipped", ERROR,
                                  "re-save the dump as UTF-8")]
    if not data.strip():
        return None, [Problem(name, 0, "empty dump: nothing to ingest", ERROR, "remove the file or fill it")]
    if b"\x00" in data[:8192]:
        return None, [Problem(name, 0, "binary file, not a text dump: skipped", ERROR,
                              "dumps are UTF-8 text copied from the web pages")]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    problems: list[Problem] = []
    lines: list[str] = []
    newline = b"\n" if b"\n" in data or b"\r" not in data else b"\r"   # old Mac files end lines with CR only
    for number, raw in enumerate(data.split(newline), 1):
        raw = raw.rstrip(b"\r")
        try:
            lines.append(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            lines.append("")
            problems.append(Problem(name, number, f"line is not valid UTF-8 (byte {exc.start + 1}): skipped",
                                    ERROR, "re-save the dump as UTF-8"))
    if lines and lines[-1] == "" and data.endswith(newline):
        lines.pop()
    if problems and len(problems) * 2 > max(1, sum(1 for line in lines if line) + len(problems)):
        return None, [Problem(name, 0, "most lines are not valid UTF-8: dump skipped", ERROR,
                              "re-save the dump as UTF-8")]
    return Dump(path.name, tuple(lines), tuple(p.line for p in problems)), problems


def read_dumps(seeds: Path) -> tuple[list[Dump], list[Problem]]:
    dumps: list[Dump] = []
    problems: list[Problem] = []
    for path in list_dump_files(seeds):
        dump, found = read_dump(path)
        problems.extend(found)
        if dump is not None:
            dumps.append(dump)
    return dumps, problems
