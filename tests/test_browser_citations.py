"""Citation downloads in headless Chromium: each link gives the file a reference manager
expects (name and bytes), although the site has no file per paper any more."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import HOSTILE, build, write_content
from site_builder.build.citations import Citation, assign_keys, csl_item, to_bibtex, to_csl_json, to_ris
from site_builder.build.loader import load_content

pytestmark = pytest.mark.browser

ORIGIN = "https://lab.example.org"
PAPERS = {
    "tricky": {     # everything the page must give back unchanged: markup, quotes, controls, astral
        "title": f"Nash & </script><!-- {HOSTILE} at $\\beta_{{i,j}}$ for Rémi’s Łódź 😀",
        "authors": ["Rémi Munos", "Anderson and Co, Inc", 'Eve "</script>" Doe'],
        "date": "2023-12-01", "venue": "Journal of <b>Tests</b>", "organisation": "Google DeepMind",
        "doi": "10.1000/x&y;z(1)", "url": "https://example.org/paper.pdf?a=1&b=2",
        "abstract": "First  line\nsecond\tline: </script><!-- \"quoted\" 'single' \\ back & &amp; &lt; "
                    "\x01 ctrl \u2028 sep, 😀 astral, $\\beta_{i,j}$ and \\textbf{bold}, *emphasis*. " * 3,
    },
    "nul-in-abstract": {"title": "A NUL Character", "authors": ["Ann Lee"], "date": "2021",
                        "abstract": "Before\0after: an HTML page cannot hold this character."},
    "no-abstract": {"title": "No Abstract At All", "authors": [], "author_count": 3},
}
FORMATS = {"bib": ("bib", to_bibtex), "ris": ("ris", to_ris),
           "csl": ("json", lambda c: to_csl_json([csl_item(c)]))}


@pytest.fixture(scope="module")
def cite_site(tmp_path_factory, serve_site):
    root = tmp_path_factory.mktemp("cite-browser")
    content = write_content(root / "content", papers=PAPERS, site={"url": ORIGIN, "base_url": "/lab-site/"})
    build(content, root / "out")
    return content, serve_site(root / "out")


def expected_file(content_root: Path, paper_id: str, fmt: str) -> tuple[str, bytes]:
    """What cite/<paper>.<ext> held when it was written by the build: name and bytes."""
    content, problems = load_content(content_root)
    assert not [p for p in problems if p.is_error]
    published = [p for p in content.papers if p.published]
    paper = next(p for p in published if p.id == paper_id)
    key = assign_keys(published)[paper_id]
    ext, make = FORMATS[fmt]
    text = make(Citation(key, paper, f"{ORIGIN}/lab-site/en/papers/{paper_id}/"))
    return f"{key}.{ext}", text.encode("utf-8")


@pytest.mark.parametrize("lang, label", [("en", "Download BibTeX (.bib)"), ("fr", "Télécharger le BibTeX (.bib)")])
@pytest.mark.parametrize("paper_id", list(PAPERS))
def test_each_download_gives_the_files_bytes_and_name(browser, cite_site, lang, label, paper_id):
    content_root, url = cite_site
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto(f"{url}{lang}/papers/{paper_id}/")
    names = {"bib": label,
             "ris": "Download as RIS (.ris)" if lang == "en" else "Télécharger au format RIS (.ris)",
             "csl": "Download as CSL-JSON (.json)" if lang == "en" else "Télécharger au format CSL-JSON (.json)"}
    for fmt, name in names.items():
        with page.expect_download() as info:
            page.get_by_role("link", name=name, exact=True).click()
        download = info.value
        expected_name, expected_bytes = expected_file(content_root, paper_id, fmt)
        assert download.suggested_filename == expected_name
        assert Path(download.path()).read_bytes() == expected_bytes, (paper_id, fmt)
    assert page.evaluate("window.__pwned") is None
    context.close()


def test_other_formats_read_as_a_labelled_group_in_french(page, cite_site):
    page.goto(cite_site[1] + "fr/papers/tricky/")
    formats = page.locator(".other-formats")
    assert formats.is_visible()
    assert formats.inner_text().split() == ["Autres", "formats", ":", "RIS", "CSL-JSON"]


def test_without_javascript_no_dead_download_link_and_the_bibtex_is_there_to_copy(browser, cite_site):
    content_root, url = cite_site
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url + "en/papers/tricky/")
    assert page.get_by_role("link", name="Download BibTeX (.bib)").count() == 0   # hidden, not a dead link
    assert not page.locator(".other-formats").is_visible()
    assert not page.get_by_role("button", name="Copy BibTeX").is_visible()
    shown = page.locator("#bibtex")
    assert shown.is_visible()
    assert shown.text_content().encode("utf-8") == expected_file(content_root, "tricky", "bib")[1]
    context.close()
