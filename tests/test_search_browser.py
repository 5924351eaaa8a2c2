"""Search box and list filters in headless Chromium, on the site built from the seed content.

The site is built with the real ``build`` from a temporary copy of content/,
served on 127.0.0.1, and used the way a visitor would: type, read, press keys,
reload. Expected values come from the content, never from the rendered page.
"""
from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from site_builder.build import render, search
from site_builder.build.kinds import PAGE_SIZE
from site_builder.build.loader import load_content
from site_builder.model import Content, Paper, Site

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
NLHF_TITLE = "Nash Learning from Human Feedback"
EN = render.load_strings(["en"])["en"]

pytestmark = pytest.mark.browser

from conftest import BROWSER, _require  # noqa: E402

if not Path(BROWSER).exists():
    if os.environ.get("REQUIRE_BROWSER") == "1":
        raise RuntimeError(f"REQUIRE_BROWSER=1 but {BROWSER} is missing")
    pytest.skip(f"{BROWSER} not installed", allow_module_level=True)

from playwright.sync_api import expect  # noqa: E402


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    """The seed content (or SEARCH_TEST_CONTENT), copied, and the site built from it."""
    source = Path(os.environ.get("SEARCH_TEST_CONTENT", ROOT / "content"))
    if not any((source / "papers").glob("*.yaml")):
        pytest.skip("no seed content in content/papers yet (run ingest)")
    work = tmp_path_factory.mktemp("search-site")
    shutil.copytree(source, work / "content")
    done = subprocess.run([sys.executable, "-m", "site_builder", "build", "--content", str(work / "content"),
                           "--out", str(work / "output"), "--quiet"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    content, _ = load_content(work / "content")
    return content, work / "output"


@pytest.fixture(scope="module")
def site(seed):
    """Base URL of the built seed site, served over HTTP (fetch() needs it)."""
    _, output = seed

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(output)))
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture
def page(lent_page, site):
    """The test process's lent page (conftest.LentPage) at a new context's size; a script error
    or a request to another origin fails the test."""
    page = lent_page.lend({"width": 1280, "height": 720})
    errors = []
    requests = []

    def on_error(error):
        errors.append(str(error))

    def on_request(request):
        requests.append(request.url)
    page.on("pageerror", on_error)
    page.on("request", on_request)
    yield page
    page.remove_listener("pageerror", on_error)
    page.remove_listener("request", on_request)
    lent_page.give_back()
    assert not errors, errors
    foreign = [u for u in requests if urlsplit(u).netloc != urlsplit(site).netloc and not u.startswith("data:")]
    assert not foreign, f"requests to another origin: {foreign}"


def nlhf_id(content) -> str:
    return next(p.id for p in content.papers if p.title == NLHF_TITLE and p.published)


def some_other_paper(content) -> str:
    return next(p.id for p in content.papers if p.published and p.title != NLHF_TITLE)


def type_query(page, text: str):
    box = page.get_by_role("searchbox", name=page.locator("label[for=site-search-input]").inner_text())
    box.click()
    box.press_sequentially(text, delay=20)
    return box


def result_titles(page) -> list[str]:
    return page.locator("#site-search-results a .search-title").all_inner_texts()


def test_munos_on_an_english_page_finds_the_nlhf_paper(page, site, seed):
    content, _ = seed
    page.goto(f"{site}/en/papers/{some_other_paper(content)}/")
    type_query(page, "munos")
    result = page.locator("#site-search-results a", has_text=NLHF_TITLE)
    expect(result).to_have_count(1)
    assert result.get_attribute("href").endswith(f"/en/papers/{nlhf_id(content)}/")
    expect(page.locator("#site-search-status")).to_contain_text("result")


def test_nash_on_a_french_page_finds_it_with_a_french_ui(page, site, seed):
    content, _ = seed
    page.goto(f"{site}/fr/")
    expect(page.locator("label[for=site-search-input]")).to_have_text("Rechercher une publication")
    type_query(page, "nash")
    result = page.locator("#site-search-results a", has_text=NLHF_TITLE)
    expect(result).to_have_count(1)
    assert result.get_attribute("href").endswith(f"/fr/papers/{nlhf_id(content)}/")
    expect(page.locator("#site-search-status")).to_contain_text("résultat")


@pytest.mark.parametrize("query", ["r'emi", "R’emi", "Remi", "rémi", "RÉMI MUNOS"])
def test_every_spelling_of_remi_finds_him(page, site, query):
    page.goto(f"{site}/en/")
    type_query(page, query)
    expect(page.locator("#site-search-results a", has_text=NLHF_TITLE)).to_have_count(1)
    assert "Rémi Munos" in page.locator("#site-search-results a", has_text=NLHF_TITLE).inner_text()


