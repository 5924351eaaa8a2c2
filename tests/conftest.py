"""Shared fixtures: throw-away content, built sites, a local server, a browser.

- ``write_content(root, site=..., papers=..., authors=...)`` writes a content/
  folder from dicts, so a test states exactly the entries it needs.
- ``demo_site``: a small site with every feature (long TeX abstracts, aliases,
  portraits, drafts, hostile text) built under base_url /lab-site/.
- ``committed_site``: the repository's own content/ built the same way.
- ``serve_site(out_dir)``: serves a build at http://127.0.0.1:<port>/lab-site/.
- ``browser`` (one per test process) / ``page`` (one page per test process, lent to each test as
  a new context would give it: LentPage) / ``reading_page`` (one page reused by tests that only
  load and look): headless Debian Chromium through Playwright (its headless shell when
  installed, see BROWSER); skipped when neither is installed unless REQUIRE_BROWSER=1.
"""
from __future__ import annotations

import functools
import json
import http.server
import os
import struct
import threading
import zlib
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from jinja2 import BytecodeCache

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
# Debian's build of Chromium's headless shell (package chromium-headless-shell: the same version,
# Blink and V8 as chromium, without the browser's window and UI layers), which is what Playwright
# itself runs for headless Chromium. The browser tests take a third less CPU in it (test_a11y and
# test_browser_list: 43-50 s -> 31-32 s of CPU, 30-34 s -> 23-24 s of wall); chromium when it is
# not installed.
CHROMIUM_HEADLESS_SHELL = "/usr/bin/chromium-headless-shell"
BROWSER = CHROMIUM_HEADLESS_SHELL if Path(CHROMIUM_HEADLESS_SHELL).exists() else CHROMIUM
SUB_PATH = "/lab-site/"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

LONG_ABSTRACT = (
    "Reinforcement learning from human feedback (RLHF) has emerged as the main paradigm for "
    "aligning large language models (LLMs) with human preferences. Traditionally, RLHF involves "
    "the initial step of learning a reward model from human feedback, expressed as preferences "
    "between pairs of text generations. We estimate $\\beta_{i,j}$ over $2^{11}$ prompts and "
    "report \\textbf{strong} gains. In this study, we introduce an alternative pipeline: we learn "
    "a preference model conditioned on two inputs and pursue a policy that consistently generates "
    "responses preferred over those of any competing policy, the Nash equilibrium of the model. "
    "THE-HIDDEN-TAIL is only visible once the abstract is expanded."
)
HOSTILE = '"><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'


def _scratch_in_memory(mounts: str = "/proc/mounts", folder: str = "/dev/shm", room: int = 2 << 30) -> None:
    """The run's temporary folders (tmp_path, tmp_path_factory) in memory when the machine has a
    tmpfs with room to spare, instead of the system's temporary folder on disk. The suite writes
    some 110,000 files (775 MB): on this machine's disk that was a third of the suite's system
    time, and pytest's deletion of a run three runs back at exit took 8-12 s after the last test.
    With ``tmp_path_retention_policy = "failed"`` (pyproject.toml) a passing test's folder is
    deleted as the test ends, so the run holds only what its running tests wrote, and nothing once
    it has passed. What the tests look at (bytes, file times, inodes, renames, links) behaves the
    same there; only a file's survival of a power cut differs, which no test is about. A
    ``--basetemp`` or PYTEST_DEBUG_TEMPROOT given by the user wins; xdist's workers are handed
    their folders by the controller."""
    if os.environ.get("PYTEST_DEBUG_TEMPROOT") or os.environ.get("PYTEST_XDIST_WORKER"):
        return
    try:
        with open(mounts, encoding="utf-8") as f:
            in_memory = any(line.split()[1:3] == [folder, "tmpfs"] for line in f if len(line.split()) > 2)
        status = os.statvfs(folder)
    except OSError:
        return
    if in_memory and status.f_bavail * status.f_frsize >= room and os.access(folder, os.W_OK | os.X_OK):
        os.environ["PYTEST_DEBUG_TEMPROOT"] = folder


