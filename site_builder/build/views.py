"""What each paper and author shows, computed once for every language.

Markdown, TeX, teasers and BibTeX cost the most; doing them here, once per
paper (``TEXTS``, a step the incremental engine can answer from earlier
builds), keeps the per-language rendering a cheap template fill. Each view
carries a ``digest`` of everything it holds: the outputs that show a view are
made again when its digest changes (kinds.py).
"""
from __future__ import annotations

import hashlib
import operator
from functools import cached_property
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from . import citations, markup
from ..errors import WARNING, Problem
from .images import Picture
from .linking import Byline, CoAuthor, Links, cached_name_key, newest_first
from .work import Step, Work, entry_digest, fingerprint
from ..model import Author, Content, News, Paper, instance
from ..schema import localized
from ..text import script_json, split_suffix

@dataclass(frozen=True)
class PaperView:
    paper: Paper
    key: str
    title_html: str
    title_text: str
    bylines: tuple[Byline, ...]
    abstract_html: str
    teaser_html: str | None          # None: short enough to show in full
    abstract_text: str
    bibtex: str
    citation_json: str               # what site.js needs for the RIS/CSL-JSON downloads (citations.page_data)
    digest: bytes                    # of what everything above is made from, and the names of the people it links to

    # The texts (title_html to citation_json) of a view made from results read when used
    # (``Work.map(lazy=True)``) are read on first use: an edit shows a few dozen of 10,000.
    def __getattr__(self, name: str):
        lazy = self.__dict__.get("_texts") if name in _TEXT_FIELDS else None
        if lazy is None:
            raise AttributeError(name)
        results, i = lazy
        _set_texts(self.__dict__, self.paper, results[i])
        del self.__dict__["_texts"]
        return self.__dict__[name]

    def __getstate__(self):
        if "_texts" in self.__dict__:
            self.title_html         # noqa: B018 - read the texts, so that what is pickled holds them
        return self.__dict__

    @property
    def id(self) -> str:
        return self.paper.id

    @property
    def hidden_authors(self) -> int:
        """Authors known only by count (the dump said "and N more")."""
        count = self.paper.author_count or 0
        return max(0, count - len(self.bylines))


    @cached_property        # shown by the paper's page and its list entry, in every language
    def buttons(self) -> tuple[tuple[str, str, tuple, bool], ...]:
        """The paper's link buttons, in order: (kind, where it leads, label per language for an
        extra link, a file of the site?). A file's address is relative to the site's root."""
        p = self.paper
        made = [(link.kind, quote(link.target) if link.is_file else link.target, link.label, link.is_file)
                for link in p.links]
        known = []                      # the paper's identifiers, after its PDF
        if p.arxiv:
            known.append(("arxiv", f"https://arxiv.org/abs/{p.arxiv}", (), False))
        if p.doi:
            known.append(("doi", f"https://doi.org/{quote(p.doi, safe='/:;()')}", (), False))
        pdf = 1 if made and made[0][0] == "pdf" else 0
        return tuple(made[:pdf] + known + made[pdf:])

    @cached_property        # on its list entry and each of its compact entries, in every language
    def author_ids(self) -> str:
        return " ".join(dict.fromkeys(b.author_id for b in self.bylines if b.author_id))


@dataclass(frozen=True)
class AuthorView:
    author: Author
    name_html: str
    initials: str
    portrait: str                     # site-relative URL of the largest portrait file ("" -> initials placeholder)
    colour: str
    papers: tuple[PaperView, ...] = ()
    coauthors: tuple[CoAuthor, ...] = ()     # (author_id, joint_papers), most joint papers first
    digest: bytes = b""              # of everything above, and the co-authors' names
    papers_digest: bytes = b""       # of its papers' views (what its bibliography shows)
    bio_html: tuple[tuple[str, str], ...] = ()   # (language, HTML of the bio) for each language of the site
    picture: Picture | None = None   # the processed portrait at every size (images.py)

    @property
    def id(self) -> str:
        return self.author.id

    def bio(self, lang: str) -> str:
        return dict(self.bio_html).get(lang, "")


@dataclass(frozen=True)
class NewsView:
    """A published news item in every language: its title and body as HTML, what it links to."""

    news: News
    texts: tuple[tuple[str, str, str, str, str], ...]   # (language, title HTML, title text, body HTML, body text)
    papers: tuple[str, ...] = ()     # the published papers it links to, in its order
    people: tuple[str, ...] = ()     # the people it links to, in its order
    digest: bytes = b""              # of the entry, and the titles and names of what it links to

    @property
    def id(self) -> str:
        return self.news.id

    def _text(self, lang: str) -> tuple[str, str, str, str, str]:
        return next((t for t in self.texts if t[0] == lang), self.texts[0])

    def title_html(self, lang: str) -> str:
        return self._text(lang)[1]

    def title_text(self, lang: str) -> str:
        return self._text(lang)[2]

    def body_html(self, lang: str) -> str:
        return self._text(lang)[3]

    def body_text(self, lang: str) -> str:
        return self._text(lang)[4]