@pytest.mark.parametrize("query", ["nahs", "munso", "human feedbak", "lerning nash"])
def test_typos_still_find_the_paper(page, site, query):
    page.goto(f"{site}/en/")
    type_query(page, query)
    expect(page.locator("#site-search-results a", has_text=NLHF_TITLE)).to_have_count(1)


def test_a_half_remembered_sentence_still_finds_the_paper(page, site):
    page.goto(f"{site}/en/")
    type_query(page, "that Nash paper with Munos")
    expect(page.locator("#site-search-results a", has_text=NLHF_TITLE)).to_have_count(1)
    expect(page.locator("#site-search-status")).to_contain_text("No paper matches every word")


def test_soft_moe_finds_the_paper_whose_abstract_mentions_soft_moes(page, site, seed):
    content, _ = seed
    wanted = [p.title for p in content.papers if p.published and "soft moe" in p.abstract.lower()]
    assert wanted, "the seed content mentions Soft MoEs"
    page.goto(f"{site}/en/")
    type_query(page, "soft MoE")
    for title in wanted:
        expect(page.locator("#site-search-results a", has_text=title)).to_have_count(1)


def test_words_that_name_javascript_properties_are_ordinary_words(page, site):
    """An index whose words include "constructor" and "__proto__" (served in place of the real one)."""
    paper = Paper(id="on-constructors", title="On the constructor valueOf hasOwnProperty toString",
                  abstract="A __proto__ study.", date="2024")
    files = search.search_files(Content(site=Site(), papers=(paper,)), "en", EN)
    page.route("**/en/search/*.json", lambda route: route.fulfill(
        body=files["search/" + route.request.url.rsplit("/", 1)[1]], content_type="application/json"))
    page.goto(f"{site}/en/")
    for word in ("constructor", "valueof", "hasOwnProperty", "tostring", "proto"):
        box = type_query(page, word)
        expect(page.locator("#site-search-results a", has_text=paper.title)).to_have_count(1)
        box.fill("")


def serve_index(page, *papers: Paper):
    """Answer the English search files with an index of these papers instead of the seed's."""
    files = search.search_files(Content(site=Site(), papers=papers), "en", EN)
    page.route("**/en/search/*.json", lambda route: route.fulfill(
        body=files["search/" + route.request.url.rsplit("/", 1)[1]], content_type="application/json"))


def test_typos_are_tried_only_for_words_that_match_nothing_as_typed(page, site):
    rémi = Paper(id="a", title="Bandits", authors=("Rémi Munos",), date="2024")
    remit = Paper(id="b", title="The remit of the committee", date="2023")
    serve_index(page, rémi, remit)
    page.goto(f"{site}/en/")
    box = type_query(page, "remi ")           # a word as typed: "remit" (one letter off) stays out
    expect(page.locator("#site-search-status")).to_have_text("1 result")
    expect(page.locator("#site-search-results a")).to_have_text(re.compile("^Bandits"))
    box.fill("")
    type_query(page, "remiy ")                # no such word: "remi" and "remit" are both one typo away
    expect(page.locator("#site-search-status")).to_have_text("2 results")
    expect(page.locator("#site-search-results a")).to_have_count(2)


def test_hostile_titles_and_names_show_as_text_in_results(page, site):
    hostile = "<img src=x onerror=\"window.pwned=1\"> Hostile <script>window.pwned=2</script>"
    paper = Paper(id="hostile", title=hostile, authors=("<b onmouseover=alert(1)>Eve</b>",), date="2024")
    files = search.search_files(Content(site=Site(), papers=(paper,)), "en", EN)
    page.route("**/en/search/*.json", lambda route: route.fulfill(
        body=files["search/" + route.request.url.rsplit("/", 1)[1]], content_type="application/json"))
    page.goto(f"{site}/en/")
    type_query(page, "hostile")
    result = page.locator("#site-search-results a")
    expect(result.locator(".search-title")).to_have_text(hostile)
    expect(result.locator(".search-meta")).to_contain_text("<b onmouseover=alert(1)>Eve</b>")
    assert result.locator("img, script, b").count() == 0
    assert page.evaluate("() => window.pwned") is None


