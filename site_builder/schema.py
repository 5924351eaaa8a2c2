"""One declarative description of each YAML file: site, paper, author.

Everything an editor sees about a field comes from here: the checks and
their messages (``validate``), the JSON Schemas in schemas/ that editors'
IDEs use (``json_schema``), the commented entries that ``new`` writes, and
the guide. Keeping them in one table is what stops them disagreeing.

Regenerate the committed JSON Schemas with::

    python -m site_builder.schema schemas/

and paste ``python -m site_builder.schema --markdown`` into docs/editing.md
when a field changes (tests fail until both are done).
"""
from __future__ import annotations

import calendar
import difflib
import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .errors import ERROR, WARNING, Problem
from .yamlfile import Given, Tagged, Unreadable, read_fields

ID_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
DATE_PATTERN = r"(?:19[0-9]{2}|20[0-9]{2}|2100)(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?"
SUPPORTED_LANGUAGES = ("en", "fr")
# What a paper is (its `type`): each maps onto BibTeX, RIS and CSL types and Scholar's tags.
PAPER_TYPES = ("article", "conference", "preprint", "thesis", "book", "chapter", "report", "talk", "other")
# Portraits are decoded and made again at the sizes pages show (build/images.py). SVG is
# refused: a drawing may hold scripts that run when its URL is opened directly.
PORTRAIT_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif")
SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
# The links a paper may carry (its `links`), in the order their buttons show; `extra` holds
# other links, each with its own label.
LINK_KINDS = ("pdf", "code", "slides", "video", "poster", "project", "data")
EXTRA_LINKS = "extra"
# Names editors write by mistake for a link kind
LINK_ALSO = {"paper": "pdf", "fulltext": "pdf", "full_text": "pdf", "github": "code", "gitlab": "code",
             "repo": "code", "repository": "code", "source": "code", "software": "code", "talk": "video",
             "youtube": "video", "recording": "video", "presentation": "slides", "website": "project",
             "homepage": "project", "page": "project", "project_page": "project", "dataset": "data",
             "datasets": "data", "others": EXTRA_LINKS, "other": EXTRA_LINKS, "more": EXTRA_LINKS}
FILES_FOLDER = "files"       # content/files/: files links point at, published at <site>/files/

TEXT, INTEGER, LIST, DATE = "text", "integer", "list", "date"
BOOLEAN = "true/false"
# A mapping of link kinds (LINK_KINDS) to a web address or a file under content/files/, and
# `extra`: a list of {label, url}. Its value in the model is a tuple of model.Link.
LINKS = "links"
# site.yaml's roles: a list of {id: …, en: …, fr: …}, in the order the team page shows them.
# Its value in the model is a tuple of (id, ((language, name), ...)) pairs.
ROLES = "list of roles"
DAY_PATTERN = r"[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"
# Where a member's Scholar and GitHub links lead: the profile's id alone is written.
SCHOLAR_PATTERN = r"[A-Za-z0-9_-]{12}"
GITHUB_PATTERN = r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}"
# A news item at <lang>/news/<id>/ may not take the name of the news list's own pages.
RESERVED_NEWS_IDS = ("page",)
# Text a reader sees in their own language: one text for every language, or one per language
# (``en: …`` / ``fr: …``). Its value in the model is a tuple of (language, text) pairs, ""
# standing for every language; ``localized`` picks the text for a page.
PER_LANGUAGE = "text per language"


@dataclass(frozen=True)
class Field:
    """One field of one kind of file, and everything needed to explain it."""

    name: str
    kind: str                          # TEXT, INTEGER, LIST (of text), DATE, PER_LANGUAGE, BOOLEAN, ROLES or LINKS
    help: str                          # one sentence, shown in IDEs, scaffolds and the guide
    required: bool = False
    default: object = None
    choices: tuple[str, ...] = ()      # allowed values (for a LIST: of each item)
    pattern: str = ""                  # full-match regex (for a LIST: of each item; for a DATE: on top of a valid date)
    pattern_hint: str = ""             # what a good value looks like, for the message
    pattern_message: str = ""          # message when the pattern fails ({value}); default "invalid <field>"
    minimum: int | None = None
    example: str = ""                  # a YAML value, for scaffolds
    also: tuple[str, ...] = ()         # names editors write by mistake for this field
    item_noun: str = ""                # what one item of a LIST is called in messages
    # Limits no real lab reaches, there to stop a mistake (a whole PDF pasted as an abstract)
    # from growing every page, feed and index that shows the field (see LIMITS in docs/editing.md).
    max_length: int = 1_000            # characters of a text (of each item of a LIST, each language's text)
    max_items: int = 1_000             # items of a LIST
    min_items: int = 0                 # items a LIST needs when it is given
    maximum: int | None = None         # largest INTEGER
    multiline: bool = False            # may hold line breaks and tabs (other control characters are dropped)
    forbid: str = ""                   # characters refused by name (a link cannot hold " < > or a space)


@dataclass(frozen=True)
class Rule:
    """A check across fields of one file: ``check(values, lines, failed, first_line)`` yields (line, message, hint, severity)."""

    check: object
    json: dict = field(default_factory=dict)   # the same rule in JSON Schema, if it can be said there


@dataclass(frozen=True)
class FileSchema:
    kind: str                 # "site", "paper" or "author"
    title: str
    description: str
    fields: tuple[Field, ...]
    rules: tuple[Rule, ...] = ()
    empty_hint: str = ""
    ruled: tuple[str, ...] = ()   # required fields whose "required" a rule decides (a draft's title)
    ingest_order: tuple[str, ...] = ()   # the fields ingest writes, in the order it writes them

    def field(self, name: str) -> Field | None:
        return self._by_name.get(name)

    @cached_property
    def _by_name(self) -> dict[str, Field]:
        """Each field by its name (looked up for every field of 15,000 files)."""
        return {f.name: f for f in reversed(self.fields)}        # the first of a name, as a search would find

    @cached_property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


# --------------------------------------------------------------------------
# The three files
# --------------------------------------------------------------------------

LINK_FORBIDDEN = ' "<>'            # characters a link or DOI cannot hold as they are (nor control characters)
LINK = r'[^\s"<>\x00-\x1f\x7f-\x9f]'   # one character a link may hold
YEARS = (1500, 2100)               # printed works to the near future: "0000" or "0202" is a typo
MAX_FILE_BYTES = 5_000_000         # an entry file: 10,000 authors and a 100,000-character abstract fit easily

SOURCES_FIELD = Field(
    "sources", LIST,
    "Where ingest found this entry: one \"<dump file>:<line>\" per merged record. Written by ingest; leave as is.",
    default=(), item_noun="source", max_items=10_000, pattern=r".+:[1-9][0-9]*", pattern_hint='"<dump file name>:<line number>", e.g. "000_listing.txt:12"',
)

