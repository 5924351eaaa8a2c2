"""Page furniture: what a page prints around its records and is no part of them. Pagination
("Page 1 of 3", "1 2 3 … 10 »"), navigation ("« Previous | Next »"), headings ("Publications",
"2024", "Journal articles", HAL's "Articles dans une revue", "References"), the labels of a
record's links ("PDF", "BibTeX", "[Code]"), and what publication sites print around each entry
(DBLP's keys and menus, Google Scholar's and Semantic Scholar's buttons, arXiv's id line). Pure.
"""
from __future__ import annotations

import re

from .venues import labelled_field

PUBLICATIONS_RE = re.compile(r"^(?:(?:recent |selected |récentes? )?publications(?: récentes| recentes| choisies)?"
                             r"(?:\s+(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?)?"
                             r"|publication list|liste des publications)\s*:?$", re.IGNORECASE)

# Page chrome printed around listings: pagination, navigation links, section headers.
PAGINATION_RE = re.compile(
    r"^(?:page\s+\d+(?:\s*(?:of|/|sur|de)\s*\d+)?"
    r"|(?:showing|results?|affichage|résultats?)\s+\d+\s*[-–—]\s*\d+\s+(?:of|sur|de)\s+\d+\b.*"
    r"|(?:(?:année|year|jahr|año)\s+)?(?:19|20)\d\d(?:\s*[-–—]\s*(?:19|20)\d\d)?)\s*:?$", re.IGNORECASE)
# arXiv's line above each entry of a listing or search: "[2] arXiv:2312.00752 [pdf, other]", "arXiv:2305.18290
# [pdf, other] cs.LG": page furniture whose id is the next paper's
# (with its list number or its links: "arXiv:1706.03762" or "arXiv:1706.03762 [cs.CL]" alone is a source line)
ARXIV_HEAD_RE = re.compile(r"^(?:\[\d{1,4}\]\s*arXiv:\s*(\d{4}\.\d{4,5})(?:v\d+)?(?:\s*\[[^\]]*\])?"
                           r"|arXiv:\s*(\d{4}\.\d{4,5})(?:v\d+)?\s*\[(?:pdf|ps|html|other)\b[^\]]*\])"
                           r"(?:\s+[a-z][a-z\-]*(?:\.[A-Za-z\-]+)?)*\s*$")
# a Google Scholar profile's column headings and controls
_SCHOLAR_CHROME_RE = re.compile(r"^(?:title|cited by|year|cited by\s+year|title\s+cited by\s+year|citations|h-index|"
                                r"i10-index|all|since (?:19|20)\d\d|sort by (?:citations|year|title)|show more|"
                                r"articles \d+[–-]\d+)$", re.IGNORECASE)
# what publication sites print around each entry: DBLP's keys and menus, Scholar's and Semantic
# Scholar's buttons, ORCID's, the ACL Anthology's, PMLR's and Teachpress's links
_FURNITURE_WORDS = (r"\[[a-z]{1,3}\d{1,4}\]|view|export record|share record|electronic edition(?: via doi| @ [\w.]+)?|"
                    r"coauthor index|refine list|save|cite|alert|expand|feed|related articles|all \d+ versions|"
                    r"cited by \d[\d,]*|import into bibtex|highly influential citations|show more detail|"
                    r"show more|show less|hide|works \(\d+\)|abs|download pdf|software|supplementary(?: material)?|"
                    r"supplemental|openreview|subscribe|links|bibtex|bib|pdf|tags: .*|\[\s*(?:abs|pdf|bib|"
                    r"download pdf|software|openreview|supplementary)\s*\]")
_SITE_FURNITURE_RE = re.compile(rf"^(?:(?:{_FURNITURE_WORDS})\s*[|·•,]?\s*)+$", re.IGNORECASE)
# ResearchGate's type and file badges, an institutional repository's (Pure's) output line and
# badges, Scopus's and Web of Science's column headings. Words that may also be a whole title
# ("Open Access", a book of 2012; "Data") are taken for one when names follow (``is_badge``).
_BADGES = (r"article|conference paper|preprint|chapter|book|thesis|data|presentation|poster|technical report|"
           r"working paper|research proposal|patent|literature review|full-text available|file available|"
           r"open access|file|document title|authors?|source|cited by")
_BADGE_RE = re.compile(rf"^(?:{_BADGES})$", re.IGNORECASE)
_REPOSITORY_CHROME_RE = re.compile(rf"^(?:(?:{_BADGES}|research output:.*|times cited:?\s*\d*)\s*[|·•]?\s*)+$",
                                   re.IGNORECASE)


