"""`python -m site_builder new paper|author|news`: a correct, commented entry, never an overwrite."""
from __future__ import annotations

import datetime
import re
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent / "broken"))
import corpus  # noqa: E402

from site_builder import schema as S  # noqa: E402
from site_builder.build.loader import load_content  # noqa: E402
from site_builder.scaffold import LAYOUT, create_entry  # noqa: E402

ENV, run = corpus.ENV, corpus.run


@pytest.fixture
def site(tmp_path) -> Path:
    corpus.materialise(None, tmp_path)
    return tmp_path


def test_new_paper_is_created_and_passes_check(site):
    result = run("new", "paper", "Soft MoE: Scaling \"Experts\" #1", cwd=site)
    assert result.returncode == 0, result.stderr
    assert "created content/papers/soft-moe-scaling-experts-1.yaml" in result.stderr
    text = (site / "content/papers/soft-moe-scaling-experts-1.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/paper.schema.json\n")
    checked = run("check", "--content", "content", cwd=site)
    assert (checked.returncode, checked.stdout) == (0, "")
    content, _ = load_content(site / "content")
    paper = next(p for p in content.papers if p.id == "soft-moe-scaling-experts-1")
    assert (paper.title, paper.authors, paper.status) == ("Soft MoE: Scaling \"Experts\" #1", (), "published")


def test_new_author_is_created_and_passes_check(site):
    result = run("new", "author", "Zoé Côté", cwd=site)
    assert result.returncode == 0, result.stderr
    text = (site / "content/authors/zoe-cote.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/author.schema.json\n")
    assert "# portrait: authors/zoe-cote.jpg" in text
    assert run("check", "--content", "content", cwd=site).returncode == 0
    content, _ = load_content(site / "content")
    assert [a.name for a in content.authors if a.id == "zoe-cote"] == ["Zoé Côté"]


def test_new_news_item_is_created_dated_today_and_passes_check(site):
    result = run("new", "news", "Welcome: the new site", cwd=site)
    assert result.returncode == 0, result.stderr
    assert "created content/news/welcome-the-new-site.yaml" in result.stderr
    text = (site / "content/news/welcome-the-new-site.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/news.schema.json\n")
    checked = run("check", "--content", "content", cwd=site)
    assert (checked.returncode, checked.stdout) == (0, "")
    assert "1 valid news item" in checked.stderr
    content, _ = load_content(site / "content")
    [item] = content.news
    assert (item.id, dict(item.title), item.body, item.papers, item.status) == (
        "welcome-the-new-site", {"": "Welcome: the new site"}, (), (), "published")
    assert re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", item.date)


def test_new_news_item_never_takes_the_news_pages_own_name(site):
    assert create_entry(site / "content", "news", "Page", today=datetime.date(2025, 1, 2)).name == "page-1.yaml"
    content, problems = load_content(site / "content")
    assert [(n.id, n.date) for n in content.news] == [("page-1", "2025-01-02")] and problems == []


@pytest.mark.parametrize("kind", ["paper", "author", "news"])
def test_comments_are_the_schema_help(site, kind):
    create_entry(site / "content", kind, "Some Name")
    text = (site / "content" / {"paper": "papers", "author": "authors", "news": "news"}[kind] / "some-name.yaml"
            ).read_text("utf-8")
    for name, _active in LAYOUT[kind]:
        assert f"# {S.SCHEMAS[kind].field(name).help}\n" in text


