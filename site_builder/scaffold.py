"""`new paper "Title"` / `new author "Name"` / `new news "Title"`: write a correct, commented entry.

The comments are the schema's own help text, so what an editor reads in the
new file is what `check` and their IDE enforce.
"""
from __future__ import annotations

import datetime
import os
from pathlib import Path

import yaml

from . import schema as S
from .errors import ERROR, Problem, SiteError, UsageError, environment_problem
from .text import slugify          # the ids ingest gives: a new entry for an ingested paper collides
from .build.loader import YAML_SUFFIXES
from .yamlfile import read_fields
from .progress import Reporter

# Per kind: the fields a new entry shows, and whether each starts active or commented out.
# Fields that only ingest writes (sources, upvotes, ...) are left out.
LAYOUT = {
    "paper": (("title", True), ("authors", True), ("date", False), ("status", True),
              ("abstract", False), ("venue", False), ("doi", False), ("url", False), ("links", False)),
    "author": (("name", True), ("aliases", True), ("role", False), ("member", False), ("portrait", False),
               ("bio", False), ("homepage", False), ("orcid", False), ("scholar", False), ("github", False)),
    "news": (("date", True), ("title", True), ("body", True), ("papers", True), ("people", True), ("status", True)),
}
FOLDER = {"paper": "papers", "author": "authors", "news": "news"}
WHAT = {"paper": "A paper", "author": "A person", "news": "A news item"}
NAMED_BY = {"paper": "title", "author": "name", "news": "title"}


def quoted(text: str) -> str:
    """A YAML double-quoted scalar: safe whatever the title holds (': ', quotes, #)."""
    return yaml.safe_dump(text, default_style='"', allow_unicode=True, width=float("inf")).strip()


def _example(field: S.Field, entry_id: str) -> str:
    examples = {
        "date": "2024-05-17",
        "abstract": ">-\n#   The abstract, in as many indented lines as you like.\n#   Markdown and TeX ($x^2$) work.",
        "venue": "NeurIPS 2024",
        "doi": "10.1000/xyz123",
        "url": "https://arxiv.org/abs/2401.00001",
        "links": "\n#   code: https://github.com/example/project\n#   project: https://example.org/project",
        "role": "PhD student",
        "portrait": f"authors/{entry_id}.jpg",
        "homepage": "https://example.org/~me",
        "orcid": "0000-0002-1825-0097",
        "member": "true",
        "bio": "\"One or two sentences; Markdown works.\"",
        "scholar": "qc6CJjYAAAAJ",
        "github": "octocat",
    }
    return examples.get(field.name, field.example or '""')


