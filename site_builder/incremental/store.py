"""What the incremental engine keeps between builds, in one folder, read back by key.

``head.marshal`` names everything else: the format, the code it belongs to, the
segment files of each step (with their sizes), and the record of the output.
A segment holds some results of one step, by chunks of 32 consecutive ones
(marshalled when they are plain data, which reads back in half the time of
pickle, else pickled), then an index (the identities, the digests of what each result was made
from, where each chunk starts and a CRC-32 of its bytes, the chunks' size). A build reads a
step's indexes only, and decodes a chunk when one of its results is asked
for: an edit that makes a hundred of 50,000 stored fragments again reads back
about a hundred chunks (a chunk, not each result on its own: 15,000 entries
read back one by one cost a third more than by chunks). A step whose results
an edit reads a few of, scattered (``Step.read_few``: the fragments, the
papers' texts), is kept by chunks of 4: reading one decodes 3 others, not 31.

A build appends one segment per step it made results for, then writes a new
head; every file is written beside its final name and renamed, so a build
stopped half-way leaves the previous head, which names only complete files.
When a step has many segments, those after the first are written again as one,
and the first too once they hold a quarter as much as it. Anything that cannot
be trusted (a file of another size than the head says, an index that does not
read, a chunk whose CRC differs) is ignored: slower, never wrong.
"""
from __future__ import annotations

import marshal
import mmap
import os
import pickle
import re
import struct
import zlib
from array import array
from pathlib import Path

from .. import collector

FORMAT = 5
HEAD = "head.marshal"
MAX_SEGMENTS = 8
CHUNK = 32                         # results pickled together: one read back costs its chunk's
SMALL_CHUNK = 4                    # ... for a step whose results an edit reads a few of
MISSING = object()                 # what ``Table.get`` returns for a result it does not hold
_TRAILER = struct.Struct("<Q8s")   # where the index starts, and the magic that ends every segment
_MAGIC = b"SBSEG005"
_POSITION = 32                     # where = segment number << _POSITION | position in it


