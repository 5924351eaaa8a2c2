"""Read and write content/ for ingest: entry YAML files, ids, and the ledger.

This is the I/O edge on the content side. YAML is written by a small emitter of
our own so the bytes are deterministic (fixed field order, one style per value)
and fast enough for 100,000 entries; entries are read back with the reader build
and check use (``yamlfile``), the ledger with PyYAML.
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import stat
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from .. import schema as S, yamlfile
from ..errors import Problem
from ..files import NotReadable, read_regular

try:  # the C loader is ten times faster on big ledgers
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

PAPER_HEADER = "# yaml-language-server: $schema=../../schemas/paper.schema.json\n"
AUTHOR_HEADER = "# yaml-language-server: $schema=../../schemas/author.schema.json\n"
LEDGER_HEADER = ("# Written by `python -m site_builder ingest`: which dump records are already in content/.\n"
                 "# Do not edit; delete an entry's YAML file to drop it for good (see docs/ingest.md).\n")
PAPER_FIELDS = S.PAPER.ingest_order       # the content format is declared once, in schema.py
AUTHOR_FIELDS = S.AUTHOR.ingest_order


# ---------------------------------------------------------------- ids




def assign_id(base: str, taken: set[str], extra: str = "") -> str:
    """A free id: the base slug, then base + a distinguishing word, then base-2, base-3..."""
    candidates = [base]
    if extra:
        candidates.append(f"{base}-{extra}")
    for candidate in candidates:
        if candidate and candidate not in taken:
            taken.add(candidate)
            return candidate
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    taken.add(f"{base}-{n}")
    return f"{base}-{n}"


# ---------------------------------------------------------------- YAML out

_PLAIN_RE = re.compile(r"[A-Za-z\u00c0-\u024f][^\n:#'\"\\\[\]{}|>&*!%@`]*")
_SPECIAL_WORDS = {"yes", "no", "true", "false", "on", "off", "null", "y", "n", "~"}
_UNSAFE_CHARS = re.compile("[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]")   # (YAML refuses the last two)


_YAML_BREAKS = re.compile("[\u007f-\u009f\u2028\u2029\ufeff]")   # JSON leaves them raw; YAML would not
_NEEDS_ESCAPE = re.compile('["\\\\\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]')


def scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if len(text) > 160:   # long text (abstracts) is always quoted: no need to test if plain is safe
        return _quoted(text)
    if (_PLAIN_RE.fullmatch(text) and not text.endswith(" ") and text.casefold() not in _SPECIAL_WORDS
            and not _UNSAFE_CHARS.search(text) and " -" not in text[:1]):
        return text
    return _quoted(text)


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON string syntax, which YAML reads the same way)."""
    if not _NEEDS_ESCAPE.search(text):
        return f'"{text}"'
    quoted = json.dumps(text, ensure_ascii=False)
    return _UNSAFE_CHARS.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


@lru_cache(maxsize=1024)
def _key(key: str) -> str:
    return scalar(key)


def emit(data: dict, order: tuple[str, ...] = ()) -> str:
    """Block-style YAML for a mapping of scalars, lists of scalars and lists of mappings."""
    lines: list[str] = []
    _emit_mapping(data, order, "", lines)
    return "\n".join(lines) + "\n"


def _emit_mapping(data: dict, order: tuple[str, ...], indent: str, lines: list[str], first_prefix: str = "") -> None:
    keys = [k for k in order if k in data] + [k for k in data if k not in order]
    prefix = first_prefix or indent
    for key in keys:
        value = data[key]
        if value is None or value == "" or value == [] or value == ():
            continue
        head = f"{prefix}{_key(key)}:"
        prefix = indent
        if isinstance(value, (list, tuple)):
            lines.append(head)
            for item in value:
                if isinstance(item, dict):
                    _emit_mapping(item, (), indent + "  ", lines, first_prefix=indent + "- ")
                else:
                    lines.append(f"{indent}- {scalar(item)}")
        elif isinstance(value, dict):
            lines.append(head)
            _emit_mapping(value, (), indent + "  ", lines)
        else:
            lines.append(f"{head} {scalar(value)}")


