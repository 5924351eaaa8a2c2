"""Parsing and normalising, one behaviour at a time, plus hypothesis properties:
parsing never crashes, and every non-blank line ends up in a record, a header or a reported skip."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder.ingest.cluster import cluster_papers, cluster_people
from site_builder.ingest.dumps import read_dump
from site_builder.ingest.normalise import clean_name, clean_paper, clean_text, given_compatible, split_name, title_key
from site_builder.ingest.normalise import resolve_date
from site_builder.ingest.parse import DAILY, LISTING, PROFILE, parse_dump


def parse(text: str):
    return parse_dump("t.txt", text.split("\n"))


# ---------------------------------------------------------------- normalising


def test_marker_join_adds_no_space_and_drops_none():
    assert clean_text("a model's performance s… (voir plus)cales proportionally") == \
        "a model's performance scales proportionally"
    assert clean_text("human pref… (see more)erences") == "human preferences"
    assert clean_text("depend … (voir plus)on its") == "depend on its"


def test_nfc_and_whitespace():
    assert clean_text("Cafe\u0301   au\tlait ") == "Café au lait"


def test_latex_accents_are_repaired():
    assert clean_name("R'emi Munos") == "Rémi Munos"
    assert clean_name(r"Fran\c{c}ois Paugam") == "François Paugam"
    assert clean_name(r'J\"urgen Schmidhuber') == "Jürgen Schmidhuber"
    assert clean_name("D'Angelo O'Brien") == "D'Angelo O'Brien"     # a real apostrophe stays
    assert clean_text("the model's output") == "the model's output"   # never in titles


def test_curly_and_straight_quotes_match_but_text_is_kept():
    assert title_key("The LLM’s policy") == title_key("The LLM's policy")
    assert clean_text("The LLM’s policy") == "The LLM’s policy"


def test_last_first_names_are_put_in_natural_order():
    assert clean_name("Munos, Rémi") == "Rémi Munos"
    assert clean_name("van der Berg, Jan") == "Jan van der Berg"


def test_name_compatibility():
    def ok(a, b):
        return given_compatible(split_name(a).given, split_name(b).given) and split_name(a).surname == split_name(b).surname
    assert ok("M. G. Azar", "Mohammad Gheshlaghi Azar")
    assert ok("Clement Yu", "Clement T. Yu")
    assert ok("Jung-Hwan Oh", "JungHwan Oh")
    assert not ok("Andrea Michi", "Andrea Miele")
    assert not ok("John Smith", "James Smith")


# ---------------------------------------------------------------- formats


def test_listing_with_last_first_and_one_line_author_lists():
    dump = parse("Learning Things Fast\nMunos, Rémi\nValko, Michal\n"
                 "Another Paper on Optimal Transport\nMarco Cuturi, Gabriel Peyré and Justin Solomon\n")
    assert dump.format == LISTING
    assert [r.authors for r in dump.papers] == [("Munos, Rémi", "Valko, Michal"),
                                               ("Marco Cuturi", "Gabriel Peyré", "Justin Solomon")]
    assert clean_paper(dump.papers[0]).authors == ("Rémi Munos", "Michal Valko")
    two = parse("Intelligent Rollups in Multidimensional OLAP Data\nGayatri Sathe, Sunita Sarawagi\n"
                "Another Study of Rollups\nSarawagi, Sunita\nGarcía Molina, Héctor\n")
    assert [r.authors for r in two.papers] == [("Gayatri Sathe", "Sunita Sarawagi"),
                                              ("Sarawagi, Sunita", "García Molina, Héctor")]


def test_footnote_marks_after_names_are_dropped():
    dump = parse("Learning Things Fast\nRémi Munos*\nAda Lovelace¹, Alan Turing², et al.\n"
                 "Comment on a paper by Karl Friston et al.\nJane Doe\n")
    assert [(r.title, r.authors) for r in dump.papers] == [
        ("Learning Things Fast", ("Rémi Munos", "Ada Lovelace", "Alan Turing")),
        ("Comment on a paper by Karl Friston et al.", ("Jane Doe",))]


def test_short_title_case_titles_are_not_names():
    dump = parse("Guest editorial\nAda Lovelace\nGuest Editorial\nAlan Turing\nRepository System Engineering\n"
                 "Grace Hopper\nChair's Message\nEdsger Dijkstra\n")
    assert [(r.title, r.authors) for r in dump.papers] == [
        ("Guest editorial", ("Ada Lovelace",)), ("Guest Editorial", ("Alan Turing",)),
        ("Repository System Engineering", ("Grace Hopper",)), ("Chair's Message", ("Edsger Dijkstra",))]


def test_repeated_title_case_title_is_still_a_title():
    dump = parse("Guest Editorial\nAda Lovelace\nGuest Editorial\nAlan Turing\nGuest Editorial\nGrace Hopper\n")
    assert [(r.title, r.authors) for r in dump.papers] == [
        ("Guest Editorial", ("Ada Lovelace",)), ("Guest Editorial", ("Alan Turing",)),
        ("Guest Editorial", ("Grace Hopper",))]


def test_blank_lines_between_records_start_records():
    dump = parse("On the Learning of Things\nAda Lovelace\nAlan Turing\n\nLattice Kipeko Zorbs\nGrace Hopper\n\n"
                 "A Note on Zorbs: the Case of Kipeko\nEdsger Dijkstra\n\nWhy Zorbs Matter?\nBarbara Liskov\n")
    assert [(r.title, r.authors) for r in dump.papers] == [
        ("On the Learning of Things", ("Ada Lovelace", "Alan Turing")), ("Lattice Kipeko Zorbs", ("Grace Hopper",)),
        ("A Note on Zorbs: the Case of Kipeko", ("Edsger Dijkstra",)), ("Why Zorbs Matter?", ("Barbara Liskov",))]
    # ...but not when the dump puts a blank line between every field
    spaced = parse("Learning Things\n\nAda Lovelace\n\nAlan Turing\n\nWhy Zorbs Matter?\n\nGrace Hopper\n")
    assert [(r.title, r.authors) for r in spaced.papers] == [
        ("Learning Things", ("Ada Lovelace", "Alan Turing")), ("Why Zorbs Matter?", ("Grace Hopper",))]


def test_profile_page_in_english():
    dump = parse("Portrait of Ada Lovelace is not available\n\nAda Lovelace\n\nProfessor\n\nPublications\n\n"
                 "Notes on the Analytical Engine\nCharles Babbage\n")
    assert dump.format == PROFILE
    assert (dump.profiles[0].name, dump.profiles[0].role) == ("Ada Lovelace", "Professor")
    assert dump.papers[0].profile_person == "Ada Lovelace"


def test_abstract_page_without_labels():
    abstract = "We study a problem that matters to many people. We solve it well. We show it in experiments. "
    dump = parse(f"Universite de Montreal\n{abstract}\n{abstract * 2}\n{abstract * 3}\n")
    assert dump.format == "abstracts"
    assert [n for n, _ in dump.headers] == [1]
    assert [(r.title, r.line) for r in dump.papers] == [("", 2), ("", 3), ("", 4)]


def test_daily_dates_and_upvotes():
    assert resolve_date("Dec 23, 2024", None) == "2024-12-23"
    assert resolve_date("Jun 15", None) == ""
    assert resolve_date("Jun 15", "2025-06-15") == "2025-06-15"
    assert resolve_date("Jun 16", "2025-06-15") == "2024-06-16"
    assert resolve_date("Feb 30", "2025-06-15") == ""
    abstract = "A long enough abstract sentence that says what the paper does, and a little more. " * 2
    dump = parse(f"Daily Papers\n\nT1\n\n{abstract}\n\n  • 5 authors\n·\nApr 21 2\n\n"
                 f"T2\n\n{abstract}\n\nByteDance\n·\nAug 9, 2024 1\n")
    assert dump.format == DAILY
    first, second = dump.papers
    assert (first.date_printed, first.upvotes, first.author_count) == ("Apr 21", 2, 5)
    assert (second.date_printed, second.upvotes, second.organisation) == ("Aug 9, 2024", 1, "ByteDance")
    # a second page pasted into the same dump: its header lines are headers, not skips
    two_pages = parse(f"Daily Papers\n\nT1\n\n{abstract}\n\n  • 5 authors\n·\nApr 21\n\nnew\n\nSubscribe\n\n"
                      f"Daily Papers\n\nT2\n\n{abstract}\n\n  • 2 authors\n·\nApr 22\n")
    assert [r.title for r in two_pages.papers] == ["T1", "T2"] and two_pages.problems == ()
    assert [t for _, t in two_pages.headers] == ["Daily Papers", "new", "Subscribe", "Daily Papers"]


def test_read_dump_handles_bom_crlf_and_missing_final_newline(tmp_path):
    path = tmp_path / "d.txt"
    path.write_bytes(b"\xef\xbb\xbfA Title About Things\r\nAda Lovelace")
    dump, problems = read_dump(path)
    assert problems == [] and dump.lines == ("A Title About Things", "Ada Lovelace")
    path.write_bytes("A Title About Things\rAda Lovelace\r".encode("utf-8"))           # CR only
    assert read_dump(path)[0].lines == ("A Title About Things", "Ada Lovelace")
    path.write_bytes("A Title About Things\nRémi Munos\n".encode("utf-16"))            # UTF-16 with BOM
    assert read_dump(path)[0].lines == ("A Title About Things", "Rémi Munos")


# ---------------------------------------------------------------- clustering, directly


def test_same_title_with_no_author_in_common_stays_apart():
    a = parse("Guest editorial\nFabio Casati\n").papers[0]
    b = parse("Guest Editorial\nMatthias Jarke\n").papers[0]
    clusters = cluster_papers([clean_paper(a), clean_paper(b)])
    assert clusters.groups == [[0], [1]]
    assert clusters.near_misses[0].reason == "same title but no author in common"


def test_a_record_without_authors_does_not_chain_two_papers_together():
    records = [parse(text).papers[0] for text in (
        "Mining association rules between sets of items\nFabio Casati\n",
        "Mining Association Rules Between Sets of Items\n\n",
        "Mining association rules between sets of items\nMatthias Jarke\n")]
    clusters = cluster_papers([clean_paper(r) for r in records])
    assert [0, 2] not in clusters.groups and len(clusters.groups) == 2
    assert any(e.reason == "would join papers with no author in common" for e in clusters.near_misses)


def test_a_generic_title_without_authors_joins_no_paper_of_that_title():
    """Which "Guest Editorial" is it? With no authors on one side, a generic title alone cannot
    tell: the record stays a paper of its own, and the report shows the near miss."""
    records = [parse(text).papers[0] for text in (
        "Guest editorial\nFabio Casati\n", "Guest Editorial\n\n", "Guest editorial\nMatthias Jarke\n")]
    clusters = cluster_papers([clean_paper(r) for r in records])
    assert clusters.groups == [[0], [1], [2]]
    assert any(e.reason == "generic title, authors unknown on one side" for e in clusters.near_misses)


def test_a_short_title_without_authors_joins_its_twin_unless_the_title_recurs():
    """A short title is a column's when the dump prints it three times or more ("Statement from
    the Treasurer"): the record without authors joins none. Printed twice, it is one paper."""
    twice = [parse(text).papers[0] for text in (
        "O-O, What's Happening to DB2?\nRichard Swagerman\n", "O-O, what's happening to DB2?\n\n")]
    assert cluster_papers([clean_paper(r) for r in twice]).groups == [[0, 1]]
    thrice = [parse(text).papers[0] for text in (
        "Statement from the Treasurer\nJoachim Hammer\n", "Statement from the Treasurer\n\n",
        "Statement from the Treasurer\nLaura M. Haas\n")]
    assert cluster_papers([clean_paper(r) for r in thrice]).groups == [[0], [1], [2]]