class Store:
    def __init__(self, folder: Path, code: bytes):
        self.folder, self.code = folder, code
        self.outputs: dict[str, tuple] = {}            # the record of the output (engine.py)
        self.marker: tuple | None = None               # the output's marker file as this record left it
        self._segments: dict[str, list[tuple[str, int]]] = {}   # step -> its segment files and sizes, oldest first
        self.tables: dict[str, Table] = {}            # step -> its table, once opened
        self._next = 0
        head = _read(folder / HEAD)
        if isinstance(head, dict) and head.get("format") == FORMAT and head.get("code") == code:
            self._segments, self.outputs, self._next = head["steps"], head["outputs"], head["next"]
            self.marker = head["marker"]

    def table(self, step: str, chunk: int = CHUNK) -> "Table":
        """The results of ``step`` (its segments' indexes read on first use); ``chunk``: how many
        of them this build's segment keeps together."""
        table = self.tables.get(step)
        if table is None:
            segments = []
            for name, size in self._segments.get(step, ()):
                segment = _Segment.open(self.folder / name, size)
                if segment is None:     # damaged: forget the step's results
                    segments = []
                    self._segments[step] = []
                    break
                segments.append(segment)
            table = self.tables[step] = Table(segments, chunk)
        return table

    def save(self, head: bool = True) -> None:
        """Write the results the steps made since the last save, each step's as a segment, then
        (``head``) the head that names them and the record of the output. Without the head, the
        segments are named by no head yet: a build stopped before its head leaves them to the
        next one's clean-up, and the previous head, whose files are all still there."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for step, table in self.tables.items():
                if not table.new:
                    continue
                segments = self._segments.setdefault(step, [])
                first = len(table.segments[0].ids) if table.segments else 0
                later = {identity for segment in table.segments[1:] for identity in segment.ids}
                later.update(table.new)
                if not segments or len(later) * 4 > first:       # all of it, as one first segment
                    del segments[:]
                    written = table.everything()
                elif len(segments) >= MAX_SEGMENTS:              # the later ones as one
                    del segments[1:]
                    written = table.everything(later)
                else:
                    written = table.added()
                name = f"{re.sub(r'[^a-z0-9]+', '-', step.lower())}.{self._next}.seg"
                self._next += 1
                segments.append((name, _write_segment(self.folder / name, written, table.chunk)))
                table.saved(_Segment.open(self.folder / name, segments[-1][1]), len(segments) - 1)
            if not head:
                return
            _write(self.folder / HEAD, {"format": FORMAT, "code": self.code, "steps": self._segments,
                                        "outputs": self.outputs, "marker": self.marker, "next": self._next})
            named = {HEAD, *(name for names in self._segments.values() for name, _ in names)}
            for entry in os.scandir(self.folder):
                if entry.name not in named:
                    os.unlink(entry.path)
        except OSError:
            self.tables = {}       # read again from what the head names when next asked


class Table:
    """One step's results: those of its segments (the newest holding an identity answers), and
    those this build made. What was read stays in memory while the store does (``serve``)."""

    def __init__(self, segments: list["_Segment"], chunk: int = CHUNK):
        self.chunk = chunk                    # results kept together in the segment this build writes
        self.segments: list[_Segment] = []
        self.new: dict = {}                   # identity -> (digest, result) made by this build
        self.where: dict = {}                 # identity -> segment number << _POSITION | position
        for segment in segments:
            self._add(segment)

    def _add(self, segment: "_Segment") -> None:
        start = len(self.segments) << _POSITION
        self.segments.append(segment)
        self.where.update(zip(segment.ids, range(start, start + len(segment.ids))))

    def get_all(self, versions: list) -> list:
        """For each (identity, digest): the result stored for it when made from that digest, else MISSING."""
        new, where_of, segments, found = self.new, self.where.get, self.segments, []
        mask = (1 << _POSITION) - 1
        for identity, digest in versions:
            made = new.get(identity) if new else None
            if made is not None:
                found.append(made[1] if made[0] == digest else MISSING)
                continue
            where = where_of(identity)
            if where is None:
                found.append(MISSING)
                continue
            segment, position = segments[where >> _POSITION], where & mask
            found.append(segment.result(position) if segment.digests[position] == digest else MISSING)
        return found

    def locate(self, versions: list) -> list:
        """For each (identity, digest): where the result made from that digest is held (for
        ``at``), without reading it, else MISSING."""
        new, where_of, segments, found = self.new, self.where.get, self.segments, []
        mask = (1 << _POSITION) - 1
        for identity, digest in versions:
            made = new.get(identity) if new else None
            if made is not None:
                found.append(("new", identity) if made[0] == digest else MISSING)
                continue
            where = where_of(identity)
            found.append(MISSING if where is None or segments[where >> _POSITION].digests[where & mask] != digest
                         else where)
        return found

    def at(self, where):
        """The result ``locate`` found (MISSING if its chunk turns out damaged)."""
        if type(where) is tuple:
            return self.new[where[1]][1]
        return self.segments[where >> _POSITION].result(where & ((1 << _POSITION) - 1))

    def put(self, identity, digest: bytes, result) -> None:
        self.new[identity] = (digest, result)

    def saved(self, segment: "_Segment | None", after: int) -> None:
        """What this build made is in ``segment`` now, which follows the first ``after`` segments
        (0: it holds every result; 1: it holds the later ones)."""
        kept = self.segments[:after]
        self.segments, self.where, self.new = [], {}, {}
        if segment is not None:             # else not readable back: forgotten
            for old in kept:
                self._add(old)
            self._add(segment)

    def added(self) -> list[tuple]:
        """(identity, digest, result) of what this build made."""
        return [(identity, digest, result) for identity, (digest, result) in self.new.items()]

    def everything(self, only=None) -> list[tuple]:
        """(identity, digest, result) of every result held (or of those in ``only``)."""
        out = []
        for identity, where in self.where.items():
            if identity in self.new or (only is not None and identity not in only):
                continue
            segment, position = self.segments[where >> _POSITION], where & ((1 << _POSITION) - 1)
            result = segment.result(position)
            if result is not MISSING:
                out.append((identity, segment.digests[position], result))
        return out + self.added()


class _Segment:
    """A segment file, mapped in memory: its index read, its chunks of results read when asked for."""

    def __init__(self, data, ids: list, digests: list, offsets: array, crcs: array, chunk: int):
        self.data, self.ids, self.digests, self.offsets, self.crcs = data, ids, digests, offsets, crcs
        self.chunk = chunk
        self.chunks: dict[int, list | None] = {}        # chunk number -> its results (None: damaged)

    @classmethod
    def open(cls, path: Path, size: int) -> "_Segment | None":
        try:
            with open(path, "rb") as f:
                if os.fstat(f.fileno()).st_size != size or size < _TRAILER.size:
                    return None
                data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
            start, magic = _TRAILER.unpack(data[-_TRAILER.size:])
            if magic != _MAGIC or start > size - _TRAILER.size:
                return None
            ids, digests, offsets, crcs, chunk = pickle.loads(data[start:-_TRAILER.size])
            offsets, crcs = array("Q", offsets), array("I", crcs)
            chunks = -(-len(ids) // chunk)
            if not (type(chunk) is int and chunk > 0 and isinstance(ids, list) and isinstance(digests, list) and len(digests) == len(ids)
                    and len(offsets) == chunks + 1 and len(crcs) == chunks and offsets[-1] == start):
                return None
        except Exception:           # missing, truncated, from another version
            return None
        return cls(data, ids, digests, offsets, crcs, chunk)

    def result(self, position: int):
        """The result at ``position``, or MISSING when its chunk's bytes are not those written."""
        size = self.chunk
        number = position // size
        chunk = self.chunks.get(number, MISSING)
        if chunk is MISSING:
            raw = self.data[self.offsets[number]:self.offsets[number + 1]]
            chunk = None
            if zlib.crc32(raw) == self.crcs[number]:
                try:
                    chunk = marshal.loads(raw[1:]) if raw[:1] == b"m" else pickle.loads(raw[1:])
                except Exception:           # damaged in a way the CRC did not see
                    pass
            if not isinstance(chunk, list) or len(chunk) != min(size, len(self.ids) - number * size):
                chunk = None
            self.chunks[number] = chunk
        return MISSING if chunk is None else chunk[position % size]


