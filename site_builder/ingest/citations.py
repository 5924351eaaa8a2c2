"""One-line citations: a reference list, a HAL or PubMed export, a CV, printed one paper a line.

"Aha DW, Kibler D. Instance-based learning algorithms. Mach Learn. 1991;6:37-66." (PubMed),
"M. Kearns, Y. Mansour, and A. Ng. An information-theoretic analysis ... In Proc. UAI, 1997."
(Cora), "Breiman, L. (2001). Random forests. Machine Learning, 45(1), 5-32." (APA), 'A. Ng, "On
discriminative vs. generative classifiers," in NIPS, 2002.' (IEEE), "Breiman, L.: Random forests.
Mach. Learn. 45, 5–32 (2001)" (Springer), "Pedro Domingos. 2012. A few useful things ..." (ACM),
"LeCun, Y., Bengio, Y. & Hinton, G. Deep learning. Nature 521, 436–444 (2015)." (Nature), MLA,
Chicago, Harvard. ``split_citation`` finds where the names end and the title and its source
begin. Pure.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .names import STRONG, WEAK_TIER, could_be_title_words, ends_author_list, is_initial, name_reading, \
    split_author_line
from .normalise import FUNCTION_WORDS, PARTICLES, SUFFIXES, could_be_initials
from .venues import YEAR

# what a list prints before each entry: "[12]", "(12)", "12.", a bullet
# a list's number or bullet, or a CV's or DBLP's lettered key ("[J2]", "[c12]")
_LIST_MARK_RE = re.compile(r"^(?:\[[A-Za-z]{0,3}\d{1,4}\]\s*|\(\d{1,4}\)\s+|\d{1,4}\.\s+|[•·▪◦‣*\-–—]\s+)(?=\S)")
# where a sentence of the citation may end: ". ", "? ", "! ", Springer's ": " after the names,
# Harvard's "(2001) " after them
_CUT_RE = re.compile(rf"(?<=[.?!:])\s+(?=\S)|(?<=\(\d{{4}}\))\s+(?=\S)")
YEAR_AFTER_NAMES_RE = re.compile(rf"^\(?(?P<year>{YEAR})[a-z]?(?:,\s*[^()]{{1,20}})?\)?[.,:]?(?:\s+|$)")
# APA's "(2001)." and Harvard's ", 2015." closing the names
YEAR_IN_HEAD_RE = re.compile(rf"(?:\s*\((?P<paren>{YEAR})[a-z]?(?:,\s*[^()]{{1,20}})?\)|,\s*(?P<comma>{YEAR})[a-z]?)"
                              r"[.:]?$")
_ELLIPSIS_RE = re.compile(r",?\s*(?:\.\.\.|…)\s*,?\s*")       # APA 7's "Dhariwal, P., ... & Amodei, D."
_QUOTES = {'"': '"', "“": "”", "„": "“", "«": "»", "'": "'", "‘": "’", "``": "''"}
_QUOTED_RE = re.compile(r"^(?P<names>[^\"“”«]+?),?\s*[\"“«](?P<title>[^\"“”«»]{4,}?)[,.]?\s*[\"”»],?\s*(?P<source>.*)$")
_WORD_RE = re.compile(r"[^\W\d_]+")
_DOTTED_INITIAL_RE = re.compile(r"[^\W\d_a-z](?:\.-?[^\W\d_a-z])*\.,?")     # "W.", "J.-P.": not a title's "A"
_SEPARATOR_RE = re.compile(r",\s*(?:and\s+|&\s*|et\s+)?|\s+(?:and|&|et)\s+")
# a word before a period that does not end a sentence: "vs.", "e.g.", "U.S."
_ABBREVIATIONS = frozenset("vs e.g i.e etc cf al dr mr mrs ms st inc ltd co no vol fig eq ca approx prof".split())
_MEDIUM_RE = re.compile(r"\s*\[(?:Internet|Online|online|Electronic resource|PDF)\]\s*$")
_CORPORATE_RE = re.compile(r"\b(?:Consortium|Collaboration|Group|Team|Project|Committee|Association|Society|Institute|"
                           r"Foundation|Organi[sz]ation|Council|Agency|Network|Initiative)$")


def is_list_item(line: str) -> bool:
    """Does the line start an item of a numbered or bulleted list ("[12] ...", "12. ...", "• ...")?"""
    return bool(_LIST_MARK_RE.match(line.strip()))


@dataclass(frozen=True)
class Citation:
    names: tuple[str, ...]
    title: str
    source: str = ""            # where it appeared, as printed (its year too, when printed before the title)
    more_authors: bool = False  # the names end in "et al." (or APA's "...")


def split_citation(line: str) -> Citation | None:
    """The names, title and source of a citation printed on one line, or None when the line does
    not start with a list of names followed by a title."""
    text = _LIST_MARK_RE.sub("", line.strip())
    quoted = _QUOTED_RE.match(text)          # IEEE, MLA: the names, then the title in quotes
    if quoted and (names := _names(quoted["names"].strip(" ,."))):
        return Citation(tuple(names), quoted["title"].strip(), quoted["source"].strip(" ,."),
                        _cut_short(quoted["names"]))
    end, head, names = _names_end(text)
    if not names:
        return None
    year, rest = "", text[end:].strip()
    in_head = YEAR_IN_HEAD_RE.search(head)
    if in_head:                               # APA's "(2001)." closing the names
        year, head = in_head["paren"] or in_head["comma"], head[:in_head.start()]
    elif printed := YEAR_AFTER_NAMES_RE.match(rest):     # Chicago's and ACM's "2001." after them
        year, rest = printed["year"], rest[printed.end():]
    title, source = _title_and_source(rest)
    if len(_WORD_RE.findall(title)) < 2 and len(title) < 8 or re.match(r"(?:In:?\s|Proc\b|Proceedings\b)", title):
        return None             # (names, then only where they appeared: "In Proc. of CVPR, ...")
    if year and year not in source:
        source = f"{source.rstrip('. ')} ({year})".strip()
    return Citation(tuple(names), title, source, _cut_short(head))


def _cut_short(head: str) -> bool:
    return ends_author_list(head.strip(" ,.:")) or bool(_ELLIPSIS_RE.search(head))


def _title_and_source(rest: str) -> tuple[str, str]:
    """The title (up to its closing quote or the end of its sentence) and what follows it."""
    closing = _QUOTES.get(rest[:2]) or _QUOTES.get(rest[:1])
    if closing:
        opening = 2 if rest[:2] in _QUOTES else 1
        # the closing quote before a comma, a period or the end ("Occam's razor" keeps its apostrophe);
        # ACM's '"Why Should I Trust You?": Explaining ...': the title goes on after the quote
        end = re.search(re.escape(closing) + r"(?=[,.;]|\s|$)", rest[opening + 3:])
        if end:
            at = opening + 3 + end.start()
            return rest[opening:at].strip(" ,."), rest[at + len(closing):].strip(" ,.")
    cut = _title_end(rest)
    title, source = (rest[:cut.start()], rest[cut.end():]) if cut else (rest, "")
    title = _MEDIUM_RE.sub("", title[:-1] if title.endswith(".") else title)
    return title.strip(), _MEDIUM_RE.sub("", source).strip()


def _title_end(rest: str) -> re.Match | None:
    """The end of the title's sentence: not after "vs." or "U.S.", nor after a question whose next
    sentence is no source ("Why are there still so many jobs? The history and future of ...")."""
    cuts = list(re.finditer(r"(?<=[.?!])\s+(?=\S)", rest))
    for i, cut in enumerate(cuts):
        word = rest[:cut.start()].rsplit(None, 1)[-1]
        if rest[cut.start() - 1] == "." and (word.rstrip(".").casefold() in _ABBREVIATIONS
                                             or re.fullmatch(r"(?:[^\W\d_]\.){2,}", word)):
            continue
        if rest[cut.start() - 1] in "?!" and i + 1 < len(cuts) and not _looks_like_source(
                rest[cut.end():cuts[i + 1].start()]):
            continue
        return cut
    return None


def _looks_like_source(segment: str) -> bool:
    return bool(re.search(r"\d|^(?:In\b|Proc|Journal\b|Trans)", segment))


def _names_end(text: str) -> tuple[int, str, list[str]]:
    """Where the list of names ends (after its closing period, colon or APA's year), the text of the
    names and the names: the last cut whose head reads as names before a segment that reads as a
    title."""
    best: tuple[int, str, list[str]] = (0, "", [])
    for cut in _CUT_RE.finditer(text):
        head, after = text[:cut.start()], text[cut.end():]
        words_after = after.split()
        following = words_after[0] if words_after else ""
        if _DOTTED_INITIAL_RE.fullmatch(following) or following in PARTICLES or following in ("and", "et", "&") \
                or _name_goes_on(head, words_after):
            continue            # "D. W. Aha", "Aidan N. Gomez, ...", "J. van der Aalst": the names go on
        if best[2] and _reads_as_title(text[best[0]:cut.start()]):
            break               # "Breiman L. Bagging Predictors.": the names ended at the cut before
        year = YEAR_IN_HEAD_RE.search(head)
        names = _names(head[:year.start()] if year else head.rstrip(":"),
                       year_follows=bool(year or YEAR_AFTER_NAMES_RE.match(after)))
        if names and _one_style(names):
            best = (cut.end(), head, names)
            if year:
                break           # APA's year closes the names
        elif not best[2] and _reads_as_title(head):
            break               # a title first: no names
    return best


def _name_goes_on(head: str, words_after: list[str]) -> bool:
    """After "Aidan N." a surname comes ("Gomez,"), where the line's other names are written
    given name first; after "Toutanova K." (surname, then initials, as its other names) none does."""
    parts = [p for p in _SEPARATOR_RE.split(head) if p.strip()]
    last = parts[-1].split() if parts else []
    if len(last) < 2 or not is_initial(last[-1]) or is_initial(last[0]):
        return False
    others = [p.split() for p in parts[:-1] if len(p.split()) >= 2]
    if others:
        given_first = sum(1 for p in others if not _initials_word(p[-1]))
        return given_first * 2 > len(others)
    # one name alone: a surname comes when the next word is one ("Hinton:", "Domingos.", "Ng and
    # Michael ..."), not an acronym ("George F. DMS: ...") nor a title's word ("Greer R. Daytona and the ...")
    if not words_after or not re.fullmatch(r"[^\W\d_][^\W\d_'’\-]*[,:.]?", words_after[0]) \
            or not any(c.islower() for c in words_after[0]):
        return False
    nxt = words_after[1] if len(words_after) > 1 else ""
    after_and = words_after[2] if len(words_after) > 2 else ""
    return words_after[0][-1:] in ",:." or nxt.casefold() in SUFFIXES or (
        nxt in ("and", "&", "et") and after_and[:1].isupper())


def _initials_word(word: str) -> bool:
    """"K.", "MW", "JPA": initials as Vancouver prints them after a surname."""
    return is_initial(word) or (word.isalpha() and word.isupper() and len(word) <= 4 and could_be_initials(word))


def _one_style(names: list[str]) -> bool:
    """The line's names in one style: not "Devlin J, Chang MW, Lee K, Toutanova K. BERT", where the
    last is read with the title's first word."""
    def shape(name: str) -> str:
        tokens = name.split()
        if "," in name:
            return "inverted"
        if len(tokens) >= 2 and _initials_word(tokens[-1]) and not any(is_initial(t) for t in tokens[:-1]):
            return "vancouver"
        return "natural"
    if len(names) < 3:
        return True
    earlier = {shape(n) for n in names[:-1]}
    return not (earlier == {"vancouver"} and shape(names[-1]) != "vancouver")


def _names(head: str, year_follows: bool = False) -> list[str] | None:
    """The names a citation's head is: a list of names, or one name with an initial or a known
    given name (not "Bagging Predictors", a title's shape), or any name or a group's name
    ("OpenAI", "The ENCODE Project Consortium") when a year follows."""
    head = _ELLIPSIS_RE.sub(", ", head.strip()).strip().rstrip(",;")
    if not head or len(head) > 600:
        return None
    # "Marie Curie." / "Albert MK." without the sentence's period; "Ng, A. Y." with its initial's
    initial_last = re.search(r"(?:^|[\s.\-])[^\W\d_]\.$", head)
    # (but "Goodfellow I, Bengio Y, Courville A.": the period ends the sentence of undotted initials)
    undotted = initial_last and "." not in head[:-1] and re.search(r"\s[^\W\d_a-z]{1,4},", head)
    for candidate in (head, head[:-1]) if initial_last and not undotted else (head[:-1] if head.endswith(".") else None,
                                                                             head):
        if not candidate:
            continue
        names = split_author_line(candidate) or split_author_line(candidate, weak=True) or _mla_names(candidate)
        if not names:
            reading = name_reading(candidate)
            names = list(reading[1]) if reading and (reading[0] in (STRONG, WEAK_TIER) or _initialled(reading[1])) \
                else None
        if not names and (_CORPORATE_RE.search(candidate) or year_follows and re.fullmatch(r"[^\W\d_][\w&\-]+",
                                                                                           candidate)):
            return [candidate]      # a group as the author
        if names and all(_whole_name(n) for n in names) and (
                len(names) > 1 or year_follows or not could_be_title_words(names[0])
                or _initials_word(names[0].split()[-1])):
            return names
    return None


def _mla_names(head: str) -> list[str] | None:
    """MLA's "LeCun, Yann, Yoshua Bengio, and Geoffrey Hinton": the first name inverted, the others not."""
    first = re.match(r"^([^,]+,\s*[^,]+),\s*(?:and\s+)?(.+)$", head)
    if not first:
        return None
    inverted, rest = split_author_line(first.group(1)), split_author_line(first.group(2))
    return [first.group(1), *rest] if inverted == [first.group(1)] and rest else None


def _initialled(names: list[str]) -> bool:
    """A list whose every name has initials ("Stolte E, von Praun C"), of a shape less sure alone."""
    return len(names) >= 2 and all(any(is_initial(t) or (t.isalpha() and t.isupper() and len(t) <= 3)
                                       for t in n.split()) for n in names)


def _whole_name(name: str) -> bool:
    """Not a piece of a list cut in the middle: "W. Meng, N." or "X. Wang, Y." read as one
    "Last, First" name (an initial before the comma), a name of six words, nor a name and the
    title's first word."""
    surname = name.split(",")[0] if "," in name else ""
    ended = any((t.endswith(".") and not is_initial(t) and t.casefold() not in ("jr.", "sr.", "st."))
                or re.fullmatch(r"[^\W\d_a-z]{2,4}\.", t) for t in name.split()[:-1])
    # ("A. Philpot. ARIADNE", "Gettys WL. DIRECTV": a sentence ended inside, after a name)
    return len(name.split()) <= 5 and not ended and not any(is_initial(t) for t in surname.split())


def _reads_as_title(segment: str) -> bool:
    """A segment between two cuts with a word in lower case that no name has ("forests"), or a
    name's shape only ("Bagging Predictors"): the title, not more names ("Gomez, Łukasz Kaiser,
    and Illia Polosukhin" is names)."""
    if YEAR_AFTER_NAMES_RE.match(segment.strip()):
        return False            # APA's "(2020, June).", Chicago's "2001."
    words = _WORD_RE.findall(segment)
    if any(w.islower() and len(w) >= 3 and w not in PARTICLES and w not in FUNCTION_WORDS for w in words):
        return True
    parts = [p.strip(" .:") for p in _SEPARATOR_RE.split(segment) if p and _WORD_RE.search(p)]
    if len(parts) >= 2 and any(len(p.split()) >= 2 for p in parts) and all(len(p.split()) <= 4 for p in parts):
        return False
    return bool(parts) and all(could_be_title_words(p) for p in parts)
