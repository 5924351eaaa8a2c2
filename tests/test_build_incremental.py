"""Incremental rebuilds (site_builder/incremental/) make only what an edit touches, and give
exactly a clean build's bytes, warnings and totals, whatever the edit; a store or an output
the engine cannot trust makes it make everything again."""
from __future__ import annotations

import os
import random

import pytest
import yaml

from conftest import bench_corpus, build, edit, fail_on_call, png_bytes
from test_build_site import snapshot


@pytest.fixture
def corpus_site(tmp_path, monkeypatch):
    """A 60-paper bilingual corpus built once; file times are trusted at once (RACY_NS = 0)."""
    from site_builder.build import loader
    monkeypatch.setattr(loader, "RACY_NS", 0)
    content = tmp_path / "content"
    bench_corpus().write_corpus(content, 60, ["en", "fr"], seed=7)
    (content / "portraits").mkdir()
    (content / "portraits" / "first.png").write_bytes(png_bytes())       # one person with a portrait
    edit(sorted((content / "authors").glob("*.yaml"))[0], portrait="portraits/first.png")
    out = tmp_path / "output"
    first = build(content, out)
    assert first.made == first.outputs
    return content, out


def only_what_changed(result) -> bool:
    """The build made the few outputs an edit touches, and kept the rest."""
    return 0 < result.made < result.outputs / 3


def papers(content):
    return sorted((content / "papers").glob("*.yaml"))


def names(content):
    return [yaml.safe_load(a.read_text(encoding="utf-8"))["name"] for a in sorted((content / "authors").glob("*.yaml"))]


def clean_build(content, tmp_path):
    out = tmp_path / f"clean-{sum(1 for _ in tmp_path.glob('clean-*'))}"
    return out, build(content, out, use_cache=False)


def assert_same_as_clean(content, out, result, tmp_path, label):
    clean, clean_result = clean_build(content, tmp_path)
    assert snapshot(out) == snapshot(clean), label
    assert [p.format() for p in result.warnings] == [p.format() for p in clean_result.warnings], label
    assert (result.pages, result.files, result.bytes) == (clean_result.pages, clean_result.files, clean_result.bytes)


def paper_edit(rng, content, people):
    """One edit of a paper file (or of what a person's page says) of the kinds editors make."""
    if rng.random() < 0.25:
        target = rng.choice(sorted((content / "authors").glob("*.yaml")))
        field, value = rng.choice([("role", "Professor"), ("role", ""), ("homepage", "https://example.org/~me"),
                                   ("orcid", "0000-0002-1825-0097")])
        edit(target, **{field: value})
        return f"{field} {target.name}"
    if rng.random() < 0.15:
        kind = rng.choice(["add", "delete", "draft"])
        if kind == "add":
            name = f"added-{rng.randrange(10**6)}.yaml"
            (content / "papers" / name).write_text(yaml.safe_dump(
                {"title": f"An added paper {rng.randrange(10**6)}", "authors": rng.sample(people, 2),
                 "date": f"20{rng.randrange(15, 27)}-0{rng.randrange(1, 9)}"}, allow_unicode=True), encoding="utf-8")
            return f"add {name}"
        target = rng.choice(papers(content))
        if kind == "delete":
            target.unlink()
        else:
            edit(target, status=rng.choice(["draft", "published"]))
        return f"{kind} {target.name}"
    target = rng.choice(papers(content))
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    kind = rng.choice(["title", "abstract", "authors", "date", "unknown-author", "title-twin", "venue"])
    if kind == "title":
        data["title"] = rng.choice(["Zebra ", "Aardvark ", ""]) + data["title"] + f" (revised {rng.randrange(100)})"
    elif kind == "abstract":
        data["abstract"] = (data.get("abstract") or "") + " A *new* sentence & <more>."
    elif kind == "authors":
        data["authors"] = rng.sample(people, rng.randrange(1, 5))
    elif kind == "date":
        data["date"] = rng.choice([f"20{rng.randrange(15, 27)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 28):02d}",
                                   f"20{rng.randrange(15, 27)}", ""])
    elif kind == "unknown-author":
        data["authors"] = list(data.get("authors") or []) + ["Someone Nobody Knows"]
    elif kind == "title-twin":       # a probable duplicate of another paper: a warning
        other = yaml.safe_load(rng.choice(papers(content)).read_text(encoding="utf-8"))
        data["title"] = other["title"] + "."
    else:
        data["venue"] = "Journal of Quick Rebuilds"
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return f"{kind} {target.name}"


