"""Incremental rebuilds reuse unchanged pages and still give exactly a clean build's bytes."""
from __future__ import annotations

import os

import yaml

from site_builder import parallel

from conftest import DEMO_AUTHORS, DEMO_PAPERS, bench_corpus, build, edit, fail_on_call, png_bytes, write_content
from test_build_site import snapshot

PAPER = "en/papers/soft-moe-for-rl/index.html"
OTHER = "en/papers/count-only/index.html"


def inode(path):
    return os.stat(path).st_ino


def fresh(tmp_path, name="content"):
    return write_content(tmp_path / name, papers=DEMO_PAPERS, authors=DEMO_AUTHORS,
                         files={"portraits/remi.png": png_bytes()})


def test_rebuild_without_changes_reuses_every_paper_and_author_page(tmp_path):
    content = fresh(tmp_path)
    out = tmp_path / "output"
    build(content, out, base_url="/lab-site/")
    before = {p: inode(out / p) for p in (PAPER, OTHER, "en/authors/ghada-sokar/index.html",
                                  "en/publications/index.html", "en/index.html")}
    build(content, out, base_url="/lab-site/")
    assert inode(out / PAPER) == before[PAPER]
    assert inode(out / OTHER) == before[OTHER]
    assert inode(out / "en/authors/ghada-sokar/index.html") == before["en/authors/ghada-sokar/index.html"]
    assert inode(out / "en/publications/index.html") == before["en/publications/index.html"]   # the list is kept too
    assert inode(out / "en/index.html") == before["en/index.html"]     # and the front page


def test_edits_rerender_exactly_what_they_touch_and_match_a_clean_build(tmp_path):
    content = fresh(tmp_path)
    out = tmp_path / "output"
    build(content, out, base_url="/lab-site/")
    kept = inode(out / OTHER)
    edit(content / "papers" / "soft-moe-for-rl.yaml", title="Soft MoE, Revised")
    edit(content / "authors" / "ghada-sokar.yaml", name="Ghada Sokar-Renamed", aliases=["Ghada Sokar"])
    edit(content / "authors" / "michal-valko.yaml", role="Professor")      # the people page only
    (content / "papers" / "undated-note.yaml").unlink()
    edit(content / "papers" / "hostile-paper.yaml", status="draft")
    build(content, out, base_url="/lab-site/")

    clean = tmp_path / "clean"
    build(content, clean, base_url="/lab-site/")
    assert snapshot(out) == snapshot(clean)
    assert inode(out / OTHER) == kept                       # untouched paper: reused
    assert "Soft MoE, Revised" in (out / PAPER).read_text(encoding="utf-8")
    assert "Soft MoE, Revised" in (out / "fr/publications/index.html").read_text(encoding="utf-8")
    assert "Soft MoE, Revised" in (out / "fr/index.html").read_text(encoding="utf-8")     # the latest, on the front page
    # The co-author's new name shows on Rémi's page, whose own papers did not change.
    assert "Ghada Sokar-Renamed" in (out / "en/authors/remi-munos/index.html").read_text(encoding="utf-8")
    assert not (out / "en/papers/undated-note").exists()
    assert "Professor" in (out / "en/people/index.html").read_text(encoding="utf-8")
    assert not (out / "en/papers/hostile-paper").exists()


def test_no_cache_renders_everything(tmp_path):
    content = fresh(tmp_path)
    out = tmp_path / "output"
    build(content, out, base_url="/lab-site/")
    before = inode(out / OTHER)
    build(content, out, base_url="/lab-site/", use_cache=False)
    assert inode(out / OTHER) != before


def test_a_different_base_url_rerenders_everything(tmp_path):
    content = fresh(tmp_path)
    out = tmp_path / "output"
    build(content, out, base_url="/lab-site/")
    build(content, out, base_url="/other/")
    assert '<link rel="canonical" href="/other/en/papers/count-only/">' in (out / OTHER).read_text(encoding="utf-8")


