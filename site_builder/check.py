"""`check`: validate all of content/ and say, one line each, what to fix where.

Problems go to stdout (they are this command's output, so `check | grep`
works); the summary goes through the Reporter to stderr.
"""
from __future__ import annotations

import sys

from . import settings
from .build import checks, images, linking, loader
from .progress import Reporter


def summarise(content, problems, strict: bool) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    counted = f"{len(content.papers)} valid papers, {len(content.authors)} valid authors"
    if content.news:          # a site without news says nothing of them
        counted += f", {len(content.news)} valid news item{'s' * (len(content.news) != 1)}"
    if not problems:
        return f"no problems ({counted})"
    parts = [f"{errors} error{'s' * (errors != 1)}", f"{warnings} warning{'s' * (warnings != 1)}"]
    verdict = ""
    if errors:
        verdict = "; build refuses to run until the errors are fixed"
    elif warnings and strict:
        verdict = " (--strict: warnings count as errors)"
    return f"{', '.join(parts)} ({counted}){verdict}"


def main(args) -> int:
    reporter = Reporter(quiet=getattr(args, "quiet", False), verbose=getattr(args, "verbose", False))
    reporter.detail(f"checking {args.content}")
    loaded = loader.load(settings.resolve(args.content, strict=args.strict))
    content = loaded.content
    problems = sorted(loaded.problems + checks.across_files(loaded) + images.problems(content))
    if not any(p.is_error for p in problems):       # what build warns of when linking names, too
        problems = sorted(problems + linking.link(content)[1])
    for problem in problems:
        print(problem.format(), file=sys.stdout)
    sys.stdout.flush()
    reporter.info(summarise(content, problems, args.strict))
    reporter.detail(f"done in {reporter.elapsed():.2f}s")
    if any(p.is_error for p in problems):
        return 1
    if args.strict and problems:
        return 1
    return 0