PAPER_FIELDS = (
    Field("title", TEXT, "The paper's title, as printed. Required unless the paper is a draft.",
          required=True, example='"A Title"', also=("name", "headline"), max_length=2_000),
    Field("authors", LIST,
          "Author names in order, one per line. Spell each like an author entry's name or one of its aliases.",
          default=(), example="[]", also=("author", "creators", "contributors"), item_noun="author",
          max_items=10_000, max_length=300),
    Field("abstract", TEXT, "The abstract. Markdown and TeX ($x^2$) are allowed.",
          default="", also=("summary", "description"), max_length=100_000, multiline=True),
    Field("date", DATE, "Publication date: YYYY-MM-DD, YYYY-MM or YYYY.",
          default="", example="2024-05-17", also=("year", "published", "pub_date", "published_on")),
    Field("status", TEXT, "published (shown on the site) or draft (hidden from the site).",
          default="published", choices=("published", "draft"), example="published",
          also=("state", "draft", "hidden", "visibility")),
    SOURCES_FIELD,
    Field("organisation", TEXT, "The organisation credited when no author list is known.",
          default="", also=("organization", "org", "affiliation")),
    Field("author_count", INTEGER, "Number of authors, when only the count is known.",
          minimum=1, maximum=100_000, also=("authors_count", "n_authors", "number_of_authors")),
    Field("upvotes", INTEGER, "Upvotes on the Daily Papers page.", minimum=0, maximum=100_000_000,
          also=("votes", "likes")),
    Field("date_as_printed", TEXT, "A date seen without a year, kept for review (e.g. \"Jun 15\").",
          default="", max_length=100),
    Field("venue", TEXT, "Where it was published (journal, conference).",
          default="", also=("journal", "conference", "booktitle")),
    Field("doi", TEXT, "The DOI alone, without https://doi.org/.", default="", forbid=LINK_FORBIDDEN,
          pattern=rf"10\.[0-9]{{4,9}}/{LINK}+", pattern_hint="the DOI alone, e.g. 10.1000/xyz123"),
    Field("url", TEXT, "A link to the paper (PDF or publisher page).", default="", forbid=LINK_FORBIDDEN,
          max_length=4_000, pattern=rf"https?://{LINK}+", pattern_hint="a full link starting with https://",
          also=("href",)),
    Field("type", TEXT,
          "What kind of work it is; decides its citation type and Google Scholar tags. Leave out when unknown.",
          default="", choices=PAPER_TYPES, example="conference",
          also=("kind", "pub_type", "publication_type", "entry_type", "bibtex_type")),
    Field("arxiv", TEXT, "The arXiv identifier alone, without version, e.g. 2312.00886.", default="", max_length=100,
          pattern=r"(?:[0-9]{4}\.[0-9]{4,5}|[a-z]+(?:-[a-z]+)*(?:\.[A-Z]{2})?/[0-9]{7})",
          pattern_hint="the identifier alone, e.g. 2312.00886 (or math.GT/0309136)",
          also=("arxiv_id", "eprint", "arXiv")),
    Field("pages", TEXT, "Pages in the volume, e.g. 112–119.", default="", also=("page", "pp"), max_length=100),
    Field("volume", TEXT, "Volume of the journal or series.", default="", also=("vol",), max_length=100),
    Field("number", TEXT, "Issue number within the volume.", default="", also=("issue", "no"), max_length=100),
    Field("links", LINKS,
          "Buttons shown with the paper, one line per link: pdf, code, slides, video, poster, project, data "
          "(each a web address starting with https://, or a file under content/files/ written files/<name>), "
          "and extra: a list of other links, each with a label (one text, or en: and fr:) and a url.",
          default=(), also=("link", "resources", "downloads", "buttons", "materials", "pdf", "code", "slides", "video",
                            "poster", "project", "data", "github", "extra")),
)

AUTHOR_FIELDS = (
    Field("name", TEXT, "The person's name as it should appear on the site.",
          required=True, example='"Jane Doe"', also=("title", "full_name", "fullname"), max_length=300),
    Field("aliases", LIST,
          "Other spellings of the name found on papers (misspellings, initials, missing accents).",
          default=(), example="[]", also=("alias", "other_names", "also_known_as", "spellings"), item_noun="alias",
          max_items=200, max_length=300),
    Field("role", TEXT, "Role in the lab: for a member, one of the roles site.yaml lists (its id or name, "
          "e.g. alumni); free text when site.yaml lists none.",
          default="", also=("position", "job", "status"), max_length=300),
    Field("portrait", TEXT,
          "Portrait photo (JPEG, PNG, WebP, GIF or AVIF), relative to content/ (e.g. authors/jane-doe.jpg). "
          "Leave out for a placeholder.",
          default="", pattern=r"(?![/\\])(?![A-Za-z]:)(?!.*://)(?!.*(?:^|[/\\])\.\.(?:[/\\]|$)).+",
          pattern_hint="a path relative to content/, e.g. authors/jane-doe.jpg",
          pattern_message="portrait path '{value}' is outside content/",
          also=("photo", "picture", "image", "avatar", "portait")),
    SOURCES_FIELD,
    Field("homepage", TEXT, "Personal web page.", default="", forbid=LINK_FORBIDDEN, max_length=4_000,
          pattern=rf"https?://{LINK}+", pattern_hint="a full link starting with https://",
          also=("website", "web", "url", "site", "homepage_url")),
    Field("orcid", TEXT, "ORCID iD, the 16 digits alone.", default="",
          pattern=r"[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9X]",
          pattern_hint="the 16-digit iD alone, e.g. 0000-0002-1825-0097"),
    Field("member", BOOLEAN,
          "true for the lab's own members: they are listed on the team page. Co-authors from elsewhere leave it out.",
          default=False, example="true", also=("lab_member", "is_member", "team", "in_team", "members")),
    Field("bio", PER_LANGUAGE,
          "A few sentences about the person, on their page and team card; Markdown allowed. "
          "One text, or one per language (en: and fr:).",
          default=(), also=("biography", "about", "description", "summary"), max_length=10_000, multiline=True),
    Field("scholar", TEXT, "Google Scholar profile: the user id alone, from ...citations?user=<id>.", default="",
          pattern=SCHOLAR_PATTERN, pattern_hint="the 12-character user id alone, e.g. qc6CJjYAAAAJ",
          also=("google_scholar", "scholar_id", "googlescholar")),
    Field("github", TEXT, "GitHub account: the user name alone.", default="",
          pattern=GITHUB_PATTERN, pattern_hint="the user name alone, e.g. octocat, not the whole https://github.com/… link",
          also=("git_hub", "github_user", "gh")),
)

