"""The JSON Schemas editors' IDEs use: generated from schema.py, valid, matching the
committed content, and agreeing with `check` on what is an error."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent / "broken"))
import corpus  # noqa: E402

from site_builder import schema as S  # noqa: E402
from site_builder.yamlfile import read_fields  # noqa: E402

REPO = corpus.REPO
CONTENT = REPO / "content"


@pytest.mark.parametrize("kind", sorted(S.SCHEMAS))
def test_committed_schema_is_the_generated_one(kind):
    committed = (REPO / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert committed == S.json_schema_text(S.SCHEMAS[kind]), (
        "schemas/ is stale: run `python -m site_builder.schema schemas/`")


@pytest.mark.parametrize("kind", sorted(S.SCHEMAS))
def test_schema_is_valid_draft7_with_help_for_every_field(kind):
    schema = json.loads((REPO / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    assert schema["additionalProperties"] is False
    for name, prop in schema["properties"].items():
        assert prop["description"], name


def test_regenerating_writes_the_four_files(tmp_path):
    written = S.write_json_schemas(tmp_path)
    assert sorted(p.name for p in written) == ["author.schema.json", "news.schema.json", "paper.schema.json",
                                                "site.schema.json"]
    for path in written:
        assert path.read_text(encoding="utf-8") == (REPO / "schemas" / path.name).read_text(encoding="utf-8")


def _committed_entries():
    return corpus.entries(CONTENT) if CONTENT.is_dir() else []


def test_committed_content_has_entries_to_check():
    assert "site.yaml" in _committed_entries()


@pytest.mark.parametrize("rel", _committed_entries())
def test_committed_content_matches_its_schema_and_declares_it(rel):
    path = CONTENT / rel
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    depth = "../" if rel.count("/") == 0 else "../../"
    assert first_line == f"# yaml-language-server: $schema={depth}schemas/{corpus.schema_kind(rel)}.schema.json"
    assert corpus.schema_errors(CONTENT, rel) == []


@pytest.mark.parametrize("rel", corpus.entries(corpus.BASE / "content"))
def test_base_corpus_matches_its_schema(rel):
    assert corpus.schema_errors(corpus.BASE / "content", rel) == []


REJECTED = [n for n in corpus.case_names() if corpus.case(n).get("schema") not in (None, "accepts")]
ACCEPTED = [n for n in corpus.case_names() if corpus.case(n).get("schema") == "accepts"]


def test_most_of_the_corpus_is_expressible_in_json_schema():
    assert len(REJECTED) >= 15


@pytest.mark.parametrize("name", REJECTED)
def test_schema_rejects_what_check_rejects(name, tmp_path):
    case = corpus.case(name)
    content = corpus.materialise(name, tmp_path)
    assert case["exit"] == 1
    assert corpus.schema_errors(content, case["schema"]), f"{case['schema']} passes the JSON Schema"
    for rel in corpus.entries(content):
        if rel != case["schema"]:
            assert corpus.schema_errors(content, rel) == [], rel


@pytest.mark.parametrize("name", ACCEPTED)
def test_schema_accepts_what_check_only_warns_about(name, tmp_path):
    content = corpus.materialise(name, tmp_path)
    assert corpus.case(name)["exit"] == 0
    for rel in corpus.entries(content):
        assert corpus.schema_errors(content, rel) == [], rel


# ---------------------------------------------------------------------------
# Property: for any entry, `check` finds an error exactly when the schema does.
# (Except what JSON Schema cannot say: real calendar dates, files, other entries.)
# ---------------------------------------------------------------------------

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)
SCALARS = st.one_of(
    st.none(), st.just(""), st.just("  "), TEXT, st.booleans(),
    st.integers(min_value=-5, max_value=20_000),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
)
LISTS = st.lists(st.one_of(TEXT, st.none(), st.integers(0, 3), st.just("x"), st.lists(TEXT, max_size=1)), max_size=3)
SAMPLES = st.sampled_from([
    "published", "draft", "Published", " draft", "2024", "2024-05", "2024-05-17", "2024-13", "2024-5-7",
    "17/05/2024", 2024, 24, "10.1000/xyz", "https://doi.org/10.1/x", "https://lab.example/p", "ftp://x",
    "authors/jane.jpg", "/etc/passwd", "../x.png", "a/../../b", "0000-0002-1825-0097", "0000-0002",
    "000_dump.txt:12", "dump.txt:0", "dump.txt", "/", "/lab/", "lab", "en", "fr", "de",
])
VALUES = st.one_of(SCALARS, LISTS, SAMPLES, st.lists(SAMPLES, max_size=3), st.dictionaries(TEXT, TEXT, max_size=1))


def _real_dates_only(value) -> bool:
    """JSON Schema checks a date's shape, not the calendar (2023-02-30): leave those out."""
    return not (isinstance(value, str) and S.check_date(value).startswith(("February", "April", "June",
                                                                              "September", "November")))


