"""Review of af84ff5 / 65757c4 / 656cb39 (venue lines, affiliations after names, a label before
names, a numbered listing's numbers): hard negatives from real bibliographic forms and lab pages.

Every dump is written here, small, in the form a real source prints it (DBLP, ACM Reference
Format, APA, Elsevier, IEEE, Springer LNCS, Google Scholar profiles, a French lab page). Each
test says which real form it is and whether it passed at 14996cc (the code before these commits):
"regression" = passed at 14996cc; "still wrong" = failed there too (the new rules do not cover it);
"keep" = passes now and must keep passing.
"""
from __future__ import annotations

import pytest

from site_builder.ingest.normalise import clean_paper
from site_builder.ingest.parse import parse_dump
from site_builder.ingest.venues import venue_fields, venue_strength
from test_ingest_real_forms import ingest, papers_by_title


def parse(text: str):
    return parse_dump("t.txt", text.strip("\n").split("\n"))


def records(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """(title, authors in natural order) of each record, as ingest will write them."""
    return [(item.title, item.authors) for item in (clean_paper(r) for r in parse(text).papers)]


def venues(text: str) -> list[str]:
    return [r.venue for r in parse(text).papers]


JENSEN = "Temporal Data Management\nChristian S. Jensen\n"


# ---------------------------------------------------------------- titles read as venue lines (regressions)

def test_a_proceedings_title_after_a_paper_without_venue_line_is_its_own_entry():
    """DBLP / a lab member's page lists the proceedings they edited: "Proceedings of the Eighth
    Text REtrieval Conference (TREC-8), Gaithersburg, Maryland, USA, November 17-19, 1999" with
    its editors (Voorhees, Harman). After a paper with no venue line of its own it is taken as that
    paper's venue, the proceedings disappear, and the editors become authors of the paper above.
    Regression: two entries at 14996cc."""
    got = records(JENSEN + "Proceedings of the Eighth Text REtrieval Conference (TREC-8), Gaithersburg, "
                  "Maryland, USA, November 17-19, 1999\nEllen M. Voorhees, Donna K. Harman\n")
    assert got == [("Temporal Data Management", ("Christian S. Jensen",)),
                   ("Proceedings of the Eighth Text REtrieval Conference (TREC-8), Gaithersburg, Maryland, "
                    "USA, November 17-19, 1999", ("Ellen M. Voorhees", "Donna K. Harman"))]


def test_a_proceedings_title_with_editors_does_not_become_the_venue_in_a_full_ingest(tmp_path):
    """The same in a full ingest: "Proceedings of the 1999 ACM SIGMOD International Conference on
    Management of Data, June 1-3, 1999, Philadelphia, Pennsylvania, USA" (DBLP's title of the
    SIGMOD 1999 proceedings, editors Delis, Faloutsos, Ghandeharizadeh) under a paper without a
    venue line: the paper gets venue "Proceedings of the 1999 ACM SIGMOD ..., June 1-3, 1999, ..."
    with pages "1–3" and three more authors. Regression."""
    content = ingest(tmp_path, {"lab.txt": JENSEN + "Proceedings of the 1999 ACM SIGMOD International Conference "
                                "on Management of Data, June 1-3, 1999, Philadelphia, Pennsylvania, USA\n"
                                "Alex Delis, Christos Faloutsos, Shahram Ghandeharizadeh\n"})
    entries = papers_by_title(content)
    assert len(entries) == 2
    assert "pages" not in entries["Temporal Data Management"]
    assert "venue" not in entries["Temporal Data Management"]


def test_a_memorial_title_with_a_span_of_years_is_not_a_venue_line():
    """An obituary's title, "Edgar F. Codd: 1923-2003" (name, colon, life span): ":" plus a
    number range plus a year reads as DBLP's "VLDB 2000: 65-76", so under a paper with no venue
    line it becomes that paper's venue (pages 1923–2003) and its author joins the paper above.
    Regression: two entries at 14996cc. Same for a lab report "Database Research at Wisconsin:
    1990-1995"."""
    assert records(JENSEN + "Edgar F. Codd: 1923-2003\nMichael Stonebraker\n") == [
        ("Temporal Data Management", ("Christian S. Jensen",)), ("Edgar F. Codd: 1923-2003", ("Michael Stonebraker",))]
    assert records(JENSEN + "Database Research at Wisconsin: 1990-1995\nDavid J. DeWitt, Jeffrey F. Naughton\n") == [
        ("Temporal Data Management", ("Christian S. Jensen",)),
        ("Database Research at Wisconsin: 1990-1995", ("David J. DeWitt", "Jeffrey F. Naughton"))]


def test_venue_fields_do_not_read_a_year_span_as_pages():
    """``venue_fields("Edgar F. Codd: 1923-2003")`` gives pages "1923–2003": a range of two years
    is a span of years, not pages. Regression (new function)."""
    assert "pages" not in venue_fields("Edgar F. Codd: 1923-2003")


def test_a_german_edition_line_keeps_its_number_and_is_not_a_paper():
    """A German lab page prints a book's edition and publisher under its authors: "2. Auflage,
    Oldenbourg, 1997" (2nd edition). It becomes a paper of its own, and the new numbered-list
    rule now even drops its "2." (title "Auflage, Oldenbourg, 1997"). Should be the book's
    venue/edition, or at the very least keep "2.". Still wrong (a paper "2. Auflage, ..." at
    14996cc); the lost "2." is a regression."""
    got = records("Datenbanksysteme: Eine Einführung\nAlfons Kemper, André Eickler\n2. Auflage, Oldenbourg, 1997\n"
                  + JENSEN)
    assert [title for title, _ in got] == ["Datenbanksysteme: Eine Einführung", "Temporal Data Management"]


@pytest.mark.parametrize("line, fields", [
    ("2. Auflage, Oldenbourg, 1997", {"venue": "2. Auflage, Oldenbourg", "date": "1997"}),
    ("2nd ed., MIT Press, 2009", {"venue": "2nd ed., MIT Press", "date": "2009"}),
    ("2e édition, Dunod, 2015", {"venue": "2e édition, Dunod", "date": "2015"}),
])
def test_an_edition_line_is_where_the_book_appeared(line, fields):
    """A book's edition and publisher, under its names, is its source line: kept whole as its venue."""
    assert venue_strength(line) == 2 and venue_fields(line) == fields


@pytest.mark.parametrize("title", ["Database System Concepts, 5th Edition", "Second Edition Notes"])
def test_a_title_naming_an_edition_is_no_source_line(title):
    assert venue_strength(title) == 0


# ---------------------------------------------------------------- venue lines the detector misses (still wrong)

@pytest.mark.parametrize("line", [
    "Commun. ACM 52, 6 (June 2009), 56–65",                  # ACM Reference Format
    "Machine Learning, 45(1), 5–32.",                        # APA 7
    "Artificial Intelligence 97 (1997) 273-324",             # Elsevier
    "Nature 521 (7553), 436-444, 2015",                      # Google Scholar profile
    "Machine learning 45 (1), 5-32, 2001",                   # Google Scholar profile
    "Communications of the ACM 52 (6), 56-65, 2009",         # Google Scholar profile
    "NeurIPS 2017",                                          # a lab page's short form
])
def test_common_venue_line_forms_are_venues_not_papers(line):
    """ACM "Commun. ACM 52, 6 (June 2009), 56–65", APA "Machine Learning, 45(1), 5–32.", Elsevier
    "Artificial Intelligence 97 (1997) 273-324", Google Scholar's "Nature 521 (7553), 436-444,
    2015" and a bare "NeurIPS 2017" under the names: each is a paper with no authors (the
    detector wants "10(4):" with a colon, "pp."/"pages", or proceedings words). Still wrong (a
    paper at 14996cc too; the new venue rule does not cover these forms)."""
    text = "Wrappers for Feature Subset Selection\nRon Kohavi, George H. John\n" + line + "\n" + JENSEN
    assert records(text) == [("Wrappers for Feature Subset Selection", ("Ron Kohavi", "George H. John")),
                             ("Temporal Data Management", ("Christian S. Jensen",))]
    assert venues(text)[0] == line


@pytest.mark.parametrize("line", [
    "arXiv preprint arXiv:1706.03762",                              # Google Scholar, no year
    "Advances in Neural Information Processing Systems 30, 2017",   # Scholar / NeurIPS proceedings
])
def test_a_venue_line_missed_does_not_swallow_the_next_title_as_an_author(line):
    """"arXiv preprint arXiv:1706.03762" (Scholar prints no year when it has none) and
    "Advances in Neural Information Processing Systems 30, 2017": the line becomes a title, and
    the next paper's title "Random Forests" becomes its first author. Still wrong (the same at
    14996cc)."""
    text = "Attention Is All You Need\nAshish Vaswani, Noam Shazeer\n" + line + "\nRandom Forests\nLeo Breiman\n"
    assert records(text) == [("Attention Is All You Need", ("Ashish Vaswani", "Noam Shazeer")),
                             ("Random Forests", ("Leo Breiman",))]


# ---------------------------------------------------------------- wrong field splits in venue_fields (new function)

def test_ieee_volume_and_number_are_fields_not_venue_text():
    """IEEE: "IEEE Trans. Knowl. Data Eng., vol. 11, no. 1, pp. 36–44, 1999" gives venue
    "IEEE Trans. Knowl. Data Eng., vol. 11, no. 1" and no volume or number."""
    assert venue_fields("IEEE Trans. Knowl. Data Eng., vol. 11, no. 1, pp. 36–44, 1999") == {
        "venue": "IEEE Trans. Knowl. Data Eng.", "volume": "11", "number": "1", "pages": "36–44", "date": "1999"}


def test_a_year_in_parentheses_after_a_volume_is_not_an_issue_number():
    """Elsevier/JAIR "Journal of Artificial Intelligence Research 4 (1996) 237-285" gives number
    "1996" and venue "Journal of Artificial Intelligence Research 237-285"; ACM "Proc. VLDB
    Endow. 16, 11 (2023), 3000–3012." gives volume "11", number "2023"."""
    assert venue_fields("Journal of Artificial Intelligence Research 4 (1996) 237-285") == {
        "venue": "Journal of Artificial Intelligence Research", "volume": "4", "pages": "237–285", "date": "1996"}
    assert venue_fields("Proc. VLDB Endow. 16, 11 (2023), 3000–3012.") == {
        "venue": "Proc. VLDB Endow.", "volume": "16", "number": "11", "pages": "3000–3012", "date": "2023"}


@pytest.mark.parametrize("line, venue", [
    ("Machine Learning, 45(1):5–32, 2001.", "Machine Learning"),           # natbib/plainnat
    ("In VLDB, pages 3–14, 1999.", "VLDB"),                                # BibTeX plain style
    ("Proc. of the 25th VLDB Conf., Edinburgh, 1999, pp. 3-14.", "Proc. of the 25th VLDB Conf., Edinburgh"),
    ("Actes des 16e Journées Bases de Données Avancées (BDA 2000), pages 12-20, Blois, 2000.",
     "Actes des 16e Journées Bases de Données Avancées (BDA 2000), Blois"),  # French lab page
])
def test_the_venue_text_keeps_no_year_or_empty_commas(line, venue):
    """BibTeX/natbib lines end "..., 2001." or put the volume after a comma: the venue is left
    "Machine Learning,, 2001.", "VLDB, 1999.", "Actes des ... (BDA 2000), Blois, 2000." (the year
    is only taken off at the very end without a period, and taking out "45(1):5–32" leaves ",,")."""
    assert venue_fields(line)["venue"] == venue


@pytest.mark.parametrize("line, pages", [
    ("Proceedings of the IEEE conference on computer vision and pattern recognition, 770-778, 2016",
     "770–778"),                                                          # Google Scholar profile
    ("Proceedings of SIGMOD 1999, ACM Press, 1999, 49-60", "49–60"),
])
def test_pages_after_a_comma_are_pages_not_venue_text(line, pages):
    """Google Scholar prints "Proceedings of the IEEE conference on computer vision and pattern
    recognition, 770-778, 2016": the line is taken as a venue, but "770-778" stays in the venue
    text and the entry has no pages (only "pp.", "pages" or ": 1-2" are read)."""
    fields = venue_fields(line)
    assert fields.get("pages") == pages
    assert pages.replace("–", "-") not in fields["venue"]


# ---------------------------------------------------------------- affiliations and labels (still wrong)

def test_an_affiliation_with_a_digit_is_dropped_too():
    """French lab pages: "Serge Abiteboul (INRIA), Bernd Amann (LIP6)", "François Goasdoué
    (Université Paris-Sud 11)": LIP6 and Paris-Sud 11 are real names of a lab and a university;
    the affiliation rule refuses digits, so the line is a paper and the paper above has no
    authors. Still wrong (every affiliation line was a paper at 14996cc)."""
    assert records("Query Rewriting Using Views\nSerge Abiteboul (INRIA), Bernd Amann (LIP6)\n"
                   "Answering Queries Using Views\nFrançois Goasdoué (Université Paris-Sud 11), "
                   "Marie-Christine Rousset (LRI)\n") == [
        ("Query Rewriting Using Views", ("Serge Abiteboul", "Bernd Amann")),
        ("Answering Queries Using Views", ("François Goasdoué", "Marie-Christine Rousset"))]


def test_an_affiliation_after_an_initial_is_dropped_too():
    """"Levy, A. (University of Washington)": the rule wants a letter right before the
    parenthesis, so after an initial's period the line is a paper. Still wrong."""
    assert records("Query Rewriting Using Views\nLevy, A. (University of Washington)\n" + JENSEN) == [
        ("Query Rewriting Using Views", ("A. Levy",)), ("Temporal Data Management", ("Christian S. Jensen",))]


def test_a_french_lab_page_with_par_and_et():
    """A French lab page: "par François Goasdoué et Marie-Christine Rousset" (the label "by" is
    dropped but "par" only with a colon; "et" does not join names), then "Actes de BDA 2000,
    pages 12-20". Every line is a paper and no paper has authors. Still wrong."""
    text = ("Réécriture de requêtes en présence de vues\npar François Goasdoué et Marie-Christine Rousset\n"
            "Actes de BDA 2000, pages 12-20\nTemporal Data Management\nChristian S. Jensen et Richard T. Snodgrass\n")
    assert records(text) == [("Réécriture de requêtes en présence de vues",
                              ("François Goasdoué", "Marie-Christine Rousset")),
                             ("Temporal Data Management", ("Christian S. Jensen", "Richard T. Snodgrass"))]
    assert venues(text)[0] == "Actes de BDA 2000, pages 12-20"


# ---------------------------------------------------------------- must keep working

def test_keep_dblp_proceedings_titles_that_do_not_open_with_proceedings_of():
    """DBLP's proceedings titles "SIGMOD 1999, Proceedings ACM SIGMOD ..., June 1-3, 1999, ..."
    and "VLDB'99, Proceedings of 25th ..., September 7-10, 1999, ..." with their editors stay
    entries even under a paper without a venue line; so does "Proceedings of ..." under a paper
    that already has one."""
    sigmod = ("SIGMOD 1999, Proceedings ACM SIGMOD International Conference on Management of Data, June 1-3, "
              "1999, Philadelphia, Pennsylvania, USA")
    vldb = ("VLDB'99, Proceedings of 25th International Conference on Very Large Data Bases, September 7-10, "
            "1999, Edinburgh, Scotland, UK")
    assert records(JENSEN + sigmod + "\nAlex Delis, Christos Faloutsos, Shahram Ghandeharizadeh\n"
                   + vldb + "\nMalcolm P. Atkinson, Maria E. Orlowska, Patrick Valduriez\n") == [
        ("Temporal Data Management", ("Christian S. Jensen",)),
        (sigmod, ("Alex Delis", "Christos Faloutsos", "Shahram Ghandeharizadeh")),
        (vldb, ("Malcolm P. Atkinson", "Maria E. Orlowska", "Patrick Valduriez"))]
    proceedings = ("Proceedings of the 1999 ACM SIGMOD International Conference on Management of Data, "
                   "June 1-3, 1999, Philadelphia, Pennsylvania, USA")
    assert records("Answering Queries Using Views: A Survey\nAlon Y. Levy\nVLDB Journal 10(4): 270-294 (2001)\n"
                   + proceedings + "\nAlex Delis, Christos Faloutsos\n")[1] == (
        proceedings, ("Alex Delis", "Christos Faloutsos"))


@pytest.mark.parametrize("title", ["Data Integration (Tutorial)", "Query Optimization (Extended Abstract)",
                                   "Object Fusion (Demo)", "Web Services (Panel)", "[Re] Deep Residual Learning",
                                   "Query by Example", "Learning by Doing", "1984 Revisited: Databases"])
def test_keep_titles_with_a_tag_in_parentheses_or_by(title):
    """A kind in parentheses ("(Tutorial)", "(Extended Abstract)", "(Demo)", "(Panel)"), ReScience's
    "[Re]", "by" inside a title: the affiliation, label and result-tag rules leave them."""
    assert records(JENSEN + title + "\nMoshe M. Zloof\n") == [
        ("Temporal Data Management", ("Christian S. Jensen",)), (title, ("Moshe M. Zloof",))]


def test_keep_a_venue_line_between_title_and_names():
    """Some lab pages print where the paper appeared before its names (DBLP-like "IEEE Trans.
    Knowl. Data Eng. 11(1): 36-50 (1999)"): the names still belong to the paper."""
    text = ("Temporal Data Management\nIEEE Trans. Knowl. Data Eng. 11(1): 36-50 (1999)\n"
            "Christian S. Jensen, Richard T. Snodgrass\nRandom Forests\nLeo Breiman\n")
    assert records(text) == [("Temporal Data Management", ("Christian S. Jensen", "Richard T. Snodgrass")),
                             ("Random Forests", ("Leo Breiman",))]
    assert venues(text)[0] == "IEEE Trans. Knowl. Data Eng. 11(1): 36-50 (1999)"


@pytest.mark.parametrize("line, fields", [
    ("In: Datenbank-Spektrum 5(1): 12-20 (2005)",
     {"venue": "Datenbank-Spektrum", "volume": "5", "number": "1", "pages": "12–20", "date": "2005"}),
    ("Actes de BDA 1999, p. 12-20", {"venue": "Actes de BDA", "pages": "12–20", "date": "1999"}),
    ("SIGMOD Conference 1999: 49-60", {"venue": "SIGMOD Conference", "pages": "49–60", "date": "1999"}),
    ("arXiv preprint arXiv:1706.03762, 2017", {"arxiv": "1706.03762", "date": "2017"}),
])
def test_keep_venue_fields_of_dblp_french_and_arxiv_lines(line, fields):
    assert venue_strength(line)
    assert venue_fields(line) == fields


def test_keep_a_french_lab_page_with_auteurs_and_actes(tmp_path):
    """A French lab page: "Auteurs : ..." then "Actes de BDA 1999, p. 12-20": one entry with
    its authors and the venue, pages and year."""
    content = ingest(tmp_path, {"lab.txt": "Temporal Data Management\nAuteurs : Christian S. Jensen, "
                                           "Richard T. Snodgrass\nActes de BDA 1999, p. 12-20\n"})
    entry = papers_by_title(content)["Temporal Data Management"]
    assert (entry["venue"], entry["pages"], entry["date"]) == ("Actes de BDA", "12–20", "1999")
    assert len(entry["authors"]) == 2
