"""Re-ingest is safe: no byte changes without new dumps, editor edits and deletions stand,
new dumps only fill what is missing."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import run_command, write_seeds
from test_ingest_parse import lines_strategy

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
ROBUST = "robust-data-driven-prescriptiveness-optimization"
GHOST = "ghost-units-yield-biologically-plausible-backprop-in-deep"

NEW_DUMP = """\
Robust Data-driven Prescriptiveness Optimization
Mehran Poursoltani
Erick Delage
Angelos Georghiou
The abundance of data has led to the emergence of a variety of optimization techniques that attempt to leverage available side information to provide more anticipative decisions. We show it works… (see more) in practice.
Ghost Units Yield Biologically Plausible Backprop in Deep Neural Networks
Thomas Mesnard
João Sacramento
Walter Senn
A Brand New Paper About Careful Re-ingestion
Rémi Munos
Jane Q. Public
"""


def assert_rerun_changes_nothing(seeds: Path, content: Path, *extra: str) -> None:
    """Ingest once more: it must succeed and leave every byte of content/ as it was."""
    before = snapshot(content)
    assert ingest(seeds, content, *extra).returncode == 0
    assert snapshot(content) == before


def ingest(seeds: Path, content: Path, *extra: str) -> subprocess.CompletedProcess:
    """The ingest command on these folders, run in this process (conftest.run_command)."""
    return run_command("ingest", "--seeds", seeds, "--content", content, *extra, cwd=ROOT)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture()
def site(tmp_path, seeds_ingested):
    """A copy of the seeds and of what ingest made of them (conftest: ingested once per test
    process, by the command line, byte for byte what ingesting this copy makes)."""
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    content = tmp_path / "content"
    shutil.copytree(seeds_ingested, content)
    return seeds, content


def test_second_run_changes_no_byte(site):
    seeds, content = site
    before = snapshot(content)
    run = ingest(seeds, content)
    assert run.returncode == 0
    assert "nothing new" in run.stderr
    assert snapshot(content) == before


def test_same_input_gives_byte_identical_output(site, tmp_path):
    seeds, content = site
    other = tmp_path / "again"
    assert ingest(seeds, other).returncode == 0
    assert snapshot(other) == snapshot(content)


def test_editor_edits_survive_reingest(site):
    seeds, content = site
    path = content / "papers" / "nash-learning-from-human-feedback.yaml"
    text = path.read_text(encoding="utf-8")
    edited = text.replace("title: Nash Learning from Human Feedback", "title: Nash Learning From Human Feedback  # fixed case")
    edited = edited.replace("- Michal Valko\n", "")
    path.write_text(edited + "date: '2023-12-01'\n", encoding="utf-8")
    assert_rerun_changes_nothing(seeds, content)
    # ...and also when a new dump brings more records of that paper
    (seeds / "005_new.txt").write_text("Nash Learning from Human Feedback\nRemi Munos\nMichal Valko\n", encoding="utf-8")
    assert ingest(seeds, content).returncode == 0
    after = path.read_text(encoding="utf-8")
    assert after.startswith(edited.split("sources:")[0])          # the editor's lines, byte for byte
    data = load(path)
    assert data["title"] == "Nash Learning From Human Feedback"
    assert "Michal Valko" not in data["authors"]
    assert data["date"] == "2023-12-01"
    assert data["sources"][-1] == "005_new.txt:1"
    assert len(list((content / "papers").glob("nash-learning*"))) == 1


def test_deleted_entry_does_not_come_back(site):
    seeds, content = site
    (content / "papers" / f"{GHOST}.yaml").unlink()
    (content / "authors" / "walter-senn.yaml").unlink()
    assert ingest(seeds, content).returncode == 0
    assert not (content / "papers" / f"{GHOST}.yaml").exists()
    # not even when a new dump lists the same paper again
    (seeds / "005_new.txt").write_text(NEW_DUMP, encoding="utf-8")
    assert ingest(seeds, content).returncode == 0
    assert not list((content / "papers").glob("ghost-units*"))
    assert not (content / "authors" / "walter-senn.yaml").exists()
    report = (content / "ingest" / "report.md").read_text(encoding="utf-8")
    assert f"`{GHOST}`: deleted by an editor, so not re-created" in report


def test_new_dump_fills_only_missing_fields(site):
    seeds, content = site
    before = load(content / "papers" / f"{ROBUST}.yaml")
    assert "abstract" not in before
    (seeds / "005_new.txt").write_text(NEW_DUMP, encoding="utf-8")
    run = ingest(seeds, content)
    assert run.returncode == 0, run.stderr
    after = load(content / "papers" / f"{ROBUST}.yaml")
    assert after["title"] == before["title"]
    # the author list was as ingest wrote it: the new version's extra author joins it, in order
    assert before["authors"] == ["Mehran Poursoltani", "Angelos Georghiou"]
    assert after["authors"] == ["Mehran Poursoltani", "Erick Delage", "Angelos Georghiou"]
    assert after["abstract"].startswith("The abundance of data has led") and "(see more)" not in after["abstract"]
    assert "We show it works in practice." in after["abstract"]
    assert after["sources"] == before["sources"] + ["005_new.txt:1"]
    new = load(content / "papers" / "a-brand-new-paper-about-careful-re-ingestion.yaml")
    assert new["authors"] == ["Rémi Munos", "Jane Q. Public"]
    assert (content / "authors" / "jane-q-public.yaml").exists()
    assert (content / "authors" / "erick-delage.yaml").exists()
    report = (content / "ingest" / "report.md").read_text(encoding="utf-8")
    assert "robust-data-driven-prescriptiveness-optimization`: added author(s) Erick Delage" in report
    assert "robust-data-driven-prescriptiveness-optimization`: filled missing field(s) abstract, sources" in report
    # and a third run is quiet again
    assert_rerun_changes_nothing(seeds, content)


EXTENDING = "extending-the-framework-of-equilibrium-propagation-to"
EXTENDING_DUMP = """\
Extending the Framework of Equilibrium Propagation to General Dynamics
Thomas Mesnard
Benjamin Scellier
Yoshua Bengio
The biological plausibility of the backpropagation algorithm has long been doubted by neuroscientists. We extend \
equilibrium propagation to general dynamics.
"""


def test_new_version_adds_its_authors_to_the_list_ingest_wrote(site):
    seeds, content = site
    path = content / "papers" / f"{EXTENDING}.yaml"
    assert load(path)["authors"] == ["Thomas Mesnard"]
    (seeds / "005_new.txt").write_text(EXTENDING_DUMP, encoding="utf-8")
    run = ingest(seeds, content)
    assert run.returncode == 0, run.stderr
    entry = load(path)
    assert entry["authors"] == ["Thomas Mesnard", "Benjamin Scellier", "Yoshua Bengio"]
    assert entry["abstract"].startswith("The biological plausibility")
    assert load(content / "authors" / "benjamin-scellier.yaml")["name"] == "Benjamin Scellier"
    assert load(content / "authors" / "yoshua-bengio.yaml")["name"] == "Yoshua Bengio"
    report = (content / "ingest" / "report.md").read_text(encoding="utf-8")
    assert f"`{EXTENDING}`: added author(s) Benjamin Scellier, Yoshua Bengio" in report
    assert_rerun_changes_nothing(seeds, content)


def test_author_list_an_editor_changed_is_kept_and_new_authors_are_reported(site):
    seeds, content = site
    path = content / "papers" / f"{EXTENDING}.yaml"
    text = path.read_text(encoding="utf-8").replace("- Thomas Mesnard\n", "- Thomas Mesnard\n- Yoshua Bengio\n")
    path.write_text(text, encoding="utf-8")
    (seeds / "005_new.txt").write_text(EXTENDING_DUMP, encoding="utf-8")
    run = ingest(seeds, content)
    assert run.returncode == 0, run.stderr
    assert load(path)["authors"] == ["Thomas Mesnard", "Yoshua Bengio"]
    assert path.read_text(encoding="utf-8").startswith(text)    # the editor's text, byte for byte
    report = (content / "ingest" / "report.md").read_text(encoding="utf-8")
    assert (f"`{EXTENDING}`: new records also list Benjamin Scellier, who are not in its `authors`: that list was "
            "edited by hand, so ingest left it alone; add them if they belong") in report


def _sources(content: Path) -> dict[str, list[str]]:
    return {p.stem: load(p).get("sources", []) for kind in ("papers", "authors")
            for p in sorted((content / kind).glob("*.yaml"))}


def test_resaved_dump_with_shifted_lines_is_recognised_not_reingested(site):
    seeds, content = site
    dump = next(seeds.glob("000_*.txt"))
    before = snapshot(content)
    old_sources = _sources(content)
    dump.write_text("Publications\n" + dump.read_text(encoding="utf-8"), encoding="utf-8")
    run = ingest(seeds, content)
    assert run.returncode == 0, run.stderr
    assert "nothing new" in run.stdout + run.stderr
    after = snapshot(content)
    assert sorted(after) == sorted(before)                     # no new entry, none gone
    shifted = {entry: [f"{s.rpartition(':')[0]}:{int(s.rpartition(':')[2]) + 1}" if s.startswith(dump.name) else s
                       for s in sources] for entry, sources in old_sources.items()}
    assert _sources(content) == shifted                        # renamed in place, never appended
    for name in before:                                        # only `sources` lines, ledger and report changed
        if name.startswith("papers/") and before[name] != after[name]:
            changed = set(before[name].decode().splitlines()) ^ set(after[name].decode().splitlines())
            assert all(line.startswith(f'- "{dump.name}:') for line in changed), changed
    report = (content / "ingest" / "report.md").read_text(encoding="utf-8")
    assert f"- {dump.name}:1 -> {dump.name}:2 (`papers/" in report
    assert_rerun_changes_nothing(seeds, content)


def test_new_record_inserted_above_old_ones_is_the_only_new_one(site):
    seeds, content = site
    dump = next(seeds.glob("000_*.txt"))
    dump.write_text("A Brand New Paper About Careful Re-ingestion\nJane Q. Public\n" + dump.read_text(encoding="utf-8"),
                    encoding="utf-8")
    run = ingest(seeds, content)
    assert run.returncode == 0, run.stderr
    new = load(content / "papers" / "a-brand-new-paper-about-careful-re-ingestion.yaml")
    assert new["sources"] == [f"{dump.name}:1"]
    every = [s for sources in _sources(content).values() for s in sources]
    assert len(every) == len(set(every))
    assert "1 new records -> 1 new papers, 0 papers filled in" in run.stdout + run.stderr


def test_hand_written_entry_is_matched_not_duplicated(tmp_path):
    seeds = write_seeds(tmp_path / "seeds", {"a.txt": "Learning to Rank Things\nAda Lovelace\nAn abstract that is "
                                             "long enough to be an abstract. It has several sentences. It ends here.\n"})
    content = tmp_path / "content"
    (content / "papers").mkdir(parents=True)
    hand = content / "papers" / "ranking.yaml"
    hand.write_text("title: Learning to rank things\nauthors:\n  - Ada Lovelace\n", encoding="utf-8")
    assert ingest(seeds, content).returncode == 0
    assert [p.name for p in (content / "papers").glob("*.yaml")] == ["ranking.yaml"]
    data = load(hand)
    assert data["title"] == "Learning to rank things" and data["sources"] == ["a.txt:1"]
    assert data["abstract"].startswith("An abstract that is long enough")
    assert hand.read_text(encoding="utf-8").startswith("title: Learning to rank things\nauthors:\n  - Ada Lovelace\n")


def test_filling_an_entry_with_an_empty_sources_list_gives_one_sources_key(tmp_path):
    seeds = write_seeds(tmp_path / "seeds", {"a.txt": "Learning to Rank Things\nAda Lovelace\n"})
    content = tmp_path / "content"
    (content / "papers").mkdir(parents=True)
    hand = content / "papers" / "ranking.yaml"
    hand.write_text("title: Learning to rank things\nsources: []\n", encoding="utf-8")
    assert ingest(seeds, content).returncode == 0
    text = hand.read_text(encoding="utf-8")
    assert text.count("sources:") == 1
    assert load(hand) == {"title": "Learning to rank things", "authors": ["Ada Lovelace"], "sources": ["a.txt:1"]}


def test_draft_gets_its_title_from_a_later_dump_by_abstract(site):
    seeds, content = site
    draft = content / "papers" / "draft-the-use-of-deep-neural-networks-in-reinforcement.yaml"
    abstract = load(draft)["abstract"]
    (seeds / "005_new.txt").write_text(
        "Don't flatten, tokenize! Unlocking the key to SoftMoE's efficacy in deep RL\nGhada Sokar\n"
        f"Johan Samir Obando Ceron\n{abstract[:200]}… (see more){abstract[200:260]}\n", encoding="utf-8")
    run = ingest(seeds, content)
    assert run.returncode == 0, run.stderr
    data = load(draft)
    assert draft.read_text(encoding="utf-8").count("\ntitle:") == 1   # the blank `title: ""` was filled in place
    assert data["title"] == "Don't flatten, tokenize! Unlocking the key to SoftMoE's efficacy in deep RL"
    assert data["status"] == "draft"                    # publishing stays the editor's decision
    assert data["authors"] == ["Ghada Sokar", "Johan Samir Obando Ceron"]
    assert data["abstract"] == abstract                 # the existing (complete) abstract stands
    assert data["sources"] == ["001_2f71c68c655bd191.txt:6", "005_new.txt:1"]
    report = (content / "ingest" / "report.md").read_text(encoding="utf-8")
    assert "it now has a title: publish it with `status: published` when ready" in report
    # the other SoftMoE paper is untouched
    moe = load(content / "papers" / "mixtures-of-experts-unlock-parameter-scaling-for-deep-rl.yaml")
    assert moe["sources"] == ["000_cdd8863445f959f6.txt:1"]


def test_new_paper_never_reuses_a_deleted_id(site):
    seeds, content = site
    (content / "papers" / f"{ROBUST}.yaml").unlink()
    (seeds / "005_new.txt").write_text("Robust Data-Driven Prescriptiveness Optimization\nSomeone Else\n", encoding="utf-8")
    assert ingest(seeds, content).returncode == 0
    assert not (content / "papers" / f"{ROBUST}.yaml").exists()
    assert (content / "papers" / f"{ROBUST}-else.yaml").exists()   # different authors: a different paper


def test_as_of_later_dates_entries_ingested_without_year_unless_edited(site):
    seeds, content = site
    dragon = content / "papers" / "dragon-distributional-rewards-optimize-diffusion-generative.yaml"
    reward = content / "papers" / "reward-design-for-reinforcement-learning-agents.yaml"
    assert "date" not in load(dragon)
    reward.write_text(reward.read_text(encoding="utf-8") + "date: '2024-03-27'\n", encoding="utf-8")
    run = ingest(seeds, content, "--as-of", "2025-07-01")
    assert run.returncode == 0, run.stderr
    assert ("ingest: papers/dragon-distributional-rewards-optimize-diffusion-generative.yaml: date 2025-04-21 "
            "(printed 'Apr 21', --as-of 2025-07-01)") in run.stderr.splitlines()
    assert load(dragon)["date"] == "2025-04-21" and load(dragon)["date_as_printed"] == "Apr 21"
    assert load(reward)["date"] == "2024-03-27"                    # the editor's date stands
    assert_rerun_changes_nothing(seeds, content, "--as-of", "2025-07-01")


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(lines_strategy, min_size=1, max_size=3))
def test_any_dumps_ingest_to_readable_yaml_and_a_second_run_finds_nothing_new(files):
    """End to end on arbitrary text: no crash, every entry is valid YAML, and re-running is a no-op."""
    import tempfile

    from site_builder.ingest import run
    from site_builder.ingest.report import render_report

    root = Path(tempfile.mkdtemp())
    try:
        (root / "seeds").mkdir()
        for i, lines in enumerate(files):
            (root / "seeds" / f"{i}.txt").write_text("\n".join(lines), encoding="utf-8")
        first = run(root / "seeds", root / "content", "2025-01-01")
        render_report(first)
        for path in (root / "content").rglob("*.yaml"):
            assert isinstance(yaml.safe_load(path.read_text(encoding="utf-8")), dict)
        before = snapshot(root / "content")
        assert run(root / "seeds", root / "content", "2025-01-01").new_records == 0
        assert snapshot(root / "content") == before
    finally:
        shutil.rmtree(root)


def test_a_failure_while_writing_leaves_content_as_it_was(site, monkeypatch):
    """New dumps that fill an entry, create others and move nothing: the disk fills up when the
    ledger (written last) is replaced: the new files go, the filled entry gets its bytes back."""
    import os

    from site_builder.errors import IngestError
    from site_builder.ingest import entries, pipeline

    seeds, content = site
    (seeds / "005_new.txt").write_text(NEW_DUMP, encoding="utf-8")
    before = {str(p.relative_to(content)): p.read_bytes() if p.is_file() else None for p in content.rglob("*")}
    real_replace = os.replace

    def replace(source, target):
        if Path(target).name == "ledger.yaml":
            raise OSError(28, "No space left on device", str(target))
        real_replace(source, target)

    monkeypatch.setattr(entries.os, "replace", replace)
    with pytest.raises(IngestError, match=r"ledger\.yaml: could not be written: no space left on the disk \(free "
                                          r"some space on the disk, then run it again; nothing was changed in "):
        pipeline.run(seeds, content, None, jobs=1, report=content / pipeline.REPORT_PATH)
    assert {str(p.relative_to(content)): p.read_bytes() if p.is_file() else None for p in content.rglob("*")} == before
