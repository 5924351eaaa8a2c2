"""`serve`: an editor saves a file and the preview follows, broken edits included.

The end-to-end tests run `python -m site_builder serve` as the editor would, on a
throw-away copy of a small site, and talk to it over HTTP (and, where chromium is
installed, through a real browser). The in-process tests pin the server's own
rules with a tiny stand-in build, so they do not depend on the templates.
"""
from __future__ import annotations

import http.client
import json
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from html import escape
from pathlib import Path

import pytest
import yaml

from site_builder import serve, settings
from site_builder.errors import ContentError, Problem, UsageError
from site_builder.progress import Reporter

ROOT = Path(__file__).resolve().parent.parent
STEP_TIMEOUT = 30.0  # seconds for one rebuild to show; generous for a loaded 2-core machine


@dataclass
class Response:
    status: int
    body: str
    url: str
    headers: dict


def fetch(url: str, timeout: float = 10.0) -> Response:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return Response(r.status, r.read().decode("utf-8"), r.url, dict(r.headers))
    except urllib.error.HTTPError as e:
        return Response(e.code, e.read().decode("utf-8"), e.url, dict(e.headers))


def wait_until(condition, what: str, timeout: float = STEP_TIMEOUT, interval: float = 0.05):
    """Poll `condition` until it returns something truthy; fail with `what` after `timeout`."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            last = condition()
        except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
            last = exc
        else:
            if last:
                return last
        time.sleep(interval)
    pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}; last saw: {str(last)[:2000]}")


def write(path: Path, text: str) -> None:
    """Replace a file the way an editor's save does, and make sure the mtime moves."""
    path.write_text(text, encoding="utf-8")


# --------------------------------------------------------------------------
# In process, with a stand-in build: the server's own rules
# --------------------------------------------------------------------------

