"""The front page and the paginated publication list in headless Chromium, at phone and desk widths,
served from /lab-site/: pages reached by keyboard, filters over every page, a filtered view shared
across languages, the empty result and its way back."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import build, write_content
from site_builder.build.kinds import FRONT_PAPERS, PAGE_SIZE

try:
    from playwright.sync_api import expect
except ImportError:     # the browser fixture skips (or fails under REQUIRE_BROWSER=1)
    expect = None

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(__file__).resolve().parent.parent / ".cache" / "screenshots"   # git-ignored
WIDTHS = [390, 1280]

PEOPLE = {"ada": "Ada Lovelace", "alan": "Alan Turing", "grace": "Grace Hopper"}
N = 2 * PAGE_SIZE + 7


def paper(i: int) -> dict:
    """Paper i: Ada writes every third, Alan the others; Grace only paper 1; a year per 12 papers."""
    authors = ["Ada Lovelace" if i % 3 == 0 else "Alan Turing"] + (["Grace Hopper"] if i == 1 else [])
    return {"title": f"Study {i:02d} of {'engines' if i % 2 else 'machines'}", "authors": authors,
            "date": f"{2010 + i // 12}-{i % 12 + 1:02d}-15", "abstract": f"Abstract of study {i:02d}. " * 30}


EXPECTED = {i: paper(i) for i in range(N)}
NEWEST_FIRST = [f"study-{i:02d}" for i in reversed(range(N))]


def ids(where: list[int]) -> list[str]:
    return [f"study-{i:02d}" for i in sorted(where, reverse=True)]


@pytest.fixture(scope="module")
def list_url(tmp_path_factory, serve_site):
    root = tmp_path_factory.mktemp("list-site")
    content = write_content(root / "content", papers={f"study-{i:02d}": p for i, p in EXPECTED.items()},
                            authors={aid: {"name": name} for aid, name in PEOPLE.items()},
                            site={"intro": {"en": "The lab studies **engines**.", "fr": "Le labo étudie les *moteurs*."}})
    build(content, root / "out", base_url="/lab-site/")
    return serve_site(root / "out")


@pytest.fixture
def fresh_page(lent_page):
    """``fresh_page(width)``: the test process's lent page (conftest.LentPage) at this width, in
    the light scheme, as a new context's; called again, afresh."""
    lent = []

    def at(width: int):
        if lent:
            lent_page.give_back()
        lent.append(width)
        return lent_page.lend({"width": width, "height": 900})
    yield at
    if lent:
        lent_page.give_back()


def shown(page) -> list[str]:
    """The papers the filtered view shows, in order."""
    return page.eval_on_selector_all("[data-filter-results] li[data-paper]", "els => els.map(e => e.dataset.paper)")


