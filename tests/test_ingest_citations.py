"""A dump of one-line citations (a reference list, a HAL, PubMed or Scholar export, a CV): each
line is one paper, its names, its title and where it appeared. Before, such a dump was read as
abstracts: every paper lost its title and authors."""
from __future__ import annotations

import pytest

from site_builder.ingest.citations import split_citation
from site_builder.ingest.parse import CITATIONS, LISTING, detect_format
from site_builder.ingest.venues import venue_fields
from test_ingest_real_forms import ingest, papers_by_title

RF = ("Random forests", ("Breiman",))


@pytest.mark.parametrize("line, names, title, source", [
    ("Aha DW, Kibler D, Albert MK. Instance-based learning algorithms. Mach Learn. 1991;6(1):37-66.",   # PubMed
     ["Aha DW", "Kibler D", "Albert MK"], "Instance-based learning algorithms", "Mach Learn. 1991;6(1):37-66."),
    ("M. Kearns, Y. Mansour, and A. Ng. An information-theoretic analysis of hard and soft assignment methods for "
     "clustering. In Proc. UAI, 1997.",                                                                   # Cora
     ["M. Kearns", "Y. Mansour", "A. Ng"],
     "An information-theoretic analysis of hard and soft assignment methods for clustering", "In Proc. UAI, 1997."),
    ("Kearns, M., Mansour, Y., & Ng, A. Y. (1997). An information-theoretic analysis. In Proceedings of UAI "
     "(pp. 282-293).",                                                                                    # APA
     ["Kearns, M.", "Mansour, Y.", "Ng, A. Y."], "An information-theoretic analysis",
     "In Proceedings of UAI (pp. 282-293) (1997)"),
    ("[1] L. Breiman, \u201cRandom forests,\u201d Mach. Learn., vol. 45, no. 1, pp. 5\u201332, 2001.",  # IEEE
     ["L. Breiman"], "Random forests", "Mach. Learn., vol. 45, no. 1, pp. 5\u201332, 2001"),
    ("Breiman, L., Cutler, A.: Random forests. Mach. Learn. 45, 5\u201332 (2001)",                        # Springer
     ["Breiman, L.", "Cutler, A."], "Random forests", "Mach. Learn. 45, 5\u201332 (2001)"),
    ("Breiman, Leo. 2001. Random Forests. Machine Learning 45 (1): 5\u201332.",                          # Chicago
     ["Breiman, Leo"], "Random Forests", "Machine Learning 45 (1): 5\u201332 (2001)"),
    ("Breiman, L. (2001) 'Random forests', Machine Learning, 45(1), pp. 5\u201332.",                     # Harvard
     ["Breiman, L."], "Random forests", "Machine Learning, 45(1), pp. 5\u201332 (2001)"),
    ('Breiman, Leo. "Random forests." Machine learning 45.1 (2001): 5-32.',                               # MLA
     ["Breiman, Leo"], "Random forests", "Machine learning 45.1 (2001): 5-32"),
    ("Jean-Pierre Dupont, Marie Curie. Apprentissage profond pour la robotique. Conférence Nationale "
     "d'Intelligence Artificielle, Jun 2019, Paris, France. pp.1-10. \u27e8hal-01234567\u27e9",          # HAL
     ["Jean-Pierre Dupont", "Marie Curie"], "Apprentissage profond pour la robotique",
     "Conférence Nationale d'Intelligence Artificielle, Jun 2019, Paris, France. pp.1-10. \u27e8hal-01234567\u27e9"),
    ("Stolte E, von Praun C, Alonso G, Gross T. Scientific data repositories. VLDB. 1992;24:170-179.",
     ["Stolte E", "von Praun C", "Alonso G", "Gross T"], "Scientific data repositories", "VLDB. 1992;24:170-179."),
    ("Breiman L. Bagging Predictors. Mach Learn. 1996;24:123-140.",      # a title with a name's shape
     ["Breiman L."], "Bagging Predictors", "Mach Learn. 1996;24:123-140."),
    ("Tuttle MR, Lomet DB. A Theory of Redo Recovery. VLDB. 1977;25:9-9.",     # a title starting "A"
     ["Tuttle MR", "Lomet DB"], "A Theory of Redo Recovery", "VLDB. 1977;25:9-9."),
])
def test_a_citation_line_splits_into_names_title_and_source(line, names, title, source):
    cited = split_citation(line)
    assert cited is not None
    assert (list(cited.names), cited.title, cited.source) == (names, title, source)


