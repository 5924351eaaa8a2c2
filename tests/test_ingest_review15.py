"""Review 15: one-line citations as real reference styles print them (ACM, ACL, Nature, DBLP,
APA 7, MLA, Harvard, Vancouver, Chicago, Google Scholar's "Cite", French APA) and the dumps they
come in (a heading, bullets, lines wrapped by a PDF, a listing with a citation line in it).
Each case was read by the real code and found wrong for an editor: a paper lost, a title cut
or invented from the names, the names cut in a given name, a volume or pages left in the venue."""
from __future__ import annotations

import pytest

from site_builder.ingest.citations import split_citation
from site_builder.ingest.parse import parse_dump
from site_builder.ingest.venues import venue_fields
from test_ingest_real_forms import ingest, papers, papers_by_title


def _split(line: str) -> tuple[list[str], str] | None:
    cited = split_citation(line)
    return None if cited is None else (list(cited.names), cited.title)


# ---------------------------------------------------------------- names: where the list ends

@pytest.mark.parametrize("line, names, title", [
    # Nature: "&" before the last name, no comma
    ("LeCun, Y., Bengio, Y. & Hinton, G. Deep learning. Nature 521, 436\u2013444 (2015).",
     ["LeCun, Y.", "Bengio, Y.", "Hinton, G."], "Deep learning"),
    # ACL/NeurIPS bibliography: a middle initial inside a given name ("Aidan N. Gomez")
    ("Ashish Vaswani, Noam Shazeer, Niki Parmar, Jakob Uszkoreit, Llion Jones, Aidan N. Gomez, \u0141ukasz Kaiser, "
     "and Illia Polosukhin. 2017. Attention is all you need. In Advances in Neural Information Processing Systems, "
     "pages 5998\u20136008.",
     ["Ashish Vaswani", "Noam Shazeer", "Niki Parmar", "Jakob Uszkoreit", "Llion Jones", "Aidan N. Gomez",
      "\u0141ukasz Kaiser", "Illia Polosukhin"], "Attention is all you need"),
    # DBLP's text export: the last author has a middle initial, then the colon
    ("Yann LeCun, Yoshua Bengio, Geoffrey E. Hinton: Deep learning. Nat. 521(7553): 436-444 (2015)",
     ["Yann LeCun", "Yoshua Bengio", "Geoffrey E. Hinton"], "Deep learning"),
    # ACM Reference Format, one author
    ("Pedro Domingos. 2012. A few useful things to know about machine learning. Commun. ACM 55, 10 (October "
     "2012), 78\u201387. https://doi.org/10.1145/2347736.2347755",
     ["Pedro Domingos"], "A few useful things to know about machine learning"),
    # ACM Reference Format, two authors with middle initials, "vs." in the title
    ("Andrew Y. Ng and Michael I. Jordan. 2002. On discriminative vs. generative classifiers: A comparison of "
     "logistic regression and naive Bayes. In Advances in Neural Information Processing Systems 14. 841\u2013848.",
     ["Andrew Y. Ng", "Michael I. Jordan"],
     "On discriminative vs. generative classifiers: A comparison of logistic regression and naive Bayes"),
    # MLA (Google Scholar's "Cite"), two and three authors: "Last, First, and First Last."
    ('Cortes, Corinna, and Vladimir Vapnik. "Support-vector networks." Machine learning 20.3 (1995): 273-297.',
     ["Cortes, Corinna", "Vladimir Vapnik"], "Support-vector networks"),
    ('LeCun, Yann, Yoshua Bengio, and Geoffrey Hinton. "Deep learning." nature 521.7553 (2015): 436-444.',
     ["LeCun, Yann", "Yoshua Bengio", "Geoffrey Hinton"], "Deep learning"),
    # Harvard (Google Scholar's "Cite"): "and" before the last name, the year after a comma
    ("LeCun, Y., Bengio, Y. and Hinton, G., 2015. Deep learning. nature, 521(7553), pp.436-444.",
     ["LeCun, Y.", "Bengio, Y.", "Hinton, G."], "Deep learning"),
    # APA 7 with more than 20 authors (and Google Scholar's APA): "..., ... & Last, F."
    ("Brown, T. B., Mann, B., Ryder, N., Subbiah, M., Kaplan, J., Dhariwal, P., ... & Amodei, D. (2020). Language "
     "models are few-shot learners. arXiv preprint arXiv:2005.14165.",
     ["Brown, T. B.", "Mann, B.", "Ryder, N.", "Subbiah, M.", "Kaplan, J.", "Dhariwal, P.", "Amodei, D."],
     "Language models are few-shot learners"),
    # PubMed/Vancouver: three initials
    ("Ioannidis JPA. Why most published research findings are false. PLoS Med. 2005;2(8):e124.",
     ["Ioannidis JPA"], "Why most published research findings are false"),
    # French APA: "et" between the names
    ("Dupont, J.-P. et Curie, M. (2019). Apprentissage profond pour la robotique. In : Actes de la conf\u00e9rence "
     "IHM'19, pp. 1-10.",
     ["Dupont, J.-P.", "Curie, M."], "Apprentissage profond pour la robotique"),
    # French ISO 690 (Zotero, BnF): surnames in capitals, "et" before the last
    ("DUPONT, Jean-Pierre et MARTIN, Marie. Apprentissage profond pour la robotique. Revue d'Intelligence "
     "Artificielle, 2019, vol. 33, no 2, p. 101-120.",
     ["DUPONT, Jean-Pierre", "MARTIN, Marie"], "Apprentissage profond pour la robotique"),
    # APA 7 with a suffix: "Bayardo, R. J., Jr., & Agrawal, R."
    ("Bayardo, R. J., Jr., & Agrawal, R. (1999). Mining the most interesting rules. In Proceedings of KDD "
     "(pp. 145\u2013154).",
     ["Bayardo, R. J., Jr.", "Agrawal, R."], "Mining the most interesting rules"),
    # ACM Reference Format with a suffix: "Roberto J. Bayardo Jr. and Rakesh Agrawal."
    ("Roberto J. Bayardo Jr. and Rakesh Agrawal. 1999. Mining the most interesting rules. In Proceedings of the "
     "fifth ACM SIGKDD international conference on Knowledge discovery and data mining (KDD '99). ACM, 145\u2013154.",
     ["Roberto J. Bayardo Jr.", "Rakesh Agrawal"], "Mining the most interesting rules"),
])
def test_real_styles_name_lists_are_read_whole(line, names, title):
    """What these styles print is a list of people then the title. Now: no citation at all (None:
    in a dump the line becomes a paper titled with the names, or an abstract), or the list cut at
    a middle initial ("Aidan N." and a title "Gomez, Łukasz Kaiser, and Illia Polosukhin";
    "Geoffrey E." and a title "Hinton: Deep learning"). Should: every person, the title exactly."""
    assert _split(line) == (names, title)


