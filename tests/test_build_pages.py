"""The front page, the publication list's pages and the capped person pages, as built HTML."""
from __future__ import annotations

import re

import pytest

from conftest import build, write_content
from site_builder.build.kinds import AUTHOR_COAUTHORS, AUTHOR_PAPERS, FRONT_PAPERS, PAGE_SIZE, page_links

N = 3 * PAGE_SIZE + 4           # four pages, the last one short


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    """N papers by one prolific person (and AUTHOR_COAUTHORS + 5 co-authors), one a day."""
    root = tmp_path_factory.mktemp("many")
    others = [f"Other Person {chr(65 + i // 26)}{chr(65 + i % 26)}" for i in range(AUTHOR_COAUTHORS + 5)]
    papers = {f"p{i:03d}": {"title": f"Paper number {i}", "authors": ["Prolific Person", others[i % len(others)]],
                            "date": f"{2000 + i // 12}-{i % 12 + 1:02d}-01"} for i in range(N)}
    content = write_content(root / "content", papers=papers, authors={"prolific": {"name": "Prolific Person"},
                                     **{f"other-{i}": {"name": name} for i, name in enumerate(others)}},
                            site={"intro": {"en": "We study **things**.", "fr": "Nous étudions des *choses*."}})
    build(content, root / "out", base_url="/lab/")
    return root / "out"


def read(out, rel: str) -> str:
    return (out / rel).read_text(encoding="utf-8")


ENTRY = re.compile(r'<li class="entry" id="paper-([a-z0-9-]+)"'
                   r'|<li class="entry compact">\s*<h3 class="entry-title"><a href="[./]*[a-z]+/papers/([a-z0-9-]+)/">')


def entry_ids(html: str) -> list[str]:
    """The papers a page's entries show, in order: a list entry's id, a compact entry's title link."""
    return [a or b for a, b in ENTRY.findall(html)]


def newest_first() -> list[str]:
    return [f"p{i:03d}" for i in reversed(range(N))]


def test_the_list_is_split_into_pages_that_together_hold_every_paper_once_newest_first(many):
    pages = [read(many, "en/publications/index.html")] + [
        read(many, f"en/publications/page/{n}/index.html") for n in range(2, 5)]
    assert not (many / "en/publications/page/5").exists() and not (many / "en/publications/page/1").exists()
    assert [len(entry_ids(p)) for p in pages] == [PAGE_SIZE, PAGE_SIZE, PAGE_SIZE, 4]
    assert [pid for p in pages for pid in entry_ids(p)] == newest_first()
    assert f"{N} publications<span data-list-range> · 26–50 on this page</span>" in pages[1]
    assert "<title>Publications, page 2 of 4 · Test Lab</title>" in pages[1]


def test_pages_link_to_their_neighbours_with_rel_prev_and_next_and_mark_the_current_one(many):
    second = read(many, "en/publications/page/2/index.html")
    assert '<link rel="prev" href="../../../../en/publications/">' in second
    assert '<link rel="next" href="../../../../en/publications/page/3/">' in second
    bar = re.search(r'<nav class="pagination".*?</nav>', second, re.S).group()
    assert re.findall(r'<a[^>]*>([^<]+)</a>', bar) == ["← Previous", "1", "2", "3", "4", "Next →"]
    assert re.search(r'<a href="[^"]*page/2/" aria-current="page" aria-label="Page 2">2</a>', bar)
    first = read(many, "fr/publications/index.html")
    assert 'rel="prev"' not in first and "Suivante →" in first and 'aria-label="Pages de la liste des publications"' in first
    assert 'rel="next"' not in read(many, "en/publications/page/4/index.html")


def test_page_links_show_the_ends_and_the_neighbourhood_with_gaps():
    assert page_links(1, 1) == [1]
    assert page_links(1, 4) == [1, 2, 3, 4]
    assert page_links(10, 400) == [1, None, 8, 9, 10, 11, 12, None, 400]
    assert page_links(4, 400) == [1, 2, 3, 4, 5, 6, None, 400]          # a gap of one page shows the page
    assert page_links(400, 400) == [1, None, 398, 399, 400]


