"""News items, the news pages, the news Atom feed and the team page, as a reader and an editor see them."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import build, edit, write_content
from site_builder.build import compose, kinds, linking, render, views
from site_builder.build.loader import load_content
from site_builder.errors import ContentError
from site_builder.settings import Urls

ATOM = "{http://www.w3.org/2005/Atom}"


def read_text_of(html: str) -> str:
    """What a reader sees of a page: its text, without tags, scripts or runs of spaces."""
    parts: list[str] = []

    class Text(HTMLParser):
        skip = 0

        def handle_starttag(self, tag, attrs):
            self.skip += tag in ("script", "style")

        def handle_endtag(self, tag):
            self.skip -= tag in ("script", "style")

        def handle_data(self, data):
            if not self.skip:
                parts.append(data)

    Text(convert_charrefs=True).feed(html)
    return " ".join("".join(parts).split())

SITE = {
    "title": "Lab", "url": "https://lab.example.org",
    "roles": [{"id": "faculty", "en": "Faculty", "fr": "Professeurs"},
              {"id": "phd-student", "en": "PhD students", "fr": "Doctorants"},
              {"id": "alumni", "en": "Alumni", "fr": "Anciens membres"}],
}
AUTHORS = {
    "zoe-cote": {"name": "Zoé Côté", "member": True, "role": "phd-student", "github": "zoecote",
                 "bio": {"en": "Works on *bandits*.", "fr": "Travaille sur les *bandits*."}},
    "ada-lovelace": {"name": "Ada Lovelace", "member": True, "role": "Alumni"},
    "alan-turing": {"name": "Alan Turing", "member": True, "role": "Professeurs", "orcid": "0000-0002-1825-0097",
                    "scholar": "qc6CJjYAAAAJ", "homepage": "https://turing.example.org/"},
    "grace-hopper": {"name": "Grace Hopper", "role": "faculty"},          # a co-author from elsewhere
    "no-role": {"name": "Barbara Liskov", "member": True},
}
PAPERS = {
    "engines": {"title": "Notes on Engines", "authors": ["Ada Lovelace", "Grace Hopper"], "date": "2023-05-01"},
    "numbers": {"title": "On Computable Numbers", "authors": ["Alan Turing", "Zoé Côté"], "date": "2024-01-02"},
    "hidden": {"title": "A Draft", "authors": ["Alan Turing"], "status": "draft"},
}


def news_files(count: int = 0) -> dict[str, str]:
    files = {
        "news/prize.yaml": "date: 2024-03-01\ntitle:\n  en: A prize\n  fr: Un prix\n"
                           "body:\n  en: The **engines** paper won.\n  fr: L'article sur les **moteurs** est primé.\n"
                           "papers: [engines]\npeople: [ada-lovelace, grace-hopper]\n",
        "news/visit.yaml": "date: 2024-05-17\ntitle: A visit\nbody: Alan came by.\n",
        "news/old.yaml": "date: 2022-12-31\ntitle: An old item\n",
        "news/secret.yaml": "date: 2025-01-01\ntitle: Not yet\nstatus: draft\n",
    }
    for i in range(count):
        files[f"news/item-{i:02d}.yaml"] = f"date: 2020-01-{i + 1:02d}\ntitle: Item {i}\n"
    return files


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("news-site")
    content = write_content(folder / "content", site=SITE, papers=PAPERS, authors=AUTHORS, files=news_files())
    build(content, folder / "out", base_url="/lab/")
    return folder / "out"


def text(out: Path, rel: str) -> str:
    return (out / rel).read_text(encoding="utf-8")


def test_news_page_lists_published_items_newest_first(site):
    page = read_text_of(text(site, "en/news/index.html"))
    assert page.index("A visit") < page.index("A prize") < page.index("An old item")
    assert "Not yet" not in page and not (site / "en/news/secret").exists()
    assert "The engines paper won." in page and "May 17, 2024" in page
    html = text(site, "en/news/index.html")
    assert 'href="../news/prize/"' in html or 'href="../../en/news/prize/"' in html
    assert 'aria-current="page">News<' in html


def test_french_news_page_shows_the_french_texts(site):
    page = read_text_of(text(site, "fr/news/index.html"))
    assert "Un prix" in page and "L'article sur les moteurs est primé." in page and "1 mars 2024" in page
    assert "A visit" in page        # one text for every language


def test_news_item_page_links_its_papers_and_people(site):
    html = text(site, "en/news/prize/index.html")
    assert "<h1>A prize</h1>" in html and "<strong>engines</strong>" in html
    assert 'href="../../../en/papers/engines/">Notes on Engines</a>' in html
    assert 'href="../../../en/authors/ada-lovelace/">Ada Lovelace</a>' in html
    assert 'href="../../../en/authors/grace-hopper/">Grace Hopper</a>' in html
    assert '"@type": "NewsArticle"' in html or '"@type":"NewsArticle"' in html
    description = html.split('<meta name="description" content="', 1)[1].split('"', 1)[0]
    assert description.replace("*", "") == "The engines paper won."      # the body as text


def test_sitemap_lists_news_pages_with_their_dates(site):
    sitemap = ET.parse(site / "sitemap.xml").getroot()
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    urls = {u.findtext(f"{ns}loc"): u.findtext(f"{ns}lastmod") for u in sitemap.findall(f"{ns}url")}
    assert urls["https://lab.example.org/lab/fr/news/prize/"] == "2024-03-01"
    assert "https://lab.example.org/lab/en/news/" in urls and "https://lab.example.org/lab/fr/team/" in urls
    assert not any("secret" in url for url in urls)


def test_news_feed_is_valid_atom_with_absolute_links_and_a_date_from_content(site):
    feed = ET.fromstring((site / "en/news/feed.xml").read_bytes())
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}updated") == "2024-05-17T00:00:00Z"       # the newest item's, not the clock
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == "https://lab.example.org/lab/en/news/feed.xml"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["A visit", "A prize", "An old item"]
    prize = entries[1]
    assert prize.find(f"{ATOM}link[@rel='alternate']").get("href") == "https://lab.example.org/lab/en/news/prize/"
    assert prize.findtext(f"{ATOM}id") == "https://lab.example.org/lab/en/news/prize/"
    assert prize.find(f"{ATOM}link[@rel='related']").get("href") == "https://lab.example.org/lab/en/papers/engines/"
    assert prize.findtext(f"{ATOM}content") == "<p>The <strong>engines</strong> paper won.</p>"
    french = ET.fromstring((site / "fr/news/feed.xml").read_bytes())
    assert [e.findtext(f"{ATOM}title") for e in french.findall(f"{ATOM}entry")][1] == "Un prix"
    html = text(site, "en/news/index.html")
    assert '<link rel="alternate" type="application/atom+xml"' in html and 'href="../../en/news/feed.xml"' in html


def test_team_page_follows_the_roles_of_site_yaml(site):
    page = read_text_of(text(site, "en/team/index.html"))
    assert page.index("Faculty") < page.index("Alan Turing") < page.index("PhD students") < page.index("Zoé Côté") \
        < page.index("Alumni") < page.index("Ada Lovelace") < page.index("Other members") < page.index("Barbara Liskov")
    assert "4 members" in page


def test_team_page_in_french_names_the_roles_in_french(site):
    page = read_text_of(text(site, "fr/team/index.html"))
    assert [r for r in ("Professeurs", "Doctorants", "Anciens membres", "Autres membres") if r in page] == \
        ["Professeurs", "Doctorants", "Anciens membres", "Autres membres"]
    assert "Faculty" not in page and "Alumni" not in page
    assert "Travaille sur les bandits." in page
    assert "Anciens membres" in read_text_of(text(site, "fr/authors/ada-lovelace/index.html"))


def test_a_coauthor_from_elsewhere_is_not_on_the_team_but_keeps_their_page(site):
    assert "Grace Hopper" not in text(site, "en/team/index.html")
    author = text(site, "en/authors/grace-hopper/index.html")
    assert "Notes on Engines" in author
    assert 'href="../../../en/authors/grace-hopper/"' in text(site, "en/papers/engines/index.html")
    assert "Grace Hopper" in text(site, "en/people/index.html")


def test_member_links_show_an_icon_and_their_name(site):
    for rel in ("en/team/index.html", "en/authors/alan-turing/index.html"):
        html = text(site, rel)
        for href, label in (("https://turing.example.org/", "Homepage"),
                            ("https://orcid.org/0000-0002-1825-0097", "ORCID"),
                            ("https://scholar.google.com/citations?user=qc6CJjYAAAAJ", "Google Scholar")):
            start = html.index(f'<a href="{href}"')
            link = html[start:html.index("</a>", start)]
            assert '<svg class="icon" aria-hidden="true"' in link and link.endswith(label), rel
    assert '<a href="https://github.com/zoecote" rel="noopener me">' in text(site, "en/authors/zoe-cote/index.html")
    bio = text(site, "en/authors/zoe-cote/index.html")
    assert "Works on <em>bandits</em>." in bio


def test_a_members_structured_data_names_the_lab_and_the_bio(site):
    import json
    html = text(site, "fr/authors/zoe-cote/index.html")
    data = json.loads(html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0])
    assert data["memberOf"] == {"@type": "Organization", "name": "Lab", "url": "https://lab.example.org/lab/fr/team/"}
    assert data["jobTitle"] == "Doctorants" and data["description"].replace("*", "") == "Travaille sur les bandits."
    assert "https://github.com/zoecote" in data["sameAs"]
    outsider = text(site, "en/authors/grace-hopper/index.html")
    assert "memberOf" not in outsider


def test_portraits_on_the_team_page_use_the_sites_picture(site):
    """The team card's picture is the one every page shows for the person (c.picture)."""
    html = text(site, "en/team/index.html")
    assert html.count('class="team-portrait"') == 4 and 'src="data:image/svg+xml,' in html


