"""Load content/ YAML into the model, collecting every problem on the way.

Reading is the edge: bytes -> YAML nodes (with line numbers) -> ``schema.validate``
-> model dataclasses. Checks across files (ids, author names, duplicate
papers, portraits) run after every file is read. An entry with an error is
left out of the returned Content but reported; nothing stops at the first
problem.
"""
from __future__ import annotations

import bisect
import operator
import os
import re
import time
from pathlib import Path

from .. import parallel, schema as S
from ..errors import ERROR, WARNING, Problem
from ..model import Author, Content, Paper, Site
from ..settings import read_site
from ..text import cached_name_key, slugify, strip_accents   # the rules build and ingest use: check warns exactly where they differ

YAML_SUFFIXES = (".yaml", ".yml")


def _load_file(path: str | Path, shown: str, schema: S.FileSchema, memo: dict | None = None, now: int = 0):
    """Read and validate one file: (memo key, (file signature, (values or None, problems, line of
    each field, valid?))).

    With ``memo`` (what a previous build read, by file name), a file whose signature (size,
    times, inode) has not changed is not even opened: at 15,000 files, reading them all costs
    more than the rest of a one-file rebuild.
    """
    key = (shown, schema.kind)
    try:
        status = os.stat(path)
        signature = status_signature(status, now or time.time_ns())
        known = memo.get(key) if memo else None
        if known is not None and signature is not None and known[0] == signature:
            return key, known
        with open(path, "rb") as f:
            data = f.read()
    except OSError as exc:
        return None, (None, (None, [Problem(shown, 1, f"cannot read file: {exc.strerror}")], {}, False))
    return key, (signature, _parse_file(data, shown, schema))


RACY_NS = 2_000_000_000     # file times are coarse (a few ms): a file changed this recently is read again next time


def status_signature(status: os.stat_result, now: int) -> tuple | None:
    """What tells a changed file from an unchanged one without reading it, as git's index does;
    None (read it next time) for a file so fresh that a second edit could keep its times."""
    if status.st_ctime_ns > now - RACY_NS or status.st_mtime_ns > now - RACY_NS:
        return None
    return status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, status.st_dev


def _parse_file(data: bytes, shown: str, schema: S.FileSchema):
    checked = S.check_file(data, shown, schema)
    if checked.givens is None:
        return None, checked.problems, {}, False
    lines = {g.key: g.line for g in checked.givens if isinstance(g.key, str)}
    lines["authors[]"] = next((g.item_lines for g in checked.givens if g.key == "authors"), ())
    return checked.values, checked.problems, lines, checked.ok


# --------------------------------------------------------------------------
# A folder of entries
# --------------------------------------------------------------------------

def _holds_yaml(folder: str) -> bool:
    return any(name.lower().endswith(YAML_SUFFIXES) for _, _, names in os.walk(folder) for name in names)


def _inside(real_root: str, path: str) -> bool:
    real = os.path.realpath(path)
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


def _entries(folder: Path, shown_folder: str, kind: str, problems: list[Problem], real_root: str):
    """Yield (id, path, shown path) for each YAML file, reporting bad names and duplicate ids."""
    shown_folder = os.path.normpath(shown_folder)
    try:
        listing = sorted((e for e in os.scandir(folder) if not e.name.startswith(".")), key=lambda e: e.name)
    except FileNotFoundError:
        return
    except NotADirectoryError:
        problems.append(Problem(shown_folder, 0, "is a file, expected a folder of entries"))
        return
    seen: dict[str, str] = {}
    prefix = "" if shown_folder == os.curdir else os.path.join(shown_folder, "")    # already normal
    for entry in listing:
        name = entry.name
        shown = prefix + name          # as shown_path() makes it
        if entry.is_dir():
            if _holds_yaml(entry.path):
                problems.append(Problem(shown, 0, f"entries in a sub-folder of {kind}s are not read", ERROR,
                                        f"move its files up into {shown_folder}/"))
            continue
        stem, suffix = os.path.splitext(name)
        if suffix.lower() not in YAML_SUFFIXES:
            continue
        path = entry.path          # a str: 15,000 Path objects cost a tenth of a second
        if suffix not in YAML_SUFFIXES:
            problems.append(Problem(shown, 1, f"file extension '{suffix}' must be lowercase",
                                    ERROR, f"rename it to {stem}{suffix.lower()}"))
            continue
        if not valid_id(stem):
            suggestion = slugify(stem)
            hint = "ids are lowercase letters, digits and single hyphens"
            if suggestion:
                hint += f"; rename it to {suggestion}{suffix}"
            problems.append(Problem(shown, 1, f"file name '{stem}' is not a valid id", ERROR, hint))
            continue
        if entry.is_symlink() and not _inside(real_root, entry.path):
            problems.append(Problem(shown, 1, "is a link to a file outside content/", ERROR,
                                    "copy the entry into content/ instead of linking to it"))
            continue
        if stem in seen:
            problems.append(Problem(shown, 1, f"duplicate {kind} id '{stem}': {seen[stem]} has the same id",
                                    ERROR, "delete or rename one of the two files"))
            continue
        seen[stem] = shown
        yield stem, path, shown


