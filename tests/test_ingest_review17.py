"""Review 17: regressions of the last round of ingest rules (labelled field lines, site furniture,
source lines after an abstract, one-line citations, French names, people rules).

Each case is an ordinary listing as a lab page, DBLP, ACM or a publisher prints it: a title line,
its author line, maybe a source line or an abstract. Each was read right at a17446e and is read
wrong now (a case that was wrong at a17446e too says "still wrong" in its docstring). What an
editor expects: every paper kept with its own title, its own authors and its own source or
abstract, no paper made of another paper's source line or abstract.
"""
from __future__ import annotations

import pytest
import yaml

from conftest import run_command
from test_ingest_real_forms import ROOT, ingest, papers, papers_by_title

RESNET = ("Deep Residual Learning for Image Recognition",
          "Kaiming He, Xiangyu Zhang, Shaoqing Ren, Jian Sun",
          "CVPR 2016",
          "Deeper neural networks are more difficult to train. We present a residual learning framework to ease "
          "the training of networks that are substantially deeper than those used previously.")
TRANSFORMER = ("Attention Is All You Need",
               "Ashish Vaswani, Noam Shazeer, Niki Parmar",
               "NeurIPS 2017",
               "The dominant sequence transduction models are based on complex recurrent or convolutional neural "
               "networks. We propose a new simple network architecture, the Transformer.")
ALPHAGO = ("Mastering the Game of Go without Human Knowledge",
           "David Silver, Julian Schrittwieser",
           "Nature 550: 354-359 (2017)",
           "A long-standing goal of artificial intelligence is an algorithm that learns superhuman proficiency. "
           "Here we introduce an algorithm based solely on reinforcement learning.")


def with_sources(title: str, authors: str, source: str) -> str:
    """Title, author line and source line of each record, the record under test second."""
    records = [RESNET[:3], (title, authors, source), TRANSFORMER[:3], ALPHAGO[:3]]
    return "".join(f"{t}\n{a}\n{s}\n" for t, a, s in records)


def with_abstracts(title: str, authors: str, abstract: str) -> str:
    """Title, author line and abstract of each record, the record under test second."""
    records = [(RESNET[0], RESNET[1], RESNET[3]), (title, authors, abstract),
               (TRANSFORMER[0], TRANSFORMER[1], TRANSFORMER[3]), (ALPHAGO[0], ALPHAGO[1], ALPHAGO[3])]
    return "".join(f"{t}\n{a}\n{s}\n" for t, a, s in records)


def assert_source_listing_right(content, title: str, authors: list[str]) -> None:
    by_title = papers_by_title(content)
    assert sorted(by_title) == sorted([RESNET[0], title, TRANSFORMER[0], ALPHAGO[0]])
    assert by_title[title]["authors"] == authors
    assert by_title[RESNET[0]]["authors"] == ["Kaiming He", "Xiangyu Zhang", "Shaoqing Ren", "Jian Sun"]
    assert by_title[RESNET[0]].get("venue") == "CVPR"


def assert_abstract_listing_right(content, title: str, authors: list[str]) -> None:
    by_title = papers_by_title(content)
    assert sorted(by_title) == sorted([RESNET[0], title, TRANSFORMER[0], ALPHAGO[0]])
    assert by_title[title]["authors"] == authors
    assert by_title[RESNET[0]].get("abstract", "").startswith("Deeper neural networks")


# ---------------------------------------------------------------- labelled fields: "Label 2 ..." and "Label: ..."


def test_a_title_starting_type_and_a_number_is_no_type_field(tmp_path):
    """"Type 2 Fuzzy Sets Made Simple" (Mendel and John, IEEE TFS 2002) between ResNet's and the
    Transformer's records, each with its source line. At a17446e: four papers, each right. Now
    the title is read as a "Type:" field line (``venues._FIELD_RE`` takes a label followed by a
    space and a digit), ResNet's record loses "CVPR 2016", which becomes the title of Mendel and
    John's paper: 'CVPR 2016' by Jerry M. Mendel and Robert I. John. Should be: the four papers."""
    content = ingest(tmp_path, {"lab.txt": with_sources(
        "Type 2 Fuzzy Sets Made Simple", "Jerry M. Mendel, Robert I. John",
        "IEEE Transactions on Fuzzy Systems 10(2): 117-127 (2002)")})
    assert_source_listing_right(content, "Type 2 Fuzzy Sets Made Simple", ["Jerry M. Mendel", "Robert I. John"])
    assert papers_by_title(content)["Type 2 Fuzzy Sets Made Simple"].get("date") in (2002, "2002")


