"""Ingest of the real seed dumps: record counts, every hard case, the fully merged NLHF entry.

The seeds are ingested once into a temporary content/ folder; each test reads the
YAML that an editor would see.
"""
from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from conftest import run_command
from site_builder.ingest.dumps import read_dumps
from site_builder.ingest.parse import parse_dump

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
LISTING_FR = "000_cdd8863445f959f6.txt"
ABSTRACTS = "001_2f71c68c655bd191.txt"
LISTING_EN = "002_3fd5815b9c0729f9.txt"
DAILY = "003_911abca530bda4e2.txt"
PROFILE = "004_10fa8326745248af.txt"


@pytest.fixture(scope="module")
def parsed():
    dumps, problems = read_dumps(SEEDS)
    assert problems == []
    return {d.name: parse_dump(d.name, list(d.lines)) for d in dumps}


@pytest.fixture(scope="module")
def content(seeds_ingested):
    """The seeds as the command line ingests them (conftest: once per test process); read only."""
    return seeds_ingested


_parsed: dict[tuple, object] = {}      # (path, size, time, inode) -> the file's YAML, as read


def load(content: Path, kind: str) -> dict[str, dict]:
    """Each entry file of content/<kind>/, read as YAML: a file is parsed once while it stays
    the same file (size, time, inode), and each call gets its own copy."""
    entries = {}
    for p in sorted((content / kind).glob("*.yaml")):
        status = p.stat()
        key = (p, status.st_size, status.st_mtime_ns, status.st_ino)
        if key not in _parsed:
            _parsed[key] = yaml.safe_load(p.read_text(encoding="utf-8"))
        entries[p.stem] = copy.deepcopy(_parsed[key])
    return entries


def entry_with_title(content: Path, title: str) -> dict:
    found = [e for e in load(content, "papers").values() if e.get("title") == title]
    assert len(found) == 1, f"{len(found)} entries titled {title!r}"
    return found[0]


def entries_with_source(content: Path, source: str) -> list[dict]:
    return [e for e in load(content, "papers").values() if source in e.get("sources", [])]


# ---------------------------------------------------------------- parsing the real dumps


def test_format_and_record_count_of_each_seed(parsed):
    counts = {name: (p.format, len(p.papers), len(p.profiles)) for name, p in parsed.items()}
    assert counts == {
        LISTING_FR: ("listing", 12, 0),
        ABSTRACTS: ("abstracts", 10, 0),
        LISTING_EN: ("listing", 12, 0),
        DAILY: ("daily", 64, 0),
        PROFILE: ("profile", 5, 1),
    }
    assert all(p.problems == () for p in parsed.values())


def test_every_seed_line_is_a_record_a_header_or_blank(parsed):
    for name, dump in parsed.items():
        lines = (SEEDS / name).read_text(encoding="utf-8").splitlines()
        used = {n for r in dump.papers for n in r.lines} | {n for r in dump.profiles for n in r.lines}
        used |= {n for n, _ in dump.headers}
        non_blank = {i for i, text in enumerate(lines, 1) if text.strip()}
        assert non_blank == used, name


def test_daily_papers_header_lines_are_not_records(parsed):
    daily = parsed[DAILY]
    assert [text for _, text in daily.headers] == [
        "new", "Get trending papers in your email inbox!", "Subscribe", "Daily Papers",
        "byAK and the research community", "Nov 11"]
    assert daily.papers[0].title.startswith("Improving Pareto Set Learning")
    assert not any(r.title in {"Daily Papers", "Subscribe", "new", "Nov 11"} for r in daily.papers)


def test_profile_page_person_and_role(parsed):
    (profile,) = parsed[PROFILE].profiles
    assert (profile.name, profile.role, profile.source) == ("Thomas Mesnard", "Alumni", f"{PROFILE}:1")


def test_title_that_looks_like_a_name_is_a_title(parsed):
    last = parsed[LISTING_FR].papers[-1]
    assert last.title == "Sarah Frank-Wolfe: Methods for Constrained Optimization with Best Rates and Practical Features"
    assert last.authors == ("Aleksandr Beznosikov", "David Dobre")


