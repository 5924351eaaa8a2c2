"""Templates hold no prose: every word a visitor reads comes from templates/i18n/<lang>.yaml."""
from __future__ import annotations

import re

import pytest
import yaml

from site_builder.errors import BuildError
from site_builder.build.render import TEMPLATES, load_strings

JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
TAG = re.compile(r"<[^>]*>", re.S)


@pytest.mark.parametrize("template", sorted(p.relative_to(TEMPLATES).as_posix()
                                            for p in TEMPLATES.rglob("*") if p.suffix in (".html", ".xml", ".svg")))
def test_template_has_no_hard_coded_words(template):
    text = (TEMPLATES / template).read_text(encoding="utf-8")
    text = JINJA.sub(" ", text)
    text = re.sub(r"<script\b.*?</script>|<style\b.*?</style>", " ", text, flags=re.S)
    text = TAG.sub(" ", text)
    text = re.sub(r"<\?xml.*?\?>|&[a-z]+;", " ", text)
    words = re.findall(r"[^\W\d_]{2,}", text)
    assert not words, f"{template}: text outside the translation table: {words}"


def test_both_languages_have_the_same_strings():
    en = yaml.safe_load((TEMPLATES / "i18n" / "en.yaml").read_text(encoding="utf-8"))
    fr = yaml.safe_load((TEMPLATES / "i18n" / "fr.yaml").read_text(encoding="utf-8"))
    assert sorted(en) == sorted(fr)
    assert len(en["months"]) == len(fr["months"]) == 12
    assert (en["see_more"], en["see_less"], fr["see_more"], fr["see_less"]) == (
        "see more", "see less", "voir plus", "voir moins")


def test_a_language_without_a_table_is_a_clear_error():
    with pytest.raises(BuildError) as error:
        load_strings(["en", "de"])
    assert "no translation table for language 'de'" in str(error.value)


def test_dates_are_localised():
    strings = load_strings(["en", "fr"])
    assert strings["en"].date("2024-03-05") == "March 5, 2024"
    assert strings["fr"].date("2024-03-05") == "5 mars 2024"
    assert strings["fr"].date("2024-08") == "août 2024"
    assert strings["en"].date("2024") == "2024"


def test_french_plural_counts_zero_and_one_as_singular():
    strings = load_strings(["en", "fr"])
    assert strings["fr"].plural("joint_papers", 1) == "1 article en commun"
    assert strings["fr"].plural("n_authors", 0) == "0 auteur"
    assert strings["en"].plural("n_authors", 0) == "0 authors"
    assert strings["en"].plural("n_authors", 1) == "1 author"


def test_pages_carry_no_template_indentation_but_keep_pre_and_line_breaks(tmp_path):
    from site_builder.build.render import make_environment
    (tmp_path / "page.html").write_text(
        "<ul>\n  {% for x in xs %}\n  <li>{{ x }}</li>\n  {% endfor %}\n</ul>\n"
        "<p>one\n    two</p>\n<pre>\n  kept\n    as is</pre>\n  <textarea>\n  also kept</textarea>\n",
        encoding="utf-8")
    html = make_environment(tmp_path).get_template("page.html").render(xs=["a", "b"])
    assert html == ("<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<p>one\ntwo</p>\n<pre>\n  kept\n    as is</pre>\n"
                    "<textarea>\n  also kept</textarea>\n")
