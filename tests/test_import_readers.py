"""Reading the exports researchers already have (BibTeX, RIS, CSL-JSON): a small file in,
exact records or the exact `file:line: message` out."""
from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder.ingest.exports import PAPER_TYPES, ExportRecord, parse_export, read_export, read_exports


def read(tmp_path: Path, name: str, content: str | bytes):
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return read_export(path)


def messages(export) -> list[str]:
    """Problems with the folder left out, so the expected lines read like the terminal's."""
    folder = str(Path(export.path).parent) + "/"
    return [p.format().replace(folder, "") for p in export.problems]


def only(export) -> ExportRecord:
    assert export.problems == (), messages(export)
    assert len(export.records) == 1
    return export.records[0]


def bib(tmp_path: Path, body: str, entry_type: str = "article") -> ExportRecord:
    """One BibTeX entry with the given fields; a title is added when the test is not about it."""
    if not re.search(r"(?<![a-z])title\s*=", body):
        body = "title = {T},\n" + body
    return only(read(tmp_path, "refs.bib", f"@{entry_type}{{k,\n{body}\n}}\n"))


# ------------------------------------------------------------------ the seed paper

NASH_BIB = r"""% written by hand from the paper's first page
@inproceedings{munos2024nash,
  title     = {Nash Learning from Human Feedback},
  author    = {R{\'e}mi Munos and Mohammad Gheshlaghi Azar and others},
  booktitle = {Proceedings of the 41st International Conference on Machine Learning},
  series    = {Proceedings of Machine Learning Research},
  volume    = {235},
  pages     = {36743--36768},
  year      = {2024},
  month     = jul,
  eprint    = {2312.00886},
  archivePrefix = {arXiv},
  url       = {https://proceedings.mlr.press/v235/munos24a.html},
  abstract  = {Reinforcement learning from human feedback ({RLHF}) has emerged as the main
               paradigm for aligning large language models ({LLMs}) with human preferences.},
}
"""


def test_the_seed_paper_written_by_hand_reads_to_the_right_record(tmp_path):
    export = read(tmp_path, "nash.bib", NASH_BIB)
    assert export.format == "bibtex"
    assert export.problems == ()
    assert export.records == (ExportRecord(
        file="nash.bib", line=2, end_line=16, format="bibtex", key="munos2024nash",
        digest=export.records[0].digest, source_type="inproceedings", type="conference",
        title="Nash Learning from Human Feedback",
        authors=("Rémi Munos", "Mohammad Gheshlaghi Azar"), more_authors=True,
        date="2024-07", venue="Proceedings of the 41st International Conference on Machine Learning",
        doi="", url="https://proceedings.mlr.press/v235/munos24a.html", arxiv="2312.00886",
        abstract="Reinforcement learning from human feedback (RLHF) has emerged as the main paradigm for "
                 "aligning large language models (LLMs) with human preferences.",
        pages="36743–36768", volume="235", number=""),)
    assert export.records[0].source == "nash.bib:2"


def test_the_seed_paper_is_the_same_record_in_all_three_formats(tmp_path):
    ris = ("TY  - CONF\nID  - munos2024nash\nTI  - Nash Learning from Human Feedback\nAU  - Munos, Rémi\n"
           "AU  - Azar, Mohammad Gheshlaghi\nAU  - et al.\nPY  - 2024\nDA  - 2024/07//\n"
           "T2  - Proceedings of the 41st International Conference on Machine Learning\nVL  - 235\n"
           "SP  - 36743\nEP  - 36768\nUR  - https://proceedings.mlr.press/v235/munos24a.html\n"
           "UR  - https://arxiv.org/abs/2312.00886v3\n"
           "AB  - Reinforcement learning from human feedback (RLHF) has emerged as the main\n"
           "paradigm for aligning large language models (LLMs) with human preferences.\nER  - \n")
    csl = json.dumps([{
        "id": "munos2024nash", "type": "paper-conference", "title": "Nash Learning from Human Feedback",
        "author": [{"family": "Munos", "given": "Rémi"}, {"family": "Azar", "given": "Mohammad Gheshlaghi"},
                   {"literal": "et al."}],
        "issued": {"date-parts": [[2024, 7]]},
        "container-title": "Proceedings of the 41st International Conference on Machine Learning",
        "volume": "235", "page": "36743-36768", "number": "arXiv:2312.00886",
        "URL": "https://proceedings.mlr.press/v235/munos24a.html",
        "abstract": "Reinforcement learning from human feedback (RLHF) has emerged as the main paradigm for "
                    "aligning large language models (LLMs) with human preferences."}], indent=2)
    records = [only(read(tmp_path, name, text)) for name, text in
               (("nash.bib", NASH_BIB), ("nash.ris", ris), ("nash.json", csl))]
    ignore = {"file", "line", "end_line", "format", "digest", "source_type"}
    fields = [{k: v for k, v in dataclasses.asdict(r).items() if k not in ignore} for r in records]
    assert fields[0] == fields[1] == fields[2]
    assert [r.format for r in records] == ["bibtex", "ris", "csl-json"]
    assert [r.line for r in records] == [2, 1, 2]


# ------------------------------------------------------------------ LaTeX

@pytest.mark.parametrize("written, shown", [
    (r"R{\'e}mi", "Rémi"),
    (r"M{\"u}ller", "Müller"),
    (r"Br{\o}ndsted \O", "Brøndsted Ø"),
    (r"Fran{\c c}ois Fran\c{c}ois", "François François"),
    (r"Gau\ss{} Stra{\ss}e", "Gauß Straße"),
    (r"Erd\H{o}s and Tom\'{a}\v{s} na\"{\i}ve", "Erdős and Tomáš naïve"),
    (r"pages 1--10", "pages 1–10"),
    (r"before---after", "before—after"),
    (r"Fig.~1", "Fig. 1"),
    (r"Q\&A and R&D", "Q&A and R&D"),
    (r"100% accuracy, 5\% error", "100% accuracy, 5% error"),
    (r"{\em Deep} and \emph{wide}", "Deep and wide"),
    (r"\textit{Italic} and \textbf{bold}", "Italic and bold"),
    (r"{BERT}: Pre-training of {D}eep Transformers", "BERT: Pre-training of Deep Transformers"),
    (r"Regret $O(\sqrt{T})$ for {B}andits", r"Regret $O(\sqrt{T})$ for Bandits"),
    (r"$\alpha$-divergences and {$\beta_{i,j}$}", r"$\alpha$-divergences and $\beta_{i,j}$"),
    (r"It costs \$5", r"It costs \$5"),
    (r"``Quoted''", "“Quoted”"),
    (r"\LaTeX{} in \mbox{one box}", "LaTeX in one box"),
])
def test_latex_in_a_title_is_decoded_and_math_kept(tmp_path, written, shown):
    assert bib(tmp_path, f"title = {{{written}}}").title == shown


