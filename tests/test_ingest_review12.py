"""Review of 71a96d7 (source lines: ``venue_strength`` and its grammar, "after a record's names a
source line allows no more names"; ``venue_fields``; " et " joining names, the "par " label and
affiliations with digits or after an initial), compared with its parent 8ced17c.

Every dump is small and in the form a real page prints it (DBLP, NeurIPS/JMLR, Vancouver/PubMed,
Science/PNAS, Springer LNCS, ACM, a French or German lab page, an obituary). Each test says whether
it passed at 8ced17c: "regression" = passed there (or was right there and is wrong now); "still
wrong" = failed there too; "keep" = passes now and must keep passing. The review11 cases are not
repeated.
"""
from __future__ import annotations

import pytest

from site_builder.ingest.venues import venue_fields
from test_ingest_review11 import JENSEN, parse, records, venues  # noqa: F401  (the same small-dump helpers)


TDM = ("Temporal Data Management", ("Christian S. Jensen",))
TDM2 = ("Temporal Data Management", ("Christian S. Jensen", "Richard T. Snodgrass"))
BREIMAN = "Random Forests\nLeo Breiman\n"
RF = ("Random Forests", ("Leo Breiman",))


# ---------------------------------------------------------------- the grammar after a source line (regressions)

@pytest.mark.parametrize("abstract", [
    "Abstract: This paper surveys temporal data management. It covers data models, query languages and "
    "implementation techniques. It points to open problems.",
    "This paper surveys temporal data management. It covers data models, query languages and implementation "
    "techniques, and it points to a number of open problems in the area.",
    "Résumé : Cet article présente un état de l'art sur la gestion des données temporelles et les langages "
    "de requêtes.",
])
def test_an_abstract_after_a_source_line_stays_the_papers_abstract(abstract):
    """The most common lab-page form: title, names, where it appeared, then its abstract ("Abstract:
    ...", "Résumé : ...", or the bare text). After a source line under the names the state is now
    START, where no abstract may come, so the abstract becomes a paper of its own and the NEXT
    paper's title "Random Forests" and its names become that paper's authors: one paper lost,
    one bogus paper. Regression: at 8ced17c the abstract was the paper's and "Random Forests"
    kept its author."""
    text = ("Temporal Data Management\nChristian S. Jensen, Richard T. Snodgrass\n"
            "IEEE Trans. Knowl. Data Eng. 11(1): 36-50 (1999)\n" + abstract + "\n" + BREIMAN
            + "Machine Learning 45(1): 5-32 (2001)\n")
    assert records(text) == [TDM2, RF]


@pytest.mark.parametrize("second", [
    "VLDB Journal 10(4): 270-294 (2001)",
    "Journal version: VLDB Journal 10(4): 270-294 (2001)",
    "Extended version in VLDB Journal 10(4): 270-294 (2001)",
])
def test_a_second_source_line_does_not_take_the_next_paper(second):
    """A lab page prints the conference and the journal version of one paper: "SIGMOD Conference
    1999: 49-60" then "VLDB Journal 10(4): 270-294 (2001)" (or "Journal version: ..."). After the
    first source line no second one is allowed, so the second becomes a title and swallows the
    next paper: "Random Forests" and "Leo Breiman" become its authors. Regression: at 8ced17c the
    second line was a stray entry without authors, but "Random Forests" kept its author."""
    text = JENSEN + "SIGMOD Conference 1999: 49-60\n" + second + "\n" + BREIMAN + "Machine Learning 45(1): 5-32 (2001)\n"
    got = records(text)
    assert RF in got
    assert all("Random Forests" not in authors for _, authors in got)


# ---------------------------------------------------------------- titles read as source lines (regressions)

def test_a_lab_report_without_names_is_not_the_venue_of_the_paper_above():
    """A lab page lists its own "Annual Report 2004-05" (an academic year, no author line) under
    year headings. "2004-05" is now a page range, so the report is read as the source line of the
    paper above: that paper gets venue "Annual Report 2004-05" with pages "2004–05", and the
    report disappears. Regression: a separate entry at 8ced17c."""
    text = "2005\n" + JENSEN + "Annual Report 2004-05\n2004\n" + BREIMAN
    assert [title for title, _ in records(text)] == ["Temporal Data Management", "Annual Report 2004-05",
                                                      "Random Forests"]
    assert venues(text)[0] == ""


