"""The side panel: who speaks (with their quotes), then everyone else named.

A Textual ``Tree``.  Labels are Rich ``Text`` built from plain strings (the
names and quotes come from the article), never markup.  ``Enter`` on a row
posts ``WhoPanel.Chosen``; the screen decides where that jumps to.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Literal

from rich.style import Style
from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from newsread.analysis.model import Entity, Quote
from newsread.app.navigation import Navigator
from newsread.app.styles import ENTITY_CLASSES, label_info, label_sort_key
from newsread.safe import display_line

Kind = Literal["group", "speaker", "quote", "entity"]

#: Coloured (at render time, so themes apply) in the entity's highlight colour.
SWATCH = "■ "
#: Cells of a quote shown in the panel.
SNIPPET_CELLS = 50


@dataclass(frozen=True, slots=True)
class Row:
    """What a panel row stands for."""

    kind: Kind
    id: str
    #: Component class colouring the row's swatch (entities and speakers).
    css_class: str | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.id)


def snippet(text: str, cells: int = SNIPPET_CELLS) -> Text:
    """The first line of ``text``, at most ``cells`` wide, ending in … if cut."""
    first = text.strip().split("\n", 1)[0]
    line = Text(display_line(first), no_wrap=True, end="")
    if line.cell_len > cells or first != text.strip():
        line.truncate(cells - 1)
        line.rstrip()
        line.append("…")
    return line


def quote_label(quote: Quote, cells: int = SNIPPET_CELLS) -> Text:
    body = snippet(quote.text, cells)
    if quote.kind == "indirect":
        return Text.assemble(("≈ ", "dim"), body)
    return Text.assemble("“", body, "”")


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


class WhoPanel(Tree[Row]):
    """Speakers, unattributed quotes, and the other entities by type."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="newsread.panel-down"),
        Binding("k", "cursor_up", "Up", show=False, id="newsread.panel-up"),
        Binding("g", "scroll_home", "First row", show=False, id="newsread.panel-top"),
        Binding("G", "scroll_end", "Last row", show=False, id="newsread.panel-bottom"),
    ]

    COMPONENT_CLASSES = ENTITY_CLASSES | {"panel--selected-speaker"}

    #: Rows being added in bulk (see set_analysis); a class default, as Tree.__init__ already adds.
    _adding = False

    class Chosen(Message):
        """The reader pressed Enter on (or clicked) a speaker, quote or entity."""

        def __init__(self, row: Row) -> None:
            self.row = row
            super().__init__()

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(Text("Who"), id=id, classes=classes)
        self.show_root = False
        self.auto_expand = False
        self.guide_depth = 2
        self._rows: dict[tuple[str, str], TreeNode[Row]] = {}
        self._selected_speaker: str | None = None
        self._quotes: dict[str, Quote] = {}
        self._snippet_cells = SNIPPET_CELLS
        self._frame_style: Style | None = None  # rich_style, during render_lines
        self._empty = Text("Waiting for the analysis…", style="italic")
        self.root.add_leaf(self._empty, Row("group", "empty"))

    # -- contents ------------------------------------------------------------

    def set_analysis(self, navigator: Navigator | None, *, empty: str | None = None) -> None:
        """Rebuild the rows, keeping the cursor on the same row if it still exists."""
        cursor = self.cursor_node
        keep = cursor.data.key if cursor is not None and cursor.data is not None else None
        collapsed = {key for key, node in self._rows.items() if node.allow_expand and not node.is_expanded}
        self.clear()
        self._rows = {}
        self._quotes = {}
        if navigator is None or not (navigator.analysis.entities or navigator.analysis.quotes):
            message = empty if empty is not None else "Nobody found yet."
            self.root.add_leaf(Text(message, style="italic"), Row("group", "empty"))
            return
        # Tree.add invalidates the whole tree (and asks for a layout) for every row:
        # once for all of them here (a novel has 2,000 rows: 56 ms -> 25 ms).
        self._adding = True
        try:
            self._add_rows(navigator)
        finally:
            self._adding = False
        self._invalidate()
        for key in collapsed:
            node = self._rows.get(key)
            if node is not None:
                node.collapse()
        if keep is not None and keep in self._rows:
            self.follow(keep, scroll=False)

    def _invalidate(self) -> None:
        if not self._adding:
            super()._invalidate()

    def process_label(self, label: str | Text) -> Text:
        # Our labels are one-line Text already (Tree would split and copy each).
        if isinstance(label, Text) and "\n" not in label.plain:
            return label
        return super().process_label(label)

    def _group(self, group_id: str, title: str, count: int) -> TreeNode[Row]:
        label = Text.assemble((title, "bold"), (f" {count}", "dim"))
        node = self.root.add(label, Row("group", group_id), expand=True)
        self._rows[("group", group_id)] = node
        return node

    def _add_rows(self, navigator: Navigator) -> None:
        analysis = navigator.analysis
        speakers = navigator.speakers
        if speakers:
            group = self._group("speakers", "Speakers", len(speakers))
            for entity, quotes in speakers:
                label = Text.assemble(SWATCH, display_line(entity.name), (f"  {plural(len(quotes), 'quote')}", "dim"))
                row = Row("speaker", entity.id, label_info(entity.label).css_class)
                node = group.add(label, row, expand=True)
                self._rows[row.key] = node
                for quote in sorted(quotes, key=lambda q: q.start):
                    self._add_quote(node, quote)

        unattributed = [q for q in navigator.quotes if not (q.speaker and analysis.entity(q.speaker))]
        if unattributed:
            group = self._group("unattributed", "Unattributed", len(unattributed))
            for quote in unattributed:
                self._add_quote(group, quote)

        by_label: dict[str, list[Entity]] = defaultdict(list)
        for entity in analysis.entities:
            if entity.id not in navigator.speaker_ids:
                by_label[entity.label].append(entity)
        for label in sorted(by_label, key=label_sort_key):
            entities = sorted(by_label[label], key=lambda e: (-len(e.mentions), e.name.casefold(), e.id))
            info = label_info(label)
            group = self._group(f"label:{label}", info.plural, len(entities))
            for entity in entities:
                row = Row("entity", entity.id, info.css_class)
                label_text = Text.assemble(SWATCH, display_line(entity.name), (f"  {len(entity.mentions)}", "dim"))
                self._rows[row.key] = group.add_leaf(label_text, row)

    def _add_quote(self, parent: TreeNode[Row], quote: Quote) -> None:
        row = Row("quote", quote.id)
        self._quotes[quote.id] = quote
        self._rows[row.key] = parent.add_leaf(quote_label(quote, self._snippet_cells), row)

    def on_resize(self) -> None:
        # Quotes are cut to fit the panel (up to SNIPPET_CELLS), so the … shows.
        # Room: guides (4 cells at the deepest level), the quote marks, the scrollbar.
        cells = max(12, min(SNIPPET_CELLS, self.size.width - 7))
        if cells == self._snippet_cells:
            return
        self._snippet_cells = cells
        for quote_id, quote in self._quotes.items():
            node = self._rows.get(("quote", quote_id))
            if node is not None:
                node.set_label(quote_label(quote, cells))

    # -- following the document ----------------------------------------------

    def node_for(self, kind: str, item_id: str) -> TreeNode[Row] | None:
        return self._rows.get((kind, item_id))

    def follow(self, key: tuple[str, str], *, scroll: bool = True) -> bool:
        """Put the cursor on the row for ``key`` (without choosing it)."""
        node = self._rows.get(key)
        if node is None:
            return False
        parent = node.parent
        while parent is not None and not parent.is_root:
            if not parent.is_expanded:
                parent.expand()
            parent = parent.parent
        _ = self.last_line  # lay the rows out now, so the node knows its line
        self.move_cursor(node, animate=False)
        if scroll:
            self.scroll_to_node(node, animate=False)
        return True

    def select_speaker(self, speaker: str | None) -> None:
        """Mark the speaker whose quotes the document colours."""
        old, self._selected_speaker = self._selected_speaker, speaker
        for speaker_id in {old, speaker} - {None}:
            node = self._rows.get(("speaker", speaker_id))
            if node is not None:
                node.refresh()

    @property
    def selected_speaker(self) -> str | None:
        return self._selected_speaker

    # -- rendering -----------------------------------------------------------

    @property
    def rich_style(self) -> Style:
        # Tree.render_line asks for it once per line, and each time it walks every
        # ancestor; within one frame it cannot change (see render_lines).
        if self._frame_style is not None:
            return self._frame_style
        return super().rich_style

    def render_lines(self, crop: Region) -> list[Strip]:
        self._frame_style = super().rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._frame_style = None

    def render_label(self, node: TreeNode[Row], base_style: Style, style: Style) -> Text:
        label = super().render_label(node, base_style, style)
        row = node.data
        if row is None or row.css_class is None:
            return label
        # The row's own label starts with the swatch, after the fold icon.
        swatch = len(label) - len(node.label)
        label.stylize(self.get_component_rich_style(row.css_class, partial=True), swatch, swatch + 1)
        if row.kind == "speaker" and row.id == self._selected_speaker:
            marked = self.get_component_rich_style("panel--selected-speaker")
            label.stylize(Style(bgcolor=marked.bgcolor, bold=marked.bold), swatch + 2)
        return label

    # -- choosing ------------------------------------------------------------

    @on(Tree.NodeSelected)
    def _chosen(self, event: Tree.NodeSelected[Row]) -> None:
        event.stop()
        row = event.node.data
        if row is None:
            return
        if row.kind == "group":
            event.node.toggle()
            return
        self.post_message(self.Chosen(row))
