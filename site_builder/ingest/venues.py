"""Lines that say where a paper appeared ("VLDB Journal 10(4): 270-294 (2001)", "VLDB 2000:
65-76", "In Proceedings of ..., pages 65-76."), as a lab's page prints them under a paper's
names: how surely a line is one (``venue_strength``, for parse.py's record grammar), and the
fields it gives the paper's entry (``venue_fields``, for merge.py). Pure.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .exports.record import MONTHS, page_range
from .normalise import clean_text

YEAR = r"(?:1[89]\d\d|20\d\d)"     # a year a paper appeared in
_YEAR_RE = re.compile(rf"\b({YEAR})\b")
# "270-294", and ACM's article pages "1:1-1:25" (but JMLR's "3:993–1022" is a volume, then pages)
_RANGE_RE = re.compile(r"(?<![\d\-–])(?:(\d{1,5}:\d{1,5})\s*[-–]+\s*(\d{1,5}:\d{1,5})|(\d{1,5})\s*[-–]+\s*(\d{1,5}))"
                       r"(?![\d\-–])")
_VOLUME_ISSUE = r"\b\d{1,4}\s*\(\d{1,5}\)"
_VENUE_RE = re.compile(
    r"^(?:In:|In\s+(?:Proc\.|Proceedings)|Proc\.|Proceedings\s+of|Journal\s+of|Trans\.|arXiv|CoRR)"
    rf"|{_VOLUME_ISSUE}|\bpp?\.\s*\d+|\bvol\.\s*\d+|\b\d{{1,4}},\s*{YEAR}\.?$"
    # a book's edition, first on the line: "2. Auflage, Oldenbourg, 1997", "2nd ed., MIT Press, 2009"
    r"|^(?:\d{1,2}(?:st|nd|rd|th|e|\.)|[Ss]econd|[Tt]hird|[Ff]ourth|[Ff]ifth|[Rr]evised)\s+"
    r"(?:[Ee]d\.|[Ee]dition|édition|Auflage|Aufl\.)")
# What archives print beside a source line, or on a line of its own under it: HAL's "⟨hal-01234567⟩",
# "⟨tel-02345678v2⟩", "HAL Id : hal-01234567, version 2", "⟨NNT : 2019SACLS123⟩"; a DOI ("⟨10.3166/...⟩",
# "DOI : 10.3166/...", "https://doi.org/10...."). The DOI is the paper's; the others are the archive's.
_DOI_RE = re.compile(r"(?:⟨|\b(?i:doi)\s*:?\s*|\bhttps?://(?:dx\.)?doi\.org/)(10\.\d{4,9}/[^\s⟩]+?)(?:⟩|\.?(?=\s|$))")
_ARCHIVE_ID_RE = re.compile(r"⟨(?:[a-z]+(?:-[a-z]+)?-\d{6,8}(?:v\d+)?|NNT\s*:\s*\w+|(?:PMID|PMCID)\s*:?\s*\w+)⟩"
                            r"|\bHAL Id\s*:\s*[a-z]+(?:-[a-z]+)?-\d{6,8}(?:v\d+)?(?:,\s*version\s+\d+)?")
_IDENTIFIERS_ONLY_RE = re.compile(rf"^(?:{YEAR}\.?\s*)?(?:[.,;]?\s*(?:"
                                  + _DOI_RE.pattern + "|" + _ARCHIVE_ID_RE.pattern + r"))+\.?$")
# A line that is part of a record but says nothing of where it appeared: a thesis's supervisors and defence
# (with a colon or a name after it: "Supervised by a teacher network, ..." opens an abstract)
_DETAIL_RE = re.compile(r"^(?:Dir\.|(?:Direct(?:eur|rice)(?:s|\(s\))?(?:\s+de\s+thèse)?|Encadrants?"
                        r"|Co-?encadr\w*|Supervisors?|Advisors?)\s*:|Sous\s+la\s+direction\s+d[e']\s*(?-i:[A-Z])"
                        r"|Th[eè]se\s+soutenue|Soutenue\s+le\s+\d|Supervised\s+by\s+(?:Prof\.?\s+|Dr\.?\s+)?(?-i:[A-Z])"
                        r"|Defended\s+(?:on|in)\s+\d)", re.IGNORECASE)
# where a thesis, a report or French proceedings appeared, without pages: "Thèse de doctorat, Université
# Paris-Saclay, 2019", "[Rapport de recherche] RR-9123, Inria Saclay. 2019", "Actes de la conférence IHM'19, ..."
_WORK_KIND_RE = re.compile(
    r"^(?:\[[^\]]{3,40}\]\s*)?(?:Th[eè]se(?:\s+de\s+doctorat)?|Ph\.?\s?D\.?\s+(?:thesis|dissertation)|Doctoral"
    r"\s+dissertation|(?:Master'?s|Diploma|Bachelor'?s)\s+thesis|Mémoire\s+de|Habilitation|HDR|Rapport\s+(?:de\s+"
    r"recherche|technique)|(?:Research|Technical)\s+[Rr]eport|(?:In\s+)?Actes\s+(?:de|du|des)|Dans\s*:)(?=[\s,.:;]|$)"
    r"|^\[(?:Rapport de recherche|Research Report|Technical Report|Rapport technique)\]"
    r"|\[(?:cs|math|stat|physics|info|sdv|shs|q-bio|q-fin|eess|econ)(?:\.[A-Za-z-]+)?\]")
_ARXIV_RE = re.compile(r"(?:\barXiv:\s*|\bCoRR\s+abs/|arxiv\.org/(?:abs|pdf)/)(\d{4}\.\d{4,5})(?:v\d+)?",
                       re.IGNORECASE)   # a preprint
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
# "June 1-3", "Oct. 15", "27 August 1926": days, not pages or a volume
_DAYS_RE = re.compile(rf"\b{_MONTH}\s+\d{{1,2}}(?:\s*[-–]+\s*\d{{1,2}})?\b|\b\d{{1,2}}\s+{_MONTH}(?:\s+\d{{3,4}})?\b",
                     re.IGNORECASE)


def page_ranges(text: str) -> list[re.Match]:
    """The page ranges in a source line ("270-294", "2017–2025" in "NIPS 2015: 2017-2025"). A span
    of years ("Edgar F. Codd: 1923-2003", "(1777-1855)", "Annual Report 2004-05") only beside
    another year."""
    found = []
    for match in _RANGE_RE.finditer(text):
        if match.group(1):        # article pages
            found.append(match)
            continue
        first, last = match.group(3), match.group(4)
        years = len(first) == 4 and 1600 <= int(first) <= 2099 and (
            len(last) == 2 or (len(last) == 4 and int(last) > int(first)))
        if years and not any(not match.start() <= y.start() < match.end() for y in _YEAR_RE.finditer(text)) \
                and not _PAGES_AFTER_ISSUE_RE.search(text[:match.start()]):     # (JMLR's "15(1): 1929-1958")
            continue
        found.append(match)
    return found
_SERIES_VOLUME_RE = re.compile(r"\b(?:LNCS|LNAI|LNBI|CCIS|vol(?:ume)?\.?)\s*\d{4}\b", re.IGNORECASE)
_PAGES_AFTER_ISSUE_RE = re.compile(r"(?:\b\d{1,4}\s*\(\w{1,6}\)\s*[:,]|\bpp?\.|\bpages)\s*$")
_TRAILING_PAGES_RE = re.compile(r",\s*\d{1,5}\s*[-–]\s*\d{1,5}\.?$")
# "NeurIPS 2017", OpenReview's "ICLR 2021 Poster"
_SHORT_VENUE_RE = re.compile(rf"^[A-Z][\w&'.\-]*(?:\s+[A-Z][\w&'.\-]*){{0,2}}\s+{YEAR}"
                             r"(?:\s+(?:Poster|Oral|Spotlight|Workshop|Conference Paper|Invited Talk|Notable|Main))?$")


def venue_strength(text: str) -> int:
    """Does the line say where the paper above appeared? 2: "VLDB Journal 10(4): 270-294 (2001)",
    "In Proceedings of ..., pages 65-76.", "Machine Learning, 45(1), 5–32.", "arXiv:1706.03762"
    (a year with pages, a volume or a proceedings' words; or a volume and pages; or an arXiv id);
    1: "NeurIPS 2017" (a name and a year, as a short title could be too); 0: no ("In memory of Bob
    Kooi (1951-1993)", "Edgar F. Codd: 1923-2003")."""
    if (labelled := labelled_field(text)) and not re.search(r"\d", labelled[1]) and len(labelled[1].split()) >= 4:
        return 1        # "TL;DR: Mining Reddit to Learn ...", "URL: A Representation ...": a title's too
    if _ARXIV_RE.search(text) or is_record_detail(text):
        return 2
    text = _DAYS_RE.sub("", text)      # "June 1-3, 1999", "Oct. 15, 2001": days, not pages or a volume
    if _YEAR_RE.search(text):
        if _VENUE_RE.search(text) or _WORK_KIND_RE.search(text) or page_ranges(text):
            return 2
        return 1 if _SHORT_VENUE_RE.match(text) or _TRAILING_PAGES_RE.search(text) else 0
    if (re.search(_VOLUME_ISSUE, text) or _VENUE_RE.search(text)) and page_ranges(text):
        return 2        # (without a year: PMLR's "Proceedings of the 40th ICML, PMLR 202:1234-1243")
    return 1 if _TRAILING_PAGES_RE.search(text) and page_ranges(text) else 0    # Scholar's "Book title, 9-50"


# A labelled record's field lines ("Year: 2019", "Journal-ref: ICML 2020", "DOI: 10....", "Comments: 12
# pages"), by what they give the record: its date, its source, an identifier, or nothing
_FIELD_ROLES = (
    ("date", r"year|ann[ée]e|date|published|publication date|date de publication|submitted"),
    ("source", r"venue|journal|journal-ref|conference|booktitle|book title|published in|publi[ée] dans|revue|"
               r"proceedings|volume|publisher|[ée]diteur|series|source"),
    ("ident", r"doi|arxiv|arxiv id|url|pdf|hal id|handle|pmid|pmcid"),
    ("pages", r"pages|pp"),
    ("month", r"month|mois"),
    # (not "Code:", "Poster:", "Type": the first words of titles too)
    ("detail", r"comments?|subjects?|keywords?|mots[- ]cl[ée]s|tags|readers|anthology id|editors?|"
               r"cite \((?:acl|informal)\)|tl;?dr|cited by|licen[cs]e|funding|isbn|issn|part of issn|last modified|"
               r"primary category|address|location"),
)
_FIELD_RE = re.compile(r"^(?:" + "|".join(f"(?P<{role}>{labels})" for role, labels in _FIELD_ROLES)
                       + r")(?:\s*:\s*|\s+(?=\d))(?P<value>.*)$", re.IGNORECASE)    # also arXiv's "Submitted 29 May, 2023"
_FULL_DATE_RES = (
    re.compile(rf"\b(?P<y>{YEAR})-(?P<m>\d\d)(?:-(?P<d>\d\d))?\b"),
    re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon>{_MONTH}),?\s+(?P<y>{YEAR})\b", re.IGNORECASE),
    re.compile(rf"\b(?P<mon>{_MONTH})\s+(?P<d>\d{{1,2}}),?\s+(?P<y>{YEAR})\b", re.IGNORECASE),
)


def labelled_field(text: str) -> tuple[str, str] | None:
    """A labelled record's field line: (its role: date, source, ident or detail; its value)."""
    match = _FIELD_RE.match(text.strip())
    if not match or (":" not in text[:match.start("value")]
                     and not re.match(r"(?i)(?:submitted|published)\s+\d", text.strip())):
        return None         # without a colon, only arXiv's "Submitted 29 May, 2023" (not "Type 2 Fuzzy Sets")
    return next(role for role, _ in _FIELD_ROLES if match.group(role)), match.group("value").strip()


def month_number(text: str) -> int:
    """"June", "juin", "Jun." -> 6; 0 when it is no month (the importer's table of month names)."""
    return MONTHS.get(text.strip().rstrip(".").casefold(), 0)


def printed_date(text: str) -> str:
    """The first full date printed ("Submitted 29 May, 2023", "12 June 2017", "2017-03-16") as
    YYYY-MM-DD (or YYYY-MM); "" when there is none."""
    for pattern in _FULL_DATE_RES:
        match = pattern.search(text)
        if match:
            month = match.groupdict().get("mon")
            month = month_number(month[:3]) if month else int(match["m"])
            if not 1 <= month <= 12:
                continue
            day = int(match["d"]) if match["d"] else 0
            return f"{match['y']}-{month:02d}" + (f"-{day:02d}" if 1 <= day <= 31 else "")
    return ""


_COUNT_RE = re.compile(r"^\d{1,3}(?:,?\d{3})*\*?$")     # Google Scholar's "Cited by" count ("98765", "1,234")
_YEAR_ONLY_RE = re.compile(rf"^{YEAR}$")
_PREPRINT_WORDS_RE = re.compile(r"\b(?:arXiv(?:\s+preprint)?|CoRR(?:\s+abs/?)?|preprint|e-?prints?|Available from)\b"
                                r"|https?://\S*", re.IGNORECASE)
_BARE_LABELS = frozenset(("abstract", "résumé", "resume", "summary", "tldr", "tl;dr"))   # before the text they label


def is_citation_count(text: str) -> bool:
    """A bare number that is no year: Google Scholar's count of citations, in its own column."""
    return bool(_COUNT_RE.match(text)) and not _YEAR_ONLY_RE.match(text)


def is_record_detail(text: str) -> bool:
    """A line under a record's names that is none of its fields' text, but surely the record's: an
    archive's or a DOI's identifiers ("⟨hal-01234567⟩", "DOI : 10.3166/..."), or a line of one of
    its kinds ("[Rapport de recherche] ...", "Informatique [cs]. ...") or a thesis's supervisors
    ("Dir. : Marie Curie", "Thèse soutenue le 12 décembre 2019"). Even long, even with sentences:
    never an abstract."""
    return bool(_IDENTIFIERS_ONLY_RE.match(text) or _ARCHIVE_ID_RE.search(text) or _DETAIL_RE.match(text)
                or is_citation_count(text) or labelled_field(text) or text.strip().casefold() in _BARE_LABELS)


def is_source_text(text: str) -> bool:
    """Does the line give the record's fields (a source line, identifiers), not only its story
    (a thesis's supervisors, its count of citations, a labelled detail: "Comments: 12 pages")?"""
    labelled = labelled_field(text)
    return (labelled[0] not in ("detail", "month") if labelled else not _DETAIL_RE.match(text) and not is_citation_count(text)
            and text.strip().casefold() not in _BARE_LABELS)


def source_text(text: str) -> str:
    """What the line says of the record's source, its label dropped ("Journal-ref: ICML 2020" ->
    "ICML 2020"; "Year: 2019" -> "(2019)"; "DOI: 10.1/x" -> "doi:10.1/x")."""
    labelled = labelled_field(text)
    if not labelled:
        return text
    role, value = labelled
    if role == "date":
        return f"({years[0]})" if (years := _YEAR_RE.findall(value)) else ""
    if role == "pages":
        return f"pp. {value}"
    if role == "ident":     # as a source line prints it: "doi:10.1/x", "arXiv:2312.00886" (a page's URL gives nothing)
        if _ARXIV_RE.search(value) or "doi" in value.casefold():
            return value
        if value.startswith("10."):
            return f"doi:{value}"
        return f"arXiv:{value}" if re.match(r"\d{4}\.\d{4,5}\b", value) else ""
    return value


def joins_source(text: str) -> bool:
    """Identifiers under a source line, or a labelled date: read with it (the DOI is the paper's)."""
    labelled = labelled_field(text)
    return labelled[0] in ("date", "ident", "pages") if labelled else bool(_IDENTIFIERS_ONLY_RE.match(text))


# before a colon and the pages: a volume (JMLR's "3:993–1022"), PubMed's after the year and its
# month ("1991;6(1):37-66", "2015 May 28;521(7553):436-44"; the year kept for the date)
_VOLUME_BEFORE_PAGES_RE = re.compile(rf"(?:\s|;\s*)(?!{YEAR}\b)(\d{{1,4}})(?:\((\w{{1,6}})\))?$")
_ONE_PAGE_RE = re.compile(rf"\b(\d{{1,4}})\((\w{{1,6}})\)\s*[:,]\s*(?!{YEAR}\b)(\d{{1,6}})\b(?!\s*(?:[-–.\d]|\((?!{YEAR}\))))")
_MONTH_AFTER_YEAR_RE = re.compile(rf"(?<=\d{{4}})\s+{_MONTH}(?:\s+\d{{1,2}})?$")
_PAGES_LABEL_RE = re.compile(r"(?:,\s*|\s+)(?:pp?\.|pages)\s*$|\s*:\s*$|,\s*$")    # before the range: taken out with it
_VOLUME_PATTERNS = (      # the first that matches; groups: volume, number
    re.compile(r",?\s*\bvol\.?\s*(\d+)(?:,?\s*no\.?\s*(\d+))?", re.IGNORECASE),     # IEEE "vol. 11, no. 1", ISO "no 2"
    re.compile(r"\b(\d{1,4}),\s*no\.?\s*(\d{1,5})\b"),                                 # Chicago "60, no. 2"
    re.compile(rf"\b(\d{{1,4}})\.(\d{{1,4}})\s*(?=\({YEAR}\))"),                          # MLA "27.3 (1948)"
    # ACM "52, 6 (June 2009)"; without pages elsewhere nor a month, Science's "313, 504 (2006)": a first page
    re.compile(rf"\b(\d{{1,4}}),\s*(\d{{1,5}})\s*(?=\((?P<month>{_MONTH}\s+)?{YEAR}\))"),
    re.compile(rf"\b(\d{{1,4}})\s*\((?!{YEAR}\))([\w\-–/]{{1,8}})\)"),              # "10(4)", "521 (7553)", "9(Nov)"
    re.compile(rf"\b(\d{{1,4}})()\s*(?=\({YEAR}\))"),                                  # Elsevier "97 (1997)"
)
_ARTICLE_NUMBER_RE = re.compile(r"(?:^|[\s:,])(e\d{3,7})\b")      # PLoS "8(4): e61217": the article's number
# What a citation prints after or inside its source that names no venue: Vancouver's "[cited ...]",
# "[Internet]" and "Available from: <address>" (an arXiv or DOI address is kept: it is the paper's id),
# PubMed's ids, an ISSN, the labels of the record's links ("[PDF] [BibTeX] [Code]")
_CITED_RE = re.compile(r"\s*\[(?:cited|consulté|accessed)[^\]]*\]|\s*\[Internet\]"
                       r"|\s*(?:Available (?:from|at|online)|Disponible sur)\s*:\s*(?!\S*(?:arxiv\.org|doi\.org))\S+"
                       r"|\s*(?:Available (?:from|at|online)|Disponible sur)\s*:\s*"
                       r"|[.;,]?\s*\b(?:PMID|PMCID)\s*:?\s*(?:PMC)?\d+\.?|[.;,]?\s*\bE?ISSN:?\s*\d{4}-?\d{3}[\dXx]\.?"
                       r"|(?:\s*\[(?:pdf|bibtex|bib|slides|code|video|poster|project|html|arxiv|doi|data|demo|"
                       r"supplementary|talk|blog)\])+", re.IGNORECASE)
# "In: Van den Bussche, J., Vianu, V. (eds.) ICDT 2001. ...": Springer's editors of the proceedings
_EDITORS_RE = re.compile(r"^In:?\s+[^()]*\((?:eds?|Eds?|Hrsg|éds?|dir)\.?\)[.,:]?\s*")
_YEAR_TEXT_RE = re.compile(rf"\s*\(\s*(?:{_MONTH}\s+)?{YEAR}\s*\)|,\s*(?:{_MONTH}\s+)?{YEAR}\b(?!\))|\s+{YEAR}$")


def venue_fields(line: str) -> dict:
    """The fields a printed source line gives (``_read_venue_fields``), read once per line: the
    matcher, the merge and the report ask for them several times. A new dict each time."""
    return dict(_venue_fields(line))


@lru_cache(maxsize=1 << 14)
def _venue_fields(line: str) -> tuple[tuple[str, str], ...]:
    return tuple(_read_venue_fields(line).items())


def _read_venue_fields(line: str) -> dict:
    """A printed source line -> venue, volume, number, pages and year: "VLDB Journal 10(4):
    270-294 (2001)" is the VLDB Journal, volume 10, number 4, pages 270–294, 2001. Also ACM's
    "Commun. ACM 52, 6 (June 2009), 56–65", IEEE's "vol. 11, no. 1, pp. 36–44", Elsevier's
    "Artificial Intelligence 97 (1997) 273-324", Google Scholar's "Nature 521 (7553), 436-444,
    2015"; an arXiv id ("arXiv:1706.03762", "CoRR abs/1706.03762") names a preprint."""
    if _DETAIL_RE.match(line) or is_citation_count(line) or line.strip().casefold() in _BARE_LABELS:
        return {}
    if labelled := labelled_field(line):
        return _source_fields(source_text(line)) if labelled[0] not in ("detail", "month") else {}
    return _source_fields(line)


_YEAR_MONTH_RE = re.compile(rf"[.,;]?\s*\b{YEAR}\s+{_MONTH}(?:\s+\d{{1,2}})?(?![\w-])")
_MONTH_YEAR_RE = re.compile(rf"^(?P<mon>{_MONTH})\.?,?\s+(?P<y>{YEAR})\.?$", re.IGNORECASE)


def _source_fields(line: str) -> dict:
    text = _EDITORS_RE.sub("In: ", _CITED_RE.sub(" ", clean_text(line))).strip()
    if month_year := _MONTH_YEAR_RE.match(text):       # "December 2023": a date, no venue
        month = month_number(month_year["mon"][:3])
        return {"date": f"{month_year['y']}-{month:02d}" if month else month_year["y"]}
    fields: dict = {}
    doi = _DOI_RE.search(text)
    if doi:
        fields["doi"] = doi.group(1)
    bare = _ARCHIVE_ID_RE.sub("", _DOI_RE.sub("", text))
    if bare != text:      # and the punctuation that went with the identifiers: "pp.301-325. ⟨10....⟩. ⟨hal-...⟩"
        text = re.sub(r"(?:\s*[.,;])+\s*$", "", re.sub(r"\.(?:\s*[.,;])+", ".", bare)).strip()
    if re.search(r"[\d)]\.$", text):       # the citation's closing period ("65-76.", "(2001)."), not an abbreviation's
        text = text[:-1]
    arxiv = _ARXIV_RE.search(text)
    if arxiv:                     # a preprint: its id and year; a venue only when one is printed beside it
        rest = _PREPRINT_WORDS_RE.sub(" ", text[:arxiv.start()] + " " + text[arxiv.end():]).strip(" ,.;:")
        if re.search(r"[^\W\d_]{2,}", rest):
            return {**_source_fields(rest), **fields, "arxiv": arxiv.group(1)}
        years = _YEAR_RE.findall(rest)
        return {"date": years[-1], **fields, "arxiv": arxiv.group(1)} if years else {**fields, "arxiv": arxiv.group(1)}
    masked = _DAYS_RE.sub(lambda m: "#" * len(m.group()), text)     # "June 1-3": days, not pages
    ranges = page_ranges(masked)
    labelled = [r for r in ranges if re.search(r"(?:pp?\.|pages|:)\s*$", masked[:r.start()])]
    pages = (labelled or ranges or [None])[-1]
    if pages:
        fields["pages"] = page_range(pages.group())
        label = _PAGES_LABEL_RE.search(text[:pages.start()])
        before = text[:label.start() if label else pages.start()]
        volume = _VOLUME_BEFORE_PAGES_RE.search(before) if label and ":" in label.group() else \
            re.search(rf",\s*(?!{YEAR}\b)(\d{{1,4}})()$", before) if label and label.group().strip() == "," else None
        if volume:                # JMLR's "3:993–1022" (but "VLDB 2000: 65-76" is of 2000), PubMed's "1991;6(1):37-66"
            fields["volume"] = volume.group(1)
            if volume.group(2):
                fields["number"] = volume.group(2)
            before = _MONTH_AFTER_YEAR_RE.sub("", before[:volume.start()])
        text = before + text[pages.end():]
    one_page = None if pages else _ONE_PAGE_RE.search(text)
    if one_page:                  # "7(4):513, 1995", APA's "7(1), 1": volume, number and a page alone
        fields.update(volume=one_page.group(1), number=one_page.group(2), pages=one_page.group(3))
        text = text[:one_page.start()] + text[one_page.end():]
        pages = one_page
    article = None if pages else _ARTICLE_NUMBER_RE.search(text)
    if article:
        fields["pages"] = article.group(1)
        text = text[:article.start()] + text[article.end():]
    years = _YEAR_RE.findall(_SERIES_VOLUME_RE.sub(" ", text))   # not in the pages ("NIPS 2015: 2017-2025" is of
    # 2015), nor a series' volume ("Springer LNCS 1973", "CEUR Workshop Proceedings, vol. 2083")
    if years:
        fields = {"date": years[-1], **fields}
    for pattern in _VOLUME_PATTERNS:
        volume = pattern.search(text)
        if volume:
            fields["volume"] = volume.group(1)
            if volume.group(2):
                first_page = "pages" not in fields and "month" in volume.re.groupindex and not volume["month"]
                fields["pages" if first_page else "number"] = volume.group(2)
            text = text[:volume.start()] + text[volume.end():]
            break
    text = _YEAR_MONTH_RE.sub("", text)           # Vancouver's "2015 May", "2015 Dec 22"
    text = _YEAR_TEXT_RE.sub("", text.strip(" ,;:"))
    text = re.sub(r"\(\s*(?:pp?\.|pages)?\s*\)", "", text)                 # APA's "(pp. 770-778)" taken out
    text = re.sub(r"(?:\s*,)+(?=\s*(?:,|$|\.$))", "", text)          # the commas of what was taken out
    text = re.sub(r"[;:]+(?=\s*(?:[;:.,]|$))|\s+[.;:,]+$", "", text.strip()).strip()    # and their stops
    text = _YEAR_TEXT_RE.sub("", text)
    text = re.sub(r"^In:?\s+", "", text.strip(" ,;:")).strip(" ,;:")
    if any(c.isalpha() for c in text) and text.casefold() not in ("pp.", "pp", "p.", "pages"):
        fields["venue"] = text
    return fields