NEWS_FIELDS = (
    Field("date", DATE, "The day of the news: YYYY-MM-DD. The news page shows the newest first.",
          required=True, example="2024-05-17", pattern=DAY_PATTERN,
          also=("day", "published", "published_on", "when")),
    Field("title", PER_LANGUAGE, "The headline: one text, or one per language (en: and fr:).",
          required=True, example='"A Title"', also=("headline", "name", "subject")),
    Field("body", PER_LANGUAGE, "The news itself, Markdown allowed: one text, or one per language (en: and fr:).",
          default=(), also=("text", "content", "abstract", "summary", "description"), max_length=100_000,
          multiline=True),
    Field("papers", LIST, "Ids of papers the news is about (their file names without .yaml), linked from its page.",
          default=(), example="[]", item_noun="paper id", pattern=ID_PATTERN,
          pattern_hint="a paper's id: its file name in content/papers/ without .yaml",
          also=("paper", "publications", "related_papers")),
    Field("people", LIST, "Ids of people the news is about (their file names without .yaml), linked from its page.",
          default=(), example="[]", item_noun="person id", pattern=ID_PATTERN,
          pattern_hint="a person's id: their file name in content/authors/ without .yaml",
          also=("authors", "person", "members")),
    Field("status", TEXT, "published (shown on the site) or draft (hidden from the site).",
          default="published", choices=("published", "draft"), example="published",
          also=("state", "draft", "hidden", "visibility")),
)

SITE_FIELDS = (
    Field("title", TEXT, "The site's name, shown in every page's header.", required=True,
          example='"Lab Publications"', also=("name", "site_title"), max_length=300),
    Field("base_url", TEXT,
          "Path the site is served under: / for a user site, /repo-name/ for a GitHub project site.",
          default="/", pattern=r"/(?:[^\s/]+/)*", pattern_hint="a path that starts and ends with /, e.g. /lab-site/",
          example="/", also=("baseurl", "baseURL", "base", "base_path", "root")),
    Field("languages", LIST, "Languages to build, among: en, fr.", item_noun="language",
          default=SUPPORTED_LANGUAGES, choices=SUPPORTED_LANGUAGES, example="[en, fr]", min_items=1, max_items=20,
          also=("langs", "language", "locales")),
    Field("default_language", TEXT, "Language of the site's home page; one of languages.",
          default="", choices=SUPPORTED_LANGUAGES, example="en",
          also=("default_lang", "lang", "default_locale")),
    Field("teaser_length", INTEGER,
          "Characters of abstract shown before the \"see more\" toggle.", default=300, minimum=1,
          maximum=100_000,
          also=("teaser", "excerpt_length", "summary_length")),
    Field("description", TEXT, "One sentence about the site, for search engines and feeds.", default="",
          max_length=2_000),
    Field("intro", PER_LANGUAGE,
          "The lab in a few sentences, shown at the top of the front page; Markdown allowed. "
          "One text, or one per language (en: and fr:).",
          default=(), also=("introduction", "about", "welcome", "summary"), max_length=100_000, multiline=True),
    Field("url", TEXT, "The site's absolute origin, e.g. https://lab.github.io (for canonical links and the sitemap).",
          default="", forbid=LINK_FORBIDDEN, pattern=r"https?://[^/\s?#\"<>]+/?",
          pattern_hint="the origin alone, e.g. https://lab.github.io (put the path in base_url)",
          also=("site_url", "origin", "domain", "host")),
    Field("roles", ROLES,
          "The lab's roles, in the order the team page lists them: one \"- id: …\" per role, with its name "
          "in each language (en: …, fr: …). A member's role is one of these ids or names.",
          default=(), pattern=ID_PATTERN, also=("role", "positions", "groups", "team_roles")),
)


def _draft_title_rule(values, lines, failed, first_line):
    """A draft may wait for its title (ingest writes those); a published paper may not."""
    if values.get("title") or "title" in failed:
        return
    line = lines.get("title") or first_line
    if values.get("status") == "draft":
        yield line, "draft has no title yet", "add a title before publishing it", WARNING
    elif "title" in lines:
        yield line, "'title' is empty", "a published paper needs a title; or set status: draft", ERROR
    else:
        yield line, "missing required field 'title'", "add a line: title: \"…\"; or set status: draft", ERROR


def _default_language_rule(values, lines, failed, first_line):
    if failed & {"languages", "default_language"}:
        return
    languages = values.get("languages") or ()
    default = values.get("default_language")
    if default and languages and default not in languages:
        yield (lines.get("default_language", 1),
               f"default_language '{default}' is not one of languages [{', '.join(languages)}]",
               f"add {default} to languages, or pick one of them", ERROR)


PAPER = FileSchema(
    "paper", "Paper entry",
    "One paper of the lab (content/papers/<id>.yaml). The file name is the paper's id and URL.",
    PAPER_FIELDS,
    rules=(Rule(_draft_title_rule, json={
        # a draft may lack its title; anything else needs a non-blank one
        "if": {"properties": {"status": {"const": "draft"}}, "required": ["status"]},
        "then": {"properties": {"title": {"type": ["string", "null"]}}},
        "else": {"required": ["title"], "properties": {"title": {"type": "string", "pattern": r"\S"}}},
    }),),
    empty_hint="a paper needs at least: title: \"…\"",
    ruled=("title",),
    ingest_order=("title", "status", "type", "authors", "date", "date_as_printed", "venue", "volume", "number",
                  "pages", "doi", "arxiv", "url", "links", "organisation", "author_count", "upvotes", "abstract", "sources"),
)

AUTHOR = FileSchema(
    "author", "Author entry",
    "One person (content/authors/<id>.yaml). The file name is the person's id and URL.",
    AUTHOR_FIELDS,
    empty_hint="an author needs at least: name: \"…\"",
    ingest_order=("name", "aliases", "role", "member", "portrait", "sources"),
)

SITE = FileSchema(
    "site", "Site settings", "Settings of the whole site (content/site.yaml).",
    SITE_FIELDS,
    rules=(Rule(_default_language_rule),),   # "one of the list above" is beyond JSON Schema
    empty_hint="the site needs at least: title: \"…\"",
)

NEWS = FileSchema(
    "news", "News entry",
    "One news item (content/news/<id>.yaml). The file name is the item's id and URL.",
    NEWS_FIELDS,
    empty_hint="a news item needs at least: date: 2024-05-17 and title: \"…\"",
)

SCHEMAS = {s.kind: s for s in (SITE, PAPER, AUTHOR, NEWS)}


# --------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------

