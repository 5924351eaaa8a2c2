"""Planned outputs + views -> bytes: HTML pages, feeds, sitemap, citations, the search index.

Pure except for what it hands to the writer. The context of each kind of page is
declared with the kind (kinds.py); this module holds what they share: the
common context, and the fragments many pages show, rendered once per language
and kept in tables, so that a 30,000-page site renders each piece once: list and
compact entries (``entries``, as UTF-8 bytes spliced into the pages that show
them, see ``page``), bylines, entry facts, dates and venues, co-author items, the header per page
kind, the footer, the initials placeholders. Each fragment holds the root
marker (render.ROOT_MARKER) where its links start, so it is valid on a page at
any depth. ``make`` renders the outputs a build makes, on every core.
"""
from __future__ import annotations

import colorsys
import functools
import hashlib
import re
from collections.abc import Callable
from itertools import chain
from pathlib import Path
from urllib.parse import quote

from markupsafe import Markup, escape

from .. import parallel
from . import images, render, search, writer
from ..model import Content
from ..settings import Urls
from .pages import NAV, Page, author_url, list_url, news_feed_url, news_item_url, news_url, paper_url
from .views import Views
from .work import Step, Work, fingerprint

FEED_SIZE = 50
SPLICE_MARK = "<@splice:"      # "<": user text can never make it (it is escaped)
_SPLICE = re.compile(r"<@splice:(\d+)@>")
DESCRIPTION_LENGTH = 160     # characters of abstract in a page's description: what search engines show
URL_TAIL = "<@tail@>"      # stands for a page's path in a shared header; user text cannot make "<"


