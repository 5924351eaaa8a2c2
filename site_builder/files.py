"""Opening what editors give us: regular files only, never more bytes than a limit.

Every file of content/, seeds/ and an import is opened here. A named pipe, a socket,
a device or a folder that happens to be called ``x.yaml`` is reported, never opened
(opening a pipe waits for a writer for ever; a device may never end). The type is
looked at before opening, then again on the open descriptor (opened without waiting),
so a file swapped for a pipe in between is caught too. A file over the limit is
refused before it is read whole.
"""
from __future__ import annotations

import os
import stat


class NotReadable(Exception):
    """A file that is not read: ``message`` and ``hint`` say why, for a ``path: message`` line;
    ``why`` without "cannot read file:", for callers that say what they could not read."""

    def __init__(self, message: str, hint: str = "", why: str = ""):
        super().__init__(message)
        self.message, self.hint, self.why = message, hint, why or message


_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))

_READ = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def kind_of(mode: int) -> str:
    """What a file that is not a regular file is, in an editor's words."""
    return next((words for test, words in _KINDS if test(mode)), "not a file")


def not_regular(mode: int) -> NotReadable:
    return NotReadable(f"not a regular file ({kind_of(mode)})", "remove it, or save the text in a plain file")


def too_large(size: int, limit: int) -> NotReadable:
    return NotReadable(f"file is {size:,} bytes, over the limit of {limit:,} by {size - limit:,}",
                       "an entry holds one paper or person: was something else saved under this name?")


def _os_error(exc: OSError) -> NotReadable:
    why = exc.strerror or str(exc)
    return NotReadable(f"cannot read file: {why}", why=why)


def is_regular(path) -> bool:
    """Whether ``path`` (links followed) is a regular file; False when it cannot be looked at."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def read_regular(path, limit: int | None = None) -> bytes:
    """The bytes of a regular file, at most ``limit`` of them; raises NotReadable otherwise."""
    try:
        status = os.stat(path)
    except OSError as exc:
        raise _os_error(exc) from None
    if not stat.S_ISREG(status.st_mode):
        raise not_regular(status.st_mode)
    if limit is not None and status.st_size > limit:
        raise too_large(status.st_size, limit)
    try:
        fd = os.open(path, _READ)
    except OSError as exc:
        raise _os_error(exc) from None
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):      # swapped for something else since the first look
            raise not_regular(status.st_mode)
        chunks, size = [], 0
        while True:
            chunk = os.read(fd, 1 << 20 if limit is None else min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if limit is not None and size > limit:   # grew since the first look
                raise too_large(size, limit)
        return b"".join(chunks)
    except OSError as exc:
        raise _os_error(exc) from None
    finally:
        os.close(fd)