def test_nonsense_says_there_is_nothing_and_shows_no_list(page, site):
    page.goto(f"{site}/fr/")
    type_query(page, "xqzvkw")
    expect(page.locator("#site-search-status")).to_have_text("Aucun résultat pour « xqzvkw »")
    expect(page.locator("#site-search-results")).to_be_hidden()


def test_keyboard_down_arrow_then_enter_opens_a_result_and_escape_clears(page, site, seed):
    content, _ = seed
    page.goto(f"{site}/en/")
    box = type_query(page, "nash")
    expect(page.locator("#site-search-results a").first).to_be_visible()
    box.press("ArrowDown")
    first = page.locator("#site-search-results a").first
    expect(first).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(box).to_be_focused()
    page.keyboard.press("Escape")
    expect(box).to_have_value("")
    expect(page.locator("#site-search-results")).to_be_hidden()
    type_query(page, "nash")
    expect(page.locator("#site-search-results a", has_text=NLHF_TITLE)).to_have_count(1)
    titles = result_titles(page)
    for _ in range(titles.index(NLHF_TITLE) + 1):
        page.keyboard.press("ArrowDown")
    expect(page.locator("#site-search-results a", has_text=NLHF_TITLE)).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/en/papers/{nlhf_id(content)}/")


def test_leaving_the_search_closes_the_results_and_coming_back_reopens_them(page, site):
    page.goto(f"{site}/en/")
    box = type_query(page, "nash")
    expect(page.locator("#site-search-results a", has_text=NLHF_TITLE)).to_be_visible()
    page.locator("main h1").click()
    expect(page.locator("#site-search-results")).to_be_hidden()
    box.focus()
    expect(page.locator("#site-search-results a", has_text=NLHF_TITLE)).to_be_visible()
    page.locator("#site-search-results a", has_text=NLHF_TITLE).click()
    page.wait_for_url("**/en/papers/*/")
    expect(page.locator("h1")).to_have_text(NLHF_TITLE)


def test_slash_focuses_the_search_box(page, site):
    page.goto(f"{site}/en/")
    page.keyboard.press("/")
    expect(page.locator("#site-search-input")).to_be_focused()


def test_without_javascript_the_search_box_is_a_link_to_the_full_list(browser, site, seed):
    content, _ = seed
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}/fr/papers/{nlhf_id(content)}/")
    expect(page.locator("#site-search-input")).to_be_hidden()
    link = page.get_by_role("link", name="Parcourir toutes les publications")
    expect(link).to_be_visible()
    link.click()
    page.wait_for_url(f"{site}/fr/publications/")
    # and the list's first page shows, with no filter form in the way, and links to the others
    expect(page.locator("form[data-filters]")).to_be_hidden()
    published = sum(p.published for p in content.papers)
    assert page.locator("li[data-year]").count() == min(published, PAGE_SIZE)
    if published > PAGE_SIZE:
        page.locator("a[rel=next]").click()
        page.wait_for_url(f"{site}/fr/publications/page/2/")
    context.close()
    context.close()


