"""The search index that build writes: what is in it, what is not, and its stability."""
from __future__ import annotations

import dataclasses
import hashlib
import json

import unicodedata

import pytest
from hypothesis import given, strategies as st

from conftest import engine
from site_builder.build import render, search
from site_builder.errors import BuildError
from site_builder.model import Author, Content, Paper, Site

NLHF = Paper(
    id="nash-learning-from-human-feedback",
    title="Nash Learning from Human Feedback",
    authors=("R'emi Munos", "Michal Valko", "Yunhao Tang", "Daniele Calandriello"),
    abstract="We term this approach Nash learning from human feedback (NLHF). L'apprentissage est robuste.",
    date="2024-06-01",
)
SOFT_MOE = Paper(id="soft-moe", title="From Sparse to Soft Mixtures of Experts",
                 authors=("Joan Puigcerver",), abstract="Sparse mixture of expert architectures.", date="2023-08")
UNDATED = Paper(id="undated-note", title="Notes on Bandits", authors=("Remi Munos",))
DRAFT = Paper(id="secret-draft", title="Unpublished Zanzibar Results", authors=("Joan Puigcerver",),
              abstract="Confidential quokka findings.", date="2025-01-01", status="draft")
MUNOS = Author(id="remi-munos", name="Rémi Munos", aliases=("Remi Munos", "R'emi Munos", "R. Munos"))


STRINGS = render.load_strings(["en", "fr"])


def content(*papers: Paper, authors=(MUNOS,)) -> Content:
    return Content(site=Site(), papers=tuple(papers), authors=tuple(authors))


def decode(files: dict[str, bytes]):
    """Documents and {token: {paper id: field mask}}, read the way search.js reads them."""
    table = json.loads(files["search/index.json"])
    table["docs"] = [doc for name in table["chunks"] for doc in json.loads(files[f"search/{name}"])]
    postings = {}
    for key, name in table["shards"].items():
        for token, encoded in json.loads(files[f"search/{name}"]).items():
            doc, found = 0, {}
            for value in encoded:
                doc += value >> 3
                found[table["docs"][doc][0]] = value & 7
            postings[token] = found
    return table, postings


@pytest.mark.parametrize("printed, folded", [
    ("R'emi", "remi"), ("Rémi", "remi"), ("REMI", "remi"), ("R’emi", "remi"),
    ("Łukasz Kaiser", "lukasz kaiser"), ("Søren Straße", "soren strasse"), ("Zoë Œuvre", "zoe oeuvre"),
])
def test_fold_makes_spellings_of_a_name_equal(printed, folded):
    assert search.fold(printed) == folded


@given(st.text())
def test_fold_is_nfd_without_nonspacing_marks_lowercased(text):
    """The fast path must agree with the definition search.js implements."""
    slow = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    slow = search._APOSTROPHES.sub("", slow.translate(search._SPECIAL)).lower()
    assert search.fold(text) == slow


def test_french_elisions_are_findable_both_ways():
    assert {"lapprentissage", "apprentissage", "l"} <= search.tokens("L'apprentissage")


def test_titles_authors_aliases_and_abstracts_are_indexed_with_their_field():
    table, postings = decode(search.search_files(content(NLHF), "en", STRINGS["en"]))
    assert postings["nash"][NLHF.id] == search.TITLE | search.ABSTRACT
    assert postings["munos"][NLHF.id] == search.AUTHOR
    # The paper prints "R'emi"; the author entry's name and aliases are searchable too.
    assert postings["remi"][NLHF.id] == search.AUTHOR
    assert postings["r"][NLHF.id] == search.AUTHOR          # from the alias "R. Munos"
    assert postings["nlhf"][NLHF.id] == search.ABSTRACT
    assert "the" not in postings and "from" in postings     # stopwords dropped from abstracts only
    assert table["lang"] == "en"


def test_results_show_the_authors_canonical_name_and_count_the_rest():
    table, _ = decode(search.search_files(content(NLHF), "en", STRINGS["en"]))
    doc_id, title, shown, more, year = table["docs"][0]
    assert (doc_id, title, year) == (NLHF.id, NLHF.title, "2024")
    assert shown == ["Rémi Munos", "Michal Valko", "Yunhao Tang"] and more == 1