@dataclass
class Views:
    papers: dict[str, PaperView] = field(default_factory=dict)         # published only, newest first
    authors: dict[str, AuthorView] = field(default_factory=dict)       # sorted by name
    pictures: dict[str, Picture] = field(default_factory=dict)         # author id -> processed portrait
    news: dict[str, NewsView] = field(default_factory=dict)            # published only, newest first
    link_files: dict[str, Path] = field(default_factory=dict)          # files/<name> the papers link to -> source


def initials(name: str) -> str:
    words = [w for w in split_suffix(name)[0].replace("-", " ").split() if w[:1].isalpha()]   # not "Jr."
    if not words:
        return "?"
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()


def _colour(author_id: str) -> str:
    """A stable, readable hue per person for the placeholder."""
    hue = int(hashlib.sha1(author_id.encode()).hexdigest()[:4], 16) % 360
    return f"hsl({hue} 45% 38%)"


def _paper_texts(job: tuple) -> tuple:
    """The costly text of one paper (Markdown, teaser, TeX, citations): title_html, title_text,
    abstract_html, teaser_html, abstract_text, bibtex, citation_json (a plain text that is the
    field as written: None). ``job``: (paper, citation key, teaser length, page URL, digest of the paper, site URL)."""
    paper, key, teaser_length, page_url = job[:4]
    abstract_html = markup.markdown_html(paper.abstract) if paper.abstract.strip() else ""
    teaser = markup.truncate_html(abstract_html, teaser_length) if abstract_html else None
    cite = citations.Citation(key, paper, page_url, citations.pdf_url(paper, job[5]) if paper.links else "")
    abstract_text, bibtex = markup.markdown_text(paper.abstract), citations.to_bibtex(cite)
    title_text = markup.plain_text(paper.title)
    # the page's citation_title and citation_author tags (paper.html) stand in for the item's own
    data = citations.page_data(bibtex, citations.to_ris(cite), citations.csl_item(cite), abstract_text,
                               title_text, tuple(map(citations.scholar_name, paper.authors)))
    # None for a plain text that is the field as written (most titles and one-paragraph
    # abstracts): _paper_view then keeps the paper's own string, not a copy of it that came
    # back from a worker or a store. At 10,000 papers that is 15-25 MB less to hold and pickle.
    return (markup.inline_html(paper.title), None if title_text == paper.title else title_text, abstract_html,
            teaser, None if abstract_text == paper.abstract else abstract_text, bibtex, script_json(data))


# What they are made from, as bytes: compared as they are, not digested again.
TEXTS = Step("paper texts", _paper_texts,
             key=lambda job: (job[0].id, job[4] + f"\x00{job[1]}\x00{job[2]}\x00{job[3]}\x00{job[5]}".encode("utf-8", "surrogatepass")),
             read_few=True)


_TEXT_FIELDS = frozenset(("title_html", "title_text", "abstract_html", "teaser_html", "abstract_text", "bibtex",
                          "citation_json"))


def _set_texts(fields: dict, paper: Paper, texts: tuple) -> None:
    title_html, title_text, abstract_html, teaser, abstract_text, bibtex, citation_json = texts
    fields.update({"title_html": title_html, "title_text": paper.title if title_text is None else title_text,
                   "abstract_html": abstract_html, "teaser_html": teaser,
                   "abstract_text": paper.abstract if abstract_text is None else abstract_text, "bibtex": bibtex,
                   "citation_json": citation_json})


def _paper_view(job: tuple, bylines: tuple[Byline, ...], linked: bytes, results, i: int) -> PaperView:
    """The view of ``job``'s paper, its texts ``results[i]`` (read on first use unless ``results`` is a
    list); ``linked``: the digest of its bylines and the names they link to (Links.byline_digests)."""
    paper, key = job[:2]
    fields = {"paper": paper, "key": key, "bylines": bylines, "digest": fingerprint((job[1:], linked))}
    if type(results) is list:
        _set_texts(fields, paper, results[i])
    else:
        fields["_texts"] = (results, i)
    return instance(PaperView, fields)


def _name_parts(item: tuple[str, str]) -> tuple[str, str, str]:
    """What a person's name and id show on every page: (the name as HTML, initials, colour)."""
    author_id, name = item
    return markup.inline_html(name), initials(name), _colour(author_id)


