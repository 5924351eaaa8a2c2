"""The one reader of content YAML: bytes -> the fields as written, each with its line.

Build, check, new and ingest all read entries through ``read_fields``, so an
editor gets the same message for the same mistake whichever command found it.
Values stay as written where YAML would guess (a date is its text); a file that
is not a YAML mapping at all raises ``Unreadable`` with the line to look at.
"""
from __future__ import annotations

from dataclasses import dataclass

import yaml

MAX_NODES = 100_000          # guards against YAML alias bombs ("billion laughs")
_SCALAR_TAGS = {
    "tag:yaml.org,2002:int": "construct_yaml_int",
    "tag:yaml.org,2002:float": "construct_yaml_float",
    "tag:yaml.org,2002:bool": "construct_yaml_bool",
}
_SYNTAX_HINTS = (
    ("mapping values are not allowed", 'quote a value that contains ": ", e.g. title: "Part 1: The Start"'),
    ("cannot start any token", "quote a value that starts with @ or `"),
    ("while scanning a quoted scalar", "a quote is opened but never closed"),
    ("found undefined alias", "quote a value that starts with *"),
    ("did not find expected key", "check the indentation of this line and the one above"),
    ("expected <block end>", "check the indentation of this line and the one above"),
    ("did not find expected '-' indicator", "every item of the list needs the same indentation and a \"- \""),
    ("expected a single document", "remove the extra --- line: one entry per file"),
    ("while parsing a flow", "a [ or { is opened but never closed, or an item needs quotes"),
)


@dataclass(frozen=True)
class Given:
    """One ``key: value`` pair as the editor wrote it, with where they wrote it."""

    key: object
    value: object
    line: int
    item_lines: tuple[int, ...] = ()
    # for a mapping: the lines of the items of each key's list, in order ((), for a key whose value is no list)
    sub_lines: tuple[tuple[int, ...], ...] = ()


@dataclass(frozen=True)
class Tagged:
    """A value written with a YAML tag (``!!python/object/apply:os.system [...]``): never
    constructed, only named in the message (the schema refuses it)."""

    tag: str


_PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp",
                                                         "seq", "map", "merge")}


def shown_tag(tag: str) -> str:
    """A tag as the editor wrote it: "!!python/object/apply:os.system", "!custom"."""
    return "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag


class Unreadable(Exception):
    """A file that is not a YAML mapping at all: one problem, and the file is skipped."""

    def __init__(self, line: int, message: str, hint: str = ""):
        super().__init__(message)
        self.line, self.message, self.hint = line, message, hint


_BOMS = ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"), (b"\xff\xfe", "UTF-16"),
         (b"\xfe\xff", "UTF-16"))