def test_reworded_title_with_moved_words_stays_apart():
    a = parse("Optimizing database architecture for the new bottleneck: memory access\nPeter A. Boncz\nStefan Manegold\n")
    b = parse("Database Architecture Optimized for the New Bottleneck: Memory Access\nPeter A. Boncz\nStefan Manegold\n")
    assert cluster_papers([clean_paper(a.papers[0]), clean_paper(b.papers[0])]).groups == [[0], [1]]


def test_part_1_and_part_2_stay_apart():
    a = parse("Panel: Future Directions of Database Research - The VLDB Broadening Strategy, Part 1\nJane Doe\n")
    b = parse("Panel: Future Directions of Database Research - The VLDB Broadening Strategy, Part 2\nJane Doe\n")
    clusters = cluster_papers([clean_paper(a.papers[0]), clean_paper(b.papers[0])])
    assert clusters.groups == [[0], [1]]
    assert clusters.near_misses[0].reason.startswith("different numbers or letters in the titles")


def test_same_title_without_authors_needs_agreeing_abstracts():
    one = "We study deep diffusion models and show they scale. Our results hold on many benchmarks. " * 2
    other = "Markets for spectrum are designed with auctions here. We prove the auctions are efficient. " * 2
    a = parse(f"Deep Diffusion via Reriru Scaling\n{one}\n").papers[0]
    b = parse(f"Deep diffusion via rerilu scaling\n{other}\n").papers[0]
    c = parse(f"Deep diffusion via reriru scaling.\n{one[:150]}… (see more)\n").papers[0]
    clusters = cluster_papers([clean_paper(a), clean_paper(b), clean_paper(c)])
    assert clusters.groups == [[0, 2], [1]]


