"""Dump lines -> records. The format is detected from the content, never the file name.

Five formats are known (see docs/ingest.md): publication listings (labelled or not, a Google
Scholar profile among them), member profile pages (a listing after a "Publications" header),
abstract pages, "Daily Papers" pages and reference lists (one citation a line, split by
``citations``). What a page prints around its records is ``furniture``. Every non-blank line
ends up in exactly one place: a record, a page header, or a reported skip (``Problem``). Text is
kept raw here; ``normalise`` cleans it.
"""
from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from ..errors import ERROR, WARNING, Problem
from .names import (CLIP, MAX_NAME_LIST, STRONG, WEAK_TIER, Vocabulary, could_be_title_words, ends_author_list,
                    initials_first, is_caps_word, name_odds, name_reading, split_author_line,
                    undotted_initials_first)
from .normalise import (DATE_RE, FUNCTION_WORDS, PARTICLES, clean_name, could_be_initials,
                        drop_emphasis, given_compatible, has_marker, reads_as_surname, repair_latex, split_name,
                        strip_honorifics, title_key)
from .citations import Citation, is_list_item, split_citation
from .furniture import (ARXIV_HEAD_RE, NAVIGATION_WORDS, PAGINATION_RE, PUBLICATIONS_RE, SECTION_RE, is_badge,
                        is_page_chrome, is_section_header)
from .venues import (YEAR, is_citation_count, is_record_detail, is_source_text, joins_source, labelled_field,
                     month_number, printed_date, source_text, venue_strength)

LISTING, PROFILE, ABSTRACTS, DAILY, CITATIONS = "listing", "profile", "abstracts", "daily", "citations"


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
    more_authors: bool = False        # its author list ends in "et al." or "and others"
    venue: str = ""                   # where it appeared, as printed ("VLDB Journal 10(4): 270-294 (2001)")


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
    uncertain: tuple[Uncertain, ...] = ()     # lines that could also be read the other way


@dataclass
class _Builder:
    """A record being assembled line by line."""

    line: int
    title: str = ""
    authors: list[str] = field(default_factory=list)
    abstract: str = ""
    lines: list[tuple[int, str]] = field(default_factory=list)
    more_authors: bool = False
    last_names: list[str] = field(default_factory=list)   # what the last author line added
    venue: str = ""
    identifiers: list[str] = field(default_factory=list)   # lines under it of only a DOI or an archive's ids
    date: str = ""           # a labelled date ("Submitted 29 May, 2023"), in full
    month: int = 0           # a labelled month ("Month: June"), for the year labelled after it


def shape_text(text: str) -> str:
    """The form a line is classified on: NFC and LaTeX accents repaired, as ``normalise`` will
    display it, so "Re\u0301mi Munos" or "Fran\\c{c}ois Paugam" read as names. Titles and digests keep the raw text."""
    return unicodedata.normalize("NFC", repair_latex(drop_emphasis(text))).strip()


def _digest(lines: list[tuple[int, str]]) -> str:
    return hashlib.sha1("\n".join(text for _, text in lines).encode("utf-8")).hexdigest()[:16]


# ------------------------------------------------------------------ detection

PORTRAIT_RE = re.compile(      # a portrait's alt text, whether or not the image loaded
    r"^(?:Portrait (?:de|of|d')\s*(?P<a>.+?)|(?:Photo|Image) (?:de|of) (?P<b>.+?))"
    r"(?P<missing>\s+(?:n'est pas disponible|n’est pas disponible|is not available|not available|unavailable))?\.?$",
    re.IGNORECASE)


def portrait_of(text: str) -> str:
    """The person a portrait's alt text names ("Portrait de X n'est pas disponible", "Photo of X"),
    or "": without "not available", only a name ("Portrait of a Lady", "Photo of the Sierra team"
    are no one's portrait)."""
    match = PORTRAIT_RE.match(text)
    if not match:
        return ""
    person = (match["a"] or match["b"] or "").strip()
    return person if match["missing"] or (name_reading(person) is not None and not could_be_title_words(person)) \
        else ""
ABSTRACT_PREFIX_RE = re.compile(r"^\s*(?:abstract|résumé|resume)\s*[:.]\s*", re.IGNORECASE)
AUTHOR_COUNT_RE = re.compile(r"^[•·*\-]?\s*(\d+)\s+(?:authors?|auteurs?)$", re.IGNORECASE)
SEPARATOR_RE = re.compile(r"^[·•]$")
# the page header, wherever a page boundary falls in the dump
DAILY_HEADER_RE = re.compile(r"^(?:new|subscribe|daily papers|get trending papers.*|by\s*ak and the research community)$",
                             re.IGNORECASE)


def detect_format(lines: list[str]) -> str:
    texts = [shape_text(t) for t in lines if t.strip()]
    if not texts:
        return LISTING
    head = texts[:8]
    publications = next((i for i, t in enumerate(head) if PUBLICATIONS_RE.match(t)), None)
    # a portrait's alt text first: "... not available", or the alt text alone above the name it gives
    person = portrait_of(head[0])
    portrait = bool(person) and (bool(PORTRAIT_RE.match(head[0])["missing"]) or any(
        split_name(clean_name(person)).surname == split_name(clean_name(t)).surname for t in head[1:3]))
    if portrait or (publications and not all(is_page_chrome(t) for t in head[:publications])):
        return PROFILE
    if sum(1 for t in texts if SEPARATOR_RE.match(t) or AUTHOR_COUNT_RE.match(t)) >= 2 or any(
            t.casefold() == "daily papers" for t in head):
        return DAILY
    if _mostly_citations(texts):
        return CITATIONS
    if sum(1 for t in texts if ABSTRACT_PREFIX_RE.match(t)) * 2 >= len(texts):
        return ABSTRACTS
    # abstracts without the "Abstract:" label: a listing has at most one abstract per title
    if len(texts) >= 3 and sum(1 for t in texts if looks_like_abstract(t)) * 10 > len(texts) * 6:
        return ABSTRACTS
    return LISTING


