"""Bytes on disk: a staging folder beside output/ swapped in when complete, or, for a small
update, the changed files replaced one by one once everything is made.

A failed build leaves the previous site exactly as it was. Writing one path
twice is a bug (two pages claiming one URL), so it is refused.
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

from ..errors import BuildError, Problem

MARKER = ".site-builder-output"   # marks a folder this program may replace wholesale
MARKER_TEXT = b"Built by `python -m site_builder build`; replaced on every build.\n"


# An edit touches a paper, its authors and the lists: a few pages. Past this many outputs to make,
# a fresh folder (all cores, hard links for the rest) is quicker than a careful update in place.
IN_PLACE_MAX_OUTPUTS = 2000


class Output:
    """The output folder while a build makes it.

    ``keep``: files of the previous output that stay as they are (-> size). A small update
    (``making`` few outputs, see IN_PLACE_MAX_OUTPUTS) is made in the folder itself: nothing touches the disk before ``publish``,
    then each new file replaces its old one by rename and the files no longer made (``drop``)
    are deleted. Otherwise everything goes into a staging folder beside it (the kept files
    hard-linked in), swapped in whole. Either way a build that fails leaves the previous site as
    it was. Used as a context manager: published when the block ends, discarded if it raises.
    """

    def __init__(self, out_dir: Path, keep: dict[str, int] | None = None, drop=(), making: int = 0):
        self.out_dir = out_dir
        self.keep = dict(keep or {})
        self.drop = tuple(drop)
        self.in_place = bool(self.keep) and making <= IN_PLACE_MAX_OUTPUTS and out_dir.is_dir()
        self.root = out_dir if self.in_place else staging_folder(out_dir)
        self.written: dict[str, int] = {}          # every file made -> its size
        # each file written into a new folder -> (size, mtime_ns, inode), as it will be once published
        self.stamps: dict[str, tuple[int, int, int]] = {}
        self.changed = 0                           # files written or deleted (in place)
        self._claimed: set[str] = set()
        self._dirs: set[str] = set()
        self._pending: dict[str, bytes | list[bytes]] = {}
        self.touched = False                       # the previous site was changed (in place, part way)

    def __enter__(self) -> "Output":
        return self

    def __exit__(self, kind, error, trace) -> None:
        try:
            if kind is None:
                self.publish()
        finally:
            if not self.in_place and self.root.exists() and (kind is not None or self.root != self.out_dir):
                discard(self.root)      # never published (a failure, or the swap failed): not left beside the site

    def _target(self, rel: str) -> str:
        if rel in self._claimed or rel in self.keep:
            raise BuildError(problems=[Problem(rel, 0, "two outputs would be written to this path")])
        parts = rel.split("/")
        if rel.startswith("/") or any(p in ("", ".", "..") for p in parts) or "\\" in rel or "\0" in rel:
            raise BuildError(problems=[Problem(rel, 0, "refusing to write outside the output folder")])
        self._claimed.add(rel)
        return os.path.join(self.root, rel)      # a str: 60,000 Path objects cost a second

    def claim_all(self, rels: list[str]) -> None:
        """Reserve paths now (collisions are found before any work) to fill them later, maybe in
        another process: 30,000 pages at 10k papers, one regex each."""
        fresh = set(rels)
        unsafe = [rel for rel in rels if not _PLAIN_PATH.fullmatch(rel)]
        if len(fresh) != len(rels) or fresh & self._claimed or fresh & self.keep.keys() or unsafe:
            for rel in rels:          # the careful way, to name the path that is wrong
                self._target(rel)
        self._claimed |= fresh

    def fill(self, rel: str, data: bytes | list[bytes]) -> None:
        """Write a claimed path (its bytes, or a list of parts)."""
        size = len(data) if isinstance(data, bytes) else sum(map(len, data))
        self.written[rel] = size
        if self.in_place:
            self._pending[rel] = data
        else:
            self.stamps[rel] = fill(self.root, rel, data)

    def filled(self, stamps: list[tuple[str, tuple[int, int, int]]]) -> None:
        """Claimed paths that workers wrote (``fill``), with what ``fill`` gave for each."""
        for rel, stamp in stamps:
            self.written[rel] = stamp[0]
            self.stamps[rel] = stamp

    def write(self, rel: str, data: bytes | list[bytes]) -> None:
        """Claim and write a path."""
        self._target(rel)
        self.fill(rel, data)

    def publish(self) -> None:
        if self.in_place:
            # Every new file is written beside its old one first (a full disk fails here, and the
            # site is as it was), then all are renamed over the old ones.
            staged: list[str] = []
            try:
                for rel, data in self._pending.items():
                    path = os.path.join(self.root, rel)
                    if not _same_bytes(path, data):      # a file whose bytes did not change is left alone
                        stage_file(path, [data] if isinstance(data, bytes) else data)
                        staged.append(path)
            except BaseException:
                for path in staged:
                    remove_file(path + STAGED)
                raise
            self.touched = bool(staged or self.drop)
            for path in staged:
                os.replace(path + STAGED, path)
                self.changed += 1
            for rel in self.drop:
                if rel not in self.written:
                    self.changed += remove_file(os.path.join(self.root, rel))
            return
        for rel in self.keep:         # unchanged: hard-linked from the previous output
            target = os.path.join(self.root, rel)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            try:
                os.link(os.path.join(self.out_dir, rel), target)
            except OSError:
                shutil.copyfile(os.path.join(self.out_dir, rel), target)
        swap_in(self.root, self.out_dir)

    @property
    def files(self) -> dict[str, int]:
        """Every file of the site as published -> its size."""
        return {**self.keep, **self.written}


def _same_bytes(path: str, data: bytes | list[bytes]) -> bool:
    size = len(data) if isinstance(data, bytes) else sum(map(len, data))
    try:
        if os.stat(path).st_size != size:
            return False
        with open(path, "rb") as f:
            return f.read() == (data if isinstance(data, bytes) else b"".join(data))
    except OSError:
        return False


STAGED = ".tmp"     # a new file of an update in place, beside the one it replaces


def stage_file(path: str, parts) -> None:
    """Write the new bytes of a file of the output beside it (``path`` + STAGED), for ``os.replace``
    to put in its place, so that a reader never finds it half-written."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    try:
        with open(path + STAGED, "wb") as f:
            f.writelines(parts)
    except BaseException:
        remove_file(path + STAGED)
        raise


