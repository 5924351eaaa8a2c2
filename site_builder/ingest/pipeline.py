"""`python -m site_builder ingest`: seed dumps -> deduplicated YAML entries in content/.

read dumps -> parse records -> ``place``: skip records the ledger already placed -> normalise ->
cluster papers and people -> merge each group -> new entries, only missing fields of existing
ones -> ledger -> review report, all written at the end together or not at all. See
docs/ingest.md. ``place`` is every front end's: ``import`` (importer.py) hands it the records
of BibTeX, RIS and CSL-JSON exports instead of dumps.
"""
from __future__ import annotations

import contextlib
import datetime
import os
import multiprocessing as mp
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path


from .. import collector, parallel
from .cluster import PaperClusters, PeopleClusters, match_records
from .dumps import Dump, read_dumps
from .entries import (AUTHOR_FIELDS, AUTHOR_HEADER, PAPER_FIELDS, PAPER_HEADER, ExistingEntry, Ledger, append_to_list,
                      assign_id, author_yaml, fill_missing, ledger_yaml, paper_yaml, read_existing, read_ledger,
                      read_entry, recover, rename_sources, replace_block_list, unlisted_roles, write_new,
                      write_together, Journal)
from ..text import name_key, slugify
from ..errors import IngestError, Problem, UsageError, environment_problem
from .merge import (PUBLICATION, Conflict, PaperEntry, PersonEntry, canonical_names, conflicts, extend_authors,
                    links_in_abstract, merge_papers, merge_people, same_publication, source_order)
from .normalise import CleanPaper, clean_name, clean_paper, make_item, resolve_date, split_name
from .parse import ParsedDump, PaperRecord, ProfileRecord, parse_dump
from .venues import venue_fields
from ..progress import Reporter
from .report import render_report

LEDGER_PATH = Path("ingest") / "ledger.yaml"
REPORT_PATH = Path("ingest") / "report.md"
_ENTRY_RE = re.compile(r"papers/[a-z0-9]+(?:-[a-z0-9]+)*")
_ANY_ENTRY_RE = re.compile(r"(?:papers|authors)/[a-z0-9]+(?:-[a-z0-9]+)*")
# Below these sizes one process is faster than starting workers (the seeds of a lab site).
PARALLEL_LINES = 20_000      # dump lines to parse
PARALLEL_ITEMS = 3_000       # records to normalise, entries to write


@dataclass
class PaperOutcome:
    entry: PaperEntry
    id: str
    action: str            # "created" | "filled" | "unchanged" | "suppressed"
    changed: list[str] = field(default_factory=list)
    added_authors: list[str] = field(default_factory=list)   # new people added to an author list ingest wrote
    extra_authors: list[str] = field(default_factory=list)   # new people left out of an edited author list
    conflicts: list[Conflict] = field(default_factory=list)  # values records gave that were not applied


@dataclass
class PersonOutcome:
    entry: PersonEntry
    id: str
    action: str
    changed: list[str] = field(default_factory=list)
    added_aliases: list[str] = field(default_factory=list)   # new spellings added to the entry's aliases
    left_aliases: list[str] = field(default_factory=list)    # new spellings its aliases could not take in place


@dataclass
class IngestResult:
    command: str = "ingest"                 # the front end: "ingest" (dumps) or "import" (exports)
    parsed: list[ParsedDump] = field(default_factory=list)
    exports: list = field(default_factory=list)   # import: the exports.ExportFile read
    problems: list[Problem] = field(default_factory=list)
    new_records: int = 0
    known_records: int = 0
    items: list[CleanPaper] = field(default_factory=list)
    clusters: PaperClusters | None = None
    people: PeopleClusters | None = None
    papers: list[PaperOutcome] = field(default_factory=list)
    persons: list[PersonOutcome] = field(default_factory=list)
    files_written: int = 0
    as_of: str | None = None
    dates_resolved: list[tuple[str, str, str]] = field(default_factory=list)   # (id, as printed, date)
    moved: list[tuple[str, str, str]] = field(default_factory=list)   # (old source, new source, entry)
    report: str = ""                        # the review report's text, when the run writes one
    written: list[Path] = field(default_factory=list)   # every file the run created or changed

    @property
    def skipped(self) -> bool:
        return any(p.is_error for p in self.problems)

    @property
    def changes_content(self) -> bool:
        """Whether this run has anything to write (else it writes nothing, not even a report)."""
        return bool(self.new_records or self.moved or self.dates_resolved)


