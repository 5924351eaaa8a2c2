"""Incremental builds: reuse a page from the previous output when nothing it shows changed.

Each page gets a fingerprint of everything its bytes depend on: the code, the
templates and translations, the site settings, and the view of its paper or
author (including the names of linked people and of co-authors). A page whose
fingerprint matches the previous build's is hard-linked from the previous
output instead of rendered. The manifest lives in .cache/build/ beside the
output folder, never in the published site. The result is byte-identical to a
clean build (tests/test_build_cache.py checks that).
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from .pages import Page

FORMAT = 2
_PACKAGE = Path(__file__).resolve().parent


def _digest(*parts: str) -> str:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


# The modules whose code decides a page's bytes (the model's values are in the page fingerprints).
RENDERING_CODE = ("cache", "citations", "compose", "linking", "markup", "model", "pages", "render", "views")


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


def page_fingerprints(planned: list[Page], views) -> dict[str, str]:
    """Output path -> fingerprint for paper and author pages (lists and indexes are always rendered)."""
    names = {aid: av.author.name for aid, av in views.authors.items()}
    paper_fp = {}
    for pid, pv in views.papers.items():
        linked = [names.get(b.author_id, "") for b in pv.bylines if b.author_id]
        paper_fp[pid] = _digest(repr(pv), repr(linked))
    author_fp = {}
    for aid, av in views.authors.items():
        author_fp[aid] = _digest(repr(av.author), av.name_html, av.portrait, av.placeholder, av.colour,
                                 av.initials, repr([paper_fp[pv.id] for pv in av.papers]),
                                 repr([(a.id, a.name, n) for a, n in av.coauthors]))
    fingerprints = {}
    for page in planned:
        if page.kind == "paper":
            fingerprints[page.output_path] = paper_fp[page.subject]
        elif page.kind == "author":
            fingerprints[page.output_path] = author_fp[page.subject]
    return fingerprints


def manifest_path(out_dir: Path) -> Path:
    return out_dir.resolve().parent / ".cache" / "build" / f"{out_dir.resolve().name}.json"


def load(out_dir: Path, global_fp: str) -> dict[str, str]:
    """The previous build's page fingerprints, or {} when they cannot be trusted."""
    try:
        data = json.loads(manifest_path(out_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("global") != global_fp:
        return {}
    pages = data.get("pages")
    return pages if isinstance(pages, dict) else {}


def save(out_dir: Path, global_fp: str, fingerprints: dict[str, str]) -> None:
    """Record each page's fingerprint with its size, so a page edited by hand is not reused."""
    path = manifest_path(out_dir)
    recorded = {}
    for rel, fp in fingerprints.items():
        try:
            recorded[rel] = f"{fp}:{(out_dir / rel).stat().st_size}"
        except OSError:
            continue
    fingerprints = recorded
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"format": FORMAT, "global": global_fp, "pages": fingerprints},
                                  sort_keys=True, separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass        # no cache next time: slower, never wrong


def reusable(previous: dict[str, str], rel: str, fp: str | None) -> int | None:
    """The size the previous build recorded for this page if its fingerprint still matches."""
    recorded = previous.get(rel, "")
    old_fp, _, size = recorded.partition(":")
    return int(size) if fp is not None and old_fp == fp and size.isdigit() else None


def reuse(previous: Path, staging: Path, rel: str, size: int) -> int | None:
    """Hard-link (or copy) a page from the previous output; None if it is gone or was edited."""
    source = previous / rel
    try:
        if source.stat().st_size != size:
            return None
        os.makedirs((staging / rel).parent, exist_ok=True)
        try:
            os.link(source, staging / rel)
        except OSError:
            import shutil
            shutil.copyfile(source, staging / rel)
        return (staging / rel).stat().st_size
    except OSError:
        return None