def valid_id(stem: str) -> bool:
    return re.fullmatch(S.ID_PATTERN, stem) is not None


def shown_path(shown_root: str, folder: str, name: str) -> str:
    """How messages name the file ``name`` in ``folder`` (papers, authors) of the content folder
    given as ``shown_root``: as ``load_content`` shows it."""
    shown_folder = os.path.normpath(os.path.join(shown_root, folder))
    return name if shown_folder == os.curdir else os.path.join(shown_folder, name)


KNOWN_PLACES = {"papers", "authors", "ingest", "site.yaml", "site.yml"}


def _stray_entries(root: Path, shown_root: str) -> list[Problem]:
    """YAML where nothing reads it would silently vanish from the site: say so."""
    problems = []
    for entry in sorted(os.scandir(root), key=lambda e: e.name):
        if entry.name.startswith(".") or entry.name in KNOWN_PLACES:
            continue
        shown = os.path.normpath(os.path.join(shown_root, entry.name))
        if entry.is_dir() and _holds_yaml(entry.path):
            close = S.suggest(entry.name, ("papers", "authors"))
            hint = f"did you mean {os.path.normpath(os.path.join(shown_root, close))}/?" if close else \
                "papers go in papers/, people in authors/"
            problems.append(Problem(shown, 0, "entries in this folder are not read", ERROR, hint))
        elif entry.is_file() and entry.name.lower().endswith(YAML_SUFFIXES):
            problems.append(Problem(shown, 1, "not read: only site.yaml belongs directly in content/", ERROR,
                                    "papers go in papers/, people in authors/"))
    return problems


def read_paper(path: str, shown: str, entry_id: str) -> tuple[Paper | None, list[Problem], dict, bool]:
    """One paper file, as ``load_content`` reads it: (the paper, its problems, the line of each
    field, valid?); the checks across files are ``check_author_names`` and ``check_duplicate_papers``."""
    return _paper_from(_load_file(path, shown, S.PAPER)[1][1], entry_id, shown)


def read_author(path: str, shown: str, entry_id: str, root: Path) -> tuple[Author | None, list[Problem], dict, bool]:
    """One author file, as ``load_content`` reads it (its portrait checked too): (the author, its
    problems, the line of each field, valid?); names two people use are ``name_owners``'s."""
    return _author_from(_load_file(path, shown, S.AUTHOR)[1][1], entry_id, shown, path, root)


def _paper_from(loaded: tuple, entry_id: str, shown: str) -> tuple[Paper | None, list[Problem], dict, bool]:
    """What ``_load_file`` read of a paper file -> (the paper, or None when unreadable; problems, lines, valid?)."""
    values, problems, lines, ok = loaded
    paper = Paper(id=entry_id, path=shown, **_model_kwargs(values)) if values is not None else None
    return paper, problems, lines, ok


def _author_from(loaded: tuple, entry_id: str, shown: str, path, root: Path) -> tuple[Author | None, list[Problem], dict, bool]:
    """What ``_load_file`` read of an author file -> (the author, or None without a name; its
    problems with the portrait's, lines, valid?)."""
    values, problems, lines, ok = loaded
    if values is None or not values.get("name"):
        return None, problems, lines, False
    author = Author(id=entry_id, path=shown, **_model_kwargs(values))
    if author.portrait:
        problems = problems + check_portrait(root, author.portrait, shown, lines.get("portrait", 0), Path(path).parent)
    return author, problems, lines, ok and not any(p.is_error for p in problems)


def file_signature(path: str, now: int) -> tuple | None:
    """What ``load_content`` compares to tell whether a file changed (None: it cannot tell)."""
    try:
        return status_signature(os.stat(path), now)
    except OSError:
        return None


def _model_kwargs(values: dict) -> dict:
    return {k: ("" if v is None and k in ("title", "name") else v) for k, v in values.items()}