def main(args) -> int:
    reporter = Reporter(quiet=args.quiet, verbose=args.verbose)
    seeds, content = Path(args.seeds), Path(args.content)
    if not seeds.is_dir():
        raise UsageError(f"{seeds}: no such folder of dumps")
    as_of = args.as_of
    if as_of is not None:
        try:
            datetime.date.fromisoformat(as_of)
        except ValueError:
            raise UsageError(f"--as-of {as_of!r}: expected a date as YYYY-MM-DD") from None
    report_path = Path(args.report) if args.report else content / REPORT_PATH
    result = run(seeds, content, as_of, reporter, jobs=getattr(args, "jobs", 0), report=report_path)
    for problem in sorted(result.problems, key=lambda p: (p.path, p.line, p.message)):
        reporter.problem(problem.format())
    if result.report:
        reporter.detail(f"review report: {report_path}")
    created = sum(1 for p in result.papers if p.action == "created")
    filled = sum(1 for p in result.papers if p.action == "filled")
    people = sum(1 for p in result.persons if p.action == "created")
    if result.moved:
        reporter.info(f"ingest: {len(result.moved)} records already ingested are now on other lines of their dump: "
                      "their `sources` were renamed (see the report)")
    for entry_id, printed, date in result.dates_resolved:
        reporter.info(f"ingest: papers/{entry_id}.yaml: date {date} (printed {printed!r}, --as-of {as_of})")
    if result.new_records:
        reporter.info(f"ingest: {result.new_records} new records -> {created} new papers, {filled} papers filled in, "
                      f"{people} new people ({result.known_records} records already ingested) "
                      f"in {reporter.elapsed():.1f}s; review {report_path}")
    else:
        unchanged = "" if result.dates_resolved or result.moved else "; content/ unchanged"
        reporter.info(f"ingest: nothing new ({result.known_records} records already ingested){unchanged}")
    roles = unlisted_roles(content, [p.entry.role for p in result.persons if p.action == "created"])
    if roles:
        reporter.problem(f"ingest: members' role(s) that {content / 'site.yaml'} does not list: "
                         f"{', '.join(repr(r) for r in roles)}: add each under `roles:` (an id and its name in "
                         "every language), or change the member's `role`; check refuses them until then")
    if result.skipped:
        skipped = sum(1 for p in result.problems if p.is_error)
        reporter.problem(f"ingest: {skipped} problem(s) above: those lines or files were skipped, "
                         "everything else was ingested")
        return 1
    return 0


def run(seeds: Path, content: Path, as_of: str | None, reporter: Reporter | None = None,
        jobs: int = 0, report: Path | None = None) -> IngestResult:
    """The whole ingest, one stage after the other; returns what happened, for the report.

    ``jobs`` worker processes (0: one per core) parse, normalise, compare titles and write;
    the result is the same, byte for byte, as with one process. ``report``: where to write the
    review report (None: the caller does).
    """
    with collector.paused():
        return _run(seeds, content, as_of, reporter or Reporter(quiet=True), jobs, report)


def _run(seeds: Path, content: Path, as_of: str | None, reporter: Reporter, jobs: int,
         report: Path | None) -> IngestResult:
    result = IngestResult(as_of=as_of)
    dumps, problems = read_dumps(seeds)
    result.problems.extend(problems)
    parse_jobs = jobs if sum(len(d.lines) for d in dumps) >= PARALLEL_LINES else 1
    for parsed in reporter.progress(parallel.map_items(_parse, dumps, parse_jobs, min_items=2), len(dumps), "parse",
                                    min_total=50):
        result.parsed.append(parsed)
        result.problems.extend(replace(p, path=str(seeds / p.path)) for p in parsed.problems)
        reporter.detail(f"{parsed.name}: {parsed.format}, {len(parsed.papers)} records")
    del dumps   # every line is in a record or a problem now: free the raw text of a large run
    files = [(parsed.name, sorted(list(parsed.papers) + list(parsed.profiles), key=lambda r: r.line))
             for parsed in result.parsed]
    return place(result, files, content, reporter, jobs, _clean, report)


