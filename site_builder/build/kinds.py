"""Every kind of output the site has, each declared once: which outputs it plans, what each
one shows, and how it is made.

``shows`` is the contract with the incremental engine: plain data (digests, text,
numbers, tuples) that changes whenever the output's bytes may, besides the
templates, translations, settings and code, which every output depends on. An
output is made again exactly when what it shows changed.

Adding a kind of page takes one ``page_kind(...)`` here and its template (see
docs/architecture.md): the pipeline plans, renders, writes and reuses every
kind the same way.
"""
from __future__ import annotations

import os
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from urllib.parse import quote, urlsplit

from markupsafe import Markup

from . import markup, render, writer
from .citations import scholar_tags
from .compose import DESCRIPTION_LENGTH, FEED_SIZE, Composer, clip, static_files
from .loader import status_signature
from .markup import markdown_html
from .pages import (Page, author_url, file, home_url, list_url, news_feed_url, news_item_url, news_url, page,
                    paper_url, people_url, team_url)
from ..schema import find_role, localized
from ..text import name_key

PAGE_SIZE = 25          # entries on a page of the publication list: at 10,000 papers the first page
                        # is ~80 KB (benchmarks/README.md, "Bytes"); the issue's ceiling is 150 KB
FRONT_PAPERS = 8        # the latest papers on the front page
AUTHOR_PAPERS = 20      # papers on a person's page; the rest are one link away (the list, filtered)
AUTHOR_COAUTHORS = 30   # co-authors on a person's page, most joint papers first


def _nothing(c: Composer, page: Page) -> tuple:
    return ()


@dataclass(frozen=True)
class Kind:
    name: str
    plan: Callable[[Composer, str], Iterable[Page]]     # its outputs in one language (the default one,
                                                        # for a kind of the whole site)
    shows: Callable[[Composer, Page], object]            # what an output is made from, as plain data
    make: Callable[[Composer, Page], bytes | list[bytes] | dict[str, bytes]]   # bytes, or {file: bytes}
    each_language: bool = True                           # planned once per language (else once)
    html: bool = False                                   # an HTML page: many, rendered on every core
    in_sitemap: bool = False
    fragments: Callable[[Composer, Page], Iterable[tuple]] = _nothing   # ("entry", paper id, compact) and
                                                        # ("coauthor", author id, joint papers) it shows:
                                                        # rendered beforehand on every core


def page_kind(name: str, template: str, plan, shows, context: Callable[[Composer, Page], dict], *,
              in_sitemap: bool = True, each_language: bool = True, in_parts: bool = False,
              fragments=_nothing, root_is_base: bool = False) -> Kind:
    """An HTML page: ``context(c, page)`` fills ``template`` (with the header and footer).
    ``in_parts``: large enough to be rendered a part at a time. ``root_is_base``: served at any
    URL, so its links start at the base URL rather than relative to the page."""
    def make(c: Composer, planned: Page):
        return c.page(planned, template, context(c, planned), in_parts=in_parts,
                      root=c.urls.base if root_is_base else None)
    return Kind(name, plan, shows, make, each_language, True, in_sitemap, fragments)


# --- HTML pages ----------------------------------------------------------------

def _root_context(c: Composer, page: Page) -> dict:
    context = c.common(page, c.site.title, c.site.description)
    context["canonical"] = c.urls.absolute(home_url(c.site.default_language))
    context["languages"] = [(code, c.strings[code].language_name, home_url(code)) for code in c.site.languages]
    context["alternates"] = [{"lang": code, "href": c.urls.absolute(home_url(code))} for code in c.site.languages]
    return context


def _notfound_context(c: Composer, page: Page) -> dict:
    t = c.strings[page.lang]
    context = c.common(page, t.not_found_title)
    # Served at whatever URL was missing: the switcher leads to each language's front page.
    context["languages"] = [(code, name, home_url(code)) for code, name, _ in context["languages"]]
    context["list_urls"] = {code: list_url(code) for code in c.site.languages}
    context.update(canonical=c.urls.absolute(page.path), alternates=[], x_default="")
    return context


# --- the front page ---------------------------------------------------------------

def _latest(c: Composer) -> list:
    """The newest papers, for the front page: the list's first few."""
    return c.papers_in_order[:FRONT_PAPERS]


