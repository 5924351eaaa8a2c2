"""Abstracts as readers see them: Markdown without raw HTML, TeX made readable, teasers."""
from __future__ import annotations

import pytest

from site_builder.text import name_key
import re

from site_builder.build import markup
from site_builder.build.markup import inline_html, markdown_html, plain_text, truncate_html


@pytest.mark.parametrize("source, html", [
    (r"$\beta_{i,j}$", "<math><mrow><msub><mi>β</mi><mrow><mi>i</mi><mo>,</mo><mi>j</mi></mrow></msub></mrow></math>"),
    (r"$2^{11}$", "<math><mrow><msup><mn>2</mn><mrow><mn>11</mn></mrow></msup></mrow></math>"),
    (r"\textbf{bold} and \emph{this}", "<strong>bold</strong> and <em>this</em>"),
    (r"$\mathbb{R}^d$", "<math><mrow><msup><mi>ℝ</mi><mi>d</mi></msup></mrow></math>"),
    (r"$\frac{1}{\sqrt{n}}$",
     "<math><mrow><mfrac><mrow><mn>1</mn></mrow><mrow><msqrt><mrow><mi>n</mi></mrow></msqrt></mrow></mfrac></mrow></math>"),
    (r"$\mathcal{O}(n \log n)$", '<math><mrow><mi>𝒪</mi><mo stretchy="false">(</mo><mi>n</mi><mi>log</mi><mi>n</mi>'
                                 '<mo stretchy="false">)</mo></mrow></math>'),
    (r"$\hat{x}_t \leq \epsilon$", '<math><mrow><msub><mover accent="true"><mrow><mi>x</mi></mrow><mo>^</mo></mover>'
                                    "<mi>t</mi></msub><mo>≤</mo><mi>ϵ</mi></mrow></math>"),
    (r"R\'emi and Fran\c{c}ois", "Rémi and François"),
])
def test_tex_is_rendered_readably(source, html):
    assert markdown_html(source) == f"<p>{html}</p>"


def test_display_math_is_a_block():
    assert markdown_html("Before.\n\n$$\n\\sum_i x_i\n$$\n") == (
        '<p>Before.</p>\n<p class="math-display"><math display="block"><mrow><munder><mo>∑</mo><mi>i</mi></munder>'
        "<msub><mi>x</mi><mi>i</mi></msub></mrow></math></p>")
    assert markdown_html("so $$x^2$$ holds") == \
        '<p>so <math display="block"><mrow><msup><mi>x</mi><mn>2</mn></msup></mrow></math> holds</p>'


def test_unknown_tex_is_kept_as_written_not_garbled():
    assert markdown_html(r"$\weird{x}_1$ and $\frac{1}{$") == \
        '<p><code class="tex">$\\weird{x}_1$</code> and <code class="tex">$\\frac{1}{$</code></p>'
    assert markup.unread_math(markdown_html(r"$\weird{x}_1$ and $x$ and $\frac{1}{$")) == [r"$\weird{x}_1$", r"$\frac{1}{$"]


def test_text_in_math_is_text():
    assert markdown_html(r"$\text{R&D if } a<b$") == (
        "<p><math><mrow><mtext>R&amp;D\u00a0if\u00a0</mtext><mi>a</mi><mo>&lt;</mo><mi>b</mi></mrow></math></p>")
    forged = markdown_html(r"$\text{</mtext><mi href=x>y</mi>}$")
    assert "<mi href" not in forged and not re.search(r"<[^>]*href", forged), forged


@pytest.mark.parametrize("tex", [
    "<script>alert(1)</script>", r"\href{javascript:alert(1)}{x}", r"\style{color:red;background:url(x)}{y}",
    r"\color{red}{z}", r"\text{<img src=x onerror=alert(1)>}", r"\mathrm{<b>}", r"\url{javascript:alert(2)}",
    r"\class{x}{y} \id{z}{w} \cssId{a}{b}", r"\href{https://evil.example}{\text{click}}",
])
def test_math_lets_nothing_executable_through(tex):
    html = markdown_html(f"${tex}$") + inline_html(f"${tex}$")
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    for tag, attributes in re.findall(r"<([a-z]+)([^>]*)>", html):     # text is escaped: every "<" is a tag
        names = set(re.findall(r'\s([\w-]+)="', attributes))
        allowed = {"class"} if tag == "code" else {"display"} if tag == "math" else markup.MATHML_ATTRIBUTES
        assert names <= allowed, (tag, attributes)
    assert "javascript:" not in re.sub(r'<code class="tex">.*?</code>', "", html)   # only ever shown as text
    tags = set(re.findall(r"<([a-z]+)", html))
    assert tags <= markup.MATHML_ELEMENTS | {"p", "code"}, tags
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
    assert inline_html(r"On $\ell_1$ *norms* <b>") == \
        "On <math><mrow><msub><mi>ℓ</mi><mn>1</mn></msub></mrow></math> *norms* &lt;b&gt;"


def test_plain_text_for_meta_tags():
    assert plain_text(r"We show $\beta_{i,j}$ and $2^{11}$ \textbf{bold}") == "We show β_(i,j) and 2¹¹ bold"


@pytest.mark.parametrize("source, text", [
    ("A **bold** claim, *emphasis* and `code`.", "A bold claim, emphasis and code."),
    ("See [the code](https://example.org/x) and ![the figure](f.png).", "See the code and the figure."),
    ("We assume *independent* data.", "We assume independent data."),
    ("# Heading\n\n- one\n- two\n\nThen $\\beta_i$ and \\textbf{bold}.", "Heading one two Then βᵢ and bold."),
    ("Plain prose, with 5 * 3 stars kept.", "Plain prose, with 5 * 3 stars kept."),
    ("Costs $5 and $6.", "Costs $5 and $6."),
])
def test_markdown_text_drops_markdown_marks(source, text):
    assert markup.markdown_text(source) == text


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


def test_an_accent_on_an_escaped_character_keeps_the_entity_whole():
    assert markdown_html('\\H"') == "<p>&quot;\u030b</p>"       # was "&\u030bquot;": a broken entity


def test_single_spaced_tells_exactly_the_texts_that_splitting_and_joining_leaves_alone():
    """plain_text keeps a text whose words are already one space apart as it is: the same text
    as joining its words, for every kind of space str.split() knows."""
    import sys

    assert markup.OTHER_SPACES == "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace() and c != " ")
    for text in ["", "a", "a b", " a", "a ", "a  b", "a\tb", "a\u00a0b", "a\u3000b", "a\nb", "é b — c", "a \u2028"]:
        assert markup.single_spaced(text) == (" ".join(text.split()) == text), repr(text)
        assert plain_text(text) == " ".join(text.split())