def place(result: IngestResult, files: list[tuple[str, list]], content: Path, reporter: Reporter, jobs: int,
          clean: Callable[[object], CleanPaper], report: Path | None = None, dry_run: bool = False) -> IngestResult:
    """The stages every front end shares, from records to content/.

    ``files``: (file name as written in `sources`, its records in line order) for each file
    read; ``clean`` normalises one record for the matcher. Nothing is written until everything
    is decided; then the new entries, the filled ones, the ledger and the report are written
    together, and if any of it fails, content/ is left as it was (an ``IngestError`` says why).
    """
    if not dry_run:
        stopped = recover(content)      # a run killed while writing: finished or undone before anything is read
        if stopped:
            reporter.info(f"{result.command}: an earlier run was stopped while writing {content}; "
                          f"what it wrote was {stopped}")
    ledger, problems = read_ledger(content / LEDGER_PATH)
    result.problems.extend(problems)
    records, profiles = _new_records(result, files, ledger)
    edited: dict[Path, ExistingEntry] = {}    # existing entries as this run leaves them, written at the end
    if result.moved:
        _move_sources(content, ledger, result, edited)
    if result.as_of:
        _resolve_earlier_dates(result, content, ledger, result.as_of, edited)
    folders = [content, content / "papers", content / "authors", (content / LEDGER_PATH).parent]
    if report is not None:
        folders.append(report.parent)
    new_folders = [f for f in dict.fromkeys(folders) if not f.exists()]
    writers: list[_Writer] = []
    journal = Journal(content)
    try:
        if result.new_records:
            _place_new(result, records, profiles, content, ledger, edited, reporter, jobs, clean,
                       None if dry_run else writers, journal)
        if not result.changes_content:
            return result
        texts = {entry.path: entry.text for entry in edited.values()}
        if result.new_records or result.moved:
            texts[content / LEDGER_PATH] = ledger_yaml(ledger)   # last: it says the new entries exist
        if report is not None:
            result.report = texts[report] = render_report(result)
        if dry_run:
            return result
        for writer in writers:
            writer.wait()
        result.written = [path for writer in writers for path in writer.written] + write_together(texts, journal)
        journal.finish()
    except BaseException as exc:
        for writer in writers:
            writer.undo()
        with contextlib.suppress(OSError):
            journal.finish()             # everything is undone: nothing left to finish
        for folder in reversed(new_folders):
            with contextlib.suppress(OSError):
                folder.rmdir()           # only if it is still empty
        if isinstance(exc, OSError):
            where = exc.filename or content
            raise IngestError(problems=[environment_problem(exc, where, "could not be written",
                                                            f"nothing was changed in {content}")]) from None
        if isinstance(exc, IngestError):
            raise IngestError(f"{exc}; nothing was changed in {content}") from None
        raise
    return result


def _place_new(result: IngestResult, records: list, profiles: list[ProfileRecord], content: Path, ledger: Ledger,
               edited: dict[Path, ExistingEntry], reporter: Reporter, jobs: int, clean, writers: list | None,
               journal: Journal | None = None) -> None:
    """Match the new records against each other and the site, decide each entry, and start writing
    the new ones (``writers``; None for a dry run)."""
    existing = read_existing(content)
    result.problems.extend(existing.problems)
    for entry in edited.values():     # what this run changed already (moved sources, dates) is what it fills
        (existing.authors if entry.path.parent.name == "authors" else existing.papers)[entry.id] = entry
    _remember_found(existing, ledger)

    new = parallel.map_items(clean, records, jobs, min_items=PARALLEL_ITEMS)
    _attach_records(new, records)
    if len(records) >= 500:
        reporter.info(f"{result.command}: clustering {len(records)} new records against existing entries")
    matching = match_records(new, _paper_anchors(existing, ledger), _people_anchors(existing, ledger),
                             tuple(clean_name(p.name) for p in profiles), jobs, PARALLEL_ITEMS)
    items, result.clusters, people = matching.items, matching.papers, matching.people
    result.items, result.people = items, people
    display = canonical_names(people, {i: str(e.data.get("name") or "") for i, e in existing.authors.items()})

    papers = merge_papers(items, result.clusters, people, display, result.as_of)
    mentioned = _place_papers(papers, result, existing, ledger, reporter, edited)
    if writers is not None:
        writers.append(_Writer(content / "papers", result.papers, jobs, journal))
    persons = merge_people(people, display, mentioned, profiles)
    spelled = {a for item in items if item.record is not None for a in item.authors}
    _place_people(persons, profiles, result, existing, ledger, reporter, edited, spelled)
    if writers is not None:
        writers.append(_Writer(content / "authors", result.persons, jobs, journal))
    result.files_written = sum(1 for o in result.papers + result.persons if o.action in ("created", "filled"))


