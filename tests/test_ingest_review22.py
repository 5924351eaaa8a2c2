"""Review22: regressions of 5cc8a46 (review20's people findings: titles and degrees dropped from
names, "Last, First, Jr.", capitals surnames with a particle, the profile page's person, role,
contact lines, portrait alt text and team pages). Every input here is read right at 0b8590e and
wrong now; each was run through both with the same public entry points (``ingest``, the author
files, the papers' authors).

Checked and held (the same at 0b8590e and now, or better now; not kept as tests): "Drew
Barrymore", "Dr Drew Pinsky" ("Drew Pinsky"), "Dr Dre", "Mr Darcy", "Ms Smith", "Prof Smith",
"MS Dhoni", "MR Smith" (one word after a title-like word is never cut), "Smith MS", "Li Ms",
"Smith BSc", "Cheung MSC" (one surname before a degree-like word is never cut); "Jean-Marie Le
Pen", "LE Quoc", "LE Quoc Viet", "DE Jong Piet", "DA Silva Maria", "DU Jun", "LE Thi Hoa" (a
capitals particle before a capitalised word is not moved); "DA SILVA Maria", "DI MARIA Angel",
"LE VAN Thanh" now given first (better); "Smith, J., Jr.", "Smith, John, III", "King, Martin
Luther, Jr.", "Garcia, Jose, Maria" (left as printed); every author name of the seeds and of
../shared/devsets is cleaned identically by both. Profile pages: the seeds' format (portrait,
name, "Alumni") and 81 seed names / 1131 devset names as the name line (all read as names but
"Dean Jones", see below); "Jean-Pierre Dupont - PhD student" (better now); "Wei Wang (王伟)",
"Jean Dupont (né Durand)", "Marie Dupont - Curie", "Dupont, Jean", "DUPONT Jean" as the name line
(the same at both); "PhD student" with "2019 - 2023" under it; "Photo de Jean Dupont" as a second
line of the portrait (better now); a role line above the name (wrong at both). No crash found.

Regressed (one test per cause): undotted initials before a particle surname that spell a title
("DR de Vries", "MS van der Berg") are cut as titles; Vancouver initials after a particle surname
that spell a degree ("dos Santos MSC") are cut as degrees; a member whose name holds a role word
("Jeff Dean", "Dean Jones", "Tim Head") loses the page to an affiliation or French role line that
reads as a name ("Google DeepMind", "Chargé de recherche"); a role starting with a contact word
("Office manager", "Web developer") is dropped; a listing whose first title starts "Portrait
of"/"Portrait de" is read as a profile page (every paper lost); a group photo's caption on one
member's page makes a team page (a member named after the caption, the page's papers lose their
member).
"""
from __future__ import annotations

import pytest

from test_ingest_real_forms import ingest, papers_by_title
from test_ingest_review20 import ABSTRACT_1, ABSTRACT_2, authors_of, people, profile


def portrait(name: str) -> str:
    return f"Portrait de {name} n'est pas disponible"


# ---------------------------------------------------------------- normalise.strip_honorifics


@pytest.mark.parametrize("dump, authors", [
    ("Deep Learning for Graphs\nDR de Vries, MS van der Berg, A Martin\n",
     ["DR de Vries", "MS van der Berg", "A Martin"]),
    ("Deep Learning for Graphs\nDR de Vries\nPR de Vries\nA Martin\n", ["DR de Vries", "PR de Vries", "A Martin"]),
], ids=["scholar-line", "two-de-vries"])
def test_undotted_initials_that_spell_a_title_are_initials(tmp_path, dump, authors):
    """Google Scholar prints authors as undotted initials and surname: "DR de Vries", "MS van der
    Berg". At 0b8590e the initials are kept. Now: ``normalise.strip_honorifics``
    (``_HONORIFICS_RE``, case-insensitive "dr", "ms", "mr", "pr") takes them for "Dr", "Ms", "Pr"
    whenever two words follow, which a particle surname gives: the paper lists "de Vries" and "van
    der Berg", and D. R. de Vries and P. R. de Vries on one paper become one person "de Vries".
    Right: a title is only a title in its written case ("Dr", "Pr"), never an all-capitals word
    that reads as initials."""
    content = ingest(tmp_path, {"s.txt": dump})
    assert authors_of(content) == {"Deep Learning for Graphs": authors}
    assert set(authors) <= set(people(content))