def stand_in_build(run, reporter=None):
    """Renders site.yaml's title; a YAML error becomes a ContentError like the real build's."""
    site, out = Path(run.content) / "site.yaml", run.out
    try:
        data = yaml.safe_load(site.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        line = exc.problem_mark.line + 1 if getattr(exc, "problem_mark", None) else 0
        raise ContentError(problems=[Problem(str(site), line, "YAML syntax error <here>")]) from None
    if data.get("explode"):
        raise RuntimeError("a bug in the build")
    out = Path(out)
    (out / "en").mkdir(parents=True, exist_ok=True)
    page = f"<!DOCTYPE html><html><head><title>t</title></head><body><h1>{escape(data['title'])}</h1></body></html>"
    (out / "en" / "index.html").write_text(page, encoding="utf-8")
    (out / "style.css").write_text("h1 { color: red }", encoding="utf-8")
    (out / "index.html").write_text('<!DOCTYPE html><html><body><a href="en/">English</a></body></html>',
                                    encoding="utf-8")


@pytest.fixture
def preview(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    write(content / "site.yaml", "title: First title\nbase_url: /lab-site/\n")
    secret = tmp_path / "secret.txt"
    secret.write_text("do not serve me", encoding="utf-8")
    p = serve.Preview(stand_in_build, content, tmp_path / "out", Reporter(quiet=True))
    p.rebuild()
    server = serve.make_server(p, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    p.url = "http://127.0.0.1:%d" % server.server_address[1]
    try:
        yield p
    finally:
        p.stop()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_root_redirects_to_the_base_url(preview):
    r = fetch(preview.url + "/")
    assert r.url == preview.url + "/lab-site/"
    assert r.status == 200 and "English" in r.body
    r = fetch(preview.url + "/lab-site/en")
    assert r.url == preview.url + "/lab-site/en/" and "First title" in r.body


def test_pages_get_the_reload_hook_but_the_built_files_do_not(preview):
    r = fetch(preview.url + "/lab-site/en/")
    assert r.status == 200
    assert "<h1>First title</h1>" in r.body
    assert re.search(r'<script src="/__serve__/reload.js" data-version="[^"]+"></script></body>', r.body)
    assert r.headers["Cache-Control"] == "no-store"
    on_disk = (preview.out_dir / "en" / "index.html").read_text(encoding="utf-8")
    assert "__serve__" not in on_disk
    css = fetch(preview.url + "/lab-site/style.css")
    assert css.body == "h1 { color: red }" and css.headers["Content-Type"].startswith("text/css")
    script = fetch(preview.url + "/__serve__/reload.js")
    assert "EventSource" in script.body and "location.reload" in script.body


def test_outside_the_base_url_is_not_found(preview):
    assert fetch(preview.url + "/en/").status == 404
    assert fetch(preview.url + "/lab-site/en/missing/").status == 404


def test_requests_cannot_escape_the_output_folder(preview):
    conn = http.client.HTTPConnection("127.0.0.1", int(preview.url.rsplit(":", 1)[1]), timeout=10)
    for path in ("/lab-site/../secret.txt", "/lab-site/%2e%2e/secret.txt", "/lab-site/..%2fsecret.txt",
                 "/lab-site/../../" + str(preview.out_dir.parent / "secret.txt")):
        conn.request("GET", path)
        response = conn.getresponse()
        body = response.read().decode()
        assert "do not serve me" not in body, path
    conn.close()


def test_a_broken_edit_shows_its_escaped_problems_and_fixing_it_brings_the_site_back(preview):
    write(preview.content_dir / "site.yaml", "title: [unclosed\nbase_url: /lab-site/\n")
    preview.rebuild(" after a change")
    r = fetch(preview.url + "/lab-site/en/")
    assert r.status == 500
    site_yaml = escape(str(preview.content_dir / "site.yaml"))
    assert f"<li><code>{site_yaml}:2: YAML syntax error &lt;here&gt;</code></li>" in r.body
    assert "<here>" not in r.body
    assert "data-version" in r.body, "the error page reloads itself once the file is fixed"
    assert fetch(preview.url + "/lab-site/style.css").status == 200, "assets of the last good site stay"
    assert fetch(preview.url + "/lab-site/fr/").status == 500, "every page shows the problems"
    assert fetch(preview.url + "/lab-site/missing.css").status == 404
    status = json.loads(fetch(preview.url + "/__serve__/status").body)
    assert status["ok"] is False and status["problems"] == [f"{preview.content_dir / 'site.yaml'}:2: YAML syntax error <here>"]

    write(preview.content_dir / "site.yaml", "title: Fixed title\nbase_url: /lab-site/\n")
    preview.rebuild(" after a change")
    r = fetch(preview.url + "/lab-site/en/")
    assert r.status == 200 and "<h1>Fixed title</h1>" in r.body


def test_a_crash_in_the_build_is_shown_and_the_server_keeps_serving(preview):
    write(preview.content_dir / "site.yaml", "title: x\nexplode: true\nbase_url: /lab-site/\n")
    preview.rebuild()
    r = fetch(preview.url + "/lab-site/en/")
    assert r.status == 500
    assert "internal error in the build" in r.body and "RuntimeError: a bug in the build" in r.body
    write(preview.content_dir / "site.yaml", "title: Back\nbase_url: /lab-site/\n")
    preview.rebuild()
    assert "<h1>Back</h1>" in fetch(preview.url + "/lab-site/en/").body


def test_open_pages_are_told_about_each_rebuild(preview):
    """The event stream first says which version is current, then each new one."""
    shown = re.search(r'data-version="([^"]+)"', fetch(preview.url + "/lab-site/en/").body).group(1)
    port = int(preview.url.rsplit(":", 1)[1])
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", "/__serve__/events")
    stream = conn.getresponse()
    assert stream.headers["Content-Type"] == "text/event-stream"

    def next_data() -> str:
        while True:
            line = stream.fp.readline().decode()
            assert line, "event stream closed"
            if line.startswith("data: "):
                return line[len("data: "):].strip()

    assert next_data() == shown
    write(preview.content_dir / "site.yaml", "title: Second\nbase_url: /lab-site/\n")
    preview.rebuild()
    new = next_data()
    assert new != shown
    assert f'data-version="{new}"' in fetch(preview.url + "/lab-site/en/").body
    conn.close()


def test_a_port_in_use_is_a_clear_usage_error(preview):
    port = int(preview.url.rsplit(":", 1)[1])
    with pytest.raises(UsageError, match=rf"cannot listen on 127.0.0.1:{port}: .*choose another port with --port"):
        serve.make_server(preview, "127.0.0.1", port)


def test_base_url_follows_the_build_precedence(tmp_path, monkeypatch):
    content = tmp_path / "content"
    content.mkdir()
    write(content / "site.yaml", "title: t\n")
    monkeypatch.delenv("SITE_BASE_URL", raising=False)
    def resolve_base_url(flag, fallback=None):       # the one rule (site_builder/settings.py), as serve asks it
        return settings.resolve(content, base_url=flag, unreadable_base_url=fallback).base_url
    assert resolve_base_url(None) == "/"
    monkeypatch.setenv("SITE_BASE_URL", "/from-env/")
    assert resolve_base_url(None) == "/from-env/"
    write(content / "site.yaml", "title: t\nbase_url: https://lab.example.org/lab-site\n")
    assert resolve_base_url(None) == "https://lab.example.org/lab-site"
    assert resolve_base_url("/flag/") == "/flag/"
    write(content / "site.yaml", "title: [broken\n")
    assert resolve_base_url(None, fallback="/kept/") == "/kept/"


@pytest.mark.parametrize("configured, served_at", [
    ("/", "/"), ("", "/"), ("/lab-site", "/lab-site/"), ("lab-site/", "/lab-site/"),
    ("https://lab.example.org/lab-site/", "/lab-site/"), ("https://lab.example.org", "/"), ("/a/b/", "/a/b/"),
])
def test_the_site_is_served_at_the_path_of_its_base_url(configured, served_at):
    assert serve.normalise_base_path(configured) == served_at


# --------------------------------------------------------------------------
# End to end: `python -m site_builder serve` on a copy of a small site
# --------------------------------------------------------------------------

PAPER_ID = "graph-neural-weather"
PAPER = """\
title: {title}
authors:
  - Ada Lovelace
abstract: A short abstract about forecasting.
date: 2024-05-01
status: published
"""
AUTHOR = """\
name: Ada Lovelace
role: Researcher
"""
SITE = """\
title: Preview Lab
base_url: /lab-site/
languages: [en, fr]
default_language: en
"""


class ServeProcess:
    """`python -m site_builder serve` in the background, its terminal output collected."""

    def __init__(self, content: Path, out: Path):
        # A test run started in the background (`nohup`, `... &` in a script) ignores Ctrl-C, and
        # so would the preview it starts (an ignored signal stays ignored across exec): stop()
        # would have to kill it. The preview must start as a user's does, stopped by Ctrl-C.
        if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
            signal.signal(signal.SIGINT, signal.default_int_handler)
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        env.pop("SITE_BASE_URL", None)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "site_builder", "serve", "--content", str(content), "--out", str(out),
             "--port", "0"],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8")
        self.lines: list[str] = []
        self._queue: queue.Queue = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        try:
            match = self.wait_for_output(r"serving (http://\S+)", "the serving address", timeout=120)
        except BaseException:  # pytest.fail included: never leave a server behind
            self.stop()
            raise
        self.url = match.group(1)
        self.origin = self.url.split("/lab-site/")[0]

    def _read(self):
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))
            self._queue.put(line)

    @property
    def output(self) -> str:
        return "\n".join(self.lines)

    def wait_for_output(self, pattern: str, what: str, timeout: float = STEP_TIMEOUT):
        def found():
            if self.proc.poll() is not None and self._queue.empty():
                pytest.fail(f"serve exited with {self.proc.returncode} before {what}:\n{self.output}")
            return re.search(pattern, self.output)
        return wait_until(found, what, timeout=timeout)

    def stop(self) -> int | None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=15)
        self._reader.join(timeout=15)        # its last lines read (the process has exited: the pipe ends)
        return self.proc.returncode