def describe(value) -> str:
    """The YAML type of a value, in an editor's words."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a number"
    if isinstance(value, float):
        return "a decimal number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _quote_hint(value) -> str:
    if isinstance(value, (bool, int, float)):
        return f"put it in quotes: \"{value}\""
    return ""


def suggest(name: str, candidates, also: dict[str, str] | None = None) -> str:
    """'did you mean …?' for a misspelt field name, or '' when nothing is close."""
    if also and name.lower() in also:
        return also[name.lower()]
    match = difflib.get_close_matches(name.lower(), list(candidates), n=1, cutoff=0.6)
    return match[0] if match else ""


def check_date(text: str) -> str:
    """'' if text is a valid date, else why not."""
    if not re.fullmatch(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?", text):
        return "format"
    parts = [int(p) for p in text.split("-")]
    if not YEARS[0] <= parts[0] <= YEARS[1]:
        return f"the year must be between {YEARS[0]} and {YEARS[1]}"
    if len(parts) >= 2 and not 1 <= parts[1] <= 12:
        return f"there is no month {parts[1]}"
    if len(parts) == 3:
        days = calendar.monthrange(parts[0], parts[1])[1]
        if not 1 <= parts[2] <= days:
            return f"{calendar.month_name[parts[1]]} {parts[0]} has {days} days"
    return ""


# C0 controls and DELETE have no names in unicodedata: their names from the Unicode standard's aliases.
_C0_NAMES = ("NULL", "START OF HEADING", "START OF TEXT", "END OF TEXT", "END OF TRANSMISSION", "ENQUIRY",
             "ACKNOWLEDGE", "BELL", "BACKSPACE", "CHARACTER TABULATION", "LINE FEED", "LINE TABULATION",
             "FORM FEED", "CARRIAGE RETURN", "SHIFT OUT", "SHIFT IN", "DATA LINK ESCAPE", "DEVICE CONTROL ONE",
             "DEVICE CONTROL TWO", "DEVICE CONTROL THREE", "DEVICE CONTROL FOUR", "NEGATIVE ACKNOWLEDGE",
             "SYNCHRONOUS IDLE", "END OF TRANSMISSION BLOCK", "CANCEL", "END OF MEDIUM", "SUBSTITUTE", "ESCAPE",
             "FILE SEPARATOR", "GROUP SEPARATOR", "RECORD SEPARATOR", "UNIT SEPARATOR")
# Refused in one-line text (they would reach pages, feeds, terminals); a text of several lines
# (an abstract) keeps its line breaks and tabs and loses the others.
SINGLE_LINE_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
MULTI_LINE_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def char_name(char: str) -> str:
    """'U+001B ESCAPE': a character as the Unicode standard names it."""
    code = ord(char)
    name = _C0_NAMES[code] if code < 32 else "DELETE" if code == 127 else unicodedata.name(char, "CONTROL")
    return f"U+{code:04X} {name}"


def over_limit(subject: str, size: int, limit: int, unit: str) -> str:
    """"'abstract' is 52,428,800 characters, over the limit of 100,000 by 52,328,800"."""
    verb = "has" if unit == "items" else "is"
    return f"{subject} {verb} {size:,} {unit}, over the limit of {limit:,} by {size - limit:,}"


def strip_controls(text: str) -> str:
    """A text of several lines without the control characters it may not hold."""
    return MULTI_LINE_CONTROL.sub("", text) if MULTI_LINE_CONTROL.search(text) else text


def _check_characters(f: Field, value: str, line: int, subject: str):
    """The size and the characters of one text: the first problem, or nothing."""
    if len(value) > f.max_length:
        yield line, over_limit(subject, len(value), f.max_length, "characters"), \
            "shorten it: no real entry needs more (was something else pasted here?)", ERROR
        return
    if not f.multiline:
        bad = SINGLE_LINE_CONTROL.search(value)
        if bad:
            hint = "write it on one line" if bad.group() in "\n\r\u2028\u2029" else \
                "delete it: it was probably pasted from a terminal or a PDF"
            yield line, (f"{subject} holds the control character {char_name(bad.group())} "
                         f"at character {bad.start() + 1}"), hint, ERROR
            return
    bad = re.search(f"[{re.escape(f.forbid)}]", value) if f.forbid else None
    if bad:
        char = bad.group()
        shown = "a space" if char == " " else f"the character {char}"
        yield line, f"{subject} holds {shown} at character {bad.start() + 1}, which a link cannot hold", \
            f"write it as %{ord(char):02X}", ERROR


def _check_text(f: Field, value, line: int, what: str, subject: str = ""):
    """Problems with one text value (a field, or one item of a list field)."""
    problems = list(_check_characters(f, value, line, subject or f"'{f.name}'"))
    if problems:
        yield from problems
    elif f.choices and value not in f.choices:
        close = difflib.get_close_matches(value.lower(), f.choices, n=1, cutoff=0.6)
        hint = f"must be one of: {', '.join(f.choices)}"
        if close:
            hint += f"; did you mean '{close[0]}'?"
        yield line, f"invalid {what} '{value}'", hint, ERROR
    elif f.pattern and not re.fullmatch(f.pattern, value):
        message = f.pattern_message.format(value=value) if f.pattern_message else f"invalid {what} '{value}'"
        yield line, message, f"write {f.pattern_hint}", ERROR


def _check_field(f: Field, given: Given):
    """Yield (line, message, hint, severity) for one field; return the value to keep."""
    value, line = given.value, given.line
    if isinstance(value, Tagged):
        hint = "write plain text" + ("; quote a value that starts with !" if not value.tag.startswith("!!") else "")
        yield line, f"'{f.name}' uses the YAML tag {value.tag}, which is not allowed", hint, ERROR
        return None
    blank = isinstance(value, str) and f.kind in (TEXT, DATE) and (value == "" or (f.required and not value.strip()))
    if value is None or blank:
        if f.required:
            return None   # the rules and the required check report it once
        return f.default
    if f.kind == DATE:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, int) and not isinstance(value, bool) and YEARS[0] <= value <= YEARS[1] and not f.pattern:
            return str(value)
        text = str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else None
        why = check_date(text) if text is not None else "format"
        if why:
            detail = "" if why == "format" else f": {why}"
            shown = text if text is not None else describe(value)
            yield (line, f"invalid date '{shown}'{detail}",
                   "use YYYY-MM-DD, e.g. 2024-05-17" if f.pattern == DAY_PATTERN
                   else "use YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2024-05-17", ERROR)
            return None
        if f.pattern and not re.fullmatch(f.pattern, text):
            yield line, f"'{f.name}' must be a full date, not '{text}'", "use YYYY-MM-DD, e.g. 2024-05-17", ERROR
            return None
        return text
    if f.kind == BOOLEAN:
        if isinstance(value, bool):
            return value
        hint = f"write {f.name}: true or {f.name}: false"
        if isinstance(value, str) and value.strip().lower() in ("yes", "no", "true", "false", "y", "n", "on", "off"):
            hint = f"write {f.name}: {'true' if value.strip().lower() in ('yes', 'true', 'y', 'on') else 'false'}, without quotes"
        yield line, f"'{f.name}' must be true or false, not {describe(value)}", hint, ERROR
        return None
    if f.kind == ROLES:
        return (yield from _check_roles(f, given))
    if f.kind == INTEGER:
        if isinstance(value, float) and value.is_integer():
            value = int(value)            # 3.0 is a whole number (JSON Schema agrees)
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= 30:
                hint = f"write the number without quotes: {f.name}: {value.strip()}"
            else:
                hint = f"write a whole number, e.g. {f.name}: {max(f.minimum or 0, 1)}"
            yield line, f"'{f.name}' must be a whole number, not {describe(value)}", hint, ERROR
            return None
        if f.minimum is not None and value < f.minimum:
            yield line, f"'{f.name}' must be at least {f.minimum}, not {value}", "", ERROR
            return None
        if f.maximum is not None and value > f.maximum:
            shown = f"{value:,}" if value < 10 ** 30 else f"a number of {len(str(value)):,} digits"
            yield line, f"'{f.name}' must be at most {f.maximum:,}, not {shown}", "", ERROR
            return None
        return value
    if f.kind == PER_LANGUAGE:
        return (yield from _check_per_language(f, given))
    if f.kind == LINKS:
        return (yield from _check_links(f, given))
    if f.kind == TEXT:
        if not isinstance(value, str):
            hint = _quote_hint(value)
            if isinstance(value, list) and f.name == "title":
                hint = "a title is one line of text; quote it if it contains ': ' or starts with [ or {"
            yield line, f"'{f.name}' must be text, not {describe(value)}", hint, ERROR
            return None
        problems = list(_check_text(f, value, line, f.name))
        yield from problems
        if problems:
            return None
        return strip_controls(value).strip() if f.multiline else value.strip()
    # LIST of text
    if not isinstance(value, list):
        hint = f"write one \"- item\" per line under {f.name}:, or [a, b]"
        if isinstance(value, str) and f.name == "authors":
            hint = "write one \"- Name\" per line under authors:, or [Jane Doe, John Smith]"
        yield line, f"'{f.name}' must be a list, not {describe(value)}", hint, ERROR
        return None
    if len(value) > f.max_items:
        yield line, over_limit(f"'{f.name}'", len(value), f.max_items, "items"), \
            "no real entry needs more: was a list pasted here by mistake?", ERROR
        return None
    if len(value) < f.min_items:
        yield line, f"'{f.name}' must list at least one {f.item_noun or 'item'}", \
            f"write e.g. {f.name}: {f.example}" if f.example else "", ERROR
        return None
    kept, bad = [], False
    for index, item in enumerate(value):
        item_line = given.item_lines[index] if index < len(given.item_lines) else line
        if item is None or (isinstance(item, str) and not item.strip()):
            yield item_line, f"item {index + 1} of '{f.name}' is empty", "remove the empty \"- \" line", ERROR
            bad = True
            continue
        if not isinstance(item, str):
            hint = _quote_hint(item)
            if isinstance(item, dict) and len(item) == 1:
                hint = "a name containing ': ' must be quoted"
            yield item_line, f"item {index + 1} of '{f.name}' must be text, not {describe(item)}", hint, ERROR
            bad = True
            continue
        problems = list(_check_text(f, item, item_line, f.item_noun or f"item in '{f.name}'",
                                    f"item {index + 1} of '{f.name}'"))
        item = item.strip()
        if problems:
            yield from problems
            bad = True
        elif item in kept:
            yield item_line, f"'{item}' is listed twice in '{f.name}'", "remove one of them", WARNING
        else:
            kept.append(item)
    return None if bad else tuple(kept)


def _check_per_language(f: Field, given: Given):
    """One text, or a mapping of language codes to texts: -> ((language or "", text), ...)."""
    value, line = given.value, given.line
    if isinstance(value, str):
        problems = list(_check_characters(f, value, line, f"'{f.name}'"))
        if problems:
            yield from problems
            return None
        value = strip_controls(value) if f.multiline else value
        return (("", value.strip()),) if value.strip() else (None if f.required else f.default)
    if not isinstance(value, dict):
        yield line, f"'{f.name}' must be text, or one text per language, not {describe(value)}", \
            f"write {f.name}: \"…\" for every language, or indent one line per language under {f.name}: " + \
            ", ".join(f"'{lang}: …'" for lang in SUPPORTED_LANGUAGES), ERROR
        return None
    kept, bad = [], False
    for index, (language, text) in enumerate(value.items()):
        item_line = given.item_lines[index] if index < len(given.item_lines) else line
        if language not in SUPPORTED_LANGUAGES:
            close = difflib.get_close_matches(str(language).lower(), SUPPORTED_LANGUAGES, n=1, cutoff=0.6)
            hint = f"the languages are {', '.join(SUPPORTED_LANGUAGES)}" + (f"; did you mean '{close[0]}'?" if close else "")
            yield item_line, f"'{f.name}' has text for an unknown language '{language}'", hint, ERROR
            bad = True
        elif text is None or (isinstance(text, str) and not text.strip()):
            continue                       # an empty translation: the other language's text is shown
        elif not isinstance(text, str):
            yield item_line, f"'{f.name}' in '{language}' must be text, not {describe(text)}", _quote_hint(text), ERROR
            bad = True
        else:
            problems = list(_check_characters(f, text, item_line, f"'{f.name}' in '{language}'"))
            if problems:
                yield from problems
                bad = True
            else:
                kept.append((language, strip_controls(text).strip() if f.multiline else text.strip()))
    if bad:
        return None
    if not kept and f.required:
        return None            # "'title' is empty", once
    return tuple(sorted(kept)) or f.default


def _check_roles(f: Field, given: Given):
    """site.yaml's roles: [{id: faculty, en: Faculty, fr: Professeurs}, ...] -> ((id, ((lang, name), ...)), ...)."""
    value, line = given.value, given.line
    example = "- {id: phd-student, en: PhD students, fr: Doctorants}"
    if not isinstance(value, list):
        yield (line, f"'{f.name}' must be a list of roles, not {describe(value)}",
               f"write one role per item under {f.name}:, e.g. {example}", ERROR)
        return None
    kept, seen, bad = [], set(), False
    for index, item in enumerate(value):
        item_line = given.item_lines[index] if index < len(given.item_lines) else line
        where = f"role {index + 1} of '{f.name}'"
        if isinstance(item, str) and re.fullmatch(f.pattern, item):
            item = {"id": item}              # "- alumni": an id alone, its name the id
        if not isinstance(item, dict):
            yield (item_line, f"{where} must be an id with a name per language, not {describe(item)}",
                   f"write it as {example}", ERROR)
            bad = True
            continue
        unknown = [k for k in item if k not in ("id", *SUPPORTED_LANGUAGES)]
        for key in unknown:
            hint = f"a role has an id and a name per language ({', '.join(SUPPORTED_LANGUAGES)})"
            close = difflib.get_close_matches(str(key).lower(), ("id", *SUPPORTED_LANGUAGES), n=1, cutoff=0.6)
            if isinstance(key, str) and re.fullmatch(r"[a-z]{2}", key):
                hint = f"the site's languages are {', '.join(SUPPORTED_LANGUAGES)}"
            elif close:
                hint += f"; did you mean '{close[0]}'?"
            yield item_line, f"{where} has an unknown key '{key}'", hint, ERROR
            bad = True
        role_id = item.get("id")
        if not isinstance(role_id, str) or not role_id.strip():
            yield item_line, f"{where} has no id", "add id: followed by a short lowercase name, e.g. id: phd-student", ERROR
            bad = True
            continue
        if not re.fullmatch(f.pattern, role_id):
            from .text import slugify
            yield item_line, f"invalid role id '{role_id}'", \
                f"ids are lowercase letters, digits and single hyphens, e.g. {slugify(role_id) or 'phd-student'}", ERROR
            bad = True
            continue
        if role_id in seen:
            yield item_line, f"role '{role_id}' is listed twice in '{f.name}'", "remove one of them", WARNING
            continue
        seen.add(role_id)
        names = []
        for language in SUPPORTED_LANGUAGES:
            name = item.get(language)
            if name is None:
                continue
            if not isinstance(name, str) or not name.strip():
                yield item_line, f"role '{role_id}' in '{language}' must be text, not {describe(name)}", \
                    _quote_hint(name), ERROR
                bad = True
                continue
            names.append((language, name.strip()))
        kept.append((role_id, tuple(names)))
    return None if bad else tuple(kept)


