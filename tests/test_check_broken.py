"""The broken-entries corpus: for each real editor mistake, the exact line `check` prints,
its exit status, and that `build` refuses it without touching the previous site."""
from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "broken"))
import corpus  # noqa: E402

from site_builder import cli  # noqa: E402

REPO = corpus.REPO
CASES = corpus.case_names()
run = corpus.run          # `python -m site_builder ARGS` from a folder, as an editor runs it


def run_here(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """The same command through the same entry point (``cli.main``), in this process: a case
    costs no interpreter start-up. An exception escaping the command fails the test with it."""
    out, err, here = io.StringIO(), io.StringIO(), os.getcwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(list(args))
    finally:
        os.chdir(here)
    return subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_corpus_has_at_least_twenty_different_mistakes():
    assert len(CASES) >= 20
    messages = {tuple(corpus.case(name)["expect"]) for name in CASES}
    assert len(messages) == len(CASES), "two cases give the same message: one of them tests nothing new"


def test_base_site_is_clean(tmp_path):
    corpus.materialise(None, tmp_path)
    result = run("check", "--content", "content", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("name", CASES)
def test_check_prints_the_exact_message(name, tmp_path):
    expected = corpus.case(name)
    corpus.materialise(name, tmp_path)
    result = run_here("check", "--content", "content", cwd=tmp_path)
    assert result.stdout.splitlines() == expected["expect"], result.stderr
    assert result.returncode == expected["exit"]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("name", [n for n in CASES if corpus.case(n)["exit"] == 0])
def test_warnings_fail_only_with_strict(name, tmp_path):
    corpus.materialise(name, tmp_path)
    result = run_here("check", "--strict", "--content", "content", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == corpus.case(name)["expect"]


@pytest.fixture(scope="module")
def built_base(tmp_path_factory):
    """The base site built once; each case starts from a copy of this output."""
    folder = tmp_path_factory.mktemp("base")
    corpus.materialise(None, folder)
    result = run("build", "--content", "content", "--out", "output", "-q", cwd=folder)
    assert result.returncode == 0, result.stdout + result.stderr
    return folder / "output"


@pytest.mark.parametrize("name", [n for n in CASES if corpus.case(n)["exit"] == 1])
def test_build_refuses_and_leaves_previous_output_intact(name, tmp_path, built_base):
    corpus.materialise(name, tmp_path)
    shutil.copytree(built_base, tmp_path / "output", symlinks=True)
    before = snapshot(tmp_path / "output")
    assert before, "the base build wrote nothing"
    result = run_here("build", "--content", "content", "--out", "output", cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    for line in corpus.case(name)["expect"]:
        if "warning:" not in line:
            assert line in result.stderr.splitlines() + result.stdout.splitlines()
    assert snapshot(tmp_path / "output") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["content", "output"] + [p.name for p in (corpus.HERE / name).iterdir()
                                 if p.name not in ("content", "case.json")]), "build left files beside output/"
