"""Adding a kind of page takes one declaration in kinds.py and a template (docs/architecture.md):
this test adds the documented example and checks that the build plans, renders, lists and
reuses it like the kinds it ships with."""
from __future__ import annotations

import re
import shutil

import pytest
import yaml

from conftest import DEMO_AUTHORS, DEMO_PAPERS, ROOT, build, edit, png_bytes, write_content

YEAR_TEMPLATE = """{% extends "base.html" %}
{% block main %}
<h1>{{ title }}</h1>
<ul class="entries">{{ papers_html }}</ul>
{% endblock %}
"""


def _example_kind():
    """The example of docs/architecture.md, as written there."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?)```", text, flags=re.S).group(1)
    from site_builder.build import kinds
    from site_builder.build.compose import Composer
    from site_builder.build.pages import Page, page
    namespace = {"Composer": Composer, "Page": Page, "page": page, "page_kind": kinds.page_kind}
    exec(code, namespace)
    return namespace["YEAR"]


@pytest.fixture
def with_years(tmp_path, monkeypatch):
    from site_builder.build import kinds
    year = _example_kind()
    monkeypatch.setattr(kinds, "KINDS", kinds.KINDS + (year,))
    monkeypatch.setattr(kinds, "BY_NAME", {**kinds.BY_NAME, "year": year})
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    (templates / "year.html").write_text(YEAR_TEMPLATE, encoding="utf-8")
    content = write_content(tmp_path / "content", papers=DEMO_PAPERS, authors=DEMO_AUTHORS,
                            files={"portraits/remi.png": png_bytes()})
    return content, templates


def test_a_kind_declared_once_is_planned_rendered_and_listed(with_years, tmp_path):
    content, templates = with_years
    out = tmp_path / "output"
    build(content, out, templates=templates, base_url="/lab-site/")
    page = (out / "en" / "years" / "2024" / "index.html").read_text(encoding="utf-8")
    assert "Mixtures of Experts Unlock Parameter Scaling" in page and "Nash Learning" not in page
    assert 'href="../../../' in page                 # links relative to the page, as on every page
    assert (out / "fr" / "years" / "2023" / "index.html").is_file()
    assert "/lab-site/en/years/2022/" in (out / "sitemap.xml").read_text(encoding="utf-8")


def test_a_kind_declared_once_is_made_again_exactly_when_what_it_shows_changes(with_years, tmp_path):
    content, templates = with_years
    out = tmp_path / "output"
    build(content, out, templates=templates)
    stamp = {year: (out / "en" / "years" / year / "index.html").stat().st_mtime_ns for year in ("2022", "2023", "2024")}
    target = content / "papers" / "soft-moe-for-rl.yaml"          # a 2024 paper
    edit(target, title=yaml.safe_load(target.read_text(encoding="utf-8"))["title"] + " (Revised)")
    result = build(content, out, templates=templates)
    assert 0 < result.made < result.outputs
    now = {year: (out / "en" / "years" / year / "index.html").stat().st_mtime_ns for year in ("2022", "2023", "2024")}
    assert now["2024"] != stamp["2024"] and {now["2022"], now["2023"]} == {stamp["2022"], stamp["2023"]}
    assert "(Revised)" in (out / "en" / "years" / "2024" / "index.html").read_text(encoding="utf-8")
    clean = tmp_path / "clean"
    build(content, clean, templates=templates, use_cache=False)
    assert {p.relative_to(clean): p.read_bytes() for p in clean.rglob("*") if p.is_file()} == \
        {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