def role_names(role: tuple[str, tuple[tuple[str, str], ...]]) -> set[str]:
    """The ways an author's ``role`` may name a role of site.yaml: its id and its names, ignoring case."""
    role_id, names = role
    return {role_id.casefold(), *(name.casefold() for _, name in names)}


def find_role(roles, written: str):
    """The role of site.yaml that an author's ``role`` names (by id or name, ignoring case), or None."""
    key = written.strip().casefold()
    return next((role for role in roles if key in role_names(role)), None)
_WEB_ADDRESS = re.compile(r"https?://[^\s/?#@]+(?:[/?#]\S*)?", re.I)
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
LINK_HINT = "write a web address starting with https://, or a file under content/files/, e.g. files/paper.pdf"


def check_link_target(where: str, value, line: int):
    """Problems with one link's target: a web address (http or https) or a path files/<name>."""
    if not isinstance(value, str):
        yield line, f"'{where}' must be text, not {describe(value)}", LINK_HINT, ERROR
        return
    if value.lower().startswith(("http://", "https://")):
        if not _WEB_ADDRESS.fullmatch(value):
            yield line, f"'{where}' is not a valid web address: '{value}'", \
                "a web address has a host after https:// and no spaces; write a space as %20", ERROR
        return
    if _SCHEME.match(value) and not re.match(r"[A-Za-z]:[\\/]", value) or value.startswith("//"):
        yield line, f"'{where}' must be a web address starting with http:// or https://, not '{value}'", \
            "only web addresses and files are allowed: no javascript:, data:, file: or mailto: links", ERROR
        return
    if "\\" in value:
        yield line, f"'{where}' must separate folders with /, not \\: '{value}'", \
            f"write {value.replace(chr(92), '/')}", ERROR
        return
    parts = value.split("/")
    if ".." in parts:
        yield line, f"'{where}' leaves content/{FILES_FOLDER}/: '{value}'", \
            f"write the path of a file inside content/{FILES_FOLDER}/, without ..", ERROR
        return
    if value.startswith("/") or re.match(r"[A-Za-z]:", value) or parts[0] != FILES_FOLDER or len(parts) < 2 \
            or not parts[-1]:
        name = parts[-1] or "paper.pdf"
        yield line, f"'{where}' must be a web address or a file under {FILES_FOLDER}/, not '{value}'", \
            f"put the file in content/{FILES_FOLDER}/ and write {FILES_FOLDER}/{name}; a web address starts with https://", ERROR
        return
    if any(part in ("", ".") for part in parts[1:]):
        yield line, f"'{where}' is not a clean path: '{value}'", \
            f"write it as {'/'.join(p for p in parts if p not in ('', '.'))}", ERROR