def no_overflow(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0


@pytest.mark.parametrize("width", WIDTHS)
def test_the_list_s_pages_are_reached_by_keyboard(fresh_page, list_url, width):
    page = fresh_page(width)
    page.goto(list_url + "en/publications/")
    # Tab through the page until the "next" link has the focus: the link is found (by its role
    # and name) once, not again after each key, which cost more than the key itself
    following = page.get_by_role("link", name="Next →").element_handle()
    for _ in range(400):
        page.keyboard.press("Tab")
        if following.evaluate("a => a === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the link to the next page")
    page.keyboard.press("Enter")
    page.wait_for_url(list_url + "en/publications/page/2/")
    expect(page.locator("[data-pagination] a[aria-current=page]")).to_have_text("2")
    assert page.eval_on_selector_all("#publications li.entry", "els => els.map(e => e.id.slice(6))") == \
        NEWEST_FIRST[PAGE_SIZE:2 * PAGE_SIZE]
    page.get_by_role("link", name="Page 3").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(list_url + "en/publications/page/3/")
    assert page.locator("#publications li.entry").count() == N - 2 * PAGE_SIZE
    expect(page.get_by_role("link", name="Next →")).to_have_count(0)
    no_overflow(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_a_shared_filtered_view_opens_the_same_in_the_other_language(fresh_page, list_url, width):
    ada_2011 = ids([i for i, p in EXPECTED.items() if "Ada Lovelace" in p["authors"] and p["date"][:4] == "2011"])
    assert ada_2011 and set(ada_2011) - set(NEWEST_FIRST[:PAGE_SIZE]), "some are beyond the first page"
    page = fresh_page(width)
    page.goto(list_url + "en/publications/")
    page.get_by_label("Year").select_option("2011")
    page.get_by_label("Author").select_option("ada")
    expect(page.locator("[data-filter-results] li")).to_have_count(len(ada_2011))
    assert shown(page) == ada_2011
    shared = page.url
    assert shared.startswith(list_url + "en/publications/?") and "year=2011" in shared and "author=ada" in shared
    # The switcher carries the view over...
    page.locator(".language-switcher").get_by_text("Français").click()
    page.wait_for_url(shared.replace("/en/", "/fr/"))
    expect(page.get_by_label("Année")).to_have_value("2011")
    expect(page.get_by_label("Auteur")).to_have_value("ada")
    expect(page.locator("[data-filter-results] li")).to_have_count(len(ada_2011))
    assert shown(page) == ada_2011
    expect(page.locator("[data-filters-count]")).to_have_text(f"{len(ada_2011)} publications affichées sur {N}")
    # ...and the shared URL, opened afresh in the other language, shows the same papers.
    page = fresh_page(width)
    page.goto(shared.replace("/en/", "/fr/"))
    expect(page.locator("[data-filter-results] li")).to_have_count(len(ada_2011))
    assert shown(page) == ada_2011


@pytest.mark.parametrize("width", WIDTHS)
def test_a_text_filter_finds_papers_on_every_page(fresh_page, list_url, width):
    page = fresh_page(width)
    page.goto(list_url + "en/publications/page/3/")
    page.get_by_label("Contains").fill("study 01")
    expect(page.locator("[data-filter-results] li[data-paper=study-01]")).to_be_visible()
    page.get_by_label("Contains").fill("engines")
    odd = ids([i for i in EXPECTED if i % 2])
    expect(page.locator("[data-filters-count]")).to_have_text(f"Showing {len(odd)} of {N} publications")
    assert shown(page) == odd


@pytest.mark.parametrize("width", WIDTHS)
def test_an_empty_result_says_so_and_its_button_clears_the_filters(fresh_page, list_url, width):
    page = fresh_page(width)
    page.goto(list_url + "fr/publications/?year=2013&author=grace")      # Grace wrote in 2010 only
    empty = page.locator("[data-filters-empty]")
    expect(empty).to_be_visible()
    expect(empty).to_contain_text("Aucune publication ne correspond à ces filtres.")
    expect(page.locator("[data-filters-count]")).to_have_text(f"0 publication affichée sur {N}")
    expect(page.locator("#publications")).to_be_hidden()
    empty.get_by_role("button", name="Effacer les filtres").click()
    expect(page.locator("[data-filters-count]")).to_have_text(f"Les {N} publications sont affichées")
    expect(empty).to_be_hidden()
    expect(page.locator("#publications li.entry").first).to_be_visible()
    assert page.url == list_url + "fr/publications/"
    expect(page.locator(".language-switcher a[hreflang=en]")).to_have_attribute("href", "../../en/publications/")
    expect(page.get_by_label("Contient")).to_be_focused()
    no_overflow(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_front_page_introduces_the_lab_shows_the_latest_papers_and_leads_to_the_list(fresh_page, list_url, width):
    page = fresh_page(width)
    page.goto(list_url + "fr/")
    expect(page.locator("h1")).to_have_text("Test Lab")
    expect(page.locator(".front-intro em")).to_have_text("moteurs")
    assert page.eval_on_selector_all(      # the papers each entry's title leads to
        ".front-latest li.entry", "els => els.map(e => e.querySelector('.entry-title a').href.match(/papers\\/([^/]+)\\/$/)[1])"
    ) == NEWEST_FIRST[:FRONT_PAPERS]
    expect(page.locator(".site-nav a[aria-current=page]")).to_have_text("Accueil")
    no_overflow(page)
    page.get_by_role("link", name=f"Voir les {N} publications").click()
    page.wait_for_url(list_url + "fr/publications/")
    expect(page.locator(".site-nav a[aria-current=page]")).to_have_text("Publications")
    expect(page.locator("input[type=search]")).to_have_count(1)        # one search box on the list page
    page.locator("h1").click()
    page.keyboard.press("/")
    expect(page.get_by_label("Contient")).to_be_focused()
    page.locator(".site-nav").get_by_text("Accueil").click()
    page.wait_for_url(list_url + "fr/")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name, path", [
    ("front", "en/"), ("list", "en/publications/page/2/"), ("filtered", "fr/publications/?author=ada&q=machines"),
    ("empty", "en/publications/?year=2013&author=grace"),
])
def test_screenshots_of_the_front_page_and_the_list(reading_page, list_url, name, path, width, scheme):
    """Pictures for a human to look at (.cache/screenshots/); the layout must not overflow, and the
    controls take the colour scheme's colours."""
    page = reading_page(width, scheme)
    page.goto(list_url + path)
    if "?" in path:
        expect(page.locator("[data-filters-count]")).not_to_be_empty()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}-{scheme}.png"), full_page=True)
    no_overflow(page)
    if "publications" in path:
        look = page.evaluate("""() => ['#filter-year', '#filter-q', 'form[data-filters] button', 'body', '.site-nav a']
            .map(s => getComputedStyle(document.querySelector(s))).map(c => [c.color, c.backgroundColor])""")
        year, text, button, body, link = look
        assert year == text == body                  # the page's own colours, in either scheme
        assert button[0] == link[0]                  # buttons in the accent colour, as links


def test_the_filters_show_at_once_and_the_page_does_not_move_when_the_index_arrives(fresh_page, list_url):
    page = fresh_page(1280)
    held = []
    page.route("**/search/f-*.json", lambda route: held.append(route))       # the facets wait
    page.goto(list_url + "en/publications/?year=2011")
    form = page.locator("form[data-filters]")
    expect(form).to_be_visible()
    expect(form).to_have_attribute("aria-busy", "true")
    page.wait_for_function("() => document.readyState === 'complete'")
    for _ in range(200):                 # the request may leave after the load event on a busy machine
        if held:
            break
        page.wait_for_timeout(25)
    assert held, "the list page asks for the facets"
    top = page.locator("#publications").bounding_box()["y"]
    results_top = page.evaluate("document.querySelector('form[data-filters]').getBoundingClientRect().bottom")
    for route in held:
        route.continue_()
    expect(page.locator("[data-filters-count]")).to_have_text(
        f"Showing {sum(p['date'][:4] == '2011' for p in EXPECTED.values())} of {N} publications")
    expect(form).not_to_have_attribute("aria-busy", "true")
    assert page.evaluate("document.querySelector('form[data-filters]').getBoundingClientRect().bottom") == results_top
    assert top > 0
