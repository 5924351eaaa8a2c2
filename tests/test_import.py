"""`python -m site_builder import`: an export written in the test in, exact entries, messages and
exit status out; deduplicated against the site with ingest's matcher, editor-safe, all or nothing."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder import cli
from site_builder.ingest import entries, pipeline

ROOT = Path(__file__).resolve().parent.parent
NASH = "papers/nash-learning-from-human-feedback.yaml"
REPORT = "ingest/import-report.md"


def run_import(capsys, *args) -> tuple[int, str, str]:
    """The command in this process (so a test can make the disk fail); exit status, stdout, stderr."""
    code = cli.main(["import", *map(str, args), "--jobs", "1"])
    out, err = capsys.readouterr()
    return code, out, err


def tree(folder: Path) -> dict[str, bytes]:
    """Every file and folder under ``folder`` (folders as None), to compare a whole content/."""
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else None) for p in sorted(folder.rglob("*"))}


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def write(path: Path, text: str | bytes) -> Path:
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


@pytest.fixture
def site(tmp_path) -> Path:
    """A copy of the committed content/: the site the lab already has."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    return content


@pytest.fixture
def empty(tmp_path) -> Path:
    content = tmp_path / "content"
    content.mkdir()
    write(content / "site.yaml", "title: Lab\n")
    return content


# ------------------------------------------------------------------ faithful fields

FULL_BIB = r"""@string{icml = "International Conference on Machine Learning"}

@inproceedings{munos2024nash,
  title     = {{N}ash Learning from Human Feedback: Regret $O(\sqrt{T})$ for Fran{\c c}ois --- and {\"U}ber},
  author    = {Munos, R{\'e}mi and M{\"u}ller, J{\o}rgen and {World Health Organization} and others},
  booktitle = {Proceedings of the 41st } # icml,
  volume    = {235},
  number    = {3},
  pages     = {36743--36768},
  year      = {2024},
  month     = jul,
  doi       = {https://doi.org/10.5555/3692070.3693570},
  eprint    = {2312.00886},
  archivePrefix = {arXiv},
  url       = {https://proceedings.mlr.press/v235/munos24a.html},
  abstract  = {We study {RLHF} with $\beta_{i,j}$ --- a first
               paragraph.

               A second paragraph \emph{with} 100\% of it.},
}
"""

FULL_YAML = r"""# yaml-language-server: $schema=../../schemas/paper.schema.json
title: "Nash Learning from Human Feedback: Regret $O(\\sqrt{T})$ for François — and Über"
status: published
type: conference
authors:
- Rémi Munos
- Jørgen Müller
- World Health Organization
date: "2024-07"
venue: Proceedings of the 41st International Conference on Machine Learning
volume: "235"
number: "3"
pages: "36743–36768"
doi: "10.5555/3692070.3693570"
arxiv: "2312.00886"
url: "https://proceedings.mlr.press/v235/munos24a.html"
abstract: "We study RLHF with $\\beta_{i,j}$ — a first paragraph.\n\nA second paragraph with 100% of it."
sources:
- "full.bib:3"
"""


def test_every_field_and_latex_form_reaches_the_entry(empty, tmp_path, capsys):
    code, out, err = run_import(capsys, write(tmp_path / "full.bib", FULL_BIB), "--content", empty)
    assert code == 0, err
    papers = sorted((empty / "papers").iterdir())
    assert [p.name for p in papers] == ["nash-learning-from-human-feedback-regret-o-sqrt-t-for.yaml"]
    assert papers[0].read_text(encoding="utf-8") == FULL_YAML
    # people get author entries as ingest makes them; "and others" is no one, and the report says the list is short
    assert {p.name: load(p) for p in (empty / "authors").iterdir()} == {
        "remi-munos.yaml": {"name": "Rémi Munos"}, "jorgen-muller.yaml": {"name": "Jørgen Müller"},
        "world-health-organization.yaml": {"name": "World Health Organization"}}
    report = (empty / REPORT).read_text(encoding="utf-8")
    assert ("- `papers/nash-learning-from-human-feedback-regret-o-sqrt-t-for.yaml` (full.bib:3): Rémi Munos, "
            "Jørgen Müller, World Health Organization, and others") in report
    check = subprocess.run([sys.executable, "-m", "site_builder", "check", "--content", str(empty)],
                           cwd=ROOT, capture_output=True, text=True)
    assert check.returncode == 0 and check.stdout == "", check.stdout