def test_a_damaged_previous_output_is_never_trusted(tmp_path):
    content = fresh(tmp_path)
    out = tmp_path / "output"
    build(content, out, base_url="/lab-site/")
    (out / OTHER).unlink()
    build(content, out, base_url="/lab-site/")
    clean = tmp_path / "clean"
    build(content, clean, base_url="/lab-site/")
    assert snapshot(out) == snapshot(clean)


def test_a_page_edited_by_hand_is_rendered_again(tmp_path):
    content = fresh(tmp_path)
    out = tmp_path / "output"
    build(content, out, base_url="/lab-site/")
    original = (out / OTHER).read_bytes()
    (out / OTHER).write_bytes(original.replace(b"</main>", b"<p>hand edit</p></main>"))
    build(content, out, base_url="/lab-site/")
    assert (out / OTHER).read_bytes() == original


def test_many_changes_take_the_fresh_folder_path_and_still_match_a_clean_build(tmp_path, monkeypatch):
    from site_builder.build import writer
    content = fresh(tmp_path)
    out = tmp_path / "output"
    build(content, out, base_url="/lab-site/")
    kept = inode(out / OTHER)
    edit(content / "papers" / "soft-moe-for-rl.yaml", title="Soft MoE, Revised")
    monkeypatch.setattr(writer, "IN_PLACE_MAX_OUTPUTS", 0)     # as if a large part had changed
    build(content, out, base_url="/lab-site/")
    clean = tmp_path / "clean"
    build(content, clean, base_url="/lab-site/", use_cache=False)
    assert snapshot(out) == snapshot(clean)
    assert inode(out / OTHER) == kept                               # hard-linked into the new folder


def test_a_corrupt_store_is_ignored(tmp_path, monkeypatch):
    from site_builder.build import loader
    from site_builder.incremental.engine import folder_for
    monkeypatch.setattr(loader, "RACY_NS", 0)     # the portrait, just written, is trusted at once
    content = fresh(tmp_path)
    out = tmp_path / "output"
    build(content, out, base_url="/lab-site/")
    for kept in folder_for(out).iterdir():       # the head and every segment of every step
        kept.write_bytes(b"\x80\x04not a pickle")
    edit(content / "papers" / "soft-moe-for-rl.yaml", title="Soft MoE, Revised")
    result = build(content, out, base_url="/lab-site/")
    assert result.made == result.outputs          # nothing trusted: everything made again
    clean = tmp_path / "clean"
    build(content, clean, base_url="/lab-site/", use_cache=False)
    assert snapshot(out) == snapshot(clean)
    assert build(content, out, base_url="/lab-site/").made == 0      # and recorded afresh


def test_an_update_interrupted_while_writing_is_repaired_by_the_next_build(tmp_path, monkeypatch):
    import pytest
    from site_builder.build import writer
    from site_builder.errors import BuildError
    content = fresh(tmp_path)
    out = tmp_path / "output"
    build(content, out, base_url="/lab-site/")
    edit(content / "papers" / "soft-moe-for-rl.yaml", title="Soft MoE, Revised")
    monkeypatch.setattr(writer.os, "replace", fail_on_call(os.replace, 2, OSError("disk full")))
    with pytest.raises(BuildError, match="the site is partly updated: build again once this is fixed"):
        build(content, out, base_url="/lab-site/")
    monkeypatch.undo()
    # Half-updated: the record still describes the output before, so every file the edit touches
    # (written since, or not yet) is made again.
    result = build(content, out, base_url="/lab-site/")
    assert 0 < result.made < result.outputs
    clean = tmp_path / "clean"
    build(content, clean, base_url="/lab-site/", use_cache=False)
    assert snapshot(out) == snapshot(clean)


