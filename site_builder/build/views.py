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
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from . import citations, markup
from ..errors import WARNING, Problem
from .linking import Byline, CoAuthor, Links, cached_name_key, newest_first
from .work import Step, Work, entry_digest, fingerprint
from ..model import Author, Content, Paper, instance
from ..schema import ACTIVE_SVG, EXTRA_LINKS
from ..text import script_json

PORTRAIT_TYPES = {".jpg": ".jpg", ".jpeg": ".jpg", ".png": ".png", ".webp": ".webp",
                  ".gif": ".gif", ".avif": ".avif", ".svg": ".svg"}


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
    citation_json: str = ""          # what site.js needs for the RIS/CSL-JSON downloads (citations.page_data)
    digest: bytes = b""              # of everything above, and the names of the people it links to

    @property
    def id(self) -> str:
        return self.paper.id

    @property
    def hidden_authors(self) -> int:
        """Authors known only by count (the dump said "and N more")."""
        count = self.paper.author_count or 0
        return max(0, count - len(self.bylines))


    @property
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

    @property
    def author_ids(self) -> str:
        return " ".join(dict.fromkeys(b.author_id for b in self.bylines if b.author_id))


@dataclass(frozen=True)
class AuthorView:
    author: Author
    name_html: str
    initials: str
    portrait: str                     # site-relative URL of the picture ("" -> initials placeholder)
    colour: str
    papers: tuple[PaperView, ...] = ()
    coauthors: tuple[CoAuthor, ...] = ()     # (author_id, joint_papers), most joint papers first
    digest: bytes = b""              # of everything above, and the co-authors' names

    @property
    def id(self) -> str:
        return self.author.id


@dataclass
class Views:
    papers: dict[str, PaperView] = field(default_factory=dict)         # published only, newest first
    authors: dict[str, AuthorView] = field(default_factory=dict)       # sorted by name
    portrait_files: dict[str, Path] = field(default_factory=dict)      # output path -> source file
    link_files: dict[str, Path] = field(default_factory=dict)          # files/<name> the papers link to -> source


def initials(name: str) -> str:
    words = [w for w in name.replace("-", " ").split() if w[:1].isalpha()]
    if not words:
        return "?"
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()


def _colour(author_id: str) -> str:
    """A stable, readable hue per person for the placeholder."""
    hue = int(hashlib.sha1(author_id.encode()).hexdigest()[:4], 16) % 360
    return f"hsl({hue} 45% 38%)"


def _portrait_source(content: Content, author: Author) -> tuple[Path | None, Problem | None]:
    where = author.path or f"authors/{author.id}.yaml"
    raw = author.portrait.strip()
    if not raw:
        return None, None
    if "://" in raw or raw.startswith("//") or raw.startswith("data:"):
        return None, Problem(where, 0, f"portrait {raw!r} is not a file in content/; using the placeholder",
                             WARNING, "nothing may be loaded from another site: save the picture in content/")
    root = Path(content.root).resolve()
    candidates = [root / raw]
    if author.path:
        candidates.append(Path(author.path).resolve().parent / raw)
    for candidate in candidates:
        try:
            resolved = candidate.resolve()
        except OSError:
            continue
        if not resolved.is_relative_to(root):
            return None, Problem(where, 0, f"portrait {raw!r} is outside content/; using the placeholder", WARNING)
        if resolved.is_file():
            if resolved.suffix.lower() not in PORTRAIT_TYPES:
                return None, Problem(where, 0, f"portrait {raw!r} is not an image type browsers show "
                                     f"({', '.join(sorted(PORTRAIT_TYPES))}); using the placeholder", WARNING)
            if resolved.suffix.lower() == ".svg" and ACTIVE_SVG.search(resolved.read_bytes()):
                return None, None       # never published; the loader already warned, with the line
            return resolved, None
    return None, Problem(where, 0, f"portrait {raw!r} not found; using the placeholder", WARNING)


def _paper_texts(job: tuple) -> tuple:
    """The costly text of one paper (Markdown, teaser, TeX, citations): title_html, title_text,
    abstract_html, teaser_html, abstract_text, bibtex, citation_json (a plain text that is the
    field as written: None). ``job``: (paper, citation key, teaser length, page URL, digest of the paper, site URL)."""
    paper, key, teaser_length, page_url = job[:4]
    abstract_html = markup.markdown_html(paper.abstract) if paper.abstract.strip() else ""
    teaser = markup.truncate_html(abstract_html, teaser_length) if abstract_html else None
    cite = citations.Citation(key, paper, page_url, citations.pdf_url(paper, job[5]) if paper.links else "")
    abstract_text, bibtex = markup.markdown_text(paper.abstract), citations.to_bibtex(cite)
    data = citations.page_data(bibtex, citations.to_ris(cite), citations.csl_item(cite), abstract_text)
    title_text = markup.plain_text(paper.title)
    # None for a plain text that is the field as written (most titles and one-paragraph
    # abstracts): _paper_view then keeps the paper's own string, not a copy of it that came
    # back from a worker or a store. At 10,000 papers that is 15-25 MB less to hold and pickle.
    return (markup.inline_html(paper.title), None if title_text == paper.title else title_text, abstract_html,
            teaser, None if abstract_text == paper.abstract else abstract_text, bibtex, script_json(data))


