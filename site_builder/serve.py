"""Live preview: build, serve at the site's base_url, rebuild and reload on every change.

The built files are served as they are; the reload hook is added to HTML
responses only, so what editors preview is exactly what gets deployed. A
broken edit never stops the server: its problems replace the pages until the
file is fixed, and the last good site stays on disk.
"""
from __future__ import annotations

import html
import http.server
import json
import re
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from . import settings
from .errors import SiteError, UsageError
from .progress import Reporter

HOOK_PREFIX = "/__serve__/"
EVENTS_PATH = HOOK_PREFIX + "events"
STATUS_PATH = HOOK_PREFIX + "status"
SCRIPT_PATH = HOOK_PREFIX + "reload.js"
KEEPALIVE_SECONDS = 10.0

# An external script at the server's own origin, not an inline one, so that a
# Content-Security-Policy of `script-src 'self'` in the site does not block it.
RELOAD_SCRIPT = """\
(function () {
  var me = document.currentScript;
  var shown = me && me.getAttribute("data-version");
  if (!window.EventSource || !shown) { return; }
  var events = new EventSource(%s);
  events.onmessage = function (event) {
    if (event.data !== shown) { events.close(); window.location.reload(); }
  };
})();
""" % json.dumps(EVENTS_PATH)

BuildFunction = Callable[..., object]


@dataclass
class BuildState:
    """What the last build left: a version the pages compare against, and its problems."""

    version: str
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class Preview:
    """Rebuilds on request and remembers the outcome for the HTTP handler threads."""

    def __init__(self, build: BuildFunction, content_dir: Path, out_dir: Path,
                 reporter: Reporter, base_url_flag: str | None = None, jobs: int = 1):
        self._build = build         # build(settings, reporter=...)
        self.jobs = jobs
        self.content_dir = content_dir
        self.out_dir = out_dir
        self.reporter = reporter
        self.base_url_flag = base_url_flag
        self.base_url = "/"    # as configured; may carry an origin (https://host/path/)
        self.base_path = "/"   # the path part, where the site is served
        self.stopping = threading.Event()
        self._session = f"{time.time_ns():x}"
        self._count = 0
        self._changed = threading.Condition()
        self.state = BuildState(version=f"{self._session}-0")

    def rebuild(self, reason: str = "") -> BuildState:
        """Build once; a user error becomes the page shown, never an exception."""
        started = time.perf_counter()
        problems: list[str] = []
        warnings: list = []
        try:
            # A site.yaml that cannot be read keeps the base URL, so the error page stays where the browser is.
            run = settings.resolve(self.content_dir, self.out_dir, base_url=self.base_url_flag, jobs=self.jobs,
                                   unreadable_base_url=self.base_url)
            self.base_url = run.base_url        # as configured; may carry an origin (https://host/path/)
            self.base_path = normalise_base_path(self.base_url)
            result = self._build(run, reporter=self.reporter)
            warnings = list(getattr(result, "warnings", None) or [])
        except SiteError as exc:
            problems = [p.format() for p in exc.problems] or str(exc).splitlines() or [type(exc).__name__]
        except KeyboardInterrupt:
            raise
        except Exception:  # a bug in the build: keep serving, show it, let the editor carry on
            problems = ["internal error in the build (please report it):"] + traceback.format_exc().splitlines()
        elapsed = time.perf_counter() - started
        if problems:
            self.reporter.problem(f"build failed{reason}; the browser shows these problems until they are fixed:")
            for line in problems:
                self.reporter.problem(f"  {line}")
        else:
            self.reporter.warnings(warnings)
            noted = f" with {len(warnings)} warning{'s' * (len(warnings) != 1)}" if warnings else ""
            self.reporter.info(f"built{reason} in {elapsed:.2f} s{noted}")
        with self._changed:
            self._count += 1
            self.state = BuildState(version=f"{self._session}-{self._count}", problems=problems)
            self._changed.notify_all()
        return self.state

    def wait_for_change(self, version: str, timeout: float) -> BuildState:
        """Block an event-stream thread until the version moves on, stop, or timeout."""
        with self._changed:
            self._changed.wait_for(
                lambda: self.state.version != version or self.stopping.is_set(), timeout=timeout)
            return self.state

    def stop(self) -> None:
        self.stopping.set()
        with self._changed:
            self._changed.notify_all()