_TITLE_LABEL_RE = re.compile(r"^(?:title|titre)\s*:\s*", re.IGNORECASE)     # a labelled record's "Title: ..."
_YEAR_AFTER_TITLE_RE = re.compile(rf"(?<=\S)\s*\((?P<year>{YEAR})\)\.?$")
_CITATION_SAMPLE = 200      # lines looked at to tell a reference list from a listing


def _mostly_citations(texts: list[str]) -> bool:
    """A reference list: most lines are a whole citation (names, then a title), at least two."""
    sample = [t for t in texts if not is_page_chrome(t)][:_CITATION_SAMPLE]
    cited = sum(1 for t in sample if len(t) >= 30 and split_citation(t) is not None)
    return cited >= 2 and cited * 10 >= len(sample) * 6


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
    if fmt == CITATIONS:
        return _parse_citations(name, _join_wrapped(numbered))
    if fmt == LISTING and not unreadable:
        # a numbered reference list a PDF's text wrapped; DBLP's "A, B, C:" above "Title. Venue"
        joined = _join_name_heads(_join_wrapped(numbered))
        if len(joined) < len(numbered) and _mostly_citations([text for _, text in joined]):
            return _parse_citations(name, joined)
    lost = frozenset(unreadable)
    after_blank = {i for i in range(2, len(lines) + 1)
                   if not lines[i - 2].strip() and i - 1 not in lost and (lines[i - 1].strip() or i in lost)}
    if lost:
        numbered = sorted(numbered + [(i, "") for i in lost if 1 <= i <= len(lines)])
    if fmt == PROFILE:
        return _parse_profile(name, numbered, after_blank, lost)
    papers, problems, headers, uncertain = _parse_listing(
        name, numbered, starts=_blank_separated_starts(numbered, after_blank), lost=lost)
    return ParsedDump(name, LISTING, tuple(papers), headers=tuple(headers), problems=tuple(problems),
                      uncertain=tuple(uncertain))


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


# ------------------------------------------------------------------ line shapes (names: names.py)

LONG_LINE = 300           # characters: an abstract's length, never a title's
_SENTENCE_BREAK = re.compile(r"[a-z0-9)\]%][.!?] [A-Z(]")


def looks_like_abstract(text: str) -> bool:
    if has_marker(text) or ABSTRACT_PREFIX_RE.match(text):
        return True
    if len(text) >= LONG_LINE:      # unless it is a long list of names, "A, B, C, ... and Z"
        return len(text) > MAX_NAME_LIST or split_author_line(text, weak=True) is None
    breaks = len(_SENTENCE_BREAK.findall(text))
    words = len(text.split())
    # (a snippet cut with "…", as Google Scholar's results print one, counts as ending its sentence)
    snippet = text.endswith(("…", "...")) and words >= 20 and split_author_line(text, weak=True) is None
    return (len(text) >= 60 and breaks >= 2) or (words >= 20 and text.endswith(".") and breaks >= 1) or snippet


def _has_letters(text: str) -> bool:
    return any(c.isalpha() for c in text)


# ------------------------------------------------------------------ listings

ABSTRACT, TITLE, NAMES, JUNK, HEADER, LOST, VENUE = "abstract", "title", "names", "junk", "header", "lost", "venue"
CITED = "cited"         # a whole citation on one line, in a listing: a record of its own
START = "start"


UNCERTAIN_MARGIN = 1.0                       # nats between the chosen reading and the other


@dataclass(frozen=True)
class Uncertain:
    """A line whose two readings (a title, or an author of the record above) score close:
    it lands once, in its more likely reading, and the report shows both."""

    line: int
    text: str
    chosen: str          # TITLE or NAMES
    margin: float        # how much less likely the other reading is (nats)


