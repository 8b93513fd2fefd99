"""Speakers across the library's articles: who is quoted, how often, where.

A tree: each speaker (the same person merged across articles by
``newsread.library.merge_speakers``), under it the articles they are quoted
in, under each article the quotes.  ``Enter`` on a quote opens its article
with that quote current; on an article, at the speaker's first quote there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static, Tree
from textual.widgets.tree import TreeNode

from newsread.app.help import HelpScreen
from newsread.app.panel import SNIPPET_CELLS, plural, quote_label, snippet
from newsread.app.shelf import Shelf
from newsread.app.styles import label_info
from newsread.library import LibrarySpeaker, merge_speakers
from newsread.safe import display_line

Kind = Literal["speaker", "article", "quote", "empty"]
#: Opens article ``index`` in the reader, at quote ``quote_id`` when given.
Opener = Callable[[int, "str | None"], object]


@dataclass(frozen=True, slots=True)
class SpeakerRow:
    """What a row of the tree stands for."""

    kind: Kind
    speaker: str = ""  # LibrarySpeaker.key
    article: int | None = None
    quote: str | None = None  # Quote.id within the article

    @property
    def key(self) -> tuple:
        return (self.kind, self.speaker, self.article, self.quote)


class SpeakerTree(Tree[SpeakerRow]):
    """Speakers, their articles, their quotes; Enter posts ``Tree.NodeSelected``."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="newsread.speakers-down"),
        Binding("k", "cursor_up", "Up", show=False, id="newsread.speakers-up"),
        Binding("g", "scroll_home", "First row", show=False, id="newsread.speakers-top"),
        Binding("G", "scroll_end", "Last row", show=False, id="newsread.speakers-bottom"),
    ]


