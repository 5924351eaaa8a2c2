"""`build` end to end on small sites: which pages exist and what they say."""
from __future__ import annotations

import html as html_lib
import itertools
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest

from conftest import DEMO_AUTHORS, DEMO_PAPERS, LONG_ABSTRACT, ROOT, build, fail_on_call, png_bytes, write_content
from site_builder.errors import ContentError

CONTRACT = Path("/work/shared/tools/check_contract.py")


class Doc(HTMLParser):
    """Just enough of a page to assert on: meta tags, links, text, elements by class."""

    def __init__(self, html: str):
        super().__init__()
        self.meta: list[tuple[str, str]] = []
        self.links: list[dict] = []
        self.anchors: list[tuple[str, str]] = []
        self.lang = None
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_a = None
        self._in_script = False
        self.imgs: list[dict] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "meta":
            self.meta.append((a.get("name") or a.get("property") or "", a.get("content", "")))
        elif tag == "link":
            self.links.append(a)
        elif tag == "a":
            self._in_a = [a.get("href"), ""]
        elif tag == "script":
            self._in_script = a.get("type") == "application/ld+json"
            if self._in_script:
                self.scripts.append("")
        elif tag == "img":
            self.imgs.append(a)

    def handle_endtag(self, tag):
        if tag == "a" and self._in_a:
            self.anchors.append((self._in_a[0], self._in_a[1].strip()))
            self._in_a = None
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data
            return
        self.text.append(data)
        if self._in_a is not None:
            self._in_a[1] += data

    def values(self, name: str) -> list[str]:
        return [v for k, v in self.meta if k == name]

    @property
    def body(self) -> str:
        return " ".join(" ".join(self.text).split())


def read(out: Path, rel: str) -> str:
    return (out / rel).read_text(encoding="utf-8")


def doc(out: Path, rel: str) -> Doc:
    return Doc(read(out, rel))


# --- the contract and the page set ---------------------------------------------