def _classify_listing(numbered: list[tuple[int, str]], lost: frozenset[int] = frozenset(),
                      starts: frozenset[int] | set[int] = frozenset(), scholar_profile: bool = False
                      ) -> tuple[list[tuple[str, list[str] | None]], list[Uncertain]]:
    """Read each line as a title, author names or an abstract, from the line and its context.

    Each line's shape and words give the odds that it is names rather than a title (see
    ``name_odds``); the record grammar (a title, its authors, an abstract) then picks the most
    likely reading of the whole dump (``_best_readings``): names cannot start a record, a record
    without authors is as rare as the dump makes it, a long line followed by names is a title.
    Lines whose other reading is nearly as likely are returned as ``Uncertain``.
    """
    shaped = [shape_text(raw) for _, raw in numbered]
    kinds: list[str] = []
    readings: list[tuple[int, list[str]] | None] = []
    for (number, _), text in zip(numbered, shaped):
        reading = None
        if number in lost:
            kind = LOST
        elif is_page_chrome(text):
            kind = HEADER
        elif is_citation_count(text) and not scholar_profile:
            kind = JUNK         # a bare number outside a Google Scholar profile: a page's number
        elif is_record_detail(text) and not _prose(text):   # "⟨hal-...⟩", "Dir. : Marie Curie", "98765"
            kind = VENUE
        elif not _has_letters(text):
            kind = JUNK
        elif _whole_citation(text):
            kind = CITED
        elif looks_like_abstract(text):
            kind = ABSTRACT
        elif len(text) < LONG_LINE and venue_strength(text):
            kind = VENUE
        else:
            kind = TITLE
            reading = name_reading(text)
            if reading is None and (split := _names_and_source(text)):
                reading = name_reading(split[0])
        kinds.append(kind)
        readings.append(reading)
    words = Vocabulary([(t, r) for t, r, k in zip(shaped, readings, kinds) if k == TITLE])
    weak_lines = sum(1 for r in readings if r and r[0] == WEAK_TIER)
    strong_lines = sum(1 for r in readings if r and r[0] == STRONG and not undotted_initials_first(r))
    convention = weak_lines >= 2 and weak_lines * 3 >= strong_lines
    memo: dict[str, float] = {}      # a name line comes back on every paper of its author
    odds = [(memo[t] if t in memo else memo.setdefault(t, name_odds(r, convention, words))) if r else None
            for t, r in zip(shaped, readings)]
    # "Bagging Predictors" reads as a name, but the dump also prints it as "Bagging predictors", which
    # a title is far likelier to be: the same words printed elsewhere as a title are a paper's twin.
    title_like = [k == TITLE and (r is None or _has_common_noun(t)) for t, r, k in zip(shaped, readings, kinds)]
    titled = Counter(title_key(t) for t, like in zip(shaped, title_like) if like)
    odds = [min(o, -CLIP) if o is not None and titled[title_key(t)] > like else o
            for t, o, like in zip(shaped, odds, title_like)]
    labels, margins = _best_readings(numbered, shaped, kinds, odds, starts)
    result: list[tuple[str, list[str] | None]] = []
    uncertain: list[Uncertain] = []
    for (number, _), text, kind, reading, label, margin in zip(numbered, shaped, kinds, readings, labels, margins):
        if label == NAMES and reading:
            result.append((NAMES, list(reading[1])))
        else:
            result.append((label, None))
        if reading and margin < UNCERTAIN_MARGIN:
            uncertain.append(Uncertain(number, text, label, round(margin, 2)))
    return _mark_leading_initials(_mark_vancouver_initials(result), words.surnames), uncertain


def _prose(text: str) -> bool:
    """An abstract's sentences ("Published in 2019, ...", "Supervised by a teacher network, ...")
    rather than a record's detail, unless an archive's id is in it (HAL's thesis line) or a label
    opens it ("Cite (ACL): ...")."""
    return len(text) >= 150 and looks_like_abstract(text) and "⟨" not in text and not labelled_field(text)


def _whole_citation(text: str) -> bool:
    """A listing's line that is a whole citation, names, title and where it appeared ("Hochreiter,
    S., & Schmidhuber, J. (1997). Long short-term memory. Neural Computation, 9(8), 1735–1780.")."""
    if len(text) < 60 or ". " not in text:
        return False
    cited = split_citation(text)
    return bool(cited and cited.names and len(cited.title.split()) >= 2 and cited.source and len(cited.source) < 150
                and venue_strength(cited.source) and not looks_like_abstract(cited.source))
    # (not an abstract that opens with a reference: "... (1997). Long short-term memory ... We revisit ...")


def _has_common_noun(text: str) -> bool:
    """"Bagging predictors", "Occam's razor": a word in lower case after the first, which a name has
    only as a particle ("van", "de"), and a list of names only as "and"."""
    words = [w.strip(".,;:'\"()") for w in text.split()[1:]]      # "Wang-chien Lee" has none
    return any(w.isalpha() and w.islower() and len(w) >= 3 and w not in PARTICLES and w not in FUNCTION_WORDS
               for w in words)


_SIGMOID_FLOOR = 1e-9


def _costs(kind: str, text: str, odds: float | None) -> dict[str, float]:
    """Each reading a line may take, with its cost (negative log-likelihood, nats)."""
    if kind == ABSTRACT:
        # a short line of two sentences is a weak abstract: a title ("Review of X by Y. Publisher 1999.")
        return {ABSTRACT: 0.0, TITLE: 1.0 if len(text) < 200 else 2.0 if len(text) <= 400 else 8.0}
    if kind == HEADER:
        return {HEADER: 0.0, TITLE: 2.5} if _could_be_title(text) else {HEADER: 0.0}
    if kind == VENUE:       # or the title of a proceedings: "SIGMOD 1999, Proceedings ..., June 1-3, 1999"
        return {VENUE: 0.0, TITLE: 2.0 if venue_strength(text) == 2 else 0.5}
    if kind != TITLE:
        return {kind: 0.0}      # (a whole citation line, too)
    if odds is None:   # a sentence of twenty words or more may be a short abstract: the context decides
        sentence = len(text.split()) >= 20 and text.rstrip().endswith(".")
        return {TITLE: 0.0, ABSTRACT: 0.5} if sentence else {TITLE: 0.0}
    p = 1.0 / (1.0 + math.exp(-odds))
    # a line as long as an abstract is never a title: a long list of names, or else an abstract
    other = ABSTRACT if len(text) >= LONG_LINE else TITLE
    return {NAMES: -math.log(max(p, _SIGMOID_FLOOR)), other: -math.log(max(1.0 - p, _SIGMOID_FLOOR))}


def _heads_records(text: str) -> bool:
    """A page's line after which a new record starts: a section header, or a word that could be a
    paper's whole title ("Software": then no names of the record above may follow it)."""
    return is_section_header(text) or _could_be_title(text)


