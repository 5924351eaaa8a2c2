"""Text repair and matching keys: pure functions, no I/O.

Two kinds of output, kept apart on purpose:
- *display* text (``clean_text``, ``clean_name``): what editors and readers see.
  It stays as printed apart from repairs that lose nothing (marker join, NFC,
  LaTeX accents, whitespace).
- *keys* (``title_key``, ``name_key``...): folded forms used only to compare
  records (case, accents, quotes and punctuation ignored). Keys are never written.
"""
from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from nicknames import NickNamer

from ..text import decode_entities, strip_accents

# "… (voir plus)" / "… (see more)" sit in the middle of a word or sentence:
# remove exactly the marker so the two halves join as printed.
MARKER_RE = re.compile(r"(?:…|\.\.\.) ?\((?:voir plus|see more|lire la suite|read more|show more|afficher plus|en savoir plus)\)",
                       re.IGNORECASE)

_WS_RE = re.compile(r"\s+")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
                         "`": "'", "\u00b4": "'"})

# LaTeX accent commands: \'e, {\'e}, \'{e}, \c{c}, \"o ...
_LATEX_ACCENTS = {"'": "\u0301", "`": "\u0300", '"': "\u0308", "^": "\u0302", "~": "\u0303",
                  "=": "\u0304", ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b",
                  "c": "\u0327", "k": "\u0328", "r": "\u030a"}
_LATEX_CMD_RE = re.compile(r"\{?\\([`'\"^~=.]|[uvHckr](?=[{ ]))\s*\{?([A-Za-z])\}?\}?")
_LATEX_LETTERS = {r"\ss": "ß", r"\o": "ø", r"\O": "Ø", r"\ae": "æ", r"\AE": "Æ", r"\oe": "œ",
                  r"\OE": "Œ", r"\aa": "å", r"\AA": "Å", r"\l": "ł", r"\L": "Ł", r"\i": "ı"}
_LATEX_LETTER_RE = re.compile(r"\{?(\\(?:ss|o|O|ae|AE|oe|OE|aa|AA|l|L|i))\}?(?![A-Za-z])")
# Bare accent marks left when a scraper dropped the backslash: "R'emi", "M\"uller" -> only in
# names, where "letter + mark + lowercase vowel" cannot be English ("model's", "don't").
_BARE_ACCENT_RE = re.compile(r"(?<=[^\W\d_])(['`\"^~])(?=[aeiouy])")
_BARE_MARKS = {"'": "\u0301", "`": "\u0300", '"': "\u0308", "^": "\u0302", "~": "\u0303"}

PARTICLES = frozenset("van von der den de del della dei di da das dos do du des la le lo ten ter bin ibn al el y zu st".split())
SUFFIXES = frozenset("jr jr. sr sr. ii iii iv".split())
# Function words never capitalised inside a person's name; their presence marks a title.
FUNCTION_WORDS = frozenset("""a an the of and or for in on at to from with without by via into onto over under
out up about as is are be been being its it their our we you your how what why when where which who whom
do does not no towards toward between among using through beyond vs versus can all more than this that these
those new is based if than upon per""".split())


def join_markers(text: str) -> str:
    """Remove truncation markers, joining both halves exactly as printed."""
    return MARKER_RE.sub("", text)


def has_marker(text: str) -> bool:
    return MARKER_RE.search(text) is not None


_CONTROL_RE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")   # what no entry may hold (schema.py)


def collapse(text: str) -> str:
    """One line, one space between words, no control character (a PDF's form feed, a terminal's ESC)."""
    text = _WS_RE.sub(" ", text).strip()
    return _CONTROL_RE.sub("", text) if _CONTROL_RE.search(text) else text


def repair_latex(text: str) -> str:
    """Turn LaTeX accent commands into the accented letters they stand for."""
    if "\\" not in text:
        return text
    text = _LATEX_LETTER_RE.sub(lambda m: _LATEX_LETTERS[m.group(1)], text)
    text = _LATEX_CMD_RE.sub(lambda m: m.group(2) + _LATEX_ACCENTS[m.group(1)], text)
    return unicodedata.normalize("NFC", text)


