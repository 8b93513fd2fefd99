"""Grouping name mentions into one entity per real-world thing.

"British Prime Minister Keir Starmer", "Keir Starmer" and "Starmer" are one
person; so are "Olaf Scholz" (tagged ORG by the small model) and "Scholz"
(tagged GPE).  Labels are decided per group, from the tagger's votes and the
evidence of titles ("Chancellor", "Mr.") and speech.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from newsread.analysis import lexicon
from newsread.analysis.names import first_name_lean, first_name_sex
from newsread.analysis.features import NameMention

#: Labels a one-word name may carry and still be a person's surname.
_SURNAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "NORP"})

#: Titles that are part of the name a person is known by ("Pope Francis", "Queen Elizabeth",
#: "Mother Teresa", "Sheikh Hasina"): left in the name when the tagger includes them.
_STYLE_TITLES = frozenset("pope king queen prince princess emperor sultan sheikh father mother sister brother".split())

#: Words that join an office's words and never a name's ("Secretary of State Marco Rubio").
_CONNECTORS = frozenset("of for the and at on in to".split())

#: What may follow a name and is no name of its own ("Martin Luther King Jr.").
_NAME_SUFFIXES = frozenset("jr sr ii iii iv".split())

#: Words for a person that say their sex and are no title of the lexicon ("first lady Jill Biden").
_GENDER_WORDS = {"lady": "f", "woman": "f", "man": "m", "gentleman": "m"}

#: Who one is by one's family: a person so introduced has a relative, who may share the surname.
_KIN = frozenset("""lady wife husband widow widower daughter son brother sister mother father niece nephew
    uncle aunt cousin grandfather grandmother grandson granddaughter fiancé fiancée girlfriend boyfriend""".split())

#: Courtesy titles: they say a person's sex, not what they do.
_HONORIFICS = frozenset("mr mrs ms miss".split())

#: Words that may stand between a title and the name it belongs to ("former first lady", "then-Gov.").
_TITLE_MODIFIERS = frozenset("former first then late ex vice deputy acting incoming outgoing".split())

#: Personal pronouns that say whom the text takes a name for: "Obama said he …".
_PRONOUN_GENDER = {"he": "m", "himself": "m", "she": "f", "herself": "f"}
_PRONOUN = re.compile(r"\b(?:he|she|himself|herself)\b", re.I)
#: Where the words that may follow a name about that person end: a sentence's end, a quote, a line.
_WINDOW_END = re.compile(r"[.!?]\s|[“”\"\n]|''")


@dataclass(slots=True)
class Group:
    name: str
    tokens: tuple[str, ...]
    mentions: list[NameMention] = field(default_factory=list)
    extra: list[tuple[int, int]] = field(default_factory=list)  # pronoun/description mentions
    votes: Counter = field(default_factory=Counter)
    titles: set[str] = field(default_factory=set)
    gender: str | None = None
    speaks: int = 0
    referred: Counter = field(default_factory=Counter)  # "he"/"she" after its mentions: "Fiorina said she …"
    name_sex: str | None = None  # what the first name of a full name says ("Susan Reed": "f")
    name_lean: str | None = None  # ... or only leans to ("Bernie Sanders": "m")
    label: str = ""
    unnamed: bool = False

    def add(self, m: NameMention) -> None:
        self.mentions.append(m)
        self.votes[m.label] += 1
        self.titles |= m.titles
        if len(_tokens(m.text)) > len(self.tokens):
            self.name, self.tokens = m.text, _tokens(m.text)
        if m.gender and not self.gender:
            self.gender = m.gender

    @property
    def person_evidence(self) -> bool:
        return (bool(self.votes["PERSON"]) or lexicon.is_person_title(self.titles) or self.referred_as_person
                or self.personal_name)

    @property
    def personal_name(self) -> bool:
        """"Carly Fiorina", however it was tagged: a first name borne mostly by one sex, then a
        surname, and no word of an organisation's or a place's name ("Fox News", "Cleveland Browns",
        the tagger's "Washington Post Trump")."""
        if self.name_sex is None or not 2 <= len(self.tokens) <= 3:
            return False
        words = [t.lower().strip(".") for t in self.tokens]
        return (all(t[:1].isupper() for t in self.tokens) and not lexicon.INSTITUTION_WORDS.intersection(words)
                and not (words[-1].endswith("s") and not words[-1].endswith("ss"))
                and not any(label in self.votes for label in ("GPE", "LOC", "FAC", "NORP")))

    @property
    def referred_as_person(self) -> bool:
        """Called "she" (or "he") after two of its mentions, and never the other: a person,
        whatever the tagger says (it tags "Fiorina" an organisation)."""
        return len(self.referred) == 1 and sum(self.referred.values()) >= 2

    @property
    def first(self) -> int:
        starts = [m.start for m in self.mentions] + [s for s, _ in self.extra]
        return min(starts) if starts else 0

    def decide_label(self) -> str:
        if self.unnamed:
            return "UNNAMED"
        if self.referred_as_person:
            self.label = "PERSON"
            return self.label
        votes = Counter(self.votes)
        if lexicon.is_person_title(self.titles) and any(l in votes for l in ("PERSON", "ORG", "GPE")):
            votes["PERSON"] += 3
        if self.speaks and votes["PERSON"]:
            votes["PERSON"] += min(self.speaks, 3)
        if votes["PERSON"] and len(self.tokens) >= 2 and self.tokens[0][:1].isupper():
            votes["PERSON"] += 1
        if self.personal_name and (self.speaks or self.referred):
            votes["PERSON"] += len(self.mentions)  # "Carly Fiorina" (tagged ORG) said
        if self.speaks >= len(self.mentions) and set(votes) <= {"GPE", "LOC", "FAC", "PERSON", "WORK_OF_ART", "PRODUCT"}:
            votes["PERSON"] += len(self.mentions)  # a "place" (or "work") that only ever speaks is a person
        best = max(votes.items(), key=lambda kv: (kv[1], kv[0] == "PERSON"))[0] if votes else "PERSON"
        self.label = best
        return best


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(w for w in text.replace("’", "'").split() if w)


def _key(text: str) -> str:
    return " ".join(_tokens(text)).lower()


def _lead_title(word: str, left: int) -> bool:
    """Is ``word``, with ``left`` words of the name after it, a title or job the tagger swept
    into a person's name ("Mayor Ana Ruiz", "Fisherman Ola Brandt")?  A title of the lexicon
    (in any case: "Gov.", "MAYOR"), or a job named by a compound in -man/-woman, which is
    taken only when a first name and a surname follow ("Sherman Alexie" stays a name)."""
    title = lexicon.normalise_title(word)
    if title in lexicon.PERSON_TITLES:
        return title not in _STYLE_TITLES
    low = word.lower()
    return (left >= 2 and word[:1].isupper() and word[1:].islower()
            and any(low.endswith(end) and len(low) - len(end) >= 4 for end in ("woman", "man")))


def _job_gender(words) -> str | None:
    """"f" for a job in -woman ("Policewoman"), "m" for one in -man, when all agree."""
    genders = {"f" if w.endswith("woman") else "m" for w in words if w.endswith("man")}
    return genders.pop() if len(genders) == 1 else None


def _without_title(m: NameMention) -> NameMention:
    """The person's name without the title or job the tagger included in it, which joins
    the mention's titles: "Mayor Ana Ruiz" is "Ana Ruiz", a mayor ("the mayor" is her).
    Only the words before the last such title go, and only when every word is
    capitalised and none joins words ("of", "for"), so "Secretary of State Marco Rubio", whose
    office runs on, is left whole; particles of the name may follow ("Bashar al-Assad")."""
    if m.label != "PERSON":
        return m
    words = [(w.start(), w.group()) for w in re.finditer(r"\S+", m.text)]
    if len(words) < 2 or any(w.lower() in _CONNECTORS for _, w in words):
        return m
    for i in range(len(words) - 2, -1, -1):
        rest = words[i + 1 :]
        if (not all(w[:1].isupper() for _, w in words[: i + 2])
                or rest[0][1].strip(".,").lower() in _NAME_SUFFIXES):
            continue
        if _lead_title(words[i][1], len(rest)):
            lead = {lexicon.normalise_title(w) for _, w in words[: i + 1]}
            titles = m.titles | lead
            cut = rest[0][0]
            return replace(m, start=m.start + cut, text=m.text[cut:], titles=titles,
                           gender=m.gender or lexicon.gender_of(titles) or _job_gender(lead))
    return m


#: Offices named with their portfolio ("Secretary of State", "Chancellor of the Exchequer",
#: "Defense Secretary"): the portfolio is a word of the title, no organisation of its own.
_OFFICE_OF = re.compile(r"(?:^|\s)(?:secretary|minister|chancellor)\s+of\s+(?:the\s+)?\Z", re.I)
_OFFICE_AFTER = re.compile(r"\s+(?:secretary|minister)\b", re.I)
#: A portfolio: one capitalised word ("State", not "NATO"), perhaps "for" more ("State for Health").
_PORTFOLIO = re.compile(r"[A-Z][a-z]+(?: for [A-Z].*)?")


def in_office_title(m: NameMention, text: str) -> bool:
    """Is the organisation ``m`` only a word of an office's title: "State" in "Secretary of
    State Marco Rubio", "Energy" in "Secretary of Energy", "Defense" in "Defense Secretary"?
    Places stay ("Prime Minister of Canada"), so do acronyms ("Secretary General of NATO")
    and names of more words ("Chancellor of Oxford University", "the Department of State")."""
    if m.label != "ORG" or not text or not _PORTFOLIO.fullmatch(m.text):
        return False
    before = text[max(0, m.start - 30) : m.start]
    if _OFFICE_OF.search(before):
        return True
    return " " not in m.text and _OFFICE_AFTER.match(text, m.end) is not None


class EntityGroups:
    """All groups of a document, and which group each mention belongs to.  With the
    document's ``text``, organisations that are only a word of an office's title are left out."""

    def __init__(self, names: list[NameMention], text: str = ""):
        self.groups: list[Group] = []
        self._by_key: dict[str, Group] = {}
        self._of: dict[tuple[int, int], Group] = {}
        self._spans: list[tuple[int, int]] | None = None  # sorted keys of _of, built on first use
        self._by_last: dict[str, list[Group]] = {}  # multi-word names by last word ("starmer")
        self._by_first: dict[str, list[Group]] = {}  # … and by first word ("emmanuel")
        self._bare: dict[str, list[Group]] = {}  # people known only by a surname another full name has
        self._text = text
        self._unsure = False  # the last one-word name joined one of several people by nearness
        self._sex: dict[int, Counter] = {}  # id(group) -> what its own mentions say of its sex
        self._roles: dict[int, set[str]] = {}  # id(group) -> the titles its own mentions carry
        names = [_without_title(m) for m in names if not in_office_title(m, text)]
        names.sort(key=lambda m: m.start)
        self._starts = [m.start for m in names]
        self._group(names)

    # -- building --------------------------------------------------------------

    def _group(self, names: list[NameMention]) -> None:
        evidence: dict[str, bool] = {}
        for m in names:
            k = _key(m.text)
            evidence[k] = evidence.get(k, False) or m.label == "PERSON" or lexicon.is_person_title(m.titles)
        multi = [m for m in names if len(_tokens(m.text)) >= 2]
        single = [m for m in names if len(_tokens(m.text)) < 2]
        # Longest names first so that shorter forms find their full name.
        for m in sorted(multi, key=lambda m: (-len(_tokens(m.text)), m.start)):
            g = self._by_key.get(_key(m.text))
            if g is None and evidence[_key(m.text)]:
                g = self._person_with_suffix(_tokens(m.text))
            if g is None:
                g = self._new(m.text)
            self._attach(m, g)
        for g in self.groups:  # what the full names say of their people
            for m in g.mentions:
                self._learn(g, m)
            g.name_sex = first_name_sex(g.tokens[0])
            g.name_lean = first_name_lean(g.tokens[0])
            if g.person_evidence and g.name_sex is not None:
                # "Ivanka Trump" is a woman: "Trump, she said" is not Donald Trump.
                self._sex.setdefault(id(g), Counter())[g.name_sex] += 2
        for m in single:
            g = None
            if m.label in _SURNAME_LABELS and m.text[:1].isupper():
                g = self._person_for_single(m)
            if g is None:
                g = self._by_key.get(_key(m.text)) or self._new(m.text)
            self._attach(m, g)
            if not self._unsure:
                self._learn(g, m)
            self._unsure = False

    def _new(self, text: str) -> Group:
        g = Group(name=text, tokens=_tokens(text))
        self.groups.append(g)
        self._by_key.setdefault(_key(text), g)
        if len(g.tokens) >= 2:
            self._by_last.setdefault(g.tokens[-1].lower(), []).append(g)
            self._by_first.setdefault(g.tokens[0].lower(), []).append(g)
        return g

    def _attach(self, m: NameMention, g: Group) -> None:
        g.add(m)
        self._of[(m.start, m.end)] = g

    def _person_with_suffix(self, tokens: tuple[str, ...]) -> Group | None:
        low = tuple(t.lower() for t in tokens)
        for g in self._by_last.get(low[-1], ()):
            gl = tuple(t.lower() for t in g.tokens)
            if len(gl) > len(low) and gl[-len(low) :] == low and g.person_evidence:
                return g
        return None

    def _person_for_single(self, m: NameMention) -> Group | None:
        """The person a one-word name is: the full name (or first name) it is part of.  Among
        people who share a surname ("Bill Clinton", "Hillary Clinton"), one whose sex or
        title contradicts the mention's ("Mrs. Clinton", "President Clinton") is never it; of
        the rest, one of the mention's sex, then one with its title, then the one named last.
        With no one left, it is someone the text never names in full ("President Obama" in
        a text that names only "Michelle Obama"): a new person, returned after being made."""
        word = m.text.replace("’", "'").lower()
        if word.endswith("'s"):
            word = word[:-2]
        surname = [g for g in self._by_last.get(word, ()) if g.person_evidence]
        first = [g for g in self._by_first.get(word, ()) if g.person_evidence]
        if not surname:
            # A first name the tagger took for a product is still hers ("Ivanka strode …").
            cands = first if m.label in ("PERSON", "ORG", "GPE") or (
                m.label in ("PRODUCT", "WORK_OF_ART") and first_name_sex(word) is not None) else []
            if not cands:
                return None
            return cands[0] if len(cands) == 1 else _nearest(cands, m.start)
        cands = surname + self._bare.get(word, [])
        sex = self._mention_sex(m)
        roles = self._mention_roles(m)
        offices = roles - _HONORIFICS - _KIN - _GENDER_WORDS.keys()
        fits = []
        for g in cands:
            own = self._roles.get(id(g), set())
            g_sex = self._group_sex(g)
            if sex and g_sex and sex != g_sex:
                continue  # "Mr. Obama" is not "Michelle Obama"
            if offices and own and not offices & own and own & _KIN:
                continue  # "President Obama" is not "the first lady, Michelle Obama"
            fits.append(g)
        if not fits:
            if m.label not in ("PERSON", "ORG", "GPE") and not roles:
                return None
            g = self._new(m.text)
            self._bare.setdefault(word, []).append(g)
            return g
        if offices:
            fits = [g for g in fits if offices & self._roles.get(id(g), set())] or fits
        if len(fits) > 1:
            self._unsure = True  # chosen by nearness alone: it tells nothing of the person
            return _nearest(fits, m.start)
        return fits[0]

    # -- what a person's mentions say of them ----------------------------------

    def _learn(self, g: Group, m: NameMention) -> None:
        roles = self._mention_roles(m)
        self._roles.setdefault(id(g), set()).update(roles)
        votes = self._sex.setdefault(id(g), Counter())
        by_title = self._title_sex(m, roles)
        said = self._said_after(m)
        if said is not None:
            g.referred[said] += 1
        if by_title:
            votes[by_title] += 2
        elif said is not None:
            votes[said] += 1

    def _group_sex(self, g: Group) -> str | None:
        votes = self._sex.get(id(g))
        if not votes:
            return None
        return lexicon.gender_by_votes(votes["m"], votes["f"])

    def _mention_sex(self, m: NameMention) -> str | None:
        return self._title_sex(m, self._mention_roles(m)) or self._said_after(m)

    def _title_sex(self, m: NameMention, roles: set[str]) -> str | None:
        """"Mr." or "Mrs.", "his wife", "first lady": the sex the titles next to a name say
        (with the text; the parser's titles may be another person's, "a strategist for Mrs. …")."""
        sex = lexicon.gender_of(roles) or _word_gender(roles)
        return sex if self._text else sex or m.gender

    def _mention_roles(self, m: NameMention) -> set[str]:
        """The titles written next to the name: the words just before it ("former President",
        "the first lady, ") and the first title of an apposition after it (", the senator,");
        not every word of a long apposition ("the daughter of former President Bill Clinton" is
        a daughter).  Without the text, the titles the parser found."""
        if not self._text:
            return {t for t in m.titles if t in lexicon.PERSON_TITLES or t in _GENDER_WORDS}
        roles: set[str] = set()
        before = re.findall(r"[^\s,]+|,", self._text[max(0, m.start - 60) : m.start])
        if before and before[-1] == ",":
            before.pop()
        for w in reversed(before[-5:]):
            t = lexicon.normalise_title(w.strip("’'"))
            if t in _HONORIFICS and not w[:1].isupper():
                break  # "Polls miss Trump's fall"
            if t in lexicon.PERSON_TITLES or t in _GENDER_WORDS:
                roles.add(t)
            elif t not in _TITLE_MODIFIERS:
                break
        after = re.match(r"(?:['’]s)?\s*,\s+(?:the|a|an|his|her|their)?\s*((?:[\w.-]+\s*){1,4})",
                         self._text[m.end : m.end + 60])
        if after:
            for w in after.group(1).split():
                t = lexicon.normalise_title(w)
                if t in lexicon.PERSON_TITLES or t in _GENDER_WORDS:
                    roles.add(t)
                    break
                if t not in _TITLE_MODIFIERS and not w[:1].isupper():
                    break
        return roles

    def _said_after(self, m: NameMention) -> str | None:
        """The sex of a "he" or "she" following the name in its sentence before anyone else
        is named or quoted ("Obama said he would …"), if one does."""
        if not self._text or m.in_quote or not m.is_subject:
            return None
        i = bisect.bisect_right(self._starts, m.start)
        stop = min(self._starts[i] if i < len(self._starts) else len(self._text), m.end + 120)
        window = self._text[m.end : stop]
        end = _WINDOW_END.search(window)
        if end:
            window = window[: end.start()]
        said = {_PRONOUN_GENDER[p.group().lower()] for p in _PRONOUN.finditer(window)}
        return said.pop() if len(said) == 1 else None

    # -- queries ---------------------------------------------------------------

    def of(self, start: int, end: int) -> Group | None:
        """The group of the name mention overlapping [start, end), if any."""
        g = self._of.get((start, end))
        if g is not None:
            return g
        if self._spans is None:
            self._spans = sorted(self._of)
        i = bisect.bisect_left(self._spans, (end, end))
        for s, e in reversed(self._spans[max(0, i - 8) : i]):
            if s < end and start < e:
                return self._of[(s, e)]
        return None

    def named(self, text: str) -> Group | None:
        """The named group called exactly ``text`` (capitalised, as a name is), if any."""
        if not text[:1].isupper():
            return None
        g = self._by_key.get(_key(text))
        if g is None and " " not in text.strip():
            people = [p for p in self._by_last.get(text.strip().lower(), ()) if p.person_evidence]
            g = people[0] if len(people) == 1 else None
        return g if g is not None and not g.unnamed else None

    def unnamed(self, description: str) -> Group:
        """The unnamed-source group for a description ("a source", "officials")."""
        words = _tokens(description)
        while words and words[0].lower() in ("a", "an", "the", "some", "one"):
            words = words[1:]
        key = "unnamed:" + " ".join(words).lower()
        g = self._by_key.get(key)
        if g is None:
            g = Group(name=" ".join(words) or description, tokens=tuple(words), unnamed=True)
            self.groups.append(g)
            self._by_key[key] = g
        return g

    def decide_labels(self) -> None:
        for g in self.groups:
            g.decide_label()


def _word_gender(words) -> str | None:
    genders = {_GENDER_WORDS[w] for w in words if w in _GENDER_WORDS}
    return genders.pop() if len(genders) == 1 else None


def _nearest(cands: list[Group], pos: int) -> Group:
    """The candidate mentioned most recently before ``pos`` (else soonest after)."""

    def score(g: Group):
        starts = sorted(m.start for m in g.mentions)
        i = bisect.bisect_left(starts, pos)
        if i:
            return (0, pos - starts[i - 1])
        return (1, starts[0] - pos if starts else 1 << 30)

    return min(cands, key=score)
