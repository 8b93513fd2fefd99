"""Where the cursor goes next: mentions, mentions of one entity, quotes.

Pure functions of an ``Analysis`` (no widgets), so the key bindings can be
tested without a terminal.  Every lookup is a binary search over sorted
offsets, so a key press costs the same in a short article and in a novel.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from newsread.analysis.model import Analysis, Entity, MentionIndex, Quote, Span, next_span, sorted_spans
from newsread.app.spans import SpanTable


@dataclass(frozen=True, slots=True)
class Cursor:
    """What the reader is looking at.

    ``offset`` is the reading position every "next"/"previous" move starts
    from.  At most one of ``mention`` (an index into the ``MentionIndex``) and
    ``quote`` (an index into ``Navigator.quotes``) is set.  ``entity`` is the
    entity ``e``/``E`` walks through; ``speaker`` is the speaker whose quotes
    are coloured.
    """

    offset: int = -1
    mention: int | None = None
    quote: int | None = None
    entity: str | None = None
    speaker: str | None = None


class Navigator:
    """Sorted views of one analysis, and the cursor moves over them."""

    def __init__(self, analysis: Analysis, reported: bool = True) -> None:
        """``reported`` false leaves reported speech (``kind == "indirect"``) out of the quotes."""
        self.analysis = analysis
        self.reported = reported
        self.mentions = MentionIndex.build(analysis)
        shown = (q for q in analysis.quotes if reported or q.kind != "indirect")
        self.quotes: tuple[Quote, ...] = tuple(sorted(shown, key=lambda q: (q.start, q.end, q.id)))
        self.quote_spans = sorted_spans((q.start, q.end) for q in self.quotes)
        self.quote_table = SpanTable((q.start, q.end, i) for i, q in enumerate(self.quotes))
        self._quote_index = {q.id: i for i, q in enumerate(self.quotes)}
        self._entity_spans: dict[str, tuple[Span, ...]] = {}
        self.speakers: list[tuple[Entity, list[Quote]]] = analysis.speakers(reported)
        self.speaker_ids = frozenset(entity.id for entity, _ in self.speakers)
        # Where Enter on a speaker goes: their first quote in the text.
        self._first_quote: dict[str, int] = {}
        for i, quote in enumerate(self.quotes):
            if quote.speaker in self.speaker_ids:
                self._first_quote.setdefault(quote.speaker, i)

    # -- lookups -------------------------------------------------------------

    def entity_spans(self, entity_id: str) -> tuple[Span, ...]:
        """The mentions of one entity, sorted (and cached) for binary search."""
        spans = self._entity_spans.get(entity_id)
        if spans is None:
            entity = self.analysis.entity(entity_id)
            spans = sorted_spans(entity.mentions if entity else ())
            self._entity_spans[entity_id] = spans
        return spans

    def first_quote_of(self, speaker_id: str) -> int | None:
        return self._first_quote.get(speaker_id)

    def quote_index(self, quote_id: str) -> int | None:
        return self._quote_index.get(quote_id)

    def mention_at(self, offset: int) -> int | None:
        return self.mentions.at(offset)

    def quote_at(self, offset: int) -> int | None:
        """The innermost quote covering ``offset`` (the latest one to start)."""
        covering = self.quote_table.covering(offset)
        return self.quote_table.items[covering[-1]] if covering else None

    # -- moves ---------------------------------------------------------------

    def at_mention(self, index: int) -> Cursor:
        start, _ = self.mentions.spans[index]
        entity = self.mentions.entity_ids[index]
        speaker = entity if entity in self.speaker_ids else None
        return Cursor(offset=start, mention=index, entity=entity, speaker=speaker)

    def at_quote(self, index: int) -> Cursor:
        quote = self.quotes[index]
        return Cursor(offset=quote.start, quote=index, entity=quote.speaker, speaker=quote.speaker)

    def next_mention(self, cursor: Cursor, forward: bool) -> Cursor | None:
        """The next (or previous) mention of any entity, wrapping around."""
        index = self.mentions
        if not len(index):
            return None
        i = index.next_after(cursor.offset) if forward else index.prev_before(cursor.offset)
        if i is None:
            i = 0 if forward else len(index) - 1
        return self.at_mention(i)

    def next_entity_mention(self, cursor: Cursor, forward: bool) -> Cursor | None:
        """The next (or previous) mention of the cursor's entity, wrapping around."""
        if cursor.entity is None:
            return None
        spans = self.entity_spans(cursor.entity)
        j = next_span(spans, cursor.offset, forward, wrap=True)
        if j is None:
            return None
        i = self.mentions.at(spans[j][0])
        if i is None:  # pragma: no cover - every entity mention is in the index
            return None
        moved = self.at_mention(i)
        if moved.entity != cursor.entity:
            # Two entities share a span start (should not happen); stay on ours.
            moved = Cursor(offset=moved.offset, mention=i, entity=cursor.entity, speaker=cursor.speaker)
        return moved

    def next_quote(self, cursor: Cursor, forward: bool) -> Cursor | None:
        """The next (or previous) quote, wrapping around."""
        j = next_span(self.quote_spans, cursor.offset, forward, wrap=True)
        return None if j is None else self.at_quote(j)

    # -- positions for the status line ---------------------------------------

    def mention_position(self, cursor: Cursor) -> tuple[int, int] | None:
        """(i, n): the cursor mention is the i-th of n mentions of its entity."""
        if cursor.mention is None or cursor.entity is None:
            return None
        spans = self.entity_spans(cursor.entity)
        start = self.mentions.spans[cursor.mention][0]
        return bisect.bisect_left(spans.starts, start) + 1, len(spans)

    def quote_position(self, cursor: Cursor) -> tuple[int, int] | None:
        if cursor.quote is None:
            return None
        return cursor.quote + 1, len(self.quotes)

    def rebase(self, cursor: Cursor, old: Navigator | None) -> Cursor:
        """The same place in this (newer) analysis: indexes change, offsets do not."""
        if old is None:
            return cursor
        if cursor.mention is not None:
            start = old.mentions.spans[cursor.mention][0]
            i = self.mentions.at(start)
            if i is not None:
                return self.at_mention(i)
            return Cursor(offset=cursor.offset, entity=self._known(cursor.entity))
        if cursor.quote is not None:
            quote = old.quotes[cursor.quote]
            i = self.quote_index(quote.id)
            if i is None or self.quotes[i].start != quote.start:
                i = self.quote_at(quote.start)
            if i is not None:
                return self.at_quote(i)
            return Cursor(offset=cursor.offset)
        return Cursor(
            offset=cursor.offset, entity=self._known(cursor.entity), speaker=self._known(cursor.speaker)
        )

    def _known(self, entity_id: str | None) -> str | None:
        return entity_id if self.analysis.entity(entity_id) is not None else None