def test_a_spelling_two_people_share_links_to_neither():
    munos = Author(id="remi-munos", name="Rémi Munos", aliases=("R'emi Munos", "Rémi Quixote"))
    twin = Author(id="remi-munos-2", name="Rémi Munos")
    table, postings = decode(search.search_files(content(NLHF, authors=(munos, twin)), "en", STRINGS["en"]))
    assert table["docs"][0][2][0] == "R'emi Munos"          # printed as is, not attributed
    assert "quixote" not in postings
    table, postings = decode(search.search_files(content(NLHF, authors=(munos,)), "en", STRINGS["en"]))
    assert table["docs"][0][2][0] == "Rémi Munos" and "quixote" in postings


def test_drafts_are_never_indexed():
    files = search.search_files(content(NLHF, DRAFT), "en", STRINGS["en"])
    everything = b"".join(files.values()).decode("utf-8")
    for word in ("secret-draft", "Zanzibar", "zanzibar", "quokka"):
        assert word not in everything


def test_documents_are_in_list_order_newest_first_undated_last():
    table, _ = decode(search.search_files(content(UNDATED, SOFT_MOE, NLHF), "en", STRINGS["en"]))
    assert [d[0] for d in table["docs"]] == [NLHF.id, SOFT_MOE.id, UNDATED.id]


def test_output_is_byte_identical_whatever_the_input_order():
    first = search.search_files(content(NLHF, SOFT_MOE, UNDATED), "en", STRINGS["en"])
    second = search.search_files(content(UNDATED, NLHF, SOFT_MOE), "en", STRINGS["en"])
    assert first == second


def test_file_names_carry_the_hash_of_their_bytes():
    files = search.search_files(content(NLHF, SOFT_MOE), "fr", STRINGS["fr"])
    table = json.loads(files["search/index.json"])
    named = list(table["shards"].items()) + [(str(n), name) for n, name in enumerate(table["chunks"])]
    for key, name in named:
        assert name.endswith(f"-{key}-{hashlib.sha256(files['search/' + name]).hexdigest()[:10]}.json")
    facets = table["facets"]
    assert facets == f"f-{hashlib.sha256(files['search/' + facets]).hexdigest()[:10]}.json"
    assert set(files) == {"search/index.json", "search/ui.js", f"search/{facets}"} | {f"search/{name}" for _, name in named}


def test_documents_come_in_chunks_so_a_query_fetches_only_what_it_shows(monkeypatch):
    monkeypatch.setattr(search, "DOCS_PER_CHUNK", 2)
    files = search.search_files(content(UNDATED, SOFT_MOE, NLHF), "en", STRINGS["en"])
    table = json.loads(files["search/index.json"])
    assert (table["count"], table["chunk"], len(table["chunks"])) == (3, 2, 2)
    chunks = [[d[0] for d in json.loads(files[f"search/{name}"])] for name in table["chunks"]]
    assert chunks == [[NLHF.id, SOFT_MOE.id], [UNDATED.id]]


def test_a_big_shard_splits_by_two_letters_and_every_token_stays_findable(monkeypatch):
    monkeypatch.setattr(search, "SHARD_SPLIT_BYTES", 0)
    files = search.search_files(content(NLHF, SOFT_MOE, UNDATED), "en", STRINGS["en"])
    table = json.loads(files["search/index.json"])
    assert "na" in table["shards"] and "n" not in table["shards"]
    for key, name in table["shards"].items():
        for token in json.loads(files[f"search/{name}"]):
            # search.js looks a term up under its first two letters, else its first one
            expected = token[:2] if token[:2] in table["shards"] else token[0]
            assert key == expected, token


def test_empty_site_gives_a_valid_empty_index():
    table, postings = decode(search.search_files(content(), "en", STRINGS["en"]))
    assert table["docs"] == [] and table["count"] == 0 and postings == {}


def ui_strings(files: dict[str, bytes]) -> dict:
    """The strings ui.js hands to search.js: labSearch.ui(document.currentScript.src, {...});"""
    text = files["search/ui.js"].decode("utf-8")
    prefix, suffix = "labSearch.ui(document.currentScript.src, ", ");\n"
    assert text.startswith(prefix) and text.endswith(suffix)
    return json.loads(text[len(prefix):-len(suffix)])


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_search_box_strings_come_from_the_translation_table(lang):
    ui = ui_strings(search.search_files(content(NLHF), lang, STRINGS[lang]))
    assert ui == {"lang": lang, "index": "index.json",
                  **{name: STRINGS[lang][key] for name, key in search.UI_STRINGS.items()}}
    assert ui["label"] == {"en": "Search publications", "fr": "Rechercher une publication"}[lang]