def test_commented_examples_are_valid_once_uncommented(site):
    """An editor who uncomments every optional field (and its example) gets an entry check accepts."""
    create_entry(site / "content", "paper", "Uncommented")
    file = site / "content/papers/uncommented.yaml"
    optional = tuple(f"# {name}: " for name, active in LAYOUT["paper"] if not active)
    opened, in_field = [], False
    for line in file.read_text(encoding="utf-8").splitlines():
        in_field = line.startswith(optional) or (in_field and line.startswith("#   "))
        opened.append(line[2:] if in_field else line)
    file.write_text("\n".join(opened) + "\n", encoding="utf-8")
    result = run("check", "--content", "content", cwd=site)
    assert (result.returncode, result.stdout) == (0, ""), "\n".join(opened)
    content, _ = load_content(site / "content")
    paper = next(p for p in content.papers if p.id == "uncommented")
    assert (paper.date, paper.doi, paper.venue) == ("2024-05-17", "10.1000/xyz123", "NeurIPS 2024")
    assert paper.abstract.startswith("The abstract, in as many indented lines")


def test_refuses_to_overwrite_an_existing_entry(site):
    target = site / "content/papers/nash-learning-from-human-feedback.yaml"
    before = target.read_bytes()
    result = run("new", "paper", "Nash Learning from Human Feedback", cwd=site)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "content/papers/nash-learning-from-human-feedback.yaml: a paper with id "
        "'nash-learning-from-human-feedback' already exists (edit that file, or choose a different title)")
    assert target.read_bytes() == before


def test_refuses_when_the_id_exists_as_yml(site):
    (site / "content/authors/jane-roe.yml").write_text("name: Jane Roe\n", encoding="utf-8")
    result = run("new", "author", "Jane Roe", cwd=site)
    assert result.returncode == 1
    assert "content/authors/jane-roe.yml: an author with id 'jane-roe' already exists" in result.stderr
    assert not (site / "content/authors/jane-roe.yaml").exists()


@pytest.mark.parametrize("title", ["", "   ", "!!!"])
def test_a_title_without_letters_is_a_usage_error(site, title):
    result = run("new", "paper", title, cwd=site)
    assert result.returncode == 2
    assert result.stderr.startswith("error: ")
    assert sorted(p.name for p in (site / "content/papers").iterdir()) == sorted(
        p.name for p in (corpus.BASE / "content/papers").iterdir())


def test_missing_content_folder(tmp_path):
    result = run("new", "paper", "A Title", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == "content: content folder not found (run this from the project root, or pass --content)"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40))
def test_any_title_round_trips(tmp_path_factory, title):
    if not any(c.isalnum() and c.isascii() for c in title):
        return
    root = tmp_path_factory.mktemp("site")
    corpus.materialise(None, root)
    create_entry(root / "content", "paper", title)
    content, problems = load_content(root / "content")
    assert [p for p in problems if p.is_error] == []
    assert " ".join(title.split()) in [p.title for p in content.papers]


@pytest.mark.parametrize("title, expected_id", [
    ("日本語の論文", "ribenyunolunwen"),            # transliterated, not refused
    ("Søren Łukasz on Straße design", "soren-lukasz-on-strasse-design"),
])
def test_a_title_in_another_script_still_gets_a_readable_id(site, title, expected_id):
    result = run("new", "paper", title, cwd=site)
    assert result.returncode == 0, result.stderr
    assert (site / "content" / "papers" / f"{expected_id}.yaml").is_file()


def test_author_with_every_optional_field_uncommented_is_valid(site):
    """The same for a person: role, membership, bio and links as the comments show them."""
    create_entry(site / "content", "author", "Zoé Côté")
    file = site / "content/authors/zoe-cote.yaml"
    optional = tuple(f"# {name}: " for name, active in LAYOUT["author"] if not active and name != "portrait")
    opened = [line[2:] if line.startswith(optional) else line
              for line in file.read_text(encoding="utf-8").splitlines()]
    file.write_text("\n".join(opened) + "\n", encoding="utf-8")
    result = run("check", "--content", "content", cwd=site)
    assert (result.returncode, result.stdout) == (0, ""), "\n".join(opened)
    content, _ = load_content(site / "content")
    author = next(a for a in content.authors if a.id == "zoe-cote")
    assert (author.member, author.role, author.scholar, author.github, dict(author.bio)) == (
        True, "PhD student", "qc6CJjYAAAAJ", "octocat", {"": "One or two sentences; Markdown works."})