# ---------------------------------------------------------------- titles: where the title ends

@pytest.mark.parametrize("line, title", [
    # APA: "vs." inside the title is not the title's end
    ("Ng, A. Y., & Jordan, M. I. (2002). On discriminative vs. generative classifiers: A comparison of logistic "
     "regression and naive Bayes. In Advances in Neural Information Processing Systems (pp. 841\u2013848).",
     "On discriminative vs. generative classifiers: A comparison of logistic regression and naive Bayes"),
    # APA: a question, then the subtitle (APA prints no colon after "?")
    ("Autor, D. H. (2015). Why are there still so many jobs? The history and future of workplace automation. "
     "Journal of Economic Perspectives, 29(3), 3\u201330.",
     "Why are there still so many jobs? The history and future of workplace automation"),
    # ACM: a quoted question, then ": subtitle"
    ('Marco Tulio Ribeiro, Sameer Singh, and Carlos Guestrin. 2016. "Why Should I Trust You?": Explaining the '
     "Predictions of Any Classifier. In Proceedings of the 22nd ACM SIGKDD International Conference on Knowledge "
     "Discovery and Data Mining (KDD '16). ACM, New York, NY, USA, 1135\u20131144.",
     '"Why Should I Trust You?": Explaining the Predictions of Any Classifier'),
    # Vancouver (NLM) for a preprint: "BERT:" starts the title, "[Internet]" is the medium, not the title
    ("Devlin J, Chang MW, Lee K, Toutanova K. BERT: pre-training of deep bidirectional transformers for language "
     "understanding [Internet]. arXiv; 2018 [cited 2023 Jan 5]. Available from: https://arxiv.org/abs/1810.04805",
     "BERT: pre-training of deep bidirectional transformers for language understanding"),
    # Springer: "U.S." inside the title
    ("Abowd, J.M.: The U.S. Census Bureau adopts differential privacy. In: Proceedings of the 24th ACM SIGKDD "
     "International Conference on Knowledge Discovery & Data Mining, p. 2867 (2018)",
     "The U.S. Census Bureau adopts differential privacy"),
    # ACM Reference Format, the same paper: now no citation at all
    ("John M. Abowd. 2018. The U.S. Census Bureau Adopts Differential Privacy. In Proceedings of the 24th ACM "
     "SIGKDD International Conference on Knowledge Discovery & Data Mining (KDD '18). ACM, 2867. "
     "https://doi.org/10.1145/3219819.3226070",
     "The U.S. Census Bureau Adopts Differential Privacy"),
])
def test_real_titles_are_kept_whole(line, title):
    """Now: the title is cut at "vs." / "U.S." / at its "?" (the subtitle goes to the venue), or the ACM
    subtitle goes to the venue as ": Explaining ...", or "BERT" is read as a part of
    "Toutanova K. BERT" and "[Internet]" stays in the title. Should: the whole title."""
    cited = split_citation(line)
    assert cited is not None and cited.title.strip('"') == title.strip('"')     # ACM's quotes may stay or go


