"""Review 13: `python -m site_builder import` on exports as real tools write them (DBLP, JabRef,
Mendeley, Semantic Scholar, Zotero with Better BibTeX, Zotero CSL JSON, Crossref, EndNote, IEEE
Xplore, Web of Science), each run through the real command on a small content folder, and
compared with what a demanding user expects to find in the YAML."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from test_import import empty, load, run_import, write  # noqa: F401  (``empty`` is a fixture)


def papers(content: Path) -> dict[str, dict]:
    folder = content / "papers"
    return {p.name: load(p) for p in sorted(folder.iterdir())} if folder.exists() else {}


def import_one(capsys, tmp_path, content, name, text) -> tuple[dict[str, dict], str]:
    code, _, err = run_import(capsys, write(tmp_path / name, text), "--content", content)
    assert code == 0, err
    return papers(content), err


def only_paper(capsys, tmp_path, content, name, text) -> dict:
    found, _ = import_one(capsys, tmp_path, content, name, text)
    assert len(found) == 1, sorted(found)
    return next(iter(found.values()))


# ------------------------------------------------------------------ BibTeX: crossref (DBLP, JabRef)

DBLP_WITH_CROSSREF = r"""@inproceedings{DBLP:conf/acl/LeeC19,
  author    = {Ann Lee and
               Bo Chen},
  title     = {Open Domain Kernel Extraction},
  booktitle = {Proceedings of the 57th Conference of the Association for Computational
               Linguistics, {ACL} 2019, Florence, Italy, July 28- August 2, 2019,
               Volume 1: Long Papers},
  pages     = {2860--2871},
  year      = {2019},
  crossref  = {DBLP:conf/acl/2019-1},
  url       = {https://www.aclweb.org/anthology/P19-1276/},
  timestamp = {Wed, 31 Jul 2019 17:03:52 +0200},
  biburl    = {https://dblp.org/rec/bib/conf/acl/LeeC19},
  bibsource = {dblp computer science bibliography, https://dblp.org}
}

@proceedings{DBLP:conf/acl/2019-1,
  editor    = {Anna Korhonen and
               David R. Traum and
               Llu{\'{\i}}s M{\`{a}}rquez},
  title     = {Proceedings of the 57th Conference of the Association for Computational
               Linguistics, {ACL} 2019, Florence, Italy, July 28- August 2, 2019,
               Volume 1: Long Papers},
  publisher = {Association for Computational Linguistics},
  year      = {2019},
  isbn      = {978-1-950737-48-2},
  timestamp = {Wed, 31 Jul 2019 17:03:52 +0200},
  biburl    = {https://dblp.org/rec/bib/conf/acl/2019-1},
  bibsource = {dblp computer science bibliography, https://dblp.org}
}
"""


def test_dblp_export_with_crossref_does_not_turn_the_proceedings_volume_into_a_paper(empty, tmp_path, capsys):
    """DBLP's "BibTeX (with crossref)" export (and any JabRef library using crossref) writes each
    conference paper followed by an @proceedings entry for the volume it appeared in, whose
    'title' is the proceedings' title and whose people are its editors. Now: the volume becomes a
    paper of the lab ('Proceedings of the 57th Conference of the ACL…', type other) next to the
    real one. Should: the @proceedings entry is only what the paper's crossref points to, never a
    paper of its own (at most a note in the report)."""
    found, _ = import_one(capsys, tmp_path, empty, "dblp.bib", DBLP_WITH_CROSSREF)
    assert [paper["title"] for paper in found.values()] == ["Open Domain Kernel Extraction"]
    assert not (empty / "authors" / "anna-korhonen.yaml").exists()


def test_a_crossref_child_gets_the_venue_and_year_of_the_entry_it_points_to(empty, tmp_path, capsys):
    """JabRef (and DBLP's crossref export in its condensed form) leaves the fields a paper shares
    with its proceedings in the @proceedings entry and points to it with `crossref`; BibTeX and
    biber give the paper those fields (booktitle, year, publisher). Now: the entry is written
    with no date and no venue at all. Should: date 2022, venue the proceedings' booktitle."""
    text = r"""% Encoding: UTF-8

@InProceedings{Lee2022,
  author    = {Lee, Ann and Chen, Bo},
  title     = {Dense Kernels for Sparse Graphs},
  crossref  = {NeurIPS2022},
  pages     = {100--110},
}

@Proceedings{NeurIPS2022,
  title     = {Advances in Neural Information Processing Systems 35},
  booktitle = {Advances in Neural Information Processing Systems 35},
  year      = {2022},
  publisher = {Curran Associates},
}

@Comment{jabref-meta: databaseType:bibtex;}
"""
    found, _ = import_one(capsys, tmp_path, empty, "jabref.bib", text)
    paper = found["dense-kernels-for-sparse-graphs.yaml"]
    assert (paper.get("date"), paper.get("venue"), paper.get("pages")) == (
        "2022", "Advances in Neural Information Processing Systems 35", "100–110")


# ------------------------------------------------------------------ BibTeX: identifiers and links

def test_semantic_scholar_arxiv_paper_keeps_its_arxiv_id(empty, tmp_path, capsys):
    """Semantic Scholar's "Cite → BibTeX" writes an arXiv paper as `journal={ArXiv}` with the
    arXiv number only in `volume={abs/2001.00001}` (DBLP's CoRR form, without DBLP's eprint).
    Now: the entry is a preprint with no arXiv id (no arXiv button, and nothing to match its
    published version by). Should: arxiv 2001.00001, as for DBLP's CoRR entries."""
    paper = only_paper(capsys, tmp_path, empty, "s2.bib", r"""@article{Lee2020LearningSK,
  title={Learning Sparse Kernels for {GPU} Inference},
  author={Ann Lee and Bo Chen},
  journal={ArXiv},
  year={2020},
  volume={abs/2001.00001},
  url={https://api.semanticscholar.org/CorpusID:210064519}
}
""")
    assert (paper["type"], paper.get("arxiv")) == ("preprint", "2001.00001")


def test_mendeley_url_field_with_two_links_keeps_the_first(empty, tmp_path, capsys):
    """Mendeley Desktop joins all the links it has for a document with a space in one `url`
    field: `url = {http://arxiv.org/abs/2101.00002 http://dx.doi.org/10.1000/jml.2021.5}`.
    Now: the whole url is dropped, with a warning telling the user to write the space as %20
    (which would make a broken link). Should: the first link is the entry's url."""
    paper = only_paper(capsys, tmp_path, empty, "mendeley.bib", r"""Automatically generated by Mendeley Desktop 1.19.8
Any changes to this file will be lost if it is regenerated by Mendeley.

@article{Lee2021,
abstract = {We learn kernels.},
archivePrefix = {arXiv},
arxivId = {2101.00002},
author = {Lee, Ann and Chen, Bo},
doi = {10.1000/jml.2021.5},
eprint = {2101.00002},
journal = {Journal of Kernels},
pages = {1--20},
title = {{Kernels for Proteins}},
url = {http://arxiv.org/abs/2101.00002 http://dx.doi.org/10.1000/jml.2021.5},
volume = {7},
year = {2021}
}
""")
    assert paper.get("url") == "http://arxiv.org/abs/2101.00002"


BBT_ONLINE = r"""@online{leePreprint2023,
  title = {A Preprint about {{Transformers}}},
  author = {Lee, Ann},
  date = {2023-02-14},
  eprint = {2302.01234},
  eprinttype = {arxiv},
  eprintclass = {cs},
  doi = {10.48550/arXiv.2302.01234},
  url = {http://arxiv.org/abs/2302.01234},
  urldate = {2023-03-01},
  pubstate = {preprint},
}
"""
DBLP_CORR = r"""@article{DBLP:journals/corr/abs-2302-01234,
  author       = {Ann Lee},
  title        = {A Preprint about Transformers},
  journal      = {CoRR},
  volume       = {abs/2302.01234},
  year         = {2023},
  url          = {https://doi.org/10.48550/arXiv.2302.01234},
  doi          = {10.48550/ARXIV.2302.01234},
  eprinttype    = {arXiv},
  eprint       = {2302.01234},
  timestamp    = {Thu, 25 May 2023 16:36:03 +0200},
  biburl       = {https://dblp.org/rec/journals/corr/abs-2302-01234.bib},
  bibsource    = {dblp computer science bibliography, https://dblp.org}
}
"""
ZOTERO_CSL = json.dumps([{
    "id": "http://zotero.org/users/1/items/ABCD", "type": "article", "title": "A Preprint about Transformers",
    "publisher": "arXiv", "number": "arXiv:2302.01234", "source": "arXiv.org", "URL": "http://arxiv.org/abs/2302.01234",
    "DOI": "10.48550/arXiv.2302.01234", "note": "arXiv:2302.01234 [cs]", "author": [{"family": "Lee", "given": "Ann"}],
    "accessed": {"date-parts": [["2023", 3, 1]]}, "issued": {"date-parts": [["2023", 2, 14]]}}], indent=2)


@pytest.mark.parametrize("name, text", [("bbt.bib", BBT_ONLINE), ("dblp.bib", DBLP_CORR), ("zotero.json", ZOTERO_CSL)],
                         ids=["better-biblatex", "dblp-corr", "zotero-csl"])
def test_an_arxiv_doi_is_the_arxiv_id_not_the_papers_doi(empty, tmp_path, capsys, name, text):
    """Zotero (since arXiv registered DOIs in 2022), Better BibTeX and DBLP give every arXiv
    preprint the DOI 10.48550/arXiv.NNNN. docs/editing.md promises: "an arXiv DOI
    (10.48550/arXiv.…) counts as the arXiv id, not as the paper's DOI". Now: a preprint imported
    alone gets `doi: 10.48550/arXiv.2302.01234` (so its page shows a DOI button that duplicates
    the arXiv one, and the citation gives the preprint's DOI as the paper's). Should: arxiv
    2302.01234 and no doi."""
    paper = only_paper(capsys, tmp_path, empty, name, text)
    assert paper.get("arxiv") == "2302.01234"
    assert "doi" not in paper, paper.get("doi")


# ------------------------------------------------------------------ BibTeX: names and venues (biblatex)

def test_better_biblatex_extended_names_become_given_family(empty, tmp_path, capsys):
    """Better BibLaTeX (Zotero) writes a name with a particle in biblatex's extended name format:
    `author = {family=Maaten, given=Laurens, prefix=van der, useprefix=true and Hinton, Geoffrey}`.
    Now: the author is 'family=Maaten, given=Laurens, prefix=van der, useprefix=true' (with a
    "more than two commas" warning), and an author entry is created under that name. Should:
    'Laurens van der Maaten'."""
    paper = only_paper(capsys, tmp_path, empty, "bbt.bib", r"""@article{maatenVisualizingData2008,
  title = {Visualizing Data Using T-{{SNE}}},
  author = {family=Maaten, given=Laurens, prefix=van der, useprefix=true and Hinton, Geoffrey},
  date = {2008},
  journaltitle = {Journal of Machine Learning Research},
  volume = {9},
  number = {86},
  pages = {2579--2605},
}
""")
    assert paper["authors"] == ["Laurens van der Maaten", "Geoffrey Hinton"]


def test_biblatex_eventtitle_is_the_venue_of_a_conference_paper(empty, tmp_path, capsys):
    """Zotero conference papers often have a Conference Name but no Proceedings Title (ICLR,
    OpenReview papers); Better BibLaTeX then writes `eventtitle` and no `booktitle`. The CSL
    reader already takes CSL's "event-title" as the venue. Now: the BibTeX entry is written with
    no venue. Should: venue 'International Conference on Learning Representations'."""
    paper = only_paper(capsys, tmp_path, empty, "bbt.bib", r"""@inproceedings{leeSoftKernels2024,
  title = {Soft Kernels for Sparse Experts},
  author = {Lee, Ann and Chen, Bo},
  date = {2024},
  eventtitle = {International Conference on Learning Representations},
  url = {https://openreview.net/forum?id=abcdef},
  urldate = {2024-05-01},
}
""")
    assert paper.get("venue") == "International Conference on Learning Representations"


@pytest.mark.parametrize("written, expected", [
    ("Kim, J. and Kim, J.-H. and Park, S.", ["J. Kim", "J.-H. Kim", "S. Park"]),
    ("Wang, Y. and Wang, Yu and Li, Q.", ["Y. Wang", "Yu Wang", "Q. Li"]),
], ids=["korean-initials", "chinese-initials"])
def test_two_coauthors_with_the_same_surname_are_both_kept(empty, tmp_path, capsys, written, expected):
    """IEEE Xplore, ACM and Scopus exports abbreviate given names, and Korean and Chinese author
    lists often hold two people with one surname ("J. Kim" and "J.-H. Kim"). Two places in one
    author list are two people. Now: the second Kim (or Wang) is taken for the first and
    silently dropped from the paper's authors. Should: every author in the list, in order."""
    paper = only_paper(capsys, tmp_path, empty, "ieee.bib", (
        "@ARTICLE{9156610,\n  author={" + written + "},\n  journal={IEEE Access},\n"
        "  title={Kernels for Radar Vision},\n  year={2021},\n  volume={9},\n  pages={1020-1031},\n"
        "  doi={10.1109/ACCESS.2021.3051234}}\n"))
    assert paper["authors"] == expected


# ------------------------------------------------------------------ pages

def test_an_article_number_with_a_hyphen_is_not_a_page_range(empty, tmp_path, capsys):
    """ASM journals (J. Bacteriology, mBio) number articles like `e00123-19`, and Zotero's CSL
    JSON gives that as "page". Now: it is written as the range 'e00123–19' (an en dash, "pages
    e00123 to 19"). Should: 'e00123-19' as written (a range never ends below its start, and never
    starts with a letter its end lacks)."""
    paper = only_paper(capsys, tmp_path, empty, "zotero.json", json.dumps([{
        "id": "b", "type": "article-journal", "title": "Growth of Bacteria on Kernels",
        "container-title": "Journal of Bacteriology", "author": [{"family": "Lee", "given": "Ann"}],
        "issued": {"date-parts": [[2019]]}, "page": "e00123-19", "volume": "201", "issue": "4",
        "DOI": "10.1128/JB.00123-19"}], indent=1))
    assert paper["pages"] == "e00123-19"


def test_a_range_of_one_page_is_the_same_in_bibtex_as_in_ris(empty, tmp_path, capsys):
    """IEEE Xplore writes `pages={1-1}` for early-access articles (BibTeX) and `SP  - 1`,
    `EP  - 1` in RIS. The RIS reader writes one page, '1'. Now: BibTeX's gives '1–1' (a range
    from page 1 to page 1 on the paper's page and in its citations). Should: the same as RIS."""
    ris = only_paper(capsys, tmp_path, empty, "ieee.ris", (
        "TY  - JOUR\nTI  - Kernels for Vision\nT2  - IEEE Transactions on Pattern Analysis and Machine "
        "Intelligence\nSP  - 1\nEP  - 1\nAU  - A. Lee\nPY  - 2021\nDO  - 10.1109/TPAMI.2021.3001234\nER  - \n"))
    other = tmp_path / "other"
    other.mkdir()
    content = other / "content"
    content.mkdir()
    write(content / "site.yaml", "title: Lab\n")
    bib = only_paper(capsys, other, content, "ieee.bib", (
        "@ARTICLE{9310001,\n  author={Lee, A.},\n  journal={IEEE Transactions on Pattern Analysis and Machine "
        "Intelligence}, \n  title={Kernels for Vision}, \n  year={2021},\n  volume={},\n  number={},\n"
        "  pages={1-1},\n  doi={10.1109/TPAMI.2021.3001234}}\n"))
    assert ris["pages"] == "1"
    assert bib["pages"] == ris["pages"]


# ------------------------------------------------------------------ CSL JSON: rich text

def test_zotero_csl_rich_text_markup_is_not_written_into_the_title(empty, tmp_path, capsys):
    """CSL-JSON titles are rich text: Zotero writes `<i>Escherichia coli</i>` for an italic
    species name and `<span class="nocase">mRNA</span>` for a word that must keep its case
    (Pandoc's CSL JSON does the same for BibTeX's protected capitals). Now: the tags are written
    into the title (the site shows them as text) and into the file name
    ('growth-of-i-escherichia-coli-i-on-span-class-nocase-mrna.yaml'). Should: the title's text,
    'Growth of Escherichia coli on mRNA Substrates' (the markup dropped, as BibTeX's \\textit is)."""
    found, _ = import_one(capsys, tmp_path, empty, "zotero.json", json.dumps([{
        "id": "b", "type": "article-journal",
        "title": "Growth of <i>Escherichia coli</i> on <span class=\"nocase\">mRNA</span> Substrates",
        "container-title": "Journal of Bacteriology", "author": [{"family": "Lee", "given": "Ann"}],
        "issued": {"date-parts": [[2019]]}}], indent=1))
    assert list(found) == ["growth-of-escherichia-coli-on-mrna-substrates.yaml"]
    assert found["growth-of-escherichia-coli-on-mrna-substrates.yaml"]["title"] == (
        "Growth of Escherichia coli on mRNA Substrates")


def test_a_crossref_jats_abstract_is_written_as_text(empty, tmp_path, capsys):
    """CSL JSON made from a DOI (doi.org content negotiation, citation.js, Crossref) carries the
    publisher's abstract in JATS XML: "<jats:title>Abstract</jats:title><jats:p>We learn
    <jats:italic>deep</jats:italic> kernels.</jats:p>". Now: the XML is written into the entry's
    abstract as it is, tags and all. Should: the text ('We learn deep kernels.'), without the
    'Abstract' heading."""
    paper = only_paper(capsys, tmp_path, empty, "doi.json", json.dumps([{
        "type": "article-journal", "id": "https://doi.org/10.1000/dk.1", "title": "Deep Kernels",
        "DOI": "10.1000/dk.1", "URL": "http://dx.doi.org/10.1000/dk.1", "container-title": "Journal of Kernels",
        "author": [{"given": "Ann", "family": "Lee", "sequence": "first", "affiliation": []}],
        "issued": {"date-parts": [[2021, 3, 9]]}, "page": "1-10", "volume": "3", "issue": "2",
        "abstract": "<jats:title>Abstract</jats:title><jats:p>We learn <jats:italic>deep</jats:italic> "
                    "kernels.</jats:p>"}], indent=1))
    assert paper["abstract"] == "We learn deep kernels."


# ------------------------------------------------------------------ dates

def test_endnote_month_and_day_in_da_complete_the_year(empty, tmp_path, capsys):
    """EndNote keeps the year in `Y1`/`PY` and writes its free-text Date field to `DA` ("Mar 15",
    "March"), as BibTeX keeps year and month apart. Now: 'DA  - Mar 15' is reported as "not a date:
    ignored" and the entry gets only the year. Should: 2019-03-15 from the year and DA's month
    and day, and no warning."""
    found, err = import_one(capsys, tmp_path, empty, "endnote.ris", (
        "TY  - JOUR\nAU  - Lee, Ann\nT1  - Graph kernels revisited\nJF  - Journal of Machine Learning Research\n"
        "Y1  - 2019\nDA  - Mar 15\nVL  - 20\nSP  - 1-25\nER  - \n"))
    assert found["graph-kernels-revisited.yaml"]["date"] == "2019-03-15"
    assert "not a date" not in err


def test_two_records_of_one_publication_keep_the_more_precise_date(empty, tmp_path, capsys):
    """A co-author's RIS gives only `PY  - 2021`, Zotero's CSL JSON the full issue date
    2021-03-09, for the same article (same DOI). The merge treats '2021' and '2021-03-09' as
    agreeing ("a date only says more"). Now: whichever file sorts first wins, and the entry keeps
    only '2021'. Should: the date that says more, 2021-03-09."""
    ris = write(tmp_path / "coauthor.ris", "TY  - JOUR\nAU  - Lee, Ann\nTI  - Deep Kernels for Protein Folding\n"
                                           "T2  - Journal of Proteins\nVL  - 12\nPY  - 2021\nDO  - 10.1000/prot.12\n"
                                           "ER  - \n")
    csl = write(tmp_path / "zotero.json", json.dumps([{
        "id": "x", "type": "article-journal", "title": "Deep Kernels for Protein Folding",
        "author": [{"family": "Lee", "given": "Ann"}], "container-title": "Journal of Proteins",
        "issued": {"date-parts": [[2021, 3, 9]]}, "DOI": "10.1000/prot.12"}]))
    code, _, err = run_import(capsys, ris, csl, "--content", empty)
    assert code == 0, err
    found = papers(empty)
    assert list(found) == ["deep-kernels-for-protein-folding.yaml"]
    assert found["deep-kernels-for-protein-folding.yaml"]["date"] == "2021-03-09"
