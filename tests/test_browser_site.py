"""The built site in headless Chromium, served from /lab-site/ as on GitHub project pages."""
from __future__ import annotations

from pathlib import Path

import pytest
try:
    from playwright.sync_api import expect
except ImportError:     # the browser fixture skips (or fails under REQUIRE_BROWSER=1)
    expect = None

pytestmark = pytest.mark.browser

NASH = "papers/nash-learning-from-human-feedback/"
SCREENSHOTS = Path(__file__).resolve().parent.parent / ".cache" / "screenshots"   # git-ignored


def test_a_paper_page_shows_its_abstract_in_full_and_voir_moins_folds_it(page, demo_url):
    page.goto(demo_url + "fr/" + NASH)
    toggle = page.locator(".paper-abstract summary")
    full = page.locator(".paper-abstract .full")
    assert full.is_visible() and "THE-HIDDEN-TAIL" in full.inner_text()
    assert page.locator(".paper-abstract .teaser").count() == 0        # the abstract once, no teaser copy
    assert toggle.inner_text().strip().startswith("voir moins")
    assert page.locator(".paper-abstract").inner_text().count("THE-HIDDEN-TAIL") == 1
    toggle.click()
    assert not full.is_visible()
    assert toggle.inner_text().strip().startswith("voir plus")
    page.get_by_text("voir plus").click()
    assert full.is_visible() and toggle.inner_text().strip().startswith("voir moins")


def test_see_more_works_on_the_english_list_and_by_keyboard(page, demo_url):
    page.goto(demo_url + "en/publications/")
    summary = page.locator("#paper-nash-learning-from-human-feedback summary")
    full = page.locator("#paper-nash-learning-from-human-feedback .full")
    assert summary.inner_text().strip().startswith("see more")
    summary.focus()
    page.keyboard.press("Enter")
    assert full.is_visible() and summary.inner_text().strip().startswith("see less")
    assert summary.get_attribute("aria-describedby") == "title-nash-learning-from-human-feedback"
    page.keyboard.press("Space")
    assert not full.is_visible() and summary.inner_text().strip().startswith("see more")


def test_full_abstract_is_shown_and_folds_without_javascript(browser, demo_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_url + "en/" + NASH)
    full = page.locator(".paper-abstract .full")
    assert full.is_visible() and "THE-HIDDEN-TAIL" in full.inner_text()
    page.get_by_text("see less").click()
    assert not full.is_visible()
    page.get_by_text("see more").click()
    assert full.is_visible()
    context.close()


def test_switching_language_lands_on_the_same_paper(page, demo_url):
    page.goto(demo_url + "en/" + NASH)
    page.locator(".language-switcher").get_by_text("Français").click()
    assert page.url == demo_url + "fr/" + NASH
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("h1").inner_text() == "Nash Learning from Human Feedback"
    assert page.locator("#abstract-heading").inner_text() == "Résumé"
    page.locator(".language-switcher").get_by_text("English").click()
    assert page.url == demo_url + "en/" + NASH


def test_author_links_lead_to_author_pages_with_coauthors(page, demo_url):
    page.goto(demo_url + "en/" + NASH)
    page.locator(".byline").get_by_text("Rémi Munos").click()
    assert page.url == demo_url + "en/authors/remi-munos/"
    coauthors = page.locator(".coauthors li")
    assert coauthors.nth(0).inner_text().startswith("Michal Valko")
    coauthors.nth(0).get_by_role("link").click()
    assert page.url == demo_url + "en/authors/michal-valko/"
    assert page.get_by_role("img").first.get_attribute("alt") == "Portrait of Michal Valko is not available"


def test_copy_button_copies_the_bibtex(browser, demo_url):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(demo_url + "en/" + NASH)
    button = page.get_by_role("button", name="Copy BibTeX")
    button.click()
    expect(page.locator(".copy-status")).to_have_text("BibTeX copied to the clipboard.")   # waits
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("@misc{munos2023nash,") and "Calandriello" in copied
    context.close()


def test_unknown_url_shows_the_404_page_with_working_links(page, demo_url):
    response = page.goto(demo_url + "fr/papers/no-such-paper/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Page not found"
    assert page.locator("link[rel=stylesheet]").first.evaluate("l => l.sheet !== null")
    page.get_by_text("Go to the publication list").click()
    assert page.url == demo_url + "en/publications/"


@pytest.mark.parametrize("name, path, width, scheme", [
    ("paper-fr", "fr/" + NASH, 1100, "light"),
    ("author-en", "en/authors/remi-munos/", 1100, "light"),
    ("author-mobile-dark", "en/authors/michal-valko/", 390, "dark"),
])
def test_screenshots_of_paper_and_author_pages(reading_page, demo_url, name, path, width, scheme):
    """Pictures for a human to look at (.cache/screenshots/); the layout must not overflow."""
    page = reading_page(width, scheme)
    page.goto(demo_url + path)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{name}: page is {overflow}px wider than the screen"
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert (background == "rgb(21, 23, 26)") == (scheme == "dark")


def test_print_shows_every_abstract_in_full_without_site_chrome(page, demo_url):
    page.goto(demo_url + "en/" + NASH)
    page.emulate_media(media="print")
    assert page.locator(".paper-abstract .full").is_visible()
    assert "THE-HIDDEN-TAIL" in page.locator("main").inner_text()
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".paper-abstract summary").is_visible()
