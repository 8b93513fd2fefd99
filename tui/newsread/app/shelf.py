"""The library's articles and their analyses, shared by the screen and its worker.

Plain threading, no Textual: the library screen runs ``Shelf.work`` in one
background thread and reads ``Shelf.entries`` on the UI thread; a reader
screen follows one article's analysis with ``Shelf.follow`` in its own thread.

Every ``Entry`` is immutable and replaced whole (under the shelf's lock), so a
reader on another thread always sees a consistent one.  ``version`` grows on
every change.

Order of work: the articles the user opened, the most recent first, then the
rest in list order.  Analyses are generators (``analyse_progressively``'s
shape), advanced one chunk at a time, so opening another article switches the
work to it after the current chunk and the interrupted one resumes later with
nothing lost.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from newsread.analysis.model import Analysis
from newsread.safe import display_line
from newsread.sources import Article, Feed, FeedItem, SourceError, open_item

#: ``unfetched``: a feed item not fetched yet; ``waiting``: text here, analysis
#: not started; ``done``/``failed`` are final.  A failed entry that has an
#: ``article`` failed in the analysis: its text can still be read.
State = Literal["unfetched", "fetching", "waiting", "analysing", "done", "failed"]
FINAL = frozenset({"done", "failed"})

Analyser = Callable[..., Iterator[Analysis]]
#: An analysis from the cache without running anything, or None.
CacheLookup = Callable[[Article], Analysis | None]


class AnalysisStopped(Exception):
    """The article's analysis failed; ``str()`` is the one-line reason."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One row of the library: an article, a feed item, or a source that failed."""

    index: int
    source: str
    title: str | None
    site: str | None = None
    date: str | None = None
    state: State = "waiting"
    article: Article | None = None
    item: FeedItem | None = None
    #: The latest analysis: partial while ``analysing``, complete when ``done``.
    analysis: Analysis | None = None
    #: One line: why it failed (without the source, which the row shows).
    failure: str | None = None
    version: int = 0

    @property
    def name(self) -> str:
        """The title, else the file (or last URL part) name, else the source."""
        return self.title or os.path.basename(self.source.rstrip("/")) or self.source

    @property
    def final(self) -> bool:
        return self.state in FINAL

    @property
    def openable(self) -> bool:
        """There is (or may be, once fetched) text to read."""
        return self.article is not None or (self.item is not None and self.state != "failed")


#: Items of one feed the library lists, and so fetches and analyses in the background: the
#: newest.  Uncapped, a feed of 2,000 items kept the machine busy for an hour.
FEED_ITEMS = 50


def newest_items(items: Sequence[FeedItem], most: int = FEED_ITEMS) -> tuple[FeedItem, ...]:
    """The ``most`` newest of a feed's items, in the feed's order.  Newest by date where
    items have one; items of the same day, and undated ones (after the dated), by their
    place in the feed, as feeds list the newest first."""
    if len(items) <= most:
        return tuple(items)
    # A stable sort, reversed: the same date keeps the feed's order.
    ranked = sorted(range(len(items)), key=lambda i: items[i].date or "", reverse=True)
    return tuple(items[i] for i in sorted(ranked[:most]))


def feed_notes(items: Iterable[Article | Feed], most: int = FEED_ITEMS) -> list[str]:
    """A line for each feed the library lists only part of (feed titles come from strangers:
    the caller shows them as text)."""
    return [
        f"{feed.title or feed.source}: the newest {most} of its {len(feed.items):,} items are listed"
        for feed in items
        if isinstance(feed, Feed) and len(feed.items) > most
    ]


