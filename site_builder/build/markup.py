"""Abstracts and titles to safe HTML: Markdown (raw HTML off), MathML for math, readable TeX.

Abstracts come from scraped pages and often hold TeX (``$\\beta_{i,j}$``,
``\\textbf{...}``). Math between dollars becomes MathML through latex2mathml
(``math_html``), which every current browser renders with no script and nothing
fetched from another origin; its output is rebuilt from a list of MathML
elements and attributes, so nothing executable (links, styles, events) gets
through. Math it cannot read stays as its TeX source in ``<code class="tex">``
(the build warns about it, naming the file and line). A small converter turns
TeX outside math (accents, ``\\textbf``) into HTML, and any TeX into plain
Unicode text for meta tags, feeds, the search index and citations
(``plain_text``, ``markdown_text``). Everything here is pure and escapes all input.
"""
from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ElementTree
from functools import lru_cache
from html import escape as _escape
from html import unescape


def escape(text: str) -> str:
    return _escape(text, quote=True)


GREEK = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε",
    "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
    "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "varpi": "ϖ", "rho": "ρ",
    "varrho": "ϱ", "sigma": "σ", "varsigma": "ς", "tau": "τ", "upsilon": "υ", "phi": "ϕ",
    "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
    "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
    "Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
}

SYMBOLS = {
    "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥", "neq": "≠", "ne": "≠", "approx": "≈",
    "sim": "∼", "simeq": "≃", "equiv": "≡", "propto": "∝", "ll": "≪", "gg": "≫",
    "infty": "∞", "sum": "∑", "prod": "∏", "int": "∫", "oint": "∮", "partial": "∂",
    "nabla": "∇", "cdot": "·", "times": "×", "div": "÷", "pm": "±", "mp": "∓", "ast": "∗",
    "star": "⋆", "circ": "∘", "bullet": "•", "oplus": "⊕", "otimes": "⊗",
    "to": "→", "rightarrow": "→", "leftarrow": "←", "gets": "←", "leftrightarrow": "↔",
    "Rightarrow": "⇒", "Leftarrow": "⇐", "Leftrightarrow": "⇔", "implies": "⟹", "iff": "⟺",
    "mapsto": "↦", "uparrow": "↑", "downarrow": "↓",
    "in": "∈", "notin": "∉", "ni": "∋", "subset": "⊂", "subseteq": "⊆", "supset": "⊃",
    "supseteq": "⊇", "cup": "∪", "cap": "∩", "setminus": "∖", "emptyset": "∅",
    "varnothing": "∅", "forall": "∀", "exists": "∃", "neg": "¬", "lnot": "¬", "land": "∧",
    "wedge": "∧", "lor": "∨", "vee": "∨", "top": "⊤", "bot": "⊥", "perp": "⊥",
    "ell": "ℓ", "hbar": "ℏ", "Re": "ℜ", "Im": "ℑ", "aleph": "ℵ",
    "ldots": "…", "dots": "…", "cdots": "⋯", "vdots": "⋮", "ddots": "⋱",
    "langle": "⟨", "rangle": "⟩", "lceil": "⌈", "rceil": "⌉", "lfloor": "⌊", "rfloor": "⌋",
    "mid": "∣", "vert": "|", "lvert": "|", "rvert": "|", "Vert": "‖", "lVert": "‖",
    "rVert": "‖", "|": "‖", "prime": "′", "deg": "°", "degree": "°", "dagger": "†",
    "checkmark": "✓", "square": "□", "triangle": "△", "angle": "∠", "sharp": "♯",
    "quad": "\u2003", "qquad": "\u2003\u2003", "colon": ":", "backslash": "\\",
    "lbrace": "{", "rbrace": "}", "textbackslash": "\\", "S": "§", "P": "¶",
    "textasciitilde": "~", "textasciicircum": "^", "textendash": "–", "textemdash": "—",
    "copyright": "©", "texttrademark": "™", "textregistered": "®", "euro": "€",
    "LaTeX": "LaTeX", "TeX": "TeX", "%": "%", "&": "&", "$": "$", "#": "#", "_": "_",
    "{": "{", "}": "}", ",": "\u2009", ";": "\u2005", ":": "\u2005", "!": "", " ": " ",
    "\\": " ",
}

