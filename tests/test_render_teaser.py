"""Teasers: the quick cut (a slice of the opening text) must give exactly what the word-by-word
walk gives, on every kind of abstract, or leave the teaser to the walk."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from site_builder.build import markup
from site_builder.build.markup import markdown_html, truncate_html

_WORDS = st.lists(st.sampled_from(["word", "longerword", "a", "é", "日本語", " ", " ", "  ", "\n", "\n\n", ",", ".",
                                   "-", "–", ";", ":", "(", "&", "<", ">", "*em*", "**strong**", "`code`", "$x$",
                                   "\u00a0", "\u2003", "R&D", "[link](https://example.org)", '"q"', "'"]),
                  max_size=80).map("".join)


# Mostly prose (the quick cut's case), with now and then what makes it step aside.
_PROSE = st.lists(st.one_of(st.sampled_from(["word", "ab", "a", "é", "longerword", "x-y", "(p", "q)", "5,", "end."]),
                            st.sampled_from([" ", " ", " ", "  ", "\n", " - ", " – ", ", ", "; ", ": "]),
                            st.sampled_from(["*em*", "&", "<", "R&D", "\n\n", "`c`", "\u00a0", "\u2003"])),
                  min_size=1, max_size=60).map("".join)


@settings(max_examples=3000, deadline=None)
@given(st.one_of(_WORDS, _PROSE), st.data())
def test_quick_teaser_matches_the_walk(text, data):
    html = markdown_html(text) if text.strip() else ""
    limit = data.draw(st.integers(min_value=0, max_value=len(html) + 2))
    assert truncate_html(html, limit) == markup._walked_teaser(html, limit)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab ,.;:-–(\n&<>é")), max_size=60), st.integers(min_value=0, max_value=40))
def test_quick_teaser_matches_the_walk_on_raw_paragraphs(text, limit):
    html = "<p>" + markup.escape(text) + "</p>"
    assert truncate_html(html, limit) == markup._walked_teaser(html, limit)


def test_plain_abstracts_take_the_quick_cut():
    html = markdown_html("alpha beta, gamma delta epsilon zeta eta theta")
    assert markup._quick_teaser(html, 14) == "<p>alpha beta…</p>"      # "gamma" would end past 14
    assert markup._quick_teaser(html, 18) == "<p>alpha beta, gamma…</p>"   # "gamma" ends at 17, fits
    assert markup._quick_teaser(html, 17) == "<p>alpha beta, gamma…</p>"   # ... and exactly at 17
    assert truncate_html(html, 14) == "<p>alpha beta…</p>"
    assert markup._quick_teaser(html, 200) is None                   # fits: no teaser at all
    assert truncate_html(html, 200) is None
    assert markup._quick_teaser(markdown_html("*alpha* beta gamma delta"), 8) is None   # a tag first: the walk
    html = markdown_html("R&D <costs> fall, \"we\" say again")       # escaped characters count as one
    assert markup._quick_teaser(html, 16) == "<p>R&amp;D &lt;costs&gt;…</p>"
    assert markup._quick_teaser(html, 17) == "<p>R&amp;D &lt;costs&gt; fall…</p>"
    assert truncate_html(html, 22) == markup._walked_teaser(html, 22) == "<p>R&amp;D &lt;costs&gt; fall, &quot;we&quot;…</p>"