def test_unchanged_files_are_not_read_again_and_an_edit_that_keeps_size_and_time_is_seen(tmp_path, monkeypatch):
    import dataclasses
    import time
    from site_builder.build import loader
    monkeypatch.setattr(loader, "RACY_NS", 0)    # files this young are re-read (their times are coarse)
    content = fresh(tmp_path)
    out = tmp_path / "output"
    build(content, out, base_url="/lab-site/")
    target = content / "papers" / "soft-moe-for-rl.yaml"
    text = target.read_text(encoding="utf-8")
    stamp = os.stat(target)
    swapped = text.replace("Soft MoE", "Soft MoX", 1)
    assert swapped != text and len(swapped) == len(text)
    time.sleep(0.05)
    target.write_text(swapped, encoding="utf-8")
    os.utime(target, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))       # same size, same mtime: only ctime moved
    parsed = []
    real = loader.ENTRY
    monkeypatch.setattr(loader, "ENTRY", dataclasses.replace(real, run=lambda item: parsed.append(item[1]) or real.run(item)))
    build(content, out, base_url="/lab-site/")
    assert [os.path.basename(p) for p in parsed] == ["soft-moe-for-rl.yaml"]  # only the edited one
    assert "Soft MoX" in (out / PAPER).read_text(encoding="utf-8")
    clean = tmp_path / "clean"
    build(content, clean, base_url="/lab-site/", use_cache=False)
    assert snapshot(out) == snapshot(clean)


def test_a_small_edit_adds_a_small_segment_to_the_store(tmp_path, monkeypatch):
    from site_builder.build import loader
    from site_builder.incremental.engine import folder_for
    monkeypatch.setattr(loader, "RACY_NS", 0)
    content = tmp_path / "content"
    bench_corpus().write_corpus(content, 60, ["en", "fr"], seed=5)
    out = tmp_path / "output"
    build(content, out, base_url="/lab-site/")
    first = {p.name: p.stat().st_size for p in folder_for(out).iterdir() if p.name != "head.marshal"}
    assert first
    target = sorted((content / "papers").glob("*.yaml"))[7]
    edit(target, title=yaml.safe_load(target.read_text(encoding="utf-8"))["title"] + ", Revised")
    build(content, out, base_url="/lab-site/")
    now = {p.name: p.stat().st_size for p in folder_for(out).iterdir() if p.name != "head.marshal"}
    added = {name: size for name, size in now.items() if name not in first}
    assert {name: now.get(name) for name in first} == first    # what the first build kept stays as it is
    assert added and sum(added.values()) < sum(first.values()) / 4


def _random_edit(rng, content):
    """One edit of the kinds editors make, chosen at random."""
    papers = sorted((content / "papers").glob("*.yaml"))
    authors = sorted((content / "authors").glob("*.yaml"))
    names = [yaml.safe_load(a.read_text(encoding="utf-8"))["name"] for a in authors]
    kind = rng.choice(["title", "abstract", "authors", "date", "draft", "delete", "add", "rename", "alias", "role"])
    if kind in ("rename", "alias", "role"):
        target = rng.choice(authors)
        data = yaml.safe_load(target.read_text(encoding="utf-8"))
        if kind == "rename":
            data["name"] = data["name"] + " Jr"
        elif kind == "alias":
            data["aliases"] = list(data.get("aliases") or []) + [rng.choice(names).upper() + " X"]
        else:
            data["role"] = rng.choice(["Professor", "PhD Student", ""])
        target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return kind
    if kind == "add":
        (content / "papers" / f"added-{rng.randrange(10**6)}.yaml").write_text(yaml.safe_dump(
            {"title": f"An added paper {rng.randrange(10**6)}", "authors": rng.sample(names, 2),
             "date": f"20{rng.randrange(15, 26)}-0{rng.randrange(1, 9)}"}, allow_unicode=True), encoding="utf-8")
        return kind
    target = rng.choice(papers)
    if kind == "delete":
        target.unlink()
        return kind
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    if kind == "title":
        data["title"] = data["title"] + f" (revised {rng.randrange(100)})"
    elif kind == "abstract":
        data["abstract"] = (data.get("abstract") or "") + " A *new* sentence & more."
    elif kind == "authors":
        data["authors"] = rng.sample(names, rng.randrange(0, 4)) + ["Someone Unknown"]
    elif kind == "date":
        data["date"] = f"20{rng.randrange(15, 26)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 28):02d}"
    else:
        data["status"] = "draft"
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return kind