def test_an_unknown_latex_command_is_kept_as_written_and_reported(tmp_path):
    export = read(tmp_path, "refs.bib", "@article{k,\n  title = {\\ourmethod{} beats $\\mymath{x}$},\n}\n")
    assert export.records[0].title == "\\ourmethod{} beats $\\mymath{x}$"
    assert messages(export) == ["refs.bib:1: warning: entry 'k': unknown LaTeX command \\ourmethod in 'title': "
                                "kept as written (write the text it stands for)"]


def test_an_unknown_command_inside_a_known_one_is_kept_too(tmp_path):
    export = read(tmp_path, "refs.bib", "@article{k, title = {\\textbf{\\ourmethod} beats R{\\'e}mi's baseline by 5%}}")
    assert export.records[0].title == "\\ourmethod beats Rémi's baseline by 5%"
    assert messages(export) == ["refs.bib:1: warning: entry 'k': unknown LaTeX command \\ourmethod in 'title': "
                                "kept as written (write the text it stands for)"]


def test_an_abstract_keeps_its_paragraphs_and_folds_its_lines(tmp_path):
    record = bib(tmp_path, "abstract = {First line\n   goes on.\n\n   Second {paragraph} with $x^2$.}")
    assert record.abstract == "First line goes on.\n\nSecond paragraph with $x^2$."


def test_urls_dois_and_eprints_are_not_latex_decoded(tmp_path):
    record = bib(tmp_path, "url = {https://example.org/a--b~c/d\\_e},\ndoi = {10.1000/x--y}")
    assert record.url == "https://example.org/a--b~c/d_e"
    assert record.doi == "10.1000/x--y"


# ------------------------------------------------------------------ authors

@pytest.mark.parametrize("written, names, more", [
    (r"Munos, R{\'e}mi and Azar, Mohammad Gheshlaghi", ("Rémi Munos", "Mohammad Gheshlaghi Azar"), False),
    (r"R{\'e}mi Munos and Mohammad Gheshlaghi Azar", ("Rémi Munos", "Mohammad Gheshlaghi Azar"), False),
    (r"Munos, R. and R.~Munos", ("R. Munos", "R. Munos"), False),
    ("Ann Lee and others", ("Ann Lee",), True),
    ("Ann Lee and et al.", ("Ann Lee",), True),
    ("{World Health Organization} and Ann Lee", ("World Health Organization", "Ann Lee"), False),
    ("{Barnes and Noble} and Ann Lee", ("Barnes and Noble", "Ann Lee"), False),
    ("de la Fontaine, Jean and Ludwig van Beethoven", ("Jean de la Fontaine", "Ludwig van Beethoven"), False),
    ("King, Jr., Martin Luther", ("Martin Luther King Jr.",), False),
    (r"{\"O}zt{\"u}rk, {\c C}a{\u g}r{\i} and \L{}ukasz {\.Z}ak", ("Çağrı Öztürk", "Łukasz Żak"), False),
    ("Ann Lee AND Bo Chen", ("Ann Lee", "Bo Chen"), False),
    ("Lee, Ann and and Chen, Bo and", ("Ann Lee", "Bo Chen"), False),
    (r"Ann Lee and \'Emile Zola and \v{C}apek, Karel", ("Ann Lee", "Émile Zola", "Karel Čapek"), False),
])
def test_bibtex_authors_in_order_as_display_names(tmp_path, written, names, more):
    record = bib(tmp_path, f"author = {{{written}}}")
    assert (record.authors, record.more_authors) == (names, more)


def test_authors_separated_by_commas_are_reported_not_rearranged(tmp_path):
    export = read(tmp_path, "refs.bib", "@article{k,\n  title = {T},\n  author = {Munos, R., Azar, M., Valko, M.},\n}\n")
    assert export.records[0].authors == ("Munos, R., Azar, M., Valko, M.",)
    assert messages(export) == [
        "refs.bib:1: warning: entry 'k': author 'Munos, R., Azar, M., Valko, M.' has more than two commas: kept as "
        "written (separate the authors with 'and': Munos, Rémi and Azar, Mohammad)"]


def test_ris_authors_from_au_and_a1(tmp_path):
    record = only(read(tmp_path, "refs.ris", "TY  - JOUR\nTI  - T\nA1  - Munos, Rémi\nAU  - Azar, Mohammad G.\n"
                                               "AU  - World Health Organization\nAU  - King, Martin Luther, Jr.\n"
                                               "AU  - Ann Lee\nER  - \n"))
    assert record.authors == ("Mohammad G. Azar", "World Health Organization", "Martin Luther King Jr.", "Ann Lee",
                              "Rémi Munos")
    assert record.more_authors is False


def test_csl_authors_from_family_given_particles_and_literal(tmp_path):
    item = {"id": "k", "type": "book", "title": "T", "author": [
        {"family": "Munos", "given": "Rémi"},
        {"family": "Beethoven", "given": "Ludwig", "non-dropping-particle": "van"},
        {"family": "King", "given": "Martin Luther", "suffix": "Jr."},
        {"literal": "World Health Organization"},
        {"family": "Plato"},
        {"literal": "others"}]}
    record = only(read(tmp_path, "refs.json", json.dumps([item])))
    assert record.authors == ("Rémi Munos", "Ludwig van Beethoven", "Martin Luther King Jr.",
                              "World Health Organization", "Plato")
    assert record.more_authors is True


# ------------------------------------------------------------------ dates

@pytest.mark.parametrize("month, number", list(zip(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), range(1, 13))))
def test_bibtex_month_macros(tmp_path, month, number):
    assert bib(tmp_path, f"year = 2024,\nmonth = {month}").date == f"2024-{number:02d}"


