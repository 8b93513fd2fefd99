"""The document pane: the article, wrapped, with entities and quotes marked.

A Line API widget (the pattern of toolong's ``LogLines``): it wraps the text
once per width into ``(start, end)`` offsets, renders only the lines on
screen, caches each rendered line under a key made of everything that can
change its look, and on a cursor move repaints only the lines that changed.
So a key press costs the same in a 4 KB article and in a 700 KB novel.

The article is untrusted: it goes through ``display_text`` and reaches the
screen as Rich ``Text`` with styles applied by span, never as markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from newsread.analysis.model import Span
from newsread.app.navigation import Navigator
from newsread.app.spans import SpanTable
from newsread.app.styles import ENTITY_CLASSES, label_info
from newsread.app.wrap import Wrapped, offset_at_cell, wrap
from newsread.safe import display_text


@dataclass(frozen=True, slots=True)
class Marks:
    """What is highlighted: the cursor mention, the current quote, the selected speaker."""

    cursor: Span | None = None
    quote: int | None = None
    speaker: str | None = None


@dataclass(frozen=True, slots=True)
class _QuoteInfo:
    index: int
    speaker: str | None
    reported: bool = False  # reported speech, no quotation marks: a quieter style


class DocumentView(ScrollView, can_focus=True, inherit_bindings=False):
    """The article text; scrolls itself, the screen moves the cursor."""

    BINDINGS = [
        Binding("down,j", "scroll_lines(1)", "Scroll down", show=False, id="newsread.scroll-down"),
        Binding("up,k", "scroll_lines(-1)", "Scroll up", show=False, id="newsread.scroll-up"),
        Binding("space,pagedown", "scroll_pages(1)", "Page down", show=False, id="newsread.page-down"),
        Binding("b,pageup", "scroll_pages(-1)", "Page up", show=False, id="newsread.page-up"),
        Binding("g,home", "scroll_top", "Top", show=False, id="newsread.top"),
        Binding("G,end", "scroll_bottom", "Bottom", show=False, id="newsread.bottom"),
    ]

    COMPONENT_CLASSES = ENTITY_CLASSES | {
        "document--phrase",
        "document--quote",
        "document--reported",
        "document--quote-speaker",
        "document--quote-current",
        "document--cue",
        "document--cursor",
    }

    class Clicked(Message):
        """The reader clicked the character at ``offset``."""

        def __init__(self, offset: int) -> None:
            self.offset = offset
            super().__init__()

    def __init__(self, text: str, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._text = display_text(text)
        self._wrapped: Wrapped | None = None
        self._mentions: SpanTable[str] = SpanTable(())
        self._quotes: SpanTable[_QuoteInfo] = SpanTable(())
        self._phrases: SpanTable[None] = SpanTable(())
        self._quote_spans: list[Span] = []  # by quote index (``Navigator.quotes`` order)
        self._cues: list[tuple[Span, ...]] = []  # by quote index
        self._marks = Marks()
        self._strips: LRUCache[tuple, Strip] = LRUCache(maxsize=2000)
        self._base_style: Style | None = None  # during render_lines
        # Bumped whenever every line may look different (analysis, width, theme).
        self._generation = 0
        # The text offset at the top of the page, kept across resizes: a window made so big
        # that the page cannot scroll must not lose the reader's place when it shrinks again.
        self._top_offset: int | None = None
        self._resizing = False

    # -- data in -------------------------------------------------------------

    @property
    def text(self) -> str:
        """The text as displayed (control characters made visible)."""
        return self._text

    @property
    def marks(self) -> Marks:
        return self._marks

    @property
    def wrapped(self) -> Wrapped:
        """Screen lines at the current width (wrapping first if needed)."""
        return self._ensure_wrapped()

    def set_analysis(self, navigator: Navigator | None) -> None:
        """Highlight what ``navigator``'s analysis found (``None``: plain text)."""
        if navigator is None:
            self._mentions = SpanTable(())
            self._quotes = SpanTable(())
            self._phrases = SpanTable(())
            self._quote_spans = []
            self._cues = []
        else:
            analysis = navigator.analysis
            self._mentions = SpanTable(
                (start, end, label_info(entity.label).css_class)
                for entity in analysis.entities
                for start, end in entity.mentions
            )
            self._quotes = SpanTable(
                (quote.start, quote.end, _QuoteInfo(i, quote.speaker, quote.kind == "indirect"))
                for i, quote in enumerate(navigator.quotes)
            )
            self._quote_spans = [(quote.start, quote.end) for quote in navigator.quotes]
            # Quoted phrases nobody says (titles, scare quotes): marked, not navigable.
            self._phrases = SpanTable((start, end, None) for start, end in getattr(analysis, "phrases", ()))
            # Who said it and the verb: marked while the quote is current (often outside it).
            self._cues = [tuple(s for s in (quote.speaker_span, quote.cue_span) if s) for quote in navigator.quotes]
        self._restyle()

    def set_marks(self, marks: Marks) -> None:
        """Move the highlights, repainting only the lines they touch."""
        old, self._marks = self._marks, marks
        if old == marks:
            return
        changed = [old.cursor, marks.cursor, self._quote_span(old.quote), self._quote_span(marks.quote)]
        if old.speaker != marks.speaker:
            # The quotes of both speakers change colour: those on screen repaint
            # (not the whole pane: in a novel nearly every name speaks).
            speakers = {old.speaker, marks.speaker}
            table = self._quotes
            for i in table.overlapping(*self.visible_offsets()):
                if table.items[i].speaker in speakers:
                    changed.append((table.starts[i], table.ends[i]))
        changed += [*self._quote_cues(old.quote), *self._quote_cues(marks.quote)]
        for span in changed:
            if span is not None:
                lines = self.wrapped.lines_of(*span)
                self.refresh_lines(lines.start, len(lines))

    def _quote_span(self, index: int | None) -> Span | None:
        return None if index is None or index >= len(self._quote_spans) else self._quote_spans[index]

    def _quote_cues(self, index: int | None) -> tuple[Span, ...]:
        return () if index is None or index >= len(self._cues) else self._cues[index]

    def _restyle(self) -> None:
        self._generation += 1
        self._strips.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._restyle()

    # -- geometry ------------------------------------------------------------

    def _ensure_wrapped(self) -> Wrapped:
        width = self.scrollable_content_region.width
        wrapped = self._wrapped
        if wrapped is not None and (wrapped.width == width or width <= 0):
            return wrapped
        anchor = self._top_offset
        if anchor is None and wrapped is not None and len(wrapped):
            anchor = wrapped.starts[min(self.scroll_offset.y, len(wrapped) - 1)]
        self._wrapped = wrapped = wrap(self._text, width if width > 0 else 80)
        self._generation += 1
        self._strips.clear()
        self.virtual_size = Size(wrapped.width, len(wrapped))
        if anchor is not None:
            self._top_offset = anchor
            self._resizing = True
            self.scroll_to(y=wrapped.line_of(anchor), animate=False)
            self.call_after_refresh(self._resized)
        return wrapped

    def _resized(self) -> None:
        self._resizing = False

    def on_resize(self, event: events.Resize) -> None:
        self._ensure_wrapped()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        wrapped = self._wrapped
        if not self._resizing and wrapped is not None and len(wrapped):
            self._top_offset = wrapped.starts[min(round(new_value), len(wrapped) - 1)]

    def line_of(self, offset: int) -> int:
        return self.wrapped.line_of(offset)

    def visible_offsets(self) -> tuple[int, int]:
        """``[first, last)``: the text offsets on screen now."""
        wrapped = self.wrapped
        if not len(wrapped):
            return 0, 0
        top = min(round(self.scroll_y), len(wrapped) - 1)
        bottom = min(top + max(1, self.scrollable_content_region.height), len(wrapped)) - 1
        return wrapped.starts[top], wrapped.ends[bottom] + 1

    def show_span(self, start: int, end: int) -> None:
        """Scroll (only if needed) so ``[start, end)`` is on screen."""
        lines = self.wrapped.lines_of(start, end)
        first, last = lines.start, lines.stop - 1
        top = round(self.scroll_y)
        height = self.scrollable_content_region.height
        if top <= first and last < top + height:
            return
        # A third of the way down, so the context before it shows too.
        above = max(0, min(height // 3, height - len(lines)))
        self.scroll_to(y=first - above, animate=False)

    # -- scrolling keys ------------------------------------------------------

    def action_scroll_lines(self, lines: int) -> None:
        self.scroll_to(y=self.scroll_y + lines, animate=False)

    def action_scroll_pages(self, pages: int) -> None:
        height = max(1, self.scrollable_content_region.height - 1)
        self.scroll_to(y=self.scroll_y + pages * height, animate=False)

    def action_scroll_top(self) -> None:
        self.scroll_to(y=0, animate=False)

    def action_scroll_bottom(self) -> None:
        self.scroll_to(y=self.max_scroll_y, animate=False)

    # -- mouse ---------------------------------------------------------------

    def offset_at(self, x: int, y: int) -> int | None:
        """Text offset drawn at content cell (x, y) of the viewport, if any."""
        wrapped = self.wrapped
        index = round(self.scroll_y) + y
        if not 0 <= index < len(wrapped):
            return None
        start, end = wrapped.starts[index], wrapped.ends[index]
        column = offset_at_cell(self._text[start:end], x)
        return start + column if start + column < end else None

    def on_click(self, event: events.Click) -> None:
        position = event.get_content_offset(self)
        if position is None:
            return
        offset = self.offset_at(position.x, position.y)
        if offset is not None:
            self.post_message(self.Clicked(offset))

    # -- rendering -----------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        # The base style once per frame, not once per line: rich_style walks every ancestor.
        self._base_style = self.rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._base_style = None

    def render_line(self, y: int) -> Strip:
        wrapped = self._ensure_wrapped()
        width = self.scrollable_content_region.width
        base = self._base_style if self._base_style is not None else self.rich_style
        index = round(self.scroll_y) + y
        if not 0 <= index < len(wrapped):
            return Strip.blank(width, base)
        start, end = wrapped.starts[index], wrapped.ends[index]
        marks = self._marks

        quotes = self._quotes.overlapping(start, end) if end > start else []
        cursor = marks.cursor if marks.cursor and marks.cursor[0] < end and marks.cursor[1] > start else None
        current = next((i for i in quotes if self._quotes.items[i].index == marks.quote), None)
        speaker = (
            marks.speaker
            if marks.speaker and any(self._quotes.items[i].speaker == marks.speaker for i in quotes)
            else None
        )
        cues = tuple(c for c in self._quote_cues(marks.quote) if c[0] < end and c[1] > start)
        key = (index, self._generation, cursor, current, speaker, cues)
        strip = self._strips.get(key)
        if strip is None:
            text = self._line_text(start, end, base, quotes, cursor, current, speaker, cues)
            strip = Strip(text.render(self.app.console), text.cell_len).crop_extend(0, width, base)
            self._strips[key] = strip
        return strip

    def _line_text(
        self,
        start: int,
        end: int,
        base: Style,
        quotes: list[int],
        cursor: Span | None,
        current: int | None,
        speaker: str | None,
        cues: tuple[Span, ...] = (),
    ) -> Text:
        text = Text(self._text[start:end], end="", no_wrap=True)
        if end <= start:
            return text
        # As a span, not Text(style=...): Text.render drops the base style of a line without spans.
        text.stylize(base)

        def clip(span_start: int, span_end: int) -> tuple[int, int]:
            return max(span_start, start) - start, min(span_end, end) - start

        phrases = self._phrases
        if len(phrases):
            phrase = self.get_component_rich_style("document--phrase")
            for i in phrases.overlapping(start, end):
                text.stylize(phrase, *clip(phrases.starts[i], phrases.ends[i]))

        table = self._quotes
        for i in quotes:
            info = table.items[i]
            kind = "document--reported" if info.reported else "document--quote"
            if i == current:
                names = (kind, "document--quote-current")
            elif speaker is not None and info.speaker == speaker:
                names = (kind, "document--quote-speaker")
            else:
                names = (kind,)
            text.stylize(self.get_component_rich_style(*names), *clip(table.starts[i], table.ends[i]))

        mentions = self._mentions
        for i in mentions.overlapping(start, end):
            style = self.get_component_rich_style(mentions.items[i])
            # Colour and weight only: a mention inside a quote keeps the quote's background.
            text.stylize(_foreground(style), *clip(mentions.starts[i], mentions.ends[i]))

        if cues:
            cue = self.get_component_rich_style("document--cue", partial=True)  # keeps the name's colour
            for cue_start, cue_end in cues:
                text.stylize(cue, *clip(cue_start, cue_end))

        if cursor is not None:
            text.stylize(self.get_component_rich_style("document--cursor", partial=True), *clip(*cursor))
        return text


def _foreground(style: Style) -> Style:
    return Style(
        color=style.color,
        bold=style.bold,
        italic=style.italic,
        underline=style.underline,
        reverse=style.reverse,
    )
