"""What each paper and author shows, computed once for every language.

Markdown, TeX, teasers and BibTeX cost the most; doing them here, once per
paper, keeps the per-language rendering a cheap template fill.
"""
from __future__ import annotations

import dataclasses
import hashlib
import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from .. import parallel
from . import citations, markup
from ..errors import WARNING, Problem
from .linking import Byline, CoAuthor, Links, cached_name_key, newest_first
from ..model import Author, Content, Paper
from ..schema import ACTIVE_SVG
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
    digest: bytes = b""              # of everything the texts above are made from (cache.py's fingerprints)

    @property
    def id(self) -> str:
        return self.paper.id

    @property
    def hidden_authors(self) -> int:
        """Authors known only by count (the dump said "and N more")."""
        count = self.paper.author_count or 0
        return max(0, count - len(self.bylines))


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

    @property
    def id(self) -> str:
        return self.author.id


@dataclass
class Views:
    papers: dict[str, PaperView] = field(default_factory=dict)         # published only, newest first
    authors: dict[str, AuthorView] = field(default_factory=dict)       # sorted by name
    portrait_files: dict[str, Path] = field(default_factory=dict)      # output path -> source file
    base_keys: dict = field(default_factory=dict)     # paper id -> (paper, its base citation key): see citations.assign_keys


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


def _paper_texts(job: tuple[Paper, str, int, str]) -> tuple:
    """The costly text of one paper (Markdown, teaser, TeX, citations): title_html, title_text,
    abstract_html, teaser_html, abstract_text, bibtex, citation_json (a plain text that is the
    field as written: None)."""
    paper, key, teaser_length, page_url = job
    abstract_html = markup.markdown_html(paper.abstract) if paper.abstract.strip() else ""
    teaser = markup.truncate_html(abstract_html, teaser_length) if abstract_html else None
    cite = citations.Citation(key, paper, page_url)
    abstract_text, bibtex = markup.plain_text(paper.abstract), citations.to_bibtex(cite)
    data = citations.page_data(bibtex, citations.to_ris(cite), citations.csl_item(cite), abstract_text)
    title_text = markup.plain_text(paper.title)
    # None for a plain text that is the field as written (most titles and one-paragraph
    # abstracts): _paper_view then keeps the paper's own string, not a copy of it that came
    # back from a worker. At 10,000 papers that is 15-25 MB less to hold, send and pickle.
    return (markup.inline_html(paper.title), None if title_text == paper.title else title_text, abstract_html,
            teaser, None if abstract_text == paper.abstract else abstract_text, bibtex, script_json(data))