def wide_encoding(data: bytes) -> str:
    """"UTF-16" or "UTF-32" for text saved that way (a byte-order mark, or the zero bytes that
    Latin letters leave in every second or every fourth byte); "" otherwise."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    sample = data[:4096]
    if len(sample) < 8 or b"\0" not in sample:     # UTF-8 text holds no zero byte: the usual case ends here
        return ""
    for width, name in ((4, "UTF-32"), (2, "UTF-16")):
        units = len(sample) // width
        mostly_zero = sum(1 for at in range(width) if sample[at::width].count(0) >= 0.9 * units)
        if mostly_zero == width - 1:
            return name
    return ""


def _decode(data: bytes) -> str:
    if not data.strip():
        raise Unreadable(1, "file is empty")
    wide = wide_encoding(data)
    if wide:
        raise Unreadable(1, f"file is saved as {wide}, not UTF-8",
                          "save it as UTF-8: in most editors, Save As, then Encoding: UTF-8")
    if b"\0" in data:
        raise Unreadable(1, "binary file, not YAML text", "was an image or PDF saved under this name?")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise Unreadable(line, f"not UTF-8 text: byte 0x{data[exc.start]:02x} at column {column}",
                          "save the file as UTF-8") from None


def _syntax_error(exc: yaml.MarkedYAMLError, text: str) -> Unreadable:
    mark = exc.problem_mark or exc.context_mark
    what = exc.problem or exc.context or "invalid YAML"
    if exc.context and exc.problem:
        what = f"{exc.context}, {exc.problem}"
        at_end = exc.problem_mark is not None and exc.problem_mark.index >= len(text.rstrip())
        if exc.context_mark and ("end of stream" in exc.problem or at_end):
            mark = exc.context_mark        # point at what was left open, not at the end of the file
    line = mark.line + 1 if mark else 0
    where = f" at column {mark.column + 1}" if mark else ""
    hint = next((h for needle, h in _SYNTAX_HINTS if needle in f"{exc.context} {exc.problem}"), "")
    bad_line = text.splitlines()[mark.line] if mark and mark.line < len(text.splitlines()) else ""
    if "\t" in bad_line[:mark.column + 1 if mark else 0]:
        hint = "indent with spaces, not tabs"
    return Unreadable(line, f"YAML syntax error{where}: {what}", hint)


class _Walker:
    """Turns composed YAML nodes into Python values, keeping dates as written."""

    def __init__(self, loader):
        self.loader = loader
        self.budget = MAX_NODES
        self.tagged: Tagged | None = None      # the first tag found in the field being read

    def value(self, node, depth: int = 0):
        self.budget -= 1
        if self.budget < 0 or depth > 50:
            raise Unreadable(node.start_mark.line + 1, "YAML too deeply nested or too many aliases",
                              "entries need no & anchors or * aliases: write the values out")
        if node.tag not in _PLAIN_TAGS:
            self.tagged = self.tagged or Tagged(shown_tag(node.tag))
            return None
        if isinstance(node, yaml.ScalarNode):
            tag = node.tag
            if tag == "tag:yaml.org,2002:str" or tag == "tag:yaml.org,2002:timestamp":
                return node.value          # a date stays as written: the schema checks it
            if tag == "tag:yaml.org,2002:null":
                return None
            method = _SCALAR_TAGS.get(tag)
            if method:
                try:
                    return getattr(self.loader, method)(node)
                except (ValueError, TypeError):
                    return node.value
            return node.value
        if isinstance(node, yaml.SequenceNode):
            return [self.value(item, depth + 1) for item in node.value]
        result = {}
        for key_node, value_node in node.value:
            key = self.value(key_node, depth + 1)
            try:
                result[key] = self.value(value_node, depth + 1)
            except TypeError:        # unhashable key
                result[str(key)] = self.value(value_node, depth + 1)
        return result


def read_fields(data: bytes) -> tuple[list[Given], int, list[tuple[int, str, str]]]:
    """Parse one entry: its fields in order, the line of the first one, and duplicate-key problems.

    Raises Unreadable for a file that is empty, binary, not UTF-8, not YAML or not a mapping.
    """
    text = _decode(data)
    loader = yaml.CSafeLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, text) from None
    except yaml.YAMLError as exc:
        raise Unreadable(1, f"YAML syntax error: {exc}") from None
    finally:
        loader.dispose()
    if node is None:
        raise Unreadable(1, "file is empty", "it holds only comments")
    if not isinstance(node, yaml.MappingNode):
        found = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
        raise Unreadable(node.start_mark.line + 1,
                          f"expected 'field: value' lines, found {found}",
                          "each line should look like title: \"…\"")
    walker = _Walker(loader)
    givens, seen, duplicates = [], {}, []
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        key = walker.value(key_node)
        if isinstance(key, (list, dict)):
            key = str(key)
        if isinstance(key, str) and key in seen:
            duplicates.append((line, f"field '{key}' appears twice (first on line {seen[key]})",
                               "keep only one; YAML would silently use the last"))
            continue
        if isinstance(key, str):
            seen[key] = line
        item_lines, sub_lines = (), ()
        if isinstance(value_node, yaml.SequenceNode):
            item_lines = tuple(item.start_mark.line + 1 for item in value_node.value)
        elif isinstance(value_node, yaml.MappingNode):       # the line of each key, in order
            item_lines = tuple(key.start_mark.line + 1 for key, _ in value_node.value)
            sub_lines = tuple(tuple(item.start_mark.line + 1 for item in sub.value)
                              if isinstance(sub, yaml.SequenceNode) else () for _, sub in value_node.value)
        walker.tagged = None
        value = walker.value(value_node)
        givens.append(Given(key, walker.tagged or value, line, item_lines, sub_lines))
    return givens, node.start_mark.line + 1, duplicates
