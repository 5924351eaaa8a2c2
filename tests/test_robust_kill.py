"""Kill loops: `ingest`, `import` and `build` killed (SIGKILL) at random moments. content/ is then,
once the next run has finished or undone what was stopped (its first step), exactly as before
or exactly as a whole run leaves it; the site is the old one or the new one, and the next build
leaves nothing beside it. ``KILL_TRIALS`` sets the trials per command (default 5)."""
from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, edit
from site_builder.ingest.entries import JOURNAL_PATH, recover

ENV = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
TRIALS = int(os.environ.get("KILL_TRIALS", "5"))
SEED = int(os.environ.get("KILL_SEED", "17"))

pytestmark = pytest.mark.slow


def digest(folder: Path) -> str:
    """Every file under ``folder``: its path and bytes."""
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def command(*args: str, cwd: Path) -> list[str]:
    return [sys.executable, "-m", "site_builder", *args]


def complete(args: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run(args, cwd=cwd, env=ENV, check=True, capture_output=True, timeout=300)
    return time.perf_counter() - started


def kill_after(args: list[str], cwd: Path, delay: float) -> int | None:
    """Start the command, kill it after ``delay`` seconds; its exit status if it finished first."""
    process = subprocess.Popen(args, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        return process.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
        return None


def kill_loop(tmp_path: Path, prepare, args: list[str], folder: str) -> dict[str, int]:
    """``prepare(trial_dir)`` lays out the inputs; ``args`` run from there change ``folder``."""
    reference = tmp_path / "reference"
    prepare(reference)
    before = digest(reference / folder)
    seconds = complete(args, reference)
    after = digest(reference / folder)
    assert before != after
    rng = random.Random(SEED)
    outcomes = {"before": 0, "after": 0, "finished by the next run": 0, "undone by the next run": 0, "completed": 0}
    for trial in range(TRIALS):
        where = tmp_path / f"trial-{trial}"
        prepare(where)
        status = kill_after(args, where, rng.uniform(0.5, 1.05) * seconds)   # writing comes last
        if status is not None:
            outcomes["completed"] += 1
        stopped = recover(where / "content") if folder == "content" else ""
        if stopped:
            outcomes[f"{stopped} by the next run"] += 1
        state = digest(where / folder)
        assert state in (before, after), f"trial {trial}: a half state (seed {SEED})"
        outcomes["before" if state == before else "after"] += 1
        shutil.rmtree(where)
    print(f"\n{' '.join(args[3:5])}: {TRIALS} kills over {seconds:.1f}s runs: {outcomes}")
    return outcomes


def test_ingest_killed_at_random_moments_is_all_or_nothing(tmp_path):
    def prepare(where: Path) -> None:
        (where / "content").mkdir(parents=True)
        shutil.copy(ROOT / "content" / "site.yaml", where / "content" / "site.yaml")
        shutil.copytree(ROOT / "seeds", where / "seeds")
    kill_loop(tmp_path, prepare, command("ingest", "--seeds", "seeds", "--content", "content", "--jobs", "1",
                                         cwd=tmp_path), "content")


def bibtex(count: int) -> str:
    """``count`` new papers, and one the site has (its DOI fills the existing entry)."""
    entries = [f"@article{{p{i}, title = {{Synthetic Study Number {i} of Robust Planning}}, "
               f"author = {{Doe, Jane and Person{i}, Alex}}, journal = {{Journal of Tests}}, year = {2000 + i % 20}}}"
               for i in range(count)]
    entries.append("@article{nash, title = {Nash Learning from Human Feedback}, author = {Munos, R{\\'e}mi and "
                   "Valko, Michal}, year = 2023, doi = {10.48550/arXiv.2312.00886.test}}")
    return "\n".join(entries) + "\n"


def test_import_killed_at_random_moments_is_all_or_nothing(tmp_path):
    text = bibtex(150)

    def prepare(where: Path) -> None:
        shutil.copytree(ROOT / "content", where / "content")
        (where / "refs.bib").write_text(text, encoding="utf-8")
    kill_loop(tmp_path, prepare, command("import", "refs.bib", "--content", "content", "--jobs", "1",
                                         cwd=tmp_path), "content")


def test_build_killed_at_random_moments_leaves_the_old_site_or_the_new_one(tmp_path):
    base = tmp_path / "base"
    shutil.copytree(ROOT / "content", base / "content")
    subprocess.run(command("build", "--content", "content", "--out", "out", "-q", cwd=base), cwd=base, env=ENV,
                   check=True, timeout=300)
    paper = base / "content" / "papers" / "nash-learning-from-human-feedback.yaml"
    edit(paper, title="Nash Learning from Human Feedback, Revised")
    def prepare(where: Path) -> None:
        shutil.copytree(base, where, symlinks=True)
    args = command("build", "--content", "content", "--out", "out", "--no-cache", "-q", cwd=tmp_path)
    kill_loop(tmp_path, prepare, args, "out")

    where = tmp_path / "leftovers"                     # and what a killed build leaves, the next one removes
    prepare(where)
    kill_after(args, where, 1.0)
    complete(args, where)
    assert [n for n in os.listdir(where) if n.startswith(".out.")] == []


def test_a_half_written_content_folder_is_refused_until_the_next_run_finishes_it(tmp_path):
    from conftest import write_content
    from site_builder.build.loader import load_content
    content = write_content(tmp_path / "content", papers={"a": {"title": "A"}})
    stray = content / "papers" / "b.yaml"
    stray.write_text("title: B\n")
    (content / JOURNAL_PATH).parent.mkdir(parents=True)
    (content / JOURNAL_PATH).write_text(f'{{"state": "writing", "created": ["{stray}"], "staged": []}}')
    assert [p.format() for p in load_content(content)[1]] == [
        f"{content}/ingest/journal.json: an ingest or import was stopped while writing content/, which is "
        "half-written (run python -m site_builder ingest (or import) again: it first finishes what was stopped)"]
    assert recover(content) == "undone"
    assert not stray.exists() and load_content(content)[1] == []


def test_a_run_killed_after_its_commit_is_finished_by_the_next(tmp_path):
    """The window between the journal's commit and the last rename, laid out as a kill leaves it:
    one new entry written, both replacements staged, the journal committed, one rename done."""
    from site_builder.ingest.entries import Journal
    content = tmp_path / "content"
    (content / "papers").mkdir(parents=True)
    (content / "ingest").mkdir()
    kept, edited, created = (content / "papers" / name for name in ("kept.yaml", "edited.yaml", "created.yaml"))
    ledger = content / "ingest" / "ledger.yaml"
    kept.write_text("title: Kept\n")
    edited.write_text("title: Before\n")
    ledger.write_text("{}\n")
    journal = Journal(content)
    journal.expect(created=[created])
    created.write_text("title: Created\n")
    staged = {edited: content / "papers" / ".edited.yaml.1.tmp", ledger: content / "ingest" / ".ledger.yaml.1.tmp"}
    journal.expect(staged=[(tmp, target) for target, tmp in staged.items()])
    staged[edited].write_text("title: After\n")
    staged[ledger].write_text('{"version": 1}\n')
    journal.commit()
    os.replace(staged[ledger], ledger)                  # killed here, before the second rename
    assert recover(content) == "finished"
    assert edited.read_text() == "title: After\n" and created.read_text() == "title: Created\n"
    assert ledger.read_text() == '{"version": 1}\n' and kept.read_text() == "title: Kept\n"
    assert sorted(p.name for p in content.rglob("*") if p.is_file()) == [
        "created.yaml", "edited.yaml", "kept.yaml", "ledger.yaml"]
