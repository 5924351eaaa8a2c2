"""Citation export: BibTeX, RIS and CSL-JSON for each paper, pure functions.

BibTeX needs real escaping, not HTML escaping: ``{}``, ``&``, ``%`` and friends
are TeX specials, accents become ``{\\'e}`` so classic BibTeX sorts and prints
them, and ``$...$`` math is passed through as TeX. Keys are derived from the
paper itself (first author, year, first title word) so they survive rebuilds.
"""
from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import quote

from .markup import GREEK, _math_spans, markdown_text, plain_text
from ..model import Paper
from ..text import split_suffix
from ..text import strip_accents
from .work import Step

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

_COMBINING_TO_TEX = {
    "\u0301": "'", "\u0300": "`", "\u0302": "^", "\u0308": '"', "\u0303": "~", "\u0304": "=",
    "\u0307": ".", "\u0306": "u ", "\u030c": "v ", "\u030b": "H ", "\u0327": "c ", "\u0328": "k ",
    "\u030a": "r ", "\u0323": "d ", "\u0331": "b ",
}
_SPECIAL_LETTERS = {
    "ß": r"{\ss}", "æ": r"{\ae}", "Æ": r"{\AE}", "œ": r"{\oe}", "Œ": r"{\OE}", "ø": r"{\o}",
    "Ø": r"{\O}", "ł": r"{\l}", "Ł": r"{\L}", "ı": r"{\i}", "đ": r"{\dj}", "Đ": r"{\DJ}",
    "–": "--", "—": "---", "…": r"{\ldots}", "“": "``", "”": "''", "‘": "`", "’": "'",
    "«": r"{\guillemotleft}", "»": r"{\guillemotright}", "\u00a0": "~", "©": r"{\textcopyright}",
    "°": r"{\textdegree}", "€": r"{\texteuro}", "×": r"$\times$", "±": r"$\pm$", "≤": r"$\leq$",
    "≥": r"$\geq$", "→": r"$\rightarrow$", "∞": r"$\infty$",
}
_SPECIAL_LETTERS.update({ch: f"$\\{name}$" for name, ch in GREEK.items()})
_TEX_SPECIALS = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
    "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
    "<": r"\textless{}", ">": r"\textgreater{}",
}


def _escape_char(ch: str) -> str:
    if ch in _TEX_SPECIALS:
        return _TEX_SPECIALS[ch]
    if ch.isascii():
        return ch
    if ch in _SPECIAL_LETTERS:
        return _SPECIAL_LETTERS[ch]
    decomposed = unicodedata.normalize("NFD", ch)
    base, marks = decomposed[0], decomposed[1:]
    if base.isascii() and marks and all(m in _COMBINING_TO_TEX for m in marks):
        out = "\\i" if base == "i" else base
        for mark in marks:
            command = _COMBINING_TO_TEX[mark]
            out = f"\\{command}{out}" if command.endswith(" ") or len(out) == 1 else f"\\{command}{{{out}}}"
        return "{" + out + "}"
    return ch      # no ASCII spelling: biber and modern BibTeX read UTF-8


_ASCII_ESCAPES = str.maketrans(_TEX_SPECIALS)
_escape_cached = functools.lru_cache(maxsize=None)(_escape_char)


def escape_text(text: str) -> str:
    """Plain text to a BibTeX field value (without the outer braces)."""
    if text.isascii():              # most text: one C-level pass
        return text.translate(_ASCII_ESCAPES)
    return "".join(map(_escape_cached, unicodedata.normalize("NFC", text)))


