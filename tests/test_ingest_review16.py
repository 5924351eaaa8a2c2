"""Review 16: dumps whose records carry labelled fields or site furniture the formats did not
know: arXiv's listing and search pages, DBLP person pages, Google Scholar's and Semantic
Scholar's search results, ORCID works lists, the ACL Anthology, OpenReview, PMLR, a Teachpress
publication page, and records labelled "Title:" / "Titre :".

Every dump is small and written as the site prints it when a scraper keeps its text. What an
editor expects: each paper kept once with its exact title and its authors, no paper made of a
label, a link or a site's furniture, the abstract as the abstract, and the date, venue, DOI or
arXiv id where the site prints them.
"""
from __future__ import annotations

import re

import pytest

from test_ingest_real_forms import ingest, papers, papers_by_title


def titles(content) -> list[str]:
    return sorted(p["title"] for p in papers(content))


# ---------------------------------------------------------------- arXiv listing (/list/cs.LG/recent)

ARXIV_LIST = """\
[1] arXiv:2312.00886 [pdf, html, other]
Title: Nash Learning from Human Feedback
Authors: Rémi Munos, Michal Valko, Daniele Calandriello, Mohammad Gheshlaghi Azar
Comments: 12 pages, 3 figures
Subjects: Machine Learning (cs.LG); Artificial Intelligence (cs.AI)
[2] arXiv:2312.00752 [pdf, other]
Title: Mamba: Linear-Time Sequence Modeling with Selective State Spaces
Authors: Albert Gu, Tri Dao
Subjects: Machine Learning (cs.LG); Artificial Intelligence (cs.AI)
[3] arXiv:2312.00784 [pdf, html, other]
Title: Sequential Modeling Enables Scalable Learning for Large Vision Models
Authors: Yutong Bai, Xinyang Geng, Karttikeya Mangalam, Amir Bar, Alan Yuille, Trevor Darrell, Jitendra Malik, Alexei A Efros
Comments: Website: this https URL
Subjects: Computer Vision and Pattern Recognition (cs.CV)
[4] arXiv:2312.01234 [pdf, other]
Title: Provably Efficient Exploration in Policy Optimization
Authors: Qi Cai, Zhuoran Yang, Chi Jin, Zhaoran Wang
Journal-ref: ICML 2020
Subjects: Machine Learning (cs.LG); Optimization and Control (math.OC)
"""

ARXIV_LIST_TITLES = sorted([
    "Nash Learning from Human Feedback",
    "Mamba: Linear-Time Sequence Modeling with Selective State Spaces",
    "Sequential Modeling Enables Scalable Learning for Large Vision Models",
    "Provably Efficient Exploration in Policy Optimization"])


def test_an_arxiv_listings_field_lines_are_not_papers(tmp_path):
    """arXiv's /list/ page prints each entry as "[1] arXiv:ID [pdf, html, other]", then labelled
    "Title:", "Authors:", "Comments:", "Journal-ref:" and "Subjects:" lines. Now 7 papers are
    made of the id line, "Comments: 12 pages, 3 figures", "Subjects: Machine Learning (cs.LG);
    ..." and "Journal-ref: ICML 2020". Should be: the four papers, nothing else."""
    made = titles(ingest(tmp_path, {"arxiv.txt": ARXIV_LIST}))
    invented = [t for t in made if re.match(r"(?:Comments|Subjects|Journal-ref|arXiv):", t)]
    assert invented == []
    assert len(made) == 4


def test_an_arxiv_listings_title_label_is_not_part_of_the_title(tmp_path):
    """"Title: Nash Learning from Human Feedback" is written as the title "Title: Nash Learning
    from Human Feedback" now (the "Authors:" label is dropped, "Title:" is not). Should be the
    title without its label, with its authors."""
    by_title = papers_by_title(ingest(tmp_path, {"arxiv.txt": ARXIV_LIST}))
    assert sorted(t for t in by_title if not re.match(r"(?:Comments|Subjects|Journal-ref|arXiv):", t)) \
        == ARXIV_LIST_TITLES
    assert by_title["Mamba: Linear-Time Sequence Modeling with Selective State Spaces"]["authors"] == \
        ["Albert Gu", "Tri Dao"]


def test_an_arxiv_listings_ids_belong_to_their_own_papers(tmp_path):
    """The id line "[2] arXiv:2312.00752 [pdf, other]" heads paper 2. Now it is read as the
    source line of the "Subjects:" line above it: paper 1's furniture gets paper 2's id, and no
    real paper gets its own. Should be: each paper its own arxiv id."""
    by_title = papers_by_title(ingest(tmp_path, {"arxiv.txt": ARXIV_LIST}))
    assert by_title.get("Nash Learning from Human Feedback", {}).get("arxiv") == "2312.00886"
    assert by_title.get("Mamba: Linear-Time Sequence Modeling with Selective State Spaces", {}).get("arxiv") \
        == "2312.00752"


