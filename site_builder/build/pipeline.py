"""`build`: content/ -> a complete static site in output/.

One straight sequence of stages, each a module that takes plain data and
returns plain data: read the entries -> check them across files -> decode and
size the portraits -> link names to people -> prepare the views -> plan every
output -> make the outputs -> publish them. Any error before publishing leaves
the previous output/ byte-for-byte as it was.

``work`` (work.py) runs the stages' per-item steps and says which outputs to
make: by default all of them. The incremental engine (site_builder/incremental/)
is a Work that answers from earlier builds and makes only what changed. What
``work.soon`` starts (the checks across files, the search index) is used later:
the engine makes it meanwhile, beside the stages in between.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import TemplateError

from . import checks, compose, images, kinds, linking, loader, render, search, views, writer
from .. import collector
from ..errors import BuildError, ContentError, Problem, environment_problem
from ..progress import Reporter
from ..settings import Settings, resolve
from .work import Work


@dataclass
class BuildResult:
    pages: int = 0
    bytes: int = 0
    seconds: float = 0.0
    warnings: list[Problem] = field(default_factory=list)
    files: int = 0
    out_dir: str = ""
    outputs: int = 0             # every page and other output (one search index a language...)
    made: int = 0                # the outputs this build made (the others were up to date)


@collector.paused()
def build(settings: Settings, work: Work | None = None, reporter: Reporter | None = None) -> BuildResult:
    """Build the site; raise ContentError/BuildError (and write nothing) on any user error."""
    work = work or Work(settings.jobs)
    reporter = reporter or Reporter(quiet=True)
    started = time.perf_counter()

    loaded = loader.load(settings, work)
    content = loaded.content            # the valid entries: linked and viewed while the checks run
    checked = work.soon(checks.across_files, loaded, work)
    pictures, picture_problems = images.process(content, work)     # every portrait decoded
    problems = loaded.problems + picture_problems
    if any(p.is_error for p in problems):       # an entry's own error: reported at once, with all the others
        _stop_on_errors(problems + checked())
    links, link_warnings = linking.link(content, work)
    search_index = work.soon(search.build_index, content, work, links.names)     # needed last
    prepared, view_warnings = views.prepare(content, links, settings.urls.citable, work, pictures)
    problems = sorted(problems + checked())
    _stop_on_errors(problems)
    warnings = problems + link_warnings + view_warnings
    if settings.strict and warnings:
        raise ContentError(problems=warnings)

    strings = render.load_strings(content.site.languages, settings.templates)
    env = render.make_environment(settings.templates, compiled=work.compiled_templates)
    composer = compose.Composer(content, prepared, settings.urls, strings, env, work, settings.templates,
                                search_index)
    planned = kinds.plan(composer)
    reporter.detail(f"{len(prepared.papers)} published papers, {len(prepared.authors)} authors, {len(planned)} outputs")
    reuse = work.outdated(planned, lambda page: kinds.shows(composer, page))

    composer.prepare(reuse.make, lambda page: kinds.fragments(composer, page))
    output = None
    try:
        writer.check_destination(settings.out, settings.content)
        output = writer.Output(settings.out, reuse.keep, reuse.drop, making=len(reuse.make))
        with output as out:
            files = compose.make(composer, reuse.make, lambda page: kinds.make(composer, page), kinds.is_html, out,
                                 settings.jobs, reporter, work.steps_done)
    except OSError as exc:      # the disk is full, the folder is not writable...: the machine's, not the content's
        unchanged = "the previous site is unchanged" if output is None or not output.touched else \
            "the site is partly updated: build again once this is fixed"
        raise BuildError(problems=[_write_problem(exc, settings.out, unchanged)]) from None
    try:
        work.made(planned, files, settings.out, out.stamps)
    except OSError as exc:      # the site is published; what the next build would reuse is not recorded
        reporter.problem(_write_problem(exc, settings.out, "the site is built, but the next build makes it all "
                                                           "again").format())
    if out.in_place:
        reporter.detail(f"updated in place: {out.changed} files written or deleted")
    return BuildResult(pages=sum(rel.endswith(".html") for rel in out.files), bytes=sum(out.files.values()),
                       seconds=time.perf_counter() - started, warnings=warnings, files=len(out.files),
                       out_dir=str(settings.out), outputs=len(planned), made=len(reuse.make))


def _stop_on_errors(problems: list[Problem]) -> None:
    errors = sorted(p for p in problems if p.is_error)
    if errors:
        raise ContentError(problems=errors)


def _write_problem(exc: OSError, out: Path, unchanged: str = "the previous site is unchanged") -> Problem:
    """Where the failure happened, as the editor knows it: the output folder (not the staging
    folder beside it), or the folder that could not be written to."""
    absolute = Path(os.path.abspath(out))
    where = Path(os.path.abspath(exc.filename)) if exc.filename else absolute
    staging = [p for p in (where, *where.parents) if p.parent == absolute.parent and p.name.startswith(f".{out.name}.")]
    if staging:
        # making the staging folder itself: the folder that holds the site; a file inside it: the site
        shown = absolute.parent if staging[0] == where else out
    elif where == absolute or absolute in where.parents:
        shown = out
    else:
        shown = exc.filename
    return environment_problem(exc, shown, "cannot write the site", unchanged)


def build_site(content_dir, out_dir, *, base_url: str | None = None, reporter: Reporter | None = None,
               jobs: int = 0, use_cache: bool = True, strict: bool = False, templates: Path | None = None) -> BuildResult:
    """``build`` from a content and an output folder (the settings resolved as the command line
    does): with the incremental engine, unless ``use_cache`` is off."""
    from ..incremental import engine_for

    settings = resolve(Path(content_dir), Path(out_dir), base_url=base_url, jobs=jobs, strict=strict,
                       incremental=use_cache, **({"templates": templates} if templates else {}))
    return build(settings, engine_for(settings, reporter), reporter)


def main(args) -> int:
    reporter = Reporter(quiet=getattr(args, "quiet", False), verbose=getattr(args, "verbose", False))
    try:
        result = build_site(args.content, args.out, base_url=args.base_url, reporter=reporter, jobs=args.jobs,
                            use_cache=not args.no_cache, strict=args.strict)
    except TemplateError as exc:   # the previous output is intact: nothing was swapped in
        raise BuildError(problems=[render.template_problem(exc)]) from None
    reporter.warnings(result.warnings)
    warned = f", {len(result.warnings)} warning(s)" if result.warnings else ""
    reporter.info(f"built {result.pages} pages ({result.files} files, {result.bytes / 1e6:.1f} MB) "
                  f"in {result.out_dir} in {result.seconds:.2f}s{warned}")
    return 0