def test_news_list_is_paginated_when_long(tmp_path):
    content = write_content(tmp_path / "content", site=SITE, papers=PAPERS, authors=AUTHORS, files=news_files(30))
    build(content, tmp_path / "out")
    first, second = text(tmp_path / "out", "en/news/index.html"), text(tmp_path / "out", "en/news/page/2/index.html")
    assert first.count('class="news-item"') == 20 and second.count('class="news-item"') == 13
    assert '<a rel="next" href="../../en/news/page/2/">' in first and 'rel="prev"' not in first
    assert '<a rel="prev" href="../../../../en/news/">' in second and 'rel="next"' not in second
    assert "Page 2 of 2" in read_text_of(second)
    feed = ET.fromstring((tmp_path / "out/en/news/feed.xml").read_bytes())
    assert len(feed.findall(f"{ATOM}entry")) == 33


def test_news_and_team_pages_are_byte_identical_across_builds_and_incremental(tmp_path):
    content = write_content(tmp_path / "content", site=SITE, papers=PAPERS, authors=AUTHORS, files=news_files())
    build(content, tmp_path / "a")
    edit(content / "news" / "visit.yaml", title={"en": "A longer visit", "fr": "Une visite"}, papers=["numbers"])
    edit(content / "authors" / "ada-lovelace.yaml", role="faculty")
    build(content, tmp_path / "a")
    build(content, tmp_path / "b", use_cache=False)
    for rel in ("en/news/index.html", "fr/news/visit/index.html", "en/news/feed.xml", "fr/team/index.html"):
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel
    assert "Une visite" in text(tmp_path / "a", "fr/news/visit/index.html")
    team = read_text_of(text(tmp_path / "a", "en/team/index.html"))
    assert team.index("Ada Lovelace") < team.index("PhD students")


