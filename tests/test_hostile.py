"""Hostile text in titles, names, roles and abstracts renders as inert text, everywhere."""
from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

from conftest import HOSTILE


class Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.elements: list[tuple[str, dict]] = []
        self.jsonld: list[str] = []
        self._ld = False

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self._ld = tag == "script" and dict(attrs).get("type") == "application/ld+json"
        if self._ld:
            self.jsonld.append("")

    def handle_endtag(self, tag):
        self._ld = False

    def handle_data(self, data):
        if self._ld:
            self.jsonld[-1] += data


def pages(out):
    return sorted(out.rglob("*.html"))


def test_no_page_gains_a_script_handler_or_javascript_link(demo_site):
    for path in pages(demo_site):
        parser = Elements()
        parser.feed(path.read_text(encoding="utf-8"))
        for tag, attrs in parser.elements:
            assert not [a for a in attrs if a.startswith("on")], (path, tag, attrs)
            for name in ("href", "src", "action"):
                assert not (attrs.get(name) or "").strip().lower().startswith("javascript:"), (path, tag, attrs)
            if tag == "script":
                # data blocks (JSON-LD, the citation data) never run; scripts come only from static/
                assert attrs.get("type") in ("application/ld+json", "application/json") or attrs.get("src", "").endswith(
                    ("static/site.js", "static/search.js", "static/filters.js")), (path, attrs)
            assert tag != "img" or not attrs.get("src", "").startswith(("x", "http")), (path, attrs)


def test_hostile_text_is_shown_verbatim(demo_site):
    html = (demo_site / "en/papers/hostile-paper/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert "onerror=&#34;window.__pwned=2&#34;" in html or "onerror=&quot;window.__pwned=2&quot;" in html
    assert "<script>window" not in html


def test_json_ld_cannot_be_closed_by_a_name(demo_site):
    for path in pages(demo_site):
        parser = Elements()
        parser.feed(path.read_text(encoding="utf-8"))
        for block in parser.jsonld:
            assert "</" not in block and "<" not in block
            json.loads(block)
    person = Elements()
    person.feed((demo_site / "en/authors/hostile-person/index.html").read_text(encoding="utf-8"))
    data = json.loads(person.jsonld[0])
    assert data["name"] == f"Eve {HOSTILE}" and data["jobTitle"] == HOSTILE


def test_meta_tags_keep_quotes_inside_the_attribute(demo_site):
    from test_build_site import doc
    d = doc(demo_site, "fr/papers/hostile-paper/index.html")
    assert d.values("citation_title") == [f"Quotes ' \" and {HOSTILE}"]
    assert d.values("citation_author") == [HOSTILE, "Michal Valko"]


@pytest.mark.browser
@pytest.mark.parametrize("path", ["en/", "fr/papers/hostile-paper/", "en/authors/hostile-person/",
                                  "fr/people/", "en/papers/hostile-paper/"])
def test_nothing_runs_in_the_browser(reading_page, demo_url, path):
    page = reading_page()
    dialogs = []

    def dismiss(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()
    page.on("dialog", dismiss)
    try:
        page.goto(demo_url + path)
        page.wait_for_load_state("load")
        for summary in page.locator("summary").all():
            summary.click()
        assert page.evaluate("window.__pwned") is None
        assert not dialogs
        assert page.locator(f"text={HOSTILE[:20]}").count() >= 1      # shown as text
        links = page.locator("a").evaluate_all("as => as.map(a => a.protocol)")
        assert "javascript:" not in links
    finally:
        page.remove_listener("dialog", dismiss)


def test_an_svg_portrait_is_refused_even_under_another_name(tmp_path):
    """An SVG drawing may run scripts when its URL is opened: refused, whatever its name says."""
    from conftest import build, write_content
    from site_builder.errors import ContentError
    evil = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    fine = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2 2"><circle r="1"/></svg>'
    content = write_content(tmp_path / "content", files={"p/evil.svg": evil, "p/fine.png": fine}, authors={
        "eve": {"name": "Eve", "portrait": "p/evil.svg"}, "ann": {"name": "Ann", "portrait": "p/fine.png"}})
    with pytest.raises(ContentError) as error:
        build(content, tmp_path / "out")
    lines = [p.format() for p in error.value.problems]
    assert lines == [
        f"{content}/authors/ann.yaml:2: portrait 'p/fine.png' is an SVG drawing, which could run scripts on the site "
        "(export it as PNG, JPEG or WebP)",
        f"{content}/authors/eve.yaml:2: portrait 'p/evil.svg' is an SVG drawing, which could run scripts on the site "
        "(export it as PNG, JPEG or WebP)"]
    assert not (tmp_path / "out").exists()