"""Decide which records are the same paper and which names are the same person.

Pure functions over ``CleanPaper`` items. Nothing is compared all-pairs: papers
are blocked on their rarest title words (and abstracts on their opening words),
people on their surname. Every decision is kept as ``Evidence`` for the review
report, including near-misses that were *not* merged.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache

import math
import os
import re
from difflib import SequenceMatcher

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from .. import parallel
from .normalise import (FUNCTION_WORDS, CleanPaper, compound_given_apart, given_compatible, given_initials, name_key,
                        split_name, umlaut_written_out)

ABSTRACT_MERGE = 92.0
MIN_ABSTRACT = 60        # characters both abstracts must print before they count as evidence
NEAR_MISS_TITLE = 65.0
NEAR_MISS_ABSTRACT = 60.0
MAX_BLOCK = 30           # larger blocks are compared only between close neighbours in sort order
WINDOW = 6


@dataclass(frozen=True)
class Evidence:
    """Why two records were (or were not) judged the same paper."""

    left: int
    right: int
    title_score: float
    author_overlap: float | None      # share of the shorter author list found in the other; None = unknown
    abstract_score: float | None
    merged: bool
    reason: str
    checked: int = 0                  # pairs across the two groups checked before they were joined
    agreeing: int = 0                 # of those, pairs that are the same paper on their own evidence
    contradicting: int = 0            # and pairs that say they are not (at most a fifth, see check_across)


@dataclass
class PaperClusters:
    groups: list[list[int]]                         # item indexes, each group sorted
    evidence: list[Evidence] = field(default_factory=list)
    near_misses: list[Evidence] = field(default_factory=list)


class _UnionFind:
    def __init__(self, n: int, anchors: list[str]):
        self.parent = list(range(n))
        self.anchor = list(anchors)
        self.lists: dict[int, set[int]] = {}    # root -> the author lists its members are on (see keep_apart)

    def keep_apart(self, lists: list[list[int]]) -> None:
        """From now on, never join two groups named on one list (two places of one author list
        are two people, however alike their names: "J. Kim" and "J.-H. Kim")."""
        for number, members in enumerate(lists):
            for x in members:
                self.lists.setdefault(self.find(x), set()).add(number)

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> bool | None:
        """Join two groups unless each already stands for a different existing entry.

        True: joined; None: already one group; False: refused.
        """
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return None
        if self.anchor[ra] and self.anchor[rb] and self.anchor[ra] != self.anchor[rb]:
            return False
        if ra in self.lists and rb in self.lists and not self.lists[ra].isdisjoint(self.lists[rb]):
            return False
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.anchor[ra] = self.anchor[ra] or self.anchor[rb]
        if rb in self.lists:
            moved = self.lists.pop(rb)
            kept = self.lists.setdefault(ra, set())
            if len(kept) < len(moved):
                kept, moved = moved, kept
                self.lists[ra] = kept
            kept |= moved
        return True


# ---------------------------------------------------------------- papers


def _title_tokens(key: str) -> list[str]:
    return [t for t in key.split() if len(t) > 2 and t not in FUNCTION_WORDS]


def _candidate_pairs(keys: list[list[str]], sort_keys: list[str]) -> set[tuple[int, int]]:
    """Pairs sharing a block key; oversized blocks fall back to a sorted-neighbourhood window."""
    blocks: dict[str, list[int]] = defaultdict(list)
    for index, item_keys in enumerate(keys):
        for key in item_keys:
            blocks[key].append(index)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        if len(members) < 2:
            continue
        if len(members) <= MAX_BLOCK:
            for i, a in enumerate(members):
                for b in members[i + 1:]:
                    pairs.add((a, b) if a < b else (b, a))
        else:
            ordered = sorted(members, key=lambda m: sort_keys[m])
            for i, a in enumerate(ordered):
                for b in ordered[i + 1:i + 1 + WINDOW]:
                    pairs.add((a, b) if a < b else (b, a))
    return pairs


def _partners(keys: list[list[str]], sort_keys: list[str]) -> dict[int, set[int]]:
    """The pairs of ``_candidate_pairs`` as item -> the later items it is paired with.

    Grouped by first item so that each item's title is compared with all its partners in one
    call into rapidfuzz; and no tuple per pair (a large input has about nine pairs per item).
    """
    blocks: dict[str, list[int]] = defaultdict(list)
    for index, item_keys in enumerate(keys):
        for key in item_keys:
            blocks[key].append(index)
    partners: dict[int, set[int]] = defaultdict(set)
    for members in blocks.values():
        if len(members) < 2:
            continue
        ordered = members if len(members) <= MAX_BLOCK else sorted(members, key=lambda m: sort_keys[m])
        reach = len(ordered) if len(members) <= MAX_BLOCK else WINDOW
        for i, a in enumerate(ordered):
            for b in ordered[i + 1:i + 1 + reach]:
                if a < b:
                    partners[a].add(b)
                else:
                    partners[b].add(a)
    return partners


def _surname_match(x: str, y: str) -> bool:
    return x == y or (min(len(x), len(y)) >= 5 and fuzz.ratio(x, y) >= 85)


def _initials_agree(a: str, b: str) -> bool:
    """"mt" (M. Tamer) and "t" (Tamer) agree; "d" (Dus) and "n" (Nan) do not; unknown agrees."""
    return not a or not b or a[0] in b or b[0] in a


def author_overlap(a: CleanPaper, b: CleanPaper) -> float | None:
    """Share of the shorter author list found in the other (None if either list is empty).

    An author matches on surname (allowing a typo) and initials: "Dus Kir" is not "Nan Kir",
    "Tamer Özsu" is "M. Tamer Özsu".
    """
    if not a.surnames or not b.surnames:
        return None
    short, long_ = (a, b) if len(a.surnames) <= len(b.surnames) else (b, a)
    pool = list(zip(long_.surnames, long_.initials))
    left = []
    hits = 0
    for person in zip(short.surnames, short.initials):
        if person in pool:           # exact matches first: cheap, and most of them
            pool.remove(person)
            hits += 1
        else:
            left.append(person)
    for surname, initials in left:
        for j, (other, other_initials) in enumerate(pool):
            if _initials_agree(initials, other_initials) and _surname_match(surname, other):
                hits += 1
                del pool[j]
                break
    return hits / len(short.surnames)


def moved_words(ka: str, kb: str) -> bool:
    """Did a word move to another place (e.g. "Optimizing X" -> "X Optimized")?

    Versions of one paper add, drop or misspell words; a reworded title that moves them
    is, in practice, another publication (often the journal version).
    """
    return _moved(ka.split(), kb.split()) and _moved(_coordinations_sorted(ka).split(),
                                                     _coordinations_sorted(kb).split())


def _moved(ta: list[str], tb: list[str]) -> bool:
    deleted: list[str] = []
    inserted: list[str] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, ta, tb, autojunk=False).get_opcodes():
        if op == "delete":
            deleted.extend(ta[i1:i2])
        elif op == "insert":
            inserted.extend(tb[j1:j2])
    return any(len(x) > 3 and len(y) > 3 and (x[:5] == y[:5] or fuzz.ratio(x, y) >= 80)
               for x in deleted for y in inserted)


_COORDINATION_RE = re.compile(r"\b(\w+) (and|or) (\w+)\b")


def _coordinations_sorted(key: str) -> str:
    """"efficient and scalable" and "scalable and efficient" written alike: two words trading places
    around "and" is no rewording."""
    return _COORDINATION_RE.sub(lambda m: " ".join((min(m[1], m[3]), m[2], max(m[1], m[3]))), key)


_NUMBER_RE = re.compile(r"\b\d+\b")
# Quantities in titles: "Part 1" / "Part 2", "Five XML Query Languages" / "Six ...",
# "One-dimensional and multi-dimensional" / "Multi-dimensional".
# One number however it is written: "Part I" / "part 1" / "Part One", "Volume II" / "volume 2"
_NUMBER_VALUES = {word: str(value) for words in (
    "one two three four five six seven eight nine ten eleven twelve".split(),
    "first second third fourth fifth sixth seventh eighth ninth tenth".split(),
    "i ii iii iv v vi vii viii ix".split()) for value, word in enumerate(words, 1)}
_NUMBER_WORDS = frozenset(_NUMBER_VALUES) | {"single", "double", "triple", "multi"}
_YEAR_RE = re.compile(r"^(?:1[89]|20)\d\d$")
# Titles that name a kind of contribution rather than a subject: many different papers share them.
GENERIC_WORDS = frozenset("""editorial editorials editor editors guest preface foreword introduction introductions
message messages chair chairs column columns panel panels interview interviews reminiscences influential papers
paper articles article news letter letters report reports review reviews book books notes note comments comment
response reply rejoinder obituary announcement announcements call errata erratum corrigendum keynote address
tutorial tutorials welcome overview summary standards standard proceedings program committee acknowledgments
acknowledgements abstract abstracts invited talk talks session sessions conference workshop symposium issue
issues special section front matter contents index word president desk update updates trends perspectives
perspective opinion viewpoint correspondence discussion remarks closing opening speech miscellany
activities events calendar books received""".split())
# What a later paper adds to the title of the one it follows up: "Eddies ... revisited"
_FOLLOW_UP_WORDS = frozenset("""revisited revisiting reconsidered reconsidering rethinking rethought reexamined
reexamining reexamination revisit redux reloaded retrospective""".split())
DIFFERENT_WORDS = "different words in the titles"
NO_AUTHORS = "close title but no authors to confirm"   # lacks evidence, contradicts nothing
SAME_DOI = "same DOI"
SAME_ARXIV = "same arXiv id"


def title_numbers(key: str) -> frozenset[str]:
    """Numbers and number words of a title key, without years ("WWW 2002"), and letters standing
    alone ("TPC-C", "Vitamin D"; not "a", nor the "s" of "Editor's")."""
    return frozenset(_NUMBER_VALUES.get(t, t) for t in key.split() if (t.isdigit() and not _YEAR_RE.match(t))
                     or t in _NUMBER_WORDS or (len(t) == 1 and t.isalpha() and t not in "as"))


def _digits(key: str) -> str:
    return " ".join(_NUMBER_VALUES.get(t, t) for t in key.split())


@lru_cache(maxsize=1 << 17)
def content_words(key: str) -> tuple[str, ...]:
    return tuple(t for t in key.split() if t not in _TITLE_STOP and (len(t) > 1 or t.isdigit()))


# Function words of other languages a title may be printed in ("Semistructured und Structured Data").
_TITLE_STOP = FUNCTION_WORDS | frozenset("und für fur der die das des les une un et ou du dans pour sur el los las y "
                                         "del con por para".split())
_X2Y_RE = re.compile(r"^([a-z])2([a-z])$")


def _same_word(x: str, y: str) -> bool:
    """A typo or another form of one word: "tunable"/"tumble", "Gangam"/"Sangam", "TCP"/"TPC",
    "issue"/"issues", "distributed"/"distribution". Not a word and its opposite
    ("supervised"/"unsupervised", "online"/"offline", "inductive"/"deductive") nor a word with
    another ending ("transfer"/"transform", "interactive"/"interpretable")."""
    if len(x) >= 3 and len(y) >= 3 and x[0] == y[0] and sorted(x) == sorted(y):
        return True   # letters swapped
    if len(x) <= 3 or len(y) <= 3 or (x in _PREFIXES and y in _PREFIXES):   # "micro-" / "macro-"
        return False
    if _behind_other_prefixes(x, y):
        return False  # the same word behind two prefixes: "un|supervised", "on|line" / "off|line"
    edits = OSA.distance(x, y, score_cutoff=2)
    if edits <= 1 or (edits == 2 and min(len(x), len(y)) >= 6 and x[-1] == y[-1]):
        return True   # one slip, or two in a long word that still ends the same ("prqvate" / "pricate")
    stem = len(os.path.commonprefix([x, y]))
    if stem >= 3 and ((x[stem:], y[stem:]) in _ENDING_PAIRS or (y[stem:], x[stem:]) in _ENDING_PAIRS):
        return True   # "criteri|on" / "criteri|a", "ind|ex" / "ind|ices", "dialog" / "dialog|ue"
    return stem >= 4 and x[stem:] in _WORD_ENDINGS and y[stem:] in _WORD_ENDINGS


def _behind_other_prefixes(x: str, y: str) -> bool:
    """"un|supervised" / "supervised", "max|imization" / "min|imization", "micro|scopic" /
    "macro|scopic": one rest of three letters or more behind two different prefixes."""
    for head in _PREFIXES:
        if x.startswith(head) and len(x) - len(head) >= 3:
            rest = x[len(head):]
            if y.endswith(rest) and y[:len(y) - len(rest)] in _PREFIXES and y[:len(y) - len(rest)] != head:
                return True
    return False


# Prefixes that make another word of a word (often its opposite), and "" for the bare word.
_PREFIXES = frozenset("""un non a an in im ir il dis de anti re pre post co counter semi sub super over under
multi uni bi mono poly homo hetero micro macro inter intra on off up down out ex en syn auto max min maxi mini
hyper hypo""".split()) | {""}
# What follows a word's stem in its other forms: "quer-y"/"quer-ies", "distribut-ed"/"distribut-ion".
_WORD_ENDINGS = frozenset("""s es ed d ing ings ion ions ation ations ment ments al ally ly er ers or ors ity ities
ies y e ive ives ic ics ical ness ize izes ized izing ise ises ised ising ization isation able ability ably ure ures
ance ence ant ent ism isms ist ists""".split()) | {""}
# Endings that make another form of a word only with each other: Latin and Greek plurals, spellings
# ("maxim|um" / "maxim|al" are two words, "optim|um" / "optim|a" one).
_ENDING_PAIRS = frozenset({("um", "a"), ("on", "a"), ("x", "ces"), ("ix", "ices"), ("ex", "ices"), ("ue", ""),
                           ("me", "")})


def _pair_abbreviations(side: list[str], other: list[str], other_only: list[str]) -> None:
    """"B2B" = "business-to-business", "P2P" = "peer to peer"."""
    for word in list(side):
        match = _X2Y_RE.match(word)
        if not match:
            continue
        for x, to, y in zip(other, other[1:], other[2:]):
            if to == "to" and x[0] == match.group(1) and y[0] == match.group(2):
                side.remove(word)
                for part in (x, y):
                    if part in other_only:
                        other_only.remove(part)
                break


def word_difference(ka: str, kb: str) -> tuple[list[str], list[str]]:
    """The content words each title has that the other lacks, once typos, other forms of a word
    and joined words ("VideoAnywhere" / "Video anywhere") are paired up."""
    wa, wb = content_words(ka), content_words(kb)
    if wa == wb or sorted(wa) == sorted(wb):
        return [], []
    only_a = list((Counter(wa) - Counter(wb)).elements())
    only_b = list((Counter(wb) - Counter(wa)).elements())
    _pair_abbreviations(only_a, kb.split(), only_b)
    _pair_abbreviations(only_b, ka.split(), only_a)
    for side, other, other_only in ((only_a, wb, only_b), (only_b, wa, only_a)):
        for word in list(side):
            for x, y in zip(other, other[1:]):      # "error-correcting" typed "erroracorrecting" too
                if x + y == word or (len(word) >= 8 and OSA.distance(x + y, word, score_cutoff=1) <= 1):
                    side.remove(word)
                    for part in (x, y):
                        if part in other_only:
                            other_only.remove(part)
                    break
    for word in list(only_a):
        match = next((x for x in only_b if _same_word(word, x)), None)
        if match is not None:
            only_a.remove(word)
            only_b.remove(match)
    return only_a, only_b


def is_generic(key: str) -> bool:
    """"Guest editorial", "Reminiscences on Influential Papers", "Machine learning": a title too
    short or too common to tell one paper from another by itself."""
    words = content_words(key)
    return len(words) <= 2 or all(w in GENERIC_WORDS for w in words)


_FUNCTION_WORDS_OF_VENUES = frozenset("of on the in for and at de des du la le".split())
# The words of a proceedings' title, which says its conference many ways ("In Proc. SIGMOD
# Conference" is "SIGMOD", "Advances in Neural Information ..." is NeurIPS)
_PROCEEDINGS_WORDS = frozenset("""proc proceedings conference conf symposium workshop workshops""".split())
# (a publisher's name, "International", "Annual" tell no venue either)
_GENERIC_VENUE_WORDS = _PROCEEDINGS_WORDS | frozenset("acm ieee international intl int annual".split())
_ADVANCES_RE = re.compile(r"\badvances in\b")     # "Advances in Neural Information ...": a proceedings' title
_LETTER_RUNS_RE = re.compile(r"(?<= )(?:[a-z] ){2,}")     # PubMed's "... Sci U S A" (not "Physical Review A")


def venues_differ(x: str, y: str) -> bool:
    """Two folded venues that surely name two places. Their distinctive words are compared as
    words, their beginnings ("mach learn" / "machine learning"), contractions ("natl") or the
    initials of a run of words ("tkde": Transactions on Knowledge and Data Engineering, "icml",
    "pvldb": Proc. VLDB, "neurips": Neural Information Processing Systems).

    Two journals' names must name each other whole and in order: "Nature" is not "Nature Physics",
    "Stat. Comput." not "Comput. Stat.". A proceedings' name (with "Proceedings", "Conference",
    "Advances in"...) says its conference many ways: against another proceedings' name, or against
    the abbreviated name or acronym of one ("ICML", "SIGMOD Conference"), one side's words all in
    the other's are enough; but a journal's own words ("Machine Learning") are not a conference
    ("International Conference on Machine Learning"), and a workshop is not its conference."""
    if not x or not y or x == y:
        return False
    wx, wy = ([w for w in _LETTER_RUNS_RE.sub(" ", f" {_ADVANCES_RE.sub(' ', v)} ").split() if not w.isdigit()
               and w not in _FUNCTION_WORDS_OF_VENUES] for v in (x, y))
    if ("workshop" in wx or "workshops" in wx) != ("workshop" in wy or "workshops" in wy):
        return True
    # distinctive words; a name of generic words only ("Proceedings of the IEEE") is all distinctive
    generic_only = [not [w for w in words if w not in _GENERIC_VENUE_WORDS] for words in (wx, wy)]
    cx, cy = ([w for w in words if w not in _GENERIC_VENUE_WORDS and not _own_acronym(w, v.split())] or words
              for words, v in ((wx, x), (wy, y)))
    x_hits, y_hits = {w: _named(w, wy) for w in cx}, {w: _named(w, wx) for w in cy}
    px, py = (bool(_ADVANCES_RE.search(v)) or not _PROCEEDINGS_WORDS.isdisjoint(words)
              for v, words in ((x, wx), (y, wy)))
    if (px or py) and not any(generic_only):
        if px and py:
            return not (all(x_hits.values()) or all(y_hits.values()))
        plain, hits, other = (cx, x_hits, wy) if py else (cy, y_hits, wx)
        # the plain side must shorten the proceedings' name (an acronym, beginnings), not be words of it
        shortened = len(plain) == 1 or any(hits[w] != {w} or _pieces(w, other) for w in plain)
        return not (shortened and all(hits.values()))
    covered_x, covered_y = set().union(*y_hits.values()), set().union(*x_hits.values())
    if not (all(x_hits[w] or w in covered_x for w in cx) and all(y_hits[w] or w in covered_y for w in cy)):
        return True
    if len(cx) == len(cy) and all(x_hits.values()) and all(y_hits.values()):      # each word its own: in order
        return not all(b in x_hits[a] for a, b in zip(cx, cy))
    return False


def _own_acronym(word: str, words: list[str]) -> bool:
    """"tods" in "acm transactions on database systems tods": the name's own initials, said twice
    (its function words among them: Transactions On Database Systems)."""
    others = [w for w in words if w != word]
    return _ACRONYM_LENGTHS[0] <= len(word) <= _ACRONYM_LENGTHS[1] and word.isalpha() and bool(_pieces(word, others))


def _named(word: str, words: list[str]) -> set[str]:
    """The words of ``words`` that ``word`` names: one it begins or abbreviates ("mach", "natl"),
    or a run whose initials and beginnings it is ("tkde", "pvldb")."""
    named = {w for w in words if w == word or _abbreviation(word, w) or _abbreviation(w, word)
             or _contraction(word, w)}
    return named or (_pieces(word, words) if _ACRONYM_LENGTHS[0] <= len(word) <= _ACRONYM_LENGTHS[1]
                     and word.isalpha() else set())


_ACRONYM_LENGTHS = (3, 7)      # "ACL", "TKDE", "NeurIPS"; not "statistics" spelled "statistic" + "s"


def _abbreviation(short: str, word: str) -> bool:
    """"mach" for "machine", "j" for "journal": a beginning two letters short at least ("cell"
    is not "cells")."""
    return len(word) - len(short) >= 2 and word.startswith(short)


def _contraction(short: str, word: str) -> bool:
    """PubMed's "natl" for "national", "intl" for "international": the same first and last
    letters, and the others in order."""
    if not 3 <= len(short) <= 5 or short[0] != word[0] or short[-1] != word[-1] or len(word) - len(short) < 3:
        return False
    rest = iter(word[1:])
    return all(letter in rest for letter in short[1:])


def _pieces(word: str, words: list[str]) -> set[str]:
    """The words of ``words`` whose beginnings, one after another, make ``word`` as an acronym does
    (at least two of them): initials, whole words, and one longer beginning at most ("neur|i|p|s",
    "p|vldb"; "co|ling" from Computational Linguistics is a blend, not an acronym)."""
    @lru_cache(maxsize=None)
    def fits(at: int, start: int, partial: bool) -> tuple[int, ...] | None:
        if at == len(word):
            return ()
        for k in range(start, len(words)):
            for n in range(1, min(len(words[k]), len(word) - at) + 1):     # initials first
                longer = 1 < n < len(words[k])
                if (longer and partial) or not word.startswith(words[k][:n], at):
                    continue
                if (rest := fits(at + n, k + 1, partial or longer)) is not None:
                    return (k, *rest)
        return None
    used = fits(0, 0, False)
    return {words[k] for k in used} if used is not None and len(used) >= 2 else set()


def _online_first(a: CleanPaper, b: CleanPaper) -> bool:
    """A year apart, the earlier without a volume or both in one volume: an article online first,
    then in print (the editors' next year's editorial, without a volume, is another)."""
    if abs(int(a.year) - int(b.year)) != 1:
        return False
    earlier, later = (a, b) if a.year < b.year else (b, a)
    return bool(later.issue[0]) and earlier.issue[0] in ("", later.issue[0])


def _issues_differ(x: tuple[str, str, str], y: tuple[str, str, str]) -> bool:
    """Two volumes, or, in one volume, two numbers (a double issue "2/3" is both) or first pages
    (an early-access record's placeholder pages, without a volume, say nothing)."""
    (vx, nx, px), (vy, ny, py) = x, y
    if vx and vy and vx != vy:
        return True
    numbers_differ = bool(nx and ny) and not set(nx.split()) & set(ny.split())
    return bool(vx) and vx == vy and (numbers_differ or bool(px and py and px != py))


def _strong_authors(a: CleanPaper, b: CleanPaper) -> bool:
    """Enough people in common to tell two papers with a generic title are one: everyone on the
    shorter list, and at least two people when both lists have two or more."""
    overlap = author_overlap(a, b)
    if not overlap or overlap < 1.0:
        return False
    shared = round(overlap * min(len(a.surnames), len(b.surnames)))
    return shared >= 2 or (len(a.surnames) == 1 and len(b.surnames) == 1)


def _leading_insertion(shorter: str, longer: str, extras: list[str]) -> bool:
    """Does the longer title put words of its own in front of the shorter one's ("Noise-tolerant
    instance-based learning algorithms" / "Instance-based learning algorithms")?"""
    first = next(iter(content_words(shorter)), "")
    words = content_words(longer)
    return bool(words and first and words[0] != first and words[0] in extras and not _same_word(words[0], first))


def compare_titles(a: CleanPaper, b: CleanPaper, rarity=None, recurring: frozenset[str] = frozenset()) -> Evidence:
    """The merge rule for two titled items: the titles without their decorations must name the same
    work (no word of one replaced by another, no quantity changed, nothing added in front, the same
    main title before a subtitle), and the authors must not contradict it; a title that only
    contains the other, a generic title, or one without authors on one side needs more.

    ``rarity`` (word -> weight, e.g. inverse document frequency) weighs how much a longer title
    adds: a shorter title inside a longer one counts only when it carries most of the weight.
    An identical DOI is enough on its own; two different DOIs are two publications. So are an
    identical arXiv id (the title may change between arXiv versions) and two different ones."""
    ka, kb = a.core_key or a.title_key, b.core_key or b.title_key
    if a.doi and b.doi:
        same = a.doi == b.doi
        return Evidence(0, 0, fuzz.ratio(ka, kb), author_overlap(a, b), None, same,
                        SAME_DOI if same else "different DOIs")
    if a.preprint_doi and a.preprint_doi == b.preprint_doi:     # a preprint retitled between its versions
        return Evidence(0, 0, fuzz.ratio(ka, kb), author_overlap(a, b), None, True, SAME_DOI)
    if a.arxiv and b.arxiv:
        same = a.arxiv == b.arxiv
        return Evidence(0, 0, fuzz.ratio(ka, kb), author_overlap(a, b), None, same,
                        SAME_ARXIV if same else "different arXiv ids")
    ka, kb = _join_lone_letters(ka, kb)      # "Don't" / "Dont", "e-mail" / "email"
    score = fuzz.ratio(ka, kb)
    shorter, longer = (ka, kb) if len(ka) <= len(kb) else (kb, ka)
    shorter_cut = _cut_short(a if shorter == ka else b)
    cut_start = shorter_cut and _starts(longer, shorter)   # "...: the challenge of ..."
    # "TinyDB" / "TinyDB: An Acquisitional Query Processing System ...": the main title alone
    longer_main = a.main_key if longer == ka else b.main_key
    main_only = bool(longer_main) and longer_main == shorter and bool(content_words(shorter)) and not all(
        w in GENERIC_WORDS for w in content_words(shorter))      # ("Editorial: Special issue on ..." is another)
    contained = cut_start or main_only or score < 95 and len(content_words(shorter)) >= 2 and fuzz.token_set_ratio(
        ka, kb, score_cutoff=100) == 100
    if score < NEAR_MISS_TITLE and not contained:
        return Evidence(0, 0, score, None, None, False, "different titles")
    overlap = author_overlap(a, b)
    both_authors = overlap is not None

    def no(reason: str) -> Evidence:
        return Evidence(0, 0, score, overlap, None, False, reason)

    if score < 80 and not contained:
        return no("similar but different titles")

    numbers_a, numbers_b = map(title_numbers, _join_lone_letters(a.title_key, b.title_key))
    if numbers_a and numbers_b and numbers_a != numbers_b:
        return no("different numbers or letters in the titles (Part 1 / Part 2, TPC-C / TPC-D)")
    if numbers_a and numbers_b:     # the same numbers, maybe written two ways: "Part II" / "part 2"
        a_shorter = shorter == ka
        ka, kb = _digits(ka), _digits(kb)
        shorter, longer = (ka, kb) if a_shorter else (kb, ka)
    words_a, words_b = a.title_key.split(), b.title_key.split()
    if len(words_a) == len(words_b) and any(x != y and len(x) == len(y) == 1 and x.isalpha() and y.isalpha()
                                            for x, y in zip(words_a, words_b)):
        return no("different letters in the titles (Vitamin A / Vitamin D)")
    if a.year and b.year and abs(int(a.year) - int(b.year)) > 1:
        return no("different years")
    if cut_start:     # the word the listing cut ("causal struc...") is already checked by _starts
        trimmed = shorter.rsplit(" ", 1)[0]
        only_a, only_b = word_difference(trimmed, kb) if shorter == ka else word_difference(ka, trimmed)
    else:
        only_a, only_b = word_difference(ka, kb)
    if only_a and only_b and _typing_slip(ka, kb, only_a, only_b):
        only_a = only_b = []      # "Monitoring XML Daa on the Web", "... the Ne wBottleneck: ..."
    if only_a and only_b:
        return no(f"{DIFFERENT_WORDS} ({' '.join(only_a[:3])} / {' '.join(only_b[:3])})")
    main_ka, main_kb = _join_lone_letters(a.main_key, b.main_key)
    main_a, main_b = word_difference(main_ka, main_kb) if a.main_key and b.main_key else ([], [])
    if (main_a or main_b) and not _typing_slip(main_ka, main_kb, main_a, main_b):
        return no("different main titles before the subtitle")
    extras = only_a or only_b
    if extras and shorter_cut and not cut_start:
        return no("a title cut short (\"...\") that does not start the other")
    if extras and _leading_insertion(shorter, longer, extras):
        return no("words added in front of the other title")
    if moved_words(ka, kb):
        return no("reworded title (words moved)")
    generic = is_generic(shorter)
    if not extras and overlap == 0:
        return no("same title but no author in common")
    if generic and not both_authors and (a.surnames or b.surnames) and not (a.abstract_key and b.abstract_key) and (
            shorter in recurring or all(w in GENERIC_WORDS for w in content_words(shorter))):
        return no("generic title, authors unknown on one side")     # which "Editor's Notes" is it?
    if generic and both_authors:
        if not _strong_authors(a, b):
            return no("generic title without the same authors")
        if venues_differ(a.venue, b.venue):
            return no("generic title in different venues")
        if a.year and b.year and a.year != b.year and not _online_first(a, b):
            return no("generic title in different years")
        if _issues_differ(a.issue, b.issue):
            return no("generic title in different issues or pages")    # two editorials of one volume
    if not extras:
        if not both_authors and min(len(a.abstract_key), len(b.abstract_key)) >= MIN_ABSTRACT:
            abstract = compare_abstracts(a, b, limit=200)   # revised versions keep the opening sentence
            if abstract < NEAR_MISS_ABSTRACT:
                return Evidence(0, 0, score, overlap, abstract, False, "same title but different abstracts")
        if score >= 90 or both_authors:   # the same words, one of them mistyped
            return Evidence(0, 0, score, overlap, None, True,
                            "same title" + (", shared authors" if both_authors else ", authors unknown on one side"))
        return no(NO_AUTHORS)
    # one title adds words to the other: a subtitle, a truncation, a word inserted
    weigh = rarity or (lambda word: 1.0)
    subtitle = Counter(content_words(longer)) - Counter(content_words(longer_main)) if longer_main else Counter()
    added = list((Counter(extras) - subtitle).elements())   # words the longer adds outside its subtitle
    short_words = content_words(shorter)
    # a subtitle dropped, or the rest of a title the listing cut
    prefix = cut_start or len(short_words) >= 4 and content_words(longer)[:len(short_words)] == short_words
    if added and not prefix and len(short_words) <= 3:
        return no("a short title inside a longer one")   # "Multivariate decision trees" / "... versus univariate ..."
    if added and title_numbers(" ".join(added)):
        return no("a number only one title has (a sequel or a part)")   # "Genetic programming II"
    if not _FOLLOW_UP_WORDS.isdisjoint(extras):
        return no("a follow-up of the other (\"... revisited\")")
    if not generic and not prefix and sum(map(weigh, added)) > sum(map(weigh, short_words)):
        return no("the longer title is mostly words of its own")
    if both_authors and overlap >= 0.5:
        return Evidence(0, 0, score, overlap, None, True,
                        ("one title contains the other" if contained else "close title") + " and shared authors")
    return no("close title but too few shared authors" if both_authors else NO_AUTHORS)


def _typing_slip(ka: str, kb: str, only_a: list[str], only_b: list[str]) -> bool:
    """Two long titles alike but for a slip of the keyboard: a space moved ("an dNSF", "Ne
    wBottleneck"), or in one word a letter dropped, added, changed or two swapped ("XML Daa",
    "Inetrnational"). Not another word: "online"/"offline", "supervised"/"unsupervised" differ
    by two letters, "TPC-C"/"TPC-D" in a word of one, "cost"/"host" in a first letter."""
    if min(len(ka), len(kb)) < 25:
        return False
    joined_a, joined_b = ka.replace(" ", ""), kb.replace(" ", "")
    if joined_a == joined_b or _lost_ligature(joined_a, joined_b) or _lost_ligature(joined_b, joined_a):
        return True
    if len(only_a) != 1 or len(only_b) != 1 or OSA.distance(joined_a, joined_b, score_cutoff=1) > 1:
        return False
    x, y = sorted((only_a[0], only_b[0]), key=len)   # "2D"/"3D", "L1"/"L2", "RAM"/"PRAM", "cut"/"cat",
    if len(x) <= 4 and (y.startswith(x) or y.endswith(x)):   # "RDF"/"RDFS", "LTL"/"LTLf" are other words
        return False
    if (x in _PREFIXES and y in _PREFIXES) or _behind_other_prefixes(x, y) or _behind_other_prefixes(y, x):
        return False                                         # "Microscopic" / "Macroscopic"
    return x.isalpha() and y.isalpha() and len(x) >= 3 and len(y) >= 4 and x[0] == y[0]


def _join_lone_letters(ka: str, kb: str) -> tuple[str, str]:
    """Both keys with a lone letter joined to its neighbour where the other title writes them as
    one word: "e mail" / "email", "can t" / "cant" (a prefix letter or a contraction's, not a
    quantity)."""
    def joined(key: str, other: str) -> str:
        known, out = set(other.split()), []
        for word in key.split():
            if out and (len(out[-1]) == 1 or len(word) == 1) and out[-1] + word in known:
                out[-1] += word
            else:
                out.append(word)
        return " ".join(out)
    return joined(ka, kb), joined(kb, ka)


def _lost_ligature(shorter: str, longer: str) -> bool:
    """"di erential" / "differential": text copied from a PDF loses its ligatures (ff, fi, fl)."""
    if len(longer) - len(shorter) not in (2, 3):
        return False
    i = len(os.path.commonprefix([shorter, longer]))
    return any(longer[i:i + len(lig)] == lig and longer[:i] + longer[i + len(lig):] == shorter
               for lig in ("ffi", "ffl", "ff", "fi", "fl"))


def _cut_links(items: list[CleanPaper], title_keys: list[str], partners: dict[int, set[int]]
               ) -> tuple[dict[int, set[int]], frozenset[int]]:
    """Titles cut short ("... Information System ...") and the partners whose titles they start,
    both ways (to compare even when little of the title is left, which the title score alone
    would not), and the cut titles that start two papers with other words ("Efficient algorithms
    for mining ..."): which one the listing cut cannot be told, so those join neither."""
    links: dict[int, set[int]] = defaultdict(set)
    started: dict[int, list[int]] = defaultdict(list)
    for a, others in partners.items():        # partners holds each pair once
        for b in others:
            for cut, other in ((a, b), (b, a)):
                if _cut_short(items[cut]) and _starts(title_keys[other], title_keys[cut]):
                    links[cut].add(other)
                    links[other].add(cut)
                    if not _cut_short(items[other]):
                        started[cut].append(other)
    ambiguous = frozenset(cut for cut, full in started.items() if any(
        _other_words(title_keys[x], title_keys[y]) for n, x in enumerate(full) for y in full[n + 1:]))
    return links, ambiguous


def _other_words(ka: str, kb: str) -> bool:
    """Each title has words the other lacks (not typos, not other forms of a word)."""
    only_a, only_b = word_difference(ka, kb)
    return bool(only_a and only_b) and not _typing_slip(ka, kb, only_a, only_b)


def _cut_short(item: CleanPaper) -> bool:
    """"RoadRunner: automatic data extraction from ...": a title a listing cut to fit."""
    return item.title.rstrip().endswith(("...", "…"))


def _starts(longer: str, shorter: str) -> bool:
    """Does the cut title ``shorter`` start ``longer``? Only when enough of it is left to tell
    one paper from another: three words ("Towards ..." starts every "Towards" paper)."""
    return len(content_words(shorter)) >= 3 and _starts_with_words(longer, shorter)


def _starts_with_words(longer: str, shorter: str) -> bool:
    """Do the words of ``shorter`` start ``longer`` (a typo or another form of a word allowed in
    each, one small word for another: "on"/"of"), the last one perhaps cut in the middle?"""
    words, others = shorter.split(), longer.split()
    if not words or len(others) < len(words) or not others[len(words) - 1].startswith(words[-1]):
        return False
    unlike = [(x, y) for x, y in zip(words[:-1], others) if x != y and not _same_word(x, y)]
    return not unlike or (len(unlike) == 1 and all(w in _TITLE_STOP for w in unlike[0]))   # "und"/"and"


def _close_partners(title_keys: list[str], a: int, partners: set[int]) -> list[int]:
    """The partners of ``a`` that ``compare_titles`` can do more with than say "different titles":
    a title score of at least NEAR_MISS_TITLE, or one title's words all in the other
    (``token_set_ratio`` is 100 exactly then). Most pairs share only a surname or a word."""
    others = sorted(partners)
    choices = [title_keys[b] for b in others]
    query = title_keys[a]
    found = {i for _, _, i in process.extract(query, choices, scorer=fuzz.ratio, score_cutoff=NEAR_MISS_TITLE,
                                              limit=None)}
    found.update(i for _, _, i in process.extract(query, choices, scorer=fuzz.token_set_ratio, score_cutoff=100,
                                                  limit=None))
    return [others[i] for i in sorted(found)]


def _judge_titles(items: list[CleanPaper], title_keys: list[str], partners: dict[int, set[int]], a: int,
                  rarity=None, recurring: frozenset[str] = frozenset(),
                  cut_links: tuple[dict[int, set[int]], frozenset[int]] = ({}, frozenset())) -> list[Evidence]:
    """``compare_titles`` on ``a`` and each of its close partners (and the titles a cut title
    starts, see ``_cut_links``); only what is worth keeping: merges and near misses."""
    kept = []
    close = _close_partners(title_keys, a, partners[a])
    links, ambiguous = cut_links
    if links.get(a):
        close = sorted(set(close) | (links[a] & partners[a]))
    if _identifier_keys(items[a]):   # one DOI or arXiv id is one paper, whatever its titles say
        ids = set(_identifier_keys(items[a]))
        close = sorted(set(close) | {b for b in partners[a] if ids & set(_identifier_keys(items[b]))})
    for b in close:
        ev = compare_titles(items[a], items[b], rarity, recurring)
        if ev.merged and (a in ambiguous or b in ambiguous) and title_keys[a] != title_keys[b]:
            ev = replace(ev, merged=False, reason="a title cut short that starts several papers")
        if ev.merged or ev.title_score >= NEAR_MISS_TITLE or (ev.title_score >= 60 and (ev.author_overlap or 0) > 0):
            kept.append(Evidence(a, b, ev.title_score, ev.author_overlap, None, ev.merged, ev.reason))
    return kept


def compare_abstracts(a: CleanPaper, b: CleanPaper, limit: int = 600) -> float:
    """Similarity of the common opening of two abstracts (dumps truncate them at different points)."""
    length = min(len(a.abstract_key), len(b.abstract_key), limit)
    if length < MIN_ABSTRACT:
        return 0.0
    return fuzz.ratio(a.abstract_key[:length], b.abstract_key[:length])


MAX_CONTRADICTING = 0.2   # share of pairs across two groups that may contradict (noisy versions of one paper)


def check_across(items: list[CleanPaper], left: list[int], right: list[int], rarity=None, cap: int = 30,
                 recurring: frozenset[str] = frozenset()
                 ) -> tuple[Evidence | None, int, int, int]:
    """Before two groups are joined, every pair across them is checked, not only the pair that
    matched (average linkage): when more than a fifth of them contradict (different words, no
    author in common, another number...), the groups stay apart, so one link never chains two
    papers together, while one garbled version among many does not split a paper. A pair that
    only lacks evidence (no authors on one side) contradicts nothing. Returns (the first
    contradiction when it keeps the groups apart, else None; pairs checked; pairs that are the
    same paper on their own; pairs that contradict)."""
    checked = agreeing = contradicting = 0
    first: Evidence | None = None
    for i in left[:cap]:
        for j in right[:cap]:
            a, b = items[i], items[j]
            checked += 1
            if not a.title_key or not b.title_key:
                if a.surnames and b.surnames and author_overlap(a, b) == 0:
                    contradicting += 1
                    first = first or Evidence(i, j, 0.0, 0.0, None, False, "no author in common")
                continue
            ev = compare_titles(a, b, rarity, recurring)
            if ev.merged:
                agreeing += 1
            elif ev.reason != NO_AUTHORS:
                contradicting += 1
                first = first or Evidence(i, j, ev.title_score, ev.author_overlap, ev.abstract_score, False, ev.reason)
    keep_apart = contradicting > MAX_CONTRADICTING * checked or contradicting > agreeing
    return (first if keep_apart else None), checked, agreeing, contradicting


def title_rarity(keys: list[str]):
    """Word -> weight: inverse document frequency over these title keys (rare words weigh more)."""
    df: Counter[str] = Counter()
    for key in keys:
        df.update(set(content_words(key)))
    total = len(keys) + 1
    return lambda word: math.log(total / (1 + df.get(word, 0))) + 1.0


def _label(item: CleanPaper) -> str:
    return item.source or f"entry {item.anchor}"


def cluster_papers(items: list[CleanPaper], jobs: int = 1) -> PaperClusters:
    """Group items that are the same paper. Items with an ``anchor`` (existing entries) never
    merge with each other. A titleless item joins a titled group only on abstract evidence.

    With ``jobs`` > 1 the title comparisons run in forked workers; the groups are the same.
    """
    n = len(items)
    uf = _UnionFind(n, [item.anchor for item in items])
    evidence: list[Evidence] = []
    near: list[Evidence] = []
    titled = [i for i in range(n) if items[i].title_key]
    untitled = [i for i in range(n) if not items[i].title_key and items[i].abstract_key]

    # 1. titled items: block on the two rarest title words and on the whole title
    df: Counter[str] = Counter()
    token_lists = {i: _title_tokens(items[i].core_key or items[i].title_key) for i in titled}
    for i in titled:
        df.update(set(token_lists[i]))
    keys: list[list[str]] = [[] for _ in range(n)]
    for i in titled:
        # the two rarest words that some other title shares (a word seen once pairs with nothing)
        rare = sorted((t for t in set(token_lists[i]) if df[t] > 1), key=lambda t: (df[t], t))[:2]
        core = items[i].core_key or items[i].title_key
        keys[i] = (["t:" + items[i].title_key, "t:" + core, "p:" + " ".join(core.split()[:4])]
                   + (["q:" + " ".join(core.split()[-4:])] if len(core.split()) > 6 else [])   # a typo up front
                   + ["w:" + t for t in rare] + ["s:" + s for s in sorted(set(items[i].surnames))[:3]]
                   + _identifier_keys(items[i]))
    title_keys = [item.core_key or item.title_key for item in items]
    partners = _partners(keys, title_keys)
    rarity = title_rarity([title_keys[i] for i in titled])
    recurring = _recurring_titles(items, title_keys, titled)
    cut_links = _cut_links(items, title_keys, partners)
    decisions: list[tuple[float, int, int, Evidence]] = []
    judged = parallel.map_items(
        lambda a: _judge_titles(items, title_keys, partners, a, rarity, recurring, cut_links),
        sorted(partners), jobs, min_items=2)
    for kept in judged:
        for ev in kept:
            if ev.merged:
                # the strongest evidence first: an identical DOI, then the closest titles
                decisions.append((-(1000.0 if ev.reason in (SAME_DOI, SAME_ARXIV) else ev.title_score), ev.left,
                                  ev.right, ev))
            else:
                near.append(ev)
    del judged, partners
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    for _, a, b, ev in sorted(decisions, key=lambda d: d[:3]):
        ra, rb = uf.find(a), uf.find(b)
        checked = agreeing = contradicting = 0
        if ra != rb and (len(members[ra]) > 1 or len(members[rb]) > 1):
            conflict, checked, agreeing, contradicting = check_across(items, members[ra], members[rb], rarity,
                                                                      recurring=recurring)
            if conflict is not None:
                reason = ("would join papers with no author in common" if conflict.author_overlap == 0 else
                          f"would join {_label(items[conflict.left])} and {_label(items[conflict.right])}, "
                          f"which are not the same paper: {conflict.reason}")
                near.append(Evidence(a, b, ev.title_score, ev.author_overlap, None, False, reason))
                continue
        joined = uf.union(a, b)
        if joined:
            evidence.append(replace(ev, checked=checked, agreeing=agreeing, contradicting=contradicting))
            root = uf.find(a)
            members[root] = members[root] + members.pop(rb if root == ra else ra)
        elif joined is False:
            near.append(Evidence(a, b, ev.title_score, ev.author_overlap, None, False,
                                 "would join two existing entries"))

    # 2. titleless items: joined to each other and to titled items by their abstracts only
    with_abstract = [i for i in range(n) if items[i].abstract_key]
    akeys: list[list[str]] = [[] for _ in range(n)]
    for i in with_abstract:
        words = items[i].abstract_key.split()
        akeys[i] = ["a:" + " ".join(words[:8])] + ["b:" + " ".join(words[k:k + 3]) for k in (8, 16)]
    untitled_set = set(untitled)
    best: dict[int, tuple[float, int]] = {}
    abstract_sort = [item.abstract_key for item in items]
    for a, b in _candidate_pairs(akeys, abstract_sort):
        if a not in untitled_set and b not in untitled_set:
            continue
        score = compare_abstracts(items[a], items[b])
        if score >= ABSTRACT_MERGE:
            if a in untitled_set and b in untitled_set:
                if uf.union(a, b):
                    evidence.append(Evidence(a, b, 0.0, None, score, True, "same abstract, both without title"))
            else:
                loose, anchor = (a, b) if a in untitled_set else (b, a)
                if score > best.get(loose, (0.0, -1))[0] or (score == best[loose][0] and anchor < best[loose][1]):
                    best[loose] = (score, anchor)
        elif score >= NEAR_MISS_ABSTRACT:
            near.append(Evidence(a, b, 0.0, None, score, False, "similar abstract opening"))
    joined_to: dict[int, tuple[float, int, int]] = {}
    for loose, (score, titled_item) in best.items():
        root = uf.find(loose)
        current = joined_to.get(root)
        if current is None or (score, -titled_item) > (current[0], -current[1]):
            joined_to[root] = (score, titled_item, loose)
    for root, (score, titled_item, loose) in sorted(joined_to.items()):
        if uf.union(loose, titled_item):
            evidence.append(Evidence(loose, titled_item, 0.0, None, score, True, "same abstract as a titled record"))

    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[uf.find(i)].append(i)
    ordered = sorted(groups.values(), key=lambda g: g[0])
    merged_pairs = {(e.left, e.right) for e in evidence}
    near = [e for e in near if uf.find(e.left) != uf.find(e.right) and (e.left, e.right) not in merged_pairs]
    near.sort(key=lambda e: (e.left, e.right))
    evidence.sort(key=lambda e: (e.left, e.right))
    return PaperClusters(ordered, evidence, near)


def _recurring_titles(items: list[CleanPaper], title_keys: list[str], titled: list[int]) -> frozenset[str]:
    """Titles a column prints again and again ("Statement from the Treasurer"): printed with
    authors who have no one in common, three times or more. "Random forests" printed three times
    by Breiman (on three members' pages) is one paper."""
    by_title: dict[str, list[int]] = defaultdict(list)
    for i in titled:
        by_title[title_keys[i]].append(i)
    recurring = set()
    for key, members in by_title.items():
        authored = [set(items[i].surnames) for i in members if items[i].surnames]
        if len(members) >= 3 and any(not (x & y) for n, x in enumerate(authored) for y in authored[n + 1:]):
            recurring.add(key)
    return frozenset(recurring)


def _probe_keys(item: CleanPaper, common: set[str]) -> set[str]:
    words = item.title_key.split()
    core = item.core_key or item.title_key
    keys = {"t:" + item.title_key, "t:" + core, "p:" + " ".join(core.split()[:4])} if words else set()
    keys |= {"w:" + t for t in _title_tokens(core) if t not in common}
    keys |= {"w:" + t for t in _title_tokens(item.title_key) if t not in common}
    keys |= {"s:" + s for s in item.surnames}
    if item.abstract_key:
        keys.add("a:" + " ".join(item.abstract_key.split()[:8]))
    keys |= set(_identifier_keys(item))
    return keys


def _identifier_keys(item: CleanPaper) -> list[str]:
    """A record's identifiers as blocking keys: its DOI (a preprint server's too), its arXiv id."""
    return [key for key in ("d:" + item.doi if item.doi else "", "d:" + item.preprint_doi if item.preprint_doi else "",
                            "x:" + item.arxiv if item.arxiv else "") if key]


def relevant_anchors(new: list[CleanPaper], anchors: list[CleanPaper], common_share: float = 0.01) -> list[CleanPaper]:
    """The existing entries that could match a new record at all (sharing a title, its opening
    words, a not-too-common title word, a surname or an abstract opening), so that a few new
    records are not clustered against every entry of a large site."""
    if not anchors:
        return []
    df: Counter[str] = Counter()
    for anchor in anchors:
        df.update(set(_title_tokens(anchor.title_key)))
    limit = max(50, int(len(anchors) * common_share))
    common = {t for t, n in df.items() if n > limit}
    wanted: set[str] = set()
    for item in new:
        wanted |= _probe_keys(item, common)
    return [a for a in anchors if _probe_keys(a, common) & wanted]


# ---------------------------------------------------------------- people


@dataclass(frozen=True)
class PersonLink:
    a: str
    b: str
    reason: str


@dataclass
class PeopleClusters:
    person_of: dict[str, int]                       # display name -> person index
    members: list[list[str]]                        # person index -> display names
    anchors: list[str]                              # person index -> existing author id or ""
    links: list[PersonLink] = field(default_factory=list)
    ambiguous: list[PersonLink] = field(default_factory=list)


def cluster_people(names: list[str], paper_groups: list[list[tuple[str, ...]]],
                   existing: dict[str, list[str]] | None = None,
                   author_lists: list[tuple[str, ...]] = ()) -> PeopleClusters:
    """Group name spellings into people.

    - the same folded name ("Remi Munos", "Rémi Munos") is one person;
    - two names on one of ``author_lists`` (each record's authors) are two people, whatever
      follows ("J. Kim" and "J.-H. Kim", "Y. Wang" and "Yu Wang" of one paper);
    - within one surname, compatible given names ("M. G." / "Mohammad Gheshlaghi") join
      unless the shorter form also fits someone else (then it is reported as ambiguous);
    - inside one paper, two spellings in the same author slot with a close first name
      ("Jochen"/"Joachen") join: the paper is the evidence.
    ``existing`` maps author ids to their known spellings; two existing people never merge.
    """
    existing = existing or {}
    forms = sorted(set(names) | {n for spellings in existing.values() for n in spellings})
    index = {form: i for i, form in enumerate(forms)}
    anchors = [""] * len(forms)
    for author_id in sorted(existing):
        for spelling in existing[author_id]:
            anchors[index[spelling]] = anchors[index[spelling]] or author_id
    uf = _UnionFind(len(forms), anchors)
    links: list[PersonLink] = []
    ambiguous: list[PersonLink] = []
    for author_id in sorted(existing):
        spellings = existing[author_id]
        for other in spellings[1:]:
            uf.union(index[spellings[0]], index[other])

    by_key: dict[str, list[int]] = defaultdict(list)
    for i, form in enumerate(forms):
        by_key[name_key(form)].append(i)
    for members in by_key.values():
        for other in members[1:]:
            if uf.union(members[0], other):
                links.append(PersonLink(forms[members[0]], forms[other], "same name once accents and case are ignored"))
    uf.keep_apart([[index[n] for n in authors if n in index] for authors in author_lists])

    by_surname: dict[str, dict[str, tuple[str, ...]]] = defaultdict(dict)   # block -> name key -> given names
    double: dict[str, set[str]] = defaultdict(set)     # block -> the names read there as a double surname
    umlauts: dict[str, set[str]] = defaultdict(set)    # block -> the names read there as "ue" for "ü"
    key_form: dict[str, int] = {}
    for key, members in sorted(by_key.items()):
        parts = split_name(forms[members[0]])
        if parts.surname and parts.given:
            # compatible given names share their first letter (or a nickname's formal name's):
            # block on surname + that letter; a double surname may be written with a space as
            # well as a hyphen ("Johan Samir Obando Ceron" / "Johan Obando-Ceron"), so a last
            # given name that is a whole word is also read as the surname's first half
            readings = [(parts.surname, parts.given, "")]
            if len(parts.given) >= 2 and len(parts.given[-1]) > 1:
                readings.append((parts.given[-1] + parts.surname, parts.given[:-1], " ".join(parts.given[-1:])))
            if umlaut_written_out(parts.surname):      # "Mueller" may be "Müller" printed without umlauts
                readings.append((umlaut_written_out(parts.surname), parts.given, "ü"))
            for surname, given, first_half in readings:
                for letter in sorted(given_initials(given)):
                    by_surname[surname + " " + letter].setdefault(key, given)
                    if first_half == "ü":
                        umlauts[surname + " " + letter].add(key)
                    elif first_half:
                        double[surname + " " + letter].add(key)
            key_form[key] = members[0]
    for block_key, block in by_surname.items():
        if len(block) < 2:
            continue
        keys, given = list(block), block

        def agree(k: str, o: str) -> bool:
            a, b = forms[key_form[k]], forms[key_form[o]]
            if not given_compatible(given[k], given[o]) or compound_given_apart(a, b):
                return False
            # "Mueller" joins "Müller", printed with its umlaut, and another "Mueller"; not "Muller"
            # ("Rueda" is no "Rüda")
            written_out = umlauts[block_key]
            return all(_UMLAUT_RE.search(y) or other in written_out
                       for x, y, other in ((k, b, o), (o, a, k)) if x in written_out)

        compatible = {k: {o for o in keys if o != k and agree(k, o)} for k in keys}
        for i, k in enumerate(keys):
            for o in keys[i + 1:]:
                if o not in compatible[k]:
                    continue
                conflict = [x for x in compatible[k] | compatible[o] if x not in (k, o)
                            and not (x in compatible[k] and x in compatible[o])]
                if conflict:
                    ambiguous.append(PersonLink(forms[key_form[k]], forms[key_form[o]],
                                                "could also be " + ", ".join(forms[key_form[x]] for x in sorted(conflict))))
                    continue
                if uf.union(key_form[k], key_form[o]):
                    nick = given[k][0] != given[o][0] and len(given[k][0]) > 1 and len(given[o][0]) > 1
                    links.append(PersonLink(forms[key_form[k]], forms[key_form[o]],
                                            "one double surname, with and without its hyphen; the given names agree"
                                            if {k, o} & double[block_key] else
                                            "an umlaut written out (ü as ue); the given names agree"
                                            if {k, o} & umlauts[block_key] else
                                            "nickname and formal name, the rest agrees" if nick
                                            else "initials or middle names agree"))

    for group in paper_groups:
        for x, first in enumerate(group):
            for second in group[x + 1:]:
                for a, b in _slot_links(first, second):
                    if uf.find(index[a]) != uf.find(index[b]) and uf.union(index[a], index[b]):
                        links.append(PersonLink(a, b, "same author of the same paper, spelled differently"))

    roots: dict[int, list[str]] = defaultdict(list)
    for i, form in enumerate(forms):
        roots[uf.find(i)].append(form)
    members = sorted(roots.values(), key=lambda m: m[0])
    person_of = {form: p for p, group in enumerate(members) for form in group}
    person_anchor = [next((anchors[index[f]] for f in group if anchors[index[f]]), "") for group in members]
    return PeopleClusters(person_of, members, person_anchor, links, ambiguous)


_UMLAUT_RE = re.compile("[äöüÄÖÜ]")


def _slot_links(first: tuple[str, ...], second: tuple[str, ...]) -> list[tuple[str, str]]:
    """Names of two versions of one paper that can only be the same person."""
    out = []
    keys_second = {name_key(n) for n in second}
    for a in first:
        if name_key(a) in keys_second:
            continue
        pa = split_name(a)
        candidates = []
        for b in second:
            pb = split_name(b)
            if not pa.given or not pb.given:
                continue
            same_surname = pa.surname == pb.surname
            close_surname = _surname_match(pa.surname, pb.surname)
            full_a = {g for g in pa.given if len(g) > 1}
            full_b = {g for g in pb.given if len(g) > 1}
            # in one paper, the same surname and first initial is one person ("Avi" / "Abraham"
            # Silberschatz, "Jochen" / "Joachen"), unless the other version has two such people
            close_given = given_compatible(pa.given, pb.given) or pa.given[0][0] == pb.given[0][0] or (
                bool(full_a and full_b) and (full_a <= full_b or full_b <= full_a))   # "M. Tamer" / "Tamer"
            # "Zhang Wei" / "Wei Zhang": a two-word name printed in the other order
            swapped = len(pa.given) == len(pb.given) == 1 and len(pa.given[0]) > 1 and \
                (pa.given[0], pa.surname) == (pb.surname, pb.given[0])
            if (same_surname and close_given) or (close_surname and given_compatible(pa.given, pb.given)) or swapped:
                candidates.append(b)
        if len(candidates) == 1:
            out.append((a, candidates[0]))
    return out


# ---------------------------------------------------------------- the entry point


@dataclass
class Matching:
    """The matcher's answer (``match_records``): ``items`` are the new items followed by the
    existing entries that could match them; ``papers.groups`` are groups of indexes into
    ``items`` (a group holding an item with an ``anchor`` is that existing entry), and
    ``papers.evidence`` / ``papers.near_misses`` say why each join was made or not;
    ``people`` groups every author spelling into people (``people.anchors``: existing author ids)."""

    items: list[CleanPaper]
    papers: PaperClusters
    people: PeopleClusters

    @property
    def new(self) -> int:
        """How many of ``items`` are new (the rest are existing entries)."""
        return sum(1 for item in self.items if not item.anchor)


def match_records(new: list[CleanPaper], anchors: list[CleanPaper], people: dict[str, list[str]] | None = None,
                  more_names: tuple[str, ...] = (), jobs: int = 1, min_items: int = 0) -> Matching:
    """Deduplicate new records among themselves and against existing entries: the one matcher
    of ingest, for any front end (a dump, a BibTeX or RIS import).

    ``new``: items made with ``normalise.make_item`` (``source`` set; ``year``, ``venue`` and
    ``doi`` when the front end knows them: an identical DOI is enough to merge, two DOIs are
    two papers, a year or venue that differs keeps generic titles apart). ``anchors``: the
    existing entries as items with ``anchor`` set to their id (at most one entry per group).
    ``people``: existing author id -> known spellings (name, then aliases); ``more_names``:
    other spellings to place (a profile page's member). ``jobs`` > 1 compares titles in forked
    workers once there are ``min_items`` items; the answer is the same.
    """
    items = list(new) + relevant_anchors(new, anchors)
    papers = cluster_papers(items, jobs if len(items) >= min_items else 1)
    names = sorted({a for item in items for a in item.authors} | set(more_names))
    # every version of a paper, the entry the site has among them, tells who its authors are
    versions = [[items[i].authors for i in group] for group in papers.groups if any(items[i].record for i in group)]
    return Matching(items, papers, cluster_people(names, [v for v in versions if len(v) > 1], people or {},
                                                  [item.authors for item in items]))