def link_target(value: str) -> str:
    """A checked target as kept: "HTTPS://" written as "https://"."""
    value = value.strip()
    return value[:value.index(":")].lower() + value[value.index(":"):] if _WEB_ADDRESS.fullmatch(value) else value


def _check_links(f: Field, given: Given):
    """``links``: kind -> address, and ``extra``: [{label, url}] -> (model.Link, ...) in button order."""
    from .model import Link

    value, line = given.value, given.line
    if not isinstance(value, dict):
        yield line, f"'{f.name}' must be one 'kind: address' line per link, not {describe(value)}", \
            f"indent one line per link under {f.name}:, e.g. pdf: {FILES_FOLDER}/paper.pdf or " \
            "code: https://github.com/lab/project", ERROR
        return None
    found: dict[str, str] = {}
    extras: list = []
    bad = False
    for index, (kind, target) in enumerate(value.items()):
        item_line = given.item_lines[index] if index < len(given.item_lines) else line
        if not isinstance(kind, str) or (kind not in LINK_KINDS and kind != EXTRA_LINKS):
            known = {k: k for k in LINK_KINDS + (EXTRA_LINKS,)} | LINK_ALSO
            close = difflib.get_close_matches(str(kind).lower(), list(known), n=1, cutoff=0.6)
            close = known[close[0]] if close else ""
            hint = f"the kinds are {', '.join(LINK_KINDS)}, and {EXTRA_LINKS} for other links"
            yield item_line, f"unknown link kind '{kind}'", (f"did you mean '{close}'? " if close else "") + hint, ERROR
            bad = True
            continue
        if target is None or (isinstance(target, str) and not target.strip()):
            continue                     # an empty line: no such link
        if kind == EXTRA_LINKS:
            lines = given.sub_lines[index] if index < len(given.sub_lines) else ()
            made = yield from _check_extra_links(f"{f.name}.{kind}", target, item_line, lines)
            if made is None:
                bad = True
            else:
                extras += made
            continue
        problems = list(check_link_target(f"{f.name}.{kind}", target, item_line))
        yield from problems
        if problems:
            bad = True
        else:
            found[kind] = link_target(target)
    if bad:
        return None
    return tuple(Link(kind, found[kind]) for kind in LINK_KINDS if kind in found) + tuple(extras)


def _check_extra_links(where: str, value, line: int, item_lines: tuple[int, ...]):
    from .model import Link

    if not isinstance(value, list):
        yield line, f"'{where}' must be a list of links with a label and a url, not {describe(value)}", \
            f"write one \"- label: …\" line per link under {where.split('.')[-1]}:, with \"url: …\" under it", ERROR
        return None
    made, failed = [], False
    for index, item in enumerate(value):
        item_line = item_lines[index] if index < len(item_lines) else line
        what = f"item {index + 1} of '{where}'"
        bad = False
        if not isinstance(item, dict):
            yield item_line, f"{what} must have a label and a url, not {describe(item)}", \
                "write - label: Blog post, with url: https://… on the next line, indented like label", ERROR
            bad = True
            continue
        for key in item:
            if key not in ("label", "url"):
                close = suggest(str(key), ("label", "url"),
                                {a: "url" for a in ("link", "href", "address", "file", "path")} |
                                {a: "label" for a in ("name", "text", "title")})
                yield item_line, f"{what} has an unknown field '{key}'", \
                    (f"did you mean '{close}'? " if close else "") + "a link has a label and a url", ERROR
                bad = True
        for key in ("label", "url"):
            if key not in item or item[key] is None or (isinstance(item[key], str) and not item[key].strip()):
                if not any(k not in ("label", "url") for k in item):    # not on top of "did you mean"
                    yield item_line, f"{what} has no {key}", \
                        "a link needs a label, the button's text, and a url", ERROR
                bad = True
        if not bad:
            problems = list(check_link_target(f"{where}[{index + 1}].url", item["url"], item_line))
            yield from problems
            label_field = Field(f"{where}[{index + 1}].label", PER_LANGUAGE, "")
            label, issues = _run(_check_per_language(label_field, Given("label", item["label"], item_line)))
            yield from issues
            if not label and not issues:
                yield item_line, f"{what} has no label", "a link needs a label, the button's text, and a url", ERROR
            bad = bool(problems) or any(issue[3] == ERROR for issue in issues) or not label
        if bad:
            failed = True
        else:
            made.append(Link(EXTRA_LINKS, link_target(item["url"]), label))
    return None if failed else made


