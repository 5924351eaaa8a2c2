"""Citation export as a reference manager sees it: parsed back with bibtexparser 2.x."""
from __future__ import annotations

import json
import re

import bibtexparser
import pytest
from bibtexparser import middlewares

from conftest import build, write_content
from site_builder.citations import Citation, assign_keys, to_bibtex
from site_builder.model import Paper

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
}
AUTHORS = {"remi-munos": {"name": "Rémi Munos", "aliases": ["Remi Munos"]}, "michal-valko": {"name": "Michal Valko"}}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("cite")
    content = write_content(root / "content", papers=TRICKY, authors=AUTHORS)
    build(content, root / "out")
    return root / "out"


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
    assert len(keys) == 4 == len(set(keys))
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
    raw = (site / "cite/tricky.bib").read_text(encoding="utf-8")
    assert r"100\% of \{braces\}" in raw and r"{RLHF} \&" in raw and r"x\_y \#1" in raw
    assert r"R{\'e}mi" in raw and r"{\c C}a{\u g}" in raw and r"{\L}{\'o}d{\'z}" in raw
    assert r"at $\beta_{i,j}$}" in raw                    # math is kept as TeX
    entry = parse(raw, decode=True).entries[0]
    f = fields(entry)
    assert f["title"].startswith("RLHF & Nash: 100% of {braces} for Rémi's Çağ Łódź — x_y #1 at ")
    assert f["author"] == "Rémi Munos and Jürgen Schmidhuber and Anderson and Co, Inc"
    assert f["year"] == "2023" and f["month"] == "dec"


def test_a_corporate_name_with_and_stays_one_author(site):
    raw = (site / "cite/tricky.bib").read_text(encoding="utf-8")
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


def test_paper_page_shows_the_bibtex_and_links_the_files(site):
    html = (site / "en/papers/plain/index.html").read_text(encoding="utf-8")
    block = re.search(r'<pre class="bibtex"[^>]*><code>(.*?)</code></pre>', html, re.S).group(1)
    import html as html_lib
    assert html_lib.unescape(block) == (site / "cite/plain.bib").read_text(encoding="utf-8")
    assert 'href="../../../cite/plain.bib" download="munos2023nashb.bib"' in html
    assert 'href="../../../cite/plain.ris"' in html and 'href="../../../cite/plain.json"' in html
    assert "Copy BibTeX" in html and "Copier le BibTeX" in (site / "fr/papers/plain/index.html").read_text()


def test_ris_and_csl_json(site):
    ris = (site / "cite/tricky.ris").read_text(encoding="utf-8").splitlines()
    assert ris[0] == "TY  - GEN" and ris[-1].startswith("ER  -")
    assert "AU  - Rémi Munos" in ris and "DA  - 2023/12/01/" in ris
    assert "TI  - RLHF & Nash: 100% of {braces} for Rémi’s Çağ Łódź — x_y #1 at β_(i,j)" in ris
    csl = json.loads((site / "cite/tricky.json").read_text(encoding="utf-8"))
    assert csl[0]["issued"] == {"date-parts": [[2023, 12, 1]]}
    assert csl[0]["author"][0] == {"literal": "Rémi Munos"}
    assert "β" in csl[0]["abstract"]


def test_author_page_offers_their_bib(site):
    html = (site / "fr/authors/remi-munos/index.html").read_text(encoding="utf-8")
    assert 'href="../../../cite/authors/remi-munos.bib"' in html
    assert "Télécharger toutes les publications de Rémi Munos (.bib)" in html