@pytest.mark.parametrize("title, author", [
    ("Kristen Nygaard (27 August 1926 - 10 August 2002)", "Stein Krogdahl"),   # obituary with day-month dates
    ("Carl Friedrich Gauss (1777-1855)", ""),                                   # biography, no author line
])
def test_an_obituary_or_biography_title_with_life_dates_is_not_a_source_line(title, author):
    """An obituary "Kristen Nygaard (27 August 1926 - 10 August 2002)": "1926 - 10" is read as
    pages (the day masks take "Month 1-2 digits" only), so the title becomes the venue of the paper
    above and its author "Stein Krogdahl" is left as a paper with no authors. "Carl Friedrich
    Gauss (1777-1855)": 1777 is below 1800, so the span of life is a page range, not a year span.
    Regression: both were their own entry at 8ced17c."""
    got = records(JENSEN + title + "\n" + (author + "\n" if author else ""))
    assert got == [TDM, (title, (author,) if author else ())]


# ---------------------------------------------------------------- " et " and affiliations eating titles (regressions)

@pytest.mark.parametrize("title", [
    "Génie Logiciel et Méthodes Formelles",          # French course / book title in title case
    "Humanités Numériques et Patrimoine Culturel",
    "Pierre Bourdieu et la Sociologie",
])
def test_a_french_title_with_et_is_not_two_names(title):
    """French titles in title case, "Génie Logiciel et Méthodes Formelles", "Humanités Numériques
    et Patrimoine Culturel", "Pierre Bourdieu et la Sociologie": " et " now splits them into two
    two-word "names" ("Génie Logiciel", "Méthodes Formelles"; even "la Sociologie"), so the title
    joins the authors of the paper above together with its own author. Regression: a title at
    8ced17c (English "and" titles are protected by the title-word lists, French words are not)."""
    assert records(JENSEN + title + "\nMarie Dupont\n" + BREIMAN) == [TDM, (title, ("Marie Dupont",)), RF]


@pytest.mark.parametrize("title, author", [
    ("Konrad Zuse (geb. 1910)", "Horst Zuse"),        # German: born 1910
    ("Gérard Huet (né en 1947)", "Gilles Dowek"),     # French: born in 1947
])
def test_a_birth_year_in_parentheses_is_not_an_affiliation(title, author):
    """A biographical title "Konrad Zuse (geb. 1910)" / "Gérard Huet (né en 1947)": the
    affiliation rule now takes parentheses with digits, so "(geb. 1910)" is dropped as an
    affiliation, the title is a name, and title and author join the paper above. Regression:
    a title at 8ced17c (digits kept it from being an affiliation)."""
    assert records(JENSEN + title + "\n" + author + "\n") == [TDM, (title, (author,))]


# ---------------------------------------------------------------- venue_fields (regressions)

@pytest.mark.parametrize("line, fields", [
    ("NIPS 2015: 2017-2025", {"venue": "NIPS", "pages": "2017–2025"}),               # DBLP, Spatial Transformer Nets
    ("Advances in Neural Information Processing Systems 28, pages 2017–2025, 2015",
     {"venue": "Advances in Neural Information Processing Systems 28", "pages": "2017–2025"}),
    ("J. Mach. Learn. Res. 15(1): 1929-1958 (2014)",                                   # DBLP, Dropout
     {"venue": "J. Mach. Learn. Res.", "pages": "1929–1958"}),
    ("Journal of Machine Learning Research 15(1):1929–1958, 2014",
     {"venue": "Journal of Machine Learning Research", "pages": "1929–1958"}),
])
def test_pages_that_look_like_years_are_still_pages(line, fields):
    """Real pages between 1800 and 2099: the Dropout paper, "J. Mach. Learn. Res. 15(1):
    1929-1958 (2014)", and Spatial Transformer Networks, "NIPS 2015: 2017-2025". The year-span
    guard of the new PAGE_RANGE refuses them: no pages, and ":1929–1958" / "pages 2017–2025" stay
    in the venue text. Regression: pages read at 8ced17c (the guard should only apply where no
    "pages"/":" says these are pages, as in "Edgar F. Codd: 1923-2003")."""
    got = venue_fields(line)
    assert {k: got.get(k) for k in fields} == fields


def test_a_vancouver_line_keeps_no_year_in_the_venue():
    """Vancouver/PubMed style "JAMA. 2005;293(1):43-52": venue "JAMA. 2005" (the year is only
    taken out in parentheses, after a comma or at the end). Regression: venue "JAMA." at 8ced17c."""
    got = venue_fields("JAMA. 2005;293(1):43-52")
    assert "2005" not in got["venue"]
    assert (got["date"], got["volume"], got["number"], got["pages"]) == ("2005", "293", "1", "43–52")


