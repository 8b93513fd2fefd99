"""The reader screen: owns the keys, the cursor and the analysis worker.

Widgets only draw and report (``DocumentView.Clicked``, ``WhoPanel.Chosen``);
this screen decides where the cursor goes and tells each widget what to show.
"""

from __future__ import annotations

import asyncio
import gc
import hashlib
import os
import threading
from dataclasses import replace
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Literal

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import ProgressBar, Static
from textual.worker import get_current_worker

from newsread.analysis.model import Analysis
from newsread.app.document import DocumentView, Marks
from newsread.app.legend import Legend
from newsread.app.messages import AnalysisFailed, AnalysisUpdated
from newsread.app.navigation import Cursor, Navigator
from newsread.app.styles import label_info
from newsread.app.status import progress_bar, status_bar
from newsread.safe import display_line

if TYPE_CHECKING:  # pragma: no cover
    # Imported when mounted, after the first frame (see _mount_the_rest): less to load before it.
    from newsread.app.panel import Row, WhoPanel

#: ``analyse_progressively``'s shape: text in, analyses (last one complete) out.
Analyser = Callable[..., Iterator[Analysis]]
State = Literal["waiting", "analysing", "done", "failed"]
#: Cached analyses up to this size (an article's, not a book's) are read before the first frame.
READ_CACHED_NOW = 256 * 1024
#: What the side panel says until an analysis arrives (and its stand-in, before the first frame).
WAITING = "Waiting for the analysis…"


def default_analyser(text: str, *, source: str, title: str | None, model: str | None) -> Iterator[Analysis]:
    # Imported here: the pipeline imports spaCy, which takes seconds; the text
    # is already on screen by the time this runs (in a worker thread).
    from newsread.analysis.pipeline import analyse_progressively

    return analyse_progressively(text, source=source, title=title, model=model)


def _footer() -> Widget:
    from textual.widgets import Footer  # imported when mounted: not needed for the first frame

    return Footer()


def _short(text: str, cells: int) -> Text:
    line = Text(display_line(text), no_wrap=True, end="")
    if line.cell_len > cells:
        line.truncate(cells - 1)
        line.append("…")
    return line


