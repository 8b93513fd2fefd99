"""The library: several articles in one list, analysed in the background, and the
speakers across them.

Pilot tests build the library from real files in ``tmp_path`` and from a feed
served by a real HTTP server on 127.0.0.1, and analyse with the session's spaCy
pipeline.  The merging of speakers is tested as the pure function it is, the
order of work on the ``Shelf`` without any terminal.  Every article is invented.
"""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from test_app_support import entity, make_analysis, quote, screen_lines, settle

from newsread.analysis.model import Analysis, Entity, Quote
from newsread.app.help import help_text
from newsread.app.library import ArticleList, Columns, LibraryApp, LibraryScreen, row_text
from newsread.app.reader import ReaderScreen
from newsread.app.shelf import AnalysisStopped, Entry, Shelf, entries_from
from newsread.app.speakers import SpeakersScreen, SpeakerTree
from newsread.cache import AnalysisCache, CachedAnalyser
from newsread.library import merge_speakers, name_key
from newsread.sources import Article, SourceError, load_many

SIZE = (120, 36)

FERRY = (
    "Harbor Town will keep its night ferry after all, the council decided on Tuesday.\n"
    "“We found the money,” Mayor Jane Doe told reporters. “The boats will run until midnight.”\n"
    "Harbor pilot Ana Lind welcomed the news. “Night crossings keep this island alive,” Lind said.\n"
)
BRIDGE = (
    "The council approved a study of a new bridge to the mainland on Friday.\n"
    "“This study is long overdue,” Doe said after the vote.\n"
    "Council member Omar Reyes disagreed. “We cannot afford a bridge and a ferry,” Reyes said.\n"
)
MARKET_TITLE = "[bold]Night[/bold] market opens on the pier"
MARKET_HTML = f"""<!doctype html>
<html><head><meta charset="utf-8"><title>{MARKET_TITLE}</title></head>
<body><article><h1>{MARKET_TITLE}</h1>
<p>The night market on Pier Road opened on Saturday with forty stalls, a brass band and a long queue
for grilled fish that reached back to the harbour office.</p>
<p>“We sold out of dumplings by nine,” said stall owner Mei Tanaka, who has cooked at markets on the
coast for twenty years and plans to come back every weekend until the autumn.</p>
<p>The market will run every Saturday evening until the end of September, the harbour office said.</p>
</article></body></html>
"""
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


def nlp_analyser(nlp, gate: threading.Event | None = None):
    """``analyse_progressively`` on the session pipeline; with ``gate``, each article
    waits until the gate opens (so a test can look while work is pending)."""
    from newsread.analysis import analyse_progressively

    def analyse(text: str, *, source: str, title: str | None, model: str | None):
        if gate is not None:
            while not gate.wait(0.02):
                pass
        yield from analyse_progressively(text, source=source, title=title, nlp=nlp)

    return analyse


def write_folder(folder: Path, *, broken: bool = True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "ferry.txt").write_text(FERRY, encoding="utf-8")
    (folder / "bridge.txt").write_text(BRIDGE, encoding="utf-8")
    (folder / "market.html").write_text(MARKET_HTML, encoding="utf-8")
    if broken:
        (folder / "broken.txt").write_bytes(PNG)
    return folder


def folder_app(folder: Path, nlp, *, analyser=None, extra: list[str] = ()) -> LibraryApp:
    items, errors = load_many([str(folder), *extra])
    return LibraryApp(items, errors, analyser=analyser or nlp_analyser(nlp))


def index_of(app: LibraryApp, suffix: str) -> int:
    return next(e.index for e in app.shelf.entries if e.source.endswith(suffix))


async def settle_library(pilot, timeout: float = 60.0) -> None:
    """Wait (bounded) until every entry is analysed or has failed."""
    app = pilot.app
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not all(e.final for e in app.shelf.entries):
        assert loop.time() < deadline, [(e.source, e.state) for e in app.shelf.entries]
        await pilot.pause(0.05)
    await pilot.pause()


async def wait_for(pilot, condition, timeout: float = 30.0, what: str = "condition") -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        assert loop.time() < deadline, f"timed out waiting for {what}"
        await pilot.pause(0.05)


def row_of(app: LibraryApp, suffix: str) -> str:
    """The list row of the entry whose source ends with ``suffix``, as on screen."""
    entry = app.shelf.entries[index_of(app, suffix)]
    name = entry.name if entry.article is not None or entry.item is not None else entry.source
    matches = [line for line in screen_lines(app) if line.startswith("│") and name[:30] in line]
    assert matches, f"{name!r} is not on screen:\n" + "\n".join(screen_lines(app))
    return matches[0]


async def open_row(pilot, app: LibraryApp, suffix: str) -> None:
    app.library.articles.highlighted = index_of(app, suffix)
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


# ================================================================ merging (pure)