def test_title_containing_someone_elses_name(parsed):
    record = next(r for r in parsed[LISTING_EN].papers if r.line == 12)
    assert record.title.endswith('by Karl Friston et al.')
    assert record.authors == ("Zahra Sheikhbahaee", "Adam Safron", "Casper Hesp")


def test_title_directly_after_a_title(parsed):
    records = {r.line: r for r in parsed[LISTING_EN].papers}
    assert records[16].title == "Large language models: What could they do for neurology?"
    assert records[16].authors == ()
    assert records[17].title.startswith("A large-scale exploratory study of android sports apps")


# ---------------------------------------------------------------- normalising


def test_marker_join_keeps_the_word_whole(content):
    entry = entry_with_title(content, "Mixtures of Experts Unlock Parameter Scaling for Deep RL")
    assert "a model's performance scales proportionally to its size" in entry["abstract"]
    assert "voir plus" not in entry["abstract"] and "…" not in entry["abstract"]


def test_marker_after_a_space_keeps_the_space(content):
    entry = entry_with_title(content, "No Representation, No Trust: Connecting Representation, Collapse, and Trust Issues in PPO")
    assert "during training depend on its changing policy" in entry["abstract"]


def test_latex_mangled_accent_is_repaired_and_people_joined(content):
    authors = load(content, "authors")
    assert authors["remi-munos"]["name"] == "Rémi Munos"
    assert authors["remi-munos"]["aliases"] == ["Remi Munos"]
    assert not any("'" in a["name"] for a in authors.values())


def test_initials_join_the_full_name(content):
    authors = load(content, "authors")
    assert authors["mohammad-gheshlaghi-azar"]["name"] == "Mohammad Gheshlaghi Azar"
    assert authors["mohammad-gheshlaghi-azar"]["aliases"] == ["M. G. Azar"]
    assert not any(a["name"] == "M. G. Azar" for a in authors.values())


def test_andrea_michi_and_andrea_miele_stay_two_people(content):
    names = {a["name"] for a in load(content, "authors").values()}
    assert {"Andrea Michi", "Andrea Miele"} <= names


def test_abstract_label_is_dropped_from_titleless_records(content):
    drafts = [e for e in load(content, "papers").values() if e["status"] == "draft"]
    assert drafts and not any(e["abstract"].startswith("Abstract") for e in drafts)


# ---------------------------------------------------------------- merging


def test_nash_learning_from_human_feedback_fully_merged(content):
    entry = entry_with_title(content, "Nash Learning from Human Feedback")
    assert entry["sources"] == [
        f"{LISTING_FR}:9", f"{LISTING_FR}:28",
        f"{LISTING_EN}:24", f"{LISTING_EN}:42", f"{LISTING_EN}:60", f"{LISTING_EN}:78", f"{LISTING_EN}:96",
        f"{PROFILE}:9", f"{PROFILE}:26"]
    assert entry["authors"] == [
        "Rémi Munos", "Michal Valko", "Daniele Calandriello", "Mohammad Gheshlaghi Azar", "Mark Rowland",
        "Zhaohan Daniel Guo", "Yunhao Tang", "Matthieu Geist", "Thomas Mesnard", "Côme Fiegel",
        "Andrea Michi", "Marco Selvi", "Sertan Girgin", "Nikola Momchev", "Olivier Bachem",
        "Daniel J Mankowitz", "Bilal Piot"]
    abstract = entry["abstract"]
    # the most complete version: the longer "Typically, ..." abstract, complete to its last sentence
    assert abstract.startswith("Reinforcement learning from human feedback (RLHF) has emerged as the main paradigm "
                               "for aligning large language models (LLMs) with human preferences. Typically, RLHF")
    assert "inability to fully represent the richness" in abstract
    assert abstract.endswith("the potential of advancing the field of aligning LLMs with human preferences.")
    assert "(see more)" not in abstract and "(voir plus)" not in abstract and "  " not in abstract
    assert entry["status"] == "published"
    # each of the 17 people has exactly one author entry, found by name
    people = {a["name"]: a for a in load(content, "authors").values()}
    assert all(name in people for name in entry["authors"])
    assert people["Rémi Munos"]["aliases"] == ["Remi Munos"]