@pytest.mark.parametrize("fields, date", [
    ("year = {2024}", "2024"),
    ("year = 2024, month = {5}", "2024-05"),
    ("year = 2024, month = {05}", "2024-05"),
    ("year = 2024, month = {May}", "2024-05"),
    ("year = 2024, month = {Sept.}", "2024-09"),
    ("year = 2024, month = {mai}", "2024-05"),
    ("year = 2024, month = jul # {~15}", "2024-07-15"),
    ("year = 2024, month = {jul}, day = {15}", "2024-07-15"),
    ("date = {2024-05-17}", "2024-05-17"),
    ("date = {2024-05}, year = {2023}", "2024-05"),
    ("date = {2024-05-17/2024-05-20}", "2024-05-17"),
])
def test_bibtex_dates(tmp_path, fields, date):
    assert bib(tmp_path, fields).date == date


@pytest.mark.parametrize("lines, date", [
    ("PY  - 2024\n", "2024"),
    ("PY  - 2024///\n", "2024"),
    ("PY  - 2024/05/17/\n", "2024-05-17"),
    ("PY  - 2024/05//\n", "2024-05"),
    ("Y1  - 2024/05/17/Spring meeting\n", "2024-05-17"),
    ("PY  - 2024\nDA  - 2024/05/17\n", "2024-05-17"),
    ("DA  - 2024-05-17\n", "2024-05-17"),
])
def test_ris_dates(tmp_path, lines, date):
    assert only(read(tmp_path, "r.ris", f"TY  - JOUR\nTI  - T\n{lines}ER  - \n")).date == date


@pytest.mark.parametrize("issued, date", [
    ({"date-parts": [[2024]]}, "2024"),
    ({"date-parts": [[2024, 5, 17]]}, "2024-05-17"),
    ({"date-parts": [["2024", "5"]]}, "2024-05"),
    ({"date-parts": [[2024, 5], [2024, 6]]}, "2024-05"),
    ({"raw": "2024-05-17"}, "2024-05-17"),
])
def test_csl_dates(tmp_path, issued, date):
    item = {"id": "k", "type": "article-journal", "title": "T", "issued": issued}
    assert only(read(tmp_path, "r.json", json.dumps([item]))).date == date


def test_a_date_that_is_not_one_is_reported_and_never_guessed(tmp_path):
    export = read(tmp_path, "refs.bib", "@article{a, title={A}, year={in press}}\n"
                                        "@article{b, title={B}, year={2024}, month={Spring}}\n"
                                        "@article{c, title={C}, year={2023}, month=feb, day={29}}\n"
                                        "@article{d, title={D}, date={17/05/2024}}\n")
    assert [r.date for r in export.records] == ["", "2024", "2023-02", ""]
    assert messages(export) == [
        "refs.bib:1: warning: entry 'a': year 'in press' is not a year: no date read (write year = {2024})",
        "refs.bib:2: warning: entry 'b': month 'Spring' is not a month: date read as 2024 "
        "(write month = may or month = {5})",
        "refs.bib:3: warning: entry 'c': February 2023 has no day 29: date read as 2023-02",
        "refs.bib:4: warning: entry 'd': date '17/05/2024' is not a date: ignored "
        "(write date = {2024-05-17}, {2024-05} or {2024})"]


# ------------------------------------------------------------------ types and venues

@pytest.mark.parametrize("entry_type, paper_type", [
    ("article", "article"), ("ARTICLE", "article"), ("inproceedings", "conference"), ("conference", "conference"),
    ("phdthesis", "thesis"), ("mastersthesis", "thesis"), ("book", "book"), ("incollection", "chapter"),
    ("inbook", "chapter"), ("techreport", "report"), ("misc", "other"), ("unpublished", "other"),
    ("online", "other"),
])
def test_bibtex_types(tmp_path, entry_type, paper_type):
    assert bib(tmp_path, "year = 2020", entry_type).type == paper_type


@pytest.mark.parametrize("ty, paper_type", [
    ("JOUR", "article"), ("EJOUR", "article"), ("CONF", "conference"), ("CPAPER", "conference"),
    ("THES", "thesis"), ("BOOK", "book"), ("EBOOK", "book"), ("CHAP", "chapter"), ("RPRT", "report"),
    ("UNPB", "preprint"), ("SLIDE", "talk"), ("GEN", "other"), ("ELEC", "other"),
])
def test_ris_types(tmp_path, ty, paper_type):
    assert only(read(tmp_path, "r.ris", f"TY  - {ty}\nTI  - T\nER  - \n")).type == paper_type


@pytest.mark.parametrize("csl_type, paper_type", [
    ("article-journal", "article"), ("paper-conference", "conference"), ("article", "preprint"),
    ("thesis", "thesis"), ("book", "book"), ("chapter", "chapter"), ("report", "report"), ("speech", "talk"),
    ("webpage", "other"), ("dataset", "other"),
])
def test_csl_types(tmp_path, csl_type, paper_type):
    item = {"id": "k", "type": csl_type, "title": "T"}
    assert only(read(tmp_path, "r.json", json.dumps([item]))).type == paper_type


def test_every_type_is_one_of_the_sites_paper_types():
    from site_builder.ingest.exports import bibtex, csl, ris
    for table in (bibtex.TYPES, ris.TYPES, csl.TYPES):
        assert set(table.values()) <= set(PAPER_TYPES)


def test_preprints_as_arxiv_google_scholar_and_dblp_export_them(tmp_path):
    export = read(tmp_path, "refs.bib", r"""
@misc{arxiv, title = {From arXiv}, eprint = {2312.00886}, archivePrefix = {arXiv}, primaryClass = {stat.ML}}
@article{scholar, title = {From Scholar}, journal = {arXiv preprint arXiv:2312.00886}, year = {2023}}
@article{dblp, title = {From DBLP}, journal = {CoRR}, volume = {abs/2312.00886}, eprinttype = {arXiv},
  eprint = {2312.00886}}
@misc{link, title = {Only a link}, url = {https://arxiv.org/pdf/2312.00886v2.pdf}}
@misc{talk, title = {Not a preprint}, howpublished = {Invited talk}}
@inproceedings{published, title = {Published, with its arXiv id}, booktitle = {ICML}, eprint = {2312.00886},
  archivePrefix = {arXiv}}
""")
    assert export.problems == ()
    assert [(r.key, r.type, r.arxiv) for r in export.records] == [
        ("arxiv", "preprint", "2312.00886"), ("scholar", "preprint", "2312.00886"),
        ("dblp", "preprint", "2312.00886"), ("link", "preprint", "2312.00886"), ("talk", "other", ""),
        ("published", "conference", "2312.00886")]