def test_a_string_cannot_break_out_of_the_ui_script():
    hostile = dict(STRINGS["en"], search_label='"); window.pwned = 1; ("', search_hint="a\u2028b\u2029c</script>")
    files = search.search_files(content(NLHF), "en", render.Strings("en", hostile))
    assert "\u2028" not in files["search/ui.js"].decode("utf-8")
    ui = ui_strings(files)
    assert (ui["label"], ui["hint"]) == (hostile["search_label"], hostile["search_hint"])


def test_a_missing_search_string_is_a_build_error_naming_the_table():
    strings = render.Strings("fr", {k: v for k, v in STRINGS["fr"].items() if k != "search_hint"})
    with pytest.raises(BuildError) as error:
        search.search_files(content(NLHF), "fr", strings)
    assert [p.format() for p in error.value.problems] == ["templates/i18n/fr.yaml: missing strings: search_hint"]


# --- An index made with the incremental engine is the one a clean build makes ------------------

WORDS = ("learning deep réseau neuronal bandits policy gradient l'apprentissage robust human feedback "
         "sparse mixtures experts Straße œuvre zoë reinforcement optimal transport kernel Gaussian "
         "process the of and de la des online regret bound convex graph attention").split()
PEOPLE = [Author(id=f"person-{n}", name=name, aliases=aliases) for n, (name, aliases) in enumerate([
    ("Rémi Munos", ("Remi Munos", "R. Munos")), ("Michal Valko", ()), ("Łukasz Kaiser", ("Lukasz Kaiser",)),
    ("Søren Straße", ()), ("Zoë Œuvre", ("Zoe Oeuvre",)), ("Joan Puigcerver", ()), ("Ana García", ())])]
PRINTED = ["Rémi Munos", "R. Munos", "Michal Valko", "Lukasz Kaiser", "Søren Straße", "Zoe Oeuvre",
           "Joan Puigcerver", "Ana García", "Unknown Person", "Yunhao Tang"]


def random_paper(rng, number: int) -> Paper:
    words = WORDS + [f"novel{rng.randrange(1000)}"]
    return Paper(id=f"paper-{number}", title=" ".join(rng.sample(words, rng.randint(2, 6))).capitalize(),
                 authors=tuple(rng.sample(PRINTED, rng.randint(0, 5))),
                 abstract=" ".join(rng.choice(words) for _ in range(rng.randint(0, 30))),
                 date=rng.choice(["", "2019", "2021-03", "2021-03-04", f"20{rng.randint(15, 26)}-0{rng.randint(1, 9)}"]))


def random_edit(rng, papers: dict[str, Paper], authors: list[Author], added: list[int]) -> str:
    kind = rng.choice(["title", "abstract", "authors", "date", "draft", "publish", "delete", "add", "add",
                       "alias", "nothing"])
    paper = papers[rng.choice(sorted(papers))] if papers else None
    if kind == "add" or paper is None:
        added[0] += 1
        new = random_paper(rng, added[0])
        if rng.random() < 0.5:         # the newest paper: the commonest addition
            new = replace_paper(new, date="2027-01-01")
        papers[new.id] = new
        return "add"
    if kind == "title":
        papers[paper.id] = replace_paper(paper, title=paper.title + " " + rng.choice(WORDS + ["brandnewword"]))
    elif kind == "abstract":
        papers[paper.id] = replace_paper(paper, abstract=random_paper(rng, 0).abstract)
    elif kind == "authors":
        papers[paper.id] = replace_paper(paper, authors=tuple(rng.sample(PRINTED, rng.randint(0, 4))))
    elif kind == "date":
        papers[paper.id] = replace_paper(paper, date=random_paper(rng, 0).date)
    elif kind == "draft":
        papers[paper.id] = replace_paper(paper, status="draft")
    elif kind == "publish":
        papers[paper.id] = replace_paper(paper, status="published")
    elif kind == "delete":
        del papers[paper.id]
    elif kind == "alias":
        i = rng.randrange(len(authors))
        authors[i] = Author(id=authors[i].id, name=authors[i].name, aliases=authors[i].aliases + ("Ana Garcia",))
    return kind