def test_ris_and_csl_json_reach_the_entry_with_the_same_fields(empty, tmp_path, capsys):
    ris = write(tmp_path / "zotero.ris", "TY  - JOUR\nTI  - Deep Kernels for Proteins\nAU  - Côté, Zoé\n"
                                         "AU  - Lee, Ann\nPY  - 2021\nDA  - 2021/03/09/\nJO  - Journal of Proteins\n"
                                         "VL  - 12\nIS  - 4\nSP  - 112\nEP  - 119\nDO  - 10.1000/prot.12\n"
                                         "UR  - https://example.org/prot\nAB  - Kernels for proteins.\nER  - \n")
    csl = write(tmp_path / "zotero.json", json.dumps([{
        "id": "k", "type": "thesis", "title": "Learning to Walk", "author": [{"family": "Côté", "given": "Zoé"}],
        "issued": {"date-parts": [[2019]]}, "publisher": "Université de Montréal",
        "URL": "https://example.org/thesis"}], ensure_ascii=False, indent=1))
    code, _, err = run_import(capsys, ris, csl, "--content", empty)
    assert code == 0, err
    papers = {p.stem: load(p) for p in (empty / "papers").iterdir()}
    assert papers == {
        "deep-kernels-for-proteins": {
            "title": "Deep Kernels for Proteins", "status": "published", "type": "article",
            "authors": ["Zoé Côté", "Ann Lee"], "date": "2021-03-09", "venue": "Journal of Proteins", "volume": "12",
            "number": "4", "pages": "112–119", "doi": "10.1000/prot.12", "url": "https://example.org/prot",
            "abstract": "Kernels for proteins.", "sources": ["zotero.ris:1"]},
        "learning-to-walk": {
            "title": "Learning to Walk", "status": "published", "type": "thesis", "authors": ["Zoé Côté"],
            "date": "2019", "venue": "Université de Montréal", "url": "https://example.org/thesis",
            "sources": ["zotero.json:2"]}}
    assert sorted(p.name for p in (empty / "authors").iterdir()) == ["ann-lee.yaml", "zoe-cote.yaml"]


def test_nothing_is_invented_for_a_title_alone(empty, tmp_path, capsys):
    code, _, err = run_import(capsys, write(tmp_path / "one.bib", "@misc{k, title = {Just a Title}}\n"),
                              "--content", empty)
    assert code == 0, err
    assert (empty / "papers" / "just-a-title.yaml").read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../../schemas/paper.schema.json\n"
        "title: Just a Title\nstatus: published\ntype: other\nsources:\n- \"one.bib:1\"\n")
    assert not (empty / "authors").exists()


# ------------------------------------------------------------------ against the site the lab has

SEEDS_BIB = r"""% The lab's papers as Google Scholar, DBLP and arXiv export them, written by hand.
@article{munos2023nash,
  title={Nash learning from human feedback},
  author={Munos, R{\'e}mi and Valko, Michal and Calandriello, Daniele and Azar, Mohammad Gheshlaghi and others},
  journal={arXiv preprint arXiv:2312.00886},
  year={2023}
}

@inproceedings{DBLP:conf/icml/MunosVCAR24,
  author    = {R{\'e}mi Munos and Mohammad Gheshlaghi Azar and others},
  title     = {Nash Learning from Human Feedback},
  booktitle = {Forty-first International Conference on Machine Learning, {ICML} 2024, Vienna, Austria},
  year      = {2024},
  url       = {https://openreview.net/forum?id=Y5AmNYiyCQ},
}

@article{obando2024mixtures,
  title={Mixtures of experts unlock parameter scaling for deep {RL}},
  author={Obando-Ceron, Johan and Sokar, Ghada and Willi, Timon and Lyle, Clare and Farebrother, Jesse and Foerster, Jakob and Dziugaite, Gintare Karolina and Precup, Doina and Castro, Pablo Samuel},
  journal={arXiv preprint arXiv:2402.08609},
  year={2024}
}

@techreport{brochu2010tutorial,
  title       = {A Tutorial on {B}ayesian Optimization of Expensive Cost Functions, with Application to Active User Modeling and Hierarchical Reinforcement Learning},
  author      = {Brochu, Eric and Cora, Vlad M. and de Freitas, Nando},
  institution = {University of British Columbia},
  year        = {2010},
  eprint      = {1012.2599},
  archivePrefix = {arXiv},
}

@misc{scellier2018generalization,
  title={Generalization of Equilibrium Propagation to Vector Field Dynamics},
  author={Benjamin Scellier and Anirudh Goyal and Jonathan Binas and Thomas Mesnard and Yoshua Bengio},
  year={2018},
  eprint={1808.04873},
  archivePrefix={arXiv},
}
"""