def test_arxiv_ids_from_a_doi_an_old_style_id_and_a_csl_number(tmp_path):
    assert bib(tmp_path, "doi = {10.48550/arXiv.2312.00886}").arxiv == "2312.00886"
    assert bib(tmp_path, "eprint = {math/0601001v1}, archiveprefix = {arXiv}").arxiv == "math/0601001"
    assert bib(tmp_path, "eprint = {2312.00886}").arxiv == ""          # no archivePrefix: could be any archive
    item = {"id": "k", "type": "article", "title": "T", "number": "arXiv:2401.01234"}
    assert only(read(tmp_path, "r.json", json.dumps([item]))).arxiv == "2401.01234"


@pytest.mark.parametrize("entry_type, fields, venue", [
    ("article", "journal = {Journal of Machine Learning Research}", "Journal of Machine Learning Research"),
    ("article", "journaltitle = {Nature}", "Nature"),
    ("inproceedings", "booktitle = {Proceedings of {ICML} 2024}, publisher = {PMLR}", "Proceedings of ICML 2024"),
    ("incollection", "booktitle = {Handbook of {RL}}, publisher = {Springer}", "Handbook of RL"),
    ("book", "publisher = {MIT Press}", "MIT Press"),
    ("phdthesis", "school = {Universit{\\'e} de Lille}", "Université de Lille"),
    ("techreport", "institution = {Inria}", "Inria"),
    ("misc", "publisher = {Someone}", ""),
])
def test_bibtex_venues(tmp_path, entry_type, fields, venue):
    assert bib(tmp_path, fields, entry_type).venue == venue


def test_ris_and_csl_venues(tmp_path):
    ris = read(tmp_path, "r.ris", "TY  - JOUR\nTI  - A\nJO  - J. Mach. Learn. Res.\nJF  - Journal of Machine "
                                  "Learning Research\nER  - \nTY  - BOOK\nTI  - B\nPB  - MIT Press\nER  - \n")
    assert [r.venue for r in ris.records] == ["Journal of Machine Learning Research", "MIT Press"]
    csl = read(tmp_path, "r.json", json.dumps([{"id": "a", "type": "article-journal", "title": "A",
                                                "container-title": ["Nature"]},
                                               {"id": "b", "type": "book", "title": "B", "publisher": "MIT Press"}]))
    assert [r.venue for r in csl.records] == ["Nature", "MIT Press"]


# ------------------------------------------------------------------ identifiers, pages, nothing invented

@pytest.mark.parametrize("written, doi", [
    ("10.1000/xyz123", "10.1000/xyz123"),
    ("https://doi.org/10.1000/xyz123", "10.1000/xyz123"),
    ("http://dx.doi.org/10.1000/a%2Fb", "10.1000/a/b"),
    ("doi:10.1000/xyz123", "10.1000/xyz123"),
    ("DOI 10.1000/XYZ123", "10.1000/XYZ123"),
])
def test_dois_are_stored_bare(tmp_path, written, doi):
    assert bib(tmp_path, f"doi = {{{written}}}").doi == doi


def test_a_doi_link_in_the_url_gives_the_doi_and_a_bad_doi_is_reported(tmp_path):
    assert bib(tmp_path, "url = {https://doi.org/10.1000/xyz123}").doi == "10.1000/xyz123"
    export = read(tmp_path, "refs.bib", "@article{k, title = {T}, doi = {see paper}}\n")
    assert export.records[0].doi == ""
    assert messages(export) == ["refs.bib:1: warning: entry 'k': DOI 'see paper' is not a DOI: left out "
                                "(a DOI looks like 10.1234/abcd)"]


@pytest.mark.parametrize("written, pages", [
    ("36743--36768", "36743–36768"), ("1-10", "1–10"), ("1---10", "1–10"), ("e1234", "e1234"),
    ("1--4, 9--12", "1–4, 9–12"), ("17:1--17:25", "17:1–17:25"),      # ACM's article pages
    ("1020-31", "1020–1031"), ("S1--S10", "S1–S10"), ("1-1", "1"), ("123-12", "123-12"), ("e1-e10", "e1–e10"),
])
def test_pages_are_en_dash_ranges(tmp_path, written, pages):
    assert bib(tmp_path, f"pages = {{{written}}}").pages == pages


def test_volume_number_and_issue(tmp_path):
    record = bib(tmp_path, "volume = {235}, number = 4")
    assert (record.volume, record.number) == ("235", "4")
    assert bib(tmp_path, "issue = {7}").number == "7"
    ris = only(read(tmp_path, "r.ris", "TY  - JOUR\nTI  - T\nVL  - 12\nIS  - 3\nSP  - 5\nER  - \n"))
    assert (ris.volume, ris.number, ris.pages) == ("12", "3", "5")


def test_nothing_is_invented_for_a_title_alone(tmp_path):
    for name, text in (("a.bib", "@misc{k, title = {Only a title}}"), ("a.ris", "TY  - GEN\nTI  - Only a title\nER  - "),
                       ("a.json", '[{"id": "k", "type": "document", "title": "Only a title"}]')):
        record = only(read(tmp_path, name, text))
        assert record.title == "Only a title" and record.type == "other"
        assert (record.authors, record.more_authors, record.date, record.venue, record.doi, record.url, record.arxiv,
                record.abstract, record.pages, record.volume, record.number) == ((), False, "", "", "", "", "", "",
                                                                                 "", "", "")


def test_string_macros_and_concatenation(tmp_path):
    export = read(tmp_path, "refs.bib", '@string{jmlr = "Journal of Machine Learning Research"}\n'
                                        '@STRING{ full = jmlr # " (JMLR)" }\n'
                                        '@article{k, title = "Part " # {One}, journal = full, year = 2020}\n'
                                        '@article{u, title = {U}, journal = nowhere}\n')
    assert [(r.title, r.venue) for r in export.records] == [
        ("Part One", "Journal of Machine Learning Research (JMLR)"), ("U", "")]
    assert messages(export) == [
        "refs.bib:4: warning: entry 'u': field 'journal' uses undefined @string 'nowhere': left out of the value "
        "(define it with @string{nowhere = {…}} or write the value in braces)"]