def _remember_found(existing, ledger: Ledger) -> None:
    """Every paper entry in content/ that no run wrote (an editor's own) goes into the ledger as
    it is now, so that once an editor deletes it, a record of the same paper is not made into a
    new entry again: it matches the remembered one, which is gone (issue 16)."""
    for entry_id, entry in existing.papers.items():
        title = entry.data.get("title")
        if entry_id in ledger.papers or entry.data.get("__unreadable__") or not isinstance(title, str) or not title:
            continue
        authors = entry.data.get("authors")
        ledger.papers[entry_id] = {"title": title, "found": True, "abstract": "",
                                   "authors": [a for a in authors if isinstance(a, str)] if isinstance(authors, list) else []}


def _parse(dump: Dump) -> ParsedDump:
    return parse_dump(dump.name, list(dump.lines), dump.unreadable)


def _clean(record: PaperRecord) -> CleanPaper:
    """Normalise in a worker; the record is left out of the answer (the parent has it already)."""
    return replace(clean_paper(record, venue_fields(record.venue) if record.venue else None), record=None)


def _attach_records(items: list[CleanPaper], records: list[PaperRecord]) -> None:
    """Give each cleaned item its record back. Text a worker sent back is a copy: where it equals
    the record's, or a name or key seen before, keep one string, as a single process would
    (its caches hand out one string per name)."""
    seen: dict[str, str] = {}
    one = seen.setdefault
    for index, (item, record) in enumerate(zip(items, records)):
        items[index] = replace(
            item, record=record, title=record.title if item.title == record.title else item.title,
            abstract=record.abstract if item.abstract == record.abstract else item.abstract,
            title_key=one(item.title_key, item.title_key),
            authors=tuple(one(a, a) for a in item.authors), surnames=tuple(one(s, s) for s in item.surnames),
            initials=tuple(one(i, i) for i in item.initials))