def test_an_arxiv_journal_ref_is_where_the_paper_appeared(tmp_path):
    """"Journal-ref: ICML 2020" under an arXiv entry says where it was published. Now it is a
    paper of its own, titled "Journal-ref: ICML 2020". Should be the venue and year of
    "Provably Efficient Exploration in Policy Optimization"."""
    by_title = papers_by_title(ingest(tmp_path, {"arxiv.txt": ARXIV_LIST}))
    paper = by_title.get("Provably Efficient Exploration in Policy Optimization", {})
    assert (paper.get("venue"), paper.get("date")) == ("ICML", "2020")


# ---------------------------------------------------------------- arXiv search results (arxiv.org/a/..., /search)

ARXIV_SEARCH = """\
arXiv:2312.00886  [pdf, other]  cs.LG
Nash Learning from Human Feedback
Authors: Rémi Munos, Michal Valko, Daniele Calandriello, Mohammad Gheshlaghi Azar
Abstract: Reinforcement learning from human feedback (RLHF) has emerged as the main paradigm for aligning large language models (LLMs) with human preferences. Typically, RLHF involves the initial step of learning a reward model from human feedback … ▽ More
Submitted 1 December, 2023; originally announced December 2023.
Comments: 12 pages, 3 figures
arXiv:2306.01234  [pdf, ps, other]  stat.ML
Offline Reinforcement Learning with Implicit Q-Learning
Authors: Ilya Kostrikov, Ashvin Nair, Sergey Levine
Abstract: Offline reinforcement learning requires reconciling two conflicting aims: learning a policy that improves over the behavior policy that collected the dataset, while at the same time minimizing the deviation from the behavior policy … ▽ More
Submitted 12 June, 2023; originally announced June 2023.
Journal-ref: ICLR 2022
arXiv:2305.18290  [pdf, other]  cs.LG
Direct Preference Optimization: Your Language Model is Secretly a Reward Model
Authors: Rafael Rafailov, Archit Sharma, Eric Mitchell, Stefano Ermon, Christopher D. Manning, Chelsea Finn
Abstract: While large-scale unsupervised language models (LMs) learn broad world knowledge and some reasoning skills, achieving precise control of their behavior is difficult due to the completely unsupervised nature of their training … ▽ More
Submitted 29 May, 2023; originally announced May 2023.
"""


def test_arxiv_search_results_keep_only_the_three_papers(tmp_path):
    """arXiv's search results print "arXiv:ID  [pdf, other]  cs.LG" above each title and
    "Submitted 1 December, 2023; originally announced December 2023." below its abstract. Now
    these make 6 invented papers ("arXiv:2312.00886 [pdf, other] cs.LG", three "Submitted ...",
    "Comments: ...", "Journal-ref: ..."). Should be: the three papers only."""
    assert titles(ingest(tmp_path, {"search.txt": ARXIV_SEARCH})) == sorted([
        "Nash Learning from Human Feedback",
        "Offline Reinforcement Learning with Implicit Q-Learning",
        "Direct Preference Optimization: Your Language Model is Secretly a Reward Model"])


def test_arxiv_search_results_give_each_paper_its_id_and_submission_date(tmp_path):
    """The id line above a title is that paper's arXiv id, and "Submitted 29 May, 2023" its
    date. Now the ids land on the "Comments:"/"Journal-ref:" lines above (the next paper's id)
    and no paper has a date. Should be arxiv 2305.18290 and date 2023-05-29 for DPO."""
    by_title = papers_by_title(ingest(tmp_path, {"search.txt": ARXIV_SEARCH}))
    dpo = by_title["Direct Preference Optimization: Your Language Model is Secretly a Reward Model"]
    assert (dpo.get("arxiv"), dpo.get("date")) == ("2305.18290", "2023-05-29")


def test_arxiv_search_results_abstract_drops_the_more_toggle(tmp_path):
    """arXiv cuts an abstract with "… ▽ More" (a link that shows the rest). Now the abstract
    ends "... from human feedback … ▽ More". Should end at the text, without "▽ More"."""
    by_title = papers_by_title(ingest(tmp_path, {"search.txt": ARXIV_SEARCH}))
    abstract = by_title["Nash Learning from Human Feedback"]["abstract"]
    assert abstract.startswith("Reinforcement learning from human feedback")
    assert "▽" not in abstract and not abstract.endswith("More")


# ---------------------------------------------------------------- DBLP person page