def test_a_string_defined_again_holds_from_there_on_as_in_bibtex(tmp_path):
    export = read(tmp_path, "refs.bib", "@string{j = {First}}\n@article{a, title = {A}, journal = j}\n"
                                        "@string{j = {Second}}\n@article{b, title = {B}, journal = j}\n")
    assert [r.venue for r in export.records] == ["First", "Second"]
    assert messages(export) == ["refs.bib:3: warning: @string 'j' is defined again (first on line 1): "
                                "the new value is used from here on"]


def test_field_names_and_types_are_case_insensitive(tmp_path):
    record = only(read(tmp_path, "refs.bib", "@ARTICLE{K,\n  TITLE = {Upper},\n  Author = {Ann Lee},\n  YEAR = 2020\n}"))
    assert (record.key, record.type, record.title, record.authors, record.date) == (
        "K", "article", "Upper", ("Ann Lee",), "2020")


def test_the_format_comes_from_the_content_not_the_name(tmp_path):
    assert read(tmp_path, "export.txt", "@article{k, title = {T}}").format == "bibtex"
    assert read(tmp_path, "refs.bib", "TY  - JOUR\nTI  - T\nER  - \n").format == "ris"
    assert read(tmp_path, "refs.ris", '[{"id": "k", "type": "book", "title": "T"}]').format == "csl-json"
    assert read(tmp_path, "noext", "Provider: Someone\n\nTY  - JOUR\nTI  - T\nER  - \n").format == "ris"


def test_the_digest_ignores_line_ends_and_changes_with_the_text(tmp_path):
    lf = read(tmp_path, "a.bib", "@article{k,\n  title = {T}\n}\n").records[0]
    crlf = read(tmp_path, "b.bib", b"@article{k,\r\n  title = {T}\r\n}\r\n").records[0]
    changed = read(tmp_path, "c.bib", "@article{k,\n  title = {T2}\n}\n").records[0]
    assert lf.digest == crlf.digest != changed.digest
    assert (lf.line, crlf.line) == (1, 1)


def test_read_exports_reads_several_files_in_order(tmp_path):
    (tmp_path / "a.bib").write_text("@article{a, title = {A}}\n", encoding="utf-8")
    (tmp_path / "b.ris").write_text("TY  - JOUR\nTI  - B\nER  - \n", encoding="utf-8")
    records, problems = read_exports([tmp_path / "a.bib", tmp_path / "missing.json", tmp_path / "b.ris"])
    assert [r.source for r in records] == ["a.bib:1", "b.ris:1"]
    assert [p.format() for p in problems] == [f"{tmp_path / 'missing.json'}:1: cannot read this file: "
                                              "No such file or directory"]


# ------------------------------------------------------------------ bad input

TWO_GOOD = "@article{good1, title = {Good One}, year = 2020}\n\n@article{good2, title = {Good Two}, year = 2021}\n"


def test_an_unbalanced_brace_skips_that_entry_only(tmp_path):
    export = read(tmp_path, "refs.bib", "@article{good1, title = {Good One}}\n"
                                        "@article{broken,\n  title = {Unbalanced {brace},\n  year = {2020}\n}\n\n"
                                        "@article{good2, title = {Good Two}}\n"
                                        "@article{last,\n  title = {Never closed\n")
    assert [r.key for r in export.records] == ["good1", "good2"]
    assert messages(export) == [
        "refs.bib:2: entry 'broken' skipped: a '{' is never closed (the next entry starts on line 7) "
        "(check the braces of this entry)",
        "refs.bib:8: entry 'last' skipped: a '{' is never closed (the file ends first) (check the braces of this entry)"]


def test_an_extra_closing_brace_is_caught_before_it_loses_fields(tmp_path):
    export = read(tmp_path, "refs.bib", "@article{early,\n  title = {Early}},\n  year = {2020},\n}\n" + TWO_GOOD)
    assert [r.key for r in export.records] == ["good1", "good2"]
    assert messages(export) == ["refs.bib:1: entry 'early' skipped: an extra '}' on line 2 ends it before its last "
                                "fields (year) (check the braces of this entry)"]


def test_other_syntax_errors_name_what_is_missing(tmp_path):
    export = read(tmp_path, "refs.bib", "@article{nocomma title = {X}}\n" + TWO_GOOD)
    assert [r.key for r in export.records] == ["good1", "good2"]
    assert messages(export) == ["refs.bib:1: entry 'nocomma' skipped: there is no ',' after the citation key "
                                "(check the braces of this entry)"]


def test_a_broken_comment_loses_nothing_and_is_only_a_warning(tmp_path):
    export = read(tmp_path, "refs.bib", "@comment{an unbalanced { brace}\n" + TWO_GOOD)
    assert [r.key for r in export.records] == ["good1", "good2"]
    assert messages(export) == ["refs.bib:1: warning: @comment skipped: a '{' is never closed (the next entry "
                                "starts on line 2) (check the braces of this entry)"]


def test_an_unknown_entry_type_is_read_as_other_with_a_warning(tmp_path):
    export = read(tmp_path, "refs.bib", "@poster{p, title = {A Poster}}\n" + TWO_GOOD)
    assert [(r.key, r.type, r.source_type) for r in export.records] == [
        ("p", "other", "poster"), ("good1", "article", "article"), ("good2", "article", "article")]
    assert messages(export) == ["refs.bib:1: warning: entry 'p': unknown entry type '@poster': read as 'other' "
                                "(use a standard type such as @article, @inproceedings or @misc)"]


def test_a_duplicate_citation_key_skips_the_second_entry(tmp_path):
    export = read(tmp_path, "refs.bib", TWO_GOOD + "\n@article{good1, title = {Another Paper}}\n")
    assert [r.title for r in export.records] == ["Good One", "Good Two"]
    assert messages(export) == ["refs.bib:5: entry 'good1' skipped: its key is already used on line 1 "
                                "(give each entry its own key)"]


def test_a_field_given_twice_skips_the_entry(tmp_path):
    export = read(tmp_path, "refs.bib", "@article{twice, title = {A}, title = {B}}\n" + TWO_GOOD)
    assert [r.key for r in export.records] == ["good1", "good2"]
    assert messages(export) == ["refs.bib:1: entry 'twice' skipped: field 'title' is given twice (keep one of them)"]