def test_profile_person_is_author_of_every_listed_paper(content):
    papers = load(content, "papers")
    listed = [e for e in papers.values() if any(s.startswith(PROFILE) for s in e["sources"])]
    assert len(listed) == 4   # NLHF (x2), Ghost Units, two Equilibrium Propagation titles
    for entry in listed:
        assert "Thomas Mesnard" in entry["authors"], entry["title"]
    ghost = entry_with_title(content, "Ghost Units Yield Biologically Plausible Backprop in Deep Neural Networks")
    assert ghost["authors"] == ["João Sacramento", "Walter Senn", "Thomas Mesnard"]
    person = load(content, "authors")["thomas-mesnard"]
    assert person == {"name": "Thomas Mesnard", "role": "Alumni", "member": True, "sources": [f"{PROFILE}:1"]}


def test_only_the_people_of_profile_pages_are_members(content):
    """The old site's people pages are the lab's own: their person is a member, with the role the
    page printed; a co-author seen only on papers is not said to be one."""
    people = load(content, "authors")
    assert {aid: (a["role"], a["member"]) for aid, a in people.items() if "member" in a} == {
        "thomas-mesnard": ("Alumni", True)}
    assert "remi-munos" in people and "member" not in people["remi-munos"]


def test_committed_members_are_what_ingest_gives(content):
    """content/authors/ was regenerated with membership: each committed member is one ingest makes."""
    committed = load(ROOT / "content", "authors")
    assert {aid for aid, a in committed.items() if a.get("member")} == \
        {aid for aid, a in load(content, "authors").items() if a.get("member")}


def test_duplicate_records_within_one_dump_merge(content):
    entry = entry_with_title(content, "Performance of generative pre-trained transformers (GPTs) in Certification "
                                      "Examination of the College of Family Physicians of Canada")
    assert entry["sources"] == [f"{LISTING_FR}:63", f"{LISTING_FR}:68"]
    assert entry["authors"] == ["Mehdi Mousavi", "Shabnam Shafiee", "Jason M Harley"]


def test_two_softmoe_papers_stay_apart(content):
    moe = entry_with_title(content, "Mixtures of Experts Unlock Parameter Scaling for Deep RL")
    assert moe["sources"] == [f"{LISTING_FR}:1"]
    (tokenize,) = entries_with_source(content, f"{ABSTRACTS}:6")
    assert tokenize["status"] == "draft" and tokenize["title"] == ""
    assert tokenize["sources"] == [f"{ABSTRACTS}:6"]


def test_two_equilibrium_propagation_titles_stay_apart(content):
    first = entry_with_title(content, "Generalization of Equilibrium Propagation to Vector Field Dynamics")
    second = entry_with_title(content, "Extending the Framework of Equilibrium Propagation to General Dynamics")
    assert first["sources"] == [f"{PROFILE}:46"] and second["sources"] == [f"{PROFILE}:48"]
    assert first["abstract"].startswith("The biological plausibility of the backpropagation algorithm")
    assert "abstract" not in second
    report = (content / "ingest" / "report.md").read_text(encoding="utf-8")
    assert (f"| {PROFILE}:46 Generalization of Equilibrium Propagation to Vect… | {PROFILE}:48 Extending the "
            "Framework of Equilibrium Propagatio… | similar but different titles | title 72/100 |") in report


def test_two_frank_wolfe_titles_stay_apart(content):
    sarah = entry_with_title(content, "Sarah Frank-Wolfe: Methods for Constrained Optimization with Best Rates and "
                                      "Practical Features")
    merging = entry_with_title(content, "FW-Merging: Scaling Model Merging with Frank-Wolfe Optimization")
    assert sarah["sources"] == [f"{LISTING_FR}:93"] and merging["sources"] == [f"{DAILY}:313"]
    assert not any(a["name"].startswith("Sarah") for a in load(content, "authors").values())