class _Writer:
    """Writes the files of the entries just created in one folder (their ids are chosen already).

    When there are many, a forked process writes them while this one goes on (creating a file
    is mostly kernel time). One process per folder: processes creating files in one folder take
    turns on its lock, and splitting a folder over two showed no steady gain on this disk.
    ``wait()`` before the ledger says the entries exist; ``undo()`` removes every file it created
    (a run that fails leaves content/ as it was).
    """

    def __init__(self, folder: Path, outcomes: list, jobs: int, journal: Journal | None = None):
        self.folder = folder
        self.created = [o for o in outcomes if o.action == "created"]
        self.paths = [folder / f"{o.id}.yaml" for o in self.created]
        self.written: list[Path] = []      # the files created so far (known once the writer is done)
        self.failure = ""
        self.os_error: tuple | None = None     # (errno, file) of a failure of the disk, said as one
        self.process = None
        if not self.created:
            return
        if journal is not None:
            journal.expect(created=self.paths)       # named before any is written: a kill is undone
        folder.mkdir(parents=True, exist_ok=True)
        if parallel.workers(jobs) <= 1 or len(self.created) < PARALLEL_ITEMS or not parallel.can_fork():
            try:
                self._write()
            except Exception as exc:   # said by wait(), like a failure in the forked writer
                self.failure = str(exc) or type(exc).__name__
                if isinstance(exc, OSError) and exc.errno:
                    self.os_error = (exc.errno, exc.filename)
            except BaseException:
                self.undo()
                raise
            return
        context = mp.get_context("fork")
        self.pipe, pipe = context.Pipe(duplex=False)
        self.process = context.Process(target=self._write_in_child, args=(pipe,), daemon=True)
        self.process.start()
        pipe.close()

    def _write(self) -> None:
        for outcome, path in zip(self.created, self.paths):
            fields = paper_fields(outcome.entry) if isinstance(outcome, PaperOutcome) else person_fields(outcome.entry)
            text = paper_yaml(fields) if isinstance(outcome, PaperOutcome) else author_yaml(fields)
            write_new(path, text)
            self.written.append(path)

    def _write_in_child(self, pipe) -> None:
        try:
            self._write()
        except BaseException as exc:   # the parent reports it; a traceback here would say less
            error = (exc.errno, exc.filename) if isinstance(exc, OSError) and exc.errno else None
            pipe.send((str(exc) or type(exc).__name__, len(self.written), error))
        else:
            pipe.send(("", len(self.written), None))

    def _join(self) -> None:
        if self.process is None:
            return
        try:
            self.failure, count, self.os_error = self.pipe.recv()
            self.written = self.paths[:count]
        except EOFError:
            self.failure = f"the writing process stopped (exit status {self.process.exitcode})"
            self.written = [path for path in self.paths if path.exists()]   # free when chosen: its own
        self.process.join()
        self.process = None

    def wait(self) -> None:
        self._join()
        if self.os_error:       # the disk's failure: said like any other write's (place)
            number, filename = self.os_error
            raise OSError(number, os.strerror(number), filename or str(self.folder))
        if self.failure:
            raise IngestError(f"{self.folder}: new entries could not all be written: {self.failure}")

    def undo(self) -> None:
        self._join()
        for path in self.written:
            path.unlink(missing_ok=True)
        self.written = []


def _new_records(result: IngestResult, files: list[tuple[str, list]], ledger: Ledger
                 ) -> tuple[list, list[ProfileRecord]]:
    """Records the ledger has not seen; counts the others.

    A record is known by its place and text; a record whose text the ledger holds for the
    same file at another line (the file was re-saved with lines inserted or removed) is
    known too, and only moved: it goes to ``result.moved``, never into a second entry.
    """
    records: list = []
    profiles: list[ProfileRecord] = []
    by_file: dict[str, list[str]] = defaultdict(list)
    for source in ledger.records:
        by_file[source.rpartition(":")[0]].append(source)
    for name, found in files:
        in_place = {r.source for r in found if ledger.knows(r.source, r.digest)}
        free: dict[str, list[str]] = defaultdict(list)    # digest -> its old places that no record holds now
        if len(in_place) < len(found):
            for source in sorted(by_file.get(name, ()), key=source_order):
                if source not in in_place:
                    free[ledger.records[source].get("digest", "")].append(source)
        for record in found:
            if record.source in in_place:
                result.known_records += 1
            elif free.get(record.digest):
                old = free[record.digest].pop(0)
                result.moved.append((old, record.source, ledger.records[old].get("entry", "")))
                result.known_records += 1
            elif isinstance(record, ProfileRecord):
                profiles.append(record)
            else:
                records.append(record)
    result.new_records = len(records) + len(profiles)
    return records, profiles


def _move_sources(content: Path, ledger: Ledger, result: IngestResult, edited: dict[Path, ExistingEntry]) -> None:
    """Re-key moved records in the ledger and rename their `file:line` in the entries' `sources`
    (in place, the rest of each file kept byte for byte; a source an editor removed stays removed)."""
    rows = {old: ledger.records.pop(old) for old, _, _ in result.moved}
    renames: dict[str, dict[str, str]] = defaultdict(dict)
    for old, new, entry in result.moved:
        ledger.records[new] = rows[old]
        renames[entry][old] = new
    for entry, mapping in sorted(renames.items()):
        if not _ANY_ENTRY_RE.fullmatch(entry):
            continue   # the ledger only ever names papers/<slug> or authors/<slug>; nothing may leave content/
        current = _entry_now(content / f"{entry}.yaml", edited)
        if current is not None:
            text = rename_sources(current, mapping)
            if text is not None:
                sources = [mapping.get(s, s) if isinstance(s, str) else s for s in current.data["sources"]]
                edited[current.path] = replace(current, text=text, data=dict(current.data, sources=sources))


