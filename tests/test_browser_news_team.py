"""The news page, a news item, its feed and the team page in Chromium, on a phone and a desktop."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import SUB_PATH, build, write_content
from test_news_team import AUTHORS, PAPERS, SITE, news_files

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(__file__).resolve().parent.parent / ".cache" / "screenshots"   # git-ignored
WIDTHS = [390, 1280]


@pytest.fixture(scope="module")
def lab_url(tmp_path_factory, serve_site) -> str:
    folder = tmp_path_factory.mktemp("browser-news")
    content = write_content(folder / "content", site=SITE, papers=PAPERS, authors=AUTHORS, files=news_files())
    build(content, folder / "out", base_url=SUB_PATH)
    return serve_site(folder / "out")


@pytest.fixture
def sized(reading_page, request):
    """A page of the given width (the test's ``width`` parameter); each test starts with a goto."""
    width = request.node.callspec.params["width"]
    return reading_page(width), width


def fits(page, width: int) -> bool:
    """Nothing wider than the screen: no sideways scrolling."""
    return page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", WIDTHS)
def test_news_page_leads_to_an_item_and_its_paper(sized, lab_url, width):
    page, _ = sized
    page.goto(lab_url + "en/")
    page.locator(".site-nav").get_by_role("link", name="News").click()
    page.wait_for_url(lab_url + "en/news/")      # and its load event
    titles = page.locator(".news-title").all_inner_texts()
    assert titles == ["A visit", "A prize", "An old item"]
    assert fits(page, width)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"news-{width}.png"), full_page=True)
    page.get_by_role("link", name="A prize").click()
    page.wait_for_url(lab_url + "en/news/prize/")      # and its load event
    assert page.locator("h1").inner_text() == "A prize"
    assert page.locator(".news-body strong").inner_text() == "engines"
    assert fits(page, width)
    page.screenshot(path=str(SCREENSHOTS / f"news-item-{width}.png"), full_page=True)
    page.locator(".news-papers").get_by_role("link", name="Notes on Engines").click()
    page.wait_for_url(lab_url + "en/papers/engines/")      # and its load event


@pytest.mark.parametrize("width", WIDTHS)
def test_news_item_in_french_after_the_language_switch(sized, lab_url, width):
    page, _ = sized
    page.goto(lab_url + "en/news/prize/")
    page.locator(".language-switcher").get_by_text("Français").click()
    page.wait_for_url(lab_url + "fr/news/prize/")      # and its load event
    assert page.locator("h1").inner_text() == "Un prix"
    assert page.locator(".news-date").inner_text() == "1 mars 2024"


def test_news_feed_is_served_as_atom(page, lab_url):
    page.goto(lab_url + "en/news/")
    href = page.locator('link[type="application/atom+xml"][href$="news/feed.xml"]').get_attribute("href")
    response = page.request.get(page.url + href)
    assert response.ok
    feed = ET.fromstring(response.body())
    atom = "{http://www.w3.org/2005/Atom}"
    assert [e.findtext(f"{atom}title") for e in feed.findall(f"{atom}entry")] == ["A visit", "A prize", "An old item"]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang, roles", [
    ("en", ["Faculty", "PhD students", "Alumni", "Other members"]),
    ("fr", ["Professeurs", "Doctorants", "Anciens membres", "Autres membres"]),
])
def test_team_page_shows_members_in_the_order_site_yaml_gives(sized, lab_url, width, lang, roles):
    page, _ = sized
    page.goto(lab_url + f"{lang}/")
    page.locator(".site-nav").get_by_role("link", name="Team" if lang == "en" else "Équipe").click()
    page.wait_for_url(lab_url + f"{lang}/team/")      # and its load event
    assert page.locator(".role-group h2").all_inner_texts() == roles
    assert page.locator(".team-card h3").all_inner_texts() == ["Alan Turing", "Zoé Côté", "Ada Lovelace",
                                                               "Barbara Liskov"]
    assert "Grace Hopper" not in page.locator("main").inner_text()
    portrait = page.locator(".team-portrait").first.bounding_box()
    assert (round(portrait["width"]), round(portrait["height"])) == (96, 96)
    github = page.get_by_role("link", name="GitHub")
    assert github.is_visible() and github.get_attribute("href") == "https://github.com/zoecote"
    assert fits(page, width)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"team-{lang}-{width}.png"), full_page=True)
    page.get_by_role("link", name="Zoé Côté").click()
    page.wait_for_url(lab_url + f"{lang}/authors/zoe-cote/")      # and its load event