def test_same_title_without_authors_and_two_versions_of_the_abstract_merge():
    from pathlib import Path

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    traditionally = (seeds / "000_cdd8863445f959f6.txt").read_text(encoding="utf-8").split("\n")[26]
    typically = (seeds / "002_3fd5815b9c0729f9.txt").read_text(encoding="utf-8").split("\n")[40]
    a = parse(f"Nash Learning from Human Feedback\n{traditionally}\n").papers[0]
    b = parse(f"Nash Learning from Human Feedback\n{typically}\n").papers[0]
    assert cluster_papers([clean_paper(a), clean_paper(b)]).groups == [[0, 1]]


def test_truncated_title_and_middle_initial_merge():
    a = parse("Use of a component architecture in integrating relational and non-relational\nRobert Atkinson\n")
    b = parse("Use of a Component Architecture in Integrating Relational and Non-relational Storage Systems\n"
              "Robert G. Atkinson\n")
    items = [clean_paper(a.papers[0]), clean_paper(b.papers[0])]
    assert cluster_papers(items).groups == [[0, 1]]
    people = cluster_people(["Robert Atkinson", "Robert G. Atkinson"], [])
    assert len(people.members) == 1


def test_spellings_of_one_author_slot_in_one_paper_join():
    a = parse("Data Management Issues in Electronic Commerce (Panel)\nM. Tamer Özsu\nJoachen Doppelhammer\n").papers[0]
    b = parse("Data management issues in electronic commerce\nTamer Ozsu\nJochen Doppelhammer\n").papers[0]
    items = [clean_paper(a), clean_paper(b)]
    clusters = cluster_papers(items)
    assert clusters.groups == [[0, 1]]
    people = cluster_people(sorted({n for i in items for n in i.authors}), [[i.authors for i in items]])
    assert sorted(sorted(m) for m in people.members) == [["Joachen Doppelhammer", "Jochen Doppelhammer"],
                                                         ["M. Tamer Özsu", "Tamer Ozsu"]]