def test_et_al_after_the_names_says_the_list_is_incomplete():
    cited = split_citation("Vaswani, A., Shazeer, N., Parmar, N., et al. (2017). Attention is all you need. In NeurIPS.")
    assert cited.more_authors and cited.names == ("Vaswani, A.", "Shazeer, N.", "Parmar, N.")


@pytest.mark.parametrize("line", [
    "Instance-based learning algorithms",                  # a listing's title line
    "D. W. Aha",                                           # a listing's author line
    "Aha, D. W., Kibler, D.",
    "Bagging Predictors. Machine Learning 24, 1996.",      # no names: a title with a name's shape
    "Process Mining: Data Science in Action. Springer, 2016.",
])
def test_lines_that_are_no_citation_with_names(line):
    assert split_citation(line) is None


def test_a_reference_list_is_told_from_a_listing():
    refs = ["Aha DW, Kibler D, Albert MK. Instance-based learning algorithms. Mach Learn. 1991;6(1):37-66.",
            "Breiman L. Random forests. Mach Learn. 2001;45(1):5-32.",
            "Quinlan JR. Induction of decision trees. Mach Learn. 1986;1(1):81-106."]
    listing = ["Instance-based learning algorithms", "David W. Aha", "Dennis Kibler", "Random Forests", "Leo Breiman"]
    assert detect_format(refs) == CITATIONS
    assert detect_format(listing) == LISTING


def test_a_reference_list_ingests_to_papers_with_authors_and_venues_and_twins_merge(tmp_path):
    """The same papers cited in four styles: each line a paper, its names in natural order, where
    it appeared in its fields; the citations of one paper are one entry."""
    content = ingest(tmp_path, {"refs.txt": (
        "Aha DW, Kibler D, Albert MK. Instance-based learning algorithms. Mach Learn. 1991;6(1):37-66.\n"
        "Breiman L. Random forests. Mach Learn. 2001;45(1):5-32.\n"
        "D. W. Aha, D. Kibler, and M. K. Albert. Instance-based learning algorithms. Machine Learning, "
        "6:37-66, 1991.\n"
        "Breiman, L. (2001). Random forests. Machine Learning, 45(1), 5\u201332.\n"
        "M. Kearns, Y. Mansour, and A. Ng. An information-theoretic analysis of hard and soft assignment methods "
        "for clustering. In Proc. UAI, 1997.\n")})
    entries = papers_by_title(content)
    assert sorted(entries) == ["An information-theoretic analysis of hard and soft assignment methods for clustering",
                               "Instance-based learning algorithms", "Random forests"]
    aha = entries["Instance-based learning algorithms"]
    assert aha["authors"] == ["D. W. Aha", "D. Kibler", "M. K. Albert"]
    assert len(aha["sources"]) == 2
    assert (aha["date"], aha["volume"], aha["pages"]) == ("1991", "6", "37–66")
    forests = entries["Random forests"]
    assert forests["authors"] == ["L. Breiman"] and len(forests["sources"]) == 2
    assert (forests["date"], forests["volume"], forests["number"]) == ("2001", "45", "1")


@pytest.mark.parametrize("line, fields", [
    ("Mach Learn. 1991;6(1):37-66.", {"venue": "Mach Learn.", "volume": "6", "number": "1", "pages": "37–66",
                                      "date": "1991"}),
    ("Nature. 2015 May 28;521(7553):436-44. doi: 10.1038/nature14539.",
     {"venue": "Nature.", "volume": "521", "number": "7553", "pages": "436–444", "date": "2015",
      "doi": "10.1038/nature14539"}),
    ("Science. 2006;313(5786):504-7.", {"venue": "Science.", "volume": "313", "number": "5786", "pages": "504–507",
                                        "date": "2006"}),
])
def test_pubmeds_source_gives_volume_number_pages_and_year(line, fields):
    """PubMed's "Journal. Year[ Month Day];Volume(Number):Pages": the volume was left in the venue
    ("Mach Learn. 1991;6"); its shortened last page ("436-44") is page 444."""
    assert venue_fields(line) == fields
