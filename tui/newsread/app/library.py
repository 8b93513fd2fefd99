"""The library: several articles (a folder, a feed, several links) in one list.

``Enter`` opens an article in the reader (``escape`` comes back), ``s`` lists
every speaker across the articles.  One background worker fetches feed items
and analyses the articles (``shelf.py``), the one the reader opened first;
rows fill in as analyses complete.  Every title, site and name comes from a
stranger, so rows are Rich ``Text`` built from ``display_line``, never markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from newsread.analysis.model import Analysis
from newsread.app.help import HelpScreen
from newsread.app.panel import plural
from newsread.app.reader import Analyser, ReaderScreen, default_analyser
from newsread.app.shelf import CacheLookup, Entry, Shelf, entries_from, feed_notes
from newsread.app.status import status_bar
from newsread.safe import display_line
from newsread.sources import Article, Feed, SourceError

#: Named speakers shown in a row, at most.
TOP_SPEAKERS = 3
GAP = "  "


# -- rows ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Columns:
    """Cell widths of the list's columns (0: the column is left out)."""

    title: int
    site: int
    date: int
    quotes: int
    speakers: int

    @classmethod
    def fit(cls, width: int) -> Columns:
        """Columns for a list ``width`` cells wide: the title gets what the others leave."""
        date, quotes = 10, 6
        site = 16 if width >= 110 else 12 if width >= 90 else 0
        speakers = 32 if width >= 110 else 24 if width >= 72 else 0
        used = 1 + date + quotes + site + speakers + len(GAP) * (2 + bool(site) + bool(speakers)) + 1
        return cls(title=max(12, width - used), site=site, date=date, quotes=quotes, speakers=speakers)


def _cell(text: str | Text, width: int, *, style: str = "", right: bool = False) -> Text:
    cell = text.copy() if isinstance(text, Text) else Text(display_line(text), style=style)
    cell.no_wrap = True
    cell.end = ""
    if cell.cell_len > width:
        cell.truncate(width - 1)
        cell.rstrip()
        cell.append("…")
    pad = width - cell.cell_len
    if pad > 0:
        if right:
            cell = Text.assemble(" " * pad, cell)
        else:
            cell.append(" " * pad)
    return cell


def _row(
    columns: Columns,
    title: Text | str,
    site: str,
    date: str,
    quotes: Text | str,
    speakers: Text | str,
    style: str = "",
) -> Text:
    parts: list[Text | str] = [" ", _cell(title, columns.title)]
    if columns.site:
        parts += [GAP, _cell(site, columns.site, style="dim")]
    parts += [GAP, _cell(date, columns.date, style="dim"), GAP, _cell(quotes, columns.quotes, right=True)]
    if columns.speakers:
        parts += [GAP, _cell(speakers, columns.speakers)]
    parts.append(" ")
    row = Text.assemble(*parts, no_wrap=True, end="")
    if style:
        row.stylize(style)
    return row


def header_text(columns: Columns) -> Text:
    return _row(columns, "Title", "Site", "Date", "Quotes", "Top speakers", style="bold")


def top_speakers(analysis: Analysis, count: int = TOP_SPEAKERS) -> list[str]:
    """The most quoted speakers' names, people the text names before unnamed sources."""
    speakers = analysis.speakers()
    named = [e.name for e, _ in speakers if not e.is_unnamed_source]
    unnamed = [e.name for e, _ in speakers if e.is_unnamed_source]
    return (named + unnamed)[:count]


def entry_title(entry: Entry) -> str:
    """A source that did not open has no title: its row names the source itself."""
    return entry.name if entry.article is not None or entry.item is not None else entry.source


def row_text(entry: Entry, columns: Columns) -> Text:
    """One row of the list, as plain-text-made Rich ``Text``."""
    title, site, date = entry_title(entry), entry.site or "", entry.date or ""
    if entry.state == "done" and entry.analysis is not None:
        names = top_speakers(entry.analysis)
        speakers = (
            Text(display_line(", ".join(names))) if names else Text("nobody quoted", style="dim italic")
        )
        return _row(columns, title, site, date, str(len(entry.analysis.quotes)), speakers)
    if entry.state == "failed":
        reason = Text.assemble(("⚠ ", "bold"), display_line(entry.failure or "failed"))
        return _row(
            columns, Text(display_line(title), style="dim"), site, date, Text("—", style="dim"), reason
        )
    if entry.state == "analysing" and entry.analysis is not None:
        progress = f"analysing… {round(entry.analysis.progress * 100)}%"
        return _row(columns, title, site, date, "", Text(progress, style="italic"))
    waiting = {"unfetched": "not fetched yet", "fetching": "fetching…", "analysing": "analysing…"}
    return _row(columns, title, site, date, "", Text(waiting.get(entry.state, "waiting"), style="dim italic"))