NAME_PARTS = Step("name parts", _name_parts, key=lambda item: (item[0], item[1].encode("utf-8", "surrogatepass")))
_digest = operator.attrgetter("digest")


def prepare(content: Content, links: Links, origin_url, work: Work | None = None,
            pictures: dict[str, Picture] | None = None) -> tuple[Views, list[Problem]]:
    """Build the views. ``origin_url(site_relative_url)`` gives absolute URLs for citations;
    ``work`` runs the papers' texts (on every core, or from an earlier build's); ``pictures``:
    the processed portraits (images.process), by author id."""
    work = work or Work(1)
    problems: list[Problem] = []
    views = Views(pictures=dict(pictures or {}))
    published = newest_first(p for p in content.papers if p.published)
    digests = [content.digests.get(paper.path) or entry_digest(paper) for paper in published]
    keys = citations.assign_keys(published, work.map(citations.BASE_KEY, list(zip(published, digests))))
    teaser_length = max(40, int(content.site.teaser_length or 300))
    default = content.site.default_language
    site_url = origin_url("")         # the site's absolute root, for its files in citations ("" if unknown)
    jobs = [(paper, keys[paper.id], teaser_length, origin_url(f"{default}/papers/{paper.id}/"), digest, site_url)
            for paper, digest in zip(published, digests)]
    root = Path(content.root)
    texts = work.map(TEXTS, jobs, lazy=True)
    for i, job in enumerate(jobs):
        paper = job[0]
        view = views.papers[paper.id] = _paper_view(job, links.bylines[paper.id], links.byline_digests[paper.id],
                                                    texts, i)
        # no dollar, no math (markup.math_spans): nothing to warn about, and its texts not read
        for name, html in (("title", view.title_html), ("abstract", view.abstract_html)) \
                if "$" in paper.title or "$" in paper.abstract else ():
            for tex in markup.unread_math(html):
                problems.append(Problem(paper.path, content.lines.get(paper.path, {}).get(name, 0),
                                        f"math in the {name} that cannot be rendered, shown as TeX: '{tex}'", WARNING,
                                        "check the TeX between the dollars; write a literal dollar as \\$"))
        for link in paper.links:
            if link.is_file:            # checked by the loader: a file inside content/files/
                views.link_files[link.target] = root / link.target

    people = sorted(content.authors, key=lambda a: (cached_name_key(a.name), a.id))
    parts = work.map(NAME_PARTS, [(a.id, a.name) for a in people])
    for author, (name_html, initials_text, colour) in zip(people, parts):
        picture = views.pictures.get(author.id)
        portrait = picture.largest if picture else ""
        files = tuple(sorted(picture.files)) if picture else ()      # content-hashed names
        papers = tuple(map(views.papers.__getitem__, links.papers_of.get(author.id, ())))
        coauthors = links.coauthors_of.get(author.id, ())
        papers_digest = fingerprint(b"".join(map(_digest, papers)))
        digest = fingerprint((content.digests.get(author.path) or entry_digest(author), files, papers_digest,
                              links.coauthor_digests.get(author.id, b"")))
        bio_html = tuple((lang, markup.markdown_html(localized(author.bio, lang, default)))
                         for lang in content.site.languages) if author.bio else ()
        views.authors[author.id] = instance(AuthorView, {
            "author": author, "name_html": name_html, "initials": initials_text, "portrait": portrait,
            "colour": colour, "papers": papers, "coauthors": coauthors, "digest": digest, "bio_html": bio_html,
            "picture": picture, "papers_digest": papers_digest})
    views.news = news_views(content, views)
    return views, problems


def news_views(content: Content, views: Views) -> dict[str, NewsView]:
    """The published news items, newest first (by date, then id), each in every language."""
    default = content.site.default_language
    out: dict[str, NewsView] = {}
    published = sorted((n for n in content.news if n.published), key=lambda n: (n.date, n.id), reverse=True)
    for item in published:
        texts = []
        for lang in content.site.languages:
            title = localized(item.title, lang, default)
            body = localized(item.body, lang, default)
            texts.append((lang, markup.inline_html(title), markup.plain_text(title),
                          markup.markdown_html(body) if body.strip() else "", markup.plain_text(body)))
        papers = tuple(pid for pid in item.papers if pid in views.papers)
        people = tuple(aid for aid in item.people if aid in views.authors)
        digest = fingerprint((content.digests.get(item.path) or entry_digest(item), tuple(texts),
                              tuple(views.papers[pid].digest for pid in papers),
                              tuple((aid, views.authors[aid].author.name) for aid in people)))
        out[item.id] = NewsView(item, tuple(texts), papers, people, digest)
    return out