def clean_text(text: str) -> str:
    """Display form of a title or abstract: markers joined, HTML entities and LaTeX repaired, NFC,
    one space."""
    return collapse(unicodedata.normalize("NFC", repair_latex(decode_entities(join_markers(text)))))


# What a page prints around a name that is no part of it: titles before it ("Prof. Dr.", "Dr",
# "Pr", "Dr.-Ing."), degrees after it (", PhD", "M.Sc.", ", HDR"), as they are written: "DR de
# Vries", "MS van der Berg", "dos Santos MSC" are initials
_HONORIFICS_RE = re.compile(r"^(?:(?:Prof(?:essor|\.)?|PROF(?:ESSOR|\.)|Dr(?:\.?-Ing\.?|\.)?|DR\.|Pr\.?|Mr\.?|"
                            r"Mrs\.?|Ms\.?|Mme\.?|Dipl\.-Ing\.)\s+)+(?=\S+\s+\S)")
_DEGREES_RE = re.compile(r"(?:,?\s+(?:Ph\.?\s?D\.?|D\.?\s?Phil\.?|M\.\s?Sc\.|MSc|B\.\s?Sc\.|BSc|M\.\s?Eng\.))+$")
_HDR_RE = re.compile(r"^(?P<name>[^\W\d_][^,]*\s[^,]+),\s*HDR$")     # "Jean Dupont, HDR"; not "de Souza, HDR"


def strip_honorifics(name: str) -> str:
    """"Prof. Dr. Jean Dupont", "Jean Dupont, PhD" -> "Jean Dupont"."""
    stripped = _DEGREES_RE.sub("", _HONORIFICS_RE.sub("", name.strip()))
    hdr = _HDR_RE.match(stripped)
    if hdr and not hdr["name"][:1].islower():
        stripped = hdr["name"]
    return stripped if len(stripped.split()) >= 2 or "," in stripped else name.strip()


# Markdown's marks around the lab's member ("**Kaiming He**", "_Diederik P. Kingma_")
_EMPHASIS_RE = re.compile(r"\*\*|__|(?<![\w*])_(?=\w)|(?<=[\w.])_(?![\w*])")


def drop_emphasis(text: str) -> str:
    return _EMPHASIS_RE.sub("", text) if "*" in text or "_" in text else text


@lru_cache(maxsize=1 << 16)   # one person's name is printed on many records
def clean_name(text: str) -> str:
    """Display form of a person's name, also repairing bare accent marks ("R'emi" -> "Rémi")."""
    text = natural_order(strip_honorifics(clean_text(drop_emphasis(text))))
    if any(mark in text for mark in _BARE_MARKS):
        text = _BARE_ACCENT_RE.sub(lambda m: "\u0000" + m.group(1), text)
        # move each mark after the vowel it belongs to, then compose
        text = re.sub(r"\u0000(['`\"^~])([aeiouy])", lambda m: m.group(2) + _BARE_MARKS[m.group(1)], text)
        text = unicodedata.normalize("NFC", text)
    return text


def clean_organisation(text: str) -> str:
    """Daily Papers prints an organisation twice (logo text, then name): "ByteDance ByteDance" -> "ByteDance"."""
    text = clean_text(text)
    words = text.split()
    half = len(words) // 2
    if words and len(words) % 2 == 0 and words[:half] == words[half:]:
        return " ".join(words[:half])
    return text


def fold_quotes(text: str) -> str:
    return text.translate(_QUOTES)


_NON_ALNUM_RE = re.compile(r"[^0-9a-z]+")


def _fold(text: str) -> str:
    return _NON_ALNUM_RE.sub(" ", strip_accents(fold_quotes(text)).casefold()).strip()


@lru_cache(maxsize=200_000)
def title_key(title: str) -> str:
    """Comparison form of a title: case, accents, quotes and punctuation ignored."""
    return _fold(title)


# Presentation decorations: they say how a paper was presented, not which paper it is, so they
# are ignored when comparing titles ("(panel session)", "Tutorial:", "- Book Review").
_DECORATION_WORDS = frozenset("""tutorial tutorials panel panels session sessions abstract abstracts extended
version short long full invited talk talks keynote slides slide available at the conference demonstration demo
description experience paper poster position book review reviews summary preliminary revised edition ed
industrial track technical research note regular a an of and""".split())
_LEADING_DECORATION_RE = re.compile(
    r"^\s*(?:(?:tutorial|panel|panel session|keynote|keynote address|invited talk|demo|demonstration|poster|"
    r"position paper|book review|extended abstract|(?:technical|research|short|invited|full|regular|industrial|demo|vision)"
    r" (?:note|paper))\s*[:.\-–—]\s*|(?:a\s+)?(?:tutorial|panel) on\s+|"
    r"report on\s+(?:the\s+)?)", re.IGNORECASE)