@pytest.mark.parametrize("names, expected", [
    (["dos Santos MSC", "da Silva BSC"], [("dos Santos", "MSC"), ("da Silva", "BSC")]),
    (["dos Santos MSC", "dos Santos JA"], [("dos Santos", "MSC"), ("dos Santos", "JA")]),
    (["de Souza HDR", "da Silva BSC"], [("de Souza", "HDR"), ("da Silva", "BSC")]),
])
def test_vancouver_initials_that_spell_a_degree_are_initials(tmp_path, names, expected):
    """PubMed's Vancouver style prints surname then initials: "dos Santos MSC" (Maria S. C. dos
    Santos), "da Silva BSC". At 0b8590e the initials are kept (written "MSC dos Santos"). Now:
    ``normalise.strip_honorifics`` (``_DEGREES_RE``: "msc", "bsc", "hdr", any case) cuts them as
    degrees once a particle leaves two words, so the paper lists a bare surname "dos Santos",
    beside "JA dos Santos" a different person with nothing to tell them apart. Right: each author
    keeps their initials."""
    content = ingest(tmp_path, {"v.txt": "Deep Learning for Graphs\n" + "\n".join(names) + "\nMartin A\n"})
    authors = authors_of(content)["Deep Learning for Graphs"]
    assert len(authors) == 3
    for author, (surname, initials) in zip(authors, expected):
        assert surname in author
        assert "".join(ch for ch in author.replace(surname, "") if ch.isupper()) == initials


# ---------------------------------------------------------------- parse._member / _person_line


@pytest.mark.parametrize("name, lines_under, position", [
    ("Jeff Dean", ["Chief Scientist", "Google DeepMind"], "Chief Scientist"),
    ("Dean Jones", ["Chargé de recherche"], "Chargé de recherche"),
    ("Tim Head", ["Research Engineer", "Université Paris-Saclay"], "Research Engineer"),
    ("Jeff Dean", ["Google DeepMind"], "Google DeepMind"),
])
def test_a_member_whose_name_holds_a_role_word_is_still_the_person(tmp_path, name, lines_under, position):
    """The seeds' profile format (portrait, name, lines under it) for a member whose surname or
    given name is a word of ``parse._ROLE_WORDS`` ("Dean", "Head"; "Dean Jones" is in the dev
    set), with an affiliation line or a French position under the name. At 0b8590e the name line
    is the person. Now: ``parse._person_line`` refuses the name (a role word and nothing to split
    at) and ``parse._member`` takes the first other line that reads as a name: "Google DeepMind",
    "Université Paris-Saclay", "Chargé de recherche" is made a member and added to every paper
    of the page, with the role "Jeff Dean, Chief Scientist"; with the affiliation alone under the
    name, Jeff Dean is dropped from the papers that omit him. Right: the name line under the
    portrait is the person."""
    body = ["", "Publications", "", "Deep Learning for Graphs", "Alice Martin", name, ABSTRACT_1,
            "Learning to Rank", "Carol White", name, ABSTRACT_2]
    content = ingest(tmp_path, {"p.txt": "\n".join([portrait(name), "", name, "", *lines_under, *body]) + "\n"})
    found = people(content)
    assert sorted(found) == sorted(["Alice Martin", "Carol White", name])
    assert found[name].get("member") is True and position in found[name].get("role", "")
    assert authors_of(content) == {"Deep Learning for Graphs": ["Alice Martin", name],
                                   "Learning to Rank": ["Carol White", name]}


# ---------------------------------------------------------------- parse._CONTACT_RE


