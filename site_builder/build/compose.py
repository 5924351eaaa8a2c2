"""Planned pages + views -> files: HTML pages, feeds, sitemap, citations, assets.

Pure except for what it hands to the writer. The context of each page kind is
built by one small function, and fragments shared by many pages are rendered
once per language and kept in tables, so a 30,000-page site renders each piece
once: list and compact entries (``entries``, as UTF-8 bytes spliced into the
pages that show them, see ``page``), bylines, entry facts, co-author items,
the header per page kind, the footer, the initials placeholders. Each
fragment holds the root marker (render.ROOT_MARKER) where its links start, so
it is valid on a page at any depth.
"""
from __future__ import annotations

import dataclasses
import re
import uuid
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote, urlsplit

from markupsafe import Markup, escape

from .. import parallel
from . import render, search
from ..text import name_key
from ..model import Content
from ..settings import Urls
from .pages import Page, author_url, list_url, paper_url
from .views import Views

FEED_SIZE = 50
SPLICE_MARK = "<@splice:"      # "<": user text can never make it (it is escaped)
_SPLICE = re.compile(r"<@splice:(\d+)@>")
DESCRIPTION_LENGTH = 300     # characters of abstract in a page's description (search engines show ~160)
URL_TAIL = "<@tail@>"      # stands for a page's path in a shared header; user text cannot make "<"