def test_a_news_item_linking_an_unknown_paper_stops_the_build(tmp_path):
    files = dict(news_files(), **{"news/bad.yaml": "date: 2024-01-01\ntitle: Bad\npapers: [engine]\n"})
    content = write_content(tmp_path / "content", site=SITE, papers=PAPERS, authors=AUTHORS, files=files)
    with pytest.raises(ContentError) as raised:
        build(content, tmp_path / "out")
    assert [p.format() for p in raised.value.problems] == [
        f"{content}/news/bad.yaml:3: unknown paper 'engine' in 'papers' (did you mean 'engines'?)"]
    assert not (tmp_path / "out").exists()


def test_a_draft_paper_in_a_news_item_is_a_warning_and_not_linked(tmp_path):
    files = dict(news_files(), **{"news/bad.yaml": "date: 2024-01-01\ntitle: Bad\npapers: [hidden]\n"})
    content = write_content(tmp_path / "content", site=SITE, papers=PAPERS, authors=AUTHORS, files=files)
    result = build(content, tmp_path / "out")
    assert f"{content}/news/bad.yaml:3: warning: paper 'hidden' is a draft: the news item will not link to it " \
           "(publish the paper, or remove it from papers)" in [p.format() for p in result.warnings]
    assert "papers/hidden" not in text(tmp_path / "out", "en/news/bad/index.html")