def test_pages_carry_a_link_and_a_hook_and_search_js_builds_the_box_from_the_table(seed):
    """The form's markup is shipped once per language (search/ui.js), not in each of thousands of pages."""
    content, output = seed
    strings = render.load_strings(content.site.languages)
    for path in sorted(output.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        box = re.search(r'<div class="site-search" data-search-ui>.*?</div>', html, re.S)
        if not box:
            assert 'class="site-search"' not in html, path
            continue
        assert len(box.group().encode("utf-8")) < 400 and "<form" not in box.group(), path
        # search.js takes the strings from <root><lang>/search/ui.js, root and language from the body
        body = re.search(r'<body data-root="([^"]+)" data-lang="([^"]+)"', html)
        href = body.group(1) + body.group(2) + "/search/ui.js"   # relative, but from the root in 404.html (served at any depth)
        base = content.site.base_url or "/"
        ui = (output / href[len(base):] if href.startswith(base) else path.parent / href).resolve()
        assert ui.is_file() and ui.parent.parent.parent == output.resolve(), (path, href)
        lang = ui.parent.parent.name
        assert strings[lang].search_fallback in box.group() and strings[lang].search_label in ui.read_text("utf-8")


@pytest.mark.parametrize("width", [1280, 375])
def test_the_box_takes_the_place_of_the_link_without_moving_the_page(browser, site, width):
    tops = {}
    for js in (False, True):
        context = browser.new_context(java_script_enabled=js, viewport={"width": width, "height": 800})
        page = context.new_page()
        page.goto(f"{site}/fr/")
        if js:
            expect(page.get_by_role("searchbox", name="Rechercher une publication")).to_be_visible()
            expect(page.get_by_role("link", name="Parcourir toutes les publications")).to_be_hidden()
        tops[js] = page.evaluate("() => [document.querySelector('.site-search').getBoundingClientRect().height,"
                                 " document.querySelector('main').getBoundingClientRect().top]")
        context.close()
    assert tops[False][0] > 0 and tops[True] == tops[False]


def test_the_box_is_wired_for_screen_readers(page, site):
    page.goto(f"{site}/en/")
    box = page.get_by_role("searchbox", name=EN.search_label)
    expect(box).to_have_attribute("placeholder", EN.search_placeholder)
    expect(box).to_have_attribute("aria-controls", "site-search-results")
    expect(box).to_have_attribute("aria-describedby", "site-search-status site-search-hint")
    expect(page.locator("#site-search-hint")).to_have_text(EN.search_hint)
    expect(page.locator("#site-search-status")).to_have_attribute("aria-live", "polite")
    expect(page.get_by_role("search").locator("#site-search-results")).to_have_attribute(
        "aria-label", EN.search_results_label)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_box_search_js_builds_is_valid_html(page, site, lang, tmp_path):
    from test_html_valid import nu_errors
    page.goto(f"{site}/{lang}/")
    type_query(page, "nash")
    expect(page.locator("#site-search-results a").first).to_be_visible()
    built = page.locator(".site-search").evaluate("e => e.outerHTML")
    assert "<form" in built
    document = tmp_path / "box.html"
    document.write_text(f'<!DOCTYPE html><html lang="{lang}"><head><title>t</title></head><body>{built}</body></html>',
                        encoding="utf-8")
    assert nu_errors([document]) == []


def test_if_the_strings_cannot_load_the_link_stays(page, site):
    page.route("**/en/search/ui.js", lambda route: route.fulfill(status=404))
    page.goto(f"{site}/en/")
    page.wait_for_function("() => window.labSearch")
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("link", name=EN.search_fallback)).to_be_visible()
    expect(page.locator("#site-search-input")).to_have_count(0)


def test_the_built_index_holds_no_draft(seed):
    content, output = seed
    drafts = [p for p in content.papers if not p.published]
    assert drafts, "the seed content has drafts"
    for lang in content.site.languages:
        index = b"".join(f.read_bytes() for f in sorted((output / lang / "search").iterdir())).decode("utf-8")
        for draft in drafts:
            assert f'"{draft.id}"' not in index
            if draft.title:
                assert json.dumps(draft.title, ensure_ascii=False) not in index


def list_page_of(output: Path, lang: str, paper_id: str) -> Path:
    """The page of the publication list that holds a paper's entry."""
    return next(p for p in sorted((output / lang / "publications").rglob("index.html"))
                if f'id="paper-{paper_id}"' in p.read_text(encoding="utf-8"))


def test_opened_from_disk_the_filters_still_match_text_and_search_says_it_is_unavailable(browser, seed):
    """file:// pages cannot fetch the index: text filtering falls back to the page's entries' own words."""
    content, output = seed
    context = browser.new_context()
    page = context.new_page()
    page.goto(list_page_of(output, "en", nlhf_id(content)).as_uri() + "?q=Nash%20feedback")
    expect(page.locator(f"#paper-{nlhf_id(content)}")).to_be_visible()
    assert all("nash" in e["text"] and "feedback" in e["text"] for e in page.eval_on_selector_all(
        "li[data-year]", "els => els.filter(e => !e.hidden).map(e => ({text: e.textContent.toLowerCase()}))"))
    page.goto((output / "en" / "index.html").as_uri())
    type_query(page, "nash")
    expect(page.locator("#site-search-status")).to_have_text(
        "Search is unavailable right now; browse the publication list instead.")
    context.close()


def test_python_and_javascript_fold_text_the_same_way(page, site):
    samples = ["R'emi Munos", "Łukasz Kaiser", "Søren Straße", "ÉCOLE NORMALE", "Zoë Œuvre-Ærø",
               "l’apprentissage", "naïve café", "Đặng Thị Ngọc", "Ødegård"]
    page.goto(f"{site}/en/")
    page.wait_for_function("() => window.labSearch")
    folded = page.evaluate("(xs) => xs.map((x) => window.labSearch.tokenize(x).join(' '))", samples)
    assert folded == [" ".join(search._TOKEN.findall(search.fold(s))) for s in samples]


# ---- filters on the publication list ---------------------------------------

