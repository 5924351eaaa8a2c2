"""Properties that must hold for any text an editor or a scraper can produce."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import bibtexparser
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.build.citations import bibtex_value
from site_builder.build.markup import inline_html, markdown_html, truncate_html

ALPHABET = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")) | st.sampled_from(
    list(" \n$\\{}_^&%#<>\"'*[]()`~é") + ["$\\beta_{i}$", "\\textbf{", "<script>", "&amp;", " ", "  "])
TEXT = st.lists(ALPHABET, max_size=120).map("".join)


class Balanced(HTMLParser):
    VOID = {"br", "hr", "img", "wbr"}

    def __init__(self):
        super().__init__()
        self.stack, self.ok, self.text = [], True, []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)
        if tag == "script" or any(name.startswith("on") for name, _ in attrs):
            self.ok = False

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.ok = False

    def handle_data(self, data):
        self.text.append(data)


def check(html: str) -> str:
    parser = Balanced()
    parser.feed(html)
    parser.close()
    assert parser.ok and not parser.stack, html
    return "".join(parser.text)


@settings(max_examples=300, deadline=None)
@given(TEXT, st.integers(min_value=5, max_value=80))
def test_teasers_are_well_formed_prefixes_cut_between_words(text, limit):
    full = markdown_html(text)
    full_text = " ".join(check(full).split())
    teaser = truncate_html(full, limit)
    if teaser is None:
        return
    shown = check(teaser)
    assert shown.endswith("…")
    words = " ".join(shown[:-1].split())
    assert full_text.startswith(words) or full_text.replace(" ", "").startswith(words.replace(" ", ""))
    assert "&" not in re.sub(r"&(#\d+|#x[0-9a-f]+|[a-z]+);", "", teaser)     # no broken entity


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_titles_are_always_inert_and_balanced(text):
    check(inline_html(text))


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_any_text_makes_a_parseable_bibtex_field(text):
    value = bibtex_value(text, protect_case=True)
    library = bibtexparser.parse_string("@misc{k,\n  title = {" + value + "}\n}\n")
    assert not library.failed_blocks, value
    assert len(library.entries) == 1
    depth = 0
    for token in re.findall(r"\\.|[{}]", value):
        depth += {"{": 1, "}": -1}.get(token, 0)
        assert depth >= 0, value
    assert depth == 0, value
