"""Quick rebuilds after paper edits (patch.py) give exactly a full build's bytes and warnings,
and leave everything else to the full build."""
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
    assert not first.patched
    return content, out


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


def test_random_paper_edits_are_patched_and_match_a_clean_build_every_time(corpus_site, tmp_path):
    content, out = corpus_site
    people = names(content)
    rng = random.Random(3)
    for round_number in range(8):
        kinds = [paper_edit(rng, content, people) for _ in range(rng.randrange(1, 4))]
        result = build(content, out)
        assert result.patched, kinds
        assert_same_as_clean(content, out, result, tmp_path, f"{round_number}: {kinds}")


def test_an_edit_undone_is_undone_in_the_output(corpus_site, tmp_path):
    content, out = corpus_site
    target = papers(content)[5]
    original = target.read_bytes()
    before = snapshot(out)
    edit(target, title="A Completely Different Title", authors=names(content)[:2], date="2026-01-02")
    assert build(content, out).patched
    assert snapshot(out) != before
    target.write_bytes(original)
    result = build(content, out)
    assert result.patched
    assert snapshot(out) == before


def test_unchanged_pages_are_not_written_again(corpus_site):
    content, out = corpus_site
    target = papers(content)[0]
    paper_id = target.stem
    untouched = [p for p in (out / "en" / "papers").iterdir() if p.name != paper_id][0] / "index.html"
    stamp = untouched.stat().st_mtime_ns, untouched.stat().st_ino
    edit(target, abstract="Only the abstract changed.")
    assert build(content, out).patched
    assert (untouched.stat().st_mtime_ns, untouched.stat().st_ino) == stamp
    assert "Only the abstract changed." in (out / "en" / "papers" / paper_id / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("change", ["added", "removed", "made a draft", "published", "added then removed"])
def test_papers_added_removed_published_or_withdrawn_are_patched(corpus_site, tmp_path, change):
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
        assert build(content, out).patched
        edit(papers(content)[3], status="published")
    result = build(content, out)
    assert result.patched
    assert_same_as_clean(content, out, result, tmp_path, change)
    if change == "added then removed":
        (content / "papers" / "a-new-paper.yaml").unlink()
        result = build(content, out)
        assert result.patched
        assert not (out / "en" / "papers" / "a-new-paper").exists()
        assert_same_as_clean(content, out, result, tmp_path, change + ", gone")


@pytest.mark.parametrize("change", ["author name", "site", "author added", "bad file name", "portrait folder"])
def test_other_changes_take_the_full_build_and_match_a_clean_build(corpus_site, tmp_path, change):
    from site_builder.errors import ContentError
    content, out = corpus_site
    edit(papers(content)[1], title="Edited first, patched")
    assert build(content, out).patched
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
    assert not result.patched
    assert_same_as_clean(content, out, result, tmp_path, change)
    edit(papers(content)[4], title="Patched again after the full build")
    result = build(content, out)
    assert result.patched
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


def test_a_patch_interrupted_while_writing_is_followed_by_a_full_build(corpus_site, tmp_path, monkeypatch):
    from site_builder.incremental import patch
    content, out = corpus_site
    edit(papers(content)[0], title="Interrupted")
    monkeypatch.setattr(patch.os, "replace", fail_on_call(os.replace, 3, OSError("disk full")))
    with pytest.raises(OSError):
        build(content, out)
    monkeypatch.undo()
    from site_builder.build import loader
    monkeypatch.setattr(loader, "RACY_NS", 0)
    result = build(content, out)
    assert not result.patched
    assert_same_as_clean(content, out, result, tmp_path, "after the interruption")


def test_a_full_build_after_patches_reuses_what_they_wrote(corpus_site, tmp_path):
    """The manifest plus the patches' record tells the full build what the output holds."""
    content, out = corpus_site
    target = papers(content)[0]
    edit(target, title="Patched title")
    assert build(content, out).patched
    page = out / "en" / "papers" / target.stem / "index.html"
    stamp = page.stat().st_ino
    author = sorted((content / "authors").glob("*.yaml"))[0]
    edit(author, name=yaml.safe_load(author.read_text(encoding="utf-8"))["name"] + " Jr")
    result = build(content, out)
    assert not result.patched
    assert page.stat().st_ino == stamp       # written by the patch, still right: not rendered again
    assert_same_as_clean(content, out, result, tmp_path, "full after patch")


def test_a_damaged_state_falls_back_to_a_full_build(corpus_site, tmp_path):
    from site_builder.incremental import patch
    content, out = corpus_site
    patch._paths(out)[0].write_bytes(b"\x80\x04not a pickle")
    edit(papers(content)[0], title="After damage")
    result = build(content, out)
    assert not result.patched
    assert_same_as_clean(content, out, result, tmp_path, "damaged")


def test_a_title_edit_swaps_the_entry_in_the_lists_without_rendering_them(corpus_site, tmp_path, monkeypatch):
    from site_builder.build.compose import Composer
    content, out = corpus_site
    real_page = Composer.page

    def page(self, planned):
        assert planned.kind != "list", "the list was rendered again"
        return real_page(self, planned)

    monkeypatch.setattr(Composer, "page", page)
    edit(papers(content)[3], title="A Title Swapped In Place")
    result = build(content, out)
    assert result.patched
    for lang in ("en", "fr"):
        assert "A Title Swapped In Place" in (out / lang / "index.html").read_text(encoding="utf-8")
    monkeypatch.undo()
    assert_same_as_clean(content, out, result, tmp_path, "swapped")


def test_a_build_with_nothing_edited_writes_nothing(corpus_site):
    content, out = corpus_site
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    result = build(content, out)
    assert result.patched
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} == stamps


