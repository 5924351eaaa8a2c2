"""Citation export as a reference manager sees it: parsed back with bibtexparser 2.x."""
from __future__ import annotations

import html as html_lib
import json
import re

import bibtexparser
import pytest
from bibtexparser import middlewares

from conftest import build, write_content
from site_builder.build.citations import (Citation, assign_keys, csl_item, page_data, to_bibtex, to_csl_json,
                                    to_ris)
from site_builder.build.loader import load_content
from site_builder.model import Paper
from site_builder.build.render import json_ld

TRICKY = {
    "tricky": {
        "title": r"RLHF & Nash: 100% of {braces} for Rémi’s Çağ Łódź — x_y #1 at $\beta_{i,j}$",
        "authors": ["Rémi Munos", "Jürgen Schmidhuber", "Anderson and Co, Inc"],
        "date": "2023-12-01",
        "abstract": r"Costs 5% & more; we bound $\beta_{i,j}$ by \textbf{two}.",
    },
    "plain": {"title": "Nash Learning from Human Feedback", "authors": ["Rémi Munos", "Michal Valko"],
              "date": "2023-12-02"},
    "clash": {"title": "Nash Equilibria Revisited", "authors": ["Remi Munos"], "date": "2023-01-05"},
    "no-authors": {"title": "The Anonymous Report", "authors": [], "author_count": 4},
    "draft": {"title": "Draft", "authors": ["Rémi Munos"], "status": "draft"},
    "hostile": {"title": "</script><!-- <script>window.x=1</script>", "authors": ["Eve </script> Doe"],
                "date": "2020", "abstract": "Closes </script> and <!-- comments, & \"quotes\"."},
}
AUTHORS = {"remi-munos": {"name": "Rémi Munos", "aliases": ["Remi Munos"]}, "michal-valko": {"name": "Michal Valko"}}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("cite")
    content = write_content(root / "content", papers=TRICKY, authors=AUTHORS)
    build(content, root / "out")
    return root / "out"


def downloads(page: Path) -> dict[str, str]:
    """The three files site.js makes from a paper page, by the same steps (the browser test
    runs site.js itself): BibTeX and abstract read from the page, the rest from #citation-data."""
    html = page.read_text(encoding="utf-8")
    bib = html_lib.unescape(re.search(r'<pre class="bibtex" id="bibtex"><code>(.*?)</code></pre>', html, re.S)[1])
    data = json.loads(re.search(r'<script type="application/json" id="citation-data"[^>]*>(.*?)</script>',
                                html, re.S)[1])
    ris, item = data["ris"], dict(data["csl"])
    meta = lambda name: [html_lib.unescape(v) for v in re.findall(rf'<meta name="{name}" content="([^"]*)">', html)]  # noqa: E731
    abstract = None
    if isinstance(ris, list) and 0 in ris:
        abstract = meta("citation_abstract")[0]
        item["abstract"] = abstract
    if "title" in data.get("page", ()):          # the title and authors from the Scholar tags
        item["title"] = meta("citation_title")[0]
    if "author" in data.get("page", ()):
        item["author"] = [{"literal": name} for name in meta("citation_author")]
    if isinstance(ris, list):
        values = {0: abstract, 1: item.get("title")} | {2 + i: a["literal"] for i, a in enumerate(item.get("author", []))}
        ris = "".join(part if isinstance(part, str) else values[part] for part in ris)
    item = {key: item[key] for key in sorted(item)}      # what comes from the page goes back in its sorted place
    csl = json.dumps([item], ensure_ascii=False, indent=2) + "\n"     # JSON.stringify([item], null, 2)
    return {"bib": data.get("bib", bib), "ris": ris, "csl": csl}


def old_files(site: Path, paper_id: str) -> dict[str, str]:
    """What cite/<paper>.bib, .ris and .json held when the build wrote them."""
    content, _ = load_content(site.parent / "content")
    published = [p for p in content.papers if p.published]
    paper = next(p for p in published if p.id == paper_id)
    cite = Citation(assign_keys(published)[paper_id], paper)      # no site url: no page URL
    return {"bib": to_bibtex(cite), "ris": to_ris(cite), "csl": to_csl_json([csl_item(cite)])}


def parse(text: str, decode: bool = False):
    extra = [middlewares.LatexDecodingMiddleware()] if decode else []
    library = bibtexparser.parse_string(text, append_middleware=extra)
    assert not library.failed_blocks, [b.error for b in library.failed_blocks]
    return library


def fields(entry) -> dict[str, str]:
    return {f.key: f.value for f in entry.fields}


