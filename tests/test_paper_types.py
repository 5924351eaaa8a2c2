"""A paper's `type` decides its Google Scholar tags and its BibTeX, RIS and CSL-JSON types;
volume, number, pages, arXiv id and PDF go along; meta tags get plain text."""
from __future__ import annotations

import json
import re
from html import unescape

import pytest

from conftest import build, write_content
from site_builder.build.citations import Citation, csl_item, page_range, to_bibtex, to_ris
from site_builder.model import Link, Paper

ORIGIN = "https://lab.example.org"


def paper(**fields) -> Paper:
    return Paper(**{"id": "p", "title": "Sparse Rewards", "authors": ("Ada Lovelace", "Alan Turing"),
                    "date": "2024-03-01", **fields})


# --- Exports ---------------------------------------------------------------------------------

@pytest.mark.parametrize("kind, bibtex, ris, csl", [
    ("article", "article", "JOUR", "article-journal"),
    ("conference", "inproceedings", "CPAPER", "paper-conference"),
    ("preprint", "misc", "UNPB", "article"),
    ("thesis", "phdthesis", "THES", "thesis"),
    ("book", "book", "BOOK", "book"),
    ("chapter", "incollection", "CHAP", "chapter"),
    ("report", "techreport", "RPRT", "report"),
    ("talk", "misc", "SLIDE", "speech"),
    ("other", "misc", "GEN", "article"),
])
def test_each_type_has_its_export_types(kind, bibtex, ris, csl):
    cite = Citation("lovelace2024sparse", paper(type=kind, venue="Some Venue"))
    assert to_bibtex(cite).startswith(f"@{bibtex}{{lovelace2024sparse,\n")
    assert to_ris(cite).startswith(f"TY  - {ris}\n")
    assert csl_item(cite)["type"] == csl


def test_an_unknown_type_keeps_the_old_rule():
    assert to_bibtex(Citation("k", paper(venue="J. Stuff"))).startswith("@article{k,")
    assert to_bibtex(Citation("k", paper())).startswith("@misc{k,")


def test_conference_paper_bibtex_has_booktitle_volume_pages_and_arxiv():
    cite = Citation("k", paper(type="conference", venue="NeurIPS 2024", volume="37", number="2", pages="112–119",
                               doi="10.1000/xyz", arxiv="2401.00001",
                               links=(Link("pdf", "files/sparse.pdf"),)),
                    "https://lab.example.org/en/papers/p/", "https://lab.example.org/files/sparse.pdf")
    assert to_bibtex(cite) == (
        "@inproceedings{k,\n"
        "  title = {Sparse Rewards},\n"
        "  author = {Ada Lovelace and Alan Turing},\n"
        "  booktitle = {{NeurIPS} 2024},\n"
        "  volume = {37},\n"
        "  number = {2},\n"
        "  pages = {112--119},\n"
        "  year = {2024},\n"
        "  month = mar,\n"
        "  date = {2024-03-01},\n"
        "  doi = {10.1000/xyz},\n"
        "  eprint = {2401.00001},\n"
        "  archiveprefix = {arXiv},\n"
        "  url = {https://lab.example.org/files/sparse.pdf}\n"
        "}\n")


def test_thesis_and_report_put_the_organisation_where_their_styles_look():
    thesis = to_bibtex(Citation("k", paper(type="thesis", organisation="Université Lille")))
    assert "  school = {Universit{\\'e} Lille},\n" in thesis and thesis.startswith("@phdthesis{k,")
    report = to_bibtex(Citation("k", paper(type="report", organisation="INRIA", number="RR-9001")))
    assert "  institution = {{INRIA}},\n" in report and "  number = {RR-9001},\n" in report
    assert "TY  - RPRT\n" in to_ris(Citation("k", paper(type="report", organisation="INRIA", number="RR-9001")))


