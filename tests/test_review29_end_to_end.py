"""Review29: end to end, what a visitor gets from this round's `ingest` and `import` forms: a team
page (roles beside the name, "Position:" labels, contact lines), HTML entities in titles ("Data
integration &amp; exchange"), ACM's article pages from BibTeX's `articleno`/`numpages` ("8:1-8:45"),
one-page issues ("7(4):513"), Crossref's subtitle, names with "Jr." ("Roberto J. Bayardo, Jr.",
"Steele, Jr., Guy L.", "HL Gates Jr"), and a "December 2023" line. Small seeds dumps and
export files are written here, run through `python -m site_builder ingest` and `import` into a
fresh content/ (the project's site.yaml less its roles), then `check` and `build`; the tests read
the built pages and downloads.

Checked and held (not kept as tests):
- ingest of a team page: "Jean Dupont, Associate Professor", "Marie Curie" / "Position: PhD
  student", "Thomas Mesnard" / "Alumni", with e-mail, "Office:" and "Phone:" lines: three members
  with those roles, no contact text in any author file; the team page lists each member once
  under their role (also when a member's own profile page and the team page both give them, and
  "M. Curie (PhD student)" joins "Marie Curie");
- ingest: "Data integration &amp; exchange" written "Data integration & exchange"; on every page
  (h1, <title>, og:title, citation_title, the publication list, the author's page, the home page)
  it is "&amp;" once, in JSON-LD "\\u0026", in the feed "&amp;", in the search chunk "&";
  "&quot;large&quot; graphs &lt;fast&gt;" escaped once too; BibTeX "\\&";
- ingest: "ACM Trans. Database Syst. 48(3):8:1-8:45 (2023)" -> volume 48, number 3, pages
  "8:1–8:45"; "Comput. Surv. 7(4):513 (1975)" -> 7, 4, "513"; "December 2023" -> date "2023-12",
  shown "December 2023", BibTeX month = dec; "HL Gates Jr" an author (in a listing of three papers);
- import: BibTeX articleno 8 / numpages 45 -> pages "8:1–8:45"; pages {513} with volume 7 and
  number 4; Crossref's subtitle -> "Optuna: A Next-generation Hyperparameter Optimization
  Framework"; "Steele, Jr., Guy L." -> "Guy L. Steele Jr."; CSL's suffix "Jr." kept; import's
  "Martin L. King Jr" joins CSL's "Martin Luther King Jr.";
- `check` passes all of it (pages "8:1–8:45", "513", dates "2023-12", free-text roles when
  site.yaml lists none);
- BibTeX pages {8:1--8:45} and {513}; RIS SP 8:1 / EP 8:45 and SP 513 alone; CSL "page"
  "8:1-8:45" and "513"; Scholar's citation_firstpage 8:1 / citation_lastpage 8:45, and 513 alone
  (Scholar's own guidelines say nothing of article numbers: not counted as wrong).

Fails (one test per cause):
- import (exports/ris.py, exports/csl.py) leaves HTML entities in titles: "&amp;" shown as
  "&amp;" on the page ("&amp;amp;" in the HTML), the id "...-amp-...";
- build/citations.py writes a name with "Jr." so that BibTeX reads "Jr." (or the whole name) as
  the surname: {Roberto J. Bayardo, Jr.}, "Guy L. Steele Jr.", "Martin Luther King Jr.";
- build/citations.py's citation key takes "Jr." as the surname: "jr2023data";
- the RIS download's AU "Roberto J. Bayardo, Jr." reads (RIS's "Last, First, Suffix") as the
  surname "Roberto J. Bayardo", and "Guy L. Steele Jr." as the surname "Jr.";
- Google Scholar's citation_author "Roberto J. Bayardo, Jr." reads ("Last, First") as the surname
  "Roberto J. Bayardo";
- build/views.py's initials placeholder of "HL Gates Jr" is "HJ", of "Roberto J. Bayardo, Jr." "RJ";
- ingest writes a team page's roles ("Associate Professor") into a content/ whose site.yaml lists
  roles, and says nothing: `check` then refuses the content (exit 1) that ingest reported as done.

Seen, not tested (time box): on a member's profile page listing two papers, "ML King Jr" under a
title was read as the next paper's title (the report lists it as read either way), and a source
line without a year ("ACM Computing Surveys 7(4):513") after the names became a paper of its own;
volume, number and pages are in the citations and Scholar's tags but not on the paper page (as
docs/editing.md says).
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, run_command

TEAM = """\
Portrait of Jean Dupont is not available

