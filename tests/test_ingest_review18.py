"""Review18: regressions of this stop's record grammar in ``parse.py`` (a record stays open after
its abstract; labelled field lines are record details; whole citation lines are records of their
own), in the formats the project's own seeds use: listings with abstracts (seeds/000) and member
profile pages (seeds/004). Every input here was read right at a17446e and is read wrong now.

Areas checked that held (read the same at a17446e and now, or wrong at both): the five seeds
parse identically; Daily Papers and abstract pages (their parsers are unchanged and the seeds of
both read the same); "Year 2000 problem", "Volume rendering: ...", "NeurIPS 2017", "ICML 2020
Tutorial", "Comments on ...", "Proceedings of the Royal Society: ..." as the next title after an
abstract; "Software", "Transformers", "Attention", "Expand" as one-word titles followed by names;
a titleless abstract record followed by a record; French "Résumé :" abstracts; abstracts opening
"Vaswani et al. (2017) ...", "Source code ...", "Comments on ...", "Title: ...", "Keywords ...",
"Year after year ..."; numbered and bulleted listings with abstracts; profile role lines
("Role: Professor", "Alumni"); a labelled title ("TL;DR: ...") after names or a source line
(not after an abstract); a title ending in "(2019)" after a listing's abstract (now cut and made
the date, by design); "Next"/"Previous" after a record. Wrong at both (not counted here): "Cite",
"Save", "Slides", "Expand" between a record's lines; a numbered citation line ("1. A. Martin, B.
Stone. Title.") or an author-year citation line followed by an abstract (the title was the whole
line at a17446e; now the abstract becomes the citation's venue); "Proceedings of the IEEE (2019)"
as a title after an abstract.
"""
from __future__ import annotations

import pytest

from site_builder.ingest.parse import parse_dump

ABSTRACT_1 = ("We study the problem of learning from data in a principled way. Our method improves results on "
              "several benchmarks. Experiments confirm the theory and show large gains over prior work.")
ABSTRACT_2 = ("Reinforcement learning agents often fail to generalise across tasks. We propose a simple fix based "
              "on regularisation. It works well in practice on many domains and settings.")
PROFILE_HEAD = ["Portrait de Jean Dupont n'est pas disponible", "", "Jean Dupont", "", "Alumni", "",
                "Publications", ""]


def _papers(lines):
    return parse_dump("review18.txt", lines).papers


def _listing(first_abstract: str, second_title: str) -> list[str]:
    """Two records in the seeds' listing form: title, one name a line, abstract (seeds/000)."""
    return ["Deep Learning for Graphs", "Alice Martin", "Bob Stone", first_abstract,
            second_title, "Carol White", "Dan Black", ABSTRACT_2]


def _assert_two_records(papers, first_abstract: str, second_title: str, first_authors=("Alice Martin", "Bob Stone"),
                        second_authors=("Carol White", "Dan Black")):
    assert [(p.title, p.authors) for p in papers] == [
        ("Deep Learning for Graphs", first_authors), (second_title, second_authors)]
    assert papers[0].abstract == first_abstract
    assert papers[1].abstract == ABSTRACT_2


# ---------------------------------------------------------------- a labelled title after an abstract


def test_tldr_title_after_an_abstract_is_the_next_papers_title():
    """Input: a seed-style listing (title, names one a line, abstract) whose second title is
    "TL;DR: Mining Reddit to Learn Automatic Summarization" (Völske et al., 2017, a real paper).
    At a17446e: two records, each with its title, names and abstract. Now: the "TL;DR:" line is
    taken for a detail line of the first record (labelled field "tl;dr", allowed after an
    abstract); the first record loses its abstract, which becomes the second record's title, and
    the real title is gone. Right: the a17446e reading; a labelled line is a record's detail only
    when no names follow it as a title's would."""
    title = "TL;DR: Mining Reddit to Learn Automatic Summarization"
    _assert_two_records(_papers(_listing(ABSTRACT_1, title)), ABSTRACT_1, title)


