"""`check` as an editor runs it, and what the loader hands to build."""
from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent / "broken"))
import corpus  # noqa: E402

from site_builder import model
from site_builder import schema as S
from site_builder.build.loader import load_content

ENV, run = corpus.ENV, corpus.run


@pytest.fixture
def site(tmp_path) -> Path:
    corpus.materialise(None, tmp_path)
    return tmp_path


def write(site: Path, rel: str, text: str) -> None:
    path = site / "content" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_every_problem_in_every_file_is_reported_at_once(site):
    write(site, "papers/one.yaml", "tittle: One\nstatus: publish\ndate: 2024-13\n")
    write(site, "papers/two.yaml", "title: Two\nauthors: [Remi Munoz]\nupvotes: lots\n")
    write(site, "authors/three.yaml", "name: Three\nportrait: authors/three.jpg\n")
    result = run("check", "--content", "content", cwd=site)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "content/authors/three.yaml:2: portrait file not found: authors/three.jpg "
        "(put the image in content/ and write its path relative to content/)",
        "content/papers/one.yaml:1: unknown field 'tittle' (did you mean 'title'?)",
        "content/papers/one.yaml:2: invalid status 'publish' (must be one of: published, draft; did you mean 'published'?)",
        "content/papers/one.yaml:3: invalid date '2024-13': there is no month 13 "
        "(use YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2024-05-17)",
        "content/papers/two.yaml:2: warning: author 'Remi Munoz' matches no author entry "
        "(did you mean 'Rémi Munos'? if so, add this spelling to its aliases)",
        "content/papers/two.yaml:3: 'upvotes' must be a whole number, not text (write a whole number, e.g. upvotes: 1)",
    ]
    assert result.stderr.strip() == ("5 errors, 1 warning (2 valid papers, 2 valid authors); "
                                     "build refuses to run until the errors are fixed")


def test_quiet_prints_only_problems_and_verbose_prints_more(site):
    write(site, "papers/one.yaml", "title: One\nauthors: [Nobody Known]\n")
    quiet = run("check", "-q", "--content", "content", cwd=site)
    assert quiet.returncode == 0
    assert quiet.stdout.splitlines() == ["content/papers/one.yaml:2: warning: author 'Nobody Known' matches no "
                                         "author entry (add an author entry, or add this spelling to an author's aliases)"]
    assert quiet.stderr == ""
    loud = run("check", "--verbose", "--content", "content", cwd=site)
    assert loud.stdout == quiet.stdout
    assert "checking content" in loud.stderr and "done in" in loud.stderr


def test_clean_site_says_so(site):
    result = run("check", "--content", "content", cwd=site)
    assert (result.returncode, result.stdout, result.stderr.strip()) == (
        0, "", "no problems (2 valid papers, 2 valid authors)")


def test_strict_turns_warnings_into_failure(site):
    write(site, "papers/draft.yaml", "status: draft\n")
    assert run("check", "--content", "content", cwd=site).returncode == 0
    strict = run("check", "--strict", "--content", "content", cwd=site)
    assert strict.returncode == 1
    assert "(--strict: warnings count as errors)" in strict.stderr


def test_paths_are_shown_as_the_user_gave_them(site):
    (site / "sub").mkdir()
    (site / "content").rename(site / "sub" / "my content")
    write(site / "sub" / "..", "../sub/my content/papers/bad.yaml", "title: [unclosed\n")
    result = run("check", "--content", "./sub/my content/", cwd=site)
    assert result.stdout.startswith("sub/my content/papers/bad.yaml:1: YAML syntax error at column 8: ")