Jean Dupont, Associate Professor

jean.dupont@example.org
Office: B-214
Phone: +33 1 23 45 67 89

Portrait of Marie Curie is not available

Marie Curie

Position: PhD student

marie.curie@example.org

Portrait of Thomas Mesnard is not available

Thomas Mesnard

Alumni
"""

LISTING = """\
Data integration &amp; exchange
Ada Lovelace
Roberto J. Bayardo, Jr.
ACM Trans. Database Syst. 48(3):8:1-8:45 (2023)
Sampling large graphs quickly
Ada Lovelace
HL Gates Jr
Comput. Surv. 7(4):513 (1975)
Mining &amp; learning from streams
Ada Lovelace
Grace Hopper
December 2023
"""

BIBTEX = """\
@article{acm8,
  author = {Steele, Jr., Guy L. and King Jr, Martin L.},
  title = {Query Answering \\& Exchange in {ACM} Systems},
  journal = {ACM Trans. Database Syst.},
  volume = {48},
  number = {3},
  articleno = {8},
  numpages = {45},
  year = {2023},
  month = dec,
  doi = {10.1145/3600001}
}

@article{onepage,
  author = {Smith, Alan and Doe, Jane},
  title = {A Short Note on Sampling Graphs},
  journal = {Journal of Short Notes},
  volume = {7},
  number = {4},
  pages = {513},
  year = {1999}
}
"""

CSL = [
    {"id": "optuna", "type": "paper-conference", "title": "Optuna",
     "subtitle": ["A Next-generation Hyperparameter Optimization Framework"],
     "author": [{"family": "Akiba", "given": "Takuya"}, {"family": "Sano", "given": "Shotaro"},
                {"family": "King", "given": "Martin Luther", "suffix": "Jr."}],
     "container-title": "Proceedings of the 25th ACM SIGKDD", "page": "2623-2631",
     "issued": {"date-parts": [[2019, 7, 25]]}, "DOI": "10.1145/3292500.3330701"},
    # Crossref's titles hold "&amp;" as its API gives them, and JATS/HTML markup
    {"id": "trust", "type": "article-journal", "title": "Trust &amp; safety in <i>online</i> markets",
     "author": [{"family": "Roe", "given": "Rita"}], "container-title": "J. Markets", "volume": "3",
     "issue": "2", "page": "513", "issued": {"date-parts": [[2021]]}},
]

RIS = """\
TY  - JOUR
TI  - Query processing &amp; optimisation
AU  - Lee, Ann
AU  - Steele, Guy L., Jr.
JO  - Computing Surveys
VL  - 12
IS  - 1
SP  - 8:1
EP  - 8:45
PY  - 2020
ER  - 
"""


def _site_yaml(roles: bool) -> str:
    text = (ROOT / "content" / "site.yaml").read_text(encoding="utf-8")
    return text if roles else re.sub(r"(?m)^roles:\n(?:  .*\n)+", "", text)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """ingest + import into a fresh content/, check, build: the output folder."""
    root = tmp_path_factory.mktemp("review29")
    seeds, content, out = root / "seeds", root / "content", root / "out"
    seeds.mkdir()
    content.mkdir()
    (content / "site.yaml").write_text(_site_yaml(roles=False), encoding="utf-8")
    (seeds / "team.txt").write_text(TEAM, encoding="utf-8")
    (seeds / "list.txt").write_text(LISTING, encoding="utf-8")
    run = run_command("ingest", "--seeds", seeds, "--content", content, "-q", cwd=ROOT)
    assert run.returncode == 0, run.stderr
    (root / "refs.bib").write_text(BIBTEX, encoding="utf-8")
    (root / "crossref.json").write_text(json.dumps(CSL), encoding="utf-8")
    (root / "refs.ris").write_text(RIS, encoding="utf-8")
    run = run_command("import", root / "refs.bib", root / "crossref.json", root / "refs.ris",
                      "--content", content, "-q", cwd=ROOT)
    assert run.returncode == 0, run.stderr
    run = run_command("check", "--content", content, cwd=ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    run = run_command("build", "--content", content, "--out", out, "--jobs", "1", "-q", cwd=ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    return out


def _papers(out: Path) -> dict[str, str]:
    """The English paper pages by their h1's text (as a visitor reads it)."""
    pages = {}
    for page in sorted((out / "en" / "papers").glob("*/index.html")):
        text = page.read_text(encoding="utf-8")
        h1 = re.search(r'<h1 id="paper-title">(.*?)</h1>', text, re.S).group(1)
        pages[html.unescape(re.sub(r"<[^>]+>", "", h1))] = text
    return pages


