"""Grouping name mentions into one entity per real-world thing.

"British Prime Minister Keir Starmer", "Keir Starmer" and "Starmer" are one
person; so are "Olaf Scholz" (tagged ORG by the small model) and "Scholz"
(tagged GPE).  Labels are decided per group, from the tagger's votes and the
evidence of titles ("Chancellor", "Mr.") and speech.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field

from newsread.analysis import lexicon
from newsread.analysis.features import NameMention

#: Labels a one-word name may carry and still be a person's surname.
_SURNAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "NORP"})


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
        return bool(self.votes["PERSON"]) or lexicon.is_person_title(self.titles)

    @property
    def first(self) -> int:
        starts = [m.start for m in self.mentions] + [s for s, _ in self.extra]
        return min(starts) if starts else 0

    def decide_label(self) -> str:
        if self.unnamed:
            return "UNNAMED"
        votes = Counter(self.votes)
        if lexicon.is_person_title(self.titles) and any(l in votes for l in ("PERSON", "ORG", "GPE")):
            votes["PERSON"] += 3
        if self.speaks and votes["PERSON"]:
            votes["PERSON"] += min(self.speaks, 3)
        if votes["PERSON"] and len(self.tokens) >= 2 and self.tokens[0][:1].isupper():
            votes["PERSON"] += 1
        if self.speaks >= len(self.mentions) and set(votes) <= {"GPE", "LOC", "FAC", "PERSON"}:
            votes["PERSON"] += len(self.mentions)  # a "place" that only ever speaks is a person
        best = max(votes.items(), key=lambda kv: (kv[1], kv[0] == "PERSON"))[0] if votes else "PERSON"
        self.label = best
        return best


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(w for w in text.replace("’", "'").split() if w)


def _key(text: str) -> str:
    return " ".join(_tokens(text)).lower()


class EntityGroups:
    """All groups of a document, and which group each mention belongs to."""

    def __init__(self, names: list[NameMention]):
        self.groups: list[Group] = []
        self._by_key: dict[str, Group] = {}
        self._of: dict[tuple[int, int], Group] = {}
        self._spans: list[tuple[int, int]] | None = None  # sorted keys of _of, built on first use
        self._by_last: dict[str, list[Group]] = {}  # multi-word names by last word ("starmer")
        self._by_first: dict[str, list[Group]] = {}  # … and by first word ("emmanuel")
        self._group(sorted(names, key=lambda m: m.start))

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
        for m in single:
            g = None
            if m.label in _SURNAME_LABELS and m.text[:1].isupper():
                g = self._person_for_single(m)
            if g is None:
                g = self._by_key.get(_key(m.text)) or self._new(m.text)
            self._attach(m, g)

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
        word = m.text.replace("’", "'").lower()
        if word.endswith("'s"):
            word = word[:-2]
        surname = [g for g in self._by_last.get(word, ()) if g.person_evidence]
        first = [g for g in self._by_first.get(word, ()) if g.person_evidence]
        cands = surname or (first if m.label in ("PERSON", "ORG", "GPE") else [])
        if not cands:
            return None
        if len(cands) == 1:
            return cands[0]
        return _nearest(cands, m.start)

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


def _nearest(cands: list[Group], pos: int) -> Group:
    """The candidate mentioned most recently before ``pos`` (else soonest after)."""

    def score(g: Group):
        starts = sorted(m.start for m in g.mentions)
        i = bisect.bisect_left(starts, pos)
        if i:
            return (0, pos - starts[i - 1])
        return (1, starts[0] - pos if starts else 1 << 30)

    return min(cands, key=score)