_scratch_in_memory()


def png_bytes(width: int = 8, height: int = 8, rgb=(200, 80, 40)) -> bytes:
    """A tiny valid PNG, so portrait tests need no binary fixture file."""
    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def write_content(root: Path, *, site: dict | None = None, papers: dict | None = None,
                  authors: dict | None = None, files: dict | None = None) -> Path:
    root = Path(root)
    (root / "papers").mkdir(parents=True, exist_ok=True)
    (root / "authors").mkdir(parents=True, exist_ok=True)
    site_data = {"title": "Test Lab", "languages": ["en", "fr"], "default_language": "en",
                 "teaser_length": 300, **(site or {})}
    (root / "site.yaml").write_text(yaml.safe_dump(site_data, allow_unicode=True), encoding="utf-8")
    for pid, data in (papers or {}).items():
        (root / "papers" / f"{pid}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                                                     encoding="utf-8")
    for aid, data in (authors or {}).items():
        (root / "authors" / f"{aid}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                                                      encoding="utf-8")
    for rel, data in (files or {}).items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return root


DEMO_PAPERS = {
    "nash-learning-from-human-feedback": {
        "title": "Nash Learning from Human Feedback",
        "authors": ["Rémi Munos", "Michal Valko", "Côme Fiegel", "Daniele Calandriello"],
        "date": "2023-12-01", "organisation": "Google DeepMind", "abstract": LONG_ABSTRACT,
        "arxiv": "2312.00886", "links": {      # web addresses only: tests copy DEMO_PAPERS without files
            "code": "https://github.com/example/nash", "slides": "https://example.org/nash-slides",
            "extra": [{"label": {"en": "Blog post", "fr": "Billet de blog"}, "url": "https://example.org/nash?a=1&b=2"}]},
    },
    "soft-moe-for-rl": {
        "title": "Mixtures of Experts Unlock Parameter Scaling for Deep RL",
        "authors": ["R. Munos", "Ghada Sokar", "Michal Valko"],
        "date": "2024-02-13", "abstract": "Soft MoE modules make value-based networks scale. 100% & {braces}.",
    },
    "count-only": {
        "title": "A Paper Known Only by Its Author Count",
        "authors": [], "author_count": 12, "date": "2024",
        "abstract": "Short abstract.",
    },
    "hostile-paper": {
        "title": f"Quotes ' \" and {HOSTILE}",
        "authors": [HOSTILE, "Michal Valko"],
        "date": "2022-05",
        "abstract": f"{HOSTILE} [click me](javascript:window.__pwned=3) "
                    "<a href=\"javascript:window.__pwned=4\">raw link</a> & 'quotes' \"double\".",
    },
    "undated-note": {"title": "An Undated Technical Note", "authors": ["Ghada Sokar"],
                     "abstract": "Bounds on $\\|w\\|_2^2$ and\n\n$$\n\\frac{1}{n}\\sum_{i=1}^n x_i\n$$\n"},
    "secret-draft": {"title": "Secret Draft Paper", "authors": ["Rémi Munos"], "status": "draft",
                     "date": "2024-06-01", "abstract": "Must never be published."},
}
DEMO_AUTHORS = {
    "remi-munos": {"name": "Rémi Munos", "aliases": ["R. Munos", "Remi Munos"], "role": "Research Scientist",
                   "portrait": "portraits/remi.png", "member": True,
                   "bio": {"en": "Works on *reinforcement learning*.", "fr": "Travaille sur l'*apprentissage par renforcement*."},
                   "homepage": "https://remi.example.org/", "orcid": "0000-0002-1825-0097",
                   "scholar": "qc6CJjYAAAAJ", "github": "remimunos"},
    "michal-valko": {"name": "Michal Valko", "role": "Research Scientist", "member": True},
    "ghada-sokar": {"name": "Ghada Sokar", "role": "PhD Student"},
    "hostile-person": {"name": f"Eve {HOSTILE}", "role": HOSTILE, "aliases": [HOSTILE]},
}


# News items of the demo site (content/news/<id>.yaml), written as files.
DEMO_NEWS = {
    "news/best-paper.yaml": (
        "date: 2024-03-01\n"
        "title:\n  en: Best paper award for Soft MoE\n  fr: Prix du meilleur article pour Soft MoE\n"
        "body:\n  en: The paper on **mixtures of experts** won an award.\n"
        "  fr: L'article sur les **mélanges d'experts** a été primé.\n"
        "papers: [soft-moe-for-rl]\npeople: [ghada-sokar, remi-munos]\n"),
    "news/hostile-news.yaml": (
        f"date: 2023-11-20\ntitle: {json.dumps('Quotes & ' + HOSTILE)}\nbody: {json.dumps(HOSTILE + ' [x](javascript:alert(1))')}\n"),
    "news/hidden-draft.yaml": "date: 2024-06-01\ntitle: A Secret Draft Item\nstatus: draft\n",
}


def write_seeds(folder: Path, dumps: dict[str, str | bytes]) -> Path:
    """A seeds/ folder holding these dumps (text is written as UTF-8)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in dumps.items():
        (folder / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return folder


def edit(path: Path, **changes) -> None:
    """An editor's change to one entry: these fields set, the rest as they were."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def fail_on_call(real, number: int, error: Exception):
    """A stand-in for ``real`` that raises ``error`` on its ``number``-th call: a crash half-way."""
    calls = 0

    def stand_in(*args, **kwargs):
        nonlocal calls
        calls += 1
        if calls == number:
            raise error
        return real(*args, **kwargs)
    return stand_in


def bench_corpus():
    """benchmarks/corpus.py (the seeded corpus generator), under its own name: tests/broken has
    a module called corpus too."""
    import importlib.util
    import sys
    module = sys.modules.get("bench_corpus")
    if module is None:
        spec = importlib.util.spec_from_file_location(
            "bench_corpus", Path(__file__).resolve().parent.parent / "benchmarks" / "corpus.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules["bench_corpus"] = module          # its dataclasses look themselves up there
        spec.loader.exec_module(module)
    return module


def run_command(*args, cwd: Path | None = None):
    """``python -m site_builder ARGS`` run in this process: site_builder.cli.main, which is all
    the command runs, with its output captured; a CompletedProcess, as subprocess.run would give.
    For tests of what a command does to the files (ingest again, the report), where a new
    interpreter per run only adds its start (a quarter of a second against a hundredth for a
    re-ingest of the seeds). Tests of the command line itself (exit status and output as a
    terminal gets them, a process killed half-way) start the real command."""
    import contextlib
    import io
    import subprocess

    from site_builder.cli import main
    out, err = io.StringIO(), io.StringIO()
    before = os.getcwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main([str(a) for a in args])
            except SystemExit as exc:           # argparse's usage errors
                code = exc.code if isinstance(exc.code, int) else 2
    finally:
        os.chdir(before)
    return subprocess.CompletedProcess(["python", "-m", "site_builder", *map(str, args)], code,
                                       out.getvalue(), err.getvalue())


def engine(folder: Path, jobs: int = 1):
    """The incremental engine for a build into ``folder``/out: what it remembers stays in memory
    until a build saves it there (tests of steps never do)."""
    from site_builder import settings
    from site_builder.incremental import Incremental
    return Incremental(settings.resolve(folder / "content", folder / "out", jobs=jobs))


def build(content: Path, out: Path, **kwargs):
    from site_builder.build import build_site
    return build_site(content, out, **kwargs)


class _CompiledOnce(BytecodeCache):
    """Jinja's bytecode cache for the test run: a template compiled by one build is not compiled
    again by the next in this process, as the engine's own cache (.cache/build/templates/) spares
    a lab's second build. Compiling every template is a third of a small site's build, and the
    suite builds a few thousand sites in fresh folders.

    Jinja takes a compiled template only for the same source (its checksum), and every
    environment is make_environment's, with the same options. The engine's folder cache, when
    there is one, is asked first and written as a build that compiled would write it: builds
    read and write the same files as without this."""
    codes: dict = {}           # Jinja's key (name and path) -> (checksum of the source, code)

    def __init__(self, inner: BytecodeCache | None):
        self.inner = inner

    def load_bytecode(self, bucket):
        if self.inner is not None:
            self.inner.load_bytecode(bucket)
            if bucket.code is not None:
                return
        known = self.codes.get(bucket.key)
        if known is not None and known[0] == bucket.checksum:
            bucket.code = known[1]
            if self.inner is not None:
                self.inner.dump_bytecode(bucket)

    def dump_bytecode(self, bucket):
        self.codes[bucket.key] = (bucket.checksum, bucket.code)
        if self.inner is not None:
            self.inner.dump_bytecode(bucket)


@pytest.fixture(scope="session", autouse=True)
def _templates_compiled_once():
    """Every build of the run keeps the templates it compiled for the next (_CompiledOnce)."""
    from site_builder.build import render
    real = render.make_environment

    def make_environment(*args, **kwargs):
        env = real(*args, **kwargs)
        env.bytecode_cache = _CompiledOnce(env.bytecode_cache)
        return env
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(render, "make_environment", make_environment)
        yield


@pytest.fixture(scope="session")
def demo_content(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("demo") / "content"
    return write_content(root, papers=DEMO_PAPERS, authors=DEMO_AUTHORS,
                         files={"portraits/remi.png": png_bytes(), **DEMO_NEWS})


@pytest.fixture(scope="session")
def demo_site(demo_content, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("demo-out") / "output"
    build(demo_content, out, base_url=SUB_PATH)
    return out


@pytest.fixture(scope="session")
def seeds_ingested(tmp_path_factory) -> Path:
    """The repository's seed dumps (seeds/) ingested once per test process by the command line
    into a content/ folder: for the tests that read what ingest made of them, and those that start
    from it (they copy it before they change it). Ingest reads no file times: a copy is, for the
    next ingest, the folder it copies."""
    import subprocess
    import sys
    out = tmp_path_factory.mktemp("seeds-ingested") / "content"
    run = subprocess.run([sys.executable, "-m", "site_builder", "ingest", "--seeds", str(ROOT / "seeds"),
                          "--content", str(out)], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return out


@pytest.fixture(scope="session")
def committed_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("committed-out") / "output"
    build(ROOT / "content", out, base_url=SUB_PATH)
    return out


class _SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the build only under SUB_PATH, like GitHub project pages, with its 404.html."""

    def log_message(self, *args):
        pass

    def translate_path(self, path):
        path = unquote(urlsplit(path).path)
        if not path.startswith(SUB_PATH):
            return str(Path(self.directory) / "\0missing")
        return super().translate_path("/" + path[len(SUB_PATH):])

    def send_head(self):
        path = unquote(urlsplit(self.path).path)
        if path + "/" == SUB_PATH:
            self.send_response(301)
            self.send_header("Location", SUB_PATH)
            self.end_headers()
            return None
        target = Path(self.translate_path(self.path))
        if not target.exists():
            body = (Path(self.directory) / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            import io
            return io.BytesIO(body)
        return super().send_head()


@pytest.fixture(scope="session")
def serve_site():
    servers = []

    def start(directory: Path) -> str:
        handler = functools.partial(_SubPathHandler, directory=str(directory))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}"
    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def demo_url(demo_site, serve_site) -> str:
    return serve_site(demo_site)


def _require(tool_present: bool, env: str, what: str) -> None:
    if not tool_present:
        if os.environ.get(env) == "1":
            pytest.fail(f"{what} is required ({env}=1) but missing")
        pytest.skip(f"{what} not available")


@pytest.fixture(scope="session")
def browser():
    """One Chromium for each test process, started by the first test that needs it: Playwright's
    sync API allows one instance at a time, so every module takes this one (each test opens
    its own context: cookies, storage and viewport start afresh)."""
    _require(Path(BROWSER).exists(), "REQUIRE_BROWSER", BROWSER)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _require(False, "REQUIRE_BROWSER", "the playwright package")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=BROWSER, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def _reader(browser):
    context = browser.new_context()
    page = context.new_page()
    page.outside_requests = []

    def guard(route):
        page.outside_requests.append(route.request.url)
        route.abort()
    context.route(lambda url: not url.startswith("http://127.0.0.1:"), guard)
    yield page
    context.close()


@pytest.fixture
def reading_page(_reader):
    """``reading_page(width, scheme)``: one page, kept open for the whole test process, at this
    viewport width and colour scheme, for tests that load pages and look at them (screenshots,
    axe) and change nothing in the browser: the site has no cookies or storage, and each goto
    makes a new document. A new context (a new renderer process) is 0.2 s of CPU; such tests
    open some sixty of them. Requests to another origin fail the test, as with ``page``."""
    def at(width: int = 1100, scheme: str = "light"):
        _reader.set_viewport_size({"width": width, "height": 900})
        _reader.emulate_media(media="screen", color_scheme=scheme)
        return _reader
    _reader.outside_requests.clear()
    yield at
    assert not _reader.outside_requests, f"requests to another origin: {_reader.outside_requests}"


class LentPage:
    """One page for the tests that act on it (click, type, route, reload), kept open for the
    whole test process and lent to one test at a time, as a new context would give it: a new
    context is a new renderer process, 0.3-0.5 s of wall and 0.2-0.4 s of CPU each, and some
    fifty tests open one. Given back, the page drops the test's routes (its own and its context's), its origin's storage,
    the context's cookies and HTTP cache, and leaves for about:blank (so the next test's goto is
    a new document, with nothing focused or hovered); its media emulation is set back to a new
    context's. A page that cannot be given back (crashed, closed) is replaced by a new one."""

    def __init__(self, browser):
        self.browser = browser
        self.context = self.page = self.cdp = None

    def lend(self, viewport: dict):
        if self.page is None or self.page.is_closed():
            self.close()
            self.context = self.browser.new_context(viewport=viewport)
            self.page = self.context.new_page()
            self.cdp = self.context.new_cdp_session(self.page)
        else:
            self.page.set_viewport_size(viewport)
        return self.page

    def give_back(self) -> None:
        try:
            self.page.unroute_all(behavior="ignoreErrors")
            self.context.unroute_all(behavior="ignoreErrors")
            self.page.evaluate("() => { try { localStorage.clear(); sessionStorage.clear(); } catch (e) {} }")
            self.page.goto("about:blank")
            self.page.emulate_media(media="null", color_scheme="light", reduced_motion="no-preference",
                                    forced_colors="none")
            self.context.clear_cookies()
            self.cdp.send("Network.clearBrowserCache")
        except Exception:        # the next test gets a new one
            self.close()

    def close(self) -> None:
        if self.context is not None:
            try:
                self.context.close()
            except Exception:
                pass
        self.context = self.page = self.cdp = None


@pytest.fixture(scope="session")
def lent_page(browser):
    """The test process's LentPage (``page`` and test_search_browser's ``page`` lend it)."""
    lender = LentPage(browser)
    yield lender
    lender.close()


@pytest.fixture
def page(lent_page):
    """A page at 1100x900, as a new context's (see LentPage); requests to another origin fail the test."""
    page = lent_page.lend({"width": 1100, "height": 900})
    outside = []

    def guard(route):
        outside.append(route.request.url)
        route.abort()
    # Nothing may be loaded from another origin: any such request fails the test.
    lent_page.context.route(lambda url: not url.startswith("http://127.0.0.1:"), guard)   # its popups too
    page.outside_requests = outside
    yield page
    lent_page.give_back()
    assert not outside, f"requests to another origin: {outside}"
