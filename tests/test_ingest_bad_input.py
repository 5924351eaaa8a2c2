"""Bad dumps: a clear `file:line: message`, a non-zero exit, and every other record still ingested."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from conftest import write_seeds

ROOT = Path(__file__).resolve().parent.parent

GOOD = """\
Robust Data-driven Prescriptiveness Optimization
Mehran Poursoltani
Angelos Georghiou
"""


def ingest(seeds: Path, content: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "site_builder", "ingest", "--seeds", str(seeds), "--content",
                           str(content), *extra], cwd=ROOT, capture_output=True, text=True)


def titles(content: Path) -> set[str]:
    return {yaml.safe_load(p.read_text(encoding="utf-8")).get("title", "")
            for p in (content / "papers").glob("*.yaml")}


def test_empty_binary_and_undecodable_dumps(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a_good.txt").write_text(GOOD, encoding="utf-8")
    (seeds / "b_empty.txt").write_bytes(b"")
    (seeds / "c_blank.txt").write_bytes(b"\n  \n\n")
    (seeds / "d_image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (seeds / "e_latin1.txt").write_bytes(
        "Apprentissage par renforcement profond\nRémi Munos\n".encode("utf-8")
        + "Caf\xe9 et th\xe9orie des jeux\n".encode("latin-1")
        + "Another Good Title About Optimal Transport\nMarco Cuturi\n".encode("utf-8"))
    content = tmp_path / "content"
    run = ingest(seeds, content)
    assert run.returncode == 1
    lines = run.stderr.splitlines()
    assert f"{seeds / 'b_empty.txt'}: empty dump: nothing to ingest (remove the file or fill it)" in lines
    assert f"{seeds / 'c_blank.txt'}: empty dump: nothing to ingest (remove the file or fill it)" in lines
    assert (f"{seeds / 'd_image.txt'}: binary file, not a text dump: skipped "
            "(dumps are UTF-8 text copied from the web pages)") in lines
    assert f"{seeds / 'e_latin1.txt'}:3: line is not valid UTF-8 (byte 4): skipped (re-save the dump as UTF-8)" in lines
    assert "Traceback" not in run.stderr
    assert lines[-1].startswith("ingest: 4 problem(s) above")
    # every other record is in
    assert titles(content) == {"Robust Data-driven Prescriptiveness Optimization",
                               "Apprentissage par renforcement profond",
                               "Another Good Title About Optimal Transport"}
    report = (content / "ingest" / "report.md").read_text(encoding="utf-8")
    assert "e_latin1.txt:3: line is not valid UTF-8" in report


def test_line_that_fits_no_format_is_reported_with_its_line(tmp_path):
    seeds = write_seeds(tmp_path / "seeds", {"listing.txt": GOOD + "----- 12 -----\nPolicy Mirror Descent Revisited\n"
                                                            "Lin Xiao\n"})
    content = tmp_path / "content"
    run = ingest(seeds, content)
    assert run.returncode == 1
    assert (f"{seeds / 'listing.txt'}:4: skipped a line that fits no record format: '----- 12 -----' "
            "(a listing has a title line, author lines, then an abstract line)") in run.stderr.splitlines()
    assert titles(content) == {"Robust Data-driven Prescriptiveness Optimization", "Policy Mirror Descent Revisited"}


def test_page_chrome_in_a_listing_is_page_header_not_papers(tmp_path):
    seeds = write_seeds(tmp_path / "seeds", {"listing.txt": "Publications\nPage 1 of 3\nA Real Paper Title About "
                                                            "Things\nAlice Smith\n« Previous | Next »\n"})
    content = tmp_path / "content"
    run = ingest(seeds, content)
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in (content / "papers").glob("*.yaml")) == ["a-real-paper-title-about-things.yaml"]
    report = (content / "ingest" / "report.md").read_text(encoding="utf-8")
    assert "| listing.txt | listing | 1 | 0 | 3 | 0 |" in report


def test_record_whose_title_line_is_unreadable_is_skipped_whole(tmp_path):
    seeds = write_seeds(tmp_path / "seeds", {"listing.txt": b"Caf\xe9 au lait paper\nJean Dupont\nA Real Paper Title "
                                                            b"About Things\nAlice Smith\n"})
    content = tmp_path / "content"
    run = ingest(seeds, content)
    assert run.returncode == 1
    assert titles(content) == {"A Real Paper Title About Things"}
    assert f"{seeds / 'listing.txt'}:1: line is not valid UTF-8 (byte 4): skipped (re-save the dump as UTF-8)" \
        in run.stderr.splitlines()
    assert (f"{seeds / 'listing.txt'}:2: skipped 'Jean Dupont': it follows line 1, which could not be read, so the "
            "paper it belongs to is unknown (re-save the dump as UTF-8 and ingest again)") in run.stderr.splitlines()
    assert not (content / "authors" / "jean-dupont.yaml").exists()


def test_stray_line_in_daily_papers_is_reported(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    abstract = "We study a problem that matters a great deal to many people and we solve it well. " * 2
    (seeds / "daily.txt").write_text(
        f"Daily Papers\n\nA Title\n\n{abstract}\n\n  • 3 authors\n·\nJun 15\n\n"
        f"Another Title\n\n{abstract}\n\n  • 2 authors\n·\nDec 1, 2024 7\n\n"
        "?!\n", encoding="utf-8")
    content = tmp_path / "content"
    run = ingest(seeds, content)
    assert run.returncode == 1
    assert f"{seeds / 'daily.txt'}:19: skipped a line that fits no record format: '?!'" in run.stderr
    papers = {p["title"]: p for p in (yaml.safe_load(f.read_text(encoding="utf-8"))
                                      for f in (content / "papers").glob("*.yaml"))}
    assert papers["A Title"]["date_as_printed"] == "Jun 15" and papers["A Title"]["author_count"] == 3
    assert papers["Another Title"]["date"] == "2024-12-01" and papers["Another Title"]["upvotes"] == 7


def test_missing_seeds_folder_is_a_usage_error(tmp_path):
    run = ingest(tmp_path / "nope", tmp_path / "content")
    assert run.returncode == 2
    assert run.stderr.strip() == f"error: {tmp_path / 'nope'}: no such folder of dumps"
    assert not (tmp_path / "content").exists()


def test_bad_as_of_is_a_usage_error(tmp_path):
    (tmp_path / "seeds").mkdir()
    run = ingest(tmp_path / "seeds", tmp_path / "content", "--as-of", "June 2025")
    assert run.returncode == 2
    assert run.stderr.strip() == "error: --as-of 'June 2025': expected a date as YYYY-MM-DD"


def test_unreadable_existing_entry_is_left_untouched(tmp_path):
    seeds = write_seeds(tmp_path / "seeds", {"a.txt": GOOD})
    content = tmp_path / "content"
    (content / "papers").mkdir(parents=True)
    broken = content / "papers" / "broken.yaml"
    broken.write_text("title: [unclosed\n", encoding="utf-8")
    run = ingest(seeds, content)
    assert run.returncode == 1
    # The line and words check gives for the same mistake (one reader of content YAML for both).
    assert f"{broken}:1: cannot read this entry, left untouched: YAML syntax error at column 8: while parsing a " \
        "flow sequence, did not find expected ',' or ']' (a [ or { is opened but never closed, or an item needs " \
        "quotes)" in run.stderr
    assert broken.read_text(encoding="utf-8") == "title: [unclosed\n"
    broken.unlink()
    assert titles(content) == {"Robust Data-driven Prescriptiveness Optimization"}


def test_a_rule_between_sections_is_page_furniture_not_an_error(tmp_path):
    """"---", "* * *", "═══" between a lab page's sections: no error, nothing skipped; "?!" still is."""
    seeds = write_seeds(tmp_path / "seeds", {"listing.txt": GOOD + "---\n* * *\n═══════\nPolicy Mirror Descent Revisited\n"
                                                            "Lin Xiao\n"})
    content = tmp_path / "content"
    run = ingest(seeds, content)
    assert run.returncode == 0, run.stderr
    assert titles(content) == {"Robust Data-driven Prescriptiveness Optimization", "Policy Mirror Descent Revisited"}