def _page(out: Path, title: str) -> str:
    pages = _papers(out)
    assert title in pages, sorted(pages)
    return pages[title]


def _meta(page: str, name: str) -> list[str]:
    return [html.unescape(v) for v in re.findall(rf'<meta name="{name}" content="([^"]*)">', page)]


def _bib_entries(out: Path) -> dict[str, str]:
    """cite/all.bib's entries by their title field's text."""
    text = (out / "cite" / "all.bib").read_text(encoding="utf-8")
    entries = {}
    for entry in re.split(r"\n(?=@)", text):
        title = re.search(r"^\s*title = \{(.*)\},$", entry, re.M).group(1)
        entries[title.replace("{", "").replace("}", "").replace("\\&", "&")] = entry
    return entries


def _bib_tokens(text: str) -> list[str]:
    """BibTeX's words of one name: a group in braces is one word, a comma a word of its own."""
    tokens, depth, word = [], 0, ""
    for ch in text:
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        if depth == 0 and ch in " ,":
            if word:
                tokens.append(word)
            word = ""
            if ch == ",":
                tokens.append(",")
            continue
        word += ch
    return tokens + ([word] if word else [])


def bibtex_last_and_jr(name: str) -> tuple[str, str]:
    """What BibTeX (and biber, Zotero, JabRef) read as the surname and the "Jr" part of one name of
    an `author` field: "First von Last", "von Last, First" or "von Last, Jr, First"."""
    tokens = _bib_tokens(name)
    parts, part = [], []
    for t in tokens:
        if t == ",":
            parts.append(part)
            part = []
        else:
            part.append(t)
    parts.append(part)
    if len(parts) == 1:
        return parts[0][-1], ""
    if len(parts) == 2:
        return " ".join(parts[0]), ""
    return " ".join(parts[0]), " ".join(parts[1])


def bibtex_names(entry: str) -> list[str]:
    field = re.search(r"^\s*author = \{(.*)\},$", entry, re.M).group(1)
    names, depth, current = [], 0, ""
    for piece in re.split(r"(\s+and\s+)", field):
        if depth == 0 and re.fullmatch(r"\s+and\s+", piece):
            names.append(current)
            current = ""
            continue
        current += piece
        depth += piece.count("{") - piece.count("}")
    return names + [current]


def ris_download(page: str) -> str:
    """The RIS file the page's download gives, put together from its parts as site.js's risParts
    does (citations.page_data: 1 the title, 2 + i author i, from the page's citation tags)."""
    data = json.loads(html.unescape(re.search(r'<script type="application/json" id="citation-data"[^>]*>(.*?)</script>',
                                              page, re.S).group(1)))
    if isinstance(data["ris"], str):
        return data["ris"]
    values = {1: _meta(page, "citation_title")[0]}
    values |= {2 + i: name for i, name in enumerate(_meta(page, "citation_author"))}
    return "".join(p if isinstance(p, str) else values[p] for p in data["ris"])


def ris_surname_and_suffix(au: str) -> tuple[str, str]:
    """RIS's AU: "Lastname, Firstname, Suffix"; a name without a comma is read, as reference
    managers read it, with its last word as the surname."""
    if "," in au:
        parts = [p.strip() for p in au.split(",")]
        return parts[0], parts[2] if len(parts) > 2 else ""
    return au.split()[-1], ""


# ---------------------------------------------------------------- titles with HTML entities


@pytest.mark.parametrize("title", ["Query processing & optimisation",    # RIS's TI
                                   "Trust & safety in online markets"])  # Crossref's CSL title
