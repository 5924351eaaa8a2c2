"""User errors, as opposed to bugs.

A user error is something an editor can fix (a YAML mistake, a bad dump);
it is reported as one ``path:line: message`` line and never as a traceback.
Anything else that escapes is a bug in this program.
"""
from __future__ import annotations

import errno
import re
from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one place in one file."""

    path: str
    line: int
    message: str
    severity: str = ERROR
    hint: str = ""

    def format(self) -> str:
        """The one line an editor reads; control characters from the content are shown as escapes,
        never sent to the terminal (an ESC in a name could retitle or clear the editor's window)."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        label = "" if self.severity == ERROR else "warning: "
        hint = f" ({self.hint})" if self.hint else ""
        return printable(f"{where}: {label}{self.message}{hint}")

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]|\n")


def printable(text: str) -> str:
    """``text`` with control characters (C0 but tab, DEL, C1, line separators, newlines) as visible escapes."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


_WHAT_TO_DO = {
    errno.ENOSPC: ("no space left on the disk", "free some space on the disk, then run it again"),
    errno.EDQUOT: ("disk quota exceeded", "free some space on the disk, then run it again"),
    errno.EACCES: ("permission denied", "make the folder writable for you, or choose another place"),
    errno.EPERM: ("permission denied", "make the folder writable for you, or choose another place"),
    errno.EROFS: ("the disk is read-only", "choose a place on a disk that can be written to"),
    errno.ENOENT: ("the folder does not exist", "create the folder, or choose another place"),
    errno.ENOTDIR: ("a file stands where a folder should be", "choose another place, or move the file away"),
    errno.EMFILE: ("too many open files", "close other programs, or raise the limit (ulimit -n), and run it again"),
}


def environment_problem(exc: OSError, path, what: str, unchanged: str) -> "Problem":
    """One line for a failure of the machine, not of the content (the disk is full, a folder is not
    writable): where, what happened, what to do, and that nothing was changed (``unchanged``)."""
    said, todo = _WHAT_TO_DO.get(exc.errno, (exc.strerror or str(exc), "fix that, then run it again"))
    return Problem(str(path), 0, f"{what}: {said}", ERROR, f"{todo}; {unchanged}")


class SiteError(Exception):
    """Base for every error the user can fix; the CLI prints it and exits 1."""

    def __init__(self, message: str = "", problems: list[Problem] | None = None):
        self.problems = list(problems or [])
        super().__init__(message or "\n".join(p.format() for p in self.problems))


class ContentError(SiteError):
    """content/ holds entries that do not validate."""


class BuildError(SiteError):
    """The build could not finish; the previous output is left untouched."""


class IngestError(SiteError):
    """A dump could not be ingested at all."""


class UsageError(SiteError):
    """The command line itself is wrong (exit status 2)."""