DBLP = """\
2024
[i5]
view
electronic edition via DOI
export record
Daniele Calandriello, Rémi Munos:
Human Alignment of Large Language Models through Online Preference Optimisation. CoRR abs/2403.08635 (2024)
2023
[j12]
view
electronic edition via DOI
export record
Rémi Munos, Michal Valko, Daniele Calandriello:
Nash Learning from Human Feedback. J. Mach. Learn. Res. 24: 1-45 (2023)
[c34]
view
electronic edition @ mlr.press
export record
Michal Valko, Rémi Munos:
Bandits on Graphs and Structures. ICML 2023: 1234-1243
Coauthor index
"""


def test_dblp_keys_and_entry_menus_are_not_papers(tmp_path):
    """A DBLP person page prints each entry's key ("[j12]", "[c34]", "[i5]") and its menu
    ("view", "electronic edition via DOI", "export record") as lines, and ends with "Coauthor
    index". Now each is a paper (8 invented). Should be page furniture: three papers."""
    made = titles(ingest(tmp_path, {"dblp.txt": DBLP}))
    furniture = [t for t in made if re.fullmatch(r"\[[a-z]+\d+\]|view|export record|electronic edition.*|"
                                                 r"Coauthor index", t)]
    assert furniture == []


def test_dblp_names_ending_in_a_colon_are_the_authors_of_the_line_below(tmp_path):
    """DBLP prints "Rémi Munos, Michal Valko, Daniele Calandriello:" and, on the next line, the
    title and where it appeared. Now the names line is a paper titled "Rémi Munos, Michal Valko,
    Daniele Calandriello:" and the next line a paper without authors titled "Nash Learning from
    Human Feedback. J. Mach. Learn. Res. 24: 1-45 (2023)". Should be one paper "Nash Learning
    from Human Feedback" by the three, in J. Mach. Learn. Res. 24, pages 1–45, 2023."""
    by_title = papers_by_title(ingest(tmp_path, {"dblp.txt": DBLP}))
    paper = by_title.get("Nash Learning from Human Feedback", {})
    assert paper.get("authors") == ["Rémi Munos", "Michal Valko", "Daniele Calandriello"]
    assert (paper.get("venue"), paper.get("volume"), paper.get("date")) == ("J. Mach. Learn. Res.", "24", "2023")
    bandits = by_title.get("Bandits on Graphs and Structures", {})
    assert (bandits.get("venue"), bandits.get("pages")) == ("ICML", "1234–1243")


# ---------------------------------------------------------------- Google Scholar search results

SCHOLAR_SEARCH = """\
[PDF] Deep residual learning for image recognition
K He, X Zhang, S Ren, J Sun - Proceedings of the IEEE conference on …, 2016 - openaccess.thecvf.com
Deeper neural networks are more difficult to train. We present a residual learning framework to ease the training of networks that are substantially deeper than those used previously …
Save Cite Cited by 212345 Related articles All 52 versions
[HTML] Deep learning
Y LeCun, Y Bengio, G Hinton - nature, 2015 - nature.com
Deep learning allows computational models that are composed of multiple processing layers to learn representations of data with multiple levels of abstraction …
Save Cite Cited by 78901 Related articles All 41 versions
Batch normalization: Accelerating deep network training by reducing internal covariate shift
S Ioffe, C Szegedy - International conference on machine learning, 2015 - proceedings.mlr.press
Training Deep Neural Networks is complicated by the fact that the distribution of each layer's inputs changes during training, as the parameters of the previous layers change …
Save Cite Cited by 54321 Related articles All 29 versions
"""


def test_scholar_search_results_keep_three_papers(tmp_path):
    """A Google Scholar results page prints each result as its title, a line "K He, X Zhang, S
    Ren, J Sun - Proceedings of ..., 2016 - openaccess.thecvf.com", a snippet and "Save Cite
    Cited by N Related articles All N versions". Now 12 papers: the names lines, the snippets
    and the action lines are titles. Should be the three papers."""
    assert titles(ingest(tmp_path, {"scholar.txt": SCHOLAR_SEARCH})) == sorted([
        "Deep residual learning for image recognition", "Deep learning",
        "Batch normalization: Accelerating deep network training by reducing internal covariate shift"])


def test_scholar_search_results_names_source_and_year_line_gives_authors_and_date(tmp_path):
    """"Y LeCun, Y Bengio, G Hinton - nature, 2015 - nature.com": the names before " - ", then
    the source and year, then the host. Now the line is a paper of its own and "Deep learning"
    has no authors. Should be the authors and date 2015 of "Deep learning"."""
    by_title = papers_by_title(ingest(tmp_path, {"scholar.txt": SCHOLAR_SEARCH}))
    paper = by_title["Deep learning"]
    assert paper.get("authors") == ["Y LeCun", "Y Bengio", "G Hinton"]
    assert paper.get("date") == "2015"