@pytest.fixture
def site(tmp_path):
    content = tmp_path / "content"
    (content / "papers").mkdir(parents=True)
    (content / "authors").mkdir()
    write(content / "site.yaml", SITE)
    write(content / "papers" / f"{PAPER_ID}.yaml", PAPER.format(title="Graph networks forecast the weather"))
    write(content / "authors" / "ada-lovelace.yaml", AUTHOR)
    server = ServeProcess(content, tmp_path / "out")
    try:
        yield content, server
    finally:
        server.stop()


def test_serve_rebuilds_on_edit_reports_a_broken_file_and_recovers(site):
    content, server = site
    paper_file = content / "papers" / f"{PAPER_ID}.yaml"
    page_url = f"{server.url}en/papers/{PAPER_ID}/"

    assert fetch(server.origin + "/").url == server.url, "/ leads to the site at its base_url"
    first = fetch(page_url)
    assert first.status == 200, first.body
    assert "Graph networks forecast the weather" in first.body
    site_links = re.findall(r'href="(/[^"]*)"', first.body)
    assert site_links and all(link.startswith("/lab-site/") for link in site_links), site_links

    # An edit shows up without restarting anything.
    write(paper_file, PAPER.format(title="Graph networks forecast the rain"))
    wait_until(lambda: "Graph networks forecast the rain" in fetch(page_url).body, "the edited title")

    # A broken edit: the terminal and the page both name the file and the line.
    write(paper_file, PAPER.format(title="Graph networks forecast the rain") + "authors: [unclosed\n")
    broken = wait_until(lambda: (r := fetch(page_url)).status == 500 and r, "the error page")
    where = re.search(rf"{re.escape(PAPER_ID)}\.yaml:(\d+): ", broken.body)
    assert where, broken.body
    assert "Build failed" in broken.body
    server.wait_for_output(rf"{re.escape(PAPER_ID)}\.yaml:{where.group(1)}: ", "the problem in the terminal")
    assert server.proc.poll() is None, "the server keeps running after a broken edit"

    # Fixing the file brings the site back.
    write(paper_file, PAPER.format(title="Graph networks forecast the snow"))
    fixed = wait_until(lambda: (r := fetch(page_url)).status == 200 and "forecast the snow" in r.body and r,
                       "the fixed page")
    assert "Build failed" not in fixed.body
    assert "__serve__/reload.js" in fixed.body
    built = (Path(str(content.parent)) / "out" / "en" / "papers" / PAPER_ID / "index.html").read_text("utf-8")
    assert "__serve__" not in built, "the reload hook lives in the served response only"

    assert server.stop() == 0, server.output
    assert "stopped" in server.output
    assert "Traceback" not in server.output