def person(id: str, name: str) -> Entity:
    return Entity(id=id, name=name, label="PERSON", mentions=((0, 1),))


def analysis_with(*speakers: tuple[Entity, int], text: str = "x" * 200) -> Analysis:
    """An analysis where each (entity, n) speaks ``n`` quotes, in order."""
    quotes, start = [], 0
    for entity_, count in speakers:
        for _ in range(count):
            quotes.append(
                Quote(
                    id=f"q{start}",
                    start=start,
                    end=start + 5,
                    text="x" * 5,
                    kind="direct",
                    speaker=entity_.id,
                    speaker_name=entity_.name,
                )
            )
            start += 10
    return make_analysis(text=text, entities=[e for e, _ in speakers], quotes=quotes)


def test_full_names_merge_across_articles_whatever_the_case_and_spacing() -> None:
    a = analysis_with((person("e1", "Jane Doe"), 2), (person("e2", "Omar Reyes"), 1))
    b = analysis_with((person("e7", "jane  doe"), 1))
    speakers = merge_speakers([a, None, b])
    doe = speakers[0]
    assert (doe.name, doe.label, len(doe.quotes), doe.articles) == ("Jane Doe", "PERSON", 3, (0, 2))
    assert doe.members == ((0, "e1"), (2, "e7"))
    assert [(i, [q.id for q in qs]) for i, qs in doe.by_article()] == [(0, ["q0", "q10"]), (2, ["q0"])]
    assert [s.name for s in speakers] == ["Jane Doe", "Omar Reyes"]


def test_a_surname_joins_the_only_full_name_that_ends_with_it() -> None:
    a = analysis_with((person("e1", "Keir Starmer"), 1))
    b = analysis_with((person("e1", "Starmer"), 2))
    [starmer] = merge_speakers([a, b])
    assert (starmer.name, len(starmer.quotes), starmer.articles) == ("Keir Starmer", 3, (0, 1))
    # Order does not matter: the surname-only article may come first.
    [starmer] = merge_speakers([b, a])
    assert starmer.name == "Keir Starmer" and starmer.articles == (0, 1)


def test_an_ambiguous_surname_stays_a_speaker_of_its_own() -> None:
    a = analysis_with((person("e1", "Jane Doe"), 1), (person("e2", "John Doe"), 1))
    b = analysis_with((person("e1", "Doe"), 1))
    names = sorted(s.name for s in merge_speakers([a, b]))
    assert names == ["Doe", "Jane Doe", "John Doe"]
    # Without any full name, two one-word names that agree are still one speaker.
    c = analysis_with((person("e1", "Doe"), 1))
    [doe] = merge_speakers([b, c])
    assert (doe.name, doe.articles) == ("Doe", (0, 1))


def test_first_names_and_other_people_do_not_merge() -> None:
    a = analysis_with((person("e1", "Jane Doe"), 1))
    b = analysis_with((person("e1", "Jane"), 1), (person("e2", "Jane Roe"), 1))
    assert sorted(s.name for s in merge_speakers([a, b])) == ["Jane", "Jane Doe", "Jane Roe"]


def test_unnamed_sources_never_merge_and_come_last() -> None:
    official = Entity(id="u1", name="a senior official", label="UNNAMED", mentions=((0, 1),))
    a = analysis_with((official, 3))
    b = analysis_with((official, 2), (person("e1", "Jane Doe"), 1))
    speakers = merge_speakers([a, b])
    assert [(s.name, len(s.quotes), s.articles) for s in speakers] == [
        ("Jane Doe", 1, (1,)),
        ("a senior official", 3, (0,)),
        ("a senior official", 2, (1,)),
    ]
    assert all(s.is_unnamed for s in speakers[1:])


def test_organisations_merge_only_with_the_same_label_and_name() -> None:
    council = Entity(id="o1", name="Harbor Town Council", label="ORG", mentions=((0, 1),))
    place = Entity(id="g1", name="Harbor Town Council", label="GPE", mentions=((0, 1),))
    a = analysis_with((council, 1))
    b = analysis_with((council, 2))
    c = analysis_with((place, 1))
    speakers = merge_speakers([a, b, c])
    assert [(s.label, len(s.quotes), s.articles) for s in speakers] == [("ORG", 3, (0, 1)), ("GPE", 1, (2,))]


def test_most_quoted_first_then_most_articles_then_name() -> None:
    a = analysis_with((person("e1", "Zoe Zed"), 2), (person("e2", "Al Able"), 1), (person("e3", "Bo Bee"), 1))
    b = analysis_with((person("e1", "Bo Bee"), 1))
    assert [s.name for s in merge_speakers([a, b])] == ["Bo Bee", "Zoe Zed", "Al Able"]
    assert merge_speakers([]) == [] and merge_speakers([None]) == []


