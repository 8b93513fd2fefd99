"""The app on the real seed article with the real analysis (spaCy, in the worker).

The pipeline is loaded once per process (``load_pipeline`` caches it), so
only the first test here pays for it.  Expected values come from the gold
file where the article is unambiguous, otherwise from ``app.analysis``.
"""

from __future__ import annotations

import threading
import time

import pytest
from test_app_support import SEED, settle, style_of, visible_lines

from newsread.app import NewsreadApp

SIZE = (120, 40)

pytest.importorskip("spacy")


def seed_app() -> NewsreadApp:
    text = SEED.read_text(encoding="utf-8")
    return NewsreadApp(text, source="seeds/security-guarantee.txt", title=None, model=None)


def status(app) -> str:
    return app.reader.query_one("#position").render_line(0).text.strip()


def state_line(app) -> str:
    return app.reader.query_one("#state").render_line(0).text.strip()


async def test_real_analysis_fills_in_the_seed_article() -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        # The text is there before the analysis is.
        await pilot.pause()
        assert visible_lines(app.reader.document)[0].startswith("A “security guarantee” from the United States")
        await settle(pilot, timeout=120)
        analysis = app.analysis
        assert app.reader.state == "done", app.reader.failure
        assert analysis.complete and analysis.progress == 1.0
        assert analysis.text == SEED.read_text(encoding="utf-8")
        assert len(analysis.quotes) >= 10 and len(analysis.entities) >= 10
        assert state_line(app) == (
            f"security-guarantee.txt │ {len(analysis.entities)} entities · {len(analysis.quotes)} quotes"
        )
        assert app.reader.query_one("#progress").display is False
        names = {e.name for e in analysis.entities}
        assert {"Keir Starmer", "Volodymyr Zelensky", "Olaf Scholz", "Keith Kellogg"} <= names


async def test_real_third_quote_is_starmers_backstop_and_panel_selects_him() -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, timeout=120)
        nav = app.reader.navigator
        await pilot.press("]", "]", "]")
        await pilot.pause()
        assert app.reader.cursor.quote == 2
        current = nav.quotes[2]
        # The gold file: the third quotation is Starmer's "But there must be a US backstop …".
        assert current.text.startswith("But there must be a US backstop")
        speaker = app.analysis.entity(current.speaker)
        assert speaker is not None and speaker.name == "Keir Starmer"
        assert status(app) == f"quote 3/{len(nav.quotes)} — Keir Starmer"

        doc = app.reader.document
        style = style_of(doc, "But there must be")
        assert style.underline
        assert style.bgcolor == doc.get_component_rich_style("document--quote", "document--quote-current").bgcolor

        panel = app.reader.panel
        assert panel.cursor_node.data.key == ("quote", current.id)
        assert panel.cursor_node.parent.data.key == ("speaker", speaker.id)
        assert panel.selected_speaker == speaker.id


async def test_real_keys_walk_mentions_and_panel_jumps() -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, timeout=120)
        nav, analysis = app.reader.navigator, app.analysis
        text = analysis.text

        await pilot.press("n")
        first = nav.mentions.spans[0]
        assert app.reader.cursor.offset == first[0]
        entity = analysis.entity(nav.mentions.entity_ids[0])
        i, n = nav.mention_position(app.reader.cursor)
        assert status(app).startswith(f"{entity.name} · ")
        assert status(app).endswith(f"mention {i}/{n}")
        assert style_of(app.reader.document, text[first[0] : first[1]]).reverse

        # e walks every mention of Starmer and wraps back to the first.
        starmer = next(e for e in analysis.entities if e.name == "Keir Starmer")
        await pilot.press("tab")
        node = app.reader.panel.node_for("speaker", starmer.id)
        assert node is not None
        app.reader.panel.move_cursor(node)
        await pilot.press("enter")  # a speaker: their first quote
        assert app.focused is app.reader.document
        assert app.reader.cursor.speaker == starmer.id
        assert nav.quotes[app.reader.cursor.quote] == min(analysis.quotes_by(starmer.id), key=lambda q: q.start)
        mentions = sorted(starmer.mentions)
        seen = []
        for _ in range(len(mentions)):
            await pilot.press("e")
            seen.append(app.reader.cursor.offset)
            i, n = nav.mention_position(app.reader.cursor)
            assert status(app) == f"Keir Starmer · Person · mention {i}/{n}"
        assert sorted(seen) == [s for s, _ in mentions]
        await pilot.press("E")
        assert app.reader.cursor.offset == seen[-2]


async def test_quitting_during_the_analysis_stops_it_after_the_current_chunk() -> None:
    from newsread.analysis import analyse_progressively

    produced: list[float] = []
    closed = threading.Event()

    def analyse(text, *, source, title, model):
        try:
            for analysis in analyse_progressively(text, source=source, title=title, model=model):
                produced.append(time.perf_counter())
                yield analysis
        finally:
            closed.set()

    # A long text (several chunks), so the worker is mid-analysis when q comes.
    text = SEED.read_text(encoding="utf-8") * 60
    app = NewsreadApp(text, source="big.txt", analyser=analyse)
    async with app.run_test(size=SIZE) as pilot:
        while app.reader.navigator is None and app.reader.state == "analysing":
            await pilot.pause(0.05)
        assert app.reader.state == "analysing"
        assert 0 < app.analysis.progress < 1
        quit_at = time.perf_counter()
        await pilot.press("q")
    assert app.return_code == 0
    assert closed.wait(30), "the analysis kept running after the app quit"
    assert len([t for t in produced if t > quit_at]) <= 1
