"""Templates and translation tables: loaded and compiled once per build.

Every page is rendered with ``root`` set to a marker and the marker is then
replaced by the page's own relative path to the site root ("../../"). So a
fragment rendered once (a publication entry) is valid on every page, and
links work under any base_url without knowing it.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path
from types import MethodType

import yaml
from jinja2 import nodes as jinja_nodes
from jinja2 import (Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, Template, TemplateError,
                    TemplateSyntaxError, select_autoescape)
from jinja2.ext import Extension
from markupsafe import Markup, escape
from jinja2.compiler import CodeGenerator
from jinja2.runtime import Context
from jinja2.utils import internalcode
from markupsafe._speedups import _escape_inner

from ..errors import BuildError, Problem
from ..schema import localized, localized_language
from ..settings import TEMPLATES
from ..text import script_json
from . import citations
from .work import fingerprint

_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
ROOT_MARKER = "<@root@>"   # contains "<": user text can never produce it (it is escaped)


class Strings(dict):
    """One language's UI strings; a missing key is a bug, so it fails loudly."""

    def __init__(self, lang: str, data: dict):
        super().__init__(data)
        self.lang = lang
        # Also plain attributes, so a template's ``t.key`` is found at once: a failed lookup
        # ending in ``__getattr__`` costs a raised AttributeError per use, ~20 uses a page.
        # Keys that name something the class has (``fmt``, ``lang``...) keep meaning that.
        self.__dict__.update((key, value) for key, value in self.items()
                             if isinstance(key, str) and not hasattr(Strings, key) and key != "lang")
        self._dates: dict[str, str] = {}     # date -> as shown: a site has far fewer dates than pages showing them

    def __getattr__(self, key: str):
        try:
            return self[key]
        except KeyError:
            raise AttributeError(f"no string {key!r} in templates/i18n/{self.lang}.yaml") from None

    def fmt(self, key: str, **values) -> str:
        return str(self[key]).format(**values)

    def plural(self, key: str, n: int, **values) -> str:
        """French treats 0 and 1 as singular; English only 1."""
        one = n in (0, 1) if self.lang == "fr" else n == 1
        return self.fmt(f"{key}_{'one' if one else 'other'}", n=n, **values)

    def date(self, date: str) -> str:
        """'2024-03-05' -> '5 mars 2024' / 'March 5, 2024'; partial dates stay partial."""
        shown = self._dates.get(date)
        if shown is None:
            shown = self._dates[date] = self._date(date)
        return shown

    def _date(self, date: str) -> str:
        parts = date.split("-")
        try:
            if len(parts) == 1:
                return parts[0]
            month = self["months"][int(parts[1]) - 1]
            if len(parts) == 2:
                return self.fmt("date_month_format", month=month, year=parts[0])
            return self.fmt("date_day_format", month=month, day=int(parts[2]), year=parts[0])
        except (ValueError, IndexError):
            return date


def load_strings(languages, templates: Path = TEMPLATES) -> dict[str, Strings]:
    tables = {}
    problems = []
    for lang in languages:
        path = templates / "i18n" / f"{lang}.yaml"
        if not path.is_file():
            problems.append(Problem("site.yaml", 0, f"no translation table for language {lang!r}",
                                    hint=f"add {path}"))
            continue
        # libyaml's parser: the same values as yaml.safe_load, a tenth of its time (8 ms a table)
        tables[lang] = Strings(lang, yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER) or {})
    if tables:
        reference = set(next(iter(tables.values())))
        for lang, table in tables.items():
            missing = reference - set(table)
            if missing:
                problems.append(Problem(f"templates/i18n/{lang}.yaml", 0,
                                        f"missing strings: {', '.join(sorted(missing))}"))
    if problems:
        raise BuildError(problems=problems)
    return tables


def strings_data(table: dict) -> tuple:
    """A translation table as plain data (for a digest of what a fragment is made from)."""
    return tuple(sorted(table.items()))


def templates_digest(templates: Path = TEMPLATES) -> bytes:
    """Of every template and translation table (not static/: those files are copied as they are)."""
    files = sorted(p for p in templates.rglob("*") if p.is_file() and "static" not in p.relative_to(templates).parts)
    return fingerprint(tuple((p.relative_to(templates).as_posix(), p.read_bytes()) for p in files))


def json_ld(data) -> Markup:
    """JSON for a <script> block (see text.script_json)."""
    return Markup(script_json(data))


# Control characters have no place in HTML or XML (a feed holding one is not XML at all). The
# schema refuses them in one-line fields and drops them from abstracts; this is the last defence,
# for whatever other text reaches a template. Markup is not looked at again: it is made of what
# templates printed already, or by markup.py from checked text (and a page's spliced fragments
# are long: a second pass over them would cost a large site seconds).
_RAW_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def no_controls(value):
    """What a template prints, without control characters (tab, line feed, return kept)."""
    if type(value) is str and _RAW_CONTROL.search(value):
        return _RAW_CONTROL.sub("", value)
    return value