def test_an_imported_titles_html_entity_is_shown_as_its_character(site, title):
    pages = _papers(site)
    assert title in pages, f"{title!r} is not a paper's title; the titles are {sorted(pages)}"
    page = pages[title]
    assert "&amp;amp;" not in page
    assert _meta(page, "citation_title") == [title]


# ---------------------------------------------------------------- names with "Jr."


@pytest.mark.parametrize("title, author", [
    ("Data integration & exchange", "Roberto J. Bayardo, Jr."),               # ingest's spelling
    ("Query Answering & Exchange in ACM Systems", "Guy L. Steele Jr."),       # import's spelling
    ("Query Answering & Exchange in ACM Systems", "Martin Luther King Jr."),
])
def test_bibtex_reads_a_jr_authors_surname_and_suffix(site, title, author):
    entries = _bib_entries(site)
    assert title in entries, sorted(entries)
    names = bibtex_names(entries[title])
    surname = author.replace(",", "").split()[-2]
    readings = [bibtex_last_and_jr(n) for n in names]
    assert (surname, "Jr.") in readings, (
        f"BibTeX reads {author!r} as (surname, jr) {readings}: author field {names}")


def test_the_citation_key_of_a_jr_first_author_is_their_surname(site):
    entry = _bib_entries(site)["Query Answering & Exchange in ACM Systems"]
    key = entry.split("{", 1)[1].split(",", 1)[0]
    assert key.startswith("steele2023"), key


@pytest.mark.parametrize("title, author", [
    ("Data integration & exchange", "Roberto J. Bayardo, Jr."),
    ("Query processing & optimisation", "Guy L. Steele Jr."),
])
def test_the_ris_download_gives_a_jr_authors_surname(site, title, author):
    pages = _papers(site)
    page = pages.get(title) or pages[title.replace("&", "&amp;")]     # (the entity bug above aside)
    au = [line[6:] for line in ris_download(page).splitlines() if line.startswith("AU  - ")]
    surname = author.replace(",", "").split()[-2]
    assert any(ris_surname_and_suffix(a) == (surname, "Jr.") for a in au), (
        f"AU lines {au}: read as {[ris_surname_and_suffix(a) for a in au]}")


def test_google_scholars_citation_author_of_a_jr_name_gives_the_surname(site):
    """Scholar reads citation_author as "Last, First" when it holds a comma."""
    page = _page(site, "Data integration & exchange")
    authors = _meta(page, "citation_author")
    bayardo = [a for a in authors if "Bayardo" in a]
    assert bayardo and all(a.split(",")[0].strip() == "Bayardo" for a in bayardo if "," in a), authors


@pytest.mark.parametrize("author_id, letters", [("hl-gates-jr", "HG"), ("roberto-j-bayardo-jr", "RB")])
def test_the_initials_placeholder_of_a_jr_name_uses_the_surname(site, author_id, letters):
    page = (site / "en" / "authors" / author_id / "index.html").read_text(encoding="utf-8")
    shown = re.search(r"%3E([A-Z?]{1,3})%3C/text%3E", page).group(1)
    assert shown == letters


# ---------------------------------------------------------------- team page roles and site.yaml


def test_ingesting_a_team_page_leaves_content_that_check_accepts_or_says_what_to_add(tmp_path):
    """The project's site.yaml lists roles (alumni); a team page prints others. ingest exits 0 and
    its report is silent, then check refuses the content: one of them has to give way (or tell the
    editor to add the role to site.yaml)."""
    seeds, content = tmp_path / "seeds", tmp_path / "content"
    seeds.mkdir()
    content.mkdir()
    (content / "site.yaml").write_text(_site_yaml(roles=True), encoding="utf-8")
    (seeds / "team.txt").write_text(TEAM, encoding="utf-8")
    run = run_command("ingest", "--seeds", seeds, "--content", content, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    roles = {yaml.safe_load(p.read_text(encoding="utf-8")).get("role")
             for p in (content / "authors").glob("*.yaml")}
    assert roles == {"Associate Professor", "PhD student", "Alumni"}, roles
    told = run.stdout + run.stderr + (content / "ingest" / "report.md").read_text(encoding="utf-8")
    check = run_command("check", "--content", content, cwd=ROOT)
    assert check.returncode == 0 or ("Associate Professor" in told and "site.yaml" in told), (
        "ingest said nothing of the roles; check says:\n" + check.stdout + check.stderr)