def entry_status(entry: Entry) -> Text:
    """The status line for the highlighted row: where it comes from and how it stands."""
    where = Text(display_line(entry.source), no_wrap=True, end="")
    if entry.state == "done" and entry.analysis is not None:
        analysis = entry.analysis
        what = (
            f"{plural(len(analysis.quotes), 'quote')} · {plural(len(analysis.speakers()), 'speaker')}"
            f" · {plural(len(analysis.entities), 'name')}"
        )
        return Text.assemble(where, ("  │  ", "dim"), what)
    if entry.state == "failed":
        what = "could not open" if entry.article is None else "no analysis"
        return Text.assemble(
            where, ("  │  ", "dim"), (f"{what}: ", "bold"), display_line(entry.failure or "")
        )
    return where


# -- messages from the threads ------------------------------------------------------


class EntryChanged(Message):
    """An entry was fetched, analysed a little further, or failed (from a worker)."""

    def __init__(self, index: int) -> None:
        self.index = index
        super().__init__()


class Fetched(Message):
    """The fetch the reader asked for (by opening a feed item) is over."""

    def __init__(self, index: int) -> None:
        self.index = index
        super().__init__()


# -- the screen ------------------------------------------------------------------------


class ArticleList(OptionList):
    """The articles, one row each; Enter posts ``OptionSelected``, a new size ``Resized``."""

    BINDINGS = [
        Binding("enter", "select", "Open", id="newsread.library-open"),
        Binding("j", "cursor_down", "Down", show=False, id="newsread.library-down"),
        Binding("k", "cursor_up", "Up", show=False, id="newsread.library-up"),
        Binding("g", "first", "First", show=False, id="newsread.library-top"),
        Binding("G", "last", "Last", show=False, id="newsread.library-bottom"),
    ]

    class Resized(Message):
        """The list's width changed: the screen refits the columns."""

    def on_resize(self) -> None:
        self.post_message(self.Resized())


