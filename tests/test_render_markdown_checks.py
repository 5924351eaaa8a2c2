"""The plain-prose fast path's checks are written as several scanning patterns for speed: each
must decide exactly as the single pattern that states the rule."""
from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from site_builder.build import markup

# The rule as one pattern each (what markup.py said before it was split for speed).
MARKDOWN_RULE = re.compile(r"[\\`_\[\]$\t\r\x00]|<[A-Za-z/!?]|&(?:#[0-9xX]|[A-Za-z][A-Za-z0-9]*;)"
                           r"|^[ \-+=>#~\d]|[ ]$", re.M)
EMPHASIS_RULE = re.compile(r"(?:(?<=\s)|^)\*([^\W_](?:[^*\n]*[^\W_])?)\*(?=[\s.,;:!?)]|$)", re.M)

_TEXT = st.text(alphabet=st.sampled_from(list("*ab é.,;:!?)( \n\t\r\u00a0\u2003<>&#x;1٣-+=~_`[]$\\/")), max_size=40)
_PIECES = st.lists(st.sampled_from(["*", "*a*", "*b c*", "word", "é", " ", "\n", "\n\n", "&amp;", "&#1", "&x", "<a",
                                    "< b", "1.", "٣", "- ", "> ", "# ", "  \n", " ", "x*", "*y", ".", ")", "_"]),
                   max_size=20).map("".join)


@settings(max_examples=4000, deadline=None)
@given(st.one_of(_TEXT, _PIECES))
def test_markdown_check_matches_the_rule(text):
    assert markup._may_be_markdown(text) == bool(MARKDOWN_RULE.search(text))


@settings(max_examples=4000, deadline=None)
@given(st.one_of(_TEXT, _PIECES))
def test_emphasis_pattern_matches_the_rule(text):
    assert markup._EMPHASIS.split(text) == EMPHASIS_RULE.split(text)
    assert markup._EMPHASIS.sub("", text) == EMPHASIS_RULE.sub("", text)


def test_the_rule_catches_what_it_should():
    for marked in ("a_b", "1. list", "text\n- item", "line \nbreak", "trailing ", "&amp;", "<b>"):
        assert markup._may_be_markdown(marked), marked
    for plain in ("Costs drop 5% (p < 0.05) in R&D.", "two\n\nparagraphs", "a *b* c"):
        assert not markup._may_be_markdown(plain), plain