class Composer:
    """Turns one planned output into bytes; holds the site's data, the compiled templates and
    the fragments shared by many pages."""

    def __init__(self, content: Content, views: Views, urls: Urls, strings, env, work: Work | None = None,
                 templates: Path = render.TEMPLATES, search_index=None):
        self.content = content
        self.templates = templates
        self.site = content.site
        self.views = views
        self.urls = urls
        self.strings = strings
        self.env = env
        self.work = work or Work(1)
        self._entries: dict[tuple[str, bool], _Entries] = {}      # (lang, compact) -> entries
        self._entry_templates = {False: env.get_template("partials/entry.html"),
                                 True: env.get_template("partials/entry_compact.html")}
        self.content_language = self.site.default_language
        self._headers: dict[tuple[str, str], str] = {}
        self._placeholders: dict[str, Markup] = {}
        self._placeholder_parts: list[str] | None = None
        self._coauthors: dict[str, _Entries] = {}
        self._bylines: dict[str, _Entries] = {}
        self._facts: dict[str, _Entries] = {}
        self._metas: dict[str, _Entries] = {}
        self._footers: dict[str, Markup] = {}
        self._spliced: list[list[bytes]] = []     # the bytes the page being rendered splices in
        # () -> the search index (search.build_index), which the pipeline may have started early
        self._index = search_index or functools.cache(lambda: search.build_index(content, self.work))
        self._bibtex: dict[str, str] | None = None      # paper id -> its BibTeX (bibtex_of)
        self.planned: list[Page] | None = None      # every output, once kinds.plan has planned them
        # What a fragment looks like besides its paper or person: the templates and this language's words.
        templates = render.templates_digest(self.templates)
        self.look = {lang: fingerprint((templates, render.strings_data(table))) for lang, table in strings.items()}
        self.fragment_step = Step("fragment", self._render_fragment, key=self._fragment_key, read_few=True)

    # -- shared -------------------------------------------------------------
    @functools.cached_property
    def papers_in_order(self) -> list:
        """The published papers' views as a list, newest first: the list's pages take slices of it."""
        return list(self.views.papers.values())

    def entries(self, lang: str, compact: bool) -> "_Entries":
        """Paper id -> its entry's HTML as UTF-8 bytes, spliced into pages as they are written (see
        ``page``): full on lists, compact on author pages (no abstract: a prolific author's page
        would otherwise repeat megabytes of abstracts). Bytes, because a list needs all 10,000
        and they may come from an earlier build: decoding and encoding them again would cost more
        than the rest of a small rebuild."""
        table = self._entries.get((lang, compact))
        if table is None:
            table = self._entries[lang, compact] = _Entries(lambda pid: self._render_entry((lang, pid, compact)),
                                                            _utf8)
        return table

    def prepare(self, outputs: list[Page], fragments) -> None:
        """Render (or take from earlier builds: ``self.work``) each entry and co-author item the
        outputs show, on every core, before the pages are split among workers: otherwise each
        worker would render those it shares with others. ``fragments(page)``: ("entry", paper id,
        compact) and ("coauthor", author id, joint papers) keys of what a page shows."""
        wanted = {(page.lang, *key) for page in outputs for key in fragments(page)}
        # Sorted, so that a paper's full and compact entries fall to the same worker, which then
        # renders the facts and byline they share once.
        entries = sorted((lang, pid, compact) for lang, what, pid, compact in wanted if what == "entry"
                         and pid not in self.entries(lang, compact))
        # The bylines these entries render on the way come back too: the page workers (forked
        # later) then find them made, instead of each making again the ones its pages show.
        bylines = {(lang, pid): i for i, (lang, pid, _) in reversed(list(enumerate(entries)))}
        coauthors = sorted((lang, aid, n) for lang, what, aid, n in wanted if what == "coauthor"
                           and (aid, n) not in self.coauthor_items(lang))
        work = [(*key, bylines.get(key[:2]) == i) for i, key in enumerate(entries)] + coauthors
        for job, made in zip(work, self.work.map(self.fragment_step, work)):
            if len(job) == 3:
                self.coauthor_items(job[0]).setdefault(job[1:], made)
                continue
            lang, pid, compact, _ = job
            html, byline = made
            self.entries(lang, compact)[pid] = html
            if byline is not None:
                self.bylines(lang).setdefault(pid, Markup(byline))

    def _fragment_key(self, job: tuple):
        """A co-author item shows the person's name; an entry, its paper's view: with the look of
        the language, that is all they are made from."""
        if len(job) == 3:
            lang, aid, n = job
            return ("coauthor", lang, aid, n), (self.views.authors[aid].author.name, self.look[lang])
        lang, pid, compact, _ = job
        return ("entry", lang, pid, compact), self.views.papers[pid].digest + self.look[lang]

    def _render_fragment(self, job: tuple) -> str | tuple[bytes, str | None]:
        """(lang, author id, joint papers) -> a co-author item; (lang, paper id, compact,
        with byline) -> the entry's bytes, and its byline if asked and rendered."""
        if len(job) == 3:
            return self.coauthor_items(job[0])[job[1:]]
        lang, pid, compact, with_byline = job
        html = _utf8(self._render_entry((lang, pid, compact)))
        byline = self._bylines[lang].get(pid) if with_byline and lang in self._bylines else None
        return html, None if byline is None else str(byline)

    def coauthor_items(self, lang: str) -> "_Entries":
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
        """Paper id -> its authors, date, venue and organisation, shown by its list entry
        (partials/entry_facts.html)."""
        table = self._facts.get(lang)
        if table is None:
            template, t, papers = self.env.get_template("partials/entry_facts.html"), self.strings[lang], self.views.papers
            table = self._facts[lang] = _Entries(
                lambda pid: template.render(pv=papers[pid], lang=lang, t=t, byline_html=self.bylines(lang),
                                            meta_html=self.metas(lang)))
        return table

    def metas(self, lang: str) -> "_Entries":
        """Paper id -> its date, venue and organisation, shared by its list entry's facts and its
        compact entries (partials/entry_meta.html)."""
        table = self._metas.get(lang)
        if table is None:
            template, t, papers = self.env.get_template("partials/entry_meta.html"), self.strings[lang], self.views.papers
            table = self._metas[lang] = _Entries(lambda pid: template.render(pv=papers[pid], lang=lang, t=t))
        return table

    def _render_entry(self, key: tuple[str, str, bool]) -> str:
        lang, paper_id, compact = key
        return self._entry_templates[compact].render(pv=self.views.papers[paper_id], lang=lang, t=self.strings[lang],
                                                     facts_html=self.facts(lang), meta_html=self.metas(lang))

    def _header(self, page: Page, context: dict) -> Markup:
        """The site header (navigation, language switcher, search form) differs between the
        pages of one language and kind only in the path after the language in the switcher's
        links: it is rendered once with a stand-in for that path, then each page's is put in."""
        nav = context["nav"]
        key = (page.lang, page.kind, tuple(item[2] for item in nav))     # which item is current, and how
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

    def common(self, page: Page, title: str, description: str = "", og_type: str = "website") -> dict:
        """What every page's template is given."""
        site = self.site
        languages = [(code, self.strings[code].language_name, page.in_language(code)) for code in site.languages]
        t = self.strings[page.lang]
        # (word, URL, aria-current): "page" on the item's own page, "true" elsewhere in its section.
        nav = [(t[word], url(page.lang), "page" if url(page.lang) == page.url else "true" if page.kind in kinds else "")
               for kinds, word, url in NAV]
        alternates = [{"lang": code, "href": self.urls.absolute(url)} for code, _, url in languages]
        return {
            "site": site, "lang": page.lang, "t": self.strings[page.lang], "strings": self.strings,
            "page": page, "languages": languages, "nav": nav, "title": title, "description": description,
            "canonical": self.urls.absolute(page.url),
            "alternates": alternates if len(alternates) > 1 else [],
            "x_default": self.urls.absolute(page.in_language(site.default_language)) if len(alternates) > 1 else "",
            "og_type": og_type, "og_image": "", "jsonld": "",
            "byline_html": self.bylines(page.lang),
            "content_language": self.content_language,
        }

    def person_ld(self, author_id: str, lang: str) -> dict:
        av = self.views.authors[author_id]
        data = {"@type": "Person", "name": av.author.name, "url": self.urls.absolute(author_url(lang, author_id))}
        return data

    def paper_ld(self, pv, lang: str) -> dict:
        p = pv.paper
        data = {
            # The title once: "headline" (what Google's Article data reads, no longer cut at 110
            # characters), not also "name"; the page once: "url", not also "@id".
            "@context": "https://schema.org", "@type": "ScholarlyArticle",
            "url": self.urls.absolute(paper_url(lang, p.id)), "headline": pv.title_text,
            "author": [self.person_ld(b.author_id, lang) if b.author_id else {"@type": "Person", "name": b.name}
                       for b in pv.bylines],
            "inLanguage": self.content_language,
        }
        if p.date:
            data["datePublished"] = p.date
        # No "description": its 300 characters are the page's meta description and og:description
        # already (Google's Article data does not use it), and the abstract is in citation_abstract.
        if p.organisation:
            data["sourceOrganization"] = {"@type": "Organization", "name": p.organisation}
        if p.venue:
            data["isPartOf"] = {"@type": "Periodical", "name": p.venue}
        if p.doi:
            data["sameAs"] = f"https://doi.org/{p.doi}"
        return data

    # -- pages --------------------------------------------------------------
    def page(self, page: Page, template: str, context: dict, *, in_parts: bool = False,
             root: str | None = None) -> bytes | list[bytes]:
        """A page's bytes: ``template`` filled with ``context`` (its kind's, see kinds.py) and the
        header and footer. ``in_parts``: rendered a part at a time (a 50,000-paper list is never one
        150 MB string copied three times). ``root``: how its links reach the site's root (a
        path relative to the page, unless given)."""
        context["header"] = self._header(page, context)
        context["footer"] = self._footer(page.lang, context)
        compiled = self.env.get_template(template)
        root = render.relative_root(page.url) if root is None else root
        try:
            if not in_parts:
                return b"".join(self._finish(compiled.render(context), root))
            parts, pending = [], []
            for chunk in compiled.generate(context):     # a marker never straddles two chunks
                pending.append(chunk)
                if len(chunk) > 1 << 16 or SPLICE_MARK in chunk:
                    parts.extend(self._finish("".join(pending), root))
                    pending = []
            parts.extend(self._finish("".join(pending), root))
            return parts
        finally:
            self._spliced = []

    def splice(self, fragments: list[bytes]) -> Markup:
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

    def news_feed(self, lang: str) -> bytes:
        """<lang>/news/feed.xml: the newest news items. Its ``updated`` is the newest item's date
        (never the clock: the same content makes the same bytes)."""
        t = self.strings[lang]
        items = [{"nv": nv, "title": nv.title_text(lang), "body": nv.body_html(lang),
                  "url": self.urls.absolute(news_item_url(lang, nv.id)), "id": self._iri(news_item_url(lang, nv.id)),
                  "updated": _timestamp(nv.news.date),
                  "papers": [(self.views.papers[pid].title_text, self.urls.absolute(paper_url(lang, pid)))
                             for pid in nv.papers]}
                 for nv in list(self.views.news.values())[:FEED_SIZE]]
        updated = max((item["updated"] for item in items), default="1970-01-01T00:00:00Z")
        xml = self.env.get_template("news_feed.xml").render(
            site=self.site, lang=lang, t=t, items=items, updated=updated,
            feed_id=self._iri(news_feed_url(lang)), feed_url=self.urls.absolute(news_feed_url(lang)),
            news_url=self.urls.absolute(news_url(lang)))
        return xml.encode("utf-8")

    def _iri(self, url: str) -> str:
        """Atom ids must be absolute IRIs; without a known origin, a stable URN stands in."""
        if self.urls.origin:
            return self.urls.absolute(url)
        return "urn:uuid:" + url_uuid(self.urls.base + url)

    def sitemap(self, pages: list[Page]) -> bytes:
        """sitemap.xml, listing ``pages``: machine data like the search index, so written here
        rather than by a template (30,000 URLs with their alternates cost a template a second)."""
        languages = self.site.languages if len(self.site.languages) > 1 else ()
        site = str(escape(self.urls.absolute("")))     # paths after it are language codes and slugs (checks.unsafe_ids)
        out = ['<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
               'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n']
        for page in pages:
            out.append(f"  <url>\n    <loc>{site}{page.url}</loc>\n")
            if page.kind in ("paper", "news-item"):
                date = (self.views.papers[page.subject].paper if page.kind == "paper"
                        else self.views.news[page.subject].news).date
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
                # a private-use character marks the two places (templates print no control character)
                svg = self.env.get_template("placeholder.svg").render(colour="\ue000", initials="\ue000").strip()
                self._placeholder_parts = [_quote_url(part) for part in svg.split("\ue000")]
            head, middle, tail = self._placeholder_parts
            av = self.views.authors[author_id]
            src = self._placeholders[author_id] = Markup(
                f"data:image/svg+xml,{head}{_quote_url(escape(_hex_colour(av.colour)))}{middle}"
                f"{_quote_url(escape(av.initials))}{tail}")
        return src

    def picture(self, av) -> images.Figure:
        """What partials/portrait.html shows of this person: the portrait at every size, or the
        initials placeholder."""
        return images.Figure(av.picture) if av.picture else images.Figure(None, self.placeholder(av.id))

    def bibliography(self, papers) -> bytes:
        """A BibTeX file of these papers' entries (cite/all.bib, cite/authors/<id>.bib). One paper's
        BibTeX, RIS and CSL-JSON are made in the browser from its page (partials/cite.html): three
        files a paper cost more to write than anything else."""
        bibtex = self.bibtex_of()
        return "\n".join([bibtex[pv.id] for pv in papers]).encode("utf-8")

    def bibtex_of(self) -> dict[str, str]:
        """Paper id -> its BibTeX, made by blocks of papers (a step): an edit makes its paper's
        block again and reads the others whole, not the texts of every paper in the
        bibliographies made (a prolific author's has hundreds)."""
        if self._bibtex is None:
            papers = list(self.views.papers.values())
            size = search.block_size(len(papers))       # as the search's: a small site in 40 blocks or so
            blocks = [(start, tuple(papers[start:start + size])) for start in range(0, len(papers), size)]
            self._bibtex = dict(zip(self.views.papers, chain.from_iterable(self.work.map(BIBLIOGRAPHY_BLOCKS, blocks))))
        return self._bibtex

    def search_files(self, lang: str) -> dict[str, bytes]:
        """The search index of one language (made once for all of them)."""
        return search.search_files(self.content, lang, self.strings[lang], index=self._index())


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