class LibraryScreen(Screen[None]):
    """The list of articles, a notice for what failed, progress below."""

    AUTO_FOCUS = "ArticleList"

    BINDINGS = [
        Binding("s", "speakers", "Speakers", id="newsread.library-speakers"),
        Binding("question_mark,f1", "help", "Help", key_display="?", id="newsread.library-help"),
        Binding("q", "app.quit", "Quit", id="newsread.library-quit"),
    ]

    def __init__(self, shelf: Shelf, *, title: str = "Library", notes: Iterable[str] = ()) -> None:
        """``notes``: lines for the notice above the list (a feed listed only in part)."""
        super().__init__()
        self.shelf = shelf
        self.library_title = title
        self.notes = list(notes)
        self._columns = Columns.fit(100)
        self._want_open: int | None = None  # a feed item being fetched to open
        self._speakers = None  # the speakers screen, once shown

    def compose(self) -> ComposeResult:
        # The list's width is known only after layout; the app's is close (borders, scrollbar).
        self._columns = Columns.fit(self.app.size.width - 3)
        yield Static(id="notice")
        with Vertical(id="library"):
            yield Static(id="library-header")
            yield ArticleList(
                *(Option(row_text(e, self._columns), id=f"e{e.index}") for e in self.shelf.entries),
                id="articles",
            )
        yield status_bar()
        yield Footer()

    @property
    def articles(self) -> ArticleList:
        return self.query_one(ArticleList)

    def on_mount(self) -> None:
        self.query_one("#library").border_title = Text(display_line(self.library_title))
        self._show_notice()
        self._refit()
        if self.shelf.entries:
            self.articles.highlighted = 0
        self._update_status()
        # After the first paint: the first analysis imports spaCy, which holds the GIL a while.
        self.call_after_refresh(self.run_work)

    @on(ArticleList.Resized)
    def _refit(self, _message: ArticleList.Resized | None = None) -> None:
        width = self.articles.scrollable_content_region.width or self.size.width
        columns = Columns.fit(width)
        self.query_one("#library-header", Static).update(header_text(columns))
        if columns == self._columns:
            return
        self._columns = columns
        for entry in self.shelf.entries:
            self.articles.replace_option_prompt_at_index(entry.index, row_text(entry, columns))

    def _show_notice(self) -> None:
        failed = [e for e in self.shelf.entries if e.article is None and e.item is None]
        notice = self.query_one("#notice", Static)
        lines: list[Text] = []
        if len(failed) == 1:
            lines.append(Text.assemble(
                ("⚠ Could not open ", "bold"),
                display_line(failed[0].source),
                ": ",
                display_line(failed[0].failure or ""),
            ))
        elif failed:
            lines.append(Text.assemble(
                ("⚠ ", "bold"),
                (f"Could not open {len(failed)} sources", "bold"),
                " — they are listed at the end, with the reason.",
            ))
        lines += [Text.assemble(("ℹ ", "bold"), display_line(note)) for note in self.notes]
        if not lines:
            notice.display = False
            return
        notice.update(Text("\n").join(lines))
        notice.set_class(not failed, "-info")
        notice.display = True

    # -- the background work -------------------------------------------------

    @work(thread=True, exclusive=True, group="library", exit_on_error=False)
    def run_work(self) -> None:
        worker = get_current_worker()
        self.shelf.work(lambda: worker.is_cancelled, lambda index: self.post_message(EntryChanged(index)))

    @work(thread=True, group="library-fetch", exit_on_error=False)
    def fetch_entry(self, index: int) -> None:
        self.shelf.fetch(index, lambda i: self.post_message(EntryChanged(i)))
        self.post_message(Fetched(index))

    @on(EntryChanged)
    def _entry_changed(self, message: EntryChanged) -> None:
        entry = self.shelf.entries[message.index]
        self.articles.replace_option_prompt_at_index(entry.index, row_text(entry, self._columns))
        self._update_status()
        if entry.final and self._speakers is not None:
            self._speakers.refresh_speakers()

    @on(Fetched)
    def _fetched(self, message: Fetched) -> None:
        if self._want_open != message.index:
            return
        self._want_open = None
        entry = self.shelf.entries[message.index]
        if entry.article is None:
            self.app.bell()
            self.notify(
                f"Could not open it: {display_line(entry.failure or 'fetch failed')}",
                severity="error",
                markup=False,
            )
        elif self.app.screen is self:
            self.open_article(message.index)

    # -- opening ---------------------------------------------------------------

    @on(OptionList.OptionSelected, "#articles")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        index = event.option_index
        entry = self.shelf.entries[index]
        if entry.article is not None:
            self.open_article(index)
        elif entry.item is not None and entry.state != "failed":
            self._want_open = index
            self.shelf.open(index)
            self.notify(f"Fetching {display_line(entry.source)}…", timeout=3, markup=False)
            self.fetch_entry(index)
        else:
            self.app.bell()
            self.notify(
                f"Could not open it: {display_line(entry.failure or 'no text')}",
                severity="error",
                markup=False,
            )

    def open_article(self, index: int, quote_id: str | None = None) -> ReaderScreen | None:
        """Show entry ``index`` in the reader (at quote ``quote_id``); escape comes back."""
        entry = self.shelf.entries[index]
        article = entry.article
        if article is None:
            return None
        self._want_open = None
        reader = ReaderScreen(
            article.text,
            source=article.source,
            title=entry.title,
            model=self.shelf.model,
            analyser=self._follower(index),
            back=True,
        )
        if quote_id is not None:
            reader.jump_to_quote(quote_id)
        self.shelf.open(index)
        self.app.push_screen(reader)
        return reader

    def _follower(self, index: int) -> Analyser:
        """The reader's analyser: the library's analysis of entry ``index``, as it comes."""
        shelf = self.shelf

        def follow(text: str, *, source: str, title: str | None, model: str | None):
            worker = get_current_worker()
            return shelf.follow(index, cancelled=lambda: worker.is_cancelled)

        return follow

    # -- the other screens -----------------------------------------------------

    def action_speakers(self) -> None:
        from newsread.app.speakers import SpeakersScreen

        self._speakers = SpeakersScreen(self.shelf, self.open_article)
        self.app.push_screen(self._speakers, callback=self._speakers_closed)

    def _speakers_closed(self, _result: None) -> None:
        self._speakers = None

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen())

    # -- status line -------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#articles")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._update_status()

    def progress_text(self) -> Text:
        analysed, failed, total = self.shelf.counts()
        text = Text(f"analysed {analysed}/{total}")
        if failed:
            text.append(f" · {failed} failed", style="bold")
        return text

    def _update_status(self) -> None:
        highlighted = self.articles.highlighted
        position = entry_status(self.shelf.entries[highlighted]) if highlighted is not None else Text("")
        self.query_one("#position", Static).update(position)
        self.query_one("#state", Static).update(self.progress_text())
        analysed, failed, total = self.shelf.counts()
        progress = self.query_one("#progress", ProgressBar)
        progress.update(total=max(total, 1), progress=analysed + failed)
        progress.display = analysed + failed < total


