"""Speakers across articles: one person quoted in several articles is one speaker.

Pure functions over ``Analysis`` values (no terminal, no spaCy), so the
library's "speakers" view can be tested on hand-made analyses.

Merging rules, deliberately cautious (a wrong merge puts words in someone
else's mouth):

- PERSON speakers merge when their full names agree (case, spacing, dots and
  apostrophe shapes aside): "Jane Doe" in one article and "jane  doe" in another.
- A one-word PERSON name ("Doe") joins the full name that ends with it when
  exactly one full name among the library's PERSON speakers does ("Jane Doe");
  with two ("Jane Doe", "John Doe") or none it stays a speaker of its own.
- Other named speakers (organisations, places) merge when label and name agree.
- Unnamed sources ("a senior official") never merge: two articles' officials
  are not the same official.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from newsread.analysis.model import UNNAMED, Analysis, Quote

PERSON = "PERSON"

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", ".": " "})


@dataclass(frozen=True, slots=True)
class SpeakerQuote:
    """One quote of a library speaker: which article (its index) and the quote."""

    article: int
    quote: Quote


@dataclass(frozen=True, slots=True)
class LibrarySpeaker:
    """A speaker across the library: every quote, from every article.

    ``key`` is stable while analyses arrive (the UI keeps its cursor on it);
    ``members`` are the (article index, entity id) pairs merged into it;
    ``quotes`` are in article order, then text order.
    """

    key: str
    name: str
    label: str
    quotes: tuple[SpeakerQuote, ...]
    members: tuple[tuple[int, str], ...]

    @property
    def articles(self) -> tuple[int, ...]:
        """The articles the speaker is quoted in, in library order."""
        return tuple(sorted({q.article for q in self.quotes}))

    def by_article(self) -> list[tuple[int, list[Quote]]]:
        """The quotes grouped by article, in library order."""
        groups: dict[int, list[Quote]] = {}
        for sq in self.quotes:
            groups.setdefault(sq.article, []).append(sq.quote)
        return sorted(groups.items())

    @property
    def is_unnamed(self) -> bool:
        return self.label == UNNAMED


def name_key(name: str) -> str:
    """How names are compared: case-folded, one space between words, dots and
    curly apostrophes evened out (``"J. R.  O’Neil"`` -> ``"j r o'neil"``)."""
    return " ".join(unicodedata.normalize("NFKC", name).translate(_APOSTROPHES).casefold().split())


def _person_keys(names: Sequence[str]) -> dict[str, str]:
    """For each PERSON name key, the key of the group it joins."""
    full = {key for key in names if len(key.split()) >= 2}
    by_surname: dict[str, list[str]] = {}
    for key in sorted(full):
        by_surname.setdefault(key.split()[-1], []).append(key)
    out = {}
    for key in names:
        if len(key.split()) == 1 and len(by_surname.get(key, ())) == 1:
            out[key] = by_surname[key][0]
        else:
            out[key] = key
    return out


def merge_speakers(analyses: Sequence[Analysis | None]) -> list[LibrarySpeaker]:
    """Every speaker of the library's analyses, the same person merged across articles.

    ``analyses[i]`` is article ``i``'s analysis, or None when it has none (yet).
    Named speakers come first, the most quoted first, then those quoted in
    more articles, then by name.
    """
    # (article, entity, quotes) for every speaker, in library order.
    found = [
        (i, entity, quotes)
        for i, analysis in enumerate(analyses)
        if analysis is not None
        for entity, quotes in analysis.speakers()
    ]
    person_group = _person_keys([name_key(e.name) for _, e, _ in found if e.label == PERSON])

    groups: dict[str, dict] = {}
    for i, entity, quotes in found:
        key = name_key(entity.name)
        if entity.label == PERSON:
            group_key = f"person:{person_group[key]}"
        elif entity.label == UNNAMED or not key:
            group_key = f"unnamed:{i}:{entity.id}"
        else:
            group_key = f"{entity.label.lower()}:{key}"
        group = groups.setdefault(
            group_key, {"names": [], "label": entity.label, "quotes": [], "members": []}
        )
        group["names"].append(entity.name)
        group["quotes"] += [SpeakerQuote(i, q) for q in quotes]
        group["members"].append((i, entity.id))

    speakers = []
    for key, group in groups.items():
        names = group["names"]
        # The first full name seen names the group ("Jane Doe", not "Doe").
        name = (
            next((n for n in names if len(n.split()) >= 2), names[0])
            if group["label"] == PERSON
            else names[0]
        )
        quotes = sorted(
            group["quotes"], key=lambda sq: (sq.article, sq.quote.start, sq.quote.end, sq.quote.id)
        )
        speakers.append(
            LibrarySpeaker(
                key=key,
                name=name,
                label=PERSON if key.startswith("person:") else group["label"],
                quotes=tuple(quotes),
                members=tuple(group["members"]),
            )
        )
    speakers.sort(key=lambda s: (s.is_unnamed, -len(s.quotes), -len(s.articles), s.name.casefold(), s.key))
    return speakers