def _balanced(tex: str) -> bool:
    depth = 0
    for m in re.finditer(r"\\.|[{}]", tex):
        token = m.group()
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def bibtex_value(text: str, protect_case: bool = False) -> str:
    """User text (with optional $math$) to BibTeX: math kept as TeX, everything else escaped.

    With ``protect_case``, words with capitals after their first letter (RLHF,
    MoE, DeepMind) are braced so bibliography styles don't lowercase them.
    """
    parts = []
    for is_math, chunk in _math_spans(text):
        if is_math and _balanced(chunk) and "\n" not in chunk:
            parts.append(f"${chunk}$")
            continue
        plain = plain_text(chunk) if not is_math else chunk
        if chunk[:1].isspace():
            plain = " " + plain
        if chunk[-1:].isspace():
            plain += " "
        for piece in _SPACE_SPLIT.split(plain):
            if not piece:
                continue
            if piece.isspace():
                parts.append(" ")
                continue
            parts.append(_bib_word(piece, protect_case))
    return _SPACE_RUNS.sub(" ", "".join(parts)).strip()


_SPACE_SPLIT = re.compile(r"(\s+)")
_SPACE_RUNS = re.compile(r" +")


@functools.lru_cache(maxsize=1 << 16)      # title words recur across thousands of papers
def _bib_word(piece: str, protect_case: bool) -> str:
    escaped = escape_text(piece)
    letters = [c for c in piece if c.isalpha()]
    if protect_case and any(c.isupper() for c in letters[1:]):
        escaped = "{" + escaped + "}"
    return escaped


@functools.lru_cache(maxsize=1 << 16)      # title words and surnames recur across thousands of papers
def _ascii_word(text: str) -> str:
    return _NOT_KEY_CHAR.sub("", strip_accents(text).lower())


_NOT_KEY_CHAR = re.compile(r"[^a-z0-9]")
_NAME_SEPARATORS = re.compile(r"[\s,]+")
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"\w+")


_STOP = {"a", "an", "the", "on", "of", "in", "for", "to", "and", "with", "towards", "toward",
         "from", "by", "at", "via", "is", "are", "do", "does", "what", "how", "why", "when",
         "le", "la", "les", "un", "une", "des", "du", "de", "sur", "pour", "et"}


def base_key(paper: Paper) -> str:
    """first-author surname + year + first significant title word: munos2023nash."""
    surname = _surname(paper.authors[0]) if paper.authors else ""
    title = paper.title
    if "$" in title or "\\" in title:     # otherwise plain_text only folds spaces, which part no word
        title = plain_text(title)
    word = ""
    for match in _WORD.finditer(title):    # the pieces re.split(r"[^\w]+") gives, less the empty ones
        candidate = _ascii_word(match.group())
        if candidate and candidate not in _STOP and not candidate.isdigit():
            word = candidate
            break
    return f"{surname or 'anon'}{paper.date[:4] or 'nd'}{word}"[:60]


@functools.lru_cache(maxsize=1 << 14)      # a first author heads many papers
def _surname(name: str) -> str:
    name = split_suffix(name)[0]          # "Guy L. Steele Jr.": Steele
    words = [w for w in _NAME_SEPARATORS.split(name.strip()) if _ascii_word(w)]
    if "," in name:
        words = [w for w in _SPACES.split(name.split(",")[0]) if _ascii_word(w)]
    return _ascii_word(words[-1]) if words else ""


# (paper, a digest of it) -> its base key, reused while the paper stays the same.
BASE_KEY = Step("citation key", lambda item: base_key(item[0]), key=lambda item: (item[0].id, item[1]))


def assign_keys(papers, base_keys: list[str] | None = None) -> dict[str, str]:
    """Paper id -> unique citation key, from each paper's ``base_key`` (``base_keys``: made
    already, in the same order); clashing keys get a, b, c... in (date, id) order."""
    groups: dict[str, list[Paper]] = defaultdict(list)
    papers = list(papers)
    for paper, key in zip(papers, base_keys if base_keys is not None else map(base_key, papers)):
        groups[key].append(paper)
    keys: dict[str, str] = {}
    taken = {k for k, group in groups.items() if len(group) == 1}
    for key in sorted(groups):
        group = groups[key]
        if len(group) == 1:
            keys[group[0].id] = key
            continue
        group.sort(key=lambda p: (p.date or "9999", p.id))
        n = 0
        for paper in group:
            while True:
                suffix = _letters(n)
                n += 1
                if key + suffix not in taken:
                    break
            taken.add(key + suffix)
            keys[paper.id] = key + suffix
    return keys