# What they are made from, as bytes: compared as they are, not digested again.
TEXTS = Step("paper texts", _paper_texts,
             key=lambda job: (job[0].id, job[4] + f"\x00{job[1]}\x00{job[2]}\x00{job[3]}\x00{job[5]}".encode("utf-8", "surrogatepass")))


def _paper_view(job: tuple, bylines: tuple[Byline, ...], names: dict[str, str], texts: tuple) -> PaperView:
    paper, key = job[:2]
    title_html, title_text, abstract_html, teaser, abstract_text, bibtex, citation_json = texts
    title_text = paper.title if title_text is None else title_text
    abstract_text = paper.abstract if abstract_text is None else abstract_text
    ids = tuple(map(_second, bylines))
    linked = (tuple(map(_first, bylines)), ids, tuple(map(names.get, ids)))
    return instance(PaperView, {
        "paper": paper, "key": key, "title_html": title_html, "title_text": title_text, "bylines": bylines,
        "abstract_html": abstract_html, "teaser_html": teaser, "abstract_text": abstract_text, "bibtex": bibtex,
        "citation_json": citation_json, "digest": fingerprint((job[1:], linked))})


def _name_parts(item: tuple[str, str]) -> tuple[str, str, str]:
    """What a person's name and id show on every page: (the name as HTML, initials, colour)."""
    author_id, name = item
    return markup.inline_html(name), initials(name), _colour(author_id)


NAME_PARTS = Step("name parts", _name_parts, key=lambda item: (item[0], item[1].encode("utf-8", "surrogatepass")))
_first, _second, _digest = operator.itemgetter(0), operator.itemgetter(1), operator.attrgetter("digest")


def prepare(content: Content, links: Links, origin_url, work: Work | None = None) -> tuple[Views, list[Problem]]:
    """Build the views. ``origin_url(site_relative_url)`` gives absolute URLs for citations;
    ``work`` runs the papers' texts (on every core, or from an earlier build's)."""
    work = work or Work(1)
    problems: list[Problem] = []
    views = Views()
    published = newest_first(p for p in content.papers if p.published)
    digests = [content.digests.get(paper.path) or entry_digest(paper) for paper in published]
    keys = citations.assign_keys(published, work.map(citations.BASE_KEY, list(zip(published, digests))))
    teaser_length = max(40, int(content.site.teaser_length or 300))
    default = content.site.default_language
    site_url = origin_url("")         # the site's absolute root, for its files in citations ("" if unknown)
    jobs = [(paper, keys[paper.id], teaser_length, origin_url(f"{default}/papers/{paper.id}/"), digest, site_url)
            for paper, digest in zip(published, digests)]
    names = {a.id: a.name for a in content.authors}
    root = Path(content.root)
    for job, texts in zip(jobs, work.map(TEXTS, jobs)):
        paper = job[0]
        view = views.papers[paper.id] = _paper_view(job, links.bylines[paper.id], names, texts)
        for name, html in (("title", view.title_html), ("abstract", view.abstract_html)):
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
        source, problem = _portrait_source(content, author)
        if problem:
            problems.append(problem)
        portrait = ""
        if source is not None:
            portrait = posixpath.join("static", "portraits", author.id + PORTRAIT_TYPES[source.suffix.lower()])
            views.portrait_files[portrait] = source
        papers = tuple(map(views.papers.__getitem__, links.papers_of.get(author.id, ())))
        coauthors = links.coauthors_of.get(author.id, ())
        ids = tuple(map(_first, coauthors))
        digest = fingerprint((content.digests.get(author.path) or entry_digest(author), portrait, tuple(map(_digest, papers)),
                              ids, tuple(map(_second, coauthors)), tuple(map(names.__getitem__, ids))))
        views.authors[author.id] = instance(AuthorView, {
            "author": author, "name_html": name_html, "initials": initials_text, "portrait": portrait,
            "colour": colour, "papers": papers, "coauthors": coauthors, "digest": digest})
    return views, problems