def test_name_key_evens_out_what_does_not_tell_names_apart() -> None:
    assert name_key("J.R.  O’Neil") == name_key("j r o'neil") == "j r o'neil"
    assert name_key("ＪＡＮＥ Doe") == "jane doe"


# ================================================================ the shelf (no terminal)


def article(name: str, text: str = "Some text.\n") -> Article:
    return Article(source=name, title=name.upper(), text=text)


def recording_analyser(log: list[str], chunks: int = 1, on_chunk=None):
    """Yields ``chunks`` analyses per text (the last complete), logging source:chunk."""

    def analyse(text: str, *, source: str, title: str | None, model: str | None):
        for n in range(1, chunks + 1):
            log.append(f"{source}:{n}")
            if on_chunk is not None:
                on_chunk(source, n)
            yield make_analysis(text=text, entities=(), quotes=(), progress=n / chunks, source=source)

    return analyse


def test_entries_from_lists_articles_feed_items_and_failures() -> None:
    from newsread.sources import Feed, FeedItem

    item = FeedItem(
        title="One", link="http://x/1", date="2024-01-02", summary="", content=None, feed_title="Feed"
    )
    items = [
        article("a.txt"),
        Feed(source="f.xml", title="Feed", items=(item,)),
        Feed(source="e.xml", title=None),
    ]
    entries = entries_from(items, [SourceError("gone.txt", "no such file")])
    assert [(e.source, e.state, e.failure) for e in entries] == [
        ("a.txt", "waiting", None),
        ("http://x/1", "unfetched", None),
        ("e.xml", "failed", "the feed has no items"),
        ("gone.txt", "failed", "no such file"),
    ]
    assert [e.index for e in entries] == [0, 1, 2, 3]
    assert (entries[1].title, entries[1].site, entries[1].date) == ("One", "Feed", "2024-01-02")


def test_the_opened_article_is_analysed_first_most_recent_first() -> None:
    log: list[str] = []
    shelf = Shelf(
        entries_from([article("a"), article("b"), article("c"), article("d")]),
        analyser=recording_analyser(log),
    )
    shelf.open(1)
    shelf.open(3)
    shelf.work(lambda: False, lambda i: None)
    assert log == ["d:1", "b:1", "a:1", "c:1"]
    assert all(e.state == "done" and e.analysis.complete for e in shelf.entries)
    assert shelf.counts() == (4, 0, 4)


def test_opening_another_article_interrupts_the_current_one_without_losing_it() -> None:
    log: list[str] = []
    shelf: Shelf

    def on_chunk(source: str, n: int) -> None:
        if (source, n) == ("a", 1):
            shelf.open(2)  # the reader opens c while a is half done

    shelf = Shelf(
        entries_from([article("a"), article("b"), article("c")]),
        analyser=recording_analyser(log, chunks=3, on_chunk=on_chunk),
    )
    shelf.work(lambda: False, lambda i: None)
    assert log == ["a:1", "c:1", "c:2", "c:3", "a:2", "a:3", "b:1", "b:2", "b:3"]
    assert all(e.state == "done" for e in shelf.entries)


def test_failures_stay_in_their_row() -> None:
    from newsread.sources import Feed, FeedItem

    def analyse(text: str, *, source: str, title: str | None, model: str | None):
        if source == "bad":
            raise ValueError("parser exploded\nsecond line")
        yield make_analysis(text=text, entities=(), quotes=(), source=source)

    def fetch(item: FeedItem) -> Article:
        raise SourceError(item.link, "HTTP 404 Not Found")

    item = FeedItem(title="Gone", link="http://x/gone", date=None, summary="", content=None)
    shelf = Shelf(
        entries_from([article("bad"), Feed(source="f", title="F", items=(item,)), article("good")]),
        analyser=analyse,
        fetch=fetch,
    )
    changed: list[int] = []
    shelf.work(lambda: False, changed.append)
    states = [(e.source, e.state, e.failure) for e in shelf.entries]
    assert states == [
        ("bad", "failed", "parser exploded"),
        ("http://x/gone", "failed", "HTTP 404 Not Found"),
        ("good", "done", None),
    ]
    assert set(changed) == {0, 1, 2}
    assert shelf.counts() == (1, 2, 3)


def test_follow_yields_the_analyses_as_they_come_and_stops_with_the_work() -> None:
    gate = threading.Event()

    def analyse(text: str, *, source: str, title: str | None, model: str | None):
        yield make_analysis(text=text, entities=(), quotes=(), progress=0.5, source=source)
        gate.wait(10)
        if source == "bad":
            raise RuntimeError("no pipeline")
        yield make_analysis(text=text, entities=(), quotes=(), source=source)

    shelf = Shelf(entries_from([article("good"), article("bad")]), analyser=analyse)
    worker = threading.Thread(target=shelf.work, args=(lambda: False, lambda i: None))
    worker.start()
    try:
        follow = shelf.follow(0)
        first = next(follow)
        assert first.progress == 0.5
        gate.set()
        assert [a.progress for a in follow] == [1.0]
        with pytest.raises(AnalysisStopped, match="no pipeline"):
            list(shelf.follow(1))
    finally:
        gate.set()
        worker.join(10)
    assert not worker.is_alive()
    # Once the work is over, following returns at once.
    assert [a.progress for a in shelf.follow(0)] == [1.0]