def test_demo_site_meets_the_contract(demo_content, demo_site):
    result = subprocess.run([sys.executable, str(CONTRACT), str(demo_content), str(demo_site)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().endswith("0 problems")


@pytest.mark.skipif(not CONTRACT.exists(), reason="shared contract checker not present")
def test_committed_content_meets_the_contract(committed_site):
    result = subprocess.run([sys.executable, str(CONTRACT), str(ROOT / "content"), str(committed_site)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert " 0 problems" in result.stdout


def test_every_page_of_both_languages_exists(demo_site):
    for lang in ("en", "fr"):
        assert (demo_site / lang / "index.html").is_file()
        assert (demo_site / lang / "people" / "index.html").is_file()
        assert (demo_site / lang / "feed.xml").is_file()
        for pid, paper in DEMO_PAPERS.items():
            page = demo_site / lang / "papers" / pid / "index.html"
            assert page.is_file() == (paper.get("status") != "draft"), pid
        for aid in DEMO_AUTHORS:
            assert (demo_site / lang / "authors" / aid / "index.html").is_file()
    for rel in ("index.html", "404.html", "sitemap.xml", "robots.txt", ".nojekyll", "cite/all.bib"):
        assert (demo_site / rel).is_file(), rel


def test_root_sends_visitors_to_the_default_language(demo_site):
    html = read(demo_site, "index.html")
    assert '<meta http-equiv="refresh" content="0; url=./en/">' in html
    assert ('./fr/', "Français") in Doc(html).anchors


def test_drafts_are_published_nowhere(demo_site):
    for path in demo_site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".bib", ".ris", ".json", ".txt", ".js"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "secret-draft" not in text and "Secret Draft Paper" not in text, path


# --- the publication list ------------------------------------------------------

def test_list_is_newest_first_grouped_by_year_undated_last(demo_site):
    html = read(demo_site, "en/publications/index.html")
    years = re.findall(r'<h2 id="year-[^"]+">([^<]+)</h2>', html)
    assert years == ["2024", "2023", "2022", "Undated"]
    order = re.findall(r'<li class="entry" id="paper-([a-z0-9-]+)"', html)
    # 2024-02-13 is newer than the bare year 2024; undated last.
    assert order == ["soft-moe-for-rl", "count-only", "nash-learning-from-human-feedback",
                     "hostile-paper", "undated-note"]
    assert re.findall(r'<h2 id="year-[^"]+">([^<]+)</h2>', read(demo_site, "fr/publications/index.html"))[-1] == "Sans date"


def test_list_entries_link_title_and_authors_and_carry_filter_data(demo_site):
    html = read(demo_site, "en/publications/index.html")
    entry = re.search(r'<li class="entry" id="paper-soft-moe-for-rl".*?</li>', html, re.S).group()
    assert 'data-year="2024"' in entry
    assert 'data-authors="remi-munos ghada-sokar michal-valko"' in entry
    anchors = Doc(entry).anchors
    assert ("../../en/papers/soft-moe-for-rl/", "Mixtures of Experts Unlock Parameter Scaling for Deep RL") in anchors
    # "R. Munos" is an alias: printed as on the paper, linked to Rémi Munos.
    assert ("../../en/authors/remi-munos/", "R. Munos") in anchors


def test_teaser_is_cut_at_a_word_boundary_with_an_ellipsis(demo_site):
    html = read(demo_site, "en/publications/index.html")
    teaser = re.search(r'<div class="teaser"><p>(.*?)</p></div>', html, re.S).group(1)
    assert teaser.endswith("…")
    words = teaser[:-1].split()
    assert words and all(word in LONG_ABSTRACT.split() for word in words)   # no word cut in half
    assert len(teaser) - 1 <= 300
    assert "THE-HIDDEN-TAIL" not in teaser


def test_teaser_length_comes_from_site_yaml(tmp_path):
    content = write_content(tmp_path / "content", site={"teaser_length": 60},
                            papers={"p": {"title": "P", "authors": [], "abstract": LONG_ABSTRACT}})
    build(content, tmp_path / "out")
    teaser = re.search(r'<div class="teaser"><p>(.*?)</p></div>', read(tmp_path / "out", "en/publications/index.html")).group(1)
    assert teaser == "Reinforcement learning from human feedback (RLHF) has…"


def test_toggle_is_localised_and_absent_for_short_abstracts(demo_site):
    en, fr = read(demo_site, "en/publications/index.html"), read(demo_site, "fr/publications/index.html")
    assert en.count("<details") == 1 and fr.count("<details") == 1      # only the long abstract
    assert '<span class="label-more">see more</span><span class="label-less">see less</span>' in en
    assert '<span class="label-more">voir plus</span><span class="label-less">voir moins</span>' in fr
    short = re.search(r'id="paper-count-only".*?</li>', en, re.S).group()
    assert "<details" not in short and "Short abstract." in short


# --- paper pages -------------------------------------------------------------

def test_paper_page_has_scholar_tags_and_metadata(demo_site):
    d = doc(demo_site, "fr/papers/nash-learning-from-human-feedback/index.html")
    assert d.lang == "fr"
    assert d.values("citation_title") == ["Nash Learning from Human Feedback"]
    assert d.values("citation_author") == ["Rémi Munos", "Michal Valko", "Côme Fiegel", "Daniele Calandriello"]
    assert d.values("citation_publication_date") == ["2023/12/01"]
    assert d.values("citation_language") == ["en"]
    assert d.values("citation_abstract")[0].startswith("Reinforcement learning from human feedback")
    assert "1 décembre 2023" in d.body and "Google DeepMind" in d.body
    assert "THE-HIDDEN-TAIL" in d.body          # the full abstract is in the page


def test_paper_page_shows_the_abstract_once_in_full_with_a_toggle_open(demo_site):
    html = read(demo_site, "en/papers/nash-learning-from-human-feedback/index.html")
    body = html[html.index("<body"):]
    assert body.count("Reinforcement learning from human feedback") == 1     # no teaser copy
    assert 'class="teaser"' not in body and body.count("THE-HIDDEN-TAIL") == 1
    assert '<details class="toggle" open>' in body
    # The contract's words: "see more" (shown once folded), "voir plus" on the French page.
    assert '<span class="label-more">see more</span><span class="label-less">see less</span>' in body
    assert '<span class="label-more">voir plus</span>' in read(demo_site, "fr/papers/nash-learning-from-human-feedback/index.html")


def test_paper_with_only_an_author_count_says_so(demo_site):
    assert "12 authors" in doc(demo_site, "en/papers/count-only/index.html").body
    assert "12 auteurs" in doc(demo_site, "fr/papers/count-only/index.html").body


def test_paper_page_links_to_itself_in_the_other_language(demo_site):
    d = doc(demo_site, "en/papers/soft-moe-for-rl/index.html")
    assert ("../../../fr/papers/soft-moe-for-rl/", "Cette page en français") in d.anchors
    assert ("../../../fr/papers/soft-moe-for-rl/", "Français") in d.anchors   # the switcher


def test_every_page_has_hreflang_canonical_and_opengraph(demo_site):
    d = doc(demo_site, "fr/authors/michal-valko/index.html")
    rels = {(l.get("rel"), l.get("hreflang")): l.get("href") for l in d.links}
    assert rels[("canonical", None)] == "/lab-site/fr/authors/michal-valko/"
    assert rels[("alternate", "en")] == "/lab-site/en/authors/michal-valko/"
    assert rels[("alternate", "fr")] == "/lab-site/fr/authors/michal-valko/"
    assert rels[("alternate", "x-default")] == "/lab-site/en/authors/michal-valko/"
    assert d.values("og:type") == ["profile"] and d.values("og:locale") == ["fr_FR"]
    assert d.values("og:title") == ["Michal Valko"]


def test_canonical_urls_are_absolute_when_the_site_url_is_known(tmp_path):
    content = write_content(tmp_path / "content", site={"url": "https://lab.example.org"},
                            papers={"p": {"title": "P", "authors": []}})
    build(content, tmp_path / "out", base_url="/lab-site/")
    d = doc(tmp_path / "out", "en/papers/p/index.html")
    assert [l["href"] for l in d.links if l.get("rel") == "canonical"] == ["https://lab.example.org/lab-site/en/papers/p/"]
    assert d.values("og:url") == ["https://lab.example.org/lab-site/en/papers/p/"]
    assert "Sitemap: https://lab.example.org/lab-site/sitemap.xml" in read(tmp_path / "out", "robots.txt")


def test_json_ld_describes_the_article_and_the_person(demo_site):
    article = json.loads(doc(demo_site, "en/papers/nash-learning-from-human-feedback/index.html").scripts[0])
    assert article["@type"] == "ScholarlyArticle"
    assert article["headline"] == "Nash Learning from Human Feedback" and "name" not in article
    assert [a["name"] for a in article["author"]] == ["Rémi Munos", "Michal Valko", "Côme Fiegel", "Daniele Calandriello"]
    assert article["author"][0]["url"] == "/lab-site/en/authors/remi-munos/"
    assert article["datePublished"] == "2023-12-01"
    # The abstract in full once (citation_abstract), its start once for snippets and cards (meta and og).
    assert "description" not in article and "abstract" not in article
    d = doc(demo_site, "en/papers/nash-learning-from-human-feedback/index.html")
    assert d.values("description")[0].startswith("Reinforcement learning from human feedback (RLHF)")
    assert d.values("og:description") == d.values("description") and d.values("description")[0].endswith("…")
    assert len(d.values("description")[0]) <= 161        # what a search result shows, not 300 characters
    assert "β" in doc(demo_site, "en/papers/nash-learning-from-human-feedback/index.html").values("citation_abstract")[0]
    person = json.loads(doc(demo_site, "fr/authors/remi-munos/index.html").scripts[0])
    assert person["@type"] == "Person" and person["name"] == "Rémi Munos"
    assert person["jobTitle"] == "Research Scientist"


# --- author pages ------------------------------------------------------------

def test_author_page_shows_portrait_name_role_papers_never_aliases(demo_site):
    html = read(demo_site, "en/authors/remi-munos/index.html")
    d = Doc(html)
    img = d.imgs[0]
    assert img["alt"] == "Portrait of Rémi Munos"
    # An 8x8 source is never upscaled: one 8-pixel file, shown in the 160-pixel box.
    assert re.fullmatch(r"\.\./\.\./\.\./portraits/remi-munos-8-[0-9a-f]{10}\.jpg", img["src"])
    assert (img["width"], img["height"]) == ("160", "160")
    from PIL import Image
    with Image.open(demo_site / img["src"].removeprefix("../../../")) as published:
        assert published.size == (8, 8) and published.format == "JPEG"
    assert "Research Scientist" in d.body
    titles = re.findall(r'class="entry-title"[^>]*><a [^>]*>([^<]+)</a>', html)
    assert titles == ["Mixtures of Experts Unlock Parameter Scaling for Deep RL", "Nash Learning from Human Feedback"]
    # The alias "Remi Munos" (no accent) is never shown; "R. Munos" appears only as printed on a paper byline.
    assert "Remi Munos" not in html


def test_missing_portrait_gets_a_localised_initials_placeholder(demo_site):
    en = doc(demo_site, "en/authors/michal-valko/index.html").imgs[0]
    fr = doc(demo_site, "fr/authors/michal-valko/index.html").imgs[0]
    assert en["alt"] == "Portrait of Michal Valko is not available"
    assert fr["alt"] == "Portrait de Michal Valko n'est pas disponible"
    assert en["src"] == fr["src"]
    assert en["src"].startswith("data:image/svg+xml,")     # drawn in the page: no file per person
    svg = unquote(en["src"].removeprefix("data:image/svg+xml,"))
    assert ">MV</text>" in svg
    ET.fromstring(svg)      # well-formed
    assert not (demo_site / "static/portraits/michal-valko-initials.svg").exists()
    people = read(demo_site, "en/people/index.html")
    assert f'src="{html_lib.escape(en["src"])}"' in people or f'src="{en["src"]}"' in people


def test_coauthors_are_ranked_by_joint_papers_and_linked(demo_site):
    html = read(demo_site, "en/authors/remi-munos/index.html")
    section = re.search(r'<section class="coauthors".*?</section>', html, re.S).group()
    assert Doc(section).anchors == [("../../../en/authors/michal-valko/", "Michal Valko"),
                                    ("../../../en/authors/ghada-sokar/", "Ghada Sokar")]
    assert "2 joint papers" in section and "1 joint paper" in section
    assert "2 articles en commun" in read(demo_site, "fr/authors/remi-munos/index.html")


def test_people_index_groups_by_role(demo_site):
    html = read(demo_site, "en/people/index.html")
    groups = re.findall(r'<h2 id="role-\d+">([^<]+)</h2>', html)
    assert groups[:2] == ["PhD Student", "Research Scientist"]
    research = re.search(r">Research Scientist</h2>.*?</ul>", html, re.S).group()
    assert re.findall(r'<span class="name">([^<]+)</span>', research) == ["Michal Valko", "Rémi Munos"]


def test_404_page_uses_links_that_work_from_any_depth(demo_site):
    d = doc(demo_site, "404.html")
    assert ("/lab-site/en/", "Go to the home page") in d.anchors
    assert ("/lab-site/en/publications/", "Go to the publication list") in d.anchors
    assert ("/lab-site/fr/publications/", "Aller à la liste des publications") in d.anchors
    assert ("/lab-site/fr/", "Français") in d.anchors          # the switcher, too
    assert all(href.startswith(("/lab-site/", "#")) for href, _ in d.anchors if href), d.anchors


# --- feeds, sitemap, robots --------------------------------------------------

ATOM = "{http://www.w3.org/2005/Atom}"


def test_atom_feed_per_language_lists_dated_papers_newest_first(demo_site):
    for lang in ("en", "fr"):
        feed = ET.parse(demo_site / lang / "feed.xml").getroot()
        assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
        titles = [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")]
        assert titles[:2] == ["Mixtures of Experts Unlock Parameter Scaling for Deep RL",
                              "A Paper Known Only by Its Author Count"]
        assert "An Undated Technical Note" not in titles
        assert feed.findtext(f"{ATOM}updated") == "2024-02-13T00:00:00Z"   # from content, not the clock


def test_feed_ids_without_an_origin_are_the_name_based_uuids_of_their_urls(demo_site):
    """Without an origin, a feed's id is urn:uuid: the RFC 4122 version-5 UUID of its URL (made
    without the uuid module: the same ids as before, for readers that track entries by id)."""
    import uuid

    from site_builder.build.compose import url_uuid

    for name in ("", "/lab-site/en/feed.xml", "/lab-site/fr/papers/é/", "/x" * 200):
        assert url_uuid(name) == str(uuid.uuid5(uuid.NAMESPACE_URL, name))
    feed = ET.parse(demo_site / "en" / "feed.xml").getroot()      # the demo site has no origin
    assert feed.findtext(f"{ATOM}id") == "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, "/lab-site/en/feed.xml"))
    first = feed.find(f"{ATOM}entry")
    assert first.findtext(f"{ATOM}id") == "urn:uuid:" + str(
        uuid.uuid5(uuid.NAMESPACE_URL, "/lab-site/" + first.find(f"{ATOM}link").get("href").split("/lab-site/", 1)[1]))


def test_sitemap_lists_every_page_with_language_alternates(demo_site):
    sitemap = ET.parse(demo_site / "sitemap.xml").getroot()
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locs = [u.findtext(f"{ns}loc") for u in sitemap.findall(f"{ns}url")]
    assert "/lab-site/fr/papers/soft-moe-for-rl/" in locs
    assert "/lab-site/en/authors/ghada-sokar/" in locs
    assert "/lab-site/en/" in locs and "/lab-site/fr/publications/" in locs
    assert "/lab-site/fr/news/" in locs and "/lab-site/en/team/" in locs and "/lab-site/en/news/best-paper/" in locs
    # per language: front page, list, people, news and team pages, 5 papers, 4 authors, 2 published news items
    assert len(locs) == len(set(locs)) == 2 * (1 + 1 + 1 + 1 + 1 + 5 + 4 + 2)
    assert (demo_site / ".nojekyll").read_bytes() == b""
    assert read(demo_site, "robots.txt").startswith("User-agent: *\n")


# --- determinism, base_url, failures -------------------------------------------

def test_two_builds_are_byte_identical(demo_content, tmp_path):
    build(demo_content, tmp_path / "a", base_url="/lab-site/")
    build(demo_content, tmp_path / "b", base_url="/lab-site/")
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    assert files_a == files_b
    for rel in files_a:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel


@pytest.mark.parametrize("flag, site_value, env, expected", [
    ("/from-flag/", "/from-site/", "/from-env/", "/from-flag/"),
    (None, "/from-site/", "/from-env/", "/from-site/"),
    (None, None, "/from-env/", "/from-env/"),
    (None, None, None, "/"),
])
def test_base_url_precedence(tmp_path, monkeypatch, flag, site_value, env, expected):
    if env:
        monkeypatch.setenv("SITE_BASE_URL", env)
    else:
        monkeypatch.delenv("SITE_BASE_URL", raising=False)
    content = write_content(tmp_path / "content", site={"base_url": site_value} if site_value else {},
                            papers={"p": {"title": "P", "authors": []}})
    build(content, tmp_path / "out", base_url=flag)
    canonical = [l["href"] for l in doc(tmp_path / "out", "en/index.html").links if l.get("rel") == "canonical"]
    assert canonical == [expected + "en/"]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_broken_content_writes_nothing_and_keeps_the_previous_site(tmp_path):
    content = write_content(tmp_path / "content", papers={"good": {"title": "Good", "authors": []}})
    out = tmp_path / "output"
    build(content, out)
    before = snapshot(out)
    (content / "papers" / "bad.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    with pytest.raises(ContentError) as error:
        build(content, out)
    assert "bad.yaml" in str(error.value)
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != ".cache") == ["content", "output"]  # no staging left


def test_cli_reports_problems_and_exits_1(tmp_path):
    content = write_content(tmp_path / "content", papers={"bad": {"authors": ["No Title"]}})
    result = subprocess.run([sys.executable, "-m", "site_builder", "build", "--content", str(content),
                             "--out", str(tmp_path / "out")], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    assert "bad.yaml" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_cli_builds_and_summarises(tmp_path):
    content = write_content(tmp_path / "content", papers={"p": {"title": "P", "authors": []}})
    result = subprocess.run([sys.executable, "-m", "site_builder", "build", "--content", str(content),
                             "--out", str(tmp_path / "out"), "--base-url", "/x/"], capture_output=True,
                            text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert re.search(r"built \d+ pages", result.stderr)
    assert (tmp_path / "out/en/papers/p/index.html").is_file()


def test_refuses_to_replace_a_folder_it_did_not_make(tmp_path):
    content = write_content(tmp_path / "content", papers={"p": {"title": "P", "authors": []}})
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.tex").write_text("years of work")
    with pytest.raises(Exception) as error:
        build(content, precious)
    assert "not made by this builder" in str(error.value)
    assert (precious / "thesis.tex").read_text() == "years of work"


def test_strict_turns_warnings_into_errors(tmp_path):
    content = write_content(tmp_path / "content", authors={"ann-lee": {"name": "Ann Lee"}},
                            papers={"p": {"title": "P", "authors": ["Ann Lee", "Bob Unknown"]}})
    result = build(content, tmp_path / "out")
    assert any("Bob Unknown" in w.message for w in result.warnings)
    with pytest.raises(ContentError):
        build(content, tmp_path / "out2", strict=True)
    assert not (tmp_path / "out2").exists()


def test_portrait_outside_content_is_not_copied(tmp_path):
    (tmp_path / "secret.png").write_bytes(png_bytes())
    content = write_content(tmp_path / "content", authors={"a": {"name": "Ann Lee", "portrait": "../secret.png"}})
    with pytest.raises(ContentError) as error:
        build(content, tmp_path / "out")
    assert "portrait path '../secret.png' is outside content/" in str(error.value)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("jobs", [2, 3])      # one worker beside the main process, and two
def test_parallel_workers_write_the_same_bytes(demo_content, tmp_path, monkeypatch, jobs):
    import site_builder.build.compose as compose_module
    import site_builder.parallel as parallel_module
    monkeypatch.setattr(compose_module, "PARALLEL_MIN_PAGES", 0)
    monkeypatch.setattr(parallel_module, "MIN_ITEMS", 0)       # entries, views and loading too
    result = build(demo_content, tmp_path / "parallel", base_url="/lab-site/", jobs=jobs)
    build(demo_content, tmp_path / "serial", base_url="/lab-site/", jobs=1)
    assert snapshot(tmp_path / "parallel") == snapshot(tmp_path / "serial")
    assert result.pages == len(list((tmp_path / "parallel").rglob("*.html")))
    assert result.bytes == sum(len(b) for b in snapshot(tmp_path / "parallel").values())


def _square_and_pid(n: int) -> tuple[int, int]:
    """Each item takes a while: workers forked for the rest have started before this process,
    which takes batches too, could have done them all."""
    import os
    import time
    time.sleep(0.0005)
    return n * n, os.getpid()


@pytest.mark.parametrize("worth, forks", [(0.0, True), (3600.0, False)])
def test_a_step_goes_to_workers_only_when_the_rest_is_worth_it(monkeypatch, worth, forks):
    """A step starts in this process; what is left goes to workers once it would take longer
    than WORTH_WORKERS: the results are the same, in order, however the work was split."""
    import os
    import site_builder.parallel as parallel_module
    if not parallel_module.can_fork():
        pytest.skip("no fork on this platform")
    monkeypatch.setattr(parallel_module, "MIN_ITEMS", 10)
    monkeypatch.setattr(parallel_module, "WORTH_WORKERS", worth)
    items = list(range(300))
    made = parallel_module.map_items(_square_and_pid, items, jobs=2)
    assert [square for square, _ in made] == [n * n for n in items]
    here = [pid == os.getpid() for _, pid in made]
    assert all(here[:parallel_module._MEASURE_EVERY * 2])       # the first ones, measured here
    assert (not all(here)) is forks
    # This process's first; then the batches the workers took from the front of the queue; then
    # those this process took from its back.
    assert [kind for kind, _ in itertools.groupby(here)] in ([True], [True, False], [True, False, True])


def _fails_on_seven(n: int) -> int:
    if n == 7:
        raise ValueError(f"no {n}")
    return n


_TEST_PROCESS = __import__("os").getpid()


def _killed_on_seven(n: int) -> int:
    """Kills the worker that has 7 (never the test's own process); each item takes a while, so
    that a worker has started before this process could take every batch."""
    import os
    import signal
    import time
    if n == 7 and os.getpid() != _TEST_PROCESS:
        os.kill(os.getpid(), signal.SIGKILL)
    time.sleep(0.0005)
    return n


@pytest.mark.parametrize("jobs", [2, 3])
def test_a_worker_error_is_raised_here_and_a_killed_worker_is_reported(monkeypatch, jobs):
    """What fails in a worker fails the step as it would in one process; a worker that dies
    (killed, out of memory) fails it too, never leaves its items out."""
    import site_builder.parallel as parallel_module
    if not parallel_module.can_fork():
        pytest.skip("no fork on this platform")
    monkeypatch.setattr(parallel_module, "WORTH_WORKERS", 0.0)
    items = list(range(2, 40)) * 20          # 7 is past the first items this process measures
    with pytest.raises(ValueError, match="no 7"):
        parallel_module.map_items(_fails_on_seven, items, jobs=jobs, min_items=2)
    with pytest.raises(parallel_module.WorkerError, match="signal 9"):
        # 7 is in the first batch: a worker's (this process takes batches from the back)
        parallel_module.map_items(_killed_on_seven, list(range(800)), jobs=jobs, min_items=2)


def test_a_crash_half_way_leaves_the_previous_site_intact(tmp_path, monkeypatch):
    from site_builder.build.compose import Composer
    content = write_content(tmp_path / "content", papers={f"p{i}": {"title": f"P{i}", "authors": []} for i in range(5)})
    out = tmp_path / "output"
    build(content, out)
    before = snapshot(out)
    (content / "papers" / "p0.yaml").write_text("title: Changed\nauthors: []\n", encoding="utf-8")
    monkeypatch.setattr(Composer, "page", fail_on_call(Composer.page, 6, RuntimeError("disk on fire")))
    with pytest.raises(RuntimeError):
        build(content, out, use_cache=False)
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != ".cache") == ["content", "output"]