def test_random_paper_edits_make_what_they_touch_and_match_a_clean_build_every_time(corpus_site, tmp_path):
    content, out = corpus_site
    people = names(content)
    rng = random.Random(3)
    for round_number in range(8):
        kinds = [paper_edit(rng, content, people) for _ in range(rng.randrange(1, 4))]
        result = build(content, out)
        assert only_what_changed(result), kinds
        assert_same_as_clean(content, out, result, tmp_path, f"{round_number}: {kinds}")


def test_an_edit_undone_is_undone_in_the_output(corpus_site, tmp_path):
    content, out = corpus_site
    target = papers(content)[5]
    original = target.read_bytes()
    before = snapshot(out)
    edit(target, title="A Completely Different Title", authors=names(content)[:2], date="2026-01-02")
    assert only_what_changed(build(content, out))
    assert snapshot(out) != before
    target.write_bytes(original)
    result = build(content, out)
    assert only_what_changed(result)
    assert snapshot(out) == before


def test_unchanged_pages_are_not_written_again(corpus_site):
    content, out = corpus_site
    target = papers(content)[0]
    paper_id = target.stem
    untouched = [p for p in (out / "en" / "papers").iterdir() if p.name != paper_id][0] / "index.html"
    stamp = untouched.stat().st_mtime_ns, untouched.stat().st_ino
    edit(target, abstract="Only the abstract changed.")
    assert only_what_changed(build(content, out))
    assert (untouched.stat().st_mtime_ns, untouched.stat().st_ino) == stamp
    assert "Only the abstract changed." in (out / "en" / "papers" / paper_id / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("change", ["added", "removed", "made a draft", "published", "added then removed"])
def test_papers_added_removed_published_or_withdrawn_make_what_they_touch(corpus_site, tmp_path, change):
    content, out = corpus_site
    people = names(content)
    if change in ("added", "added then removed"):
        (content / "papers" / "a-new-paper.yaml").write_text(yaml.safe_dump(
            {"title": "A new paper", "authors": people[:2] + ["Someone Nobody Knows"], "date": "2026-02-03"}),
            encoding="utf-8")
    elif change == "removed":
        papers(content)[2].unlink()
    elif change == "made a draft":
        edit(papers(content)[3], status="draft")
    else:
        edit(papers(content)[3], status="draft")
        assert only_what_changed(build(content, out))
        edit(papers(content)[3], status="published")
    result = build(content, out)
    assert only_what_changed(result)
    assert_same_as_clean(content, out, result, tmp_path, change)
    if change == "added then removed":
        (content / "papers" / "a-new-paper.yaml").unlink()
        result = build(content, out)
        assert only_what_changed(result)
        assert not (out / "en" / "papers" / "a-new-paper").exists()
        assert_same_as_clean(content, out, result, tmp_path, change + ", gone")


@pytest.mark.parametrize("change", ["author name", "site", "author added", "bad file name", "portrait folder"])
def test_other_changes_match_a_clean_build_too(corpus_site, tmp_path, change):
    from site_builder.errors import ContentError
    content, out = corpus_site
    edit(papers(content)[1], title="Edited first")
    assert only_what_changed(build(content, out))
    if change == "author name":
        author = sorted((content / "authors").glob("*.yaml"))[0]
        edit(author, name=yaml.safe_load(author.read_text(encoding="utf-8"))["name"] + " Jr")
    elif change == "site":
        edit(content / "site.yaml", description="Another description")
    elif change == "author added":
        (content / "authors" / "new-person.yaml").write_text("name: New Person\n", encoding="utf-8")
    elif change == "bad file name":
        (content / "papers" / "Bad Name.yaml").write_text("title: x\nauthors: []\n", encoding="utf-8")
    else:
        (content / "portraits" / "stray.yaml").write_text("title: x\n", encoding="utf-8")
    if change in ("portrait folder", "bad file name"):
        with pytest.raises(ContentError, match="not read|not a valid id"):
            build(content, out)
        return
    result = build(content, out)
    if change == "site":         # every page shows the site's settings
        assert result.made == result.outputs
    else:
        assert 0 < result.made < result.outputs
    assert_same_as_clean(content, out, result, tmp_path, change)
    edit(papers(content)[4], title="Edited again after that")
    result = build(content, out)
    assert only_what_changed(result)
    assert_same_as_clean(content, out, result, tmp_path, change + " then a paper")


def test_an_error_in_an_edited_paper_is_reported_like_a_full_build_and_writes_nothing(corpus_site):
    from site_builder.errors import ContentError
    content, out = corpus_site
    before = snapshot(out)
    target = papers(content)[0]
    target.write_text(target.read_text(encoding="utf-8").replace("title:", "titel:", 1), encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        build(content, out)
    messages = [p.format() for p in raised.value.problems]
    assert any(m.startswith(f"{content}/papers/{target.name}:") and "titel" in m for m in messages), messages
    assert snapshot(out) == before


def test_strict_with_new_warnings_fails_like_a_full_build(corpus_site):
    from site_builder.errors import ContentError
    content, out = corpus_site
    edit(papers(content)[0], authors=["Someone Nobody Knows"])
    with pytest.raises(ContentError, match="matches no author entry"):
        build(content, out, strict=True)


def test_an_update_interrupted_while_writing_is_repaired_by_the_next_build(corpus_site, tmp_path, monkeypatch):
    from site_builder.build import writer
    from site_builder.errors import BuildError
    content, out = corpus_site
    edit(papers(content)[0], title="Interrupted")
    monkeypatch.setattr(writer.os, "replace", fail_on_call(os.replace, 3, OSError("disk full")))
    with pytest.raises(BuildError, match="the site is partly updated: build again once this is fixed"):
        build(content, out)
    monkeypatch.undo()
    from site_builder.build import loader
    monkeypatch.setattr(loader, "RACY_NS", 0)
    result = build(content, out)
    assert only_what_changed(result)
    assert_same_as_clean(content, out, result, tmp_path, "after the interruption")


def test_a_page_written_by_an_earlier_build_is_kept_while_what_it_shows_stays(corpus_site, tmp_path):
    """The record of each build says what the output holds; the next one keeps what is right."""
    content, out = corpus_site
    target = papers(content)[0]
    edit(target, title="Patched title")
    assert only_what_changed(build(content, out))
    page = out / "en" / "papers" / target.stem / "index.html"
    stamp = page.stat().st_ino
    author = sorted((content / "authors").glob("*.yaml"))[0]
    edit(author, name=yaml.safe_load(author.read_text(encoding="utf-8"))["name"] + " Jr")
    result = build(content, out)
    assert page.stat().st_ino == stamp       # written by the build before, still right: not made again
    assert_same_as_clean(content, out, result, tmp_path, "after two builds")


def test_a_damaged_store_falls_back_to_a_full_build(corpus_site, tmp_path):
    from site_builder.incremental.engine import folder_for
    content, out = corpus_site
    (folder_for(out) / "head.marshal").write_bytes(b"\x80\x04not a pickle")
    edit(papers(content)[0], title="After damage")
    result = build(content, out)
    assert result.made == result.outputs
    assert_same_as_clean(content, out, result, tmp_path, "damaged")


def test_a_title_edit_renders_its_own_entries_and_reuses_the_others_in_the_lists(corpus_site, tmp_path, monkeypatch):
    from site_builder.build.compose import Composer
    content, out = corpus_site
    rendered = []
    real_entry = Composer._render_entry
    monkeypatch.setattr(Composer, "_render_entry", lambda self, key: rendered.append(key) or real_entry(self, key))
    target = papers(content)[3]
    # (Its first word kept: a new citation key could move another paper's "a"/"b" suffix, and that
    # paper's entries would change too.)
    edit(target, title=yaml.safe_load(target.read_text(encoding="utf-8"))["title"] + ": A Title Swapped In Place")
    result = build(content, out)
    assert only_what_changed(result)
    assert rendered and {pid for _, pid, _ in rendered} == {target.stem}     # every other entry: the last build's
    for lang in ("en", "fr"):
        assert any("A Title Swapped In Place" in page.read_text(encoding="utf-8")      # on its page of the list
                   for page in (out / lang / "publications").rglob("index.html"))
    monkeypatch.undo()
    assert_same_as_clean(content, out, result, tmp_path, "swapped")


def test_a_build_with_nothing_edited_writes_nothing(corpus_site):
    content, out = corpus_site
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    result = build(content, out)
    assert result.made == 0
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} == stamps


def test_a_role_edit_makes_the_person_and_people_pages(corpus_site, tmp_path):
    content, out = corpus_site
    author = sorted((content / "authors").glob("*.yaml"))[2]
    edit(author, role="Visiting Professor")
    result = build(content, out)
    assert only_what_changed(result)
    for lang in ("en", "fr"):
        assert "Visiting Professor" in (out / lang / "authors" / author.stem / "index.html").read_text(encoding="utf-8")
        assert "Visiting Professor" in (out / lang / "people" / "index.html").read_text(encoding="utf-8")
    assert_same_as_clean(content, out, result, tmp_path, "role")


# Regressions found by an adversarial review: each fails without its fix.

def test_an_editors_backup_file_in_papers_is_never_read_as_a_paper(corpus_site, tmp_path):
    content, out = corpus_site
    target = papers(content)[5]
    (content / "papers" / (target.name + "~")).write_bytes(target.read_bytes())     # as Emacs leaves it
    (content / "papers" / (target.name + ".bak")).write_bytes(target.read_bytes())
    edit(target, title="The title as saved")
    build(content, out)
    edit(papers(content)[8], title="Any other edit")
    result = build(content, out)
    assert only_what_changed(result)
    assert "The title as saved" in (out / "en" / "papers" / target.stem / "index.html").read_text(encoding="utf-8")
    assert_same_as_clean(content, out, result, tmp_path, "backup files")


def test_a_paper_replaced_by_a_link_leading_out_of_content_is_refused_as_a_full_build_does(corpus_site, tmp_path):
    from site_builder.errors import ContentError
    content, out = corpus_site
    target = papers(content)[0]
    outside = tmp_path / "outside.yaml"
    outside.write_bytes(target.read_bytes())
    target.unlink()
    target.symlink_to(outside)
    with pytest.raises(ContentError, match="outside content"):
        build(content, out)


def test_strict_with_nothing_edited_still_fails_on_warnings(corpus_site):
    from site_builder.errors import ContentError
    content, out = corpus_site
    edit(papers(content)[0], authors=["Someone Nobody Knows"])
    build(content, out)
    with pytest.raises(ContentError, match="matches no author entry"):
        build(content, out, strict=True)


def test_warnings_of_linking_are_reported_once_by_incremental_builds(corpus_site, tmp_path):
    content, out = corpus_site
    first, second = sorted((content / "authors").glob("*.yaml"))[:2]
    edit(second, aliases=[yaml.safe_load(first.read_text(encoding="utf-8"))["name"]])   # a name two people go by
    build(content, out)
    edit(papers(content)[7], title="Unrelated")
    result = build(content, out)
    assert only_what_changed(result)
    assert_same_as_clean(content, out, result, tmp_path, "shared name")


def test_a_search_shard_dropped_by_one_build_does_not_come_back_from_an_older_one(
        corpus_site, tmp_path, monkeypatch):
    content, out = corpus_site
    target = papers(content)[4]
    original = target.read_bytes()
    shards = {p.name.split("-")[1] for p in (out / "en" / "search").glob("t-*.json")}
    letter = next(c for c in "9876qxzjkwy" if c not in shards)
    edit(target, title=yaml.safe_load(original)["title"] + f" {letter}{letter}unique")
    build(content, out)
    assert list((out / "en" / "search").glob(f"t-{letter}-*.json"))
    target.write_bytes(original)
    build(content, out)
    edit(papers(content)[9], abstract="Another edit, anywhere.")
    result = build(content, out)
    assert not list((out / "en" / "search").glob(f"t-{letter}-*.json"))
    assert_same_as_clean(content, out, result, tmp_path, "dropped shard")


def test_site_settings_saved_while_a_build_runs_are_read_by_the_next_build(corpus_site, monkeypatch, tmp_path):
    import site_builder.build.compose as compose_module
    from site_builder.build import loader
    content, out = corpus_site
    real_make = compose_module.make

    def make_while_editing(*args, **kwargs):
        edit(content / "site.yaml", title="Saved while the build ran")
        return real_make(*args, **kwargs)

    author = sorted((content / "authors").glob("*.yaml"))[0]
    edit(author, name="Renamed Person")
    monkeypatch.setattr(compose_module, "make", make_while_editing)
    build(content, out)
    monkeypatch.setattr(compose_module, "make", real_make)
    monkeypatch.setattr(loader, "RACY_NS", 0)
    result = build(content, out)
    assert result.made == result.outputs          # the title is on every page
    assert "Saved while the build ran" in (out / "en" / "index.html").read_text(encoding="utf-8")
    assert_same_as_clean(content, out, result, tmp_path, "site.yaml during a build")


def test_a_lost_store_makes_the_next_build_a_full_one(corpus_site, tmp_path):
    import shutil
    from site_builder.incremental.engine import folder_for
    content, out = corpus_site
    target = papers(content)[3]
    original = target.read_bytes()
    edit(target, title=yaml.safe_load(original)["title"] + " 9zzunique")
    assert only_what_changed(build(content, out))
    shutil.rmtree(folder_for(out))
    target.write_bytes(original)
    result = build(content, out)
    assert result.made == result.outputs
    assert_same_as_clean(content, out, result, tmp_path, "store lost")


@pytest.mark.parametrize("damage", ["page folder deleted", "language deleted", "list edited", "style sheet deleted"])
def test_output_changed_by_hand_is_repaired_by_the_next_build(corpus_site, tmp_path, damage):
    """Every file of the output is checked against the record of the build that wrote it: what
    someone changed since is made again, and the site comes out as a clean build makes it."""
    import shutil
    content, out = corpus_site
    edit(papers(content)[2], title="Edited Before The Output Was Damaged")
    assert only_what_changed(build(content, out))
    if damage == "page folder deleted":
        shutil.rmtree(next((out / "fr" / "papers").iterdir()))
    elif damage == "language deleted":
        shutil.rmtree(out / "fr")
    elif damage == "list edited":
        (out / "en" / "publications" / "index.html").write_text("<p>hand-made</p>", encoding="utf-8")
    else:
        next((out / "static").glob("*.css")).unlink()
    edit(papers(content)[4], abstract="A second edit, after the damage.")
    result = build(content, out)
    assert result.made > 0
    assert_same_as_clean(content, out, result, tmp_path, damage)
    assert build(content, out).made == 0          # and the build after that trusts the output again


# Every kind of edit an editor or a lab makes, on the demo site with a copy of the templates.

EDITS = ["paper added", "paper edited", "paper deleted", "paper renamed", "author added", "author renamed",
         "alias added", "template", "translation", "site.yaml", "portrait", "static file",
         "news added", "news edited", "news deleted", "member added"]


@pytest.mark.parametrize("change", EDITS)
def test_every_kind_of_edit_gives_a_clean_builds_bytes_warnings_and_totals(tmp_path, change):
    import shutil
    from conftest import DEMO_AUTHORS, DEMO_NEWS, DEMO_PAPERS, ROOT, write_content
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    content = write_content(tmp_path / "content", papers=DEMO_PAPERS, authors=DEMO_AUTHORS,
                            files={"portraits/remi.png": png_bytes(), **DEMO_NEWS})
    out = tmp_path / "output"
    build(content, out, templates=templates)
    papers_dir, authors_dir = content / "papers", content / "authors"
    if change == "paper added":
        (papers_dir / "new-paper.yaml").write_text("title: A New Paper\nauthors: [Ghada Sokar, Someone Else]\n"
                                                   "date: 2025-01-02\n", encoding="utf-8")
    elif change == "paper edited":
        edit(papers_dir / "soft-moe-for-rl.yaml", abstract="A new abstract, with *emphasis*.", date="2021-03")
    elif change == "paper deleted":
        (papers_dir / "count-only.yaml").unlink()
    elif change == "paper renamed":
        (papers_dir / "soft-moe-for-rl.yaml").rename(papers_dir / "soft-moe.yaml")
        edit(content / "news" / "best-paper.yaml", papers=["soft-moe"])       # as check asks
    elif change == "author added":
        (authors_dir / "someone-else.yaml").write_text("name: Someone Else\nrole: Postdoc\n", encoding="utf-8")
    elif change == "author renamed":
        (authors_dir / "ghada-sokar.yaml").rename(authors_dir / "g-sokar.yaml")
        edit(content / "news" / "best-paper.yaml", people=["g-sokar", "remi-munos"])       # as check asks
    elif change == "alias added":
        edit(authors_dir / "michal-valko.yaml", aliases=["Côme Fiegel"])
    elif change == "template":
        paper_template = templates / "paper.html"
        paper_template.write_text(paper_template.read_text(encoding="utf-8").replace(
            "{% block head %}\n", '{% block head %}\n<meta name="generator" content="a test">\n', 1), encoding="utf-8")
    elif change == "translation":
        table = templates / "i18n" / "fr.yaml"
        table.write_text(table.read_text(encoding="utf-8").replace("nav_people:", "nav_people: Équipe\nold_nav_people:", 1),
                         encoding="utf-8")
    elif change == "site.yaml":
        edit(content / "site.yaml", title="Another Lab")
    elif change == "news added":
        (content / "news" / "new-item.yaml").write_text("date: 2025-02-03\ntitle: New\npapers: [count-only]\n",
                                                        encoding="utf-8")
    elif change == "news edited":
        edit(content / "news" / "best-paper.yaml", title={"en": "Another title", "fr": "Un autre titre"},
             people=["michal-valko"])
    elif change == "news deleted":
        (content / "news" / "best-paper.yaml").unlink()
    elif change == "member added":
        edit(authors_dir / "ghada-sokar.yaml", member=True, bio="A *short* bio.", github="gsokar")
    elif change == "portrait":
        (content / "portraits" / "remi.png").write_bytes(png_bytes(12, 12, (10, 200, 30)))
    else:
        style = templates / "static" / "site.css"
        style.write_text(style.read_text(encoding="utf-8") + "\n/* edited */\n", encoding="utf-8")
    result = build(content, out, templates=templates)
    clean = tmp_path / "clean"
    clean_result = build(content, clean, templates=templates, use_cache=False)
    assert snapshot(out) == snapshot(clean)
    assert [p.format() for p in result.warnings] == [p.format() for p in clean_result.warnings]
    assert (result.pages, result.files, result.bytes) == (clean_result.pages, clean_result.files, clean_result.bytes)
    if change in ("template", "translation", "site.yaml"):      # what every page is made with
        assert result.made == result.outputs
    else:                         # (the demo site is small: a paper is on most of its pages)
        assert 0 < result.made < result.outputs


@pytest.mark.parametrize("store", ["foreign", "stale"])
def test_a_foreign_or_stale_store_never_gives_a_wrong_site(corpus_site, tmp_path, monkeypatch, store):
    """Foreign: written by other code (none of it is used). Stale: an older build's, put back
    after later builds changed the output (its record no longer matches the files)."""
    import shutil
    from site_builder.incremental import engine
    content, out = corpus_site
    if store == "foreign":
        monkeypatch.setattr(engine, "code_digest", lambda: b"other code")
    else:
        older = tmp_path / "older-store"
        shutil.copytree(engine.folder_for(out), older)
        edit(papers(content)[2], title="Changed after the store was copied", date="2011-02-03")
        assert only_what_changed(build(content, out))
        shutil.rmtree(engine.folder_for(out))
        shutil.copytree(older, engine.folder_for(out))
    edit(papers(content)[5], abstract="And one more edit.")
    result = build(content, out)
    if store == "foreign":
        assert result.made == result.outputs
    assert_same_as_clean(content, out, result, tmp_path, store)
