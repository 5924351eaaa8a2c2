"""What `build` prints: one summary line, warnings counted by kind, nothing at all with --quiet."""
from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import write_content
from site_builder.progress import Reporter

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def content(tmp_path) -> Path:
    drafts = {f"draft-{n}": {"title": "", "status": "draft"} for n in range(3)}
    papers = {"known": {"title": "A Paper", "authors": ["Ada Lovelace", "Nobody Known"], "date": "2024"}, **drafts}
    return write_content(tmp_path / "content", papers=papers,
                         authors={"ada-lovelace": {"name": "Ada Lovelace"}})


def build(content: Path, *flags: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "site_builder", "build", "--content", str(content),
                           "--out", str(content.parent / "output"), *flags],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_warnings_of_one_kind_are_one_line_and_a_single_one_is_shown_whole(content):
    result = build(content)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == (f"3 warnings: draft has no title yet ({content / 'papers' / 'draft-0.yaml'}:1 and 2 more; "
                        "--verbose lists them)")
    assert lines[1].startswith(f"{content / 'papers' / 'known.yaml'}:")
    assert lines[1].endswith("warning: author 'Nobody Known' matches no author entry (add an author entry, "
                             "or add this spelling to an author's aliases)")
    assert len(lines) == 3 and lines[2].startswith("built ") and lines[2].endswith(", 4 warning(s)")
    assert result.stdout == ""


def test_verbose_lists_every_warning(content):
    lines = build(content, "--verbose").stderr.splitlines()
    drafts = [line for line in lines if "draft has no title yet" in line]
    assert [line.split(":")[0] for line in drafts] == [str(content / "papers" / f"draft-{n}.yaml") for n in range(3)]


def test_quiet_prints_nothing_on_success(content):
    result = build(content, "--quiet")
    assert result.returncode == 0
    assert result.stderr == "" and result.stdout == ""


def test_a_build_big_enough_for_workers_prints_only_its_summary_in_a_log(tmp_path):
    """A CI log (no terminal): the pages rendered by workers print no progress line for a build
    of a few seconds, only the summary."""
    papers = {f"paper-{n}": {"title": f"Paper number {n}", "authors": ["Ada Lovelace"], "date": "2024"}
              for n in range(300)}
    content = write_content(tmp_path / "content", papers=papers, authors={"ada-lovelace": {"name": "Ada Lovelace"}})
    result = build(content, "--jobs", "2")
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("built ") and int(lines[0].split()[1]) >= 600, lines


def test_a_long_run_in_a_log_prints_a_progress_line_every_few_seconds(monkeypatch):
    clock = iter(range(0, 1000, 2))          # each item takes 2 seconds
    monkeypatch.setattr("site_builder.progress.time.perf_counter", lambda: next(clock))
    stream = io.StringIO()
    reporter = Reporter(stream=stream)
    assert list(reporter.progress(range(12), 12, "pages", min_total=0)) == list(range(12))
    assert stream.getvalue().splitlines() == ["pages: 3/12", "pages: 6/12", "pages: 9/12", "pages: 12/12"]
