"""What one output is, and where each kind of page lives. Pure.

URLs here are relative to the site root ("en/papers/x/"), never absolute: the
renderer turns them into links relative to each page, so the same output works
under any base_url (GitHub project pages serve it from /repo-name/).
"""
from __future__ import annotations

from typing import NamedTuple


class Page(NamedTuple):
    """One planned output: a page, or any other file (or set of files) the site has.

    A tuple with names: a 30,000-page plan is made every build, and templates still say page.kind."""

    kind: str          # the name of its kind (kinds.py): "list", "paper", "feed", "search"...
    lang: str          # its language ("" for files of the whole site)
    url: str           # relative to the site root; "" is the root itself
    subject: str = ""  # the paper or author id, the source file...
    path: str = ""     # the file it writes (for a set of files, the folder: "en/search/")

    def in_language(self, lang: str) -> str:
        """The URL of this same page in another language."""
        return lang + self.url[len(self.lang):] if self.lang and self.url.startswith(self.lang + "/") else self.url


def page(kind: str, lang: str, url: str, subject: str = "") -> Page:
    """A page at ``url``: its file is the folder's index.html."""
    return Page(kind, lang, url, subject, url + "index.html")


def file(kind: str, path: str, lang: str = "", subject: str = "") -> Page:
    """A file that is not a page (a feed, a bundle, a copied file): its URL is its path."""
    return Page(kind, lang, path, subject, path)


def home_url(lang: str) -> str:
    """The front page of a language."""
    return f"{lang}/"


def list_url(lang: str, number: int = 1) -> str:
    """Page ``number`` of the publication list (the first is the list's own URL)."""
    return f"{lang}/publications/" if number <= 1 else f"{lang}/publications/page/{number}/"


def paper_url(lang: str, paper_id: str) -> str:
    return f"{lang}/papers/{paper_id}/"


def author_url(lang: str, author_id: str) -> str:
    return f"{lang}/authors/{author_id}/"


def people_url(lang: str) -> str:
    return f"{lang}/people/"


def news_url(lang: str, number: int = 1) -> str:
    """The news list's page ``number`` (the first is <lang>/news/)."""
    return f"{lang}/news/" if number <= 1 else f"{lang}/news/page/{number}/"


def news_item_url(lang: str, news_id: str) -> str:
    return f"{lang}/news/{news_id}/"


def news_feed_url(lang: str) -> str:
    return f"{lang}/news/feed.xml"


def team_url(lang: str) -> str:
    return f"{lang}/team/"


# The site's navigation, in order: (the kinds of page its item stands for, the item's word in the
# translation tables, its URL). A new section is one line here (and its word in templates/i18n).
NAV = (
    (("home",), "nav_home", home_url),
    (("list",), "nav_publications", list_url),
    (("news", "news-item"), "nav_news", news_url),
    (("team",), "nav_team", team_url),
    (("people",), "nav_people", people_url),
)