def test_initial_shared_by_two_people_is_not_merged():
    people = cluster_people(["J. Smith", "John Smith", "James Smith"], [])
    assert len(people.members) == 3
    assert people.ambiguous


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_yaml_scalars_read_back_as_written(text):
    import yaml

    from site_builder.ingest.entries import scalar

    assert yaml.safe_load(f"key: {scalar(text)}\n")["key"] == text or (text == "" and scalar(text) == '""')


# ---------------------------------------------------------------- properties

INTERESTING = [
    "", " ", "Publications", "Portrait de Ada Lovelace n'est pas disponible", "Ada Lovelace", "Alumni", "·", "•",
    "  • 5 authors", "Jun 15", "Dec 23, 2024", "Apr 21 2", "Daily Papers", "Universite de Montreal",
    "Abstract:We study things. They are interesting. We show results.", "Munos, Rémi", "R'emi Munos",
    "Nash Learning from Human Feedback", "Sarah Frank-Wolfe: Methods for Constrained Optimization",
    "performance s… (voir plus)cales proportionally. It works. Really well.", "12345", "----",
    "A long line that could be an abstract. " * 8, "Guest Editorial", "ByteDance ByteDance",
    "Page 1 of 3", "« Previous | Next »", "2024", "Journal articles", "1 2 3 … 10 »", "Rémi MUNOS", "Munos R.",
]
lines_strategy = st.lists(st.one_of(st.sampled_from(INTERESTING),
                                    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\n"),
                                            max_size=80)), max_size=40)