def test_preprint_exports_carry_the_arxiv_id():
    cite = Citation("k", paper(type="preprint", arxiv="2401.00001"))
    bib = to_bibtex(cite)
    assert "  eprint = {2401.00001},\n  archiveprefix = {arXiv}" in bib
    item = csl_item(cite)
    assert item["number"] == "arXiv:2401.00001" and item["publisher"] == "arXiv"
    assert "UR  - https://arxiv.org/abs/2401.00001\n" in to_ris(cite)


def test_ris_and_csl_have_volume_issue_pages_and_pdf():
    cite = Citation("k", paper(type="article", venue="JMLR", volume="25", number="4", pages="1--30"),
                    "", "https://lab.example.org/files/a.pdf")
    ris = to_ris(cite)
    for line in ("JO  - JMLR", "VL  - 25", "IS  - 4", "SP  - 1", "EP  - 30", "L1  - https://lab.example.org/files/a.pdf"):
        assert line + "\n" in ris
    item = csl_item(cite)
    assert (item["container-title"], item["volume"], item["issue"], item["page"], item["URL"]) == \
        ("JMLR", "25", "4", "1-30", "https://lab.example.org/files/a.pdf")
    conference = to_ris(Citation("k", paper(type="conference", venue="ICML")))
    assert "T2  - ICML\n" in conference and "JO  -" not in conference


def test_exports_abstract_is_plain_text():
    cite = Citation("k", paper(abstract="A **bold** claim about $\\beta_i$, see [code](https://x.org)."))
    assert "AB  - A bold claim about βᵢ, see code.\n" in to_ris(cite)
    assert csl_item(cite)["abstract"] == "A bold claim about βᵢ, see code."


@pytest.mark.parametrize("pages, parts", [
    ("112–119", ("112", "119")), ("112--119", ("112", "119")), ("112 - 119", ("112", "119")),
    ("e1234", ("e1234", "")), ("", ("", "")), ("see the appendix", ("", "")),
])
def test_page_ranges(pages, parts):
    assert page_range(pages) == parts


# --- Scholar tags on paper pages -------------------------------------------------------------

def meta(html: str) -> list[tuple[str, str]]:
    return [(name, unescape(value)) for name, value in re.findall(r'<meta name="(citation_[a-z_]+)" content="([^"]*)">', html)]


@pytest.fixture(scope="module")
def typed_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("types")
    base = {"authors": ["Ada Lovelace"], "date": "2024-03-01"}
    content = write_content(root / "content", site={"url": ORIGIN, "base_url": "/lab/"}, papers={
        "conf": {**base, "title": "On $\\|w\\|_2^2$ Regularisation", "type": "conference", "venue": "ICML 2024",
                 "volume": "235", "pages": "112–119", "doi": "10.1000/conf", "arxiv": "2401.00001",
                 "abstract": "A **bold** claim with $\\frac{1}{n}$ and [a link](https://example.org).",
                 "links": {"pdf": "files/conf.pdf", "code": "https://github.com/lab/conf"}},
        "journal": {**base, "title": "A Journal Paper", "type": "article", "venue": "JMLR", "number": "4",
                    "links": {"pdf": "https://jmlr.org/papers/v25/a.pdf"}},
        "thesis": {**base, "title": "A Thesis", "type": "thesis", "organisation": "Université de Lille"},
        "report": {**base, "title": "A Report", "type": "report", "organisation": "INRIA", "number": "RR-1"},
    }, files={"files/conf.pdf": b"%PDF-1.4"})
    build(content, root / "out")
    return root / "out"


def page_of(site, pid: str) -> str:
    return (site / "en" / "papers" / pid / "index.html").read_text(encoding="utf-8")


def test_conference_paper_tags(typed_site):
    tags = meta(page_of(typed_site, "conf"))
    assert ("citation_title", "On ‖w‖₂² Regularisation") in tags
    assert ("citation_conference_title", "ICML 2024") in tags
    assert not any(name == "citation_journal_title" for name, _ in tags)
    for tag in [("citation_volume", "235"), ("citation_firstpage", "112"), ("citation_lastpage", "119"),
                ("citation_doi", "10.1000/conf"), ("citation_arxiv_id", "2401.00001"),
                ("citation_pdf_url", f"{ORIGIN}/lab/files/conf.pdf")]:
        assert tag in tags
    abstract = dict(tags)["citation_abstract"]
    assert abstract == "A bold claim with 1/n and a link."
    assert "**" not in abstract and "\\" not in abstract and "$" not in abstract


