"""A Google Scholar profile, as a scraper dumps it: its column headings ("Title", "Cited by",
"Year"), then each paper's title, names (cut with ", ..."), source, count of citations and
year, one a line. Before, the headings were papers, the counts errors, the years lost (read as
headings of the papers after them), a source without a year ("Neural networks: Tricks of the
trade, 9-50") a paper and the names cut with ", ..." its title."""
from __future__ import annotations

from test_ingest_real_forms import ingest, papers_by_title

PROFILE = """Title
Cited by
Year
Deep learning
Y LeCun, Y Bengio, G Hinton
nature 521 (7553), 436-444
98765
2015
Gradient-based learning applied to document recognition
Y LeCun, L Bottou, Y Bengio, P Haffner
Proceedings of the IEEE 86 (11), 2278-2324
65432
1998
Backpropagation applied to handwritten zip code recognition
Y LeCun, B Boser, JS Denker, D Henderson, RE Howard, W Hubbard, ...
Neural computation 1 (4), 541-551
16,543
1989
Efficient backprop
Y LeCun, L Bottou, GB Orr, KR Müller
Neural networks: Tricks of the trade, 9-50
7654
2002
"""


def test_a_scholar_profile_gives_each_paper_its_names_source_and_year(tmp_path):
    content = ingest(tmp_path, {"scholar.txt": PROFILE})
    entries = papers_by_title(content)
    assert sorted(entries) == ["Backpropagation applied to handwritten zip code recognition", "Deep learning",
                               "Efficient backprop", "Gradient-based learning applied to document recognition"]
    deep = entries["Deep learning"]
    assert deep["authors"] == ["Y LeCun", "Y Bengio", "G Hinton"]
    assert (deep["date"], deep["venue"], deep["volume"], deep["number"], deep["pages"]) == (
        "2015", "nature", "521", "7553", "436–444")
    backprop = entries["Efficient backprop"]
    assert (backprop["date"], backprop["venue"], backprop["pages"]) == ("2002", "Neural networks: Tricks of the trade",
                                                                       "9–50")
    zip_code = entries["Backpropagation applied to handwritten zip code recognition"]
    assert zip_code["date"] == "1989" and zip_code["authors"][-1] == "W Hubbard"
    # every line is the record's: a count of citations is no error and no field
    assert sorted(line for e in entries.values() for line in e["sources"]) == [
        "scholar.txt:14", "scholar.txt:19", "scholar.txt:4", "scholar.txt:9"]


def test_a_listing_grouped_by_year_keeps_its_years_as_headings(tmp_path):
    """Keep: without counts of citations, a year after a paper heads the papers after it."""
    content = ingest(tmp_path, {"lab.txt": "2016\nDeep learning\nYann LeCun\nNature 521: 436-444\n2015\n"
                                           "Random Forests\nLeo Breiman\nMachine Learning 45(1): 5-32\n"})
    entries = papers_by_title(content)
    assert entries["Deep learning"].get("date") is None and entries["Random Forests"].get("date") is None