_TRAILING_GROUP_RE = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\s*\.?\s*$")
_TRAILING_PART_RE = re.compile(r"\s*(?::|\s[-–—]{1,2}\s|[-–—]{2})\s*([^:]*?)\s*$")
_MAIN_SPLIT_RE = re.compile(r":|\s[-–—]{1,2}\s|(?<=[a-z]{3})\.\s+(?=[A-Z])")   # "...: ", " - ", ". Machine Learning"
_MAYBE_DECORATED = re.compile(r"[(\[:\-–—]|^(?:tutorial|panel|keynote|invited|demo|poster|position|book|extended|"
                              r"a tutorial|a panel|report on)", re.IGNORECASE)


@lru_cache(maxsize=200_000)
def core_title(title: str) -> str:
    """The title without presentation decorations and trailing bracketed notes: "Indexing
    Multimedia Databases (Tutorial)" and "Tutorial: Indexing multimedia databases" have one core."""
    text = title.strip()
    if not _MAYBE_DECORATED.search(text):
        return text
    for _ in range(4):
        before = text
        text = _LEADING_DECORATION_RE.sub("", text)
        group = _TRAILING_GROUP_RE.search(text)
        if group and group.start() > 0:
            text = text[:group.start()]
        part = _TRAILING_PART_RE.search(text)
        if part and part.start() > 0 and set(_fold(part.group(1)).split()) <= _DECORATION_WORDS:
            text = text[:part.start()]
        if text == before:
            break
    return text.strip() or title.strip()


def main_title(title: str) -> str:
    """The part of a core title before its subtitle ("LH*RS: a high-availability ..." -> "LH*RS"), or ""."""
    core = core_title(title)
    if ":" not in core and " -" not in core and "–" not in core and "—" not in core and ". " not in core:
        return ""
    parts = _MAIN_SPLIT_RE.split(core, maxsplit=1)
    return _fold(parts[0]) if len(parts) == 2 and _fold(parts[0]) and _fold(parts[1]) else ""


def abstract_key(abstract: str) -> str:
    text = re.sub(r"^\s*(abstract|résumé|resume|summary)\s*[:.\-]\s*", "", abstract, flags=re.IGNORECASE)
    return _fold(text)   # the same form as a title's; not cached: long, and seldom asked twice


def has_diacritics(text: str) -> bool:
    return strip_accents(text) != text


# ---------------------------------------------------------------- dates

MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
DATE_RE = re.compile(
    r"^(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?P<day>\d{1,2})"
    r"(?:,\s*(?P<year>\d{4}))?(?:\s+(?P<up>\d+))?$", re.IGNORECASE)


def resolve_date(printed: str, as_of: str | None) -> str:
    """"Dec 23, 2024" -> "2024-12-23"; "Jun 15" -> the last Jun 15 on or before ``as_of``, else "";
    a date already written in full ("2023-05-29", "2023-05") stays."""
    if re.fullmatch(r"(?:1[89]|20)\d\d-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?", printed):
        return printed
    match = DATE_RE.match(printed)
    if not match:
        return ""
    month = MONTHS[match.group("mon")[:3].casefold()]
    day = int(match.group("day"))
    if match.group("year"):
        year = int(match.group("year"))
    elif as_of:
        y, m, d = (int(x) for x in as_of.split("-"))
        year = y if (month, day) <= (m, d) else y - 1
    else:
        return ""
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return ""


# ---------------------------------------------------------------- names


@dataclass(frozen=True)
class NameParts:
    """A person's name split for matching: given-name tokens and surname, folded."""

    given: tuple[str, ...]
    surname: str

    @property
    def initials(self) -> str:
        return "".join(g[0] for g in self.given if g)


_INITIALS_RE = re.compile(r"^(?:[^\W\d_]\.?-?)+$")