def visible_entries(page) -> list[dict]:
    return page.eval_on_selector_all(
        "li[data-year][data-authors]",
        "els => els.filter(e => e.offsetParent !== null).map(e => ({id: e.dataset.paper || e.id.slice(6), "
        "year: e.dataset.year, authors: e.dataset.authors.split(' ').sort().join(' ')}))")


def test_picking_2024_shows_only_2024_papers_and_reload_restores_the_view(page, site, seed):
    content, _ = seed
    expected = sum(p.published and p.year == "2024" for p in content.papers)
    assert expected, "the seed content has 2024 papers"
    page.goto(f"{site}/en/publications/")
    page.get_by_label("Year").select_option("2024")
    expect(page.locator("[data-filters-count]")).to_have_text(
        f"Showing {expected} of {sum(p.published for p in content.papers)} publications")
    shown = visible_entries(page)
    assert len(shown) == expected and {e["year"] for e in shown} == {"2024"}
    counted = next((p for p in content.papers if p.published and p.year == "2024" and not p.authors
                    and p.author_count), None)
    if counted:      # a paper known by its count of authors says how many, as on the list
        expect(shown_paper(page, counted.id).locator(".byline")).to_have_text(f"{counted.author_count} authors")
    assert page.url.endswith("/en/publications/?year=2024")
    page.reload()
    expect(page.get_by_label("Year")).to_have_value("2024")
    expect(page.locator("[data-filter-results] li")).to_have_count(expected)
    assert visible_entries(page) == shown


def list_entries(page, site: str, lang: str) -> list[dict]:
    """Every entry of the publication list, page after page (following "next")."""
    found = []
    page.goto(f"{site}/{lang}/publications/")
    while True:
        found += page.eval_on_selector_all(
            "#publications li[data-year][data-authors]",
            "els => els.map(e => ({id: e.id.slice(6), year: e.dataset.year, authors: e.dataset.authors}))")
        following = page.locator("a[rel=next]")
        if not following.count():
            return found
        following.click()


def shown_paper(page, paper_id: str):
    """A paper in the filtered view (which reaches every page of the list)."""
    return page.locator(f"[data-filter-results] li[data-paper='{paper_id}']")


def test_author_and_text_combine_and_a_shared_url_opens_that_view(page, site, seed):
    content, _ = seed
    munos = next(a.id for a in content.authors if a.name == "Rémi Munos")
    entries = list_entries(page, site, "fr")
    his = [e for e in entries if munos in e["authors"].split()]
    # some of his papers are beyond the list's first page: the filter reaches them
    assert any(munos in e["authors"].split() for e in entries[PAGE_SIZE:])
    page.goto(f"{site}/fr/publications/?author={munos}")
    expect(page.get_by_label("Auteur")).to_have_value(munos)
    expect(page.locator("[data-filters-count]")).to_contain_text("affichée")
    expect(page.locator("li[data-year]:visible")).to_have_count(len(his))
    assert [e["id"] for e in visible_entries(page)] == [e["id"] for e in his]      # in the list's order
    assert all(munos in e["authors"].split() for e in visible_entries(page))
    page.get_by_label("Contient").fill("nash")
    expect(page.locator("li[data-year]:visible")).to_have_count(1)
    expect(shown_paper(page, nlhf_id(content))).to_be_visible()
    expect(page).to_have_url(re.compile(rf"[?&]author={re.escape(munos)}(&|$)"))   # the URL follows the filters
    expect(page).to_have_url(re.compile(r"[?&]q=nash(&|$)"))
    page.reload()
    expect(page.get_by_label("Contient")).to_have_value("nash")
    expect(page.locator("li[data-year]:visible")).to_have_count(1)
    page.get_by_role("button", name="Effacer les filtres").click()
    expect(page.locator("[data-filters-count]")).to_have_text(
        f"Les {sum(p.published for p in content.papers)} publications sont affichées")
    expect(page).to_have_url(f"{site}/fr/publications/")


def test_year_and_text_combine(page, site, seed):
    content, _ = seed
    paper = next(p for p in content.papers if p.published and p.year == "2024")
    word = max(paper.title.split(), key=len).strip(",.:;()")
    page.goto(f"{site}/en/publications/?year=2024&q={word}")
    expect(page.locator("[data-filters-count]")).to_contain_text("Showing")
    shown = visible_entries(page)
    assert shown and {e["year"] for e in shown} == {"2024"}
    expect(shown_paper(page, paper.id)).to_be_visible()
    expect(page.locator("[data-filters-count]")).to_contain_text(f"Showing {len(shown)} of ")