def test_type_1_diabetes_in_a_listing_with_abstracts(tmp_path):
    """"Type 1 Diabetes" (Atkinson, Eisenbarth, Michels, The Lancet 2014) in a listing of title,
    authors, abstract. At a17446e: four papers, each with its abstract. Now the title is a "Type"
    field line of ResNet's record (its abstract, "Type 1 diabetes is ...", a "Type" line too), and
    ResNet's abstract becomes the title of the Lancet paper:
    a paper titled "Deeper neural networks are more difficult to train. ..." by Atkinson et al.,
    ResNet without its abstract. Should be: the four papers, each with its own abstract."""
    content = ingest(tmp_path, {"lab.txt": with_abstracts(
        "Type 1 Diabetes", "Mark A. Atkinson, George S. Eisenbarth, Aaron W. Michels",
        "Type 1 diabetes is a chronic autoimmune disease. Its incidence is increasing worldwide, "
        "and we review its causes and treatments.")})
    assert_abstract_listing_right(content, "Type 1 Diabetes",
                                  ["Mark A. Atkinson", "George S. Eisenbarth", "Aaron W. Michels"])


def test_a_title_starting_online_and_a_number_is_no_date_field(tmp_path):
    """"Online 3D Bin Packing with Constrained Deep Reinforcement Learning" (Zhao, She, Zhu, Yang,
    Xu; AAAI 2021). At a17446e: four papers, each with its source. Now "Online 3D ..." is read as
    an "Online:" date field ("online" is a date label, and a digit follows), and "CVPR 2016" is
    the title of Zhao et al.'s paper. Should be: the four papers."""
    title = "Online 3D Bin Packing with Constrained Deep Reinforcement Learning"
    content = ingest(tmp_path, {"lab.txt": with_sources(
        title, "Hang Zhao, Qijin She, Chenyang Zhu, Yin Yang, Kai Xu", "AAAI 2021")})
    assert_source_listing_right(content, title, ["Hang Zhao", "Qijin She", "Chenyang Zhu", "Yin Yang", "Kai Xu"])


def test_an_acm_poster_title_is_no_poster_field(tmp_path):
    """ACM's proceedings title their posters "Poster: ..." (CCS, MobiSys, SenSys). At a17446e:
    four papers. Now "Poster: Towards Practical Differentially Private Convex Optimization" is a
    "Poster:" detail line of ResNet's record, and "CVPR 2016" is the poster's title. Should be:
    the four papers, the poster with its "Poster:" title."""
    title = "Poster: Towards Practical Differentially Private Convex Optimization"
    content = ingest(tmp_path, {"lab.txt": with_sources(title, "Roger Iyengar, Joseph P. Near, Dawn Song", "CCS 2019")})
    assert_source_listing_right(content, title, ["Roger Iyengar", "Joseph P. Near", "Dawn Song"])


def test_a_book_titled_code_colon_is_no_code_field(tmp_path):
    """Charles Petzold's "Code: The Hidden Language of Computer Hardware and Software"
    (Microsoft Press 2000). At a17446e: four records, each right. Now its title is a "Code:"
    detail line of ResNet's record, and the book is titled "CVPR 2016". Should be: the four."""
    title = "Code: The Hidden Language of Computer Hardware and Software"
    content = ingest(tmp_path, {"lab.txt": with_sources(title, "Charles Petzold", "Microsoft Press 2000")})
    assert_source_listing_right(content, title, ["Charles Petzold"])