def render_entry(kind: str, text: str, entry_id: str, today: datetime.date | None = None) -> str:
    """The YAML of a new entry, every field explained by its schema help. ``today``: a news item's date."""
    file_schema = S.SCHEMAS[kind]
    lines = [
        f"# yaml-language-server: $schema=../../schemas/{kind}.schema.json",
        f"# {WHAT[kind]} on the site. The file name ({entry_id}) is"
        " the id and web address: keep it once published.",
        "# Lines starting with # are comments: remove the # to use a field. Guide: docs/editing.md",
        "# Check your changes with: python -m site_builder check",
        "",
    ]
    for name, active in LAYOUT[kind]:
        field = file_schema.field(name)
        lines.append(f"# {field.help}")
        if kind == "news" and name == "date":
            lines.append(f"date: {(today or datetime.date.today()).isoformat()}")
        elif kind == "news" and name == "title":
            lines += ["# For one title per language:", "#   title:", f"#     en: {quoted(text)}", "#     fr: \"…\"",
                      f"title: {quoted(text)}"]
        elif kind == "news" and name == "body":
            lines += ["# For example (one text, or one per language as for the title):", "#   body: |",
                      "#     The paper on **mixtures of experts** won the best paper award.", 'body: ""']
        elif kind == "news" and name in ("papers", "people"):
            folder = "papers" if name == "papers" else "authors"
            lines += [f"# For example: {name}: [{'soft-moe' if name == 'papers' else 'jane-doe'}]"
                      f" (file names in content/{folder}/, without .yaml)", f"{name}: []"]
        elif name in ("title", "name"):
            lines.append(f"{name}: {quoted(text)}")
        elif name == "authors":
            lines += ["# For example:", "#   authors:", "#     - Jane Doe", "#     - Rémi Munos", "authors: []"]
        elif name == "aliases":
            lines += ["# For example: aliases: [J. Doe, Jane M. Doe]", "aliases: []"]
        elif name == "bio":
            lines += ["# For one per language:", "#   bio:", "#     en: …", "#     fr: …",
                      f"# {name}: {_example(field, entry_id)}"]
        elif name == "portrait":
            lines += [f"# Put the image in content/{FOLDER[kind]}/, next to this file.",
                      f"# {name}: {_example(field, entry_id)}"]
        elif active:
            lines.append(f"{name}: {field.default if field.default not in (None, '') else field.example}")
        else:
            lines.append(f"# {name}: {_example(field, entry_id)}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def create_entry(content: str | Path, kind: str, text: str, today: datetime.date | None = None) -> Path:
    """Write a new entry and return its path; refuse to overwrite anything."""
    text = " ".join(text.split())
    if not text:
        raise UsageError(f"the {kind}'s {NAMED_BY[kind]} must not be empty")
    entry_id = slugify(text)
    if not entry_id:
        raise UsageError(f"cannot make an id from {text!r}: it has no letters or digits")
    content_dir = Path(content)
    if not content_dir.is_dir():
        raise SiteError(problems=[Problem(os.path.normpath(str(content)), 0, "content folder not found",
                                          ERROR, "run this from the project root, or pass --content")])
    folder = content_dir / FOLDER[kind]
    target = folder / f"{entry_id}.yaml"
    shown = os.path.normpath(os.path.join(str(content), FOLDER[kind], target.name))
    for suffix in YAML_SUFFIXES:
        existing = folder / f"{entry_id}{suffix}"
        if existing.exists():
            shown_existing = os.path.normpath(os.path.join(str(content), FOLDER[kind], existing.name))
            what = {"paper": "a paper", "author": "an author", "news": "a news item"}[kind]
            raise SiteError(problems=[Problem(shown_existing, 0, f"{what} with id '{entry_id}' already exists",
                                              ERROR, "edit that file, or choose a different " + NAMED_BY[kind])])
    if kind == "news" and entry_id in S.RESERVED_NEWS_IDS:
        entry_id += "-1"
        target, shown = folder / f"{entry_id}.yaml", os.path.normpath(os.path.join(str(content), FOLDER[kind], f"{entry_id}.yaml"))
    body = render_entry(kind, text, entry_id, today)
    givens, first_line, _ = read_fields(body.encode("utf-8"))
    _, problems, ok = S.validate(S.SCHEMAS[kind], givens, shown, first_line)
    if not ok:      # never write an entry check would reject (a title holding a control character, too long...)
        what = "the title" if kind == "paper" else "the name"
        raise UsageError(f"{what} cannot be used: " + "; ".join(
            p.message + (f" ({p.hint})" if p.hint else "") for p in problems if p.is_error))
    folder.mkdir(exist_ok=True)
    with open(target, "x", encoding="utf-8") as handle:      # "x": never overwrite, even in a race
        handle.write(body)
    return Path(shown)


def main(args) -> int:
    reporter = Reporter(quiet=getattr(args, "quiet", False), verbose=getattr(args, "verbose", False))
    try:
        path = create_entry(args.content, args.kind, args.title)
    except FileExistsError as exc:
        raise SiteError(f"{exc.filename}: already exists") from None
    except OSError as exc:       # a read-only content folder, a full disk
        raise SiteError(problems=[environment_problem(exc, exc.filename or args.content, "could not be written",
                                                      "nothing was created")]) from None
    reporter.info(f"created {path}")
    reporter.info("next: fill it in, then run: python -m site_builder check")
    return 0