def _read_files(found: list[tuple[str, Path, str]], schema: S.FileSchema, jobs: int, memo: dict | None) -> list[tuple]:
    """_load_file for each (id, path, shown path), in order, on ``jobs`` processes (0: all cores)."""
    if memo is None:
        return parallel.map_items(lambda entry: _load_file(entry[1], entry[2], schema)[1][1], found, jobs)
    # Most files unchanged: a stat each is all they cost (and, with nothing to reuse, the other cores
    # read them).
    now = time.time_ns()
    loaded = parallel.map_items(lambda entry: _load_file(entry[1], entry[2], schema, memo["files"], now), found,
                                jobs if not memo["files"] else 1)
    used = memo.setdefault("used", {})
    used.update(item for item in loaded if item[0] is not None)
    return [result for _, (_, result) in loaded]


def load_content(root: str | Path, jobs: int = 1, memo: dict | None = None) -> tuple[Content, list[Problem]]:
    """Read and validate all of content/: (the valid entries, every problem found, sorted).

    ``memo``: {"files": {...}} from cache.load_memo; afterwards memo["used"] holds what this
    load read, for the next build.
    """
    shown_root = str(root)
    root = Path(root)
    problems: list[Problem] = []
    if not root.is_dir():
        what = "is not a folder" if root.exists() else "folder not found"
        return Content(site=Site(), root=shown_root), [
            Problem(os.path.normpath(shown_root), 0, f"content {what}", ERROR,
                    "pass the content folder with --content")]
    site, site_problems, _, _ = read_site(root)
    problems += site_problems
    real_root = os.path.realpath(root)
    problems += _stray_entries(root, shown_root)

    papers, readable_papers, paper_lines = [], [], {}
    found = list(_entries(root / "papers", os.path.join(shown_root, "papers"), "paper", problems, real_root))
    for (entry_id, path, shown), loaded in zip(found, _read_files(found, S.PAPER, jobs, memo)):
        paper, file_problems, lines, ok = _paper_from(loaded, entry_id, shown)
        problems += file_problems
        if paper is None:
            continue
        readable_papers.append(paper)       # cross-file checks see entries with errors too
        paper_lines[entry_id] = lines
        if ok:
            papers.append(paper)

    authors, named, author_lines = [], [], {}
    found = list(_entries(root / "authors", os.path.join(shown_root, "authors"), "author", problems, real_root))
    for (entry_id, path, shown), loaded in zip(found, _read_files(found, S.AUTHOR, jobs, memo)):
        author, file_problems, lines, ok = _author_from(loaded, entry_id, shown, path, root)
        problems += file_problems
        if author is None:
            continue
        named.append(author)           # an author with an error still owns its names: no cascade of warnings
        author_lines[entry_id] = lines
        if ok:
            authors.append(author)

    owner, known, clashes = name_owners(named, author_lines)      # (check_author_names, in two steps)
    problems += clashes + paper_name_problems(readable_papers, owner, known, paper_lines)
    if memo is None:
        problems += check_duplicate_papers(readable_papers, paper_lines)
    else:      # a new dict only when it changed: the memo's saver writes what is a new object
        before = memo.setdefault("checks", {}).get("duplicates", {})
        duplicates = dict(before)
        duplicate_problems = check_duplicate_papers(readable_papers, paper_lines, memo=duplicates)
        problems += duplicate_problems
        if any(duplicates.get(key) is not before.get(key) for key in duplicates.keys() | before.keys()):
            memo["checks"]["duplicates"] = duplicates
        # What a later build needs to redo these checks for a few edited papers (patch.py).
        memo["loaded"] = {"duplicates": duplicate_problems, "owner": owner, "known": known, "clashes": clashes,
                          "title_lines": {pid: lines.get("title", 0) for pid, lines in paper_lines.items()},
                          "author_lines": {pid: lines.get("authors[]", ()) for pid, lines in paper_lines.items()},
                          "name_lines": {aid: lines.get("name", 0) for aid, lines in author_lines.items()}}
    papers.sort(key=lambda p: p.id)       # by id, not file name: "x" before "x-2" whatever the suffix
    authors.sort(key=lambda a: a.id)
    content = Content(site=site, papers=tuple(papers), authors=tuple(authors), root=shown_root)
    return content, sorted(problems)


# --------------------------------------------------------------------------
# Checks across files
# --------------------------------------------------------------------------

