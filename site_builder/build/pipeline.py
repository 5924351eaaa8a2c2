"""`build`: content/ -> a complete static site in output/.

Reads top to bottom: load -> check ids -> link authors -> prepare views ->
plan pages -> render into a staging folder -> swap it in (or, after a small
edit, update the previous output in place once everything is rendered). Any
error before that leaves the previous output/ byte-for-byte as it was.
"""
from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import TemplateError

from .. import parallel
from ..incremental import cache, patch
from . import linking, loader, pages, render, views, writer
from .compose import Composer, static_files
from .. import settings
from ..errors import BuildError, ContentError, Problem
from .loader import load_content
from ..progress import Reporter


@dataclass
class BuildResult:
    pages: int = 0
    bytes: int = 0
    seconds: float = 0.0
    warnings: list[Problem] = field(default_factory=list)
    files: int = 0
    out_dir: str = ""
    patched: bool = False        # made by patching the previous output (patch.py), not a full build


def build(run: settings.Settings, reporter: Reporter | None = None) -> BuildResult:
    return build_site(run.content, run.out, base_url=run.base_url, reporter=reporter, jobs=run.jobs,
                      use_cache=run.incremental, strict=run.strict)


def build_site(content_dir, out_dir, *, base_url: str | None = None, reporter: Reporter | None = None,
               jobs: int = 0, use_cache: bool = True, strict: bool = False) -> BuildResult:
    """Build the site; raise ContentError/BuildError (and write nothing) on any user error.

    ``jobs``: worker processes for the pages (0: one per core; small sites use
    one). ``use_cache``: reuse unchanged pages of the previous output (cache.py).
    """
    reporter = reporter or Reporter(quiet=True)
    started = time.perf_counter()
    content_dir, out_dir = Path(content_dir), Path(out_dir)

    code_fp = cache.code_fingerprint(render.TEMPLATES)
    reuse = use_cache and (out_dir / writer.MARKER).is_file()
    run_inputs = patch.inputs(code_fp, content_dir, base_url)
    if reuse:     # only papers edited since the last full build: patch its output
        try:
            quick = patch.build(content_dir, out_dir, run_inputs, strict)
        except patch.NeedsFullBuild as reason:
            reporter.detail(f"full build: {reason}")
        else:
            reporter.detail(f"patched the previous build: {quick.written} files written or deleted")
            return BuildResult(pages=quick.pages, bytes=quick.bytes, seconds=time.perf_counter() - started,
                               warnings=quick.warnings, files=quick.files, out_dir=str(out_dir), patched=True)
    # What the previous build made from each unchanged input; only when updating that build.
    memo = cache.load_memo(out_dir, code_fp) if reuse else cache.load_memo(out_dir, "")
    before_loading = (time.time_ns(), patch.listing(content_dir))      # what the saved state will describe

    content, problems = load_content(content_dir, jobs, memo)
    problems = list(problems) + pages.unsafe_ids(content)
    errors = [p for p in problems if p.is_error]
    if errors:
        raise ContentError(problems=errors)
    warnings = load_warnings = [p for p in problems if not p.is_error]

    urls = settings.resolve(content_dir, out_dir, base_url=base_url).urls
    content = dataclasses.replace(content, site=dataclasses.replace(content.site, base_url=urls.base))
    links, link_problems = linking.link(content, memo.get("loaded", {}).get("author_lines"))
    prepared, view_problems = views.prepare(content, links, urls.citable, jobs, memo["texts"])
    warnings = warnings + link_problems + view_problems       # (load_warnings stays the loader's)
    if strict and warnings:
        raise ContentError(problems=warnings)
    planned = pages.plan(content)
    strings = render.load_strings(content.site.languages)
    composer = Composer(content, prepared, urls, strings, render.make_environment(compiled=cache.compiled_templates(out_dir)))
    composer.search_memo = memo["search"]
    reporter.detail(f"{len(prepared.papers)} published papers, {len(prepared.authors)} authors, "
                    f"{len(planned)} pages")

    global_fp = cache.global_fingerprint(render.TEMPLATES, content.site, urls)
    paper_fp = cache.paper_fingerprints(prepared)
    fingerprints = cache.page_fingerprints(planned, prepared, paper_fp)
    if memo["globals"] != global_fp:       # entries show UI strings and site settings
        memo["entries"] = {}
    entries_memo = (memo["entries"], paper_fp)
    writer.check_destination(out_dir, content_dir)
    overlay = patch.load_overlay(out_dir)
    previous = patch.apply_overlay(cache.load(out_dir, global_fp) if reuse else None, overlay)
    if overlay is not None and (overlay.pages or overlay.files or not overlay.complete):
        cache.forget(out_dir)     # the manifest alone does not describe the output: if this build stops, start afresh
    patch.forget(out_dir)
    build_id = patch.new_id()
    old_pages, old_files = previous or ({}, {})
    unchanged = cache.unchanged_pages(old_pages, out_dir, fingerprints)
    reporter.detail(f"{len(unchanged)} unchanged pages, {len(planned) - len(unchanged)} to render")

    def meanwhile(out: writer.Writer) -> None:
        """While workers render pages: the other files."""
        write_other_files(composer, prepared, planned, out)

    if previous is not None and len(planned) - len(unchanged) <= IN_PLACE_MAX_PAGES:
        out = update_in_place(composer, planned, unchanged, out_dir, previous, jobs, reporter, entries_memo,
                              meanwhile)
    else:
        out = build_in_staging(composer, planned, unchanged, out_dir, jobs, reporter, entries_memo, meanwhile)
    # After the pages, not beside them: pickling a million objects while the workers still hold
    # their pages would raise the build's peak memory. (The memo describes inputs only: saving it
    # before the output is complete is safe.)
    cache.save_memo(out_dir, code_fp, memo, {
        "files": memo["used"], "texts": memo["texts"], "entries": memo["entries"], "search": memo["search"],
        "checks": memo["checks"], "globals": global_fp})
    save_state(build_id, run_inputs, content_dir, out_dir, composer, links, planned, paper_fp,
               fingerprints, memo, dict(out.files), (load_warnings, link_problems, view_problems), before_loading)
    cache.save(out_dir, global_fp, fingerprints, {**unchanged, **out.page_sizes}, out.files, build_id)
    result = BuildResult(pages=out.pages, bytes=out.bytes, seconds=time.perf_counter() - started,
                         warnings=warnings, files=len(out.written), out_dir=str(out_dir))
    patch.seal(out_dir, build_id, result.bytes, result.files, result.pages)
    return result