def test_code_version_2_in_a_listing_with_abstracts(tmp_path):
    """Lawrence Lessig's "Code: Version 2.0" (Basic Books 2006), without an abstract, in a listing
    whose other records have one. At a17446e: four records, ResNet with its abstract. Now "Code:"
    is a detail label: the title joins ResNet's record and ResNet's abstract is the title of
    Lessig's book. Should be: the four records."""
    records = [(RESNET[0], RESNET[1], RESNET[3]), ("Code: Version 2.0", "Lawrence Lessig", ""),
               (TRANSFORMER[0], TRANSFORMER[1], TRANSFORMER[3]), (ALPHAGO[0], ALPHAGO[1], ALPHAGO[3])]
    text = "".join(f"{t}\n{a}\n" + (f"{s}\n" if s else "") for t, a, s in records)
    content = ingest(tmp_path, {"lab.txt": text})
    assert_abstract_listing_right(content, "Code: Version 2.0", ["Lawrence Lessig"])


# ---------------------------------------------------------------- site furniture: a one-word title

DBLP_ACM = """\
SQLJ Part 1: SQL routines using the Java programming language
Andrew Eisenberg
Jim Melton
Fast Algorithms for Mining Association Rules in Large Databases
Rakesh Agrawal
Ramakrishnan Srikant
{title}
Ann Wu
Tom Lee
SONAR: system for optimized numeric association rules
Takeshi Fukuda
Yasuhiko Morimoto
"""


def _assert_its_own_paper(tmp_path, title: str) -> None:
    """The DBLP/ACM listing with ``title`` as its second paper: each paper with its own authors."""
    content = ingest(tmp_path, {"dblp.txt": DBLP_ACM.format(title=title)})
    by_title = papers_by_title(content)
    assert by_title["Fast Algorithms for Mining Association Rules in Large Databases"]["authors"] == \
        ["Rakesh Agrawal", "Ramakrishnan Srikant"]
    assert by_title[title]["authors"] == ["Ann Wu", "Tom Lee"]


@pytest.mark.parametrize("title", ["Abstract", "Software", "Video", "Citations"])
def test_a_one_word_title_in_a_dblp_listing_keeps_its_record(tmp_path, title):
    """A DBLP/ACM listing (the dev set's form: a title, one author a line) with a one-word title,
    as encyclopedia entries and short essays have ("Software", "Video", "Citations", "Abstract").
    At a17446e: four papers, the one-word one by Ann Wu and Tom Lee. Now the title is site
    furniture (``_SITE_FURNITURE_RE``, ``_LINK_LABELS_RE``, ``_SCHOLAR_CHROME_RE``, or a bare label)
    and Ann Wu and Tom Lee are added to the authors of "Fast Algorithms for Mining Association
    Rules" (Agrawal, Srikant, Wu, Lee). Should be: the four papers, each with its own authors."""
    _assert_its_own_paper(tmp_path, title)


# ---------------------------------------------------------------- a whole citation inside a listing

def test_an_author_line_with_its_source_is_no_citation_of_a_paper_titled_in_proc(tmp_path):
    """A CV's listing: each title, then its names and source on one line ("Kaiming He, ..., Jian
    Sun. In Proc. of CVPR, pages 770-778, 2016."). At a17446e: three papers with their titles
    (the names were read into the source, not the authors: still wrong, not asserted here). Now
    the line is a whole citation (``parse._whole_citation``): a fourth paper titled "In Proc" by
    He, Zhang, Ren and Sun, of "of CVPR", and ResNet's record left with no source. Should be:
    three papers, no paper titled "In Proc"."""
    text = """\
Deep Residual Learning for Image Recognition
Kaiming He, Xiangyu Zhang, Shaoqing Ren, Jian Sun. In Proc. of CVPR, pages 770-778, 2016.
Dropout: A Simple Way to Prevent Neural Networks from Overfitting
Nitish Srivastava, Geoffrey Hinton, Alex Krizhevsky. Journal of Machine Learning Research 15: 1929-1958, 2014.
Attention Is All You Need
Ashish Vaswani, Noam Shazeer, Niki Parmar. Advances in Neural Information Processing Systems 30, 2017.
"""
    made = sorted(p["title"] for p in papers(ingest(tmp_path, {"cv.txt": text})))
    assert made == sorted(["Deep Residual Learning for Image Recognition",
                           "Dropout: A Simple Way to Prevent Neural Networks from Overfitting",
                           "Attention Is All You Need"])


# ---------------------------------------------------------------- a count or page number after a heading