def _job_digest(job: tuple) -> bytes:
    return hashlib.blake2b(repr(job).encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _texts(work: list[tuple], jobs: int, memo: dict | None) -> tuple[list[bytes], list[tuple]]:
    """(digest of each job, its texts)."""
    keys = [_job_digest(job) for job in work]
    if memo is None:
        return keys, parallel.map_items(_paper_texts, work, jobs)
    missing = [i for i, key in enumerate(keys) if key not in memo]
    for i, texts in zip(missing, parallel.map_items(_paper_texts, [work[i] for i in missing], jobs)):
        memo[keys[i]] = texts
    texts = [memo[key] for key in keys]
    memo.clear()
    memo.update(zip(keys, texts))
    return keys, texts


def _paper_job(content: Content, paper: Paper, key: str, origin_url) -> tuple:
    return (paper, key, max(40, int(content.site.teaser_length or 300)),
            origin_url(f"{content.site.default_language}/papers/{paper.id}/"))


def _paper_view(paper: Paper, key: str, bylines: tuple[Byline, ...], digest: bytes, texts: tuple) -> PaperView:
    title_html, title_text, abstract_html, teaser, abstract_text, bibtex, citation_json = texts
    title_text = paper.title if title_text is None else title_text
    abstract_text = paper.abstract if abstract_text is None else abstract_text
    return PaperView(paper=paper, key=key, title_html=title_html, title_text=title_text, bylines=bylines,
                     abstract_html=abstract_html, teaser_html=teaser, abstract_text=abstract_text, bibtex=bibtex,
                     citation_json=citation_json, digest=digest)


def prepare(content: Content, links: Links, origin_url, jobs: int = 1,
            memo: dict | None = None) -> tuple[Views, list[Problem]]:
    """Build the views. ``origin_url(site_relative_url)`` gives absolute URLs for citations;
    ``jobs`` > 1 (0: all cores) shares the papers' text among processes. ``memo`` (digest of
    a paper's inputs -> its texts, from the previous build) is used, then left holding this build's."""
    problems: list[Problem] = []
    views = Views()
    published = newest_first(p for p in content.papers if p.published)
    keys = citations.assign_keys(published, views.base_keys)
    work = [_paper_job(content, paper, keys[paper.id], origin_url) for paper in published]
    for paper, digest, texts in zip(published, *_texts(work, jobs, memo)):
        views.papers[paper.id] = _paper_view(paper, keys[paper.id], links.bylines[paper.id], digest, texts)

    for author in sorted(content.authors, key=lambda a: (cached_name_key(a.name), a.id)):
        source, problem = _portrait_source(content, author)
        if problem:
            problems.append(problem)
        portrait = ""
        if source is not None:
            portrait = posixpath.join("static", "portraits", author.id + PORTRAIT_TYPES[source.suffix.lower()])
            views.portrait_files[portrait] = source
        views.authors[author.id] = AuthorView(
            author=author, name_html=markup.inline_html(author.name), initials=initials(author.name),
            portrait=portrait, colour=_colour(author.id),
            papers=tuple(views.papers[pid] for pid in links.papers_of.get(author.id, ())),
            coauthors=links.coauthors_of.get(author.id, ()))
    return views, problems


def revise(views: Views, content: Content, links: Links, edited: set[str], people: set[str],
           origin_url) -> tuple[Views, set[str], set[str]]:
    """``views`` after the published papers ``edited`` changed or appeared (and any others went),
    with ``links`` already revised and ``people`` the authors whose papers or co-authors may have
    changed (the people as they were): (the new views, the papers whose views changed, counting
    those whose citation key moved, and the people whose views changed)."""
    papers = {p.id: p for p in content.papers if p.published}
    old = views.papers
    redo = set(edited)
    keys = {pid: pv.key for pid, pv in old.items() if pid in papers}
    moved = len(keys) != len(papers) or len(keys) != len(old) or any(
        pid in old and papers[pid].date != old[pid].paper.date for pid in edited)
    if moved or any(pid not in old or citations.base_key(papers[pid]) != citations.base_key(old[pid].paper)
                    for pid in edited):
        keys = citations.assign_keys(newest_first(papers.values()), views.base_keys)
        redo |= {pid for pid, key in keys.items() if pid in old and old[pid].key != key}
    fresh = {}
    for pid in sorted(redo):
        job = _paper_job(content, papers[pid], keys[pid], origin_url)
        fresh[pid] = _paper_view(papers[pid], keys[pid], links.bylines[pid], _job_digest(job), _paper_texts(job))
    order = [p.id for p in newest_first(papers.values())] if moved else old
    revised = Views(papers={pid: fresh.get(pid) or old[pid] for pid in order},
                    authors=dict(views.authors), portrait_files=views.portrait_files, base_keys=views.base_keys)
    people = set(people)
    for pid in redo:
        people |= {b.author_id for b in revised.papers[pid].bylines if b.author_id}
    for aid in people:
        revised.authors[aid] = dataclasses.replace(
            views.authors[aid], papers=tuple(revised.papers[pid] for pid in links.papers_of.get(aid, ())),
            coauthors=links.coauthors_of.get(aid, ()))
    return revised, redo, people