def test_an_entry_without_a_title_is_skipped(tmp_path):
    export = read(tmp_path, "refs.bib", TWO_GOOD + "@article{notitle, author = {Ann Lee}, year = 2020}\n")
    assert len(export.records) == 2
    assert messages(export) == ["refs.bib:4: entry 'notitle' skipped: it has no title (add a title field)"]


def test_latin1_entries_are_refused_with_their_line_and_the_rest_is_read(tmp_path):
    data = ("@article{cafe,\n  title = {Caf\xe9 Society},\n  year = 2020\n}\n".encode("latin-1")
            + TWO_GOOD.encode("utf-8"))
    export = read(tmp_path, "refs.bib", data)
    assert [r.key for r in export.records] == ["good1", "good2"]
    assert messages(export) == ["refs.bib:1: entry 'cafe' skipped: line 2 is not UTF-8 text (byte 0xe9) "
                                "(save the file as UTF-8)"]


@pytest.mark.parametrize("declared", ["utf-16", "hex", "no-such-encoding"])
def test_an_encoding_declared_wrongly_is_reported_and_utf8_read(tmp_path, declared):
    data = f"% Encoding: {declared}\n@article{{cafe, title = {{Caf\xe9}}}}\n@article{{k, title = {{T}}}}\n"
    export = read(tmp_path, "refs.bib", data.encode("latin-1"))
    assert [r.key for r in export.records] == ["k"]
    assert messages(export) == [
        f"refs.bib:1: warning: the file says its encoding is '{declared}', which does not read it: read as UTF-8 "
        "(save the file as UTF-8)",
        "refs.bib:2: entry 'cafe' skipped: line 2 is not UTF-8 text (byte 0xe9) (save the file as UTF-8)"]


def test_an_encoding_the_file_declares_is_used(tmp_path):
    data = "% This file was created with JabRef 2.10.\n% Encoding: ISO8859_1\n\n@article{cafe, title = {Caf\xe9}}\n"
    record = only(read(tmp_path, "refs.bib", data.encode("latin-1")))
    assert (record.title, record.line) == ("Café", 4)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_files_are_read_and_said_so(tmp_path, encoding):
    export = read(tmp_path, "refs.bib", ("@article{k, title = {Caf\xe9}}\n" + TWO_GOOD).encode(encoding))
    assert [r.title for r in export.records] == ["Café", "Good One", "Good Two"]
    assert messages(export) == ["refs.bib:1: warning: read as UTF-16 text "
                                "(it was saved as UTF-16; UTF-8 is safer with other tools)"]


def test_a_utf8_byte_order_mark_is_not_a_problem(tmp_path):
    export = read(tmp_path, "refs.json", b"\xef\xbb\xbf" + b'[{"id": "k", "type": "book", "title": "T"}]')
    assert export.problems == () and export.records[0].title == "T"


EXPORT_HINT = "(export the references as BibTeX (.bib), RIS (.ris) or CSL JSON (.json))"


