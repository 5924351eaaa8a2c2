"""A lab restyling the templates gets `templates/file:line: message`, never a traceback,
and the previous site stays online."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the program, its templates and the committed content, to break safely."""
    for name in ("site_builder", "templates", "content"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def build(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "site_builder", "build", "--jobs", "1"], cwd=project,
                          capture_output=True, text=True, timeout=300)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def break_template(project: Path, name: str, old: str, new: str) -> int:
    path = project / "templates" / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[:text.index(old)].count("\n") + 1


@pytest.mark.parametrize("old, new, message", [
    ("{{ t.all_bib }}", "{{ t.all_bibz }}", "template error: the translation table has no attribute 'all_bibz'"),
    ("{{ t.all_bib }}", "{{ t.all_bib }", "template error: unexpected '}'"),
])
def test_a_broken_template_names_file_and_line_and_keeps_the_old_site(project, old, new, message):
    assert build(project).returncode == 0
    before = snapshot(project / "output")
    line = break_template(project, "partials/footer.html", old, new)
    result = build(project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[0].startswith(f"templates/partials/footer.html:{line}: {message}")
    assert snapshot(project / "output") == before


def test_a_template_no_page_uses_stops_no_build_with_workers(project):
    """Before the page workers are forked, every template is loaded once for them all; one that
    no page uses and that does not compile, or is not UTF-8 (a draft a lab left in
    templates/), is no error: the site is the one a build without it makes."""
    assert build(project).returncode == 0
    before = snapshot(project / "output")
    (project / "templates" / "draft.html").write_text("{% if %}", encoding="utf-8")
    (project / "templates" / "partials" / "old.html").write_bytes("caf\xe9 {{ x }".encode("latin-1"))
    shutil.rmtree(project / "output")
    shutil.rmtree(project / ".cache")
    forced = ("import site_builder.build.compose as compose; compose.PARALLEL_MIN_PAGES = 0; "
              "from site_builder.cli import main; raise SystemExit(main(['build', '--jobs', '2']))")
    result = subprocess.run([sys.executable, "-c", forced], cwd=project, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert snapshot(project / "output") == before


@pytest.mark.parametrize("name, old, new", [
    # a list entry's: rendered by this process before the page workers are forked
    ("partials/entry.html", 'data-year="{{ pv.paper.year }}"', 'data-year="{{ t.entry_yearz }}"'),
    # a paper's page's: rendered by the workers (and this process, once it has made the other files)
    ("partials/cite.html", "{{ t.cite_heading }}", "{{ t.cite_headingz }}"),
])
def test_a_template_failing_while_workers_render_stops_the_build_and_keeps_the_old_site(project, name, old, new):
    """With workers, a template failing in a fragment or in a page a worker renders names its
    file and line, and nothing of the new site is published."""
    assert build(project).returncode == 0
    before = snapshot(project / "output")
    line = break_template(project, name, old, new)
    forced = ("import site_builder.build.compose as compose; compose.PARALLEL_MIN_PAGES = 0; "
              "from site_builder.cli import main; raise SystemExit(main(['build', '--jobs', '2']))")
    result = subprocess.run([sys.executable, "-c", forced], cwd=project, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[0].startswith(
        f"templates/{name}:{line}: template error: the translation table has no attribute")
    assert snapshot(project / "output") == before
    assert not [p for p in project.iterdir() if p.name.startswith(".output.")]     # no staging folder left