def test_scholar_search_results_snippet_is_the_abstract(tmp_path):
    """The snippet under a result is (the start of) its abstract. Now it is a paper titled
    "Deeper neural networks are more difficult to train. ...". Should be the abstract of "Deep
    residual learning for image recognition"."""
    by_title = papers_by_title(ingest(tmp_path, {"scholar.txt": SCHOLAR_SEARCH}))
    assert by_title["Deep residual learning for image recognition"].get("abstract", "").startswith(
        "Deeper neural networks are more difficult to train.")


# ---------------------------------------------------------------- Semantic Scholar search results

SEMANTIC_SCHOLAR = """\
Attention is All you Need
Ashish Vaswani, Noam M. Shazeer, Niki Parmar, Jakob Uszkoreit, Llion Jones, Aidan N. Gomez, Lukasz Kaiser, Illia Polosukhin
Computer Science
Neural Information Processing Systems
12 June 2017
TLDR
A new simple network architecture, the Transformer, based solely on attention mechanisms, dispensing with recurrence and convolutions entirely is proposed, which generalizes well to other tasks by applying it successfully to English constituency parsing both with large and limited training data.
Expand
112,345
PDF
Save
Alert
Deep Residual Learning for Image Recognition
Kaiming He, X. Zhang, Shaoqing Ren, Jian Sun
Computer Science
Computer Vision and Pattern Recognition
10 December 2015
TLDR
This work presents a residual learning framework to ease the training of networks that are substantially deeper than those used previously, and provides comprehensive empirical evidence showing that these residual networks are easier to optimize.
Expand
180,123
PDF
Save
Alert
"""


@pytest.mark.xfail(strict=True, reason="left: a field of study and a venue printed on lines of their own, without digits, read as "
                                        "titles (a venue line needs a year, pages or a volume)")
def test_semantic_scholar_results_buttons_field_and_date_are_not_papers(tmp_path):
    """Semantic Scholar prints a result's field of study ("Computer Science"), venue, date
    ("12 June 2017"), "TLDR" and its summary, "Expand", the citation count, "PDF", "Save",
    "Alert". Now "TLDR", "Expand", "Save", "Alert", "Computer Science", the venues, the dates
    and the TLDR summaries are 11 papers. Should be the two papers."""
    assert titles(ingest(tmp_path, {"s2.txt": SEMANTIC_SCHOLAR})) == sorted([
        "Attention is All you Need", "Deep Residual Learning for Image Recognition"])


@pytest.mark.xfail(strict=True, reason="left: a venue line without digits ('Neural Information Processing Systems') is not told from a "
                                        "title")
def test_semantic_scholar_results_give_date_and_venue(tmp_path):
    """"Neural Information Processing Systems" and "12 June 2017" under the names are the
    paper's venue and date. Now neither reaches the entry. Should be date 2017-06-12 and that
    venue."""
    paper = papers_by_title(ingest(tmp_path, {"s2.txt": SEMANTIC_SCHOLAR}))["Attention is All you Need"]
    assert (paper.get("date"), paper.get("venue")) == ("2017-06-12", "Neural Information Processing Systems")


# ---------------------------------------------------------------- ORCID works list

ORCID = """\
Works (3)
Nash Learning from Human Feedback
Journal of Machine Learning Research
2023 | Journal article
DOI: 10.5555/3648699.3648700
Part of ISSN: 1532-4435
Contributors: Rémi Munos; Michal Valko; Daniele Calandriello
Source: Crossref
Show more detail
Bootstrap Your Own Latent: A New Approach to Self-Supervised Learning
Advances in Neural Information Processing Systems
2020 | Conference paper
Contributors: Jean-Bastien Grill; Florent Altché; Rémi Munos
Source: Rémi Munos
Show more detail
Minimax Regret Bounds for Reinforcement Learning
arXiv
2017-03-16 | Preprint
DOI: 10.48550/arXiv.1703.05449
Contributors: Mohammad Gheshlaghi Azar; Ian Osband; Rémi Munos
Source: DataCite
Show more detail
"""


@pytest.mark.xfail(strict=True, reason="left: ORCID prints the journal under the title and the names ('Contributors:') after the "
                                        "record's fields; the grammar allows no names after a source line")
def test_an_orcid_works_list_keeps_three_papers(tmp_path):
    """An ORCID record prints each work's title, its journal, "2023 | Journal article", "DOI:
    ...", "Part of ISSN: ...", "Contributors: A; B; C", "Source: Crossref", "Show more detail",
    under "Works (3)". Now 17 papers: the journal, the year-and-type line, the ISSN, the
    contributors, the source, "Show more detail" and "Works (3)" are titles. Should be three."""
    assert titles(ingest(tmp_path, {"orcid.txt": ORCID})) == sorted([
        "Nash Learning from Human Feedback",
        "Bootstrap Your Own Latent: A New Approach to Self-Supervised Learning",
        "Minimax Regret Bounds for Reinforcement Learning"])