# -- the app ----------------------------------------------------------------------


def cache_lookup(analyser: object, model: str | None) -> CacheLookup | None:
    """A cache lookup (no spaCy) when ``analyser`` is a ``CachedAnalyser``, else None."""
    from newsread.cache import AnalysisCache, model_id

    store = getattr(analyser, "cache", None)
    if not isinstance(store, AnalysisCache) or not store.enabled:
        return None

    @cache
    def pipeline() -> str | None:
        from newsread.analysis.nlp import resolve_model_name

        return model_id(resolve_model_name(model))

    def lookup(article: Article) -> Analysis | None:
        mid = pipeline()
        if mid is None:
            return None
        return store.get(article.text, model_id=mid, source=article.source, title=article.title)

    return lookup


def library_title(items: Iterable[Article | Feed]) -> str:
    """``Library · <feed title>`` when the library is one feed, else ``Library``."""
    items = list(items)
    if len(items) == 1 and isinstance(items[0], Feed) and items[0].title:
        return f"Library · {items[0].title}"
    return "Library"


class LibraryApp(App[None]):
    """Several articles: a list, the reader for each, the speakers across them."""

    CSS_PATH = "newsread.tcss"
    TITLE = "newsread"

    def __init__(
        self,
        items: Iterable[Article | Feed],
        errors: Iterable[SourceError] = (),
        *,
        model: str | None = None,
        analyser: Analyser | None = None,
        fetch=None,
    ) -> None:
        """``items``/``errors`` as ``load_many`` returns them.  ``analyser`` replaces
        ``analyse_progressively`` (a ``CachedAnalyser`` also answers from its cache
        at once); ``fetch`` replaces ``open_item`` for feed items."""
        super().__init__()
        items = list(items)
        analyser = analyser or default_analyser
        extra = {"fetch": fetch} if fetch is not None else {}
        self.shelf = Shelf(
            entries_from(items, errors),
            analyser=analyser,
            model=model,
            cached=cache_lookup(analyser, model),
            **extra,
        )
        self.library = LibraryScreen(self.shelf, title=library_title(items), notes=feed_notes(items))

    def get_default_screen(self) -> Screen:
        return self.library

    @property
    def reader(self) -> ReaderScreen | None:
        """The article open now, if any."""
        return next((s for s in reversed(self.screen_stack) if isinstance(s, ReaderScreen)), None)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from newsread.app.main import COMMANDS

        yield from super().get_system_commands(screen)
        if isinstance(screen, ReaderScreen):
            for title, help_text, action in COMMANDS:
                yield SystemCommand(title, help_text, lambda action=action: screen.run_action(action))
        elif screen is self.library:
            yield SystemCommand(
                "Speakers across articles",
                "Every speaker, their quotes by article (s)",
                self.library.action_speakers,
            )


def run_library(
    items: Iterable[Article | Feed],
    errors: Iterable[SourceError] = (),
    *,
    model: str | None = None,
    analyser: Analyser | None = None,
) -> None:
    """Show the library until the reader quits (the CLI's entry point for several articles)."""
    LibraryApp(items, errors, model=model, analyser=analyser).run()
