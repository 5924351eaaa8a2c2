"""The review report for editors (Markdown): what this ingest run did and what needs a human.

Deterministic: the same run gives the same bytes (no timestamps, everything sorted).
"""
from __future__ import annotations

import math
from collections import defaultdict

from .cluster import Evidence
from .merge import source_order


def _score(ev: Evidence) -> str:
    parts = []
    if ev.title_score:
        parts.append(f"title {ev.title_score:.0f}/100")
    if ev.author_overlap is not None:
        parts.append(f"authors {ev.author_overlap:.0%} shared")
    if ev.abstract_score is not None:
        parts.append(f"abstract {ev.abstract_score:.0f}/100")
    return ", ".join(parts)


def _across(ev: Evidence) -> str:
    """What held across the two groups this join brought together (every pair was checked)."""
    if not ev.checked:
        return ""
    return (f"; across the two groups, {ev.checked} pair(s) checked: {ev.agreeing} the same paper on their own "
            f"evidence, {ev.contradicting or 'none'} contradicting")


def _uncertain_lines(result) -> list[str]:
    """Lines whose other reading was nearly as likely: each landed once, in its likelier reading."""
    out = ["## Lines that could be read either way", "",
           "Each line below was read in its more likely way (from the line itself and the lines around it) "
           "and is in exactly one entry. If the other reading is right, fix the entry by hand: move the "
           "name into the authors of the paper above, or make a paper of the title.", ""]
    rows = []
    for parsed in result.parsed:
        by_line = {n: r for r in parsed.papers for n in r.lines}
        for u in getattr(parsed, "uncertain", ()):
            record = by_line.get(u.line)
            if record is None:
                continue
            if u.chosen == "names":
                chosen = f"an author of {_cell(record.title or '(untitled)', 60)!r} ({record.source})"
                other = "the title of a paper of its own"
            else:
                chosen = f"the title of a paper ({record.source})"
                other = "an author of the paper above it"
            rows.append(f"- {parsed.name}:{u.line} {_cell(u.text, 60)!r}: read as {chosen}; could be {other} "
                        f"(the other reading is {math.exp(u.margin):.1f}× less likely)")
    return out + (rows or ["None."]) + [""]


