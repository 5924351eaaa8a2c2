"""Serve the site under /lab-site/ on 127.0.0.1 and follow every internal link: none broken."""
from __future__ import annotations

import urllib.error
import urllib.request
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit


LINK_ATTRS = {"a": "href", "link": "href", "img": "src", "script": "src", "form": "action"}


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        name = LINK_ATTRS.get(tag)
        if name and a.get(name):
            self.urls.append(a[name])
        for attr in ("data-index", "data-base"):      # the search UI fetches these
            if a.get(attr):
                self.urls.append(a[attr])


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, "", b""


def crawl(start: str) -> tuple[set[str], list[str]]:
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(start))
    seen: set[str] = set()
    queue = [(start, "(start)")]
    broken: list[str] = []
    fragments: list[tuple[str, str, str]] = []
    ids: dict[str, set[str]] = {}
    while queue:
        url, source = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        status, kind, body = fetch(url)
        if status != 200:
            broken.append(f"{source} -> {url} ({status})")
            continue
        if "html" not in kind:
            continue
        parser = Links()
        parser.feed(body.decode("utf-8"))
        ids[url] = parser.ids
        for raw in parser.urls:
            absolute, fragment = urldefrag(urljoin(url, raw))
            if not absolute.startswith(origin):
                continue                     # other sites: not ours to check (and never loaded)
            if not urlsplit(absolute).path.startswith("/lab-site/"):
                broken.append(f"{url} -> {raw}: escapes the /lab-site/ sub-path")
                continue
            if fragment:
                fragments.append((url, absolute, fragment))
            queue.append((absolute, url))
    for source, target, fragment in fragments:
        if target in ids and fragment not in ids[target]:
            broken.append(f"{source} -> {target}#{fragment}: no such id")
    return seen, broken


def built_pages(out, base: str) -> set[str]:
    urls = set()
    for page in out.rglob("index.html"):
        folder = page.parent.relative_to(out).as_posix()
        urls.add(base if folder == "." else f"{base}{folder}/")
    return urls


def test_every_internal_link_of_the_demo_site_works_under_a_sub_path(demo_site, serve_site):
    base = serve_site(demo_site)
    seen, broken = crawl(base)
    assert not broken, "\n".join(broken)
    orphans = built_pages(demo_site, base) - seen
    assert not orphans, f"pages no link leads to: {sorted(orphans)}"


def test_every_internal_link_of_the_committed_site_works_under_a_sub_path(committed_site, serve_site):
    base = serve_site(committed_site)
    seen, broken = crawl(base)
    assert not broken, "\n".join(broken[:50])
    assert len(seen) >= 3


def test_the_404_page_links_work_from_a_deep_missing_url(demo_site, serve_site):
    base = serve_site(demo_site)
    status, _, body = fetch(base + "en/papers/gone/deeper/")
    assert status == 404
    parser = Links()
    parser.feed(body.decode("utf-8"))
    for raw in parser.urls:
        target = urljoin(base + "en/papers/gone/deeper/", raw)
        if target.startswith(base):
            assert fetch(urldefrag(target)[0])[0] == 200, raw