def test_follow_returns_when_cancelled() -> None:
    shelf = Shelf(entries_from([article("a")]), analyser=recording_analyser([]))
    cancel = threading.Event()
    threading.Timer(0.2, cancel.set).start()
    assert list(shelf.follow(0, cancelled=cancel.is_set, poll=0.02)) == []  # nobody works: no analysis


def test_rows_are_text_never_markup() -> None:
    entry = Entry(
        index=0,
        source="x.html",
        title="[bold]Big[/bold] news",
        site="[red]Site[/red]",
        article=article("x.html"),
    )
    row = row_text(entry, Columns.fit(120))
    assert "[bold]Big[/bold] news" in row.plain and "[red]Site" in row.plain
    assert {str(span.style) for span in row.spans} <= {"dim", "dim italic"}


# ================================================================ the app on real files


async def test_folder_lists_every_article_and_reports_the_unreadable_file(nlp, tmp_path) -> None:
    app = folder_app(write_folder(tmp_path / "news"), nlp)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        shown = "\n".join(screen_lines(app))
        for name in ("ferry.txt", "bridge.txt", MARKET_TITLE):
            assert name in shown  # titles from strangers show literally: no markup
        notice = app.library.query_one("#notice").content.plain
        assert notice.startswith("⚠ Could not open ") and notice.endswith(
            "broken.txt: binary file, not text (PNG image)"
        )
        assert shown.startswith(" ⚠ Could not open /")
        assert "⚠ binary file, not text" in row_of(app, "broken.txt")
        await settle_library(pilot)
        assert app.shelf.counts() == (3, 0, 3)
        assert "analysed 3/3" in screen_lines(app)[-2]
        ferry = row_of(app, "ferry.txt")
        assert "  3  Jane Doe" in ferry, ferry
        assert "  2  " in row_of(app, "bridge.txt") and "Omar Reyes" in row_of(app, "bridge.txt")
        assert "Mei Tanaka" in row_of(app, "market.html")


async def test_enter_opens_the_article_and_escape_returns_to_the_list(nlp, tmp_path) -> None:
    app = folder_app(write_folder(tmp_path / "news"), nlp)
    async with app.run_test(size=SIZE) as pilot:
        await settle_library(pilot)
        await open_row(pilot, app, "bridge.txt")
        reader = app.screen
        assert isinstance(reader, ReaderScreen) and reader.source.endswith("bridge.txt")
        await settle(pilot)
        assert reader.state == "done" and len(reader.analysis.quotes) == 2
        assert "“This study is long overdue,” Doe said after the vote." in "\n".join(screen_lines(app))
        # The reader's own escape (panel -> article) still works...
        await pilot.press("tab")
        assert app.focused is reader.panel
        await pilot.press("escape")
        assert app.screen is reader and app.focused is reader.document
        # ...and escape on the article goes back to the list, where we were.
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.library
        assert app.library.articles.highlighted == index_of(app, "bridge.txt")
        assert isinstance(app.focused, ArticleList)
        await pilot.press("q")
    assert app.return_code == 0


async def test_counts_update_as_analyses_complete_and_the_opened_one_goes_first(nlp, tmp_path) -> None:
    gate = threading.Event()
    started: list[str] = []
    gated = nlp_analyser(nlp, gate)

    def analyse(text: str, *, source: str, title: str | None, model: str | None):
        started.append(source.rsplit("/", 1)[-1])
        return gated(text, source=source, title=title, model=model)

    app = folder_app(write_folder(tmp_path / "news", broken=False), nlp, analyser=analyse)
    async with app.run_test(size=SIZE) as pilot:
        try:
            await wait_for(pilot, lambda: started, what="the first analysis")
            await pilot.pause(0.1)
            assert app.shelf.counts() == (0, 0, 3)
            assert "analysed 0/3" in screen_lines(app)[-2]
            names = [e.source.rsplit("/", 1)[-1] for e in app.shelf.entries]
            assert started == names[:1]  # the work waits on the first row
            assert all(w in row_of(app, names[2]) for w in ("waiting",))
            await open_row(pilot, app, names[2])  # the last row jumps the queue
            assert isinstance(app.screen, ReaderScreen)
            gate.set()
            await settle(pilot)
            assert app.screen.state == "done" and app.screen.analysis.quotes
            await pilot.press("escape")
            await settle_library(pilot)
        finally:
            gate.set()
        assert started == [names[0], names[2], names[1]]
        assert "  3  Jane Doe" in row_of(app, "ferry.txt")
        assert "  2  " in row_of(app, "bridge.txt")
        assert "analysed 3/3" in screen_lines(app)[-2]


