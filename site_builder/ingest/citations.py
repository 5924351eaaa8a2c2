"""One-line citations: a reference list, a HAL or PubMed export, a CV, printed one paper a line.

"Aha DW, Kibler D. Instance-based learning algorithms. Mach Learn. 1991;6:37-66." (PubMed),
"M. Kearns, Y. Mansour, and A. Ng. An information-theoretic analysis ... In Proc. UAI, 1997."
(Cora), "Breiman, L. (2001). Random forests. Machine Learning, 45(1), 5-32." (APA), 'A. Ng, "On
discriminative vs. generative classifiers," in NIPS, 2002.' (IEEE), "Breiman, L.: Random forests.
Mach. Learn. 45, 5–32 (2001)" (Springer), "Breiman, Leo. 2001. Random Forests. ..." (Chicago).
``split_citation`` finds where the names end and the title and its source begin. Pure.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .names import STRONG, WEAK_TIER, could_be_title_words, ends_author_list, is_initial, name_reading, \
    split_author_line
from .normalise import FUNCTION_WORDS, PARTICLES

_YEAR = r"(?:1[89]|20)\d\d"
_LIST_NUMBER_RE = re.compile(r"^(?:\[\d{1,4}\]|\(\d{1,4}\)|\d{1,4}\.)\s+(?=\S)")
# where a sentence of the citation may end: ". ", "? ", "! ", Springer's ": " after the names,
# Harvard's "(2001) " after them
_CUT_RE = re.compile(rf"(?<=[.?!:])\s+(?=\S)|(?<=\(\d{{4}}\))\s+(?=\S)")
_YEAR_AFTER_NAMES_RE = re.compile(rf"^\(?(?P<year>{_YEAR})[a-z]?(?:,\s*[^()]{{1,20}})?\)?[.,:]?(?:\s+|$)")
_YEAR_IN_HEAD_RE = re.compile(rf"\s*\((?P<year>{_YEAR})[a-z]?(?:,\s*[^()]{{1,20}})?\)[.:]?$")
_QUOTES = {'"': '"', "“": "”", "„": "“", "«": "»", "'": "'", "‘": "’", "``": "''"}
_QUOTED_RE = re.compile(r"^(?P<names>[^\"“”«]+?),?\s*[\"“«](?P<title>[^\"“”«»]{4,}?)[,.]?\s*[\"”»],?\s*(?P<source>.*)$")
_WORD_RE = re.compile(r"[^\W\d_]+")
_DOTTED_INITIAL_RE = re.compile(r"[^\W\d_a-z](?:\.-?[^\W\d_a-z])*\.,?")     # "W.", "J.-P.": not a title's "A"


@dataclass(frozen=True)
class Citation:
    names: tuple[str, ...]
    title: str
    source: str = ""            # where it appeared, as printed (its year too, when printed before the title)
    more_authors: bool = False  # the names end in "et al."


def split_citation(line: str) -> Citation | None:
    """The names, title and source of a citation printed on one line, or None when the line does
    not start with a list of names followed by a title."""
    text = _LIST_NUMBER_RE.sub("", line.strip())
    quoted = _QUOTED_RE.match(text)          # IEEE, MLA: the names, then the title in quotes
    if quoted and (names := _names(quoted["names"])):
        return Citation(tuple(names), quoted["title"].strip(), quoted["source"].strip(" ,."),
                        ends_author_list(quoted["names"].strip(" ,.")))
    end, head, names = _names_end(text)
    if not names:
        return None
    year, rest = "", text[end:].strip()
    in_head = _YEAR_IN_HEAD_RE.search(head)
    if in_head:                               # APA's "(2001)." closing the names
        year, head = in_head["year"], head[:in_head.start()]
    elif printed := _YEAR_AFTER_NAMES_RE.match(rest):     # Chicago's "2001." after them
        year, rest = printed["year"], rest[printed.end():]
    title, source = _title_and_source(rest)
    if len(_WORD_RE.findall(title)) < 2 and len(title) < 8:
        return None
    if year and year not in source:
        source = f"{source} ({year})".strip()
    return Citation(tuple(names), title, source, ends_author_list(head.strip(" ,.")))


def _title_and_source(rest: str) -> tuple[str, str]:
    """The title (up to its closing quote or the first sentence's end) and what follows it."""
    closing = _QUOTES.get(rest[:2]) or _QUOTES.get(rest[:1])
    if closing:
        opening = 2 if rest[:2] in _QUOTES else 1
        # the closing quote before a comma, a period or the end ("Occam's razor" keeps its apostrophe)
        end = re.search(re.escape(closing) + r"(?=[,.;:]|\s|$)", rest[opening + 3:])
        if end:
            at = opening + 3 + end.start()
            return rest[opening:at].strip(" ,."), rest[at + len(closing):].strip(" ,.")
    cut = re.search(r"(?<=[.?!])\s+(?=\S)", rest)
    title, source = (rest[:cut.start()], rest[cut.end():]) if cut else (rest, "")
    return (title[:-1] if title.endswith(".") else title).strip(), source.strip()


def _names_end(text: str) -> tuple[int, str, list[str]]:
    """Where the list of names ends (after its closing period, colon or APA's year), the text of the
    names and the names: the last cut whose head reads as names before a segment that reads as a
    title."""
    best: tuple[int, str, list[str]] = (0, "", [])
    for cut in _CUT_RE.finditer(text):
        head, after = text[:cut.start()], text[cut.end():]
        following = after.split(maxsplit=1)[0] if after.split() else ""
        if _DOTTED_INITIAL_RE.fullmatch(following) or following in PARTICLES or following in ("and", "et", "&"):
            continue            # "D. W. Aha", "Y. Bengio, and A. Courville", "J. van der Aalst": the names go on
        if best[2] and _reads_as_title(text[best[0]:cut.start()]):
            break               # "Breiman L. Bagging Predictors.": the names ended at the cut before
        year = _YEAR_IN_HEAD_RE.search(head)
        names = _names(head[:year.start()] if year else head.rstrip(":"))
        if names:
            best = (cut.end(), head, names)
            if year:
                break           # APA's year closes the names
        elif not best[2] and _reads_as_title(head):
            break               # a title first: no names
    return best


def _names(head: str) -> list[str] | None:
    """The names a citation's head is: a list of names, or one name with an initial or a known
    given name (not "Bagging Predictors", a title's shape)."""
    head = head.strip().rstrip(",;")
    if not head or len(head) > 600:
        return None
    # "Marie Curie." / "Albert MK." without the sentence's period; "Ng, A. Y." with its initial's
    initial_last = re.search(r"(?:^|[\s.\-])[^\W\d_]\.$", head)
    for candidate in (head, head[:-1]) if initial_last else (head[:-1] if head.endswith(".") else None, head):
        if candidate:
            names = split_author_line(candidate)
            if not names:
                reading = name_reading(candidate)
                names = list(reading[1]) if reading and (reading[0] in (STRONG, WEAK_TIER) or _initialled(reading[1])) \
                    else None
            if names and all(_whole_name(n) for n in names) and not (len(names) == 1 and could_be_title_words(names[0])):
                return names
    return None


def _initialled(names: list[str]) -> bool:
    """A list whose every name has initials ("Stolte E, von Praun C"), of a shape less sure alone."""
    return len(names) >= 2 and all(any(is_initial(t) or (t.isalpha() and t.isupper() and len(t) <= 3)
                                       for t in n.split()) for n in names)


def _whole_name(name: str) -> bool:
    """Not a piece of a list cut in the middle: "W. Meng, N." or "X. Wang, Y." read as one
    "Last, First" name (an initial before the comma), a name of six words, nor a name and the
    title's first word ("A. Philpot. ARIADNE")."""
    surname = name.split(",")[0] if "," in name else ""
    ended = any(t.endswith(".") and not is_initial(t) and t.casefold() not in ("jr.", "sr.", "st.")
                for t in name.split()[:-1])          # "A. Philpot. ARIADNE": a sentence ended inside
    return len(name.split()) <= 5 and not ended and not any(is_initial(t) for t in surname.split())


def _reads_as_title(segment: str) -> bool:
    """A segment between two cuts with a word in lower case that no name has ("forests"), or a
    name's shape only ("Bagging Predictors"): the title, not more names."""
    if _YEAR_AFTER_NAMES_RE.match(segment.strip()):
        return False            # APA's "(2020, June).", Chicago's "2001."
    words = _WORD_RE.findall(segment)
    if any(w.islower() and len(w) >= 3 and w not in PARTICLES and w not in FUNCTION_WORDS for w in words):
        return True
    parts = [p.strip(" .:") for p in re.split(r",|\band\b|&", segment) if _WORD_RE.search(p)]
    return bool(parts) and all(could_be_title_words(p) for p in parts)