def test_random_edits_rebuilt_incrementally_match_a_clean_build_every_time(tmp_path, monkeypatch):
    """Rounds of random edits (papers and people, added and removed), each rebuilt from the
    cache and compared byte for byte with a build from nothing; the file-time shortcut is on."""
    import random
    from site_builder.build import loader
    monkeypatch.setattr(loader, "RACY_NS", 0)
    content = tmp_path / "content"
    bench_corpus().write_corpus(content, 60, ["en", "fr"], seed=5)
    out = tmp_path / "output"
    build(content, out)
    rng = random.Random(11)
    for round_number in range(6):
        kinds = [_random_edit(rng, content) for _ in range(rng.randrange(1, 4))]
        build(content, out)
        clean = tmp_path / f"clean-{round_number}"
        build(content, clean, use_cache=False)
        assert snapshot(out) == snapshot(clean), kinds


def _segments(out):
    from site_builder.incremental.engine import folder_for
    return sorted(p for p in folder_for(out).iterdir() if p.suffix == ".seg")


def test_a_truncated_or_damaged_segment_is_ignored_and_the_site_is_a_clean_builds(tmp_path, monkeypatch):
    """The store reads each result when asked for it: a segment of another size than the head
    says (truncated), or a result whose bytes changed (its CRC differs), is not used: the step
    runs again for what it held, and the site comes out as a clean build makes it."""
    from site_builder.build import loader
    monkeypatch.setattr(loader, "RACY_NS", 0)
    content = fresh(tmp_path)
    out = tmp_path / "output"
    build(content, out, base_url="/lab-site/")
    by_size = sorted(_segments(out), key=lambda p: p.stat().st_size)
    truncated, damaged = by_size[-1], by_size[-2]
    truncated.write_bytes(truncated.read_bytes()[:-100])
    data = bytearray(damaged.read_bytes())
    middle = len(data) // 3
    data[middle:middle + 16] = bytes(b ^ 0x5A for b in data[middle:middle + 16])      # same size, other bytes
    damaged.write_bytes(bytes(data))
    edit(content / "papers" / "soft-moe-for-rl.yaml", title="Soft MoE, Revised")
    (out / OTHER).unlink()                        # and a page the damaged results would make
    build(content, out, base_url="/lab-site/")
    clean = tmp_path / "clean"
    build(content, clean, base_url="/lab-site/", use_cache=False)
    assert snapshot(out) == snapshot(clean)
    assert not truncated.exists()                 # its step's results made again, and kept anew
    assert build(content, out, base_url="/lab-site/").made == 0          # and recorded afresh


def test_the_output_is_checked_by_a_forked_process_and_by_this_one_when_the_child_fails(tmp_path, monkeypatch):
    """Outside a threaded process (the command line), the previous output's files are checked
    against their record by a forked process while the build reads content/; a page edited by
    hand is made again either way, also when that process cannot answer."""
    import threading
    from site_builder.incremental import engine
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    monkeypatch.setattr(parallel, "core_free", lambda: True)
    content = fresh(tmp_path)
    out = tmp_path / "output"
    build(content, out, base_url="/lab-site/")
    original = (out / OTHER).read_bytes()
    forks = []
    real_fork = os.fork
    monkeypatch.setattr(engine.os, "fork", lambda: forks.append(1) or real_fork())
    (out / OTHER).write_bytes(original.replace(b"</main>", b"<p>hand edit</p></main>"))
    assert build(content, out, base_url="/lab-site/").made == 1
    assert (out / OTHER).read_bytes() == original and len(forks) == 3    # the output checked, the checks, the search index
    parent, real_changed = os.getpid(), engine._changed         # the child fails: no answer
    monkeypatch.setattr(engine, "_changed", lambda *args: real_changed(*args) if os.getpid() == parent else 1 / 0)
    (out / PAPER).write_bytes(b"<p>hand-made</p>")
    assert build(content, out, base_url="/lab-site/").made == 1
    assert (out / PAPER).read_bytes() != b"<p>hand-made</p>" and len(forks) == 6
    monkeypatch.setattr(parallel, "core_free", lambda: False)      # busy cores: all of it done here
    (out / OTHER).write_bytes(b"<p>hand-made</p>")
    assert build(content, out, base_url="/lab-site/").made == 1
    assert (out / OTHER).read_bytes() == original and len(forks) == 6
    clean = tmp_path / "clean"
    build(content, clean, base_url="/lab-site/", use_cache=False)
    assert snapshot(out) == snapshot(clean)