def test_springers_et_al_before_the_colon_says_the_list_is_incomplete():
    """Springer prints "Abadi, M., et al.: TensorFlow: ...". Now: the names are read ("Abadi,
    M.") but the entry is not marked as having more authors. Should: ``more_authors``."""
    cited = split_citation("Abadi, M., et al.: TensorFlow: a system for large-scale machine learning. In: 12th USENIX "
                           "Symposium on Operating Systems Design and Implementation (OSDI 16), pp. 265\u2013283 (2016)")
    assert cited is not None and cited.names == ("Abadi, M.",) and cited.more_authors


def test_vancouver_preprint_names_stop_before_the_title():
    """NLM prints "Toutanova K. BERT: pre-training ...": now the last author is "Toutanova K.
    BERT"; should be "Toutanova K"."""
    cited = split_citation("Devlin J, Chang MW, Lee K, Toutanova K. BERT: pre-training of deep bidirectional "
                           "transformers for language understanding [Internet]. arXiv; 2018 [cited 2023 Jan 5]. "
                           "Available from: https://arxiv.org/abs/1810.04805")
    assert cited is not None and [n.rstrip(".") for n in cited.names] == ["Devlin J", "Chang MW", "Lee K",
                                                                           "Toutanova K"]


# ---------------------------------------------------------------- source lines: the fields