@pytest.mark.xfail(strict=True, reason="left: ORCID's order (journal, '2023 | Journal article', DOI, then 'Contributors:') is not read")
def test_an_orcid_work_gets_its_contributors_doi_date_and_journal(tmp_path):
    """"Contributors: Rémi Munos; Michal Valko; Daniele Calandriello" are the work's authors
    (the "Source:" line is who added it, never an author), the DOI line its doi, "2023 | Journal
    article" its year, the line under the title its journal. Now the title gets none of these
    and the DOI lands on a paper titled "2023 | Journal article"."""
    paper = papers_by_title(ingest(tmp_path, {"orcid.txt": ORCID}))["Nash Learning from Human Feedback"]
    assert paper.get("authors") == ["Rémi Munos", "Michal Valko", "Daniele Calandriello"]
    assert (paper.get("doi"), paper.get("date"), paper.get("venue")) == \
        ("10.5555/3648699.3648700", "2023", "Journal of Machine Learning Research")


@pytest.mark.xfail(strict=True, reason="left: ORCID's '2017-03-16 | Preprint' line under a journal line, as above")
def test_an_orcid_preprints_full_date_and_arxiv_doi(tmp_path):
    """"2017-03-16 | Preprint" and "DOI: 10.48550/arXiv.1703.05449" (arXiv's DataCite DOI).
    Now the date line is a paper titled "2017-03-16 | Preprint" holding the DOI. Should be the
    preprint's date 2017-03-16 and its arXiv id 1703.05449 (or that DOI)."""
    paper = papers_by_title(ingest(tmp_path, {"orcid.txt": ORCID}))["Minimax Regret Bounds for Reinforcement Learning"]
    assert paper.get("date") == "2017-03-16"
    assert paper.get("arxiv") == "1703.05449" or paper.get("doi") == "10.48550/arXiv.1703.05449"


# ---------------------------------------------------------------- ACL Anthology

ACL_VOLUME = """\
Proceedings of the 2019 Conference of the North American Chapter of the Association for Computational Linguistics
pdf bib abs
BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding
Jacob Devlin | Ming-Wei Chang | Kenton Lee | Kristina Toutanova
pdf bib abs
Linguistic Knowledge and Transferability of Contextual Representations
Nelson F. Liu | Matt Gardner | Yonatan Belinkov | Matthew E. Peters | Noah A. Smith
pdf bib abs
Deep Contextualized Word Representations
Matthew E. Peters | Mark Neumann | Mohit Iyyer | Matt Gardner | Christopher Clark | Kenton Lee | Luke Zettlemoyer
"""


def test_an_acl_anthology_volume_names_joined_by_bars_are_authors(tmp_path):
    """The ACL Anthology's volume page prints "pdf bib abs" above each title and the authors
    joined by " | ". Now "Jacob Devlin | Ming-Wei Chang | ..." is a paper and BERT has no
    authors; "pdf bib abs" is a paper too. Should be the three papers with their authors."""
    by_title = papers_by_title(ingest(tmp_path, {"acl.txt": ACL_VOLUME}))
    assert "pdf bib abs" not in by_title
    assert by_title["BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding"].get(
        "authors") == ["Jacob Devlin", "Ming-Wei Chang", "Kenton Lee", "Kristina Toutanova"]
    assert len(by_title) <= 4      # the three papers (the volume's title at most as a fourth)


ACL_PAPER = """\
BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding
Jacob Devlin, Ming-Wei Chang, Kenton Lee, Kristina Toutanova
Abstract
We introduce a new language representation model called BERT, which stands for Bidirectional Encoder Representations from Transformers. Unlike recent language representation models, BERT is designed to pre-train deep bidirectional representations from unlabeled text.
Anthology ID: N19-1423
Volume: Proceedings of the 2019 Conference of the North American Chapter of the Association for Computational Linguistics: Human Language Technologies, Volume 1 (Long and Short Papers)
Month: June
Year: 2019
Address: Minneapolis, Minnesota
Venue: NAACL
Publisher: Association for Computational Linguistics
Pages: 4171–4186
URL: https://aclanthology.org/N19-1423
DOI: 10.18653/v1/N19-1423
Cite (ACL): Jacob Devlin, Ming-Wei Chang, Kenton Lee, and Kristina Toutanova. 2019. BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding. In Proceedings of NAACL-HLT, pages 4171–4186.
PDF: https://aclanthology.org/N19-1423.pdf
"""


