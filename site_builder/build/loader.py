"""Read content/ into the model: each entry file on its own, every problem collected.

Reading is the edge: bytes -> YAML fields with their lines (yamlfile) -> schema
checks -> model dataclasses. Reading one file is a step (``ENTRY``), so the
incremental engine reads again only the files whose size, times or inode
changed, as git does. An entry with an error is left out of the Content but
reported, and still seen by the checks across files (checks.py), which run
after every file is read.
"""
from __future__ import annotations

import os
import re
import struct
import time
from dataclasses import dataclass
from pathlib import Path

from .. import schema as S
from ..errors import ERROR, Problem
from ..files import NotReadable, read_regular
from ..model import Author, Content, News, Paper, instance
from ..settings import Settings, resolve
from ..text import slugify
from .checks import check_link_files, check_portrait, title_key
from .work import Step, Work, fingerprint

YAML_SUFFIXES = (".yaml", ".yml")


@dataclass
class Loaded:
    """What reading content/ found: the valid entries, and what the checks across files need."""

    content: Content                  # the valid entries
    problems: list[Problem]           # each file's own problems (site.yaml's among them)
    papers: list[Paper]               # every readable paper, valid or not: the checks across files see them all
    authors: list[Author]             # every author with a name, valid or not: they still own their names
    title_keys: dict[str, str]        # paper id -> title_key of its title
    news: list[News] = None           # every readable news item, valid or not


RACY_NS = 2_000_000_000     # file times are coarse (a few ms): a file changed this recently is read again next time


def status_signature(status: os.stat_result, now: int) -> tuple | None:
    """What tells a changed file from an unchanged one without reading it, as git's index does;
    None (read it next time) for a file so fresh that a second edit could keep its times."""
    if status.st_ctime_ns > now - RACY_NS or status.st_mtime_ns > now - RACY_NS:
        return None
    return status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, status.st_dev


def _file_key(item: tuple[str, str, str]):
    """What tells a changed file from an unchanged one without reading it (see status_signature)."""
    path, shown, kind = item
    try:
        signature = status_signature(os.stat(path), time.time_ns())
    except OSError:
        return None
    return None if signature is None else ((kind, shown), _SIGNATURE.pack(*signature))


_SIGNATURE = struct.Struct("<5q")


def _read_entry(item: tuple[str, str, str]) -> tuple:
    """One entry file read and checked on its own: (its field values in schema order, or None when
    it is not YAML fields at all; its problems; the line of each field; valid?; its title_key; a
    digest of the file, which names everything its entry is made from). Plain tuples: what 15,000
    entries cost to read back from the store is mostly the objects they are made of."""
    path, shown, kind = item
    schema = S.SCHEMAS[kind]
    try:
        data = read_regular(path, S.MAX_FILE_BYTES)
    except NotReadable as exc:
        return None, (Problem(shown, 0, exc.message, ERROR, exc.hint),), {}, False, "", b""
    checked = S.check_file(data, shown, schema)
    digest = fingerprint((shown, data))
    if checked.givens is None:
        return None, tuple(checked.problems), {}, False, "", digest
    lines = {g.key: g.line for g in checked.givens if isinstance(g.key, str)}
    lines["authors[]"] = next((g.item_lines for g in checked.givens if g.key == "authors"), ())
    if kind == "news":           # the lines of its links, for the checks across files
        lines.update({f"{g.key}[]": g.item_lines for g in checked.givens if g.key in ("papers", "people")})
    if kind == "paper" and checked.values.get("links"):
        lines["links[]"] = _link_lines(next(g for g in checked.givens if g.key == "links"))
    title = checked.values.get("title") if kind == "paper" else None
    values = tuple(map(checked.values.__getitem__, schema.names))
    return values, tuple(checked.problems), lines, checked.ok, title_key(title) if title else "", digest


