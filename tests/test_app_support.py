"""A hand-made article and analysis for the UI tests, and helpers to read the screen.

The analysis is plain data written by hand (offsets found with ``str.index``),
so the UI tests pin exact positions without depending on the NLP.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from rich.style import Style

from newsread.analysis.model import Analysis, Entity, Quote

ARTICLE = (
    "Officials in Kyiv met on Monday.\n"
    "“We will not give up,” said Olena Petrenko, the mayor of Lviv.\n"
    "The Red Cross said it was sending aid. Petrenko added: “Help is coming.”\n"
    "According to a source, the talks in Geneva were “difficult”.\n"
    "John Smith of the United Nations said the ceasefire would hold.\n"
    "“It is a fragile moment,” Smith said, “but a real one.”\n"
    "Someone shouted “Go home!” from the crowd.\n"
)


def span(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the ``nth`` occurrence of ``needle`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def entity(id: str, name: str, label: str, *needles: str | tuple[str, int], text: str = ARTICLE) -> Entity:
    spans = []
    for needle in needles:
        word, nth = needle if isinstance(needle, tuple) else (needle, 0)
        spans.append(span(text, word, nth))
    return Entity(id=id, name=name, label=label, mentions=tuple(sorted(spans)))


def quote(
    id: str,
    needle: str,
    kind: str,
    speaker: Entity | None,
    *,
    said_by: tuple[str, int] | None = None,
    cue: tuple[str, int] | None = None,
    text: str = ARTICLE,
) -> Quote:
    """A quote of ``needle``; ``said_by``/``cue`` are (needle, nth) of the attribution."""
    start, end = span(text, needle)
    return Quote(
        id=id,
        start=start,
        end=end,
        text=needle,
        kind=kind,  # type: ignore[arg-type]
        speaker=speaker.id if speaker else None,
        speaker_name=speaker.name if speaker else None,
        speaker_span=span(text, *said_by) if said_by else None,
        cue_span=span(text, *cue) if cue else None,
    )


PETRENKO = entity("e1", "Olena Petrenko", "PERSON", "Olena Petrenko", ("Petrenko", 1))
SMITH = entity("e2", "John Smith", "PERSON", "John Smith", ("Smith", 1))
KYIV = entity("e3", "Kyiv", "GPE", "Kyiv")
LVIV = entity("e4", "Lviv", "GPE", "Lviv")
GENEVA = entity("e5", "Geneva", "GPE", "Geneva")
RED_CROSS = entity("e6", "Red Cross", "ORG", "Red Cross")
UN = entity("e7", "United Nations", "ORG", "United Nations")
SOURCE = entity("e8", "a source", "UNNAMED", "a source")
ENTITIES = (PETRENKO, SMITH, KYIV, LVIV, GENEVA, RED_CROSS, UN, SOURCE)
ENTITY_BY_ID = {e.id: e for e in ENTITIES}

QUOTES = (
    quote("q1", "We will not give up,", "direct", PETRENKO, said_by=("Olena Petrenko", 0), cue=("said", 0)),
    quote("q2", "it was sending aid", "indirect", RED_CROSS, said_by=("Red Cross", 0), cue=("said", 1)),
    quote("q3", "Help is coming.", "direct", PETRENKO, said_by=("Petrenko", 1), cue=("added", 0)),
    quote("q4", "difficult", "partial", SOURCE, said_by=("a source", 0), cue=("According to", 0)),
    quote("q5", "the ceasefire would hold", "indirect", SMITH, said_by=("John Smith", 0), cue=("said", 2)),
    quote("q6", "It is a fragile moment,", "direct", SMITH, said_by=("Smith", 1), cue=("said", 3)),
    quote("q7", "but a real one.", "direct", SMITH, said_by=("Smith", 1), cue=("said", 3)),
    quote("q8", "Go home!", "direct", None),
)


def make_analysis(
    text: str = ARTICLE,
    entities: Iterable[Entity] = ENTITIES,
    quotes: Iterable[Quote] = QUOTES,
    progress: float = 1.0,
    source: str = "sample.txt",
) -> Analysis:
    return Analysis(
        source=source,
        title=None,
        text=text,
        text_sha256=hashlib.sha256(text.encode()).hexdigest(),
        model="hand-made",
        entities=tuple(entities),
        quotes=tuple(quotes),
        progress=progress,
    )


SEED = Path(__file__).resolve().parents[1] / "seeds" / "security-guarantee.txt"
GOLD = Path(__file__).resolve().parent / "gold-security-guarantee.json"

#: A few non-person entities for the gold-based analysis: (name, label, ways of naming it).
GOLD_OTHERS = [
    ("United States", "GPE", ["United States", "US"]),
    ("Ukraine", "GPE", ["Ukraine"]),
    ("Russia", "GPE", ["Russia"]),
    ("Paris", "GPE", ["Paris"]),
    ("Saudi Arabia", "GPE", ["Saudi Arabia"]),
    ("NATO", "ORG", ["NATO"]),
    ("European Union", "ORG", ["European Union"]),
    ("Kremlin", "ORG", ["Kremlin"]),
    ("European", "NORP", ["European"]),
    ("Ukrainian", "NORP", ["Ukrainian"]),
    ("Elysee Palace", "FAC", ["Elysee Palace"]),
]


def gold_analysis() -> Analysis:
    """The seed article analysed by hand: the gold quotes and people, plus a few places.

    Realistic, yet independent of the NLP, so screenshots of it stay put
    while the pipeline improves.
    """
    text = SEED.read_text(encoding="utf-8")
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    taken: list[tuple[int, int]] = []
    entities: list[Entity] = []
    by_name: dict[str, Entity] = {}
    named = [(name, "PERSON", ways) for name, ways in gold["people"].items()] + GOLD_OTHERS
    for i, (name, label, ways) in enumerate(named):
        spans = []
        for way in sorted(ways, key=len, reverse=True):
            for match in re.finditer(rf"(?<!\w){re.escape(way)}(?!\w)", text):
                found = match.span()
                if not any(s < found[1] and found[0] < e for s, e in taken):
                    spans.append(found)
                    taken.append(found)
        if spans:
            entity_ = Entity(id=f"g{i}", name=name, label=label, mentions=tuple(sorted(spans)))
            entities.append(entity_)
            by_name[name] = entity_
    quotes = []
    for j, q in enumerate(gold["quotes"]):
        speaker = by_name.get(q.get("source_text") or "")
        sources = [tuple(s) for s in q.get("source") or []]
        said_by = min(sources, key=lambda s: min(abs(s[0] - q["end"]), abs(q["start"] - s[1]))) if sources else None
        quotes.append(
            Quote(
                id=f"q{j}",
                start=q["start"],
                end=q["end"],
                text=text[q["start"] : q["end"]],
                kind=q["kind"],
                speaker=speaker.id if speaker else None,
                speaker_name=speaker.name if speaker else None,
                speaker_span=said_by,
            )
        )
    return make_analysis(text=text, entities=entities, quotes=quotes, source="seeds/security-guarantee.txt")


def analyser_of(*analyses: Analysis):
    """An ``analyse_progressively`` stand-in yielding ``analyses`` in turn."""

    def analyse(text: str, *, source: str, title: str | None, model: str | None) -> Iterator[Analysis]:
        yield from analyses

    return analyse


def failing_analyser(error: Exception):
    def analyse(text: str, *, source: str, title: str | None, model: str | None) -> Iterator[Analysis]:
        raise error
        yield  # pragma: no cover

    return analyse


def sample_app(**kwargs):
    from newsread.app import NewsreadApp

    analyses = kwargs.pop("analyses", (make_analysis(),))
    kwargs.setdefault("analyser", analyser_of(*analyses))
    return NewsreadApp(ARTICLE, source="sample.txt", title="Talks in Geneva", **kwargs)


async def settle(pilot, timeout: float = 30.0) -> None:
    """Wait (bounded) until the analysis is done or has failed."""
    app = pilot.app
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while app.reader.state not in ("done", "failed"):
        assert loop.time() < deadline, f"analysis still {app.reader.state!r} after {timeout}s"
        await pilot.pause(0.05)
    await pilot.pause()


def visible_lines(widget) -> list[str]:
    """The rows a widget shows right now, as plain text."""
    height = widget.scrollable_content_region.height if hasattr(widget, "scrollable_content_region") else 1
    return [widget.render_line(y).text for y in range(height)]


def screen_lines(app) -> list[str]:
    """The whole screen as text, as the compositor draws it (borders and all).

    ``export_screenshot`` renders the same thing to SVG; this keeps the text.
    """
    return [strip.text for strip in app.screen._compositor.render_strips()]


def style_of(widget, fragment: str, nth: int = 0) -> Style:
    """Style of the first character of the ``nth`` on-screen occurrence of ``fragment``."""
    seen = 0
    for y in range(widget.scrollable_content_region.height):
        strip = widget.render_line(y)
        line = strip.text
        column = line.find(fragment)
        while column != -1:
            if seen == nth:
                position = 0
                for segment in strip:
                    if position + len(segment.text) > column:
                        return segment.style or Style()
                    position += len(segment.text)
            seen += 1
            column = line.find(fragment, column + 1)
    raise AssertionError(f"{fragment!r} is not on screen: {visible_lines(widget)}")


def test_gold_analysis_matches_the_seed() -> None:
    analysis = gold_analysis()
    assert len(analysis.quotes) == 15
    assert [e.name for e, _ in analysis.speakers()] == [
        "Keir Starmer",
        "Volodymyr Zelensky",
        "Keith Kellogg",
        "Olaf Scholz",
    ]
    for e in analysis.entities:
        for start, end in e.mentions:
            assert analysis.text[start:end] in e.name or e.label != "PERSON"


def test_sample_offsets_are_consistent() -> None:
    for e in ENTITIES:
        for start, end in e.mentions:
            assert ARTICLE[start:end] in e.name or e.name.endswith(ARTICLE[start:end])
    for q in QUOTES:
        assert ARTICLE[q.start : q.end] == q.text
        if q.speaker_span:
            assert q.speaker_span in ENTITY_BY_ID[q.speaker].mentions