# Function names printed upright, as TeX does.
OPERATORS = {
    "log", "ln", "exp", "min", "max", "sup", "inf", "lim", "liminf", "limsup", "arg",
    "argmin", "argmax", "sin", "cos", "tan", "sinh", "cosh", "tanh", "det", "dim", "ker",
    "Pr", "gcd", "mod", "deg", "hom", "lg", "sec", "csc", "cot", "arcsin", "arccos", "arctan",
}

# Commands that are only sizing/spacing hints: dropped, their argument (if any) kept.
IGNORED = {
    "left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr",
    "displaystyle", "textstyle", "scriptstyle", "limits", "nolimits", "nonumber",
    "noindent", "centering", "small", "large", "Large", "normalsize", "footnotesize",
    "tiny", "huge", "Huge", "protect", "relax", "xspace", "allowbreak",
}

STYLES = {  # command -> (html tag or "", keeps math italics?)
    "textbf": "strong", "mathbf": "strong", "boldsymbol": "strong", "bm": "strong",
    "bf": "strong", "textit": "em", "emph": "em", "mathit": "em", "it": "em",
    "texttt": "code", "mathtt": "code", "underline": "u", "textsc": "",
    "mathrm": "", "text": "", "textrm": "", "mathsf": "", "textsf": "", "mbox": "",
    "operatorname": "", "textnormal": "", "textup": "", "mathnormal": "", "hbox": "",
    "mathcal": "cal", "mathscr": "cal", "mathfrak": "frak", "mathbb": "bb", "mathds": "bb",
}

ACCENTS = {  # TeX accent command -> combining character
    "'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303", "=": "\u0304",
    ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b", "c": "\u0327", "k": "\u0328",
    "r": "\u030a", "hat": "\u0302", "widehat": "\u0302", "bar": "\u0304", "overline": "\u0305",
    "tilde": "\u0303", "widetilde": "\u0303", "vec": "\u20d7", "dot": "\u0307", "ddot": "\u0308",
    "acute": "\u0301", "grave": "\u0300", "breve": "\u0306", "check": "\u030c",
}

LETTERS = {"ss": "ß", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "o": "ø", "O": "Ø",
           "aa": "å", "AA": "Å", "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ"}

