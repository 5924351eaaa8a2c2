"""LaTeX in BibTeX values to the Unicode text the site shows, with math kept as math.

pylatexenc (the decoder bibtexparser's own LaTeX middleware uses) knows some 940 commands,
accents and ligatures (``R{\\'e}mi``, ``\\o``, ``{\\c c}``, ``--``, ``\\emph``). Its defaults are
tuned for typeset documents, not for reference fields, so a few are changed here:
- math stays verbatim (``$O(\\sqrt{T})$``): the site renders ``$…$`` itself;
- ``\\$`` stays ``\\$``, so a price never becomes the start of a formula on the page;
- a bare ``%`` or ``&`` is text ("100% accuracy", "R&D"), not a comment or a table cell, and a
  ``$`` that opens no formula ("costs $5") stays as written;
- ``~`` is a plain space, not a no-break space hidden in the YAML;
- a command it does not know (an author's ``\\ourmethod``) is kept as written and reported,
  instead of silently vanishing with its name.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, SpecialsTextSpec, get_default_latex_context_db
from pylatexenc.latexwalker import get_default_latex_context_db as walker_context_db

# Commands that only change fonts, sizes or spacing: dropped, the text they apply to kept.
_LAYOUT_ONLY = frozenset("""em it bf sc rm sf tt sl up md itshape bfseries scshape upshape mdseries rmfamily sffamily
ttfamily slshape normalfont tiny scriptsize footnotesize small normalsize large Large LARGE huge Huge relax noindent
protect nobreak xspace textsuperscript textsubscript textnormal textup texttt textsf textmd textsl textmu
boldmath unboldmath sloppy fussy hfill hfil vfill newline linebreak allowbreak""".split())

_MATH_RE = re.compile(r"\$\$.+?\$\$|(?<!\\)\$.+?(?<!\\)\$|\\\(.+?\\\)|\\\[.+?\\\]", re.DOTALL)
_NEEDS_DECODING_RE = re.compile(r"[\\{}~]|--|``|''|[?!]`")


def _names(db) -> frozenset[str]:
    return frozenset(name for category in db.category_list for name in db.d[category]["macros"])


@lru_cache(maxsize=1)
def _decoder() -> tuple[LatexNodes2Text, object, frozenset[str]]:
    """Built on first use: a file without BibTeX never pays for it."""
    db = get_default_latex_context_db()
    db.add_context_category("site-fields", prepend=True, macros=[
        MacroTextSpec("url", simplify_repl="%s"),          # not "<url>"
        MacroTextSpec("href", simplify_repl="%(2)s"),      # the link text
        MacroTextSpec("$", simplify_repl=r"\$"),
        MacroTextSpec("LaTeX", simplify_repl="LaTeX"),
        MacroTextSpec("TeX", simplify_repl="TeX"),
        MacroTextSpec("BibTeX", simplify_repl="BibTeX"),
        MacroTextSpec("mbox", discard=False),
        MacroTextSpec("hbox", discard=False),
    ], specials=[SpecialsTextSpec("&", "&")])
    walker_db = walker_context_db()            # made once here, not once per value as pylatexenc would
    known = _names(db) | _names(walker_db) | _LAYOUT_ONLY
    return LatexNodes2Text(latex_context=db, math_mode="verbatim"), walker_db, known


def latex_to_text(value: str) -> tuple[str, tuple[str, ...]]:
    """(Unicode text, the unknown commands kept as written). Line breaks are kept for the caller to fold."""
    if not _NEEDS_DECODING_RE.search(value):
        return value, ()
    if "$$" not in value:
        texts = [_simple_commands(text) for text in _MATH_RE.split(value)]      # the text between formulas
        formulas = _MATH_RE.findall(value)
        # no other command, and formulas where an accent or a blank line cannot make the parser read them otherwise
        if not any("\\" in text or "$" in text for text in texts) and not any(map(_ODD_MATH_RE.search, formulas)):
            return "".join(plain_to_text(text) + formula for text, formula in zip(texts, formulas + [""])), ()
    return _decode(value)


# The commands nearly every export uses, done without the parser (which reads a value character by
# character: an abstract with one "\%" cost milliseconds): an escaped character, and an accent on
# one letter ("R{\'e}mi", "\c{c}", "\"o"). The tests hold the result to pylatexenc's.
_ODD_MATH_RE = re.compile(r"\\[^A-Za-z\\]|\n\s*\n")
_ESCAPED_RE = re.compile(r"\\([%&#_])")
_ACCENTS = {"'": "\u0301", "`": "\u0300", '"': "\u0308", "^": "\u0302", "~": "\u0303", "=": "\u0304",
            ".": "\u0307", "c": "\u0327", "u": "\u0306", "v": "\u030c", "H": "\u030b", "k": "\u0328",
            "r": "\u030a"}
_ACCENT_RE = re.compile(r"\\(?:([\'`\"^~=.])(?:\{([A-Za-z])\}|([A-Za-z]))|([cuvHkr])\{([A-Za-z])\})")


_LETTERS = {"o": "ø", "O": "Ø", "l": "ł", "L": "Ł", "ss": "ß", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å",
            "AA": "Å", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ", "dj": "đ", "DJ": "Đ", "ng": "ŋ",
            "NG": "Ŋ"}
_LETTER_RE = re.compile(r"\{\\(" + "|".join(_LETTERS) + r")\}")     # "{\o}": braced, so no space follows it


def _simple_commands(text: str) -> str:
    if "\\" not in text:
        return text
    text = _LETTER_RE.sub(lambda m: _LETTERS[m.group(1)], _ESCAPED_RE.sub(r"\1", text))
    return _ACCENT_RE.sub(lambda m: unicodedata.normalize(
        "NFC", (m.group(2) or m.group(3) or m.group(5)) + _ACCENTS[m.group(1) or m.group(4)]), text)


def _around_math(value: str, convert, convert_math=lambda formula: formula) -> str:
    """``convert`` applied to the text between formulas, ``convert_math`` to each formula."""
    out, position = [], 0
    for m in _MATH_RE.finditer(value):
        out += [convert(value[position:m.start()]), convert_math(m.group(0))]
        position = m.end()
    return "".join(out) + convert(value[position:])


def plain_to_text(value: str) -> str:
    """What pylatexenc makes of text without commands or math (most titles: "{BERT}: Pre-training"),
    without its tokenizer's cost; the tests hold the two to the same output. A brace ends a
    ligature ("-{}-" stays two hyphens), so each piece between braces is done on its own."""
    pieces = []
    for piece in re.split(r"[{}]", value):
        for written, char in _LIGATURES:
            piece = piece.replace(written, char)
        pieces.append(piece)
    return "".join(pieces)


_LIGATURES = (("?`", "\u00bf"), ("!`", "\u00a1"), ("---", "\u2014"), ("--", "\u2013"), ("``", "\u201c"),
              ("''", "\u201d"), ("~", " "))
# Outside math, kept as written: an unknown command with the brace groups after it, a bare "%"
# (text, not a comment: "100% accuracy") and a "$" that opens no formula ("costs $5"). The groups
# after a command are looked at, not taken, so that a known command's argument is still searched.
_KEEP_RE = re.compile(r"\\([A-Za-z]+)(?=(\*?(?:\s*\{[^{}]*\})*))|(?<!\\)[%$]")
_PERCENT_RE = re.compile(r"(?<!\\)%")


@lru_cache(maxsize=65536)      # a lab's export repeats its people and venues in entry after entry
def _decode(value: str) -> tuple[str, tuple[str, ...]]:
    decoder, walker_db, known = _decoder()
    kept: list[str] = []
    unknown: list[str] = []

    def hide(written: str) -> str:
        kept.append(written)
        return chr(_HIDDEN + len(kept) - 1)

    def hide_in_text(piece: str) -> str:
        out, position = [], 0
        for m in _KEEP_RE.finditer(piece):
            if m.start() < position:                       # inside an unknown command's groups, kept already
                continue
            out.append(piece[position:m.start()])
            name = m.group(1)
            if name is None:
                out.append(hide(m.group(0)))
            elif name in known:
                out.append(m.group(0))
            else:
                if name not in unknown:
                    unknown.append(name)
                out.append(hide(m.group(0) + m.group(2)))
                position = m.end() + len(m.group(2))
                continue
            position = m.end()
        return "".join(out) + piece[position:]

    text = _around_math(value, hide_in_text,
                        lambda formula: _PERCENT_RE.sub(lambda m: hide(m.group(0)), formula))  # math ends at "%" too
    try:
        text = decoder.latex_to_text(text, latex_context=walker_db)
    except Exception:   # pylatexenc parses tolerantly; should it still fail, the value stays as written
        return value, tuple(unknown)
    for index, written in enumerate(kept):
        text = text.replace(chr(_HIDDEN + index), written)
    return text.replace("\u00a0", " "), tuple(unknown)


_HIDDEN = 0xF0000   # private-use characters: no export holds them, the decoder passes them through