def test_missing_content_folder_is_an_error_not_a_traceback(tmp_path):
    result = run("check", "--content", "nowhere", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == ["nowhere: content folder not found (pass the content folder with --content)"]
    assert "Traceback" not in result.stderr


def test_loader_keeps_valid_entries_and_drops_invalid_ones(site):
    write(site, "papers/bad.yaml", "title: Bad\ndate: yesterday\n")
    content, problems = load_content(site / "content")
    assert [p.id for p in content.papers] == ["mixtures-of-experts-unlock-parameter-scaling",
                                              "nash-learning-from-human-feedback"]
    assert [(Path(p.path).name, p.line) for p in problems] == [("bad.yaml", 2)]
    nash = content.papers[1]
    # an unquoted YAML date and a bare year both become the text the model expects
    assert (nash.date, content.papers[0].date) == ("2023-12-01", "2024")
    assert nash.authors == ("Rémi Munos", "Jane Doe")
    assert nash.abstract.startswith("Reinforcement learning from human feedback (RLHF) has emerged as the main "
                                    "paradigm")
    assert nash.sources == ("001_listing.txt:12",)
    munos = next(a for a in content.authors if a.id == "remi-munos")
    assert (munos.aliases, munos.portrait) == (("Remi Munos", "R. Munos"), "authors/remi-munos.png")
    assert content.site == model.Site(title="Test Lab Publications", base_url="/", languages=("en", "fr"),
                                      default_language="en")


def test_site_defaults_follow_the_languages(site):
    write(site, "site.yaml", "title: Labo\nlanguages: [fr]\nbase_url: /labo/\nteaser_length: 120\n")
    content, problems = load_content(site / "content")
    assert problems == []
    assert (content.site.languages, content.site.default_language, content.site.base_url,
            content.site.teaser_length) == (("fr",), "fr", "/labo/", 120)


def test_a_draft_without_title_is_loaded_for_review(site):
    write(site, "papers/untitled.yaml", "status: draft\nabstract: Found in a dump.\n")
    content, problems = load_content(site / "content")
    draft = next(p for p in content.papers if p.id == "untitled")
    assert (draft.title, draft.published) == ("", False)
    assert [p.format() for p in problems] == [
        f"{site / 'content/papers/untitled.yaml'}:1: warning: draft has no title yet (add a title before publishing it)"]


def test_aliases_match_names_whatever_the_accents_and_case(site):
    for n, spelling in enumerate(["REMI MUNOS", "r. munos", "Rémi  Munos"]):
        write(site, f"papers/variant-{n}.yaml", f"title: Variant {n}\nauthors: [{spelling}, jane doe]\n")
    _, problems = load_content(site / "content")
    assert problems == []


@pytest.mark.parametrize("kind", ["paper", "author", "site"])
def test_schema_and_model_name_the_same_fields(kind):
    cls = {"paper": model.Paper, "author": model.Author, "site": model.Site}[kind]
    model_fields = {f.name for f in dataclasses.fields(cls)} - {"id", "path"}
    assert set(S.SCHEMAS[kind].names) == model_fields
    if kind != "site":       # in the same order: the loader passes an entry's values as they come
        assert [f.name for f in dataclasses.fields(cls)] == ["id", *S.SCHEMAS[kind].names, "path"]
    # ... with the same defaults (the site's default language, "" in the schema, is the first language)
    defaults = {f.name: f.default for f in dataclasses.fields(cls) if f.name in model_fields}
    declared = {f.name: f.default for f in S.SCHEMAS[kind].fields if not f.required}
    if kind == "site":
        assert declared.pop("default_language") == "" and defaults.pop("default_language") == model.Site().languages[0]
    assert {name: defaults[name] for name in declared} == declared


@pytest.mark.parametrize("kind", ["paper", "author"])
def test_ingest_writes_the_fields_of_the_schema(kind):
    from site_builder.ingest import entries
    order = {"paper": entries.PAPER_FIELDS, "author": entries.AUTHOR_FIELDS}[kind]
    assert order and set(order) <= set(S.SCHEMAS[kind].names) and len(set(order)) == len(order)


def test_duplicate_papers_are_found_among_many_without_false_alarms(site):
    """Blocking must still meet a twin whose typo is at the start or at the end of the title."""
    for i in range(300):
        write(site, f"papers/p{i}.yaml", f"title: Study number {i} of equilibrium propagation in deep networks\n")
    write(site, "papers/twin-end.yaml", "title: Study number 17 of equilibrium propagation in deep netwroks\n")
    write(site, "papers/twin-start.yaml", "title: Stduy number 42 of equilibrium propagation in deep networks\n")
    _, problems = load_content(site / "content")
    duplicates = sorted((Path(p.path).stem, p.message.split("/")[-1]) for p in problems if "duplicate" in p.message)
    assert duplicates == [("twin-end", "p17.yaml: titles 98% alike"), ("twin-start", "p42.yaml: titles 98% alike")]


def test_a_yaml_alias_bomb_is_refused_quickly(site):
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    write(site, "papers/bomb.yaml", "title: Bomb\n" + "\n".join(lines) + "\n")
    content, problems = load_content(site / "content")
    assert [p.format() for p in problems if "bomb" in p.path] == [
        f"{site / 'content/papers/bomb.yaml'}:2: YAML too deeply nested or too many aliases "
        "(entries need no & anchors or * aliases: write the values out)"]
    assert "bomb" not in [p.id for p in content.papers]


YAMLISH = st.lists(st.sampled_from(["title: ", "authors:", "  - ", "- ", "date: ", "status: ", "\t", ": ", "\"", "'",
                                    "[", "]", "{", "}", "&a ", "*a", "!tag ", "---\n", "#", "\n", "2024-02-30",
                                    "x", "é", "\x00", "? ", "|", ">-", "~", "1", "yes"]), max_size=30)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(YAMLISH.map("".join).map(lambda t: t.encode("utf-8")), st.binary(max_size=60)))
