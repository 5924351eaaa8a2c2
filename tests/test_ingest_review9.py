"""Review of 46fda6e / 13703e5 (Google Scholar initials first, names in capitals with initials,
people named after "by"): hard negatives from real bibliographic data.

Every dump is written here, small, in the form a real source prints it; each test says which
real form it is. Tests marked in their docstring "regression" passed at 62c0d89.
"""
from __future__ import annotations

import pytest

from site_builder.ingest.cluster import cluster_people
from site_builder.ingest.exports import parse_export
from site_builder.ingest.normalise import clean_export, clean_name, clean_paper, split_name
from site_builder.ingest.parse import parse_dump


def parse(text: str):
    return parse_dump("t.txt", text.strip("\n").split("\n"))


def records(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """(title, authors in natural order) of each record, as ingest will write them."""
    return [(r.title, clean_paper(r).authors) for r in parse(text).papers]


def people(names: list[str]) -> list[list[str]]:
    return cluster_people(names, [], {}).members


# ---------------------------------------------------------------- short titles: an acronym, then a word

DBLP = """
Answering Queries Using Views: A Survey
Alon Y. Levy
Temporal Data Management
Christian S. Jensen
Richard T. Snodgrass
Efficiently Publishing Relational Data as XML Documents
Jayavel Shanmugasundaram
Eugene J. Shekita
"""


@pytest.mark.parametrize("paper", [
    "IT Doesn't Matter\nNicholas G. Carr",                # Carr, Harvard Business Review 2003
    "IT Governance\nPeter Weill\nJeanne W. Ross",         # Weill & Ross, HBS Press 2004
    "AI Snake Oil\nArvind Narayanan\nSayash Kapoor",      # Narayanan & Kapoor, Princeton UP 2024
    "AI Superpowers\nKai-Fu Lee",                         # Lee, 2018
    "RL Unplugged\nCaglar Gulcehre\nZiyu Wang",           # Gulcehre et al., NeurIPS 2020
    "AI Literacy\nDuri Long\nBrian Magerko",              # Long & Magerko, CHI 2020 (short form)
])
def test_a_short_title_of_an_acronym_and_a_word_stays_a_title_in_a_dump_of_full_names(paper):
    """Regression (passed at 62c0d89): a DBLP-style listing (full names, dotted middle initials)
    and a short Title Case title of a two-letter acronym and a word. Since 46fda6e any "XX Word"
    line gets the base odds of Google Scholar's "DW Aha" (0.8) even where the dump prints no
    such name, so the title is read as one more author of the paper above it."""
    title, *authors = paper.split("\n")
    got = records(DBLP + paper + "\n")
    assert got[-1] == (title, tuple(authors))
    assert got[-2][1] == ("Jayavel Shanmugasundaram", "Eugene J. Shekita")


SCHOLAR = """
Answering Queries Using Views: A Survey
AY Levy
Temporal Data Management
CS Jensen
RT Snodgrass
"""


@pytest.mark.xfail(strict=True, reason="left: between Scholar names, 'IT Governance' has the shape of 'IF Cruz' and "
                                        "no word of a title's; nothing in the dump tells them apart")
def test_it_governance_stays_a_title_among_scholar_names():
    """Regression (passed at 62c0d89): Google Scholar's listing of Weill & Ross's book "IT
    Governance" (2004). "IT Security" (the commit's own hard negative) is kept a title only because
    "security" is a listed title word; "governance" is not, so "IT Governance" now reads as
    initials I. T. and a surname Governance, an author of the paper above."""
    got = records(SCHOLAR + "IT Governance\nP Weill\nJW Ross\n")
    assert got[-1] == ("IT Governance", ("P Weill", "JW Ross"))
    assert got[-2] == ("Temporal Data Management", ("CS Jensen", "RT Snodgrass"))


@pytest.mark.parametrize("title", ["XML Schema", "AI Planning", "AI Ethics", "IT Security", "DB Theory",
                                   "OS Kernels", "CS Education"])
def test_acronym_titles_with_a_title_word_stay_titles_among_scholar_names(title):
    """Must keep working: an acronym and a word that is a title's, between Scholar names."""
    got = records(SCHOLAR + f"{title}\nJ Smith\nM Jones\n")
    assert got[-1] == (title, ("J Smith", "M Jones"))


def test_scholar_names_keep_working_beside_an_acronym_title():
    """Must keep working: "IF Cruz", "IN Subramanian" are names, "XML Schema" a title."""
    got = records(SCHOLAR + "Query Processing for Moving Objects with Space-Time Grid Storage Model\nIF Cruz\n"
                            "IN Subramanian\nXML Schema\nJ Smith\n")
    assert got[-2:] == [("Query Processing for Moving Objects with Space-Time Grid Storage Model",
                         ("IF Cruz", "IN Subramanian")), ("XML Schema", ("J Smith",))]


# ---------------------------------------------------------------- "LIU Yang" in a dump of Scholar names

def test_a_surname_of_three_capitals_printed_first_is_not_dotted_as_initials_in_a_scholar_dump():
    """Regression (passed at 62c0d89): a lab listing that copies most entries from Google Scholar
    ("A Ghosh") and one from a French/Chinese source printing the surname first in capitals
    ("TIAN Fei", "GAO Bin", "LIU Tie-Yan": Tian et al., AAAI 2014). Three-letter Chinese surnames
    (Gao, Liu, Lee, Kim, Sun, Zhu, ...) pass ``could_be_initials``, so ``_mark_leading_initials``
    writes them "G. A. O. Bin", "L. I. U. Tie-Yan": people with surname Bin and Tie-Yan."""
    got = records(SCHOLAR + "Cost-based query optimization for XML\nA Ghosh\nVS Sengar\nJR Haritsa\nJ Parikh\n"
                            "Learning Deep Representations for Graph Clustering\nTIAN Fei\nGAO Bin\nLIU Tie-Yan\n")
    authors = got[-1][1]
    assert [split_name(a).surname for a in authors] == ["tian", "gao", "liu"], authors
    assert authors == ("Fei TIAN", "Bin GAO", "Tie-Yan LIU")


# ---------------------------------------------------------------- names in capitals: short surnames, short given names

@pytest.mark.parametrize("printed, given, surname", [
    ("ANDREW NG", ("andrew",), "ng"),
    ("DAVID WU", ("david",), "wu"),
    ("KAIMING HE", ("kaiming",), "he"),
    ("FEI-FEI LI", ("fei", "fei"), "li"),
])
def test_a_full_name_in_capitals_with_a_two_letter_surname_keeps_its_order(printed, given, surname):
    """Regression (passed at 62c0d89): a name printed all in capitals, given name first (a listing
    in capitals; BibTeX "NG, ANDREW", RIS "HE, KAIMING", CSL {"family": "LI", "given": "FEI-FEI"}
    give this display form). 13703e5 reads any two capitals after a capitalised word as initials
    ("ATKINSON RG"), so "ANDREW NG" is turned round to "NG ANDREW": surname Andrew."""
    assert (split_name(printed).given, split_name(printed).surname) == (given, surname)
    assert clean_name(printed) == printed


def test_a_listing_in_capitals_keeps_given_names_first_and_joins_the_same_person():
    """Regression (passed at 62c0d89): a listing printing names in capitals, given name first;
    "ANDREW NG" is written "NG ANDREW" and is no longer the same person as "Andrew Ng"."""
    got = records("Sparse Autoencoder\nANDREW NG\nOn Spectral Clustering: Analysis and an Algorithm\n"
                  "ANDREW Y. NG\nMICHAEL I. JORDAN\nYAIR WEISS\n")
    assert got[0] == ("Sparse Autoencoder", ("ANDREW NG",))
    assert people(["ANDREW NG", "Andrew Ng", "Andrew Y. Ng"]) == [["ANDREW NG", "Andrew Ng", "Andrew Y. Ng"]]


def test_two_chinese_people_in_capitals_with_short_given_names_stay_apart():
    """Regression (passed at 62c0d89): a citation index or RIS export in capitals, "WANG, LI" and
    "WANG, LEI" (two different people, both very common names). 13703e5 reads the two-letter given
    name "LI" as initials L. I., compatible with "LEI": the two people are merged."""
    assert split_name("WANG, LI").given == ("li",)
    assert split_name("ZHANG, YU").given == ("yu",)
    assert people(["WANG, LEI", "WANG, LI"]) == [["WANG, LEI"], ["WANG, LI"]]
    assert people(["Lei Wang", "WANG, LI"]) == [["Lei Wang"], ["WANG, LI"]]
    assert people(["Yu Zhang", "ZHANG, YU", "ZHANG, YAN"]) == [["Yu Zhang", "ZHANG, YU"], ["ZHANG, YAN"]]


def test_import_of_names_in_capitals_keeps_surnames_and_people():
    """Regression (passed at 62c0d89): import is harmed by the ``natural_order``/``split_name``
    change too. BibTeX "NG, ANDREW" and RIS "HE, KAIMING" / "WANG, LI" become display names
    "ANDREW NG", "KAIMING HE", "LI WANG": their surnames are read as "andrew", "kaiming", and
    "LI WANG" joins "LEI WANG"."""
    bib = (b"@article{a, title = {Sparse Autoencoder}, author = {NG, ANDREW}, year = 2011}\n"
           b"@article{b, title = {On Spectral Clustering: Analysis and an Algorithm},"
           b" author = {Ng, Andrew Y. and Jordan, Michael I.}, year = 2001}\n")
    ris = (b"TY  - JOUR\nTI  - Deep residual learning for image recognition\nAU  - HE, KAIMING\n"
           b"AU  - ZHANG, XIANGYU\nPY  - 2016\nER  - \n\nTY  - JOUR\nTI  - A survey\nAU  - WANG, LI\n"
           b"AU  - WANG, LEI\nPY  - 2016\nER  - \n")
    items = [clean_export(r) for name, data in (("x.bib", bib), ("x.ris", ris))
             for r in parse_export(name, name, data).records]
    assert [item.surnames for item in items] == [("ng",), ("ng", "jordan"), ("he", "zhang"), ("wang", "wang")]
    assert people([a for item in items for a in item.authors]) == [
        ["ANDREW NG", "Andrew Y. Ng"], ["KAIMING HE"], ["LEI WANG"], ["LI WANG"], ["Michael I. Jordan"],
        ["XIANGYU ZHANG"]]


@pytest.mark.parametrize("printed, given, surname", [
    ("ATKINSON RG", ("r", "g"), "atkinson"),
    ("ATKINSON, RG", ("r", "g"), "atkinson"),
    ("KIM JH", ("j", "h"), "kim"),
    ("KIM, JH", ("j", "h"), "kim"),
    ("PARK SY", ("s", "y"), "park"),
    ("WANG, WEI", ("wei",), "wang"),
    ("ZHANG, YAN", ("yan",), "zhang"),
    ("MUNOS Rémi", ("remi",), "munos"),
    ("KIM, JONG-HO", ("jong", "ho"), "kim"),
])
def test_names_in_capitals_that_must_keep_working(printed, given, surname):
    """Must keep working: a citation index in capitals, surname first with initials (Korean
    "KIM JH" too), a given name after a comma, a surname in capitals before a given name."""
    assert (split_name(printed).given, split_name(printed).surname) == (given, surname)


@pytest.mark.xfail(strict=True, reason="left: 'NG AY' is as much 'AY NG' (Scholar's initials first, in capitals) "
                                        "by its shape; only the dump's other names could tell")
def test_vancouver_in_capitals_with_a_two_letter_surname_is_initials():
    """Already wrong at 62c0d89, left by 13703e5: a citation index in capitals prints Andrew Y. Ng
    as "NG AY" beside "ATKINSON RG"; the surname is Ng, the initials A. Y. (13703e5 reads "ATKINSON
    RG" but not a surname of two letters, so "NG AY" is a person with surname Ay)."""
    got = records("Learning to rank with partially labelled data\nATKINSON RG\nLECUN Y\n"
                  "Sparse autoencoders for vision\nNG AY\nBENGIO Y\n")
    assert [split_name(a).surname for a in got[1][1]] == ["ng", "bengio"]


# ---------------------------------------------------------------- "by" in a title

def test_a_title_naming_a_method_after_by_keeps_its_words_as_title_evidence():
    """Regression (passed at 62c0d89): "Optimization by Simulated Annealing" (Kirkpatrick, Gelatt,
    Vecchi, Science 1983) and "Simulated Annealing" (Bertsimas & Tsitsiklis, Statistical Science
    1993) in one Title Case listing. 13703e5 drops every capitalised word after "by" from the title
    words (meant for "... by Serge Abiteboul"), so "Simulated Annealing" loses the only evidence
    that its words are a title's and becomes an author of Kirkpatrick's paper."""
    got = records("Optimization by Simulated Annealing\nS. Kirkpatrick\nC. D. Gelatt\nM. P. Vecchi\n"
                  "Simulated Annealing\nDimitris Bertsimas\nJohn Tsitsiklis\n")
    assert got == [("Optimization by Simulated Annealing", ("S. Kirkpatrick", "C. D. Gelatt", "M. P. Vecchi")),
                   ("Simulated Annealing", ("Dimitris Bertsimas", "John Tsitsiklis"))]


def test_a_title_with_by_in_sentence_case_keeps_working():
    """Must keep working: the same listing in sentence case."""
    got = records("Optimization by simulated annealing\nS. Kirkpatrick\nC. D. Gelatt\nM. P. Vecchi\n"
                  "Simulated annealing\nDimitris Bertsimas\nJohn Tsitsiklis\n")
    assert [title for title, _ in got] == ["Optimization by simulated annealing", "Simulated annealing"]
