"""Which text is a person's name, and how surely: the shapes of author lines.

Listings print names in every form citation sources use ("First Last", "Last, F. M.",
"Last FM", several on one line joined with commas, "and" or semicolons, "et al."): these
functions say whether a line can be names and which, and the odds that it is rather than a
title, from its shape and from the words the dump uses elsewhere (``Vocabulary``). Which
reading each line takes is decided over the whole dump, in ``parse`` (the record grammar).
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from .normalise import (FUNCTION_WORDS, PARTICLES, SUFFIXES, could_be_initials, given_names, is_initial,
                        natural_order, pinyin, split_name, strip_accents)


# Words that are far more often part of a title than of a name; a prior for small files.
TITLE_WORDS = frozenset("""
learning data deep neural network networks model models system systems analysis approach approaches
editorial editor editors guest introduction review reviews survey tutorial message notes perspectives
perspective engineering optimization optimisation algorithm algorithms method methods theory query queries
database databases management information retrieval search language languages processing design
framework architecture evaluation efficient efficient scalable robust fast adaptive dynamic automatic
reinforcement generative graph graphs training inference representation representations knowledge
semantic semantics web mining distributed parallel computing vision image images text report reports
interview keynote panel workshop conference proceedings standards standard towards toward beyond
application applications index indexing benchmark benchmarks agent agents policy control estimation
bayesian transformer transformers attention memory study studies case foundations foundation
principles challenges issues research science sciences intelligence artificial machine machines
statistical statistics probabilistic logic programming software hardware integration repository
industry book books letter letters chair treasurer statement reminiscences developments overview
university universite université institute institut center centre laboratory lab department school group
development technical technology descent gradient gradients revisited revisiting rethinking understanding
stochastic convex nonconvex online offline sparse scaling transfer meta multi self supervised unsupervised
semi active federated privacy secure security fairness explainable interpretable causal kernel kernels
matrix tensor spectral clustering classification regression detection segmentation recognition
generation translation prediction planning reasoning exploration mirror games game theory technologies college faculty national international society association
""".split())


_NAME_TOKEN_RE = re.compile(r"^[^\W\d_][^\W\d_'’\-.]*(?:['’\-.][^\W\d_]*)*\.?$")
_NOT_NAME_CHARS = re.compile(r"[0-9:;?!()\[\]{}\"“”/\\&+=@#%*|<>_~$]")
_FOOTNOTE_RE = re.compile(r"(?<=[^\W\d_.])[*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰]+(?=,|;|\s|$)")
# "Authors: A, B", "Auteurs : A, B", "by A and B", "par A et B": a label before a line of names
_NAMES_LABEL_RE = re.compile(r"^(?:(?i:authors?|auteurs?|author\(s\)|auteur\(s\)|contributors?|by|par)\s*:\s*"
                             r"|(?:by|par)\s+(?=[^\W\d_]))")
# HAL's affiliation numbers, superscripts printed as text: "Jean-Pierre Dupont 1, 2, Marie Curie 2", "Dupont (1)"
_AFFILIATION_NUMBERS_RE = re.compile(r"(?<=[^\W\d_])(?:\s*\(\d{1,2}(?:\s*,\s*\d{1,2})*\)|\s+\d{1,2}"
                                     r"(?:\s*,\s*\d{1,2}(?=\s*(?:,|;|$)))*)(?=\s*(?:,|;|$))")
# "Alon Y. Levy (University of Washington)": an affiliation after a name, before the next or the end
# (not "(1777-1855)", "(geb. 1910)": a year says it is a title's)
_AFFILIATION_RE = re.compile(r"(?<=[^\W\d_]|\.)\s*\((?=[^()]*[^\W\d_]{2})(?![^()]*\b(?:1\d|20)\d\d\b)[^()]{2,100}\)"
                             r"(?=\s*(?:,|;|$|\s+and\s|\s+et\s|\s*&))")
_ET_AL_RE = re.compile(r",?\s+(?:et\s+al\.?|and others)$|,\s*(?:\.\.\.|…)$", re.IGNORECASE)   # Scholar's ", ..."
_WORD_RE = re.compile(r"[^\W\d_]{3,}")
_ELIDED_PARTICLE_RE = re.compile(r"^(?:d|l|dell|dall|degl|all)['’](?=[^\W\d_])")


@lru_cache(maxsize=1 << 16)   # pure, and the same name tokens come back on every record
def _is_name_token(token: str) -> bool:
    if token.casefold() in PARTICLES:
        return True
    if is_initial(token):
        return True
    if token.casefold() in SUFFIXES:
        return True
    if not _NAME_TOKEN_RE.match(token) or re.search(r"['’]s$", token):
        return False
    elided = _ELIDED_PARTICLE_RE.match(token)      # "d'Alembert", "dell'Orco": the surname after the particle
    letters = [c for c in (token[elided.end():] if elided else token) if c.isalpha()]
    return bool(letters) and letters[0].isupper() and any(c.islower() for c in letters)


def is_caps_word(token: str) -> bool:
    """"MUNOS", "VAN-DER-BERG": a word in capitals (an initial is not one)."""
    letters = [c for c in token if c.isalpha()]
    return (len(letters) >= 2 and all(c.isupper() for c in letters) and not is_initial(token)
            and _NAME_TOKEN_RE.match(token) is not None)


def _token_ok(token: str, weak: bool) -> bool:
    return _is_name_token(token) or (weak and is_caps_word(token))


def name_shaped(text: str, weak: bool = False) -> bool:
    """Could this text be one person's name, as printed in natural order?

    Also "Munos R." (surname, then dotted initials). With ``weak``, forms that are names only
    when a dump uses them as its convention are accepted too: a surname in capitals beside an
    ordinary given name ("Rémi MUNOS", "MUNOS Rémi") and undotted trailing initials ("Munos R").
    A line all in capitals is never a name (it is an acronym or a shouted title).
    """
    if len(text) > 60 or _NOT_NAME_CHARS.search(text) or "," in text:
        return False
    tokens = text.split()
    if not 2 <= len(tokens) <= 6:
        return False
    caps = []
    for i, token in enumerate(tokens):
        folded = token.casefold().rstrip(".,;:")      # "Speaks Out.": a title's last word
        if folded in FUNCTION_WORDS and folded not in PARTICLES and not is_initial(token) and not (
                _word_among_initials(tokens, i, weak)):
            return False
        if _is_name_token(token):
            continue
        if weak and is_caps_word(token):
            caps.append(i)
            continue
        return False
    if caps:
        ordinary = [t for i, t in enumerate(tokens) if i not in caps and not is_initial(t)
                    and t.casefold() not in SUFFIXES
                    and (t.casefold() not in PARTICLES or (i == 0 and t[:1].isupper() and len(tokens) == 2))]
        # ("Do HT", "Le MH": a capitalised particle alone before initials is the surname)
        one_run = caps == list(range(caps[0], caps[-1] + 1))
        dotted = any(is_initial(t) and t.endswith(".") for t in tokens)   # "R. MUNOS", "MUNOS R."
        if not (ordinary or dotted) or not one_run or (caps[0] != 0 and caps[-1] != len(tokens) - 1):
            return False
    last = tokens[-1]
    if is_initial(last):   # "Munos R.", "van der Berg J. P.": surname first, then initials
        first_initial = next(i for i, t in enumerate(tokens) if is_initial(t))
        trailing = tokens[first_initial:]
        return (first_initial > 0 and all(is_initial(t) for t in trailing) and not tokens[0][0].islower()
                and (weak or all(t.endswith(".") for t in trailing)))
    # a surname: "Das", "Le", "Van" are surnames when capitalised; "van" alone is not
    return not last[0].islower() and not (last.casefold() in SUFFIXES and len(tokens) < 3
                                          and not (weak and last in ("JR", "SR")))   # "Haritsa JR": initials


MAX_NAME_LIST = 4000       # characters: a line of a hundred names or so; longer ones are never read as names


def split_author_line(text: str, weak: bool = False) -> list[str] | None:
    """The names on an author line, or None when the line is not a list of names (see ``_split_author_line``)."""
    names = _split_author_line(text, weak)
    return None if names is None else list(names)


@lru_cache(maxsize=1 << 16)   # an author line is printed again on every paper of that group of authors
def _split_author_line(text: str, weak: bool) -> list[str] | None:   # cached: callers get a copy
    """The names on an author line, or None when the line is not a list of names.

    Handles one name per line, "Last, First", and several names separated by
    ";", ", ", " and " or " et ". A label before them ("Authors:", "by"), footnote marks after
    names ("Rémi Munos*", "Ada Lovelace¹"), an affiliation in parentheses ("Alon Y. Levy
    (University of Washington)") or its number ("Marie Curie 1, 2") and a closing "et al." are
    dropped.
    """
    # the ACL Anthology's "A | B | C", ResearchGate's "A · B"; Scopus's "(...)" for names left out
    text = _NAMES_LABEL_RE.sub("", text)
    if "|" in text or "·" in text:
        text = re.sub(r"\s+[|·]\s+", ", ", text)
    if "(" in text:
        text = re.sub(r",\s*\((?:\.\.\.|…)\)(?=,|$)", "", text)
    text = _ET_AL_RE.sub("", _FOOTNOTE_RE.sub("", _drop_affiliation_numbers(_AFFILIATION_RE.sub("", text))))
    if name_shaped(text, weak):
        return [text]
    if len(text) > MAX_NAME_LIST or re.search(r"[0-9:?!()\[\]{}\"“”/\\@#%*|<>_~$]", text):
        return None
    if ";" in text:
        parts = [p.strip() for p in text.split(";") if p.strip()]
        names = [_one_name(p, weak) for p in parts]
        return names if parts and all(names) else None  # type: ignore[return-value]
    if text.count(",") == 1 and " and " not in text:
        left, right = (p.strip() for p in text.split(","))
        # "Gayatri Sathe, Sunita Sarawagi" is two people; "Sarawagi, Sunita" and "García Molina, Héctor" one
        two_people = (len(left.split()) >= 2 and len(right.split()) >= 2 and name_shaped(left, weak)
                      and name_shaped(right, weak) and left.split()[0].casefold() not in PARTICLES) or (
            _initials_last(left) and _initials_last(right))      # "Do HT, Nguyen V": Vancouver, two people
        single = None if two_people else _last_first(text, weak)
        if single:
            return [single]
    parts = _list_parts(text)
    if len(parts) >= 2 and all(name_shaped(p, weak) and (len(p.split()) <= 4 or sum(map(is_initial, p.split())) >= 2)
                               for p in parts) and not (" et " in text and not all(map(_surely_a_person, parts))):
        return parts        # "Paul W. P. J. Grefen and Heiko Ludwig"; not "Génie Logiciel et Méthodes Formelles"
    # BibTeX's "Abiteboul, Serge and Hull, Richard"; APA's "Atzeni, P., & Torlone, R."
    joined = [p.strip() for p in re.split(r"\s+and\s+|\s*&\s*|\s+et\s+", text) if p.strip(" ,")]
    if len(joined) >= 2 and text.count(",") >= len(joined) - 1:
        names = [_last_first(p.strip(" ,"), weak) for p in joined]
        if all(names) and len(names) == len(joined):
            return names  # type: ignore[return-value]
    # "Atzeni, P., Torlone, R.", "Acharya, Swarup, Gibbons, Phillip B.": surname, given names, in turn
    # (Nature's "LeCun, Y., Bengio, Y. & Hinton, G.", French "Dupont, J.-P. et Curie, M."; a suffix
    # goes with the name before it: "Bayardo, R. J., Jr., & Agrawal, R.")
    pieces: list[str] = []
    for piece in (p.strip() for p in re.split(r",\s*(?:&\s*|and\s+|et\s+)?|\s+(?:&|and|et)\s+", text) if p.strip()):
        if pieces and len(pieces) % 2 == 0 and piece.casefold() in SUFFIXES:
            pieces[-1] += ", " + piece
        else:
            pieces.append(piece)
    if len(pieces) >= 4 and len(pieces) % 2 == 0 and all(len(last.split()) <= 3 for last in pieces[0::2]) and any(
            is_initial(t) for given in pieces[1::2] for t in given.split()):     # not "Sensing, Planning, Acting, ..."
        names = [_last_first(f"{last}, {given.split(',')[0]}", weak) and f"{last}, {given}"
                 for last, given in zip(pieces[0::2], pieces[1::2])]
        if all(names):
            return names  # type: ignore[return-value]
    return None


def _drop_affiliation_numbers(text: str) -> str:
    """"Jean-Pierre Dupont 1, 2, Marie Curie 2" -> "Jean-Pierre Dupont, Marie Curie": only when each
    number follows a name of two words or more (not "Windows 7, Office 10")."""
    if not any(c.isdigit() for c in text):
        return text
    bare = _AFFILIATION_NUMBERS_RE.sub("", text)
    parts = re.split(r"[,;]", bare)
    if bare == text or any(len(part.split()) < 2 for part in parts) or (len(parts) < 2 and "(" not in text):
        return text      # not "Toy Story 3" either: one name's bare number only in a list
    return bare


def _surely_a_person(name: str) -> bool:
    """An initial or a given name known ("Marie-Christine Rousset"): what a French title's words
    joined with "et" lack ("Génie Logiciel et Méthodes Formelles")."""
    return any(is_initial(t) for t in name.split()) or _first_given(name).split("-")[0] in given_names()


def _list_parts(text: str) -> list[str]:
    """"A, B and C", "A and B", "A & B", "A et B": the parts of a list of names."""
    return [p.strip() for p in re.split(r",\s*(?:and\s+|et\s+)?|\s+and\s+|\s+et\s+|\s*&\s*", text) if p.strip()]


def _one_name(part: str, weak: bool = False) -> str | None:
    if name_shaped(part, weak):
        return part
    return _last_first(part, weak)


def _last_first(text: str, weak: bool = False) -> str | None:
    """"Munos, Rémi" / "van der Berg, J." -> kept as printed (normalise reorders it)."""
    if text.count(",") != 1:
        return None
    last, first = (p.strip() for p in text.split(","))
    if not last or not first or len(last.split()) > 4 or len(first.split()) > 4:
        return None
    if first.casefold().rstrip(".") in {"jr", "sr"}:
        return None
    if not name_shaped(f"{first} {last}", weak) and not (len(first.split()) == 1 and _is_name_token(first)
                                                         and all(_is_name_token(t) for t in last.split())):
        return None
    if not all(_token_ok(t, weak) for t in first.split() + last.split()):
        return None
    tokens = last.split() + first.split()
    if any(t.casefold() in FUNCTION_WORDS and t.casefold() not in PARTICLES and not is_initial(t)
           and not _word_among_initials(tokens, i, weak)
           and not (i == 0 and last == t and t[:1].isupper() and t.casefold() in WORD_SURNAMES)
           for i, t in enumerate(tokens)):
        return None       # but "An, Ning": the one word before the comma is the surname
    return text


def _word_among_initials(tokens: list[str], i: int, weak: bool) -> bool:
    """"Ilyas IF", "Swami AN", "IF Cruz" (weak: undotted initials that spell a word), "An N",
    "An, N." (a surname that is an English word, before initials): the English word is part of
    a name printed with initials, Vancouver or Google Scholar style."""
    token = tokens[i]

    def initials(t: str) -> bool:
        return is_initial(t) or (weak and t.isupper() and could_be_initials(t))

    if 0 < i == len(tokens) - 1:
        return weak and token.isupper() and could_be_initials(token)
    if i == 0 and weak and initials_first(" ".join(tokens)):
        return True       # "IF Cruz", "VS Sengar": Google Scholar's initials, before the surname
    return i == 0 and len(tokens) >= 2 and token.casefold() in WORD_SURNAMES and token[:1].isupper() and all(
        initials(t) for t in tokens[1:])


# Surnames that are also English function words (Korean, Chinese, Vietnamese: An, Do, No): only
# these are names before initials; "On XML", "The WWW", "Why SQL" are titles.
WORD_SURNAMES = frozenset({"an", "do", "no"})


@lru_cache(maxsize=1 << 16)
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(strip_accents(t).casefold().strip(".,'’") for t in text.split())


def _title_words(title: str) -> tuple[str, ...]:
    """A title's words, less the people it names after "by" ("Review of Data on the Web by Serge
    Abiteboul, Peter Buneman, and Dan Suciu"): a person a title names is no evidence that their
    name is made of title words. Only a list of names, or one with an initial or a given name
    known: "Optimization by Simulated Annealing" keeps its words."""
    words = title.split()
    if "by" not in words[:-1]:
        return _tokens(title)
    at = words.index("by") + 1
    end = at
    while end < len(words) and (words[end][:1].isupper() or words[end] in ("and", "&")):
        end += 1
        if words[end - 1].endswith("."):
            break
    names = split_author_line(" ".join(words[at:end]).rstrip(".,;"))
    if not names or (len(names) == 1 and not any(is_initial(t) for t in names[0].split())
                     and _first_given(names[0]) not in given_names()):
        return _tokens(title)
    return _tokens(" ".join(words[:at] + words[end:]))


# General English words seldom part of a person's name, as more evidence for a title than
# TITLE_WORDS alone (a listing of another field uses other title words). Frequent given names
# and surnames ("Mark", "Young", "King", "Gray") are left out on purpose.
COMMON_WORDS = frozenset("""
about above across action actions active activity actual additional address advanced advances advice after
against agenda aid aids algebra algebraic alternative alternatives among amount analysing analyzing answer
answers any application applied applying approximate approximation architectures area areas arithmetic array
arrays art article articles aspects assessment assistant automated automation available average awareness
back bad balance balancing base based basic basics behavior behaviour being benefits best better big bit bits
block blocks board body bound bounds brief bringing broad budget building built business call calls can capacity
care career case cases cell cells central century challenge change changes changing channel channels characteristics
check choice circuit cities city class classes clean clear client clients closed cloud code codes coding
cognitive collection column columns combining comments commerce common communication communities community
comparing comparison compiler complete complex complexity component components composition computation
computational computer computers concepts concurrency concurrent condition conditions considerations
consistency constraint constraints construction content contents context continuous contribution cost costs
could counting course coverage creating critical cross cube cultural current curriculum customer cycle daily
dark day days deadlines decision decisions declarative decade defining definition delivery demand demands
demo demonstration dependencies deployment description determining developing device devices dialogue
different digital dimension dimensional direct direction directions directory discovery discrete discussion
disk display distance distribution diverse document documents does domain domains double down driven during
early ease economic economics economy edge edition education effect effective effects efficiency elements
emerging empirical enabling end energy engine engines enhanced enterprise environment environments error
errors essential evaluating event events evolution evolving example examples exchange execution existing
expanding experience experiences experiment experimental experiments expert explicit exploiting expressions
extended extending extension extensions external extraction facts failure family fault feature features field
fields file files final finding first fixed flexible flow focus form formal forms forum free frequent front
full function functional functions future general generalized generating generic global goals good grid
growing growth guide handling hard health heterogeneous hidden high higher history home how human ideas
identification identifying impact implementation implementing implications important improved improving
incremental independent index individual industrial infrastructure initial input integrated integrating
interaction interactive interface interfaces internal internet interoperability issue items join joins journal
just key keys keyword large largest late law layer layers lead leading least lecture lessons level levels life
light limited line linear lines link links list lists live local locking logical long loss low lower main
maintaining maintenance major making manager managing manual many map mapping maps market markets material
materials mathematical maximum measure measures measuring media medical medium meeting mental message
messages metadata methodology metric metrics middle migration minimum mining mixed mobile modeling modelling
modern modular monitoring more most moving multimedia multiple natural navigation near need needs negative
nested net new news next node nodes noise non normal note novel number numbers numerical object objects
observations office old open operating operation operations operator operators optimal optimizing order
ordering organization organizational orientation oriented other outer output over page pages paper papers
part partial partitioning parts past path paths pattern patterns peer people performance personal
perspective phase physical picture place plan plans platform point points political portable positive
possible power practical practice practices present presentation press preview primary private problem
problems procedure procedures process product production products professional profile program progress
project projects proof properties property proposal protection protocol protocols prototype provenance
public quality quantitative question questions quick random range ranking rapid rate rates real realistic
recent recovery reduction reference related relational relations relationship relationships reliable
remote removal replication representation requirements resource resources response results retrospective
return reuse rich right risk road role roles rule rules run running safe sample sampling scale scheduling
schema schemas scheme schemes scientific scope second selected selection selectivity semistructured sensor
series server servers service services session set sets setting shared short side signal similar
similarity simple simulation single site sites size skills sliced small social solution solutions solving
some source sources space spaces spatial special specification speed stable stage state states static
status step steps storage store stores strategic strategies strategy stream streams structural structure
structured structures student students style subject success summary support supporting surface sustainable
synthesis table tables tables target task tasks teaching techniques technique temporal term terms test
testing tests their theoretical thinking time timely times tool tools top topics total toward trade
traditional traffic transaction transactions transformation trees tree trends trust tuning type types
uncertain uncertainty unified update updates usage use used user users using value values variable
variables version versus very view views virtual visual visualization vocabulary volume warehouse
warehouses wavelet wavelets way ways what when where wide winds wireless word words work working works
world wrapper year years zero again direction
""".split())


# Endings of English common words that names seldom have ("Direction", "Political", "Arithmetic").
_TITLE_ENDINGS = re.compile(r"(?:tion|tions|sion|sions|ment|ments|ness|ities|ity|ics|ical|ology|ologies|ive|ives|"
                            r"ous|able|ible|ism|isms|izing|ising|ized|ised|ization|isation|ware)$")


STRONG, WEAK_TIER, LOOSE = 3, 2, 1            # how surely a line's shape is a name's
_BASE_ODDS = {STRONG: 3.2, LOOSE: 0.3}
CLIP = 8.0


def _loose_name(text: str) -> str | None:
    """Name forms that are names in context but that a title could take too: a lower-case
    particle or given name ("van Roggen W", "eva Kühn", "B. v. Karger"), a surname that is also
    an English word ("Ning An"), a damaged letter ("S udholt, M."), a name in a script without
    spaces or capitals ("王小明")."""
    if len(text) > 60 or _NOT_NAME_CHARS.search(text):
        return None
    tokens = text.replace(",", " , ").split()
    words = [t for t in tokens if t != ","]
    if len(words) == 1:
        letters = [c for c in words[0] if c.isalpha()]
        cased = any(c.isupper() or c.islower() for c in letters)
        return text if not cased and 2 <= len(letters) <= 4 and len(letters) == len(words[0]) else None
    if not 2 <= len(words) <= 6 or text.count(",") > 1:
        return None
    if not all(_NAME_TOKEN_RE.match(t) or re.fullmatch(r"[^\W\d_]\.", t) for t in words):
        return None
    if any(t in ("et", "und") for t in words):
        return None       # "Pierre Bourdieu et la Sociologie": two of something, not one name
    lower = [t for t in words if t[0].islower() and t.casefold() not in PARTICLES and not re.fullmatch(r"[a-z]\.", t)]
    function = [t for t in words if t.casefold().rstrip(".,;:") in FUNCTION_WORDS and t.casefold() not in PARTICLES]
    if len(lower) > 1 or len(function) > 1 or (lower and function):
        return None
    if function and (len(words) > 3 or not function[0][0].isupper() or (
            function[0] != words[-1] and not (function[0] == words[0] and function[0].casefold() in WORD_SURNAMES
                                              and _initials_last(text)))):
        return None   # "Ning An", "An N": the English word is the surname, capitalised, before initials
    if not any(t[0].isupper() for t in words if not is_initial(t)):
        return None
    return text


def name_reading(text: str) -> tuple[int, list[str]] | None:
    """The names a line could be, and how surely its shape is a name's (STRONG, WEAK_TIER, LOOSE)."""
    if _ET_AL_ALONE_RE.fullmatch(text):
        return STRONG, []            # "et al." on a line of its own: the names above go on
    names = split_author_line(text)
    if names is not None:
        return STRONG, names
    bare = _SUFFIX_TAIL_RE.sub("", text)
    if bare != text and (inner := split_author_line(bare)) is not None and len(inner) == 1:
        return STRONG, [text]        # "Roberto J. Bayardo, Jr.", "Bayardo R. J. III"
    if _INITIALS_AFTER_COMMA_RE.match(text):
        return STRONG, [text]        # "Last, F. M.", "van Roggen, W", "S udholt, M."
    names = split_author_line(text, weak=True)
    if names is not None:
        return WEAK_TIER, names
    if (particled := _PARTICLE_HEAD_RE.match(text)) and (rest := split_author_line(particled.group(2), weak=True)):
        return WEAK_TIER, [particled.group(1) + rest[0], *rest[1:]]    # "van Roggen W", "de Vel O, Mohay G"
    loose = _loose_name(text)
    if loose:
        return LOOSE, [loose]
    parts = _list_parts(text) if len(text) <= MAX_NAME_LIST else []
    if " et " in text and not all(map(_surely_a_person, parts)):
        return None       # French "et" joins people only ("Pierre Bourdieu et la Sociologie" is a title)
    if len(parts) >= 2 and all(split_author_line(p, weak=True) or _loose_name(p) for p in parts):
        return LOOSE, parts          # "Ning An and Siva Ravada": a list with a name of the forms above
    return None


_ET_AL_ALONE_RE = re.compile(r"(?:et\.?\s*al\.?|and others|\.\.\.|…)", re.IGNORECASE)   # not "Others": a header
_SUFFIX_TAIL_RE = re.compile(r",?\s+(?:jr\.?|sr\.?|ii|iii|iv)$", re.IGNORECASE)
_INITIALS_AFTER_COMMA_RE = re.compile(
    r"^(?:[^\W\d_][^\W\d_'’\-]*\.?\s+){0,3}[^\W\d_][^\W\d_'’\-]*,\s*(?:[^\W\d_a-z]\.?\s*-?\s*){1,4}$")
_PARTICLE_HEAD_RE = re.compile(r"^((?:(?:van|von|der|den|de|del|della|di|da|du|des|la|le|ter|ten|zu)\s+)+)(.+)$")


class Vocabulary:
    """What a dump says about its words: in lines that can only be titles, or printed in lowercase
    there (common words, never names); in name-like lines; and as given names."""

    def __init__(self, readings: list[tuple[str, tuple[int, list[str]] | None]]):
        self.title_counts: Counter[str] = Counter()
        self.name_counts: Counter[str] = Counter()
        self.lowercase: set[str] = set()
        self.given: set[str] = set(given_names())
        self._evidence: dict[tuple[str, bool], bool] = {}
        self.name_odds: dict[str, float] = {}     # one person's name comes back on many lines
        self.surnames: set[str] = set()           # of the names printed with a given name or initials
        self.initials_first = 0                   # names printed "D Aha" (Google Scholar)
        for text, reading in readings:
            if reading is None:
                self.title_counts.update(_title_words(text))
                if not text.islower():      # a title all in lower case says nothing of its words' case
                    self.lowercase.update(strip_accents(w).casefold() for w in _WORD_RE.findall(text) if w.islower())
            else:
                for name in reading[1]:
                    self.name_counts.update(_tokens(name))
                    if reading[0] == STRONG:
                        self.surnames.add(split_name(name).surname)
                        self.initials_first += initials_first(name, 1)
                    first = _first_given(name)
                    if first and reading[0] == STRONG and any(is_initial(t) and t.endswith(".") for t in name.split()):
                        self.given.add(first)   # "Michael J. Franklin": a given name beside an initial

    def title_evidence(self, token: str, raw: str) -> int:
        """2: a title word ("Programming", "Search", "Correlation"); 1: a word that is common in
        titles or English but also a surname now and then ("Sample", "Press"); 0: no evidence."""
        key = (token, raw[:1].isupper())
        found = self._evidence.get(key)
        if found is None:
            if token in self.given and key[1]:
                found = 0
            elif token in TITLE_WORDS or (len(token) >= 6 and _TITLE_ENDINGS.search(token) is not None):
                found = 2
            else:
                found = int(token in COMMON_WORDS or token in self.lowercase
                            or 0 < self.name_counts[token] <= self.title_counts[token])
            self._evidence[key] = found
        return found


def _is_pinyin_name(name: str) -> bool:
    """"Zaiqing Nie", "Wei-Ying Ma", "Gang He": a Chinese name in pinyin, a given name of one to
    three syllables and a surname of one. Such names are often English words too ("Ning An")."""
    tokens = [strip_accents(t).casefold() for t in natural_order(name).split()]
    if len(tokens) != 2 or not pinyin(tokens[1]) or len(tokens[1]) > 6:
        return False
    return tokens[0] not in COMMON_WORDS and pinyin(tokens[0])


@lru_cache(maxsize=1 << 16)
def _first_given(name: str) -> str:
    """The first given name of a name in natural order, folded; "" for an initial."""
    first = natural_order(name).split()[0] if name.split() else ""
    return "" if is_initial(first) or first.casefold() in PARTICLES else strip_accents(first).casefold().strip(".,")


def name_odds(reading: tuple[int, list[str]], convention: bool, words: Vocabulary) -> float:
    """Log-odds that a line with a name reading is author names rather than a title: a list of
    names is as believable as its least believable name, and a little more for being a list."""
    tier, names = reading
    if not names:
        return CLIP                 # "et al.": only ever the end of a list of names
    base = _BASE_ODDS.get(tier, 2.0 if convention else -0.5)
    if tier == WEAK_TIER and not convention and all(_initials_beside(n, words) for n in names):
        base = 0.8           # "Aha DW", "DW Aha"
    if tier == LOOSE and all(len(n.split()) == 1 for n in names):
        base = 2.0           # "王小明": a short name in a script without spaces or capitals
    known = words.name_odds
    odds = min(base + (known[name] if name in known else known.setdefault(name, _one_name_odds(name, words)))
               for name in names) + (1.0 if len(names) >= 2 else 0.0)
    return max(-CLIP, min(CLIP, odds))


def _initials_beside(name: str, words: Vocabulary) -> bool:
    """"Aha DW", "DW Aha": one or two capitals beside a surname are initials (before it, only in a
    dump that prints names "D Aha"). Three are as likely an acronym ("Taming GPT", "XML Daa"),
    unless the dump prints that surname in other names ("Lakshmanan LVS" beside "Laks V. S.
    Lakshmanan")."""
    tokens = name.split()
    if initials_first(name):       # only in a dump that prints "D Aha": elsewhere "IT Governance" is a title
        return words.initials_first >= 2 and (initials_first(name, 2) or split_name(
            " ".join(tokens[1:])).surname in words.surnames)
    return _initials_last(name) or (_initials_last(name, 4) and split_name(
        " ".join(tokens[:-1])).surname in words.surnames)


def _initials_last(name: str, most: int = 2) -> bool:
    """"Kibler D", "Aha DW": a surname, then one or two capitals (undotted initials)."""
    tokens = name.split()
    return (len(tokens) >= 2 and tokens[-1].isalpha() and tokens[-1].isupper() and len(tokens[-1]) <= most
            and could_be_initials(tokens[-1]))


def initials_first(name: str, most: int = 4) -> bool:
    """"D Aha", "DW Aha", "PWPJ Grefen" (Google Scholar): undotted initials, then a surname that is
    not in capitals ("ACM SIGMOD" is not a name)."""
    tokens = name.split()
    return (len(tokens) >= 2 and tokens[0].isalpha() and tokens[0].isupper() and len(tokens[0]) <= most
            and could_be_initials(tokens[0]) and not tokens[-1].isupper())


def undotted_initials_first(reading: tuple[int, list[str]]) -> bool:
    """A line of names printed "D Aha" (Google Scholar): in a dump of such names, "DW Aha" is the
    convention, not an odd form."""
    return bool(reading[1]) and all(initials_first(name, 1) for name in reading[1])


def _one_name_odds(name: str, words: Vocabulary) -> float:
    tokens = name.replace(",", " ").split()
    odds = 0.0
    initials = _initials_beside(name, words)       # "Aha DW", "IN Subramanian": undotted
    if any(is_initial(t) and t.endswith(".") for t in tokens):
        odds += 3.0          # "V. D. Daji", "Munos R.": dotted initials are a name's, never a title's
    if _first_given(name) in words.given or _is_pinyin_name(name):
        odds += 1.0
    elif not any(is_initial(t) for t in tokens) and not initials:
        odds -= 0.7          # no initial, and no given name known in English or elsewhere in the dump
    full = [t for t in tokens if not is_initial(t) and t.casefold() not in PARTICLES
            and t.casefold().rstrip(".") not in SUFFIXES]
    if initials:             # "IN Subramanian", "Swami AN": the capitals are initials, not "in", "an"
        caps = tokens[0] if initials_first(name) else tokens[-1]
        full = [t for t in full if t != caps]
    if len(full) >= 4:
        odds -= 1.0          # four full words and no initial: long for one person's name
    if full:
        # a surname is often an English word ("Neal Sample", "Gang He"): such a vote counts half
        ordered = natural_order(name).split()
        surname = ordered[-1] if len(ordered) > 1 else ""
        votes = 0.0
        for t, raw in zip(_tokens(" ".join(full)), full):
            evidence = words.title_evidence(t, raw)
            if evidence == 2 and not (raw == surname and t in FUNCTION_WORDS):
                votes += 1.0
            elif evidence == 1:
                votes += 0.0 if raw == surname and t in FUNCTION_WORDS else 0.5 if raw == surname else 1.0
        odds -= 6.0 * votes / len(full)
    return odds


def could_be_title_words(name: str) -> bool:
    """"Bagging Predictors": a name by its shape only, no initial, no given name known (in English
    or as pinyin). "Jun Li", "Adele Cutler", "Chen H" are names."""
    return not any(is_initial(t) for t in name.split()) and _first_given(name) not in given_names() \
        and not _is_pinyin_name(name)


def ends_author_list(text: str) -> bool:
    """"et al." or "and others", on a line of its own or at the end of a line of names: the
    authors printed are only the first ones."""
    return bool(_ET_AL_ALONE_RE.fullmatch(text.strip()) or _ET_AL_RE.search(text.rstrip()))
