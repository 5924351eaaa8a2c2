"""Dump lines -> records. The format is detected from the content, never the file name.

Four formats are known (see docs/ingest.md): publication listings, member profile
pages (a listing after a "Publications" header), abstract pages and "Daily Papers"
pages. Every non-blank line ends up in exactly one place: a record, a page header,
or a reported skip (``Problem``). Text is kept raw here; ``normalise`` cleans it.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from ..errors import ERROR, WARNING, Problem
from .normalise import (DATE_RE, FUNCTION_WORDS, PARTICLES, SUFFIXES, has_marker, is_initial, repair_latex,
                        strip_accents)

LISTING, PROFILE, ABSTRACTS, DAILY = "listing", "profile", "abstracts", "daily"


class _Sourced:
    """Records say where they start as CONTRACT's `sources` items: "<dump file>:<line>"."""

    file: str
    line: int

    @property
    def source(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class PaperRecord(_Sourced):
    """One paper as printed once in one dump (raw text)."""

    file: str
    line: int                         # 1-based line where the record starts
    format: str
    title: str = ""
    authors: tuple[str, ...] = ()
    abstract: str = ""
    date_printed: str = ""
    author_count: int | None = None
    organisation: str = ""
    upvotes: int | None = None
    profile_person: str = ""          # the member whose profile page lists this paper
    lines: tuple[int, ...] = ()       # every line this record consumed
    digest: str = ""                  # hash of the raw lines, for the ledger


@dataclass(frozen=True)
class ProfileRecord(_Sourced):
    """A member profile page: the person, their role, and where it was printed."""

    file: str
    line: int
    name: str
    role: str = ""
    lines: tuple[int, ...] = ()
    digest: str = ""


@dataclass(frozen=True)
class ParsedDump:
    name: str
    format: str
    papers: tuple[PaperRecord, ...] = ()
    profiles: tuple[ProfileRecord, ...] = ()
    headers: tuple[tuple[int, str], ...] = ()
    problems: tuple[Problem, ...] = ()


@dataclass
class _Builder:
    """A record being assembled line by line."""

    line: int
    title: str = ""
    authors: list[str] = field(default_factory=list)
    abstract: str = ""
    lines: list[tuple[int, str]] = field(default_factory=list)


def shape_text(text: str) -> str:
    """The form a line is classified on: NFC and LaTeX accents repaired, as ``normalise`` will
    display it, so "Re\u0301mi Munos" or "Fran\\c{c}ois Paugam" read as names. Titles and digests keep the raw text."""
    return unicodedata.normalize("NFC", repair_latex(text)).strip()


def _digest(lines: list[tuple[int, str]]) -> str:
    return hashlib.sha1("\n".join(text for _, text in lines).encode("utf-8")).hexdigest()[:16]


# ------------------------------------------------------------------ detection

PORTRAIT_RE = re.compile(
    r"^(?:Portrait (?:de|of|d')\s*(?P<a>.+?)\s+(?:n'est pas disponible|n’est pas disponible|is not available|not available|unavailable)"
    r"|(?:Photo|Image) (?:de|of) (?P<b>.+?)(?:\s+(?:n'est pas disponible|not available))?)\.?$",
    re.IGNORECASE)
PUBLICATIONS_RE = re.compile(r"^(?:(?:recent |selected |récentes? )?publications(?: récentes| recentes| choisies)?"
                             r"|publication list|liste des publications)\s*:?$", re.IGNORECASE)
ABSTRACT_PREFIX_RE = re.compile(r"^\s*(?:abstract|résumé|resume)\s*[:.]\s*", re.IGNORECASE)
AUTHOR_COUNT_RE = re.compile(r"^[•·*\-]?\s*(\d+)\s+(?:authors?|auteurs?)$", re.IGNORECASE)
SEPARATOR_RE = re.compile(r"^[·•]$")
# the page header, wherever a page boundary falls in the dump
DAILY_HEADER_RE = re.compile(r"^(?:new|subscribe|daily papers|get trending papers.*|by\s*ak and the research community)$",
                             re.IGNORECASE)


# Page chrome printed around listings: pagination, navigation links, section headers.
_PAGINATION_RE = re.compile(
    r"^(?:page\s+\d+(?:\s*(?:of|/|sur|de)\s*\d+)?"
    r"|(?:showing|results?|affichage|résultats?)\s+\d+\s*[-–—]\s*\d+\s+(?:of|sur|de)\s+\d+\b.*"
    r"|(?:19|20)\d\d(?:\s*[-–—]\s*(?:19|20)\d\d)?)\s*:?$", re.IGNORECASE)
_NAV_STRONG = frozenset("previous prev next précédent précédente precedent precedente suivant suivante page pages "
                        "older newer more plus top haut".split())
_NAV_WORDS = _NAV_STRONG | frozenset("first last back to load show voir retour en home accueil go de of".split())
_NAV_ARROWS = set("«»‹›←→⟨⟩")
_SECTION_RE = re.compile(
    r"^(?:(?:journal|conference|workshop|other|peer[- ]reviewed|selected|recent|refereed)\s+)?"
    r"(?:articles?|papers|preprints|books?|book chapters|chapters|theses|thèses|talks|patents|"
    r"communications|chapitres d'ouvrages?|articles de revues?|pré-?publications|prépublications|ouvrages)"
    r"(?:\s*\(\d+\))?\s*:?$", re.IGNORECASE)


def is_section_header(text: str) -> bool:
    """"Publications", "2024", "Journal articles": what follows starts a new record."""
    return bool(PUBLICATIONS_RE.match(text) or _SECTION_RE.match(text)
                or (_PAGINATION_RE.match(text) and text[:1].isdigit()))


def is_page_chrome(text: str) -> bool:
    """Pagination ("Page 1 of 3", "1 2 3 … 10 »"), navigation ("« Previous | Next »", "Load more"),
    a year or section header ("2024", "Journal articles", "Publications"): page furniture, not records."""
    if _PAGINATION_RE.match(text) or PUBLICATIONS_RE.match(text) or _SECTION_RE.match(text):
        return True
    if len(text) > 80:
        return False
    words = re.findall(r"[^\W_]+", text.casefold())
    if not words:
        return False
    numbers = sum(1 for w in words if w.isdigit())
    if not all(w.isdigit() or w in _NAV_WORDS for w in words):
        return False
    if re.search(r"[^\w\s|·•/\-–—.…,:«»‹›←→⟨⟩<>()\[\]]", text):
        return False
    return bool(_NAV_ARROWS & set(text)) or any(w in _NAV_STRONG for w in words) or (
        numbers >= 2 and numbers == len(words))


def detect_format(lines: list[str]) -> str:
    texts = [shape_text(t) for t in lines if t.strip()]
    if not texts:
        return LISTING
    head = texts[:8]
    publications = next((i for i, t in enumerate(head) if PUBLICATIONS_RE.match(t)), None)
    if PORTRAIT_RE.match(head[0]) or (publications and not all(is_page_chrome(t) for t in head[:publications])):
        return PROFILE
    if sum(1 for t in texts if SEPARATOR_RE.match(t) or AUTHOR_COUNT_RE.match(t)) >= 2 or any(
            t.casefold() == "daily papers" for t in head):
        return DAILY
    if sum(1 for t in texts if ABSTRACT_PREFIX_RE.match(t)) * 2 >= len(texts):
        return ABSTRACTS
    # abstracts without the "Abstract:" label: a listing has at most one abstract per title
    if len(texts) >= 3 and sum(1 for t in texts if looks_like_abstract(t)) * 10 > len(texts) * 6:
        return ABSTRACTS
    return LISTING


def parse_dump(name: str, lines: list[str], unreadable: tuple[int, ...] = ()) -> ParsedDump:
    """Parse one decoded dump (``lines`` without line ends) into records.

    ``unreadable`` are the line numbers ``dumps`` could not decode (already reported): in a
    listing, the lines that would have belonged to the same record are skipped with them.
    """
    fmt = detect_format(lines)
    numbered = [(i, text.strip()) for i, text in enumerate(lines, 1) if text.strip()]
    if fmt == DAILY:
        return _parse_daily(name, numbered)
    if fmt == ABSTRACTS:
        return _parse_abstracts(name, numbered)
    lost = frozenset(unreadable)
    after_blank = {i for i in range(2, len(lines) + 1)
                   if not lines[i - 2].strip() and i - 1 not in lost and (lines[i - 1].strip() or i in lost)}
    if lost:
        numbered = sorted(numbered + [(i, "") for i in lost if 1 <= i <= len(lines)])
    if fmt == PROFILE:
        return _parse_profile(name, numbered, after_blank, lost)
    papers, problems, headers = _parse_listing(name, numbered, starts=_blank_separated_starts(numbered, after_blank),
                                               lost=lost)
    return ParsedDump(name, LISTING, tuple(papers), headers=tuple(headers), problems=tuple(problems))


def _blank_separated_starts(numbered: list[tuple[int, str]], after_blank: set[int]) -> set[int]:
    """Lines that must start a record because blank lines separate records in this dump.

    Only when blank lines look like record separators: the lines after them are almost
    never names (in dumps that put a blank line between every field, they often are).
    """
    following = [text for number, text in numbered if number in after_blank]
    if len(following) < 2:
        return set()
    names = sum(1 for text in following if split_author_line(text) is not None)
    return after_blank if names * 5 <= len(following) else set()


# ------------------------------------------------------------------ line shapes

# Words that are far more often part of a title than of a name; a prior for small files.
TITLE_WORDS = frozenset("""
learning data deep neural network networks model models system systems analysis approach approaches
editorial editor editors guest introduction review reviews survey tutorial message notes perspectives
perspective engineering optimization optimisation algorithm algorithms method methods theory query queries
database databases management information retrieval search language languages processing design
framework architecture evaluation efficient efficient scalable robust fast adaptive dynamic automatic
reinforcement generative graph graphs training inference representation representations knowledge
semantic semantics web mining distributed parallel computing vision image images text report reports
interview keynote panel workshop conference proceedings standards standard towards toward beyond
application applications index indexing benchmark benchmarks agent agents policy control estimation
bayesian transformer transformers attention memory study studies case foundations foundation
principles challenges issues research science sciences intelligence artificial machine machines
statistical statistics probabilistic logic programming software hardware integration repository
industry book books letter letters chair treasurer statement reminiscences developments overview
university universite université institute institut center centre laboratory lab department school group
development technical technology descent gradient gradients revisited revisiting rethinking understanding
stochastic convex nonconvex online offline sparse scaling transfer meta multi self supervised unsupervised
semi active federated privacy secure security fairness explainable interpretable causal kernel kernels
matrix tensor spectral clustering classification regression detection segmentation recognition
generation translation prediction planning reasoning exploration mirror games game theory technologies college faculty national international society association
""".split())

_NAME_TOKEN_RE = re.compile(r"^[^\W\d_][^\W\d_'’\-.]*(?:['’\-.][^\W\d_]*)*\.?$")
_NOT_NAME_CHARS = re.compile(r"[0-9:;?!()\[\]{}\"“”/\\&+=@#%*|<>_~$]")
_FOOTNOTE_RE = re.compile(r"(?<=[^\W\d_.])[*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰]+(?=,|;|\s|$)")
_ET_AL_RE = re.compile(r",?\s+(?:et\s+al\.?|and others)$", re.IGNORECASE)
_WORD_RE = re.compile(r"[^\W\d_]{3,}")
_SENTENCE_BREAK = re.compile(r"[a-z0-9)\]%][.!?] [A-Z(]")


@lru_cache(maxsize=1 << 16)   # pure, and the same name tokens come back on every record
def _is_name_token(token: str) -> bool:
    if token.casefold() in PARTICLES:
        return True
    if is_initial(token):
        return True
    if token.casefold() in SUFFIXES:
        return True
    if not _NAME_TOKEN_RE.match(token) or re.search(r"['’]s$", token):
        return False
    letters = [c for c in token if c.isalpha()]
    return bool(letters) and letters[0].isupper() and any(c.islower() for c in letters)


def _is_caps_word(token: str) -> bool:
    """"MUNOS", "VAN-DER-BERG": a word in capitals (an initial is not one)."""
    letters = [c for c in token if c.isalpha()]
    return (len(letters) >= 2 and all(c.isupper() for c in letters) and not is_initial(token)
            and _NAME_TOKEN_RE.match(token) is not None)


def _token_ok(token: str, weak: bool) -> bool:
    return _is_name_token(token) or (weak and _is_caps_word(token))


def name_shaped(text: str, weak: bool = False) -> bool:
    """Could this text be one person's name, as printed in natural order?

    Also "Munos R." (surname, then dotted initials). With ``weak``, forms that are names only
    when a dump uses them as its convention are accepted too: a surname in capitals beside an
    ordinary given name ("Rémi MUNOS", "MUNOS Rémi") and undotted trailing initials ("Munos R").
    A line all in capitals is never a name (it is an acronym or a shouted title).
    """
    if len(text) > 60 or _NOT_NAME_CHARS.search(text) or "," in text:
        return False
    tokens = text.split()
    if not 2 <= len(tokens) <= 6:
        return False
    caps = []
    for i, token in enumerate(tokens):
        folded = token.casefold()
        if folded in FUNCTION_WORDS and folded not in PARTICLES and not is_initial(token):
            return False
        if _is_name_token(token):
            continue
        if weak and _is_caps_word(token):
            caps.append(i)
            continue
        return False
    if caps:
        ordinary = [t for i, t in enumerate(tokens) if i not in caps and not is_initial(t)
                    and t.casefold() not in PARTICLES and t.casefold() not in SUFFIXES]
        one_run = caps == list(range(caps[0], caps[-1] + 1))
        dotted = any(is_initial(t) and t.endswith(".") for t in tokens)   # "R. MUNOS", "MUNOS R."
        if not (ordinary or dotted) or not one_run or (caps[0] != 0 and caps[-1] != len(tokens) - 1):
            return False
    last = tokens[-1]
    if is_initial(last):   # "Munos R.", "van der Berg J. P.": surname first, then initials
        first_initial = next(i for i, t in enumerate(tokens) if is_initial(t))
        trailing = tokens[first_initial:]
        return (first_initial > 0 and all(is_initial(t) for t in trailing) and not tokens[0][0].islower()
                and (weak or all(t.endswith(".") for t in trailing)))
    # a surname: "Das", "Le", "Van" are surnames when capitalised; "van" alone is not
    return not last[0].islower() and not (last.casefold() in SUFFIXES and len(tokens) < 3)


def split_author_line(text: str, weak: bool = False) -> list[str] | None:
    """The names on an author line, or None when the line is not a list of names (see ``_split_author_line``)."""
    names = _split_author_line(text, weak)
    return None if names is None else list(names)


@lru_cache(maxsize=1 << 16)   # an author line is printed again on every paper of that group of authors
def _split_author_line(text: str, weak: bool) -> list[str] | None:   # cached: callers get a copy
    """The names on an author line, or None when the line is not a list of names.

    Handles one name per line, "Last, First", and several names separated by
    ";", ", " or " and ". Footnote marks after names ("Rémi Munos*", "Ada Lovelace¹") and a
    closing "et al." are dropped.
    """
    text = _ET_AL_RE.sub("", _FOOTNOTE_RE.sub("", text))
    if name_shaped(text, weak):
        return [text]
    if len(text) > 400 or re.search(r"[0-9:?!()\[\]{}\"“”/\\@#%*|<>_~$]", text):
        return None
    if ";" in text:
        parts = [p.strip() for p in text.split(";") if p.strip()]
        names = [_one_name(p, weak) for p in parts]
        return names if parts and all(names) else None  # type: ignore[return-value]
    if text.count(",") == 1 and " and " not in text:
        left, right = (p.strip() for p in text.split(","))
        # "Gayatri Sathe, Sunita Sarawagi" is two people; "Sarawagi, Sunita" and "García Molina, Héctor" one
        two_people = (len(left.split()) >= 2 and len(right.split()) >= 2 and name_shaped(left, weak)
                      and name_shaped(right, weak) and left.split()[0].casefold() not in PARTICLES)
        single = None if two_people else _last_first(text, weak)
        if single:
            return [single]
    parts = [p.strip() for p in re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*", text) if p.strip()]
    if len(parts) >= 2 and all(name_shaped(p, weak) and len(p.split()) <= 4 for p in parts):
        return parts
    return None


def _one_name(part: str, weak: bool = False) -> str | None:
    if name_shaped(part, weak):
        return part
    return _last_first(part, weak)


def _last_first(text: str, weak: bool = False) -> str | None:
    """"Munos, Rémi" / "van der Berg, J." -> kept as printed (normalise reorders it)."""
    if text.count(",") != 1:
        return None
    last, first = (p.strip() for p in text.split(","))
    if not last or not first or len(last.split()) > 4 or len(first.split()) > 4:
        return None
    if first.casefold().rstrip(".") in {"jr", "sr"}:
        return None
    if not name_shaped(f"{first} {last}", weak) and not (len(first.split()) == 1 and _is_name_token(first)
                                                         and all(_is_name_token(t) for t in last.split())):
        return None
    if not all(_token_ok(t, weak) for t in first.split() + last.split()):
        return None
    if any(t.casefold() in FUNCTION_WORDS and t.casefold() not in PARTICLES and not is_initial(t)
           for t in (first + " " + last).split()):
        return None
    return text


def looks_like_abstract(text: str) -> bool:
    if has_marker(text) or ABSTRACT_PREFIX_RE.match(text):
        return True
    if len(text) >= 300:
        return True
    breaks = len(_SENTENCE_BREAK.findall(text))
    words = len(text.split())
    return (len(text) >= 60 and breaks >= 2) or (words >= 20 and text.endswith(".") and breaks >= 1)


def _has_letters(text: str) -> bool:
    return any(c.isalpha() for c in text)


@lru_cache(maxsize=1 << 16)
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(strip_accents(t).casefold().strip(".,'’") for t in text.split())


# ------------------------------------------------------------------ listings

ABSTRACT, TITLE, NAMES, JUNK, WEAK, HEADER, LOST = "abstract", "title", "names", "junk", "weak", "header", "lost"


def _classify_listing(numbered: list[tuple[int, str]], lost: frozenset[int] = frozenset()
                      ) -> list[tuple[str, list[str] | None]]:
    """Classify each line; name-shaped lines made of title words become titles.

    A word counts for a title when it is a common title word (a small prior), when
    it is printed in lowercase in some title (names are capitalised), or when it
    is seen in lines that can only be titles at least as often as in name-like lines.
    So "Guest Editorial" or "Repository System Engineering" read as titles while
    "Mark Rowland" stays a name.
    """
    shapes: list[tuple[str, list[str] | None]] = []
    title_counts: Counter[str] = Counter()
    name_counts: Counter[str] = Counter()
    lowercase: set[str] = set()     # words printed in lowercase in a title: common words, not names
    weak_lines = strong_lines = 0   # "Rémi MUNOS", "Munos R": names only where the dump prints names that way
    shaped = [shape_text(raw) for _, raw in numbered]
    for (number, _), text in zip(numbered, shaped):
        if number in lost:
            shapes.append((LOST, None))
        elif is_page_chrome(text):
            shapes.append((HEADER, None))
        elif not _has_letters(text):
            shapes.append((JUNK, None))
        elif looks_like_abstract(text):
            shapes.append((ABSTRACT, None))
        else:
            names = split_author_line(text)
            if names is None and (weak_names := split_author_line(text, weak=True)) is not None:
                shapes.append((WEAK, weak_names))
                weak_lines += 1
            elif names is None:
                shapes.append((TITLE, None))
                title_counts.update(_tokens(text))
                lowercase.update(w for w in _WORD_RE.findall(text) if w.islower())
            else:
                shapes.append((NAMES, names))
                strong_lines += 1
                for name in names:
                    name_counts.update(_tokens(name))
    def titleish(text: str) -> bool:
        if any(is_initial(raw) and raw.endswith(".") for raw in text.split()):
            return False   # "V. D. Daji": dotted initials are a name's, never a title's
        tokens = [t for t, raw in zip(_tokens(text), text.split()) if not is_initial(raw)]
        votes = 0
        for token in tokens:
            if token in TITLE_WORDS or token in lowercase or 0 < name_counts[token] <= title_counts[token]:
                votes += 1
        return bool(tokens) and votes * 2 > len(tokens)

    def any_title_word(text: str) -> bool:
        return any(token in TITLE_WORDS or token in lowercase
                   for token, raw in zip(_tokens(text), text.split()) if not is_initial(raw))

    result = []
    for text, (kind, names) in zip(shaped, shapes):
        if kind == WEAK:   # a convention: two lines, a quarter of the name lines, no title word ("Scaling BERT")
            convention = weak_lines >= 2 and weak_lines * 3 >= strong_lines
            kind = NAMES if convention and not any(any_title_word(n) for n in names or []) else TITLE
            if kind == TITLE:
                names = None
        if kind == NAMES and names and any(titleish(n) for n in names):
            kind, names = TITLE, None
        result.append((kind, names))
    return _mark_vancouver_initials(shapes, result)


def _trailing_caps(name: str) -> str:
    """"Smith AJ" -> "AJ", "Rémi MUNOS" -> "MUNOS", "Rémi Munos" -> ""."""
    tokens = name.split()
    return tokens[-1] if len(tokens) >= 2 and "," not in name and _is_caps_word(tokens[-1]) and not any(
        _is_caps_word(t) for t in tokens[:-1]) else ""


def _mark_vancouver_initials(shapes: list, result: list) -> list:
    """In a dump whose capitals after a surname are all 1-3 letters ("Smith AJ", "Munos R"), they
    are initials (Vancouver style), not a surname in capitals ("Rémi MUNOS"): such names are
    written "Smith, AJ" so that ``normalise`` puts the initials first, like any "Last, First"."""
    trailing = [_trailing_caps(n) for (shape, _), (kind, names) in zip(shapes, result)
                if shape == WEAK and kind == NAMES for n in names or []]
    trailing = [t for t in trailing if t]
    if len(trailing) < 2 or any(sum(c.isalpha() for c in t) > 3 for t in trailing):
        return result
    out = []
    for (shape, _), (kind, names) in zip(shapes, result):
        if shape == WEAK and kind == NAMES and names:
            names = [f"{n.rsplit(' ', 1)[0]}, {n.rsplit(' ', 1)[1]}" if _trailing_caps(n) else n for n in names]
        out.append((kind, names))
    return out


def _parse_listing(name: str, numbered: list[tuple[int, str]], profile_person: str = "",
                   fmt: str = LISTING, starts: set[int] = frozenset(), lost: frozenset[int] = frozenset()
                   ) -> tuple[list[PaperRecord], list[Problem], list[tuple[int, str]]]:
    papers: list[PaperRecord] = []
    problems: list[Problem] = []
    headers: list[tuple[int, str]] = []
    current: _Builder | None = None
    orphaned_by = 0    # an unreadable line: its record's title may be lost, so what follows is nobody's
    section_start = False

    def close() -> None:
        nonlocal current
        if current is not None:
            papers.append(PaperRecord(
                file=name, line=current.line, format=fmt, title=current.title,
                authors=tuple(current.authors), abstract=current.abstract,
                profile_person=profile_person, lines=tuple(n for n, _ in current.lines),
                digest=_digest(current.lines)))
        current = None

    for (number, text), (kind, names) in zip(numbered, _classify_listing(numbered, lost)):
        if kind == HEADER:
            headers.append((number, text))
            if is_section_header(shape_text(text)):
                close()
                section_start = True
            continue
        if kind == LOST:
            # the unreadable line may have been this record's next author or the next record's
            # title: no guess, the record so far is kept and the lines after it wait for a title
            close()
            orphaned_by = number
            continue
        if orphaned_by and (kind in (NAMES, ABSTRACT) and number not in starts):
            problems.append(Problem(name, number, f"skipped {text[:60]!r}: it follows line {orphaned_by}, which "
                                    "could not be read, so the paper it belongs to is unknown", ERROR,
                                    "re-save the dump as UTF-8 and ingest again"))
            continue
        orphaned_by = 0
        starts_here, section_start = section_start or number in starts, False
        if kind == JUNK:
            problems.append(Problem(name, number, f"skipped a line that fits no record format: {text[:60]!r}",
                                    ERROR, "a listing has a title line, author lines, then an abstract line"))
            continue
        if kind == ABSTRACT:
            if current is not None and not current.abstract:
                current.abstract = text
                current.lines.append((number, text))
                close()
            else:
                close()
                current = _Builder(number, abstract=text, lines=[(number, text)])
                close()
            continue
        if kind == NAMES and current is not None and not current.abstract and not starts_here:
            current.authors.extend(names or [])
            current.lines.append((number, text))
            continue
        # a title, or a name-like line where only a title can be (start of a record)
        close()
        current = _Builder(number, title=text, lines=[(number, text)])
    close()
    return papers, problems, headers


# ------------------------------------------------------------------ profile pages


def _parse_profile(name: str, numbered: list[tuple[int, str]], after_blank: set[int],
                   lost: frozenset[int] = frozenset()) -> ParsedDump:
    headers: list[tuple[int, str]] = []
    problems: list[Problem] = []
    split = next((i for i, (_, t) in enumerate(numbered) if PUBLICATIONS_RE.match(t)), len(numbered))
    head, body = numbered[:split], numbered[split + 1:]
    headers.extend((n, t) for n, t in head if n not in lost and is_page_chrome(shape_text(t)))
    head = [(n, t) for n, t in head if n not in lost and (n, t) not in headers]
    person = ""
    start = head[0][0] if head else (numbered[0][0] if numbered else 1)
    consumed: list[tuple[int, str]] = []
    role_parts: list[str] = []
    portrait_name = ""
    for number, text in head:
        match = PORTRAIT_RE.match(text)
        if match and not person and not portrait_name:
            portrait_name = (match.group("a") or match.group("b") or "").strip()
            consumed.append((number, text))
        elif not person:
            person = text
            consumed.append((number, text))
        else:
            role_parts.append(text)
            consumed.append((number, text))
    if not person and portrait_name:
        person = portrait_name
    if split < len(numbered):
        headers.append(numbered[split])
    profiles: tuple[ProfileRecord, ...] = ()
    if person:
        profiles = (ProfileRecord(name, start, person, ", ".join(role_parts),
                                  tuple(n for n, _ in consumed), _digest(consumed)),)
    elif head:
        for number, text in head:
            problems.append(Problem(name, number, f"skipped a profile line with no person: {text[:60]!r}"))
    body_starts = _blank_separated_starts(body, after_blank - ({body[0][0]} if body else set()))
    papers, more, body_headers = _parse_listing(name, body, profile_person=person, fmt=PROFILE, starts=body_starts,
                                                lost=lost)
    headers.extend(body_headers)
    return ParsedDump(name, PROFILE, tuple(papers), profiles, tuple(sorted(headers)), tuple(problems + more))


# ------------------------------------------------------------------ abstract pages


def _parse_abstracts(name: str, numbered: list[tuple[int, str]]) -> ParsedDump:
    """Each "Abstract:" line is a titleless record; short other lines are affiliation headers."""
    papers: list[PaperRecord] = []
    headers: list[tuple[int, str]] = []
    problems: list[Problem] = []
    for number, text in numbered:
        if ABSTRACT_PREFIX_RE.match(text) or looks_like_abstract(text):
            papers.append(PaperRecord(file=name, line=number, format=ABSTRACTS, abstract=text,
                                      lines=(number,), digest=_digest([(number, text)])))
        elif _has_letters(text) and len(text) <= 200:
            headers.append((number, text))
        else:
            problems.append(Problem(name, number, f"skipped a line that fits no record format: {text[:60]!r}"))
    return ParsedDump(name, ABSTRACTS, tuple(papers), headers=tuple(headers), problems=tuple(problems))


# ------------------------------------------------------------------ Daily Papers


def _daily_abstract_like(text: str) -> bool:
    return len(text) >= 80 and len(text.split()) >= 10


def _parse_daily(name: str, numbered: list[tuple[int, str]]) -> ParsedDump:
    """Records are anchored on the "·" line: authors/organisation before it, the date after it,
    the abstract and the title before those. Records printed without that footer are a title
    followed by a longer abstract. Lines before the first record are the page header."""
    papers: list[tuple[int, PaperRecord]] = []
    headers: list[tuple[int, str]] = []
    problems: list[Problem] = []
    taken: set[int] = set()
    for sep in (i for i, (_, t) in enumerate(numbered) if SEPARATOR_RE.match(t)):
        meta, abstract, title = sep - 1, sep - 2, sep - 3
        if title < 0 or {title, abstract, meta} & taken or not _daily_abstract_like(numbered[abstract][1]):
            continue
        indexes = [title, abstract, meta, sep]
        fields = _daily_meta(numbered[meta][1])
        if sep + 1 < len(numbered) and DATE_RE.match(numbered[sep + 1][1]):
            indexes.append(sep + 1)
            fields.update(_daily_date(numbered[sep + 1][1]))
        else:
            problems.append(Problem(name, numbered[sep][0], "no date after the separator", WARNING))
        taken.update(indexes)
        papers.append((title, _daily_record(name, numbered, indexes, fields)))
    first = min((i for i, _ in papers), default=len(numbered))
    i = 0
    while i < len(numbered):
        if i in taken:
            i += 1
            continue
        number, text = numbered[i]
        nxt = i + 1
        if (nxt < len(numbered) and nxt not in taken and _daily_abstract_like(numbered[nxt][1])
                and len(numbered[nxt][1]) > len(text) and not SEPARATOR_RE.match(text)
                and not (i < first and nxt >= first)):
            papers.append((i, _daily_record(name, numbered, [i, nxt], {})))
            taken.update({i, nxt})
            i = nxt + 1
            continue
        if i < first and len(text) <= 120 or DATE_RE.match(text) or DAILY_HEADER_RE.match(text):
            headers.append((number, text))
        else:
            problems.append(Problem(name, number, f"skipped a line that fits no record format: {text[:60]!r}",
                                    ERROR, "a Daily Papers record is a title, an abstract, authors · date"))
        i += 1
    records = tuple(record for _, record in sorted(papers, key=lambda item: item[0]))
    return ParsedDump(name, DAILY, records, headers=tuple(headers), problems=tuple(problems))


def _daily_record(name: str, numbered: list[tuple[int, str]], indexes: list[int], fields: dict) -> PaperRecord:
    lines = [numbered[i] for i in indexes]
    return PaperRecord(file=name, line=lines[0][0], format=DAILY, title=lines[0][1], abstract=lines[1][1],
                       lines=tuple(n for n, _ in lines), digest=_digest(lines), **fields)


def _daily_meta(text: str) -> dict:
    match = AUTHOR_COUNT_RE.match(text)
    if match:
        return {"author_count": int(match.group(1))}
    return {"organisation": text}


def _daily_date(text: str) -> dict:
    match = DATE_RE.match(text)
    if not match:
        return {}
    out: dict = {"date_printed": text if match.group("up") is None else text[: match.start("up")].rstrip()}
    if match.group("up") is not None:
        out["upvotes"] = int(match.group("up"))
    return out
