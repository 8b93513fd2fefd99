#!/usr/bin/env python3
"""One headless start of an app, timed; run by bench/speed.py in a fresh Python.

    python bench/paint.py floor SEED            # a minimal Textual app: SEED in one Static
    python bench/paint.py app FILE [options]    # `newsread FILE`, through the real CLI

Prints one JSON object.  Times are ``time.perf_counter()`` readings, which on
Linux are CLOCK_MONOTONIC and so comparable with the parent's clock: the parent
notes the time just before it starts this process, and ``paint - start`` is
the time to first paint with Python's own start included.

Paint is measured where Textual hands a finished frame to the terminal
(``App._display``, called in headless runs too): the first frame whose text
holds the article's first words is the first paint; the first frame drawn
with a complete analysis, side panel included, is "full".  The app runs
headless through ``App.run_test`` (``App.run`` is replaced here, nothing in
newsread is).

Options for ``app``: ``--wait`` waits for the complete analysis (then reports
peak RSS and the chunks seen); ``--keys N`` then presses each measured key N
times and reports each press's latency: from the key event to the first frame
after the key's action ran (``wall``; ``cpu`` is the process time spent), and
to the last frame it caused (``settled``: the side panel follows a frame later).
"""

from __future__ import annotations

import time

T_IMPORT = time.perf_counter()  # noqa: E402 - first thing: Python itself has started

import argparse
import asyncio
import json
import os
import re
import resource
import sys

SIZE = (120, 36)
KEYS = ("j", "n", "e", "]", "pagedown")
_ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")


class Probe:
    """Watches the frames the app would write to the terminal."""

    def __init__(self, needle: str) -> None:
        self.needle = needle
        self.paint: float | None = None
        self.spacy_at_paint: bool | None = None
        self.full: float | None = None
        self.spacy_at_full: bool | None = None
        self.chunks: list[dict] = []  # one per analysis first drawn: when, progress, entities
        self.frames = 0
        self.last_frame = 0.0
        self.last_frame_cpu = 0.0
        self.action_end = 0.0
        self.done = asyncio.Event()
        self._navigator = None
        self.app = None

    def frame(self, app, renderable) -> None:
        now = time.perf_counter()
        self.frames += 1
        self.last_frame = now
        self.last_frame_cpu = time.process_time()
        if self.paint is None and renderable is not None:
            if self.needle in _text_of(app, renderable):
                self.paint = now
                self.spacy_at_paint = "spacy" in sys.modules
        navigator = getattr(app.screen, "navigator", None)
        if navigator is not None and navigator is not self._navigator:
            self._navigator = navigator
            analysis = navigator.analysis
            progress_bar = _progress_bar(app)
            self.chunks.append({
                "t": now, "progress": analysis.progress, "entities": len(analysis.entities),
                "quotes": len(analysis.quotes), "bar": progress_bar,
            })
        # Complete: the text highlighted and the side panel there to list it (the reader
        # mounts the panel a frame after the text: ``panel_ready``).
        if (self.full is None and navigator is not None and navigator.analysis.complete
                and getattr(app.screen, "panel_ready", True)):
            self.full = now
            self.spacy_at_full = "spacy" in sys.modules
        if getattr(app.screen, "state", None) == "failed":
            self.done.set()
        if self.full is not None:
            self.done.set()


def _text_of(app, update) -> str:
    """The characters a compositor update writes, one screen line a line."""
    try:
        if hasattr(update, "strips"):  # a full frame (LayoutUpdate)
            return "\n".join("".join(strip.text for strip in line) for line in update.strips)
        if hasattr(update, "chops"):  # changed fragments (ChopsUpdate)
            return "\n".join("".join(s.text for s in line.values() if s is not None) for line in update.chops)
        return _ESCAPES.sub("", update.render_segments(app.console))
    except Exception:  # noqa: BLE001 - an update we cannot read is not the paint
        return ""


def _progress_bar(app) -> bool | None:
    try:
        return bool(app.screen.query_one("#progress").display)
    except Exception:  # noqa: BLE001
        return None


def _needle(text: str) -> str:
    """The first words of the text: on screen once the text is."""
    for line in text.splitlines():
        words = line.split()
        if words:
            return " ".join(words[:3])[:30]
    return ""


