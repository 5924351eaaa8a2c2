"""After a few papers are edited: patch the last full build instead of redoing it.

A full build (build.py) ends by saving its *state* beside the output: the model,
links, views, fingerprints, entries and search memo, the warnings it printed,
and the signature of every file it read. The next build stats those files.
When only paper files changed, it re-reads just them, revises the links and
views they touch (linking.relink, views.revise), renders the pages whose
fingerprints moved (the papers, their authors, the people page; in the lists,
the edited entries are swapped into the file's bytes when no paper moved) and
the files that show them (feeds, search index, BibTeX, sitemap), and writes
those alone: under a second at 10,000 papers, where the full build's passes
over every paper, however quick each, take a few.

An author file edited without touching names, aliases or portrait (a role, a
homepage) is patched too: their page and the people page. Everything else goes
to the full build, which reports exactly as before: a name, alias or portrait
changed, site.yaml edited, a file added or removed, a paper published or
withdrawn, a name several people claim, any error, other code or templates.

The state is written by full builds only. A quick build records in an
*overlay* what it did since that state (the files edited, the pages and files
written), so the next one starts again from the state and redoes all of it:
an edit undone is undone in the output too. The overlay says "incomplete"
while output files are being replaced; a build that finds it so, or that
finds it does not belong to the manifest, starts afresh.
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

from . import cache, linking, loader, pages, render, views
from .compose import Composer, Urls
from .errors import Problem
from .model import Content

FORMAT = 1
MAX_EDITED = 64        # files edited since the last full build; past it a full build saves a new state


@dataclass
class State:
    """What a full build knew when it finished (see the module docstring)."""

    id: str
    inputs: tuple                        # code, templates, settings, content folder, base URL
    signatures: dict[str, tuple]         # file on disk -> (its signature, "paper" | "author" | "other", id)
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
    loaded: dict                         # from load_content: "duplicates", "owner", "known", "clashes",
                                         # "title_lines" and "name_lines" (id -> the line of that field)
    warnings: tuple[list[Problem], list[Problem], list[Problem]]   # from loading, linking, views


@dataclass
class Overlay:
    """What quick builds changed since the state."""

    state_id: str
    complete: bool = True
    signatures: dict[str, tuple | None] = field(default_factory=dict)   # edited file -> signature when last read
    pages: dict[str, tuple[str, int]] = field(default_factory=dict)     # page -> (fingerprint, size)
    files: dict[str, str | None] = field(default_factory=dict)          # other file -> "digest:size" (None: deleted)
    entries: dict[tuple[str, str], bytes] = field(default_factory=dict)  # (language, paper) -> list entry written
    dates: dict[str, str] = field(default_factory=dict)                 # paper -> its date in the lists written
    bytes: int = 0                       # the output now: bytes, files, pages
    file_count: int = 0
    page_count: int = 0
    warnings: list[Problem] | None = None    # from loading, when last patched


def _paths(out_dir: Path) -> tuple[Path, Path]:
    folder = cache.manifest_path(out_dir).parent
    name = out_dir.resolve().name
    return folder / f"{name}.state.pickle", folder / f"{name}.overlay.pickle"


def new_id() -> str:
    return uuid.uuid4().hex


def inputs(code_fp: str, content_dir: Path, base_url: str | None) -> tuple:
    """What a build depends on besides the files it reads (site.yaml among them)."""
    return (FORMAT, code_fp, str(content_dir.resolve()), base_url, os.environ.get("SITE_BASE_URL"))


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


def signatures(content_dir: Path, content: Content, used: dict, prepared: views.Views) -> dict[str, tuple]:
    """Every file the build read or copied -> (signature, kind, paper id): what loading compared
    (``used``, the loader's memo), site.yaml and the portraits, taken now."""
    now = time.time_ns()
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
    """The build that saved the state has finished: the state now describes the output."""
    state_path, overlay_path = _paths(out_dir)
    try:
        _write_overlay(overlay_path, Overlay(state_id, bytes=total_bytes, file_count=total_files,
                                                page_count=total_pages))
        os.replace(state_path.with_suffix(".tmp"), state_path)
    except OSError:
        forget(out_dir)


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
    if overlay is None:
        return pages, files
    if not overlay.complete or overlay.state_id != manifest_id:
        return None
    pages.update(overlay.pages)
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


# Set by a process that ends as soon as the build returns (python -m site_builder): the state
# is left for the process's end instead of being freed object by object (a tenth of a second).
RETAIN_STATE = False
_retained: list = []


def _build(content_dir: Path, out_dir: Path, run_inputs: tuple, strict: bool) -> Result:
    state_path, overlay_path = _paths(out_dir)
    overlay = _load(overlay_path)
    if not isinstance(overlay, Overlay) or not overlay.complete or not (out_dir / ".site-builder-output").is_file():
        raise NeedsFullBuild("no complete record of the previous build")
    try:
        file = open(state_path, "rb")
    except OSError:
        raise NeedsFullBuild("no saved state of the previous build") from None
    with file:
        head = _load(state_path, file)
        if not isinstance(head, tuple) or len(head) != 4 or head[0] != overlay.state_id:
            raise NeedsFullBuild("no saved state of the previous build")
        state_id, inputs, signatures, names = head
        if inputs != run_inputs:
            raise NeedsFullBuild("the code, templates, content folder or base URL changed")
        edited = _edited(signatures, names, overlay, content_dir, time.time_ns())
        if len(edited) > MAX_EDITED:
            raise NeedsFullBuild(f"more than {MAX_EDITED} files edited since the last full build")
        state = _load(state_path, file)
    if not isinstance(state, State) or state.id != state_id:
        raise NeedsFullBuild("no saved state of the previous build")
    if RETAIN_STATE:
        _retained[:] = [state]
    state.signatures, state.listing = signatures, names
    if edited == overlay.signatures and None not in edited.values():      # nothing new since the last build
        warnings = overlay.warnings if overlay.warnings is not None else state.warnings[0]
        return Result(overlay.page_count, overlay.file_count, overlay.bytes,
                      [*warnings, *state.warnings[1], *state.warnings[2]], 0)
    return _rebuild(state, overlay, edited, content_dir, out_dir, strict)


def _edited(signatures: dict[str, tuple], names: tuple, overlay: Overlay, content_dir: Path,
            now: int) -> dict[str, tuple | None]:
    """Paper file -> its signature now, for every paper file edited since the state."""
    current = _current_signatures(content_dir, now)
    if listing(content_dir) != names:
        raise NeedsFullBuild("files were added, removed or renamed")
    edited = {}
    for path, (signature, kind, _) in signatures.items():
        now_signature = current[path] if path in current else loader.file_signature(path, now)
        if now_signature is None and kind == "other" and not os.path.exists(path):
            now_signature = "missing"
        if now_signature == signature and now_signature is not None and path not in overlay.signatures:
            continue
        if kind == "other" or (kind == "author" and not signatures[path][2]):
            raise NeedsFullBuild(f"{path} changed")
        edited[path] = now_signature
    return edited


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
    by_kind = {"paper": [], "author": []}
    for path in sorted(edited):
        by_kind[state.signatures[path][1]].append(path)
    fresh, paper_problems = _read_papers(state, by_kind["paper"])
    people_edited, author_problems, clashes = _read_authors(state, by_kind["author"], content_dir)
    content = dataclasses.replace(state.content, papers=tuple(fresh.get(p.id, p) for p in state.content.papers),
                                  authors=tuple(people_edited.get(a.id, a) for a in state.content.authors))
    edited_shown = {p.path for p in fresh.values()} | {a.path for a in people_edited.values()}

    duplicates = loader.check_duplicate_papers(content.papers, _FieldLines(state.loaded["title_lines"], "title"),
                                               memo=state.duplicates_memo, title_keys=state.title_keys)
    stale = set(state.loaded["duplicates"]) | (set(state.loaded["clashes"]) if people_edited else set())
    loading, link_warnings, view_warnings = state.warnings
    load_warnings = sorted([w for w in loading if w.path not in edited_shown and w not in stale]
                           + [p for p in paper_problems + author_problems if not p.is_error] + duplicates
                           + (clashes if people_edited else []))
    warnings = load_warnings + link_warnings + view_warnings
    if strict and warnings:
        raise NeedsFullBuild("warnings with --strict")

    published = {p.id: p for p in content.papers if p.published}
    changed_published = [fresh[pid] for pid in sorted(fresh) if fresh[pid].published]
    relinked = linking.relink(state.links, published, changed_published, state.owners, state.by_name)
    if relinked is None:
        raise NeedsFullBuild("an edited paper names someone several people go by")
    links, touched = relinked
    urls = state.urls
    prepared, redo, people = views.revise(state.views, content, links, {p.id for p in changed_published}, touched,
                                          lambda url: urls.absolute(url) if urls.origin else "")
    for aid, author in people_edited.items():      # the same names and portrait: only what their page shows
        prepared.authors[aid] = dataclasses.replace(prepared.authors[aid], author=author)
        people.add(aid)

    # Pages earlier quick builds wrote are looked at again: an edit undone must be undone there too.
    for rel in overlay.pages:
        kind, subject = _subject(rel, content.site.languages)
        if kind == "paper" and subject in prepared.papers:
            redo.add(subject)
        elif kind == "author" and subject in prepared.authors:
            people.add(subject)
    paper_fp = dict(state.paper_fp)
    paper_fp.update(cache.paper_fingerprints(prepared, only=redo))
    author_fp = cache.author_fingerprints(prepared, paper_fp, only=people)
    by_kind = cache.shared_fingerprints(prepared, paper_fp)
    candidates = []
    for lang in content.site.languages:
        candidates += [pages.Page("list", lang, pages.list_url(lang)), pages.Page("people", lang, pages.people_url(lang))]
        candidates += [pages.Page("paper", lang, pages.paper_url(lang, pid), pid) for pid in sorted(redo)]
        candidates += [pages.Page("author", lang, pages.author_url(lang, aid), aid) for aid in sorted(people)]
    to_render, fingerprints = [], {}
    for page in candidates:
        rel = page.output_path
        fingerprints[rel] = fp = cache.page_fingerprint(page, paper_fp, author_fp, by_kind)
        current = overlay.pages.get(rel, (state.fingerprints.get(rel), 0))[0]
        if fp != current:
            to_render.append(page)

    strings = {lang: render.Strings(lang, data) for lang, data in state.strings.items()}
    composer = Composer(content, prepared, urls, strings, render.make_environment())
    composer.search_memo = state.search
    memo = dict(state.entries)         # (prepare_entries forgets the state's versions of edited papers)
    composer.prepare_entries([page for page in to_render if page.kind != "list"], 1, memo, paper_fp)
    page_parts, listed = {}, {}
    for page in to_render:
        parts = _patched_list(page, composer, state, overlay, out_dir, redo) if page.kind == "list" else None
        if parts is None:
            if page.kind == "list":
                composer.prepare_entries([page], 1, memo, paper_fp)
            parts = _parts(composer.page(page))
        if page.kind == "list":
            listed.update(((page.lang, pid), composer.entries(page.lang, False)[pid]) for pid in redo)
        page_parts[page.output_path] = parts
    dates = {pid: prepared.papers[pid].paper.date for pid in redo} if listed else {}
    other = _other_files(composer, state, overlay, content, prepared, redo, people, fresh)
    return _write(state, overlay, out_dir, edited, page_parts, fingerprints, other, load_warnings, warnings,
                  listed, dates)


def _read_papers(state: State, paths: list[str]) -> tuple[dict[str, object], list[Problem]]:
    """The edited paper files, read and checked as the full build would: (id -> paper, problems)."""
    papers = {p.id: p for p in state.content.papers}
    fresh, found = {}, []
    for path in paths:
        pid = state.signatures[path][2]
        old = papers[pid]
        paper, problems, lines, ok = loader.read_paper(path, old.path, pid)
        if paper is None or not ok:
            raise NeedsFullBuild(f"{old.path} has errors")
        if paper.published != old.published:
            raise NeedsFullBuild(f"{old.path} was published or withdrawn")
        problems += loader.paper_name_problems([paper], state.loaded["owner"], state.loaded["known"], {pid: lines})
        if any(p.is_error for p in problems):
            raise NeedsFullBuild(f"{old.path} has errors")
        found += problems
        fresh[pid] = paper
        state.loaded["title_lines"][pid] = lines.get("title", 0)
    return fresh, found


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
    as rendering it again when no paper moved (no date changed), without joining 10,000 entries
    again. None when one moved, or the file is not as recorded."""
    marker, root = render.ROOT_MARKER.encode(), render.relative_root(page.url).encode()
    entries = composer.entries(page.lang, False)
    swaps = []
    for pid in redo:
        pv = composer.views.papers[pid]
        written = overlay.entries.get((page.lang, pid)) or state.entries.get((page.lang, False, state.paper_fp[pid]))
        if written is None or overlay.dates.get(pid, state.views.papers[pid].paper.date) != pv.paper.date:
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


def _record(data: bytes) -> str:
    return f"{hashlib.blake2b(data, digest_size=16).hexdigest()}:{len(data)}"


def _other_files(composer: Composer, state: State, overlay: Overlay, content: Content, prepared: views.Views,
                 redo: set[str], people: set[str], fresh: dict) -> dict[str, bytes | None]:
    """The files besides pages that show what changed: rel -> bytes (None: no longer made)."""
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
    bundles = composer.citation_files(only=people)
    for aid in people:
        made[f"cite/authors/{aid}.bib"] = bundles.get(f"cite/authors/{aid}.bib")
    made["cite/all.bib"] = bundles["cite/all.bib"]
    base = {p.id: p for p in state.content.papers}
    if any(base[pid].date != paper.date for pid, paper in fresh.items()) or "sitemap.xml" in overlay.files:
        made["sitemap.xml"] = composer.sitemap(pages.plan(content))
    return {rel: data for rel, data in made.items() if (None if data is None else _record(data)) != current.get(rel)}


def _write(state: State, overlay: Overlay, out_dir: Path, edited: dict, page_parts: dict[str, list],
           fingerprints: dict[str, str], other: dict[str, bytes | None], load_warnings, warnings,
           listed: dict, dates: dict) -> Result:
    """Mark the overlay incomplete, replace the files, then record what they now hold."""
    _, overlay_path = _paths(out_dir)
    before = {}
    for rel in [*page_parts, *other]:
        try:
            before[rel] = os.stat(os.path.join(out_dir, rel)).st_size
        except OSError:
            before[rel] = -1
    made = {**page_parts, **{rel: None if data is None else [data] for rel, data in other.items()}}
    total = overlay.bytes + sum(sum(map(len, parts)) for parts in made.values() if parts is not None) \
        - sum(size for size in before.values() if size > 0)
    file_count = overlay.file_count \
        + sum(1 for rel, data in made.items() if data is not None and before[rel] < 0) \
        - sum(1 for rel, data in made.items() if data is None and before[rel] >= 0)
    updated = Overlay(state.id, complete=False, signatures={**overlay.signatures, **edited},
                      pages={**overlay.pages, **{rel: (fingerprints[rel], sum(map(len, parts)))
                                                 for rel, parts in page_parts.items()}},
                      entries={**overlay.entries, **listed}, dates={**overlay.dates, **dates},
                      files={**overlay.files, **{rel: None if data is None else _record(data) for rel, data in other.items()}},
                      bytes=total, file_count=file_count, page_count=overlay.page_count, warnings=load_warnings)
    _write_overlay(overlay_path, updated)
    for rel, parts in made.items():
        path = os.path.join(out_dir, rel)
        if parts is None:
            try:
                os.unlink(path)
            except OSError:
                pass
            continue
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path + ".tmp", "wb") as f:
            f.writelines(parts)
        os.replace(path + ".tmp", path)
    updated.complete = True
    _write_overlay(overlay_path, updated)
    return Result(overlay.page_count, file_count, total, warnings, len(made))