def test_an_acl_anthology_paper_pages_labelled_fields_are_one_paper(tmp_path):
    """An ACL Anthology paper page prints the title, the names, an "Abstract" heading and the
    abstract, then labelled fields ("Anthology ID:", "Volume:", "Month:", "Year:", "Address:",
    "Venue:", "Publisher:", "Pages:", "URL:", "DOI:", "Cite (ACL):", "PDF:"). Now 11 papers:
    "Abstract" (holding BERT's abstract), "Year: 2019", "Month: June", "URL: ..." (holding the
    DOI and "Cite (ACL): ..." as its abstract)... Should be one paper."""
    assert titles(ingest(tmp_path, {"bert.txt": ACL_PAPER})) == [
        "BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding"]


def test_an_acl_anthology_paper_gets_its_abstract_doi_pages_and_date(tmp_path):
    """The text under "Abstract" is BERT's abstract; "DOI:", "Pages:", "Year:" and "Month:"
    are its fields. Now BERT gets only its title and names. Should be the abstract, doi
    10.18653/v1/N19-1423, pages 4171–4186 and date 2019-06."""
    paper = papers_by_title(ingest(tmp_path, {"bert.txt": ACL_PAPER}))[
        "BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding"]
    assert paper.get("abstract", "").startswith("We introduce a new language representation model called BERT")
    assert (paper.get("doi"), paper.get("pages"), paper.get("date")) == \
        ("10.18653/v1/N19-1423", "4171–4186", "2019-06")


# ---------------------------------------------------------------- OpenReview

OPENREVIEW = """\
Denoising Diffusion Implicit Models
Jiaming Song, Chenlin Meng, Stefano Ermon
Published: 12 Jan 2021, Last Modified: 03 Apr 2024
ICLR 2021 Poster
Readers: Everyone
Keywords: diffusion models, generative models, sampling
Abstract: Denoising diffusion probabilistic models (DDPMs) have achieved high quality image generation without adversarial training, yet they require simulating a Markov chain for many steps to produce a sample.
Score-Based Generative Modeling through Stochastic Differential Equations
Yang Song, Jascha Sohl-Dickstein, Diederik P Kingma, Abhishek Kumar, Stefano Ermon, Ben Poole
Published: 12 Jan 2021, Last Modified: 03 Apr 2024
ICLR 2021 Oral
Readers: Everyone
Keywords: generative models, score-based generative models, stochastic differential equations
Abstract: Creating noise from data is easy; creating data from noise is generative modeling. We present a stochastic differential equation (SDE) that smoothly transforms a complex data distribution to a known prior distribution.
"""


def test_openreview_notes_fields_are_not_papers(tmp_path):
    """OpenReview prints under a note's names "Published: 12 Jan 2021, Last Modified: ...",
    the venue and decision ("ICLR 2021 Poster"), "Readers: Everyone", "Keywords: ..." and
    "Abstract: ...". Now 8 papers ("Published: ...", "Readers: Everyone", "ICLR 2021 Oral",
    "Keywords: ..." holding the abstract). Should be the two papers."""
    assert titles(ingest(tmp_path, {"or.txt": OPENREVIEW})) == sorted([
        "Denoising Diffusion Implicit Models",
        "Score-Based Generative Modeling through Stochastic Differential Equations"])


def test_openreview_notes_abstract_venue_and_date_reach_the_paper(tmp_path):
    """The labelled abstract, "ICLR 2021 Poster" and "Published: 12 Jan 2021" belong to the note
    above. Now the abstract lands on a paper titled "Keywords: ..." and the paper has no venue
    or date. Should be its abstract, venue ICLR and date 2021-01-12 (or 2021)."""
    paper = papers_by_title(ingest(tmp_path, {"or.txt": OPENREVIEW}))["Denoising Diffusion Implicit Models"]
    assert paper.get("abstract", "").startswith("Denoising diffusion probabilistic models")
    assert paper.get("venue", "").startswith("ICLR")
    assert paper.get("date") in ("2021-01-12", "2021")


# ---------------------------------------------------------------- PMLR proceedings volume

PMLR = """\
Volume 202: International Conference on Machine Learning, 23-29 July 2023, Honolulu, Hawaii, USA
Editors: Andreas Krause, Emma Brunskill, Kyunghyun Cho, Barbara Engelhardt, Sivan Sabato, Jonathan Scarlett
Subscribe
Bandits on Graphs and Structures
Michal Valko, Rémi Munos; Proceedings of the 40th International Conference on Machine Learning, PMLR 202:1234-1243
[abs][Download PDF]
Fast Rates for Bandit Optimization
Qi Cai, Zhuoran Yang; Proceedings of the 40th International Conference on Machine Learning, PMLR 202:1244-1260
[abs][Download PDF][OpenReview]
Online Learning with Feedback Graphs
Tomáš Kocák, Gergely Neu, Michal Valko; Proceedings of the 40th International Conference on Machine Learning, PMLR 202:1261-1280
[abs][Download PDF]
"""


