"""Ingest with worker processes writes exactly what one process writes.

The dumps are the real seeds plus a small synthetic set with known duplicates
(benchmarks/ingest_synth.py). The size thresholds below which ingest stays in one
process are lowered so that this small input goes through the workers.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from site_builder import ingest, parallel
from site_builder.progress import Reporter
from site_builder.report import render_report

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from ingest_synth import generate  # noqa: E402

pytestmark = pytest.mark.skipif(not parallel.can_fork(), reason="worker processes need fork")


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def ingest_into(seeds: Path, content: Path, jobs: int) -> dict[str, bytes]:
    result = ingest.run(seeds, content, "2025-06-01", Reporter(quiet=True), jobs=jobs)
    (content / ingest.REPORT_PATH).write_text(render_report(result), encoding="utf-8")
    return tree(content)


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("parallel")
    generate(root, 1500, seed=7, per_file=300)   # one dump of each synthetic format
    for dump in sorted((ROOT / "seeds").iterdir()):
        shutil.copy(dump, root / "seeds" / dump.name)
    return root / "seeds"


@pytest.fixture
def forced_workers(monkeypatch) -> list[int]:
    """Every stage that can use workers does, however small the input; returns the pool sizes started."""
    monkeypatch.setattr(ingest, "PARALLEL_LINES", 0)
    monkeypatch.setattr(ingest, "PARALLEL_ITEMS", 2)
    started: list[int] = []
    real_pool = parallel.pool

    def counting_pool(jobs: int):
        started.append(jobs)
        return real_pool(jobs)

    monkeypatch.setattr(parallel, "pool", counting_pool)
    return started


def test_two_workers_write_the_same_bytes_as_one_process(seeds, tmp_path, forced_workers):
    serial = ingest_into(seeds, tmp_path / "serial", jobs=1)
    assert forced_workers == []
    parallel_run = ingest_into(seeds, tmp_path / "parallel", jobs=2)
    # parse, normalise, write papers, write people: each went through a pool of two
    assert forced_workers == [2, 2, 2, 2]
    assert len([name for name in serial if name.startswith("papers/")]) > 900
    assert len([name for name in serial if name.startswith("authors/")]) > 300
    assert sorted(parallel_run) == sorted(serial)
    assert [name for name in serial if parallel_run[name] != serial[name]] == []


def test_reingest_with_workers_after_new_dumps_matches_one_process(seeds, tmp_path, forced_workers):
    """Existing entries are filled and new ones created the same way with workers (second run on new dumps)."""
    first = sorted(seeds.iterdir())
    later = [p for p in first if p.name.startswith(("0001_", "0003_"))]   # synthetic dumps of a second run
    outputs = []
    for jobs in (1, 2):
        stage = tmp_path / f"seeds-{jobs}"
        stage.mkdir()
        for dump in first:
            if dump not in later:
                shutil.copy(dump, stage / dump.name)
        content = tmp_path / f"content-{jobs}"
        ingest_into(stage, content, jobs)
        for dump in later:
            shutil.copy(dump, stage / dump.name)
        outputs.append(ingest_into(stage, content, jobs))
    assert forced_workers and set(forced_workers) == {2}
    serial, parallel_run = outputs
    assert sorted(parallel_run) == sorted(serial)
    assert [name for name in serial if parallel_run[name] != serial[name]] == []