GOOD = {
    "doi": ["10.1000/xyz123"], "url": ["https://lab.example/paper.pdf"], "homepage": ["http://a.example"],
    "orcid": ["0000-0002-1825-0097"], "portrait": ["authors/jane.jpg", "people/x.png"],
    "sources": ["000_dump.txt:12"], "date": ["2024", "2024-05", "2024-05-17", 2024],
    "papers": ["soft-moe", "Soft MoE"], "people": ["jane-doe", "x"], "scholar": ["qc6CJjYAAAAJ", "qc6CJ"],
    "github": ["octocat", "-x", "https://github.com/x"], "member": [True, False, "yes", None],
    "title": ["A Title", {"en": "A Title"}, {"fr": "Un titre", "en": None}, {"en": ""}, {}, {"de": "x"}],
    "body": ["Text", {"en": "Text", "fr": "Texte"}, {"en": None}],
    "bio": ["Text", {"en": "Text", "fr": "Texte"}, {"en": None}, {"en": 5}],
    "roles": [[{"id": "faculty", "en": "Faculty", "fr": "Professeurs"}, "alumni"], [{"id": "Faculty"}],
              [{"en": "x"}], [{"id": "a", "de": "x"}], [{"id": "a", "en": ""}], [{"id": "a", "fr": None}],
              ["a", "a"], [None], "alumni", []],
}
NEWS_DATES = ["2024-05-17", "2024-05", "2024", 2024, "2024-13-01", "2024-5-17"]


LINK_TARGETS = st.sampled_from([
    "https://github.com/lab/x", "HTTPS://x.org/a?b#c", "files/paper.pdf", "files/talks/a b.pdf", "files/",
    "files/a/", "files/./a.pdf", "files/../x", "../files/x", "paper.pdf", "/etc/passwd", "javascript:alert(1)",
    "data:text/html,x", "//evil.example", "https://", "http://a b", " https://x.org", "files\\x.pdf", "C:/x",
    "mailto:a@b.org", "", "  ", None, 3, ["https://x.org"]])
LINK_LABELS = st.one_of(st.sampled_from(["Blog", "", " ", None, 4, {"en": "Demo"}, {"en": "Demo", "fr": "Démo"},
                                         {"de": "X"}, {"en": None}, {"en": " "}, {"en": 3}, {}, ["x"]]), TEXT)
EXTRA_ITEMS = st.one_of(st.fixed_dictionaries({}, optional={"label": LINK_LABELS, "url": LINK_TARGETS}),
                        st.fixed_dictionaries({"label": LINK_LABELS, "url": LINK_TARGETS, "link": LINK_TARGETS}),
                        TEXT, st.none())
LINKS_VALUES = st.one_of(
    st.dictionaries(st.sampled_from(S.LINK_KINDS + ("githbu",)), LINK_TARGETS, max_size=3),
    st.fixed_dictionaries({"extra": st.one_of(st.lists(EXTRA_ITEMS, max_size=3), LINK_TARGETS)},
                          optional={"pdf": LINK_TARGETS}))


def plausible(f: S.Field):
    """Mostly good values for one field, with every kind of bad one mixed in."""
    if f.kind == S.LINKS:
        return st.one_of(*[LINKS_VALUES] * 7, VALUES)
    if f.kind == S.DATE and f.pattern:
        good = st.sampled_from(NEWS_DATES)
    elif f.name in GOOD and f.kind != S.LIST:
        good = st.sampled_from(GOOD[f.name])
    elif f.kind == S.INTEGER:
        good = st.integers(min_value=(f.minimum or 0) - 1, max_value=50)
    elif f.kind == S.LIST:
        item = st.sampled_from(GOOD.get(f.name, ["Jane Doe", "R. Munos"]) + list(f.choices))
        good = st.lists(item, max_size=3)
    elif f.choices:
        good = st.sampled_from(f.choices)
    else:
        good = TEXT
    return st.one_of(*[good] * 7, VALUES)


@pytest.mark.parametrize("kind", ["paper", "author", "news", "site"])
def test_check_and_schema_agree_on_any_entry(kind):
    file_schema = S.SCHEMAS[kind]
    validator = corpus.validator(kind)
    fields = {f.name: plausible(f) for f in file_schema.fields}
    required = {f.name: fields.pop(f.name) for f in file_schema.fields if f.required}
    entries = st.one_of(
        st.fixed_dictionaries(required, optional=fields),
        st.fixed_dictionaries({}, optional={**required, **fields}),
        st.dictionaries(st.sampled_from(list(file_schema.names) + ["tittle", "id", "draft", "nmae"]), VALUES,
                        max_size=4),
    )
    outcomes = set()

    @settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(entries)
    def agree(entry):
        if not all(_real_dates_only(v) for v in entry.values()):
            return
        text = yaml.safe_dump(entry, allow_unicode=True, sort_keys=False)
        givens, first_line, duplicates = read_fields(text.encode("utf-8")) if entry else ([], 1, [])
        _, problems, ok = S.validate(file_schema, givens, "x.yaml", first_line)
        if any("is not one of languages" in p.message for p in problems):
            return          # "default_language among languages" is beyond JSON Schema (see SITE's rule)
        data = corpus.load_for_schema_text(text) if entry else {}
        schema_ok = validator.is_valid(data)
        assert ok == schema_ok, (text, [p.format() for p in problems],
                                 [e.message for e in validator.iter_errors(data)])
        outcomes.add(ok)

    agree()
    assert outcomes == {True, False}, "the generator never produced both valid and invalid entries"