@pytest.mark.parametrize("role", ["Office manager", "Web developer", "Office Manager, Inria Lille"])
def test_a_role_that_starts_with_a_contact_word_is_the_role(tmp_path, role):
    """A lab's administrative and technical staff have profiles too: "Office manager", "Web
    developer". At 0b8590e the line under the name is the role. Now: ``parse._CONTACT_RE``
    matches any line starting with "office", "web" (as it does "Office: B-204", "Web: ..."), so the
    role is dropped as a contact line and the member has none. Right: the role as printed."""
    content = ingest(tmp_path, {"p.txt": profile([portrait("Jean Dupont"), "", "Jean Dupont", "", role])})
    found = people(content)
    assert (found["Jean Dupont"].get("role"), found["Jean Dupont"].get("member")) == (role, True)


# ---------------------------------------------------------------- PORTRAIT_RE in detect_format


@pytest.mark.parametrize("title", ["Portrait of a Citizen Scientist: Motivations in Online Volunteering",
                                   "Portrait de la recherche française en intelligence artificielle"])
@pytest.mark.parametrize("style", ["one-name-a-line", "comma-separated"])
def test_a_listing_whose_first_title_starts_with_portrait_is_a_listing(tmp_path, title, style):
    """A publication listing whose first paper's title starts "Portrait of ..." / "Portrait de
    ..." (a common title opening in the social sciences and in French reports). At 0b8590e: two
    papers. Now: ``PORTRAIT_RE`` accepts the alt text without "not available", and
    ``detect_format`` takes any dump whose first line matches it for a profile page: no paper is
    written, and "Alice Martin" (or "Bob Stone Alice Martin") becomes a member whose role is the
    rest of the dump, abstracts included. Right: the two papers, nobody made a member."""
    if style == "one-name-a-line":
        dump = f"{title}\nAlice Martin\nBob Stone\n{ABSTRACT_1}\nLearning to Rank\nCarol White\nDan Black\n{ABSTRACT_2}\n"
    else:
        dump = f"{title}\nAlice Martin, Bob Stone\nLearning to Rank\nCarol White, Dan Black\n"
    content = ingest(tmp_path, {"a.txt": dump})
    assert {t: p.get("authors") for t, p in papers_by_title(content).items()} == {
        title: ["Alice Martin", "Bob Stone"], "Learning to Rank": ["Carol White", "Dan Black"]}
    assert not any(person.get("member") for person in people(content).values())


# ---------------------------------------------------------------- parse._members


@pytest.mark.parametrize("position, caption", [("PhD student", "Photo of the Sierra team"),
                                               ("Doctorant", "Photo de l'équipe Sierra")])
def test_a_group_photo_on_a_members_page_is_not_a_second_member(tmp_path, position, caption):
    """One member's profile page that also shows the team's group photo, its caption kept by the
    scraper ("Photo of the Sierra team"), and papers that do not all print the member. At
    0b8590e: one member, Jean Dupont, added to each paper of his page. Now: ``parse._members``
    counts two portrait lines (``PORTRAIT_RE``'s "Photo of ...") and reads a team page: a member
    "the Sierra team" / "l'équipe Sierra" is written, and the page's papers have no member
    (``profile_person`` is empty on a team page), so Jean Dupont is on none of them. Right: one
    member, on every paper of the page."""
    body = ["", "Publications", "", "Deep Learning for Graphs", "Alice Martin", "Bob Stone", ABSTRACT_1,
            "Learning to Rank", "Carol White", ABSTRACT_2]
    head = [portrait("Jean Dupont"), "", "Jean Dupont", "", position, "", caption]
    content = ingest(tmp_path, {"p.txt": "\n".join(head + body) + "\n"})
    members = sorted(name for name, person in people(content).items() if person.get("member"))
    assert members == ["Jean Dupont"]
    assert authors_of(content) == {"Deep Learning for Graphs": ["Alice Martin", "Bob Stone", "Jean Dupont"],
                                   "Learning to Rank": ["Carol White", "Jean Dupont"]}