def test_a_bare_pages_line_has_no_venue():
    """A source line "pp. 1–10" (no year, no venue: a lab page prints the venue elsewhere) gives
    venue "pp.": the pages are taken, their label is left as the venue. Still wrong (venue
    "pp. 1–10" and no pages at 8ced17c); the venue "pp." is new."""
    assert venue_fields("pp. 1–10") == {"pages": "1–10"}


@pytest.mark.parametrize("line", ["Carl Friedrich Gauss (1777-1855)", "Annual Report 2004-05",
                                  "Kristen Nygaard (27 August 1926 - 10 August 2002)"])
def test_life_dates_and_academic_years_are_no_pages(line):
    """"(1777-1855)" gives pages "1777–1855" and venue "Carl Friedrich Gauss ()"; "2004-05" gives
    pages "2004–05"; "1926 - 10" gives pages "1926–10". Regression: no pages at 8ced17c (only
    "pp."/"pages"/":" ranges were read)."""
    assert "pages" not in venue_fields(line)


def test_a_scholar_line_with_the_year_before_the_pages():
    """"Bioinformatics 21(9), 2005, 1859-1868" (year before pages): venue "Bioinformatics -1868",
    date "1868", no pages. Still wrong (date 1868 and no pages at 8ced17c too); the "-1868" left in
    the venue is new."""
    assert venue_fields("Bioinformatics 21(9), 2005, 1859-1868") == {
        "venue": "Bioinformatics", "volume": "21", "number": "9", "pages": "1859–1868", "date": "2005"}


# ---------------------------------------------------------------- venue_fields (still wrong)

def test_the_year_of_a_dblp_line_is_the_one_before_the_colon():
    """DBLP "NIPS 2015: 2017-2025": date "2025" (the last year-like number, here a page). Still
    wrong (the same at 8ced17c)."""
    assert venue_fields("NIPS 2015: 2017-2025").get("date") == "2015"


def test_a_jmlr_volume_before_a_colon_is_the_volume():
    """JMLR's own citation "Journal of Machine Learning Research 3:993–1022, 2003" (LDA): the
    volume stays in the venue ("Journal of Machine Learning Research 3"). Still wrong."""
    assert venue_fields("Journal of Machine Learning Research 3:993–1022, 2003") == {
        "venue": "Journal of Machine Learning Research", "volume": "3", "pages": "993–1022", "date": "2003"}


@pytest.mark.parametrize("line, fields", [
    ("Science 313, 504 (2006).", {"venue": "Science", "volume": "313", "pages": "504", "date": "2006"}),
    ("Phys. Rev. Lett. 77, 3865 (1996)", {"venue": "Phys. Rev. Lett.", "volume": "77", "pages": "3865",
                                          "date": "1996"}),
])
def test_a_science_style_first_page_is_not_an_issue_number(line, fields):
    """Science/APS style "Science 313, 504 (2006)." (volume, first page, year): the ACM pattern
    "52, 6 (June 2009)" reads the page as number "504". Still wrong (at 8ced17c: volume "504",
    number "2006")."""
    assert venue_fields(line) == fields


@pytest.mark.parametrize("line, pages", [
    ("ACM Trans. Database Syst. 42(1): 1:1-1:25 (2017)", "1:1–1:25"),     # DBLP, ACM article pages
    ("J. ACM 64, 3, Article 17 (June 2017), 1:1-1:25", "1:1–1:25"),
])
def test_acm_article_pages_are_not_one_to_one(line, pages):
    """ACM article page numbers "1:1-1:25": pages "1–1" and ": 1:25" left in the venue. Still
    wrong (the same at 8ced17c)."""
    got = venue_fields(line)
    assert got.get("pages") == pages
    assert "1:25" not in got["venue"]


def test_a_plos_article_number_is_not_venue_text():
    """PLoS "PLoS ONE 8(4): e61217, 2013": venue "PLoS ONE : e61217". Still wrong ("PLoS ONE:
    e61217" at 8ced17c; the space before the colon is new)."""
    assert venue_fields("PLoS ONE 8(4): e61217, 2013")["venue"] == "PLoS ONE"


