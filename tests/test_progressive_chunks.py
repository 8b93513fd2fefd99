"""How a long text is cut into chunks, each one a progress report with new highlights."""

from __future__ import annotations

import pytest
from conftest import SHARED

from newsread.analysis.pipeline import CHUNK_CHARS, MAX_CHUNK_CHARS, _chunks
from newsread.analysis.segments import parse_units

NOVEL = SHARED / "corpus" / "novels" / "pride-and-prejudice.txt"


def _lengths(chunks) -> list[int]:
    return [sum(e - s for s, e, *_ in chunk) for chunk in chunks]


def test_chunks_double_then_stay_at_the_cap():
    paras = [(i * 1000, i * 1000 + 1000) for i in range(700)]  # 700,000 characters
    lengths = _lengths(_chunks(paras, CHUNK_CHARS))
    assert lengths[:4] == [20_000, 40_000, 80_000, 80_000]
    assert set(lengths[2:-1]) == {MAX_CHUNK_CHARS} and 0 < lengths[-1] <= MAX_CHUNK_CHARS
    assert sum(lengths) == 700_000


def test_the_complete_analysis_is_one_chunk():
    paras = [(i * 1000, i * 1000 + 1000) for i in range(700)]
    assert _lengths(_chunks(paras, 1 << 62)) == [700_000]  # what analyse() asks for
    assert _lengths(_chunks([], CHUNK_CHARS)) == [0]  # an empty text still reports once


@pytest.mark.skipif(not NOVEL.is_file(), reason="needs ../shared")
def test_a_novel_reports_progress_steadily():
    """Uncapped, the novel's reports came at 3, 9, 20, 44 and 91 %: nothing new for half the book."""
    text = NOVEL.read_text(encoding="utf-8")
    units = parse_units(text)
    total = sum(e - s for s, e, _ in units)
    done, progress = 0, []
    for length in _lengths(_chunks(units, CHUNK_CHARS)):
        done += length
        progress.append(done / total)
    assert len(progress) >= 9
    assert max(b - a for a, b in zip([0.0, *progress], progress)) < 0.13