def _letters(n: int) -> str:
    out = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(97 + r) + out
    return out


@dataclass(frozen=True)
class Citation:
    key: str
    paper: Paper
    page_url: str = ""      # absolute URL of the paper's page, when the site's origin is known
    pdf_url: str = ""       # absolute URL of its PDF (links.pdf), when it has one and it can be said


def pdf_url(paper: Paper, site_url: str) -> str:
    """The absolute address of a paper's PDF link: a web address as written, a file of the site
    under ``site_url`` (the site's root, absolute; "" when unknown: then none)."""
    for link in paper.links:
        if link.kind == "pdf":
            if not link.is_file:
                return link.target
            return site_url + quote(link.target) if site_url else ""
    return ""


_PAGE_RANGE = re.compile(r"\s*([^\s\-–—]+)\s*(?:(?:-{1,3}|–|—)\s*([^\s\-–—]+))?\s*")


def page_range(pages: str) -> tuple[str, str]:
    """"112–119", "112--119", "112-119" -> ("112", "119"); "e1234" -> ("e1234", ""); else ("", "")."""
    m = _PAGE_RANGE.fullmatch(pages or "")
    return (m.group(1), m.group(2) or "") if m else ("", "")


def _volume_issue_pages(paper, volume: str, number: str, first: str, last: str) -> list[tuple[str, str]]:
    """The volume, the issue and the first and last page, each where known, under one format's
    tag names (Scholar's and RIS's give the pages as two tags)."""
    start, end = page_range(paper.pages)
    return [(tag, value) for tag, value in ((volume, paper.volume), (number, paper.number), (first, start),
                                            (last, end)) if value]


# What each paper type is in BibTeX, RIS and CSL-JSON ("" : the type is not known).
BIBTEX_TYPES = {"article": "article", "conference": "inproceedings", "preprint": "misc", "thesis": "phdthesis",
                "book": "book", "chapter": "incollection", "report": "techreport", "talk": "misc", "other": "misc"}
RIS_TYPES = {"article": "JOUR", "conference": "CPAPER", "preprint": "UNPB", "thesis": "THES", "book": "BOOK",
             "chapter": "CHAP", "report": "RPRT", "talk": "SLIDE", "other": "GEN"}
CSL_TYPES = {"article": "article-journal", "conference": "paper-conference", "preprint": "article",
             "thesis": "thesis", "book": "book", "chapter": "chapter", "report": "report", "talk": "speech",
             "other": "article"}
# Where the venue goes in BibTeX, by type: a journal's name, a conference's proceedings, a talk's event.
_BIBTEX_VENUE = {"article": "journal", "conference": "booktitle", "chapter": "booktitle", "talk": "howpublished",
                 "preprint": "howpublished", "other": "howpublished", "thesis": "school", "report": "institution",
                 "book": "series"}
# Where the organisation goes: the university of a thesis, the institution of a report...
_BIBTEX_ORGANISATION = {"thesis": "school", "report": "institution", "book": "publisher", "chapter": "publisher",
                        "conference": "organization"}


def scholar_tags(paper: Paper, pdf: str) -> list[tuple[str, str]]:
    """Google Scholar's tags that depend on what the paper is (its type), besides its title, authors,
    date and abstract: the venue as a journal or a conference, the institution of a thesis or
    report, volume, issue, pages, DOI, arXiv id, and ``pdf``, the absolute URL of its PDF."""
    tags: list[tuple[str, str]] = []
    kind, venue, organisation = paper.type, plain_text(paper.venue), plain_text(paper.organisation)
    if venue:
        if kind == "conference":
            tags.append(("citation_conference_title", venue))
        elif kind in ("chapter", "book"):
            tags.append(("citation_inbook_title", venue))
        elif kind in ("article", ""):
            tags.append(("citation_journal_title", venue))
        elif kind == "thesis" and not organisation:
            tags.append(("citation_dissertation_institution", venue))
        elif kind == "report" and not organisation:
            tags.append(("citation_technical_report_institution", venue))
    if organisation:
        if kind == "thesis":
            tags.append(("citation_dissertation_institution", organisation))
        elif kind == "report":
            tags.append(("citation_technical_report_institution", organisation))
        else:
            tags.append(("citation_publisher", organisation))
    tags += _volume_issue_pages(paper, "citation_volume",
                                "citation_technical_report_number" if kind == "report" else "citation_issue",
                                "citation_firstpage", "citation_lastpage")
    if paper.doi:
        tags.append(("citation_doi", paper.doi))
    if paper.arxiv:
        tags.append(("citation_arxiv_id", paper.arxiv))
    if pdf:
        tags.append(("citation_pdf_url", pdf))
    return tags