DOUBLE_STRUCK = {c: chr(0x1D538 + i) for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZ")}
DOUBLE_STRUCK.update({"C": "ℂ", "H": "ℍ", "N": "ℕ", "P": "ℙ", "Q": "ℚ", "R": "ℝ", "Z": "ℤ", "1": "𝟙"})
SCRIPT = {c: chr(0x1D49C + i) for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZ")}
SCRIPT.update({"B": "ℬ", "E": "ℰ", "F": "ℱ", "H": "ℋ", "I": "ℐ", "L": "ℒ", "M": "ℳ", "R": "ℛ"})
FRAKTUR = {c: chr(0x1D504 + i) for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZ")}
FRAKTUR.update({"C": "ℭ", "H": "ℌ", "I": "ℑ", "R": "ℜ", "Z": "ℨ"})
LETTER_MAPS = {"bb": DOUBLE_STRUCK, "cal": SCRIPT, "frak": FRAKTUR}

SUB_CHARS = dict(zip("0123456789+-=()aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ"))
SUP_CHARS = dict(zip("0123456789+-=()in", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁱⁿ"))
SUP_CHARS.update({"*": "*", "′": "′", "T": "ᵀ"})


class _Tex:
    """A tiny recursive-descent reader of TeX, writing HTML (or plain text)."""

    def __init__(self, src: str, html: bool, math: bool):
        self.src = src
        self.i = 0
        self.html = html
        self.math = math

    # -- reading -----------------------------------------------------------
    def _command(self) -> str:
        """Read after a backslash: a letter run or one symbol."""
        m = re.compile(r"[A-Za-z]+").match(self.src, self.i)
        if m:
            self.i = m.end()
            return m.group()
        if self.i < len(self.src):
            self.i += 1
            return self.src[self.i - 1]
        return ""

    def _group_end(self, start: int) -> int:
        """Index of the brace closing the group opened at ``start``, or -1."""
        depth = 0
        i = start
        while i < len(self.src):
            c = self.src[i]
            if c == "\\":
                i += 2
                continue
            if c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
                if depth == 0:
                    return i
            i += 1
        return -1

    def _argument(self) -> str | None:
        """The raw source of the next argument: a {group}, a command or one character."""
        while self.i < len(self.src) and self.src[self.i] == " ":
            self.i += 1
        if self.i >= len(self.src):
            return None
        c = self.src[self.i]
        if c == "{":
            end = self._group_end(self.i)
            if end < 0:
                return None
            raw = self.src[self.i + 1:end]
            self.i = end + 1
            return raw
        if c == "\\":
            start = self.i
            self.i += 1
            self._command()
            return self.src[start:self.i]
        if c == "}":
            return None
        self.i += 1
        return c

    def _sub(self, raw: str) -> str:
        return _Tex(raw, self.html, self.math).convert()

    # -- writing -----------------------------------------------------------
    def _out(self, text: str) -> str:
        return escape(text) if self.html else text

    def _wrap(self, tag: str, inner: str) -> str:
        if not self.html or not tag or not inner:
            return inner
        return f"<{tag}>{inner}</{tag}>"

    def _script(self, raw: str, kind: str) -> str:
        inner = self._sub(raw)
        if self.html:
            return f"<{kind}>{inner}</{kind}>"
        table = SUB_CHARS if kind == "sub" else SUP_CHARS
        if inner and all(ch in table for ch in inner):
            return "".join(table[ch] for ch in inner)
        mark = "_" if kind == "sub" else "^"
        return f"{mark}{inner}" if len(inner) == 1 else f"{mark}({inner})"

    def convert(self) -> str:
        out: list[str] = []
        src = self.src
        while self.i < len(src):
            c = src[self.i]
            if c == "\\":
                start = self.i
                self.i += 1
                out.append(self._apply(self._command(), start))
            elif c == "{":
                end = self._group_end(self.i)
                if end < 0 or not self.math:
                    out.append(self._out(c))
                    self.i += 1
                else:
                    out.append(self._sub(src[self.i + 1:end]))
                    self.i = end + 1
            elif c in "_^" and self.math:
                self.i += 1
                arg = self._argument()
                if arg is None:
                    out.append(self._out(c))
                else:
                    out.append(self._script(arg, "sub" if c == "_" else "sup"))
            elif c == "~" and self.math:
                out.append("\u00a0")
                self.i += 1
            elif c == "'" and self.math:
                out.append("′")
                self.i += 1
            else:
                m = re.compile(r"[^\\{_^~']+" if self.math else r"[^\\{]+").match(src, self.i)
                chunk = m.group() if m else c
                self.i += len(chunk)
                out.append(self._out(chunk))
        return "".join(out)

    def _apply(self, name: str, start: int) -> str:
        """Render one command whose name was just read; ``start`` is its backslash."""
        if not name:
            return self._out("\\")
        if name in GREEK:
            return self._out(GREEK[name])
        if name in SYMBOLS:
            return self._out(SYMBOLS[name])
        if name in OPERATORS and self.math:
            return self._out(name)
        if name in IGNORED:
            return ""
        if name in LETTERS:
            return self._out(LETTERS[name])
        if name in ACCENTS:
            arg = self._argument()
            if arg is None:
                return self._out(self.src[start:self.i])
            if len(arg) == 1 and arg != "\\":      # the mark goes on the character, before escaping ("&quot;")
                return self._out(arg + ACCENTS[name])
            base = self._sub(arg) if len(arg) > 1 or arg.startswith("\\") else self._out(arg)
            if self.html and "<" in base:
                return base
            # Put the combining mark after the first character so "\hat{x}" reads x̂.
            return base[:1] + ACCENTS[name] + base[1:] if base else ""
        if name in STYLES:
            arg = self._argument()
            if arg is None:
                return self._out(self.src[start:self.i])
            kind = STYLES[name]
            if kind in LETTER_MAPS:
                table = LETTER_MAPS[kind]
                return self._out("".join(table.get(ch, ch) for ch in arg)) if "\\" not in arg else self._sub(arg)
            tag = {"strong": "strong", "em": "em", "code": "code", "u": "u"}.get(kind, "")
            inner = _Tex(arg, self.html, self.math and kind not in ("",)).convert()
            return self._wrap(tag, inner)
        if name in ("frac", "dfrac", "tfrac", "binom"):
            num, den = self._argument(), self._argument()
            if num is None or den is None:
                return self._out(self.src[start:self.i])
            a, b = self._sub(num), self._sub(den)
            if name == "binom":
                return self._out("(") + a + self._out(" choose ") + b + self._out(")")
            if len(_plain(a).lstrip("√")) > 1:
                a = self._out("(") + a + self._out(")")
            if len(_plain(b).lstrip("√")) > 1:
                b = self._out("(") + b + self._out(")")
            return a + self._out("/") + b
        if name == "sqrt":
            arg = self._argument()
            if arg is None:
                return self._out("√")
            inner = self._sub(arg)
            return self._out("√") + (inner if len(_plain(inner)) <= 1 else self._out("(") + inner + self._out(")"))
        if name in ("url", "href"):
            arg = self._argument()
            if name == "href":
                text = self._argument()
                return self._out(text if text is not None else (arg or ""))
            return self._out(arg or "")
        if name in ("cite", "citep", "citet", "ref", "eqref", "label", "footnote"):
            arg = self._argument()
            return "" if name == "label" else self._out(f"[{arg}]" if arg else "")
        # Unknown: keep the source (and its braced argument) so nothing is garbled.
        if self.i < len(self.src) and self.src[self.i] == "{" and self._group_end(self.i) > 0:
            self.i = self._group_end(self.i) + 1
        return self._out(self.src[start:self.i])


def _plain(fragment: str) -> str:
    return unescape(re.sub(r"<[^>]*>", "", fragment))


@lru_cache(maxsize=4096)
def tex_to_html(tex: str) -> str:
    """TeX outside math (accents, \\textbf{…}) to safe HTML; math itself is ``math_html``'s."""
    return _Tex(tex, html=True, math=False).convert()


def tex_to_text(tex: str, math: bool = True) -> str:
    """TeX source to readable plain Unicode text (for meta tags, feeds, JSON-LD)."""
    return _Tex(tex, html=False, math=math).convert()


# --- Math: latex2mathml, then only MathML Core's elements and harmless attributes kept -------

MATHML_ELEMENTS = frozenset((
    "math", "mrow", "mi", "mn", "mo", "ms", "mtext", "mspace", "msub", "msup", "msubsup", "munder", "mover",
    "munderover", "mfrac", "msqrt", "mroot", "mstyle", "mpadded", "mphantom", "mtable", "mtr", "mtd",
    "mmultiscripts", "mprescripts", "none", "merror", "menclose"))
MATHML_ATTRIBUTES = frozenset((
    "mathvariant", "stretchy", "fence", "separator", "form", "lspace", "rspace", "largeop", "movablelimits",
    "symmetric", "minsize", "maxsize", "accent", "accentunder", "linethickness", "displaystyle", "scriptlevel",
    "width", "height", "depth", "columnalign", "rowalign", "columnspacing", "rowspacing", "columnlines",
    "rowlines", "frame", "notation", "columnspan", "rowspan", "voffset"))
_ATTRIBUTE_VALUE = re.compile(r"[\w .%+-]*")
_MATHML_NS = "{http://www.w3.org/1998/Math/MathML}"
UNREAD_MATH = '<code class="tex">'       # what math latex2mathml could not read starts with


class _Unreadable(Exception):
    pass


def _mathml(element, out: list[str]) -> None:
    tag = element.tag.removeprefix(_MATHML_NS)
    if tag not in MATHML_ELEMENTS:
        raise _Unreadable(tag)
    attributes = "".join(f' {name}="{value}"' for name, value in sorted(element.attrib.items())
                         if name in MATHML_ATTRIBUTES and _ATTRIBUTE_VALUE.fullmatch(value))
    if tag == "math":
        attributes = ' display="block"' if element.get("display") == "block" else ""
    out.append(f"<{tag}{attributes}>")
    text = element.text or ""
    if "\\" in text and tag in ("mi", "mo"):       # a command latex2mathml does not know
        raise _Unreadable(text)
    out.append(escape_text(text))
    for child in element:
        _mathml(child, out)
        out.append(escape_text(child.tail or ""))
    out.append(f"</{tag}>")


def escape_text(text: str) -> str:
    return _escape(text, quote=False)


_MTEXT = re.compile(r"(<mtext[^>]*>)(.*?)(</mtext>)", re.S)


def _xml_text(text: str) -> str:
    return re.sub(r"&(?!#x?[0-9A-Fa-f]+;)", "&amp;", text).replace("<", "&lt;").replace(">", "&gt;")


@lru_cache(maxsize=4096)
def math_html(tex: str, display: bool = False) -> str:
    """TeX math -> MathML (``display``: a block), or, when latex2mathml cannot read it, the TeX
    source with its dollars as ``<code class="tex">`` (views.py warns about those)."""
    from latex2mathml.converter import convert

    tex = tex.strip()
    try:
        made = convert(tex, display="block" if display else "inline")
        if "<mtext" in made:         # latex2mathml leaves \text{…} unescaped: "a < b" in it is text
            made = _MTEXT.sub(lambda m: m[1] + _xml_text(m[2]) + m[3], made)
        out: list[str] = []
        _mathml(ElementTree.fromstring(made), out)
        return "".join(out)
    except Exception:          # noqa: BLE001 - latex2mathml raises many kinds; any of them means "cannot read it"
        dollars = "$$" if display else "$"
        return f"{UNREAD_MATH}{escape(dollars + tex + dollars)}</code>"


def unread_math(html: str) -> list[str]:
    """The TeX of each piece of math ``math_html`` could not read, in ``html``."""
    if UNREAD_MATH not in html:
        return []
    return [unescape(m) for m in re.findall(re.escape(UNREAD_MATH) + r"(.*?)</code>", html, re.S)]


_MATH = re.compile(r"(?<![\\$])\$(?!\$)((?:\\.|[^$\\])+?)\$(?!\$)|\$\$((?:\\.|[^$\\])+?)\$\$")


def math_spans(text: str):
    """Yield (mode, chunk) pieces of ``text``: mode "" for text, "$" for inline math, "$$" for
    display math; unbalanced dollars stay plain text."""
    pos = 0
    for m in _MATH.finditer(text):
        body = m.group(1) if m.group(1) is not None else m.group(2)
        if m.group(1) is not None and (body[:1].isspace() or body[-1:].isspace()):
            continue  # "$5 and $6": prices, not math
        if m.start() > pos:
            yield "", text[pos:m.start()]
        yield ("$" if m.group(1) is not None else "$$"), body
        pos = m.end()
    if pos < len(text):
        yield "", text[pos:]


def _math_spans(text: str):
    """Yield (is_math, chunk) pieces of ``text``; unbalanced dollars stay plain text."""
    for mode, chunk in math_spans(text):
        yield bool(mode), chunk


def inline_html(text: str) -> str:
    """A title or name: escaped, $math$ as MathML, simple TeX commands made readable."""
    parts = []
    for mode, chunk in math_spans(tex_accents(text)):
        if mode:
            parts.append(math_html(chunk, mode == "$$"))
        elif "\\" in chunk:
            parts.append(tex_to_html(chunk))
        else:
            parts.append(escape(chunk))
    return unicodedata.normalize("NFC", "".join(parts))


# Every character str.split() splits at but the space (tests/test_build_markup.py checks the list).
OTHER_SPACES = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
                "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")


def single_spaced(text: str) -> bool:
    """Whether ``" ".join(text.split()) == text``: told by a scan for each kind of space, 2.5
    times quicker than splitting a 1,500-character abstract into its words and joining them."""
    return not ("  " in text or text[:1] == " " or text[-1:] == " " or any(map(text.__contains__, OTHER_SPACES)))


@lru_cache(maxsize=64)      # one paper's title and abstract are asked for by its page, RIS and CSL-JSON in turn
def plain_text(text: str) -> str:
    """Readable plain text of a title or abstract: TeX made Unicode, Markdown marks kept."""
    if "$" not in text and "\\" not in text:
        return text if single_spaced(text) else " ".join(text.split())
    parts = []
    for is_math, chunk in _math_spans(tex_accents(text)):
        parts.append(tex_to_text(chunk, math=is_math) if (is_math or "\\" in chunk) else chunk)
    return unicodedata.normalize("NFC", " ".join("".join(parts).split()))


# --- Markdown ---------------------------------------------------------------

def _render_math_inline(self, tokens, idx, options, env):
    return math_html(tokens[idx].content)


def _render_math_inline_double(self, tokens, idx, options, env):
    return math_html(tokens[idx].content, display=True)


def _render_math_block(self, tokens, idx, options, env):
    return f'<p class="math-display">{math_html(tokens[idx].content.strip(), display=True)}</p>\n'


def _render_text(self, tokens, idx, options, env):
    content = tokens[idx].content
    if "\\" in content:
        return tex_to_html(content)
    return escape(content)


def _render_image(self, tokens, idx, options, env):
    """An image becomes a link to it, labelled with its alt text: the reader's browser
    fetches nothing, and the alt text is not lost as a stray "!" before a link."""
    token = tokens[idx]
    alt = self.renderInlineAsText(token.children or [], options, env) or token.attrGet("src") or ""
    return f'<a href="{escape(token.attrGet("src") or "")}">{escape(alt)}</a>'


@lru_cache(maxsize=None)
def _markdown():
    """The parser, made on first use: a rebuild after a small edit often needs none (50 ms of imports)."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.dollarmath import dollarmath_plugin

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.use(dollarmath_plugin, allow_space=False, allow_digits=False, double_inline=True)
    md.add_render_rule("image", _render_image)   # never an <img>: no fetch from another origin
    md.add_render_rule("math_inline", _render_math_inline)
    md.add_render_rule("math_inline_double", _render_math_inline_double)
    md.add_render_rule("math_block", _render_math_block)
    md.add_render_rule("math_block_label", _render_math_block)
    md.add_render_rule("text", _render_text)
    return md




def _safe_link_attrs(html: str) -> str:
    return html.replace("<a href=", '<a rel="nofollow noopener" href=')


_ACCENT_PATTERNS = [
    re.compile(r"\{\\([cuvHrkd'`^\"~=.])\s*(\\[ij]|[A-Za-z])\}"),      # {\'e}  {\c c}
    re.compile(r"\\([cuvHrkd'`^\"~=.])\{(\\[ij]|[A-Za-z])\}"),          # \'{e}  \c{c}
    re.compile(r"\\(['`^\"~=.])(\\[ij](?![A-Za-z])|[A-Za-z])"),           # \'e
]


def _accent(m: re.Match) -> str:
    base = m.group(2).lstrip("\\")
    return unicodedata.normalize("NFC", base + ACCENTS[m.group(1)])


def tex_accents(text: str) -> str:
    """R\\'emi -> Rémi before Markdown, which would otherwise eat the backslash."""
    if "\\" not in text:
        return text
    for pattern in _ACCENT_PATTERNS:
        text = pattern.sub(_accent, text)
    return text


# Text with none of these is plain paragraphs to CommonMark: no emphasis, code, link, HTML,
# math, escape, entity, list, quote, heading, code block or hard break can start. Searched
# for as separate patterns that each begin with what they look for ("<", "&", a line break),
# which the regex engine finds by scanning; one pattern that starts with an alternation or an
# anchor is tried at every position of every abstract. The single characters (\ ` _ [ ] $, tab,
# return, NUL) are looked for one by one with ``in``: nine such scans cost 0.3 us in a
# 1,500-character abstract with a character beyond ASCII, a character set's search 8 us.
_MARKDOWN_TAG = re.compile(r"<[A-Za-z/!?]")
_MARKDOWN_ENTITY = re.compile(r"&(?:#[0-9xX]|[A-Za-z][A-Za-z0-9]*;)")
_MARKDOWN_LINE_START = re.compile(r"[ \-+=>#~\d]")         # a list, quote, heading, code block...
_MARKDOWN_AFTER_BREAK = re.compile(r"\n[ \-+=>#~\d]")


def _may_be_markdown(text: str) -> bool:
    return bool("\\" in text or "`" in text or "_" in text or "[" in text or "]" in text or "$" in text
                or "\t" in text or "\r" in text or "\x00" in text or _MARKDOWN_LINE_START.match(text)
                or ("<" in text and _MARKDOWN_TAG.search(text))
                or ("&" in text and _MARKDOWN_ENTITY.search(text))
                or ("\n" in text and _MARKDOWN_AFTER_BREAK.search(text))
                or " \n" in text or text.endswith(" "))          # a hard break, or spaces the parser trims


# *Emphasis* that can only be that: the opening star after a space (or a line's start) and
# before a letter or digit, the closing one after a letter or digit and before a space, the
# line's end or . , ; : ! ? ), no star between. Any other star is the parser's to read. (The
# star comes first and what precedes it is checked behind it: the engine then scans for stars.)
_EMPHASIS = re.compile(r"\*(?<!\S\*)([^\W_](?:[^*\n]*[^\W_])?)\*(?=[\s.,;:!?)]|$)", re.M)
_PARAGRAPH_BREAK = re.compile(r"\n{2,}")


def _plain_paragraphs(text: str) -> str | None:
    """Most abstracts are plain prose, maybe with *emphasis*: render them without the Markdown
    parser (the same HTML, tests/test_build_markup.py checks it), or None when Markdown must decide."""
    if _may_be_markdown(text) or any(line != line.strip() for line in text.split("\n")):
        return None                 # (the parser trims every kind of space around a line)
    if "*" in text and "*" in _EMPHASIS.sub("", text):
        return None
    out = []
    text = text.strip("\n")
    for paragraph in _PARAGRAPH_BREAK.split(text) if "\n\n" in text else (text,):
        if paragraph:
            if "*" not in paragraph:
                out.append("<p>" + escape(paragraph) + "</p>\n")
                continue
            pieces = _EMPHASIS.split(paragraph)        # text, emphasised, text, ...
            out.append("<p>" + "".join(escape(piece) if i % 2 == 0 else f"<em>{escape(piece)}</em>"
                                       for i, piece in enumerate(pieces)) + "</p>\n")
    return "".join(out)


def markdown_html(text: str) -> str:
    """A Markdown abstract to HTML: raw HTML is shown as text, unsafe links are not links."""
    plain = _plain_paragraphs(text)
    if plain is not None:
        return unicodedata.normalize("NFC", plain).strip()
    html = unicodedata.normalize("NFC", _markdown().render(tex_accents(text)))
    html = re.sub(r"<(/?)h[1-6]>", r"<\1p>", html)
    return _safe_link_attrs(html).strip()


@lru_cache(maxsize=64)      # one paper's abstract is asked for by its page, RIS and CSL-JSON in turn
def markdown_text(text: str) -> str:
    """Readable plain text of a Markdown abstract, for meta tags, feeds, search and citations:
    no Markdown marks (``**``, links' addresses, backquotes), TeX made Unicode, one line."""
    if not _may_be_markdown(text):
        if "*" not in text:
            return plain_text(text)
        if not any(line != line.strip() for line in text.split("\n")) and "*" not in _EMPHASIS.sub("", text):
            return plain_text(_EMPHASIS.sub(r"\1", text))       # only *emphasis*: drop its stars
    out: list[str] = []
    for token in _markdown().parse(tex_accents(text)):
        if token.type == "inline":
            for child in token.children or ():
                kind = child.type
                if kind == "text":
                    out.append(tex_to_text(child.content, math=False) if "\\" in child.content else child.content)
                elif kind == "code_inline":
                    out.append(child.content)
                elif kind.startswith("math_inline"):
                    out.append(tex_to_text(child.content))
                elif kind in ("softbreak", "hardbreak"):
                    out.append(" ")
                elif kind == "image":
                    out.append(child.content)
        elif token.type.startswith("math_block"):
            out.append(" " + tex_to_text(token.content.strip()) + " ")
        elif token.type in ("code_block", "fence"):
            out.append(" " + token.content + " ")
        elif token.block and token.type.endswith("_close"):
            out.append(" ")
    return unicodedata.normalize("NFC", " ".join("".join(out).split()))


# --- Teasers ---------------------------------------------------------------

_TAG = re.compile(r"<(/?)([a-zA-Z0-9]+)([^>]*)>")
_ATOMIC = ("math", "code")
_VOID = {"br", "hr", "img", "wbr"}
_WORDS_AND_SPACES = re.compile(r"\s+|\S+")


_ESCAPED_CHAR = re.compile(r"&(?:amp|lt|gt|quot|#x27|#39);")     # what escaping makes: one character each
_NON_SPACE = re.compile(r"\S")


def truncate_html(html: str, limit: int) -> str | None:
    """Cut rendered HTML after at most ``limit`` visible characters, at a word boundary.

    Returns None when everything fits (no teaser needed). Math and code are never
    split: a cut falls before them. Open tags are closed so the teaser stays valid.
    """
    quick = _quick_teaser(html, limit)
    return quick if quick is not None else _walked_teaser(html, limit)


def _quick_teaser(html: str, limit: int) -> str | None:
    """The teaser of an abstract whose cut falls in the plain text that opens its first
    paragraph (most abstracts), found by slicing instead of walking word by word: the same
    result as ``_walked_teaser`` (tests/test_render_teaser.py), or None to leave it to that."""
    if not html.startswith("<p>"):
        return None
    # The text up to the first "<" or ">" (what ``<p>([^<>]*)`` matches, found by two scans
    # rather than the pattern's character by character walk: 5 us in a long abstract).
    end = html.find("<", 3)
    close = html.find(">", 3, len(html) if end < 0 else end)
    end = close if close >= 0 else len(html) if end < 0 else end
    if end - 3 <= limit:
        return None
    text = visible = html[3:end]        # no tag
    escaped = []
    if "&" in text:                          # escaped characters: each shows as one
        escaped = list(_ESCAPED_CHAR.finditer(text))
        if len(escaped) != text.count("&"):
            return None
        visible = unescape(text)
        if len(visible) <= limit:
            return None
    if visible[limit].isspace():      # the first word to end past the limit: this one, or the next
        following = _NON_SPACE.search(visible, limit)
        if following is None:
            return None
        word = following.start()
    else:
        word = limit
        while word > 0 and not visible[word - 1].isspace():
            word -= 1
    space = len(visible[:word].rstrip())      # the cut is before the spaces ahead of that word
    if space == 0 or space == word:
        return None
    cut = space
    for entity in escaped:                    # back from visible characters to the HTML's
        if entity.start() - (cut - space) >= space:
            break
        cut += len(entity.group()) - 1
    return _trim("<p>" + text[:cut]) + "…</p>"


def _walked_teaser(html: str, limit: int) -> str | None:
    if len(_plain(html)) <= limit:
        return None
    out: list[str] = []
    stack: list[str] = []
    atomic_depth = 0
    atomic_stack: list[bool] = []
    visible = 0
    best: tuple[int, tuple[str, ...]] | None = None   # (len(out), open tags) at a safe cut
    pos = 0
    for m in _TAG.finditer(html + "<end>"):
        text = html[pos:m.start()]
        pos = m.end()
        if text:
            for found in _WORDS_AND_SPACES.finditer(text):      # lazily: a cut comes after ~300 characters
                piece = found.group()
                width = len(unescape(piece)) if "&" in piece else len(piece)
                if piece.isspace():
                    if atomic_depth == 0 and visible > 0:
                        best = (len(out), tuple(stack))
                    out.append(piece)
                    visible += width
                    continue
                if visible + width > limit and best is not None:
                    return _close(out, best)
                out.append(piece)
                visible += width
        if m.group(2) == "end" and m.start() == len(html):
            break
        closing, tag, attrs = m.group(1) == "/", m.group(2).lower(), m.group(3)
        if closing:
            if stack and stack[-1] == tag:
                stack.pop()
                if atomic_stack.pop():
                    atomic_depth -= 1
            out.append(m.group())
            if atomic_depth == 0 and tag in ("p", "li", "span", "code", "strong", "em"):
                best = (len(out), tuple(stack))
            if visible >= limit and best is not None:
                return _close(out, best)
        else:
            if tag in ("p", "li", "blockquote") and visible > 0 and atomic_depth == 0:
                best = (len(out), tuple(stack))
            out.append(m.group())
            if tag not in _VOID:
                is_atomic = tag in _ATOMIC or any(f'class="{a}' in attrs or f" {a}" in attrs for a in _ATOMIC)
                stack.append(tag)
                atomic_stack.append(is_atomic)
                atomic_depth += is_atomic
    return None


def _trim(text: str) -> str:
    """Drop trailing spaces and punctuation before the ellipsis, never half an entity."""
    while True:
        trimmed = re.sub(r"[\s,:.\-–—(]+$", "", text)
        if trimmed.endswith(";") and not re.search(r"&#?\w+;$", trimmed):
            trimmed = trimmed[:-1]
        if trimmed == text:
            return text
        text = trimmed


def _close(out: list[str], cut: tuple[int, tuple[str, ...]]) -> str:
    """The kept pieces, an ellipsis inside the last open block, then the open tags closed."""
    kept = "".join(out[:cut[0]]).rstrip()
    closers = "".join(f"</{t}>" for t in reversed(cut[1]))
    block_end = re.search(r"</(p|li|blockquote)>$", kept)
    if block_end:       # cut right after a paragraph: the ellipsis goes inside it
        return _trim(kept[:block_end.start()]) + "…" + block_end.group() + closers
    if kept.endswith(">"):
        return kept + "…" + closers
    return _trim(kept) + "…" + closers