def accounted_lines(dump) -> set[int]:
    used = {n for r in dump.papers for n in r.lines} | {n for r in dump.profiles for n in r.lines}
    used |= {n for n, _ in dump.headers} | {p.line for p in dump.problems}
    return used


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines_strategy)
def test_parsing_never_crashes_and_loses_no_line(lines):
    dump = parse_dump("p.txt", lines)
    non_blank = {i for i, text in enumerate(lines, 1) if text.strip()}
    assert non_blank <= accounted_lines(dump)
    records = [n for r in dump.papers for n in r.lines] + [n for r in dump.profiles for n in r.lines]
    assert len(records) == len(set(records)), "a line was used by two records"
    for record in dump.papers:
        clean_paper(record)   # normalising never crashes either


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines_strategy, st.sets(st.integers(1, 40), max_size=4))
def test_lines_after_an_unreadable_line_are_never_lost_silently(lines, unreadable):
    unreadable = tuple(sorted(i for i in unreadable if i <= len(lines)))
    lines = ["" if i in unreadable else text for i, text in enumerate(lines, 1)]
    dump = parse_dump("p.txt", lines, unreadable)
    non_blank = {i for i, text in enumerate(lines, 1) if text.strip()}
    assert non_blank <= accounted_lines(dump)
    assert not set(unreadable) & accounted_lines(dump) - {p.line for p in dump.problems}