def check_portrait(root: Path, portrait: str, shown: str, line: int, entry_dir: Path | None = None) -> list[Problem]:
    """A portrait must be an existing image inside content/, and no symlink may lead out of it."""
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
    if not portrait.lower().endswith(S.PORTRAIT_EXTENSIONS):
        return [Problem(shown, line, f"portrait '{portrait}' is not an image", ERROR,
                        f"use one of: {', '.join(S.PORTRAIT_EXTENSIONS)}")]
    if portrait.lower().endswith(".svg") and S.ACTIVE_SVG.search(target.read_bytes()):
        return [Problem(shown, line, f"portrait '{portrait}' is an SVG with scripts or links; "
                        "the site shows the placeholder instead", WARNING, "save the portrait as PNG, JPEG or WebP")]
    return []


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


def check_duplicate_papers(papers, paper_lines, threshold: float = 95.0, memo: dict | None = None,
                           title_keys: dict[str, str] | None = None) -> list[Problem]:
    """Warn about papers whose titles are (nearly) the same.

    Blocking keeps this linear: titles are only compared within groups sharing
    their first or last 12 characters, so one typo anywhere still meets its twin.
    Within a group, only titles with the same numbers ("Part 1" and "Part 2" are
    two papers) and lengths close enough to reach the threshold are compared:
    fuzz.ratio is 100 * (1 - distance / total length) and the distance is at
    least the difference in length.

    Whether two titles are alike depends on those two titles only, so ``memo``
    (what the previous call left in it: the titles it saw and the alike pairs
    among them) lets an edit compare just the titles that are new, against their
    groups; it is left holding this call's. ``title_keys``: title -> its title_key, known already.
    """
    known = title_keys or {}
    keyed = [(known.get(p.title) or title_key(p.title), p) for p in papers if p.title]
    keyed = [(k, p) for k, p in keyed if k]
    papers_of: dict[str, list[int]] = {}          # title key -> indexes in keyed
    for index, (key, _) in enumerate(keyed):
        papers_of.setdefault(key, []).append(index)
    from rapidfuzz import fuzz

    remembered = memo if memo is not None and memo.get("threshold") == threshold else {}
    seen, alike = remembered.get("titles", set()), remembered.get("alike", {})
    if not isinstance(seen, (set, frozenset)) or not isinstance(alike, dict):
        seen, alike = set(), {}        # not what this function leaves: compare everything
    fresh = [key for key in papers_of if key not in seen]
    if len(fresh) * 4 > len(papers_of):
        alike = _alike_titles(list(papers_of), threshold)
    elif fresh or len(seen) != len(papers_of):
        alike = {pair: score for pair, score in alike.items() if pair[0] in papers_of and pair[1] in papers_of}
        alike.update(_alike_to(fresh, list(papers_of), threshold))
    if memo is not None and (fresh or len(seen) != len(papers_of) or memo.get("threshold") != threshold):
        memo.clear()      # left as it was when the titles are: a saver can tell nothing changed
        memo.update(threshold=threshold, titles=set(papers_of), alike=alike)

    pairs: dict[tuple[int, int], float] = {}
    for (x, y), score in alike.items():
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


def _alike_titles(keys: list[str], threshold: float) -> dict[tuple[str, str], float]:
    """Every pair of these distinct titles at least ``threshold`` alike: (x, y) with x < y -> score."""
    from rapidfuzz import fuzz, process

    stretch = _stretch(threshold)
    alike: dict[tuple[str, str], float] = {}
    for titles in _title_groups(keys).values():
        if len(titles) < 2:
            continue
        titles.sort(key=len)
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
    return alike


def _alike_to(fresh: list[str], keys: list[str], threshold: float) -> dict[tuple[str, str], float]:
    """The pairs of ``_alike_titles(keys)`` with at least one title in ``fresh``."""
    from rapidfuzz import fuzz, process

    stretch = _stretch(threshold)
    heads, tails = {title[:12] for title in fresh}, {title[-12:] for title in fresh}
    groups = _title_groups([key for key in keys if key[:12] in heads or key[-12:] in tails])
    alike: dict[tuple[str, str], float] = {}
    for title in fresh:
        numbers = tuple(_NUMBER.findall(title))
        for group in ((numbers, "head", title[:12]), (numbers, "tail", title[-12:])):
            others = [other for other in groups[group] if other != title
                      and len(other) <= len(title) * stretch + 1 and len(title) <= len(other) * stretch + 1]
            for other, score, _ in process.extract(title, others, scorer=fuzz.ratio,
                                                   score_cutoff=threshold, limit=None):
                if score:
                    alike[_pair(title, other)] = score
    return alike
