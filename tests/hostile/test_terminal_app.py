"""The real app in hard terminals: escape codes in an article never reach the terminal,
tiny and huge windows, NO_COLOR, both themes, no mouse; the reading position survives."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time

import pytest

from newsread.analysis.model import Analysis, Entity, Quote
from newsread.app import NewsreadApp

EVIL = (
    "Mayor Jane Doe spoke. \x1b[31mRED\x1b[0m \x1b]0;pwned-title\x07 "
    "\x1b]52;c;cHduZWQ=\x07 \x9b31mC1 \u202eevil\u202c\n"
    "“We will \x1b[2Jrebuild,” she said.\n"
)


def read_pty(fd: int, seconds: float) -> bytes:
    out, end = b"", time.monotonic() + seconds
    while time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
    return out


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")
def test_escape_codes_in_an_article_never_reach_the_terminal(tmp_path):
    article = tmp_path / "evil.txt"
    article.write_text(EVIL, encoding="utf-8")
    leader, follower = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "NEWSREAD_CACHE_DIR": str(tmp_path / "cache"),
           "COLUMNS": "100", "LINES": "30"}
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen([sys.executable, "-m", "newsread", str(article)], stdin=follower, stdout=follower,
                            stderr=follower, env=env, close_fds=True, start_new_session=True)
    os.close(follower)
    try:
        screen = read_pty(leader, 8.0)  # text first, then the highlights
        os.write(leader, b"q")
        screen += read_pty(leader, 3.0)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(leader)
    assert proc.returncode == 0, screen[-2000:]
    assert b"Traceback" not in screen and b"errors shown" not in screen, screen[-2000:]
    assert "Mayor".encode() in screen  # the article was drawn
    for payload in (b"\x1b]0;pwned", b"\x1b]52;", b"pwned-title\x07", b"\x1b[31mRED", b"\x1b[2Jrebuild",
                    "\x9b".encode(), "\u202e".encode()):
        assert payload not in screen, payload
    assert "␛".encode() in screen  # shown, not obeyed


def seed_like() -> tuple[str, Analysis]:
    text = "\n".join(f"Paragraph {i}: Mayor Jane Doe said “line {i} of the story” again." for i in range(60))
    jane = [(text.index("Jane Doe", p), text.index("Jane Doe", p) + 8)
            for p in (text.index(f"Paragraph {i}:") for i in range(60))]
    quotes = []
    for i in range(60):
        s = text.index(f"line {i} of")
        quotes.append(Quote(id=f"q{i + 1}", start=s, end=s + len(f"line {i} of the story"),
                            text=f"line {i} of the story", kind="partial", speaker="e1", speaker_name="Jane Doe",
                            speaker_span=jane[i], cue_span=None))
    analysis = Analysis(source="<t>", title=None, text=text, text_sha256="x", model="m",
                        entities=(Entity("e1", "Jane Doe", "PERSON", tuple(jane)),), quotes=tuple(quotes))
    return text, analysis


async def ready(pilot, app):
    for _ in range(100):
        if app.analysis.complete and app.reader.navigator is not None:
            return
        await pilot.pause(0.02)
    raise AssertionError("no analysis")


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_tiny_and_huge_windows_keep_working_and_the_reading_position(theme):
    text, analysis = seed_like()
    app = NewsreadApp(text, source="<t>", analyser=lambda *_a, **_k: iter((analysis,)))
    async with app.run_test(size=(100, 30)) as pilot:
        app.theme = theme
        await ready(pilot, app)
        for _ in range(20):
            await pilot.press("]")
        quote = app.reader.cursor.quote
        assert quote == 19
        doc = app.reader.document

        def top_paragraph() -> str:
            return doc.render_line(0).text.split(":")[0].strip()

        top = top_paragraph()
        assert top.startswith("Paragraph ")
        for size in ((20, 6), (400, 60), (100, 30)):  # tiny, very wide, and back
            await pilot.resize_terminal(*size)
            await pilot.pause()
        assert app.reader.cursor.quote == 19  # the cursor stays where it was
        assert top_paragraph() == top  # and so does the paragraph at the top of the page
        await pilot.resize_terminal(20, 6)
        await pilot.pause()
        await pilot.press("]")  # keys still work at 20x6; the cursor was off this tiny page, so
        assert app.reader.cursor.quote == int(top.split()[1])  # "]" starts from the page being read
        await pilot.press("n", "j", "space", "G", "g", "tab", "tab")
        assert app.reader.cursor.mention is not None
        assert app.is_running


async def test_no_color_still_reads_and_navigates(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    text, analysis = seed_like()
    app = NewsreadApp(text, source="<t>", analyser=lambda *_a, **_k: iter((analysis,)))
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.no_color
        await ready(pilot, app)
        await pilot.press("]")
        assert app.reader.cursor.quote == 0
        await pilot.press("n", "e")
        assert app.reader.cursor.mention is not None
        svg = app.export_screenshot()
        assert "Paragraph" in svg