def test_no_file_makes_the_loader_crash(tmp_path_factory, data):
    root = tmp_path_factory.mktemp("fuzz")
    (root / "papers").mkdir()
    (root / "site.yaml").write_text("title: Fuzz\n", encoding="utf-8")
    (root / "papers" / "fuzz.yaml").write_bytes(data)
    content, problems = load_content(root)
    for problem in problems:
        assert problem.path.endswith("fuzz.yaml") and problem.line >= 1 and problem.message
    if any(p.is_error for p in problems):
        assert content.papers == ()
    else:
        assert [p.id for p in content.papers] == ["fuzz"]


def test_build_and_check_point_at_the_name_two_people_share(site):
    """The warning names the paper's line where the shared name is written, in both commands."""
    write(site, "authors/remi-munos-2.yaml", "name: Remi Munos\nrole: Alumni\n")
    write(site, "papers/later.yaml", "title: Later\ndate: 2025\nauthors:\n  - Jane Doe\n  - R\u00e9mi Munos\n")
    expected = ("content/papers/later.yaml:5: warning: author name 'R\u00e9mi Munos' matches several people "
                "(remi-munos, remi-munos-2); left unlinked (make the aliases of these authors distinct)")
    checked = run("check", "--content", "content", cwd=site)
    built = run("build", "--content", "content", "--out", "output", cwd=site)
    assert checked.returncode == built.returncode == 0
    assert expected in checked.stdout.splitlines()
    assert expected in (built.stdout + built.stderr).splitlines()
    page = (site / "output/en/papers/later/index.html").read_text(encoding="utf-8")
    assert "R\u00e9mi Munos" in page and "authors/jane-doe/" in page and "authors/remi-munos" not in page


def test_control_characters_from_the_content_never_reach_the_terminal_raw(tmp_path):
    """A name holding ESC ] 0 ; … BEL ESC [2J would retitle the editor's terminal and clear it."""
    import subprocess
    import sys

    from conftest import write_content

    content = write_content(tmp_path / "content", papers={
        "p": {"title": "A Paper", "authors": ["Eve\x1b]0;owned\x07\x1b[2J"], "ti\x1b[2Jtle": "x"}})
    result = subprocess.run([sys.executable, "-m", "site_builder", "check", "--content", str(content)],
                            capture_output=True, text=True, timeout=60)
    assert "\x1b" not in result.stdout + result.stderr and "\x07" not in result.stdout + result.stderr
    # refused in the name, by the character's name; a field name is only echoed, as escapes
    assert f"{content}/papers/p.yaml:3: item 1 of 'authors' holds the control character U+001B ESCAPE at " \
        "character 4 (delete it: it was probably pasted from a terminal or a PDF)" in result.stdout.splitlines()
    assert "unknown field 'ti\\x1b[2Jtle'" in result.stdout


def test_text_per_language_is_one_text_or_one_per_language(site):
    write(site, "site.yaml", "title: Labo\nintro:\n  en: We study *learning*.\n  fr: Nous étudions l'apprentissage.\n")
    content, problems = load_content(site / "content")
    assert problems == []
    intro = content.site.intro
    assert S.localized(intro, "fr") == "Nous étudions l'apprentissage."
    assert S.localized(intro, "en") == "We study *learning*."
    write(site, "site.yaml", "title: Labo\nintro: One text for everyone.\n")
    content, _ = load_content(site / "content")
    assert [S.localized(content.site.intro, lang) for lang in ("en", "fr")] == ["One text for everyone."] * 2
    write(site, "site.yaml", "title: Labo\nintro:\n  en: Only English so far.\n  fr: ''\n")
    content, _ = load_content(site / "content")
    assert S.localized(content.site.intro, "fr", fallback="en") == "Only English so far."


def test_text_per_language_mistakes_name_the_line(site):
    write(site, "site.yaml", "title: Labo\nintro:\n  en: Fine.\n  de: Nicht hier.\n  fr: [a list]\n")
    result = run("check", "--content", "content", cwd=site)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "content/site.yaml:4: 'intro' has text for an unknown language 'de' (the languages are en, fr)",
        "content/site.yaml:5: 'intro' in 'fr' must be text, not a list",
    ]
    write(site, "site.yaml", "title: Labo\nintro: 12\n")
    result = run("check", "--content", "content", cwd=site)
    assert result.stdout.splitlines() == [
        "content/site.yaml:2: 'intro' must be text, or one text per language, not a number "
        "(write intro: \"…\" for every language, or indent one line per language under intro: 'en: …', 'fr: …')"]