_NAMESPACE_URL = bytes.fromhex("6ba7b8119dad11d180b400c04fd430c8")     # uuid.NAMESPACE_URL


def url_uuid(name: str) -> str:
    """``str(uuid.uuid5(uuid.NAMESPACE_URL, name))`` (RFC 4122: SHA-1 of the namespace and the name,
    version 5), made here: importing uuid loads platform and _uuid, 5-8 ms of a build's start."""
    digest = bytearray(hashlib.sha1(_NAMESPACE_URL + name.encode("utf-8")).digest()[:16])
    digest[6] = digest[6] & 0x0F | 0x50         # the version
    digest[8] = digest[8] & 0x3F | 0x80         # the variant
    text = digest.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def _quote_url(text: str) -> str:
    """Percent-encoded for a data: URL: no quote, "<", ">" or "&" is left, so it is safe in any attribute."""
    return quote(str(text), safe="/:=,.()'")


def _bibliography_block(item: tuple) -> tuple[str, ...]:
    return tuple(pv.bibtex for pv in item[1])


# A block's BibTeX is made from its papers' texts, which their views' digests name.
BIBLIOGRAPHY_BLOCKS = Step("bibliography block", _bibliography_block,
                           key=lambda item: (item[0], b"".join(pv.digest for pv in item[1])))