def save_state(build_id, run_inputs, content_dir, out_dir, composer, links, planned, paper_fp,
               fingerprints, memo, other_files, warnings, before_loading) -> None:
    """What a later build needs to patch this one after a few papers are edited (patch.py)."""
    content, prepared, urls, entries = composer.content, composer.views, composer.urls, memo["entries"]
    missing = sum((lang, False, paper_fp[pid]) not in entries for lang in content.site.languages for pid in prepared.papers)
    if "loaded" not in memo or missing > max(100, len(prepared.papers) // 20):
        return         # a patch would render the list entries: a full build is as quick
    if missing:        # the few that patches made since the list was last rendered here
        composer.prepare_entries([page for page in planned if page.kind == "list"], 1, entries, paper_fp)
    patch.save(out_dir, patch.State(
        id=build_id, inputs=run_inputs,
        signatures=patch.signatures(content_dir, content, memo["used"], prepared, before_loading[0]),
        listing=before_loading[1], content=content, links=links, views=prepared, urls=urls,
        owners=linking.name_owners(content.authors), by_name=linking.name_order(content.authors),
        paper_fp=paper_fp, fingerprints=fingerprints, other_files=other_files, entries=memo["entries"],
        search=memo["search"], duplicates_memo=memo["checks"].get("duplicates", {}), loaded=memo["loaded"],
        title_keys={p.title: loader.title_key(p.title) for p in content.papers},
        strings={lang: dict(strings) for lang, strings in composer.strings.items()},
        coauthor_items=composer.coauthor_items(), list_layout=patch.list_layout(prepared), warnings=warnings))


# An edit touches a paper, its authors and the lists: a few pages. Past this many, a fresh
# folder (all cores, hard links for the rest) is quicker than a careful update in place.
IN_PLACE_MAX_PAGES = 2000


def update_in_place(composer: Composer, planned: list[pages.Page], unchanged: dict[str, int], out_dir: Path,
                    previous: tuple[dict, dict], jobs: int, reporter: Reporter, entries_memo: tuple[dict, dict],
                    meanwhile) -> writer.Writer:
    """Render what changed in memory, then write only the files whose bytes changed and delete
    the ones no longer made: a one-paper edit costs a few writes, not a new 60,000-file tree."""
    old_pages, old_files = previous
    out = writer.Writer(out_dir, previous_files=old_files)
    to_render = [page for page in planned if page.output_path not in unchanged]
    out.claim_all([page.output_path for page in planned])
    out.bytes += sum(unchanged.values())
    composer.prepare_entries(to_render, jobs, *entries_memo)
    render_pages(composer, to_render, out, 1, reporter, meanwhile=lambda: meanwhile(out))   # held in memory until commit
    cache.forget(out_dir)         # a crash while committing leaves no cache: the next build is a full one
    changed = out.commit([*old_pages, *old_files])
    reporter.detail(f"updated in place: {changed} files written or deleted")
    return out


def build_in_staging(composer: Composer, planned: list[pages.Page], unchanged: dict[str, int], out_dir: Path,
                     jobs: int, reporter: Reporter, entries_memo: tuple[dict, dict], meanwhile) -> writer.Writer:
    """Build a complete new tree beside the output (unchanged pages hard-linked), then swap it in."""
    staging = writer.staging_folder(out_dir)
    try:
        out = writer.Writer(staging)
        to_render = []
        out.claim_all([page.output_path for page in planned])      # collisions are found here, before any work
        for page in planned:
            if page.output_path in unchanged and cache.reuse(out_dir, staging, page.output_path):
                out.bytes += unchanged[page.output_path]
            else:
                to_render.append(page)
        composer.prepare_entries(to_render, jobs, *entries_memo)
        render_pages(composer, to_render, out, jobs, reporter, meanwhile=lambda: meanwhile(out))
        writer.swap_in(staging, out_dir)
    except BaseException:
        writer.discard(staging)
        raise
    return out


PARALLEL_MIN_PAGES = 500       # below this, starting workers costs more than it saves (benchmarks/README.md)
_worker_state: tuple[Composer, Path] | None = None


def _render_chunk(chunk: list[pages.Page]) -> list[tuple[str, int]]:
    composer, root = _worker_state
    return [(page.output_path, writer.fill(root, page.output_path, composer.page(page))) for page in chunk]


def write_other_files(composer: Composer, prepared: views.Views, planned: list[pages.Page],
                      out: writer.Writer) -> None:
    """Feeds, search index, citations, assets, portraits, sitemap and the files hosts look for."""
    for lang in composer.site.languages:
        out.write(f"{lang}/feed.xml", composer.feed(lang))
        for rel, data in sorted(composer.search_files(lang).items()):
            out.write(f"{lang}/{rel}", data)
    for rel, data in composer.citation_files():
        out.write(rel, data)
    for rel, source in static_files(render.TEMPLATES):
        out.write(rel, source.read_bytes())
    for rel, source in sorted(prepared.portrait_files.items()):
        out.copy(rel, source)
    out.write("sitemap.xml", composer.sitemap(planned))
    out.write("robots.txt", composer.robots())
    out.write(".nojekyll", b"")
    out.write(writer.MARKER, writer.MARKER_TEXT)


def render_pages(composer: Composer, planned: list[pages.Page], out: writer.Writer, jobs: int,
                 reporter: Reporter, meanwhile=lambda: None) -> None:
    """Render pages into paths ``out`` has claimed, and call ``meanwhile()`` (the other files).

    With N cores, N - 1 forked workers share the prepared views for free and
    render pages while this process does ``meanwhile()`` (the search index,
    bundles); then this process renders the batches no worker has
    started. N processes for N cores: none waits for a core, and one fewer copy
    of the touched memory than N workers beside an idle parent.
    """
    workers = parallel.workers(jobs)
    if workers <= 1 or len(planned) < PARALLEL_MIN_PAGES or not parallel.can_fork():
        for page in reporter.progress(planned, len(planned), "pages"):
            out.fill(page.output_path, composer.page(page))
        meanwhile()
        return
    global _worker_state
    _worker_state = (composer, out.root)
    chunks = [planned[i::workers * 8] for i in range(workers * 8)]   # interleaved: even work
    try:
        with parallel.pool(workers - 1) as pool:
            futures = [pool.submit(_render_chunk, chunk) for chunk in chunks]
            meanwhile()
            done_here = {}        # batch number -> what this process wrote for it
            for number in reversed(range(len(chunks))):      # the workers take from the front
                if futures[number].cancel():
                    done_here[number] = _render_chunk(chunks[number])
            for number in reporter.progress(range(len(chunks)), len(chunks), "page batches", min_total=0):
                written = done_here[number] if number in done_here else futures[number].result()
                out.page_sizes.update(written)
                out.bytes += sum(size for _, size in written)
    finally:
        _worker_state = None


def main(args) -> int:
    reporter = Reporter(quiet=getattr(args, "quiet", False), verbose=getattr(args, "verbose", False))
    try:
        result = build_site(args.content, args.out, base_url=args.base_url, reporter=reporter,
                            jobs=args.jobs, use_cache=not args.no_cache, strict=args.strict)
    except TemplateError as exc:   # the previous output is intact: nothing was swapped in
        raise BuildError(problems=[render.template_problem(exc)]) from None
    for problem in result.warnings:
        reporter.problem(problem.format())
    warned = f", {len(result.warnings)} warning(s)" if result.warnings else ""
    reporter.info(f"built {result.pages} pages ({result.files} files, {result.bytes / 1e6:.1f} MB) "
                  f"in {result.out_dir} in {result.seconds:.2f}s{warned}")
    return 0