def _cell(text: str, limit: int = 90) -> str:
    text = text.replace("|", "\\|").replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render_report(result) -> str:
    """The report of an ``ingest`` run, or of an ``import`` run (``result.command``): the same
    sections wherever both can have something to say."""
    items = result.items
    importing = result.command == "import"
    out: list[str] = ["# Import review report" if importing else "# Ingest review report", ""]
    out.append(f"Written by `python -m site_builder {result.command}` for the records that were new in this run. "
               + ("How to read it: docs/editing.md (Adding papers from BibTeX, RIS or CSL-JSON) and docs/ingest.md."
                  if importing else "How to read it: docs/ingest.md."))
    out.append("")
    out += ["## Summary", ""]
    if not importing:
        out.append(f"- capture date (--as-of): {result.as_of or 'not given (dates printed without a year stay unresolved)'}")
    out.append(f"- new records: {result.new_records}; already {'imported' if importing else 'ingested'} earlier: "
               f"{result.known_records}")
    created = [p for p in result.papers if p.action == "created"]
    out.append(f"- papers: {len(created)} created, {sum(p.action == 'filled' for p in result.papers)} existing "
               f"filled in, {sum(p.action == 'suppressed' for p in result.papers)} not re-created (deleted by an editor)")
    out.append(f"- people: {sum(p.action == 'created' for p in result.persons)} created, "
               f"{sum(p.action == 'filled' for p in result.persons)} existing filled in")
    problems_by_file: dict[str, int] = defaultdict(int)
    for problem in result.problems:
        problems_by_file[problem.path] += 1
    if importing:
        out += ["", "| file | format | records | problems |", "|---|---|---|---|"]
        for export in result.exports:
            out.append(f"| {_cell(export.path)} | {export.format or 'none'} | {len(export.records)} | "
                       f"{problems_by_file.get(export.path, 0)} |")
    else:
        out += ["", "| dump | format | records | profile | header lines | problems |", "|---|---|---|---|---|---|"]
        for parsed in result.parsed:
            out.append(f"| {parsed.name} | {parsed.format} | {len(parsed.papers)} | {len(parsed.profiles)} | "
                       f"{len(parsed.headers)} | {problems_by_file.get(parsed.name, 0)} |")
    out.append("")

    out += ["## Problems (lines or files skipped)" if not importing else
            "## Problems (entries or files skipped, and warnings)", ""]
    if result.problems:
        out += [f"- `{p.format()}`" for p in sorted(result.problems, key=lambda p: (p.path, p.line, p.message))]
    else:
        out.append("None.")
    out.append("")

    if not importing:
        out += _uncertain_lines(result)

    entry_of: dict[int, str] = {}
    for outcome in result.papers:
        for i in outcome.entry.items:
            entry_of[i] = outcome.id

    def label(i: int) -> str:
        item = items[i]
        return item.source if item.source else f"existing entry `{item.anchor}`"

    out += ["## Merges", "",
            "Each entry built from more than one record, with the evidence for every join.", ""]
    evidence_by_entry: dict[str, list[Evidence]] = defaultdict(list)
    if result.clusters is not None:
        for ev in result.clusters.evidence:
            evidence_by_entry[entry_of.get(ev.left, "")].append(ev)
    merged_any = False
    for outcome in sorted(result.papers, key=lambda o: o.id):
        if len(outcome.entry.items) < 2:
            continue
        merged_any = True
        title = outcome.entry.title or "(no title: draft)"
        out.append(f"### `{outcome.id}` ({outcome.action}): {_cell(title, 120)}")
        out.append("")
        out.append("- sources: " + ", ".join(outcome.entry.sources))
        for ev in evidence_by_entry.get(outcome.id, []):
            out.append(f"- {label(ev.left)} = {label(ev.right)}: {ev.reason} ({_score(ev)}){_across(ev)}")
        out.append("")
    if not merged_any:
        out += ["None.", ""]

    out += ["## Near-misses (not merged: check they really are different)", ""]
    near = [ev for ev in (result.clusters.near_misses if result.clusters is not None else [])
            if items[ev.left].record is not None or items[ev.right].record is not None]   # not two old entries
    if near:
        out += ["| record | record | why not | scores |", "|---|---|---|---|"]
        for ev in near:
            a, b = items[ev.left], items[ev.right]
            out.append(f"| {label(ev.left)} {_cell(a.title or a.abstract, 50)} | {label(ev.right)} "
                       f"{_cell(b.title or b.abstract, 50)} | {ev.reason} | {_score(ev)} |")
    else:
        out.append("None.")
    out.append("")

    out += _conflicts(result)
    out += _incomplete_authors(result)
    if importing:
        out += _moved(result) + _existing(result) + _people(result)
        return "\n".join(out)

    out += ["## Drafts that need a title", "",
            "Records printed without a title that matched no titled paper. They are `status: draft` "
            "and an empty `title: \"\"` (ingest never invents one): fill in the title (and set `status: published`) "
            "or delete the file.", ""]
    drafts = [o for o in result.papers if not o.entry.title and o.action == "created"]
    out += [f"- `papers/{o.id}.yaml` ({', '.join(o.entry.sources)}): {_cell(o.entry.abstract, 100)}" for o in drafts] or ["None."]
    out.append("")

    out += ["## Dates printed without a year", "",
            "Never guessed. Re-run with `--as-of YYYY-MM-DD` (the day the page was captured) or set `date` by hand.", ""]
    undated = [o for o in result.papers if o.entry.date_as_printed]
    out += [f"- `papers/{o.id}.yaml`: \"{o.entry.date_as_printed}\" ({', '.join(o.entry.sources)})" for o in undated] or ["None."]
    if result.dates_resolved:
        out += ["", f"Resolved in this run with --as-of {result.as_of} (entries ingested earlier without a date):", ""]
        out += [f"- `papers/{i}.yaml`: \"{printed}\" -> {date}" for i, printed, date in sorted(result.dates_resolved)]
    out.append("")

    out += _moved(result) + _existing(result) + _people(result)
    return "\n".join(out)


