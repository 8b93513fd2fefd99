"""Reported speech in the reader: listed under its speaker, quieter in the text, hidden by `r`."""

from __future__ import annotations

from newsread.analysis.model import Analysis, Entity, Quote
from newsread.app import NewsreadApp

TEXT = "Mayor Jane Doe said that the bridge would reopen in May. “We are ready,” she added.\n"


def analysis() -> Analysis:
    jane = Entity(id="e1", name="Jane Doe", label="PERSON", mentions=((6, 14), (73, 76)))
    said = TEXT.index("the bridge")
    ready = TEXT.index("We are")
    quotes = (
        Quote(id="q1", start=said, end=TEXT.index(" in May") + 7, text=TEXT[said:TEXT.index(" in May") + 7],
              kind="indirect", speaker="e1", speaker_name="Jane Doe", speaker_span=(6, 14), cue_span=(15, 19)),
        Quote(id="q2", start=ready, end=ready + 13, text=TEXT[ready:ready + 13], kind="direct",
              speaker="e1", speaker_name="Jane Doe", speaker_span=(73, 76), cue_span=(77, 82)),
    )
    return Analysis(source="<test>", title=None, text=TEXT, text_sha256="x", model="m",
                    entities=(jane,), quotes=quotes)


def make_app() -> NewsreadApp:
    return NewsreadApp(TEXT, source="<test>", analyser=lambda text, **_: iter((analysis(),)))


async def wait_done(pilot, app) -> None:
    for _ in range(100):
        if app.analysis.complete and app.reader.navigator is not None:
            return
        await pilot.pause(0.02)
    raise AssertionError("analysis never arrived")


async def test_reported_speech_is_a_quote_until_r_hides_it():
    app = make_app()
    async with app.run_test(size=(100, 24)) as pilot:
        await wait_done(pilot, app)
        nav = app.reader.navigator
        assert [q.kind for q in nav.quotes] == ["indirect", "direct"]
        assert [len(qs) for _, qs in nav.speakers] == [2]
        await pilot.press("]")
        assert app.reader.cursor.quote == 0  # the reported clause is the first quote
        await pilot.press("r")
        nav = app.reader.navigator
        assert [q.kind for q in nav.quotes] == ["direct"]
        assert [len(qs) for _, qs in nav.speakers] == [1]
        assert app.analysis.quotes[0].kind == "indirect"  # the analysis itself keeps it
        await pilot.press("]")
        assert nav.quotes[app.reader.cursor.quote].text == "We are ready,"
        await pilot.press("r")
        assert [q.kind for q in app.reader.navigator.quotes] == ["indirect", "direct"]


async def test_reported_speech_has_its_own_quieter_style():
    app = make_app()
    async with app.run_test(size=(100, 24)) as pilot:
        await wait_done(pilot, app)
        doc = app.reader.document
        reported = doc.get_component_rich_style("document--reported")
        quoted = doc.get_component_rich_style("document--quote")
        assert reported != quoted
        assert not reported.italic and quoted.italic