@pytest.mark.parametrize("content, message", [
    (b"", f"file is empty: nothing to import {EXPORT_HINT}"),
    (b"  \n\n", f"file is empty: nothing to import {EXPORT_HINT}"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", f"binary file, not a BibTeX, RIS or CSL-JSON export: nothing imported {EXPORT_HINT}"),
    (b"Nash Learning from Human Feedback\nR\xc3\xa9mi Munos\n", f"not a BibTeX, RIS or CSL-JSON file: nothing imported {EXPORT_HINT}"),
    (b"% only a comment\n@comment{nothing here}\n", "no BibTeX entries in this file: nothing to import "
     "(an entry starts with @article{key, or another @type{key,)"),
])
def test_files_that_hold_nothing_to_import(tmp_path, content, message):
    export = read(tmp_path, "refs.bib", content)
    assert export.records == ()
    assert messages(export) == [f"refs.bib:1: {message}"]


SHAPE = '(export the references again as CSL JSON: a list of items, [{"type": …, "title": …}, …])'


@pytest.mark.parametrize("content, expected", [
    ('{"id": "k", "type": "book", "title": "T"}',
     ["refs.json:1: CSL-JSON must be a list of items, and this file holds a single object: nothing imported "
      "(put the item in a list: [{…}])"]),
    ('{"name": "site-builder", "version": "1.0"}',
     [f"refs.json:1: JSON that is not CSL-JSON (it holds an object, not a list of items): nothing imported {SHAPE}"]),
    ("[]", [f"refs.json:1: no items in this file: nothing to import {SHAPE}"]),
    ('{"id": "k",\n "title": }',
     ["refs.json:2: not valid JSON: Expecting value (column 11) (fix the JSON or export the file again)"]),
])
def test_csl_json_of_the_wrong_shape(tmp_path, content, expected):
    export = read(tmp_path, "refs.json", content)
    assert export.records == ()
    assert messages(export) == expected


def test_csl_json_items_of_the_wrong_shape_are_skipped_and_the_others_read(tmp_path):
    text = ('[\n  {"id": "a", "type": "article-journal", "title": "Good A"},\n  "not an item",\n'
            '  {"id": "b", "type": "article-journal", "author": [{"family": "Lee"}]},\n'
            '  {"id": "c", "title": "No type", "author": "Ann Lee", "issued": {"raw": "Spring 2024"}},\n'
            '  {"id": "a", "type": "book", "title": "Same id"},\n'
            '  {"id": "d", "type": "article-journal", "title": 42},\n'
            '  {"id": "e", "type": "article-journal", "title": {"text": "?"}},\n'
            '  {"id": "f", "type": "article-journal", "title": "Good F"}\n]\n')
    export = read(tmp_path, "refs.json", text)
    assert [(r.key, r.title, r.line) for r in export.records] == [("a", "Good A", 2), ("c", "No type", 5),
                                                                   ("d", "42", 7), ("f", "Good F", 9)]
    assert messages(export) == [
        f"refs.json:3: item 2 skipped: it is text, not an object {{…}} {SHAPE}",
        "refs.json:4: item 'b' skipped: it has no title (add a \"title\")",
        "refs.json:5: warning: item 'c': it has no \"type\": read as 'other' (add a \"type\", e.g. \"article-journal\")",
        "refs.json:5: warning: item 'c': \"author\" is text, not a list of names: no authors read "
        "(\"author\": [{\"family\": \"Munos\", \"given\": \"Rémi\"}])",
        "refs.json:5: warning: item 'c': issued 'Spring 2024' is not a date: ignored "
        "(write \"issued\": {\"date-parts\": [[2024, 5, 17]]})",
        "refs.json:6: item 'a' skipped: its key is already used on line 2 (give each item its own \"id\")",
        "refs.json:8: warning: item 'e': \"title\" is an object, not text: ignored",
        "refs.json:8: item 'e' skipped: it has no title (add a \"title\")"]


def test_invalid_json_after_some_items_keeps_the_items_before_it(tmp_path):
    text = '[\n  {"id": "a", "type": "book", "title": "A"},\n  {"id": "b", "type": "book" "title": "B"}\n]\n'
    export = read(tmp_path, "refs.json", text)
    assert [r.key for r in export.records] == ["a"]
    assert messages(export) == ["refs.json:3: not valid JSON: Expecting ',' delimiter (column 30); this item and "
                                "the ones after it were not read (fix the JSON or export the file again)"]


RECORD_HINT = "(each record starts with a 'TY  - ' line and ends with an 'ER  - ' line)"


def test_ris_records_without_er_lines_text_outside_records_and_duplicate_ids(tmp_path):
    text = ("Provider: Someone\n\nTY  - JOUR\nID  - a\nTI  - First\nPY  - 2020\n"
            "TY  - JOUR\nID  - b\nTI  - Second\nER  - \n"
            "stray line\nTY  - FOO\nID  - a\nTI  - Same ID\nER  - \n"
            "TY  - JOUR\nAU  - Lee, Ann\nER  - \n"
            "TY  - CONF\nID  - c\nTI  - Last, unclosed\n")
    export = read(tmp_path, "refs.ris", text)
    # a repeated ID is kept: an RIS ID is a label (Springer's "Zhang2019"), not a unique key
    assert [(r.key, r.title, r.line, r.end_line) for r in export.records] == [
        ("a", "First", 3, 6), ("b", "Second", 7, 10), ("a", "Same ID", 12, 15), ("c", "Last, unclosed", 19, 21)]
    assert messages(export) == [
        f"refs.ris:1: warning: line outside any record ignored: 'Provider: Someone' {RECORD_HINT}",
        f"refs.ris:3: warning: record 'a': no 'ER  - ' line before the next record (line 7): read up to there {RECORD_HINT}",
        f"refs.ris:11: warning: line outside any record ignored: 'stray line' {RECORD_HINT}",
        "refs.ris:12: warning: record 'a': unknown record type 'FOO': read as 'other' "
        "(use a standard type such as JOUR or CONF)",
        "refs.ris:16: record skipped: it has no title (add a 'TI  - ' line)",
        f"refs.ris:19: warning: record 'c': no 'ER  - ' line before the end of the file: read up to there {RECORD_HINT}"]


def test_ris_continuation_lines_and_windows_line_ends(tmp_path):
    record = only(read(tmp_path, "r.ris", b"TY  - JOUR\r\nTI  - A long\r\n  title\r\nAB  - One\r\ntwo.\r\nER  - \r\n"))
    assert (record.title, record.abstract) == ("A long title", "One two.")


# ------------------------------------------------------------------ the site's own exports read back

def test_the_sites_own_citation_files_read_back_to_the_same_fields(tmp_path):
    from site_builder.build.citations import Citation, csl_item, to_bibtex, to_csl_json, to_ris
    from site_builder.model import Paper
    paper = Paper(id="p", title=r"Regret $O(\sqrt{T})$ for RLHF & Nash: 100% of {braces}",
                  authors=("Rémi Munos", "Jürgen Schmidhuber", "Anderson and Co, Inc"), date="2023-12-01",
                  venue="Journal of Machine Learning Research", doi="10.1000/xyz", url="https://example.org/p")
    cite = Citation("munos2023regret", paper)
    for name, text in (("all.bib", to_bibtex(cite)), ("all.ris", to_ris(cite)),
                       ("all.json", to_csl_json([csl_item(cite)]))):
        record = only(read(tmp_path, name, text))
        assert (record.key, record.authors, record.date, record.venue, record.doi, record.url, record.type) == (
            "munos2023regret", paper.authors, "2023-12-01", paper.venue, paper.doi, paper.url, "article"), name
    # BibTeX keeps the title's TeX as written; RIS and CSL-JSON carry the plain text the site makes of it
    assert read(tmp_path, "all.bib", to_bibtex(cite)).records[0].title == paper.title


# ------------------------------------------------------------------ never a traceback

@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(
    st.binary(max_size=300),
    st.builds(lambda encoding, body: b"% Encoding: " + encoding + b"\n@article{k, title={" + body + b"}}",
              st.sampled_from([b"utf-16", b"utf-32", b"cp1252", b"hex", b"idna", b"x"]), st.binary(max_size=50)),
    st.text(alphabet=st.sampled_from(list("@{}\"#=,%$\\ \naAtTyY-[]:0123456789é")), max_size=300),
    st.builds(lambda body: "@article{k,\n" + body, st.text(max_size=200)),
    st.builds(lambda body: "TY  - JOUR\n" + body, st.text(max_size=200)),
    st.builds(lambda body: "[" + body, st.text(max_size=200)),
))
def test_any_input_gives_records_and_problems_never_a_traceback(data):
    export = parse_export("x", "x", data if isinstance(data, bytes) else data.encode("utf-8"))
    raw = data if isinstance(data, bytes) else data.encode("utf-8")
    lines = raw.count(b"\n") + raw.count(b"\r") + 1          # an upper bound: old Macs end lines with CR
    for problem in export.problems:
        assert 1 <= problem.line <= lines, problem
    for record in export.records:
        assert record.title and record.type in PAPER_TYPES and 1 <= record.line <= record.end_line <= lines


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(list("{}-~`'\"%&#_^$ aZé\n!?.,") + ["\\sqrt{T}", "\\alpha", "$x^{2}$", "R{\\'e}mi",
                                 "\\%", "\\&", "\\#", "\\_", "\\'{E}", "\\\"o", "\\c{c}", "\\v{s}", "\\H o", "\\~n",
                                 "{\\o}", "{\\ss}", "{\\i}", "{\\DJ}", "\\o", "{\\c{C}}", "{\\o x}", "\\`", "\\emph{x}",
                                 "\\", "\\'", "\\.z", "\\$", "\\\\", "\\^{}"]),
                max_size=30).map("".join).filter(lambda s: "$$" not in s and _balanced(s)))
