"""Review19: the duplicate matcher on entity-resolution data of the kind the public benchmarks hold
back (DBLP-Google Scholar, Cora, CiteSeer, DBLP-ACM). Each test ingests small dumps written here,
in the listing form of ../shared/devsets (a title line, then one author per line) and as citation
lines (Cora, APA), DBLP's side spelled as DBLP prints it and Google Scholar's with the damage
Scholar does. Every test also checks that every record lands in exactly one entry (nothing
invented, nothing lost).

Checked and held (twins joined, hard negatives kept apart, merged fields right):
- joined: "R Agrawal" / "MJ Franklin" / "JM Hellerstein" initials-only names against DBLP's full
  names; Scholar's "[PDF]", "[BOOK][B]", "[CITATION][C]" tags (dropped from the written title too);
  a title all in lower case; "&" and "&amp;" for "and" (matching only: see the entity test);
  diacritics stripped ("Schöning" / "Schoning", "Per-Åke" / "PA"); "On-Line" / "Online";
  British / American spelling (optimisation, visualisation, behaviour, modelling, analysing,
  colour, centre, cataloguing, neighbourhood); a subtitle added at the end ("... management" /
  "... management systems"); one or two typos ("Suporting ... databses", "Integratng
  heterogenous"); another author order; one author missing; "J Han / et al." and "J Pei / et al."
  (a cut list starting with the second author); a title cut with "…"; a surname cut by the
  scraper ("MJ Frankl", joined to Michael J. Franklin, not listed twice); "Data cube" against
  "Data Cube: A Relational Aggregation Operator ..." by the same four people; Cora citation lines
  ("R. Agrawal, T. Imielinski, and A. Swami. Mining association rules ... In Proc. ... 1993.")
  against the DBLP listing.
- kept apart: "Part I" / "Part II", "Volume 1" / "volume II"; "Efficient" / "Effective",
  "Lower Bound(s)" / "Upper bound(s)", "Maximal" / "Minimal", "Dense" / "Sparse", "Exact" /
  "Approximate", "Static" / "Dynamic", "XPath" / "XQuery", "Queries" / "Expressions"; "Aurora: a
  new model and architecture ..." / "Aurora: a data stream management system" (journal paper vs
  demo, other subtitle); "Parallel database systems: the future of high performance ..." / "...
  the future of database processing or a passing fad?"; the same title by other authors;
  "Introduction", "Editorial", "Preface", "Foreword", "Query Processing" by different people.

Fails (one test per cause below): HTML entities Scholar leaves in titles; the case of a title
decided by which dump's file name sorts first; a one-word main title without its subtitle; "Part
I" / "part 1"; two coordinated words swapped; the year and venue of citation lines never used as
evidence; editorials of two issues of one journal volume; "... revisited" follow-ups; the ICDE and
EDBT "Mining sequential patterns" papers; a one-author citation with a one-word title lost.

Seen and not tested here (outside the matcher): the venue of "IEEE Transactions on Knowledge and
Data Engineering, 7(1):1, 1995" is written "IEEE Transactions on Knowledge and Data Engineering,
:1" (venues.py: a one-page "7(1):1" is not read as the pages); "Efficient Processing ... Index: a
Demonstration" joins the full paper of that title (by design: "demonstration" is a decoration).
"""
from __future__ import annotations

import pytest

from test_ingest_real_forms import accounted_entries

DBLP_OTHER = "View Maintenance in a Warehousing Environment\nYue Zhuge\nHector Garcia-Molina\nJennifer Widom\n"
SCHOLAR_OTHER = "[PDF] Fast algorithms for mining association rules\nR Agrawal\nR Srikant\n"


_entries = accounted_entries


def _twins(tmp_path, dblp: str, scholar: str) -> list[dict]:
    """A DBLP listing and a Google Scholar listing, each with one other paper; the entries that
    hold the pair under test (not the other papers)."""
    entries = _entries(tmp_path, {"dblp.txt": DBLP_OTHER + dblp, "scholar.txt": SCHOLAR_OTHER + scholar})
    return [p for p in entries if not any(s in ("dblp.txt:1", "scholar.txt:1") for s in p["sources"])]


def _one_paper(entries: list[dict]) -> dict:
    assert len(entries) == 1, [(p["title"], p["sources"]) for p in entries]
    return entries[0]


def _apart(entries: list[dict], n: int = 2) -> None:
    assert len(entries) == n, [(p["title"], p["sources"]) for p in entries]


# ---------------------------------------------------------------- Scholar's HTML entities


