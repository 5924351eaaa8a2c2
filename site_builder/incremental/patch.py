"""After a few papers are edited: patch the last full build instead of redoing it.

A full build (build.py) ends by saving its *state* beside the output: the model,
links, views, fingerprints, entries and search memo, the warnings it printed,
and the signature of every file it read. The next build stats those files.
When only entry files changed, it re-reads just those, revises the links and
views they touch (linking.relink, views.revise), renders the pages whose
fingerprints moved (the papers, their authors, the people page; in the lists,
the edited entries are swapped into the file's bytes when no paper moved) and
the files that show them (feeds, search index, BibTeX, sitemap), and writes
those alone: under a second at 10,000 papers, where the full build's passes
over every paper, however quick each, take a few.

Papers added, deleted, published or made drafts are patched too (their pages
made or deleted, the lists rendered again), and so is an author file edited
without touching names, aliases or portrait (a role, a homepage): their page
and the people page. Everything else goes to the full build, which reports
exactly as before: a name, alias or portrait changed, site.yaml edited, a
person added or removed, a name several people claim, any error, other code
or templates.

The state is written by full builds only. A quick build records in an
*overlay* what it did since that state (the files edited, the pages and files
written), so the next one starts again from the state and redoes all of it:
an edit undone is undone in the output too. The overlay says "incomplete"
while output files are being replaced; a build that finds it so, or that
finds it does not belong to the manifest, starts afresh. It also records the
output's top two levels as the build left them (writer.output_stamps): a
folder or list changed there by hand since also means starting afresh.
"""
from __future__ import annotations

import dataclasses
import gc
import hashlib
import os
import pickle
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from . import cache

from ..build import linking, loader, pages, render, views, writer
from ..build.compose import Composer
from ..settings import Urls
from ..errors import Problem
from ..model import Content

FORMAT = 1
MAX_EDITED = 64        # files edited since the last full build; past it a full build saves a new state


@dataclass
class State:
    """What a full build knew when it finished (see the module docstring)."""

    id: str
    inputs: tuple                        # code, templates, settings, content folder, base URL
    signatures: dict[str, tuple]         # file on disk -> (its signature, or None: cannot tell, or "missing";
                                         #   "paper" | "author" | "other"; the entry's id)
    listing: tuple                       # what content/, papers/ and authors/ hold
    content: Content
    links: linking.Links
    views: views.Views
    urls: Urls
    owners: dict[str, set[str]]
    by_name: list[str]
    paper_fp: dict[str, str]
    fingerprints: dict[str, str]         # page -> fingerprint
    other_files: dict[str, str]          # every file but the pages -> "digest:size"
    entries: dict                        # the memo's rendered entries (compose.prepare_entries)
    search: dict                         # the memo's search part (search.search_files)
    duplicates_memo: dict                # loader.check_duplicate_papers's memo
    title_keys: dict[str, str]           # title -> loader.title_key
    strings: dict[str, dict]             # language -> its UI strings (render.load_strings)
    coauthor_items: dict[str, dict]      # language -> the co-author items made (compose.Composer.coauthor_items)
    list_layout: str                     # list_layout() of the views
    loaded: dict                         # from load_content: "duplicates", "owner", "known", "clashes",
                                         # "title_lines", "author_lines" and "name_lines" (id -> the line(s) of that field)
    warnings: tuple[list[Problem], list[Problem], list[Problem]]   # from loading, linking, views


@dataclass
class Overlay:
    """What quick builds changed since the state."""

    state_id: str
    complete: bool = True
    signatures: dict[str, tuple | None] = field(default_factory=dict)   # edited file -> signature when last read
    pages: dict[str, tuple[str, int] | None] = field(default_factory=dict)   # page -> (fingerprint, size); None: deleted
    files: dict[str, str | None] = field(default_factory=dict)          # other file -> "digest:size" (None: deleted)
    list_entries: dict[tuple[str, str], bytes] = field(default_factory=dict)   # (language, paper) -> entry in the lists
    list_layout: str | None = None       # the lists' papers, in order, as written (None: as in the state)
    bytes: int = 0                       # the output now: bytes, files, pages
    file_count: int = 0
    page_count: int = 0
    warnings: list[Problem] | None = None    # from loading, when last patched
    output: dict = field(default_factory=dict)   # writer.output_stamps once the output was complete