def test_all_bib_parses_with_one_entry_per_published_paper_and_unique_keys(site):
    library = parse((site / "cite/all.bib").read_text(encoding="utf-8"))
    keys = [e.key for e in library.entries]
    assert len(keys) == 5 == len(set(keys))
    assert not any("Draft" in fields(e).get("title", "") for e in library.entries)


def test_keys_are_readable_and_clashes_get_a_suffix(site):
    keys = {fields(e)["title"]: e.key for e in parse((site / "cite/all.bib").read_text(encoding="utf-8")).entries}
    assert keys["Nash Learning from Human Feedback"] == "munos2023nashb"
    assert keys["Nash Equilibria Revisited"] == "munos2023nasha"     # earlier date gets "a"
    assert keys["The Anonymous Report"] == "anonndanonymous"


def test_keys_are_stable_across_builds_and_input_order():
    papers = [Paper(id=f"p{i}", title="Same Title", authors=("Ann Lee",), date="2020") for i in range(3)]
    assert assign_keys(papers) == assign_keys(list(reversed(papers))) == {
        "p0": "lee2020samea", "p1": "lee2020sameb", "p2": "lee2020samec"}


def test_special_characters_are_escaped_and_decode_back(site):
    raw = downloads(site / "en/papers/tricky/index.html")["bib"]
    assert r"100\% of \{braces\}" in raw and r"{RLHF} \&" in raw and r"x\_y \#1" in raw
    assert r"R{\'e}mi" in raw and r"{\c C}a{\u g}" in raw and r"{\L}{\'o}d{\'z}" in raw
    assert r"at $\beta_{i,j}$}" in raw                    # math is kept as TeX
    entry = parse(raw, decode=True).entries[0]
    f = fields(entry)
    assert f["title"].startswith("RLHF & Nash: 100% of {braces} for Rémi's Çağ Łódź — x_y #1 at ")
    assert f["author"] == "Rémi Munos and Jürgen Schmidhuber and Anderson and Co, Inc"
    assert f["year"] == "2023" and f["month"] == "dec"


def test_a_corporate_name_with_and_stays_one_author(site):
    raw = downloads(site / "fr/papers/tricky/index.html")["bib"]
    library = bibtexparser.parse_string(raw, append_middleware=[middlewares.SeparateCoAuthors()])
    assert fields(library.entries[0])["author"] == [r"R{\'e}mi Munos", r"J{\"u}rgen Schmidhuber",
                                                   "{Anderson and Co, Inc}"]


def test_unknown_extra_authors_become_and_others():
    bib = to_bibtex(Citation("k", Paper(id="p", title="T", authors=("Ann Lee",), author_count=5)))
    assert "author = {Ann Lee and others}" in bib


def test_per_author_bib_holds_exactly_their_papers(site):
    library = parse((site / "cite/authors/remi-munos.bib").read_text(encoding="utf-8"))
    assert sorted(e.key for e in library.entries) == ["munos2023nasha", "munos2023nashb", "munos2023rlhf"]
    valko = parse((site / "cite/authors/michal-valko.bib").read_text(encoding="utf-8"))
    assert [e.key for e in valko.entries] == ["munos2023nashb"]


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("paper_id", ["tricky", "plain", "no-authors", "hostile"])
def test_each_page_gives_the_three_files_byte_for_byte(site, lang, paper_id):
    assert downloads(site / lang / "papers" / paper_id / "index.html") == old_files(site, paper_id)


def test_no_file_per_paper_only_the_bundles(site):
    written = sorted(str(p.relative_to(site / "cite")) for p in (site / "cite").rglob("*") if p.is_file())
    assert written == ["all.bib", "authors/michal-valko.bib", "authors/remi-munos.bib"]


def test_paper_page_shows_the_bibtex_and_offers_the_downloads_to_javascript_only(site):
    html = (site / "en/papers/plain/index.html").read_text(encoding="utf-8")
    assert downloads(site / "en/papers/plain/index.html")["bib"] in (site / "cite/all.bib").read_text(encoding="utf-8")
    assert 'id="citation-data" data-key="munos2023nashb">' in html      # site.js names the files <key>.bib...
    for fmt in ("bib", "ris", "csl"):
        link = re.search(rf'<a [^>]*data-download="{fmt}"[^>]*>', html)[0]
        assert " hidden" in link and "href" not in link
    assert '<span class="other-formats" hidden>' in html
    assert "Copy BibTeX" in html and "Copier le BibTeX" in (site / "fr/papers/plain/index.html").read_text()
    fr = (site / "fr/papers/plain/index.html").read_text(encoding="utf-8")
    assert 'data-label="Télécharger au format RIS (.ris)"' in fr and ">Télécharger le BibTeX (.bib)</a>" in fr


