"""The UI's pure parts, without a terminal: wrapping, span lookups, cursor moves."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.text import Text
from test_app_support import ARTICLE, KYIV, PETRENKO, SMITH, make_analysis, span

from newsread.app.navigation import Cursor, Navigator
from newsread.app.panel import quote_label, snippet
from newsread.app.spans import SpanTable
from newsread.app.styles import LABELS, label_info, label_sort_key
from newsread.app.wrap import offset_at_cell, wrap

# -- wrapping ----------------------------------------------------------------------


def lines_of(text: str, width: int) -> list[str]:
    wrapped = wrap(text, width)
    return [text[s:e] for s, e in zip(wrapped.starts, wrapped.ends)]


def test_wrap_breaks_at_spaces_and_keeps_paragraphs() -> None:
    assert lines_of("one two three four\n\nfive", 9) == ["one two", "three", "four", "", "five"]
    assert lines_of("trailing newline\n", 40) == ["trailing newline"]
    assert lines_of("", 10) == [""]


def test_wrap_cuts_words_longer_than_the_line() -> None:
    assert lines_of("abcdefghijkl xy", 5) == ["abcde", "fghij", "kl xy"]


def test_wrap_measures_cells_not_characters() -> None:
    text = "日本語のテキスト ok 🎉🎉🎉"
    lines = lines_of(text, 6)
    assert lines == ["日本語", "のテキ", "スト", "ok", "🎉🎉🎉"]
    assert all(cell_len(line) <= 6 for line in lines)


def test_line_of_is_the_inverse_of_wrapping() -> None:
    wrapped = wrap(ARTICLE, 20)
    for line, (start, end) in enumerate(zip(wrapped.starts, wrapped.ends)):
        for offset in range(start, end):
            assert wrapped.line_of(offset) == line
    start, end = span(ARTICLE, "We will not give up,")
    assert list(wrapped.lines_of(start, end)) == [wrapped.line_of(start), wrapped.line_of(end - 1)]


def test_offset_at_cell_counts_wide_characters_twice() -> None:
    assert offset_at_cell("ab日本c", 0) == 0
    assert offset_at_cell("ab日本c", 2) == 2
    assert offset_at_cell("ab日本c", 3) == 2  # the right half of 日
    assert offset_at_cell("ab日本c", 6) == 4
    assert offset_at_cell("ab日本c", 9) == 5


words = st.text(alphabet=st.sampled_from("ab 日🎉\u0301é"), max_size=12)


@settings(max_examples=300, deadline=None)
@given(paragraphs=st.lists(words, min_size=1, max_size=6), width=st.integers(1, 12))
def test_wrap_covers_the_text_within_the_width(paragraphs: list[str], width: int) -> None:
    text = "\n".join(paragraphs)
    wrapped = wrap(text, width)
    assert wrapped.starts == sorted(set(wrapped.starts))  # strictly increasing
    shown = []
    for start, end in zip(wrapped.starts, wrapped.ends):
        line = text[start:end]
        assert start <= end
        assert "\n" not in line
        # Lines fit (trailing spaces aside), except a lone character wider than the line.
        visible = [c for c in line.rstrip() if cell_len(c)]
        assert cell_len(line.rstrip()) <= width or len(visible) == 1
        shown.append(line)
    # Nothing is lost but the spaces at the breaks.
    assert "".join(shown).replace(" ", "") == text.replace("\n", "").replace(" ", "")


# -- span lookups ------------------------------------------------------------------------

spans = st.lists(st.tuples(st.integers(0, 60), st.integers(1, 20)).map(lambda t: (t[0], t[0] + t[1])), max_size=30)


@settings(max_examples=300, deadline=None)
@given(spans=spans, start=st.integers(0, 90), length=st.integers(1, 20))
def test_span_table_finds_exactly_the_overlapping_spans(spans, start: int, length: int) -> None:
    table = SpanTable((s, e, i) for i, (s, e) in enumerate(spans))
    end = start + length
    found = sorted(table.items[i] for i in table.overlapping(start, end))
    expected = sorted(i for i, (s, e) in enumerate(spans) if s < end and e > start)
    assert found == expected


# -- cursor moves -----------------------------------------------------------------------------


def test_navigator_moves_wrap_and_report_positions() -> None:
    nav = Navigator(make_analysis())
    cursor = nav.next_mention(Cursor(), forward=True)
    assert cursor is not None and cursor.entity == KYIV.id and cursor.offset == span(ARTICLE, "Kyiv")[0]
    back = nav.next_mention(cursor, forward=False)
    assert back is not None and back.offset == span(ARTICLE, "Smith", 1)[0]  # wrapped to the end
    assert nav.mention_position(back) == (2, 2)

    at_petrenko = nav.at_mention(nav.mention_at(span(ARTICLE, "Olena")[0]))
    assert at_petrenko.speaker == PETRENKO.id  # a speaker's mention selects the speaker
    second = nav.next_entity_mention(at_petrenko, forward=True)
    assert second.offset == span(ARTICLE, "Petrenko", 1)[0] and nav.mention_position(second) == (2, 2)
    assert nav.next_entity_mention(second, forward=True).offset == at_petrenko.offset  # wraps
    assert nav.next_entity_mention(Cursor(), forward=True) is None  # no current entity

    first_quote = nav.next_quote(Cursor(), forward=True)
    assert nav.quotes[first_quote.quote].id == "q1" and nav.quote_position(first_quote) == (1, 8)
    last_quote = nav.next_quote(Cursor(), forward=False)
    assert nav.quotes[last_quote.quote].id == "q8" and last_quote.speaker is None

    assert nav.quote_at(span(ARTICLE, "fragile")[0]) == 5
    assert nav.quote_at(0) is None


def test_rebase_keeps_the_place_when_a_fuller_analysis_arrives() -> None:
    partial = Navigator(make_analysis(entities=[SMITH], quotes=(), progress=0.5))
    cursor = partial.next_mention(Cursor(), forward=True)
    assert cursor.entity == SMITH.id
    full = Navigator(make_analysis())
    moved = full.rebase(cursor, partial)
    assert moved.entity == SMITH.id and moved.offset == cursor.offset
    assert full.mentions.spans[moved.mention] == span(ARTICLE, "John Smith")


def test_empty_analysis_moves_nowhere() -> None:
    nav = Navigator(make_analysis(entities=(), quotes=()))
    assert nav.next_mention(Cursor(), True) is None
    assert nav.next_quote(Cursor(), True) is None


# -- labels ------------------------------------------------------------------------------------


def test_snippets_are_one_short_line_with_an_ellipsis() -> None:
    long = "word " * 30
    cut = snippet(long, 50)
    assert cut.cell_len == 50 and cut.plain.endswith("…")
    assert snippet("short", 50).plain == "short"
    assert snippet("first line\nsecond line", 50).plain == "first line…"
    assert snippet("日本語" * 30, 11).cell_len <= 11
    assert snippet("\x1b[31m[bold]x", 50).plain == "␛[31m[bold]x"
    assert isinstance(quote_label(make_analysis().quotes[0]), Text)


def test_every_label_has_names_and_a_colour_class_and_unknown_labels_fall_back() -> None:
    for label, info in LABELS.items():
        assert info.css_class.startswith("entity--") and info.singular and info.plural
    assert label_info("DATE").css_class == "entity--other"
    assert sorted(["DATE", "GPE", "PERSON"], key=label_sort_key) == ["PERSON", "GPE", "DATE"]