@pytest.mark.parametrize("dblp, scholar", [
    ('The "Information Manifold" Approach to Data Integration\nAlon Y. Levy\nAnand Rajaraman\n',
     "The &quot;information manifold&quot; approach to data integration\nAY Levy\nA Rajaraman\n"),
    ("Telegraph – An Adaptive Dataflow System\nJoseph M. Hellerstein\nMichael J. Franklin\n",
     "Telegraph &#8211; an adaptive dataflow system\nJM Hellerstein\nMJ Franklin\n"),
    ("Don't Scrap It, Wrap It! A Wrapper Architecture for Legacy Data Sources\nMary Tork Roth\nPeter M. Schwarz\n",
     "Don&#39;t scrap it, wrap it! A wrapper architecture for legacy data sources\nMT Roth\nPM Schwarz\n"),
    ("", "Data integration &amp; exchange for scientific workflows\nP Buneman\nWC Tan\n"),
])
def test_html_entities_in_scholar_titles_are_the_characters_they_stand_for(tmp_path, dblp, scholar):
    """Input: a DBLP listing and a Google Scholar scrape of the same paper, Scholar's title keeping
    the HTML entities of its page ("&quot;", "&#8211;", "&#39;", "&amp;"). Now: the entities are
    never decoded (``normalise.clean_text`` / ``title_key``): "&quot;" folds to a word "quot"
    added in front of the title, "&#8211;" and "&#39;" to the numbers 8211 and 39 ("a number only
    one title has", "different numbers"), so the three pairs stay two papers each. Scholar's
    "Data integration &amp; exchange for scientific workflows" alone is written with "&amp;" in its
    title (the site escapes it again: a reader sees "&amp;"); beside DBLP's "... and ..." it joins
    (the "amp" word is lost in the fold) and DBLP's title is written only because "dblp.txt" sorts
    first. Right: one paper, its title without an entity."""
    entry = _one_paper(_twins(tmp_path, dblp, scholar))
    assert "&" not in entry["title"].replace(" & ", "")


# ---------------------------------------------------------------- which spelling of the title is written


def test_scholars_lower_cased_title_does_not_replace_dblps(tmp_path):
    """Input: Google Scholar's "[PDF] The design of postgres" / "M Stonebraker" / "LA Rowe" in
    "a_scholar.txt" and DBLP's "The Design of POSTGRES" / "Michael Stonebraker" / "Lawrence A.
    Rowe" in "b_dblp.txt". Now: one entry (right), titled "The design of postgres": each spelling
    is printed once and ``merge._best_title`` gives a tie to the first seen, i.e. to whichever
    dump's file name sorts first; the acronym's capitals are lost. Right: on a tie, the spelling
    that keeps its capitals (the other one only lowers them)."""
    dumps = {"a_scholar.txt": SCHOLAR_OTHER + "[PDF] The design of postgres\nM Stonebraker\nLA Rowe\n",
             "b_dblp.txt": DBLP_OTHER + "The Design of POSTGRES\nMichael Stonebraker\nLawrence A. Rowe\n"}
    entries = [p for p in _entries(tmp_path, dumps) if "postgres" in p["title"].casefold()]
    assert _one_paper(entries)["title"] == "The Design of POSTGRES"
    assert entries[0]["authors"] == ["Michael Stonebraker", "Lawrence A. Rowe"]


# ---------------------------------------------------------------- a subtitle missing


@pytest.mark.parametrize("dblp, scholar", [
    ("TinyDB: An Acquisitional Query Processing System for Sensor Networks\nSamuel Madden\nMichael J. Franklin\n"
     "Joseph M. Hellerstein\nWei Hong\n", "TinyDB\nS Madden\nMJ Franklin\nJM Hellerstein\nW Hong\n"),
    ("Eddies: Continuously Adaptive Query Processing\nRon Avnur\nJoseph M. Hellerstein\n",
     "Eddies\nR Avnur\nJM Hellerstein\n"),
])
def test_a_one_word_main_title_printed_without_its_subtitle_is_the_same_paper(tmp_path, dblp, scholar):
    """Input: DBLP's "TinyDB: An Acquisitional Query Processing System for Sensor Networks" (four
    authors) and a Scholar record printing only the main title "TinyDB" with the same four
    people; likewise "Eddies: Continuously Adaptive Query Processing" / "Eddies". Now: two papers,
    not even a near-miss: ``cluster.compare_titles`` counts a title as contained in another only
    when it has two content words or more, so the pair scores as "different titles". A two-word
    main title ("Data cube" / "Data Cube: A Relational ...") joins. Right: one paper (the rest is
    a subtitle after ":" and every author agrees, as the generic-title rule asks)."""
    entry = _one_paper(_twins(tmp_path, dblp, scholar))
    assert entry["title"] == dblp.split("\n")[0]


# ---------------------------------------------------------------- a number written another way