def test_the_front_page_has_the_introduction_the_latest_papers_and_a_link_to_the_list(many):
    en, fr = read(many, "en/index.html"), read(many, "fr/index.html")
    assert '<div class="front-intro"><p>We study <strong>things</strong>.</p>' in en
    assert '<div class="front-intro"><p>Nous étudions des <em>choses</em>.</p>' in fr
    assert entry_ids(en) == newest_first()[:FRONT_PAPERS]
    assert f'<a class="button" href="../en/publications/">See all {N} publications</a>' in en
    assert f'<a class="button" href="../fr/publications/">Voir les {N} publications</a>' in fr
    nav = re.search(r'<nav class="site-nav".*?</nav>', en, re.S).group()
    assert re.findall(r'<a href="([^"]+)"( aria-current="page")?>([^<]+)</a>', nav) == [
        ("../en/", ' aria-current="page"', "Home"), ("../en/publications/", "", "Publications"),
        ("../en/news/", "", "News"), ("../en/team/", "", "Team"), ("../en/people/", "", "People")]


def test_the_root_leads_to_the_front_pages_and_the_list_s_pages_are_in_the_sitemap(many):
    root = read(many, "index.html")
    assert 'content="0; url=./en/"' in root
    sitemap = read(many, "sitemap.xml")
    assert "<loc>/lab/en/</loc>" in sitemap and "<loc>/lab/fr/publications/page/4/</loc>" in sitemap


def test_a_prolific_person_s_page_shows_the_latest_papers_and_links_to_the_filtered_list(many):
    html = read(many, "en/authors/prolific/index.html")
    assert entry_ids(html) == newest_first()[:AUTHOR_PAPERS]
    assert (f'<a class="button" href="../../../en/publications/?author=prolific">See all {N} publications '
            f'of Prolific Person in the list</a>') in html
    coauthors = re.search(r'<section class="coauthors".*?</section>', html, re.S).group()
    assert coauthors.count('<li><a href="../../../en/authors/other-') == AUTHOR_COAUTHORS
    assert "and 5 more co-authors" in html
    assert "Voir les" in read(many, "fr/authors/prolific/index.html")


def test_a_paper_known_only_by_its_author_count_says_so_once(tmp_path):
    content = write_content(tmp_path / "content", papers={"p": {"title": "P", "authors": [], "author_count": 2}})
    build(content, tmp_path / "out")
    assert read(tmp_path / "out", "en/papers/p/index.html").count("2 authors") == 1


def test_a_person_s_entries_are_compact_the_first_six_authors_as_text_and_a_count(tmp_path):
    names = [f"Author {c}" for c in "ABCDEFGHI"]
    content = write_content(tmp_path / "content", authors={"author-a": {"name": "Author A"}}, papers={
        "big": {"title": "Big", "authors": names, "date": "2024-03-02", "abstract": "ABSTRACT-TEXT " * 40,
                "venue": "Some Venue"},
        "counted": {"title": "Counted", "authors": names[:2], "author_count": 12}})
    build(content, tmp_path / "out")
    html = read(tmp_path / "out", "en/authors/author-a/index.html")
    big = re.search(r'<li class="entry compact">\s*<h3 class="entry-title"><a href="[./]*en/papers/big/">.*?</li>', html, re.S).group()
    assert ('<p class="byline">Author A, Author B, Author C, Author D, Author E, Author F '
            '<span class="more-authors">and 3 more authors</span></p>') in big
    assert '<time datetime="2024-03-02">March 2, 2024</time><span class="venue">Some Venue</span>' in big
    assert "ABSTRACT-TEXT" not in big and "<details" not in big and "data-authors" not in big
    counted = re.search(r'<a href="[./]*en/papers/counted/">.*?</li>', html, re.S).group()
    assert "Author A, Author B <span class=\"more-authors\">and 10 more authors</span>" in counted
    fr = read(tmp_path / "out", "fr/authors/author-a/index.html")
    assert "et 3 autres auteurs" in fr
    # The paper's own page still names every author (linked to their pages) and shows the abstract.
    paper = read(tmp_path / "out", "en/papers/big/index.html")
    byline = re.search(r'<p class="byline">.*?</p>', paper).group()
    assert all(name in byline for name in names) and 'href="../../../en/authors/author-a/"' in byline
    assert "ABSTRACT-TEXT" in paper