def test_titleless_abstracts_join_only_by_abstract_evidence(content):
    # none of the ten abstracts on the affiliation page is printed elsewhere: ten drafts, no title invented
    papers = load(content, "papers")
    drafts = {k: e for k, e in papers.items() if e["status"] == "draft"}
    assert sorted(s for e in drafts.values() for s in e["sources"]) == sorted(f"{ABSTRACTS}:{n}" for n in range(2, 12))
    assert all(e["title"] == "" and k.startswith("draft-") for k, e in drafts.items())


def test_every_seed_record_is_in_exactly_one_entry(content, parsed):
    seen: dict[str, int] = {}
    for entry in load(content, "papers").values():
        for source in entry["sources"]:
            seen[source] = seen.get(source, 0) + 1
    expected = {r.source for p in parsed.values() for r in p.papers}
    assert set(seen) == expected and set(seen.values()) == {1}
    assert len(load(content, "papers")) == 94


# ---------------------------------------------------------------- Daily Papers fields


def test_daily_paper_with_year_count_and_upvotes(content):
    entry = entry_with_title(content, "Generating novel experimental hypotheses from language models: A case study "
                                      "on cross-dative generalization")
    assert (entry["date"], entry["author_count"], entry["upvotes"]) == ("2024-08-09", 2, 1)
    assert "date_as_printed" not in entry


def test_daily_paper_without_year_is_never_guessed(content):
    entry = entry_with_title(content, "DRAGON: Distributional Rewards Optimize Diffusion Generative Models")
    assert entry["date_as_printed"] == "Apr 21" and entry["upvotes"] == 2 and entry["author_count"] == 4
    assert "date" not in entry
    report = (content / "ingest" / "report.md").read_text(encoding="utf-8")
    assert '"Apr 21" (003_911abca530bda4e2.txt:113)' in report


def test_daily_paper_with_organisation_instead_of_count(content):
    entry = entry_with_title(content, "Mixed-R1: Unified Reward Perspective For Reasoning Capability in Multimodal "
                                      "Large Language Models")
    # printed "ByteDance ByteDance" (logo text, then name)
    assert entry["organisation"] == "ByteDance" and "author_count" not in entry


def test_daily_paper_printed_without_footer(content):
    entry = entry_with_title(content, "Memory Retrieval and Consolidation in Large Language Models through "
                                      "Function Tokens")
    assert entry["sources"] == [f"{DAILY}:109"] and "date" not in entry and "date_as_printed" not in entry


def test_as_of_resolves_dates_without_year(tmp_path):
    out = tmp_path / "content"
    run = run_command("ingest", "--seeds", SEEDS, "--content", out, "--as-of", "2025-07-01", "-q", cwd=ROOT)
    assert run.returncode == 0, run.stderr
    dragon = entry_with_title(out, "DRAGON: Distributional Rewards Optimize Diffusion Generative Models")
    assert dragon["date"] == "2025-04-21" and "date_as_printed" not in dragon
    fw = entry_with_title(out, "Provable Scaling Laws of Feature Emergence from Learning Dynamics of Grokking")
    assert fw["date"] == "2024-09-25"   # Sep 25 is after the capture date: the year before


# ---------------------------------------------------------------- files


def test_yaml_header_field_order_and_ids(content):
    text = (content / "papers" / "nash-learning-from-human-feedback.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/paper.schema.json\ntitle: ")
    keys = [line.split(":")[0] for line in text.splitlines()[1:] if line and not line.startswith(("-", " "))]
    assert keys == ["title", "status", "authors", "abstract", "sources"]
    author = (content / "authors" / "remi-munos.yaml").read_text(encoding="utf-8")
    assert author.startswith("# yaml-language-server: $schema=../../schemas/author.schema.json\nname: ")
    import re
    for kind in ("papers", "authors"):
        for path in (content / kind).glob("*.yaml"):
            assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", path.stem) and len(path.stem) <= 60


