"""When the machine fails the build (a full disk, a folder it may not write, a kill), the editor
gets one line saying where and what to do, the previous site stays as it was, and nothing is
left behind that a later build does not clean up (issue 17)."""
from __future__ import annotations

import errno
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from conftest import ROOT, write_content
from site_builder import cli
from site_builder.build import writer

ENV = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))


def tree(folder: Path) -> dict[str, bytes | None]:
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else None) for p in sorted(folder.rglob("*"))}


@pytest.fixture
def site(tmp_path) -> tuple[Path, Path]:
    """A content folder, built once into out/ (the site that is live), then edited."""
    content = write_content(tmp_path / "content", papers={"a": {"title": "First Paper", "authors": ["Jane Doe"]}},
                            authors={"jane-doe": {"name": "Jane Doe"}})
    out = tmp_path / "out"
    assert cli.main(["build", "--content", str(content), "--out", str(out), "--jobs", "1", "-q"]) == 0
    (content / "papers" / "b.yaml").write_text("title: Second Paper\n", encoding="utf-8")
    return content, out


def build(capsys, content: Path, out: Path, *extra: str) -> tuple[int, list[str]]:
    code = cli.main(["build", "--content", str(content), "--out", str(out), "--jobs", "1", "-q", *extra])
    return code, capsys.readouterr().err.splitlines()


def beside(out: Path) -> list[str]:
    return sorted(name for name in os.listdir(out.parent) if name.startswith(f".{out.name}."))


def test_a_full_disk_is_one_line_and_the_site_stays(site, capsys, monkeypatch):
    content, out = site
    before = tree(out)

    def full(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(writer.os, "write", full)
    code, err = build(capsys, content, out, "--no-cache")
    monkeypatch.undo()
    assert (code, err) == (1, [f"{out}: cannot write the site: no space left on the disk (free some space on the "
                               "disk, then run it again; the previous site is unchanged)"])
    assert tree(out) == before and beside(out) == []


def test_a_folder_it_may_not_write_in(site, capsys, monkeypatch):
    """Tests run as root, whom chmod does not stop: the refusal is made where the writer meets the disk."""
    content, out = site
    before = tree(out)
    real = tempfile.mkdtemp

    def refused(prefix="", dir=None, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", os.path.join(dir, prefix + "x1y2z3"))
    monkeypatch.setattr(writer.tempfile, "mkdtemp", refused)
    code, err = build(capsys, content, out, "--no-cache")
    monkeypatch.setattr(writer.tempfile, "mkdtemp", real)
    assert (code, err) == (1, [f"{out.parent}: cannot write the site: permission denied (make the folder writable "
                               "for you, or choose another place; the previous site is unchanged)"])
    assert tree(out) == before


def test_a_read_only_disk_at_the_swap(site, capsys, monkeypatch):
    content, out = site
    before = tree(out)
    real = os.rename

    def read_only(source, target):
        if Path(source) == out:
            raise OSError(errno.EROFS, "Read-only file system", str(source))
        real(source, target)
    monkeypatch.setattr(writer.os, "rename", read_only)
    code, err = build(capsys, content, out, "--no-cache")
    monkeypatch.undo()
    assert (code, err) == (1, [f"{out}: cannot write the site: the disk is read-only (choose a place on a disk that "
                               "can be written to; the previous site is unchanged)"])
    assert tree(out) == before and beside(out) == []


def test_a_small_update_in_place_on_a_full_disk(site, capsys, monkeypatch):
    content, out = site
    assert build(capsys, content, out)[0] == 0        # the engine now knows the site: the next edit is in place
    (content / "papers" / "b.yaml").write_text("title: Second Paper, Retitled\n", encoding="utf-8")
    before = tree(out)
    real, calls = writer.stage_file, []

    def full_at_the_second(path, parts):        # the first new file fits, the second does not
        calls.append(path)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device", path + ".tmp")
        real(path, parts)
    monkeypatch.setattr(writer, "stage_file", full_at_the_second)
    code, err = build(capsys, content, out)
    monkeypatch.setattr(writer, "stage_file", real)
    assert code == 1 and err == [f"{out}: cannot write the site: no space left on the disk (free some space on "
                                 "the disk, then run it again; the previous site is unchanged)"]
    assert tree(out) == before


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_later_build_removes_what_a_killed_build_left_beside_the_site(site, capsys):
    content, out = site
    gone = dead_pid()
    for name in (f".out.new-{gone}-abc123", f".out.old-{gone}-q9_x"):
        (out.parent / name / "en").mkdir(parents=True)
        (out.parent / name / "en" / "index.html").write_text("half a site")
    living = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        kept = [f".out.new-{living.pid}-zzz111", f".out.new-{os.getpid()}-own1", f".other.new-{gone}-abc",
                ".out.new-notapid"]
        for name in kept:
            (out.parent / name).mkdir()
        assert build(capsys, content, out, "--no-cache")[0] == 0
        assert beside(out) == sorted(n for n in kept if n.startswith(".out."))      # another build's, own, not ours
        assert (out.parent / f".other.new-{gone}-abc").is_dir()
    finally:
        living.kill()
        living.wait()


def test_two_builds_at_once_leave_one_whole_site(site, tmp_path):
    content, out = site
    args = [sys.executable, "-m", "site_builder", "build", "--content", str(content), "--out", str(out), "--no-cache",
            "-q", "--jobs", "1"]
    builds = [subprocess.Popen(args, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
              for _ in range(3)]
    results = [(b.wait(timeout=120), b.stderr.read()) for b in builds]
    for code, err in results:
        assert "Traceback" not in err
        assert code == 0 or err.startswith(f"{out}: cannot write the site: "), err
    assert any(code == 0 for code, _ in results)
    reference = tmp_path / "reference"
    subprocess.run([sys.executable, "-m", "site_builder", "build", "--content", str(content), "--out", str(reference),
                    "--no-cache", "-q"], env=ENV, check=True)
    assert tree(out) == tree(reference)
    assert beside(out) == []