def _moved(result) -> list[str]:
    out = ["## Records on new lines", "",
           "Records already placed that a re-saved file now prints on other lines (same file, same text). "
           "Nothing was placed again; their `file:line` in `sources` was renamed.", ""]
    moved = sorted(getattr(result, "moved", ()), key=lambda m: (source_order(m[1]), m[0]))
    out += [f"- {old} -> {new} (`{entry}`)" for old, new, entry in moved] or ["None."]
    out.append("")
    return out


def _existing(result) -> list[str]:
    out = ["## Existing entries", ""]
    touched = [o for o in result.papers + result.persons
               if o.action in ("filled", "suppressed") or getattr(o, "extra_authors", None)
               or getattr(o, "left_aliases", None)]
    for o in sorted(touched, key=lambda o: o.id):
        added = getattr(o, "added_authors", None)
        if added:
            out.append(f"- `{o.id}`: added author(s) {', '.join(added)} from new records (its author list was "
                       "still as ingest wrote it)")
        if getattr(o, "extra_authors", None):
            out.append(f"- `{o.id}`: new records also list {', '.join(o.extra_authors)}, who are not in its "
                       "`authors`: that list was edited by hand, so ingest left it alone; add them if they belong")
        aliases = getattr(o, "added_aliases", None)
        if aliases:
            out.append(f"- `{o.id}`: added the new spelling(s) {', '.join(aliases)} to its `aliases`")
        if getattr(o, "left_aliases", None):
            out.append(f"- `{o.id}`: new records spell this person {', '.join(o.left_aliases)}; its `aliases` "
                       "is not a plain list, so they were not added: add them by hand")
        fields = [k for k in o.changed if not (added and k == "authors") and not (aliases and k == "aliases")]
        if o.action == "filled" and fields:
            note = "; it now has a title: publish it with `status: published` when ready" if "title" in o.changed else ""
            out.append(f"- `{o.id}`: filled missing field(s) {', '.join(fields)} from new records{note}")
        elif o.action == "suppressed":
            out.append(f"- `{o.id}`: deleted by an editor, so not re-created; new record(s) "
                       f"{', '.join(getattr(o.entry, 'sources', ()) or ())} matched it")
    if not touched:
        out.append("None.")
    out.append("")
    return out


def _people(result) -> list[str]:
    out = ["## People", "", "Spellings joined into one person (the entry's `aliases`), and why.", ""]
    if result.people is not None and result.people.links:
        for link in sorted(result.people.links, key=lambda l: (l.a, l.b)):
            out.append(f"- {link.a} = {link.b}: {link.reason}")
    else:
        out.append("None.")
    out += ["", "Spellings *not* joined because they could be more than one person:", ""]
    if result.people is not None and result.people.ambiguous:
        for link in sorted(result.people.ambiguous, key=lambda l: (l.a, l.b)):
            out.append(f"- {link.a} / {link.b}: {link.reason}")
    else:
        out.append("None.")
    out.append("")
    return out


