"""LaTeX in BibTeX values to the Unicode text the site shows, with math kept as math.

pylatexenc (the decoder bibtexparser's own LaTeX middleware uses) knows some 940 commands,
accents and ligatures (``R{\\'e}mi``, ``\\o``, ``{\\c c}``, ``--``, ``\\emph``). Its defaults are
tuned for typeset documents, not for reference fields, so a few are changed here:
- math stays verbatim (``$O(\\sqrt{T})$``): the site renders ``$…$`` itself;
- ``\\$`` stays ``\\$``, so a price never becomes the start of a formula on the page;
- a bare ``%`` or ``&`` is text ("100% accuracy", "R&D"), not a comment or a table cell;
- ``~`` is a plain space, not a no-break space hidden in the YAML;
- a command it does not know (an author's ``\\ourmethod``) is kept as written and reported,
  instead of silently vanishing with its name.
"""
from __future__ import annotations

import re
from functools import lru_cache

from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, SpecialsTextSpec, get_default_latex_context_db
from pylatexenc.latexwalker import get_default_latex_context_db as walker_context_db

# Commands that only change fonts, sizes or spacing: dropped, the text they apply to kept.
_LAYOUT_ONLY = frozenset("""em it bf sc rm sf tt sl up md itshape bfseries scshape upshape mdseries rmfamily sffamily
ttfamily slshape normalfont tiny scriptsize footnotesize small normalsize large Large LARGE huge Huge relax noindent
protect nobreak xspace textsuperscript textsubscript textnormal textup texttt textsf textmd textsl textmu
boldmath unboldmath sloppy fussy hfill hfil vfill newline linebreak allowbreak""".split())

_MATH_RE = re.compile(r"\$\$.+?\$\$|(?<!\\)\$.+?(?<!\\)\$|\\\(.+?\\\)|\\\[.+?\\\]", re.DOTALL)
_COMMAND_RE = re.compile(r"\\([A-Za-z]+)\*?((?:\s*\{[^{}]*\})*)")
_NEEDS_DECODING_RE = re.compile(r"[\\{}~]|--|``|''")
_BARE_PERCENT_RE = re.compile(r"(?<!\\)%")


def _names(db) -> frozenset[str]:
    return frozenset(name for category in db.category_list for name in db.d[category]["macros"])


@lru_cache(maxsize=1)
def _decoder() -> tuple[LatexNodes2Text, frozenset[str]]:
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
    known = _names(db) | _names(walker_context_db()) | _LAYOUT_ONLY
    return LatexNodes2Text(latex_context=db, math_mode="verbatim"), known


def unknown_commands(value: str) -> list[str]:
    """The commands outside math that the decoder would not know, in order of appearance."""
    _, known = _decoder()
    text = _MATH_RE.sub(" ", value)
    seen: list[str] = []
    for m in _COMMAND_RE.finditer(text):
        if m.group(1) not in known and m.group(1) not in seen:
            seen.append(m.group(1))
    return seen


def latex_to_text(value: str) -> tuple[str, list[str]]:
    """(Unicode text, the unknown commands kept as written). Line breaks are kept for the caller to fold."""
    if not _NEEDS_DECODING_RE.search(value):
        return value, []
    decoder, _ = _decoder()
    unknown = unknown_commands(value)
    kept: list[str] = []
    if unknown:   # hide each unknown command and its brace groups from the decoder, put them back after
        pattern = re.compile(r"\\(?:%s)(?![A-Za-z])\*?(?:\s*\{[^{}]*\})*" % "|".join(map(re.escape, unknown)))
        math_spans = [m.span() for m in _MATH_RE.finditer(value)]

        def hide(m: re.Match) -> str:
            if any(start <= m.start() < end for start, end in math_spans):
                return m.group(0)
            kept.append(m.group(0))
            return chr(0xF0000 + len(kept) - 1)
        value = pattern.sub(hide, value)
    value = _BARE_PERCENT_RE.sub(r"\\%", value)   # "100% accuracy": text, not a comment
    try:
        text = decoder.latex_to_text(value)
    except Exception:   # pylatexenc parses tolerantly; should it still fail, the value stays as written
        text = value
    for index, command in enumerate(kept):
        text = text.replace(chr(0xF0000 + index), command)
    return text.replace("\u00a0", " "), unknown