def normalise_base_path(value: object) -> str:
    """'/lab-site', 'lab-site/' and 'https://host/lab-site/' all mean '/lab-site/'."""
    text = str(value or "").strip()
    path = urlsplit(text).path if "://" in text else text
    parts = [p for p in path.split("/") if p]
    return "/" + "".join(f"{p}/" for p in parts)


def inject_reload_hook(page: bytes, version: str) -> bytes:
    """Add the reload script just before </body> (or at the end of a fragment)."""
    tag = f'<script src="{SCRIPT_PATH}" data-version="{html.escape(version)}"></script>'.encode()
    matches = list(re.finditer(rb"</body\s*>", page, flags=re.IGNORECASE))
    if not matches:
        return page + tag
    at = matches[-1].start()
    return page[:at] + tag + page[at:]


def error_page(problems: Iterable[str], version: str) -> bytes:
    """The page every HTML request gets while the content does not build."""
    items = "\n".join(f"<li><code>{html.escape(line)}</code></li>" for line in problems)
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Build failed</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2rem; color: #1b1b1b; background: #fff8f6; }}
h1 {{ color: #a3001b; font-size: 1.5rem; }}
ul {{ padding-left: 1.2rem; }}
li {{ margin: .4rem 0; white-space: pre-wrap; }}
code {{ font-family: ui-monospace, monospace; }}
</style>
</head>
<body>
<main>
<h1>Build failed</h1>
<p>Fix the problems below and save: this page reloads by itself.</p>
<ul id="build-problems">
{items}
</ul>
</main>
</body>
</html>
"""
    return inject_reload_hook(page.encode("utf-8"), version)


LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")


class PreviewHandler(http.server.SimpleHTTPRequestHandler):
    """Serves out_dir under the base path, plus the reload hook and the error page."""

    preview: Preview  # set on the per-server subclass
    allowed_hosts: frozenset[str] = frozenset(LOOPBACK_NAMES)
    server_version = "site_builder-serve"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=str(self.preview.out_dir), **kwargs)

    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        self.preview.reporter.detail("%s - %s" % (self.address_string(), format % args))

    def do_GET(self):
        self._respond(head_only=False)

    def do_HEAD(self):
        self._respond(head_only=True)

    def _respond(self, head_only: bool) -> None:
        if not host_allowed(self.headers.get("Host"), self.allowed_hosts):
            return self._wrong_host(head_only)
        path = unquote(urlsplit(self.path).path)
        base = self.preview.base_path
        state = self.preview.state
        if path == EVENTS_PATH:
            return self._events(head_only)
        if path == SCRIPT_PATH:
            return self._send(200, RELOAD_SCRIPT.encode(), "text/javascript; charset=utf-8", head_only)
        if path == STATUS_PATH:
            body = json.dumps({"version": state.version, "ok": state.ok, "problems": state.problems,
                               "base_url": base}).encode()
            return self._send(200, body, "application/json", head_only)
        if not path.startswith(base):
            if path in ("/", "/index.html", base.rstrip("/")):
                return self._redirect(base)
            return self._not_found(head_only, state)

        file = Path(self.translate_path("/" + path[len(base):]))
        if file.is_dir():
            if not path.endswith("/"):
                return self._redirect(path + "/")
            file = file / "index.html"
        is_page = file.suffix in (".html", ".htm") or not file.suffix
        if not state.ok and is_page:
            return self._send(500, error_page(state.problems, state.version), "text/html; charset=utf-8", head_only)
        if not file.is_file():
            return self._not_found(head_only, state)
        try:
            body = file.read_bytes()
        except OSError:  # replaced between the check and the read by a rebuild
            return self._not_found(head_only, state)
        content_type = self.guess_type(str(file))
        if file.suffix in (".html", ".htm"):
            body = inject_reload_hook(body, state.version)
            content_type = "text/html; charset=utf-8"
        self._send(200, body, content_type, head_only)

    def _wrong_host(self, head_only: bool) -> None:
        """A page of another site that made its name point here (DNS rebinding) must not read the preview."""
        shown = html.escape(_ascii(self.headers.get("Host", "")))
        body = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Wrong host</title></head>'
                f'<body><h1>Wrong host</h1><p>This preview answers only to the host names it was started for, '
                f'not to <code>{shown}</code>. To open it under that name, start it with '
                f'<code>--allow-host {shown}</code>.</p></body></html>').encode()
        self.preview.reporter.detail(f"refused a request for host {_ascii(self.headers.get('Host', ''))!r}")
        self._send(403, body, "text/html; charset=utf-8", head_only)

    def _not_found(self, head_only: bool, state: BuildState) -> None:
        page = self.preview.out_dir / "404.html"
        if page.is_file():
            body = inject_reload_hook(page.read_bytes(), state.version)
        else:
            where = html.escape(self.preview.base_path)
            body = inject_reload_hook(
                f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Not found</title></head>'
                f'<body><h1>Not found</h1><p>The site is at <a href="{where}">{where}</a>.</p></body></html>'
                .encode(), state.version)
        self._send(404, body, "text/html; charset=utf-8", head_only)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", quote(location))
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, status: int, body: bytes, content_type: str, head_only: bool) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if not head_only:
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _events(self, head_only: bool) -> None:
        """Server-sent events: the current version now, then each new one."""
        try:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if head_only:
                return
            version = self.preview.state.version
            self.wfile.write(f"retry: 1000\ndata: {version}\n\n".encode())
            self.wfile.flush()
            while not self.preview.stopping.is_set():
                state = self.preview.wait_for_change(version, KEEPALIVE_SECONDS)
                if state.version != version:
                    version = state.version
                    self.wfile.write(f"data: {version}\n\n".encode())
                else:
                    self.wfile.write(b": keep-alive\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, ValueError):
            pass  # the page went away or reloaded
        self.close_connection = True


def allowed_host_names(host: str, extra: Iterable[str] = ()) -> frozenset[str]:
    """The names the preview answers to: loopback, the address it listens on, this machine's own
    names when it listens on every interface, and any --allow-host."""
    names = {*LOOPBACK_NAMES, host.strip("[]").lower(), *(name.strip("[]").lower() for name in extra)}
    if host in ("0.0.0.0", "::", ""):
        for name in (socket.gethostname(), socket.getfqdn()):
            names.add(name.lower())
    return frozenset(name for name in names if name)


def host_allowed(header: str | None, allowed: frozenset[str]) -> bool:
    """Is the Host header one of ``allowed`` (any port), an IP address, or a name under .localhost?
    No header at all (an HTTP/1.0 client) is allowed: browsers, which rebinding needs, always send one."""
    if header is None:
        return True
    name = header.strip().lower()
    if name.startswith("["):                                   # [::1]:8000
        name = name[1:name.find("]")] if "]" in name else name
    elif name.count(":") == 1:
        name = name.rsplit(":", 1)[0]
    if name in allowed or name.endswith(".localhost"):
        return True
    try:
        socket.inet_pton(socket.AF_INET6 if ":" in name else socket.AF_INET, name)
    except OSError:
        return False
    return True          # an address is never a rebound name


def _ascii(text: str) -> str:
    return text.encode("ascii", "backslashreplace").decode("ascii")


class PreviewServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False


def make_server(preview: Preview, host: str, port: int, allow_hosts: Iterable[str] = ()) -> PreviewServer:
    handler = type("BoundPreviewHandler", (PreviewHandler,),
                   {"preview": preview, "allowed_hosts": allowed_host_names(host, allow_hosts)})
    server_class = PreviewServer
    if ":" in host:  # an IPv6 address such as ::1
        server_class = type("PreviewServer6", (PreviewServer,), {"address_family": socket.AF_INET6})
    try:
        return server_class((host, port), handler)
    except (OSError, OverflowError) as exc:
        reason = str(getattr(exc, "strerror", None) or exc).rstrip(".")
        raise UsageError(f"cannot listen on {host}:{port}: {reason}; "
                         f"choose another port with --port") from None


def watched_paths(content_dir: Path, extra: Iterable[str] = ()) -> list[Path]:
    """content/, the templates the build renders with, and any --watch path, if they exist."""
    try:
        from .build.render import TEMPLATES as templates
    except ImportError:  # the renderer moved: fall back on the project layout
        templates = Path(__file__).resolve().parent.parent / "templates"
    seen: list[Path] = []
    for path in (content_dir, Path(templates), *map(Path, extra)):
        resolved = path.resolve()
        if resolved.exists() and not any(resolved == s or resolved.is_relative_to(s) for s in seen):
            seen = [s for s in seen if not s.is_relative_to(resolved)] + [resolved]
    return seen


def _change_filter(out_dir: Path):
    """Ignore editor noise (watchfiles' defaults) and our own output, wherever it is."""
    import watchfiles

    default = watchfiles.DefaultFilter()
    out = out_dir.resolve()
    staging_prefix = f".{out.name}."  # the build's .<out>.new-*/.old-* siblings

    def accept(change, path: str) -> bool:
        where = Path(path)
        if where == out or where.is_relative_to(out):
            return False
        if where.is_relative_to(out.parent) and where != out.parent:
            if where.relative_to(out.parent).parts[0].startswith(staging_prefix):
                return False
        return default(change, path)
    return accept


def _describe(changes: set, roots: list[Path]) -> str:
    import watchfiles

    names = []
    for change, raw in sorted(changes, key=lambda c: c[1]):
        path = Path(raw)
        if change != watchfiles.Change.deleted and not path.exists():
            continue   # an editor's temporary file (sed's sedXXXX, vim's 4913), already renamed away
        for root in roots:
            if path.is_relative_to(root):
                path = Path(root.name) / path.relative_to(root)
                break
        names.append(str(path))
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    return f" after a change to {shown}" if shown else ""


def run(preview: Preview, server: PreviewServer, watch: list[Path], poll: bool = False) -> int:
    """Serve in a thread, watch and rebuild in the caller's thread until Ctrl-C."""
    import watchfiles

    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2},
                              name="serve", daemon=True)
    thread.start()
    bound_host, bound_port = server.server_address[:2]
    shown_host = f"[{bound_host}]" if ":" in bound_host else bound_host
    try:
        preview.reporter.info(f"serving http://{shown_host}:{bound_port}{preview.base_path} "
                              f"(watching {', '.join(str(p) for p in watch)}; Ctrl-C to stop)")
        for changes in watchfiles.watch(*watch, watch_filter=_change_filter(preview.out_dir),
                                        stop_event=preview.stopping, force_polling=poll or None,
                                        debounce=300, step=50):
            before = preview.base_path
            preview.rebuild(_describe(changes, watch))
            if preview.base_path != before:
                preview.reporter.info(f"base_url changed: now serving http://{shown_host}:{bound_port}"
                                      f"{preview.base_path}")
    except KeyboardInterrupt:
        pass
    finally:
        preview.stop()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
        preview.reporter.info("stopped")
    return 0


def _terminate_as_interrupt(signum, frame):
    raise KeyboardInterrupt


def main(args) -> int:
    reporter = Reporter(quiet=args.quiet, verbose=args.verbose)
    content_dir = Path(args.content)
    if not (content_dir / "site.yaml").is_file():
        raise UsageError(f"{content_dir}: no site.yaml here; run serve from the project root "
                         f"or pass --content")
    from .build import build
    from .incremental import Incremental

    kept = {}       # what the engine read stays in memory between rebuilds

    def build_once(run, reporter=None):
        engine = Incremental(run, reporter, kept.get("store"))
        kept["store"] = engine.store
        return build(run, engine, reporter)

    temp_root = None
    if args.out:
        out_dir = Path(args.out)
    else:
        temp_root = Path(tempfile.mkdtemp(prefix="site-preview-"))
        out_dir = temp_root / "site"

    preview = Preview(build_once, content_dir, out_dir, reporter, base_url_flag=getattr(args, "base_url", None),
                      jobs=args.jobs)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminate_as_interrupt)
    server = None
    try:
        server = make_server(preview, args.host, args.port, getattr(args, "allow_host", None) or ())  # a busy port fails before the first build
        preview.rebuild()
        return run(preview, server, watched_paths(content_dir, args.watch or ()), poll=args.poll)
    except KeyboardInterrupt:  # during the first build; run() handles its own
        if server is not None:
            server.server_close()
        reporter.info("stopped")
        return 0
    finally:
        if temp_root is not None:
            shutil.rmtree(temp_root, ignore_errors=True)
        sys.stderr.flush()