def _date_parts(date: str) -> list[int]:
    return [int(x) for x in date.split("-") if x.isdigit()]


@functools.lru_cache(maxsize=None)
def scholar_name(name: str) -> str:
    """A name as the page's citation_author tag gives it: "Roberto J. Bayardo, Jr." without the
    comma that Google Scholar would read as "Last, First"."""
    base, suffix = split_suffix(name)
    return f"{base} {suffix}" if suffix else name


def surname_given_suffix(name: str) -> tuple[str, str, str] | None:
    """"Roberto J. Bayardo, Jr." -> ("Bayardo", "Roberto J.", "Jr."), the particles with the surname
    ("Jan van der Berg Jr." -> "van der Berg"); None for a name without a generation."""
    base, suffix = split_suffix(name)
    if not suffix or "," in base:
        return None
    words = base.split()
    at = len(words) - 1
    while at > 1 and words[at - 1][:1].islower():
        at -= 1
    return " ".join(words[at:]), " ".join(words[:at]), suffix


def _bib_name(name: str) -> str:
    """Names recur on many papers: escape each spelling once. A generation goes where BibTeX reads
    it: "Bayardo, Jr., Roberto J."."""
    parts = surname_given_suffix(name)
    if parts:
        return ", ".join(bibtex_value(part) for part in (parts[0], parts[2], parts[1]))
    escaped = bibtex_value(name)
    if re.search(r"\band\b", name, re.IGNORECASE) or "," in name:
        return "{" + escaped + "}"
    return escaped


def to_bibtex(c: Citation) -> str:
    """The paper's BibTeX entry: its entry type and where its venue and organisation go follow
    its ``type`` (an unknown type: @article with a venue, else @misc, as before types existed)."""
    p = c.paper
    kind = p.type
    fields: list[tuple[str, str]] = [("title", "{" + bibtex_value(p.title, protect_case=True) + "}")]
    names = [_bib_name(n) for n in p.authors]
    if p.author_count and p.author_count > len(p.authors) and names:
        names.append("others")
    if names:
        fields.append(("author", "{" + " and ".join(names) + "}"))
    venue_field = _BIBTEX_VENUE.get(kind, "journal")
    organisation_field = _BIBTEX_ORGANISATION.get(kind, "organization")
    if p.venue and not (p.organisation and venue_field == organisation_field):
        fields.append((venue_field, "{" + bibtex_value(p.venue, protect_case=True) + "}"))
    if p.organisation:
        fields.append((organisation_field, "{" + bibtex_value(p.organisation, protect_case=True) + "}"))
    if kind == "report" and p.venue and p.organisation:       # the series a report belongs to
        fields.append(("type", "{" + bibtex_value(p.venue, protect_case=True) + "}"))
    if p.volume:
        fields.append(("volume", "{" + escape_text(p.volume) + "}"))
    if p.number:
        fields.append(("number", "{" + escape_text(p.number) + "}"))
    first, last = page_range(p.pages)
    if first:
        fields.append(("pages", "{" + escape_text(first) + ("--" + escape_text(last) if last else "") + "}"))
    parts = _date_parts(p.date)
    if parts:
        fields.append(("year", "{%04d}" % parts[0]))
    if len(parts) > 1 and 1 <= parts[1] <= 12:
        fields.append(("month", MONTHS[parts[1] - 1]))
    if p.date:
        fields.append(("date", "{" + p.date + "}"))
    if p.doi:
        fields.append(("doi", "{" + escape_text(p.doi) + "}"))
    if p.arxiv:
        fields += [("eprint", "{" + escape_text(p.arxiv) + "}"), ("archiveprefix", "{arXiv}")]
    url = p.url or c.pdf_url or c.page_url
    if url:
        fields.append(("url", "{" + _url_value(url) + "}"))
    if c.pdf_url and c.pdf_url != url:
        fields.append(("pdf", "{" + _url_value(c.pdf_url) + "}"))
    entry_type = BIBTEX_TYPES.get(kind) or ("article" if p.venue else "misc")
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@{entry_type}{{{c.key},\n{body}\n}}\n"