@lru_cache(maxsize=1 << 16)   # a few thousand distinct tokens, asked millions of times
def is_initial(token: str) -> bool:
    """"J", "J.", "J.-P.", "B.J.", "AJ." are initials; "Jo" is not, nor "DBMS." (an acronym ending a title)."""
    letters = [c for c in token if c.isalpha()]
    return bool(letters) and (token.endswith(".") or len(letters) == 1) and (
        len(letters) <= 2 or token.count(".") >= len(letters)) and all(
        c.isupper() or not c.isalpha() for c in token) and _INITIALS_RE.match(token) is not None


@lru_cache(maxsize=1 << 16)   # the same names are asked for again and again
def natural_order(name: str) -> str:
    """"Munos, Rémi", "Munos R.", "MUNOS Rémi", "ATKINSON RG", "Bayardo, Roberto J., Jr." -> given
    names first; other names unchanged."""
    if name.count(",") == 2:       # BibTeX's "Last, First, Jr."
        last, first, suffix = (part.strip() for part in name.split(","))
        if last and first and suffix.casefold() in SUFFIXES:
            return f"{first} {last} {suffix}"
        return name
    if name.count(",") == 1:
        last, first = (part.strip() for part in name.split(","))
        if not last or not first or (first.casefold().rstrip(".") in SUFFIXES and first not in ("JR", "SR")):
            return name   # "Bayardo, Jr."; but "Quinlan, JR" is J. R. Quinlan
        return f"{first} {last}"
    tokens = name.split()
    if len(tokens) < 2 or "," in name:
        return name
    if len(tokens) >= 3 and tokens[-1].casefold().rstrip(".") in SUFFIXES and tokens[-1] not in ("JR", "SR") \
            and not is_initial(tokens[0]):     # PubMed's "King ML Jr", "King M. L. Jr.": "ML King Jr"
        initials_from = next((k for k in range(1, len(tokens) - 1) if all(
            is_initial(t) or t.isalpha() and t.isupper() and len(t) <= 3 and could_be_initials(t)
            for t in tokens[k:-1])), None)
        if initials_from is not None:
            return " ".join(tokens[initials_from:-1] + tokens[:initials_from] + tokens[-1:])
    if is_initial(tokens[-1]) and not is_initial(tokens[0]):   # "Munos R.", "van der Berg J. P."
        k = next(i for i, t in enumerate(tokens) if is_initial(t))
        if all(is_initial(t) for t in tokens[k:]):
            return " ".join(tokens[k:] + tokens[:k])
    # "MUNOS Rémi": a surname in capitals printed first (3+ letters and a vowel: "AJ Smith" is initials)
    k = 0
    # ("CJCH Watkins", "A.H.M. ter Hofstede": initials)
    while k < len(tokens) and _is_shouted(tokens[k]) and "." not in tokens[k] and (
            reads_as_surname(tokens[k]) or tokens[k].casefold() in PARTICLES and k + 1 < len(tokens)
            and _is_shouted(tokens[k + 1])):       # "LE GALL Yann", "DE LA FONTAINE Jean"
        k += 1
    rest = tokens[k:]
    if 0 < k < len(tokens) and not is_initial(tokens[k]) and not any(_is_shouted(t) for t in rest):
        return " ".join(rest + tokens[:k])        # "MUNOS Rémi"
    if len(tokens) == 2 and _is_shouted(tokens[0]) and _initials_after_surname(tokens[0], tokens[1]):
        return f"{tokens[1]} {tokens[0]}"         # "ATKINSON RG", "KIM JH"
    return name


def _initials_after_surname(first: str, second: str) -> bool:
    """Two words in capitals: a surname, then initials ("ATKINSON RG", "KIM JH", "HINTON GE"),
    not a given name, then a surname ("ANDREW NG", "AMY KO", "KAIMING HE"). Capitals without a
    vowel are initials (but "NG" is a surname); otherwise only after a word that is not a given
    name, English or in pinyin before a surname in pinyin."""
    if not (second.isalpha() and second.isupper() and len(second) <= 3) or reads_as_surname(second) \
            or not reads_as_surname(first):
        return False
    if not any(c in "AEIOUY" for c in second) and second != "NG":
        return True
    folded = strip_accents(first).casefold()
    return folded not in given_names() and not (pinyin(first) and pinyin(second))


