"""BibTeX (and biblatex) files: bibtexparser 2 splits the file, this module reads each entry.

bibtexparser finds the blocks (braces, quotes, comments, @string), keeps going after a broken
entry and reports it, reports duplicate keys, and splits author lists and names the way BibTeX
does. What it does not do is done here: the value of a field written as an expression
(``jmlr # " (JMLR)"``, ``10 # "~" # jan``; its string resolution handles a lone name only), the
``crossref`` inheritance (a paper takes the fields it lacks from the entry it points to, and an
edited ``@proceedings`` that papers point to is no paper), biblatex's extended name format, and
the LaTeX, through ``latex.py``.
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache

import bibtexparser
from bibtexparser.middlewares.names import InvalidNameError, parse_single_name_into_parts, split_multiple_persons_names
from bibtexparser.model import DuplicateBlockKeyBlock, DuplicateFieldKeyBlock, Entry, ImplicitComment, ParsingFailedBlock, String

from ...errors import ERROR, WARNING, Problem
from .latex import latex_to_text
from .record import BIBTEX, Draft, ExportRecord, duplicate_key, finish, make_date, parse_month, written_date

NOUN = "entry"

# Entry type (lowercase) -> paper type. Every standard BibTeX and biblatex type is known; any
# other type is read as "other" with a warning.
TYPES = {
    "article": "article", "review": "article", "suppperiodical": "article",
    "inproceedings": "conference", "conference": "conference",
    "phdthesis": "thesis", "mastersthesis": "thesis", "thesis": "thesis",
    "book": "book", "mvbook": "book", "reference": "book", "mvreference": "book",
    "incollection": "chapter", "inbook": "chapter", "bookinbook": "chapter", "inreference": "chapter",
    "suppbook": "chapter", "suppcollection": "chapter",
    "techreport": "report", "report": "report",
    **dict.fromkeys("""misc unpublished online electronic www manual booklet proceedings mvproceedings collection
        mvcollection periodical dataset software patent standard artwork audio video image movie music letter
        performance set xdata jurisdiction legislation legal commentary""".split(), "other"),
}
# Where each paper type was published, in order of preference.
VENUE_FIELDS = {"book": ("publisher",), "thesis": ("school", "institution"), "report": ("institution",)}
MORE_AUTHORS = frozenset({"others", "et al.", "et al", "et~al."})
MONTH_MACROS = {"jan": "January", "feb": "February", "mar": "March", "apr": "April", "may": "May", "jun": "June",
                "jul": "July", "aug": "August", "sep": "September", "oct": "October", "nov": "November",
                "dec": "December"}

KEY_HINT = "give each entry its own key"
BRACES_HINT = "check the braces of this entry"
_FIELD_LIKE_RE = re.compile(r"^\s*,?\s*([A-Za-z][\w-]*)\s*=", re.MULTILINE)
_HEAD_RE = re.compile(r"^@\s*([\w-]+)\s*[{(]\s*([^,\s}]*)")
_STRAY_AND_RE = re.compile(r"^\s+and(?=\s)|(?<=\s)and\s*$|(?<=\sand)(?:\s+and(?=\s))+", re.IGNORECASE)
_URL_COMMAND_RE = re.compile(r"^\\url\s*\{(.*)\}$", re.DOTALL)
_LINK_RE = re.compile(r"^https?://\S+$", re.IGNORECASE)
_CORR_VOLUME_RE = re.compile(r"^abs/(\S+)$", re.IGNORECASE)
_PREPRINT_JOURNAL_RE = re.compile(r"^\s*(?:arxiv|corr)\s*$", re.IGNORECASE)

logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)   # its messages become our Problems


def read_bibtex(path: str, name: str, text: str) -> tuple[list[ExportRecord], list[Problem]]:
    try:
        library = bibtexparser.parse_string(text, parse_stack=[])   # values as written: evaluated below
    except Exception as exc:   # the splitter raises only on its own internal errors
        return [], [Problem(path, 1, f"the BibTeX reader failed on this file ({exc}): nothing imported", ERROR,
                            "export the file again; if that does not help, report this message")]
    strings: dict[str, str] = {}
    records: list[ExportRecord] = []
    problems: list[Problem] = []
    entries: list[tuple[Entry, int, dict[str, str], list[tuple[str, str]]]] = []
    blocks = library.blocks
    for index, block in enumerate(blocks):
        line = (block.start_line or 0) + 1
        if isinstance(block, String):
            strings[block.key.lower()], undefined = evaluate(block.value, strings)
            problems += [Problem(path, line, f"@string '{block.key}' uses undefined @string '{word}'", WARNING)
                         for word in undefined]
        elif isinstance(block, DuplicateBlockKeyBlock):
            first = (block.previous_block.start_line or 0) + 1
            if isinstance(block.ignore_error_block, String):    # as in BibTeX, the new value holds from here on
                strings[block.key.lower()], _ = evaluate(block.ignore_error_block.value, strings)
                problems.append(Problem(path, line, f"@string '{block.key}' is defined again (first on line {first}): "
                                        "the new value is used from here on", WARNING))
            else:
                problems.append(duplicate_key(path, line, NOUN, block.key, first, KEY_HINT))
        elif isinstance(block, DuplicateFieldKeyBlock):
            fields = ", ".join(f"'{key}'" for key in sorted(block.duplicate_keys))
            problems.append(Problem(path, line, f"{_label(block.raw)} skipped: field {fields} is given twice",
                                    ERROR, "keep one of them"))
        elif isinstance(block, ParsingFailedBlock):
            problems.append(_failure(path, line, block, blocks[index + 1:]))
        elif isinstance(block, Entry):
            overflow = _fields_after_end(blocks[index + 1:index + 2])
            if overflow:
                end = line + block.raw.count("\n")
                problems.append(Problem(path, line, f"{_label(block.raw)} skipped: an extra '}}' on line {end} "
                                        f"ends it before its last fields ({', '.join(overflow)})", ERROR, BRACES_HINT))
                continue
            entries.append((block, line, *field_values(block, strings)))
    by_key: dict[str, tuple[str, dict[str, str]]] = {}
    for block, _, values, _ in entries:
        by_key.setdefault(block.key.strip().lower(), (block.entry_type.lower(), values))
    containers = {values["crossref"].strip().lower() for _, _, values, _ in entries if values.get("crossref", "").strip()}
    for block, line, values, notes in entries:
        if block.key.strip().lower() in containers and not values.get("author", "").strip():
            continue          # the proceedings (or book) its papers point to, edited, not written, by its people
        parent = values.get("crossref", "").strip()
        if parent:
            if parent.lower() in by_key:
                values = inherit(values, *by_key[parent.lower()])
            else:
                notes = [*notes, (f"crossref '{parent}' names no entry of this file: nothing inherited",
                                  "export the entry it points to with it, or remove the crossref field")]
        record, found = finish(read_entry(block, line, values, notes, path), BIBTEX, name, path, NOUN)
        problems += found
        if record is not None:
            records.append(record)
    if not library.entries and not library.failed_blocks:
        problems.append(Problem(path, 1, "no BibTeX entries in this file: nothing to import", ERROR,
                                "an entry starts with @article{key, or another @type{key,"))
    return records, problems


def _label(raw: str | None) -> str:
    m = _HEAD_RE.match(raw or "")
    return f"{NOUN} '{m.group(2)}'" if m and m.group(2) else NOUN


def _failure(path: str, line: int, block: ParsingFailedBlock, after: list) -> Problem:
    """bibtexparser's reason for giving up on a block, said in the editor's terms."""
    reason = getattr(block.error, "abort_reason", "") or str(block.error)
    following = next((b for b in after if not isinstance(b, ImplicitComment)), None)
    until = f"the next entry starts on line {following.start_line + 1}" if following else "the file ends first"
    if "looking for field-value closing `\"`" in reason:
        why = f'a \'"\' is never closed ({until})'
    elif "looking for" in reason or "end of file" in reason:
        why = f"a '{{' is never closed ({until})"
    elif "comma after entry key" in reason:
        why = "there is no ',' after the citation key"
    elif "Expected a `=` after entry key" in reason or "equals sign" in reason:
        why = "a field has no '=' before its value"
    elif "after a closed entry field value" in reason:
        why = "two fields are not separated by ','"
    else:
        why = f"it cannot be read ({reason.strip()})"
    head = _HEAD_RE.match(block.raw or "")
    kind = head.group(1).lower() if head else ""
    if kind in ("comment", "preamble"):             # holds no reference: nothing is lost
        return Problem(path, line, f"@{kind} skipped: {why}", WARNING, BRACES_HINT)
    return Problem(path, line, f"{'@string' if kind == 'string' else _label(block.raw)} skipped: {why}", ERROR,
                   BRACES_HINT)


def _fields_after_end(following: list) -> list[str]:
    """Field names in the text right after an entry: a '}' too many closed it early."""
    if following and isinstance(following[0], ImplicitComment):
        return _FIELD_LIKE_RE.findall(following[0].comment)
    return []


def evaluate(raw: str, strings: dict[str, str]) -> tuple[str, list[str]]:
    """A field value as BibTeX computes it: ``{…}``, ``"…"``, numbers and @string names joined by ``#``.
    Returns the value and the names that no @string defines (left out of the value)."""
    raw = raw.strip()
    if "#" not in raw and raw[:1] + raw[-1:] in ("{}", '""') and len(raw) > 1:
        return raw[1:-1], []                 # the usual {…}: the splitter checked its braces
    parts: list[str] = []
    undefined: list[str] = []
    i, n = 0, len(raw)
    while i < n:
        char = raw[i]
        if char.isspace() or char == "#":
            i += 1
        elif char in "{\"":
            depth, j = 0, i + 1
            while j < n and not (depth == 0 and raw[j] == ("}" if char == "{" else '"')):
                depth += {"{": 1, "}": -1}.get(raw[j], 0)
                j += 1
            parts.append(raw[i + 1:j])
            i = j + 1
        else:
            word = re.match(r"[^\s#]+", raw[i:]).group(0)
            i += len(word)
            folded = word.lower()
            if word.isdigit():
                parts.append(word)
            elif folded in strings:
                parts.append(strings[folded])
            elif folded in MONTH_MACROS:
                parts.append(MONTH_MACROS[folded])
            else:
                undefined.append(word)
    return "".join(parts), undefined


def field_values(entry: Entry, strings: dict[str, str]) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """The entry's fields (lowercase names) as BibTeX computes them with the @strings defined so
    far, and the warnings (message, hint) that computing them gave."""
    values: dict[str, str] = {}
    notes: list[tuple[str, str]] = []
    for f in entry.fields:
        key = f.key.lower()
        value, undefined = evaluate(f.value, strings)
        for word in undefined:
            notes.append((f"field '{f.key}' uses undefined @string '{word}': left out of the value",
                          f"define it with @string{{{word} = {{…}}}} or write the value in braces"))
        if key in values:
            notes.append((f"field '{key}' is given twice: the first one is read", ""))
            continue
        values[key] = value
    return values, notes


# What a paper takes from the entry its `crossref` names when it lacks them (BibTeX copies every
# field, biber all but the ones below; the others are the container's own: its title, people,
# identifiers and links).
_NOT_INHERITED = frozenset("""title subtitle titleaddon shorttitle author editor editora editorb editorc translator
    crossref xref key ids entryset doi url urldate eprint eprinttype eprintclass archiveprefix arxivid primaryclass
    isbn issn pages abstract note annote keywords file biburl bibsource timestamp howpublished
    mrnumber zbl pmid pmcid language langid""".split())


def inherit(values: dict[str, str], parent_type: str, parent: dict[str, str]) -> dict[str, str]:
    """The fields of a crossref child completed from its parent, as BibTeX and biber do: the
    parent's title is the child's `booktitle` (its journal's, for a periodical)."""
    merged = dict(values)
    for key, value in parent.items():
        if key not in _NOT_INHERITED and value.strip() and not merged.get(key, "").strip():
            merged[key] = value
    title = parent.get("title", "").strip()
    if title and not any(merged.get(k, "").strip() for k in ("journal", "journaltitle", "booktitle")):
        merged["journaltitle" if parent_type == "periodical" else "booktitle"] = title
    return merged


def read_entry(entry: Entry, line: int, values: dict[str, str], notes: list[tuple[str, str]], path: str) -> Draft:
    source_type = entry.entry_type.lower()
    draft = Draft(line=line, end_line=line + entry.raw.count("\n"), key=entry.key.strip(), raw=entry.raw,
                  source_type=source_type, type=TYPES.get(source_type, "other"))
    label = f"{NOUN} '{draft.key}'" if draft.key else NOUN

    def warn(message: str, hint: str = "") -> None:
        draft.problems.append(Problem(path, line, f"{label}: {message}", WARNING, hint))

    if source_type not in TYPES:
        warn(f"unknown entry type '@{entry.entry_type}': read as 'other'",
             "use a standard type such as @article, @inproceedings or @misc")
    if not draft.key:
        warn("it has no citation key", "write a key after the brace: @article{key,")

    for message, hint in notes:
        warn(message, hint)

    def text(key: str) -> str:
        decoded, unknown = latex_to_text(values.get(key, ""))
        for command in unknown:
            warn(f"unknown LaTeX command \\{command} in '{key}': kept as written", "write the text it stands for")
        return decoded

    draft.title = text("title")
    draft.authors, draft.more_authors = _authors(values.get("author", ""), warn)
    draft.date = _date(values, warn)
    draft.venue = next((v for v in (text(k) for k in ("journal", "journaltitle", "booktitle", "eventtitle",
                                                       *VENUE_FIELDS.get(draft.type, ()))) if v.strip()), "")
    draft.doi = _verbatim(values.get("doi", ""))
    draft.urls = [u for u in (*_links(_verbatim(values.get("url", ""))), _howpublished_url(values.get("howpublished", "")))
                  if u]
    prefix = (values.get("archiveprefix") or values.get("eprinttype") or "").strip().lower()
    eprint = _verbatim(values.get("eprint", ""))
    if eprint and (prefix == "arxiv" or eprint.lower().startswith("arxiv:")):
        draft.arxiv_hints.append(eprint)
    if values.get("arxivid"):                     # Mendeley's field
        draft.arxiv_hints.append(_verbatim(values["arxivid"]))
    corr = _CORR_VOLUME_RE.match(" ".join(values.get("volume", "").split()))
    if corr and _PREPRINT_JOURNAL_RE.match(text("journal") or text("journaltitle")):
        draft.arxiv_hints.append(corr.group(1))   # Semantic Scholar's and DBLP's "abs/2001.00001" in ArXiv or CoRR
    draft.abstract = text("abstract")
    draft.pages = text("pages")
    article, count = text("articleno"), text("numpages")
    if not draft.pages and article.isdigit():     # ACM's "articleno = {8}, numpages = {45}": DBLP's "8:1-8:45"
        draft.pages = f"{article}:1-{article}:{count}" if count.isdigit() else article
    draft.volume = text("volume")
    number = text("number") or text("issue")
    if _ARCHIVE_NUMBER_RE.match(number):          # Better BibTeX's preprint "number = {arXiv:2210.01234}": an id
        draft.arxiv_hints.append(number)
        number = ""
    draft.number = number
    return draft


_ARCHIVE_NUMBER_RE = re.compile(r"^(?:arxiv:\s*)?\d{4}\.\d{4,5}(?:v\d+)?$|^arxiv:", re.IGNORECASE)


def _links(url: str) -> list[str]:
    """Mendeley writes all of a document's links in one field, separated by spaces: each is a link
    (the first is the record's). Any other value with a space stays one, for the schema to refuse."""
    parts = url.split()
    return parts if len(parts) > 1 and all(_LINK_RE.match(part) for part in parts) else [url]


def _verbatim(value: str) -> str:
    """A URL, DOI or eprint: no LaTeX decoding (``--`` and ``~`` are part of URLs), only its escapes."""
    value = value.strip()
    m = _URL_COMMAND_RE.match(value)
    if m:
        value = m.group(1).strip()
    return re.sub(r"\\([_%&#$~])", r"\1", value.replace("{", "").replace("}", ""))


def _howpublished_url(value: str) -> str:
    m = re.search(r"\\url\s*\{([^{}]*)\}", value)
    return m.group(1).strip() if m else ""


def _authors(value: str, warn) -> tuple[list[str], bool]:
    """Display names ("First von Last Jr") in order, and whether "and others" ends the list."""
    names: list[str] = []
    more = False
    value = _STRAY_AND_RE.sub(" ", f" {value} ")    # "Lee, Ann and" or "A and and B": no empty name
    for written in _split_names(value):
        written = written.strip()
        if written.lower() in MORE_AUTHORS:
            more = True
        elif written:
            name, warnings = _display_name(written)
            for message, hint in warnings:
                warn(message, hint)
            names.append(name)
    return names, more


@lru_cache(maxsize=65536)      # a lab's export names the same people in entry after entry
def _display_name(written: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    warnings: list[tuple[str, str]] = []
    extended = _extended_name(written)
    if extended is not None:
        words = extended
    elif written.startswith("{") and _closing_brace(written, 0) == len(written) - 1:
        words = [written]                      # {World Health Organization}: one name, kept whole
    else:
        try:
            parts = parse_single_name_into_parts(written, strict=True)
        except InvalidNameError as exc:
            if "Too many commas" in exc.reason:
                warnings.append((f"author '{written}' has more than two commas: kept as written",
                                 "separate the authors with 'and': Munos, Rémi and Azar, Mohammad"))
                parts = None
            else:                              # a trailing comma: dropped
                parts = parse_single_name_into_parts(written, strict=False)
        words = [written] if parts is None else parts.first + parts.von + parts.last + parts.jr
    decoded, unknown = latex_to_text(" ".join(words))
    warnings += [(f"unknown LaTeX command \\{command} in 'author': kept as written", "write the text it stands for")
                 for command in unknown]
    return decoded, tuple(warnings)


_EXTENDED_PART_RE = re.compile(r"^\s*([a-z]+(?:-i)?)\s*=\s*(.*?)\s*$", re.DOTALL | re.IGNORECASE)
_EXTENDED_KEYS = frozenset({"family", "given", "prefix", "suffix", "useprefix", "family-i", "given-i", "prefix-i",
                            "suffix-i"})


def _extended_name(written: str) -> list[str] | None:
    """biblatex's extended name format (Better BibLaTeX writes names with a particle so:
    ``family=Maaten, given=Laurens, prefix=van der, useprefix=true``) as the words of the display
    name, given, prefix, family, suffix; None for a name in the usual format."""
    if "=" not in written:
        return None
    parts: dict[str, str] = {}
    for piece in _top_level_split(written):
        m = _EXTENDED_PART_RE.match(piece)
        if not m or m.group(1).lower() not in _EXTENDED_KEYS:
            return None
        value = m.group(2)
        if value[:1] == '"' and value[-1:] == '"' and len(value) > 1 or \
                value[:1] == "{" and _closing_brace(value, 0) == len(value) - 1:
            value = value[1:-1].strip()
        parts[m.group(1).lower()] = value
    if not parts.get("family"):
        return None
    return [parts[key] for key in ("given", "prefix", "family", "suffix") if parts.get(key)]


def _top_level_split(text: str) -> list[str]:
    """``text`` cut at the commas outside braces."""
    pieces, depth, start = [], 0, 0
    for index, char in enumerate(text):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if char == "," and depth == 0:
            pieces.append(text[start:index])
            start = index + 1
    return pieces + [text[start:]]


# bibtexparser's name splitter drops a command that starts the name after "and" ("Ann Lee and
# \\'Emile Zola" gives "Emile Zola", "and \\L{}ukasz" gives "{}ukasz"): it skips a backslash and the
# character after it before it looks for the next name. Backslashes are hidden from it, escaped
# braces first so that they still do not count as braces.
_HIDDEN = (("\\{", "\x02"), ("\\}", "\x03"), ("\\", "\x01"))


def _split_names(value: str) -> list[str]:
    for char, mark in _HIDDEN:
        value = value.replace(char, mark)
    names = split_multiple_persons_names(value)
    for char, mark in reversed(_HIDDEN):
        names = [name.replace(mark, char) for name in names]
    return names


def _closing_brace(text: str, start: int) -> int:
    depth = 0
    for index in range(start, len(text)):
        depth += {"{": 1, "}": -1}.get(text[index], 0)
        if depth == 0:
            return index
    return -1


def _date(values: dict[str, str], warn) -> str:
    """biblatex ``date`` first, else ``year`` with ``month`` (and ``day``); a part that is not a
    date is reported and left out, never guessed."""
    written = " ".join(values.get("date", "").split())
    if written:
        date, message = written_date(written, "date")
        if message:
            warn(message, "" if date else "write date = {2024-05-17}, {2024-05} or {2024}")
        if date:
            return date
    year = " ".join(latex_to_text(values.get("year", ""))[0].split())
    if not year:
        return ""
    if not re.fullmatch(r"\d{4}", year):
        warn(f"year '{year}' is not a year: no date read", "write year = {2024}")
        return ""
    month_text = " ".join(latex_to_text(values.get("month", ""))[0].split())
    month = day = None
    if month_text:
        parsed_month = parse_month(month_text)
        if parsed_month is None:
            warn(f"month '{month_text}' is not a month: date read as {year}", "write month = may or month = {5}")
        else:
            month, day = parsed_month
    day_text = values.get("day", "").strip()
    if month and day is None and day_text.isdigit():
        day = int(day_text)
    date, cut = make_date(int(year), month, day)
    if cut:
        warn(f"{cut}: date read as {date}")
    return date
