"""A paper's `links` (pdf, code, slides... and extra ones with a label): the exact message for
every mistake, files under content/files/ copied into the site, and the buttons on list entries
and paper pages in both languages."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, build, write_content
from site_builder import schema as S
from site_builder.errors import ContentError


def problems_of(text: str) -> list[str]:
    checked = S.check_file(text.encode("utf-8"), "papers/p.yaml", S.PAPER)
    return [p.format() for p in checked.problems]


def links_of(text: str):
    checked = S.check_file(text.encode("utf-8"), "papers/p.yaml", S.PAPER)
    assert checked.ok, checked.problems
    return checked.values["links"]


# --- The schema: one message per mistake, at the line of the mistake ------------------------

@pytest.mark.parametrize("lines, expected", [
    ("  githbu: https://github.com/lab/x",
     "papers/p.yaml:3: unknown link kind 'githbu' (did you mean 'code'? the kinds are pdf, code, slides, "
     "video, poster, project, data, and extra for other links)"),
    ("  sildes: files/talk.pdf",
     "papers/p.yaml:3: unknown link kind 'sildes' (did you mean 'slides'? the kinds are pdf, code, slides, "
     "video, poster, project, data, and extra for other links)"),
    ("  slides: javascript:alert(1)",
     "papers/p.yaml:3: 'links.slides' must be a web address starting with http:// or https://, not "
     "'javascript:alert(1)' (only web addresses and files are allowed: no javascript:, data:, file: or mailto: links)"),
    ("  code: data:text/html,<script>alert(1)</script>",
     "papers/p.yaml:3: 'links.code' must be a web address starting with http:// or https://, not "
     "'data:text/html,<script>alert(1)</script>' (only web addresses and files are allowed: no javascript:, "
     "data:, file: or mailto: links)"),
    ("  video: 12",
     "papers/p.yaml:3: 'links.video' must be text, not a number (write a web address starting with https://, "
     "or a file under content/files/, e.g. files/paper.pdf)"),
    ("  pdf: files/../site.yaml",
     "papers/p.yaml:3: 'links.pdf' leaves content/files/: 'files/../site.yaml' (write the path of a file "
     "inside content/files/, without ..)"),
    ("  pdf: paper.pdf",
     "papers/p.yaml:3: 'links.pdf' must be a web address or a file under files/, not 'paper.pdf' (put the file "
     "in content/files/ and write files/paper.pdf; a web address starts with https://)"),
    ("  pdf: /etc/passwd",
     "papers/p.yaml:3: 'links.pdf' must be a web address or a file under files/, not '/etc/passwd' (put the "
     "file in content/files/ and write files/passwd; a web address starts with https://)"),
    ("  code: https://",
     "papers/p.yaml:3: 'links.code' is not a valid web address: 'https://' (a web address has a host after "
     "https:// and no spaces; write a space as %20)"),
    ("  poster: files\\poster.pdf",
     "papers/p.yaml:3: 'links.poster' must separate folders with /, not \\: 'files\\poster.pdf' "
     "(write files/poster.pdf)"),
])
def test_each_mistake_in_a_link_has_its_message(lines, expected):
    assert problems_of(f"title: A paper\nlinks:\n{lines}\n") == [expected]


def test_links_must_be_a_mapping():
    assert problems_of("title: A paper\nlinks: https://example.org\n") == [
        "papers/p.yaml:2: 'links' must be one 'kind: address' line per link, not text (indent one line per "
        "link under links:, e.g. pdf: files/paper.pdf or code: https://github.com/lab/project)"]


def test_a_link_kind_written_as_a_field_is_pointed_under_links():
    assert problems_of("title: A paper\npdf: files/paper.pdf\n") == [
        "papers/p.yaml:2: unknown field 'pdf' (did you mean 'links'?)"]


def test_extra_links_mistakes_name_the_item_and_its_line():
    text = """title: A paper
links:
  extra:
    - label: Blog
      url: https://blog.example.org/post
    - label: Demo
      link: https://demo.example.org
    - label: Talk
    - url: javascript:alert(1)
      label: Evil
    - label: {de: Demo}
      url: https://example.org
    - Just a name