def ingest_warned(tmp_path, dumps: dict[str, str]):
    """Ingest that may report skipped lines (exit status 1), never a traceback."""
    seeds, content = tmp_path / "seeds", tmp_path / "content"
    seeds.mkdir()
    for name, text in dumps.items():
        (seeds / name).write_text(text, encoding="utf-8")
    run = run_command("ingest", "--seeds", seeds, "--content", content, "-q", cwd=ROOT)
    assert run.returncode in (0, 1) and "Traceback" not in run.stderr, run.stderr
    return content


def test_a_page_number_after_a_section_heading_does_not_make_the_heading_a_paper(tmp_path):
    """A publication list taken from a PDF CV: its page numbers ("13") are lines of their own,
    one right under the heading "Conference Papers". At a17446e: the four papers, the number
    skipped (reported). Now the bare number is a record's detail (``venues.is_citation_count``,
    Google Scholar's count) and the heading is read as a paper titled "Conference Papers".
    Should be: the four papers, no paper titled "Conference Papers"."""
    text = """\
Journal Articles
Deep Residual Learning for Image Recognition
Kaiming He, Xiangyu Zhang, Shaoqing Ren, Jian Sun
12
Attention Is All You Need
Ashish Vaswani, Noam Shazeer, Niki Parmar
Conference Papers
13
Mastering the Game of Go without Human Knowledge
David Silver, Julian Schrittwieser
Dropout: A Simple Way to Prevent Neural Networks from Overfitting
Nitish Srivastava, Geoffrey Hinton
"""
    made = sorted(p["title"] for p in papers(ingest_warned(tmp_path, {"cv.txt": text})))
    assert made == sorted(["Deep Residual Learning for Image Recognition", "Attention Is All You Need",
                           "Mastering the Game of Go without Human Knowledge",
                           "Dropout: A Simple Way to Prevent Neural Networks from Overfitting"])


# ---------------------------------------------------------------- an arXiv id as a record's source line


def test_an_arxiv_source_line_with_its_category_stays_with_its_paper(tmp_path):
    """A lab page printing each preprint's source as a reference manager exports it,
    "arXiv:1706.03762 [cs.CL]", under its names. At a17446e: each paper its own arxiv id. Now the
    line is arXiv's listing header (``parse._ARXIV_HEAD_RE``: an id line above an entry), so each
    id goes to the paper below it: "Attention Is All You Need" has none, ResNet gets 1706.03762,
    and GPT-3 (NeurIPS 2020) gets ResNet's 1512.03385. Should be: each paper its own id."""
    text = """\
Attention Is All You Need
Ashish Vaswani, Noam Shazeer, Niki Parmar
arXiv:1706.03762 [cs.CL]
Deep Residual Learning for Image Recognition
Kaiming He, Xiangyu Zhang, Shaoqing Ren, Jian Sun
arXiv:1512.03385 [cs.CV]
Language Models are Few-Shot Learners
Tom B. Brown, Benjamin Mann, Nick Ryder
NeurIPS 2020
"""
    by_title = papers_by_title(ingest(tmp_path, {"lab.txt": text}))
    assert by_title["Attention Is All You Need"].get("arxiv") == "1706.03762"
    assert by_title["Deep Residual Learning for Image Recognition"].get("arxiv") == "1512.03385"
    assert "arxiv" not in by_title["Language Models are Few-Shot Learners"]


def test_a_bare_arxiv_id_under_the_names_is_that_papers(tmp_path):
    """The bare form "arXiv:1706.03762" under the names. At a17446e: the Transformer's id. Now
    the id is given to the next paper, ResNet (a CVPR paper), and the Transformer has none."""
    text = """\
Attention Is All You Need
Ashish Vaswani, Noam Shazeer, Niki Parmar
arXiv:1706.03762
Deep Residual Learning for Image Recognition
Kaiming He, Xiangyu Zhang, Shaoqing Ren, Jian Sun
CVPR 2016
"""
    by_title = papers_by_title(ingest(tmp_path, {"lab.txt": text}))
    assert by_title["Attention Is All You Need"].get("arxiv") == "1706.03762"
    assert "arxiv" not in by_title["Deep Residual Learning for Image Recognition"]


# ---------------------------------------------------------------- surnames in capitals are no initials