class Composer:
    """Turns one planned page (or feed, sitemap...) into bytes; holds the compiled templates."""

    def __init__(self, content: Content, views: Views, urls: Urls, strings, env):
        self.content = content
        self.site = content.site
        self.views = views
        self.urls = urls
        self.strings = strings
        self.env = env
        self._entries: dict[tuple[str, bool], _Entries] = {}      # (lang, compact) -> entries
        self._entry_templates = {False: env.get_template("partials/entry.html"),
                                 True: env.get_template("partials/entry_compact.html")}
        self.content_language = self.site.default_language
        self._published: Content | None = None
        self._headers: dict[tuple[str, str], str] = {}
        self._placeholders: dict[str, Markup] = {}
        self._placeholder_parts: list[str] | None = None
        self._coauthors: dict[str, _Entries] = {}
        self._bylines: dict[str, _Entries] = {}
        self._facts: dict[str, _Entries] = {}
        self._footers: dict[str, Markup] = {}
        self._spliced: list[list[bytes]] = []     # the bytes the page being rendered splices in
        self.search_memo: dict | None = None      # see search.search_files

    # -- shared -------------------------------------------------------------
    def entries(self, lang: str, compact: bool) -> "_Entries":
        """Paper id -> its entry's HTML as UTF-8 bytes, spliced into pages as they are written (see
        ``page``): full on lists, compact on author pages (no abstract: a prolific author's page
        would otherwise repeat megabytes of abstracts). Bytes, because the memo keeps them and a
        list needs all 10,000: decoding and encoding them again cost more than the rest of a small
        rebuild."""
        table = self._entries.get((lang, compact))
        if table is None:
            table = self._entries[lang, compact] = _Entries(lambda pid: self._render_entry((lang, pid, compact)),
                                                            _utf8)
        return table

    def prepare_entries(self, planned: list[Page], jobs: int, memo: dict | None = None,
                        paper_fp: dict[str, str] | None = None) -> None:
        """Render, on every core, each entry the pages will show, before the pages are split
        among workers: otherwise each worker would render the entries it shares with others.

        ``memo`` ((lang, compact, paper fingerprint) -> HTML, from the previous build) saves
        rendering unchanged papers' entries; it is left holding this build's."""
        wanted = {}
        for page in planned:
            if page.kind == "list":
                wanted.update(((page.lang, pid, False), None) for pid in self.views.papers)
            elif page.kind == "author":
                wanted.update(((page.lang, pv.id, True), None) for pv in self.views.authors[page.subject].papers)
        if memo is not None:
            for lang, pid, compact in wanted:
                html = memo.get((lang, compact, paper_fp[pid]))
                if html is not None:
                    self.entries(lang, compact)[pid] = html
        # Sorted, so that a paper's full and compact entries fall to the same worker, which then
        # renders the facts and byline they share once.
        keys = sorted(key for key in wanted if key[1] not in self.entries(key[0], key[2]))
        # The bylines these entries render on the way, and the co-author items of the author
        # pages, come back too: the page workers (forked later) then find them made, instead of
        # each making again the ones its pages show.
        bylines = {(lang, pid): i for i, (lang, pid, _) in reversed(list(enumerate(keys)))}
        coauthors = sorted({(page.lang, c.author_id, c.joint_papers) for page in planned if page.kind == "author"
                            for c in self.views.authors[page.subject].coauthors} - {
            (lang, *key) for lang, table in self._coauthors.items() for key in table})
        work = [(*key, bylines.get(key[:2]) == i) for i, key in enumerate(keys)] + coauthors
        for job, made in zip(work, parallel.map_items(self._render_fragment, work, jobs)):
            if len(job) == 3:
                self._coauthor_items(job[0]).setdefault(job[1:], made)
                continue
            lang, pid, compact, _ = job
            html, byline = made
            self.entries(lang, compact)[pid] = _utf8(html)
            if byline is not None:
                self.bylines(lang).setdefault(pid, Markup(byline))
        if memo is not None:
            for (lang, compact), table in self._entries.items():
                for pid, html in table.items():
                    key = (lang, compact, paper_fp[pid])
                    if key not in memo:
                        memo[key] = html
            current = set(paper_fp.values())
            for key in [key for key in memo if key[2] not in current]:
                del memo[key]

    def coauthor_items(self) -> dict[str, dict]:
        """The co-author items made so far, by language: they show a person's id and name, so a
        later build with the same people reuses them (patch.py, ``reuse_coauthor_items``)."""
        return {lang: dict(table) for lang, table in self._coauthors.items()}

    def reuse_coauthor_items(self, items: dict[str, dict]) -> None:
        for lang, table in items.items():
            self._coauthor_items(lang).update(table)

    def _coauthor_items(self, lang: str) -> "_Entries":
        """(author id, joint papers) -> its <li> on co-author lists: most people have one joint
        paper with most of their co-authors, so one item serves many pages."""
        table = self._coauthors.get(lang)
        if table is None:
            template, t, authors = self.env.get_template("partials/coauthor.html"), self.strings[lang], self.views.authors
            table = self._coauthors[lang] = _Entries(
                lambda key: template.render(other=authors[key[0]].author, n=key[1], lang=lang, t=t), str)
        return table

    def bylines(self, lang: str) -> "_Entries":
        """Paper id -> its linked authors, shown by its page, its list entry and its compact entries."""
        table = self._bylines.get(lang)
        if table is None:
            template, t, papers = self.env.get_template("partials/byline.html"), self.strings[lang], self.views.papers
            table = self._bylines[lang] = _Entries(lambda pid: template.render(pv=papers[pid], lang=lang, t=t))
        return table

    def facts(self, lang: str) -> "_Entries":
        """Paper id -> its authors, date, venue and organisation, shared by its list entry and its
        compact entries (partials/entry_facts.html)."""
        table = self._facts.get(lang)
        if table is None:
            template, t, papers = self.env.get_template("partials/entry_facts.html"), self.strings[lang], self.views.papers
            table = self._facts[lang] = _Entries(
                lambda pid: template.render(pv=papers[pid], lang=lang, t=t, byline_html=self.bylines(lang)))
        return table

    def _render_fragment(self, job: tuple) -> str | tuple[str, str | None]:
        """(lang, author id, joint papers) -> a co-author item; (lang, paper id, compact,
        with byline) -> the entry, and its byline if asked and rendered."""
        if len(job) == 3:
            return self._coauthor_items(job[0])[job[1:]]
        lang, pid, compact, with_byline = job
        html = self._render_entry((lang, pid, compact))
        byline = self._bylines[lang].get(pid) if with_byline and lang in self._bylines else None
        return html, None if byline is None else str(byline)

    def _render_entry(self, key: tuple[str, str, bool]) -> str:
        lang, paper_id, compact = key
        return self._entry_templates[compact].render(pv=self.views.papers[paper_id], lang=lang, t=self.strings[lang],
                                                     facts_html=self.facts(lang))

    def _header(self, page: Page, context: dict) -> Markup:
        """The site header (navigation, language switcher, search form) differs between the
        pages of one language and kind only in the path after the language in the switcher's
        links: it is rendered once with a stand-in for that path, then each page's is put in."""
        key = (page.lang, page.kind)
        html = self._headers.get(key)
        if html is None:
            stand_in = [(code, name, Markup(code + URL_TAIL)) for code, name, _ in context["languages"]]
            html = self.env.get_template("partials/header.html").render(dict(context, languages=stand_in))
            html = self._headers[key] = html.removesuffix("\n")     # base.html ends its line
        code, _, url = context["languages"][0]
        tail = url[len(code):]
        if any(other != c + tail for c, _, other in context["languages"]):   # not one path per language
            return Markup(self.env.get_template("partials/header.html").render(context).removesuffix("\n"))
        return Markup(html.replace(URL_TAIL, tail))

    def _footer(self, lang: str, context: dict) -> Markup:
        """The same on every page of a language (its links start at the root marker): rendered once."""
        html = self._footers.get(lang)
        if html is None:
            html = self.env.get_template("partials/footer.html").render(context).removesuffix("\n")
            html = self._footers[lang] = Markup(html)      # base.html ends its line
        return html

    def _common(self, page: Page, title: str, description: str = "", og_type: str = "website") -> dict:
        site = self.site
        languages = [(code, self.strings[code].language_name, page.in_language(code)) for code in site.languages]
        alternates = []
        if page.kind not in ("notfound",):
            alternates = [{"lang": code, "href": self.urls.absolute(url)} for code, _, url in languages]
        return {
            "site": site, "lang": page.lang, "t": self.strings[page.lang], "strings": self.strings,
            "page": page, "languages": languages, "title": title, "description": description,
            "canonical": self.urls.absolute(page.url if page.kind != "notfound" else "404.html"),
            "alternates": alternates if len(alternates) > 1 else [],
            "x_default": self.urls.absolute(page.in_language(site.default_language)) if len(alternates) > 1 else "",
            "og_type": og_type, "og_image": "", "jsonld": "",
            "byline_html": self.bylines(page.lang),
            "content_language": self.content_language,
        }

    def _person_ld(self, author_id: str, lang: str) -> dict:
        av = self.views.authors[author_id]
        data = {"@type": "Person", "name": av.author.name, "url": self.urls.absolute(author_url(lang, author_id))}
        return data

    def _paper_ld(self, pv, lang: str) -> dict:
        p = pv.paper
        data = {
            "@context": "https://schema.org", "@type": "ScholarlyArticle",
            "@id": self.urls.absolute(paper_url(lang, p.id)), "url": self.urls.absolute(paper_url(lang, p.id)),
            "name": pv.title_text, "headline": pv.title_text[:110],
            "author": [self._person_ld(b.author_id, lang) if b.author_id else {"@type": "Person", "name": b.name}
                       for b in pv.bylines],
            "inLanguage": self.content_language,
        }
        if p.date:
            data["datePublished"] = p.date
        if pv.abstract_text:      # the full text is in citation_abstract already: once is enough
            data["description"] = _clip(pv.abstract_text, DESCRIPTION_LENGTH)
        if p.organisation:
            data["sourceOrganization"] = {"@type": "Organization", "name": p.organisation}
        if p.venue:
            data["isPartOf"] = {"@type": "Periodical", "name": p.venue}
        if p.doi:
            data["sameAs"] = f"https://doi.org/{p.doi}"
        return data

    # -- pages --------------------------------------------------------------
    def page(self, page: Page) -> bytes | list[bytes]:
        """The page's bytes; the publication list in a few parts (one per year), so that a
        50,000-paper list is never one 150 MB string copied three times."""
        self._spliced = []
        build = getattr(self, "_" + page.kind)
        context = build(page)
        context["header"] = self._header(page, context)
        context["footer"] = self._footer(page.lang, context)
        template = self.env.get_template(page.template)
        root = self.urls.base if page.kind == "notfound" else render.relative_root(page.url)
        if page.kind != "list":
            return b"".join(self._finish(template.render(context), root))
        parts, pending = [], []
        for chunk in template.generate(context):     # a marker never straddles two chunks
            pending.append(chunk)
            if len(chunk) > 1 << 16 or SPLICE_MARK in chunk:
                parts.extend(self._finish("".join(pending), root))
                pending = []
        parts.extend(self._finish("".join(pending), root))
        return parts

    def _splice(self, fragments: list[bytes]) -> Markup:
        """A stand-in for bytes that go into the page as they are (see ``page``)."""
        self._spliced.append(fragments)
        return Markup(f"{SPLICE_MARK}{len(self._spliced) - 1}@>")

    def _finish(self, html: str, root: str) -> list[bytes]:
        """The page's text with its root filled in, encoded, and the spliced bytes put back."""
        if not self._spliced:          # most pages splice nothing in: no need to look for markers
            return [render.finish(html, root)]
        pieces = _SPLICE.split(html)
        out = [render.finish(pieces[0], root)]
        marker, relative = render.ROOT_MARKER.encode(), root.encode()
        for index in range(1, len(pieces), 2):
            out.append(b"".join(self._spliced[int(pieces[index])]).replace(marker, relative))
            out.append(render.finish(pieces[index + 1], root))
        return out

    def _root(self, page: Page) -> dict:
        context = self._common(page, self.site.title, self.site.description)
        context["canonical"] = self.urls.absolute(list_url(self.site.default_language))
        context["languages"] = [(code, self.strings[code].language_name, list_url(code)) for code in self.site.languages]
        context["alternates"] = [{"lang": code, "href": self.urls.absolute(list_url(code))} for code in self.site.languages]
        return context

    def _notfound(self, page: Page) -> dict:
        t = self.strings[page.lang]
        context = self._common(page, t.not_found_title)
        # Served at whatever URL was missing: the switcher leads to each language's list.
        context["languages"] = [(code, name, list_url(code)) for code, name, _ in context["languages"]]
        return context

    def _list(self, page: Page) -> dict:
        t = self.strings[page.lang]
        context = self._common(page, t.publications_heading, self.site.description)
        groups: dict[str, list] = defaultdict(list)
        entries = self.entries(page.lang, False)
        for pv in self.views.papers.values():       # already newest first, undated last
            groups[pv.paper.year].append(entries[pv.id])
        # Spliced in as bytes: a loop over 10,000 entries in the template costs more than the rest of the page.
        context["groups"] = [(year, self._splice(html)) for year, html in groups.items()]
        context["total"] = len(self.views.papers)
        context["jsonld"] = render.json_ld({
            "@context": "https://schema.org", "@type": "CollectionPage", "name": f"{t.publications_heading} · {self.site.title}",
            "url": context["canonical"], "inLanguage": page.lang,
            "isPartOf": {"@type": "WebSite", "name": self.site.title, "url": self.urls.absolute("")},
        })
        return context

    def _paper(self, page: Page) -> dict:
        pv = self.views.papers[page.subject]
        context = self._common(page, pv.title_text, _clip(pv.abstract_text, DESCRIPTION_LENGTH), "article")
        context["pv"] = pv
        link = pv.paper.url if pv.paper.url.startswith(("https://", "http://")) else ""
        context["paper_link"] = link
        context["paper_link_text"] = urlsplit(link).netloc if link else ""
        context["jsonld"] = render.json_ld(self._paper_ld(pv, page.lang))
        return context

    def _author(self, page: Page) -> dict:
        av = self.views.authors[page.subject]
        author = av.author
        description = " · ".join(x for x in (author.role, self.site.title) if x)
        context = self._common(page, author.name, description, "profile")
        context["av"] = av
        context["picture"] = self.picture(av)
        # Joined here, not looped in the template: the most prolific people list thousands of
        # papers and co-authors, and each item is a fragment rendered once for the whole site.
        entries = self.entries(page.lang, True)
        context["papers_html"] = self._splice([entries[pv.paper.id] for pv in av.papers])
        # A CoAuthor is the tuple (author id, joint papers) that keys its item: looked up as it is.
        context["coauthors_html"] = Markup("".join(map(self._coauthor_items(page.lang).__getitem__, av.coauthors)))
        if self.urls.origin and av.portrait:
            context["og_image"] = self.urls.absolute(av.portrait)
        data = {"@context": "https://schema.org", **self._person_ld(author.id, page.lang)}
        if av.portrait:
            data["image"] = self.urls.absolute(av.portrait)
        if author.role:
            data["jobTitle"] = author.role
        same_as = [x for x in (author.homepage, f"https://orcid.org/{author.orcid}" if author.orcid else "") if x]
        if same_as:
            data["sameAs"] = same_as
        context["jsonld"] = render.json_ld(data)
        return context

    def _people(self, page: Page) -> dict:
        t = self.strings[page.lang]
        context = self._common(page, t.people_heading, self.site.description)
        groups: dict[str, list] = defaultdict(list)
        for av in self.views.authors.values():
            groups[av.author.role.strip()].append(av)
        order = {role: i for i, role in enumerate(getattr(self.site, "roles", ()) or ())}
        context["groups"] = sorted(groups.items(), key=lambda kv: (not kv[0], order.get(kv[0], len(order)), name_key(kv[0])))
        context["total"] = len(self.views.authors)
        context["pictures"] = {aid: self.picture(av) for aid, av in self.views.authors.items()}
        context["jsonld"] = render.json_ld({
            "@context": "https://schema.org", "@type": "CollectionPage", "name": f"{t.people_heading} · {self.site.title}",
            "url": context["canonical"], "inLanguage": page.lang,
            "hasPart": [self._person_ld(aid, page.lang) for aid in self.views.authors],
        })
        return context

    # -- other files ---------------------------------------------------------
    def feed(self, lang: str) -> bytes:
        t = self.strings[lang]
        dated = [pv for pv in self.views.papers.values() if pv.paper.date][:FEED_SIZE]
        items = [{"pv": pv, "url": self.urls.absolute(paper_url(lang, pv.id)),
                  "id": self._iri(paper_url(lang, pv.id)), "updated": _timestamp(pv.paper.date)} for pv in dated]
        updated = items[0]["updated"] if items else "1970-01-01T00:00:00Z"
        xml = self.env.get_template("feed.xml").render(
            site=self.site, lang=lang, t=t, items=items, updated=updated,
            feed_id=self._iri(f"{lang}/feed.xml"), feed_url=self.urls.absolute(f"{lang}/feed.xml"),
            list_url=self.urls.absolute(list_url(lang)))
        return xml.encode("utf-8")

    def _iri(self, url: str) -> str:
        """Atom ids must be absolute IRIs; without a known origin, a stable URN stands in."""
        if self.urls.origin:
            return self.urls.absolute(url)
        return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, self.urls.base + url))

    def sitemap(self, pages: list[Page]) -> bytes:
        """sitemap.xml: machine data like the search index, so written here rather than by a
        template (30,000 URLs with their alternates cost a template a second)."""
        languages = self.site.languages if len(self.site.languages) > 1 else ()
        site = str(escape(self.urls.absolute("")))     # paths after it are language codes and slugs (pages.unsafe_ids)
        out = ['<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
               'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n']
        for page in pages:
            if page.kind in ("root", "notfound"):
                continue
            out.append(f"  <url>\n    <loc>{site}{page.url}</loc>\n")
            if page.kind == "paper":
                date = self.views.papers[page.subject].paper.date
                if len(date) == 10:
                    out.append(f"    <lastmod>{escape(date)}</lastmod>\n")
            if languages:
                rest = page.url[len(page.lang):]      # every page here is "<lang>/...": the same path in each
                out.extend([f'    <xhtml:link rel="alternate" hreflang="{code}" href="{site}{code}{rest}"/>\n'
                            for code in languages])
            out.append("  </url>\n")
        out.append("</urlset>\n")
        return "".join(out).encode("utf-8")

    def robots(self) -> bytes:
        lines = ["User-agent: *", "Allow: /"]
        if self.urls.origin:
            lines.append(f"Sitemap: {self.urls.absolute('sitemap.xml')}")
        return ("\n".join(lines) + "\n").encode("utf-8")

    def placeholder(self, author_id: str) -> Markup:
        """The initials picture of someone without a portrait, as a ``data:`` URL: a file per
        person would cost more to write and fetch than the few hundred bytes of the picture."""
        src = self._placeholders.get(author_id)
        if src is None:
            if self._placeholder_parts is None:       # rendered once; 5,000 people only change two values
                svg = self.env.get_template("placeholder.svg").render(colour="\x00", initials="\x00").strip()
                self._placeholder_parts = [_quote_url(part) for part in svg.split("\x00")]
            head, middle, tail = self._placeholder_parts
            av = self.views.authors[author_id]
            src = self._placeholders[author_id] = Markup(
                f"data:image/svg+xml,{head}{_quote_url(escape(av.colour))}{middle}{_quote_url(escape(av.initials))}{tail}")
        return src

    def picture(self, av) -> Markup:
        """What an <img> of this person shows: the portrait, or the initials placeholder."""
        return Markup(render.ROOT_MARKER) + av.portrait if av.portrait else self.placeholder(av.id)

    def citation_files(self, only=None):
        """(path, bytes) of cite/all.bib and cite/authors/<author>.bib (``only``: just these
        people's), one at a time: at 10,000 papers they hold 18 MB, which a full build writes as
        they come rather than keeps. One paper's BibTeX, RIS and CSL-JSON are made in the browser
        from its page (partials/cite.html): three files a paper cost more to write than anything else."""
        yield "cite/all.bib", "\n".join(pv.bibtex for pv in self.views.papers.values()).encode("utf-8")
        people = self.views.authors.values() if only is None else [self.views.authors[aid] for aid in sorted(only)]
        for av in people:
            if av.papers:
                yield f"cite/authors/{av.id}.bib", "\n".join(pv.bibtex for pv in av.papers).encode("utf-8")

    def search_files(self, lang: str) -> dict[str, bytes]:
        """The search stage sees published papers only: drafts never leave content/.

        One Content object for every language, so the search stage builds its index once."""
        if self._published is None:
            self._published = dataclasses.replace(self.content, papers=tuple(p for p in self.content.papers
                                                                               if p.published))
        digests = {pid: pv.digest for pid, pv in self.views.papers.items()}     # each paper's, from views
        return search.search_files(self._published, lang, self.strings[lang], self.search_memo, digests)


class _Entries(dict):
    """Rendered fragments of one language and style, by key (a paper id...); a missing one is
    rendered on use. Markup for templates to show; plain str (cheaper to make and to pickle) for
    fragments this module joins into a page."""

    def __init__(self, render_entry, kind=Markup):
        super().__init__()
        self._render_entry = render_entry
        self._kind = kind

    def __missing__(self, key):
        html = self[key] = self._kind(self._render_entry(key))
        return html


def _utf8(html: str) -> bytes:
    return html.encode("utf-8")


def _quote_url(text: str) -> str:
    """Percent-encoded for a data: URL: no quote, "<", ">" or "&" is left, so it is safe in any attribute."""
    return quote(str(text), safe="/:=,.()'")


def _clip(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:.")
    return cut + "…"


def _timestamp(date: str) -> str:
    parts = (date.split("-") + ["01", "01"])[:3]
    return f"{parts[0]}-{parts[1]}-{parts[2]}T00:00:00Z"


def static_files(templates: Path) -> list[tuple[str, Path]]:
    root = templates / "static"
    return sorted((f"static/{p.relative_to(root).as_posix()}", p) for p in root.rglob("*") if p.is_file())