def test_journal_thesis_and_report_tags(typed_site):
    journal = meta(page_of(typed_site, "journal"))
    assert ("citation_journal_title", "JMLR") in journal and ("citation_issue", "4") in journal
    assert ("citation_pdf_url", "https://jmlr.org/papers/v25/a.pdf") in journal
    assert ("citation_dissertation_institution", "Université de Lille") in meta(page_of(typed_site, "thesis"))
    report = meta(page_of(typed_site, "report"))
    assert ("citation_technical_report_institution", "INRIA") in report
    assert ("citation_technical_report_number", "RR-1") in report
    assert not any(name == "citation_pdf_url" for name, _ in report)


def test_title_and_json_ld_are_plain_text_and_the_page_shows_mathml(typed_site):
    html = page_of(typed_site, "conf")
    assert "<title>On ‖w‖₂² Regularisation" in html
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["headline"] == "On ‖w‖₂² Regularisation"
    heading = re.search(r'<h1 id="paper-title">(.*?)</h1>', html, re.S).group(1)
    assert heading.startswith("On <math><mrow>") and "<msubsup>" in heading
    assert "<mfrac>" in html


def test_math_that_cannot_be_read_is_shown_as_tex_with_a_warning_at_its_line(tmp_path):
    import subprocess
    import sys

    from conftest import ROOT
    content = write_content(tmp_path / "content", papers={
        "p": {"title": "Bad $\\frac{1}{$ Title", "authors": [], "abstract": "Uses $\\weird{x}_1$ and $x^2$."},
        "q": {"title": "Another", "authors": [], "abstract": "Also $\\weird{y}$."}})
    result = build(content, tmp_path / "out")
    shown = str(content / "papers" / "p.yaml")
    messages = sorted(p.format() for p in result.warnings if "math" in p.message)
    assert messages == [
        f"{content / 'papers' / 'p.yaml'}:1: warning: math in the title that cannot be rendered, shown as TeX: "
        "'$\\frac{1}{$' (check the TeX between the dollars; write a literal dollar as \\$)",
        f"{shown}:3: warning: math in the abstract that cannot be rendered, shown as TeX: '$\\weird{{x}}_1$' "
        "(check the TeX between the dollars; write a literal dollar as \\$)",
        f"{content / 'papers' / 'q.yaml'}:3: warning: math in the abstract that cannot be rendered, shown as TeX: "
        "'$\\weird{y}$' (check the TeX between the dollars; write a literal dollar as \\$)",
    ]
    html = (tmp_path / "out" / "en" / "papers" / "p" / "index.html").read_text(encoding="utf-8")
    assert '<code class="tex">$\\weird{x}_1$</code>' in html and "<msup><mi>x</mi><mn>2</mn></msup>" in html
    # the command line counts them per kind
    cli = subprocess.run([sys.executable, "-m", "site_builder", "build", "--content", str(content),
                          "--out", str(tmp_path / "out2")], capture_output=True, text=True, cwd=ROOT)
    assert cli.returncode == 0
    assert cli.stderr.splitlines()[:2] == [
        messages[0],
        "2 warnings: math in the abstract that cannot be rendered, shown as TeX: … "
        f"({shown}:3 and 1 more; --verbose lists them)"]


def test_feed_and_search_results_show_plain_text(typed_site):
    feed = (typed_site / "en" / "feed.xml").read_text(encoding="utf-8")
    assert "<title>On ‖w‖₂² Regularisation</title>" in feed
    assert "<summary>A bold claim with 1/n and a link.</summary>" in feed
    documents = "".join(p.read_text(encoding="utf-8") for p in (typed_site / "en" / "search").glob("d-*.json"))
    assert '"On ‖w‖₂² Regularisation"' in documents and "\\\\|w" not in documents