def test_surnames_in_capitals_of_a_french_lab_page_are_not_initials(tmp_path):
    """French lab and HAL pages print surnames in capitals ("Rémi MUNOS"); with Chinese
    co-authors most such surnames are two or three letters ("Jun LI", "Yang LIU"), which could be
    initials. At a17446e: "Rémi MUNOS" (no initials) kept the dump from the Vancouver reading, and
    every name was read given name first. Now nine in ten such capitals being possible initials
    is enough (``parse._mark_vancouver_initials``): "Yang LIU" is written "L. I. U. Yang", "Jian
    SUN" "S. U. N. Jian", "Xin GAO" "G. A. O. Xin", "Jun LI" "LI Jun". Should be: every name
    with its given name first, as printed."""
    text = """\
Deep Learning for Graph Matching
Jun LI, Kai XU, Wei WU
Efficient Sparse Attention
Yang LIU, Jian SUN, Lei MA
Bandits with Knapsacks Revisited
Hao YU, Bo HU, Rémi MUNOS
Robust Point Cloud Registration
Xin GAO, Fei DU, Qiang FU
"""
    by_title = papers_by_title(ingest(tmp_path, {"lab.txt": text}))
    given = {title: [name.split()[0] for name in paper["authors"]] for title, paper in by_title.items()}
    assert given == {"Deep Learning for Graph Matching": ["Jun", "Kai", "Wei"],
                     "Efficient Sparse Attention": ["Yang", "Jian", "Lei"],
                     "Bandits with Knapsacks Revisited": ["Hao", "Bo", "Rémi"],
                     "Robust Point Cloud Registration": ["Xin", "Fei", "Qiang"]}


# ---------------------------------------------------------------- people: a hyphenated given name written as one word


def person_names(content) -> list[str]:
    return sorted(yaml.safe_load(p.read_text(encoding="utf-8"))["name"] for p in (content / "authors").glob("*.yaml"))


def test_zhi_hua_and_zhihua_zhou_are_one_person(tmp_path):
    """Chinese given names are printed with a hyphen or as one word: "Zhi-Hua Zhou" (Isolation
    Forest, ICDM 2008) and "Zhihua Zhou" (Deep Forest, IJCAI 2017) are one person, as "Kai-Wei
    Chang" and "Kaiwei Chang" are. At a17446e: one person each (the others too). Now the
    compound given-name rule (``normalise.compound_given_apart``, for "Jean" and "Jean-Pierre")
    keeps them apart: person files "Zhi-Hua Zhou" and "Zhihua Zhou", "Kai-Wei Chang" and
    "Kaiwei Chang". Should be: one person each."""
    text = """\
Isolation Forest
Fei Tony Liu, Kai Ming Ting, Zhi-Hua Zhou
Deep Forest: Towards an Alternative to Deep Neural Networks
Zhihua Zhou, Ji Feng
LIBLINEAR: A Library for Large Linear Classification
Rong-En Fan, Kai-Wei Chang, Cho-Jui Hsieh, Xiang-Rui Wang, Chih-Jen Lin
A Dual Coordinate Descent Method for Large-scale Linear SVM
Cho Jui Hsieh, Kaiwei Chang, Chih Jen Lin
"""
    names = person_names(ingest(tmp_path, {"lab.txt": text}))
    assert len([n for n in names if n.endswith(" Zhou")]) == 1, names
    assert len([n for n in names if n.endswith(" Chang")]) == 1, names


# ---------------------------------------------------------------- a long author list cut with "..."


def test_a_long_author_list_cut_with_dots_is_no_abstract(tmp_path):
    """A survey paper's author list as a publisher's listing cuts it: "Donald G. York, J.
    Adelman, ..., Robert Barkhouser..." (twenty words, no sentence). At a17446e: the paper's
    authors (the last one with the dots kept, a smaller fault). Now a line of twenty words or more
    ending in "..." is a cut snippet, an abstract (``parse.looks_like_abstract``): the SDSS paper
    has no authors and its names as its abstract. Should be: the names as its authors."""
    text = """\
Deep Residual Learning for Image Recognition
Kaiming He, Xiangyu Zhang, Shaoqing Ren, Jian Sun
CVPR 2016
The Sloan Digital Sky Survey: Technical Summary
Donald G. York, J. Adelman, John E. Anderson, Scott F. Anderson, James Annis, Neta A. Bahcall, J. A. Bakken, Robert Barkhouser...
The Astronomical Journal 120(3): 1579-1587 (2000)
Attention Is All You Need
Ashish Vaswani, Noam Shazeer, Niki Parmar
NeurIPS 2017
"""
    sdss = papers_by_title(ingest(tmp_path, {"lab.txt": text}))["The Sloan Digital Sky Survey: Technical Summary"]
    assert sdss["authors"][:3] == ["Donald G. York", "J. Adelman", "John E. Anderson"]
    assert not sdss.get("abstract")