def _could_be_title(text: str) -> bool:
    """"Articles", "Book reviews", "Software": a section header's or a link's words can also be a
    paper's whole title (when names follow)."""
    return (bool(SECTION_RE.match(text)) or is_badge(text) or (bool(re.fullmatch(r"[A-Z][a-z]{2,}", text))
                                                                and text.casefold() not in NAVIGATION_WORDS)) \
        and not text.rstrip().endswith(":") and not re.search(r"\d", text)      # (not "More", "Plus": links)


def _transition_costs(options: list[dict[str, float]], kinds: list[str]) -> dict[tuple[str, str], float]:
    """How this dump moves from one reading to the next (-log of the share), counted on each line's
    own best reading: how many authors a record has, how often a title has none."""
    counts: dict[tuple[str, str], int] = {}
    prev = START
    for c, kind in zip(options, kinds):
        label = min(c, key=c.get)
        if label in (JUNK, LOST, VENUE, CITED) or (label == HEADER and kind == HEADER and not c.get(TITLE)):
            continue
        counts[prev, label] = counts.get((prev, label), 0) + 1
        prev = START if label == HEADER else (ABSTRACT if label == ABSTRACT else label)
    costs = {}
    for state in (START, TITLE, NAMES, ABSTRACT):
        nexts = (TITLE, ABSTRACT, HEADER) + ((NAMES,) if state in (TITLE, NAMES) else ())
        total = sum(counts.get((state, x), 0) + _PRIOR_MOVES.get((state, x), 0.5) for x in nexts)
        for x in nexts:
            costs[state, x] = min(4.0, -math.log((counts.get((state, x), 0) + _PRIOR_MOVES.get((state, x), 0.5))
                                                 / total))
    return costs


# What a small dump cannot show by itself, as pseudo-counts: a listing's records are mostly a
# title with two or three authors; an abstract, when there is one, ends its record.
_PRIOR_MOVES = {(START, TITLE): 4.0, (TITLE, NAMES): 4.0, (NAMES, NAMES): 3.0, (NAMES, TITLE): 2.0,
                (NAMES, ABSTRACT): 1.0, (TITLE, ABSTRACT): 0.5, (TITLE, TITLE): 0.5, (ABSTRACT, TITLE): 2.0}


_STATE_INDEX = {START: 0, TITLE: 1, NAMES: 2, ABSTRACT: 3, VENUE: 4}
# the cost of a source line after each state (after an abstract: arXiv's "Submitted ...", "Comments: ...")
_VENUE_AFTER = {NAMES: 0.0, TITLE: 0.5, VENUE: 1.5, ABSTRACT: 1.0}


def _indexed(steps: list[tuple[str, str, float, str]]) -> list[tuple[int, str, float, int]]:
    return [(_STATE_INDEX[prev], label, cost, _STATE_INDEX[state]) for prev, label, cost, state in steps]


def _best_readings(numbered, shaped, kinds, odds, starts) -> tuple[list[str], list[float]]:
    """The most likely reading of every line under the record grammar (Viterbi over lines),
    and for each line with two readings how much less likely the other one is (forward + backward).

    States say what may come next: after START or an abstract a new record (no names);
    after a title or names, names may follow. Page chrome and junk lines are transparent."""
    options = [_costs(kind, text, o) for kind, text, o in zip(kinds, shaped, odds)]
    moves = _transition_costs(options, kinds)
    n = len(numbered)
    inf = math.inf
    states = (START, TITLE, NAMES, ABSTRACT, VENUE)

    def steps(i: int) -> list[tuple[str, str, float, str]]:
        """(state before, reading, cost, state after) of every reading line ``i`` may take."""
        out = []
        section = _heads_records(shaped[i]) if HEADER in options[i] else False
        # a labelled field, an identifier, a count: one more line of the record, however many come
        detail = VENUE in options[i] and is_record_detail(shaped[i])
        for label, own in options[i].items():
            for prev in states:
                if label == JUNK or (label == HEADER and not section):
                    out.append((prev, label, own, prev))
                elif label == CITED:       # a record of its own: what follows starts another
                    out.append((prev, label, own, START))
                elif label == VENUE:
                    # under a record's title (its names may follow), its names or another source
                    # line (no more names: a proceedings' title is followed by its editors)
                    # (rarer between a title and its names, rarer still a second one: "Journal version: ...")
                    if prev in _VENUE_AFTER and (prev != ABSTRACT or detail):   # (after an abstract: details only)
                        after = min(_VENUE_AFTER[prev], 0.5) if detail else _VENUE_AFTER[prev]
                        out.append((prev, label, own + after, prev if prev in (TITLE, ABSTRACT) else VENUE))
                elif label == LOST:
                    out.append((prev, label, own, NAMES))   # names after it are skipped as orphans, never a title
                elif prev == VENUE:       # after the record's names and source: as after its names, less names
                    if label != NAMES:
                        out.append((prev, label, own + moves.get((NAMES, label), 0.0),
                                    START if label == HEADER else label))
                elif label == NAMES and (prev not in (TITLE, NAMES) or numbered[i][0] in starts):
                    continue
                else:
                    out.append((prev, label, own + moves.get((prev, label), 0.0), START if label == HEADER else label))
        return out

    shapes: dict[tuple, list[tuple[int, str, float, int]]] = {}   # most lines share one of a few shapes
    forward_costs: list[list[float]] = []
    table = []
    for i in range(n):
        shape = (tuple(options[i].items()), HEADER in options[i] and _heads_records(shaped[i]),
                 numbered[i][0] in starts, VENUE in options[i] and is_record_detail(shaped[i]))
        table.append(shapes[shape] if shape in shapes else shapes.setdefault(shape, _indexed(steps(i))))
    # forward (Viterbi): best[s] = cost of the best reading of lines 0..i ending in state s
    best = [0.0] + [inf] * (len(states) - 1)
    back: list[list[tuple[int, str]]] = []
    for moves_here in table:
        nxt = [inf] * len(states)
        came: list[tuple[int, str]] = [(0, "")] * len(states)
        for prev, label, cost, state in moves_here:
            total = best[prev] + cost
            if total < nxt[state]:
                nxt[state] = total
                came[state] = (prev, label)
        back.append(came)
        forward_costs.append(best)
        best = nxt
    labels = [""] * n
    state = min(range(len(states)), key=best.__getitem__)
    for i in range(n - 1, -1, -1):
        state, labels[i] = back[i][state]
    # backward: the best cost of the rest from each state; margins where a line has two readings
    margins = [inf] * n
    after = [0.0] * len(states)
    for i in range(n - 1, -1, -1):
        here = [inf] * len(states)
        two = len(options[i]) > 1
        by_label: dict[str, float] = {}
        reached = forward_costs[i]
        for prev, label, cost, state in table[i]:
            rest = cost + after[state]
            if rest < here[prev]:
                here[prev] = rest
            if two and (total := reached[prev] + rest) < by_label.get(label, inf):
                by_label[label] = total
        if len(by_label) > 1:
            margins[i] = min(c for label, c in by_label.items() if label != labels[i]) - by_label[labels[i]]
        after = here
    return labels, margins