@pytest.mark.parametrize("dblp, scholar", [
    ("Temporal Databases: Theory, Design and Implementation, Part I\nAbdullah Uz Tansel\nJames Clifford\n",
     "Temporal databases: theory, design and implementation, part 1\nAU Tansel\nJ Clifford\n"),
    ("Temporal Databases: Theory, Design and Implementation, Part II\nAbdullah Uz Tansel\nJames Clifford\n",
     "Temporal databases: theory, design and implementation, part 2\nAU Tansel\nJ Clifford\n"),
    ("Principles of Database and Knowledge-Base Systems, Volume I\nJeffrey D. Ullman\n",
     "Principles of database and knowledge-base systems, volume 1\nJD Ullman\n"),
])
def test_a_roman_numeral_and_its_digit_are_one_number(tmp_path, dblp, scholar):
    """Input: DBLP's "..., Part I" and Scholar's "..., part 1" (and "Part II" / "part 2", "Volume
    I" / "volume 1"), same authors. Now: two papers, near-miss "different numbers or letters in
    the titles": ``cluster.title_numbers`` compares the tokens "i" and "1" as they are. "Part I" /
    "Part II" stay apart, rightly. Right: one paper (I is 1, II is 2)."""
    _one_paper(_twins(tmp_path, dblp, scholar))


# ---------------------------------------------------------------- two words swapped


def test_two_words_swapped_around_and_is_the_same_title(tmp_path):
    """Input: DBLP's "Efficient and Scalable Mining of Frequent Patterns" (Jiawei Han, Jian Pei)
    and Scholar's "Scalable and efficient mining of frequent patterns" (J Han, J Pei). Now: two
    papers, near-miss "reworded title (words moved)": ``cluster.moved_words`` takes any word that
    moved for a rewording, even two adjectives trading places around "and", where nothing else
    changed. Right: one paper (the words of a coordination swapped, the same content words, the
    same authors; the journal-version rewordings the rule is for move words across the title)."""
    _one_paper(_twins(tmp_path, "Efficient and Scalable Mining of Frequent Patterns\nJiawei Han\nJian Pei\n",
                      "Scalable and efficient mining of frequent patterns\nJ Han\nJ Pei\n"))


# ---------------------------------------------------------------- what a citation line says is evidence


@pytest.mark.parametrize("one, other", [
    ("Kim, W. (1995). Editorial. IEEE Transactions on Knowledge and Data Engineering, 7(1), 1.",
     "Kim, W. (1998). Editorial. IEEE Transactions on Knowledge and Data Engineering, 10(1), 1."),
    ("Stonebraker, M. (1981). Introduction. In Readings in Database Systems. Morgan Kaufmann.",
     "Stonebraker, M. (1998). Introduction. In Readings in Database Systems, 3rd ed. Morgan Kaufmann."),
    ("Widom, J. (1995). Research problems in data warehousing. In Proc. CIKM, 25-30.",
     "Widom, J. (2005). Research problems in data warehousing. In Proc. CIDR."),
    ("Kim, W. (1995). Editorial. IEEE Transactions on Knowledge and Data Engineering, 7(1), 1.",
     "Kim, W. (1995). Editorial. The VLDB Journal, 4(1), 1."),
])
def test_the_year_and_venue_a_citation_prints_keep_same_titled_records_apart(tmp_path, one, other):
    """Input: a reference list (APA) with two records of one title by one author: "Editorial" in
    TKDE 1995 and 1998, "Introduction" in two editions of a book 17 years apart, "Research
    problems in data warehousing" in 1995 and 2005, "Editorial" in TKDE and in the VLDB Journal
    the same year. Now: each pair is one entry: ``normalise.clean_paper`` makes the item without
    the record's year and venue (only ``clean_export`` passes them), so ``compare_titles``'s
    "different years" and "generic title in different venues/years" rules never see what the
    citation printed. Right: two papers each (docs/ingest.md: a year two or more apart keeps two
    records apart; a generic title needs an agreeing venue and year where the records have them)."""
    filler = "Agrawal, R., & Srikant, R. (1994). Fast algorithms for mining association rules. In Proc. VLDB (pp. 487-499).\n"
    entries = _entries(tmp_path, {"refs.txt": filler + one + "\n" + other + "\n"})
    _apart([p for p in entries if "refs.txt:1" not in p["sources"]])


def test_editorials_of_two_issues_of_one_volume_stay_apart(tmp_path):
    """Input: the editor-in-chief's "Editorial" in two issues of one volume, one year: "W. Kim.
    Editorial. IEEE Transactions on Knowledge and Data Engineering, 7(1):1, 1995." and "...,
    7(4):513, 1995." Now: one entry, its number "1" (the other issue's "4" and page 513 dropped):
    the generic-title rule of ``cluster.compare_titles`` checks venue and year only, and a
    ``CleanPaper`` carries no volume, number or pages, which here are all that tells the two
    apart. Right: two papers (an issue and a first page that differ are two publications)."""
    dump = ("R. Agrawal and R. Srikant. Fast algorithms for mining association rules. In Proc. VLDB, 1994.\n"
            "W. Kim. Editorial. IEEE Transactions on Knowledge and Data Engineering, 7(1):1, 1995.\n"
            "W. Kim. Editorial. IEEE Transactions on Knowledge and Data Engineering, 7(4):513, 1995.\n")
    entries = [p for p in _entries(tmp_path, {"cora.txt": dump}) if p["title"] == "Editorial"]
    _apart(entries)
    assert sorted(p.get("number") for p in entries) == ["1", "4"]


