"""Every page (and the CSS and SVG) passes the Nu Html Checker with zero errors."""
from __future__ import annotations

import json
import shutil
import subprocess


from conftest import ROOT, _require

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def nu_errors(files) -> list[str]:
    _require(shutil.which("java") is not None and VNU.is_file(), "REQUIRE_VNU", f"java and {VNU}")
    # The checker runs seconds, not minutes: Java's quick compiler only (C1) starts and checks a
    # site in a third of the CPU time (the committed site: 3.3 s instead of 8.6 s), with the
    # larger stack the checker then needs (without it, it stops with a StackOverflowError: no
    # JSON, and the test fails)
    result = subprocess.run(
        ["java", "-XX:TieredStopAtLevel=1", "-Xss8m", "-jar", str(VNU), "--errors-only", "--also-check-css", "--also-check-svg",
         "--format", "json", *map(str, files)],
        capture_output=True, text=True, timeout=600)
    report = json.loads(result.stderr or result.stdout or '{"messages": []}')
    return [f"{m.get('url', '')}:{m.get('lastLine', '?')}: {m['message']}"
            for m in report["messages"] if m.get("type") == "error" or m.get("subType") == "fatal"]


def checked_files(out):
    files = sorted(p for p in out.rglob("*") if p.suffix in (".html", ".css", ".svg") and p.is_file())
    assert any(p.name == "index.html" for p in files)
    return files


def test_demo_site_has_no_html_errors(demo_site):
    errors = nu_errors(checked_files(demo_site))
    assert not errors, "\n".join(errors[:40])


def test_committed_site_has_no_html_errors(committed_site):
    errors = nu_errors(checked_files(committed_site))
    assert not errors, "\n".join(errors[:40])


def test_the_checker_does_catch_errors(tmp_path):
    """Guard against a checker that silently passes everything."""
    bad = tmp_path / "bad.html"
    bad.write_text('<!DOCTYPE html><html lang="en"><title>x</title><p><div id="a" id="a"></p>', encoding="utf-8")
    assert nu_errors([bad])