_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def write_new(path: Path, text: str) -> None:
    """Create a file that does not exist yet (its id was just chosen as free).

    Three system calls (open, write, close): ``open()`` would add a stat and a terminal
    check per file, which counts when 100,000 entries are written.
    """
    data = text.encode("utf-8")
    try:
        fd = os.open(path, _NEW_FILE, 0o666)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, _NEW_FILE, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    except BaseException:
        os.close(fd)
        path.unlink(missing_ok=True)
        raise
    os.close(fd)


# ---------------------------------------------------------------- all or nothing, even under kill -9

JOURNAL_PATH = Path("ingest") / "journal.json"


class Journal:
    """What a run is writing to content/, on disk before any of it is written, so that a run
    killed at any moment is finished or undone by the next one (``recover``).

    While the run writes, the journal says "writing" and names every file it creates and every
    temporary file it stages beside an entry it replaces. Once all of them are written it says
    "commit" (one rename: the moment the run happens), then the temporary files are renamed
    over their entries and the journal is deleted. Killed before the commit, the next run
    deletes what the journal names (content/ as before); after it, renames what is left (content/
    as a whole run leaves it). ``check`` and ``build`` refuse content/ while a journal is there."""

    def __init__(self, content: Path):
        self.path = content / JOURNAL_PATH
        self.created: list[str] = []
        self.staged: list[tuple[str, str]] = []      # (temporary file, entry it replaces)
        self.state = ""

    def expect(self, created=(), staged=()) -> None:
        """Say which files are about to be created / staged, before any of them is."""
        self.created += [os.path.abspath(p) for p in created]
        self.staged += [(os.path.abspath(t), os.path.abspath(p)) for t, p in staged]
        self._save("writing")

    def commit(self) -> None:
        self._save("commit")

    def finish(self) -> None:
        """Everything is written (or everything undone): the journal goes."""
        if self.state:
            self.path.unlink(missing_ok=True)
            self.state = ""

    def _save(self, state: str) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps({"state": state, "created": self.created, "staged": self.staged}, ensure_ascii=False)
        tmp = self.path.with_name(self.path.name + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0), 0o666)
        try:
            os.write(fd, data.encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, self.path)
        self.state = state


def recover(content: Path) -> str:
    """Finish ("finished") or undo ("undone") a run that was stopped while writing content/;
    "" when there was none."""
    path = content / JOURNAL_PATH
    Path(str(path) + ".tmp").unlink(missing_ok=True)     # killed while the journal itself was written
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        state, created, staged = data["state"], data["created"], data["staged"]
    except FileNotFoundError:
        return ""
    except (OSError, ValueError, KeyError, TypeError):
        state, created, staged = "writing", [], []       # a journal cut short: nothing was committed
    if state == "commit":
        for tmp, target in staged:
            if os.path.lexists(tmp):
                os.replace(tmp, target)
    else:
        for name in [*created, *(tmp for tmp, _ in staged)]:
            with contextlib.suppress(OSError):
                os.unlink(name)
    path.unlink()
    return "finished" if state == "commit" else "undone"


def write_together(texts: dict[Path, str], journal: Journal | None = None) -> list[Path]:
    """Write every file, or none: each new text goes to a temporary file beside its target first,
    then all are renamed into place; if anything fails, the files already replaced get their old
    bytes back and the new ones are removed before the error goes on. Files whose bytes would not
    change are left alone. Returns the files written. With a ``journal``, the temporary files are
    named in it before they are written, and it is committed before the first rename."""
    staged: list[tuple[Path, str, bytes | None]] = []     # (target, temporary file, old bytes or None)
    done: list[tuple[Path, bytes | None]] = []
    umask = os.umask(0o022)
    os.umask(umask)
    try:
        changed = []
        for path, text in texts.items():
            data = text.encode("utf-8")
            try:
                old = path.read_bytes()
            except FileNotFoundError:
                old = None
            if old != data:
                changed.append((path, data, old, str(path.parent / f".{path.name}.{os.getpid()}.tmp")))
        if journal is not None:
            journal.expect(staged=[(tmp, path) for path, _, _, tmp in changed])
        for path, data, old, tmp in changed:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0), 0o600)
            staged.append((path, tmp, old))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            # the file keeps its permissions (a new one gets the usual ones), not the temporary's owner-only 0600
            os.chmod(tmp, stat.S_IMODE(path.stat().st_mode) if old is not None else 0o666 & ~umask)
        if journal is not None:
            journal.commit()
        for path, tmp, old in staged:
            os.replace(tmp, path)
            done.append((path, old))
    except BaseException:
        for path, old in reversed(done):
            if old is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(old)
        for _, tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
        raise
    return [path for path, _ in done]