@pytest.mark.parametrize("line, fields", [
    # APA 7 journal article: "Journal, Volume(Issue), pages." -- the venue was "Science ."
    ("Science, 349(6245), 255\u2013260.",
     {"venue": "Science", "volume": "349", "number": "6245", "pages": "255\u2013260"}),
    ("Neural Computation, 9(8), 1735\u20131780. (1997)",
     {"venue": "Neural Computation", "volume": "9", "number": "8", "pages": "1735\u20131780", "date": "1997"}),
    # APA 7 journal article without an issue: "Journal, Volume, pages."
    ("Statistics Surveys, 3, 96\u2013146.", {"venue": "Statistics Surveys", "volume": "3", "pages": "96\u2013146"}),
    # APA chapter in proceedings: "(pp. 770-778)" -- the venue kept "(pp. )."
    ("In Proceedings of the IEEE Conference on Computer Vision and Pattern Recognition (pp. 770-778).",
     {"venue": "Proceedings of the IEEE Conference on Computer Vision and Pattern Recognition", "pages": "770\u2013778"}),
    # Chicago: "Journal 60, no. 2 (2004): 91–110" -- the volume was read as 2, the venue kept "60, no."
    ("International Journal of Computer Vision 60, no. 2 (2004): 91\u2013110",
     {"venue": "International Journal of Computer Vision", "volume": "60", "number": "2", "pages": "91\u2013110",
      "date": "2004"}),
    # MLA (Google Scholar): "journal 27.3 (1948): 379-423" -- the volume was read as 3, the venue kept "27."
    ("The Bell system technical journal 27.3 (1948): 379-423",
     {"venue": "The Bell system technical journal", "volume": "27", "number": "3", "pages": "379\u2013423",
      "date": "1948"}),
    # PLoS article numbers of three digits: "e124"
    ("PLoS Med. 2005;2(8):e124.", {"venue": "PLoS Med.", "volume": "2", "number": "8", "pages": "e124",
                                   "date": "2005"}),
    # JMLR's month for an issue, APA: "9(Nov), 2579–2605"
    ("Journal of Machine Learning Research, 9(Nov), 2579\u20132605.",
     {"venue": "Journal of Machine Learning Research", "volume": "9", "number": "Nov", "pages": "2579\u20132605"}),
    # Vancouver preprint: the year is 2018, not the "1810" of the arXiv id in the URL
    ("arXiv; 2018 [cited 2023 Jan 5]. Available from: https://arxiv.org/abs/1810.04805",
     {"arxiv": "1810.04805", "date": "2018"}),
])
def test_real_source_lines_give_their_fields(line, fields):
    """What the editor expects in the entry: the journal's name alone as the venue, the volume
    and issue where they are printed. Now: a stray " ." or "(pp. )." in the venue, the issue read
    as the volume, or the volume and the article number left in the venue."""
    assert venue_fields(line) == fields


def test_amas_publisher_year_and_pages_are_not_a_volume():
    """AMA for a paper in proceedings: "... Vol 1. IEEE; 1995:278-282." Now: volume "1995", no
    date (the year read as JMLR's "volume:pages"). Should: 1995 the date, volume 1."""
    fields = venue_fields("In: Proceedings of 3rd International Conference on Document Analysis and Recognition. "
                          "Vol 1. IEEE; 1995:278-282.")
    assert (fields.get("date"), fields.get("volume"), fields.get("pages")) == ("1995", "1", "278\u2013282")


def test_french_iso_690_number_is_the_issue():
    """ISO 690 in French prints "2019, vol. 33, no 2, p. 101-120" ("no" without a period). Now: the
    venue is "Revue d'Intelligence Artificielle, no 2" and no number. Should: number 2."""
    fields = venue_fields("Revue d'Intelligence Artificielle, 2019, vol. 33, no 2, p. 101-120.")
    assert (fields.get("venue"), fields.get("volume"), fields.get("number")) == ("Revue d'Intelligence Artificielle",
                                                                                 "33", "2")


# ---------------------------------------------------------------- dumps

BREIMAN = "Breiman, L. (2001). Random forests. Machine Learning, 45(1), 5\u201332."
CORTES = "Cortes, C., & Vapnik, V. (1995). Support-vector networks. Machine Learning, 20(3), 273\u2013297."
HOCHREITER = ("Hochreiter, S., & Schmidhuber, J. (1997). Long short-term memory. Neural Computation, 9(8), "
              "1735\u20131780.")
TITLES = ["Long short-term memory", "Random forests", "Support-vector networks"]


def _titles(lines: list[str]) -> list[str]:
    return sorted(p.title for p in parse_dump("refs.txt", lines).papers)


def test_a_reference_lists_heading_is_no_paper():
    """A reference list copied with its heading ("References", blank lines between entries).
    Now: a paper titled "References". Should: the heading is a page header."""
    assert _titles(["References", "", BREIMAN, "", CORTES, "", HOCHREITER]) == TITLES


