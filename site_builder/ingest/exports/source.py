"""An export's bytes to text, and which of the three formats that text is.

Only what can be decoded without guessing is decoded: UTF-8 (with or without a byte-order
mark), UTF-16 (with a byte-order mark, or ASCII-range text saved as UTF-16, where every other
byte is 0), and, when the file is not valid UTF-8, an encoding it declares itself (JabRef writes
``% Encoding: ISO8859_1``). Anything else could be Latin-1, Windows-1252 or MacRoman, and a
wrong guess would put wrong letters in names: bytes that are not UTF-8 are kept as markers
(surrogate escapes) so that the entries holding them are refused with their line, and the rest
of the file is still read.
"""
from __future__ import annotations

import codecs
import re

from ...errors import ERROR, WARNING, Problem
from .record import BIBTEX, CSL_JSON, RIS

EXPORT_HINT = "export the references as BibTeX (.bib), RIS (.ris) or CSL JSON (.json)"
UTF8_HINT = "save the file as UTF-8"

_DECLARED_RE = re.compile(rb"^%\s*Encoding:\s*([\w.:-]+)\s*$", re.MULTILINE | re.IGNORECASE)
_RIS_START_RE = re.compile(r"^\s*TY {1,2}-", re.MULTILINE)
_BIBTEX_START_RE = re.compile(r"^\s*@\s*[A-Za-z]+\s*[{(]", re.MULTILINE)


def decode(path: str, data: bytes) -> tuple[str | None, list[Problem]]:
    """The text with line ends made "\\n", or None and why the file cannot be read at all."""
    problems: list[Problem] = []
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _ascii_utf16(data):
        encoding = "utf-16" if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) else _ascii_utf16(data)
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            return None, [Problem(path, 1, f"UTF-16 file that cannot be decoded (byte {exc.start + 1}): "
                                  "nothing imported", ERROR, UTF8_HINT)]
        problems.append(Problem(path, 1, "read as UTF-16 text", WARNING,
                                "it was saved as UTF-16; UTF-8 is safer with other tools"))
        return _lines(text.lstrip("\ufeff")), problems
    if not data.strip():
        return None, [Problem(path, 1, "file is empty: nothing to import", ERROR, EXPORT_HINT)]
    if b"\x00" in data[:8192]:
        return None, [Problem(path, 1, "binary file, not a BibTeX, RIS or CSL-JSON export: nothing imported",
                              ERROR, EXPORT_HINT)]
    try:
        return _lines(data.decode("utf-8")), problems
    except UnicodeDecodeError:
        pass
    declared = _DECLARED_RE.search(data[:4096])   # a declared encoding is believed only when UTF-8 fails
    if declared:
        name = declared.group(1).decode("ascii")
        text = _declared(data, name)
        if text is not None:
            return _lines(text), problems
        problems.append(Problem(path, data[:declared.start()].count(b"\n") + 1,
                                f"the file says its encoding is '{name}', which does not read it: read as UTF-8",
                                WARNING, UTF8_HINT))
    return _lines(data.decode("utf-8", "surrogateescape")), problems


def _declared(data: bytes, name: str) -> str | None:
    """The text in the encoding the file names, if that is a text encoding in which the file's
    ASCII reads as ASCII (so its BibTeX reads as BibTeX) and every byte decodes."""
    try:
        if "@{}=,".encode(name) != b"@{}=,":
            return None
        return data.decode(name)
    except (LookupError, UnicodeError, ValueError, TypeError):
        return None


def _ascii_utf16(data: bytes) -> str:
    """"utf-16-le"/"utf-16-be" for text saved as UTF-16 without a byte-order mark (every other byte is 0)."""
    sample = data[:4096]
    if len(sample) < 8 or len(sample) % 2:
        return ""
    half = len(sample) // 2
    if sample[1::2].count(0) >= 0.9 * half and sample[0::2].count(0) == 0:
        return "utf-16-le"
    if sample[0::2].count(0) >= 0.9 * half and sample[1::2].count(0) == 0:
        return "utf-16-be"
    return ""


def _lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def detect_format(text: str) -> str:
    """BIBTEX, RIS or CSL_JSON from the content (never the file name); "" for none of them."""
    stripped = text.lstrip()
    if stripped[:1] in ("[", "{"):
        return CSL_JSON
    ris, bib = _RIS_START_RE.search(text), _BIBTEX_START_RE.search(text)
    if ris and (not bib or ris.start() < bib.start()):
        return RIS
    return BIBTEX if bib else ""


def undecodable(line_text: str) -> str:
    """The first byte of a line that was not UTF-8, as "0xe9"; "" when the line is text."""
    for char in line_text:
        if "\udc80" <= char <= "\udcff":
            return f"0x{ord(char) - 0xdc00:02x}"
    return ""
