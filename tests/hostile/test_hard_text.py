"""Hard text, in process: unbalanced and nested quote marks of every kind, quotes that
never close, 10,000 quotes, documents of nothing but marks, no sentences at all, emoji,
right-to-left and CJK scripts, combining and wide characters.

Every analysis must satisfy the invariants (``support.invariant_problems``); the
hand-written cases also pin their exact quote spans.
"""

from __future__ import annotations

import os
import time

import pytest

from hostile.support import crossing_quotes, invariant_problems


@pytest.fixture
def check(analyse_text, schema):
    """Analyse ``text``, assert the invariants, return the analysis."""

    def run(text: str):
        a = analyse_text(text)
        assert invariant_problems(a, text, schema) == []
        return a

    return run


def quotes_of(a) -> list[tuple[int, int, str, str | None]]:
    return [(q.start, q.end, q.text, q.speaker_name) for q in a.quotes]


# ------------------------------------------------------------------ quote marks (pure scanning)


@pytest.mark.parametrize(
    ("text", "segments"),
    [
        ("“one “two” three", [(1, 5, False), (6, 9, True)]),  # a new opening mark closes a dangling one
        ("“a\" b\"", [(1, 2, True)]),  # curly and straight mix; the last mark opens a blank segment
        ('"a "b" c"', [(1, 3, True), (6, 8, True)]),  # straight marks cannot nest
        ("”backwards“", []),
        ("“”", []),
        ("“ ”", []),
        ('""""', []),
        ("‘single’ «guillemets» ‹angle› „low“", [(31, 34, True)]),  # double marks only; „…“ is German
        ("“Outer ‘inner’ outer,” said Bob Smith.", [(1, 21, True)]),
        ("“unclosed", [(1, 9, False)]),
        ('"unclosed', [(1, 9, False)]),
        ("a “b” c \"d\" e “f” g", [(3, 4, True), (9, 10, True), (15, 16, True)]),
    ],
)
def test_quoted_segments(text, segments):
    from newsread.analysis.segments import quoted_segments

    assert [(s.start, s.end, s.closed) for s in quoted_segments(text, 0, len(text))] == segments


# ------------------------------------------------------------------ exact cases


def test_curly_and_straight_attribution(check):
    for text in ("“Stop,” said Jane Doe.", '"Stop," said Jane Doe.'):
        a = check(text)
        assert quotes_of(a) == [(1, 6, "Stop,", "Jane Doe")]
        assert a.quotes[0].speaker_span == (13, 21) and a.quotes[0].cue_span == (8, 12)


def test_single_marks_nested_in_double(check):
    a = check("“Outer ‘inner’ outer,” said Bob Smith.")
    assert quotes_of(a) == [(1, 21, "Outer ‘inner’ outer,", "Bob Smith")]


def test_single_marks_alone_are_no_quotes(check):
    assert check("‘Single,’ he said. 'Straight,' she said. It's John's.").quotes == ()


def test_quote_that_never_closes_runs_to_its_paragraphs_end(check):
    a = check("“Never closed, she said\nNext paragraph here.")
    assert [(q.start, q.end, q.text) for q in a.quotes] == [(1, 23, "Never closed, she said")]
    a = check('"Unclosed straight, he said')
    assert [(q.start, q.end) for q in a.quotes] == [(1, 27)]


def test_hard_wrapped_quote_keeps_its_newline(check):
    text = ("Line one “quote that\nwraps here,” said Jane Doe.\n\n"
            "Second paragraph of text\nwrapped too.\n")
    a = check(text)
    assert quotes_of(a) == [(10, 32, "quote that\nwraps here,", "Jane Doe")]


def test_documents_without_quotes_or_sentences(check):
    for text in ("", " ", "\n\n\n", "   \n\t\n  ", "....!!!???", "—", "“", "”", '"', "“”" * 500,
                 "“”\"„«»‘’‹›「」\n" * 50, ". . . . .", "0 1 2 3 4 5 6 7 8 9"):
        a = check(text)
        assert a.quotes == () and a.entities == (), repr(text[:20])


def test_controls_inside_a_quote_keep_offsets(check):
    text = "“a\x1b[31mb\x00c\u202ed,” said Jane Doe."
    a = check(text)
    assert quotes_of(a) == [(1, 13, "a\x1b[31mb\x00c\u202ed,", "Jane Doe")]


# ------------------------------------------------------------------ scripts and characters


def test_emoji(check):
    text = "“I love it 😀👍🏽,” said Jane Doe."
    a = check(text)
    assert quotes_of(a) == [(1, 15, "I love it 😀👍🏽,", "Jane Doe")]
    assert [e.mentions for e in a.entities] == [((text.index("Jane"), text.index("Jane") + 8),)]


def test_zwj_emoji_after_a_name_does_not_move_the_quote_to_another_speaker(check):
    a = check("“Yes,” said Jane Doe 👨‍👩‍👧. “No,” said John Smith.")
    assert [q.speaker_name for q in a.quotes][1] == "John Smith"
    assert a.quotes[0].speaker_name in (None, "Jane Doe")