def is_badge(text: str) -> bool:
    """A repository's or a results page's one label ("Open Access", "Conference Paper")."""
    return bool(_BADGE_RE.match(text.strip()))
_NAV_STRONG = frozenset("previous prev next précédent précédente precedent precedente suivant suivante page pages "
                        "older newer more plus top haut".split())
NAVIGATION_WORDS = _NAV_WORDS = _NAV_STRONG | frozenset("first last back to load show voir retour en home accueil go de of".split())
_NAV_ARROWS = set("«»‹›←→⟨⟩")
SECTION_RE = re.compile(
    r"^(?:(?:journal|conference|workshop|other|peer[- ]reviewed|selected|recent|refereed)\s+)?"
    r"(?:articles?|papers|preprints|books?|book chapters|chapters|theses|thèses|talks|patents|"
    r"communications|chapitres d'ouvrages?|articles de revues?|pré-?publications|prépublications|ouvrages|"
    r"posters?|(?:technical |research )?reports|working papers|invited talks|"
    # HAL's own headings and document types, and a French lab's
    r"(?:articles?|communications?) dans (?:une?|des) (?:revues?|congrès|conférences?)|"
    r"communications? (?:avec|sans) actes|rapports?(?: de recherche| techniques?)?|documents de travail|"
    r"pré-?publications?,? documents de travail|hdr|habilitations?(?: à diriger des recherches)?|"
    r"thèses?(?: de doctorat)?|chapitres? d'ouvrages?|autres publications|brevets|logiciels|"
    r"conférences? invitées?|directions? d'ouvrages?(?:, proceedings, dossiers)?|"
    # a reference list's heading
    r"references|références|bibliography|bibliographie|works cited|literatur(?:e|verzeichnis)?|sources)"
    r"(?:\s*\(\d+\))?\s*:?$", re.IGNORECASE)
# the labels of a record's links, which a scraper keeps as text: "PDF", "BibTeX", "Texte intégral", "[Code] [Slides]"
_LINK_LABELS_RE = re.compile(
    r"^(?:[\[(]?(?:pdf|bibtex|bib|ris|endnote|html|texte intégral|accès au (?:texte intégral|bibtex)|full ?text|"
    r"slides|code|vid[ée]o|cite|citer|export(?:er)?|doi|hal|arxiv|dblp|voir la notice|lien|link|url)[\])]?"
    r"\s*[|·•/,]?\s*)+$", re.IGNORECASE)


def is_section_header(text: str) -> bool:
    """"Publications", "2024", "Journal articles": what follows starts a new record."""
    return bool(PUBLICATIONS_RE.match(text) or SECTION_RE.match(text)
                or (PAGINATION_RE.match(text) and text[:1].isdigit()))


def is_page_chrome(text: str) -> bool:
    """Pagination ("Page 1 of 3", "1 2 3 … 10 »"), navigation ("« Previous | Next »", "Load more"),
    a year or section header ("2024", "Journal articles", "Publications"), a rule ("---"): page
    furniture, not records."""
    if ":" in text and labelled_field(text) and not ARXIV_HEAD_RE.match(text):
        return False        # "Pages: 4171–4186" is a record's field, not pagination
    if PAGINATION_RE.match(text) or PUBLICATIONS_RE.match(text) or SECTION_RE.match(text) or \
            _LINK_LABELS_RE.match(text) or _SCHOLAR_CHROME_RE.match(text) or ARXIV_HEAD_RE.match(text) or \
            _SITE_FURNITURE_RE.match(text) or _REPOSITORY_CHROME_RE.match(text):
        return True
    if len(text) > 80:
        return False
    words = re.findall(r"[^\W_]+", text.casefold())
    if not words:       # a rule between sections ("---", "* * *", "═══"), one mark repeated; not "?!"
        marks = text.replace(" ", "")
        return len(marks) >= 3 and len(set(marks)) == 1 and marks[0] != "\ufffd"
    numbers = sum(1 for w in words if w.isdigit())
    if not all(w.isdigit() or w in _NAV_WORDS for w in words):
        return False
    if re.search(r"[^\w\s|·•/\-–—.…,:«»‹›←→⟨⟩<>()\[\]]", text):
        return False
    return bool(_NAV_ARROWS & set(text)) or any(w in _NAV_STRONG for w in words) or (
        numbers >= 2 and numbers == len(words))