def _install(probe: Probe) -> None:
    from textual.app import App

    display = App._display

    def _display(self, screen, renderable):
        display(self, screen, renderable)
        probe.frame(self, renderable)

    run_action = App.run_action

    async def _run_action(self, *args, **kwargs):
        try:
            return await run_action(self, *args, **kwargs)
        finally:
            probe.action_end = time.perf_counter()

    App._display = _display  # type: ignore[method-assign]
    App.run_action = _run_action  # type: ignore[method-assign]


async def _drive(app, probe: Probe, args) -> dict:
    out: dict = {}
    async with app.run_test(size=SIZE) as pilot:
        while probe.paint is None:
            await asyncio.sleep(0.005)
        if args.wait or args.keys:
            try:
                await asyncio.wait_for(probe.done.wait(), timeout=args.timeout)
            except TimeoutError:
                out["timeout"] = True
            await pilot.pause()
            out["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        if args.keys:
            out["keys"] = await _keys(app, pilot, probe, args.keys)
    return out


async def _keys(app, pilot, probe: Probe, n: int) -> dict[str, dict[str, list[float]]]:
    from textual import events
    from textual.keys import _character_to_key

    document = app.screen.query_one("DocumentView")
    document.focus()
    await pilot.pause()
    latencies: dict[str, dict[str, list[float]]] = {}
    for key in KEYS:
        times: list[float] = []
        cpu: list[float] = []
        settled: list[float] = []
        latencies[key] = {"wall": times, "cpu": cpu, "settled": settled}
        for _ in range(n):
            if key in ("j", "pagedown") and document.scroll_y >= document.max_scroll_y:
                await pilot.press("g")  # back to the top, unmeasured: a press at the end does nothing
            name = _character_to_key(key) if len(key) == 1 and not key.isalnum() else key
            frames = probe.frames
            start = time.perf_counter()
            start_cpu = time.process_time()
            probe.action_end = 0.0
            event = events.Key(name, key if len(key) == 1 else None)
            event.set_sender(app)
            app._driver.send_message(event)
            await pilot._wait_for_screen()  # the key handled (no fixed sleeps)
            while probe.action_end == 0.0 and time.perf_counter() - start < 5:
                await asyncio.sleep(0)
            # The frame showing the key's effect follows the screen's next update tick.
            deadline = time.perf_counter() + 0.2
            while probe.frames == frames and time.perf_counter() < deadline:
                await asyncio.sleep(0.0005)
            end = probe.last_frame if probe.frames > frames else probe.action_end
            times.append((end - start) * 1000)
            if probe.frames > frames:
                cpu.append((probe.last_frame_cpu - start_cpu) * 1000)
            await pilot.pause()  # settle before the next press
            # Every frame the key caused (the panel may follow a frame later) is out by now.
            settled.append((max(end, probe.last_frame) - start) * 1000)
    return latencies


def _headless_run(probe: Probe, args):
    def run(self, *_, **__):
        probe.app = self
        result = asyncio.run(_drive(self, probe, args))
        _report(probe, result)
        os._exit(0)  # do not wait for an analysis thread we no longer need

    return run


def _report(probe: Probe, extra: dict) -> None:
    result = {
        "import": T_IMPORT,
        "paint": probe.paint,
        "spacy_at_paint": probe.spacy_at_paint,
        "full": probe.full,
        "spacy_at_full": probe.spacy_at_full,
        "chunks": probe.chunks,
        **extra,
    }
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=("floor", "app"))
    ap.add_argument("file")
    ap.add_argument("--wait", action="store_true")
    ap.add_argument("--keys", type=int, default=0)
    ap.add_argument("--timeout", type=float, default=300.0)
    args = ap.parse_args()

    if args.mode == "floor":
        from textual.app import App, ComposeResult
        from textual.widgets import Static

        text = open(args.file, encoding="utf-8").read()
        probe = Probe(_needle(text))
        _install(probe)

        class Floor(App[None]):
            def compose(self) -> ComposeResult:
                yield Static(text, markup=False)

        _headless_run(probe, args)(Floor())
        return

    with open(args.file, encoding="utf-8", errors="replace") as fh:
        probe = Probe(_needle(fh.read(4096)))
    from textual.app import App

    _install(probe)
    App.run = _headless_run(probe, args)  # type: ignore[method-assign]
    from newsread.cli import main as newsread

    code = newsread([args.file])
    print(json.dumps({"error": f"newsread exited with {code} before running the app"}))
    sys.exit(1)


if __name__ == "__main__":
    main()