def test_hostile_news_text_is_escaped(demo_site):
    """A title and body full of markup are shown as text: no element, handler or javascript: link comes of them."""
    class Tags(HTMLParser):
        def __init__(self):
            super().__init__()
            self.found, self.script = [], False

        def handle_starttag(self, tag, attrs):
            self.script = tag == "script"
            self.found += [(tag, name, value) for name, value in attrs
                           if name.startswith("on") or (value or "").strip().lower().startswith("javascript:")]

        def handle_data(self, data):
            if self.script and "__pwned" in data and "<" in data:      # JSON-LD holds the text, its "<" escaped
                self.found.append(("script", "", data))

    for rel in ("en/news/index.html", "en/news/hostile-news/index.html", "fr/news/hostile-news/index.html"):
        tags = Tags()
        tags.feed(text(demo_site, rel))
        assert tags.found == [], rel
        assert 'Quotes & "><script>window.__pwned=1</script>' in read_text_of(text(demo_site, rel))
    feed = ET.fromstring((demo_site / "en/news/feed.xml").read_bytes())
    hostile = [e for e in feed.findall(f"{ATOM}entry") if "Quotes" in e.findtext(f"{ATOM}title")]
    assert hostile[0].findtext(f"{ATOM}title") == 'Quotes & "><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
    assert "<script>" not in hostile[0].findtext(f"{ATOM}content")      # the HTML content holds it as text


def test_front_page_partial_shows_the_three_latest_items(tmp_path):
    """partials/front_news.html, with kinds.latest_news as the front page's ``latest_news``."""
    content_dir = write_content(tmp_path / "content", site=SITE, papers=PAPERS, authors=AUTHORS, files=news_files(5))
    content, problems = load_content(content_dir)
    links, _ = linking.link(content)
    prepared, _ = views.prepare(content, links, lambda url: "")
    strings = render.load_strings(content.site.languages)
    c = compose.Composer(content, prepared, Urls.parse("/"), strings, render.make_environment())
    latest = kinds.latest_news(c)
    assert [nv.id for nv in latest] == ["visit", "prize", "old"]
    html = c.env.get_template("partials/front_news.html").render(latest_news=latest, lang="fr", t=strings["fr"])
    shown = read_text_of(html)
    assert shown.index("Dernières actualités") < shown.index("A visit") < shown.index("Un prix") < shown.index("An old item")
    assert "Toutes les actualités" in shown and "Item 0" not in shown
    assert c.env.get_template("partials/front_news.html").render(latest_news=[], lang="en", t=strings["en"]).strip() == ""