def _conflicts(result) -> list[str]:
    """Values the records gave that were not applied: the entry's own stand, and among the
    records of a new entry the first published version's."""
    out = ["## Conflicts (not applied)", "",
           "Values new records give that differ from the ones kept. An existing entry's value always stands "
           "(change it by hand if the record is right); in a new entry, a published version's value is written "
           "before a preprint's, then the first record's.", ""]
    rows = []
    for o in sorted(result.papers, key=lambda o: o.id):
        for c in getattr(o, "conflicts", ()):
            kept = (f"the entry has {_value(c.kept)}" if c.in_entry else f"written: {_value(c.kept)}")
            rows.append(f"- `papers/{o.id}.yaml` {c.field}: {kept}; {', '.join(c.sources)} gives {_value(c.offered)}")
    out += rows or ["None."]
    out.append("")
    return out


def _value(value) -> str:
    return repr(_cell(str(value), 120))


def _incomplete_authors(result) -> list[str]:
    out = ["## Incomplete author lists", "",
           "Entries written from records whose author list ends in \"and others\" (or \"et al.\"): "
           "add the missing people to `authors`.", ""]
    rows = [f"- `papers/{o.id}.yaml` ({', '.join(o.entry.sources)}): {', '.join(o.entry.authors)}, and others"
            for o in sorted(result.papers, key=lambda o: o.id)
            if o.entry.incomplete and (o.action == "created" or "authors" in o.changed)]
    out += rows or ["None."]
    out.append("")
    return out


_VERBS = {"create": "created", "merge": "merged", "skip": "skipped", "report": "reported", "add": "added",
          "rename": "renamed"}


def plan_lines(result, dry_run: bool) -> list[str]:
    """What a run does (or, ``dry_run``, would do), one line per entry created or merged, per
    record not placed, per person created or given an alias, and per thing the report lists."""
    def said(verb: str, rest: str) -> str:
        return f"would {verb} {rest}" if dry_run else f"{_VERBS[verb]} {rest}"

    items = result.items
    out = []
    for old, new, entry in sorted(result.moved, key=lambda m: source_order(m[1])):
        out.append(said("rename", f"{old} -> {new} in the sources of {entry}.yaml (the file was saved again)"))
    for o in sorted(result.papers, key=lambda o: source_order(o.entry.sources[0])):
        sources = ", ".join(o.entry.sources)
        path = f"papers/{o.id}.yaml"
        if o.action == "created":
            out.append(said("create", f"{path}: {_cell(o.entry.title, 80)!r} from {sources}"))
        elif o.action == "suppressed":
            out.append(said("skip", f"{sources}: the same paper as {path}, which an editor deleted"))
        else:
            added = ", ".join(o.changed) if o.changed else "nothing it lacks"
            out.append(said("merge", f"{sources} into {path}: adds {added}"))
        for c in o.conflicts:
            kept = f"{_value(c.kept)} in the entry" if c.in_entry else f"{_value(c.kept)} written"
            out.append(said("report", f"a conflict in {path}: {c.field} {kept}, {_value(c.offered)} in "
                                      f"{', '.join(c.sources)} (not applied)"))
        if o.entry.incomplete and (o.action == "created" or "authors" in o.changed):
            out.append(said("report", f"{path}: its author list ends in 'and others' (complete it by hand)"))
    for o in sorted(result.persons, key=lambda o: o.id):
        if o.action == "created":
            out.append(said("create", f"authors/{o.id}.yaml: {o.entry.name}"))
        for alias in o.added_aliases:
            out.append(said("add", f"the alias {alias!r} to authors/{o.id}.yaml"))
        if o.left_aliases:
            out.append(said("report", f"new spellings of authors/{o.id}.yaml to add by hand: "
                                      f"{', '.join(o.left_aliases)}"))
    if result.clusters is not None:
        for ev in result.clusters.near_misses:
            a, b = items[ev.left], items[ev.right]
            if a.record is None and b.record is None:
                continue
            out.append(said("report", f"a near-miss, not merged: {_label(a)} {_cell(a.title or a.abstract, 50)!r} / "
                                      f"{_label(b)} {_cell(b.title or b.abstract, 50)!r}: {ev.reason}"))
    return out


def _label(item) -> str:
    return item.source if item.source else f"papers/{item.anchor}.yaml"