def test_year_and_author_with_nothing_in_common_show_none_and_say_so(page, site, seed):
    content, _ = seed
    entries = list_entries(page, site, "fr")
    years = {e["year"] for e in entries if e["year"]}
    # a (year, author) pair that no entry has: the filters are ANDed, not ORed
    year, author = next((y, a) for y in sorted(years) for e in entries for a in e["authors"].split()
                        if not any(x["year"] == y and a in x["authors"].split() for x in entries))
    page.goto(f"{site}/fr/publications/?year={year}&author={author}")
    expect(page.locator("[data-filters-count]")).to_have_text(
        f"0 publication affichée sur {sum(p.published for p in content.papers)}")
    assert visible_entries(page) == []
    expect(page.get_by_text("Aucune publication ne correspond à ces filtres.")).to_be_visible()


def test_filters_are_usable_with_the_keyboard_alone(page, site, seed):
    content, _ = seed
    page.goto(f"{site}/en/publications/")
    expect(page.locator("form[data-filters]")).not_to_have_attribute("aria-busy", "true")    # its options are in
    page.get_by_label("Year").focus()
    page.keyboard.press("ArrowDown")        # first year in the list: the newest
    newest = max(p.year for p in content.papers if p.published and p.year)
    expect(page.get_by_label("Year")).to_have_value(newest)
    expect(page.locator("[data-filter-results] li")).to_have_count(
        sum(p.published and p.year == newest for p in content.papers))
    assert {e["year"] for e in visible_entries(page)} == {newest}
    page.keyboard.press("Tab")
    expect(page.get_by_label("Author")).to_be_focused()


def test_text_filter_wants_every_word(page, site, seed):
    content, _ = seed
    page.goto(f"{site}/en/publications/?q=nash%20xqzvkw")
    expect(page.locator("[data-filters-count]")).to_have_text(
        f"Showing 0 of {sum(p.published for p in content.papers)} publications")


def test_text_filter_uses_the_search_engine_so_aliases_work(page, site, seed):
    content, _ = seed
    page.goto(f"{site}/en/publications/?q=r%27emi")
    expect(shown_paper(page, nlhf_id(content))).to_be_visible()
    expect(page.get_by_label("Contains")).to_have_value("r'emi")


def test_an_author_whose_id_is_a_javascript_property_name_is_listed_and_filtered(browser, tmp_path):
    content = tmp_path / "content"
    (content / "papers").mkdir(parents=True)
    (content / "authors").mkdir()
    (content / "site.yaml").write_text("title: Lab\nbase_url: /\nlanguages: [en, fr]\ndefault_language: en\n")
    (content / "authors" / "constructor.yaml").write_text("name: Ada Constructor\n")
    (content / "papers" / "one.yaml").write_text("title: Building Things\nauthors: [Ada Constructor]\ndate: 2024\n")
    (content / "papers" / "two.yaml").write_text("title: Other Things\nauthors: [Someone Else]\ndate: 2023\n")
    done = subprocess.run([sys.executable, "-m", "site_builder", "build", "--content", str(content),
                           "--out", str(tmp_path / "out"), "--quiet"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    context = browser.new_context()
    page = context.new_page()
    page.goto((tmp_path / "out" / "en" / "publications" / "index.html").as_uri())
    author = page.get_by_label("Author")
    expect(author.locator("option[value=constructor]")).to_have_text("Ada Constructor (1)")
    author.select_option("constructor")
    expect(page.locator("[data-filters-count]")).to_have_text("Showing 1 of 2 publications")
    context.close()


# ---- accessibility ------------------------------------------------------------

def axe_violations(page, selector: str) -> list[str]:
    _require(AXE.is_file(), "REQUIRE_BROWSER", f"{AXE} (npm install)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("(sel) => axe.run({include: [sel]}, {resultTypes: ['violations']})", selector)
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]}"
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_axe_finds_no_serious_problem_in_the_open_search_with_results(page, site, lang):
    page.goto(f"{site}/{lang}/")
    type_query(page, "nash")
    expect(page.locator("#site-search-results a").first).to_be_visible()
    assert axe_violations(page, ".site-search") == []


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_axe_finds_no_serious_problem_in_the_filters(page, site, lang):
    page.goto(f"{site}/{lang}/publications/?year=2024")
    expect(page.locator("[data-filters-count]")).not_to_be_empty()
    assert axe_violations(page, "form[data-filters]") == []