"""
    assert problems_of(text) == [
        "papers/p.yaml:6: item 2 of 'links.extra' has an unknown field 'link' (did you mean 'url'? a link has "
        "a label and a url)",
        "papers/p.yaml:8: item 3 of 'links.extra' has no url (a link needs a label, the button's text, and a url)",
        "papers/p.yaml:9: 'links.extra[4].url' must be a web address starting with http:// or https://, not "
        "'javascript:alert(1)' (only web addresses and files are allowed: no javascript:, data:, file: or "
        "mailto: links)",
        "papers/p.yaml:11: 'links.extra[5].label' has text for an unknown language 'de' (the languages are en, fr)",
        "papers/p.yaml:13: item 6 of 'links.extra' must have a label and a url, not text (write - label: Blog "
        "post, with url: https://… on the next line, indented like label)",
    ]


def test_valid_links_are_kept_in_button_order():
    links = links_of("""title: A paper
links:
  extra:
    - label: {en: Blog post, fr: Billet}
      url: https://blog.example.org/post
  code: https://github.com/lab/x
  pdf: files/paper.pdf
  video: HTTPS://www.youtube.com/watch?v=1
  data:
""")
    assert [(link.kind, link.target, link.label) for link in links] == [
        ("pdf", "files/paper.pdf", ()),
        ("code", "https://github.com/lab/x", ()),
        ("video", "https://www.youtube.com/watch?v=1", ()),
        ("extra", "https://blog.example.org/post", (("en", "Blog post"), ("fr", "Billet"))),
    ]


# --- Files: checked by the loader (and so by check), copied by build ------------------------

def paper(**fields) -> dict:
    return {"title": "Sparse Rewards", "authors": ["Ada Lovelace"], "date": "2024-03-01", **fields}


def test_a_missing_or_escaping_file_is_an_error_for_check_and_build(tmp_path):
    content = write_content(tmp_path / "content", papers={"p": paper(links={
        "pdf": "files/papr.pdf", "slides": "files/deck", "poster": "files/poster.pdf"})},
        files={"files/paper.pdf": b"%PDF-1.4", "files/deck/x.txt": "x"})
    outside = tmp_path / "secret.pdf"
    outside.write_bytes(b"secret")
    (content / "files" / "poster.pdf").symlink_to(outside)
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.html").write_text("previous site")
    with pytest.raises(ContentError) as failed:
        build(content, out)
    shown = str(content / "papers" / "p.yaml")
    expected = [
        f"{shown}:6: 'links.pdf': file not found: files/papr.pdf (did you mean 'files/paper.pdf'?)",
        f"{shown}:7: 'links.slides': files/deck is not a file (a link leads to one file, not a folder)",
        f"{shown}:8: 'links.poster': files/poster.pdf is a link to a file outside content/files/ "
        "(copy the file into content/files/ instead of linking to it)",
    ]
    assert [p.format() for p in failed.value.problems] == expected
    assert (out / "keep.html").read_text() == "previous site"
    result = subprocess.run([sys.executable, "-m", "site_builder", "check", "--content", str(content)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    assert [line for line in result.stdout.splitlines() if ": warning: " not in line] == expected
    assert "Traceback" not in result.stderr


def test_files_are_copied_and_linked_from_any_page_depth(tmp_path):
    content = write_content(tmp_path / "content", papers={"p": paper(links={
        "pdf": "files/sparse rewards.pdf", "slides": "files/talks/deck.pdf"})},
        files={"files/sparse rewards.pdf": b"%PDF-1.4 the paper", "files/talks/deck.pdf": b"%PDF deck"})
    out = tmp_path / "out"
    build(content, out, base_url="/lab/")
    assert (out / "files" / "sparse rewards.pdf").read_bytes() == b"%PDF-1.4 the paper"
    assert (out / "files" / "talks" / "deck.pdf").read_bytes() == b"%PDF deck"
    page = (out / "en" / "papers" / "p" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../../files/sparse%20rewards.pdf"' in page
    listing = (out / "en" / "publications" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../files/talks/deck.pdf"' in listing


# --- Buttons ---------------------------------------------------------------------------------

EVERY_LINK = {
    "pdf": "files/paper.pdf", "code": "https://github.com/lab/sparse", "slides": "https://example.org/slides",
    "video": "https://video.example.org/v/1", "poster": "https://example.org/poster.pdf",
    "project": "https://example.org/sparse", "data": "https://data.example.org/sparse",
    "extra": [{"label": {"en": "Blog post", "fr": "Billet de blog"}, "url": "https://blog.example.org/sparse"},
              {"label": 'Q&A "live" <b>', "url": "https://example.org/?a=1&b=2"}],
}


def buttons(html: str, ident: str) -> list[tuple[str, str, str]]:
    """(kind, href, visible text) of each button of the links list described by ``ident``."""
    found = re.findall(r'<a class="link-button" data-kind="([a-z]+)" href="([^"]*)"[^>]*aria-describedby="'
                       + re.escape(ident) + r'"><svg class="icon"[^>]*aria-hidden="true"[^>]*>.*?</svg>'
                       r'<span[^>]*>(.*?)</span></a>', html, re.S)
    return found


@pytest.fixture(scope="module")
def linked_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("links")
    content = write_content(root / "content", papers={
        "sparse": paper(links=EVERY_LINK, doi="10.1000/xyz-123", arxiv="2401.00001"),
        "plain": paper(title="No Links Here", date="2023-01-01")},
        files={"files/paper.pdf": b"%PDF-1.4"})
    build(content, root / "out")
    return root / "out"


def test_paper_page_shows_every_button_with_its_words_in_each_language(linked_site):
    en = (linked_site / "en" / "papers" / "sparse" / "index.html").read_text(encoding="utf-8")
    fr = (linked_site / "fr" / "papers" / "sparse" / "index.html").read_text(encoding="utf-8")
    assert '<ul class="links" aria-label="Links">' in en and '<ul class="links" aria-label="Liens">' in fr
    assert buttons(en, "paper-title") == [
        ("pdf", "../../../files/paper.pdf", "PDF"),
        ("arxiv", "https://arxiv.org/abs/2401.00001", "arXiv"),
        ("doi", "https://doi.org/10.1000/xyz-123", "DOI"),
        ("code", "https://github.com/lab/sparse", "Code"),
        ("slides", "https://example.org/slides", "Slides"),
        ("video", "https://video.example.org/v/1", "Video"),
        ("poster", "https://example.org/poster.pdf", "Poster"),
        ("project", "https://example.org/sparse", "Project page"),
        ("data", "https://data.example.org/sparse", "Data"),
        ("extra", "https://blog.example.org/sparse", "Blog post"),
        ("extra", "https://example.org/?a=1&amp;b=2", "Q&amp;A &#34;live&#34; &lt;b&gt;"),
    ]
    assert [text for _, _, text in buttons(fr, "paper-title")] == [
        "PDF", "arXiv", "DOI", "Code", "Diapositives", "Vidéo", "Poster", "Page du projet", "Données",
        "Billet de blog", "Q&amp;A &#34;live&#34; &lt;b&gt;"]


def test_list_entries_show_the_buttons_and_papers_without_links_none(linked_site):
    listing = (linked_site / "fr" / "publications" / "index.html").read_text(encoding="utf-8")
    shown = buttons(listing, "title-sparse")
    assert [kind for kind, _, _ in shown] == ["pdf", "arxiv", "doi", "code", "slides", "video", "poster",
                                             "project", "data", "extra", "extra"]
    assert shown[0][1] == "../../files/paper.pdf"
    assert 'aria-describedby="title-plain"' not in listing.split('id="paper-plain"')[1].split("</li>")[0]
    plain = (linked_site / "en" / "papers" / "plain" / "index.html").read_text(encoding="utf-8")
    assert 'class="links"' not in plain


def test_a_rebuild_follows_the_files(tmp_path):
    """An edited file is published again; a file no paper links to any more leaves the site."""
    content = write_content(tmp_path / "content", papers={"p": paper(links={"pdf": "files/a.pdf"})},
                            files={"files/a.pdf": b"%PDF version 1"})
    out = tmp_path / "out"
    build(content, out)
    assert (out / "files" / "a.pdf").read_bytes() == b"%PDF version 1"
    (content / "files" / "a.pdf").write_bytes(b"%PDF version 2, longer")
    build(content, out)
    assert (out / "files" / "a.pdf").read_bytes() == b"%PDF version 2, longer"
    write_content(content, papers={"p": paper(links={"code": "https://github.com/lab/a"})})
    build(content, out)
    assert not (out / "files").exists()
    assert 'data-kind="code"' in (out / "en" / "papers" / "p" / "index.html").read_text(encoding="utf-8")