def _dumps(result) -> bytes:
    return pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)


def _chunk(results: list) -> bytes:
    """A chunk: marshalled when its results are plain data only (tuples, str, bytes, numbers...,
    of those exact types: read back in half the time pickle takes), else pickled; a first byte says which."""
    try:
        return b"m" + marshal.dumps(results, 4)
    except ValueError:          # an object of another type (a dataclass, Markup...)
        return b"p" + _dumps(results)


def _write_segment(path: Path, results: list[tuple], chunk: int = CHUNK) -> int:
    """Write (identity, digest, result)s as one segment, the results pickled by chunks of
    ``chunk``; return its size. Each chunk is written as it is made: the segment is never whole
    in memory (at 10,000 papers, ~100 MB while the page workers still hold theirs)."""
    offsets, crcs = array("Q", [0]), array("I")
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as f:
        for start in range(0, len(results), chunk):
            raw = _chunk([result for _, _, result in results[start:start + chunk]])
            f.write(raw)
            offsets.append(offsets[-1] + len(raw))
            crcs.append(zlib.crc32(raw))
        f.write(_dumps(([identity for identity, _, _ in results], [digest for _, digest, _ in results],
                        offsets.tobytes(), crcs.tobytes(), chunk)))
        f.write(_TRAILER.pack(offsets[-1], _MAGIC))
        size = f.tell()
    os.replace(tmp, path)
    return size


@collector.paused()      # hundreds of thousands of objects: collections while reading would double the time
def _read(path: Path):
    try:
        with open(path, "rb") as f:
            return marshal.loads(f.read())      # not marshal.load(f): it reads the file a few bytes at a time
    except Exception:     # missing, truncated, from another version
        return None


def _write(path: Path, data) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as f:
        f.write(marshal.dumps(data, 4))     # plain data: a third of pickle's time to write (35,000 records at 10k papers)
    os.replace(tmp, path)