def _entry_now(path: Path, edited: dict[Path, ExistingEntry]) -> ExistingEntry | None:
    """An existing entry as this run has left it so far (its edits are written at the end)."""
    return edited.get(path) or read_entry(path)


def _place_papers(papers: list[PaperEntry], result: IngestResult, existing, ledger: Ledger, reporter: Reporter,
                  edited: dict[Path, ExistingEntry]) -> set[int]:
    """Fill existing paper entries (in ``edited``), choose the ids of new ones (``_Writer`` writes
    them); returns the people named on an entry that is written."""
    items, people = result.items, result.people
    taken = set(existing.papers) | set(ledger.papers)
    mentioned: set[int] = set()
    ordered = sorted(papers, key=lambda e: source_order(e.sources[0]))
    for entry in reporter.progress(ordered, len(ordered), "place papers"):
        outcome = _place_paper(entry, existing, taken, ledger, people, edited)
        result.papers.append(outcome)
        new_items = [items[i] for i in entry.items if items[i].record is not None]
        if outcome.action == "created" or "authors" in outcome.changed:
            mentioned.update(people.person_of[a] for item in new_items for a in item.authors)
        for item in new_items:
            ledger.records[item.source] = {"digest": item.record.digest, "entry": f"papers/{outcome.id}"}
    return mentioned


def _place_people(persons: list[PersonEntry], profiles: list[ProfileRecord], result: IngestResult, existing,
                  ledger: Ledger, reporter: Reporter, edited: dict[Path, ExistingEntry], spelled: set[str]) -> None:
    taken = set(existing.authors) | set(ledger.people)
    person_ids: dict[int, str] = {}
    ordered = sorted(persons, key=lambda p: (p.name, p.person))
    for person in reporter.progress(ordered, len(ordered), "place people"):
        new_spellings = [s for s in result.people.members[person.person] if s in spelled]
        outcome = _place_person(person, existing, taken, ledger, edited, new_spellings)
        result.persons.append(outcome)
        person_ids[person.person] = outcome.id
    for profile in profiles:
        person = result.people.person_of[clean_name(profile.name)]
        ledger.records[profile.source] = {"digest": profile.digest, "entry": f"authors/{person_ids.get(person, '')}"}


def _resolve_earlier_dates(result: IngestResult, content: Path, ledger: Ledger, as_of: str,
                           edited: dict[Path, ExistingEntry]) -> None:
    """With --as-of, give a `date` to entries ingested earlier from a date printed without a year,
    when the entry still has no date (an editor's date is never replaced)."""
    for parsed in result.parsed:
        for record in parsed.papers:
            seen = ledger.records.get(record.source)
            if not record.date_printed or not seen or seen.get("digest") != record.digest:
                continue
            resolved = resolve_date(record.date_printed, as_of)
            path = content / f"{seen.get('entry', '')}.yaml"
            if not resolved or not _ENTRY_RE.fullmatch(seen.get("entry", "")):
                continue   # the ledger only ever names papers/<slug>; anything else could leave content/
            entry = _entry_now(path, edited)
            if entry is None or entry.data.get("date"):
                continue   # gone, unreadable (`check` reports it), or dated already
            new_text, changed = fill_missing(entry, {"date": resolved}, PAPER_HEADER, PAPER_FIELDS)
            if changed and new_text != entry.text:
                edited[path] = replace(entry, text=new_text, data=dict(entry.data, date=resolved))
                result.dates_resolved.append((path.stem, record.date_printed, resolved))