def _home_shows(c: Composer, page: Page) -> tuple:
    """The introduction in this language, the latest papers and how many there are, the latest news."""
    return (localized(c.site.intro, page.lang, c.site.default_language),
            tuple(pv.digest for pv in _latest(c)), len(c.views.papers), latest_news_shows(c))


def _home_context(c: Composer, page: Page) -> dict:
    t = c.strings[page.lang]
    context = c.common(page, t.home_heading, c.site.description)
    intro = localized(c.site.intro, page.lang, c.site.default_language)
    context["intro_html"] = Markup(markdown_html(intro)) if intro else ""
    entries = c.entries(page.lang, True)
    context["latest_html"] = c.splice([entries[pv.id] for pv in _latest(c)])
    context["total"] = len(c.views.papers)
    context["list_href"] = list_url(page.lang)
    context["latest_news"] = latest_news(c)
    context["jsonld"] = render.json_ld({
        "@context": "https://schema.org", "@type": "WebSite", "name": c.site.title,
        "url": context["canonical"], "inLanguage": page.lang,
    })
    return context


# --- the publication list, a page of PAGE_SIZE entries at a time ------------------

def _list_count(c: Composer) -> int:
    return max(1, -(-len(c.views.papers) // PAGE_SIZE))


def _list_slice(c: Composer, page: Page) -> list:
    number = int(page.subject)
    start = (number - 1) * PAGE_SIZE
    return c.papers_in_order[start:start + PAGE_SIZE]     # newest first, undated last


def _list_plan(c: Composer, lang: str) -> list[Page]:
    return [page("list", lang, list_url(lang, number), str(number)) for number in range(1, _list_count(c) + 1)]


def _list_shows(c: Composer, page: Page) -> tuple:
    """Its papers, how many pages there are (the page links) and papers in all (the count)."""
    return tuple(pv.digest for pv in _list_slice(c, page)), _list_count(c), len(c.views.papers)


def page_links(number: int, count: int, around: int = 2) -> list[int | None]:
    """The page numbers a pagination bar shows: the first, the last, ``around`` either side of
    the current one, and None for each gap ("…"). A gap of one page shows that page instead."""
    shown = {1, count, *range(number - around, number + around + 1)}
    out: list[int | None] = []
    for n in sorted(x for x in shown if 1 <= x <= count):
        if out and n - out[-1] == 2:
            out.append(n - 1)
        elif out and n - out[-1] > 2:
            out.append(None)
        out.append(n)
    return out


def _list_context(c: Composer, page: Page) -> dict:
    t = c.strings[page.lang]
    number, count = int(page.subject), _list_count(c)
    heading = t.publications_heading if number == 1 else t.fmt("list_page_title", n=number, count=count)
    context = c.common(page, heading, c.site.description)
    groups: dict[str, list] = defaultdict(list)
    entries = c.entries(page.lang, False)
    for pv in _list_slice(c, page):
        groups[pv.paper.year].append(entries[pv.id])
    # Spliced in as bytes: a loop over entries in the template costs more than the rest of the page.
    context["groups"] = [(year, c.splice(html)) for year, html in groups.items()]
    context["total"] = len(c.views.papers)
    context["number"], context["count"] = number, count
    context["first"] = (number - 1) * PAGE_SIZE + 1
    context["last"] = min(number * PAGE_SIZE, len(c.views.papers))
    context["links"] = [(n, list_url(page.lang, n) if n else "") for n in page_links(number, count)]
    context["prev_href"] = list_url(page.lang, number - 1) if number > 1 else ""
    context["next_href"] = list_url(page.lang, number + 1) if number < count else ""
    context["jsonld"] = render.json_ld({
        "@context": "https://schema.org", "@type": "CollectionPage", "name": f"{heading} · {c.site.title}",
        "url": context["canonical"], "inLanguage": page.lang,
        "isPartOf": {"@type": "WebSite", "name": c.site.title, "url": c.urls.absolute("")},
    })
    return context


def _people_context(c: Composer, page: Page) -> dict:
    t = c.strings[page.lang]
    context = c.common(page, t.people_heading, c.site.description)
    context["groups"] = role_groups(c, page.lang, c.views.authors.values())
    context["total"] = len(c.views.authors)
    context["pictures"] = {aid: c.picture(av) for aid, av in c.views.authors.items()}
    context["jsonld"] = render.json_ld({
        "@context": "https://schema.org", "@type": "CollectionPage", "name": f"{t.people_heading} · {c.site.title}",
        "url": context["canonical"], "inLanguage": page.lang,
        # No "hasPart" of every person: each one's Person data is on their own page, and this
        # page's links reach them (5,000 people would add 400 KB to the page).
    })
    return context


def _people_shows(c: Composer, page: Page) -> tuple:
    """Everyone's name, role, picture and count of papers: the rest of their views the page does not show."""
    return tuple((aid, av.author.name, av.author.role, tuple(sorted(av.picture.files)) if av.picture else (),
                  len(av.papers)) for aid, av in c.views.authors.items())


def _paper_context(c: Composer, page: Page) -> dict:
    pv = c.views.papers[page.subject]
    context = c.common(page, pv.title_text, clip(pv.abstract_text, DESCRIPTION_LENGTH), "article")
    context["pv"] = pv
    link = pv.paper.url if pv.paper.url.startswith(("https://", "http://")) else ""
    context["paper_link"] = link
    context["paper_link_text"] = urlsplit(link).netloc if link else ""
    context["jsonld"] = render.json_ld(c.paper_ld(pv, page.lang))
    pdf = next((link for link in pv.paper.links if link.kind == "pdf"), None)
    pdf_url = "" if pdf is None else c.urls.absolute(quote(pdf.target)) if pdf.is_file else pdf.target
    context["scholar_tags"] = scholar_tags(pv.paper, pdf_url)
    return context


def _author_context(c: Composer, page: Page) -> dict:
    av = c.views.authors[page.subject]
    author = av.author
    description = " · ".join(x for x in (author.role, c.site.title) if x)
    context = c.common(page, author.name, description, "profile")
    context["av"] = av
    context["role"] = role_name(c, author.role, page.lang)
    context["picture"] = c.picture(av)
    # Joined here, not looped in the template: the most prolific people list thousands of
    # papers and co-authors, and each item is a fragment rendered once for the whole site.
    entries = c.entries(page.lang, True)
    context["papers_html"] = c.splice([entries[pv.paper.id] for pv in av.papers[:AUTHOR_PAPERS]])
    # The most prolific list hundreds: the rest are in the publication list, filtered to this person.
    context["all_papers_href"] = f"{list_url(page.lang)}?author={author.id}" if len(av.papers) > AUTHOR_PAPERS else ""
    # A CoAuthor is the tuple (author id, joint papers) that keys its item: looked up as it is.
    context["coauthors_html"] = Markup("".join(map(c.coauthor_items(page.lang).__getitem__,
                                                   av.coauthors[:AUTHOR_COAUTHORS])))
    context["more_coauthors"] = max(0, len(av.coauthors) - AUTHOR_COAUTHORS)
    if c.urls.origin and av.portrait:
        context["og_image"] = c.urls.absolute(av.portrait)
    data = {"@context": "https://schema.org", **c.person_ld(author.id, page.lang)}
    if av.portrait:
        data["image"] = c.urls.absolute(av.portrait)
    if author.role:
        data["jobTitle"] = context["role"]
    if author.member:
        data["memberOf"] = {"@type": "Organization", "name": c.site.title, "url": c.urls.absolute(team_url(page.lang))}
    if author.bio:
        data["description"] = markup.plain_text(localized(author.bio, page.lang, c.site.default_language))
    same_as = [x for x in (author.homepage, f"https://orcid.org/{author.orcid}" if author.orcid else "",
                           f"https://scholar.google.com/citations?user={author.scholar}" if author.scholar else "",
                           f"https://github.com/{author.github}" if author.github else "") if x]
    if same_as:
        data["sameAs"] = same_as
    context["jsonld"] = render.json_ld(data)
    return context


def _author_fragments(c: Composer, page: Page) -> Iterable[tuple]:
    av = c.views.authors[page.subject]
    return ([("entry", pv.id, True) for pv in av.papers[:AUTHOR_PAPERS]]
            + [("coauthor", *co) for co in av.coauthors[:AUTHOR_COAUTHORS]])


ROOT = page_kind("root", "root.html", lambda c, lang: [page("root", lang, "")], _nothing, _root_context,
                 in_sitemap=False, each_language=False)
NOT_FOUND = page_kind("notfound", "404.html", lambda c, lang: [Page("notfound", lang, "", "", "404.html")],
                      _nothing, _notfound_context, in_sitemap=False, each_language=False, root_is_base=True)
HOME = page_kind("home", "home.html", lambda c, lang: [page("home", lang, home_url(lang))], _home_shows,
                 _home_context, fragments=lambda c, p: [("entry", pv.id, True) for pv in _latest(c)])
LIST = page_kind("list", "list.html", _list_plan, _list_shows, _list_context,
                 fragments=lambda c, p: [("entry", pv.id, False) for pv in _list_slice(c, p)])
PEOPLE = page_kind("people", "people.html", lambda c, lang: [page("people", lang, people_url(lang))],
                   _people_shows, _people_context)
PAPER = page_kind("paper", "paper.html",
                  lambda c, lang: [page("paper", lang, paper_url(lang, pid), pid) for pid in sorted(c.views.papers)],
                  lambda c, p: c.views.papers[p.subject].digest, _paper_context)
AUTHOR = page_kind("author", "author.html",
                   lambda c, lang: [page("author", lang, author_url(lang, aid), aid) for aid in sorted(c.views.authors)],
                   lambda c, p: c.views.authors[p.subject].digest, _author_context, fragments=_author_fragments)


# --- News and team ---------------------------------------------------------------

NEWS_PAGE_SIZE = 20          # items on one page of the news list
FRONT_NEWS = 3               # items the front page shows


def latest_news(c: Composer, count: int = FRONT_NEWS) -> list:
    """The newest published news items (NewsViews), for the front page's partials/front_news.html
    (its context's ``latest_news``; what it shows: ``latest_news_shows``)."""
    return list(c.views.news.values())[:count]


def latest_news_shows(c: Composer, count: int = FRONT_NEWS) -> tuple:
    return tuple(nv.digest for nv in latest_news(c, count))


def _news_chunks(c: Composer) -> list[list]:
    items = list(c.views.news.values())
    return [items[i:i + NEWS_PAGE_SIZE] for i in range(0, len(items), NEWS_PAGE_SIZE)] or [[]]


def _news_list_plan(c: Composer, lang: str) -> list[Page]:
    return [page("news", lang, news_url(lang, n), str(n)) for n in range(1, len(_news_chunks(c)) + 1)]


def _news_list_shows(c: Composer, p: Page) -> tuple:
    chunks = _news_chunks(c)
    return len(chunks), tuple(nv.digest for nv in chunks[int(p.subject) - 1])


def _news_list_context(c: Composer, p: Page) -> dict:
    t = c.strings[p.lang]
    chunks = _news_chunks(c)
    number, count = int(p.subject), len(chunks)
    title = t.news_heading if number == 1 else t.fmt("news_page_title", n=number, total=count)
    context = c.common(p, title, t.fmt("news_description", site=c.site.title))
    context.update(items=chunks[number - 1], number=number, pages=count,
                   previous=news_url(p.lang, number - 1) if number > 1 else "",
                   next=news_url(p.lang, number + 1) if number < count else "",
                   feed=news_feed_url(p.lang))
    return context


def _news_item_context(c: Composer, p: Page) -> dict:
    nv = c.views.news[p.subject]
    context = c.common(p, nv.title_text(p.lang), clip(nv.body_text(p.lang), DESCRIPTION_LENGTH), "article")
    context["nv"] = nv
    context["papers"] = [c.views.papers[pid] for pid in nv.papers]
    context["people"] = [c.views.authors[aid] for aid in nv.people]
    context["feed"] = news_feed_url(p.lang)
    context["jsonld"] = render.json_ld({
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": nv.title_text(p.lang)[:110],
        "datePublished": nv.news.date, "url": context["canonical"], "inLanguage": p.lang,
        "publisher": {"@type": "Organization", "name": c.site.title},
        **({"about": [c.paper_ld(pv, p.lang) for pv in context["papers"]]} if context["papers"] else {}),
        **({"mentions": [c.person_ld(av.id, p.lang) for av in context["people"]]} if context["people"] else {}),
    })
    return context


def role_name(c: Composer, role: str, lang: str) -> str:
    """A role as the page's language says it: its name in site.yaml's roles, else as written."""
    declared = find_role(c.site.roles, role) if role else None
    if declared is None:
        return role
    return localized(declared[1], lang, c.site.default_language) or declared[0]


def team_groups(c: Composer, lang: str) -> list[tuple[str, list]]:
    """The lab's members (``member: true``) by role (``role_groups``)."""
    return role_groups(c, lang, [av for av in c.views.authors.values() if av.author.member])


def role_groups(c: Composer, lang: str, people) -> list[tuple[str, list]]:
    """People (AuthorViews, sorted by name) by role, each role named in ``lang``: site.yaml's roles
    in their order, then roles it does not list by name, then people without a role."""
    roles = c.site.roles
    groups: dict[str, list] = defaultdict(list)
    for av in people:
        declared = find_role(roles, av.author.role) if av.author.role else None
        groups[declared[0] if declared else av.author.role.strip()].append(av)
    order = {role_id: i for i, (role_id, _) in enumerate(roles)}
    keys = sorted(groups, key=lambda k: (not k, order.get(k, len(order)), name_key(k)))
    return [(role_name(c, key, lang) if key else "", groups[key]) for key in keys]


def _team_shows(c: Composer, p: Page) -> tuple:
    """Each member's view (name, role, bio, links, portrait...) and the roles' names and order."""
    return c.site.roles, tuple(av.digest for av in c.views.authors.values() if av.author.member)


def _team_context(c: Composer, p: Page) -> dict:
    t = c.strings[p.lang]
    context = c.common(p, t.team_heading, c.site.description)
    groups = team_groups(c, p.lang)
    context["groups"] = groups
    context["total"] = sum(len(members) for _, members in groups)
    context["pictures"] = {av.id: c.picture(av) for _, members in groups for av in members}
    context["jsonld"] = render.json_ld({
        "@context": "https://schema.org", "@type": "CollectionPage", "name": f"{t.team_heading} · {c.site.title}",
        "url": context["canonical"], "inLanguage": p.lang,
        "hasPart": [c.person_ld(av.id, p.lang) for _, members in groups for av in members],
    })
    return context


NEWS_LIST = page_kind("news", "news.html", _news_list_plan, _news_list_shows, _news_list_context)
NEWS_ITEM = page_kind("news-item", "news_item.html",
                      lambda c, lang: [page("news-item", lang, news_item_url(lang, nid), nid) for nid in sorted(c.views.news)],
                      lambda c, p: c.views.news[p.subject].digest, _news_item_context)
TEAM = page_kind("team", "team.html", lambda c, lang: [page("team", lang, team_url(lang))], _team_shows, _team_context)


# --- Other files -------------------------------------------------------------------

def _newest(c: Composer) -> list:
    return list(islice((pv for pv in c.views.papers.values() if pv.paper.date), FEED_SIZE))


def _sitemap_pages(c: Composer) -> list[Page]:
    return [planned for planned in plan(c) if BY_NAME[planned.kind].in_sitemap]


def _sitemap_shows(c: Composer, page: Page) -> tuple:
    """Every page it lists, and the papers' and news items' dates (their pages give them as lastmod)."""
    return (tuple(p.url for p in _sitemap_pages(c)), tuple(pv.paper.date for pv in c.views.papers.values()),
            tuple(nv.news.date for nv in c.views.news.values()))


def _search_shows(c: Composer, page: Page) -> tuple:
    """Every published paper, and the names and aliases its printed names are matched against."""
    return (tuple(pv.digest for pv in c.views.papers.values()),
            tuple((a.id, a.name, a.aliases) for a in c.content.authors))


def _copied(c: Composer, page: Page) -> bytes:
    return Path(page.subject).read_bytes()


def _file_version(c: Composer, page: Page) -> tuple:
    """A copied file's size, times and inode, as the loader tells a changed entry file; one
    changed too recently to tell is copied again every time."""
    now = time.time_ns()
    return status_signature(os.stat(page.subject), now) or ("recent", now)


FEED = Kind("feed", lambda c, lang: [file("feed", f"{lang}/feed.xml", lang)],
            lambda c, p: tuple(pv.digest for pv in _newest(c)), lambda c, p: c.feed(p.lang))
NEWS_FEED = Kind("news-feed", lambda c, lang: [file("news-feed", news_feed_url(lang), lang)],
                 lambda c, p: tuple(nv.digest for nv in latest_news(c, FEED_SIZE)), lambda c, p: c.news_feed(p.lang))
SEARCH = Kind("search", lambda c, lang: [Page("search", lang, f"{lang}/search/", "", f"{lang}/search/")],
              _search_shows, lambda c, p: {p.path + rel[len("search/"):]: data
                                           for rel, data in c.search_files(p.lang).items()})
BIBLIOGRAPHY = Kind("bibliography", lambda c, lang: [file("bibliography", "cite/all.bib")],
                    lambda c, p: tuple(pv.digest for pv in c.views.papers.values()),
                    lambda c, p: c.bibliography(c.views.papers.values()), each_language=False)
AUTHOR_BIBLIOGRAPHY = Kind(
    "author-bibliography",
    lambda c, lang: [file("author-bibliography", f"cite/authors/{aid}.bib", subject=aid)
                     for aid, av in c.views.authors.items() if av.papers],
    lambda c, p: c.views.authors[p.subject].papers_digest,
    lambda c, p: c.bibliography(c.views.authors[p.subject].papers), each_language=False)
SITEMAP = Kind("sitemap", lambda c, lang: [file("sitemap", "sitemap.xml")], _sitemap_shows,
               lambda c, p: c.sitemap(_sitemap_pages(c)), each_language=False)
ROBOTS = Kind("robots", lambda c, lang: [file("robots", "robots.txt")], _nothing, lambda c, p: c.robots(),
              each_language=False)
STATIC = Kind("static", lambda c, lang: [file("static", rel, subject=str(source))
                                         for rel, source in static_files(c.templates)],
              _file_version, _copied, each_language=False)
PORTRAIT = Kind("portrait", lambda c, lang: [Page("portrait", "", f"portraits/{aid}", aid, f"portraits/{aid}")
                                             for aid in sorted(c.views.pictures)],
                lambda c, p: tuple(sorted(c.views.pictures[p.subject].files)),      # content-hashed names
                lambda c, p: dict(c.views.pictures[p.subject].files), each_language=False)
LINKED_FILE = Kind("linked-file", lambda c, lang: [file("linked-file", rel, subject=str(source))
                                                   for rel, source in sorted(c.views.link_files.items())],
                   _file_version, _copied, each_language=False)
NOJEKYLL = Kind("nojekyll", lambda c, lang: [file("nojekyll", ".nojekyll")], _nothing, lambda c, p: b"",
                each_language=False)
MARKER = Kind("marker", lambda c, lang: [file("marker", writer.MARKER)], _nothing, lambda c, p: writer.MARKER_TEXT,
              each_language=False)

KINDS = (ROOT, NOT_FOUND, HOME, LIST, PEOPLE, PAPER, AUTHOR, NEWS_LIST, NEWS_ITEM, TEAM, FEED, NEWS_FEED, SEARCH,
         BIBLIOGRAPHY, AUTHOR_BIBLIOGRAPHY, SITEMAP,
         ROBOTS, STATIC, PORTRAIT, LINKED_FILE, NOJEKYLL, MARKER)
BY_NAME = {kind.name: kind for kind in KINDS}


def plan(c: Composer) -> list[Page]:
    """Every output of the site, in a stable order: the whole site's, then each language's
    (planned once for a composer: the sitemap lists them)."""
    if c.planned is None:
        planned = [p for kind in KINDS if not kind.each_language for p in kind.plan(c, c.site.default_language)]
        for lang in c.site.languages:
            planned += [p for kind in KINDS if kind.each_language for p in kind.plan(c, lang)]
        c.planned = planned
    return c.planned


def shows(c: Composer, page: Page):
    return BY_NAME[page.kind].shows(c, page)


def make(c: Composer, page: Page):
    return BY_NAME[page.kind].make(c, page)


def fragments(c: Composer, page: Page) -> Iterable[tuple]:
    return BY_NAME[page.kind].fragments(c, page)


def is_html(page: Page) -> bool:
    return BY_NAME[page.kind].html