def _url_value(url: str) -> str:
    """URLs go into \\url-aware fields verbatim, except the characters that break the parse."""
    return url.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D").replace(" ", "%20")


def _ris_name(name: str) -> str:
    """RIS's "Lastname, Firstname, Suffix" when the name has a generation; else as written."""
    parts = surname_given_suffix(name)
    return f"{parts[0]}, {parts[1]}, {parts[2]}" if parts else " ".join(name.split())


def to_ris(c: Citation) -> str:
    p = c.paper
    kind = p.type
    ris_type = RIS_TYPES.get(kind) or ("JOUR" if p.venue else "GEN")
    lines = [("TY", ris_type), ("ID", c.key), ("TI", plain_text(p.title))]
    lines += [("AU", _ris_name(name)) for name in p.authors]
    parts = _date_parts(p.date)
    if parts:
        lines.append(("PY", "%04d" % parts[0]))
        lines.append(("DA", "/".join("%02d" % x if i else "%04d" % x for i, x in enumerate(parts)) + "/"))
    if p.venue:
        # a journal's name is JO; a conference's, a book's or an event's is the secondary title
        lines.append(("JO" if ris_type in ("JOUR", "GEN") else "T2", plain_text(p.venue)))
    if p.organisation:
        lines.append(("PB", plain_text(p.organisation)))
    lines += _volume_issue_pages(p, "VL", "IS" if ris_type != "RPRT" else "SN", "SP", "EP")
    if p.abstract:
        lines.append(("AB", markdown_text(p.abstract)))
    if p.doi:
        lines.append(("DO", p.doi))
    if p.url or c.page_url:
        lines.append(("UR", p.url or c.page_url))
    if p.arxiv:
        lines.append(("UR", f"https://arxiv.org/abs/{p.arxiv}"))
    if c.pdf_url:
        lines.append(("L1", c.pdf_url))
    lines.append(("ER", ""))
    # Each value on one line with single spaces; the abstract is so already (markdown_text joins
    # its words with single spaces): splitting its 1,500 characters again cost a tenth of a paper's texts.
    return "".join(f"{tag}  - {value if tag == 'AB' else ' '.join(str(value).split())}".rstrip() + "\n"
                   for tag, value in lines)


def csl_item(c: Citation) -> dict:
    p = c.paper
    item: dict = {"id": c.key, "type": CSL_TYPES.get(p.type) or ("article-journal" if p.venue else "article"),
                  "title": plain_text(p.title)}
    if p.authors:
        item["author"] = [{"literal": " ".join(n.split())} for n in p.authors]
    parts = _date_parts(p.date)
    if parts:
        item["issued"] = {"date-parts": [parts]}
    if p.venue:
        item["event-title" if p.type == "talk" else "container-title"] = plain_text(p.venue)
    if p.organisation:
        item["publisher"] = plain_text(p.organisation)
    if p.volume:
        item["volume"] = p.volume
    if p.number:
        item["number" if p.type == "report" else "issue"] = p.number
    if p.pages:
        first, last = page_range(p.pages)
        item["page"] = f"{first}-{last}" if last else (first or p.pages)
    if p.abstract:
        item["abstract"] = markdown_text(p.abstract)
    if p.doi:
        item["DOI"] = p.doi
    if p.arxiv:
        if p.type == "preprint":                 # as Zotero writes a preprint
            item.setdefault("publisher", "arXiv")
            item["number"] = f"arXiv:{p.arxiv}"
        else:
            item["note"] = f"arXiv:{p.arxiv}"
    url = p.url or c.pdf_url or c.page_url
    if url:
        item["URL"] = url
    return item