def test_a_pmlr_volume_names_and_source_line_gives_authors_and_pages(tmp_path):
    """PMLR prints under each title "Michal Valko, Rémi Munos; Proceedings of the 40th
    International Conference on Machine Learning, PMLR 202:1234-1243": the names, a semicolon,
    the source. Now that whole line is a paper and the title has no authors. Should be the
    authors, volume 202 and pages 1234–1243."""
    paper = papers_by_title(ingest(tmp_path, {"pmlr.txt": PMLR}))["Bandits on Graphs and Structures"]
    assert paper.get("authors") == ["Michal Valko", "Rémi Munos"]
    assert (paper.get("volume"), paper.get("pages")) == ("202", "1234–1243")


def test_a_pmlr_volumes_header_editors_and_links_are_not_papers(tmp_path):
    """The volume's heading, "Editors: ...", "Subscribe" and "[abs][Download PDF]" are the page's
    furniture. Now each is a paper. Should be the three papers (the volume at most a fourth)."""
    made = titles(ingest(tmp_path, {"pmlr.txt": PMLR}))
    assert [t for t in made if t.startswith(("Editors:", "[abs]", "Subscribe"))] == []


# ---------------------------------------------------------------- a lab's Teachpress page (WordPress)

TEACHPRESS = """\
Rémi Munos; Michal Valko
Bandits on Graphs and Structures
Proceedings Article
In: International Conference on Machine Learning (ICML), pp. 1234–1243, 2023.
Abstract | Links | BibTeX | Tags: bandits, graphs
Jean-Bastien Grill; Florent Altché; Rémi Munos
Bootstrap Your Own Latent: A New Approach to Self-Supervised Learning
Proceedings Article
In: Advances in Neural Information Processing Systems (NeurIPS), pp. 21271–21284, 2020.
Abstract | Links | BibTeX | Tags: self-supervised learning
Daniele Calandriello; Rémi Munos
Human Alignment of Large Language Models through Online Preference Optimisation
Journal Article
In: Journal of Machine Learning Research, vol. 25, no. 3, pp. 1–45, 2024.
Links | BibTeX | Tags: alignment, RLHF
"""


@pytest.mark.xfail(strict=True, reason="left: names printed before their title (Teachpress) break the record grammar, where names never "
                                        "start a record")
def test_a_teachpress_page_names_above_the_title_are_its_authors(tmp_path):
    """Teachpress (WordPress) prints each entry's names first ("Rémi Munos; Michal Valko"), then
    the title, its type ("Proceedings Article"), "In: ..." and "Abstract | Links | BibTeX | Tags:
    ...". Now the names line is a paper, each title has none, and the next entry's names go to the
    "Abstract | Links | BibTeX | Tags: ..." line above them. Should be each title with its own
    names."""
    by_title = papers_by_title(ingest(tmp_path, {"tp.txt": TEACHPRESS}))
    assert by_title["Bandits on Graphs and Structures"].get("authors") == ["Rémi Munos", "Michal Valko"]
    assert by_title["Bootstrap Your Own Latent: A New Approach to Self-Supervised Learning"].get("authors") == \
        ["Jean-Bastien Grill", "Florent Altché", "Rémi Munos"]


@pytest.mark.xfail(strict=True, reason="left: Teachpress's type lines ('Proceedings Article') and names-first order, as above")
def test_a_teachpress_pages_type_and_link_lines_are_not_papers(tmp_path):
    """"Proceedings Article", "Journal Article" and "Abstract | Links | BibTeX | Tags: bandits,
    graphs" are furniture. Now they are papers, and the type line takes the "In: ..." venue.
    Should be three papers, each with its venue and year."""
    content = ingest(tmp_path, {"tp.txt": TEACHPRESS})
    assert titles(content) == sorted([
        "Bandits on Graphs and Structures",
        "Bootstrap Your Own Latent: A New Approach to Self-Supervised Learning",
        "Human Alignment of Large Language Models through Online Preference Optimisation"])
    paper = papers_by_title(content)["Bandits on Graphs and Structures"]
    assert (paper.get("date"), paper.get("pages")) == ("2023", "1234–1243")


# ---------------------------------------------------------------- records of labelled fields

