"""The incremental engine: a ``Work`` (build/work.py) that remembers what earlier builds made.

It keeps two things beside the output folder, in ``.cache/build/<output>/``, never in the
published site:

- each step's results (``Store``): the entry files as read, the papers' texts, the list
  entries, the search documents and shards... each under the item's identity, with a digest
  of what it was made from (``Step.key``). A result is reused while that digest is the same.
- the record of the output, as Lektor's build state: for every output, a digest of what
  every output is made from (code, templates, translations, settings: the "look"), a digest
  of what it shows (build/kinds.py), and the size, time and inode of each file it wrote.

A build makes an output again when either digest differs or when one of its files is not as
recorded (deleted, edited by hand, or half-written by a build that was stopped); every other
output stays as it is. Results are reused only under the same code; a store that cannot be
read, or that other code wrote, is ignored: that build makes everything, and records it.
"""
from __future__ import annotations

import os
import sys
import threading
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from .. import parallel
from ..build import render, writer
from ..build.work import Reuse, Step, Work, fingerprint
from ..progress import Reporter
from ..settings import Settings
from .store import CHUNK, MISSING, SMALL_CHUNK, Store

FORMAT = 1
NO_VERSION = (object(), b"")        # the version of an item whose result is never reused: never found
_PACKAGE = Path(__file__).resolve().parents[1]          # site_builder/
NOT_BUILD_CODE = {"ingest", "serve.py", "scaffold.py", "cli.py", "check.py", "__main__.py"}


def code_digest() -> bytes:
    """Of the code a build runs (editing ingest or serve keeps what the builds made)."""
    files = sorted(p for p in _PACKAGE.rglob("*.py") if p.relative_to(_PACKAGE).parts[0] not in NOT_BUILD_CODE)
    return fingerprint((FORMAT, sys.version_info[:2],
                        tuple((p.relative_to(_PACKAGE).as_posix(), p.read_bytes()) for p in files)))


def folder_for(out_dir: Path) -> Path:
    """Where the engine keeps what it knows about ``out_dir``: beside it, never inside."""
    out = Path(out_dir).resolve()
    return out.parent / ".cache" / "build" / out.name