# ---------------------------------------------------------------- a follow-up is another paper


@pytest.mark.parametrize("word", ["revisited", "reconsidered"])
def test_a_title_with_revisited_appended_is_the_follow_up_paper(tmp_path, word):
    """Input: DBLP's "Eddies: Continuously Adaptive Query Processing" (Ron Avnur, Joseph M.
    Hellerstein) and Scholar's "Eddies: continuously adaptive query processing revisited" (R
    Avnur, JM Hellerstein). Now: one entry: ``compare_titles`` reads the extra last word as the
    rest of a title cut without a marker (the longer adds one light word, authors agree). Right:
    two papers: "X revisited" / "X reconsidered" is the title of a follow-up to X by its authors,
    never a cut of X's title."""
    _apart(_twins(tmp_path, "Eddies: Continuously Adaptive Query Processing\nRon Avnur\nJoseph M. Hellerstein\n",
                  f"Eddies: continuously adaptive query processing {word}\nR Avnur\nJM Hellerstein\n"))


@pytest.mark.xfail(strict=True, reason="left: a subtitle added is the same paper by design; telling a follow-up by its "
                                        "venue needs venue names compared across sources' abbreviations, which only the "
                                        "generic-title rule trusts so far")
def test_the_icde_and_edbt_mining_sequential_patterns_papers_stay_apart(tmp_path):
    """DEBATABLE (a subtitle added is, by design, the same paper). Input: Cora's two real papers,
    "R. Agrawal and R. Srikant. Mining sequential patterns. In Proc. of the 11th Int'l Conference
    on Data Engineering, Taipei, March 1995." and "R. Srikant and R. Agrawal. Mining sequential
    patterns: Generalizations and performance improvements. In Proc. of the 5th Int'l Conference
    on Extending Database Technology (EDBT), Avignon, March 1996." (the benchmark labels them two
    publications). Now: one entry: ``compare_titles`` takes the longer title for the shorter plus
    a subtitle, and neither the two conferences' venues (the item has none:
    ``normalise.clean_paper``) nor the reversed author order count. Right: two papers: two
    conferences, a year apart, the title extended and the authors reversed."""
    dump = ("R. Agrawal and R. Srikant. Mining sequential patterns. In Proc. of the 11th Int'l Conference on Data "
            "Engineering, Taipei, March 1995.\n"
            "R. Srikant and R. Agrawal. Mining sequential patterns: Generalizations and performance improvements. In "
            "Proc. of the 5th Int'l Conference on Extending Database Technology (EDBT), Avignon, March 1996.\n")
    _apart(_entries(tmp_path, {"cora.txt": dump}))


# ---------------------------------------------------------------- a record lost before matching


@pytest.mark.xfail(strict=True, reason="left: one name alone before the title is taken only when it cannot be a "
                                        "title's words (\"Bagging Predictors.\"); \"Won\" is no given name the reader "
                                        "knows (English, French, pinyin)")
def test_a_one_author_citation_with_a_one_word_title_keeps_its_title_and_author(tmp_path):
    """Input: a reference list in DBLP's given-name-first form, "Won Kim. Editorial. IEEE
    Transactions on Knowledge and Data Engineering, 7(1):1, 1995." and "Rakesh Agrawal and
    Ramakrishnan Srikant. Fast algorithms for mining association rules. In Proc. VLDB, 1994."
    Now: the second is read right, the first becomes a draft without title or authors, the whole
    line as its abstract (with "W. Kim." it is read right): the citation reader (citations.py)
    does not end the names after a one-name "Won Kim." followed by a one-word title, so the
    record never reaches the matcher as an "Editorial". Right: a paper "Editorial" by Won Kim."""
    dump = ("Won Kim. Editorial. IEEE Transactions on Knowledge and Data Engineering, 7(1):1, 1995.\n"
            "Rakesh Agrawal and Ramakrishnan Srikant. Fast algorithms for mining association rules. In Proc. VLDB, "
            "1994.\n")
    entries = _entries(tmp_path, {"cora.txt": dump})
    assert sorted((p["title"], tuple(p.get("authors") or ())) for p in entries) == [
        ("Editorial", ("Won Kim",)),
        ("Fast algorithms for mining association rules", ("Rakesh Agrawal", "Ramakrishnan Srikant"))]
