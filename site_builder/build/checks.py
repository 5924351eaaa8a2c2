"""The checks across entries, once every file is read: names, duplicates, portraits, ids.

Each file's own checks are the schema's (loader.py); these need several files
at once. They never stop at the first problem, and they see entries with
errors too, so that one mistake does not hide another.
"""
from __future__ import annotations

import bisect
import operator
import os
import posixpath
import re
from pathlib import Path

from .. import schema as S
from ..errors import ERROR, WARNING, Problem
from ..model import Author, Content
from ..text import cached_name_key, strip_accents   # the rules build and ingest use: check warns exactly where they differ
from .work import Step, Work

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
LANG = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")


def across_files(loaded, work: Work | None = None) -> list[Problem]:
    """Every problem only several entries together show (``loaded``: what loader.load read)."""
    lines = loaded.content.lines
    paper_lines = {p.id: lines.get(p.path, {}) for p in loaded.papers}
    author_lines = {a.id: lines.get(a.path, {}) for a in loaded.authors}
    owner, known, clashes = name_owners(loaded.authors, author_lines)
    return (clashes + paper_name_problems(loaded.papers, owner, known, paper_lines)
            + check_duplicate_papers(loaded.papers, paper_lines, work=work, title_keys=loaded.title_keys)
            + unsafe_ids(loaded.content) + news_links(loaded) + member_roles(loaded))