def replace_paper(paper: Paper, **changes) -> Paper:
    return Paper(**{**{f: getattr(paper, f) for f in ("id", "title", "authors", "abstract", "date", "status")},
                    **changes})


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("split_bytes", [search.SHARD_SPLIT_BYTES, 150])
def test_an_index_made_from_earlier_builds_is_the_index_made_from_nothing(tmp_path, monkeypatch, seed, split_bytes):
    """Random edits (title, abstract, authors, date, draft, delete, add, an author's alias), one
    after another; after each, the files made by the incremental engine from what the earlier
    builds kept (saved and read back by a new engine, as a new process does) are the files made
    without it, in both languages. With small shards, tokens also move between shards as they
    split and merge."""
    import random
    monkeypatch.setattr(search, "SHARD_SPLIT_BYTES", split_bytes)
    monkeypatch.setattr(search, "BLOCKS", 6)      # blocks of six or seven of the 40 papers: some reused, some not
    rng = random.Random(seed)
    papers = {p.id: p for p in (random_paper(rng, n) for n in range(40))}
    authors, added = list(PEOPLE), [100]
    for step in range(60):
        kind = random_edit(rng, papers, authors, added) if step else "first build"
        site = content(*papers.values(), authors=tuple(authors))
        if step % 2:        # half the builds give digests of the papers' files, as the loader does
            site = dataclasses.replace(
                site, papers=tuple(dataclasses.replace(p, path=f"papers/{p.id}.yaml") for p in site.papers),
                digests={f"papers/{p.id}.yaml": hashlib.blake2b(repr(p).encode(), digest_size=16).digest()
                         for p in site.papers})
        work = engine(tmp_path)
        index = search.build_index(site, work)
        work.store.save()
        remembered = {lang: search.search_files(site, lang, STRINGS[lang], index=index) for lang in ("en", "fr")}
        clean = content(*papers.values(), authors=tuple(authors))      # a new object: nothing reused
        for lang in ("en", "fr"):
            assert remembered[lang] == search.search_files(clean, lang, STRINGS[lang]), (step, kind, lang)
            assert json.loads(remembered[lang]["search/index.json"])["lang"] == lang
            assert ui_strings(remembered[lang])["lang"] == lang


def test_an_unchanged_paper_is_not_tokenised_again(tmp_path, monkeypatch):
    """Papers are tokenised by blocks of consecutive ones (a 40th of them, 64 at most): an edit
    tokenises its paper's block again, and no other. With blocks of one paper, that is the paper alone."""
    tokenised = []
    real = search._document
    monkeypatch.setattr(search, "BLOCK_SIZE", 1)
    monkeypatch.setattr(search, "_document", lambda item: tokenised.append(item[0].id) or real(item))
    work = engine(tmp_path)
    search.build_index(content(NLHF, SOFT_MOE), work)
    assert sorted(tokenised) == ["nash-learning-from-human-feedback", "soft-moe"]
    tokenised.clear()
    edited = Paper(id="soft-moe", title="From Sparse to Soft Mixtures", authors=SOFT_MOE.authors, date=SOFT_MOE.date)
    index = search.build_index(content(NLHF, edited), work)
    assert tokenised == ["soft-moe"]
    assert search.search_files(content(NLHF, edited), "en", STRINGS["en"], index=index) == \
        search.search_files(content(NLHF, edited), "en", STRINGS["en"])


def test_the_facets_file_lists_each_year_and_each_person_s_papers_in_list_order():
    """The list's filters reach every paper through it, although a list page holds a few."""
    files = search.search_files(content(UNDATED, SOFT_MOE, NLHF), "en", STRINGS["en"])
    table = json.loads(files["search/index.json"])
    docs = [row[0] for name in table["chunks"] for row in json.loads(files["search/" + name])]
    facets = json.loads(files["search/" + table["facets"]])

    def numbers(deltas):
        out, n = [], 0
        for d in deltas:
            n += d
            out.append(n)
        return out
    years = {year: [docs[n] for n in numbers(d)] for year, d in facets["years"].items()}
    assert years == {p.year: [p.id] for p in (SOFT_MOE, NLHF)}        # the undated note has no year
    people = {aid: (name, [docs[n] for n in numbers(d)]) for aid, name, d in facets["authors"]}
    # "Remi Munos" on the undated note is an alias: it counts as his paper.
    assert docs == [NLHF.id, SOFT_MOE.id, UNDATED.id]
    assert people == {"remi-munos": ("Rémi Munos", [NLHF.id, UNDATED.id])}   # Joan Puigcerver has no entry


def test_a_row_counts_the_authors_beyond_those_it_names_up_to_the_dump_s_count():
    known_by_count = Paper(id="count-only", title="Counted", authors=(), author_count=12, date="2024")
    many = Paper(id="many", title="Many", authors=tuple(f"Person {c}" for c in "ABCDE"), author_count=9, date="2023")
    table, _ = decode(search.search_files(content(known_by_count, many), "en", STRINGS["en"]))
    rows = {row[0]: row for row in table["docs"]}
    assert rows["count-only"][2:4] == [[], 12]
    assert rows["many"][2:4] == [["Person A", "Person B", "Person C"], 6]     # 9 in all, 3 named