class ReaderScreen(Screen[None]):
    """The article on the left, who's who on the right, where you are below."""

    AUTO_FOCUS = "DocumentView"

    BINDINGS = [
        Binding("n", "next_mention(True)", "Next mention", id="newsread.next-mention"),
        Binding("N", "next_mention(False)", "Previous mention", show=False, id="newsread.previous-mention"),
        Binding("e", "next_entity_mention(True)", "Next of entity", show=False, id="newsread.next-entity"),
        Binding(
            "E", "next_entity_mention(False)", "Previous of entity", show=False, id="newsread.previous-entity"
        ),
        Binding("]", "next_quote(True)", "Next quote", id="newsread.next-quote"),
        Binding("[", "next_quote(False)", "Previous quote", show=False, id="newsread.previous-quote"),
        Binding("r", "toggle_reported", "Reported speech", show=False, id="newsread.toggle-reported"),
        Binding("tab", "switch_pane", "Switch pane", id="newsread.switch-pane"),
        Binding("shift+tab", "switch_pane", "Switch pane", show=False, id="newsread.switch-pane-back"),
        Binding("escape", "focus_document", "Back to article", show=False, id="newsread.back"),
        Binding("question_mark,f1", "help", "Help", key_display="?", id="newsread.help"),
        Binding("q", "app.quit", "Quit", id="newsread.quit"),
    ]

    def __init__(
        self,
        text: str,
        *,
        source: str,
        title: str | None = None,
        model: str | None = None,
        analyser: Analyser | None = None,
        back: bool = False,
    ) -> None:
        """``back``: escape on the article leaves this screen (it was opened from the library)."""
        super().__init__()
        self.back = back
        self.text = text
        self.source = source
        self.title_text = title
        self.model = model
        self._analyser = analyser or default_analyser
        # Until the analysis arrives: the text, nothing found, progress 0.
        self.analysis = Analysis(
            source=source,
            title=title,
            text=text,
            text_sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
            model=model or "",
            progress=0.0,
        )
        self.navigator: Navigator | None = None
        self.cursor = Cursor()
        self.state: State = "waiting"
        self.failure: str | None = None
        self._status: tuple[Text | None, Text | None] = (None, None)  # what the status line shows
        self._painted = threading.Event()  # set once the text is on screen
        self._panel_next: tuple[str | None, tuple[str, str] | None] | None = None  # see _follow_in_panel
        self._pending_quote: str | None = None  # jump_to_quote before the analysis arrived
        self._cached: Analysis | None = None  # read by compose, shown by on_mount
        self._panel: WhoPanel | None = None  # see _mount_the_rest
        self._progress: ProgressBar | None = None
        self._focus_panel = False  # tab pressed before the panel was mounted
        self.reported = True  # reported speech shown (r toggles)

    # -- layout ----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # A small cached analysis is read now, so the first frame is the finished page;
        # a big one, or spaCy, is the worker's.
        self._cached = self._lookup(max_bytes=READ_CACHED_NOW)
        whole = self._cached is not None
        # Otherwise the first frame is the text, its frame and the status line.  The side
        # panel, the progress bar and the footer follow a frame later (_mount_the_rest):
        # Textual takes longer to mount and style those three than all the rest together.
        with Horizontal(id="body"):
            with Vertical(id="reader"):
                yield Static(id="notice")
                yield Legend(id="legend", classes="entities")
                yield DocumentView(self.text, id="document", classes="entities")
            # Or the panel's stand-in, in its place and size: the text is wrapped once, at its width.
            yield self._new_panel() if whole else Static(Text(WAITING, style="italic"), id="panel-slot")
        yield status_bar(progress=whole)
        yield _footer() if whole else Static(id="footer-slot")

    @staticmethod
    def _new_panel() -> WhoPanel:
        from newsread.app.panel import WhoPanel

        panel = WhoPanel(id="panel", classes="entities")
        panel.border_title = "Who's who"
        return panel

    @property
    def document(self) -> DocumentView:
        return self.query_one(DocumentView)

    @property
    def panel(self) -> WhoPanel:
        """The side panel (mounted a frame after the text: see ``panel_ready``)."""
        return self.query_one("#panel")

    @property
    def panel_ready(self) -> bool:
        """The side panel, the progress bar and the footer are mounted."""
        return self._panel is not None

    def on_mount(self) -> None:
        reader = self.query_one("#reader")
        name = self.name
        reader.border_title = _short(name, 80)
        reader.border_subtitle = _short(self.source, 60) if name != self.source else None
        self.state = "analysing"
        cached, self._cached = self._cached, None
        if cached is not None:
            self._panel, self._progress = self.panel, self.query_one("#progress", ProgressBar)
            self._analysis_updated(AnalysisUpdated(Navigator(cached, self.reported)))
            return
        self.query_one("#panel-slot").border_title = "Who's who"
        self.call_after_refresh(self._mount_the_rest)
        self._update_status()
        self.run_analysis()

    async def _mount_the_rest(self) -> None:
        """After the first frame: the side panel (in its stand-in's place), the progress bar
        and the footer; then the worker may import spaCy (whose import holds the GIL)."""
        try:
            slot, footer_slot = self.query_one("#panel-slot"), self.query_one("#footer-slot")
        except NoMatches:  # the screen went away first (q in the first frame)
            return
        panel = self._new_panel()
        progress = progress_bar()
        progress.display = False
        await asyncio.gather(
            self.query_one("#body").mount(panel, after=slot),
            self.query_one("#status").mount(progress),
            self.mount(_footer(), after=footer_slot),
        )
        await asyncio.gather(slot.remove(), footer_slot.remove())
        self._panel, self._progress = panel, progress
        self.refresh_bindings()  # the footer shows the keys when told they changed
        # Whatever arrived meanwhile (a big cached analysis does not wait for spaCy), or a failure.
        if self.state == "failed" and self.navigator is None:
            panel.set_analysis(None, empty="No analysis.")
        elif self.navigator is not None:
            panel.set_analysis(self.navigator)
            self._follow_in_panel(self.cursor.speaker, self._panel_row())
        if self._focus_panel:
            panel.focus()
        self._update_status()
        self.call_after_refresh(self._painted.set)

    def on_unmount(self) -> None:
        gc.unfreeze()  # what this screen held can be collected again

    # -- the analysis worker ---------------------------------------------------

    @work(thread=True, exclusive=True, group="analysis", exit_on_error=False)
    def run_analysis(self) -> None:
        worker = get_current_worker()
        received = 0
        analyses = None
        try:
            cached = self._lookup()
            if cached is not None:
                analyses = iter((cached,))
            else:
                # spaCy's import holds the GIL for a second or more: the text is painted first.
                while not self._painted.wait(0.05):
                    if worker.is_cancelled:
                        return
                analyses = self._analyser(
                    self.text, source=self.source, title=self.title_text, model=self.model
                )
            for analysis in analyses:
                # Cancelled (the app is quitting): stop after this chunk, not after the book.
                if worker.is_cancelled:
                    return
                # Index it here, off the UI thread; the screen only swaps it in.
                self.post_message(AnalysisUpdated(Navigator(analysis, self.reported)))
                received += 1
        except Exception as error:  # ModelNotFound, or anything else: the text stays readable
            reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            if not worker.is_cancelled:
                self.post_message(AnalysisFailed(reason))
            return
        finally:
            close = getattr(analyses, "close", None)
            if close is not None:
                close()
        if not received and not worker.is_cancelled:
            self.post_message(AnalysisFailed("the analysis returned nothing"))
        notice = getattr(self._analyser, "notice", None)  # e.g. the cache turned itself off
        if notice and not worker.is_cancelled:
            self.app.call_from_thread(self.notify, display_line(notice), severity="warning", markup=False)

    def _lookup(self, max_bytes: int | None = None) -> Analysis | None:
        """The analyser's stored answer when it keeps one (the cache), without spaCy."""
        lookup = getattr(self._analyser, "lookup", None)
        if lookup is None:
            return None
        return lookup(
            self.text, source=self.source, title=self.title_text, model=self.model, max_bytes=max_bytes
        )

    @on(AnalysisUpdated)
    def _analysis_updated(self, message: AnalysisUpdated) -> None:
        old, navigator = self.navigator, message.navigator
        self.navigator = navigator
        self.analysis = navigator.analysis
        self.state = "done" if navigator.analysis.complete else "analysing"
        self.cursor = navigator.rebase(self.cursor, old)
        self.document.set_analysis(navigator)
        if self._panel is not None:
            self._panel.set_analysis(navigator)
        self.query_one(Legend).set_labels(
            {e.label for e in navigator.analysis.entities},
            placeholder="Nobody and nothing named found." if self.state == "done" else None,
        )
        pending = self._pending_quote
        index = navigator.quote_index(pending) if pending is not None else None
        if index is not None:
            self._pending_quote = None
            self.cursor = navigator.at_quote(index)
            self.call_after_refresh(self._show_cursor, scroll=True)  # once the text is laid out
        self._show_cursor(scroll=False)
        # The analysis (and spaCy's model, loaded by now) live as long as this screen:
        # keep them out of the collector's full passes, which took 50-100 ms with a
        # novel loaded and stalled whichever key was being pressed.
        gc.freeze()

    def action_toggle_reported(self) -> None:
        """Show or hide reported speech (quotes without quotation marks)."""
        self.reported = not self.reported
        self._analysis_updated(AnalysisUpdated(Navigator(self.analysis, self.reported)))
        self.notify("Reported speech shown" if self.reported else "Reported speech hidden", timeout=2)

    @on(AnalysisFailed)
    def _analysis_failed(self, message: AnalysisFailed) -> None:
        self.state = "failed"
        self.failure = message.reason
        partial = self.navigator is not None
        notice = self.query_one("#notice", Static)
        notice.update(
            Text.assemble(
                ("⚠ ", "bold"),
                ("Analysis stopped: " if partial else "No analysis: ", "bold"),
                display_line(message.reason),
                " — showing what was found so far." if partial else " — showing the text without highlights.",
            )
        )
        notice.display = True
        if not partial:
            self.query_one(Legend).display = False  # the notice says it all
            if self._panel is not None:
                self._panel.set_analysis(None, empty="No analysis.")
        self._update_status()

    # -- cursor ------------------------------------------------------------------

    def _move(self, cursor: Cursor | None, *, nothing: str) -> None:
        if cursor is None:
            self.app.bell()
            self.notify(nothing, severity="warning", timeout=3, markup=False)
            return
        self.cursor = cursor
        self._show_cursor(scroll=True)

    def _show_cursor(self, *, scroll: bool) -> None:
        nav, cursor = self.navigator, self.cursor
        if nav is None:
            self._update_status()
            return
        span = nav.mentions.spans[cursor.mention] if cursor.mention is not None else None
        self.document.set_marks(Marks(cursor=span, quote=cursor.quote, speaker=cursor.speaker))
        if scroll and cursor.quote is not None:
            quote = nav.quotes[cursor.quote]
            self.document.show_span(quote.start, quote.end)
        elif scroll and span is not None and cursor.entity is not None:
            self.document.show_span(*span)
        self._follow_in_panel(cursor.speaker, self._panel_row())
        self._update_status()

    def _panel_row(self) -> tuple[str, str] | None:
        """The panel row of the cursor: its quote, else its mention's speaker or entity."""
        nav, cursor = self.navigator, self.cursor
        if nav is None:
            return None
        if cursor.quote is not None:
            return ("quote", nav.quotes[cursor.quote].id)
        if cursor.mention is not None and cursor.entity is not None:
            return ("speaker" if cursor.entity in nav.speaker_ids else "entity", cursor.entity)
        return None

    def _follow_in_panel(self, speaker: str | None, row: tuple[str, str] | None) -> None:
        """The panel catches up once the document has painted the move, a frame later:
        in a book its rows are far apart and each jump repaints the whole panel, which
        then no longer delays the text, and keys held down cost one such repaint, not one each."""
        pending = self._panel_next is not None
        self._panel_next = (speaker, row)
        if not pending:
            self.call_after_refresh(self._panel_catch_up)

    def _panel_catch_up(self) -> None:
        if self._panel_next is None:
            return
        (speaker, row), self._panel_next = self._panel_next, None
        panel = self._panel
        if panel is None:
            return  # _mount_the_rest follows the cursor once the panel is there
        panel.select_speaker(speaker)
        if row is not None:
            panel.follow(row)

    def _no_analysis_reason(self) -> str:
        if self.state == "failed":
            return "Nothing to move to: the analysis did not run."
        return "Nothing to move to yet: the analysis is still running."

    def _origin(self, forward: bool) -> Cursor:
        """Where a move starts: the cursor, or the page when the reader scrolled it away."""
        cursor = self.cursor
        first, last = self.document.visible_offsets()
        if first <= cursor.offset < last or (cursor.offset < 0 and first == 0):
            return cursor
        return replace(cursor, offset=first - 1 if forward else last)

    def action_next_mention(self, forward: bool) -> None:
        if self.navigator is None:
            self._move(None, nothing=self._no_analysis_reason())
            return
        moved = self.navigator.next_mention(self._origin(forward), forward)
        self._move(moved, nothing="No names found in this text.")

    def action_next_entity_mention(self, forward: bool) -> None:
        if self.navigator is None:
            self._move(None, nothing=self._no_analysis_reason())
            return
        moved = self.navigator.next_entity_mention(self._origin(forward), forward)
        self._move(moved, nothing="No current entity: move to a name with n, or choose one in the panel.")

    def action_next_quote(self, forward: bool) -> None:
        if self.navigator is None:
            self._move(None, nothing=self._no_analysis_reason())
            return
        moved = self.navigator.next_quote(self._origin(forward), forward)
        self._move(moved, nothing="No quotes found in this text.")

    @on(DocumentView.Clicked)
    def _clicked(self, message: DocumentView.Clicked) -> None:
        nav = self.navigator
        if nav is None:
            return
        mention = nav.mention_at(message.offset)
        if mention is not None:
            self._move(nav.at_mention(mention), nothing="")
            return
        quote = nav.quote_at(message.offset)
        if quote is not None:
            self._move(nav.at_quote(quote), nothing="")

    def on_who_panel_chosen(self, message: WhoPanel.Chosen) -> None:
        nav = self.navigator
        if nav is None:
            return
        cursor = self._cursor_for(nav, message.row)
        if cursor is not None:
            self._move(cursor, nothing="")
            self.document.focus()

    def jump_to_quote(self, quote_id: str) -> None:
        """Make quote ``quote_id`` current (as ``]`` would reach it): now, or as soon as
        an analysis with that quote arrives."""
        nav = self.navigator
        index = nav.quote_index(quote_id) if nav is not None else None
        if index is None:
            self._pending_quote = quote_id
            return
        self._pending_quote = None
        self._move(nav.at_quote(index), nothing="")

    @staticmethod
    def _cursor_for(nav: Navigator, row: Row) -> Cursor | None:
        if row.kind == "quote":
            index = nav.quote_index(row.id)
            return None if index is None else nav.at_quote(index)
        if row.kind == "speaker":
            index = nav.first_quote_of(row.id)
            return None if index is None else nav.at_quote(index)
        if row.kind == "entity":
            spans = nav.entity_spans(row.id)
            mention = nav.mention_at(spans[0][0]) if spans else None
            return None if mention is None else nav.at_mention(mention)
        return None

    # -- panes and help ----------------------------------------------------------

    def action_switch_pane(self) -> None:
        if self._panel is None:  # pressed in the first frame: the panel takes the focus when it comes
            self._focus_panel = not self._focus_panel
        elif self.focused is self.document:
            self._panel.focus()
        else:
            self.document.focus()

    def action_focus_document(self) -> None:
        # Escape: from the panel back to the article; on the article, back to
        # the library when the article was opened from one.
        if self.back and self.focused is self.document:
            self.dismiss()
        else:
            self.document.focus()

    def action_help(self) -> None:
        from newsread.app.help import HelpScreen

        self.app.push_screen(HelpScreen())

    # -- status line -------------------------------------------------------------

    def position_text(self) -> Text:
        nav, cursor = self.navigator, self.cursor
        if nav is None:
            return Text("")
        if cursor.quote is not None:
            quote = nav.quotes[cursor.quote]
            i, n = nav.quote_position(cursor) or (0, 0)
            speaker = nav.analysis.entity(quote.speaker)
            name = speaker.name if speaker else quote.speaker_name
            who = _short(name, 40) if name else Text("unattributed", style="italic")
            return Text.assemble(("quote ", "bold"), (f"{i}/{n}", "bold"), " — ", who)
        if cursor.mention is not None and cursor.entity is not None:
            entity = nav.analysis.entity(cursor.entity)
            if entity is None:  # pragma: no cover - the index only holds known entities
                return Text("")
            i, n = nav.mention_position(cursor) or (0, 0)
            return Text.assemble(
                (_short(entity.name, 40)),
                " · ",
                label_info(entity.label).singular,
                " · mention ",
                (f"{i}/{n}", "bold"),
            )
        return Text("n: next name   ]: next quote", style="dim")

    def state_text(self) -> Text:
        if self.state == "failed":
            state = Text("no analysis" if self.navigator is None else "analysis stopped", style="bold")
        elif self.state == "done":
            analysis = self.analysis
            state = Text(f"{len(analysis.entities)} entities · {len(analysis.quotes)} quotes")
        else:
            state = Text("analysing…")
        return Text.assemble(_short(self.name, 32), (" │ ", "dim"), state)

    @property
    def name(self) -> str:
        """The article as the reader knows it: its title, else its file name."""
        return self.title_text or os.path.basename(self.source.rstrip("/")) or self.source

    def _update_status(self) -> None:
        # Only what changed: every Static.update(layout=True) lays out and repaints
        # the whole screen, which made each cursor key cost a full frame.
        position, state = self.position_text(), self.state_text()
        if position != self._status[0]:
            self.query_one("#position", Static).update(position, layout=False)  # 1fr wide: no layout
        if state != self._status[1]:
            self.query_one("#state", Static).update(state)  # auto width
        self._status = (position, state)
        progress = self._progress  # None in the first frame: _mount_the_rest calls again
        if progress is not None:
            if self.state == "analysing" and self.navigator is not None:
                progress.update(total=100, progress=round(self.analysis.progress * 100))
            progress.display = self.state == "analysing"
        # For a Header, if one is ever added; set quietly: a reactive change repaints
        # the whole screen, and nothing on this screen shows it.
        self.set_reactive(ReaderScreen.sub_title, position.plain)