async def test_a_cached_article_shows_its_counts_at_once(nlp, tmp_path) -> None:
    folder = write_folder(tmp_path / "news", broken=False)
    cache = AnalysisCache(directory=tmp_path / "cache")
    warm = CachedAnalyser(cache, analyser=nlp_analyser(nlp))
    for _ in warm(FERRY, source=str(folder / "ferry.txt"), title=None):
        pass
    assert cache.entries(), "the ferry analysis was not cached"
    gate = threading.Event()  # nothing else gets analysed until the test says so
    app = folder_app(folder, nlp, analyser=CachedAnalyser(cache, analyser=nlp_analyser(nlp, gate)))
    async with app.run_test(size=SIZE) as pilot:
        try:
            ferry = index_of(app, "ferry.txt")
            await wait_for(pilot, lambda: app.shelf.entries[ferry].state == "done", what="the cached ferry")
            await pilot.pause()
            assert "  3  Jane Doe" in row_of(app, "ferry.txt")
            assert app.shelf.counts()[0] == 1 and "analysed 1/3" in screen_lines(app)[-2]
            gate.set()
            await settle_library(pilot)
        finally:
            gate.set()
        assert app.shelf.counts() == (3, 0, 3)
    assert len(cache.entries()) == 3  # the others were cached as they completed


async def test_speakers_view_merges_jane_doe_and_enter_jumps_to_her_quote(nlp, tmp_path) -> None:
    app = folder_app(write_folder(tmp_path / "news"), nlp)
    async with app.run_test(size=SIZE) as pilot:
        await settle_library(pilot)
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SpeakersScreen)
        doe = next(s for s in screen.speakers if s.name == "Jane Doe")
        assert (len(doe.quotes), len(doe.articles)) == (3, 2)
        assert screen.speakers[0] is doe  # the most quoted
        shown = "\n".join(screen_lines(app))
        assert "Jane Doe  3 quotes in 2 articles" in shown
        assert "Speakers across 3 articles" in shown
        # Walk down to Doe's quote in the bridge article, with the keyboard.
        tree = screen.query_one(SpeakerTree)
        bridge = index_of(app, "bridge.txt")
        for _ in range(20):
            row = tree.cursor_node.data
            if row.kind == "quote" and row.article == bridge:
                break
            await pilot.press("j")
        assert "Jane Doe in bridge.txt" in screen_lines(app)[-2]
        await pilot.press("enter")
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, ReaderScreen) and reader.source.endswith("bridge.txt")
        await settle(pilot)
        await pilot.pause()
        current = reader.navigator.quotes[reader.cursor.quote]
        assert current.text == "This study is long overdue,"
        assert reader.position_text().plain == "quote 1/2 — Doe"
        # Escape goes back to the speakers, then to the list.
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.library


async def test_speakers_view_fills_in_while_the_analysis_runs(nlp, tmp_path) -> None:
    gate = threading.Event()
    app = folder_app(write_folder(tmp_path / "news", broken=False), nlp, analyser=nlp_analyser(nlp, gate))
    async with app.run_test(size=SIZE) as pilot:
        try:
            await pilot.press("s")
            await pilot.pause()
            assert "Nobody quoted yet" in "\n".join(screen_lines(app))
            gate.set()
            await settle_library(pilot)
            await pilot.pause()
        finally:
            gate.set()
        assert "Jane Doe  3 quotes in 2 articles" in "\n".join(screen_lines(app))
        assert "analysed 3/3" in screen_lines(app)[-2]


# ================================================================ feeds and failing sources over HTTP


@pytest.fixture(scope="module")
def server():
    srv = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    srv.start()
    yield srv
    srv.clear()
    srv.stop()


@pytest.fixture
def web(server):
    server.clear()
    yield server
    server.clear()


FERRY_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>Harbor Town keeps its night ferry</title></head>
<body><nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<article><h1>Harbor Town keeps its night ferry</h1>
<p>Harbor Town will keep its night ferry after all, the council decided on Tuesday after a long
debate about the budget for the coming winter.</p>
<p>“We found the money,” Mayor Jane Doe told reporters. “The boats will run until midnight.”</p>
<p>Harbor pilot Ana Lind welcomed the news. “Night crossings keep this island alive,” Lind said.</p>
</article><footer>Harbor Weekly, all rights reserved</footer></body></html>
"""


def feed_xml(web: HTTPServer) -> str:
    bridge_html = "".join(f"<p>{line}</p>" for line in BRIDGE.splitlines())
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Harbor Weekly</title><link>{web.url_for("/")}</link>
<item><title>Harbor Town keeps its night ferry</title><link>{web.url_for("/news/ferry")}</link>
  <pubDate>Tue, 12 Mar 2024 09:00:00 GMT</pubDate><description>The ferry stays.</description></item>
<item><title>Bridge study approved</title><link>{web.url_for("/news/bridge")}</link>
  <pubDate>Fri, 15 Mar 2024 09:00:00 GMT</pubDate>
  <content:encoded><![CDATA[{bridge_html}]]></content:encoded></item>
<item><title>A story that is gone</title><link>{web.url_for("/news/gone")}</link>
  <pubDate>Sat, 16 Mar 2024 09:00:00 GMT</pubDate></item>
</channel></rss>
"""