def test_the_abstract_is_not_embedded_again(site):
    html = (site / "en/papers/tricky/index.html").read_text(encoding="utf-8")
    data = re.search(r'<script type="application/json" id="citation-data"[^>]*>(.*?)</script>', html, re.S)[1]
    assert "by two" in downloads(site / "en/papers/tricky/index.html")["ris"]
    assert "by two" not in data


def test_the_ris_takes_the_title_and_authors_from_the_csl_item_not_again(site):
    html = (site / "en/papers/tricky/index.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/json" id="citation-data"[^>]*>(.*?)</script>', html, re.S)[1])
    ris = "".join(part for part in data["ris"] if isinstance(part, str))
    assert "TI  - \n" in ris and "AU  - \n" in ris and "Munos" not in ris and "Nash" not in ris
    assert "TI  - RLHF & Nash" in downloads(site / "en/papers/tricky/index.html")["ris"]


def test_user_text_cannot_close_the_data_script(site):
    html = (site / "en/papers/hostile/index.html").read_text(encoding="utf-8")
    data = re.search(r'<script type="application/json" id="citation-data"[^>]*>(.*?)</script>', html, re.S)[1]
    assert "<" not in data and ">" not in data
    assert "window.x=1" in downloads(site / "en/papers/hostile/index.html")["ris"]


@pytest.mark.parametrize("abstract", ["Line one\rline two", "Has a NUL\0here"])
def test_text_a_page_cannot_give_back_is_embedded_whole(abstract):
    """An HTML parser turns CR into LF and drops NUL: the page cannot stand in for such text."""
    cite = Citation("k", Paper(id="p", title="T", authors=("Ann Lee",), abstract=abstract))
    data = page_data(to_bibtex(cite) + abstract, to_ris(cite), csl_item(cite), abstract)
    assert data["bib"] == to_bibtex(cite) + abstract and data["csl"] == csl_item(cite)    # abstract and all
    # The RIS: the abstract in its own text (no 0: not from the page), the title and name from the item.
    ris = to_ris(cite)
    assert data["ris"] == ["TY  - GEN\nID  - k\nTI  - ", 1, "\nAU  - ", 2, ris[ris.index("\nAB  - "):]]
    assert "\0" not in json_ld(data) and "\r" not in json_ld(data)      # escaped inside the JSON


def test_ris_and_csl_json(site):
    ris = downloads(site / "en/papers/tricky/index.html")["ris"].splitlines()
    assert ris[0] == "TY  - GEN" and ris[-1].startswith("ER  -")
    assert "AU  - Rémi Munos" in ris and "DA  - 2023/12/01/" in ris
    assert "TI  - RLHF & Nash: 100% of {braces} for Rémi’s Çağ Łódź — x_y #1 at β_(i,j)" in ris
    csl = json.loads(downloads(site / "fr/papers/tricky/index.html")["csl"])
    assert csl[0]["issued"] == {"date-parts": [[2023, 12, 1]]}
    assert csl[0]["author"][0] == {"literal": "Rémi Munos"}
    assert "β" in csl[0]["abstract"]


def test_author_page_offers_their_bib(site):
    html = (site / "fr/authors/remi-munos/index.html").read_text(encoding="utf-8")
    assert 'href="../../../cite/authors/remi-munos.bib"' in html
    assert "Télécharger toutes les publications de Rémi Munos (.bib)" in html


def test_the_title_and_authors_come_from_the_scholar_tags_not_again(site):
    html = (site / "en/papers/tricky/index.html").read_text(encoding="utf-8")
    raw = re.search(r'<script type="application/json" id="citation-data"[^>]*>(.*?)</script>', html, re.S)[1]
    assert json.loads(raw)["page"] == ["title", "author"]
    assert "Munos" not in raw and "Nash" not in raw
    assert "AU  - Rémi Munos" in downloads(site / "en/papers/tricky/index.html")["ris"].splitlines()


def test_what_the_tags_would_not_give_back_stays_in_the_item():
    cite = Citation("k", Paper(id="p", title="T", authors=("Ann Lee", "Bo Li")))
    item = csl_item(cite)
    whole = page_data(to_bibtex(cite), to_ris(cite), item, "", "T", ("Ann Lee", "Bo Li"))
    assert whole["page"] == ["title", "author"] and "title" not in whole["csl"] and "author" not in whole["csl"]
    # the page prints a name otherwise (as written, two spaces): the item keeps its authors
    spaced = page_data(to_bibtex(cite), to_ris(cite), item, "", "T", ("Ann  Lee", "Bo Li"))
    assert spaced["page"] == ["title"] and spaced["csl"]["author"] == item["author"]
    assert "page" not in page_data(to_bibtex(cite), to_ris(cite), item, "", "T\r", ("Ann Lee", "Bo\x01 Li"))