def paper_yaml(fields: dict) -> str:
    """A draft without a title still gets `title: ""`: CONTRACT requires the key, and the
    empty line shows the editor what to fill in (ingest never invents a title)."""
    body = emit(fields, PAPER_FIELDS)
    if not fields.get("title"):
        body = 'title: ""\n' + body
    return PAPER_HEADER + body


def author_yaml(fields: dict) -> str:
    return AUTHOR_HEADER + emit(fields, AUTHOR_FIELDS)


# ---------------------------------------------------------------- existing content


@dataclass
class ExistingEntry:
    id: str
    path: Path
    text: str
    data: dict


@dataclass
class ExistingContent:
    papers: dict[str, ExistingEntry] = field(default_factory=dict)
    authors: dict[str, ExistingEntry] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def read_existing(content: Path) -> ExistingContent:
    """Every paper and author entry already in content/ (an unreadable one is a problem, kept as is)."""
    out = ExistingContent()
    for kind, target in (("papers", out.papers), ("authors", out.authors)):
        folder = content / kind
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.yaml")):
            entry, problem = _read(path)
            if problem is not None:
                out.problems.append(problem)
                entry = ExistingEntry(path.stem, path, "", {"__unreadable__": True})
            target[path.stem] = entry
    return out


def read_entry(path: Path) -> ExistingEntry | None:
    """One entry, or None when it is gone or cannot be read as a mapping."""
    entry, problem = _read(path)
    return None if problem is not None or not entry.data else entry


def unlisted_roles(content: Path, roles: list[str]) -> list[str]:
    """The roles of ``roles`` that content/site.yaml does not list (check refuses a member's role
    until it does); none when site.yaml cannot be read (check says why)."""
    try:
        checked = S.check_file(read_regular(content / "site.yaml", S.MAX_FILE_BYTES), "site.yaml", S.SITE)
    except NotReadable:
        return []
    listed = (checked.values or {}).get("roles") or ()
    if not listed:          # a site without roles takes any role
        return []
    return sorted({role for role in roles if role and S.find_role(listed, role) is None})


def _read(path: Path) -> tuple[ExistingEntry | None, Problem | None]:
    """An entry read as check reads it (yamlfile): the same line and words for the same mistake.
    A file with nothing in it (or only comments) is an empty entry that ingest may fill."""
    try:
        data = read_regular(path, S.MAX_FILE_BYTES)
    except NotReadable as exc:
        return None, Problem(str(path), 0, f"cannot read this entry, left untouched: {exc.why}", hint=exc.hint)
    try:
        fields = yamlfile.read_fields(data)[0]
    except yamlfile.Unreadable as bad:
        if bad.message != "file is empty":
            return None, Problem(str(path), bad.line, f"cannot read this entry, left untouched: {bad.message}",
                                 hint=bad.hint)
        fields = []
    mapping = {given.key: given.value for given in fields if isinstance(given.key, str)}
    return ExistingEntry(path.stem, path, data.decode("utf-8"), mapping), None