def _output_escape(value, _str=str, _markup=Markup, _inner=_escape_inner, _escape=escape,
                   _control=_RAW_CONTROL.search, _drop=_RAW_CONTROL.sub):
    """What a template's ``{{ value }}`` writes where it escapes (``no_controls``, then
    ``markupsafe.escape``: one call, see ``_Generator``), for a template that joins what it
    writes (every compiled template: Jinja joins its output, and wraps what a macro or a ``set``
    block makes in Markup itself): the same text as ``markupsafe.escape``, without making a
    Markup copy of each piece. A page writes a hundred values, most of them the translation
    table's words and fragments already made safe: escaping them was a tenth of rendering a page."""
    kind = type(value)
    if kind is _str:
        return _inner(_drop("", value) if _control(value) else value)
    if kind is _markup:
        return value
    return _escape(value)


class _Generator(CodeGenerator):
    """Jinja's compiler, but a ``{{ value }}`` that is escaped is written ``escape(value)``, not
    ``escape(environment.finalize(value))``: ``_output_escape`` drops the control characters
    itself (132,000 values at 1,000 papers and one language: one Python call each less).
    Where a template does not escape, ``finalize`` (``no_controls``) runs as Jinja has it."""

    def _output_child_pre(self, node, frame, finalize) -> None:
        if frame.eval_ctx.autoescape and not frame.eval_ctx.volatile:
            self.write("escape(")
        else:
            super()._output_child_pre(node, frame, finalize)

    def _output_child_post(self, node, frame, finalize) -> None:
        if frame.eval_ctx.autoescape and not frame.eval_ctx.volatile:
            self.write(")")
        else:
            super()._output_child_post(node, frame, finalize)

    def blockvisit(self, nodes, frame) -> None:
        """A template's body and each of its blocks gather what they write in a list and hand it
        on joined, once, instead of yielding each piece: Jinja's generators pass every piece up
        through the layout's ``yield from`` and each include's loop (a paper's page: ~130 pieces,
        each resumed in two or three generators), and consecutive pieces become one ``extend``.
        Every statement Jinja compiles writes to a frame's buffer when it has one, but an include
        without the context (it yields): a body or block that holds one is left as Jinja has it."""
        if frame.buffer is not None or not (frame.rootlevel or frame.block_frame) or self.environment.is_async \
                or _includes_without_context(nodes):
            super().blockvisit(nodes, frame)
            return
        frame.buffer = self.temporary_identifier()
        self.writeline(f"{frame.buffer} = []")
        super().blockvisit(nodes, frame)
        self.writeline(f"yield concat({frame.buffer})")
        frame.buffer = None


def _includes_without_context(body) -> bool:
    return any(not include.with_context for node in body
               for include in ([node] if isinstance(node, jinja_nodes.Include) else []) + list(node.find_all(jinja_nodes.Include)))


# Whether a template escapes, by its name: asked by every context Jinja makes (27,000 at 1,000
# papers and two languages), of a few dozen names.
_AUTOESCAPE = functools.lru_cache(maxsize=None)(select_autoescape(["html", "xml", "svg"], default_for_string=True))

# Compiled templates kept between builds are named with this: code compiled by another version
# of ``_Generator`` (or of Jinja) is never loaded.
_COMPILED_NAME = "site-builder-2-%s.cache"


class _Context(Context):
    """A template's context whose calls of plain bound methods (the translation table's ``fmt``,
    ``plural`` and ``date``, a view's ``bio``: 11,000 calls a language at 1,000 papers) go
    straight to them. Jinja first looks at every callable for an argument it may have to pass
    (the context, the environment): four attribute lookups a call, the same answer for every
    call of one function, kept here by function. Everything else is called as Jinja calls it."""

    @internalcode
    def call(__self, __obj, *args, **kwargs):  # noqa: N805 (Jinja's signature)
        if type(__obj) is MethodType:
            plain = _PLAIN_FUNCTIONS.get(__obj.__func__)
            if plain is None:
                plain = _PLAIN_FUNCTIONS[__obj.__func__] = not hasattr(__obj.__func__, "jinja_pass_arg")
            if plain:
                kwargs.pop("_block_vars", None)
                kwargs.pop("_loop_vars", None)
                try:
                    return __obj(*args, **kwargs)
                except StopIteration:      # as Jinja has it
                    return __self.environment.undefined("value was undefined because a callable raised a"
                                                        " StopIteration exception")
        return super().call(__obj, *args, **kwargs)


_PLAIN_FUNCTIONS: dict = {}       # function -> whether Jinja passes it nothing (no ``jinja_pass_arg``)