def test_no_empty_fields_are_written(content):
    # the one deliberate blank: a draft's `title: ""`, left for an editor to fill in
    for kind in ("papers", "authors"):
        for entry in load(content, kind).values():
            assert all(v not in (None, "", []) for k, v in entry.items() if not (k == "title" and entry.get("status") == "draft"))


def test_committed_content_already_holds_every_seed_record(tmp_path):
    """Re-running ingest on the committed content/ changes no byte: every seed record is in it."""
    import shutil

    copy = tmp_path / "content"
    shutil.copytree(ROOT / "content", copy)
    before = {p.relative_to(copy): p.read_bytes() for p in copy.rglob("*") if p.is_file()}
    run = run_command("ingest", "--seeds", SEEDS, "--content", copy, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert "nothing new" in run.stderr
    after = {p.relative_to(copy): p.read_bytes() for p in copy.rglob("*") if p.is_file()}
    assert after == before


def test_report_describes_drafts_as_they_are_written(content):
    # drafts carry an empty `title: ""` line to fill in; the report must not tell editors otherwise
    report = (content / "ingest" / "report.md").read_text(encoding="utf-8")
    drafts = report.split("## Drafts that need a title", 1)[1].split("\n## ", 1)[0]
    assert "no `title` field" not in drafts
    assert '`title: ""`' in drafts
    assert any(p.read_text(encoding="utf-8").count('\ntitle: ""\n') == 1
               for p in (content / "papers").glob("draft-*.yaml"))


def test_a_profile_page_ingested_later_makes_a_known_coauthor_a_member(tmp_path):
    """A person ingested first as a co-author becomes a member (with the printed role) when the
    lab's profile page of them is ingested; a re-ingest of the same seeds keeps it as it is."""
    seeds, content = tmp_path / "seeds", tmp_path / "content"
    seeds.mkdir()
    (seeds / "000_listing.txt").write_text(
        "Notes on the Analytical Engine\nCharles Babbage\nAda Lovelace\n\nOn Computable Numbers\nAlan Turing\n",
        encoding="utf-8")

    def ingest():
        run = run_command("ingest", "--seeds", seeds, "--content", content, cwd=ROOT)
        assert run.returncode == 0, run.stderr

    ingest()
    assert "member" not in load(content, "authors")["ada-lovelace"]
    (seeds / "001_profile.txt").write_text(
        "Portrait of Ada Lovelace is not available\n\nAda Lovelace\n\nProfessor\n\nPublications\n\n"
        "Notes on the Analytical Engine\nCharles Babbage\nAda Lovelace\n", encoding="utf-8")
    ingest()
    people = load(content, "authors")
    assert (people["ada-lovelace"]["member"], people["ada-lovelace"]["role"]) == (True, "Professor")
    assert "member" not in people["alan-turing"] and "member" not in people["charles-babbage"]
    before = (content / "authors" / "ada-lovelace.yaml").read_bytes()
    ingest()
    assert (content / "authors" / "ada-lovelace.yaml").read_bytes() == before


def test_links_come_only_from_addresses_the_abstracts_give(content):
    """A repository, a video, or an address the abstract calls a project website becomes a link;
    any other address stays in the abstract only (nothing is guessed or invented)."""
    linked = {pid: e["links"] for pid, e in load(content, "papers").items() if "links" in e}
    assert linked == {
        "a-deep-learning-framework-for-lifelong-machine-learning": {"video": "https://youtu.be/gCuUyGETbTU"},
        "beyond-reward-offline-preference-guided-policy-optimization":
            {"project": "https://sites.google.com/view/oppo-icml-2023"},
        "fmb-a-functional-manipulation-benchmark-for-generalizable":
            {"project": "https://functional-manipulation-benchmark.github.io"},
        "mixed-r1-unified-reward-perspective-for-reasoning-capability":
            {"code": "https://github.com/xushilin1/mixed-r1"},
        "pre-train-prompt-and-predict-a-systematic-survey-of": {"project": "http://pretrain.nlpedia.ai/"},
    }
    for pid, links in linked.items():
        abstract = load(content, "papers")[pid]["abstract"]
        assert all(url in abstract for url in links.values())
