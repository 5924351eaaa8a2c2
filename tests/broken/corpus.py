"""The broken-entries corpus: real editor mistakes, each with the exact message `check` gives.

Each case is a folder holding ``case.json`` and the files that differ from
``_base/`` (a small valid site): ``content/...`` files are laid over the base
content, other files land next to content/ (e.g. the target of a symlink
that leads out of it). ``case.json`` says:

- ``mistake``: what the editor did;
- ``expect``: the exact lines `check` prints (paths relative to the site folder);
- ``exit``: `check`'s exit status (1 for errors, 0 for warnings only);
- ``schema``: the entry the JSON Schema must reject too ("papers/x.yaml"),
  ``"accepts"`` when only warnings are expected, or absent when JSON Schema
  cannot say it (YAML syntax, file names, files across the site, real dates);
- ``delete``: base files the case removes.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
BASE = HERE / "_base"
REPO = HERE.parent.parent
SCHEMAS = REPO / "schemas"

ENV = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """`python -m site_builder ARGS` run from cwd, as an editor would."""
    return subprocess.run([sys.executable, "-m", "site_builder", *args], cwd=cwd, env=ENV,
                          capture_output=True, text=True, timeout=60)


def case_names() -> list[str]:
    return sorted(p.name for p in HERE.iterdir() if (p / "case.json").is_file())


def case(name: str) -> dict:
    return json.loads((HERE / name / "case.json").read_text(encoding="utf-8"))


def materialise(name: str | None, dest: Path) -> Path:
    """Lay the base site, then the case over it, into dest; return dest/content."""
    shutil.copytree(BASE / "content", dest / "content", symlinks=True)
    if name is None:
        return dest / "content"
    source = HERE / name
    for path in sorted(source.rglob("*")):
        rel = path.relative_to(source)
        if rel.name == "case.json" or (path.is_dir() and not path.is_symlink()):
            continue
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists() or target.is_symlink():
            target.unlink()
        shutil.copy2(path, target, follow_symlinks=False)
    for rel in case(name).get("delete", []):
        (dest / rel).unlink()
    return dest / "content"


class _SchemaLoader(yaml.SafeLoader):
    """YAML as an IDE's language server reads it: dates stay text."""


_SchemaLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_for_schema_text(text: str):
    return yaml.load(text, Loader=_SchemaLoader)


def load_for_schema(path: Path):
    return load_for_schema_text(path.read_text(encoding="utf-8"))


def schema_kind(rel: str) -> str:
    if rel.endswith(("site.yaml", "site.yml")) and "/" not in rel.strip("/"):
        return "site"
    if rel.startswith("news/"):
        return "news"
    return "author" if rel.startswith("authors/") else "paper"


def validator(kind: str):
    import jsonschema

    schema = json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema)


def schema_errors(content: Path, rel: str) -> list[str]:
    """What the committed JSON Schema says about one entry (empty when it accepts it)."""
    data = load_for_schema(content / rel)
    return [e.message for e in validator(schema_kind(rel)).iter_errors(data)]


def entries(content: Path) -> list[str]:
    """Every YAML entry under content/, relative to it."""
    found = [p for p in content.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()]
    return sorted(p.relative_to(content).as_posix() for p in found
                  if p.relative_to(content).parts[0] in ("papers", "authors", "news") or p.parent == content)