def _paper_anchors(existing, ledger: Ledger) -> list[CleanPaper]:
    """Existing entries (as they are now, and as first ingested) and deleted ones, to match new records against.
    An entry's year (unless it is a preprint), venue, DOI and arXiv id are evidence for records that have them too."""
    anchors = []
    for entry_id in sorted(existing.papers):
        data = existing.papers[entry_id].data
        if data.get("__unreadable__"):
            continue
        authors = tuple(clean_name(str(a)) for a in data.get("authors") or [] if isinstance(a, str))
        year = "" if data.get("type") == "preprint" else str(data.get("date") or "")[:4]
        anchors.append(make_item(str(data.get("title") or ""), authors, str(data.get("abstract") or ""),
                                 anchor=entry_id, year=year if year.isdigit() else "",
                                 venue=_text(data.get("venue")), doi=_text(data.get("doi")),
                                 arxiv=_text(data.get("arxiv")),
                                 issue=tuple(str(data.get(name) or "") for name in ("volume", "number", "pages"))))
    for entry_id in sorted(ledger.papers):
        info = ledger.papers[entry_id]
        current = existing.papers.get(entry_id)
        if current is not None and (current.data.get("title") or "") == info.get("title", ""):
            continue
        anchors.append(make_item(info.get("title", ""), tuple(info.get("authors", ())), info.get("abstract", ""),
                                 anchor=entry_id))
    return anchors


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def _people_anchors(existing, ledger: Ledger) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for author_id, entry in existing.authors.items():
        data = entry.data
        if data.get("__unreadable__") or not data.get("name"):
            continue
        spellings = [clean_name(str(data["name"]))] + [clean_name(str(a)) for a in data.get("aliases") or []]
        out[author_id] = list(dict.fromkeys(spellings))
    for author_id, spellings in ledger.people.items():
        out[author_id] = list(dict.fromkeys(out.get(author_id, []) + [clean_name(s) for s in spellings]))
    return out


# The fields of a paper entry that come from its records, besides title, authors, abstract and sources.
_RECORD_FIELDS = ("type", "date", "date_as_printed", "venue", "volume", "number", "pages", "doi", "arxiv", "url",
                  "organisation", "author_count", "upvotes")


def paper_fields(entry: PaperEntry) -> dict:
    fields = {"title": entry.title, "status": entry.status, "authors": list(entry.authors),
              "abstract": entry.abstract, "sources": list(entry.sources),
              **{name: getattr(entry, name) for name in _RECORD_FIELDS}}
    links = links_in_abstract(entry.abstract)       # only what the abstract itself links to
    if links:
        fields["links"] = links
    return fields


def _paper_id(entry: PaperEntry, taken: set[str]) -> str:
    if entry.title:
        base = slugify(entry.title) or "paper"
    else:
        base = "draft-" + (slugify(" ".join(entry.abstract.split()[:8]), 50) or "untitled")
    extra = slugify(split_name(entry.authors[0]).surname, 20) if entry.authors else ""
    return assign_id(base, taken, extra)


def _place_paper(entry: PaperEntry, existing, taken: set[str], ledger: Ledger, people: PeopleClusters,
                 edited: dict[Path, ExistingEntry]) -> PaperOutcome:
    """Fill an existing entry (its new text goes to ``edited``); a new one gets its id now, its
    file later (``_Writer``). A value a record gives that differs from the one kept is a conflict,
    for the report: never applied."""
    if entry.anchor:
        current = existing.papers.get(entry.anchor)
        if current is None:
            return PaperOutcome(entry, entry.anchor, "suppressed")
        fields = paper_fields(entry)
        fields.pop("status")   # publishing is the editor's decision once an entry exists
        details = {k: v for k in PUBLICATION if isinstance(v := current.data.get(k), str) and v}
        if details and not same_publication(details, {k: fields[k] for k in PUBLICATION if fields[k]}):
            for name in PUBLICATION:   # another version's pages never go with the entry's venue: a conflict
                fields.pop(name)
        found = conflicts(entry, current.data)
        current, added, extra = _add_authors(current, entry, ledger, people)
        text, changed = fill_missing(current, fields, PAPER_HEADER, PAPER_FIELDS)
        if added:
            changed = [k for k in PAPER_FIELDS if k in changed or k == "authors"]
        if changed and text != existing.papers[entry.anchor].text:
            filled = {k: fields[k] for k in changed if k not in ("authors", "sources")}
            edited[current.path] = replace(current, text=text, data=dict(current.data, **filled))
            return PaperOutcome(entry, entry.anchor, "filled", changed, added, extra, found)
        return PaperOutcome(entry, entry.anchor, "unchanged", extra_authors=extra, conflicts=found)
    entry_id = _paper_id(entry, taken)
    ledger.papers[entry_id] = {"title": entry.title, "authors": list(entry.authors),
                               "abstract": "" if entry.title else entry.abstract[:300]}
    return PaperOutcome(entry, entry_id, "created", conflicts=conflicts(entry))