def _did_you_mean(wrong: str, known) -> str:
    import difflib

    close = difflib.get_close_matches(wrong, sorted(known), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def news_links(loaded) -> list[Problem]:
    """Each news item's papers and people must be entries of the site (by id)."""
    problems: list[Problem] = []
    papers = {p.id: p for p in loaded.papers}
    people = {a.id for a in loaded.authors}
    for item in loaded.news or ():
        lines = loaded.content.lines.get(item.path, {})
        for field, ids, known, folder in (("papers", item.papers, papers, "papers"),
                                          ("people", item.people, people, "authors")):
            item_lines = lines.get(f"{field}[]", ())
            for index, linked in enumerate(ids):
                line = item_lines[index] if index < len(item_lines) else lines.get(field, 1)
                what = "paper" if field == "papers" else "person"
                if linked not in known:
                    hint = _did_you_mean(linked, known) or f"write the file name of an entry in {folder}/, without .yaml"
                    problems.append(Problem(item.path, line, f"unknown {what} '{linked}' in '{field}'", ERROR, hint))
                elif field == "papers" and not known[linked].published:
                    problems.append(Problem(item.path, line, f"paper '{linked}' is a draft: the news item will not "
                                            "link to it", WARNING, "publish the paper, or remove it from papers"))
    return problems


def member_roles(loaded) -> list[Problem]:
    """When site.yaml lists the lab's roles, a member's role must be one of them (by id or name)."""
    roles = loaded.content.site.roles
    if not roles:
        return []
    problems: list[Problem] = []
    ids = [role_id for role_id, _ in roles]
    for author in loaded.authors:
        if not author.member or not author.role or S.find_role(roles, author.role):
            continue
        line = loaded.content.lines.get(author.path, {}).get("role", 0)
        names = {name: role_id for role in roles for name in S.role_names(role) for role_id in (role[0],)}
        close = _did_you_mean(author.role.casefold(), names)
        hint = f"did you mean '{names[close.split(chr(39))[1]]}'?" if close else f"use one of: {', '.join(ids)}"
        problems.append(Problem(author.path, line, f"role '{author.role}' is not one of the roles in site.yaml",
                                ERROR, hint + "; or add it to roles in site.yaml"))
    return problems


def check_portrait(root: Path, portrait: str, shown: str, line: int, entry_dir: Path | None = None) -> list[Problem]:
    """A portrait must be an existing image file inside content/, and no symlink may lead out of it."""
    if not portrait:
        return []
    if portrait.startswith(("/", "\\")) or re.match(r"[A-Za-z]:[\\/]", portrait):
        return [Problem(shown, line, f"portrait path '{portrait}' is absolute", ERROR,
                        "write it relative to content/, e.g. authors/jane-doe.jpg")]
    parts = re.split(r"[\\/]", portrait)
    if ".." in parts:
        return [Problem(shown, line, f"portrait path '{portrait}' escapes content/", ERROR,
                        "put the image inside content/, e.g. content/authors/, and write authors/<file>")]
    target = root / portrait
    real_root = os.path.realpath(root)
    real = os.path.realpath(target)
    if os.path.lexists(target) and os.path.commonpath([real_root, real]) != real_root:
        return [Problem(shown, line, f"portrait '{portrait}' is a link to a file outside content/", ERROR,
                        "copy the image into content/ instead of linking to it")]
    if not target.exists():
        hint = "put the image in content/ and write its path relative to content/"
        folder = target.parent
        beside = entry_dir / portrait if entry_dir else None
        if beside is not None and beside.is_file() and os.path.realpath(beside).startswith(real_root + os.sep):
            rel = os.path.relpath(beside, root).replace(os.sep, "/")
            hint = f"did you mean '{rel}'? the path is relative to content/, not to this file"
        elif folder.is_dir():
            import difflib
            names = [e.name for e in os.scandir(folder) if e.name.lower().endswith(S.PORTRAIT_EXTENSIONS)]
            close = difflib.get_close_matches(target.name, names, n=1, cutoff=0.6)
            close = close or [n for n in names if n.lower() == target.name.lower()]
            if close:
                rel = os.path.relpath(folder / close[0], root).replace(os.sep, "/")
                hint = f"did you mean '{rel}'?"
        return [Problem(shown, line, f"portrait file not found: {portrait}", ERROR, hint)]
    if not target.is_file():
        return [Problem(shown, line, f"portrait '{portrait}' is not a file", ERROR, "")]
    if portrait.lower().endswith(".svg"):
        return [Problem(shown, line, f"portrait '{portrait}' is an SVG drawing, which could run scripts on the site",
                        ERROR, "export it as PNG, JPEG or WebP")]
    if not portrait.lower().endswith(S.PORTRAIT_EXTENSIONS):
        return [Problem(shown, line, f"portrait '{portrait}' is not an image", ERROR,
                        f"use one of: {', '.join(S.PORTRAIT_EXTENSIONS)}")]
    return []      # what the file holds: build/images.py decodes it


def link_file(root: Path, target: str) -> tuple[str, str]:
    """(the real path of a link's file under content/files/, or "", and why not: "" when it is fine)."""
    folder = os.path.realpath(root / S.FILES_FOLDER)
    path = root / target
    real = os.path.realpath(path)
    if not os.path.lexists(path):
        return "", "missing"
    if os.path.commonpath([folder, real]) != folder or real == folder:
        return "", "outside"
    if not os.path.isfile(real):
        return "", "not a file"
    return real, ""


def check_link_files(root: Path, paper, shown: str, lines: tuple[int, ...]) -> list[Problem]:
    """Each of a paper's links to a file must lead to a file inside content/files/ (schema.py has
    checked the path's form: files/<name>, no ..): no symlink may lead out of it."""
    problems = []
    extra = 0
    for index, link in enumerate(paper.links):
        if link.kind == S.EXTRA_LINKS:
            extra += 1
        if not link.is_file:
            continue
        where = f"links.{link.kind}" + (f"[{extra}].url" if link.kind == S.EXTRA_LINKS else "")
        line = lines[index] if index < len(lines) else 0
        real, why = link_file(root, link.target)
        if why == "missing":
            hint = f"put the file in content/{S.FILES_FOLDER}/ or correct the path"
            folder = (root / link.target).parent
            if folder.is_dir():
                import difflib
                names = sorted(e.name for e in os.scandir(folder) if e.is_file())
                close = difflib.get_close_matches(os.path.basename(link.target), names, n=1, cutoff=0.6)
                if close:
                    hint = f"did you mean '{posixpath.join(posixpath.dirname(link.target), close[0])}'?"
            problems.append(Problem(shown, line, f"'{where}': file not found: {link.target}", ERROR, hint))
        elif why == "outside":
            problems.append(Problem(shown, line, f"'{where}': {link.target} is a link to a file outside "
                                    f"content/{S.FILES_FOLDER}/", ERROR,
                                    f"copy the file into content/{S.FILES_FOLDER}/ instead of linking to it"))
        elif why:
            problems.append(Problem(shown, line, f"'{where}': {link.target} is not a file", ERROR,
                                    "a link leads to one file, not a folder"))
    return problems


# "- Rémi Munos\n   - Michal Valko" (a mis-indented list) reads as one name "Rémi Munos - Michal Valko";
# real names have hyphens without spaces around them
RUN_TOGETHER = re.compile(r"\S\s+-\s+\S")
_by_id = operator.attrgetter("id")


def check_author_names(papers, authors, paper_lines, author_lines) -> list[Problem]:
    """Warn about names on papers that no author entry claims, suggesting the closest ones."""
    owner, known, problems = name_owners(authors, author_lines)
    return problems + paper_name_problems(papers, owner, known, paper_lines)


def name_owners(authors, author_lines) -> tuple[dict[str, Author], dict[str, str], list[Problem]]:
    """(name key -> the author it names, name key -> the spelling to suggest, names two people use)."""
    problems: list[Problem] = []
    known: dict[str, str] = {}
    owner: dict[str, Author] = {}
    for author in sorted(authors, key=_by_id):      # the later id is the one reported
        for spelling in (author.name, *author.aliases):
            key = cached_name_key(spelling)
            if key in owner and owner[key].id != author.id:
                other = owner[key]
                line = author_lines.get(author.id, {}).get("name", 0)
                problems.append(Problem(author.path, line,
                                        f"name '{spelling}' is also used by {other.path}", WARNING,
                                        "the same person? merge the two entries; if not, keep this spelling on one of them only"))
                continue
            owner[key] = author
            known.setdefault(key, author.name)
    return owner, known, problems


def paper_name_problems(papers, owner: dict[str, Author], known: dict[str, str], paper_lines) -> list[Problem]:
    """The names on these papers that are two names run together, the same person twice, or nobody known."""
    key_of = cached_name_key     # the same names recur on many papers, and link keys them too
    problems: list[Problem] = []
    if not papers:
        return problems
    # 45,000 names on 10,000 papers are 6,000 spellings: what a spelling says is decided once,
    # and a paper whose names are all distinct people known by these spellings is passed in C.
    verdicts = _Verdicts(key_of, owner)
    blocks: dict[str, set[str]] | None = None
    cache: dict[str, str] = {}
    for paper in papers:
        people = list(map(verdicts.__getitem__, paper.authors))
        if None not in people and len(set(people)) == len(people):
            continue
        item_lines = paper_lines.get(paper.id, {}).get("authors[]", ())
        people_here: dict[str, str] = {}     # author id -> the first spelling on this paper
        for index, name in enumerate(paper.authors):
            run_together, person, key = verdicts.facts[name]
            if person is not None and not run_together:
                first = people_here.setdefault(person.id, name)
                if first == name:   # the exact same spelling twice is reported by the schema
                    continue
            line = item_lines[index] if index < len(item_lines) else 0
            if run_together:
                problems.append(Problem(paper.path, line, f"author '{name}' looks like two names run together",
                                        ERROR, "put each '- name' on its own line, all at the same indentation"))
            elif person is not None:
                problems.append(Problem(paper.path, line,
                                        f"'{first}' and '{name}' are the same person ({person.path})",
                                        WARNING, "list each author once"))
            else:
                if key not in cache:
                    if blocks is None:
                        blocks = {}
                        for known_key in known:
                            for token in known_key.split():
                                blocks.setdefault(token[:3], set()).add(known_key)
                    cache[key] = _closest_names(key, known, blocks)
                hint = cache[key] or "add an author entry, or add this spelling to an author's aliases"
                problems.append(Problem(paper.path, line, f"author '{name}' matches no author entry", WARNING, hint))
    return problems


class _Verdicts(dict):
    """name on a paper -> the id of the one person it names cleanly, or None (unknown, or two
    names run together). ``facts``: name -> (run together?, its owner, its key)."""

    def __init__(self, key_of, owner: dict[str, Author]):
        super().__init__()
        self.key_of, self.owner, self.facts = key_of, owner, {}

    def __missing__(self, name: str) -> str | None:
        key = self.key_of(name)
        run_together, person = RUN_TOGETHER.search(name) is not None, self.owner.get(key)
        self.facts[name] = (run_together, person, key)
        self[name] = verdict = person.id if person is not None and not run_together else None
        return verdict


def _closest_names(key: str, known: dict[str, str], blocks: dict[str, set[str]]) -> str:
    candidates = set()
    for token in key.split():
        candidates |= blocks.get(token[:3], set())
    if not candidates:
        return ""
    from rapidfuzz import fuzz, process

    ranked = process.extract(key, sorted(candidates), scorer=fuzz.WRatio, limit=3, score_cutoff=75)
    names = []
    for match, _score, _ in ranked:
        if known[match] not in names:
            names.append(known[match])
    if not names:
        return ""
    return "did you mean " + " or ".join(f"'{n}'" for n in names) + "? if so, add this spelling to its aliases"


_WORD = re.compile(r"[a-z0-9]+")
_NUMBER = re.compile(r"[0-9]+")


def title_key(title: str) -> str:
    plain = strip_accents(title).casefold()
    return " ".join(_WORD.findall(plain))


def check_duplicate_papers(papers, paper_lines, threshold: float = 95.0, work: Work | None = None,
                           title_keys: dict[str, str] | None = None) -> list[Problem]:
    """Warn about papers whose titles are (nearly) the same.

    Blocking keeps this linear: titles are only compared within groups sharing
    their first or last 12 characters, so one typo anywhere still meets its twin.
    Within a group, only titles with the same numbers ("Part 1" and "Part 2" are
    two papers) and lengths close enough to reach the threshold are compared:
    fuzz.ratio is 100 * (1 - distance / total length) and the distance is at
    least the difference in length.

    Each group is compared on its own (``ALIKE``, a step: after an edit, ``work``
    may answer the groups whose titles did not change from an earlier build).
    ``title_keys``: paper id -> its title_key, known already.
    """
    known = title_keys or {}
    keyed = [(known.get(p.id) or title_key(p.title), p) for p in papers if p.title]
    keyed = [(k, p) for k, p in keyed if k]
    papers_of: dict[str, list[int]] = {}          # title key -> indexes in keyed
    for index, (key, _) in enumerate(keyed):
        papers_of.setdefault(key, []).append(index)
    from rapidfuzz import fuzz

    groups = [(group, tuple(sorted(titles)), threshold) for group, titles in _title_groups(papers_of).items()
              if len(titles) > 1]
    pairs: dict[tuple[int, int], float] = {}
    for alike in (work or Work(1)).map(ALIKE, groups):
        for (x, y), score in alike:
            for a in papers_of[x]:
                for b in papers_of[y]:
                    pairs[min(a, b), max(a, b)] = score
    for key, indexes in papers_of.items():
        if len(indexes) > 1:
            score = fuzz.ratio(key, key, score_cutoff=threshold)
            if score:
                for i, a in enumerate(indexes):
                    for b in indexes[i + 1:]:
                        pairs[a, b] = score
    problems = []
    for (a, b), score in sorted(pairs.items()):
        first, second = sorted((keyed[a][1], keyed[b][1]), key=lambda p: p.id)
        line = paper_lines.get(second.id, {}).get("title", 0)
        same = "same title" if keyed[a][0] == keyed[b][0] else f"titles {score:.0f}% alike"
        problems.append(Problem(second.path, line, f"probable duplicate of {first.path}: {same}", WARNING,
                                "merge them into one entry, or make the titles tell them apart"))
    return problems


def _title_groups(keys) -> dict[tuple, list[str]]:
    """The groups a title is compared within: same numbers, and the same first or last 12 characters."""
    groups: dict[tuple, list[str]] = {}
    for key in keys:
        numbers = tuple(_NUMBER.findall(key))
        groups.setdefault((numbers, "head", key[:12]), []).append(key)
        groups.setdefault((numbers, "tail", key[-12:]), []).append(key)
    return groups


def _stretch(threshold: float) -> float:
    """How many times longer than another a title can be and still be this alike (fuzz.ratio)."""
    return (200.0 - threshold) / threshold if 0 < threshold <= 100 else float("inf")


def _pair(x: str, y: str) -> tuple[str, str]:
    return (x, y) if x < y else (y, x)


def _alike_within(titles: tuple[str, ...], threshold: float) -> tuple[tuple[tuple[str, str], float], ...]:
    """Every pair of these distinct titles (one blocking group) at least ``threshold`` alike:
    ((x, y) with x < y, score)."""
    from rapidfuzz import fuzz, process

    stretch = _stretch(threshold)
    alike: dict[tuple[str, str], float] = {}
    titles = sorted(titles, key=len)
    lengths = [len(t) for t in titles]
    for i, title in enumerate(titles):
        # one more than the longest title that can be this alike: safe from rounding
        end = bisect.bisect_right(lengths, lengths[i] * stretch + 1, i + 1)
        if end - i > 8:        # many to compare: one rapidfuzz call in C
            found = [(other, score) for other, score, _ in process.extract(
                title, titles[i + 1:end], scorer=fuzz.ratio, score_cutoff=threshold, limit=None)]
        else:
            found = [(other, fuzz.ratio(title, other, score_cutoff=threshold)) for other in titles[i + 1:end]]
        for other, score in found:
            if score:
                alike[_pair(title, other)] = score
    return tuple(sorted(alike.items()))


# One blocking group of titles: (its key, its titles, the threshold) -> its alike pairs.
ALIKE = Step("alike titles", lambda group: _alike_within(group[1], group[2]), key=lambda group: (group[0], group[1:]))


def unsafe_ids(content: Content) -> list[Problem]:
    """Ids become folder names: anything but a slug could escape output/ or clash."""
    problems = []
    for kind, entries in (("paper", content.papers), ("author", content.authors)):
        seen: set[str] = set()
        for entry in entries:
            if not SLUG.fullmatch(entry.id):
                problems.append(Problem(entry.path or entry.id, 0,
                                        f"{kind} id {entry.id!r} is not a lowercase slug [a-z0-9-]",
                                        hint="rename the file"))
            elif entry.id in seen:
                problems.append(Problem(entry.path or entry.id, 0, f"two {kind}s have the id {entry.id!r}"))
            seen.add(entry.id)
    for lang in content.site.languages:
        if not LANG.fullmatch(lang) or lang in ("static", "cite"):
            problems.append(Problem("site.yaml", 0, f"language {lang!r} is not a language code like 'en'"))
    if content.site.default_language not in content.site.languages:
        problems.append(Problem("site.yaml", 0,
                                f"default_language {content.site.default_language!r} is not one of languages"))
    return problems