def _trailing_caps(name: str) -> str:
    """"Smith AJ" -> "AJ", "Rémi MUNOS" -> "MUNOS", "Rémi Munos" -> "", "William H. Gates III" -> ""
    (a generation, not initials)."""
    tokens = name.split()
    return tokens[-1] if len(tokens) >= 2 and "," not in name and is_caps_word(tokens[-1]) and not any(
        is_caps_word(t) for t in tokens[:-1]) and tokens[-1] not in ("II", "III", "IV") else ""


def _mark_vancouver_initials(result: list) -> list:
    """In a dump whose capitals after a surname are all initials ("Smith AJ", "Munos R"), they
    are initials (Vancouver style), not a surname in capitals ("Rémi MUNOS"): such names are
    written "Smith, AJ" so that ``normalise`` puts the initials first, like any "Last, First";
    and "George, F. A. W." where "FAW George" would read as a surname in capitals ("LEE Ming")."""
    trailing = [_trailing_caps(n) for kind, names in result if kind == NAMES for n in names or []]
    trailing = [t for t in trailing if t]
    single = sum(1 for kind, names in result if kind == NAMES for n in names or []
                 if len(n.split()) >= 2 and "," not in n and re.fullmatch(r"[^\W\d_a-z]", n.split()[-1]))
    if not trailing or len(trailing) + single < 2 or not all(could_be_initials(t) for t in trailing):
        return result   # ("Kibler D" next to "Aha DW" is Vancouver too; "Yang LIU" beside "Jean DUPONT" is not)
    out = []
    for kind, names in result:
        if kind == NAMES and names:
            names = [_initials_after_comma(n) if (t := _trailing_caps(n)) and could_be_initials(t) else n
                     for n in names]
        out.append((kind, names))
    return out


def _mark_leading_initials(result: list, surnames: set[str]) -> list:
    """In a dump that prints initials undotted before the surname ("D Aha", "DW Aha": Google
    Scholar), "TYC Leung" beside "T. Y. Cliff Leung" is T. Y. C. Leung, not a surname in capitals
    ("LEE Honglak", "CHO Kyunghyun", "GAO Bin"): such names, where the dump prints the word after
    the capitals as a surname elsewhere, are written with dotted initials, which ``normalise``
    cannot mistake."""
    leading = [n.split()[0] for kind, names in result if kind == NAMES for n in names or [] if initials_first(n)]
    if sum(len(t) == 1 for t in leading) < 2 or not all(could_be_initials(t) for t in leading):
        return result
    out = []
    for kind, names in result:
        if kind == NAMES and names:
            names = [_dotted_leading(n) if initials_first(n) and reads_as_surname(n.split()[0])
                     and split_name(n.split(" ", 1)[1]).surname in surnames else n for n in names]
        out.append((kind, names))
    return out


def _dotted_leading(name: str) -> str:
    caps, rest = name.split(" ", 1)
    return f"{' '.join(c + '.' for c in caps)} {rest}"


def _initials_after_comma(name: str) -> str:
    surname, caps = name.rsplit(" ", 1)
    return f"{surname}, {' '.join(c + '.' for c in caps) if reads_as_surname(caps) else caps}"


def _counted_years(numbered: list[tuple[int, str]]) -> int:
    """How often a count of citations is followed by a year, as in a Google Scholar profile."""
    return sum(1 for (_, a), (_, b) in zip(numbered, numbered[1:])
               if is_citation_count(a) and PAGINATION_RE.fullmatch(b) and b.isdigit())


def _comes_back(current: _Builder, names: list[str]) -> bool:
    """Does a name of this author line come back from before the record's last author line, which
    held one name that does not come back? Then that last line was the next paper's title."""
    if len(current.last_names) != 1 or len(current.authors) < 2 or current.last_names[0] in names \
            or not could_be_title_words(current.last_names[0]):
        return False      # "Wei Wang / Jun Li / Wei Wang": two people of one name, or one name typed twice
    earlier = [split_name(n) for n in current.authors[:-1]]     # "van der Aalst, W.M.P." is "Wil M. P. van der Aalst"
    return any(p.surname == e.surname and given_compatible(p.given, e.given)
               for p in map(split_name, names) for e in earlier)


