"""Load content/ YAML into the model, collecting every problem.

PLACEHOLDER: minimal version; the validating loader (schema-driven, with
file:line messages) replaces it and keeps this signature.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from .errors import Problem
from .model import Author, Content, Paper, Site


def load_content(root: str | Path) -> tuple[Content, list[Problem]]:
    root = Path(root)
    site_data = yaml.safe_load((root / "site.yaml").read_text(encoding="utf-8")) or {}
    site = Site(**{k: (tuple(v) if isinstance(v, list) else v) for k, v in site_data.items()})
    papers = []
    for p in sorted((root / "papers").glob("*.yaml")):
        d = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
        d = {k: (tuple(v) if isinstance(v, list) else v) for k, v in d.items()}
        if "date" in d and d["date"] is not None:
            d["date"] = str(d["date"])
        papers.append(Paper(id=p.stem, path=str(p), **d))
    authors = []
    for p in sorted((root / "authors").glob("*.yaml")):
        d = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
        d = {k: (tuple(v) if isinstance(v, list) else v) for k, v in d.items()}
        authors.append(Author(id=p.stem, path=str(p), **d))
    return Content(site=site, papers=tuple(papers), authors=tuple(authors), root=str(root)), []
