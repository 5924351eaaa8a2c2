"""`python -m site_builder import FILE…`: BibTeX, RIS and CSL-JSON exports -> entries in content/.

The second front end of the ingest pipeline: read each export into records (``exports``),
then the stages ingest uses for its dumps (``pipeline.place``: the ledger, the one matcher,
merging, filling only what an entry lacks, the review report), written together or not at
all. See docs/editing.md, "Adding papers from BibTeX, RIS or CSL-JSON".
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from .. import collector
from ..errors import UsageError, printable
from ..files import is_regular, kind_of
from ..progress import Reporter
from .exports import read_export
from .normalise import clean_export
from .pipeline import IngestResult, place
from .report import plan_lines

REPORT_PATH = Path("ingest") / "import-report.md"


def main(args) -> int:
    reporter = Reporter(quiet=args.quiet, verbose=args.verbose)
    content, paths = Path(args.content), [Path(f) for f in args.files]
    _check_arguments(paths, content)
    report = Path(args.report) if args.report else content / REPORT_PATH
    result = run(paths, content, reporter, jobs=args.jobs, report=report, dry_run=args.dry_run)
    problems = sorted(result.problems, key=lambda p: (p.path, p.line, p.message))
    for problem in problems:
        if problem.is_error:
            reporter.problem(problem.format())
    reporter.warnings([p for p in problems if not p.is_error])
    created = sum(1 for p in result.papers if p.action == "created")
    merged = sum(1 for p in result.papers if p.action in ("filled", "unchanged"))
    people = sum(1 for p in result.persons if p.action == "created")
    if args.dry_run:   # the plan is this command's output: stdout, like check's problems
        for line in plan_lines(result, dry_run=True):
            print(printable(line), file=sys.stdout)
        sys.stdout.flush()
    else:
        for line in plan_lines(result, dry_run=False):
            reporter.detail(printable(line))
    if result.new_records:
        done = "would give" if args.dry_run else "->"
        where = "nothing written (--dry-run)" if args.dry_run else f"review {report}"
        reporter.info(f"import: {result.new_records} new records {done} {created} new papers, {merged} merged into "
                      f"papers the site has, {people} new people ({result.known_records} records already imported) "
                      f"in {reporter.elapsed():.1f}s; {where}")
    else:
        unchanged = "" if result.moved else "; content/ unchanged"
        reporter.info(f"import: nothing new ({result.known_records} records already imported){unchanged}")
    if result.moved:
        reporter.info(f"import: {len(result.moved)} records already imported are now on other lines of their file: "
                      f"their `sources` {'would be' if args.dry_run else 'were'} renamed")
    if result.skipped:
        skipped = sum(1 for p in result.problems if p.is_error)
        reporter.problem(f"import: {skipped} problem(s) above: those entries or files were skipped, "
                         f"everything else was {'read' if args.dry_run else 'imported'}")
        return 1
    return 0


def _check_arguments(paths: list[Path], content: Path) -> None:
    """Mistakes in the command itself (exit status 2, nothing read or written)."""
    for path in paths:
        if not path.exists():
            raise UsageError(f"{path}: no such file")
        if path.is_dir():
            raise UsageError(f"{path}: is a folder (give the export files themselves)")
        if not is_regular(path):
            raise UsageError(f"{path}: not a regular file ({kind_of(path.stat().st_mode)}): give the export file itself")
    same = [name for name, count in Counter(p.name for p in paths).items() if count > 1]
    if same:
        raise UsageError(f"two files named {same[0]}: their entries' sources ({same[0]}:LINE) would be the same "
                         "(rename one of them)")
    if not content.is_dir():
        raise UsageError(f"{content}: no such folder (import adds papers to a site's content folder; "
                         "give it with --content)")


def run(paths: list[Path], content: Path, reporter: Reporter | None = None, jobs: int = 0,
        report: Path | None = None, dry_run: bool = False) -> IngestResult:
    """Read every export, then place its records as ingest places a dump's; returns what happened.
    ``report``: where to write the review report (None: not written); ``dry_run``: decide
    everything, write nothing."""
    reporter = reporter or Reporter(quiet=True)
    with collector.paused():
        result = IngestResult(command="import")
        for path in paths:
            export = read_export(path)
            result.exports.append(export)
            result.problems.extend(export.problems)
            reporter.detail(f"{path}: {export.format or 'not read'}, {len(export.records)} records")
        files = [(Path(export.path).name, list(export.records)) for export in result.exports]
        return place(result, files, content, reporter, jobs, clean_export, report, dry_run)