def localized(value: tuple[tuple[str, str], ...], language: str, fallback: str = "") -> str:
    """The text of a PER_LANGUAGE value for a page in ``language``: its own, else the one for every
    language, else the ``fallback`` language's, else any (a lab may write one language only)."""
    texts = dict(value or ())
    for choice in (language, "", fallback):
        if texts.get(choice):
            return texts[choice]
    return next(iter(texts.values()), "")


def localized_language(value: tuple[tuple[str, str], ...], language: str, fallback: str = "") -> str:
    """The language of the text ``localized`` picks (``language`` for a text for every language)."""
    texts = dict(value or ())
    for choice in (language, "", fallback):
        if texts.get(choice):
            return choice or language
    return next((lang for lang, text in texts.items() if text), language) or language


def _run(generator):
    """Drive a checking generator: collect what it yields and what it returns."""
    issues = []
    while True:
        try:
            issues.append(next(generator))
        except StopIteration as stop:
            return stop.value, issues


def validate(schema: FileSchema, givens: list[Given], path: str, first_line: int = 1):
    """Check one file's fields against its schema, reporting every problem.

    Returns (values, problems, ok): values holds every known field (defaults
    filled in); ok is False when any error was found.
    """
    problems: list[Problem] = []
    values: dict[str, object] = {}
    lines: dict[str, int] = {}
    failed: set[str] = set()
    also = {a: f"did you mean '{f.name}'?" for f in schema.fields for a in f.also}
    if schema.kind != "site":
        also["id"] = "the id is the file name; rename the file instead"
    if schema.kind == "paper":
        also.update({a: "to hide a paper write status: draft" for a in ("draft", "hidden", "hide", "published")})
    for given in givens:
        key = given.key
        if not isinstance(key, str):
            problems.append(Problem(path, given.line, f"field name '{key}' must be text", ERROR,
                                    "field names are words like title or authors"))
            continue
        f = schema.field(key)
        if f is None:
            hint = suggest(key, schema.names, also)
            if hint and hint in schema.names:
                hint = f"did you mean '{hint}'?"
            if hint.startswith("did you mean '"):
                failed.add(hint.split("'")[1])    # no "missing 'title'" on top of "did you mean 'title'?"
            problems.append(Problem(path, given.line, f"unknown field '{key}'", ERROR,
                                    hint or f"known fields: {', '.join(schema.names)}"))
            continue
        lines[key] = given.line
        value, issues = _run(_check_field(f, given))
        for line, message, hint, severity in issues:
            problems.append(Problem(path, line, message, severity, hint))
            if severity == ERROR:
                failed.add(key)
        if value is not None:
            values[key] = value
    for f in schema.fields:
        if f.name in values:
            continue
        if f.required and f.name not in schema.ruled and f.name not in failed:
            if f.name in lines:
                problems.append(Problem(path, lines[f.name], f"'{f.name}' is empty", ERROR,
                                        f"write {f.name}: {f.example}"))
            else:
                problems.append(Problem(path, first_line, f"missing required field '{f.name}'", ERROR,
                                        f"add a line: {f.name}: {f.example}"))
            failed.add(f.name)
        values[f.name] = f.default
    for rule in schema.rules:
        for line, message, hint, severity in rule.check(values, lines, failed, first_line):
            problems.append(Problem(path, line, message, severity, hint))
    ok = not any(p.is_error for p in problems)
    return values, problems, ok


@dataclass(frozen=True)
class Checked:
    """One file read and checked against its schema."""

    values: dict | None           # every known field (defaults filled in); None: not YAML fields at all
    problems: list[Problem]
    givens: list[Given] | None    # the fields as written, with their lines; None when unreadable
    ok: bool                      # no error


def check_file(data: bytes, shown: str, schema: FileSchema) -> Checked:
    """A file's bytes read (yamlfile) and validated: what every command that reads entries sees."""
    try:
        givens, first_line, duplicates = read_fields(data)
    except Unreadable as bad:
        hint = bad.hint or (schema.empty_hint if bad.message == "file is empty" else "")
        return Checked(None, [Problem(shown, bad.line, bad.message, ERROR, hint)], None, False)
    values, problems, ok = validate(schema, givens, shown, first_line)
    problems += [Problem(shown, line, message, ERROR, hint) for line, message, hint in duplicates]
    return Checked(values, problems, givens, ok and not duplicates)


# --------------------------------------------------------------------------
# JSON Schema (draft-07: what the YAML language server understands best)
# --------------------------------------------------------------------------

