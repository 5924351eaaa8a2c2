"""The validated content of a site, as plain dataclasses.

``loader`` turns YAML into these; ``render`` and friends only ever see these.
Field names and defaults are the YAML fields of ``schema`` (which declares the
format; tests/test_check_cli.py keeps the two the same), plus ``id`` and ``path``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


class Link(NamedTuple):
    """One of a paper's ``links``: its kind (schema.LINK_KINDS, or "extra"), where it leads (a web
    address, or a path files/<name> under content/), and for an extra link its label per language
    (a schema.PER_LANGUAGE value)."""

    kind: str
    target: str
    label: tuple[tuple[str, str], ...] = ()

    @property
    def is_file(self) -> bool:
        return not self.target.startswith(("https://", "http://"))


@dataclass(frozen=True)
class Site:
    title: str = "Publications"
    base_url: str = "/"
    languages: tuple[str, ...] = ("en", "fr")
    default_language: str = "en"
    teaser_length: int = 300          # characters of abstract shown before "see more"
    description: str = ""
    intro: tuple[tuple[str, str], ...] = ()   # (language or "" for every language, Markdown): schema.localized
    url: str = ""                     # absolute origin, e.g. https://lab.github.io (for canonical/sitemap)
    roles: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()   # (id, ((language, name), ...)), in order


@dataclass(frozen=True)
class Paper:
    id: str
    title: str
    authors: tuple[str, ...] = ()
    abstract: str = ""
    date: str = ""                    # "YYYY-MM-DD", "YYYY-MM", "YYYY" or ""
    status: str = "published"         # "published" | "draft"
    sources: tuple[str, ...] = ()
    organisation: str = ""
    author_count: int | None = None   # when only "N authors" is known
    upvotes: int | None = None
    date_as_printed: str = ""         # a date seen without a year, kept for review
    venue: str = ""
    doi: str = ""
    url: str = ""
    type: str = ""                    # one of schema.PAPER_TYPES, "" when unknown
    arxiv: str = ""
    pages: str = ""
    volume: str = ""
    number: str = ""
    links: tuple[Link, ...] = ()      # pdf, code, slides...: schema.LINK_KINDS order, then the extra ones
    path: str = ""                    # the YAML file it came from, for messages

    @property
    def year(self) -> str:
        return self.date[:4] if self.date else ""

    @property
    def published(self) -> bool:
        return self.status != "draft"


@dataclass(frozen=True)
class Author:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    role: str = ""
    portrait: str = ""                # path relative to content/
    sources: tuple[str, ...] = ()
    homepage: str = ""
    orcid: str = ""
    member: bool = False              # one of the lab's members: on the team page
    bio: tuple[tuple[str, str], ...] = ()   # (language or "", Markdown): schema.localized
    scholar: str = ""                 # Google Scholar user id
    github: str = ""                  # GitHub user name
    path: str = ""


@dataclass(frozen=True)
class News:
    id: str
    date: str                         # "YYYY-MM-DD"
    title: tuple[tuple[str, str], ...] = ()   # (language or "", text): schema.localized
    body: tuple[tuple[str, str], ...] = ()    # (language or "", Markdown)
    papers: tuple[str, ...] = ()      # paper ids
    people: tuple[str, ...] = ()      # author ids
    status: str = "published"
    path: str = ""

    @property
    def published(self) -> bool:
        return self.status != "draft"


def instance(cls, values: dict):
    """An instance of one of these frozen classes from every one of its fields' values: what its
    ``__init__`` makes, without the cost of setting each field through ``object.__setattr__``
    (a build makes some 50,000 of them)."""
    made = object.__new__(cls)
    made.__dict__.update(values)
    return made


@dataclass(frozen=True)
class Content:
    site: Site
    papers: tuple[Paper, ...] = ()
    authors: tuple[Author, ...] = ()
    news: tuple[News, ...] = ()       # every valid item, drafts too (views keep the published ones)
    root: str = "content"             # the content directory, to resolve portraits
    lines: dict = field(default_factory=dict, compare=False, repr=False)   # entry path -> line of each field
    digests: dict = field(default_factory=dict, compare=False, repr=False)  # entry path -> digest of its file
