"""Ingest and import against what editors do to content/: a hand-written paper they delete stays
deleted (issue 16), and a run killed at any moment leaves content/ as it was or as a whole run
leaves it, never a mixture (issue 17)."""
from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT
from site_builder import cli

HAND_WRITTEN = """title: Bandit Algorithms for Tree Search
authors:
- Pierre-Arnaud Coquelin
- Rémi Munos
date: "2007"
"""


def tree(folder: Path) -> dict[str, bytes | None]:
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else None) for p in sorted(folder.rglob("*"))}


def run_import(capsys, *args) -> tuple[int, str, str]:
    code = cli.main(["import", *map(str, args), "--jobs", "1"])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_hand_written_paper_an_editor_deleted_is_not_brought_back(tmp_path, capsys):
    site = tmp_path / "content"
    shutil.copytree(ROOT / "content", site)
    paper = site / "papers" / "bandit-algorithms-for-tree-search.yaml"
    paper.write_text(HAND_WRITTEN, encoding="utf-8")           # written by hand, never by ingest or import
    other = tmp_path / "other.bib"                             # any later import sees it in content/
    other.write_text("@article{o, title = {Some Other Paper on Planning}, author = {Jane Doe}, year = 2021}\n")
    assert run_import(capsys, other, "--content", site)[0] == 0
    assert paper.read_text(encoding="utf-8") == HAND_WRITTEN
    paper.unlink()                                             # the editor deletes it
    before = tree(site)
    bib = tmp_path / "coquelin.bib"
    bib.write_text("@inproceedings{c, title = {Bandit Algorithms for Tree Search}, "
                   "author = {Coquelin, Pierre-Arnaud and Munos, R{\\'e}mi}, booktitle = {UAI}, year = 2007}\n")
    code, out, err = run_import(capsys, bib, "--content", site, "--dry-run")
    assert code == 0
    assert out.splitlines() == [
        "would skip coquelin.bib:1: the same paper as papers/bandit-algorithms-for-tree-search.yaml, "
        "which an editor deleted"]
    assert run_import(capsys, bib, "--content", site)[0] == 0
    assert not paper.exists()
    assert sorted(tree(site)) == sorted(before)


def test_a_hand_written_author_list_is_not_extended_by_import(tmp_path, capsys):
    """Remembering an editor's entry does not make its author list ingest's to extend."""
    site = tmp_path / "content"
    shutil.copytree(ROOT / "content", site)
    paper = site / "papers" / "bandit-algorithms-for-tree-search.yaml"
    paper.write_text(HAND_WRITTEN, encoding="utf-8")
    other = tmp_path / "other.bib"
    other.write_text("@article{o, title = {Some Other Paper on Planning}, author = {Jane Doe}, year = 2021}\n")
    assert run_import(capsys, other, "--content", site)[0] == 0
    bib = tmp_path / "more.bib"
    bib.write_text("@inproceedings{c, title = {Bandit Algorithms for Tree Search}, "
                   "author = {Coquelin, Pierre-Arnaud and Munos, R{\\'e}mi and Doe, Jane}, year = 2007}\n")
    assert run_import(capsys, bib, "--content", site)[0] == 0
    assert paper.read_text(encoding="utf-8").startswith(HAND_WRITTEN)
    assert "Jane Doe" not in paper.read_text(encoding="utf-8")
