"""Abstracts as readers see them: Markdown without raw HTML, TeX made readable, teasers."""
from __future__ import annotations

import pytest

from site_builder.text import name_key
import re

from site_builder.build import markup
from site_builder.build.markup import inline_html, markdown_html, plain_text, truncate_html


@pytest.mark.parametrize("source, html", [
    (r"$\beta_{i,j}$", '<span class="math">β<sub>i,j</sub></span>'),
    (r"$2^{11}$", '<span class="math">2<sup>11</sup></span>'),
    (r"\textbf{bold} and \emph{this}", "<strong>bold</strong> and <em>this</em>"),
    (r"$\mathbb{R}^d$", '<span class="math">ℝ<sup>d</sup></span>'),
    (r"$\frac{1}{\sqrt{n}}$", '<span class="math">1/√n</span>'),
    (r"$\mathcal{O}(n \log n)$", '<span class="math">𝒪(n log n)</span>'),
    (r"$\hat{x}_t \leq \epsilon$", '<span class="math">x̂<sub>t</sub> ≤ ϵ</span>'),
    (r"R\'emi and Fran\c{c}ois", "Rémi and François"),
])
def test_tex_is_rendered_readably(source, html):
    assert markdown_html(source) == f"<p>{html}</p>"


def test_unknown_tex_is_kept_as_written_not_garbled():
    assert markdown_html(r"$\weird{x}_1$") == '<p><span class="math">\\weird{x}<sub>1</sub></span></p>'


def test_prices_are_not_math():
    assert markdown_html("costs $5 and $6 per run") == "<p>costs $5 and $6 per run</p>"


def test_raw_html_is_shown_as_text():
    html = markdown_html('<script>alert(1)</script> <img src=x onerror="alert(2)">')
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_javascript_links_are_not_links():
    html = markdown_html("[click](javascript:alert(1)) and [ok](https://example.org)")
    assert 'href="javascript' not in html
    assert '<a rel="nofollow noopener" href="https://example.org">ok</a>' in html


def test_images_in_abstracts_are_not_loaded():
    assert "<img" not in markdown_html("![tracker](https://evil.example/pixel.png)")


def test_an_image_in_an_abstract_becomes_a_link_labelled_with_its_alt_text():
    html = markdown_html("See ![the figure](https://example.org/f.png) and ![x](javascript:alert(1)).")
    assert '<a rel="nofollow noopener" href="https://example.org/f.png">the figure</a>' in html
    assert "!<a" not in html and 'href="javascript' not in html


def test_titles_render_math_but_not_markdown():
    assert inline_html(r"On $\ell_1$ *norms* <b>") == 'On <span class="math">ℓ<sub>1</sub></span> *norms* &lt;b&gt;'


def test_plain_text_for_meta_tags():
    assert plain_text(r"We show $\beta_{i,j}$ and $2^{11}$ \textbf{bold}") == "We show β_(i,j) and 2¹¹ bold"


def test_teaser_cuts_at_a_word_boundary_and_closes_tags():
    html = markdown_html("alpha **beta gamma delta** epsilon")
    assert truncate_html(html, 16) == "<p>alpha <strong>beta gamma…</strong></p>"


def test_teaser_never_splits_math():
    html = markdown_html(r"one two three $\beta_{i,j} + \gamma_{k}$ four five")
    teaser = truncate_html(html, 17)
    assert teaser == "<p>one two three…</p>"


def test_short_text_needs_no_teaser():
    assert truncate_html(markdown_html("short"), 300) is None


def test_teaser_length_counts_visible_characters():
    html = markdown_html("word " * 100)
    teaser = truncate_html(html, 52)
    assert teaser == "<p>" + " ".join(["word"] * 10) + "…</p>"


@pytest.mark.parametrize("a, b", [("Rémi Munos", "remi munos"), ("Rémi Munos", "Remi  MUNOS"),
                                  ("Jürgen Schmidhuber", "Jurgen Schmidhuber"), ("R. Munos", "r munos")])
def test_author_names_match_across_accents_case_and_punctuation(a, b):
    assert name_key(a) == name_key(b)


def test_teaser_never_cuts_an_entity_in_half():
    html = markdown_html('one "two" three; & four five six seven')
    assert truncate_html(html, 10) == "<p>one &quot;two&quot;…</p>"
    assert truncate_html(markdown_html("alpha beta; gamma delta"), 12) == "<p>alpha beta…</p>"
    assert truncate_html(markdown_html("alpha & beta gamma delta"), 8) == "<p>alpha &amp;…</p>"


# --- the plain-prose fast path gives exactly what the Markdown parser gives ----------

from hypothesis import given, settings, strategies as st  # noqa: E402

# Any characters (Markdown's among them), and texts made of words, stars and punctuation,
# where emphasis the fast path may take is frequent.
_PROSE = st.text(alphabet=st.sampled_from(list("*****abcXYZ éÅ.,;:'\"()?!&<>=+-#~|%/0123456789 \n\u00a0\u2003*_[]`$\\")),
                 max_size=120)
_PIECES = st.lists(st.sampled_from(["*", "*a*", "*b c*", "word", "é", " ", " ", ".", ",", ")", "(", "!", "\n",
                                    "\n\n", "1", "'", '"', "&", "-", "x*", "*y", "9"]), max_size=25).map("".join)


def _parsed(text: str) -> str:
    html = markup.unicodedata.normalize("NFC", markup._markdown().render(markup.tex_accents(text)))
    return markup._safe_link_attrs(re.sub(r"<(/?)h[1-6]>", r"<\1p>", html)).strip()


@settings(max_examples=6000, deadline=None)
@given(st.one_of(_PROSE, _PIECES))
def test_plain_prose_fast_path_matches_the_markdown_parser(text):
    fast = markup._plain_paragraphs(text)
    if fast is not None:
        assert markup.unicodedata.normalize("NFC", fast).strip() == _parsed(text)


def test_plain_prose_takes_the_fast_path_and_markup_does_not():
    assert markup._plain_paragraphs("Costs drop 5% (p < 0.05) in R&D.\n\nSecond paragraph.") is not None
    assert markup._plain_paragraphs("we assume *independent and identically distributed* data.") == \
        "<p>we assume <em>independent and identically distributed</em> data.</p>\n"
    for marked in ("a *half emphasis", "a*b*c", "**strong**", "*x *y* z*", "a [link](x)", "&amp; entity", "- list",
                   "1. list", "# heading", "    code", "hard  \nbreak", "<b>tag</b>", "$x$", "a\\b", "> quote"):
        assert markup._plain_paragraphs(marked) is None, marked
