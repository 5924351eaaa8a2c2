"""Hostile files and values an editor (or a tool) can put in content/, seeds/ or an import:
each gets one exact line, nothing hangs, nothing reaches a page raw (issue 17)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, build, write_content, write_seeds
from site_builder import schema as S
from site_builder.build.loader import load_content
from site_builder.build.render import make_environment

ENV = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))


def run(*args, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "site_builder", *args], cwd=cwd, env=ENV,
                          capture_output=True, text=True, timeout=60)


def messages(content: Path) -> list[str]:
    return [p.format() for p in load_content(content)[1]]


# ---------------------------------------------------------------- files that are not regular files

@pytest.mark.parametrize("folder", ["papers", "authors"])
def test_a_named_pipe_called_yaml_is_reported_not_opened(tmp_path, folder):
    content = write_content(tmp_path / "content", papers={"a": {"title": "A"}})
    os.mkfifo(content / folder / "x.yaml")
    result = run("check", "--content", "content", cwd=tmp_path)      # would wait for a writer for ever
    assert result.stdout.splitlines() == [
        f"content/{folder}/x.yaml: not a regular file (a named pipe) (remove it, or save the text in a plain file)"]
    assert result.returncode == 1 and "Traceback" not in result.stderr
    built = run("build", "--content", "content", "--out", "out", cwd=tmp_path)
    assert built.returncode == 1 and f"content/{folder}/x.yaml: not a regular file (a named pipe)" in built.stderr
    assert not (tmp_path / "out").exists()


def test_a_folder_or_a_pipe_called_site_yaml(tmp_path):
    content = write_content(tmp_path / "content")
    (content / "site.yaml").unlink()
    os.mkfifo(content / "site.yaml")
    assert messages(content) == [f"{content}/site.yaml: not a regular file (a named pipe) "
                                 "(remove it, or save the text in a plain file)"]
    (content / "site.yaml").unlink()
    (content / "site.yaml").mkdir()
    assert messages(content)[0] == f"{content}/site.yaml: not a regular file (a folder) " \
                                   "(remove it, or save the text in a plain file)"


def test_a_folder_called_yaml_among_the_papers(tmp_path):
    content = write_content(tmp_path / "content", papers={"a": {"title": "A"}})
    (content / "papers" / "x.yaml").mkdir()
    assert messages(content) == [f"{content}/papers/x.yaml: not a regular file (a folder) "
                                 "(an entry is one file: remove the folder or rename it)"]


def test_ingest_reports_a_pipe_among_the_seeds_and_the_entries(tmp_path):
    seeds = write_seeds(tmp_path / "seeds", {"000_listing.txt": "Title: A Paper\nAuthors: Jane Doe\n"})
    os.mkfifo(seeds / "001_pipe.txt")
    content = write_content(tmp_path / "content")
    os.mkfifo(content / "papers" / "x.yaml")
    result = run("ingest", "--seeds", "seeds", "--content", "content", cwd=tmp_path)
    assert "Traceback" not in result.stderr and result.returncode == 1
    lines = result.stderr.splitlines()
    assert "seeds/001_pipe.txt: cannot read this dump: not a regular file (a named pipe) " \
           "(remove it, or save the text in a plain file)" in lines
    assert "content/papers/x.yaml: cannot read this entry, left untouched: not a regular file (a named pipe) " \
           "(remove it, or save the text in a plain file)" in lines
    assert stat_is_fifo(content / "papers" / "x.yaml")


def stat_is_fifo(path: Path) -> bool:
    import stat
    return stat.S_ISFIFO(os.lstat(path).st_mode)


def test_import_refuses_a_pipe_as_its_file(tmp_path):
    content = write_content(tmp_path / "content")
    os.mkfifo(tmp_path / "refs.bib")
    result = run("import", "refs.bib", "--content", "content", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "error: refs.bib: not a regular file (a named pipe): give the export file itself"]


def test_an_export_swapped_for_a_pipe_is_reported_without_waiting(tmp_path):
    from site_builder.ingest.exports import read_export
    os.mkfifo(tmp_path / "refs.bib")
    export = read_export(tmp_path / "refs.bib")
    assert [p.format() for p in export.problems] == [
        f"{tmp_path}/refs.bib:1: cannot read this file: not a regular file (a named pipe) "
        "(remove it, or save the text in a plain file)"]


def test_links_to_a_device_or_round_in_a_loop(tmp_path):
    """Found by the fuzzer: a link round in a loop made the folder listing raise."""
    content = write_content(tmp_path / "content", papers={"a": {"title": "A"}})
    os.symlink("loop.yaml", content / "papers" / "loop.yaml")
    os.symlink("/dev/zero", content / "authors" / "zero.yaml")
    assert messages(content) == [
        f"{content}/authors/zero.yaml:1: is a link to a file outside content/ (copy the entry into content/ instead "
        "of linking to it)",
        f"{content}/papers/loop.yaml: cannot read file: Too many levels of symbolic links"]


# ---------------------------------------------------------------- sizes

def test_an_entry_file_over_the_size_limit_is_not_read(tmp_path):
    content = write_content(tmp_path / "content")
    big = content / "papers" / "huge.yaml"
    big.write_bytes(b"title: Huge\nabstract: \"" + b"a" * (S.MAX_FILE_BYTES + 10) + b"\"\n")
    size = big.stat().st_size
    assert messages(content) == [
        f"{big}: file is {size:,} bytes, over the limit of 5,000,000 by {size - 5_000_000:,} "
        "(an entry holds one paper or person: was something else saved under this name?)"]


def test_a_pasted_paper_as_abstract_says_the_limit_and_how_far_over(tmp_path):
    content = write_content(tmp_path / "content", papers={"p": {"title": "P", "abstract": "word " * 30_000}})
    assert messages(content) == [
        f"{content}/papers/p.yaml:2: 'abstract' is 150,000 characters, over the limit of 100,000 by 50,000 "
        "(shorten it: no real entry needs more (was something else pasted here?))"]


def test_limits_on_names_lists_and_numbers(tmp_path):
    content = write_content(tmp_path / "content", papers={
        "many": {"title": "Many", "authors": [f"Person {i}" for i in range(10_001)]},
        "long-name": {"title": "Long", "authors": ["Jane Doe", "J" * 301]},
        "votes": {"title": "Votes", "upvotes": 10 ** 12},
    }, authors={"a": {"name": "A", "aliases": [f"A{i}" for i in range(201)]}})
    assert messages(content) == [
        f"{content}/authors/a.yaml:2: 'aliases' has 201 items, over the limit of 200 by 1 "
        "(no real entry needs more: was a list pasted here by mistake?)",
        f"{content}/papers/long-name.yaml:4: item 2 of 'authors' is 301 characters, over the limit of 300 by 1 "
        "(shorten it: no real entry needs more (was something else pasted here?))",
        f"{content}/papers/many.yaml:2: 'authors' has 10,001 items, over the limit of 10,000 by 1 "
        "(no real entry needs more: was a list pasted here by mistake?)",
        f"{content}/papers/votes.yaml:2: 'upvotes' must be at most 100,000,000, not 1,000,000,000,000",
    ]


def test_a_physics_author_list_is_within_the_limits(tmp_path):
    """ATLAS and CMS papers list over 5,000 names: a lab that co-signs one can list them all."""
    content = write_content(tmp_path / "content", papers={
        "higgs": {"title": "Combined Measurement of the Higgs Boson Mass",
                  "authors": [f"Physicist Number{i}" for i in range(5_200)], "abstract": "x " * 5_000}})
    assert [p for p in load_content(content)[1] if p.is_error] == []


# ---------------------------------------------------------------- site.yaml languages

def test_languages_problems_in_site_yaml(tmp_path):
    content = write_content(tmp_path / "content", site={"languages": ["en", "en"], "default_language": "fr"})
    assert messages(content) == [
        f"{content}/site.yaml:1: default_language 'fr' is not one of languages [en] "
        "(add fr to languages, or pick one of them)",
        f"{content}/site.yaml:4: warning: 'en' is listed twice in 'languages' (remove one of them)"]


# ---------------------------------------------------------------- control characters

def test_control_characters_in_an_abstract_are_dropped_and_never_reach_a_page(tmp_path):
    content = write_content(tmp_path / "content", papers={
        "p": {"title": "P", "abstract": "First line\fsecond\x07 part\n\nNext\tparagraph."}})
    assert [p for p in load_content(content)[1] if p.is_error] == []
    out = tmp_path / "out"
    build(content, out, jobs=1)
    page = (out / "en/papers/p/index.html").read_bytes()
    assert b"\x0c" not in page and b"\x07" not in page and b"second part" in page
    for feed in out.rglob("*.xml"):
        assert b"\x0c" not in feed.read_bytes() and b"\x07" not in feed.read_bytes()


def test_templates_never_print_a_control_character():
    env = make_environment()
    template = env.from_string("<p>{{ text }}</p><p title=\"{{ text }}\">{{ n }}</p>")
    assert template.render(text="a\x1b[2Jb\x07\tc", n=3) == "<p>a[2Jb\tc</p><p title=\"a[2Jb\tc\">3</p>"


def test_single_line_fields_refuse_a_line_break(tmp_path):
    content = write_content(tmp_path / "content", authors={"a": {"name": "Jane\nDoe", "role": "PhD\u2028student"}})
    assert messages(content) == [
        f"{content}/authors/a.yaml:1: 'name' holds the control character U+000A LINE FEED at character 5 "
        "(write it on one line)",
        f"{content}/authors/a.yaml:4: 'role' holds the control character U+2028 LINE SEPARATOR at character 4 "
        "(write it on one line)"]


# ---------------------------------------------------------------- hints that say what is wrong

def test_utf32_and_utf16_without_a_byte_order_mark(tmp_path):
    content = write_content(tmp_path / "content")
    (content / "papers" / "a.yaml").write_bytes("title: A\n".encode("utf-16-le"))
    (content / "papers" / "b.yaml").write_bytes("title: B\n".encode("utf-32"))
    assert messages(content) == [
        f"{content}/papers/{name}.yaml:1: file is saved as {encoding}, not UTF-8 "
        "(save it as UTF-8: in most editors, Save As, then Encoding: UTF-8)"
        for name, encoding in (("a", "UTF-16"), ("b", "UTF-32"))]


def test_a_local_yaml_tag_in_a_list(tmp_path):
    content = write_content(tmp_path / "content")
    (content / "papers" / "a.yaml").write_text("title: A\nauthors:\n  - Jane\n  - !custom Doe\n")
    assert messages(content) == [f"{content}/papers/a.yaml:2: 'authors' uses the YAML tag !custom, which is "
                                 "not allowed (write plain text; quote a value that starts with !)"]


@pytest.mark.parametrize("value, message", [
    ("10.1000/a b", "'doi' holds a space at character 10, which a link cannot hold (write it as %20)"),
    ("10.1000/<x>", "'doi' holds the character < at character 9, which a link cannot hold (write it as %3C)"),
])
def test_a_doi_with_a_character_a_link_cannot_hold(tmp_path, value, message):
    content = write_content(tmp_path / "content", papers={"p": {"title": "P", "doi": value}})
    assert messages(content) == [f"{content}/papers/p.yaml:2: {message}"]


def test_homepage_with_a_control_character(tmp_path):
    content = write_content(tmp_path / "content", authors={"a": {"name": "A", "homepage": "https://a.org/\x00"}})
    assert messages(content) == [f"{content}/authors/a.yaml:2: 'homepage' holds the control character "
                                 "U+0000 NULL at character 15 (delete it: it was probably pasted from a terminal or a PDF)"]


# ---------------------------------------------------------------- ingest and import write only what check accepts

def test_import_drops_control_characters_and_leaves_out_an_abstract_over_the_limit(tmp_path, capsys):
    from site_builder import cli
    content = write_content(tmp_path / "content")
    bib = tmp_path / "refs.bib"
    bib.write_text("@article{k,\n  title = {Deep \x1b[31mRed\x1b[0m Learning},\n  author = {Jane Doe},\n"
                   "  journal = {J\x07ournal},\n  year = {2024},\n  abstract = {" + "word " * 25_000 + "}\n}\n")
    code = cli.main(["import", str(bib), "--content", str(content), "--jobs", "1"])
    err = capsys.readouterr().err
    assert code == 0, err
    assert f"{bib}:1: warning: entry 'k': 'abstract' is 124,999 characters, over the limit of 100,000 by 24,999: left out " \
           "(shorten it: no real entry needs more (was something else pasted here?))" in err.splitlines()
    entry = (content / "papers" / "deep-31mred-0m-learning.yaml").read_text(encoding="utf-8")
    assert 'title: "Deep [31mRed[0m Learning"\n' in entry and "venue: Journal\n" in entry and "abstract" not in entry
    assert [p for p in load_content(content)[1] if p.is_error] == []


def test_ingest_drops_control_characters_from_a_dump(tmp_path):
    from site_builder.ingest import pipeline
    seeds = write_seeds(tmp_path / "seeds", {"000_listing.txt": "Bell\x07 Curves of Learning\nJane\x1b Doe\nWe study\x0c bells.\n"})
    content = write_content(tmp_path / "content")
    pipeline.run(seeds, content, None, jobs=1)
    assert [p for p in load_content(content)[1] if p.is_error] == []
    entry = (content / "papers" / "bell-curves-of-learning.yaml").read_text(encoding="utf-8")
    assert "title: Bell Curves of Learning\n" in entry


def test_new_refuses_a_title_it_could_not_write_and_a_folder_it_may_not_write(tmp_path, capsys, monkeypatch):
    from site_builder import cli, scaffold
    content = write_content(tmp_path / "content")
    assert cli.main(["new", "paper", "Deep \x1b[31mRed", "--content", str(content)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "error: the title cannot be used: 'title' holds the control character U+001B ESCAPE at character 6 "
        "(delete it: it was probably pasted from a terminal or a PDF)"]

    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(content / "papers" / "a-title.yaml"))
    monkeypatch.setattr(scaffold, "open", refused, raising=False)
    assert cli.main(["new", "paper", "A Title", "--content", str(content)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{content}/papers/a-title.yaml: could not be written: permission denied (make the folder writable for you, "
        "or choose another place; nothing was created)"]
    assert not (content / "papers" / "a-title.yaml").exists()
