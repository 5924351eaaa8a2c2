"""A fuzzer for content/ (issue 17): trees made of real entries from content/, left valid or broken
(random bytes, truncation, wrong types, deep nesting, huge values, unicode edge cases, odd file
kinds), and valid entries made up from scratch. For each tree, `check` and `build` end within a
time bound without an exception; a valid tree passes; a tree with an error is refused with
`path:line: message` lines and leaves the previous site byte-identical; no control character
reaches the terminal. A few trees also go through the command line: exit status 0 or 1, never a
traceback.

CI runs a small budget (FUZZ_EXAMPLES, default 20 per property); a large run is
``FUZZ_EXAMPLES=2000 python -m pytest tests/test_robust_fuzz.py`` (benchmarks/README.md has the
numbers)."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from site_builder.build import build_site
from site_builder.build.loader import load_content
from site_builder.errors import SiteError

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "20"))
SECONDS = 30                      # a check or a build of a handful of entries takes well under a second
ENV = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

PAPERS = sorted((ROOT / "content" / "papers").glob("*.yaml"))[:40:8]     # five real papers
AUTHORS = sorted((ROOT / "content" / "authors").glob("*.yaml"))[:40:10]  # four real people
BASE = {"site.yaml": (ROOT / "content" / "site.yaml").read_bytes(),
        **{f"papers/{p.name}": p.read_bytes() for p in PAPERS},
        **{f"authors/{p.name}": p.read_bytes() for p in AUTHORS}}
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=not os.environ.get("FUZZ_SEED_RANDOM"),
                suppress_health_check=list(HealthCheck), database=None)


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def previous_site(tmp_path_factory) -> tuple[Path, dict[str, bytes]]:
    """The base tree built once: every build below starts from a copy of this site."""
    folder = tmp_path_factory.mktemp("fuzz-base")
    content = lay_out(folder / "content", dict(BASE))
    build_site(content, folder / "out", jobs=1, use_cache=False)
    return folder / "out", tree(folder / "out")


def lay_out(content: Path, files: dict[str, object]) -> Path:
    for rel, data in files.items():
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        elif data == "fifo":
            os.mkfifo(path)
        elif data == "folder":
            path.mkdir()
        elif data == "device":
            os.symlink("/dev/zero", path)
        elif data == "loop":
            os.symlink(path.name, path)
    return content


# ---------------------------------------------------------------- mutations of real entries

UNICODE_EDGES = ["\u202e", "\u200b", "\ufeff", "\u0301", "\U0001f600", "\ud7ff", "\ufffd", "\u2028", "\x85",
                 "\x00", "\x1b[2J", "\x07", "e\u0301", "\u0130", "ﬁ", "𝔘𝔫𝔦", "\t", "\r", "\\", '"', "'", ": ", "- ",
                 "#", "&a", "*a", "!!python/object/apply:os.system [ls]", "{", "[", "%", "@", "`"]


def _yaml_fields(data: bytes) -> dict | None:
    try:
        value = yaml.safe_load(data)
    except yaml.YAMLError:
        return None
    return value if isinstance(value, dict) else None


@st.composite
def mutated(draw) -> dict[str, object]:
    files: dict[str, object] = dict(BASE)
    target = draw(st.sampled_from(sorted(BASE)))
    data = BASE[target]
    kind = draw(st.sampled_from(["bytes", "truncate", "wrong type", "nesting", "huge", "unicode", "odd file",
                                 "encoding", "new file", "valid"]))
    if kind == "bytes":
        for _ in range(draw(st.integers(1, 5))):
            at = draw(st.integers(0, len(data)))
            data = data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
    elif kind == "truncate":
        data = data[:draw(st.integers(0, len(data)))]
    elif kind in ("wrong type", "huge", "nesting"):
        fields = _yaml_fields(data) or {"title": "x"}
        name = draw(st.sampled_from(sorted(fields) + ["authors", "aliases", "languages", "date", "upvotes"]))
        if kind == "wrong type":
            fields[name] = draw(st.one_of(st.none(), st.booleans(), st.integers(-10 ** 30, 10 ** 30), st.floats(),
                                          st.lists(st.integers(), max_size=3),
                                          st.dictionaries(st.text(max_size=3), st.text(max_size=3), max_size=2),
                                          st.text(max_size=20)))
        elif kind == "huge":
            size = draw(st.sampled_from([10 ** 3, 10 ** 5 + 1, 3 * 10 ** 5]))
            fields[name] = draw(st.sampled_from(["x" * size, ["Jane Doe"] * (size // 50), 10 ** size.bit_length()]))
        else:
            depth = draw(st.integers(10, 200))
            value: object = "x"
            for _ in range(depth):
                value = [value]
            fields[name] = value
        data = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False).encode("utf-8")
    elif kind == "unicode":
        text = data.decode("utf-8")
        for _ in range(draw(st.integers(1, 4))):
            at = draw(st.integers(0, len(text)))
            text = text[:at] + draw(st.sampled_from(UNICODE_EDGES)) + text[at:]
        data = text.encode("utf-8")
    elif kind == "encoding":
        data = data.decode("utf-8").encode(draw(st.sampled_from(["utf-16", "utf-16-le", "utf-32", "latin-1",
                                                                  "utf-8-sig"])), "replace")
    elif kind == "odd file":
        folder = draw(st.sampled_from(["papers", "authors"]))
        files[f"{folder}/odd.yaml"] = draw(st.sampled_from(["fifo", "folder", "device", "loop"]))
    elif kind == "new file":
        name = draw(st.sampled_from(["papers/Bad Name.yaml", "papers/x.YAML", "stray.yaml", "papers/sub/x.yaml",
                                     "papers/.hidden.yaml", "authors/x.yml"]))
        files[name] = draw(st.binary(max_size=200))
    files[target] = data
    return files


# ---------------------------------------------------------------- valid entries made up from scratch

TEXT = st.text(st.characters(whitelist_categories=("L", "N", "P", "Zs", "S", "M")), min_size=1, max_size=80) \
    .filter(lambda t: t.strip())
NAME = st.text(st.characters(whitelist_categories=("L", "Zs"), blacklist_characters="\u00a0"), min_size=2,
               max_size=30).filter(lambda t: t.strip())


@st.composite
def made_up(draw) -> dict[str, object]:
    files: dict[str, object] = {"site.yaml": BASE["site.yaml"]}
    for number in range(draw(st.integers(0, 4))):
        paper = {"title": draw(TEXT), "authors": draw(st.lists(NAME, max_size=5))}
        if draw(st.booleans()):
            paper["abstract"] = draw(st.text(max_size=300).map(lambda t: t.replace("\r", "")))
        if draw(st.booleans()):
            paper["date"] = draw(st.dates(min_value=__import__("datetime").date(1900, 1, 1),
                                          max_value=__import__("datetime").date(2100, 12, 31))).isoformat()
        files[f"papers/p{number}.yaml"] = yaml.safe_dump(paper, allow_unicode=True).encode("utf-8")
    for number in range(draw(st.integers(0, 3))):
        person = {"name": draw(NAME), "aliases": draw(st.lists(NAME, max_size=3, unique=True))}
        files[f"authors/a{number}.yaml"] = yaml.safe_dump(person, allow_unicode=True).encode("utf-8")
    return files


# ---------------------------------------------------------------- the properties

def check_and_build(files: dict[str, object], previous: tuple[Path, dict[str, bytes]]) -> bool:
    """Check and build one tree in this process; True when it has no error."""
    out_before, site_before = previous
    with tempfile.TemporaryDirectory() as folder:
        content = lay_out(Path(folder) / "content", files)
        started = time.perf_counter()
        _, problems = load_content(content)
        assert time.perf_counter() - started < SECONDS
        for problem in problems:
            line = problem.format()
            assert not RAW_CONTROL.search(line), line
            assert line.startswith(str(content)), line
        ok = not any(p.is_error for p in problems)
        out = Path(folder) / "out"
        shutil.copytree(out_before, out)
        started = time.perf_counter()
        try:
            build_site(content, out, jobs=1, use_cache=False)
        except SiteError as refused:
            assert not ok, f"check passed, build refused: {refused}"
            assert tree(out) == site_before            # the previous site, byte for byte
        else:
            assert ok, "check found errors, build went on"
            assert (out / "en" / "index.html").is_file() or (out / "fr" / "index.html").is_file()
        assert time.perf_counter() - started < SECONDS
        assert [n for n in os.listdir(folder) if n.startswith(".out.")] == []
        return ok


@FUZZ
@given(files=mutated())
def test_real_entries_mutated_are_checked_and_built_or_refused_cleanly(files, previous_site):
    check_and_build(files, previous_site)


@FUZZ
@given(files=made_up())
def test_valid_entries_made_up_from_scratch_pass_and_build(files, previous_site):
    assert check_and_build(files, previous_site)


@pytest.mark.parametrize("case", ["valid", "pipe", "control characters", "utf-16", "deep nesting", "huge abstract"])
def test_the_command_line_never_prints_a_traceback(case, tmp_path):
    files: dict[str, object] = dict(BASE)
    paper = f"papers/{PAPERS[0].name}"
    if case == "pipe":
        files["papers/pipe.yaml"] = "fifo"
    elif case == "control characters":
        files[paper] = BASE[paper].replace(b"title: ", b"title: \x1b]0;x\x07", 1)
    elif case == "utf-16":
        files[paper] = BASE[paper].decode("utf-8").encode("utf-16")
    elif case == "deep nesting":
        files[paper] = b"title: " + b"[" * 5000 + b"]" * 5000 + b"\n"
    elif case == "huge abstract":
        files[paper] = BASE[paper] + b"abstract: " + b"a" * 200_000 + b"\n"
    lay_out(tmp_path / "content", files)
    results = [subprocess.run([sys.executable, "-m", "site_builder", *args, "--content", "content"], cwd=tmp_path,
                              env=ENV, capture_output=True, text=True, timeout=120)
               for args in (["check"], ["build", "--out", "out", "-q", "--jobs", "1"])]
    for result in results:
        assert "Traceback" not in result.stderr and not RAW_CONTROL.search(result.stdout + result.stderr)
        assert result.returncode == (0 if case == "valid" else 1), result.stdout + result.stderr