def fill_missing(entry: ExistingEntry, proposed: dict, header: str, order: tuple[str, ...]) -> tuple[str, list[str]]:
    """The entry's text with only its missing fields added and new sources appended.

    The editor's text is kept byte for byte: new fields are appended at the end and new
    sources are inserted after the existing ones. Only an unusual `sources` (flow style,
    empty) makes the entry be written out again. Returns (new text, names of fields changed).
    """
    data = entry.data
    if data.get("__unreadable__"):
        return entry.text, []
    missing = {k: v for k, v in proposed.items()
               if k not in data and k != "sources" and v not in (None, "", [], ())}
    # only the title is left blank on purpose (drafts); any other blank field is an editor's choice
    blanks = {k: v for k, v in proposed.items()
              if k == "title" and k in data and data[k] in (None, "") and v not in (None, "", [], ())}
    old_sources = data.get("sources")
    new_sources = [s for s in proposed.get("sources", ()) if s not in (old_sources or [])]
    if old_sources is not None and not isinstance(old_sources, list):
        new_sources = []          # not a list: the editor's problem (`check` says so); leave it alone
    text = entry.text
    for key, value in blanks.items():   # `title: ""` left for an editor: fill it where it stands
        text, count = re.subn(rf"^{re.escape(key)}[ \t]*:[ \t]*(?:\"\"|''|~|null)?[ \t]*$",
                              lambda _m: emit({key: value}).rstrip("\n"), text, count=1, flags=re.M)
        if not count:
            missing[key] = value
    changed = list(missing) + [k for k in blanks if k not in missing]
    if new_sources:
        changed.append("sources")
        if "sources" not in data:
            missing["sources"] = new_sources
        else:
            inserted = _insert_sources(text, new_sources) if old_sources else None
            if inserted is None:   # `sources: []`, flow style...: write the mapping out again
                merged = dict(data, **missing, **blanks)
                merged["sources"] = list(old_sources or []) + new_sources
                return header + emit(merged, order), [k for k in order if k in changed]
            text = inserted
    if missing:
        if text and not text.endswith("\n"):
            text += "\n"
        text += emit(missing, order)
    return text, [k for k in order if k in changed]


def _block_list_span(lines: list[str], key: str) -> tuple[int, int] | None:
    """(line of `key:`, line after its last `- item`) for a top-level block list, or None."""
    start = next((i for i, line in enumerate(lines) if re.match(rf"^{re.escape(key)}\s*:\s*(#.*)?$", line)), None)
    if start is None:
        return None
    end = start + 1
    while end < len(lines) and re.match(r"^\s*-\s", lines[end]):
        end += 1
    return start, end


def replace_block_list(text: str, key: str, old: list, new: list) -> str | None:
    """The text with the block list under ``key`` (exactly the items ``old``) holding ``new``:
    lines of items that stay are kept byte for byte, new items are written in their place.
    None when the list is not a plain block list of ``old`` (an editor reshaped it)."""
    lines = text.split("\n")
    span = _block_list_span(lines, key)
    if span is None:
        return None
    start, end = span
    items = lines[start + 1:end]
    if len(items) != len(old) or not items:
        return None
    indent = re.match(r"^(\s*)-", items[0]).group(1)
    kept = {value: line for value, line in zip(old, items)}
    lines[start + 1:end] = [kept[value] if value in kept else f"{indent}- {scalar(value)}" for value in new]
    return "\n".join(lines)


def rename_sources(entry: ExistingEntry, mapping: dict[str, str]) -> str | None:
    """The entry's text with `sources` items renamed old -> new (all at once, so swaps work),
    every other line kept; None when nothing is renamed or the list is not a plain block list."""
    sources = entry.data.get("sources")
    if not isinstance(sources, list) or not any(s in mapping for s in sources):
        return None
    renamed = list(dict.fromkeys(mapping.get(s, s) if isinstance(s, str) else s for s in sources))
    if len(renamed) != len(sources):
        return None   # renaming would repeat a source: leave the list as it is
    return replace_block_list(entry.text, "sources", sources, renamed)


def _insert_sources(text: str, new_sources: list[str]) -> str | None:
    return _insert_items(text, "sources", new_sources)


def _insert_items(text: str, key: str, items: list[str]) -> str | None:
    """Insert items after the last item of a block-style list ``key``, or None if there is none."""
    lines = text.split("\n")
    span = _block_list_span(lines, key)
    if span is None:
        return None
    start, end = span
    if end == start + 1:
        return None
    indent = re.match(r"^(\s*)-", lines[start + 1]).group(1)
    lines[end:end] = [f"{indent}- {scalar(s)}" for s in items]
    return "\n".join(lines)


_FLOW_ITEM_RE = re.compile(r"[,\[\]{}#:&*!|>'\"%@`]")


