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

from site_builder import parallel
from site_builder.ingest import pipeline as ingest
from site_builder.progress import Reporter
from site_builder.ingest.report import render_report

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
def forced_workers(monkeypatch) -> list:
    """Every stage that can use workers does, however small the input; returns what was started:
    the size of each pool, and the folder of each forked writer of new entries."""
    monkeypatch.setattr(ingest, "PARALLEL_LINES", 0)
    monkeypatch.setattr(ingest, "PARALLEL_ITEMS", 2)
    started: list = []
    real_pool = parallel.pool

    def counting_pool(jobs: int):
        started.append(jobs)
        return real_pool(jobs)

    class CountingWriter(ingest._Writer):
        def __init__(self, folder, outcomes, jobs, journal=None):
            super().__init__(folder, outcomes, jobs, journal)
            if self.process is not None:
                started.append(folder.name)

    monkeypatch.setattr(parallel, "pool", counting_pool)
    monkeypatch.setattr(ingest, "_Writer", CountingWriter)
    return started


def test_two_workers_write_the_same_bytes_as_one_process(seeds, tmp_path, forced_workers):
    serial = ingest_into(seeds, tmp_path / "serial", jobs=1)
    assert forced_workers == []
    parallel_run = ingest_into(seeds, tmp_path / "parallel", jobs=2)
    # parse, normalise, compare titles: each in a pool of two; new papers and people: one writer each
    assert forced_workers == [2, 2, 2, "papers", "authors"]
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
    assert forced_workers.count("papers") == 2 and set(forced_workers) == {2, "papers", "authors"}
    serial, parallel_run = outputs
    assert sorted(parallel_run) == sorted(serial)
    assert [name for name in serial if parallel_run[name] != serial[name]] == []


def test_a_failing_writer_is_reported_and_the_ledger_not_written(seeds, tmp_path, forced_workers, monkeypatch):
    """A disk that fills up while a forked writer creates entries: one clear error, and no ledger
    claiming entries that are not there (the next run ingests those records again)."""
    real_write_new = ingest.write_new

    def write_new(path, text):
        if path.parent.name == "authors" and path.name > "m":
            raise OSError(28, "No space left on device")
        real_write_new(path, text)

    monkeypatch.setattr(ingest, "write_new", write_new)
    content = tmp_path / "content"
    with pytest.raises(ingest.IngestError, match=r"authors: could not be written: no space left on the disk \(free "):
        ingest.run(seeds, content, None, Reporter(quiet=True), jobs=2)
    assert "authors" in forced_workers
    assert not (content / ingest.LEDGER_PATH).exists()
