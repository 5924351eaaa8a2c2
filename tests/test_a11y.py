"""axe-core in Chromium: no serious or critical violations on the main page types."""
from __future__ import annotations

import pytest

from conftest import ROOT, _require

pytestmark = pytest.mark.browser
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGES = ["en/", "fr/", "en/publications/", "fr/publications/", "en/papers/nash-learning-from-human-feedback/", "fr/papers/count-only/",
         "en/authors/remi-munos/", "fr/authors/michal-valko/", "en/people/", "fr/people/",
         "en/news/", "fr/news/best-paper/", "en/team/", "fr/team/"]


def violations(page) -> list[str]:
    _require(AXE.is_file(), "REQUIRE_BROWSER", str(AXE))
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                       targets: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""")
    return [f"{v['impact']}: {v['id']} ({v['help']}) at {v['targets']}"
            for v in result if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_no_serious_violations(reading_page, demo_url, path, scheme):
    page = reading_page(scheme=scheme)
    page.goto(demo_url + path)
    page.wait_for_load_state("load")
    found = violations(page)
    assert not found, "\n".join(found)


def test_no_serious_violations_with_every_abstract_open(page, demo_url):
    page.goto(demo_url + "en/publications/")
    for summary in page.locator("summary").all():
        summary.click()
    found = violations(page)
    assert not found, "\n".join(found)


def test_committed_site_list_has_no_serious_violations(browser, committed_site, serve_site):
    base = serve_site(committed_site)
    context = browser.new_context()
    page = context.new_page()
    for path in ("en/", "en/publications/", "fr/publications/page/2/"):
        page.goto(base + path)
        found = violations(page)
        assert not found, path + "\n" + "\n".join(found)
    page.goto(base + "fr/publications/?year=2024")
    page.locator("[data-filter-results] li").first.wait_for()
    found = violations(page)
    context.close()
    assert not found, "\n".join(found)


def test_axe_does_report_a_real_problem(page, demo_url):
    """Guard against a check that silently passes everything."""
    page.goto(demo_url + "en/")
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"x.png\">')")
    assert any("image-alt" in v for v in violations(page))