def _parse_listing(name: str, numbered: list[tuple[int, str]], profile_person: str = "",
                   fmt: str = LISTING, starts: set[int] = frozenset(), lost: frozenset[int] = frozenset()
                   ) -> tuple[list[PaperRecord], list[Problem], list[tuple[int, str]], list[Uncertain]]:
    papers: list[PaperRecord] = []
    problems: list[Problem] = []
    headers: list[tuple[int, str]] = []
    current: _Builder | None = None
    orphaned_by = 0    # an unreadable line: its record's title may be lost, so what follows is nobody's
    section_start = False

    def close() -> None:
        nonlocal current
        if current is not None:
            title, venue = current.title, " ".join(filter(None, (current.venue, *current.identifiers)))
            year = _YEAR_AFTER_TITLE_RE.search(title)
            if year and not re.search(r"et al\.?\s*\(\d{4}\)\.?$|[\"“”]", title):   # not 'Comment on "..." by X et al. (2020)'        # "Title (2019)": the year the paper appeared, as its source line would say
                title = title[:year.start()]
                venue = venue if year["year"] in venue else f"{venue} ({year['year']})".strip()
            papers.append(PaperRecord(
                file=name, line=current.line, format=fmt, title=title,
                authors=tuple(current.authors), abstract=current.abstract,
                profile_person=profile_person, lines=tuple(n for n, _ in current.lines),
                digest=_digest(current.lines), more_authors=current.more_authors, venue=venue,
                date_printed=current.date))
        current = None

    # a Google Scholar profile: each record ends with its count of citations and its year ("98765",
    # "2015"): a year after them is the record's, not a heading of the records after it
    scholar_profile = _counted_years(numbered) >= 2
    kinds, uncertain = _classify_listing(numbered, lost, starts, scholar_profile)
    previous = ""
    heading_id: tuple[int, str] | None = None    # arXiv's id line above an entry, for the entry under it
    for (number, text), (kind, names) in zip(numbered, kinds):
        before, previous = previous, text
        if kind == HEADER and ARXIV_HEAD_RE.match(text):
            if heading_id:
                headers.append(heading_id)
            heading_id = (number, text)
            continue
        if kind == HEADER and scholar_profile and current is not None and text.isdigit() and len(text) == 4 \
                and (is_citation_count(before) or before in (current.venue, *current.identifiers)
                     or current.identifiers[-1:] == [f"({before})"]):
            if current.identifiers[-1:] == [f"({before})"]:     # that was a count of citations ("1904"), this the year
                current.identifiers.pop()
            current.identifiers.append(f"({text})")
            current.lines.append((number, text))
            continue
        if kind == HEADER:
            headers.append((number, text))
            if _heads_records(shape_text(text)):
                close()
                section_start = True
            continue
        if kind == CITED:
            close()
            cited = split_citation(text)
            papers.append(PaperRecord(file=name, line=number, format=fmt, title=cited.title, authors=cited.names,
                                      profile_person=profile_person, lines=(number,), digest=_digest([(number, text)]),
                                      more_authors=cited.more_authors, venue=cited.source))
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
            else:
                close()
                current = _Builder(number, abstract=text, lines=[(number, text)])
            continue        # (the record stays open for the lines of its own that follow: "Comments: ...")
        if kind == VENUE and current is not None and not starts_here:
            labelled = labelled_field(text)
            if labelled and labelled[0] == "month":
                current.month = month_number(labelled[1])
            if labelled and labelled[0] == "date":      # the ACL Anthology's "Month: June" then "Year: 2019"
                year = re.fullmatch(rf"\s*({YEAR})\s*", labelled[1])
                current.date = current.date or printed_date(labelled[1]) or (
                    f"{year.group(1)}-{current.month:02d}" if year and current.month else "")
            if joins_source(text):
                current.identifiers.append(source_text(text))
            elif is_source_text(text):      # not a thesis's supervisors: in the record's lines only
                # (a second one, "Journal version: ...", is kept in its lines)
                current.venue = current.venue or source_text(text)
            current.lines.append((number, text))
            continue
        if kind == NAMES and current is not None and not current.abstract and not starts_here:
            if _comes_back(current, names or []):
                # "Random Forests / Leo Breiman / Bagging Predictors / Leo Breiman": a person is
                # printed once per paper, so the line before the name that comes back is a title
                title_line = current.lines.pop()
                del current.authors[-1]
                close()
                current = _Builder(title_line[0], title=title_line[1], lines=[title_line])
            current.authors.extend(names or [])
            current.lines.append((number, text))
            if (split := _names_and_source(text)) and not split_author_line(text):
                current.venue = current.venue or split[1]
            current.more_authors |= ends_author_list(text)
            current.last_names = list(names or [])
            continue
        # a title, or a name-like line where only a title can be (start of a record)
        close()
        current = _Builder(number, title=_TITLE_LABEL_RE.sub("", text), lines=[(number, text)])
        if heading_id:          # "[2] arXiv:2312.00752 [pdf, other]" above it: its id
            current.line = heading_id[0]
            current.lines.insert(0, heading_id)
            head = ARXIV_HEAD_RE.match(heading_id[1])
            current.identifiers.append(f"arXiv:{head.group(1) or head.group(2)}")
            heading_id = None
    close()
    if heading_id:
        headers.append(heading_id)
    return papers, problems, headers, uncertain