def test_an_update_makes_the_search_index_beside_the_build_and_here_when_that_process_fails(tmp_path, monkeypatch):
    """Outside a threaded process, a build that updates an earlier one makes the search index in
    a forked process while it prepares the views and decides what to make: the search files are
    a clean build's, and the blocks that process tokenised are kept (the next build tokenises
    none). When that process gives no answer, the build makes the index itself."""
    import threading
    from site_builder.build import search
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    monkeypatch.setattr(parallel, "core_free", lambda: True)
    content = fresh(tmp_path)
    out, clean = tmp_path / "output", tmp_path / "clean"
    build(content, out, base_url="/lab-site/")
    parent, real_document, real_index = os.getpid(), search._document, search.build_index
    tokenised = tmp_path / "tokenised"          # the process that tokenised each paper, a line each

    def document(item):
        with tokenised.open("a") as f:
            f.write(f"{os.getpid()}\n")
        return real_document(item)
    monkeypatch.setattr(search, "_document", document)

    edit(content / "papers" / "soft-moe-for-rl.yaml", title="Soft MoE, Revised Beside")
    assert build(content, out, base_url="/lab-site/").made > 0
    by = tokenised.read_text().split()
    assert by and str(parent) not in by                  # made by the forked process...
    tokenised.unlink()
    build(content, clean, base_url="/lab-site/", use_cache=False)
    assert snapshot(out) == snapshot(clean)
    tokenised.unlink()
    assert "Revised Beside" in (out / "en/search" / next(
        name for name in os.listdir(out / "en/search") if name.startswith("d-"))).read_text(encoding="utf-8")
    assert build(content, out, base_url="/lab-site/").made == 0
    assert not tokenised.exists()                       # ...and kept: nothing tokenised again

    monkeypatch.setattr(search, "build_index", lambda *args: real_index(*args) if os.getpid() == parent else 1 / 0)
    edit(content / "papers" / "soft-moe-for-rl.yaml", title="Soft MoE, Revised Here")
    assert build(content, out, base_url="/lab-site/").made > 0
    assert str(parent) in tokenised.read_text().split()      # the process failed: made here
    build(content, clean, base_url="/lab-site/", use_cache=False)
    assert snapshot(out) == snapshot(clean)


