"""Incremental builds: reuse a page from the previous output when nothing it shows changed.

Each page gets a fingerprint of everything its bytes depend on: the code, the
templates and translations, the site settings, and what it shows (a paper's
view with the names of linked people; an author's papers and co-authors; every
entry of a list; every person on the people page). A page whose fingerprint
matches the previous build's is not rendered again: after a small edit the
previous output is updated in place (only files whose bytes changed are
written), after a large one it is hard-linked into a fresh folder. The manifest
(page fingerprints and sizes, other files' digests) and the memo (what loading,
views, entries, search and checks made from each input, in appended segments)
live in .cache/build/ beside the output folder, never in the published site.
The result is byte-identical to a clean build (tests/test_build_cache.py checks
that, after rounds of random edits too).
"""
from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from ..build.pages import Page

FORMAT = 4
_PACKAGE = Path(__file__).resolve().parents[1]     # site_builder/


def _digest(*parts: str) -> str:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


# The modules whose code decides a page's bytes (the model's values are in the page fingerprints).
RENDERING_CODE = ("incremental/cache", "build/citations", "build/compose", "build/linking", "build/markup", "model",
                  "build/pages", "build/render", "build/views")


def global_fingerprint(templates: Path, *settings) -> str:
    """Rendering code + templates + translations + site-wide settings: a change re-renders every page.

    templates/static/ is left out: it is copied, never rendered into a page.
    """
    h = hashlib.blake2b(digest_size=16)
    files = [_PACKAGE / f"{name}.py" for name in RENDERING_CODE]
    files += sorted(p for p in templates.rglob("*") if p.is_file() and "static" not in p.relative_to(templates).parts)
    for path in files:
        h.update(path.name.encode() + b"\x00" + path.read_bytes() + b"\x00")
    h.update(repr(settings).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def paper_fingerprints(views, only=None) -> dict[str, str]:
    """Paper id -> fingerprint of what its page and its list entries show: its texts' inputs
    (``pv.digest``: the paper, its citation key...), its bylines and the linked people's names.
    ``only``: just these papers."""
    names = {aid: av.author.name for aid, av in views.authors.items()}
    paper_fp = {}
    for pid in views.papers if only is None else only:
        pv = views.papers[pid]
        linked = "\x00".join([f"{b.name}\x01{b.author_id}\x01{names.get(b.author_id, '')}" for b in pv.bylines])
        paper_fp[pid] = _digest(pv.digest.hex(), linked)
    return paper_fp


def author_fingerprints(views, paper_fp: dict[str, str], only=None) -> dict[str, str]:
    """Author id -> fingerprint of what their page shows; ``only``: just these people."""
    author_fp = {}
    names = {aid: av.author.name for aid, av in views.authors.items()}
    for aid in views.authors if only is None else only:
        av = views.authors[aid]
        coauthors = "\x00".join([f"{c.author_id}\x01{c.joint_papers}\x01{names[c.author_id]}" for c in av.coauthors])
        author_fp[aid] = _digest(repr(av.author), av.name_html, av.portrait, av.colour, av.initials,
                                 "\x00".join([paper_fp[pv.id] for pv in av.papers]), coauthors)
    return author_fp


def shared_fingerprints(views, paper_fp: dict[str, str]) -> dict[str, str]:
    """Page kind -> fingerprint, for the pages that show everyone: the list shows every entry
    in order; the people page every person's name, role, picture and count."""
    whole_list = _digest("list", "\x00".join([paper_fp[pid] for pid in views.papers]))
    people = _digest("people", "\x00".join([
        f"{aid}\x01{av.author.name}\x01{av.name_html}\x01{av.author.role}\x01{av.portrait}\x01{av.colour}\x01"
        f"{av.initials}\x01{len(av.papers)}" for aid, av in views.authors.items()]))
    return {"list": whole_list, "people": people, "root": "root", "notfound": "notfound"}


def page_fingerprint(page: Page, paper_fp: dict[str, str], author_fp: dict[str, str], by_kind: dict[str, str]) -> str:
    if page.kind == "paper":
        return paper_fp[page.subject]
    if page.kind == "author":
        return author_fp[page.subject]
    return by_kind[page.kind]


def page_fingerprints(planned: list[Page], views, paper_fp: dict[str, str]) -> dict[str, str]:
    """Output path -> fingerprint of what the page shows besides the global settings (global_fingerprint)."""
    author_fp = author_fingerprints(views, paper_fp)
    by_kind = shared_fingerprints(views, paper_fp)
    return {page.output_path: page_fingerprint(page, paper_fp, author_fp, by_kind) for page in planned}


# --- Memo: what the costly stages made from each unchanged input last time -------------
#
# {"files": {(shown path, kind): (file signature, what the loader read)}, "texts": {digest of a
# paper: its Markdown/BibTeX texts}, "entries": {(lang, compact, paper fingerprint): HTML},
# "search": see search.py, "checks": {"duplicates": see loader.check_duplicate_papers}}.
# Most values are what their key's inputs make; the search part's shards and chunks are the
# previous build's instead, so the memo must read back exactly what the last build left: each
# segment also lists the keys that build dropped ("gone"). A memo is tied to the code and
# templates that made it.
#
# It is kept as a few segment files, each a pickle of what one build added and dropped: a
# one-paper edit appends a few kilobytes instead of rewriting 100 MB, and a build that finds too
# many segments or too much that is no longer used writes one fresh segment.

# Modules a build never runs: editing them keeps the memo.
NOT_BUILD_CODE = {"ingest", "serve", "scaffold", "cli", "check", "__main__"}


def code_fingerprint(templates: Path) -> str:
    h = hashlib.blake2b(digest_size=16)
    code = [p for p in sorted(_PACKAGE.rglob("*.py"))
            if p.relative_to(_PACKAGE).parts[0].removesuffix(".py") not in NOT_BUILD_CODE]
    for path in code + sorted(p for p in templates.rglob("*") if p.is_file()):
        h.update(path.name.encode() + b"\x00" + path.read_bytes() + b"\x00")
    return h.hexdigest()


MEMO_PARTS = ("files", "texts", "entries", "search", "checks")
MAX_SEGMENTS = 8


def _segments(out_dir: Path) -> list[Path]:
    folder = manifest_path(out_dir).parent
    stem = out_dir.resolve().name + ".memo."
    found = []
    try:
        for entry in os.scandir(folder):
            number = entry.name[len(stem):-len(".pickle")]
            if entry.name.startswith(stem) and entry.name.endswith(".pickle") and number.isdigit():
                found.append((int(number), Path(entry.path)))
    except OSError:
        return []
    return [path for _, path in sorted(found)]


def load_memo(out_dir: Path, code_fp: str) -> dict:
    """What earlier builds for out_dir made (empty when it cannot be trusted). ``memo["stored"]``
    keeps what the segments held, so that ``save_memo`` writes only what is new."""
    memo = {part: {} for part in MEMO_PARTS}
    memo.update(globals="", stored={part: {} for part in MEMO_PARTS}, segments=[], on_disk=0)
    if not code_fp:
        return memo
    segments = _segments(out_dir)
    try:
        for path in segments:
            with open(path, "rb") as f:
                segment = pickle.load(f)
            if not isinstance(segment, dict) or segment.get("code") != code_fp:
                raise ValueError("another version")
            for part in MEMO_PARTS:
                memo[part].update(segment[part])
                for key in segment.get("gone", {}).get(part, ()):
                    memo[part].pop(key, None)
                memo["on_disk"] += len(segment[part])
            memo["globals"] = segment.get("globals", memo["globals"])
    except Exception:          # missing, truncated or from another version: start afresh
        return load_memo(out_dir, "")
    memo["stored"] = {part: dict(memo[part]) for part in MEMO_PARTS}
    memo["segments"] = segments
    return memo


def save_memo(out_dir: Path, code_fp: str, memo: dict, live: dict) -> None:
    """Append what this build made that the segments lack (``live``: everything it used, by part)
    and the keys it no longer has ("gone": some parts, like the search index's shards, are not
    keyed by their inputs, so an old value must not come back); rewrite the memo as one segment
    when the old ones hold too much that is no longer used."""
    stored, segments = memo["stored"], memo["segments"]
    new = {part: {k: v for k, v in live[part].items() if stored[part].get(k, _MISSING) is not v}
           for part in MEMO_PARTS}
    gone = {part: [k for k in stored[part] if k not in live[part]] for part in MEMO_PARTS}
    used = sum(len(live[part]) for part in MEMO_PARTS)
    fresh = not segments or len(segments) >= MAX_SEGMENTS \
        or memo.get("on_disk", 0) + sum(map(len, new.values())) > 1.5 * used + 1000 \
        or memo["globals"] != live["globals"]
    if fresh:
        new, gone = {part: live[part] for part in MEMO_PARTS}, {}
    elif not any(new.values()) and not any(gone.values()):
        return
    folder = manifest_path(out_dir).parent
    number = 0 if fresh else int(segments[-1].name.split(".")[-2]) + 1
    path = folder / f"{out_dir.resolve().name}.memo.{number}.pickle"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with open(tmp, "wb") as f:
            pickle.dump({**new, "gone": gone, "code": code_fp, "globals": live["globals"]}, f,
                        protocol=pickle.HIGHEST_PROTOCOL)
        if fresh:
            for old in _segments(out_dir):
                old.unlink(missing_ok=True)
        os.replace(tmp, path)
    except OSError:
        pass


_MISSING = object()


def digest(*parts: str) -> str:
    return _digest(*parts)


def compiled_templates(out_dir: Path) -> Path:
    """Where the templates are kept compiled between builds (render.make_environment)."""
    return manifest_path(out_dir).parent / "templates"


def manifest_path(out_dir: Path) -> Path:
    return out_dir.resolve().parent / ".cache" / "build" / f"{out_dir.resolve().name}.manifest.pickle"


def load(out_dir: Path, global_fp: str) -> tuple[dict[str, str], dict[str, str], str] | None:
    """The previous build's (page fingerprints, other files' digests, build id), or None when
    they cannot be trusted."""
    try:
        with open(manifest_path(out_dir), "rb") as f:
            data = pickle.load(f)
    except Exception:           # missing, truncated, from another version
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("global") != global_fp:
        return None
    pages, files = data.get("pages"), data.get("files")
    return (pages, files, data.get("id", "")) if isinstance(pages, dict) and isinstance(files, dict) else None


def forget(out_dir: Path) -> None:
    """Before the output is changed in place: if that is interrupted, the next build starts afresh.
    (The memo stays: it describes inputs, never the output folder.)"""
    try:
        manifest_path(out_dir).unlink()
    except OSError:
        pass


def save(out_dir: Path, global_fp: str, fingerprints: dict[str, str], sizes: dict[str, int],
         files: dict[str, str], build_id: str = "") -> None:
    """Record each page's fingerprint with its size, so a page edited by hand is not reused,
    and each other file's digest, so an unchanged one is not rewritten."""
    path = manifest_path(out_dir)
    recorded = {rel: (fp, sizes[rel]) for rel, fp in fingerprints.items() if rel in sizes}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with open(tmp, "wb") as f:
            pickle.dump({"format": FORMAT, "global": global_fp, "pages": recorded, "files": files, "id": build_id}, f,
                        protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass        # no cache next time: slower, never wrong


def unchanged_pages(previous: dict[str, tuple[str, int]], previous_dir: Path,
                    fingerprints: dict[str, str]) -> dict[str, int]:
    """Path -> size of each page the previous build made from the same fingerprint that is still
    there at that size (not deleted, not edited by hand)."""
    found = {}
    prefix = os.path.join(previous_dir, "")
    for rel, fp in fingerprints.items():
        recorded = previous.get(rel)
        if recorded is None or recorded[0] != fp:
            continue
        try:
            if os.stat(prefix + rel).st_size == recorded[1]:
                found[rel] = recorded[1]
        except OSError:
            pass
    return found


def reuse(previous: Path, staging: Path, rel: str) -> bool:
    """Hard-link (or copy) a page from the previous output into the staging folder."""
    source, target = previous / rel, staging / rel
    try:
        os.makedirs(target.parent, exist_ok=True)
        try:
            os.link(source, target)
        except OSError:
            import shutil
            shutil.copyfile(source, target)
        return True
    except OSError:
        return False
