"""One exported reference, and the rules every format shares once its fields are read.

Each reader (bibtex, ris, csl) fills a ``Draft`` with the text it found, already decoded
(LaTeX to Unicode for BibTeX) but otherwise as written; ``finish`` then applies what is the
same for all three formats: the DOI and arXiv forms, page ranges, the preprint rule, the
required title and the digest. Pure functions: no I/O here.
"""
from __future__ import annotations

import calendar
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, replace
from urllib.parse import unquote

from ... import schema
from ...errors import ERROR, WARNING, Problem
from ...schema import PAPER_TYPES   # the site's paper types, declared with the content format
from ...text import decode_entities

BIBTEX, RIS, CSL_JSON = "bibtex", "ris", "csl-json"


@dataclass(frozen=True)
class ExportRecord:
    """One entry of an export file, with its fields as the file gives them ("" when it does not)."""

    file: str                         # file name, as written in `sources` ("refs.bib")
    line: int                         # 1-based line where the entry starts
    end_line: int                     # its last line
    format: str                       # "bibtex" | "ris" | "csl-json"
    key: str                          # citation key, RIS ID or CSL id ("" when the file has none)
    digest: str                       # hash of the entry's text, for the ledger
    source_type: str                  # the type as written: "inproceedings", "JOUR", "paper-conference"
    type: str                         # one of PAPER_TYPES
    title: str
    authors: tuple[str, ...] = ()     # display names, in order
    more_authors: bool = False        # "and others" / "et al.": the list is not complete
    date: str = ""                    # YYYY, YYYY-MM or YYYY-MM-DD
    venue: str = ""                   # journal, proceedings, book; publisher/school/institution for books, theses, reports
    doi: str = ""                     # "10.xxxx/…", without https://doi.org/
    url: str = ""
    arxiv: str = ""                   # "2312.00886" or "math/0601001", without version
    abstract: str = ""
    pages: str = ""                   # "1–10" (en dash) or "e1234"
    volume: str = ""
    number: str = ""

    @property
    def source(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass
class Draft:
    """An entry as one reader found it, before the shared rules; problems are the reader's so far."""

    line: int
    end_line: int
    key: str
    raw: str
    source_type: str
    type: str
    title: str = ""
    authors: list[str] = field(default_factory=list)
    more_authors: bool = False
    date: str = ""
    venue: str = ""
    doi: str = ""
    urls: list[str] = field(default_factory=list)      # the first is the record's url; all are searched for arXiv
    arxiv_hints: list[str] = field(default_factory=list)  # eprint ids, "arXiv:…" numbers: searched for arXiv
    abstract: str = ""
    pages: str = ""
    volume: str = ""
    number: str = ""
    problems: list[Problem] = field(default_factory=list)


def digest(raw: str) -> str:
    """The same fingerprint as ingest's: a re-saved file with Windows line ends is the same entry."""
    text = "\n".join(line.rstrip() for line in raw.replace("\r\n", "\n").split("\n")).strip()
    return hashlib.sha1(text.encode("utf-8", "surrogateescape")).hexdigest()[:16]


_CONTROL_RE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")   # what no entry may hold (schema.py)


def one_line(text: str) -> str:
    """One line, one space between words, no control character (an entry may not hold one), and
    no HTML entity (Crossref's "Trust &amp; safety")."""
    text = " ".join(decode_entities(text).split())
    return unicodedata.normalize("NFC", _CONTROL_RE.sub("", text) if _CONTROL_RE.search(text) else text)


def paragraphs(text: str) -> str:
    """Whitespace collapsed inside paragraphs; blank lines between paragraphs kept (abstracts are Markdown)."""
    parts = (one_line(part) for part in re.split(r"\n\s*\n", text.strip()))
    return "\n\n".join(part for part in parts if part)


# ------------------------------------------------------------------ dates

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
MONTHS |= {"sept": 9}
MONTHS |= {name: number for number, name in enumerate(
    "_ janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()) if number}

_ISO_RE = re.compile(r"^(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?$")


def make_date(year: int, month: int | None = None, day: int | None = None) -> tuple[str, str]:
    """(date, why it was cut short or ""): an impossible month or day is dropped, never guessed."""
    if not 1000 <= year <= 2999:
        return "", f"year {year} is out of range"
    if month is None:
        return f"{year:04d}", ""
    if not 1 <= month <= 12:
        return f"{year:04d}", f"month {month} does not exist"
    if day is None:
        return f"{year:04d}-{month:02d}", ""
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return f"{year:04d}-{month:02d}", f"{calendar.month_name[month]} {year} has no day {day}"
    return f"{year:04d}-{month:02d}-{day:02d}", ""


def parse_iso_date(text: str) -> tuple[str, str] | None:
    """"2024", "2024-05", "2024-05-17", "2024/05/17" (a range "2024-05-17/2024-05-20" gives its start);
    None when the text is none of these."""
    text = text.strip()
    if "/" in text and text.count("-") >= 2:     # an ISO 8601 range: the start is the date
        text = text.split("/")[0]
    m = _ISO_RE.match(text)
    if not m:
        return None
    year, month, day = (int(g) if g else None for g in m.groups())
    return make_date(year, month, day)


def written_date(written: str, what: str, parse=parse_iso_date) -> tuple[str, str]:
    """(date or "", the warning to give or ""): a date is read as far as it is one, never guessed."""
    parsed = parse(written)
    if not parsed or not parsed[0]:
        return "", f"{what} '{written}' is not a date: ignored"
    date, cut = parsed
    return date, (f"{what} '{written}': {cut}: read as {date}" if cut else "")


def parse_month(text: str) -> tuple[int, int | None] | None:
    """"jan", "January", "Jan.", "5", "05", "July 15", "15 juillet" -> (month, day or None)."""
    words = re.findall(r"[^\W\d_]+|\d+", text.lower())
    names = [w for w in words if not w.isdigit()]
    numbers = [int(w) for w in words if w.isdigit()]
    if not names and len(numbers) == 1:
        return numbers[0], None
    if len(names) == 1 and names[0] in MONTHS and len(numbers) <= 1:
        return MONTHS[names[0]], (numbers[0] if numbers else None)
    return None


# ------------------------------------------------------------------ identifiers

_DOI_PREFIX_RE = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*|doi\s+)", re.IGNORECASE)
_DOI_RE = re.compile(r"^10\.\d{4,9}/\S+$")
_ARXIV_NEW = r"\d{4}\.\d{4,5}"
_ARXIV_OLD = r"[a-z][a-z-]*(?:\.[A-Z]{2})?/\d{7}"
_ARXIV_ID_RE = re.compile(rf"^(?:arxiv:\s*)?({_ARXIV_NEW}|{_ARXIV_OLD})(?:v\d+)?$", re.IGNORECASE)
_ARXIV_URL_RE = re.compile(rf"arxiv\.org/(?:abs|pdf|html)/({_ARXIV_NEW}|{_ARXIV_OLD})(?:v\d+)?", re.IGNORECASE)
_ARXIV_DOI_RE = re.compile(rf"^10\.48550/arxiv\.({_ARXIV_NEW}|{_ARXIV_OLD})(?:v\d+)?$", re.IGNORECASE)
_ARXIV_IN_TEXT_RE = re.compile(rf"\barxiv:\s*({_ARXIV_NEW}|{_ARXIV_OLD})(?:v\d+)?\b", re.IGNORECASE)
# A journal that is a preprint server: Google Scholar's "arXiv preprint arXiv:…", DBLP's "CoRR".
_PREPRINT_VENUE_RE = re.compile(r"^(?:arxiv|corr\b|biorxiv|medrxiv|ssrn|hal\b|techrxiv|chemrxiv|psyarxiv)",
                                re.IGNORECASE)


def clean_doi(value: str) -> str | None:
    """The bare DOI, "" for nothing, None for a value that is not a DOI."""
    value = value.strip()
    if not value:
        return ""
    was_url = bool(re.match(r"https?://", value, re.IGNORECASE))
    value = _DOI_PREFIX_RE.sub("", value).strip()
    if was_url:
        value = unquote(value)
    return value if _DOI_RE.match(value) else None


def arxiv_id(hint: str) -> str:
    """The arXiv id in an eprint value, an arxiv.org URL, an arXiv DOI or "arXiv:…" text; "" if none."""
    hint = hint.strip()
    for pattern in (_ARXIV_ID_RE, _ARXIV_DOI_RE):
        m = pattern.match(hint)
        if m:
            return m.group(1)
    m = _ARXIV_URL_RE.search(hint) or _ARXIV_IN_TEXT_RE.search(hint)
    return m.group(1) if m else ""


_RANGE_RE = re.compile(r"^([\w:]+)\s*(?:-{1,3}|–|—)\s*([\w:]+)$")


def page_range(pages: str) -> str:
    """"1--10", "1-10", "1 – 10" -> "1–10"; each range of a list ("1-4, 9-12", ACM's article pages
    "1:1-1:25") likewise. A range of one page ("1-1", IEEE's early access) is that page; what only
    looks like a range is kept as written: an article number "e00123-19" (a range never starts
    with a letter its end lacks, and never ends below its start: "1020-31", as PubMed abbreviates
    it, is "1020–1031")."""
    return ", ".join(part for part in (_one_range(part.strip()) for part in pages.split(",")) if part)


def _one_range(part: str) -> str:
    m = _RANGE_RE.match(part)
    if not m:
        return part
    first, last = m.groups()
    if first == last:
        return first
    head = re.match(r"([^\W\d_]+)\d", first)           # "e00123", "S1": letters before the number
    if head and not last.startswith(head.group(1)) and not last.isalpha():
        return part                                      # "e00123-19": an article number
    start, end = (re.findall(r"\d+", side) for side in (first, last))
    if start and end and int(end[-1]) < int(start[-1]):
        low, high = start[-1], end[-1]
        if len(high) >= len(low) or int(low[:-len(high)] + high) < int(low):
            return part                                  # ends below its start: not a range
        if first == low:                                 # PubMed's "436-44": pages 436 to 444
            last = low[:-len(high)] + high
    return f"{first}–{last}"


# ------------------------------------------------------------------ the shared rules

def finish(draft: Draft, fmt: str, name: str, path: str, noun: str) -> tuple[ExportRecord | None, list[Problem]]:
    """The record, or None when it cannot be imported (no title); every problem found on the way."""
    problems = list(draft.problems)
    label = f"{noun} '{draft.key}'" if draft.key else noun

    def warn(message: str, hint: str = "") -> None:
        problems.append(Problem(path, draft.line, f"{label}: {message}", WARNING, hint))

    title = one_line(draft.title)
    if not title:
        problems.append(Problem(path, draft.line, f"{label} skipped: it has no title", ERROR,
                                {BIBTEX: "add a title field", RIS: "add a 'TI  - ' line",
                                 CSL_JSON: 'add a "title"'}[fmt]))
        return None, problems

    doi = clean_doi(draft.doi)
    if doi is None:
        warn(f"DOI '{one_line(draft.doi)}' is not a DOI: left out", "a DOI looks like 10.1234/abcd")
        doi = ""
    urls = [one_line(url) for url in draft.urls if url.strip()]
    if not doi:   # a doi.org link is the DOI said another way
        doi = next((d for d in (clean_doi(url) for url in urls if "doi.org/" in url.lower()) if d), "")
    hints = [*draft.arxiv_hints, *urls, doi]
    if _ARXIV_DOI_RE.match(doi):     # the preprint's DOI is its arXiv id, not the paper's DOI
        doi = ""

    venue = one_line(draft.venue)
    found = [a for a in (arxiv_id(h) for h in [*hints, venue]) if a]
    arxiv = found[0] if found else ""
    if len(set(found)) > 1:
        warn(f"two arXiv ids ({', '.join(sorted(set(found)))}): kept {arxiv}")

    paper_type = draft.type
    if paper_type == "article" and _PREPRINT_VENUE_RE.match(venue):
        paper_type = "preprint"
    elif paper_type == "other" and arxiv and not venue:
        paper_type = "preprint"

    record = ExportRecord(
        file=name, line=draft.line, end_line=draft.end_line, format=fmt, key=draft.key, digest=digest(draft.raw),
        source_type=draft.source_type, type=paper_type, title=title,
        authors=tuple(a for a in (one_line(a) for a in draft.authors) if a), more_authors=draft.more_authors,
        date=draft.date, venue=venue, doi=doi, url=urls[0] if urls else "", arxiv=arxiv,
        abstract=paragraphs(draft.abstract), pages=page_range(one_line(draft.pages)),
        volume=one_line(draft.volume), number=one_line(draft.number))
    return _as_the_site_takes_them(record, warn), problems


# the fields whose values the schema restricts (beyond their length, the title's is only reported)
_CHECKED = ("date", "type", "doi", "url", "arxiv", "abstract", "venue", "pages", "volume", "number")


def _as_the_site_takes_them(record: ExportRecord, warn) -> ExportRecord:
    """The record without any value `check` would refuse (a link that is not a web address...):
    such a value is left out and named, so an import never writes an entry the build rejects."""
    givens = [schema.Given("title", record.title, 0)] + [
        schema.Given(name, getattr(record, name), line) for line, name in enumerate(_CHECKED, 1) if getattr(record, name)]
    refused = {_CHECKED[p.line - 1]: p for p in schema.validate(schema.PAPER, givens, "")[1]
               if p.is_error and p.line >= 1}
    for problem in refused.values():
        warn(f"{problem.message}: left out", problem.hint)
    return replace(record, **dict.fromkeys(refused, "")) if refused else record


def duplicate_key(path: str, line: int, noun: str, key: str, first_line: int, hint: str) -> Problem:
    return Problem(path, line, f"{noun} '{key}' skipped: its key is already used on line {first_line}", ERROR, hint)


def drop_duplicate_keys(records: list[ExportRecord], path: str, noun: str, hint: str) -> tuple[list[ExportRecord], list[Problem]]:
    """A key used twice in one file: the first entry stands, the later ones are reported and skipped."""
    first: dict[str, int] = {}
    kept, problems = [], []
    for record in records:
        if record.key and record.key in first:
            problems.append(duplicate_key(path, record.line, noun, record.key, first[record.key], hint))
            continue
        if record.key:
            first[record.key] = record.line
        kept.append(record)
    return kept, problems