def _add_authors(current: ExistingEntry, entry: PaperEntry, ledger: Ledger,
                 people: PeopleClusters) -> tuple[ExistingEntry, list[str], list[str]]:
    """Authors are the union of all versions: new people join an entry's list while that list is
    still exactly what ingest last wrote (per the ledger). Once an editor changed it, it is theirs:
    the new people are only returned, for the report. Returns (entry, people added, people left out)."""
    now = current.data.get("authors")
    if not isinstance(now, list) or not now or not all(isinstance(a, str) for a in now) or not entry.people:
        return current, [], []   # absent: fill_missing adds it whole; anything else is the editor's
    now_people = [people.person_of.get(clean_name(a)) for a in now]
    merged, added = extend_authors(now, now_people, entry.people, dict(zip(entry.people, entry.authors)))
    if not added:
        return current, [], []
    remembered = ledger.papers.get(current.id, {})
    written = None if remembered.get("found") else remembered.get("authors")
    text = replace_block_list(current.text, "authors", now, merged) if written == now else None
    if text is None:
        return current, [], added
    ledger.papers[current.id]["authors"] = list(merged)
    return ExistingEntry(current.id, current.path, text, dict(current.data, authors=merged)), added, []


def person_fields(person: PersonEntry) -> dict:
    """A person's fields. Someone with a profile record (the old site's people pages list the lab's
    own people) is a member; nobody else is said to be one (``None``: the field is not written)."""
    return {"name": person.name, "aliases": list(person.aliases), "role": person.role,
            "member": True if person.sources else None, "sources": list(person.sources)}


def _place_person(person: PersonEntry, existing, taken: set[str], ledger: Ledger, edited: dict[Path, ExistingEntry],
                  new_spellings: list[str]) -> PersonOutcome:
    """Fill an existing person (its new text goes to ``edited``); a new one gets its id now, its file
    later (``_Writer``). A spelling of an existing person that new records bring, that the entry's
    name and aliases do not already give (the site links a name to a person by those, ignoring
    case and accents) and that no earlier run placed (an editor may have removed it), is added
    to its aliases."""
    if person.anchor:
        current = existing.authors.get(person.anchor)
        if current is None:
            return PersonOutcome(person, person.anchor, "suppressed")
        known = {name_key(str(s)) for s in [current.data.get("name"), *(_list(current.data.get("aliases"))),
                                             *ledger.people.get(person.anchor, [])] if s}
        text, changed = fill_missing(current, person_fields(person), AUTHOR_HEADER, AUTHOR_FIELDS)
        ledger.people[person.anchor] = list(dict.fromkeys(ledger.people.get(person.anchor, []) + [person.name]
                                                          + list(person.aliases)))
        added = list(person.aliases) if "aliases" in changed else []
        left: list[str] = []
        if "aliases" not in changed:
            fresh = []
            for spelling in new_spellings:
                if name_key(spelling) not in known:
                    known.add(name_key(spelling))
                    fresh.append(spelling)
            appended = append_to_list(replace(current, text=text), "aliases", fresh) if fresh else None
            if appended is not None:
                text, added = appended, fresh
                changed = [k for k in AUTHOR_FIELDS if k in changed or k == "aliases"]
            else:
                left = fresh
        if changed and text != current.text:
            edited[current.path] = replace(current, text=text)
            return PersonOutcome(person, person.anchor, "filled", changed, added, left)
        return PersonOutcome(person, person.anchor, "unchanged", left_aliases=left)
    author_id = assign_id(slugify(person.name) or "person", taken)
    ledger.people[author_id] = [person.name] + list(person.aliases)
    return PersonOutcome(person, author_id, "created")


def _list(value) -> list:
    return value if isinstance(value, list) else []