LABELLED = """\
Title: Instance-Based Learning Algorithms
Authors: David W. Aha, Dennis Kibler, Marc K. Albert
Year: 1991
Venue: Machine Learning
Abstract: Storing and using specific instances improves the performance of several supervised learning algorithms. These include algorithms that learn decision trees, classification rules, and distributed networks.

Title: Random Forests
Authors: Leo Breiman
Year: 2001
Venue: Machine Learning
Abstract: Random forests are a combination of tree predictors such that each tree depends on the values of a random vector sampled independently and with the same distribution for all trees in the forest.

Title: Support-Vector Networks
Authors: Corinna Cortes, Vladimir Vapnik
Year: 1995
Venue: Machine Learning
"""


def test_labelled_records_keep_their_titles_without_the_label(tmp_path):
    """A page (or a CMS export) printing "Title: ...", "Authors: ...", "Year: ...", "Venue: ...",
    "Abstract: ..." per record, records apart by a blank line. Now 8 papers: "Title: Random
    Forests" (label kept), "Year: 1991", "Year: 2001", "Venue: Machine Learning" holding an
    abstract... Should be the three titles, with their authors."""
    by_title = papers_by_title(ingest(tmp_path, {"lab.txt": LABELLED}))
    assert sorted(by_title) == ["Instance-Based Learning Algorithms", "Random Forests", "Support-Vector Networks"]
    assert by_title["Random Forests"].get("authors") == ["Leo Breiman"]


def test_labelled_records_give_their_year_venue_and_abstract(tmp_path):
    """"Year: 2001", "Venue: Machine Learning" and "Abstract: ..." are the record's fields. Now
    they are papers of their own. Should be date 2001, venue Machine Learning and the abstract."""
    content = ingest(tmp_path, {"lab.txt": LABELLED})
    paper = next(p for p in papers(content) if p["title"].endswith("Random Forests"))
    assert (paper.get("date"), paper.get("venue")) == ("2001", "Machine Learning")
    assert paper.get("abstract", "").startswith("Random forests are a combination of tree predictors")


TITRE = """\
Titre : Apprentissage par renforcement pour la robotique
Auteurs : Jean-Pierre Dupont, Marie Curie
Année : 2019
Résumé : Nous présentons une méthode d'apprentissage par renforcement pour la commande de robots. Les expériences montrent un gain important par rapport aux méthodes classiques.

Titre : Réseaux de neurones profonds et vision par ordinateur
Auteurs : Marie Curie, Paul Langevin
Année : 2020
Résumé : Cet article passe en revue les réseaux de neurones profonds appliqués à la vision par ordinateur. Nous discutons leurs limites actuelles.

Titre : Optimisation stochastique en grande dimension
Auteurs : Paul Langevin
Année : 2021
"""


def test_french_labelled_records_keep_titles_years_and_abstracts(tmp_path):
    """The same on a French page: "Titre :", "Auteurs :", "Année :", "Résumé :". Now the titles
    keep "Titre : " and "Année : 2019" is a paper holding the abstract. Should be the three
    titles, each with its year and abstract."""
    by_title = papers_by_title(ingest(tmp_path, {"fr.txt": TITRE}))
    assert sorted(by_title) == ["Apprentissage par renforcement pour la robotique",
                                "Optimisation stochastique en grande dimension",
                                "Réseaux de neurones profonds et vision par ordinateur"]
    paper = by_title["Apprentissage par renforcement pour la robotique"]
    assert paper.get("date") == "2019"
    assert paper.get("abstract", "").startswith("Nous présentons une méthode")


# ---------------------------------------------------------------- keep

def test_keep_a_scholar_results_html_tag_is_dropped_from_the_title(tmp_path):
    """"[HTML] Deep learning" is the title "Deep learning" (kept today; must stay so)."""
    assert "Deep learning" in titles(ingest(tmp_path, {"scholar.txt": SCHOLAR_SEARCH}))


def test_keep_dblp_one_line_entries_give_title_authors_and_venue(tmp_path):
    """DBLP's export as one line an entry, "Michal Valko, Rémi Munos: Bandits on Graphs and
    Structures. ICML 2023: 1234-1243", gives the title, names and venue today."""
    dump = ("Michal Valko, Rémi Munos: Bandits on Graphs and Structures. ICML 2023: 1234-1243\n"
            "Rémi Munos, Michal Valko, Daniele Calandriello: Nash Learning from Human Feedback. "
            "J. Mach. Learn. Res. 24: 1-45 (2023)\n")
    by_title = papers_by_title(ingest(tmp_path, {"dblp1.txt": dump}))
    assert by_title["Bandits on Graphs and Structures"]["authors"] == ["Michal Valko", "Rémi Munos"]
    assert by_title["Nash Learning from Human Feedback"]["venue"] == "J. Mach. Learn. Res."
