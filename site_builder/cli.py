"""Command line: one subcommand per job, each handing off to its own module.

Exit status: 0 ok, 1 content/user error, 2 usage error.
"""
from __future__ import annotations

import argparse
import sys

from . import collector
from .errors import SiteError, UsageError


def _add_output_flags(p: argparse.ArgumentParser) -> None:
    g = p.add_mutually_exclusive_group()
    g.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    g.add_argument("-v", "--verbose", action="store_true", help="print every step")


def _add_pipeline_flags(p: argparse.ArgumentParser, report: str) -> None:
    """The flags of the commands that run the ingest pipeline (ingest, import)."""
    p.add_argument("--report", default=None, metavar="FILE",
                   help=f"where to write the review report (default: {report})")
    p.add_argument("--jobs", type=int, default=0,
                   help="worker processes for large runs (default: all cores; 1: everything in one process)")
    _add_output_flags(p)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m site_builder", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    # --- ingest (site_builder.ingest) ---
    p = sub.add_parser("ingest", help="turn the dumps in seeds/ into YAML entries in content/")
    p.add_argument("--seeds", default="seeds/", help="folder of dump files (default: seeds/)")
    p.add_argument("--content", default="content/", help="content folder (default: content/)")
    p.add_argument("--as-of", default=None, metavar="YYYY-MM-DD",
                   help="capture date of the dumps: resolves dates printed without a year")
    _add_pipeline_flags(p, "CONTENT/ingest/report.md")

    # --- import (site_builder.ingest.importer) ---
    p = sub.add_parser("import", help="add papers from BibTeX, RIS or CSL-JSON exports to content/")
    p.add_argument("files", nargs="+", metavar="FILE", help="export files (.bib, .ris, .json; told from their content)")
    p.add_argument("--content", default="content/", help="content folder (default: content/)")
    p.add_argument("--dry-run", action="store_true",
                   help="print what would be created, merged and reported, and write nothing")
    _add_pipeline_flags(p, "CONTENT/ingest/import-report.md")

    # --- build (site_builder.build) ---
    p = sub.add_parser("build", help="render the static site into output/")
    p.add_argument("--content", default="content/", help="content folder (default: content/)")
    p.add_argument("--out", default="output/", help="output folder (default: output/)")
    p.add_argument("--base-url", default=None, help="override site.yaml base_url (e.g. /repo-name/)")
    p.add_argument("--jobs", type=int, default=0, help="worker processes (default: all cores)")
    p.add_argument("--no-cache", action="store_true", help="ignore the incremental build cache")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    _add_output_flags(p)

    # --- check (site_builder.check) ---
    p = sub.add_parser("check", help="validate every YAML entry in content/")
    p.add_argument("--content", default="content/", help="content folder (default: content/)")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    _add_output_flags(p)

    # --- serve (site_builder.serve) ---
    p = sub.add_parser("serve", help="preview the site locally, rebuilding on change")
    p.add_argument("--content", default="content/", help="content folder (default: content/)")
    p.add_argument("--out", default=None, help="where to build (default: a temporary folder)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                   help="also answer requests for this host name (the preview refuses other names)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0 picks a free one)")
    p.add_argument("--base-url", default=None, help="override site.yaml base_url (e.g. /repo-name/)")
    p.add_argument("--jobs", type=int, default=1, help="build worker processes (default: 1)")
    p.add_argument("--watch", action="append", default=[], metavar="PATH",
                   help="also rebuild when PATH changes (content/ and templates/ always are)")
    p.add_argument("--poll", action="store_true",
                   help="poll for changes (for network or container mounts that miss events)")
    _add_output_flags(p)

    # --- new (site_builder.scaffold) ---
    p = sub.add_parser("new", help="create a new, commented paper, author or news entry")
    p.add_argument("kind", choices=["paper", "author", "news"])
    p.add_argument("title", help="the paper's title, the author's name or the news item's title")
    p.add_argument("--content", default="content/", help="content folder (default: content/)")
    _add_output_flags(p)
    return parser


def _handler(command: str):
    """Import lazily: `check` should not pay for Jinja, `build` not for rapidfuzz clustering."""
    if command == "ingest":
        from .ingest import main
    elif command == "import":
        from .ingest.importer import main
    elif command == "build":
        from .build import main
    elif command == "check":
        from .check import main
    elif command == "serve":
        from .serve import main
    else:
        from .scaffold import main
    return main


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    # The command's modules are imported with the cyclic collector paused: importing makes tens
    # of thousands of objects (code, classes, compiled patterns) and no garbage cycles, and the
    # collector's passes over them were a tenth of the build's start-up (10 ms of 100).
    with collector.paused():
        handler = _handler(args.command)
    try:
        return int(handler(args) or 0)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except SiteError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