def test_page_chrome_is_header_not_records():
    dump = parse("Publications\nPage 1 of 3\nA Real Paper Title About Things\nAlice Smith\n2024\nJournal articles\n"
                 "Another Paper Here\nBob Jones\n1 2 3 … 10 »\n« Previous | Next »\nLoad more\n")
    assert dump.format == LISTING
    assert [(r.title, r.authors) for r in dump.papers] == [("A Real Paper Title About Things", ("Alice Smith",)),
                                                          ("Another Paper Here", ("Bob Jones",))]
    assert [n for n, _ in dump.headers] == [1, 2, 5, 6, 9, 10, 11]
    assert dump.problems == ()


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400))
def test_reading_any_bytes_never_crashes(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("bytes") / "dump.txt"
    path.write_bytes(data)
    dump, problems = read_dump(path)
    assert dump is not None or problems
    if dump is not None:
        parse_dump(dump.name, list(dump.lines))


def test_decomposed_and_tex_accents_in_names_are_read_as_names_not_titles():
    # NFC and the LaTeX repair apply before a line is classified, not only when it is displayed
    dump = parse("Apprentissage par renforcement\nRe\u0301mi Munos\nC\\^ome Fiegel\nFran\\c{c}ois Paugam\n"
                 "J{\\\"u}rgen Schmidhuber\n")
    assert len(dump.papers) == 1
    assert dump.papers[0].title == "Apprentissage par renforcement"
    assert clean_paper(dump.papers[0]).authors == ("Rémi Munos", "Côme Fiegel", "François Paugam",
                                                   "Jürgen Schmidhuber")


def test_common_name_formats_are_authors_not_papers():
    # capitals for the surname, "LAST, First", and Vancouver "Last I." are author lines of the title above
    for lines in (["Rémi MUNOS", "Michal VALKO"], ["MUNOS, Rémi", "VALKO, Michal"], ["Munos R.", "Valko M."],
                  ["Munos R", "Valko M"], ["MUNOS Rémi", "VALKO Michal"], ["MUNOS R.", "VALKO M."],
                  ["R. MUNOS", "M. VALKO"]):
        dump = parse("Apprentissage profond\n" + "\n".join(lines) + "\n")
        assert [r.title for r in dump.papers] == ["Apprentissage profond"], lines
        authors = clean_paper(dump.papers[0]).authors
        assert [split_name(a).surname for a in authors] == ["munos", "valko"], (lines, authors)
    assert clean_paper(parse("A Paper\nMunos R.\nValko M.\n").papers[0]).authors == ("R. Munos", "M. Valko")


def test_capitals_and_acronyms_in_titles_stay_titles():
    dump = parse("SONAR: system for optimized numeric association rules\nTakeshi Fukuda\n"
                 "DATA MINING\nScaling BERT\nAda Lovelace\nAlan Turing\nGrace Hopper\n")
    assert [r.title for r in dump.papers] == ["SONAR: system for optimized numeric association rules",
                                              "DATA MINING", "Scaling BERT"]
    # one capitalised surname is not a convention in a dump that prints names in ordinary case
    dump = parse("Paper One\nAda Lovelace\nAlan Turing\nTaming GPT\nGrace Hopper\nMary Shelley\n")
    assert [r.title for r in dump.papers] == ["Paper One", "Taming GPT"]


def test_the_same_person_in_capitals_and_in_ordinary_case_is_one_person_named_in_ordinary_case():
    people = cluster_people(["Rémi MUNOS", "Rémi Munos", "R. Munos"], [], {})
    assert len(people.members) == 1
    from site_builder.ingest.merge import canonical_names
    assert canonical_names(people, {}) == ["Rémi Munos"]


def test_proceedings_front_matter_with_editors_is_a_paper():
    # "Proceedings" is a real front-matter title in bibliographies, never taken for a section header
    dump = parse("Some Paper Here\nAlice Smith\nProceedings\nJohn Editor\nMary Editor\n")
    assert [(r.title, r.authors) for r in dump.papers] == [("Some Paper Here", ("Alice Smith",)),
                                                          ("Proceedings", ("John Editor", "Mary Editor"))]
    assert dump.headers == ()


def test_vancouver_initials_are_initials_and_join_the_full_name():
    # "Smith AJ": in a dump whose capitals after surnames are all short, they are initials
    dump = parse("Learning Things Fast\nSmith AJ\nMunos R\nValko MG\n")
    assert [r.title for r in dump.papers] == ["Learning Things Fast"]
    authors = clean_paper(dump.papers[0]).authors
    assert authors == ("AJ Smith", "R Munos", "MG Valko")
    people = cluster_people(list(authors) + ["Alan J. Smith", "Michal G. Valko"], [], {})
    assert people.person_of["AJ Smith"] == people.person_of["Alan J. Smith"]
    assert people.person_of["MG Valko"] == people.person_of["Michal G. Valko"]
    # where long capitals show surnames in capitals, a short one is a surname too ("Wei LI")
    dump = parse("Apprentissage profond\nRémi MUNOS\nWei LI\nMichal VALKO\n")
    assert [split_name(a).surname for a in clean_paper(dump.papers[0]).authors] == ["munos", "li", "valko"]