def test_url_title_after_an_abstract_is_the_next_papers_title():
    """Input: the seed-style listing with the second title "URL: A Representation Learning
    Benchmark for Transferable Uncertainty Estimates" (Kirchhof et al., NeurIPS 2023, a real
    paper). At a17446e: read right. Now: "URL:" is an identifier label, the line joins the first
    record after its abstract, the abstract becomes the second record's title. Right: two records,
    the second titled "URL: ...", with its names and abstract."""
    title = "URL: A Representation Learning Benchmark for Transferable Uncertainty Estimates"
    _assert_two_records(_papers(_listing(ABSTRACT_1, title)), ABSTRACT_1, title)


def test_source_labelled_title_after_an_abstract_is_the_next_papers_title():
    """Input: the seed-style listing with the second title "Source: a tale of two datasets".
    At a17446e: read right. Now: "Source:" is a source label; the title line becomes the first
    record's venue-to-be, the first abstract becomes the second record's title. Right: two
    records as printed (a title followed by names is a title, whatever its first word)."""
    title = "Source: a tale of two datasets"
    _assert_two_records(_papers(_listing(ABSTRACT_1, title)), ABSTRACT_1, title)


def test_profile_page_tldr_title_after_an_abstract():
    """Input: a member profile page as seeds/004 prints it ("Portrait de Jean Dupont n'est pas
    disponible", name, role, "Publications", then title / names / abstract records), whose second
    paper is "TL;DR: Mining Reddit to Learn Automatic Summarization". At a17446e: both papers
    right. Now: the first paper has no abstract and the second is titled with that abstract.
    Right: the a17446e reading."""
    title = "TL;DR: Mining Reddit to Learn Automatic Summarization"
    dump = parse_dump("review18.txt", PROFILE_HEAD + [
        "Deep Learning for Graphs", "Alice Martin", "Jean Dupont", ABSTRACT_1,
        title, "Carol White", "Jean Dupont", ABSTRACT_2])
    assert dump.format == "profile"
    _assert_two_records(dump.papers, ABSTRACT_1, title, ("Alice Martin", "Jean Dupont"),
                        ("Carol White", "Jean Dupont"))


# ---------------------------------------------------------------- an abstract read as a detail line


def test_abstract_opening_published_in_a_year_stays_the_abstract():
    """Input: a seed-style listing whose first abstract opens "Published in 2019, this dataset has
    become a standard. ...". At a17446e: it is the first record's abstract. Now: it is read as a
    labelled field ("published in" + a digit, no colon needed for "Published"): the record gets no
    abstract and the venue "2019, this dataset has become a standard. We study ...". Right: the
    whole sentence is the abstract, the record has no venue."""
    abstract = ("Published in 2019, this dataset has become a standard. We study its biases and show that models "
                "overfit to them in many ways across tasks.")
    papers = _papers(_listing(abstract, "Learning to Rank"))
    _assert_two_records(papers, abstract, "Learning to Rank")
    assert papers[0].venue == ""


def test_profile_page_abstract_opening_published_in_a_year():
    """Input: a seeds/004-style profile page whose first paper's abstract opens "Published in
    2019, this benchmark has become a standard. ...". At a17446e: the paper's abstract. Now: the
    paper has no abstract and that text is its venue. Right: abstract kept, no venue."""
    abstract = ("Published in 2019, this benchmark has become a standard. We study its biases. Models overfit "
                "to them in many ways.")
    dump = parse_dump("review18.txt", PROFILE_HEAD + [
        "Deep Learning for Graphs", "Alice Martin", "Jean Dupont", abstract,
        "Learning to Rank", "Carol White", "Jean Dupont", ABSTRACT_2])
    assert dump.format == "profile"
    _assert_two_records(dump.papers, abstract, "Learning to Rank", ("Alice Martin", "Jean Dupont"),
                        ("Carol White", "Jean Dupont"))
    assert dump.papers[0].venue == ""