class SpeakersScreen(Screen[None]):
    """Every speaker in the library, with their quotes grouped by article."""

    AUTO_FOCUS = "SpeakerTree"

    BINDINGS = [
        Binding("escape,s", "back", "Back to list", key_display="esc", id="newsread.speakers-back"),
        Binding("question_mark,f1", "help", "Help", key_display="?", id="newsread.speakers-help"),
        Binding("q", "app.quit", "Quit", id="newsread.speakers-quit"),
    ]

    def __init__(self, shelf: Shelf, opener: Opener) -> None:
        super().__init__()
        self.shelf = shelf
        self._open = opener
        self.speakers: list[LibrarySpeaker] = []
        self._rows: dict[tuple, TreeNode[SpeakerRow]] = {}
        self._by_key: dict[str, LibrarySpeaker] = {}
        self._mounted = False

    def compose(self) -> ComposeResult:
        with Vertical(id="speakers"):
            tree: SpeakerTree = SpeakerTree(Text("Speakers"), id="speaker-tree")
            tree.show_root = False
            tree.auto_expand = False
            tree.guide_depth = 2
            yield tree
        with Horizontal(id="status"):
            yield Static(id="position")
            yield Static(id="state")
        yield Footer()

    @property
    def tree(self) -> SpeakerTree:
        return self.query_one(SpeakerTree)

    def on_mount(self) -> None:
        self._mounted = True
        self.refresh_speakers()

    # -- contents ----------------------------------------------------------------

    def refresh_speakers(self) -> None:
        """Rebuild from the analyses at hand, keeping the cursor and the folds."""
        if not self._mounted:
            return  # on_mount builds it
        tree = self.tree
        cursor = tree.cursor_node
        keep = cursor.data.key if cursor is not None and cursor.data is not None else None
        folded = {key for key, node in self._rows.items() if node.allow_expand and not node.is_expanded}
        self.speakers = merge_speakers(self.shelf.analyses())
        self._by_key = {s.key: s for s in self.speakers}
        tree.clear()
        self._rows = {}
        if not self.speakers:
            analysed, _, total = self.shelf.counts()
            message = (
                "Nobody quoted yet: the analysis is still running." if analysed < total else "Nobody quoted."
            )
            tree.root.add_leaf(Text(message, style="italic"), SpeakerRow("empty"))
        cells = self._quote_cells()
        for speaker in self.speakers:
            self._add_speaker(speaker, cells)
        for key in folded:
            node = self._rows.get(key)
            if node is not None:
                node.collapse()
        if keep is not None and keep in self._rows:
            _ = tree.last_line  # lay the rows out, so the node knows its line
            tree.move_cursor(self._rows[keep], animate=False)
        elif tree.cursor_line < 0 and self.speakers:
            tree.cursor_line = 0
        self._update_status()

    def _quote_cells(self) -> int:
        width = self.tree.size.width or self.size.width or 80
        return max(12, min(SNIPPET_CELLS + 30, width - 12))

    def _add_speaker(self, speaker: LibrarySpeaker, cells: int) -> None:
        articles = speaker.by_article()
        label = Text.assemble(
            (display_line(speaker.name), "bold"),
            (f"  {plural(len(speaker.quotes), 'quote')} in {plural(len(articles), 'article')}", "dim"),
        )
        row = SpeakerRow("speaker", speaker.key)
        node = self.tree.root.add(label, row, expand=True)
        self._rows[row.key] = node
        for index, quotes in articles:
            entry = self.shelf.entries[index]
            title = snippet(entry.name, max(12, cells - 6))
            article_row = SpeakerRow("article", speaker.key, index, quotes[0].id)
            article_node = node.add(
                Text.assemble(title, (f"  {len(quotes)}", "dim")), article_row, expand=True
            )
            self._rows[article_row.key] = article_node
            for quote in quotes:
                quote_row = SpeakerRow("quote", speaker.key, index, quote.id)
                self._rows[quote_row.key] = article_node.add_leaf(quote_label(quote, cells), quote_row)

    # -- keys ------------------------------------------------------------------------

    @on(Tree.NodeSelected, "#speaker-tree")
    def _chosen(self, event: Tree.NodeSelected[SpeakerRow]) -> None:
        event.stop()
        row = event.node.data
        if row is None or row.kind in ("empty", "speaker"):
            event.node.toggle()
            return
        if row.article is not None:
            self._open(row.article, row.quote)

    def action_back(self) -> None:
        self.dismiss()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen())

    # -- status line -------------------------------------------------------------

    @on(Tree.NodeHighlighted, "#speaker-tree")
    def _highlighted(self, _event: Tree.NodeHighlighted) -> None:
        self._update_status()

    def position_text(self) -> Text:
        node = self.tree.cursor_node
        row = node.data if node is not None else None
        if row is None or row.kind == "empty":
            return Text("")
        speaker = self._by_key.get(row.speaker)
        if speaker is None:  # pragma: no cover - rows are rebuilt with the speakers
            return Text("")
        who = Text(display_line(speaker.name), style="bold")
        if row.kind == "speaker":
            return Text.assemble(
                who,
                " · ",
                label_info(speaker.label).singular,
                " · ",
                f"{plural(len(speaker.quotes), 'quote')} in {plural(len(speaker.articles), 'article')}",
            )
        entry = self.shelf.entries[row.article]
        where = Text(display_line(entry.name))
        if row.kind == "article":
            return Text.assemble(who, " in ", where, ("  enter: open at the first quote", "dim"))
        return Text.assemble(who, " in ", where, ("  enter: open at this quote", "dim"))

    def _update_status(self) -> None:
        analysed, failed, total = self.shelf.counts()
        named = sum(1 for s in self.speakers if not s.is_unnamed)
        state = Text(f"{plural(named, 'speaker')} · analysed {analysed}/{total}")
        if failed:
            state.append(f" · {failed} failed", style="bold")
        self.query_one("#position", Static).update(self.position_text())
        self.query_one("#state", Static).update(state)
        self.query_one("#speakers").border_title = Text(f"Speakers across {plural(total, 'article')}")