def _json_for_field(f: Field, ruled: bool = False) -> dict:
    def text_schema(pattern: str, choices, nullable: bool) -> dict:
        s: dict = {"type": ["string", "null"] if nullable else "string"}
        if choices:
            s["enum"] = list(choices) + ([None] if nullable else [])
        elif pattern:
            # "" means "not given" for an optional field, like a missing key
            s["pattern"] = f"^(?:{pattern})$" if not nullable else f"^(?:{pattern})?$"
        elif not nullable:
            s["pattern"] = r"\S"
        if not choices:
            s["maxLength"] = f.max_length
        return s

    optional = not f.required or ruled
    if f.kind == TEXT:
        s = text_schema(f.pattern, f.choices, optional)
        if optional and f.choices:
            s["enum"].append("")
    elif f.kind == INTEGER:
        s = {"type": ["integer", "null"] if optional else "integer"}
        if f.minimum is not None:
            s["minimum"] = f.minimum
        if f.maximum is not None:
            s["maximum"] = f.maximum
    elif f.kind == PER_LANGUAGE and not optional:
        # a text in at least one language
        s = {"anyOf": [
            {"type": "string", "pattern": r"\S", "maxLength": f.max_length},
            {"type": "object", "properties": {lang: {"type": ["string", "null"], "maxLength": f.max_length}
                                              for lang in SUPPORTED_LANGUAGES},
             "additionalProperties": False,
             "anyOf": [{"required": [lang], "properties": {lang: {"type": "string", "pattern": r"\S"}}}
                       for lang in SUPPORTED_LANGUAGES]},
        ]}
    elif f.kind == PER_LANGUAGE:
        s = {"anyOf": [
            {"type": "string", "maxLength": f.max_length},
            {"type": "object", "properties": {lang: {"type": ["string", "null"], "maxLength": f.max_length}
                                              for lang in SUPPORTED_LANGUAGES},
             "additionalProperties": False},
            {"type": "null"},
        ]}
    elif f.kind == DATE and f.pattern:
        s = {"type": "string", "pattern": f"^(?:{f.pattern})$"}
    elif f.kind == LINKS:
        target = {"type": "string", "pattern": r"^(?:[hH][tT][tT][pP][sS]?://[^\s/?#@]+(?:[/?#]\S*)?|"
                  + FILES_FOLDER + r"/(?!(?:[^/]*/)*\.\.?(?:/|$))(?:[^/\\]+/)*[^/\\]+)$"}
        blank = [{"type": "null"}, {"type": "string", "pattern": r"^\s*$"}]       # no such link
        said = {"type": "string", "pattern": r"\S"}
        label = {"anyOf": [said, {"type": "object", "properties": {
            lang: {"type": ["string", "null"]} for lang in SUPPORTED_LANGUAGES}, "additionalProperties": False,
            "anyOf": [{"required": [lang], "properties": {lang: said}} for lang in SUPPORTED_LANGUAGES]}]}
        s = {"type": ["object", "null"], "properties": {
            **{kind: {"anyOf": [target, *blank]} for kind in LINK_KINDS},
            EXTRA_LINKS: {"anyOf": [{"type": "array", "items": {
                "type": "object", "properties": {"label": label, "url": target},
                "required": ["label", "url"], "additionalProperties": False}}, *blank]}},
            "additionalProperties": False}
    elif f.kind == DATE:
        s = {"anyOf": [
            {"type": "string", "pattern": f"^(?:{DATE_PATTERN})?$"},
            {"type": "integer", "minimum": YEARS[0], "maximum": YEARS[1]},
            {"type": "null"},
        ]}
    elif f.kind == BOOLEAN:
        s = {"type": ["boolean", "null"] if optional else "boolean"}
    elif f.kind == ROLES:
        name = {"type": ["string", "null"], "pattern": r"\S"}
        s = {"type": ["array", "null"], "items": {"anyOf": [
            {"type": "string", "pattern": f"^(?:{f.pattern})$"},
            {"type": "object", "required": ["id"], "additionalProperties": False,
             "properties": {"id": {"type": "string", "pattern": f"^(?:{f.pattern})$"},
                            **{lang: name for lang in SUPPORTED_LANGUAGES}}},
        ]}}
    else:
        item = text_schema(f.pattern, f.choices, False)
        if not f.choices:
            item.setdefault("pattern", r"\S")
            if f.pattern:
                item["pattern"] = f"^(?:{f.pattern})$"
        s = {"type": ["array", "null"] if optional else "array", "items": item, "maxItems": f.max_items}
        if f.min_items:
            s["minItems"] = f.min_items
    s["description"] = f.help
    if f.default not in (None, "", ()) and f.kind != BOOLEAN:
        s["default"] = list(f.default) if isinstance(f.default, tuple) else f.default
    elif f.kind == BOOLEAN:
        s["default"] = f.default
    if f.kind == BOOLEAN and f.example:
        s["examples"] = [f.example == "true"]
    elif f.example:
        s["examples"] = [f.example.strip('"')] if f.kind != LIST else []
        if not s["examples"]:
            del s["examples"]
    return s


def json_schema(schema: FileSchema) -> dict:
    """The JSON Schema for one kind of file, for IDEs and for the tests."""
    out: dict = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": f"{schema.kind}.schema.json",
        "title": schema.title,
        "description": schema.description + " Generated from site_builder/schema.py; do not edit.",
        "type": "object",
        "properties": {f.name: _json_for_field(f, f.name in schema.ruled) for f in schema.fields},
        "additionalProperties": False,
    }
    required = [f.name for f in schema.fields if f.required and f.name not in schema.ruled]
    if required:
        out["required"] = required
    extra = [r.json for r in schema.rules if r.json]
    if len(extra) == 1:
        out.update(extra[0])
    elif extra:
        out["allOf"] = extra
    return out


def json_schema_text(schema: FileSchema) -> str:
    return json.dumps(json_schema(schema), indent=2, ensure_ascii=False) + "\n"


def _kind_words(f: Field) -> str:
    if f.kind == INTEGER:
        return "whole number" + (f" ≥ {f.minimum}" if f.minimum is not None else "")
    if f.kind == DATE:
        return "date"
    if f.kind == LINKS:
        return "kind: address (" + ", ".join(f"`{k}`" for k in LINK_KINDS) + f"), `{EXTRA_LINKS}`: list of label, url"
    if f.kind == PER_LANGUAGE:
        return "text, or text per language (" + ", ".join(f"`{lang}:`" for lang in SUPPORTED_LANGUAGES) + ")"
    if f.kind == BOOLEAN:
        return "true / false"
    if f.kind == ROLES:
        return "list of roles (`id:`, " + ", ".join(f"`{lang}:`" for lang in SUPPORTED_LANGUAGES) + ")"
    if f.kind == LIST:
        return "list of " + (" / ".join(f.choices) if f.choices else "text")
    return " / ".join(f.choices) if f.choices else "text"


def limit_words(f: Field) -> str:
    """The limits of a field, for the guide: "100,000 characters", "10,000 × 300 characters"."""
    if f.kind == INTEGER:
        return f"at most {f.maximum:,}" if f.maximum is not None else ""
    if f.kind == DATE:
        return f"years {YEARS[0]}–{YEARS[1]}"
    if (f.choices and f.kind != LIST) or f.kind in (BOOLEAN, ROLES, LINKS):
        return ""      # roles and links: bounded by the entry file's size
    if f.kind == LIST:
        least = f"at least {f.min_items}, " if f.min_items else ""
        each = "" if f.choices else f" × {f.max_length:,} characters"
        return f"{least}{f.max_items:,} items{each}"
    return f"{f.max_length:,} characters" + (" each" if f.kind == PER_LANGUAGE else "")


def markdown_reference(schema: FileSchema) -> str:
    """The field table of the editors' guide (docs/editing.md quotes it; a test keeps them equal)."""
    rows = ["| field | type | required | limit | what to write |", "| --- | --- | --- | --- | --- |"]
    for f in schema.fields:
        required = "unless draft" if f.name in schema.ruled else ("yes" if f.required else "")
        what = f.help
        if f.kind == BOOLEAN:
            what += f" Default: `{str(f.default).lower()}`."
        elif f.default not in (None, "", ()):
            shown = ", ".join(f.default) if isinstance(f.default, tuple) else f.default
            what += f" Default: `{shown}`."
        what = what.replace("|", "&#124;").replace("<", "&lt;").replace(">", "&gt;")
        rows.append(f"| `{f.name}` | {_kind_words(f)} | {required} | {limit_words(f)} | {what} |")
    return "\n".join(rows) + "\n"


def write_json_schemas(directory: str | Path = SCHEMA_DIR) -> list[Path]:
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, schema in SCHEMAS.items():
        target = directory / f"{kind}.schema.json"
        target.write_text(json_schema_text(schema), encoding="utf-8")
        written.append(target)
    return written


if __name__ == "__main__":
    if sys.argv[1:] == ["--markdown"]:
        for kind in ("paper", "author", "news", "site"):
            print(f"<!-- {kind} fields: generated by python -m site_builder.schema --markdown -->")
            print(markdown_reference(SCHEMAS[kind]))
    else:
        for written_path in write_json_schemas(sys.argv[1] if len(sys.argv) > 1 else SCHEMA_DIR):
            print(written_path)