def test_abstract_opening_supervised_by_stays_the_abstract():
    """Input: a seed-style listing whose first abstract opens "Supervised by a teacher network, a
    student learns to label graphs. ...". At a17446e: the record's abstract. Now: the line is a
    "record detail" (a thesis's supervisors, ``venues._DETAIL_RE``, checked before
    ``looks_like_abstract``): kept in the record's lines but the record has no abstract. Right:
    it is the abstract (a sentence-long paragraph after the names)."""
    abstract = ("Supervised by a teacher network, a student learns to label graphs. We show it beats prior work. "
                "Results hold across many benchmarks.")
    _assert_two_records(_papers(_listing(abstract, "Learning to Rank")), abstract, "Learning to Rank")


def test_abstract_opening_advisors_stays_the_abstract():
    """Input: a seed-style listing whose first abstract opens "Advisors often disagree with each
    other. ...". At a17446e: the record's abstract. Now: ``_DETAIL_RE``'s "Advisors" takes it for
    a thesis's advisors line; the abstract is lost. Right: the abstract."""
    abstract = ("Advisors often disagree with each other. We model their advice as a graph. Our method improves "
                "results on several benchmarks.")
    _assert_two_records(_papers(_listing(abstract, "Learning to Rank")), abstract, "Learning to Rank")


# ---------------------------------------------------------------- an abstract read as a whole citation


def test_abstract_opening_with_a_reference_is_no_citation_record():
    """Input: a seed-style listing whose first abstract opens with the reference it builds on:
    "Hochreiter, S. and Schmidhuber, J. (1997). Long short-term memory networks are widely used.
    We revisit them ...". At a17446e: the first record's abstract. Now: the line is ``CITED`` (a
    whole citation, checked before ``looks_like_abstract``): a third record "Long short-term memory
    networks are widely used" by Hochreiter and Schmidhuber appears, with the rest of the abstract
    as its venue, and the real record has no abstract. Right: two records, the line an abstract."""
    abstract = ("Hochreiter, S. and Schmidhuber, J. (1997). Long short-term memory networks are widely used. "
                "We revisit them for graphs and show gains on many benchmarks.")
    _assert_two_records(_papers(_listing(abstract, "Learning to Rank")), abstract, "Learning to Rank")


# ---------------------------------------------------------------- a short title read as the record's source


def test_nameless_record_titled_like_a_venue_after_an_abstract_keeps_its_title():
    """Input: a seed-style listing with abstracts where the second record has no names (as
    seeds/002 prints some: a title, then directly what follows) and a short title that reads like
    a venue: "Deep Learning for Graphs / Alice Martin / Bob Stone / <abstract> / NeurIPS 2017 /
    <abstract 2> / Learning to Rank / Carol White / <abstract 3>". At a17446e: three records, the
    second titled "NeurIPS 2017" with abstract 2. Now: a source line may follow an abstract
    (``_VENUE_AFTER[ABSTRACT]``), so "NeurIPS 2017" becomes the first record's venue and abstract
    2 is left as a record without a title. Right: the line above an abstract is that abstract's
    title (a record without a title is never the better reading)."""
    third = ("Graph neural networks are popular for many tasks today. We show they fail on simple cases. We "
             "propose a remedy and test it widely with success.")
    papers = _papers(["Deep Learning for Graphs", "Alice Martin", "Bob Stone", ABSTRACT_1, "NeurIPS 2017",
                      ABSTRACT_2, "Learning to Rank", "Carol White", third])
    assert [(p.title, p.abstract) for p in papers] == [
        ("Deep Learning for Graphs", ABSTRACT_1), ("NeurIPS 2017", ABSTRACT_2), ("Learning to Rank", third)]
    assert papers[0].venue == ""


# ---------------------------------------------------------------- a year in parentheses that is the title's