_PINYIN_RE = re.compile(      # one to three syllables of Chinese in pinyin ("wei", "kaiming")
    r"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ao|an|ei|en|er|ia|ie|in|iu|ou|ua|ue|ui|un|uo|a|e|i|o|u|v))"
    r"{1,3}")


def pinyin(token: str) -> bool:
    """"WEI", "Kaiming", "FEI-FEI", "LI": a Chinese name, or part of one, in pinyin."""
    parts = [p for p in strip_accents(token).casefold().split("-") if p]
    return bool(parts) and all(_PINYIN_RE.fullmatch(p) for p in parts)


def reads_as_surname(caps: str) -> bool:
    """"MUNOS", "LEE" printed before a given name are a surname in capitals; "AJ", "CJCH" initials."""
    return sum(c.isalpha() for c in caps) >= 3 and any(c in "AEIOUY" for c in caps)


def could_be_initials(caps: str) -> bool:
    """"AJ", "JR", "CJCH" (no vowel: four initials); not "MUNOS" or "WANG" (a surname in capitals)."""
    letters = [c for c in caps if c.isalpha()]
    return len(letters) <= 3 or (len(letters) == 4 and not any(c in "AEIOUY" for c in letters))


def _is_shouted(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


# Letters that are not a base letter plus an accent, so that stripping accents leaves them: how
# they are typed on a keyboard without them ("Bækgaard" / "Baekgaard", "Aydın" / "Aydin").
_PLAIN_LETTERS = str.maketrans({"æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "ß": "ss", "ı": "i", "đ": "d", "ð": "d",
                                "þ": "th", "ħ": "h", "ŀ": "l"})


def _fold_token(token: str) -> str:
    return strip_accents(fold_quotes(token)).casefold().translate(_PLAIN_LETTERS).replace("'", "")


@lru_cache(maxsize=200_000)
def split_name(name: str) -> NameParts:
    """Split a display name into folded given tokens and surname (particles stay with the surname)."""
    tokens = [t for t in natural_order(name).replace(",", " ").split() if t]
    while len(tokens) > 1 and tokens[-1].casefold().rstrip(".") in {s.rstrip(".") for s in SUFFIXES}:
        tokens.pop()
    if not tokens:
        return NameParts((), "")
    surname_tokens = [tokens.pop()]
    while tokens and tokens[-1].casefold() in PARTICLES and len(tokens) > 1:
        surname_tokens.insert(0, tokens.pop())
    surname = "".join(_fold_token(t) for t in surname_tokens).replace("-", "").replace(".", "")
    given: list[str] = []
    surname_shouted = all(_is_shouted(t) for t in surname_tokens)
    for token in tokens:
        if is_initial(token) or (token.isalpha() and token.isupper() and could_be_initials(token)
                                 and not (surname_shouted and (reads_as_surname(token)
                                                               or (pinyin(token) and pinyin(surname))))):
            # "AJ Smith" (Vancouver "Smith AJ"), "ATKINSON, RG", "HINTON, GE" (a citation index in
            # capitals): capitals before the surname are initials; but "WANG, WEI" and "WANG, LI"
            # are given names
            given.extend(_fold_token(c) for c in token if c.isalpha())
        else:
            given.extend(p for p in re.split(r"[-.]+", _fold_token(token)) if p)
    return NameParts(tuple(given), surname)


def name_key(name: str) -> str:
    """Exact-match key of a name: all tokens folded, order kept."""
    parts = split_name(name)
    return " ".join(parts.given + (parts.surname,))


def given_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Can these given names belong to one person? Initials match full names, middles may be missing.

    The first given name must be present on both sides; the shorter list must align, in order,
    with part of the longer one. "Jung Hwan" and "JungHwan" are the same.
    """
    if not a or not b:
        return False
    if "".join(a) == "".join(b):
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if not _token_match(short[0], long_[0]):
        return False
    j = 1
    for token in short[1:]:
        while j < len(long_) and not _token_match(token, long_[j]):
            j += 1
        if j == len(long_):
            return False
        j += 1
    return True


def _first_given_parts(name: str) -> tuple[str, ...]:
    """The parts of the first given name: ("jean", "pierre") for "Jean-Pierre Dupont" or
    "Dupont, Jean-Pierre", ("j", "p") for "J.-P. Dupont", ("jean",) for "Jean Dupont"."""
    tokens = natural_order(name).replace(",", " ").split()
    if len(tokens) < 2:
        return ()
    return tuple(p for p in re.split(r"[-.]+", _fold_token(tokens[0])) if p)


def compound_given_apart(a: str, b: str) -> bool:
    """"Jean Dupont" and "Jean-Pierre Dupont" (or "J.-P. Dupont"): a given name joined by a hyphen
    is one name, of which "Jean" written out alone is another name, not an abbreviation (as "J."
    would be). "Jean P. Dupont" may still be Jean-Pierre: ``given_compatible`` says."""
    first_a, first_b = _first_given_parts(a), _first_given_parts(b)
    for compound, single, other in ((first_a, first_b, b), (first_b, first_a, a)):
        if len(compound) >= 2 and len(single) == 1 and len(single[0]) > 1 and len(split_name(other).given) == 1 \
                and single[0] != "".join(compound):      # "Zhihua Zhou" is "Zhi-Hua Zhou"
            return True
    return False


def umlaut_written_out(surname: str) -> str:
    """"mueller" -> "muller", "schoelkopf" -> "scholkopf": the folded surname a German name printed
    without its umlaut ("Müller" as "Mueller") has with it; "" when it has no "ae", "oe" or "ue"."""
    plain = re.sub(r"([aou])e", r"\1", surname)
    return plain if plain != surname else ""


def _token_match(x: str, y: str) -> bool:
    if x == y:
        return True
    if len(x) == 1 or len(y) == 1:
        return x[0] == y[0]
    return nickname_related(x, y)      # "Dave" / "David", "Chuck" / "Charles"


def given_initials(given: tuple[str, ...]) -> set[str]:
    """The letters a first given name may start with once nicknames are read as their formal
    names ("Bill" -> b, w): people are compared within one surname and one of these letters."""
    if not given:
        return set()
    first = given[0]
    return {first[0]} | {formal[0] for formal in _nickname_table().get(first, ()) if len(first) > 1}


@lru_cache(maxsize=1)
def _nickname_table() -> dict[str, frozenset[str]]:
    """Each given name -> the formal names it is a nickname of, and itself (the ``nicknames`` data set)."""
    table: dict[str, set[str]] = {}
    for formal, nicks in NickNamer().nickname_lookup.items():
        table.setdefault(formal, {formal})
        for nick in nicks:
            table.setdefault(nick, {nick}).add(formal)
    return {name: frozenset(forms) for name, forms in table.items()}


# Common French given names the English ``nicknames`` data lacks: the institute's own people
# ("Jean-Pierre" is read part by part), folded as ``_fold_token`` folds them. Not those that are
# words of titles too ("Marine Robotics", "Pascal Programming", "Xavier Initialization").
FRENCH_GIVEN_NAMES = frozenset("""
adrien agnes alain alexandre alexis amelie anais antoine arnaud arthur aurelie aurelien baptiste
benoit bertrand bruno cedric celine charlotte christelle christophe clement corinne damien
delphine denis didier dominique elodie emilie emmanuel emmanuelle eric estelle etienne fabien fabrice
florian francois francoise frederic frederique gael gaelle gerard gilles gregoire guillaume
helene herve hugues isabelle jacques jerome joel jose julie julien karine laetitia laurence laurent
lea lucas luc lucie ludovic manon marc mathieu mathilde matthieu maxime melanie michele
morgane nathalie noemie olivier pascale patrice pierre quentin raphael regis remi renaud
romain sandrine sebastien segolene severine stephane sylvain sylvie thibault thierry valerie
vincent virginie yann yannick yves
""".split())


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Given names (English, with their nicknames, and common French ones), folded: evidence that
    a line is a person's name."""
    return frozenset(_nickname_table()) | FRENCH_GIVEN_NAMES


def nickname_related(x: str, y: str) -> bool:
    """"dave"/"david", "chuck"/"charles", "dave"/"davey" (two nicknames of one formal name)."""
    table = _nickname_table()
    return x != y and bool(table.get(x, frozenset()) & table.get(y, frozenset()))


def informativeness(name: str) -> tuple:
    """Rank spellings: full given names, then diacritics, then not in capitals ("Munos" over
    "MUNOS"), then length (then text, for determinism)."""
    tokens = natural_order(name).split()
    full = sum(1 for t in tokens[:-1] if not is_initial(t) and not (_is_shouted(t) and could_be_initials(t)))
    return (full, has_diacritics(name), not any(_is_shouted(t) for t in tokens), len(tokens), len(name), name)


# ---------------------------------------------------------------- records

_ABSTRACT_LABEL_RE = re.compile(r"^\s*(?:abstract|résumé|resume)\s*[:.]\s*", re.IGNORECASE)


@dataclass(frozen=True)
class CleanPaper:
    """One paper record (or an existing entry, when ``anchor`` is set) ready for matching.

    Display fields are cleaned text; ``*_key`` fields are folded forms for comparison only.
    """

    title: str
    authors: tuple[str, ...]
    abstract: str
    title_key: str
    abstract_key: str
    surnames: tuple[str, ...]
    initials: tuple[str, ...] = ()    # given-name initials per author ("mt" for "M. Tamer Özsu"), "" when unknown
    source: str = ""                  # "file:line" of the record, "" for an existing entry
    anchor: str = ""                  # id of the existing entry this item stands for
    record: object = None             # the parse.PaperRecord it came from
    core_key: str = ""                # title_key of the title without decorations (``core_title``)
    main_key: str = ""                # folded main title before a subtitle, "" when there is none
    year: str = ""                    # evidence other front ends may give (e.g. an import): "" = unknown
    venue: str = ""
    doi: str = ""                     # lower case, without "https://doi.org/"
    arxiv: str = ""                   # the arXiv id without version, e.g. "2312.00886"
    issue: tuple[str, str, str] = ("", "", "")   # volume, number, first page ("" = unknown)
    preprint_doi: str = ""            # a preprint server's DOI: the same one is one paper, another says nothing


_MORE_TOGGLE_RE = re.compile(r"\s*(?:…|\.\.\.)?\s*[▽△▼]\s*(?:More|Less)\s*$")     # arXiv's "… ▽ More"


def clean_abstract(text: str) -> str:
    return clean_text(_MORE_TOGGLE_RE.sub(" …", _ABSTRACT_LABEL_RE.sub("", text, count=1)).rstrip())


# What a listing prints before a title, not the title: Google Scholar's kind of document or of
# link (in English or French: "[LIVRE]"), a numbered list's number ("12.", "[12]", "(12)").
_RESULT_TAGS_RE = re.compile(r"^(?:\[(?:PDF|HTML|BOOK|LIVRE|B|CITATION|C|DOC|PS)\]\s*)*"
                             r"(?:(?:\[\d{1,4}\]|\(\d{1,4}\))\s+(?=\S)|\d{1,4}\.\s+(?=[^\W\d_]|[\"“‘']))?")


# A source line of work not (yet) published as such: its year may be years before the publication's
_UNPUBLISHED_RE = re.compile(r"\b(?:tech(?:nical)?\.?\s*rep(?:ort|\.)?|TR[- ]?\d|(?:research )?report no|"
                             r"working paper|manuscript|unpublished|submitted|to appear|in press|forthcoming|"
                             r"preprints?|e-?prints?|thesis|dissertation|th[èe]se|rapport|\w*rxiv|corr|ssrn)\b",
                             re.IGNORECASE)
_PRINTED_YEAR_RE = re.compile(r"\b(?:1[6-9]|20)\d\d\b")


def clean_paper(record, printed: dict | None = None) -> CleanPaper:
    """Normalise one parsed record: markers joined, accents repaired, names in natural order,
    what a listing prints before the title ("[PDF]", "[CITATION][C]", "12.", "[12]") dropped.

    ``printed``: the fields its source line gives (``venues.venue_fields``). Its year, venue, issue,
    DOI and arXiv id are evidence; of a preprint, a report or a thesis (published, if at all, years
    later and elsewhere), only the identifiers."""
    title = clean_text(_RESULT_TAGS_RE.sub("", record.title.strip()) or record.title)
    authors = tuple(dict.fromkeys(n for n in (clean_name(a) for a in record.authors) if n))
    abstract = clean_abstract(record.abstract)
    printed = printed or {}
    if "arxiv" in printed or _UNPUBLISHED_RE.search(record.venue):     # not where the paper is published
        printed = {name: printed[name] for name in ("doi", "arxiv") if name in printed}
    year = printed.get("date", "")[:4] or next(iter(_PRINTED_YEAR_RE.findall(record.date_printed)), "") \
        if printed else ""
    return make_item(title, authors, abstract, source=record.source, record=record, year=year,
                     venue=printed.get("venue", ""), doi=printed.get("doi", ""), arxiv=printed.get("arxiv", ""),
                     issue=(printed.get("volume", ""), printed.get("number", ""), printed.get("pages", "")))


def clean_export(record) -> CleanPaper:
    """An exported reference ready for matching. Its text is already what the site shows (the
    reader decoded it), so only repeated names are dropped; its year, venue, issue, DOI and arXiv
    id are evidence, except a preprint's year, venue and issue (a paper is often published years
    after its first arXiv version, and elsewhere)."""
    authors = tuple(dict.fromkeys(a for a in record.authors if a))
    if record.type == "preprint":     # (the reader's type: arXiv, bioRxiv, SSRN... named as the venue too)
        return make_item(record.title, authors, record.abstract, source=record.source, record=record,
                         doi=record.doi, arxiv=record.arxiv)
    return make_item(record.title, authors, record.abstract, source=record.source, record=record,
                     year=record.date[:4], venue=record.venue, doi=record.doi, arxiv=record.arxiv,
                     issue=(record.volume, record.number, record.pages))


# The DOIs preprint servers give: arXiv's, bioRxiv's and medRxiv's, SSRN's, Research Square's,
# Preprints.org's, OSF's and PsyArXiv's, ChemRxiv's, TechRxiv's, Authorea's
_PREPRINT_DOI_RE = re.compile(r"^10\.(?:48550/arxiv\.|1101/\d|2139/ssrn|21203/rs\.|20944/preprints|31219/osf|"
                              r"31234/osf|26434/chemrxiv|36227/techrxiv|22541/au\.)", re.IGNORECASE)


def make_item(title: str, authors: tuple[str, ...], abstract: str, source: str = "", anchor: str = "",
              record=None, year: str = "", venue: str = "", doi: str = "", arxiv: str = "",
              issue: tuple[str, str, str] = ("", "", "")) -> CleanPaper:
    """A paper ready for matching. ``year``, ``venue``, ``doi``, ``arxiv`` and ``issue`` (volume,
    number, pages) are optional evidence (a citation or an export gives them, a bare listing none):
    when both sides have one, it counts. An arXiv DOI
    (10.48550/arXiv.…) names the preprint, which is the same paper as its published version
    (another DOI): it is no evidence either way; its arXiv id is."""
    doi = re.sub(r"^(?:https?://)?(?:dx\.)?doi\.org/|^doi:\s*", "", (doi or "").strip().casefold())
    preprint = bool(_PREPRINT_DOI_RE.match(doi))
    key = title_key(title)
    core = title_key(core_title(title)) if title else ""
    return CleanPaper(
        title=title, authors=authors, abstract=abstract, title_key=key,
        abstract_key=_fold(abstract[:600]) if abstract else "",
        surnames=tuple(split_name(a).surname for a in authors),
        initials=tuple(split_name(a).initials for a in authors),
        source=source, anchor=anchor, record=record, core_key=core or key,
        main_key=main_title(title) if title else "", year=str(year or "")[:4], venue=_fold(venue or ""),
        doi="" if preprint else doi, preprint_doi=doi if preprint else "", arxiv=(arxiv or "").strip(),
        issue=tuple(" ".join(n.lstrip("0") or n for n in _fold(str(part or "")).split()) for part in issue[:2])
        + (_first_page(issue[2]),))     # ("04" is 4)


def _first_page(pages) -> str:
    """"513–520" -> "513": one article's pages, however many of them a record prints; "" for ACM's
    "62:1–62:34" (article 62, which others print "1-34")."""
    first = re.split(r"\s*[-–—]+\s*", str(pages or "").strip(), maxsplit=1)[0]
    return "" if ":" in first else _fold(first)