_HSL = re.compile(r"hsl\((\d+(?:\.\d+)?) (\d+(?:\.\d+)?)% (\d+(?:\.\d+)?)%\)")


def _hex_colour(colour: str) -> str:
    """"hsl(204 45% 38%)" as "#35698c": the same colour, a third of its length once in a data: URL
    (each space and "%" is three characters there), on every placeholder of the people page."""
    match = _HSL.fullmatch(colour)
    if not match:
        return colour
    hue, saturation, lightness = (float(v) for v in match.groups())
    red, green, blue = colorsys.hls_to_rgb(hue / 360, lightness / 100, saturation / 100)
    return "#" + "".join(f"{round(v * 255):02x}" for v in (red, green, blue))


def clip(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:.")
    return cut + "…"


def _timestamp(date: str) -> str:
    parts = (date.split("-") + ["01", "01"])[:3]
    return f"{parts[0]}-{parts[1]}-{parts[2]}T00:00:00Z"


def static_files(templates: Path) -> list[tuple[str, Path]]:
    """(output path, source) of each file copied as it is from templates/static/."""
    root = templates / "static"
    return sorted((f"static/{p.relative_to(root).as_posix()}", p) for p in root.rglob("*") if p.is_file())


# Below this, starting workers costs more than it saves (benchmarks/README.md). At 1,000 papers
# (1,500 pages a language) a worker costs 15-20% more CPU and saves 0.1-0.2 s of wall time on
# 2 idle cores; on cores busy with other work it loses both (eighth round).
PARALLEL_MIN_PAGES = 500


def make(composer: Composer, outputs: list[Page], make_one, is_page, out: writer.Output,
         jobs: int, reporter, meanwhile: Callable[[], None] = lambda: None) -> dict[str, list[str]]:
    """Make ``outputs`` into ``out``: output path -> the files it wrote. ``make_one(page)``: its
    bytes (a list of parts, or {file: bytes} for a set of files); ``is_page(page)``: one of the
    many HTML pages that workers render, while this process makes the other files, then does
    ``meanwhile()`` (the work's ``steps_done``).

    With N cores, N - 1 forked workers share the prepared views for free and render pages while
    this process makes the rest (the search index, bundles); then this process renders the
    batches no worker has started. N processes for N cores: none waits for a core, and one
    fewer copy of the touched memory than N workers beside an idle parent."""
    pages = [page for page in outputs if is_page(page)]
    others = [page for page in outputs if not is_page(page)]
    out.claim_all([page.path for page in pages])      # collisions are found here, before any work
    files = {page.path: [page.path] for page in pages}

    def the_others() -> None:
        for page in others:
            made = make_one(page)
            files[page.path] = sorted(made) if isinstance(made, dict) else [page.path]
            for rel, data in (sorted(made.items()) if isinstance(made, dict) else [(page.path, made)]):
                out.write(rel, data)

    workers = parallel.workers(jobs)
    if out.in_place or workers <= 1 or len(pages) < PARALLEL_MIN_PAGES or not parallel.can_fork():
        for page in reporter.progress(pages, len(pages), "pages"):
            out.fill(page.path, make_one(page))
        the_others()
        return files
    global _worker_state
    _worker_state = (make_one, out.root)
    render.load_all(composer.env)         # once, here, rather than by each worker for itself
    chunks = [pages[i::workers * 8] for i in range(workers * 8)]   # interleaved: even work
    try:
        # The workers take batches from the front of a queue; this process makes the rest
        # first, then takes batches from the back.
        with parallel.pool(workers) as pool:
            done = pool.map(lambda number: _render_chunk(chunks[number]), len(chunks),
                            here=lambda: (the_others(), meanwhile()), join=True)
        for written in reporter.progress(done, len(chunks), "page batches", min_total=0):
            out.filled(written)
    finally:
        _worker_state = None
    return files


_worker_state = None


def _render_chunk(chunk: list[Page]) -> list[tuple[str, tuple[int, int, int]]]:
    make_one, root = _worker_state
    return [(page.path, writer.fill(root, page.path, make_one(page))) for page in chunk]