@pytest.mark.parametrize("bullet", ["\u2022 ", "- ", "* "])
def test_a_bulleted_reference_list_keeps_every_paper(bullet):
    """A CV's "Publications 2021" or a lab page prints its references as a bulleted list. Now:
    read as abstracts, three papers without title or authors. Should: three papers, their titles
    and names."""
    parsed = parse_dump("cv.txt", ["Publications 2021"] + [bullet + c for c in (BREIMAN, CORTES, HOCHREITER)])
    assert sorted(p.title for p in parsed.papers) == TITLES
    assert all(p.authors for p in parsed.papers)


def test_a_reference_list_wrapped_by_pdf_to_text_keeps_every_paper():
    """pdftotext wraps a numbered reference list: an entry goes on over the next line. Now: read
    as a listing, "[1] Breiman ..." lost, the wrapped halves read as titles ("[2] Cortes, C., &
    Vapnik, V. (1995). Support-vector networks. Machine"). Should: four papers with their titles."""
    lines = ["Bibliographie",
             "[1] " + BREIMAN,
             "[2] Cortes, C., & Vapnik, V. (1995). Support-vector networks. Machine",
             "Learning, 20(3), 273\u2013297.",
             "[3] Hochreiter, S., & Schmidhuber, J. (1997). Long short-term memory.",
             "Neural Computation, 9(8), 1735\u20131780.",
             "[4] LeCun, Y., Bottou, L., Bengio, Y., & Haffner, P. (1998). Gradient-based learning applied to document",
             "recognition. Proceedings of the IEEE, 86(11), 2278\u20132324."]
    assert _titles(lines) == sorted(TITLES + ["Gradient-based learning applied to document recognition"])


def test_a_full_citation_line_inside_a_listing_is_one_paper():
    """A lab's listing (title / names / source) with one entry pasted as a whole APA citation.
    Now: the citation line is read as a title and the next paper's title "Bagging Predictors" as
    its author. Should: four papers; Breiman's "Bagging Predictors" keeps its title."""
    lines = ["Random Forests", "Leo Breiman", "Machine Learning 45(1): 5-32 (2001)",
             "Support-Vector Networks", "Corinna Cortes, Vladimir Vapnik", "Machine Learning 20(3): 273-297 (1995)",
             HOCHREITER,
             "Bagging Predictors", "Leo Breiman", "Machine Learning 24(2): 123-140 (1996)"]
    parsed = parse_dump("lab.txt", lines)
    by_title = {p.title: list(p.authors) for p in parsed.papers}
    assert by_title.get("Bagging Predictors") == ["Leo Breiman"]
    assert "Long short-term memory" in by_title


@pytest.mark.parametrize("line, title", [
    ("OpenAI. 2023. GPT-4 Technical Report. arXiv:2303.08774.", "GPT-4 Technical Report"),
    ("The ENCODE Project Consortium. An integrated encyclopedia of DNA elements in the human genome. "
     "Nature 489, 57\u201374 (2012).", "An integrated encyclopedia of DNA elements in the human genome"),
])
def test_a_corporate_author_is_not_the_papers_title(line, title):
    """ACM and Nature print a group as the author ("OpenAI. 2023. GPT-4 Technical Report.").
    Now: a paper titled "OpenAI" / "The ENCODE Project Consortium", its real title lost in the
    venue. Should: the paper's own title."""
    assert _titles([line, BREIMAN, CORTES]) == sorted(TITLES[1:] + [title])