def test_a_role_edit_patches_the_person_and_people_pages(corpus_site, tmp_path):
    content, out = corpus_site
    author = sorted((content / "authors").glob("*.yaml"))[2]
    edit(author, role="Visiting Professor")
    result = build(content, out)
    assert result.patched
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
    assert result.patched
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


def test_warnings_of_linking_are_reported_once_by_patches(corpus_site, tmp_path):
    content, out = corpus_site
    first, second = sorted((content / "authors").glob("*.yaml"))[:2]
    edit(second, aliases=[yaml.safe_load(first.read_text(encoding="utf-8"))["name"]])   # a name two people go by
    build(content, out)
    edit(papers(content)[7], title="Unrelated")
    result = build(content, out)
    assert result.patched
    assert_same_as_clean(content, out, result, tmp_path, "shared name")


def test_a_search_shard_dropped_by_one_build_does_not_come_back_from_an_older_memo_segment(
        corpus_site, tmp_path, monkeypatch):
    from site_builder.incremental import patch
    monkeypatch.setattr(patch, "MAX_EDITED", 0)       # the full build's memo alone
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


def test_site_settings_saved_while_a_full_build_runs_are_read_by_the_next_build(corpus_site, monkeypatch, tmp_path):
    import site_builder.build.pipeline as build_module
    from site_builder.build import loader
    content, out = corpus_site
    real_render = build_module.render_pages

    def render_while_editing(*args, **kwargs):
        edit(content / "site.yaml", title="Saved while the build ran")
        return real_render(*args, **kwargs)

    author = sorted((content / "authors").glob("*.yaml"))[0]
    edit(author, name="Renamed Person")                       # a full build
    monkeypatch.setattr(build_module, "render_pages", render_while_editing)
    build(content, out)
    monkeypatch.setattr(build_module, "render_pages", real_render)
    monkeypatch.setattr(loader, "RACY_NS", 0)
    result = build(content, out)
    assert not result.patched
    assert "Saved while the build ran" in (out / "en" / "index.html").read_text(encoding="utf-8")
    assert_same_as_clean(content, out, result, tmp_path, "site.yaml during a build")


def test_a_lost_patch_record_makes_the_next_build_a_full_one(corpus_site, tmp_path):
    from site_builder.incremental import patch
    content, out = corpus_site
    target = papers(content)[3]
    original = target.read_bytes()
    edit(target, title=yaml.safe_load(original)["title"] + " 9zzunique")
    assert build(content, out).patched
    patch._paths(out)[1].unlink()
    target.write_bytes(original)
    result = build(content, out)
    assert not result.patched
    assert_same_as_clean(content, out, result, tmp_path, "overlay lost")


@pytest.mark.parametrize("damage", ["page folder deleted", "language deleted", "list edited", "style sheet deleted"])
def test_output_changed_by_hand_is_repaired_by_the_next_build_not_patched_over(corpus_site, tmp_path, damage):
    """A patch trusts the output as the last build left it: if someone changed it since, the
    next build is a full one and the site comes out as a clean build makes it."""
    import shutil
    content, out = corpus_site
    edit(papers(content)[2], title="Edited Before The Output Was Damaged")
    assert build(content, out).patched          # the record of the output is a patch's, too
    if damage == "page folder deleted":
        shutil.rmtree(next((out / "fr" / "papers").iterdir()))
    elif damage == "language deleted":
        shutil.rmtree(out / "fr")
    elif damage == "list edited":
        (out / "en" / "index.html").write_text("<p>hand-made</p>", encoding="utf-8")
    else:
        next((out / "static").glob("*.css")).unlink()
    edit(papers(content)[4], abstract="A second edit, after the damage.")
    result = build(content, out)
    assert not result.patched
    assert_same_as_clean(content, out, result, tmp_path, damage)
    assert build(content, out).patched          # and the build after that trusts the output again
