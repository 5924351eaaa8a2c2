"""Issue 13: dumps that do not look like the seeds. Citation-style names (Cora, Google Scholar,
Crossref, DBLP, ACM, arXiv), titles that look like names, chains of similar titles, generic
titles, decorations, nicknames; and the matcher's entry point for other front ends (import).

Every dump is written here, small, in the form a real source prints it.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import run_command
from site_builder.ingest.cluster import cluster_papers, compare_titles, match_records
from site_builder.ingest.names import Vocabulary, name_odds, name_reading
from site_builder.ingest.normalise import clean_paper, make_item, split_name
from site_builder.ingest.parse import parse_dump

ROOT = Path(__file__).resolve().parent.parent


def parse(text: str):
    return parse_dump("t.txt", text.strip("\n").split("\n"))


def records(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """(title, authors in natural order) of each record, as ingest will write them."""
    return [(r.title, clean_paper(r).authors) for r in parse(text).papers]


def ingest(tmp_path: Path, dumps: dict[str, str]) -> Path:
    seeds, content = tmp_path / "seeds", tmp_path / "content"
    seeds.mkdir()
    for name, text in dumps.items():
        (seeds / name).write_text(text, encoding="utf-8")
    run = run_command("ingest", "--seeds", seeds, "--content", content, "-q", cwd=ROOT)
    assert run.returncode == 0, run.stderr
    return content


def papers(content: Path) -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((content / "papers").glob("*.yaml"))]


def papers_by_title(content: Path) -> dict[str, dict]:
    return {p["title"]: p for p in papers(content)}


def accounted_entries(tmp_path: Path, dumps: dict[str, str]) -> list[dict]:
    """Ingest the dumps; check every record they print ("file:line") is in exactly one entry's
    sources (nothing lost, nothing in two entries), and return the entries."""
    from site_builder.ingest.parse import parse_dump

    records = {r.source for name, text in dumps.items() for r in parse_dump(name, text.rstrip("\n").split("\n")).papers}
    entries = papers(ingest(tmp_path, dumps))
    sources = [s for p in entries for s in p.get("sources", [])]
    assert sorted(sources) == sorted(records), "a record lost, or in two entries"
    return entries


# ---------------------------------------------------------------- segmentation: every name form is a name

CORA = """
Instance-based learning algorithms
Aha DW
Kibler D
Albert MK
C4.5: Programs for machine learning
Quinlan JR
Learning from examples
van Roggen W
Holte RC
A theory of the learnable
Valiant, L. G.
Multivariate decision trees
Brodley CE
Utgoff PE
"""


def test_cora_style_surname_and_bare_initials_are_authors_not_papers():
    assert records(CORA) == [
        ("Instance-based learning algorithms", ("DW Aha", "D Kibler", "MK Albert")),
        ("C4.5: Programs for machine learning", ("JR Quinlan",)),
        ("Learning from examples", ("W van Roggen", "RC Holte")),
        ("A theory of the learnable", ("L. G. Valiant",)),
        ("Multivariate decision trees", ("CE Brodley", "PE Utgoff"))]
    assert [split_name(a).surname for a in records(CORA)[0][1]] == ["aha", "kibler", "albert"]


@pytest.mark.parametrize("line, surname", [
    ("Kibler D", "kibler"),                       # Last F
    ("Aha DW\nKibler D", "aha"),                  # Last FM (Vancouver, PubMed, Cora)
    ("D. W. Aha", "aha"),                         # F. Last (ACM, DBLP)
    ("Aha, D. W.", "aha"),                        # Last, F. M. (Cora, CiteSeer)
    ("Aha, David", "aha"),                        # Last, First (Crossref, Zotero)
    ("van Roggen W", "vanroggen"),                # a lower-case particle first
    ("von Luxburg, U.", "vonluxburg"),
    ("B. v. Karger", "karger"),                   # an abbreviated particle
    ("Roberto J. Bayardo, Jr.", "bayardo"),       # a suffix
    ("Martin Luther King III", "king"),
    ("eva Kühn", "kuhn"),                         # a given name printed in lower case
    ("Ning An", "an"),                            # two short words, the surname an English word
    ("S udholt, M.", "udholt"),                   # a damaged umlaut (Südholt)
    ("王小明", "王小明"),                           # a name in a script without spaces or capitals
    ("Иван Петров", "петров"),
])
def test_every_common_name_form_is_read_as_an_author(line, surname):
    dump = f"Learning to rank with partially labelled data\nJohn Smith\n{line}\nMary Jones\n" \
           "Efficient joins over distributed streams\nPeter Brown\n"
    found = records(dump)
    assert [title for title, _ in found] == ["Learning to rank with partially labelled data",
                                             "Efficient joins over distributed streams"], line
    authors = found[0][1]
    assert len(authors) == 3 + line.count("\n") and split_name(authors[1]).surname == surname, (line, authors)


def test_citation_lines_from_scholar_crossref_and_arxiv_hold_several_names():
    dump = ("Instance-based learning algorithms\nDW Aha, D Kibler, MK Albert\n"
            "Learning to predict by the methods of temporal differences\nSutton, Richard S.; Barto, Andrew G.\n"
            "Support-vector networks\nCortes C, Vapnik V\n"
            "Attention is all you need\nAshish Vaswani, Noam Shazeer, Niki Parmar, et al.\n")
    assert records(dump) == [
        ("Instance-based learning algorithms", ("DW Aha", "D Kibler", "MK Albert")),
        ("Learning to predict by the methods of temporal differences", ("Richard S. Sutton", "Andrew G. Barto")),
        ("Support-vector networks", ("C Cortes", "V Vapnik")),
        ("Attention is all you need", ("Ashish Vaswani", "Noam Shazeer", "Niki Parmar"))]


def test_titles_that_look_like_names_are_not_swallowed_into_author_lists():
    dump = ("Query optimization for object databases\nDavid Maier\nJennifer Widom\n"
            "Articles\nRichard Snodgrass\n"
            "Trade Press News\nMarianne Winslett\n"
            "Bit-Sliced Index Arithmetic\nDenis Rinfret\nPatrick O'Neil\nElizabeth O'Neil\n"
            "Political Winds Change Direction Again\nJennifer Widom\n")
    assert records(dump) == [
        ("Query optimization for object databases", ("David Maier", "Jennifer Widom")),
        ("Articles", ("Richard Snodgrass",)),
        ("Trade Press News", ("Marianne Winslett",)),
        ("Bit-Sliced Index Arithmetic", ("Denis Rinfret", "Patrick O'Neil", "Elizabeth O'Neil")),
        ("Political Winds Change Direction Again", ("Jennifer Widom",))]


@pytest.mark.parametrize("title", ["Genetic Programming", "Fuzzy Logic", "Tabu Search", "Cascade Correlation",
                                   "Database Tuning", "Trade Press News", "Bit-Sliced Index Arithmetic"])
def test_a_short_title_case_title_after_an_author_list_starts_a_paper(title):
    # a title word counts even where a surname would stand; "Neal Sample" or "Gang He" stay names
    dump = f"Query optimization for object databases\nJohn Smith\nNeal Sample\nGang He\n{title}\nPeter Brown\n"
    assert records(dump) == [("Query optimization for object databases", ("John Smith", "Neal Sample", "Gang He")),
                             (title, ("Peter Brown",))]


def test_a_long_line_followed_by_names_is_a_title_not_an_abstract():
    dump = ("LH*: a scalable, distributed data structure\nWitold Litwin\n"
            "Review of Data on the Web: from relational to semistructured data and XML by Serge Abiteboul, "
            "Peter Buneman, and Dan Suciu. Morgan Kaufmann 1999.\nFernando Berzal\nNicolás Marín\n")
    found = records(dump)
    assert len(found) == 2 and found[1][0].startswith("Review of Data on the Web")
    assert found[1][1] == ("Fernando Berzal", "Nicolás Marín")


def test_an_ambiguous_line_lands_once_and_the_report_shows_both_readings(tmp_path):
    # "Deep Blue" between an author and a title: an author called Deep Blue, or a paper without authors
    dump = "Query optimization for object databases\nJohn Smith\nDeep Blue\nEfficient joins over streams\nMary Jones\n"
    (uncertain,) = parse(dump).uncertain
    assert (uncertain.line, uncertain.text) == (3, "Deep Blue")
    content = ingest(tmp_path, {"d.txt": dump})
    placed = [s for p in papers(content) for s in p["sources"]] + [
        a for p in papers(content) for a in p["authors"] if a == "Deep Blue"]
    assert sum(1 for p in papers(content) if p["title"] == "Deep Blue") + placed.count("Deep Blue") == 1
    report = (content / "ingest" / "report.md").read_text(encoding="utf-8")
    section = report.split("## Lines that could be read either way")[1].split("\n## ")[0]
    assert "- d.txt:3 'Deep Blue': read as " in section and "; could be " in section


# ---------------------------------------------------------------- every line once


NAME_LINES = ["Aha DW", "Kibler D", "D. W. Aha", "Aha, D. W.", "van Roggen W", "eva Kühn", "Ning An",
              "Roberto J. Bayardo, Jr.", "S udholt, M.", "王小明", "Jim Gray", "A. Smith, B. Jones", "et al.",
              "An N", "Ilyas IF, Rao J", "Motik, Boris and Maedche, Alexander", "Atzeni, P., & Torlone, R.",
              "de Vel O, Anderson A", " and ".join(["Richard T. Snodgrass", "Ilsoo Ahn", "Gad Ariav"] * 8)]
TITLE_LINES = ["Articles", "Trade Press News", "Instance-based learning algorithms", "Guest Editorial",
               "Multivariate decision trees", "Political Winds Change Direction Again", "Page 2 of 3",
               "Journal articles", "2024", "A" * 320, "Abstract: We study things. They matter. A lot more.", "---",
               "David DeWitt Speaks Out.", "RoadRunner: automatic data extraction from ...", "others", "…"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(NAME_LINES), st.sampled_from(TITLE_LINES), st.just(""),
                          st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r"),
                                  max_size=40)), max_size=40))
def test_every_non_blank_line_is_in_exactly_one_record_header_or_skip(lines):
    dump = parse_dump("p.txt", lines)
    places: dict[int, int] = {}
    for record in list(dump.papers) + list(dump.profiles):
        for n in record.lines:
            places[n] = places.get(n, 0) + 1
    for n, _ in dump.headers:
        places[n] = places.get(n, 0) + 1
    for problem in dump.problems:
        places[problem.line] = places.get(problem.line, 0) + 1
    non_blank = {i for i, text in enumerate(lines, 1) if text.strip()}
    assert {n for n in places if n in non_blank} == non_blank
    assert all(places[n] == 1 for n in non_blank), places


# ---------------------------------------------------------------- clustering without chains


def item(title: str, *authors: str, source: str = "", **extra):
    return make_item(title, tuple(authors), "", source=source or title[:20], **extra)


def test_a_short_title_inside_two_longer_ones_stays_three_papers():
    items = [item("Incremental decision tree induction", "Paul E. Utgoff"),
             item("Decision tree induction", "Paul E. Utgoff"),
             item("Decision tree induction based on efficient tree restructuring", "Paul E. Utgoff")]
    clusters = cluster_papers(items)
    assert clusters.groups == [[0], [1], [2]]


def test_one_link_never_joins_two_groups_whose_other_pairs_disagree():
    # each long title contains the middle one, and both pairs would merge alone
    items = [item("Learning sparse decision trees with pruning: a theory", "John Smith", "Kim Jones"),
             item("Learning sparse decision trees with pruning", "John Smith", "Kim Jones"),
             item("Learning sparse decision trees with pruning and boosting ensembles", "Kim Jones", "Ann Lee")]
    assert compare_titles(items[0], items[1]).merged and compare_titles(items[1], items[2]).merged
    clusters = cluster_papers(items)
    assert len(clusters.groups) == 2 and [0, 2] not in clusters.groups
    assert any("which are not the same paper" in ev.reason for ev in clusters.near_misses)


def test_one_garbled_version_among_many_does_not_split_a_paper():
    title = "Learning to predict by the methods of temporal differences"
    items = [item(title, "R. S. Sutton") for _ in range(4)]
    items += [item(title + ". Machine Learning, 3", "RS Sutton"), item(title + ". Machine Learning, 4", "Sutton, R. S.")]
    assert not compare_titles(items[4], items[5]).merged     # the two garbled versions disagree...
    clusters = cluster_papers(items)
    assert clusters.groups == [[0, 1, 2, 3, 4, 5]]           # ...but agree with the four others
    assert any(ev.contradicting == 1 and ev.agreeing == 4 for ev in clusters.evidence)


def test_a_sequel_and_a_comparison_are_other_papers_but_a_subtitle_is_not():
    koza = [item("Genetic programming", "J. R. Koza"), item("Genetic programming II", "Koza JR"),
            item("Genetic Programming: on the programming of computers by means of natural selection", "Koza, J. R.")]
    assert cluster_papers(koza).groups == [[0, 2], [1]]
    trees = [item("Multivariate decision trees", "C. E. Brodley", "P. E. Utgoff"),
             item("Multivariate versus univariate decision trees", "Brodley CE", "Utgoff PE")]
    assert cluster_papers(trees).groups == [[0], [1]]


@pytest.mark.parametrize("a, b", [
    ("Instance-based learning algorithms", "Noise-tolerant instance-based learning algorithms"),
    ("Instance-based Learning Algorithms", "Noise-Tolerant IBL Algorithms"),
    ("ProbView: a flexible probabilistic database system", "ProbView: a probabilistic database system for uncertain data"),
    ("The cascade-correlation learning architecture", "The Cascade 2 learning architecture"),
    ("Comparative Analysis of Five XML Query Languages", "Comparative analysis of six XML schema languages"),
    ("One-dimensional and multi-dimensional substring selectivity estimation",
     "Multi-Dimensional Substring Selectivity Estimation"),
    ("LH*RS: a high-availability scalable distributed data structure", "LH*: a scalable distributed data structure"),
])
def test_close_titles_that_differ_in_the_word_that_matters_stay_apart(a, b):
    ev = compare_titles(item(a, "David W. Aha", "Dennis Kibler"), item(b, "David W. Aha", "Dennis Kibler"))
    assert not ev.merged, ev


def test_a_generic_title_with_one_shared_author_stays_apart():
    items = [item("Reminiscences on Influential Papers", "Kenneth A. Ross", "Jennifer Widom"),
             item("Reminiscences on influential papers", "Kenneth A. Ross", "Gerhard Weikum"),
             item("Reminiscences on Influential Papers", "Kenneth A. Ross")]
    assert cluster_papers(items).groups == [[0], [1], [2]]
    # the same column printed twice, with its authors, is one
    twins = [item("Reminiscences on Influential Papers", "Kenneth A. Ross", "Jennifer Widom"),
             item("Reminiscences on influential papers", "K. Ross", "J. Widom")]
    assert cluster_papers(twins).groups == [[0, 1]]


@pytest.mark.parametrize("a, b", [
    ("Data Warehousing and OLAP (panel session)", "Data warehousing and OLAP (Panel Abstract)"),
    ("Tutorial: Indexing multimedia databases", "Indexing Multimedia Databases (tutorial session)"),
    ("Transaction Processing: Concepts and Techniques - Book Review", "Transaction processing: concepts and techniques"),
    ("Mining surprising patterns (extended abstract)", "Mining Surprising Patterns"),
    ("Business data management for B2B electronic commerce",
     "Business Data Management for Business-to-Business Electronic Commerce"),
    ("Technical note: Q-learning", "Q-Learning"),
    ("Research Paper: Mining surprising patterns", "Mining surprising patterns"),
])
def test_decorations_do_not_hide_twins(a, b):
    ev = compare_titles(item(a, "Jim Gray", "Andreas Reuter"), item(b, "J. Gray", "A. Reuter"))
    assert ev.merged, ev


# ---------------------------------------------------------------- people


def test_a_nickname_and_a_formal_name_on_one_paper_are_one_person(tmp_path):
    acm = ("A theory of redo recovery\nDavid B. Lomet\nMark R. Tuttle\n"
           "Data management for mobile computing\nAbraham Silberschatz\nCharles D. Cranor\nStanley B. Zdonik\n")
    dblp = ("Broadcast disks\nStan Zdonik\nMichael Franklin\n"
            "Data Management for Mobile Computing\nAvi Silberschatz\nChuck Cranor\nStan Zdonik\n"
            "A Theory of Redo Recovery\nDave Lomet\nMark Tuttle\n")
    content = ingest(tmp_path, {"acm.txt": acm, "dblp.txt": dblp})
    by_title = {p["title"].casefold(): p for p in papers(content)}
    assert by_title["data management for mobile computing"]["authors"] == [
        "Abraham Silberschatz", "Charles D. Cranor", "Stanley B. Zdonik"]
    assert by_title["a theory of redo recovery"]["authors"] == ["David B. Lomet", "Mark R. Tuttle"]
    assert by_title["broadcast disks"]["authors"] == ["Stanley B. Zdonik", "Michael Franklin"]
    people = {yaml.safe_load(p.read_text(encoding="utf-8"))["name"]: yaml.safe_load(p.read_text(encoding="utf-8"))
              for p in (content / "authors").glob("*.yaml")}
    assert sorted(people["Stanley B. Zdonik"]["aliases"]) == ["Stan Zdonik"]
    assert sorted(people["David B. Lomet"]["aliases"]) == ["Dave Lomet"]


def test_vancouver_initials_and_dotted_initials_are_one_person_and_join_the_twins(tmp_path):
    """"Aha DW" (initials run together after the surname, as Cora and PubMed print them) is
    D. W. Aha: the twin records of one paper merge, and he is listed once on it."""
    dump = ("Instance-based learning algorithms\nAha DW\nKibler D\nAlbert MK\n"
            "Multivariate decision trees\nBrodley CE\nUtgoff PE\n"
            "Instance-Based Learning Algorithms.\nD. W. Aha\nD. Kibler\nM. K. Albert\n"
            "Q-learning\nWatkins CJCH\nDayan P\n"
            "Multivariate Decision Trees\nC. E. Brodley\nP. E. Utgoff\n"
            "Technical note: Q-learning\nC. J. C. H. Watkins\nP. Dayan\n"
            "C4.5: programs for machine learning\nQuinlan JR\n")
    content = ingest(tmp_path, {"cora.txt": dump})
    by_title = papers_by_title(content)
    assert sorted(by_title) == ["C4.5: programs for machine learning", "Instance-based learning algorithms",
                                "Multivariate decision trees", "Q-learning"]
    assert by_title["Instance-based learning algorithms"]["authors"] == ["D. W. Aha", "D. Kibler", "M. K. Albert"]
    assert by_title["Q-learning"]["authors"] == ["C. J. C. H. Watkins", "P. Dayan"]
    assert by_title["C4.5: programs for machine learning"]["authors"] == ["JR Quinlan"]   # JR: initials, not "Jr."
    assert len(list((content / "authors").glob("*.yaml"))) == 8


def test_a_title_case_title_whose_twin_is_printed_in_sentence_case_is_a_paper_not_a_person(tmp_path):
    """"Bagging Predictors" after "Breiman L" could be a name; its twin "Bagging predictors" cannot."""
    dump = ("Bagging predictors\nBreiman L\nBagging Predictors\nL. Breiman\n"
            "Classification and regression trees\nBreiman L\nFriedman JH\n")
    content = ingest(tmp_path, {"c.txt": dump})
    [bagging] = [p for p in papers(content) if p["title"].startswith("Bagging")]
    assert bagging["authors"] == ["L. Breiman"] and len(bagging["sources"]) == 2
    names = {yaml.safe_load(p.read_text(encoding="utf-8"))["name"] for p in (content / "authors").glob("*.yaml")}
    assert names == {"L. Breiman", "JH Friedman"}


def test_two_people_sharing_initials_and_a_surname_stay_apart():
    from site_builder.ingest.cluster import cluster_people

    people = cluster_people(["Kia Makki", "S. A. M. Makki", "Sam Makki", "K. Makki", "Kim Makki"], [])
    assert people.person_of["Kia Makki"] != people.person_of["Sam Makki"]
    assert people.person_of["K. Makki"] != people.person_of["Kia Makki"]     # could be Kim too: listed, not joined
    assert people.ambiguous


# ---------------------------------------------------------------- the entry point for other front ends


def test_match_records_uses_doi_year_and_venue_and_returns_the_evidence():
    site = [make_item("Nash Learning from Human Feedback", ("Rémi Munos", "Michal Valko"), "", anchor="nash-learning")]
    new = [item("Nash learning from human feedback", "R. Munos", "Mohammad Gheshlaghi Azar", source="refs.bib:12"),
           item("NLHF", "Remi Munos", source="refs.bib:40", doi="https://doi.org/10.5555/NLHF.1"),
           item("Nash Learning from Human Feedback (extended)", source="other.bib:3", doi="10.5555/nlhf.1"),
           item("Editorial", "Kenneth A. Ross", source="refs.bib:80", year="2001"),
           item("Editorial", "Kenneth A. Ross", source="refs.bib:90", year="2004")]
    matching = match_records(new, site, {"remi-munos": ["Rémi Munos"]})
    group_of = {i: g for g in matching.papers.groups for i in g}
    assert matching.new == 5 and matching.items[5].anchor == "nash-learning"
    assert group_of[0] == group_of[5]                        # the record joins the existing entry
    assert group_of[1] == group_of[2] != group_of[0]         # one DOI: one paper, whatever the titles
    assert group_of[3] != group_of[4]                        # a generic title in two years: two papers
    reasons = {(e.left, e.right): e.reason for e in matching.papers.evidence}
    assert reasons[(1, 2)] == "same DOI"
    assert matching.people.anchors[matching.people.person_of["R. Munos"]] == "remi-munos"


def test_a_vancouver_surname_that_is_an_english_word_is_an_author_not_a_paper(tmp_path):
    """"An N" (Ning An, printed "Last F" as PubMed and Cora print names) is the author of the
    record above, like "Do HT": no paper is made from either line, and no line is lost."""
    dump = ("Improving Performance with Bulk-Inserts in Oracle R-Trees\nAn N\nRavada S\nKanth KVR\n"
            "The XML typechecking problem\nSuciu D\n"
            "Multivariate decision trees\nBrodley CE\nUtgoff PE\n"
            "Fast retrieval of Vietnamese text\nDo HT\nNguyen V\n")
    by_title = papers_by_title(ingest(tmp_path, {"pubmed.txt": dump}))
    assert sorted(by_title) == ["Fast retrieval of Vietnamese text", "Improving Performance with Bulk-Inserts in Oracle R-Trees",
                                "Multivariate decision trees", "The XML typechecking problem"]
    assert by_title["Improving Performance with Bulk-Inserts in Oracle R-Trees"]["authors"] == ["N An", "S Ravada",
                                                                                                "KVR Kanth"]
    assert by_title["Fast retrieval of Vietnamese text"]["authors"] == ["HT Do", "V Nguyen"]


# ---------------------------------------------------------------- a record's names on one line

def test_the_same_author_list_joined_with_and_on_two_twins_is_authors_not_a_paper():
    """BibTeX-like "A and B" author lines: the twin records of one paper print the same line, which
    must not read as a title printed twice (a paper's twin)."""
    got = records("""
A Theory of Redo Recovery
David Lomet and Mark Tuttle
Broadcast Disks: Data Management for Asymmetric Communication Environments
Swarup Acharya and Rafael Alonso and Michael Franklin and Stanley Zdonik
A theory of redo recovery
David Lomet and Mark Tuttle
Multivariate decision trees
Carla E. Brodley and Paul E. Utgoff
""")
    assert got == [("A Theory of Redo Recovery", ("David Lomet", "Mark Tuttle")),
                   ("Broadcast Disks: Data Management for Asymmetric Communication Environments",
                    ("Swarup Acharya", "Rafael Alonso", "Michael Franklin", "Stanley Zdonik")),
                   ("A theory of redo recovery", ("David Lomet", "Mark Tuttle")),
                   ("Multivariate decision trees", ("Carla E. Brodley", "Paul E. Utgoff"))]


def test_pubmed_initials_that_spell_a_word_are_initials():
    """"Ilyas IF", "Swami AN", "Haritsa JR", "An N": Vancouver names on one line, comma-separated."""
    got = records("""
Estimating compilation time of a query optimizer
Ilyas IF, Rao J, Lohman G
Set-oriented mining for association rules in relational databases
Houtsma M, Swami AN
Cost-based query optimization for XML
Goyal B, Haritsa JR, Seshadri S
Improving performance with bulk-inserts in Oracle R-trees
An N, Ravada S, Kanth KVR
""")
    assert [authors for _, authors in got] == [("IF Ilyas", "J Rao", "G Lohman"), ("M Houtsma", "AN Swami"),
                                               ("B Goyal", "JR Haritsa", "S Seshadri"), ("N An", "S Ravada", "KVR Kanth")]


def test_a_long_author_list_on_one_line_is_the_authors_not_an_abstract():
    """Eighteen names joined with "and" (over 300 characters, as long as an abstract)."""
    names = ["Richard T. Snodgrass", "Ilsoo Ahn", "Gad Ariav", "Don S. Batory", "James Clifford",
             "Curtis E. Dyreson", "Ramez Elmasri", "Fabio Grandi", "Christian S. Jensen", "Wolfgang Käfer",
             "Nick Kline", "Krishna G. Kulkarni", "T. Y. Cliff Leung", "Nikos A. Lorentzos", "John F. Roddick",
             "Arie Segev", "Michael D. Soo", "Suryanarayana M. Sripada"]
    line = " and ".join(names)
    assert len(line) > 300
    dump = parse(f"TSQL2 language specification\n{line}\nMultivariate decision trees\nCarla E. Brodley\n")
    first = dump.papers[0]
    assert (first.title, first.authors, first.abstract) == ("TSQL2 language specification", tuple(names), "")


def test_titles_ending_with_a_period_stay_titles():
    """"David DeWitt Speaks Out." and "METU Object-Oriented DBMS." look like names but for their
    last word: "out" is an English word and "DBMS." an acronym, not initials."""
    got = records("""
Data Management Challenges in CRM.
George Colliat
David DeWitt Speaks Out.
Marianne Winslett
METU Object-Oriented DBMS.
Cetin Ozkan
Cem Evrendilek
""")
    assert got == [("Data Management Challenges in CRM.", ("George Colliat",)),
                   ("David DeWitt Speaks Out.", ("Marianne Winslett",)),
                   ("METU Object-Oriented DBMS.", ("Cetin Ozkan", "Cem Evrendilek"))]


def test_a_name_inside_a_title_all_in_lower_case_still_reads_as_a_name():
    """Google Scholar prints titles in lower case: "serge abiteboul" in one title is not evidence
    that "Serge Abiteboul" on an author line is made of common words."""
    got = records("""
incremental maintenance for materialized views over semistructured data
Serge Abiteboul
Jason McHugh
Michael Rys
an interview with serge abiteboul
Marianne Winslett
logical logging to extend recovery to new domains
David Lomet
Mark Tuttle
querying documents in object databases
Serge Abiteboul
Sophie Cluet
Tova Milo
""")
    assert [title for title, _ in got] == ["incremental maintenance for materialized views over semistructured data",
                                           "an interview with serge abiteboul",
                                           "logical logging to extend recovery to new domains",
                                           "querying documents in object databases"]
    assert got[0][1] == ("Serge Abiteboul", "Jason McHugh", "Michael Rys")


# ---------------------------------------------------------------- listings cut short

def test_et_al_on_a_line_of_its_own_ends_the_author_list(tmp_path):
    """Google Scholar-like listings print the first authors and "et al.": the line is not a paper,
    the twins merge on their title and first author, and the report asks for the missing people."""
    dump = ("TIMBER: A native XML database\nH. V. Jagadish\nCong Yu\net al.\n"
            "Multivariate decision trees\nCarla E. Brodley\nPaul E. Utgoff\n"
            "TIMBER: a native XML database\nH. V. Jagadish\nS. Al-Khalifa\net al.\n")
    content = ingest(tmp_path, {"scholar.txt": dump})
    by_title = papers_by_title(content)
    assert sorted(by_title) == ["Multivariate decision trees", "TIMBER: A native XML database"]
    timber = by_title["TIMBER: A native XML database"]
    assert sorted(timber["authors"]) == ["Cong Yu", "H. V. Jagadish", "S. Al-Khalifa"]
    assert sorted(timber["sources"]) == ["scholar.txt:1", "scholar.txt:8"]
    report = (content / "ingest" / "report.md").read_text(encoding="utf-8")
    assert "## Incomplete author lists" in report
    assert "H. V. Jagadish" in report.split("## Incomplete author lists")[1].split("##")[0]


def test_same_title_with_different_authors_and_no_et_al_stays_two_papers():
    """Without "et al.", two author lists with no one in common are two papers of one title."""
    clusters = cluster_papers([clean_paper(r) for r in parse(
        "TIMBER: A native XML database\nAndrew Nierman\nCong Yu\n"
        "TIMBER: a native XML database\nH. V. Jagadish\nS. Al-Khalifa\n").papers])
    assert clusters.groups == [[0], [1]]


def test_a_title_cut_short_joins_the_paper_it_starts_not_a_reworded_one():
    """"RoadRunner: automatic data extraction from ..." starts one of the group's two papers; the
    other ("Towards automatic...") contains its words too, but not at its start."""
    clusters = cluster_papers([clean_paper(r) for r in parse(
        "RoadRunner: Towards Automatic Data Extraction from Large Web Sites\nValter Crescenzi\nGiansalvatore Mecca\n"
        "RoadRunner: automatic data extraction from ...\nGiansalvatore Mecca\nValter Crescenzi\n"
        "RoadRunner: automatic data extraction from data-intensive web sites\nValter Crescenzi\nGiansalvatore Mecca\n"
        "DIRECTV and Oracle Rdb: the challenge of VLDB ...\nWilliam L. Gettys\n"
        "DIRECTV and Oracle Rdb: The Challenges of VLDB Transaction Processing\nWilliam L. Gettys\n").papers])
    assert clusters.groups == [[0], [1, 2], [3, 4]]


def test_a_short_title_of_two_sentences_without_authors_is_a_title_not_an_abstract():
    """A book review's title reads like two sentences; in a listing where some records have no
    author line and none has an abstract, it is the next record, not the abstract of the record
    above."""
    topics = ["query optimization", "view maintenance", "data integration", "index structures", "transaction logs",
              "schema matching", "stream processing", "spatial joins", "text retrieval", "data cleaning",
              "query caching", "XML storage", "workflow systems", "data mining", "replication protocols"]
    people = ["Witold Litwin", "Marie-Anna Neimat", "Ji-Rong Wen", "Qing Li", "Carla E. Brodley", "Paul E. Utgoff",
              "Sridhar Ramaswamy", "Rajeev Rastogi", "Kyuseok Shim", "Andrew Nierman", "Cong Yu"]
    lines = []
    for k, topic in enumerate(topics * 3):      # a dump of 45 records: enough to show its habits
        lines.append(f"{('Efficient', 'Scalable', 'Adaptive')[k // 15]} {topic} in distributed database systems")
        if k % 5 != 4:                    # one record in five has no author line
            lines += [people[k % len(people)], people[(k + 3) % len(people)]]
        if k == 7:
            lines.append("Review of Data on the Web: from relational to semistructured data and XML by Serge "
                         "Abiteboul, Peter Buneman, and Dan Suciu. Morgan Kaufmann 1999.")
    dump = parse("\n".join(lines))
    assert [r.abstract for r in dump.papers] == [""] * 46
    assert [r.title for r in dump.papers][8][:30] == "Review of Data on the Web: fro"


def test_vancouver_initials_that_could_be_a_surname_in_capitals_stay_initials():
    """"George FAW" in a Vancouver listing is F. A. W. George ("FAW George" would read as a
    surname in capitals before a given name, like "LEE Ming"): the twin of one paper joins."""
    got = records("Estimating compilation time of a query optimizer\nIlyas IF\nRao J\n"
                  "DMS: A Parallel Data Mining Server\nGeorge FAW\n"
                  "Set-oriented mining for association rules\nHoutsma M\nSwami AN\n")
    assert got[1] == ("DMS: A Parallel Data Mining Server", ("F. A. W. George",))
    assert (split_name("F. A. W. George").given, split_name("F. A. W. George").surname) == (("f", "a", "w"), "george")
    clusters = cluster_papers([make_item("DMS: A Parallel Data Mining Server", ("F. A. W. George",), ""),
                               make_item("DMS: A Parallel Data Mining Server", ("Felicity George",), "")])
    assert clusters.groups == [[0, 1]]


def test_a_particle_before_the_first_of_several_vancouver_names():
    """"de Vel O, Anderson A, Corney M": four people, the first with a particle, not one."""
    got = records("Mining e-mail content for author identification forensics\nde Vel O, Anderson A, Corney M, Mohay G\n"
                  "Multivariate decision trees\nBrodley CE\nUtgoff PE\n")
    assert got[0][1] == ("O de Vel", "A Anderson", "M Corney", "G Mohay")


def test_a_cut_title_may_differ_from_the_full_one_by_one_small_word_or_a_plural():
    """Even when the cut leaves little of the title: "Amicalola Report: Database and Information
    System ..." scores 57/100 against the full title, which it starts."""
    clusters = cluster_papers([clean_paper(r) for r in parse(
        "Order-of-magnitude advantage on TPC-C through massive ...\nCharles Levine\n"
        "Order-of-Magnitude Advantage of TPC-C Though Massive Parallelism\nCharles Levine\n"
        "Semistructured and structured data in the Web: going back and forth\nPaolo Atzeni\nPaolo Merialdo\n"
        "Semistructured und Structured Data in the Web: Going ...\nPaolo Merialdo\nPaolo Atzeni\n"
        "Amicalola Report: Database and Information System ...\nRobert Meersman\nAmit P. Sheth\n"
        "Amicalola report: database and information systems research challenges and opportunities in semantic "
        "web and enterprises\nAmit Sheth\nRobert Meersman\n").papers])
    assert clusters.groups == [[0, 1], [2, 3], [4, 5]]


def test_bibtex_and_apa_author_lines_are_several_people():
    """"Last, First and Last, First" (a BibTeX author field), "Last, I., & Last, I." (APA) and
    "Last, First, Last, First": each a list of people, not one name or a title."""
    got = records("""
Monitoring XML data on the Web
Nguyen, Benjamin and Abiteboul, Serge and Cobena, Gregory
Chameleon: an extensible and customizable tool for Web data translation
Atzeni, P., & Torlone, R.
Fast incremental indexing for full-text information retrieval
Brown, Eric W., Callan, James P., Croft, W. Bruce
Improving performance with bulk-inserts in Oracle R-trees
An, Ning
""")
    assert [authors for _, authors in got] == [("Benjamin Nguyen", "Serge Abiteboul", "Gregory Cobena"),
                                               ("P. Atzeni", "R. Torlone"),
                                               ("Eric W. Brown", "James P. Callan", "W. Bruce Croft"), ("Ning An",)]


def test_a_letter_dropped_or_a_space_moved_in_a_long_title_is_the_same_paper():
    """Scraped citations slip: "Monitoring XML Daa on the Web", "... Optimized for the Ne wBottleneck".
    Two titles that differ by another short word stay apart."""
    clusters = cluster_papers([clean_paper(r) for r in parse(
        "Monitoring XML Daa on the Web\nNguyen, B.\n"
        "Monitoring XML Data on the Web\nBenjamin Nguyen\n"
        "Database Architecture Optimized for the Ne wBottleneck: Memory Access\nP. A. Boncz\n"
        "Database Architecture Optimized for the New Bottleneck: Memory Access\nPeter A. Boncz\n"
        "Five XML Query Languages Compared\nJohn Smith\n"
        "Six XML Query Languages Compared\nJohn Smith\n").papers])
    assert clusters.groups == [[0, 1], [2, 3], [4], [5]]


# ---------------------------------------------------------------- Google Scholar: "DW Aha", initials before the surname

SCHOLAR = """
Answering Queries Using Views: A Survey
AY Levy
SchemaSQL - A Language for Interoperability in Relational Multi-Database Systems
LVS Lakshmanan
F Sadri
IN Subramanian
Efficiently Publishing Relational Data as XML Documents
J Shanmugasundaram
EJ Shekita
R Barr
MJ Carey
Query Processing for Moving Objects with Space-Time Grid Storage Model
IF Cruz
M Averbuch
Temporal Data Management
CS Jensen
RT Snodgrass
"""


def test_scholar_names_with_undotted_initials_first_are_authors_not_papers():
    """Google Scholar prints "DW Aha": two capitals before a surname were read as an acronym
    starting a title ("AY Levy", "RT Snodgrass"), and capitals that spell a word ("IF Cruz",
    "IN Subramanian") as that word: each such line became a paper."""
    got = records(SCHOLAR)
    assert [title for title, _ in got] == ["Answering Queries Using Views: A Survey",
                                           "SchemaSQL - A Language for Interoperability in Relational Multi-Database Systems",
                                           "Efficiently Publishing Relational Data as XML Documents",
                                           "Query Processing for Moving Objects with Space-Time Grid Storage Model",
                                           "Temporal Data Management"]
    assert [authors for _, authors in got] == [("AY Levy",), ("LVS Lakshmanan", "F Sadri", "IN Subramanian"),
                                               ("J Shanmugasundaram", "EJ Shekita", "R Barr", "MJ Carey"),
                                               ("IF Cruz", "M Averbuch"), ("CS Jensen", "RT Snodgrass")]


def test_scholar_author_lines_with_commas_are_lists_of_names():
    got = records("Cost-based query optimization for XML\nA Ghosh, VS Sengar, JR Haritsa, J Parikh\n"
                  "Answering Queries Using Views: A Survey\nAY Levy\n")
    assert got == [("Cost-based query optimization for XML", ("A Ghosh", "VS Sengar", "JR Haritsa", "J Parikh")),
                   ("Answering Queries Using Views: A Survey", ("AY Levy",))]


def test_three_scholar_initials_are_initials_when_the_dump_prints_that_surname_elsewhere():
    """"TYC Leung" could be an acronym and a word; beside "T. Y. Cliff Leung" it is a name, and
    read as T. Y. C. Leung (not "Leung" given, "TYC" a surname in capitals, like "LEE Ming")."""
    got = records(SCHOLAR + "The TSQL2 Temporal Query Language\nRT Snodgrass\nTYC Leung\n"
                            "Query Rewrite Optimization Rules in IBM DB2 Universal Database\nT. Y. Cliff Leung\n"
                            "H Pirahesh\n")
    assert got[5] == ("The TSQL2 Temporal Query Language", ("RT Snodgrass", "T. Y. C. Leung"))
    assert split_name(got[5][1][1]) == split_name("T. Y. C. Leung") and split_name("T. Y. C. Leung").surname == "leung"


def test_scholar_names_join_their_people_and_twins_across_styles(tmp_path):
    """One paper printed by DBLP and by Google Scholar is one entry, and "AY Levy" is Alon Y. Levy."""
    content = ingest(tmp_path, {"dblp.txt": "Answering Queries Using Views: A Survey\nAlon Y. Levy\n"
                                            "Temporal Data Management\nChristian S. Jensen\nRichard T. Snodgrass\n",
                                "scholar.txt": SCHOLAR})
    entries = papers_by_title(content)
    assert len(entries) == 5
    people = {yaml.safe_load(p.read_text(encoding="utf-8"))["name"] for p in (content / "authors").glob("*.yaml")}
    assert "Alon Y. Levy" in people and "AY Levy" not in people
    assert "Richard T. Snodgrass" in people and "RT Snodgrass" not in people


def test_an_acronym_and_a_title_word_stay_a_title_among_scholar_names():
    """"IT Security" has the shape of "IF Cruz", but its word is a title's."""
    got = records(SCHOLAR + "IT Security\nPW Weill\nJW Ross\n")
    assert got[-1] == ("IT Security", ("PW Weill", "JW Ross"))


def test_a_name_in_capitals_with_initials_is_the_person_printed_otherwise():
    """A citation index in capitals ("ATKINSON RG", "ATKINSON, RG"): the capitals after the
    surname are initials (R. G.), not a surname RG; "WANG, WEI" keeps its given name."""
    for printed in ("ATKINSON RG", "ATKINSON, RG"):
        assert (split_name(printed).given, split_name(printed).surname) == (("r", "g"), "atkinson")
    assert (split_name("WANG, WEI").given, split_name("WANG, WEI").surname) == (("wei",), "wang")
    clusters = cluster_papers([clean_paper(r) for r in parse(
        "Use of a component architecture in integrating relational and non-relational storage systems\n"
        "Robert Atkinson\nTemporal Data Management\nJENSEN CS\nSNODGRASS RT\n"
        "Use of a Component Architecture in Integrating Relational and Non-relational Storage Systems\n"
        "ATKINSON RG\n").papers])
    assert clusters.groups == [[0, 2], [1]]


def test_people_named_in_a_title_after_by_do_not_make_their_name_a_title():
    """"Review of Data on the Web ... by Serge Abiteboul, Peter Buneman, and Dan Suciu": a dump
    that printed "Serge Abiteboul" in full once, as an author, counted his names as title words
    (seen as often in titles as in names), and read that author line as a paper's title (the dev
    set printed with first initials only: "S Abiteboul" everywhere else)."""
    lines = ["Review of Data on the Web: from relational to semistructured data and XML by Serge Abiteboul, "
             "Peter Buneman, and Dan Suciu. Morgan Kaufmann 1999.", "S Bressan",
             "Incremental Maintenance for Materialized Views over Semistructured Data", "Michael Rys",
             "Serge Abiteboul", "Jason McHugh", "Bagging predictors revisited", "L Breiman"]
    words = Vocabulary([(line, name_reading(line)) for line in lines])
    assert [words.title_evidence(w, w.title()) for w in ("serge", "abiteboul", "predictors")] == [0, 0, 1]
    assert name_odds(name_reading("Serge Abiteboul"), False, words) > 0


def test_google_scholar_result_tags_are_not_part_of_the_title(tmp_path):
    """A page of Google Scholar results prints "[PDF]", "[CITATION][C]" or "[BOOK][B]" before a
    title: the entry's title is the paper's, and it joins the paper printed without them."""
    content = ingest(tmp_path, {"scholar.txt": "[PDF] Answering Queries Using Views: A Survey\nAY Levy\n"
                                               "[CITATION][C] Temporal Data Management\nCS Jensen, RT Snodgrass\n"
                                               "[C++] A Language for Systems\nB Stroustrup\n",
                                "dblp.txt": "Answering queries using views: a survey\nAlon Y. Levy\n"})
    assert sorted(papers_by_title(content)) == ["Answering queries using views: a survey", "Temporal Data Management",
                                                "[C++] A Language for Systems"]


def test_a_numbered_listing_gives_titles_without_their_numbers(tmp_path):
    """A lab page that numbers its publications ("12.", "[12]", "(12)"): the number is not the
    title's, and the paper joins its twin printed without one. "2001: A Space Odyssey" and
    "3D Reconstruction" keep theirs."""
    content = ingest(tmp_path, {"lab.txt": "1. Answering Queries Using Views: A Survey\nAlon Y. Levy\n"
                                           "[2] Temporal Data Management\nChristian S. Jensen\n"
                                           "(3) 2001: A Space Odyssey of Databases\nAnn Other\n"
                                           "4. 3D Reconstruction from Photographs\nBob Smith\n",
                                "dblp.txt": "Temporal data management\nChristian S. Jensen\n"})
    assert sorted(title.casefold() for title in papers_by_title(content)) == [
        "2001: a space odyssey of databases", "4. 3d reconstruction from photographs",
        "answering queries using views: a survey", "temporal data management"]


def test_an_affiliation_after_a_name_is_not_part_of_it():
    """"Alon Y. Levy (University of Washington)", "Christos Faloutsos (CMU), Rakesh Agrawal (IBM
    Almaden)": every such line was a paper of its own, and the papers above lost their authors."""
    got = records("Answering Queries Using Views: A Survey\nAlon Y. Levy (University of Washington)\n"
                  "Temporal Data Management\nChristian S. Jensen (Aalborg University)\n"
                  "Richard T. Snodgrass (University of Arizona)\n"
                  "Indexing Multimedia Databases (Tutorial)\nChristos Faloutsos (CMU), Rakesh Agrawal (IBM Almaden)\n")
    assert got == [("Answering Queries Using Views: A Survey", ("Alon Y. Levy",)),
                   ("Temporal Data Management", ("Christian S. Jensen", "Richard T. Snodgrass")),
                   ("Indexing Multimedia Databases (Tutorial)", ("Christos Faloutsos", "Rakesh Agrawal"))]


def test_a_label_before_the_names_is_not_part_of_them():
    """"Authors: A, B" (a lab page's template), "Auteurs : …" (its French page), "by A and B":
    the line was a paper of its own, and the paper above had no authors."""
    got = records("Answering Queries Using Views: A Survey\nAuthors: Alon Y. Levy\n"
                  "Temporal Data Management\nAuteurs : Christian S. Jensen, Richard T. Snodgrass\n"
                  "Efficiently Publishing Relational Data as XML Documents\n"
                  "by Jayavel Shanmugasundaram and Eugene J. Shekita\n"
                  "By Design: Security in Databases\nAnn Other\n")
    assert got == [("Answering Queries Using Views: A Survey", ("Alon Y. Levy",)),
                   ("Temporal Data Management", ("Christian S. Jensen", "Richard T. Snodgrass")),
                   ("Efficiently Publishing Relational Data as XML Documents",
                    ("Jayavel Shanmugasundaram", "Eugene J. Shekita")),
                   ("By Design: Security in Databases", ("Ann Other",))]


def test_where_a_paper_appeared_is_its_venue_not_another_paper(tmp_path):
    """A lab's page prints where each paper appeared under its names ("VLDB Journal 10(4):
    270-294 (2001)", DBLP's "VLDB 2000: 65-76", "In Proceedings of ..., pages 65-76."): each such
    line was a paper of its own. It gives the entry its venue, volume, number, pages and year, and
    the paper's twins still join; a title with years ("In memory of Bob Kooi (1951-1993)") stays
    a title."""
    content = ingest(tmp_path, {
        "lab.txt": "Answering Queries Using Views: A Survey\nAlon Y. Levy\nVLDB Journal 10(4): 270-294 (2001)\n"
                   "Efficiently Publishing Relational Data as XML Documents\nJayavel Shanmugasundaram, "
                   "Eugene J. Shekita\nIn Proceedings of the 26th International Conference on Very Large Data Bases"
                   " (VLDB 2000), Cairo, Egypt, pages 65-76.\n"
                   "In memory of Bob Kooi (1951-1993)\nMichael Stonebraker\n"
                   "Attention Is All You Need\nAshish Vaswani\nCoRR abs/1706.03762 (2017)\n",
        "dblp.txt": "Efficiently publishing relational data as XML documents\nJayavel Shanmugasundaram\n"
                    "Eugene J. Shekita\nVLDB 2000: 65-76\n"})
    entries = {title.casefold(): entry for title, entry in papers_by_title(content).items()}
    assert sorted(entries) == ["answering queries using views: a survey", "attention is all you need",
                               "efficiently publishing relational data as xml documents",
                               "in memory of bob kooi (1951-1993)"]
    survey = entries["answering queries using views: a survey"]
    assert (survey["venue"], survey["volume"], survey["number"], survey["pages"], survey["date"]) == (
        "VLDB Journal", "10", "4", "270–294", "2001")
    xml = entries["efficiently publishing relational data as xml documents"]
    assert (xml["venue"], xml["pages"], xml["date"], len(xml["sources"])) == ("VLDB", "65–76", "2000", 2)
    assert entries["attention is all you need"]["arxiv"] == "1706.03762"
    assert "venue" not in entries["in memory of bob kooi (1951-1993)"]
    report = (content / "ingest" / "report.md").read_text(encoding="utf-8")
    assert "lab.txt:4 gives 'Proceedings of the 26th International Conference on Very Large Data Bases" in report


# ---------------------------------------------------------------- two places of one author list are two people

@pytest.mark.parametrize("names, expected", [
    ("J. Kim, J.-H. Kim, S. Park", ["J. Kim", "J.-H. Kim", "S. Park"]),
    ("Y. Wang, Yu Wang, Q. Li", ["Y. Wang", "Yu Wang", "Q. Li"]),
])
def test_two_coauthors_of_one_paper_with_one_surname_are_both_kept_from_a_dump(tmp_path, names, expected):
    """Korean and Chinese author lists often name two people with one surname and compatible
    initials; they are two people of that paper, never one (the import test of review13 holds
    the same for exports)."""
    content = ingest(tmp_path, {"lab.txt": f"Kernels for Radar Vision\n{names}\nIEEE Access 9: 1020-1031 (2021)\n"})
    assert [p["authors"] for p in papers(content)] == [expected]


def test_names_on_one_author_list_never_join_even_through_a_third_spelling():
    from site_builder.ingest.cluster import cluster_people
    people = cluster_people(["J. Kim", "J.-H. Kim", "Jae Kim", "S. Park"], [], {},
                            [("J. Kim", "J.-H. Kim", "S. Park"), ("Jae Kim",)])
    assert people.person_of["J. Kim"] != people.person_of["J.-H. Kim"]