def test_a_nature_style_citation_merges_with_the_acm_citation_of_the_same_paper(tmp_path):
    """One paper cited in Nature's style and in ACM's. Now: the Nature line is a second paper
    titled "LeCun, Y., Bengio, Y" whose venue is "& Hinton, G. Deep learning. Nature". Should:
    one entry "Deep learning" with both sources."""
    content = ingest(tmp_path, {"refs.txt": "\n".join([
        "LeCun, Y., Bengio, Y. & Hinton, G. Deep learning. Nature 521, 436\u2013444 (2015).",
        "Yann LeCun, Yoshua Bengio, and Geoffrey Hinton. 2015. Deep learning. Nature 521, 7553 (2015), 436\u2013444.",
        BREIMAN]) + "\n"})
    entries = papers_by_title(content)
    assert sorted(entries) == ["Deep learning", "Random forests"]
    assert len(entries["Deep learning"]["sources"]) == 2


def test_an_apa_journal_venue_in_the_entry_has_no_stray_period(tmp_path):
    """APA 7 prints "Neural Computation, 9(8), 1735–1780.": the entry's venue is now
    "Neural Computation ." on the site. Should: "Neural Computation"."""
    content = ingest(tmp_path, {"refs.txt": "\n".join([BREIMAN, CORTES, HOCHREITER]) + "\n"})
    assert sorted(p["venue"] for p in papers(content)) == ["Machine Learning", "Machine Learning",
                                                           "Neural Computation"]


def test_a_vancouver_single_letter_initial_i_is_an_initial(tmp_path):
    """Vancouver "Goodfellow I, Bengio Y, Courville A.": the authors were "I Goodfellow", "Y.
    Bengio", "A. Courville" (the "I" undotted, as if a given name; the sentence's period read as
    the last initial's). Lead: one style for the three, Vancouver's undotted initials as printed
    (as listings give "R Munos", tests/test_ingest_parse.py)."""
    content = ingest(tmp_path, {"refs.txt": "\n".join([
        "Goodfellow I, Bengio Y, Courville A. Deep learning. Cambridge: MIT Press; 2016.",
        "Breiman L. Random forests. Mach Learn. 2001;45(1):5-32.",
        "Quinlan JR. Induction of decision trees. Mach Learn. 1986;1(1):81-106."]) + "\n"})
    assert papers_by_title(content)["Deep learning"]["authors"] == ["I Goodfellow", "Y Bengio", "A Courville"]


def test_the_published_year_wins_over_the_preprints_date_in_a_merge(tmp_path):
    """Adam cited from arXiv (PubMed style, "2014 Dec 22") and from DBLP (ICLR 2015). Now: one
    entry, venue "ICLR (Poster)" but date 2014. Should: the published version's year, 2015, as
    the project already holds for listings."""
    content = ingest(tmp_path, {"refs.txt": "\n".join([
        "Kingma DP, Ba J. Adam: A method for stochastic optimization. arXiv preprint arXiv:1412.6980. 2014 Dec 22.",
        "Diederik P. Kingma, Jimmy Ba: Adam: A Method for Stochastic Optimization. ICLR (Poster) 2015",
        BREIMAN]) + "\n"})
    adam = [p for p in papers(content) if p["title"].casefold().startswith("adam")]
    assert len(adam) == 1
    assert (adam[0]["venue"], str(adam[0]["date"])) == ("ICLR (Poster)", "2015")


def test_different_papers_titled_deep_learning_stay_apart(tmp_path):
    """Keep: LeCun et al.'s Nature review, Goodfellow et al.'s book and another "Deep learning"
    by Smith are three entries (two citations of LeCun's paper are one)."""
    content = ingest(tmp_path, {"refs.txt": "\n".join([
        "LeCun Y, Bengio Y, Hinton G. Deep learning. Nature. 2015 May 28;521(7553):436-44. doi: 10.1038/nature14539.",
        'Y. LeCun, Y. Bengio, and G. Hinton, "Deep learning," Nature, vol. 521, no. 7553, pp. 436\u2013444, 2015.',
        "Goodfellow I, Bengio Y, Courville A. Deep learning. Cambridge: MIT Press; 2016.",
        "Smith, J. (2019). Deep learning. In Proceedings of Something (pp. 1\u201310)."]) + "\n"})
    deep = [p for p in papers(content) if p["title"] == "Deep learning"]
    assert sorted(len(p["sources"]) for p in deep) == [1, 1, 2]