def serve_feed(web: HTTPServer) -> str:
    web.expect_request("/feed.xml").respond_with_data(feed_xml(web), content_type="application/rss+xml")
    web.expect_request("/news/ferry").respond_with_data(FERRY_PAGE, content_type="text/html; charset=utf-8")
    web.expect_request("/news/gone").respond_with_data("gone", status=404)
    return web.url_for("/feed.xml")


def requested(web: HTTPServer) -> list[str]:
    return [request.path for request, _ in web.log]


async def test_feed_items_are_fetched_lazily_and_a_dead_link_fails_in_its_row(nlp, web) -> None:
    items, errors = load_many([serve_feed(web)])
    assert errors == [] and requested(web) == ["/feed.xml"]  # the items are not fetched yet
    app = LibraryApp(items, errors, analyser=nlp_analyser(nlp))
    assert [e.state for e in app.shelf.entries] == ["unfetched"] * 3
    async with app.run_test(size=SIZE) as pilot:
        await settle_library(pilot)
        assert "Library · Harbor Weekly" in screen_lines(app)[0]
        assert "HTTP 404 Not Found" in row_of(app, "/news/gone")
        assert "  3  Jane Doe" in row_of(app, "/news/ferry")
        assert "Omar Reyes" in row_of(app, "/news/bridge")
        assert "analysed 2/3 · 1 failed" in screen_lines(app)[-2]
        # The bridge item carried its text: its link was never fetched.
        assert "/news/bridge" not in requested(web)
        await open_row(pilot, app, "/news/gone")
        assert app.screen is app.library  # nothing to open; the reason shows below
        assert "could not open: " in screen_lines(app)[-2] and "HTTP 404 Not Found" in screen_lines(app)[-2]
        await open_row(pilot, app, "/news/ferry")
        assert isinstance(app.screen, ReaderScreen)
        assert "“We found the money,” Mayor Jane Doe told reporters." in "\n".join(screen_lines(app))


async def test_opening_an_unfetched_item_fetches_it_while_the_work_is_elsewhere(nlp, web) -> None:
    items, errors = load_many([serve_feed(web)])
    gate = threading.Event()  # the background work stays on the first item
    app = LibraryApp(items, errors, analyser=nlp_analyser(nlp, gate))
    async with app.run_test(size=SIZE) as pilot:
        try:
            await pilot.pause(0.3)
            bridge, gone = index_of(app, "/news/bridge"), index_of(app, "/news/gone")
            assert app.shelf.entries[bridge].state == "unfetched"
            assert "not fetched yet" in row_of(app, "/news/bridge")
            await open_row(pilot, app, "/news/gone")
            await wait_for(pilot, lambda: app.shelf.entries[gone].final, what="the 404")
            await pilot.pause()
            assert app.screen is app.library and "HTTP 404 Not Found" in row_of(app, "/news/gone")
            await open_row(pilot, app, "/news/bridge")
            await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen), what="the reader")
            assert app.screen.source.endswith("/news/bridge")
            gate.set()
            await settle(pilot)
            assert app.screen.state == "done" and len(app.screen.analysis.quotes) == 2
        finally:
            gate.set()


async def test_failing_sources_are_reported_and_the_others_open(nlp, web, tmp_path) -> None:
    web.expect_request("/dead").respond_with_data("nope", status=404)
    malformed = (Path(__file__).parent / "fixtures" / "sources" / "feed_malformed.xml").read_bytes()
    web.expect_request("/bad-feed.xml").respond_with_data(malformed, content_type="application/rss+xml")
    folder = write_folder(tmp_path / "news", broken=False)
    sources = [str(folder), str(tmp_path / "missing.txt"), web.url_for("/dead"), web.url_for("/bad-feed.xml")]
    items, errors = load_many(sources)
    assert len(errors) == 3
    app = LibraryApp(items, errors, analyser=nlp_analyser(nlp))
    async with app.run_test(size=SIZE) as pilot:
        await settle_library(pilot)
        shown = "\n".join(screen_lines(app))
        assert "Could not open 3 sources" in shown
        assert "no such file" in row_of(app, "missing.txt")
        assert "HTTP 404 Not Found" in row_of(app, "/dead")
        assert "malformed feed" in row_of(app, "/bad-feed.xml")
        assert app.shelf.counts() == (3, 0, 3)
        await open_row(pilot, app, "/dead")
        assert app.screen is app.library
        await open_row(pilot, app, "ferry.txt")
        assert isinstance(app.screen, ReaderScreen) and app.screen.source.endswith("ferry.txt")


