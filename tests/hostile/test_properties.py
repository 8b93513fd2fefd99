"""Property tests over generated hostile text (Hypothesis).

The analysis invariants (``support.invariant_problems``): every span inside the text and
well-formed; ``quote.text == text[start:end]``, never blank; quotes sorted and never
crossing; each entity's mentions sorted and disjoint; speakers that exist, with their
names; unique ids; ``to_dict`` valid against ``schema.json`` and round-tripping through
JSON and ``from_dict``.  Also: the human formats are terminal-safe, the JSON format is
``to_dict``, and the same text gives the same analysis twice.

Examples are derandomized (the same 60 every run) so CI stays deterministic;
``bench/fuzz.py`` explores widely (10,000+ random examples).
"""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hostile import support

PIECES = st.one_of(
    st.sampled_from(support.WORDS),
    st.sampled_from(support.NAMES),
    st.sampled_from(support.VERBS),
    st.sampled_from(support.MARKS),
    st.sampled_from(support.PUNCT),
    st.sampled_from(support.SPACE),
    st.sampled_from(support.CONTROL),
    st.sampled_from(support.EMOJI),
    st.sampled_from(support.CJK),
    st.sampled_from(support.RTL),
    st.sampled_from(support.COMBINING),
    st.sampled_from(support.SENTENCES),
    st.text(max_size=8),  # anything at all (no surrogates)
)
SEPARATORS = st.sampled_from([" ", " ", "", "\n"])
TEXTS = st.lists(st.tuples(PIECES, SEPARATORS), min_size=15, max_size=80).map(lambda parts: "".join(a + b for a, b in parts))

ANALYSIS = settings(max_examples=60, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
PURE = settings(max_examples=300, deadline=None, derandomize=True)


@ANALYSIS
@given(text=TEXTS)
def test_analysis_invariants_outputs_and_determinism(nlp, schema, text):
    from newsread.analysis import analyse
    from newsread.export import render

    a = analyse(text, source="<prop>", nlp=nlp)
    assert support.invariant_problems(a, text, schema) == []
    assert support.output_problems(a) == []
    assert json.loads(render([a], "json")) == a.to_dict()
    again = analyse(text, source="<prop>", nlp=nlp)
    assert again.to_dict() == a.to_dict()
    assert again.phrases == a.phrases


# ------------------------------------------------------------------ pure functions, many examples


@PURE
@given(text=st.text())
def test_display_text_is_one_for_one_and_safe(text):
    from newsread.safe import display_line, display_text, has_unsafe

    shown = display_text(text)
    assert len(shown) == len(text)
    assert support.unsafe_chars(shown.replace("\n", "")) == []
    assert not has_unsafe(shown)
    assert display_text(shown) == shown
    for original, visible in zip(text, shown):
        assert visible == original or support.UNSAFE_OUTPUT.match(original), (original, visible)
    line = display_line(text)
    assert len(line) == len(text) and "\n" not in line


@PURE
@given(text=TEXTS)
def test_quoted_segments_are_disjoint_marked_and_not_blank(text):
    from newsread.analysis.segments import quoted_segments

    segs = quoted_segments(text, 0, len(text))
    prev = 0
    for s in segs:
        assert 1 <= s.start < s.end <= len(text)
        assert s.start >= prev
        assert text[s.start - 1] in "“\"„", "a segment starts right after an opening mark"
        if s.closed:
            assert text[s.end] in "”\"“"
        assert text[s.start:s.end].strip()
        prev = s.end


@PURE
@given(text=TEXTS)
def test_paragraphs_cover_every_visible_character(text):
    from newsread.analysis.segments import MAX_PIECE, paragraphs

    spans = paragraphs(text)
    covered = [False] * len(text)
    prev = 0
    for s, e in spans:
        assert prev <= s < e <= len(text) and e - s <= MAX_PIECE
        assert not text[s].isspace() or e - s > 0
        for i in range(s, e):
            covered[i] = True
        prev = e
    lost = [ch for ch, c in zip(text, covered) if not c and not ch.isspace()]
    assert lost == []


# ------------------------------------------------------------------ the checkers can fail


@pytest.fixture(scope="module")
def valid(nlp):
    from newsread.analysis import analyse

    text = "“We will not back down,” said Jane Doe. “Never,” she added."
    a = analyse(text, source="<valid>", nlp=nlp)
    assert len(a.quotes) == 2 and a.entities
    return a


def _mutations():
    def drop(key):
        return lambda d: d.pop(key)

    return {
        "missing key": drop("model"),
        "extra key": lambda d: d.update(extra=1),
        "bad sha": lambda d: d.update(text_sha256="xyz"),
        "title not str": lambda d: d.update(title=3),
        "bool offset": lambda d: d["quotes"][0].update(start=True),
        "negative offset": lambda d: d["quotes"][0].update(start=-1),
        "bad kind": lambda d: d["quotes"][0].update(kind="rumour"),
        "span of three": lambda d: d["quotes"][0].update(cue_span=[1, 2, 3]),
        "span of floats": lambda d: d["entities"][0]["mentions"].__setitem__(0, [1.0, 2.0]),
        "no mentions": lambda d: d["entities"][0].update(mentions=[]),
        "empty name": lambda d: d["entities"][0].update(name=""),
        "quote extra key": lambda d: d["quotes"][0].update(score=1),
        "entities not a list": lambda d: d.update(entities={}),
    }


@pytest.mark.parametrize("mutation", sorted(_mutations()))
def test_schema_rejects_broken_documents(valid, schema, mutation):
    data = copy.deepcopy(valid.to_dict())
    assert support.schema_errors(data, schema) == []
    _mutations()[mutation](data)
    assert support.schema_errors(data, schema) != []


def test_invariant_checker_catches_broken_analyses(valid, schema):
    from dataclasses import replace

    from newsread.analysis import Analysis

    text = valid.text
    assert support.invariant_problems(valid, text, schema) == []
    q, e = valid.quotes[0], valid.entities[0]

    def broken(**changes):
        return Analysis(**{f: getattr(valid, f) for f in
                           ("source", "title", "text", "text_sha256", "model", "entities", "quotes")} | changes)

    cases = {
        "text differs": broken(quotes=(replace(q, text=q.text + "x"),) + valid.quotes[1:]),
        "span outside": broken(quotes=(replace(q, end=len(text) + 1),) + valid.quotes[1:]),
        "empty span": broken(quotes=(replace(q, end=q.start),) + valid.quotes[1:]),
        "unknown speaker": broken(quotes=(replace(q, speaker="e99"),) + valid.quotes[1:]),
        "wrong speaker name": broken(quotes=(replace(q, speaker_name="Nobody"),) + valid.quotes[1:]),
        "duplicate quote id": broken(quotes=(q, replace(valid.quotes[1], id=q.id))),
        "unsorted quotes": broken(quotes=(valid.quotes[1], q)),
        "crossing quotes": broken(quotes=(q, replace(valid.quotes[1], start=q.start + 1,
                                                     text=text[q.start + 1:valid.quotes[1].end]))),
        "overlapping mentions": broken(entities=(replace(e, mentions=(e.mentions[0], e.mentions[0])),)
                                       + valid.entities[1:]),
        "duplicate entity id": broken(entities=valid.entities + (replace(e, name="Other"),)),
        "speaker fields without speaker": broken(quotes=(replace(q, speaker=None),) + valid.quotes[1:]),
        "wrong hash": broken(text_sha256="0" * 64),
    }
    for name, a in cases.items():
        assert support.invariant_problems(a, text, schema) != [], name