def entries_from(
    items: Iterable[Article | Feed], errors: Iterable[SourceError] = (), *, most: int = FEED_ITEMS
) -> list[Entry]:
    """The rows for what ``load_many`` returned: articles, each feed's newest ``most``
    items (not fetched), a failed row for an empty feed and for every source that failed."""
    entries: list[Entry] = []

    def add(**fields) -> None:
        entries.append(Entry(index=len(entries), **fields))

    for item in items:
        if isinstance(item, Article):
            add(source=item.source, title=item.title, site=item.site, date=item.date, article=item)
            continue
        if not item.items:
            add(source=item.source, title=item.title, state="failed", failure="the feed has no items")
        for feed_item in newest_items(item.items, most):
            add(
                source=feed_item.link or item.source,
                title=feed_item.title,
                site=feed_item.feed_title,
                date=feed_item.date,
                state="unfetched",
                item=feed_item,
            )
    for error in errors:
        add(source=error.source, title=None, state="failed", failure=error.reason)
    return entries


def _reason(error: BaseException) -> str:
    if isinstance(error, SourceError):
        return display_line(error.reason)
    text = str(error).strip()
    return display_line(text.splitlines()[0]) if text else type(error).__name__


class Shelf:
    """The library's entries, the order of work, and the work itself."""

    def __init__(
        self,
        entries: list[Entry],
        *,
        analyser: Analyser,
        model: str | None = None,
        cached: CacheLookup | None = None,
        fetch: Callable[[FeedItem], Article] = open_item,
    ) -> None:
        self.entries = list(entries)
        self.model = model
        self._analyser = analyser
        self._cached = cached
        self._fetch = fetch
        self._changed = threading.Condition()
        self._opened: list[int] = []  # most recent first
        self._fetch_locks = [threading.Lock() for _ in self.entries]
        self._closed = False

    # -- reading (any thread) ------------------------------------------------

    def __len__(self) -> int:
        return len(self.entries)

    def counts(self) -> tuple[int, int, int]:
        """(analysed, failed, total) over the entries that are articles or feed items."""
        analysed = failed = total = 0
        for entry in self.entries:
            if entry.article is None and entry.item is None:
                continue  # a source that did not open: not an article
            total += 1
            analysed += entry.state == "done"
            failed += entry.state == "failed"
        return analysed, failed, total

    def analyses(self) -> list[Analysis | None]:
        """Complete analyses by entry index (None where there is none yet)."""
        return [e.analysis if e.state == "done" else None for e in self.entries]

    # -- changing (any thread) -----------------------------------------------

    def _set(self, index: int, **changes) -> Entry:
        with self._changed:
            entry = self.entries[index]
            entry = replace(entry, version=entry.version + 1, **changes)
            self.entries[index] = entry
            self._changed.notify_all()
        return entry

    def open(self, index: int) -> None:
        """The user opened entry ``index``: it goes to the front of the work."""
        with self._changed:
            if index in self._opened:
                self._opened.remove(index)
            self._opened.insert(0, index)
            self._changed.notify_all()

    def close(self) -> None:
        """No more work will be done: wake every ``follow`` so it returns."""
        with self._changed:
            self._closed = True
            self._changed.notify_all()

    def next_index(self) -> int | None:
        """The entry to work on next, or None when all are final."""
        with self._changed:
            for index in self._opened:
                if not self.entries[index].final:
                    return index
            for entry in self.entries:
                if not entry.final:
                    return entry.index
        return None

    def fetch(self, index: int, changed: Callable[[int], None] | None = None) -> Entry:
        """Fetch a feed item's article (once, whichever thread asks first); the entry after.

        A failure to fetch is recorded in the entry (``failed``), not raised.
        ``changed(index)`` is called when the fetch starts and when it ends.
        """
        changed = changed or (lambda index: None)
        with self._fetch_locks[index]:
            entry = self.entries[index]
            if entry.article is not None or entry.item is None or entry.state == "failed":
                return entry
            self._set(index, state="fetching")
            changed(index)
            try:
                article = self._fetch(entry.item)
            except Exception as error:  # noqa: BLE001 - SourceError, or a bug: either way, this row only
                entry = self._set(index, state="failed", failure=_reason(error))
            else:
                entry = self._set(
                    index,
                    state="waiting",
                    article=article,
                    title=entry.title or article.title,
                    site=entry.site or article.site,
                    date=entry.date or article.date,
                )
            changed(index)
            return entry

    # -- the work (one background thread) ------------------------------------

    def work(self, cancelled: Callable[[], bool], changed: Callable[[int], None]) -> None:
        """Fetch and analyse every entry, most wanted first; return when all are
        final or ``cancelled()``.  ``changed(index)`` is called after each change.

        Cached analyses are looked up first, for every article at hand, so the
        list shows them at once.
        """
        running: dict[int, Iterator[Analysis]] = {}
        try:
            if self._cached is not None:
                for entry in list(self.entries):
                    if cancelled():
                        return
                    if entry.article is not None and entry.state == "waiting":
                        self._from_cache(entry, changed)
            while not cancelled():
                index = self.next_index()
                if index is None:
                    return
                self._step(index, running, changed)
        finally:
            for analyses in running.values():
                close = getattr(analyses, "close", None)
                if close is not None:
                    close()
            self.close()

    def _from_cache(self, entry: Entry, changed: Callable[[int], None]) -> bool:
        try:
            hit = self._cached(entry.article) if self._cached else None
        except Exception:  # noqa: BLE001 - the cache is an optimisation, never a failure
            hit = None
        if hit is None:
            return False
        self._set(entry.index, state="done", analysis=hit)
        changed(entry.index)
        return True

    def _step(
        self, index: int, running: dict[int, Iterator[Analysis]], changed: Callable[[int], None]
    ) -> None:
        """One unit of work on entry ``index``: a fetch, or one chunk of analysis."""
        entry = self.entries[index]
        if entry.article is None:
            if entry.item is None:  # pragma: no cover - entries without text start failed
                self._set(index, state="failed", failure="nothing to read")
                changed(index)
            else:
                self.fetch(index, changed)
            return
        analyses = running.get(index)
        if analyses is None:
            article = entry.article
            try:
                analyses = iter(
                    self._analyser(article.text, source=article.source, title=entry.title, model=self.model)
                )
            except Exception as error:  # noqa: BLE001 - ModelNotFound or worse: this article stays readable
                self._set(index, state="failed", failure=_reason(error))
                changed(index)
                return
            running[index] = analyses
        try:
            analysis = next(analyses)
        except StopIteration:
            running.pop(index, None)
            last = self.entries[index].analysis
            if last is not None and last.complete:
                self._set(index, state="done")
            else:
                self._set(index, state="failed", failure="the analysis returned nothing")
        except Exception as error:  # noqa: BLE001 - as above
            running.pop(index, None)
            self._set(index, state="failed", failure=_reason(error))
        else:
            self._set(index, state="analysing", analysis=analysis)
            if analysis.complete:
                # Let the analyser finish (the cache writes after the last yield).
                for _ in analyses:
                    pass
                running.pop(index, None)
                self._set(index, state="done")
        changed(index)

    # -- following one article (a reader's thread) ----------------------------

    def follow(
        self, index: int, cancelled: Callable[[], bool] = lambda: False, poll: float = 0.1
    ) -> Iterator[Analysis]:
        """Entry ``index``'s analyses as they come (``analyse_progressively``'s shape),
        moving it to the front of the work.  Raises ``AnalysisStopped`` when its
        analysis failed; returns early when ``cancelled()`` or the work stopped."""
        self.open(index)
        seen = -1
        last: Analysis | None = None
        while True:
            with self._changed:
                entry = self.entries[index]
                while entry.version == seen and not entry.final and not self._closed:
                    self._changed.wait(poll)
                    if cancelled():
                        return
                    entry = self.entries[index]
            seen = entry.version
            if entry.analysis is not None and entry.analysis is not last:
                last = entry.analysis
                yield last
                if cancelled():
                    return
            if entry.state == "failed":
                raise AnalysisStopped(entry.failure or "the analysis failed")
            if entry.state == "done" or self._closed:
                return