class _Template(Template):
    """A compiled template whose output goes through ``_output_escape``."""

    @classmethod
    def _from_namespace(cls, environment, namespace, globals):
        namespace["escape"] = _output_escape      # the name the compiled code writes its values with
        template = super()._from_namespace(environment, namespace, globals)
        # A plain dict instead of Jinja's ChainMap of the template's and the environment's globals
        # (the environment's are all set before any template is loaded, make_environment): every
        # render and include copies them into a new context, and copying a ChainMap costs a
        # Python-level lookup per name, 27,000 contexts at 1k papers.
        template.globals = dict(template.globals)
        return template


# What the indentation of a template's lines may not be taken from: text whose spaces show.
_KEEPS_SPACES = re.compile(r"(<pre\b.*?</pre\s*>|<textarea\b.*?</textarea\s*>)", re.S | re.I)
_INDENT = re.compile(r"^[ \t]+", re.M)


class Dedent(Extension):
    """HTML templates are written indented, and the pages need none of it: each line's leading
    spaces are dropped from the template's source as it is loaded (so once per compile, not per
    page; line numbers stay, for error messages), except inside ``<pre>`` and ``<textarea>``. The
    line breaks stay, so words and inline elements on separate lines stay apart."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        if not name or not name.endswith(".html"):
            return source
        # text, <pre>...</pre>, text, ...: the odd parts are kept as they are
        return "".join(part if i % 2 else _INDENT.sub("", part) for i, part in enumerate(_KEEPS_SPACES.split(source)))


def make_environment(templates: Path = TEMPLATES, compiled: Path | None = None) -> Environment:
    """``compiled``: a folder where the compiled templates are kept between builds (Jinja's
    bytecode cache, each checked against its template's source): compiling them all costs a
    build some 50 ms, a small rebuild a twentieth of its time."""
    bytecode_cache = None
    if compiled is not None:
        try:
            compiled.mkdir(parents=True, exist_ok=True)
            bytecode_cache = FileSystemBytecodeCache(str(compiled), _COMPILED_NAME)
        except OSError:
            pass
    env = Environment(
        bytecode_cache=bytecode_cache,
        loader=FileSystemLoader(str(templates)),
        autoescape=_AUTOESCAPE,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
        # A plain dict of the loaded templates: Jinja's default (an LRU of 400) takes a lock and
        # moves the name in its queue on every lookup, and every page and include looks one up
        # (21,000 at 1k papers); a site has a few dozen templates.
        cache_size=-1,
        finalize=no_controls,
        extensions=[Dedent],
    )
    env.template_class = _Template
    env.context_class = _Context
    env.code_generator_class = _Generator
    env.globals["root"] = Markup(ROOT_MARKER)
    env.filters["html"] = Markup      # for fragments this program made safe itself (markup.py)
    env.filters["scholar_name"] = citations.scholar_name    # a citation_author tag's name
    env.filters["localized"] = localized          # text per language (schema.PER_LANGUAGE) for a page's language
    env.filters["label_language"] = localized_language
    return env


def load_all(env: Environment) -> None:
    """Every template of the folder loaded (from the compiled ones kept between builds, or
    compiled): forked workers then share them instead of each loading the twenty-odd a page
    uses. One that cannot be read or compiled is left for the page that uses it to report
    (a stray file no page uses stops nothing)."""
    for name in env.list_templates(extensions=("html", "xml", "svg")):
        if not name.startswith("static/"):
            try:
                env.get_template(name)
            except (TemplateError, UnicodeError, OSError):
                pass


def relative_root(url: str) -> str:
    """From a page at site-relative ``url`` back to the site root."""
    depth = url.count("/")
    return "../" * depth if depth else "./"


_ROOT_MARKER_BYTES = ROOT_MARKER.encode("utf-8")


def finish(html: str, root: str) -> bytes:
    # Encoded first: the marker is ASCII, so it is found the same in the bytes, which are half
    # the size of a page's text in memory once it holds a character beyond Latin-1 (a dash, many names).
    return html.encode("utf-8").replace(_ROOT_MARKER_BYTES, root.encode("utf-8"))


def template_problem(exc: TemplateError, templates: Path = TEMPLATES) -> Problem:
    """A lab restyling templates gets `templates/x.html:LINE: what is wrong`, not a traceback.

    Jinja maps its compiled code back to template lines in the traceback, so the
    innermost frame inside templates/ is where the mistake is.
    """
    where, line = "templates", 0
    if isinstance(exc, TemplateSyntaxError):
        where, line = f"templates/{exc.name or exc.filename}", exc.lineno or 0
    else:
        tb = exc.__traceback__
        while tb is not None:
            filename = tb.tb_frame.f_code.co_filename
            if filename.startswith(str(templates)):
                where, line = "templates/" + Path(filename).relative_to(templates).as_posix(), tb.tb_lineno
            tb = tb.tb_next
    message = str(exc.message if exc.message else exc)
    hint = "check the spelling against templates/i18n/*.yaml" if "Strings object" in message else ""
    message = message.replace("'site_builder.build.render.Strings object'", "the translation table")
    return Problem(where, line, f"template error: {message}", hint=hint)