def test_springer_lncs_editors_are_not_the_venue():
    """Springer LNCS reference style "In: Van den Bussche, J., Vianu, V. (eds.) ICDT 2001. LNCS,
    vol. 1973, pp. 316–330. Springer, Heidelberg (2001)": the venue keeps the editors ("Van den
    Bussche, J., Vianu, V. (eds.) ICDT 2001. LNCS. Springer, Heidelberg"). Still wrong."""
    got = venue_fields("In: Van den Bussche, J., Vianu, V. (eds.) ICDT 2001. LNCS, vol. 1973, pp. 316–330. "
                       "Springer, Heidelberg (2001)")
    assert "(eds.)" not in got["venue"] and "Vianu" not in got["venue"]
    assert (got["pages"], got["date"]) == ("316–330", "2001")


# ---------------------------------------------------------------- must keep working

@pytest.mark.parametrize("title", [
    "Windows 2000 Datacenter 1-4", "TPC-C 3.5 Results on Windows NT 4.0, 1998", "The VLDB 2001 Endowment Award",
    "SIGMOD Record 30(1) Special Issue", "Database Research: Achievements and Opportunities, 2005",
    "ISO/IEC 9075-2:2003", "Carl Friedrich Gauss (1777-1855)", "Big Data 2013",
])
def test_keep_titles_with_numbers_and_a_year_followed_by_names(title):
    """Titles with a number and a year (some now look like source lines) keep their names when
    names follow: after a record's names a source line allows no more names."""
    assert records(JENSEN + title + "\nJim Gray\n" + BREIMAN) == [TDM, (title, ("Jim Gray",)), RF]


@pytest.mark.parametrize("title", ["Bouvard et Pécuchet", "Recherche et Innovation", "Tristan et Iseut",
                                   "Données ouvertes et web sémantique"])
def test_keep_french_titles_with_single_words_or_sentence_case_around_et(title):
    assert records(JENSEN + title + "\nMarie Dupont\n") == [TDM, (title, ("Marie Dupont",))]


@pytest.mark.parametrize("line, authors", [
    ("Dupont J., Martin P. et Durand R.", ("J. Dupont", "P. Martin", "R. Durand")),
    ("Jean Dupont, Pierre Martin et al.", ("Jean Dupont", "Pierre Martin")),
    ("Maria da Silva e Sousa, João Santos", ("Maria da Silva e Sousa", "João Santos")),
    ("Santiago Ramón y Cajal, Pedro Alvarez", ("Santiago Ramón y Cajal", "Pedro Alvarez")),
    ("John Smith (Univ. Paris 6), Jane Doe (CNRS UMR 7606)", ("John Smith", "Jane Doe")),
    ("John Smith (Jr.), Jane Doe", ("John Smith", "Jane Doe")),
])
def test_keep_author_lines_with_et_particles_and_affiliations(line, authors):
    """French "et" between names and "et al.", Portuguese "e" and Spanish "y" inside a surname,
    affiliations with digits (Paris 6, UMR 7606)."""
    assert records("Temporal Data Management\n" + line + "\n" + BREIMAN) == [
        ("Temporal Data Management", authors), RF]


def test_keep_a_labelled_abstract_directly_under_the_names():
    text = ("Temporal Data Management\nChristian S. Jensen, Richard T. Snodgrass\nAbstract: This paper surveys "
            "temporal data management. It covers data models, query languages and implementation techniques. "
            "It points to open problems.\n" + BREIMAN)
    assert records(text) == [TDM2, RF]


@pytest.mark.parametrize("line, fields", [
    ("Nature 521, 436–444 (2015)", {"venue": "Nature", "volume": "521", "pages": "436–444", "date": "2015"}),
    ("SIAM Review 45(2), 167–256 (2003)",
     {"venue": "SIAM Review", "volume": "45", "number": "2", "pages": "167–256", "date": "2003"}),
    ("SIAM J. Comput. 26(5):1484–1509, 1997",
     {"venue": "SIAM J. Comput.", "volume": "26", "number": "5", "pages": "1484–1509", "date": "1997"}),
    ("Science 313(5786):504–507", {"venue": "Science", "volume": "313", "number": "5786", "pages": "504–507"}),
    ("Proc. Natl. Acad. Sci. USA 103(30):11176–11181, 2006",
     {"venue": "Proc. Natl. Acad. Sci. USA", "volume": "103", "number": "30", "pages": "11176–11181",
      "date": "2006"}),
    ("IEEE TPAMI, vol. 22, no. 8, pp. 888–905, Aug. 2000.",
     {"venue": "IEEE TPAMI", "volume": "22", "number": "8", "pages": "888–905", "date": "2000"}),
])
def test_keep_venue_fields_of_nature_siam_science_pnas_ieee_lines(line, fields):
    assert venue_fields(line) == fields