# ------------------------------------------------------------------ profile pages


# A profile's lines that say how to reach the person, never their role: an address, a phone
# number, an office ("Email: ...", "+33 1 69 15 42 00", "Bureau 2042, Bâtiment 650", a web page);
# not "Office manager", "Web developer"
_CONTACT_RE = re.compile(r"@|^https?://|^www\.|^\+?[\d\s().\-/]{7,}$|^(?:e-?mail|courriel|mail|phone|t[ée]l[ée]?phone|"
                         r"tel|t[ée]l|fax|mobile|office|bureau|room|salle|building|b[âa]timent|address|adresse|web|"
                         r"website|homepage|page web|orcid|twitter|linkedin|github|google scholar)\s*(?:[:.]|\d|$)",
                         re.IGNORECASE)
# "Position: Associate Professor": the label before a role
_ROLE_LABEL_RE = re.compile(r"^(?:position|poste|r[ôo]le|status|statut|fonction|job title)\s*:\s*", re.IGNORECASE)
# Words of a position ("Associate Professor", "Directeur de recherche CNRS", "PhD student"): a line
# with one is a role, not the person. Those that are names too ("Dean", "Head", "Chair": "Jeff
# Dean", "Tim Head") count only in what is printed beside a name on its line.
_ROLE_WORDS = frozenset("""professor professeur professeure prof lecturer researcher research scientist student
phd doctoral doctorant doctorante postdoc postdoctoral post-doctoral engineer ingénieur ingénieure director
directeur directrice chercheur chercheuse maître maitre conférences conferences emeritus émérite intern stagiaire
alumni alumnus alumna manager technician technicien technicienne secretary secrétaire administrator coordinator
candidate undergraduate enseignant enseignante investigator cnrs inria inserm inrae cea""".split())
_ROLE_WORDS_TOO = _ROLE_WORDS | frozenset("""head chair dean associate assistant member visiting invited graduate
master masters senior junior principal staff faculty lead leader fellow""".split())
_NAME_AND_ROLE_RE = re.compile(r"^(?P<name>[^,()–—]+?)\s*(?:,\s*|\s+[-–—]\s+|\s*\()(?P<role>.+?)\)?$")


def _has_role_word(text: str, words: frozenset[str] = _ROLE_WORDS) -> bool:
    return any(w.strip(".,;:()").casefold() in words for w in text.split())


def _person_line(text: str) -> tuple[str, str] | None:
    """A profile's line that is the person: (their name, the role printed beside it: "Jean Dupont,
    Associate Professor", "Jean Dupont - PhD student", "Jean Dupont (Directeur de recherche CNRS)"),
    or None for a line of a role or of anything but a name."""
    text = strip_honorifics(text)
    split = _NAME_AND_ROLE_RE.match(text)
    if split and not _has_role_word(split["name"]) and _has_role_word(split["role"], _ROLE_WORDS_TOO) \
            and name_reading(split["name"]) is not None:
        return split["name"].strip(), split["role"].strip()
    if _has_role_word(text):
        return None
    return (text, "") if name_reading(text) is not None else None


# A team page's heading over the members after it ("Alumni", "Former members", "PhD students")
_MEMBERS_HEADING_RE = re.compile(r"^(?:alumni|(?:former|past|current) members|anciens(?: membres)?|members|membres|"
                                 r"phd students|doctorants|postdocs|visitors|invités)$", re.IGNORECASE)