def test_comment_title_ending_with_the_commented_papers_year_keeps_it():
    """Input: a seed-style listing whose second title is a comment on another paper, named as
    such titles name it: 'Comment on "Scaling laws for neural language models" by Kaplan et al.
    (2020)' (seeds/002 has a "Comment on ..." title). At a17446e: the title as printed, no venue.
    Now: "(2020)" is read as the year the paper appeared (``_YEAR_AFTER_TITLE_RE``): it is cut
    from the title and the record gets the venue "(2020)", the commented paper's year, not the
    comment's. Right: the title whole, no venue (the year belongs to the title's citation)."""
    title = 'Comment on "Scaling laws for neural language models" by Kaplan et al. (2020)'
    papers = _papers(_listing(ABSTRACT_1, title))
    _assert_two_records(papers, ABSTRACT_1, title)
    assert papers[1].venue == ""


# ---------------------------------------------------------------- a one-word navigation link inside a record


def test_more_link_between_author_lines_keeps_the_record_whole():
    """Input: a seed-style listing whose author lists are cut by a "More" link (the rest of the
    names follow it): "Deep Learning for Graphs / Alice Martin / Bob Stone / More / Carol White /
    Dan Black / <abstract>". At a17446e: "More" is page chrome, skipped; one record with four
    names and the abstract. Now: a one-capitalised-word chrome line heads a new record
    (``_heads_records`` -> ``_could_be_title``'s ``[A-Z][a-z]{2,}``), so the first record keeps
    two names and no abstract and a record titled "More" takes the rest. Right: the a17446e
    reading ("More" is a navigation word, never the title of a paper followed by names here)."""
    third = "Gina Rossi"
    papers = _papers(["Deep Learning for Graphs", "Alice Martin", "Bob Stone", "More", "Carol White", "Dan Black",
                      ABSTRACT_1, "Learning to Rank", "Eve Green", "Frank Brown", "More", third, ABSTRACT_2])
    assert [(p.title, p.authors, p.abstract) for p in papers] == [
        ("Deep Learning for Graphs", ("Alice Martin", "Bob Stone", "Carol White", "Dan Black"), ABSTRACT_1),
        ("Learning to Rank", ("Eve Green", "Frank Brown", third), ABSTRACT_2)]


@pytest.mark.parametrize("link", ["More", "Plus"])
def test_a_more_link_before_the_abstract_keeps_it_the_records(link):
    """Input: a seed-style listing with a "More" link (or the French site's "Plus": seeds/000 comes
    from a French-language site that prints "(voir plus)") between the names and the abstract.
    At a17446e: the link skipped as chrome, each abstract its record's. Then: the link closed the
    record, each abstract became a record without a title and the papers had no abstract. Right:
    the a17446e reading."""
    papers = _papers(["Deep Learning for Graphs", "Alice Martin", "Bob Stone", link, ABSTRACT_1,
                      "Learning to Rank", "Eve Green", "Frank Brown", link, ABSTRACT_2])
    assert [(p.title, p.authors, p.abstract) for p in papers] == [
        ("Deep Learning for Graphs", ("Alice Martin", "Bob Stone"), ABSTRACT_1),
        ("Learning to Rank", ("Eve Green", "Frank Brown"), ABSTRACT_2)]


def test_profile_page_more_link_inside_a_record():
    """Input: a seeds/004-style profile page whose first paper's names are cut by a "More" link:
    "Deep Learning for Graphs / Alice Martin / Jean Dupont / More / Bob Stone / <abstract>".
    At a17446e: one paper with three names and its abstract ("More" a header). Now: the paper has
    two names and no abstract, and a paper titled "More" by Bob Stone appears. Right: the a17446e
    reading."""
    dump = parse_dump("review18.txt", PROFILE_HEAD + [
        "Deep Learning for Graphs", "Alice Martin", "Jean Dupont", "More", "Bob Stone", ABSTRACT_1,
        "Learning to Rank", "Eve Green", "Jean Dupont", ABSTRACT_2])
    assert dump.format == "profile"
    assert [(p.title, p.authors, p.abstract) for p in dump.papers] == [
        ("Deep Learning for Graphs", ("Alice Martin", "Jean Dupont", "Bob Stone"), ABSTRACT_1),
        ("Learning to Rank", ("Eve Green", "Jean Dupont"), ABSTRACT_2)]
