"""Decide which records are the same paper and which names are the same person.

Pure functions over ``CleanPaper`` items. Nothing is compared all-pairs: papers
are blocked on their rarest title words (and abstracts on their opening words),
people on their surname. Every decision is kept as ``Evidence`` for the review
report, including near-misses that were *not* merged.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

import re
from difflib import SequenceMatcher

from rapidfuzz import fuzz, process

from .. import parallel
from .normalise import FUNCTION_WORDS, CleanPaper, given_compatible, name_key, split_name

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


@dataclass
class PaperClusters:
    groups: list[list[int]]                         # item indexes, each group sorted
    evidence: list[Evidence] = field(default_factory=list)
    near_misses: list[Evidence] = field(default_factory=list)


class _UnionFind:
    def __init__(self, n: int, anchors: list[str]):
        self.parent = list(range(n))
        self.anchor = list(anchors)

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
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.anchor[ra] = self.anchor[ra] or self.anchor[rb]
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
    ta, tb = ka.split(), kb.split()
    deleted: list[str] = []
    inserted: list[str] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, ta, tb, autojunk=False).get_opcodes():
        if op == "delete":
            deleted.extend(ta[i1:i2])
        elif op == "insert":
            inserted.extend(tb[j1:j2])
    return any(len(x) > 3 and len(y) > 3 and (x[:5] == y[:5] or fuzz.ratio(x, y) >= 80)
               for x in deleted for y in inserted)


_NUMBER_RE = re.compile(r"\b\d+\b")


def compare_titles(a: CleanPaper, b: CleanPaper) -> Evidence:
    """The merge rule for two titled items. Title similarity alone is enough only when it is
    near-identical and the authors do not contradict it; looser titles need author support."""
    ka, kb = a.title_key, b.title_key
    score = fuzz.ratio(ka, kb)
    shorter = ka if len(ka) <= len(kb) else kb
    contained = score < 80 and len(shorter.split()) >= 3 and fuzz.token_set_ratio(ka, kb, score_cutoff=100) == 100
    if score < NEAR_MISS_TITLE and not contained:
        return Evidence(0, 0, score, None, None, False, "different titles")
    overlap = author_overlap(a, b)
    both_authors = overlap is not None
    numbers_a, numbers_b = _NUMBER_RE.findall(ka), _NUMBER_RE.findall(kb)
    if numbers_a and numbers_b and numbers_a != numbers_b:
        return Evidence(0, 0, score, overlap, None, False, "different numbers in the titles (Part 1 / Part 2)")
    if score >= 95:
        if overlap == 0:
            return Evidence(0, 0, score, overlap, None, False, "same title but no author in common")
        if not both_authors and min(len(a.abstract_key), len(b.abstract_key)) >= MIN_ABSTRACT:
            abstract = compare_abstracts(a, b, limit=200)   # revised versions keep the opening sentence
            if abstract < NEAR_MISS_ABSTRACT:
                return Evidence(0, 0, score, overlap, abstract, False, "same title but different abstracts")
        return Evidence(0, 0, score, overlap, None, True,
                        "same title" + (", shared authors" if both_authors else ", authors unknown on one side"))
    if score >= 80 or contained:
        if moved_words(ka, kb):
            return Evidence(0, 0, score, overlap, None, False, "reworded title (words moved)")
        if both_authors and overlap >= 0.5:
            return Evidence(0, 0, score, overlap, None, True,
                            ("one title contains the other" if contained else "close title") + " and shared authors")
        return Evidence(0, 0, score, overlap, None, False,
                        "close title but " + ("too few shared authors" if both_authors else "no authors to confirm"))
    return Evidence(0, 0, score, overlap, None, False, "similar but different titles")


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


def _judge_titles(items: list[CleanPaper], title_keys: list[str], partners: dict[int, set[int]], a: int
                  ) -> list[Evidence]:
    """``compare_titles`` on ``a`` and each of its close partners; only what is worth keeping:
    merges and near misses."""
    kept = []
    for b in _close_partners(title_keys, a, partners[a]):
        ev = compare_titles(items[a], items[b])
        if ev.merged or ev.title_score >= NEAR_MISS_TITLE or (ev.title_score >= 60 and (ev.author_overlap or 0) > 0):
            kept.append(Evidence(a, b, ev.title_score, ev.author_overlap, None, ev.merged, ev.reason))
    return kept


def compare_abstracts(a: CleanPaper, b: CleanPaper, limit: int = 600) -> float:
    """Similarity of the common opening of two abstracts (dumps truncate them at different points)."""
    length = min(len(a.abstract_key), len(b.abstract_key), limit)
    if length < MIN_ABSTRACT:
        return 0.0
    return fuzz.ratio(a.abstract_key[:length], b.abstract_key[:length])


def _author_conflict(items: list[CleanPaper], left: list[int], right: list[int], cap: int = 50) -> bool:
    """Would joining these two groups put records with no author in common into one paper?

    Guards against a chain: a record without authors matching two same-titled papers by
    different people ("Guest editorial") must not merge those two papers.
    """
    known_left = [i for i in left[:cap] if items[i].surnames]
    known_right = [j for j in right[:cap] if items[j].surnames]
    return any(author_overlap(items[i], items[j]) == 0 for i in known_left for j in known_right)


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
    token_lists = {i: _title_tokens(items[i].title_key) for i in titled}
    for i in titled:
        df.update(set(token_lists[i]))
    keys: list[list[str]] = [[] for _ in range(n)]
    for i in titled:
        # the two rarest words that some other title shares (a word seen once pairs with nothing)
        rare = sorted((t for t in set(token_lists[i]) if df[t] > 1), key=lambda t: (df[t], t))[:2]
        keys[i] = (["t:" + items[i].title_key, "p:" + " ".join(items[i].title_key.split()[:4])]
                   + ["w:" + t for t in rare] + ["s:" + s for s in sorted(set(items[i].surnames))[:3]])
    title_keys = [item.title_key for item in items]
    partners = _partners(keys, title_keys)
    decisions: list[tuple[float, int, int, Evidence]] = []
    judged = parallel.map_items(lambda a: _judge_titles(items, title_keys, partners, a), sorted(partners), jobs,
                                min_items=2)
    for kept in judged:
        for ev in kept:
            if ev.merged:
                decisions.append((-ev.title_score, ev.left, ev.right, ev))
            else:
                near.append(ev)
    del judged, partners
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    for _, a, b, ev in sorted(decisions, key=lambda d: d[:3]):
        ra, rb = uf.find(a), uf.find(b)
        if ra != rb and _author_conflict(items, members[ra], members[rb]):
            near.append(Evidence(a, b, ev.title_score, ev.author_overlap, None, False,
                                 "would join papers with no author in common"))
            continue
        joined = uf.union(a, b)
        if joined:
            evidence.append(ev)
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


def _probe_keys(item: CleanPaper, common: set[str]) -> set[str]:
    words = item.title_key.split()
    keys = {"t:" + item.title_key, "p:" + " ".join(words[:4])} if words else set()
    keys |= {"w:" + t for t in _title_tokens(item.title_key) if t not in common}
    keys |= {"s:" + s for s in item.surnames}
    if item.abstract_key:
        keys.add("a:" + " ".join(item.abstract_key.split()[:8]))
    return keys


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
                   existing: dict[str, list[str]] | None = None) -> PeopleClusters:
    """Group name spellings into people.

    - the same folded name ("Remi Munos", "Rémi Munos") is one person;
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

    by_surname: dict[str, list[str]] = defaultdict(list)
    key_form: dict[str, int] = {}
    for key, members in sorted(by_key.items()):
        parts = split_name(forms[members[0]])
        if parts.surname and parts.given:
            # compatible given names share their first letter: block on surname + that letter
            by_surname[parts.surname + " " + parts.given[0][0]].append(key)
            key_form[key] = members[0]
    for keys in by_surname.values():
        if len(keys) < 2:
            continue
        given = {k: split_name(forms[key_form[k]]).given for k in keys}
        compatible = {k: {o for o in keys if o != k and given_compatible(given[k], given[o])} for k in keys}
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
                    links.append(PersonLink(forms[key_form[k]], forms[key_form[o]], "initials or middle names agree"))

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
            close_given = given_compatible(pa.given, pb.given) or (
                pa.given[0][0] == pb.given[0][0] and fuzz.ratio(pa.given[0], pb.given[0]) >= 75) or (
                bool(full_a and full_b) and (full_a <= full_b or full_b <= full_a))   # "M. Tamer" / "Tamer"
            if (same_surname and close_given) or (close_surname and given_compatible(pa.given, pb.given)):
                candidates.append(b)
        if len(candidates) == 1:
            out.append((a, candidates[0]))
    return out