def test_serve_starts_on_broken_content_and_shows_the_site_once_fixed(tmp_path):
    content = tmp_path / "content"
    (content / "papers").mkdir(parents=True)
    (content / "authors").mkdir()
    write(content / "site.yaml", SITE)
    write(content / "authors" / "ada-lovelace.yaml", AUTHOR)
    paper_file = content / "papers" / f"{PAPER_ID}.yaml"
    write(paper_file, "title: A title\nstatus: publishd\n")
    server = ServeProcess(content, tmp_path / "out")
    try:
        assert "build failed" in server.output
        r = fetch(server.url)
        assert r.status == 500 and f"{PAPER_ID}.yaml:2: " in r.body, r.body
        write(paper_file, PAPER.format(title="Now it builds"))
        wait_until(lambda: "Now it builds" in fetch(f"{server.url}en/papers/{PAPER_ID}/").body, "the fixed page")
    finally:
        assert server.stop() == 0, server.output


@pytest.mark.browser
def test_an_open_page_reloads_by_itself_after_an_edit(site, page):
    """The `page` fixture (conftest) also fails the test if anything loads from another origin."""
    content, server = site
    paper_file = content / "papers" / f"{PAPER_ID}.yaml"
    timeout_ms = STEP_TIMEOUT * 1000
    page.goto(f"{server.url}en/papers/{PAPER_ID}/")
    assert page.get_by_text("Graph networks forecast the weather").first.is_visible()

    write(paper_file, PAPER.format(title="Graph networks forecast the hail"))
    page.get_by_text("Graph networks forecast the hail").first.wait_for(timeout=timeout_ms)

    write(paper_file, PAPER.format(title="Broken") + "date: [\n")
    page.locator("#build-problems").wait_for(timeout=timeout_ms)
    assert f"{PAPER_ID}.yaml:" in page.locator("#build-problems").inner_text()

    write(paper_file, PAPER.format(title="Graph networks forecast the fog"))
    page.get_by_text("Graph networks forecast the fog").first.wait_for(timeout=timeout_ms)