def _members(head: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """The lines of each member a profile's head presents: one, or, on a team page (a portrait line
    for each), one group a portrait line, a heading above it going with it ("Alumni")."""
    starts = [i for i, (_, t) in enumerate(head) if portrait_of(t)]
    if len(starts) < 2:
        return [head] if head else []
    starts = [i - 1 if i > 0 and _MEMBERS_HEADING_RE.match(head[i - 1][1]) else i for i in starts]
    starts[0] = 0
    return [head[a:b] for a, b in zip(starts, starts[1:] + [len(head)])]


def _member(file: str, lines: list[tuple[int, str]]) -> ProfileRecord | None:
    """One member from their lines: a portrait line, the name (the first line that is one: a role
    line may come first), the role (lines of a position, its label dropped: "Position: ..."); the
    lines of an address, a phone, an office are theirs too, and say nothing."""
    portrait_lines = {n for n, t in lines if portrait_of(t)}
    others = [(n, t) for n, t in lines if n not in portrait_lines and not _CONTACT_RE.search(t)]
    person_at = next((n for n, t in others if _person_line(t)), others[0][0] if others else None)
    person, portrait_name, role_parts = "", "", []
    for number, text in lines:
        if number in portrait_lines:
            portrait_name = portrait_name or portrait_of(text)
        elif number == person_at:
            person, beside = _person_line(text) or (text, "")
            role_parts += [beside] if beside else []
        elif not _CONTACT_RE.search(text):
            role_parts.append(_ROLE_LABEL_RE.sub("", text))
    person = person or portrait_name
    if not person:
        return None
    return ProfileRecord(file, lines[0][0], person, ", ".join(role_parts), tuple(n for n, _ in lines),
                         _digest(lines))


def _parse_profile(name: str, numbered: list[tuple[int, str]], after_blank: set[int],
                   lost: frozenset[int] = frozenset()) -> ParsedDump:
    headers: list[tuple[int, str]] = []
    problems: list[Problem] = []
    split = next((i for i, (_, t) in enumerate(numbered) if PUBLICATIONS_RE.match(t)), len(numbered))
    head, body = numbered[:split], numbered[split + 1:]
    headers.extend((n, t) for n, t in head if n not in lost and is_page_chrome(shape_text(t)))
    head = [(n, t) for n, t in head if n not in lost and (n, t) not in headers]
    if split < len(numbered):
        headers.append(numbered[split])
    members = _members(head)
    profiles = tuple(p for p in (_member(name, lines) for lines in members) if p is not None)
    if not profiles:
        for number, text in head:
            problems.append(Problem(name, number, f"skipped a profile line with no person: {text[:60]!r}"))
    person = profiles[0].name if len(profiles) == 1 else ""      # a team page's papers are no one member's
    body_starts = _blank_separated_starts(body, after_blank - ({body[0][0]} if body else set()))
    papers, more, body_headers, uncertain = _parse_listing(name, body, profile_person=person, fmt=PROFILE,
                                                           starts=body_starts, lost=lost)
    headers.extend(body_headers)
    return ParsedDump(name, PROFILE, tuple(papers), profiles, tuple(sorted(headers)), tuple(problems + more),
                      tuple(uncertain))


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


# ------------------------------------------------------------------ reference lists


def _join_wrapped(numbered: list[tuple[int, str]]) -> list[tuple[tuple[int, ...], str]]:
    """The items of a list whose items are marked ("[12]", "12.", "•"), each with the lines it
    wraps onto ("... applied to document" / "recognition. Proceedings of the IEEE, ..."); other
    lines alone."""
    marked = [is_list_item(text) for _, text in numbered]
    entries: list[tuple[tuple[int, ...], str]] = []
    in_item = False
    for (number, text), mark in zip(numbered, marked):
        chrome = is_page_chrome(shape_text(text)) or is_section_header(shape_text(text))
        if sum(marked) >= 2 and in_item and not mark and not chrome:
            numbers, before = entries[-1]
            joined = before[:-1] + text if before.endswith("-") and text[:1].islower() else f"{before} {text}"
            entries[-1] = (numbers + (number,), joined)
            continue
        entries.append(((number,), text))
        in_item = mark
    return entries


def _join_name_heads(entries: list[tuple[tuple[int, ...], str]]) -> list[tuple[tuple[int, ...], str]]:
    """DBLP's person page prints each entry's names on a line ending in a colon, its title and
    where it appeared on the next: the two are one citation."""
    out: list[tuple[tuple[int, ...], str]] = []
    for numbers, text in entries:
        if out and out[-1][1].endswith(":") and not is_page_chrome(shape_text(text)) \
                and split_author_line(out[-1][1][:-1].strip()):
            out[-1] = (out[-1][0] + numbers, f"{out[-1][1]} {text}")
        else:
            out.append((numbers, text))
    return out


def _names_and_source(text: str) -> tuple[str, str] | None:
    """A line of names, then where the paper appeared: PMLR's "Michal Valko, Rémi Munos;
    Proceedings of the 40th ICML, PMLR 202:1234-1243", Google Scholar's "Y LeCun, Y Bengio - nature,
    2015 - nature.com"."""
    for separator in ("; ", " - ", " – "):
        head, _, tail = text.partition(separator)
        scholar = re.search(rf",\s*{YEAR}\s+[-–]\s+[\w.-]+\.[a-z]{{2,}}$", tail)    # "nature, 2015 - nature.com"
        if tail and split_author_line(head) and (scholar if separator != "; " else venue_strength(tail) == 2):
            return head, re.sub(r"\s+[-–]\s+[\w.-]+\.[a-z]{2,}$", "", tail)    # not Scholar's "- nature.com"
    return None


_MARKED_RE = re.compile(r"(\*\*|__|_)([^*_]{2,80}?)\1")


def _unmarked_names(line: str) -> str:
    """A citation line without the Markdown marks around the lab's member ("D. P. Kingma and **J.
    Ba**."); marks around anything else ("$\\ell_{1}$", "__init__") stay."""
    return _MARKED_RE.sub(lambda m: m[2] if name_reading(m[2].strip(" .,;")) is not None else m[0], line) \
        if "*" in line or "_" in line else line


def _parse_citations(name: str, entries: list[tuple[tuple[int, ...], str]]) -> ParsedDump:
    """One paper a line: names, title and source (``citations.split_citation``). A line without
    names is a paper without authors: its title, then its source when the rest reads as one."""
    cited: list[tuple[tuple[int, ...], str, Citation]] = []
    headers: list[tuple[int, str]] = []
    for numbers, raw in entries:
        text = shape_text(raw)
        if is_page_chrome(text) or is_section_header(text):
            headers.append((numbers[0], raw))
            continue
        citation = split_citation(_unmarked_names(raw))
        if citation is None:
            title, _, source = raw.partition(". ")
            if not source or not venue_strength(source):
                title, source = raw, ""
            citation = Citation((), title.rstrip("."), source)
        cited.append((numbers, raw, citation))
    # "Aha DW, Kibler D": initials after the surname, as in a listing of that style
    names = _mark_vancouver_initials([(NAMES, list(c.names)) for _, _, c in cited])
    papers = tuple(PaperRecord(file=name, line=numbers[0], format=CITATIONS, title=c.title, authors=tuple(written),
                               lines=numbers, digest=_digest([(numbers[0], raw)]), more_authors=c.more_authors,
                               venue=c.source)
                   for (numbers, raw, c), (_, written) in zip(cited, names))
    return ParsedDump(name, CITATIONS, papers, headers=tuple(headers))


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
