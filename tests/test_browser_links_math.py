"""In Chromium, at a phone's and a laptop's width: a paper's link buttons (visible, named in the
page's language, reached by keyboard, leading where they say) and its math rendered as MathML."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SUB_PATH, build, write_content

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(__file__).resolve().parent.parent / ".cache" / "screenshots"   # git-ignored

LINKS = {
    "pdf": "files/sparse.pdf", "code": "https://github.com/lab/sparse", "slides": "files/talks/sparse-slides.pdf",
    "video": "https://video.example.org/v/1", "poster": "https://example.org/poster.pdf",
    "project": "https://example.org/sparse", "data": "https://data.example.org/sparse",
    "extra": [{"label": {"en": "Blog post", "fr": "Billet de blog"}, "url": "https://blog.example.org/sparse"}],
}
NAMES = {
    "en": ["PDF", "arXiv", "DOI", "Code", "Slides", "Video", "Poster", "Project page", "Data", "Blog post"],
    "fr": ["PDF", "arXiv", "DOI", "Code", "Diapositives", "Vidéo", "Poster", "Page du projet", "Données",
           "Billet de blog"],
}


@pytest.fixture(scope="module")
def site_url(tmp_path_factory, serve_site):
    root = tmp_path_factory.mktemp("links-browser")
    content = write_content(root / "content", papers={
        "sparse": {"title": "Sparse Rewards and $\\|w\\|_2^2$", "authors": ["Ada Lovelace"], "date": "2024-03-01",
                   "type": "conference", "venue": "ICML 2024", "doi": "10.1000/sparse", "arxiv": "2401.00001",
                   "abstract": "We bound the mean $\\frac{1}{n}\\sum_{i=1}^n x_i$ of the returns.",
                   "links": LINKS},
    }, files={"files/sparse.pdf": b"%PDF-1.4 sparse", "files/talks/sparse-slides.pdf": b"%PDF-1.4 slides"})
    build(content, root / "out", base_url=SUB_PATH)
    return serve_site(root / "out")


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_button_is_visible_named_and_reached_by_keyboard(browser, site_url, width, lang):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{site_url}{lang}/papers/sparse/")
    group = page.get_by_role("list", name="Links" if lang == "en" else "Liens")
    buttons = group.get_by_role("link")
    assert buttons.count() == len(NAMES[lang])
    for index, name in enumerate(NAMES[lang]):
        button = group.get_by_role("link", name=name, exact=True)
        assert button.count() == 1, name
        assert button.is_visible(), name
        box = button.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, (name, box)      # wraps, never overflows
        assert button.locator("svg").get_attribute("aria-hidden") == "true"
        assert button.evaluate("b => b.getAttribute('aria-describedby')") == "paper-title"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # Tab from the title reaches each button in turn
    page.locator("#paper-title").evaluate("h => { h.tabIndex = -1; h.focus(); }")
    reached = []
    for _ in range(40):
        page.keyboard.press("Tab")
        text = page.evaluate("document.activeElement.closest('.links') ? document.activeElement.innerText.trim() : ''")
        if text:
            reached.append(text)
        elif reached:
            break
    assert reached == NAMES[lang]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator(".paper-header").screenshot(path=str(SCREENSHOTS / f"links-{lang}-{width}.png"))
    # the buttons lead where they say: the site's own file, under the sub-path
    with page.expect_response(lambda r: r.url.endswith("/files/sparse.pdf")) as response:
        page.evaluate("u => fetch(u)", group.get_by_role("link", name="PDF").get_attribute("href"))
    assert response.value.status == 200 and response.value.url.startswith(site_url)
    assert group.get_by_role("link", name="arXiv").get_attribute("href") == "https://arxiv.org/abs/2401.00001"
    context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_math_is_rendered_as_mathml(browser, site_url, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{site_url}en/papers/sparse/")
    title_math = page.locator("#paper-title math")
    abstract_math = page.locator(".paper-abstract math")
    assert title_math.count() == 1 and abstract_math.count() == 1
    for math in (title_math, abstract_math):
        assert math.evaluate("m => m.namespaceURI") == "http://www.w3.org/1998/Math/MathML"
        box = math.bounding_box()
        assert box and box["width"] > 0 and box["height"] > 0
    assert title_math.locator("msubsup").count() == 1
    assert abstract_math.locator("mfrac").count() == 1 and abstract_math.locator("msubsup").count() == 1
    # a fraction is stacked: its numerator sits above its denominator
    top = abstract_math.locator("mfrac > :first-child").bounding_box()
    bottom = abstract_math.locator("mfrac > :last-child").bounding_box()
    assert top["y"] + top["height"] <= bottom["y"] + 1
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator(".paper").screenshot(path=str(SCREENSHOTS / f"math-{width}.png"))
    listing = context.new_page()
    listing.goto(f"{site_url}en/publications/")
    assert listing.locator("#paper-sparse .entry-title math").bounding_box()["width"] > 0
    assert listing.locator("#paper-sparse .links a").count() == len(NAMES["en"])
    context.close()