class Incremental(Work):
    """A Work that answers steps from earlier builds and makes only the outputs that are out of date.

    ``store``: the Store of an earlier build in this process (serve keeps it between rebuilds),
    used when it belongs to the same output folder and code."""

    def __init__(self, settings: Settings, reporter: Reporter | None = None, store: Store | None = None):
        super().__init__(settings.jobs)
        self.reporter = reporter or Reporter(quiet=True)
        self.out_dir = Path(settings.out)
        code = code_digest()
        site = tuple(vars(settings.site).values())
        self.look = fingerprint((code, render.templates_digest(settings.templates), site,
                                 tuple(vars(settings.urls).values())))
        folder = folder_for(self.out_dir)
        self.store = store if store is not None and store.folder == folder and store.code == code \
            else Store(folder, code)
        self.compiled_templates = folder.parent / "templates"
        self._shown: dict[str, bytes] = {}      # output -> digest of what it shows, this build
        self.reused = self.ran = 0
        # The record is trusted only for the output it describes: the marker file's time is set
        # anew by each build that changes the output, so an older record (a store put back, a
        # build that stopped before recording) does not match it.
        self._previous = self.store.outputs if _stamp(self.out_dir, writer.MARKER) == self.store.marker else {}
        # Its files are checked against it while the build reads and prepares (35,000 stats at 10k papers).
        # Work is done beside the build when a core is free as it starts (its own forks would count
        # later): a first build too, whose stages before the pages leave a core idle (1k papers:
        # 1.00 -> 0.91 s; 10k, two languages: 9.9 -> 9.1 s; benchmarks/README.md, thirteenth round).
        folder, previous = os.path.join(self.out_dir, ""), self._previous
        self._beside = parallel.core_free()
        self._changed_files = Beside(lambda: _changed(previous, folder), fork=self._beside and bool(previous))

    # -- steps -------------------------------------------------------------------
    def map(self, step: Step, items, lazy: bool = False):
        versions = []
        for item in items:
            key = step.key(item)
            if key is not None:
                identity, inputs = key
                key = (identity, inputs if type(inputs) is bytes else fingerprint(inputs))
            versions.append(key)
        table = self.store.table(step.name, SMALL_CHUNK if step.read_few else CHUNK)
        if lazy:
            return self._lazy(step, items, versions, table)
        results = table.get_all([NO_VERSION if version is None else version for version in versions])
        missing = [i for i, result in enumerate(results) if result is MISSING]
        made = parallel.map_items(step.run, [items[i] for i in missing], self.jobs, step.min_items)
        for i, result in zip(missing, made):
            results[i] = result
            if versions[i] is not None:
                table.put(*versions[i], result)
        self.reused += len(items) - len(missing)
        self.ran += len(missing)
        return results

    def _lazy(self, step: Step, items, versions: list, table) -> "Results":
        """The results of ``step``: those to make made now, the stored ones read when used."""
        where = table.locate([NO_VERSION if version is None else version for version in versions])
        missing = [i for i, found in enumerate(where) if found is MISSING]
        made = dict(zip(missing, parallel.map_items(step.run, [items[i] for i in missing], self.jobs, step.min_items)))
        for i, result in made.items():
            if versions[i] is not None:
                table.put(*versions[i], result)
        self.reused += len(items) - len(missing)
        self.ran += len(missing)
        return Results(step, items, versions, where, made, table)

    def soon(self, function, *args):
        """Made by a forked process beside the stages in between (``Beside``), when a core is
        free: the results its steps made come back with its answer, and are kept as this build's."""
        def in_child():
            before = {name: dict(table.new) for name, table in self.store.tables.items()}
            counts = self.reused, self.ran
            result = function(*args)
            made = {name: [(identity, made) for identity, made in table.new.items()
                           if before.get(name, {}).get(identity) is not made]
                    for name, table in self.store.tables.items()}
            return result, made, self.reused - counts[0], self.ran - counts[1]

        def accept(answer):
            result, made, reused, ran = answer
            for name, results in made.items():
                for identity, (digest, value) in results:
                    self.store.table(name).put(identity, digest, value)
            self.reused, self.ran = self.reused + reused, self.ran + ran
            return result
        return Beside(lambda: function(*args), in_child, accept, fork=self._beside).result

    # -- outputs -----------------------------------------------------------------
    def outdated(self, planned: list, shows) -> Reuse:
        previous, changed = self._previous, self._changed_files.result()
        keep: dict[str, int] = {}
        make, why = [], Counter()
        examples: dict[str, list[str]] = {}
        look, shown_now = self.look, self._shown
        for page in planned:
            path = page.path
            shown = shows(page)
            if type(shown) is not bytes:
                shown = fingerprint(shown)
            shown_now[path] = shown
            record = previous.get(path)
            if record is not None and record[1] == shown and record[0] == look and path not in changed:
                for rel, size, _, _ in record[2]:
                    keep[rel] = size
                continue
            reason = _stale(record, look, shown)
            make.append(page)
            why[reason] += 1
            examples.setdefault(reason, []).append(path)
        # The files of the outputs made again or made no longer, less those that stay (a kept
        # output's files all stay: only the others' records are looked at).
        remade = {page.path for page in make}
        drop = tuple(rel for path, record in previous.items() if path in remade or path not in shown_now
                     for rel, *_ in record[2] if rel not in keep)
        self.reporter.detail(f"{len(make)} of {len(planned)} outputs to make" + "".join(
            f"; {count} {reason} (e.g. {', '.join(examples[reason][:3])})" for reason, count in why.most_common()))
        return Reuse(make, keep, drop)

    def steps_done(self) -> None:
        # What the steps made, written while the workers render pages: at 10,000 papers, 0.4 s of
        # marshalling and writing that the end of the build (``made``) no longer waits for.
        self.store.save(head=False)

    def made(self, planned: list, files: dict[str, list[str]], folder: Path,
             stamps: dict[str, tuple[int, int, int]] | None = None) -> None:
        if files or not self.store.marker:        # the output changed: its marker tells this record's from others
            now = time.time_ns()
            os.utime(folder / writer.MARKER, ns=(now, now))
            self.store.marker = _stamp(folder, writer.MARKER)
        previous, known = self.store.outputs, dict(stamps or {})
        known.pop(writer.MARKER, None)          # its time is set above: looked at again
        records = previous.copy()               # those kept stay as recorded; those no longer planned go
        for path in previous.keys() - self._shown.keys():
            del records[path]
        for page in planned:
            if page.path in files or page.path == writer.MARKER:
                written = ((rel, *known[rel]) if rel in known else _stamp(folder, rel)
                           for rel in files.get(page.path, [page.path]))
                records[page.path] = (self.look, self._shown[page.path], tuple(s for s in written if s))
        self.store.outputs = records
        self.store.save()
        self.reporter.detail(f"per-item work: {self.reused} results reused from earlier builds, {self.ran} made")