def test_the_builds_own_writes_never_trigger_a_rebuild(tmp_path):
    """Even when the output folder sits inside a watched folder, or is swapped in beside it."""
    out = tmp_path / "output"
    accept = serve._change_filter(out)
    assert not accept(None, str(out / "en" / "index.html"))
    assert not accept(None, str(out))
    assert not accept(None, str(tmp_path / ".output.new-x1y2" / "en" / "index.html"))
    assert not accept(None, str(tmp_path / "content" / ".entry.yaml.swp")), "editor swap files"
    assert accept(None, str(tmp_path / "content" / "papers" / "a.yaml"))
    assert accept(None, str(tmp_path / "outputs" / "a.yaml"))


def test_content_templates_and_extra_paths_are_watched(tmp_path):
    from site_builder.build.render import TEMPLATES
    content = tmp_path / "content"
    (content / "papers").mkdir(parents=True)
    extra = tmp_path / "notes"
    extra.mkdir()
    watched = serve.watched_paths(content, [str(extra), str(content / "papers"), str(tmp_path / "absent")])
    assert watched == [content.resolve(), TEMPLATES.resolve(), extra.resolve()]


def test_the_rebuild_message_names_the_edited_file_not_the_editors_temporary_one(tmp_path):
    import watchfiles

    from site_builder.serve import _describe

    content = tmp_path / "content"
    (content / "papers").mkdir(parents=True)
    edited = content / "papers" / "a-paper.yaml"
    edited.write_text("title: A\n", encoding="utf-8")
    gone = content / "papers" / "sedAb12Cd"          # sed -i's temporary file, renamed onto a-paper.yaml
    deleted = content / "papers" / "old-paper.yaml"
    changes = {(watchfiles.Change.added, str(gone)), (watchfiles.Change.modified, str(edited)),
               (watchfiles.Change.deleted, str(deleted))}
    assert _describe(changes, [content]) == " after a change to content/papers/a-paper.yaml, content/papers/old-paper.yaml"


def _get(url: str, host: str | None) -> tuple[int, str]:
    request = urllib.request.Request(url)
    if host is not None:
        request.add_unredirected_header("Host", host)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "[::1]:{port}", "localhost",
                                  "preview.localhost:{port}"])
def test_the_preview_answers_to_its_own_names(preview, host):
    port = preview.url.rsplit(":", 1)[1]
    status, _ = _get(preview.url + "/lab-site/", host.format(port=port))
    assert status == 200


@pytest.mark.parametrize("host", ["evil.example:{port}", "evil.example", "127.0.0.1.evil.example:{port}",
                                  "localhost.evil.example"])
def test_a_rebound_host_name_cannot_read_the_preview(preview, host):
    """DNS rebinding: a page of evil.example makes its own name point at 127.0.0.1 and reads what it
    gets back; the preview must refuse any name it was not started for, on every path."""
    port = preview.url.rsplit(":", 1)[1]
    for path in ("/lab-site/", "/lab-site/index.html", serve.STATUS_PATH, serve.EVENTS_PATH):
        status, body = _get(preview.url + path, host.format(port=port))
        assert status == 403, path
        assert "Wrong host" in body and "--allow-host" in body and "First title" not in body


def test_allow_host_and_a_wildcard_address_widen_the_names():
    assert serve.host_allowed("lab-laptop.local:8000", serve.allowed_host_names("127.0.0.1", ["lab-laptop.local"]))
    assert not serve.host_allowed("lab-laptop.local:8000", serve.allowed_host_names("127.0.0.1"))
    everywhere = serve.allowed_host_names("0.0.0.0")
    assert serve.host_allowed(f"{socket.gethostname()}:8000", everywhere)
    assert serve.host_allowed("192.168.1.20:8000", everywhere)      # an address is never a rebound name
    assert not serve.host_allowed("evil.example:8000", everywhere)