def test_a_feed_lists_its_newest_items_in_feed_order() -> None:
    from newsread.app.shelf import newest_items
    from newsread.sources import Feed, FeedItem

    def item(n: int, date: str | None) -> FeedItem:
        return FeedItem(title=f"n{n}", link=f"http://x/{n}", date=date, summary="", content=None)

    # Oldest first, two of a day, one undated: the newest by date, ties by place in the feed.
    feed = Feed(source="f.xml", title="F", items=(
        item(0, "2024-01-01"), item(1, None), item(2, "2024-01-03"), item(3, "2024-01-02"),
        item(4, "2024-01-03"), item(5, "2024-01-02"),
    ))
    assert [i.title for i in newest_items(feed.items, 3)] == ["n2", "n3", "n4"]
    assert [i.title for i in newest_items(feed.items, 5)] == ["n0", "n2", "n3", "n4", "n5"]
    assert newest_items(feed.items, 6) == feed.items
    assert [e.title for e in entries_from([feed], most=2)] == ["n2", "n4"]


def long_feed(web: HTTPServer, count: int) -> str:
    """``count`` items, oldest first (item n is dated n days after 2019-01-01), linking to
    pages on ``web``."""
    import datetime as dt

    start = dt.date(2019, 1, 1)
    items = "".join(
        f"<item><title>Harbor note {n}</title><link>{web.url_for(f'/news/{n}')}</link>"
        f"<pubDate>{(start + dt.timedelta(days=n)).strftime('%a, %d %b %Y')} 09:00:00 GMT</pubDate></item>\n"
        for n in range(count)
    )
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Harbor Notes</title>'
            f"<link>{web.url_for('/')}</link>\n{items}</channel></rss>\n")


def note_page(request):
    from werkzeug import Response

    n = request.path.rsplit("/", 1)[1]
    return Response(
        f"<!doctype html><html><head><title>Harbor note {n}</title></head><body><article>"
        f"<h1>Harbor note {n}</h1><p>The harbour office published note {n} on Monday, about the tides"
        " and the ferry timetable for the coming week.</p>"
        f"<p>“The boats run on time,” harbour master Ana Lind said of note {n}.</p></article></body></html>",
        content_type="text/html; charset=utf-8",
    )


async def test_a_long_feed_contributes_only_its_newest_items_to_the_work(nlp, web) -> None:
    import re

    from newsread.app.shelf import FEED_ITEMS

    web.expect_request("/feed.xml").respond_with_data(long_feed(web, 2000), content_type="application/rss+xml")
    web.expect_request(re.compile(r"^/news/\d+$")).respond_with_handler(note_page)
    items, errors = load_many([web.url_for("/feed.xml")])
    assert errors == [] and len(items[0].items) == 2000
    app = LibraryApp(items, errors, analyser=nlp_analyser(nlp))
    newest = [f"Harbor note {n}" for n in range(2000 - FEED_ITEMS, 2000)]
    assert FEED_ITEMS == 50 and [e.title for e in app.shelf.entries] == newest
    async with app.run_test(size=SIZE) as pilot:
        await settle_library(pilot, timeout=120)
        shown = screen_lines(app)
        assert any("Harbor Notes: the newest 50 of its 2,000 items are listed" in line for line in shown), shown
        assert "analysed 50/50" in shown[-2]
    # Only the newest were fetched (and analysed); the other 1,950 links were never asked for.
    fetched = sorted(int(path.rsplit("/", 1)[1]) for path in requested(web) if path.startswith("/news/"))
    assert fetched == list(range(1950, 2000))
    assert all(e.state == "done" and len(e.analysis.quotes) == 1 for e in app.shelf.entries)


# ================================================================ keys, help, the command line


def test_help_lists_every_library_key() -> None:
    from newsread.app.speakers import SpeakersScreen as Speakers

    text = help_text()
    for bindings in (LibraryScreen.BINDINGS, ArticleList.BINDINGS, Speakers.BINDINGS, SpeakerTree.BINDINGS):
        for binding in bindings:
            for key in binding.key.split(","):
                shown = {"question_mark": "?", "f1": "F1"}.get(key, key)
                assert shown in text, f"{key} missing from help"
    assert "speakers across the articles" in text and "back to the library" in text


async def test_help_opens_over_the_library_and_q_quits(nlp, tmp_path) -> None:
    from newsread.app.help import HelpScreen

    app = folder_app(write_folder(tmp_path / "news", broken=False), nlp)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.library
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