def remove_file(path: str) -> int:
    """Delete a file of the output and the folders it leaves empty (never the output folder
    itself: it holds the marker); 1 if there was one."""
    try:
        os.unlink(path)
    except OSError:
        return 0
    try:
        os.removedirs(os.path.dirname(path))
    except OSError:
        pass
    return 1


# Folders and names that start with a letter, digit or "_": no "", ".", ".." or hidden part.
_PLAIN_PATH = re.compile(r"(?:[A-Za-z0-9_][A-Za-z0-9_.-]*/)*[A-Za-z0-9_][A-Za-z0-9_.-]*")


# O_BINARY: on Windows a descriptor opened without it writes "\n" as "\r\n".
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def fill(root: Path, rel: str, data: bytes | list[bytes]) -> tuple[int, int, int]:
    """Write a path a Writer has claimed; safe in a worker process (no shared state). Gives the
    file's size, time and inode, which its publishing keeps (a folder renamed): the engine's
    record of the output, without a second pass over the files to look at them.

    A page's folder is its own: one ``mkdir`` (``makedirs`` only when a parent is missing),
    and the bytes go through the file descriptor, not a buffered file object. At 30,000
    pages that is 0.2 s less than ``makedirs`` + ``open``."""
    path = os.path.join(root, rel)
    folder = os.path.dirname(path)
    try:
        os.mkdir(folder)
    except FileExistsError:
        pass
    except FileNotFoundError:
        os.makedirs(folder, exist_ok=True)
    parts = [data] if isinstance(data, bytes) else data
    fd = os.open(path, _NEW_FILE, 0o666)      # the umask applies, as for open()
    try:
        for part in parts:
            view = memoryview(part)
            while view:
                view = view[os.write(fd, view):]
        status = os.fstat(fd)
    finally:
        os.close(fd)
    return status.st_size, status.st_mtime_ns, status.st_ino


def check_destination(out_dir: Path, content_dir: Path) -> None:
    """Refuse to replace a folder that holds anything but a previous build."""
    out = out_dir.resolve()
    content = content_dir.resolve()
    if out == content or content.is_relative_to(out) or out.is_relative_to(content):
        raise BuildError(problems=[Problem(str(out_dir), 0, "the output folder overlaps the content folder",
                                           hint="choose another --out")])
    if out_dir.exists() and not out_dir.is_dir():
        raise BuildError(problems=[Problem(str(out_dir), 0, "exists and is not a folder")])
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / MARKER).is_file():
        raise BuildError(problems=[Problem(str(out_dir), 0, "is not empty and was not made by this builder; "
                                           "refusing to replace it", hint="delete it or choose another --out")])


# Beside output/, a build works in ".output.new-<pid>-<random>" and moves the previous site to
# ".output.old-<pid>-<random>" for the moment of the swap. A build killed meanwhile leaves one
# behind: the next build removes those whose process is gone (only these names, only beside its
# own output), never a folder another build is still using.
STAGING_KINDS = ("new", "old")


def _staging_prefix(out_dir: Path, kind: str) -> str:
    return f".{out_dir.name}.{kind}-{os.getpid()}-"


def leftovers(out_dir: Path) -> list[Path]:
    """Staging folders of builds into ``out_dir`` whose process is gone (a build killed half way)."""
    pattern = re.compile(rf"\.{re.escape(out_dir.name)}\.(?:{'|'.join(STAGING_KINDS)})-([0-9]+)-[a-z0-9_]+")
    try:
        names = os.listdir(out_dir.parent)
    except OSError:
        return []
    found = []
    for name in sorted(names):
        match = pattern.fullmatch(name)
        if match and int(match.group(1)) != os.getpid() and not _alive(int(match.group(1))):
            found.append(out_dir.parent / name)
    return found


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, ValueError, OverflowError):    # another user's process, or a number no process has
        return True
    return True


def staging_folder(out_dir: Path) -> Path:
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    for leftover in leftovers(out_dir):
        discard(leftover)
    return Path(tempfile.mkdtemp(prefix=_staging_prefix(out_dir, "new"), dir=out_dir.parent))


def swap_in(staging: Path, out_dir: Path) -> None:
    """Replace out_dir by staging with two renames; the old tree is deleted afterwards."""
    if not (staging / MARKER).is_file():
        (staging / MARKER).write_bytes(MARKER_TEXT)
    os.chmod(staging, 0o755)     # mkdtemp makes it private; a site folder is served to everyone
    old = None
    if out_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=_staging_prefix(out_dir, "old"), dir=out_dir.parent))
        os.rmdir(old)
        os.rename(out_dir, old)
    try:
        os.rename(staging, out_dir)
    except OSError:
        if old is not None:
            os.rename(old, out_dir)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)