def _link_lines(given) -> tuple[int, ...]:
    """The line of each of a paper's links, in the model's order (schema.LINK_KINDS, then extra)."""
    keys = list(given.value)
    lines = [given.item_lines[keys.index(kind)] for kind in S.LINK_KINDS
             if kind in given.value and given.value[kind] not in (None, "") and not (
                 isinstance(given.value[kind], str) and not given.value[kind].strip())]
    if S.EXTRA_LINKS in given.value and isinstance(given.value[S.EXTRA_LINKS], list):
        lines += given.sub_lines[keys.index(S.EXTRA_LINKS)]
    return tuple(lines)


ENTRY = Step("entry file", _read_entry, key=_file_key)
PAPER_FIELDS, AUTHOR_FIELDS, NEWS_FIELDS = S.PAPER.names, S.AUTHOR.names, S.NEWS.names


# --------------------------------------------------------------------------
# A folder of entries
# --------------------------------------------------------------------------

def _holds_yaml(folder: str) -> bool:
    return any(name.lower().endswith(YAML_SUFFIXES) for _, _, names in os.walk(folder) for name in names)


def _is_dir(entry: os.DirEntry) -> bool:
    """Whether an entry is a folder; a link that leads nowhere, or round in a loop, is not."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _is_regular(entry: os.DirEntry) -> bool:
    """A file, not a folder nor a link (from the folder's listing: no system call on Linux)."""
    try:
        return entry.is_file(follow_symlinks=False)
    except OSError:
        return False


_PLAIN_ENTRY = re.compile(rf"({S.ID_PATTERN})\.ya?ml")


def _is_file(entry: os.DirEntry) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False


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
        path = entry.path          # a str: 15,000 Path objects cost a tenth of a second
        plain = _PLAIN_ENTRY.fullmatch(name)
        if plain is not None and _is_regular(entry):      # nearly every file: a valid id, .yaml, no link
            stem = plain.group(1)
        elif _is_dir(entry):
            if name.lower().endswith(YAML_SUFFIXES):
                problems.append(Problem(shown, 0, "not a regular file (a folder)", ERROR,
                                        "an entry is one file: remove the folder or rename it"))
            elif _holds_yaml(entry.path):
                problems.append(Problem(shown, 0, f"entries in a sub-folder of {folder.name} are not read", ERROR,
                                        f"move its files up into {shown_folder}/"))
            continue
        else:
            stem, suffix = os.path.splitext(name)
            if suffix.lower() not in YAML_SUFFIXES:
                continue
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


KNOWN_PLACES = {"papers", "authors", "news", "ingest", "site.yaml", "site.yml", S.FILES_FOLDER}


def _stray_entries(root: Path, shown_root: str) -> list[Problem]:
    """YAML where nothing reads it would silently vanish from the site: say so."""
    problems = []
    for entry in sorted(os.scandir(root), key=lambda e: e.name):
        if entry.name.startswith(".") or entry.name in KNOWN_PLACES:
            continue
        shown = os.path.normpath(os.path.join(shown_root, entry.name))
        if _is_dir(entry) and _holds_yaml(entry.path):
            close = S.suggest(entry.name, ("papers", "authors", "news"))
            hint = f"did you mean {os.path.normpath(os.path.join(shown_root, close))}/?" if close else \
                "papers go in papers/, people in authors/, news items in news/"
            problems.append(Problem(shown, 0, "entries in this folder are not read", ERROR, hint))
        elif _is_file(entry) and entry.name.lower().endswith(YAML_SUFFIXES):
            problems.append(Problem(shown, 1, "not read: only site.yaml belongs directly in content/", ERROR,
                                    "papers go in papers/, people in authors/, news items in news/"))
    return problems


def load(settings: Settings, work: Work | None = None) -> Loaded:
    """Read every entry of ``settings.content`` (site.yaml is in ``settings.site`` already)."""
    work = work or Work(settings.jobs)
    shown_root = str(settings.content)
    root = settings.content
    problems: list[Problem] = list(settings.site_problems)
    if not root.is_dir():
        what = "is not a folder" if root.exists() else "folder not found"
        problems.append(Problem(os.path.normpath(shown_root), 0, f"content {what}", ERROR,
                                "pass the content folder with --content"))
        return Loaded(Content(site=settings.site, root=shown_root), problems, [], [], {})
    real_root = os.path.realpath(root)
    problems += _stray_entries(root, shown_root)
    if os.path.lexists(os.path.join(root, "ingest", "journal.json")):     # ingest/entries.py's JOURNAL_PATH
        problems.append(Problem(os.path.normpath(os.path.join(shown_root, "ingest", "journal.json")), 0,
                                "an ingest or import was stopped while writing content/, which is half-written",
                                ERROR, "run python -m site_builder ingest (or import) again: it first finishes "
                                "what was stopped"))
    lines: dict[str, dict] = {}
    digests: dict[str, bytes] = {}

    # Every entry file read in one step: on every core at once (one set of workers, not three).
    found = {kind: list(_entries(root / folder, os.path.join(shown_root, folder), kind, problems, real_root))
             for kind, folder in (("paper", "papers"), ("author", "authors"), ("news", "news"))}
    reads = iter(work.map(ENTRY, [(path, shown, kind) for kind, files in found.items() for _, path, shown in files]))
    papers, readable, title_keys = [], [], {}
    for (entry_id, _, shown), read in zip(found["paper"], reads):
        values, file_problems, lines[shown], ok, title_keys[entry_id], digests[shown] = read
        problems += file_problems
        if values is None:
            continue
        paper = instance(Paper, {"id": entry_id, **dict(zip(PAPER_FIELDS, values)), "title": values[0] or "",
                                 "path": shown})
        if paper.links and any(link.is_file for link in paper.links):     # files beside the entries: looked at every time
            files = check_link_files(root, paper, shown, lines[shown].get("links[]", ()))
            problems += files
            ok = ok and not files
        readable.append(paper)          # the checks across files see entries with errors too
        if ok:
            papers.append(paper)

    authors, named = [], []
    for (entry_id, path, shown), read in zip(found["author"], reads):
        values, file_problems, lines[shown], ok, _, digests[shown] = read
        problems += file_problems
        if values is None or not values[0]:
            continue
        author = instance(Author, {"id": entry_id, **dict(zip(AUTHOR_FIELDS, values)), "path": shown})
        if author.portrait:       # a file beside the entry: looked at every time
            portrait = check_portrait(root, author.portrait, shown, lines[shown].get("portrait", 0), Path(path).parent)
            problems += portrait
            ok = ok and not any(p.is_error for p in portrait)
        named.append(author)           # an author with an error still owns its names: no cascade of warnings
        if ok:
            authors.append(author)

    news, all_news = [], []
    for (entry_id, _, shown), read in zip(found["news"], reads):
        values, file_problems, lines[shown], ok, _, digests[shown] = read
        problems += file_problems
        if values is None:
            continue
        item = instance(News, {"id": entry_id, **dict(zip(NEWS_FIELDS, values)), "path": shown})
        all_news.append(item)
        if entry_id in S.RESERVED_NEWS_IDS:
            problems.append(Problem(shown, 1, f"'{entry_id}' cannot be a news item's id: the news pages use "
                                    f"news/{entry_id}/", ERROR, f"rename the file, e.g. to {entry_id}-1.yaml"))
            ok = False
        if ok:
            news.append(item)

    papers.sort(key=lambda p: p.id)       # by id, not file name: "x" before "x-2" whatever the suffix
    authors.sort(key=lambda a: a.id)
    news.sort(key=lambda n: n.id)
    content = Content(site=settings.site, papers=tuple(papers), authors=tuple(authors), news=tuple(news),
                      root=shown_root, lines=lines, digests=digests)
    return Loaded(content, problems, readable, named, title_keys, all_news)


def load_content(root: str | Path, jobs: int = 1, work: Work | None = None) -> tuple[Content, list[Problem]]:
    """All of content/ read and checked, the way ``check`` does: (the valid entries, every problem, sorted)."""
    from .checks import across_files

    loaded = load(resolve(root, jobs=jobs), work)
    return loaded.content, sorted(loaded.problems + across_files(loaded, work))