def test_the_seed_papers_bibtex_merges_into_the_entries_the_site_has(site, tmp_path, capsys):
    before = tree(site)
    code, out, err = run_import(capsys, write(tmp_path / "seeds.bib", SEEDS_BIB), "--content", site)
    assert code == 0, err
    after = tree(site)
    # Scholar's preprint and DBLP's ICML version of Nash are one paper, the one the site has: no second entry
    assert sorted(p for p in after if p.startswith("papers/nash")) == [NASH]
    nash = after[NASH].decode("utf-8")
    assert nash == before[NASH].decode("utf-8") + (
        '- "seeds.bib:2"\n- "seeds.bib:9"\n'          # new sources after the old ones, the rest byte for byte
        "type: conference\n"                            # the published version's fields before the preprint's
        'date: "2024"\n'
        "venue: Forty-first International Conference on Machine Learning, ICML 2024, Vienna, Austria\n"
        'arxiv: "2312.00886"\n'
        'url: "https://openreview.net/forum?id=Y5AmNYiyCQ"\n')
    # Rémi Munos and M. G. Azar are people the site has: no new author entry for them
    assert [p for p in after if p not in before and p.startswith("authors/")] == [
        "authors/anirudh-goyal.yaml", "authors/benjamin-scellier.yaml", "authors/doina-precup.yaml",
        "authors/eric-brochu.yaml", "authors/gintare-karolina-dziugaite.yaml", "authors/jonathan-binas.yaml",
        "authors/nando-de-freitas.yaml", "authors/pablo-samuel-castro.yaml", "authors/vlad-m-cora.yaml",
        "authors/yoshua-bengio.yaml"]
    # a new spelling of a person the site has becomes an alias (the site links names by name and aliases)
    assert load(site / "authors" / "johan-samir-obando-ceron.yaml") == {
        "name": "Johan Samir Obando Ceron", "aliases": ["Johan Obando-Ceron"]}
    assert load(site / "authors" / "jakob-nicolaus-foerster.yaml")["aliases"] == ["Jakob Foerster"]
    mixtures = load(site / "papers" / "mixtures-of-experts-unlock-parameter-scaling-for-deep-rl.yaml")
    assert mixtures["authors"] == ["Johan Samir Obando Ceron", "Ghada Sokar", "Timon Willi", "Clare Lyle",
                                   "Jesse Farebrother", "Jakob Nicolaus Foerster", "Gintare Karolina Dziugaite",
                                   "Doina Precup", "Pablo Samuel Castro"]
    assert (mixtures["type"], mixtures["arxiv"], mixtures["sources"][-1]) == ("preprint", "2402.08609",
                                                                               "seeds.bib:17")
    # the seed "Generalization of ..." takes its record, not its near neighbour "Extending the Framework of ..."
    general = load(site / "papers" / "generalization-of-equilibrium-propagation-to-vector-field.yaml")
    assert general["sources"][-1] == "seeds.bib:33" and general["arxiv"] == "1808.04873"
    extending = "papers/extending-the-framework-of-equilibrium-propagation-to.yaml"
    assert after[extending] == before[extending]
    # a longer title that holds a seed title ("A Tutorial on Bayesian Optimization") is another paper: a new entry
    tutorial = "papers/a-tutorial-on-bayesian-optimization.yaml"
    assert after[tutorial] == before[tutorial]
    brochu = load(site / "papers" / "a-tutorial-on-bayesian-optimization-of-expensive-cost.yaml")
    assert (brochu["type"], brochu["venue"], brochu["sources"]) == ("report", "University of British Columbia",
                                                                    ["seeds.bib:24"])
    assert [p for p in after if p not in before and p.startswith("papers/")] == [
        "papers/a-tutorial-on-bayesian-optimization-of-expensive-cost.yaml"]
    assert err.splitlines()[-1].startswith("import: 5 new records -> 1 new papers, 3 merged into papers the site "
                                           "has, 10 new people (0 records already imported) in ")
    report = after[REPORT].decode("utf-8")
    assert "- seeds.bib:2 = existing entry `nash-learning-from-human-feedback`: same title" in report
    assert "- Johan Obando-Ceron = Johan Samir Obando Ceron: one double surname, with and without its hyphen" in report
    check = subprocess.run([sys.executable, "-m", "site_builder", "check", "--content", str(site)],
                           cwd=ROOT, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout


def test_importing_the_same_file_twice_changes_nothing(site, tmp_path, capsys):
    export = write(tmp_path / "seeds.bib", SEEDS_BIB + "@poster{p, title = {A Poster}, year = 2024}\n")
    assert run_import(capsys, export, "--content", site)[0] == 0
    before = tree(site)
    code, out, err = run_import(capsys, export, "--content", site)
    assert code == 0
    assert tree(site) == before
    assert out == ""
    assert err.splitlines() == [
        f"{export}:40: warning: entry 'p': unknown entry type '@poster': read as 'other' "
        "(use a standard type such as @article, @inproceedings or @misc)",
        "import: nothing new (6 records already imported); content/ unchanged"]


def test_a_paper_an_editor_deleted_is_not_brought_back(site, tmp_path, capsys):
    export = write(tmp_path / "seeds.bib", SEEDS_BIB)
    assert run_import(capsys, export, "--content", site)[0] == 0
    brochu = site / "papers" / "a-tutorial-on-bayesian-optimization-of-expensive-cost.yaml"
    nash = site / NASH
    brochu.unlink()
    nash.unlink()
    before = tree(site)
    assert run_import(capsys, export, "--content", site)[0] == 0      # the same file: nothing new
    assert tree(site) == before
    # nor from a co-author's export that lists them too (other keys, other fields, another file)
    other = write(tmp_path / "coauthor.bib", "@article{x, title = {Nash Learning from Human Feedback}, "
                                             "author = {Munos, R{\\'e}mi and Piot, Bilal}, year = 2024}\n"
                                             "@misc{y, title = {A tutorial on Bayesian optimization of expensive cost "
                                             "functions, with application to active user modeling and hierarchical "
                                             "reinforcement learning}, author = {Eric Brochu and Nando de Freitas}}\n")
    code, out, err = run_import(capsys, other, "--content", site, "--dry-run")
    assert code == 0
    assert out.splitlines() == [
        f"would skip coauthor.bib:1: the same paper as {NASH}, which an editor deleted",
        "would skip coauthor.bib:2: the same paper as "
        "papers/a-tutorial-on-bayesian-optimization-of-expensive-cost.yaml, which an editor deleted"]
    code, out, err = run_import(capsys, other, "--content", site)
    assert code == 0
    assert not nash.exists() and not brochu.exists()
    assert sorted(tree(site)) == sorted(before)
    report = (site / REPORT).read_text(encoding="utf-8")
    assert "- `nash-learning-from-human-feedback`: deleted by an editor, so not re-created; new record(s) " \
           "coauthor.bib:1 matched it" in report


def test_an_editors_values_stand_and_differences_are_reported_not_applied(empty, tmp_path, capsys):
    (empty / "papers").mkdir()
    entry = write(empty / "papers" / "soft-moe.yaml", (
        "# my own entry\ntitle: \"Soft MoE: Scaling Experts\"\nauthors: [Rémi Munos, Jane Doe]\n"
        "date: 2023-05\ntype: preprint\nvenue: arXiv\ndoi: 10.48550/arXiv.2308.00951  # the preprint's DOI\n"))
    text = entry.read_text(encoding="utf-8")
    export = write(tmp_path / "refs.bib", (
        "@inproceedings{puigcerver2024soft,\n  title = {Soft MoE: Scaling Experts, a Study},\n"
        "  author = {Munos, R{\\'e}mi and Doe, Jane},\n  booktitle = {ICLR},\n  year = {2024},\n"
        "  doi = {10.5555/iclr.2024.42},\n  pages = {1--12},\n}\n"))
    code, out, err = run_import(capsys, export, "--content", empty)
    assert code == 0, err
    # the ICLR version's pages do not go with the entry's arXiv venue: only the source is added
    assert entry.read_text(encoding="utf-8") == text + 'sources:\n- "refs.bib:1"\n'
    report = (empty / REPORT).read_text(encoding="utf-8")
    conflicts = report.split("## Conflicts (not applied)\n\n", 1)[1].split("\n## ", 1)[0].splitlines()[2:]
    assert conflicts == [
        "- `papers/soft-moe.yaml` title: the entry has 'Soft MoE: Scaling Experts'; refs.bib:1 gives "
        "'Soft MoE: Scaling Experts, a Study'",
        "- `papers/soft-moe.yaml` type: the entry has 'preprint'; refs.bib:1 gives 'conference'",
        "- `papers/soft-moe.yaml` date: the entry has '2023-05'; refs.bib:1 gives '2024'",
        "- `papers/soft-moe.yaml` venue: the entry has 'arXiv'; refs.bib:1 gives 'ICLR'",
        "- `papers/soft-moe.yaml` doi: the entry has '10.48550/arXiv.2308.00951'; refs.bib:1 gives "
        "'10.5555/iclr.2024.42'"]


def test_two_dois_are_two_papers_and_the_near_miss_is_reported(empty, tmp_path, capsys):
    (empty / "papers").mkdir()
    write(empty / "papers" / "soft-moe.yaml", "title: \"Soft MoE: Scaling Experts\"\nauthors: [Jane Doe]\n"
                                              "doi: 10.5555/conf.1\n")
    export = write(tmp_path / "refs.bib", "@article{j, title = {Soft {MoE}: Scaling Experts}, author = {Doe, Jane},"
                                          " journal = {JMLR}, doi = {10.5555/journal.2}}\n")
    code, out, err = run_import(capsys, export, "--content", empty, "--dry-run")
    assert code == 0
    assert out.splitlines() == [
        "would create papers/soft-moe-scaling-experts.yaml: 'Soft MoE: Scaling Experts' from refs.bib:1",
        "would create authors/jane-doe.yaml: Jane Doe",
        "would report a near-miss, not merged: refs.bib:1 'Soft MoE: Scaling Experts' / papers/soft-moe.yaml "
        "'Soft MoE: Scaling Experts': different DOIs"]


def test_one_paper_in_two_files_and_two_versions_is_one_entry(empty, tmp_path, capsys):
    dblp = write(tmp_path / "dblp.bib", (
        "@article{DBLP:journals/corr/abs-2401-00001,\n  author = {Zo{\\'e} C{\\^o}t{\\'e} and Ann Lee},\n"
        "  title = {Learning to Walk with Kernels},\n  journal = {CoRR},\n  volume = {abs/2401.00001},\n"
        "  year = {2024},\n  eprint = {2401.00001},\n  eprinttype = {arXiv},\n"
        "  url = {https://arxiv.org/abs/2401.00001},\n}\n\n"
        "@inproceedings{DBLP:conf/nips/CoteL24,\n  author = {Zo{\\'e} C{\\^o}t{\\'e} and Ann Lee},\n"
        "  title = {Learning to Walk with Kernels},\n  booktitle = {NeurIPS 2024},\n  pages = {1--9},\n"
        "  year = {2024},\n  doi = {10.5555/neurips.2024.7},\n}\n"))
    zotero = write(tmp_path / "zotero.ris", "TY  - CONF\nTI  - Learning to walk with kernels\nAU  - Cote, Zoe\n"
                                            "AU  - Lee, A.\nPY  - 2024\nAB  - We learn to walk.\nER  - \n")
    code, out, err = run_import(capsys, dblp, zotero, "--content", empty)
    assert code == 0, err
    assert [p.name for p in (empty / "papers").iterdir()] == ["learning-to-walk-with-kernels.yaml"]
    assert load(empty / "papers" / "learning-to-walk-with-kernels.yaml") == {
        "title": "Learning to Walk with Kernels", "status": "published", "type": "conference",
        "authors": ["Zoé Côté", "Ann Lee"], "date": "2024", "venue": "NeurIPS 2024", "pages": "1–9",
        "doi": "10.5555/neurips.2024.7", "arxiv": "2401.00001", "url": "https://arxiv.org/abs/2401.00001",
        "abstract": "We learn to walk.", "sources": ["dblp.bib:1", "dblp.bib:12", "zotero.ris:1"]}
    assert {p.name: load(p) for p in (empty / "authors").iterdir()} == {
        "zoe-cote.yaml": {"name": "Zoé Côté", "aliases": ["Zoe Cote"]},
        "ann-lee.yaml": {"name": "Ann Lee", "aliases": ["A. Lee"]}}


# ------------------------------------------------------------------ people

def test_a_new_spelling_becomes_an_alias_in_the_lists_own_style_unless_an_editor_removed_it(empty, tmp_path,
                                                                                            capsys):
    (empty / "authors").mkdir()
    block = write(empty / "authors" / "remi-munos.yaml", "name: Rémi Munos\naliases:\n  - Remi Munos  # ASCII\n")
    flow = write(empty / "authors" / "david-lomet.yaml", "name: David Lomet\naliases: [D. B. Lomet]\n")
    # (two spellings of one person on one author list would be two people: "REMI MUNOS" has its own paper)
    export = write(tmp_path / "refs.bib", "@article{a, title = {Paper One About Things}, "
                                          "author = {Munos, R. and Lomet, Dave}}\n"
                                          "@article{c, title = {Paper Three In Capitals}, author = {REMI MUNOS}}\n")
    code, out, err = run_import(capsys, export, "--content", empty, "--dry-run")
    assert code == 0
    assert out.splitlines() == [
        "would create papers/paper-one-about-things.yaml: 'Paper One About Things' from refs.bib:1",
        "would create papers/paper-three-in-capitals.yaml: 'Paper Three In Capitals' from refs.bib:2",
        "would add the alias 'Dave Lomet' to authors/david-lomet.yaml",
        "would add the alias 'R. Munos' to authors/remi-munos.yaml"]
    assert run_import(capsys, export, "--content", empty)[0] == 0
    assert block.read_text(encoding="utf-8") == "name: Rémi Munos\naliases:\n  - Remi Munos  # ASCII\n  - R. Munos\n"
    assert flow.read_text(encoding="utf-8") == "name: David Lomet\naliases: [D. B. Lomet, Dave Lomet]\n"
    assert load(empty / "papers" / "paper-one-about-things.yaml")["authors"] == ["Rémi Munos", "David Lomet"]
    assert load(empty / "papers" / "paper-three-in-capitals.yaml")["authors"] == ["Rémi Munos"]
    # an alias the editor removed is theirs to remove: a later export spelling it so does not bring it back
    write(block, "name: Rémi Munos\naliases:\n  - Remi Munos  # ASCII\n")
    later = write(tmp_path / "later.bib", "@article{b, title = {Paper Two About Other Things}, author = {Munos, R.}}\n")
    assert run_import(capsys, later, "--content", empty)[0] == 0
    assert block.read_text(encoding="utf-8") == "name: Rémi Munos\naliases:\n  - Remi Munos  # ASCII\n"
    assert load(empty / "papers" / "paper-two-about-other-things.yaml")["authors"] == ["Rémi Munos"]


# ------------------------------------------------------------------ dry run

def test_dry_run_prints_the_plan_and_writes_nothing(site, tmp_path, capsys):
    before = tree(site)
    code, out, err = run_import(capsys, write(tmp_path / "seeds.bib", SEEDS_BIB), "--content", site, "--dry-run")
    assert code == 0
    assert tree(site) == before
    assert out.splitlines() == [
        f"would merge seeds.bib:2, seeds.bib:9 into {NASH}: adds type, date, venue, arxiv, url, sources",
        "would merge seeds.bib:17 into papers/mixtures-of-experts-unlock-parameter-scaling-for-deep-rl.yaml: "
        "adds type, authors, date, venue, arxiv, sources",
        "would create papers/a-tutorial-on-bayesian-optimization-of-expensive-cost.yaml: 'A Tutorial on Bayesian "
        "Optimization of Expensive Cost Functions, with Applicati…' from seeds.bib:24",
        "would merge seeds.bib:33 into papers/generalization-of-equilibrium-propagation-to-vector-field.yaml: adds "
        "type, authors, date, arxiv, sources",
        "would create authors/anirudh-goyal.yaml: Anirudh Goyal",
        "would create authors/benjamin-scellier.yaml: Benjamin Scellier",
        "would create authors/doina-precup.yaml: Doina Precup",
        "would create authors/eric-brochu.yaml: Eric Brochu",
        "would create authors/gintare-karolina-dziugaite.yaml: Gintare Karolina Dziugaite",
        "would add the alias 'Jakob Foerster' to authors/jakob-nicolaus-foerster.yaml",
        "would add the alias 'Johan Obando-Ceron' to authors/johan-samir-obando-ceron.yaml",
        "would create authors/jonathan-binas.yaml: Jonathan Binas",
        "would create authors/nando-de-freitas.yaml: Nando de Freitas",
        "would create authors/pablo-samuel-castro.yaml: Pablo Samuel Castro",
        "would create authors/vlad-m-cora.yaml: Vlad M. Cora",
        "would create authors/yoshua-bengio.yaml: Yoshua Bengio"]
    assert err.splitlines()[-1].startswith("import: 5 new records would give 1 new papers, 3 merged into papers the "
                                           "site has, 10 new people (0 records already imported) in ")
    assert err.splitlines()[-1].endswith("; nothing written (--dry-run)")


# ------------------------------------------------------------------ bad input

BROKEN_BIB = (
    "@article{munos2024nash, title = {Nash Learning from Human Feedback}, year = 2024}\n"   # 1
    "\n"
    "@article{good1, title = {First Good Paper}, author = {Lee, Ann}}\n"                    # 3
    "\n"
    "@article{munos2024nash, title = {A Second Entry With the Same Key}}\n"                 # 5
    "\n"
    "@article{broken,\n  title = {Unbalanced {Braces},\n  year = 2024,\n}\n"               # 7
    "\n"
    "@article{good2, title = {Second Good Paper}, author = {Lee, Ann}}\n"                   # 12
    "@poster{poster, title = {A Poster at a Workshop}}\n"                                   # 13
).encode("utf-8") + "@article{cafe, title = {Caf\xe9 Theory}}\n".encode("latin-1")          # 14


def test_bad_entries_are_reported_at_their_line_and_the_others_imported(empty, tmp_path, capsys):
    bib = write(tmp_path / "refs.bib", BROKEN_BIB)
    csl = write(tmp_path / "refs.json", '{"title": "One Item, Not a List"}\n')
    ris = write(tmp_path / "refs.ris", "TY  - JOUR\nTI  - A Good RIS Record\nER  - \nTY  - JOUR\nAU  - Lee, Ann\n"
                                       "ER  - \n")
    code, out, err = run_import(capsys, bib, csl, ris, "--content", empty)
    assert code == 1
    assert err.splitlines() == [
        f"{bib}:5: entry 'munos2024nash' skipped: its key is already used on line 1 (give each entry its own key)",
        f"{bib}:7: entry 'broken' skipped: a '{{' is never closed (the next entry starts on line 12) "
        "(check the braces of this entry)",
        f"{bib}:14: entry 'cafe' skipped: line 14 is not UTF-8 text (byte 0xe9) (save the file as UTF-8)",
        f"{csl}:1: CSL-JSON must be a list of items, and this file holds a single object: nothing imported "
        "(put the item in a list: [{…}])",
        f"{ris}:4: record skipped: it has no title (add a 'TI  - ' line)",
        f"{bib}:13: warning: entry 'poster': unknown entry type '@poster': read as 'other' "
        "(use a standard type such as @article, @inproceedings or @misc)",
        err.splitlines()[6],
        "import: 5 problem(s) above: those entries or files were skipped, everything else was imported"]
    assert err.splitlines()[6].startswith("import: 5 new records -> 5 new papers, 0 merged")
    assert sorted(p.stem for p in (empty / "papers").iterdir()) == [
        "a-good-ris-record", "a-poster-at-a-workshop", "first-good-paper", "nash-learning-from-human-feedback",
        "second-good-paper"]
    report = (empty / REPORT).read_text(encoding="utf-8")
    assert f"| {bib} | bibtex | 4 | 4 |" in report and f"| {csl} | csl-json | 0 | 1 |" in report
    assert f"- `{bib}:7: entry 'broken' skipped: a '{{' is never closed" in report
    # fixed and imported again: only the entries skipped before are new
    write(bib, BROKEN_BIB.replace(b"{Braces}", b"{Braces}}").replace(b"\xe9", "é".encode("utf-8")))
    code, out, err = run_import(capsys, bib, "--content", empty)
    assert code == 1                                      # the duplicate key is still there
    assert "import: 2 new records -> 2 new papers, 0 merged" in err
    assert sorted(p.stem for p in (empty / "papers").iterdir()) == [
        "a-good-ris-record", "a-poster-at-a-workshop", "cafe-theory", "first-good-paper",
        "nash-learning-from-human-feedback", "second-good-paper", "unbalanced-braces"]


def test_the_problems_quoted_in_the_editors_guide_are_what_import_prints(empty, tmp_path, capsys):
    guide = (ROOT / "docs" / "editing.md").read_text(encoding="utf-8")
    block = guide.split("### Problems in an export", 1)[1].split("```\n", 2)[1]
    quoted = [line for line in block.splitlines() if line]
    bib = write(tmp_path / "refs.bib", (
        "@article{munos2024nash, title = {Nash Learning from Human Feedback}}\n\n\n\n"      # 1
        "@article{munos2024nash, title = {Nash Learning, Again}}\n\n\n"                     # 5
        "@article{broken,\n  title = {Unbalanced {Braces},\n\n\n"                           # 8
        "@article{early,\n  title = {Closed Too Early}},\n  year = {2024},\n}\n"           # 12
        "@poster{poster, title = {A Poster}}\n").encode("utf-8")                           # 16
        + "@article{cafe, title = {Caf\xe9}}\n".encode("latin-1"))                          # 17
    csl = write(tmp_path / "refs.json", '{"title": "One Item"}\n')
    code, out, err = run_import(capsys, bib, csl, "--content", empty)
    folder = f"{tmp_path}/"
    printed = [line.replace(folder, "") for line in err.splitlines()]
    assert sorted(quoted) == sorted(line for line in printed if line.startswith(("refs.bib:", "refs.json:")))
    assert code == 1


def test_mistakes_in_the_command_are_usage_errors_and_nothing_is_written(empty, tmp_path):
    bib = write(tmp_path / "refs.bib", "@misc{k, title = {T}}\n")
    other = tmp_path / "other"
    other.mkdir()
    twin = write(other / "refs.bib", "@misc{k, title = {U}}\n")
    before = tree(empty)
    content = ["--content", str(empty)]
    cases = [
        ([str(tmp_path / "nope.bib"), *content], f"error: {tmp_path / 'nope.bib'}: no such file"),
        ([str(other), *content], f"error: {other}: is a folder (give the export files themselves)"),
        ([str(bib), str(twin), *content], "error: two files named refs.bib: their entries' sources (refs.bib:LINE) "
                                          "would be the same (rename one of them)"),
        ([str(bib), "--content", str(tmp_path / "contnet")],
         f"error: {tmp_path / 'contnet'}: no such folder (import adds papers to a site's content folder; "
         "give it with --content)"),
        ([*content], "usage"),
    ]
    for args, message in cases:
        run = subprocess.run([sys.executable, "-m", "site_builder", "import", *args], cwd=ROOT, capture_output=True,
                             text=True)
        assert run.returncode == 2
        assert run.stderr.strip() == message if message != "usage" else "the following arguments are required: FILE" \
            in run.stderr
    assert tree(empty) == before
    assert not (tmp_path / "contnet").exists()


# ------------------------------------------------------------------ all or nothing

def _fail_on(calls: list, wanted: int):
    def fail(*args):
        calls.append(args)
        if len(calls) == wanted:
            raise OSError(28, "No space left on device", str(args[-1]))
    return fail


@pytest.mark.parametrize("where", ["creating the second new entry", "replacing an existing entry",
                                   "writing the ledger, last"])
def test_a_failure_in_the_middle_of_writing_leaves_content_as_it_was(site, tmp_path, capsys, monkeypatch, where):
    before = tree(site)
    calls: list = []
    if where == "creating the second new entry":
        real = pipeline.write_new

        def write_new(path, text):
            _fail_on(calls, 2)(path)
            real(path, text)
        monkeypatch.setattr(pipeline, "write_new", write_new)
    else:
        real_replace = os.replace

        def replace(source, target):
            target = Path(target)
            if (where == "writing the ledger, last" and target.name == "ledger.yaml") or (
                    where == "replacing an existing entry" and target.parent.name == "papers"
                    and any(c[0].parent.name == "papers" for c in calls)):
                raise OSError(28, "No space left on device", str(target))
            calls.append((target,))
            real_replace(source, target)
        monkeypatch.setattr(entries.os, "replace", replace)
    code, out, err = run_import(capsys, write(tmp_path / "seeds.bib", SEEDS_BIB), "--content", site)
    assert code == 1
    assert "Traceback" not in err
    assert err.strip().endswith(f": could not be written: no space left on the disk (free some space on the disk, "
                                f"then run it again; nothing was changed in {site})")
    assert tree(site) == before               # every byte, no new file, no temporary file, no new folder
    monkeypatch.undo()
    assert run_import(capsys, tmp_path / "seeds.bib", "--content", site)[0] == 0   # and it imports once the disk is fine
    assert len(tree(site)) > len(before)


def test_one_arxiv_id_is_one_paper_even_retitled_and_two_are_two(empty, tmp_path, capsys):
    export = write(tmp_path / "arxiv.bib", (
        "@misc{v1, title = {Scaling Experts Softly}, author = {Doe, Jane}, eprint = {2308.00951}, "
        "archivePrefix = {arXiv}, year = 2023}\n"
        "@misc{v3, title = {From Sparse to Soft Mixtures of Experts}, author = {Doe, Jane and Roe, Rick}, "
        "eprint = {2308.00951v3}, archivePrefix = {arXiv}, year = 2023}\n"
        "@misc{other, title = {From Sparse to Soft Mixtures of Experts}, author = {Doe, Jane}, "
        "eprint = {2401.00002}, archivePrefix = {arXiv}, year = 2024}\n"))
    code, out, err = run_import(capsys, export, "--content", empty, "--dry-run")
    assert code == 0
    assert out.splitlines() == [
        "would create papers/scaling-experts-softly.yaml: 'Scaling Experts Softly' from arxiv.bib:1, arxiv.bib:2",
        "would create papers/from-sparse-to-soft-mixtures-of-experts.yaml: 'From Sparse to Soft Mixtures of "
        "Experts' from arxiv.bib:3",
        "would create authors/jane-doe.yaml: Jane Doe",
        "would create authors/rick-roe.yaml: Rick Roe",
        "would report a near-miss, not merged: arxiv.bib:2 'From Sparse to Soft Mixtures of Experts' / "
        "arxiv.bib:3 'From Sparse to Soft Mixtures of Experts': different arXiv ids"]


# ------------------------------------------------------------------ any input

_TITLE = st.sampled_from([
    "title = {Learning to Rank}", "title = {Learning to rank.}", "title = {R{\\'e}mi's $O(\\sqrt{T})$ {Bandits}}",
    "title = {Deep {RL} --- Again}", "title = {Caf\\'e \\& Th\\'e}", "title = {Unclosed {brace}",
    "title = {\\ourmethod{} wins}", "title = {Learning to Rank Things Well}", ""])
_FIELD = st.sampled_from([
    "author = {Munos, R{\\'e}mi and others}", "author = {Ann Lee and Bo Chen}",
    "author = {{World Health Organization}}", "author = {Lee, A. and Lee, Ann}", "year = 2024", "year = {20x4}",
    "month = jul", "doi = {10.1000/x.1}", "doi = {not a doi}", "url = {www.example.org}",
    "url = {https://example.org/a}", "eprint = {2312.00886}, archivePrefix = {arXiv}", "journal = {CoRR}",
    "booktitle = {ICML}", "pages = {1--10}", "volume = {3}", "abstract = {An abstract with 100\\% of $x$.}"])
_ENTRY = st.tuples(st.sampled_from(["article", "inproceedings", "misc", "poster", "book", "phdthesis"]),
                   st.sampled_from(["a", "b", "c", "d", "e", "a"]), st.tuples(_TITLE).map(list) | st.just([]),
                   st.lists(_FIELD, max_size=6))


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(_ENTRY, min_size=1, max_size=6))
def test_any_export_imports_to_entries_check_accepts_and_a_second_import_changes_nothing(entries_):
    """No traceback, every entry written loads without an error, and importing again is a no-op."""
    import tempfile

    from site_builder.build.loader import load_content
    from site_builder.ingest import importer

    root = Path(tempfile.mkdtemp())
    try:
        content = root / "content"
        content.mkdir()
        write(content / "site.yaml", "title: Lab\n")
        text = "".join(f"@{kind}{{{key},\n  " + ",\n  ".join(f for f in title + fields if f) + "\n}\n\n"
                       for kind, key, title, fields in entries_)
        export = write(root / "refs.bib", text)
        result = importer.run([export], content, report=content / importer.REPORT_PATH)
        assert len(result.papers) <= len(entries_)
        _, problems = load_content(content)
        assert [p.format() for p in problems if p.is_error] == []
        before = tree(content)
        assert importer.run([export], content, report=content / importer.REPORT_PATH).new_records == 0
        assert tree(content) == before
    finally:
        shutil.rmtree(root)