def test_right_to_left(check):
    assert [(q.start, q.end, q.text) for q in check("“سلام،” قال أحمد.").quotes] == [(1, 6, "سلام،")]
    assert [(q.start, q.end, q.text) for q in check('"שלום," אמר דוד.').quotes] == [(1, 6, "שלום,")]
    text = "“We agree,” said \u202eJane Doe\u202c, quoting “\u05e9\u05dc\u05d5\u05dd” twice."
    a = check(text)
    assert a.quotes[0].text == "We agree,"


def test_cjk(check):
    assert [(q.start, q.end, q.text) for q in check("“你好，”他说。").quotes] == [(1, 4, "你好，")]
    check("「你好」他说。『引用』。")  # corner brackets: whatever is found obeys the invariants
    check("日本語のテキストです。“東京は晴れ、”と田中さんは言った。")


def test_combining_characters(check):
    text = "“Cafe\u0301 is open,” said Jose\u0301 Marti\u0301nez."
    a = check(text)
    assert quotes_of(a) == [(1, 15, "Cafe\u0301 is open,", "Jose\u0301 Marti\u0301nez")]
    (entity,) = a.entities
    assert [text[s:e] for s, e in entity.mentions] == ["Jose\u0301 Marti\u0301nez"]
    check("“\u0301\u0301\u0301,” said Z\u0351\u0352\u0353a\u20dd.")


def test_wide_characters(check):
    a = check("ＡＢＣ said “ｆｕｌｌ ｗｉｄｔｈ” today.")
    assert [(q.start, q.end, q.text) for q in a.quotes] == [(10, 20, "ｆｕｌｌ ｗｉｄｔｈ")]


def test_low_nine_opening_mark(check):
    a = check("„Hallo,“ sagte er.")
    assert all("sagte" not in q.text for q in a.quotes), quotes_of(a)


@pytest.mark.parametrize("glue", ["\x9b", "\u200d"], ids=["C1", "ZWJ"])
def test_indirect_quote_never_crosses_a_direct_one(analyse_text, glue):
    text = f"Jane Doe said the plan was dead{glue}“Never,” added Zelensky."
    a = analyse_text(text)
    assert crossing_quotes(a.quotes) == []
    assert all("“" not in q.text for q in a.quotes), [q.text for q in a.quotes]


@pytest.mark.parametrize("text", ["\n\nר\u2029\nthe\u3000\n「Accordi", "한국어\x0c \""], ids=["U+3000", "FF"])
def test_no_entity_is_blank(analyse_text, text):
    # Shrunk by bench/fuzz.py (seed 0, examples 4274 and 1296).
    a = analyse_text(text)
    assert [(e.name, [text[s:t] for s, t in e.mentions]) for e in a.entities if not e.name.strip()] == []


def test_sentence_ending_in_a_capital_is_not_reported_speech(analyse_text):
    a = analyse_text("They voted for Plan B. “We will act now,” said Jane Doe.")
    assert [(q.text, q.kind, q.speaker_name) for q in a.quotes] == [("We will act now,", "direct", "Jane Doe")]


# ------------------------------------------------------------------ size


def test_ten_thousand_quotes(check):
    n = 10_000
    text = "\n".join(f"“Yes {i}.”" for i in range(n))
    t0 = time.monotonic()
    a = check(text)
    elapsed = time.monotonic() - t0
    assert len(a.quotes) == n
    assert [q.text for q in a.quotes[:3]] == ["Yes 0.", "Yes 1.", "Yes 2."]
    assert a.quotes[-1].text == f"Yes {n - 1}."
    assert len({q.id for q in a.quotes}) == n
    print(f"10,000 quotes: {elapsed:.1f} s")


@pytest.mark.parametrize(("open_mark", "close_mark"), [('"', '"'), ("“", "”")], ids=["straight", "curly"])
def test_quote_across_a_long_paragraphs_cut(check, open_mark, close_mark):
    from newsread.analysis.segments import MAX_PIECE

    filler = "The council met on Monday. " * (MAX_PIECE // 27)
    quote = "We will build it. We will pay for it. We will open it in May,"
    text = (filler + f"{open_mark}{quote}{close_mark} said Jane Doe. Officials agreed with the plan. "
            f"{open_mark}It is a good plan,{close_mark} said John Smith.")
    start = len(filler) + 1
    assert start < MAX_PIECE < start + len(quote)  # the cut falls inside the quote
    a = check(text)
    assert [(q.start, q.text) for q in a.quotes] == [
        (start, quote), (text.index("It is a good"), "It is a good plan,")
    ]


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("NEWSREAD_SLOW") != "1", reason="takes a minute; set NEWSREAD_SLOW=1")
def test_quote_dense_paragraph_costs_about_what_spacy_does(nlp):
    from newsread.analysis import analyse
    from newsread.analysis.segments import paragraphs

    text = " ".join(f"“A{i}.”" for i in range(2200))  # one 20,000-character piece
    assert len(paragraphs(text)) == 1
    t0 = time.monotonic()
    for _ in nlp.pipe(text[s:e] for s, e in paragraphs(text)):
        pass
    parse = time.monotonic() - t0
    t0 = time.monotonic()
    analyse(text, nlp=nlp)
    total = time.monotonic() - t0
    print(f"parse {parse:.1f} s, analyse {total:.1f} s")
    assert total < 3 * parse + 1