# ---------------------------------------------------------------- French given names that are English words


@pytest.mark.parametrize("title", ["Marine Robotics", "Pascal Programming", "Xavier Initialization"])
def test_a_two_word_title_starting_with_a_french_given_name_is_a_title(tmp_path, title):
    """The DBLP/ACM listing (one author a line) with a two-word title whose first word is now a
    known French given name ("Marine", "Pascal", "Xavier": ``normalise.FRENCH_GIVEN_NAMES``) and
    an ordinary English word. At a17446e: the title of its own paper by Ann Wu and Tom Lee. Now
    it is a person: it and Ann Wu and Tom Lee are added to the authors of the paper above ("Fast
    Algorithms for Mining Association Rules ..."), and the paper is lost. Should be: its own paper."""
    _assert_its_own_paper(tmp_path, title)


def test_an_abstract_starting_type_2_diabetes_is_the_abstract(tmp_path):
    """A medical paper's abstract opening as many do: "Type 2 diabetes mellitus is a chronic
    metabolic disorder ...". At a17446e: the paper's abstract. Now the line is a "Type" field
    line (a record's detail, never an abstract: ``venues.is_record_detail``) and the paper has
    no abstract; the text is kept nowhere. Should be: the paper's abstract."""
    abstract = ("Type 2 diabetes mellitus is a chronic metabolic disorder affecting millions of people. We "
                "compare machine learning models for predicting its onset from electronic health records.")
    title = "Machine Learning Models for Predicting Diabetes Risk"
    content = ingest(tmp_path, {"lab.txt": with_abstracts(title, "Maria Garcia, Tom Lee", abstract)})
    assert_abstract_listing_right(content, title, ["Maria Garcia", "Tom Lee"])
    assert papers_by_title(content)[title].get("abstract", "").startswith("Type 2 diabetes mellitus")


def test_a_year_2000_report_title_is_no_year_field(tmp_path):
    """The GAO's Y2K reports are titled "Year 2000 Computing Crisis: An Assessment Guide" (1997).
    At a17446e: four records, each right. Now the title is a "Year" date field line of ResNet's
    record (``venues._FIELD_RE``: "year" and a digit), and "CVPR 2016" is the report's title,
    dated 2000. Should be: the four records."""
    title = "Year 2000 Computing Crisis: An Assessment Guide"
    content = ingest(tmp_path, {"lab.txt": with_sources(title, "Joel C. Willemssen, Gene L. Dodaro",
                                                        "GAO Report 1997")})
    assert_source_listing_right(content, title, ["Joel C. Willemssen", "Gene L. Dodaro"])


# ---------------------------------------------------------------- "names - source" read in a title


def test_a_reading_list_title_naming_its_author_is_a_title(tmp_path):
    """A reading group's list prints each classic as "Alan Turing - Computing Machinery and
    Intelligence 1950", then who presents it, then when. At a17446e: its own record titled so,
    by the presenters. Now the line is Scholar's "names - source" (``parse._names_and_source``):
    Alan Turing is an author, "Computing Machinery and Intelligence" a venue of 1950, the line
    is an author line of the record above, and that record is titled "CVPR 2016" (with a
    source line) or ResNet gets Turing and the presenters as authors (without). Should be:
    the line is its own record's title."""
    title = "Alan Turing - Computing Machinery and Intelligence 1950"
    content = ingest(tmp_path, {"lab.txt": with_sources(title, "Ann Wu, Tom Lee", "SIGIR 2010")})
    assert_source_listing_right(content, title, ["Ann Wu", "Tom Lee"])