def test_files_keep_their_permissions_and_new_ones_get_the_usual_ones(site, tmp_path, capsys):
    nash = site / NASH
    nash.chmod(0o664)                          # a group-writable entry stays group-writable
    assert run_import(capsys, write(tmp_path / "seeds.bib", SEEDS_BIB), "--content", site)[0] == 0
    umask = os.umask(0o022)
    os.umask(umask)
    assert oct(nash.stat().st_mode & 0o777) == oct(0o664)
    for new in (site / REPORT, site / "papers" / "a-tutorial-on-bayesian-optimization-of-expensive-cost.yaml"):
        assert oct(new.stat().st_mode & 0o777) == oct(0o666 & ~umask)


def test_a_preprints_fuller_date_never_replaces_the_published_versions_year(empty, tmp_path, capsys):
    """Of two records that agree on a date, the fuller one is written only when both are of one
    version: the arXiv date of a preprint is not the day its journal version appeared."""
    published = write(tmp_path / "journal.ris", "TY  - JOUR\nAU  - Lee, Ann\nTI  - Deep Kernels for Protein Folding\n"
                                                "T2  - Journal of Proteins\nPY  - 2021\nDO  - 10.1000/prot.12\nER  - \n")
    preprint = write(tmp_path / "arxiv.bib", "@misc{lee, title = {Deep Kernels for Protein Folding}, author = {Lee, Ann},"
                                             " date = {2021-01-05}, eprint = {2101.00001}, archivePrefix = {arXiv}}\n")
    code, _, err = run_import(capsys, preprint, published, "--content", empty)
    assert code == 0, err
    entry = load(empty / "papers" / "deep-kernels-for-protein-folding.yaml")
    assert (entry["date"], entry["arxiv"], entry["doi"]) == ("2021", "2101.00001", "10.1000/prot.12")
