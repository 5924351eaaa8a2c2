"""Which pages the site has, and where each one lives. Pure: model in, plan out.

URLs here are relative to the site root ("en/papers/x/"), never absolute: the
renderer turns them into links relative to each page, so the same output works
under any base_url (GitHub project pages serve it from /repo-name/).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import Problem
from ..model import Content

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
LANG = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")


@dataclass(frozen=True)
class Page:
    kind: str          # "list" | "paper" | "author" | "people" | "notfound" | "root"
    lang: str
    url: str           # relative to the site root; "" is the root itself
    subject: str = ""  # the paper or author id

    @property
    def output_path(self) -> str:
        return "404.html" if self.kind == "notfound" else self.url + "index.html"

    @property
    def template(self) -> str:
        return {"notfound": "404.html"}.get(self.kind, self.kind + ".html")

    def in_language(self, lang: str) -> str:
        """The URL of this same page in another language."""
        return lang + self.url[len(self.lang):] if self.lang and self.url.startswith(self.lang + "/") else self.url


def list_url(lang: str) -> str:
    return f"{lang}/"


def paper_url(lang: str, paper_id: str) -> str:
    return f"{lang}/papers/{paper_id}/"


def author_url(lang: str, author_id: str) -> str:
    return f"{lang}/authors/{author_id}/"


def people_url(lang: str) -> str:
    return f"{lang}/people/"


def unsafe_ids(content: Content) -> list[Problem]:
    """Ids become folder names: anything but a slug could escape output/ or clash."""
    problems = []
    for kind, entries in (("paper", content.papers), ("author", content.authors)):
        seen: set[str] = set()
        for entry in entries:
            if not SLUG.fullmatch(entry.id):
                problems.append(Problem(entry.path or entry.id, 0,
                                        f"{kind} id {entry.id!r} is not a lowercase slug [a-z0-9-]",
                                        hint="rename the file"))
            elif entry.id in seen:
                problems.append(Problem(entry.path or entry.id, 0, f"two {kind}s have the id {entry.id!r}"))
            seen.add(entry.id)
    for lang in content.site.languages:
        if not LANG.fullmatch(lang) or lang in ("static", "cite"):
            problems.append(Problem("site.yaml", 0, f"language {lang!r} is not a language code like 'en'"))
    if content.site.default_language not in content.site.languages:
        problems.append(Problem("site.yaml", 0,
                                f"default_language {content.site.default_language!r} is not one of languages"))
    return problems


def plan(content: Content) -> list[Page]:
    """Every HTML page, in a stable order."""
    site = content.site
    pages = [Page("root", site.default_language, ""), Page("notfound", site.default_language, "")]
    published = sorted(p.id for p in content.papers if p.published)
    authors = sorted(a.id for a in content.authors)
    for lang in site.languages:
        pages.append(Page("list", lang, list_url(lang)))
        pages.append(Page("people", lang, people_url(lang)))
        pages.extend(Page("paper", lang, paper_url(lang, pid), pid) for pid in published)
        pages.extend(Page("author", lang, author_url(lang, aid), aid) for aid in authors)
    return pages