@pytest.mark.parametrize("kind, text, expected", [
    ("author", "name: Jane\nscholar: https://scholar.google.com/citations?user=qc6CJjYAAAAJ\n",
     "x.yaml:2: invalid scholar 'https://scholar.google.com/citations?user=qc6CJjYAAAAJ' "
     "(write the 12-character user id alone, e.g. qc6CJjYAAAAJ)"),
    ("author", "name: Jane\nbio: [one, two]\n",
     "x.yaml:2: 'bio' must be text, or one text per language, not a list "
     "(write bio: \"…\" for every language, or indent one line per language under bio: 'en: …', 'fr: …')"),
    ("author", "name: Jane\nmember: 1\n", "x.yaml:2: 'member' must be true or false, not a number "
                                          "(write member: true or member: false)"),
    ("author", "name: Jane\nlab_member: true\n", "x.yaml:2: unknown field 'lab_member' (did you mean 'member'?)"),
    ("news", "date: 2024-01-02\ntitle: T\nbody:\n  en: Text\n  de: Text\n",
     "x.yaml:5: 'body' has text for an unknown language 'de' (the languages are en, fr)"),
    ("news", "date: 2024-01-02\ntitle: T\nstatus: hidden\n",
     "x.yaml:3: invalid status 'hidden' (must be one of: published, draft)"),
    ("news", "title: T\n", "x.yaml:1: missing required field 'date' (add a line: date: 2024-05-17)"),
    ("news", "date: 2024-02-30\ntitle: T\n",
     "x.yaml:1: invalid date '2024-02-30': February 2024 has 29 days (use YYYY-MM-DD, e.g. 2024-05-17)"),
    ("news", "date: 2024-01-02\ntitle: T\npapers: [Soft MoE]\n",
     "x.yaml:3: invalid paper id 'Soft MoE' (write a paper's id: its file name in content/papers/ without .yaml)"),
    ("site", "title: Lab\nroles:\n  - en: Faculty\n",
     "x.yaml:3: role 1 of 'roles' has no id (add id: followed by a short lowercase name, e.g. id: phd-student)"),
    ("site", "title: Lab\nroles:\n  - id: PhD Students\n",
     "x.yaml:3: invalid role id 'PhD Students' (ids are lowercase letters, digits and single hyphens, e.g. phd-students)"),
    ("site", "title: Lab\nroles:\n  - alumni\n  - alumni\n",
     "x.yaml:4: warning: role 'alumni' is listed twice in 'roles' (remove one of them)"),
    ("site", "title: Lab\nroles: Faculty, Alumni\n",
     "x.yaml:2: 'roles' must be a list of roles, not text (write one role per item under roles:, e.g. "
     "- {id: phd-student, en: PhD students, fr: Doctorants})"),
    ("site", "title: Lab\nroles:\n  - [faculty]\n",
     "x.yaml:3: role 1 of 'roles' must be an id with a name per language, not a list "
     "(write it as - {id: phd-student, en: PhD students, fr: Doctorants})"),
])
def test_each_new_field_has_an_exact_message(kind, text, expected):
    from site_builder import schema as S
    checked = S.check_file(text.encode("utf-8"), "x.yaml", S.SCHEMAS[kind])
    assert [p.format() for p in checked.problems] == [expected]


def test_front_page_shows_the_latest_news_and_links_to_all(site):
    page = read_text_of(text(site, "fr/index.html"))
    assert page.index("Dernières actualités") < page.index("A visit") < page.index("Un prix") \
        < page.index("An old item") < page.index("Toutes les actualités")
    assert "Not yet" not in page
    html = text(site, "en/index.html")
    assert '<a href="../en/news/prize/">A prize</a>' in html and '<a href="../en/news/">All news</a>' in html


def test_front_page_is_made_again_when_a_news_item_changes(tmp_path):
    content = write_content(tmp_path / "content", site=SITE, papers=PAPERS, authors=AUTHORS, files=news_files())
    build(content, tmp_path / "out")
    edit(content / "news" / "old.yaml", date="2025-06-01", title="Now the newest")
    build(content, tmp_path / "out")
    build(content, tmp_path / "clean", use_cache=False)
    assert (tmp_path / "out/en/index.html").read_bytes() == (tmp_path / "clean/en/index.html").read_bytes()
    page = read_text_of(text(tmp_path / "out", "en/index.html"))
    assert page.index("Now the newest") < page.index("A visit")
