"""What the incremental engine keeps between builds, in one folder.

``head.pickle`` names everything else: the format, the code it belongs to, the
segment files of each step, and the record of the output. A segment is a pickle
of some results of one step ({identity: (digest of inputs, result)}): a large
first one, then what later builds added. A build appends one segment per step it
made results for, then writes a new head; every file is written beside its
final name and renamed, so a build stopped half-way leaves the previous head,
which names only complete files. When a step has many segments, those after the
first are written again as one, and the first too once they hold a quarter as
much as it. Anything unreadable is ignored: slower, never wrong.
"""
from __future__ import annotations

import gc
import os
import pickle
import re
from pathlib import Path

FORMAT = 1
HEAD = "head.pickle"
MAX_SEGMENTS = 8


class Store:
    def __init__(self, folder: Path, code: bytes):
        self.folder, self.code = folder, code
        self.outputs: dict[str, tuple] = {}            # the record of the output (engine.py)
        self.marker: tuple | None = None               # the output's marker file as this record left it
        self._segments: dict[str, list[str]] = {}      # step -> its segment files, oldest first
        self._tables: dict[str, dict] = {}             # step -> identity -> (digest, result), once read
        self._first: dict[str, int] = {}               # step -> how many results its first segment holds
        self._later: dict[str, set] = {}               # step -> the identities its later segments hold
        self._new: dict[str, dict] = {}                # step -> what this build added
        self._next = 0
        head = _read(folder / HEAD)
        if isinstance(head, dict) and head.get("format") == FORMAT and head.get("code") == code:
            self._segments, self.outputs, self._next = head["steps"], head["outputs"], head["next"]
            self.marker = head["marker"]

    def table(self, step: str) -> dict:
        """Every result of ``step`` the store holds (read on first use)."""
        table = self._tables.get(step)
        if table is None:
            table = self._tables[step] = {}
            later = self._later[step] = set()
            for number, name in enumerate(self._segments.get(step, ())):
                part = _read(self.folder / name)
                if not isinstance(part, dict):      # damaged: forget the step's results
                    table.clear()
                    later.clear()
                    self._segments[step] = []
                    break
                table.update(part)
                if number:
                    later.update(part)
                else:
                    self._first[step] = len(part)
        return table

    def put(self, step: str, identity, entry: tuple) -> None:
        self.table(step)[identity] = entry
        self._later[step].add(identity)
        self._new.setdefault(step, {})[identity] = entry

    def save(self) -> None:
        """Write what this build added, then the head that names it."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for step, new in self._new.items():
                segments = self._segments.setdefault(step, [])
                table, later = self._tables[step], self._later[step]
                if not segments or len(later) * 4 > self._first.get(step, 0):    # all of it, as one first segment
                    del segments[:]
                    new = table
                    later.clear()
                    self._first[step] = len(table)
                elif len(segments) >= MAX_SEGMENTS:     # the later ones as one
                    del segments[1:]
                    new = {identity: table[identity] for identity in later}
                name = f"{re.sub(r'[^a-z0-9]+', '-', step.lower())}.{self._next}.pickle"
                self._next += 1
                _write(self.folder / name, new)
                segments.append(name)
            _write(self.folder / HEAD, {"format": FORMAT, "code": self.code, "steps": self._segments,
                                        "outputs": self.outputs, "marker": self.marker, "next": self._next})
            named = {HEAD, *(name for names in self._segments.values() for name in names)}
            for entry in os.scandir(self.folder):
                if entry.name not in named:
                    os.unlink(entry.path)
        except OSError:
            pass
        self._new = {}


def _read(path: Path):
    collecting = gc.isenabled()
    gc.disable()          # hundreds of thousands of objects: collections while unpickling would double the time
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    except Exception:     # missing, truncated, from another version
        return None
    finally:
        if collecting:
            gc.enable()


def _write(path: Path, data) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as f:
        pickle.dump(data, f, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)