def test_the_quick_path_for_text_without_commands_agrees_with_pylatexenc(value):
    """Values bibtexparser hands over have balanced braces; display math ($$) is left as written. The
    quick path also takes escaped characters and accents on one letter ("R{\\'e}mi", "\\%", "{\\o}")."""
    from site_builder.ingest.exports.latex import _MATH_RE, _decode, latex_to_text
    if all(_balanced(m.group(0)) for m in _MATH_RE.finditer(value)):
        assert latex_to_text(value)[0].split() == _decode(value)[0].split()


# ------------------------------------------------------------------ the editors' guide tells the truth

def test_the_problems_quoted_in_the_editors_guide_are_what_the_reader_prints(tmp_path):
    guide = (Path(__file__).resolve().parent.parent / "docs" / "editing.md").read_text(encoding="utf-8")
    section = guide.split("### Problems in an export", 1)[1].split("\n## ", 1)[0]
    quoted = [line for line in re.search(r"```\n(.*?)```", section, re.S).group(1).splitlines() if line]
    bib = ("@article{munos2024nash, title = {Nash Learning from Human Feedback}, year = 2024}\n\n"
           "@article{good, title = {A good one}}\n\n"
           "@article{munos2024nash, title = {Another paper}}\n\n\n"
           "@article{broken,\n  title = {Unbalanced {brace},\n  year = 2020\n}\n"
           "@article{early,\n  title = {Early}},\n  year = {2020},\n}\n"
           "@poster{poster, title = {A Poster}}\n").encode("utf-8") + \
        "@article{cafe, title = {Caf\xe9}}\n".encode("latin-1")
    printed = messages(read(tmp_path, "refs.bib", bib)) + messages(
        read(tmp_path, "refs.json", '{"id": "k", "type": "book", "title": "T"}'))
    assert printed == quoted


# ------------------------------------------------------------------ crossref, extended names, page look-alikes

def test_a_crossref_to_an_entry_the_file_lacks_is_reported_and_the_entry_read(tmp_path):
    export = read(tmp_path, "refs.bib", "@inproceedings{a, title = {T}, author = {Lee, Ann}, crossref = {conf22}}\n")
    assert [r.title for r in export.records] == ["T"]
    assert messages(export) == ["refs.bib:1: warning: entry 'a': crossref 'conf22' names no entry of this file: "
                                "nothing inherited (export the entry it points to with it, or remove the crossref "
                                "field)"]


def test_crossref_parents_give_their_title_as_the_childs_venue_and_a_written_book_stays_a_paper(tmp_path):
    export = read(tmp_path, "refs.bib", r"""@incollection{ch, title = {A Chapter}, author = {Lee, Ann}, crossref = {bk}}
@book{bk, title = {Our Book}, author = {Lee, Ann}, publisher = {MIT Press}, year = 2020, isbn = {978-0}}
@article{art, title = {An Article}, author = {Chen, Bo}, crossref = {jr}, pages = {1--2}}
@periodical{jr, title = {Journal of Kernels}, editor = {Korhonen, Anna}, year = 2021, volume = 4}
""")
    assert export.problems == (), messages(export)
    assert [(r.title, r.type, r.venue, r.date, r.volume) for r in export.records] == [
        ("A Chapter", "chapter", "Our Book", "2020", ""), ("Our Book", "book", "MIT Press", "2020", ""),
        ("An Article", "article", "Journal of Kernels", "2021", "4")]


@pytest.mark.parametrize("written, name", [
    ("family=Maaten, given=Laurens, prefix=van der, useprefix=true", "Laurens van der Maaten"),
    ("family={Gheshlaghi Azar}, given=Mohammad", "Mohammad Gheshlaghi Azar"),
    ("family=King, given=Martin Luther, suffix=Jr.", "Martin Luther King Jr."),
    ("family=M{\\\"u}ller, given=Ann", "Ann Müller"),
])
def test_biblatex_extended_name_format(tmp_path, written, name):
    assert bib(tmp_path, f"author = {{{written}}}").authors == (name,)


def test_several_links_in_one_url_field_the_first_is_the_url_and_the_others_searched(tmp_path):
    record = bib(tmp_path, "url = {https://example.org/paper.pdf http://arxiv.org/abs/2101.00002v2}")
    assert (record.url, record.arxiv) == ("https://example.org/paper.pdf", "2101.00002")


@pytest.mark.parametrize("lines, date, warnings", [
    ("PY  - 2020\nDA  - March\n", "2020-03", []),
    ("Y1  - 2019\nDA  - Feb 30\n", "2019-02", ["r.ris:1: warning: record: DA 'Feb 30': February 2019 has no day 30: "
                                               "read as 2019-02"]),
    ("PY  - 2019\nDA  - Spring\n", "2019", ["r.ris:1: warning: record: DA 'Spring' is not a date: ignored (write "
                                            "2024, 2024/05 or 2024/05/17)"]),
    ("DA  - 2021/06/01\nPY  - 2020\n", "2021-06-01", []),
])
def test_an_endnote_da_of_a_month_and_day_completes_the_year(tmp_path, lines, date, warnings):
    export = read(tmp_path, "r.ris", f"TY  - JOUR\nTI  - T\n{lines}ER  - \n")
    assert (export.records[0].date, messages(export)) == (date, warnings)


def test_csl_rich_text_and_jats_abstracts_become_text(tmp_path):
    item = {"id": "k", "type": "article-journal", "title": "H<sub>2</sub>O on <b>E. coli</b>",
            "container-title": "<i>Journal</i> of Kernels",
            "abstract": "<jats:sec><jats:title>Background</jats:title><jats:p>A &lt; b.</jats:p></jats:sec>"
                        "<jats:sec><jats:title>Results</jats:title><jats:p>C <jats:sup>2</jats:sup>.</jats:p></jats:sec>"}
    record = only(read(tmp_path, "r.json", json.dumps([item])))
    assert (record.title, record.venue, record.abstract) == (
        "H2O on E. coli", "Journal of Kernels", "Background\n\nA < b.\n\nResults\n\nC 2.")
