"""The analysis model: plain data the UI renders and the CLI exports.

Offsets are Python ``str`` indices into ``Analysis.text``.  Nothing here knows
about spaCy or the terminal; an ``Analysis`` round-trips through JSON
(``to_dict``/``from_dict``) so it can be exported and cached safely.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Literal

Span = tuple[int, int]
QuoteKind = Literal["direct", "partial", "indirect"]

#: Label given to speakers the text does not name ("a source", "officials").
UNNAMED = "UNNAMED"


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world thing, however often and however the text names it."""

    id: str
    name: str
    label: str
    mentions: tuple[Span, ...]

    @property
    def is_unnamed_source(self) -> bool:
        return self.label == UNNAMED


@dataclass(frozen=True, slots=True)
class Quote:
    """A quoted (or reported) passage and who said it, if anyone we can tell."""

    id: str
    start: int
    end: int
    text: str
    kind: QuoteKind
    speaker: str | None = None
    speaker_name: str | None = None
    speaker_span: Span | None = None
    cue_span: Span | None = None


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything newsread knows about one text."""

    source: str
    title: str | None
    text: str
    text_sha256: str
    model: str
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    #: Quoted phrases nobody is quoted as saying: titles, nicknames, scare quotes.
    #: Shown in the text, not listed as quotes (and not in the JSON output).
    phrases: tuple[Span, ...] = ()
    #: Fraction of the text analysed so far (1.0 when complete).
    progress: float = 1.0
    _by_id: dict[str, Entity] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_id.update((e.id, e) for e in self.entities)

    def entity(self, entity_id: str | None) -> Entity | None:
        return self._by_id.get(entity_id) if entity_id else None

    def quotes_by(self, entity_id: str) -> list[Quote]:
        return [q for q in self.quotes if q.speaker == entity_id]

    def speakers(self, reported: bool = True) -> list[tuple[Entity, list[Quote]]]:
        """Speakers with their quotes, most quoted first (ties: first quoted first);
        without reported speech when ``reported`` is false."""
        order: dict[str, list[Quote]] = {}
        for q in self.quotes:
            if not reported and q.kind == "indirect":
                continue
            if q.speaker and q.speaker in self._by_id:
                order.setdefault(q.speaker, []).append(q)
        ranked = sorted(order.items(), key=lambda kv: (-len(kv[1]), kv[1][0].start))
        return [(self._by_id[eid], qs) for eid, qs in ranked]

    @property
    def complete(self) -> bool:
        return self.progress >= 1.0

    def to_dict(self) -> dict:
        """The JSON shape other tools read (see README: "JSON output")."""
        return {
            "source": self.source,
            "title": self.title,
            "text_sha256": self.text_sha256,
            "model": self.model,
            "entities": [
                {"id": e.id, "name": e.name, "label": e.label, "mentions": [list(m) for m in e.mentions]}
                for e in self.entities
            ],
            "quotes": [
                {
                    "id": q.id,
                    "start": q.start,
                    "end": q.end,
                    "text": q.text,
                    "kind": q.kind,
                    "speaker": q.speaker,
                    "speaker_name": q.speaker_name,
                    "speaker_span": list(q.speaker_span) if q.speaker_span else None,
                    "cue_span": list(q.cue_span) if q.cue_span else None,
                }
                for q in self.quotes
            ],
        }

    def to_cache_dict(self) -> dict:
        """``to_dict`` plus what the app needs but scripts do not (the quoted phrases)."""
        return {**self.to_dict(), "phrases": [list(p) for p in self.phrases]}

    @classmethod
    def from_dict(cls, data: dict, text: str) -> Analysis:
        """Rebuild from ``to_dict`` output and the text it was made from."""

        def span(value) -> Span | None:
            return (int(value[0]), int(value[1])) if value else None

        entities = tuple(
            Entity(
                id=str(e["id"]),
                name=str(e["name"]),
                label=str(e["label"]),
                mentions=tuple((int(s), int(t)) for s, t in e["mentions"]),
            )
            for e in data["entities"]
        )
        quotes = tuple(
            Quote(
                id=str(q["id"]),
                start=int(q["start"]),
                end=int(q["end"]),
                text=text[int(q["start"]) : int(q["end"])],
                kind=q["kind"],
                speaker=q.get("speaker"),
                speaker_name=q.get("speaker_name"),
                speaker_span=span(q.get("speaker_span")),
                cue_span=span(q.get("cue_span")),
            )
            for q in data["quotes"]
        )
        return cls(
            source=data["source"],
            title=data.get("title"),
            text=text,
            text_sha256=data["text_sha256"],
            model=data["model"],
            entities=entities,
            quotes=quotes,
            phrases=tuple((int(s), int(t)) for s, t in data.get("phrases", ())),
        )


@dataclass(frozen=True, slots=True)
class MentionIndex:
    """Every entity mention in text order, for O(log n) cursor moves.

    The UI's mention cursor and "next mention of this entity" use this
    instead of scanning the document.
    """

    starts: tuple[int, ...]
    spans: tuple[Span, ...]
    entity_ids: tuple[str, ...]

    @classmethod
    def build(cls, analysis: Analysis) -> MentionIndex:
        rows = sorted((m[0], m[1], e.id) for e in analysis.entities for m in e.mentions)
        return cls(
            starts=tuple(r[0] for r in rows),
            spans=tuple((r[0], r[1]) for r in rows),
            entity_ids=tuple(r[2] for r in rows),
        )

    def __len__(self) -> int:
        return len(self.starts)

    def at(self, offset: int) -> int | None:
        """Index of the mention covering ``offset``, if any."""
        i = bisect.bisect_right(self.starts, offset) - 1
        if i >= 0 and self.spans[i][0] <= offset < self.spans[i][1]:
            return i
        return None

    def next_after(self, offset: int) -> int | None:
        i = bisect.bisect_right(self.starts, offset)
        return i if i < len(self.starts) else None

    def prev_before(self, offset: int) -> int | None:
        i = bisect.bisect_left(self.starts, offset) - 1
        return i if i >= 0 else None


def next_span(spans: list[Span] | tuple[Span, ...], offset: int, forward: bool, wrap: bool = True) -> int | None:
    """Index of the first span starting after (or, backwards, before) ``offset``.

    ``spans`` must be sorted by start.  Binary search, so cost does not grow
    with the document.
    """
    if not spans:
        return None
    starts = [s for s, _ in spans] if not isinstance(spans, _Starts) else spans.starts
    if forward:
        i = bisect.bisect_right(starts, offset)
        if i < len(spans):
            return i
        return 0 if wrap else None
    i = bisect.bisect_left(starts, offset) - 1
    if i >= 0:
        return i
    return len(spans) - 1 if wrap else None


class _Starts(tuple):
    """A tuple of spans that keeps its start offsets for repeated searches."""

    starts: list[int]

    def __new__(cls, spans):
        self = super().__new__(cls, spans)
        self.starts = [s for s, _ in self]
        return self


def sorted_spans(spans) -> tuple[Span, ...]:
    """Spans sorted by start, with their starts kept for ``next_span``."""
    return _Starts(sorted(spans))