def test_an_update_checks_across_files_beside_the_views_and_an_error_still_stops_it(tmp_path, monkeypatch):
    """Outside a threaded process, an update runs the checks across files in a forked process
    while it links names and prepares the views: an error only they find (a news item naming a
    paper that does not exist, two names run together) stops the build with every such error,
    the output as it was; also when that process gives no answer (the checks run here)."""
    import threading
    import pytest
    from site_builder.build import checks
    from site_builder.errors import ContentError
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    monkeypatch.setattr(parallel, "core_free", lambda: True)
    content = fresh(tmp_path)
    out = tmp_path / "output"
    build(content, out, base_url="/lab-site/")
    before = snapshot(out)
    (content / "news").mkdir(exist_ok=True)
    (content / "news" / "a-prize.yaml").write_text("title: A prize\ndate: 2024-05-01\npapers: [no-such-paper]\n",
                                                    encoding="utf-8")
    edit(content / "papers" / "soft-moe-for-rl.yaml", authors=["Ann Lee - Bob Smith"])
    parent, real = os.getpid(), checks.across_files
    for fails in (False, True):
        if fails:
            monkeypatch.setattr(checks, "across_files", lambda *args: real(*args) if os.getpid() == parent else 1 / 0)
        with pytest.raises(ContentError) as error:
            build(content, out, base_url="/lab-site/")
        assert "unknown paper 'no-such-paper'" in str(error.value), fails
        assert "looks like two names run together" in str(error.value), fails
        assert snapshot(out) == before
    # An entry's own error stops the build before any view is prepared, with the checks' errors too.
    from site_builder.build import views
    monkeypatch.setattr(views, "prepare", lambda *args: 1 / 0)
    (content / "papers" / "broken.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    with pytest.raises(ContentError) as error:
        build(content, out, base_url="/lab-site/")
    assert "broken.yaml" in str(error.value) and "unknown paper 'no-such-paper'" in str(error.value)
    assert snapshot(out) == before


def test_an_edit_reads_the_texts_of_the_papers_it_shows_only_and_keeps_every_warning(tmp_path, monkeypatch):
    """A paper's texts (its HTML, BibTeX...) are read back from the store when an output made
    shows them: an edit of an old paper (not in the feed) reads its own and its authors' other
    papers' (their bibliographies), and those with math (checked for warnings), no other; it still
    warns about the math an unchanged paper cannot render, and gives a clean build's bytes
    (cite/all.bib, made by blocks, too)."""
    from site_builder.build import linking, loader, views
    monkeypatch.setattr(loader, "RACY_NS", 0)
    content = tmp_path / "content"
    bench_corpus().write_corpus(content, 200, ["en", "fr"], seed=5)
    papers = sorted((content / "papers").glob("*.yaml"))
    edit(papers[3], title="Bounds for $\\weird{x}_1$ in practice")            # math latex2mathml cannot read
    out = tmp_path / "output"
    first = build(content, out, base_url="/lab-site/")
    assert any("cannot be rendered" in w.message for w in first.warnings)
    loaded, _ = loader.load_content(content)
    links, _ = linking.link(loaded)
    oldest = min((p for p in loaded.papers if p.published and p.date and p.id != papers[3].stem), key=lambda p: p.date)
    people = {b.author_id for b in links.bylines[oldest.id] if b.author_id}
    shown = {oldest.id} | {pid for person in people for pid in links.papers_of[person]}
    with_math = {p.id for p in loaded.papers if "$" in p.title or "$" in p.abstract}
    assert papers[3].stem in with_math and len(shown | with_math) < 100
    read = []
    real = views._set_texts
    monkeypatch.setattr(views, "_set_texts", lambda fields, paper, texts: (read.append(paper.id), real(fields, paper, texts)))
    edit(content / "papers" / f"{oldest.id}.yaml", title=oldest.title + ", Revised")
    again = build(content, out, base_url="/lab-site/")
    assert oldest.id in read and set(read) <= shown | with_math
    assert [w.format() for w in again.warnings] == [w.format() for w in first.warnings]
    clean = tmp_path / "clean"
    assert [w.format() for w in build(content, clean, base_url="/lab-site/", use_cache=False).warnings] == \
        [w.format() for w in first.warnings]
    assert snapshot(out) == snapshot(clean)


def test_texts_whose_stored_bytes_are_damaged_are_made_again_when_used(tmp_path, monkeypatch):
    """The papers' texts are read when used, after the build has chosen what to make: a chunk of
    them damaged in the store is made again then, and the site is a clean build's."""
    from site_builder.build import loader
    monkeypatch.setattr(loader, "RACY_NS", 0)
    content = fresh(tmp_path)
    out = tmp_path / "output"
    build(content, out, base_url="/lab-site/")
    [texts] = [p for p in _segments(out) if p.name.startswith("paper-texts.")]
    data = bytearray(texts.read_bytes())
    data[10:26] = bytes(b ^ 0x5A for b in data[10:26])          # the first chunk's bytes, same size
    texts.write_bytes(bytes(data))
    edit(content / "papers" / "soft-moe-for-rl.yaml", title="Soft MoE, Revised")
    (out / OTHER).unlink()
    build(content, out, base_url="/lab-site/")
    clean = tmp_path / "clean"
    build(content, clean, base_url="/lab-site/", use_cache=False)
    assert snapshot(out) == snapshot(clean)


def test_a_person_renamed_shows_the_new_name_on_the_pages_of_papers_that_did_not_change(tmp_path, monkeypatch):
    """A paper's view is made from its entry and the names of the people it links to (their
    digest made with the links): renaming a co-author, with no paper file touched, makes the
    pages that show the name again (the papers', the co-authors'), as a clean build makes them."""
    from site_builder.build import loader
    monkeypatch.setattr(loader, "RACY_NS", 0)
    content = fresh(tmp_path)
    out = tmp_path / "output"
    build(content, out, base_url="/lab-site/")
    edit(content / "authors" / "michal-valko.yaml", name="Michal Valko-Renamed", aliases=["Michal Valko"])
    build(content, out, base_url="/lab-site/")
    clean = tmp_path / "clean"
    build(content, clean, base_url="/lab-site/", use_cache=False)
    assert snapshot(out) == snapshot(clean)
    for page in (PAPER, "fr/" + PAPER[3:], "en/authors/remi-munos/index.html"):
        assert "Michal Valko-Renamed" in (out / page).read_text(encoding="utf-8"), page


def test_results_kept_are_read_back_as_they_were_plain_or_not(tmp_path):
    """A step's results come back from the store with their types: plain data (marshalled) and
    objects of other types (pickled: Markup, a NamedTuple, a dataclass), in one chunk or apart."""
    from markupsafe import Markup
    from site_builder.build.linking import Byline
    from site_builder.build.work import Step
    from site_builder.errors import Problem
    from conftest import engine
    plain = [("a", 1, 2.5, None, True, b"x", ("t",), ["l"], {"k": frozenset({"f"})}) for _ in range(40)]
    other = [Markup("<b>x</b>"), Byline("Ann", "ann"), Problem("p.yaml", 3, "m")] + [("plain",)] * 40
    for name, results in (("plain", plain), ("other", other)):
        step = Step(name, lambda i: results[i], key=lambda i: (i, b"same"))
        first = engine(tmp_path)
        assert first.map(step, list(range(len(results)))) == results
        first.store.save()
        again = engine(tmp_path)
        read = again.map(Step(name, lambda i: 1 / 0, key=step.key), list(range(len(results))))
        assert read == results and [type(r) for r in read] == [type(r) for r in results]


def test_a_step_read_a_few_at_a_time_decodes_little_else(tmp_path):
    """Results of a step that a later build reads a few of (``Step.read_few``: the fragments, the
    papers' texts) are kept in small chunks: reading one decodes a handful of others, not a chunk
    of 32; both kinds come back whole, lazily or not, and a segment of either size reads in a
    store that now keeps the other."""
    from site_builder.build.work import Step
    from site_builder.incremental.store import CHUNK, SMALL_CHUNK
    from conftest import engine
    results = [f"result {i}" * 20 for i in range(200)]
    for read_few, size in ((True, SMALL_CHUNK), (False, CHUNK)):
        name = f"step-{read_few}"
        step = Step(name, lambda i: results[i], key=lambda i: (i, b"same"), read_few=read_few)
        first = engine(tmp_path)
        first.map(step, list(range(200)))
        first.store.save()
        again = engine(tmp_path)
        never = Step(name, lambda i: 1 / 0, key=step.key, read_few=read_few)
        lazy = again.map(never, list(range(200)), lazy=True)
        assert lazy[123] == results[123]
        [segment] = again.store.table(name).segments
        decoded = [r for chunk in segment.chunks.values() for r in chunk]
        assert len(decoded) == size and results[123] in decoded
        assert list(again.map(never, list(range(200)))) == results
        # the other size's store reads this segment as it was written
        other = engine(tmp_path)
        flipped = Step(name, lambda i: 1 / 0, key=step.key, read_few=not read_few)
        assert list(other.map(flipped, list(range(200)))) == results