def append_to_list(entry: ExistingEntry, key: str, items: list[str]) -> str | None:
    """The entry's text with ``items`` added at the end of its list ``key``, written in the list's
    own style (one ``- item`` line each, or inside a one-line ``[a, b]``), every other byte kept.
    None when the list has another shape; the text is read back to be sure before it is used."""
    current = entry.data.get(key)
    if not isinstance(current, list) or not items:
        return None
    text = _insert_items(entry.text, key, items)
    if text is None:
        flow = re.compile(rf"^({re.escape(key)}[ \t]*:[ \t]*\[)(.*?)(\][ \t]*(?:#.*)?)$", re.M)
        words = [json.dumps(i, ensure_ascii=False) if _FLOW_ITEM_RE.search(i) or scalar(i) != i else i for i in items]
        text, count = flow.subn(lambda m: m.group(1) + (m.group(2).rstrip() + ", " if m.group(2).strip() else "")
                                + ", ".join(words) + m.group(3), entry.text, count=1)
        if not count:
            return None
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError:
        return None
    return text if isinstance(data, dict) and data.get(key) == current + list(items) else None


# ---------------------------------------------------------------- ledger


@dataclass
class Ledger:
    """What earlier runs ingested: record -> entry, and each entry's match keys as ingested.

    ``records`` lets a re-run skip records it has already placed (so editor edits and
    deletions stand); ``papers``/``people`` let new records find entries even after an
    editor retitled or deleted them.
    """

    records: dict[str, dict] = field(default_factory=dict)    # "file:line" -> {digest, entry}
    # id -> {title, authors, abstract}; "found": an entry an editor wrote, seen in content/ by a run
    # (so that deleting it is remembered too), whose authors ingest never extends
    papers: dict[str, dict] = field(default_factory=dict)
    people: dict[str, list[str]] = field(default_factory=dict)  # id -> spellings

    def knows(self, source: str, digest: str) -> bool:
        seen = self.records.get(source)
        return seen is not None and seen.get("digest") == digest


def read_ledger(path: Path) -> tuple[Ledger, list[Problem]]:
    if not os.path.lexists(path):
        return Ledger(), []
    try:
        text = read_regular(path).decode("utf-8")
        body = "\n".join(line for line in text.split("\n") if not line.startswith("#"))
        try:   # written as JSON (which is YAML too): fast to read back for a large site
            data = json.loads(body) if body.strip() else {}
        except ValueError:
            data = yaml.load(text, Loader=_Loader) or {}
        ledger = Ledger(
            records={r["source"]: {"digest": str(r.get("digest", "")), "entry": str(r.get("entry", ""))}
                     for r in data.get("records") or []},
            papers={str(p["id"]): {"title": p.get("title") or "", "authors": list(p.get("authors") or []),
                                   "abstract": p.get("abstract") or "", **({"found": True} if p.get("found") else {})}
                    for p in data.get("papers") or []},
            people={str(p["id"]): [str(n) for n in p.get("names") or []] for p in data.get("people") or []},
        )
        return ledger, []
    except (OSError, NotReadable, UnicodeDecodeError, yaml.YAMLError, KeyError, TypeError, AttributeError) as exc:
        return Ledger(), [Problem(str(path), 0, f"cannot read the ingest ledger ({exc}); every record counts as new",
                                  "warning", "restore it from git if it was committed")]


def ledger_yaml(ledger: Ledger) -> str:
    """The ledger as JSON, one item per line (JSON is valid YAML; it diffs line by line in git).

    Joined once from one list of lines: at 100,000 records the text is tens of megabytes, and
    each intermediate join would be another copy at the moment memory peaks.
    """
    from .merge import source_order

    encode = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode

    def line(item: dict) -> str:
        text = encode(item)
        return " " + (_YAML_BREAKS.sub(lambda m: f"\\u{ord(m.group()):04x}", text) if _YAML_BREAKS.search(text) else text)

    sections = (
        ("records", sorted(ledger.records, key=source_order),
         lambda s: {"source": s, "digest": ledger.records[s]["digest"], "entry": ledger.records[s]["entry"]}),
        ("papers", sorted(ledger.papers), lambda i: dict({"id": i}, **{k: v for k, v in ledger.papers[i].items() if v})),
        ("people", sorted(ledger.people), lambda i: {"id": i, "names": ledger.people[i]}),
    )
    lines = [LEDGER_HEADER + '{"version": 1,']
    for number, (name, keys, item) in enumerate(sections):
        lines.append(f' "{name}": [')
        last = len(keys) - 1
        lines.extend(line(item(key)) + ("," if k < last else "") for k, key in enumerate(keys))
        lines.append(" ]" + ("}" if number == len(sections) - 1 else ","))
    lines.append("")
    return "\n".join(lines)