def _paths(out_dir: Path) -> tuple[Path, Path]:
    folder = cache.manifest_path(out_dir).parent
    name = out_dir.resolve().name
    return folder / f"{name}.state.pickle", folder / f"{name}.overlay.pickle"


def new_id() -> str:
    return uuid.uuid4().hex


def inputs(code_fp: str, content_dir: Path, base_url: str | None) -> tuple:
    """What a build depends on besides the files it reads (site.yaml among them). The content
    folder as given, too: messages name files the way it is spelled."""
    return (FORMAT, code_fp, str(content_dir), str(content_dir.resolve()), base_url, os.environ.get("SITE_BASE_URL"))


# --- Saving (full builds) ---------------------------------------------------

def listing(content_dir: Path) -> tuple:
    """The names in content/, papers/ and authors/: a file added, removed or renamed changes it."""
    found = []
    root = str(content_dir)
    for folder in (root, os.path.join(root, "papers"), os.path.join(root, "authors")):
        try:
            found.append(tuple(sorted(name for name in os.listdir(folder) if not name.startswith("."))))
        except OSError:
            found.append(None)
    return tuple(found)


def _other_folders(content_dir: Path) -> list[str]:
    """Folders where a file added would matter (YAML where nothing reads it is an error): any
    but content/, papers/ and authors/ themselves, whose listings are compared instead."""
    root = str(content_dir)
    found = []
    for top in (root, os.path.join(root, "papers"), os.path.join(root, "authors")):
        try:
            entries = list(os.scandir(top))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir() and not (top == root and entry.name in ("papers", "authors", "ingest")):
                found += [folder for folder, _, _ in os.walk(entry.path)]
    return found


def signatures(content_dir: Path, content: Content, used: dict, prepared: views.Views,
               started: int) -> dict[str, tuple]:
    """Every file the build read or copied -> (signature, kind, id): what loading compared
    (``used``, the loader's memo), site.yaml, the portraits and the other folders, taken now but
    judged from when the build ``started`` (time_ns): a file changed since then says "cannot
    tell" (None), so the next build reads it again."""
    now = started
    found: dict[str, tuple] = {}
    ids = {p.path: p.id for p in content.papers}
    ids.update((a.path, a.id) for a in content.authors)
    for (shown, kind), (signature, _) in used.items():
        folder = "papers" if kind == "paper" else "authors"
        path = os.path.join(content_dir, folder, os.path.basename(shown))
        found[path] = (signature, kind, ids.get(shown, ""))
    extra = [content_dir / name for name in ("site.yaml", "site.yml")]
    extra += [content_dir / a.portrait for a in content.authors if a.portrait]
    extra += list(prepared.portrait_files.values())
    extra += _other_folders(content_dir)
    for path in extra:
        found[str(path)] = (loader.file_signature(str(path), now) or "missing", "other", "")
    return found