class Results(Sequence):
    """A step's results, each read from the store when first indexed (``Incremental.map(lazy=True)``)."""

    def __init__(self, step: Step, items, versions: list, where: list, made: dict, table):
        self._step, self._items, self._versions = step, items, versions
        self._where, self._made, self._table = where, made, table

    def __len__(self) -> int:
        return len(self._where)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        made = self._made.get(i, MISSING)
        if made is MISSING:
            made = self._table.at(self._where[i])
            if made is MISSING:             # its chunk is damaged: made again
                made = self._step.run(self._items[i])
                if self._versions[i] is not None:
                    self._table.put(*self._versions[i], made)
            self._made[i] = made
        return made


def _stale(record, look: bytes, shown: bytes) -> str:
    """Why an output must be made again."""
    if record is None:
        return "new"
    if record[0] != look:
        return "made with other templates, translations, settings or code"
    if record[1] != shown:
        return "whose content changed"
    return "changed in the output since (or missing)"


def _changed(records: dict, folder: str) -> set:
    """The outputs of which a file is not as recorded (deleted, edited by hand, or half-written
    by a build that was stopped), ``folder`` ending in a separator."""
    changed, stat = set(), os.stat
    for path, record in records.items():
        try:
            for rel, size, mtime, inode in record[2]:
                status = stat(folder + rel)
                if status.st_mtime_ns != mtime or status.st_size != size or status.st_ino != inode:
                    changed.add(path)
                    break
        except OSError:
            changed.add(path)
    return changed


class Beside:
    """``run()``, worked out by a forked process while this one goes on (``parallel.Forked``),
    when it can fork safely (no other thread running, as in ``serve``; not in a worker), else here
    when first asked for, as also when the child gives no answer. ``in_child()``: what the child
    runs instead, its answer plain data that pickles; ``accept(answer)``: the result, from that
    answer, here."""

    def __init__(self, run, in_child=None, accept=None, fork: bool = True):
        self._run, self._accept, self._result, self._child = run, accept, MISSING, None
        if not fork or not parallel.can_fork() or threading.active_count() > 1 or parallel.busy():
            return
        try:
            self._child = parallel.Forked(in_child or run)
        except OSError:
            pass

    def result(self):
        if self._result is MISSING:
            child, self._child = self._child, None
            try:
                answer = MISSING if child is None else child.result()
            except Exception:           # it failed or was killed: made here
                answer = MISSING
            self._result = self._run() if answer is MISSING else self._accept(answer) if self._accept else answer
        return self._result

    def __del__(self):              # not asked for (a build that stopped): the child is not left behind
        if self._child is not None:
            self._child.stop()


def _stamp(folder: Path, rel: str):
    try:
        status = os.stat(os.path.join(folder, rel))
    except OSError:
        return None
    return rel, status.st_size, status.st_mtime_ns, status.st_ino


def engine_for(settings: Settings, reporter: Reporter | None = None, store: Store | None = None) -> Work:
    """The Work a build runs with: the engine, or, with ``settings.incremental`` off, plain Work
    (everything made, nothing read or written in .cache/build/)."""
    return Incremental(settings, reporter, store) if settings.incremental else Work(settings.jobs)