def to_csl_json(items: list[dict]) -> str:
    return json.dumps(items, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# --- What a paper page embeds for its download links -------------------------
# No file per paper: site.js builds each download in the browser. The page already
# holds the BibTeX (<pre id="bibtex">) and the plain abstract (<meta name="citation_abstract">,
# written whenever the abstract's plain text is not empty), so neither is embedded again.

RIS_ABSTRACT = "\nAB  - "


def survives_html(text: str) -> bool:
    """Whether an HTML parser gives ``text`` back unchanged from a page (it turns CR into LF
    and drops or replaces NUL); if not, the page cannot stand in for it."""
    return "\r" not in text and "\0" not in text


def page_data(bibtex: str, ris: str, csl: dict, abstract: str, title: str | None = None,
              authors: tuple[str, ...] | None = None) -> dict:
    """What site.js needs, besides the page, to download exactly the bytes of to_bibtex,
    to_ris and to_csl_json (``csl``: the one item, as csl_item makes it; never written out here).

    ``abstract`` is the plain abstract as the page's citation_abstract meta tag holds it.
    "csl" is the CSL item, without its "abstract" when the page can give it back. "ris" is
    the whole text or, when it repeats what is there already, a list of parts put end to
    end: a string is itself; 0 is the page's abstract, 1 the item's title, 2 + i the
    "literal" of its author i (risParts in site.js). The abstract comes from the page
    exactly when 0 is among the parts. site.js writes the item out as to_csl_json does
    (JSON.stringify with 2 spaces; the keys stay sorted through JSON, the abstract goes back
    in its sorted place). "bib" is there only when the page's BibTeX would not read back the same.

    ``title`` and ``authors``: what the page's citation_title and citation_author tags hold.
    When the item's "title", or its "author" list (each a "literal"), says the same, it is
    left out and "page" names it: site.js takes it from those tags and puts it back in its
    sorted place.
    """
    data: dict = {}
    if not survives_html(bibtex):
        data["bib"] = bibtex
    item = dict(csl)
    from_page = (bool(abstract) and survives_html(abstract) and item.get("abstract") == abstract
                 and RIS_ABSTRACT + abstract + "\n" in ris)
    names = [a.get("literal") for a in item.get("author", ())]
    parts: list = []
    for line in ris.split("\n")[:-1]:         # every RIS line ends with "\n"
        tag, sep, value = line.partition("  - ")
        ref = (0 if tag == "AB" and from_page and value == abstract else
               1 if tag == "TI" and value and value == item.get("title") else
               2 + names.index(value) if tag == "AU" and value and value in names else None)
        parts += [line + "\n"] if ref is None else [tag + sep, ref, "\n"]
    merged: list = []
    for part in parts:
        if merged and isinstance(part, str) and isinstance(merged[-1], str):
            merged[-1] += part
        else:
            merged.append(part)
    values = {0: abstract, 1: item.get("title")} | {2 + i: name for i, name in enumerate(names)}
    if (any(isinstance(p, int) for p in merged) and ris.endswith("\n")
            and "".join(p if isinstance(p, str) else values[p] for p in merged) == ris):
        data["ris"] = merged
        if 0 in merged:
            del item["abstract"]
    else:
        data["ris"] = ris
    page = []
    if title and item.get("title") == title and _from_tag(title):
        page.append("title")
    if (authors and item.get("author") == [{"literal": name} for name in authors]
            and all(map(_from_tag, authors))):
        page.append("author")
    for key in page:
        del item[key]
    if page:
        data["page"] = page
    data["csl"] = item
    return data


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _from_tag(text: str) -> bool:
    """Whether a meta tag's content gives ``text`` back: nothing an HTML parser changes, no
    control character (render.no_controls drops them from what templates print)."""
    return survives_html(text) and not _CONTROL.search(text)