def save(out_dir: Path, state: State) -> None:
    """Write the state; ``seal`` makes it count. Two pickles: what tells whether a patch can
    be made (small, read first), then the rest."""
    state_path, overlay_path = _paths(out_dir)
    head = (state.id, state.inputs, state.signatures, state.listing)
    try:
        state_path.parent.mkdir(parents=True, exist_ok=True)
        with open(state_path.with_suffix(".tmp"), "wb") as f:
            pickle.dump(head, f, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(dataclasses.replace(state, signatures={}, listing=()), f, protocol=pickle.HIGHEST_PROTOCOL)
    except (OSError, pickle.PicklingError, RecursionError):
        pass


def seal(out_dir: Path, state_id: str, total_bytes: int, total_files: int, total_pages: int) -> None:
    """The build that saved the state (if it did) has finished: the state now describes the
    output, and the empty overlay says that no patch changed it since the manifest was written."""
    state_path, overlay_path = _paths(out_dir)
    try:
        if state_path.with_suffix(".tmp").exists():
            os.replace(state_path.with_suffix(".tmp"), state_path)
        _write_overlay(overlay_path, Overlay(state_id, bytes=total_bytes, file_count=total_files,
                                             page_count=total_pages, output=writer.output_stamps(out_dir)))
    except OSError:
        forget(out_dir)       # no overlay: the next build trusts neither the state nor the manifest


def forget(out_dir: Path) -> None:
    """Before a full build changes the output: the state no longer describes it."""
    for path in _paths(out_dir):
        for stale in (path, path.with_suffix(".tmp")):
            try:
                stale.unlink()
            except OSError:
                pass


def _write_overlay(path: Path, overlay: Overlay) -> None:
    tmp = path.with_suffix(".otmp")
    with open(tmp, "wb") as f:
        pickle.dump(overlay, f, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)


def _load(path: Path, file=None):
    """The next pickle in ``file`` (or ``path``); None if it cannot be read."""
    collecting = gc.isenabled()
    gc.disable()            # a million objects: collections while unpickling would double the time
    try:
        if file is not None:
            return pickle.load(file)
        with open(path, "rb") as f:
            return pickle.load(f)
    except Exception:       # missing, truncated, from another version
        return None
    finally:
        if collecting:
            gc.enable()


def load_overlay(out_dir: Path) -> Overlay | None:
    overlay = _load(_paths(out_dir)[1])
    return overlay if isinstance(overlay, Overlay) else None


def apply_overlay(manifest: tuple[dict, dict, str] | None, overlay: Overlay | None):
    """The manifest (cache.load) with what quick builds changed since it was written, as
    (pages, files); None when they may have left the output in a state it does not describe."""
    if manifest is None:
        return None
    pages, files, manifest_id = manifest
    if overlay is None:       # lost: patches may have changed the output since (a manifest before patches had no id)
        return None if manifest_id else (pages, files)
    if not overlay.complete or overlay.state_id != manifest_id:
        return None
    for rel, record in overlay.pages.items():
        if record is None:
            pages.pop(rel, None)
        else:
            pages[rel] = record
    for rel, record in overlay.files.items():
        if record is None:
            files.pop(rel, None)
        else:
            files[rel] = record
    return pages, files


# --- A quick build -------------------------------------------------------------

@dataclass
class Result:
    pages: int
    files: int
    bytes: int
    warnings: list[Problem]
    written: int


class NeedsFullBuild(Exception):
    """Why this change is not one a quick build handles (shown by ``build -v``)."""


def build(content_dir: Path, out_dir: Path, run_inputs: tuple, strict: bool) -> Result:
    """Patch the output for the papers edited since the last full build; raise NeedsFullBuild
    (having written nothing) for any other change."""
    collecting = gc.isenabled()
    gc.disable()      # the state is a million objects that make no garbage: the collector's passes over
    try:              # them would cost more than everything else here
        return _build(content_dir, out_dir, run_inputs, strict)
    finally:
        if collecting:
            gc.enable()


# The last state read, with the signature of its file: a long-lived process (serve) reads it
# once, and a process that ends when the build returns (python -m) leaves it for the end
# instead of freeing a million objects one by one. A patch changes in it only memos, valid for
# any later build, and the line of the title of each paper it reads.
_last_read: dict = {}


def _build(content_dir: Path, out_dir: Path, run_inputs: tuple, strict: bool) -> Result:
    state_path, overlay_path = _paths(out_dir)
    overlay = _load(overlay_path)
    if not isinstance(overlay, Overlay) or not overlay.complete or not (out_dir / ".site-builder-output").is_file():
        raise NeedsFullBuild("no complete record of the previous build")
    if overlay.output != writer.output_stamps(out_dir):
        raise NeedsFullBuild("files in the output folder were changed since the last build")
    try:
        file = open(state_path, "rb")
    except OSError:
        raise NeedsFullBuild("no saved state of the previous build") from None
    with file:
        status = os.fstat(file.fileno())
        key = (str(state_path), status.st_size, status.st_mtime_ns, status.st_ino)
        head, state = _last_read.get(key) or (_load(state_path, file), None)
        if not isinstance(head, tuple) or len(head) != 4 or head[0] != overlay.state_id:
            raise NeedsFullBuild("no saved state of the previous build")
        state_id, inputs, signatures, names = head
        if inputs != run_inputs:
            raise NeedsFullBuild("the code, templates, content folder or base URL changed")
        edited = _edited(signatures, names, overlay, content_dir, time.time_ns())
        if len(edited) > MAX_EDITED:
            raise NeedsFullBuild(f"more than {MAX_EDITED} files edited since the last full build")
        if state is None:
            state = _load(state_path, file)
    if not isinstance(state, State) or state.id != state_id:
        raise NeedsFullBuild("no saved state of the previous build")
    _last_read.clear()
    _last_read[key] = (head, state)
    state.signatures, state.listing = signatures, names
    if edited == overlay.signatures and None not in edited.values():      # nothing new since the last build
        loading = overlay.warnings if overlay.warnings is not None else state.warnings[0]
        warnings = [*loading, *state.warnings[1], *state.warnings[2]]
        if strict and warnings:
            raise NeedsFullBuild("warnings with --strict")
        return Result(overlay.page_count, overlay.file_count, overlay.bytes, warnings, 0)
    return _rebuild(state, overlay, edited, content_dir, out_dir, strict)


REMOVED = "removed"      # the signature of a paper file that is gone


def _edited(signatures: dict[str, tuple], names: tuple, overlay: Overlay, content_dir: Path,
            now: int) -> dict[str, tuple | str | None]:
    """Entry file -> its signature now (REMOVED: deleted), for every paper or author file
    edited, added or deleted since the state."""
    current = _current_signatures(content_dir, now)
    now_names = listing(content_dir)
    if now_names[0] != names[0] or now_names[2] != names[2]:
        raise NeedsFullBuild("files were added to or removed from content/ or authors/")
    papers_dir = os.path.join(content_dir, "papers")
    for name in set(now_names[1] or ()) ^ set(names[1] or ()):
        if not _ignored(papers_dir, name) and not _plain_entry(papers_dir, name, now_names[1]):
            raise NeedsFullBuild(f"papers/{name} is not a plain entry")
    edited = {}
    for path, (signature, kind, _) in signatures.items():
        now_signature = current[path] if path in current else loader.file_signature(path, now)
        if now_signature is None and not os.path.lexists(path):
            now_signature = REMOVED if kind == "paper" else "missing"
        # Unchanged (a signature of None says "cannot tell"), and not edited by an earlier patch:
        if now_signature == signature and now_signature is not None and path not in overlay.signatures:
            continue
        if kind == "other" or (kind == "author" and (not signatures[path][2] or now_signature == "missing")):
            raise NeedsFullBuild(f"{path} changed")
        if now_signature != REMOVED and os.path.islink(path):
            raise NeedsFullBuild(f"{path} is a link")     # where it leads is the full build's to check
        edited[path] = now_signature
    prefix = os.path.join(papers_dir, "")
    for path, now_signature in current.items():
        if path not in signatures and path.startswith(prefix) and not path[len(prefix):].startswith(".") \
                and not _ignored(papers_dir, path[len(prefix):]):          # added since the state
            edited[path] = now_signature
    return edited


def _ignored(folder: str, name: str) -> bool:
    """A file the loader passes over without a word: not YAML (notes, an editor's paper.yaml~)."""
    return os.path.splitext(name)[1].lower() not in loader.YAML_SUFFIXES and not os.path.isdir(
        os.path.join(folder, name))


def _plain_entry(folder: str, name: str, names) -> bool:
    """A paper file the loader reads without a word about its name: <id>.yaml, a regular file."""
    stem, suffix = os.path.splitext(name)
    path = os.path.join(folder, name)
    return suffix in loader.YAML_SUFFIXES and loader.valid_id(stem) \
        and sum(os.path.splitext(other)[0] == stem and not _ignored(folder, other) for other in names) <= 1 \
        and not os.path.islink(path) and not os.path.isdir(path)


def _current_signatures(content_dir: Path, now: int) -> dict[str, tuple | None]:
    """The signature of every file in papers/ and authors/, one folder listing each."""
    found = {}
    for folder in (os.path.join(content_dir, "papers"), os.path.join(content_dir, "authors")):
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            try:
                found[entry.path] = loader.status_signature(entry.stat(), now)
            except OSError:
                found[entry.path] = None
    return found


def _rebuild(state: State, overlay: Overlay, edited: dict[str, tuple | None], content_dir: Path, out_dir: Path,
             strict: bool) -> Result:
    """Read the edited files, revise the model, links and views, render what moved, write it."""
    paths = {"paper": [], "author": []}
    for path in sorted(edited):
        paths[state.signatures.get(path, (None, "paper"))[1]].append(path)
    fresh, gone, paper_problems = _read_papers(state, paths["paper"], edited)
    people_edited, author_problems, clashes = _read_authors(state, paths["author"], content_dir)
    before = {p.id: p for p in state.content.papers}
    papers = {**{pid: p for pid, p in before.items() if pid not in gone}, **fresh}
    content = dataclasses.replace(state.content, papers=tuple(papers[pid] for pid in sorted(papers)),
                                  authors=tuple(people_edited.get(a.id, a) for a in state.content.authors))

    # Warnings: the state's, less those of the files read again and of the checks redone.
    duplicates = loader.check_duplicate_papers(content.papers, _FieldLines(state.loaded["title_lines"], "title"),
                                               memo=state.duplicates_memo, title_keys=state.title_keys)
    redone = set(state.loaded["duplicates"]) | (set(state.loaded["clashes"]) if people_edited else set())
    read_again = {p.path for p in fresh.values()} | {before[pid].path for pid in gone} \
        | {a.path for a in people_edited.values()}
    loading, link_warnings, view_warnings = state.warnings
    load_warnings = sorted([w for w in loading if w.path not in read_again and w not in redone]
                           + [p for p in paper_problems + author_problems if not p.is_error] + duplicates
                           + (clashes if people_edited else []))
    warnings = load_warnings + link_warnings + view_warnings
    if strict and warnings:
        raise NeedsFullBuild("warnings with --strict")

    published = {p.id: p for p in content.papers if p.published}
    withdrawn = tuple(sorted(pid for pid in state.views.papers if pid not in published))
    prepared, redo, people = _revise(state, content, published, fresh, withdrawn, people_edited)
    # Pages earlier patches wrote are looked at again: an edit undone must be undone there too.
    for rel in overlay.pages:
        kind, subject = _subject(rel, content.site.languages)
        if kind == "paper" and subject in prepared.papers:
            redo.add(subject)
        elif kind == "author" and subject in prepared.authors:
            people.add(subject)
    paper_fp = {pid: fp for pid, fp in state.paper_fp.items() if pid in published}
    paper_fp.update(cache.paper_fingerprints(prepared, only=redo))
    to_render, fingerprints = _pages_to_render(state, overlay, content, prepared, paper_fp, redo, people)
    # The pages of papers no longer published: the state's, and those earlier patches wrote.
    gone_pages = {pages.paper_url(lang, pid) + "index.html" for pid in withdrawn for lang in content.site.languages}
    gone_pages |= {rel for rel, record in overlay.pages.items() if record is not None
                   and (subject := _subject(rel, content.site.languages))[0] == "paper" and subject[1] not in published}

    strings = {lang: render.Strings(lang, data) for lang, data in state.strings.items()}
    composer = Composer(content, prepared, state.urls, strings, render.make_environment(compiled=cache.compiled_templates(out_dir)))
    composer.search_memo = state.search
    composer.reuse_coauthor_items(state.coauthor_items)       # the people are the same: their names too
    layout = list_layout(prepared)
    same_layout = layout == (overlay.list_layout or state.list_layout)    # no paper came, went or moved
    page_parts, listed, in_place = _render(composer, state, overlay, out_dir, to_render, paper_fp, redo, same_layout)
    other = _other_files(composer, state, overlay, content, people, bool(gone_pages) or any(
        pid not in before or before[pid].date != paper.date for pid, paper in fresh.items()))
    return _write(state, overlay, out_dir, edited, page_parts, in_place, sorted(gone_pages), fingerprints, other,
                  load_warnings, warnings, listed, layout if listed else overlay.list_layout)


def _revise(state: State, content: Content, published: dict, fresh: dict, withdrawn: tuple, people_edited: dict):
    """The views after the edits: (views, the papers whose views changed, the people whose did)."""
    changed = [fresh[pid] for pid in sorted(fresh) if fresh[pid].published]
    relinked = linking.relink(state.links, published, changed, state.owners, state.by_name, withdrawn)
    if relinked is None:
        raise NeedsFullBuild("an edited paper names someone several people go by")
    links, touched = relinked
    prepared, redo, people = views.revise(state.views, content, links, {p.id for p in changed}, touched,
                                          state.urls.citable)
    for aid, author in people_edited.items():      # the same names and portrait: only what their page shows
        prepared.authors[aid] = dataclasses.replace(prepared.authors[aid], author=author)
        people.add(aid)
    return prepared, redo, people


def _pages_to_render(state: State, overlay: Overlay, content: Content, prepared: views.Views,
                     paper_fp: dict[str, str], redo: set[str], people: set[str]):
    """The pages that may show what changed and whose fingerprint differs from what the output
    holds: (those pages, the fingerprint of each page looked at)."""
    author_fp = cache.author_fingerprints(prepared, paper_fp, only=people)
    shared_fp = cache.shared_fingerprints(prepared, paper_fp)
    candidates = []
    for lang in content.site.languages:
        candidates += [pages.Page("list", lang, pages.list_url(lang)), pages.Page("people", lang, pages.people_url(lang))]
        candidates += [pages.Page("paper", lang, pages.paper_url(lang, pid), pid) for pid in sorted(redo)]
        candidates += [pages.Page("author", lang, pages.author_url(lang, aid), aid) for aid in sorted(people)]
    to_render, fingerprints = [], {}
    for page in candidates:
        rel = page.output_path
        fingerprints[rel] = fp = cache.page_fingerprint(page, paper_fp, author_fp, shared_fp)
        if fp != _page_record(state, overlay, rel)[0]:
            to_render.append(page)
    return to_render, fingerprints


def _render(composer: Composer, state: State, overlay: Overlay, out_dir: Path, to_render: list[pages.Page],
            paper_fp: dict[str, str], redo: set[str], same_layout: bool):
    """(page -> its bytes in parts, (language, paper) -> the list entry now in the lists)."""
    memo = dict(state.entries)         # (prepare_entries forgets the state's versions of edited papers)
    composer.prepare_entries([page for page in to_render if page.kind != "list"], 1, memo, paper_fp)
    page_parts, listed, in_place = {}, {}, {}
    for page in to_render:
        parts = _patched_list(page, composer, state, overlay, out_dir, redo) \
            if page.kind == "list" and same_layout else None
        if parts is not None:
            in_place[page.output_path] = len(parts[0])     # the unchanged start of the file
        else:
            if page.kind == "list":
                composer.prepare_entries([page], 1, memo, paper_fp)
            parts = _parts(composer.page(page))
        if page.kind == "list":
            listed.update(((page.lang, pid), composer.entries(page.lang, False)[pid]) for pid in redo)
        page_parts[page.output_path] = parts
    return page_parts, listed, in_place


def list_layout(prepared: views.Views) -> str:
    """The papers of the lists, in order, with the year they are listed under."""
    return hashlib.blake2b("\n".join([f"{pid}\x01{pv.paper.year}" for pid, pv in prepared.papers.items()])
                           .encode("utf-8"), digest_size=16).hexdigest()


def _page_record(state: State, overlay: Overlay, rel: str) -> tuple[str | None, int]:
    """(fingerprint, size) of what the output holds at ``rel`` now; (None, -1): nothing."""
    if rel in overlay.pages:
        return overlay.pages[rel] or (None, -1)
    fp = state.fingerprints.get(rel)
    return (fp, 0) if fp is not None else (None, -1)


def _read_papers(state: State, paths: list[str], edited: dict) -> tuple[dict[str, object], set[str], list[Problem]]:
    """The paper files edited, added or deleted, read and checked as the full build would:
    (id -> paper, the ids of those deleted, problems). Their title lines go into the state, for
    the duplicate-title check."""
    papers = {p.id: p for p in state.content.papers}
    fresh, gone, found = {}, set(), []
    for path in paths:
        pid = state.signatures[path][2] if path in state.signatures else os.path.splitext(os.path.basename(path))[0]
        if edited[path] == REMOVED:
            gone.add(pid)
            continue
        shown = papers[pid].path if pid in papers else loader.shown_path(state.content.root, "papers",
                                                                          os.path.basename(path))
        paper, problems, lines, ok = loader.read_paper(path, shown, pid)
        if paper is None or not ok:
            raise NeedsFullBuild(f"{shown} has errors")
        problems += loader.paper_name_problems([paper], state.loaded["owner"], state.loaded["known"], {pid: lines})
        if any(p.is_error for p in problems):
            raise NeedsFullBuild(f"{shown} has errors")
        found += problems
        fresh[pid] = paper
        state.loaded["title_lines"][pid] = lines.get("title", 0)
        state.loaded["author_lines"][pid] = lines.get("authors[]", ())
    return fresh, gone, found


def _read_authors(state: State, paths: list[str], content_dir: Path):
    """The edited author files: (id -> author, their problems, names two people use, redone).
    A patch changes what one person's page and the people page show; a name, alias or portrait
    changed is for the full build (every byline and picture that shows it)."""
    authors = {a.id: a for a in state.content.authors}
    fresh, found = {}, []
    for path in paths:
        aid = state.signatures[path][2]
        old = authors[aid]
        author, problems, lines, ok = loader.read_author(path, old.path, aid, content_dir)
        if author is None or not ok:
            raise NeedsFullBuild(f"{old.path} has errors")
        if (author.name, author.aliases, author.portrait) != (old.name, old.aliases, old.portrait):
            raise NeedsFullBuild(f"{old.path}: a name, alias or portrait changed")
        found += problems
        fresh[aid] = author
        state.loaded["name_lines"][aid] = lines.get("name", 0)
    if not fresh:
        return fresh, found, []
    everyone = [fresh.get(a.id, a) for a in state.content.authors]
    return fresh, found, loader.name_owners(everyone, _FieldLines(state.loaded["name_lines"], "name"))[2]


class _FieldLines:
    """id -> line of one field, looked up as the loader's checks do (``lines.get(id, {}).get(field)``),
    kept as plain ints: 15,000 small dicts cost the state 20 ms more to load."""

    def __init__(self, lines: dict[str, int], field: str):
        self.lines, self.field = lines, field

    def get(self, key: str, default=None):
        line = self.lines.get(key)
        return default if line is None else {self.field: line}


def _patched_list(page: pages.Page, composer: Composer, state: State, overlay: Overlay, out_dir: Path,
                  redo: set[str]) -> list | None:
    """The list page as its file holds it, with the entries of ``redo`` replaced: the same bytes
    as rendering it again when the same papers are listed in the same order (the caller checks),
    without joining 10,000 entries again. None when the file is not as recorded."""
    marker, root = render.ROOT_MARKER.encode(), render.relative_root(page.url).encode()
    entries = composer.entries(page.lang, False)
    swaps = []
    for pid in redo:
        written = overlay.list_entries.get((page.lang, pid))
        if written is None and pid in state.paper_fp:
            written = state.entries.get((page.lang, False, state.paper_fp[pid]))
        if written is None:
            return None
        if written != entries[pid]:
            swaps.append((written.replace(marker, root), entries[pid].replace(marker, root)))
    try:
        with open(os.path.join(out_dir, page.output_path), "rb") as f:
            text = f.read()
    except OSError:
        return None
    spans = []
    for old, new in swaps:
        at = text.find(old)
        if at < 0 or text.find(old, at + 1) >= 0:
            return None
        spans.append((at, at + len(old), new))
    spans.sort()
    parts, last, view = [], 0, memoryview(text)
    for start, end, new in spans:
        if start < last:
            return None
        parts += [view[last:start], new]
        last = end
    parts.append(view[last:])
    return parts


def _subject(rel: str, languages) -> tuple[str, str]:
    parts = rel.split("/")
    if len(parts) == 4 and parts[0] in languages and parts[1] in ("papers", "authors"):
        return parts[1][:-1], parts[2]
    return "", ""


def _parts(data) -> list:
    return [data] if isinstance(data, bytes) else data


def _other_files(composer: Composer, state: State, overlay: Overlay, content: Content, people: set[str],
                 sitemap_changed: bool) -> dict[str, bytes | None]:
    """The files besides pages that show what changed: rel -> bytes (None: no longer made).
    ``sitemap_changed``: a page came or went, or a paper's date moved."""
    made: dict[str, bytes | None] = {}
    current = dict(state.other_files)
    current.update(overlay.files)
    for lang in content.site.languages:
        made[f"{lang}/feed.xml"] = composer.feed(lang)
        search_files = {f"{lang}/{rel}": data for rel, data in composer.search_files(lang).items()}
        prefixes = {rel.rsplit("/", 1)[0] + "/" for rel in search_files}
        for rel, record in current.items():
            if record is not None and rel not in search_files and any(rel.startswith(p) for p in prefixes):
                made[rel] = None
        made.update(search_files)
    bundles = dict(composer.citation_files(only=people))
    for aid in people:
        made[f"cite/authors/{aid}.bib"] = bundles.get(f"cite/authors/{aid}.bib")
    made["cite/all.bib"] = bundles["cite/all.bib"]
    if sitemap_changed or "sitemap.xml" in overlay.files:
        made["sitemap.xml"] = composer.sitemap(pages.plan(content))
    return {rel: data for rel, data in made.items()
            if (None if data is None else writer.file_record(data)) != current.get(rel)}


def _write(state: State, overlay: Overlay, out_dir: Path, edited: dict, page_parts: dict[str, list],
           in_place: dict[str, int], gone_pages: list[str], fingerprints: dict[str, str], other: dict[str, bytes | None], load_warnings,
           warnings, listed: dict, list_layout: str | None) -> Result:
    """Mark the overlay incomplete, replace the files and delete those no longer made, then
    record what the output holds."""
    _, overlay_path = _paths(out_dir)
    made = {**page_parts, **{rel: None for rel in gone_pages},
            **{rel: None if data is None else [data] for rel, data in other.items()}}
    before = {}
    for rel in made:
        try:
            before[rel] = os.stat(os.path.join(out_dir, rel)).st_size
        except OSError:
            before[rel] = -1
    total = overlay.bytes + sum(sum(map(len, parts)) for parts in made.values() if parts is not None) \
        - sum(size for size in before.values() if size > 0)
    created = [rel for rel, parts in made.items() if parts is not None and before[rel] < 0]
    deleted = [rel for rel, parts in made.items() if parts is None and before[rel] >= 0]
    file_count = overlay.file_count + len(created) - len(deleted)
    page_count = overlay.page_count + sum(rel in page_parts for rel in created) - sum(rel in gone_pages for rel in deleted)
    updated = Overlay(state.id, complete=False, signatures={**overlay.signatures, **edited},
                      pages={**overlay.pages, **{rel: None for rel in gone_pages},
                             **{rel: (fingerprints[rel], sum(map(len, parts))) for rel, parts in page_parts.items()}},
                      list_entries={**overlay.list_entries, **listed},
                      files={**overlay.files, **{rel: None if data is None else writer.file_record(data)
                                                 for rel, data in other.items()}},
                      list_layout=list_layout, bytes=total, file_count=file_count, page_count=page_count,
                      warnings=load_warnings)
    _write_overlay(overlay_path, updated)
    for rel, parts in made.items():
        path = os.path.join(out_dir, rel)
        if parts is None:
            writer.remove_file(path)
            continue
        if rel in in_place and before[rel] >= 0:
            # A list whose first change is far in: rewritten from there, where it is (a new 28 MB
            # file would cost twice as much). If this stops half-way, the overlay says so.
            with open(path, "r+b") as f:
                f.seek(in_place[rel])
                f.writelines(parts[1:])
                f.truncate()
            continue
        writer.replace_file(path, parts)
    updated.complete, updated.output = True, writer.output_stamps(out_dir)
    _write_overlay(overlay_path, updated)
    return Result(page_count, file_count, total, warnings, len(made))
