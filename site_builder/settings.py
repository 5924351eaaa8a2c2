"""The settings of one run, resolved once and frozen: command line > site.yaml > environment > defaults.

``build``, ``serve`` and ``check`` each take a ``Settings``; site.yaml is read
here and nowhere else, and the base-URL rule is written here and nowhere else.
The incremental engine keys what it keeps by the parts that decide the output.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from . import schema as S
from .errors import ERROR, Problem
from .files import NotReadable, read_regular
from .model import Site

SITE_FILES = ("site.yaml", "site.yml")
TEMPLATES = Path(__file__).resolve().parents[1] / "templates"       # the layout, partials, static files, i18n/


@dataclass(frozen=True)
class Urls:
    """Where the site lives: ``origin`` ("https://lab.github.io", may be empty) + ``base`` ("/lab-site/")."""

    origin: str
    base: str

    @classmethod
    def parse(cls, base_url: str, site_url: str = "") -> "Urls":
        base_url = (base_url or "/").strip()
        origin = site_url.strip().rstrip("/")
        if "://" in base_url:
            parts = urlsplit(base_url)
            origin, base_url = f"{parts.scheme}://{parts.netloc}", parts.path
        elif origin and urlsplit(origin).path not in ("", "/"):
            origin = "{0.scheme}://{0.netloc}".format(urlsplit(origin))
        base = "/" + base_url.strip("/") + "/" if base_url.strip("/") else "/"
        return cls(origin, base)

    def absolute(self, url: str) -> str:
        return self.origin + self.base + url

    def citable(self, url: str) -> str:
        """The full URL citations give for a page: "" when the site's origin is not known."""
        return self.absolute(url) if self.origin else ""


@dataclass(frozen=True)
class Settings:
    content: Path                      # as the user spelt it: messages name files that way
    out: Path
    site: Site                         # content/site.yaml, validated (defaults where it is wrong)
    base_url: str                      # --base-url > site.yaml base_url > $SITE_BASE_URL > "/"
    site_problems: tuple[Problem, ...] = ()     # what is wrong with site.yaml (reported with the entries')
    jobs: int = 0                      # worker processes (0: one per core)
    strict: bool = False               # warnings count as errors
    incremental: bool = True           # reuse what earlier builds made (site_builder/incremental/)
    templates: Path = TEMPLATES        # the templates and translation tables to render with

    @property
    def urls(self) -> Urls:
        return Urls.parse(self.base_url, self.site.url)


def resolve(content: str | Path = "content/", out: str | Path = "output/", *, base_url: str | None = None,
            jobs: int = 0, strict: bool = False, incremental: bool = True, templates: Path = TEMPLATES,
            unreadable_base_url: str | None = None) -> Settings:
    """The settings for a run over ``content``. ``unreadable_base_url``: the base URL to keep when
    site.yaml cannot be read at all (serve stays where the browser is until it is fixed)."""
    site, problems, written, readable = read_site(Path(content))
    if not readable and unreadable_base_url is not None:
        written = unreadable_base_url
    chosen = next((str(c).strip() for c in (base_url, written, os.environ.get("SITE_BASE_URL"))
                   if c is not None and str(c).strip()), "/")
    return Settings(Path(content), Path(out), site, chosen, tuple(problems), jobs, strict, incremental, Path(templates))


def read_site(content: Path) -> tuple[Site, list[Problem], str | None, bool]:
    """(site.yaml as the model's Site, its problems, its base_url as written or None, could it be
    read as YAML at all?)."""
    shown_root = str(content)
    for name in SITE_FILES:
        path = content / name
        if os.path.lexists(path):
            break
    else:
        if not content.is_dir():       # the loader says so, once
            return Site(), [], None, True
        return Site(), [Problem(os.path.normpath(os.path.join(shown_root, "site.yaml")), 0, "file not found", ERROR,
                                "create it with at least: title: \"…\"; see docs/editing.md")], None, True
    shown = os.path.normpath(os.path.join(shown_root, name))
    try:
        data = read_regular(path, S.MAX_FILE_BYTES)
    except NotReadable as exc:
        return Site(), [Problem(shown, 0, exc.message, ERROR, exc.hint)], None, False
    checked = S.check_file(data, shown, S.SITE)
    if checked.givens is None:
        return Site(), checked.problems, None, False
    written = next((str(g.value) for g in checked.givens if g.key == "base_url" and g.value not in (None, "")), None)
    if not checked.ok:
        return Site(), checked.problems, written, True
    values = checked.values
    languages = tuple(values["languages"]) or S.SUPPORTED_LANGUAGES
    site = Site(**{**values, "languages": languages, "default_language": values["default_language"] or languages[0]})
    return site, checked.problems, written, True