@pytest.fixture
def launched(monkeypatch):
    """What the CLI would run: ("library", entries) or ("reader", source)."""
    import newsread.app
    import newsread.app.library

    runs: list[tuple] = []
    monkeypatch.setattr(
        newsread.app.library,
        "run_library",
        lambda items, errors, **kw: runs.append(("library", len(items), len(errors))),
    )
    monkeypatch.setattr(
        newsread.app, "run_app", lambda text, *, source, **kw: runs.append(("reader", source))
    )
    return runs


def test_cli_opens_the_library_for_folders_feeds_and_several_sources(tmp_path, launched) -> None:
    from newsread.cli import main

    folder = write_folder(tmp_path / "news")
    assert main([str(folder / "ferry.txt")]) == 0
    assert main([str(folder)]) == 0
    assert main([str(folder / "ferry.txt"), str(folder / "bridge.txt")]) == 0
    assert main([str(folder / "ferry.txt"), str(tmp_path / "missing.txt")]) == 0
    feed = tmp_path / "feed.xml"
    feed.write_text(
        '<rss version="2.0"><channel><title>F</title><item><title>One</title>'
        "<description>Some text.</description></item></channel></rss>",
        encoding="utf-8",
    )
    assert main([str(feed)]) == 0
    assert launched == [
        ("reader", str(folder / "ferry.txt")),
        ("library", 3, 1),
        ("library", 2, 0),
        ("library", 1, 1),
        ("library", 1, 0),
    ]


def test_cli_exits_non_zero_only_when_nothing_opened(tmp_path, launched, capsys) -> None:
    from newsread.cli import EXIT_NOTHING_OPENED, main

    empty = tmp_path / "empty.xml"
    empty.write_text('<rss version="2.0"><channel><title>F</title></channel></rss>', encoding="utf-8")
    assert main([str(tmp_path / "missing.txt"), str(empty)]) == EXIT_NOTHING_OPENED
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"newsread: {tmp_path / 'missing.txt'}: no such file",
        f"newsread: {empty}: the feed has no items",
    ]
    assert launched == []


# ================================================================ snapshot


def _hand_made(
    text: str, people: list[tuple[str, str, list[str]]], quotes: list[tuple[str, str]], source: str
) -> Analysis:
    """An analysis of ``text``: people (id, name, mentions) and quotes (needle, speaker id)."""
    entities = {pid: entity(pid, name, "PERSON", *needles, text=text) for pid, name, needles in people}
    made = [
        quote(f"q{i}", needle, "direct", entities[pid], text=text) for i, (needle, pid) in enumerate(quotes)
    ]
    return make_analysis(text=text, entities=entities.values(), quotes=made, source=source)


SNAP_ANALYSES = {
    FERRY: _hand_made(
        FERRY,
        [("p1", "Jane Doe", ["Jane Doe"]), ("p2", "Ana Lind", ["Ana Lind", ("Lind", 1)])],
        [
            ("We found the money,", "p1"),
            ("The boats will run until midnight.", "p1"),
            ("Night crossings keep this island alive,", "p2"),
        ],
        "articles/ferry.txt",
    ),
    BRIDGE: _hand_made(
        BRIDGE,
        [("p1", "Doe", ["Doe"]), ("p2", "Omar Reyes", ["Omar Reyes", ("Reyes", 1)])],
        [("This study is long overdue,", "p1"), ("We cannot afford a bridge and a ferry,", "p2")],
        "articles/bridge.txt",
    ),
}


def snapshot_app() -> LibraryApp:
    def analyse(text: str, *, source: str, title: str | None, model: str | None):
        yield SNAP_ANALYSES[text]

    items = [
        Article(
            source="articles/ferry.txt",
            title="Harbor Town keeps its night ferry",
            text=FERRY,
            site="Harbor Weekly",
            date="2024-03-12",
        ),
        Article(
            source="articles/bridge.txt",
            title=MARKET_TITLE.replace("Night", "Bridge"),
            text=BRIDGE,
            site="Harbor Weekly",
            date="2024-03-15",
        ),
    ]
    errors = [
        SourceError("articles/broken.txt", "binary file, not text (PNG image)"),
        SourceError("https://news.invalid/gone", "HTTP 404 Not Found"),
    ]
    return LibraryApp(items, errors, analyser=analyse)


async def _settled(pilot) -> None:
    await settle_library(pilot, timeout=10)
    await pilot.pause()


def test_library_snapshot(snap_compare) -> None:
    assert snap_compare(snapshot_app(), terminal_size=(110, 16), run_before=_settled)


def test_speakers_snapshot(snap_compare) -> None:
    assert snap_compare(snapshot_app(), press=["s", "j", "j"], terminal_size=(110, 20), run_before=_settled)
