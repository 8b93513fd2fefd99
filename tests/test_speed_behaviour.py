"""What makes newsread fast, as behaviour (the timings are in bench/speed.py, not here).

- Opening a plain-text file imports no HTML, feed, HTTP or NLP library.
- Re-opening an analysed article shows it highlighted without importing spaCy.
- A long text is highlighted chunk by chunk: the first chunk's names show
  while the rest is still being analysed.
- `newsread quotes` with many articles analyses them in worker processes,
  in order, through the cache.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from test_app_support import settle, style_of

from conftest import SEED
from newsread import cli

ROOT = Path(__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent
HEAVY = ("spacy", "thinc", "httpx", "lxml", "trafilatura", "feedparser", "charset_normalizer")


def python(script: str, **env: str) -> subprocess.CompletedProcess:
    environ = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "tui"), str(TESTS)]), **env}
    return subprocess.run([sys.executable, "-c", script], env=environ, capture_output=True, text=True,
                          timeout=120)


def first_mention(analysis) -> tuple[str, str]:
    """(text, component class) of the earliest mention whose words appear nowhere before it."""
    from newsread.app.styles import label_info

    mentions = sorted((s, e, entity.label) for entity in analysis.entities for s, e in entity.mentions)
    for start, end, label in mentions:
        fragment = analysis.text[start:end]
        if analysis.text.find(fragment) == start and "\n" not in fragment:
            return fragment, label_info(label).css_class
    raise AssertionError("no mention to look at")


def test_a_plain_text_file_imports_no_html_feed_http_or_nlp_library():
    done = python(
        "import sys\n"
        "from newsread.sources import load_articles\n"
        "import newsread.app, newsread.cache\n"
        f"articles, errors = load_articles([{str(SEED)!r}])\n"
        "assert articles and not errors\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_reopening_a_cached_article_shows_it_highlighted_without_spacy(tmp_path, seed_analysis):
    stored = tmp_path / "analysis.json"
    stored.write_text(json.dumps(seed_analysis.to_cache_dict()), encoding="utf-8")
    fragment, css_class = first_mention(seed_analysis)
    script = f"""
import asyncio, json, sys
from test_app_support import settle, style_of
from newsread.analysis.model import Analysis
from newsread.app import NewsreadApp
from newsread.cache import AnalysisCache, CachedAnalyser

text = open({str(SEED)!r}, encoding="utf-8").read()
# The first opening left its analysis in the cache (writing it needs no spaCy).
data = json.loads(open({str(stored)!r}, encoding="utf-8").read())
assert AnalysisCache().put(Analysis.from_dict({{**data, "source": "first", "title": None}}, text))

app = NewsreadApp(text, source="again", title=None, model=None, analyser=CachedAnalyser(AnalysisCache()))

async def main():
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, timeout=30)
        assert app.reader.state == "done", app.reader.failure
        doc = app.reader.document
        color = doc.get_component_rich_style({css_class!r}).color
        assert style_of(doc, {fragment!r}).color == color, "the first mention is not highlighted"
        assert len(app.analysis.entities) == {len(seed_analysis.entities)}
    assert "spacy" not in sys.modules, "spaCy was imported"
    print("ok")

asyncio.run(main())
"""
    done = python(script, NEWSREAD_CACHE_DIR=str(tmp_path / "cache"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_the_cache_answers_lookups_and_leaves_big_entries_unread(tmp_path, seed_analysis):
    from newsread.cache import AnalysisCache, CachedAnalyser

    cache = AnalysisCache(tmp_path)
    assert cache.put(seed_analysis)
    analyser = CachedAnalyser(cache)
    text = seed_analysis.text
    hit = analyser.lookup(text, source="again")
    assert hit is not None and hit.source == "again" and hit.entities == seed_analysis.entities
    assert analyser.lookup(text, source="again", max_bytes=100) is None  # left for the worker
    assert analyser.lookup(text + "\n", source="again") is None


async def test_a_small_cached_analysis_is_on_the_first_frame(tmp_path, seed_analysis):
    from newsread.app import NewsreadApp
    from newsread.cache import AnalysisCache, CachedAnalyser

    cache = AnalysisCache(tmp_path)
    assert cache.put(seed_analysis)
    app = NewsreadApp(seed_analysis.text, source="again", title=None, model=None,
                      analyser=CachedAnalyser(cache))
    async with app.run_test(size=(120, 40)):
        # No pause, no worker: read while the screen mounted.
        assert app.reader.state == "done" and app.analysis.complete
        doc = app.reader.document
        fragment, css_class = first_mention(seed_analysis)
        assert style_of(doc, fragment).color == doc.get_component_rich_style(css_class).color


async def test_a_long_text_is_highlighted_chunk_by_chunk(nlp):
    from newsread.analysis.pipeline import CHUNK_CHARS, analyse_progressively
    from newsread.app import NewsreadApp

    seed = SEED.read_text(encoding="utf-8")
    text = "\n".join([seed.rstrip("\n")] * (CHUNK_CHARS // len(seed) + 3)) + "\n"
    release = threading.Event()
    partials_seen = []

    def gated(text, *, source, title, model):
        """The real analysis, held after its first chunk until the test has looked."""
        analyses = analyse_progressively(text, source=source, title=title, nlp=nlp)
        first = next(analyses)
        partials_seen.append(first.progress)
        yield first
        assert release.wait(60)
        yield from analyses

    app = NewsreadApp(text, source="long.txt", title=None, model=None, analyser=gated)
    async with app.run_test(size=(120, 40)) as pilot:
        try:
            for _ in range(600):
                if app.reader.navigator is not None:
                    break
                await pilot.pause(0.05)
            await pilot.pause()
            partial = app.analysis
            assert 0 < partial.progress < 1 and not partial.complete
            assert app.reader.state == "analysing"
            assert app.reader.query_one("#progress").display is True
            # Names of the first chunk are highlighted on screen…
            doc = app.reader.document
            fragment, css_class = first_mention(partial)
            assert style_of(doc, fragment).color == doc.get_component_rich_style(css_class).color
            # …and none past it has been found yet.
            last_mention = max(e for entity in partial.entities for _, e in entity.mentions)
            assert last_mention <= partial.progress * len(text) + len(seed)
        finally:
            release.set()
        await settle(pilot, timeout=120)
        complete = app.analysis
        assert complete.complete and app.reader.state == "done"
        assert max(e for entity in complete.entities for _, e in entity.mentions) > len(text) - len(seed)
        assert app.reader.query_one("#progress").display is False
    assert partials_seen and partials_seen[0] < 1


@pytest.fixture
def many_articles(tmp_path, seed_text) -> Path:
    """More articles than `quotes` analyses alone: the seed's paragraphs, in turn."""
    folder = tmp_path / "articles"
    folder.mkdir()
    paragraphs = [p for p in seed_text.split("\n") if p.strip()]
    count = cli.PARALLEL_FROM + 1
    for n in range(count):
        body = "\n".join(paragraphs[(n * 3 + k) % len(paragraphs)] for k in range(4))
        (folder / f"{n:02d}.txt").write_text(body + "\n", encoding="utf-8")
    return folder


def test_quotes_with_many_articles_uses_worker_processes_in_order_and_fills_the_cache(
    many_articles, tmp_path
):
    cache = tmp_path / "cache"
    env = {**os.environ, "NEWSREAD_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT / "tui")}

    def quotes(*options: str, python_options: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
        args = [sys.executable, *python_options, "-m", "newsread", "quotes", str(many_articles), "-f", "jsonl",
                *options]
        done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=180)
        assert done.returncode == 0, done.stderr
        return done

    alone = quotes("--jobs", "1", "--no-cache")
    assert len(alone.stdout.splitlines()) == cli.PARALLEL_FROM + 1
    assert quotes("--jobs", "2").stdout == alone.stdout  # same analyses, same order

    # The workers wrote the cache: the same command answers from it, without spaCy.
    assert len(list(cache.rglob("*.json"))) == cli.PARALLEL_FROM + 1
    again = quotes("--jobs", "2", python_options=("-X", "importtime"))
    assert again.stdout == alone.stdout
    assert not re.search(r"\|\s+spacy$", again.stderr, re.MULTILINE), "spaCy was imported"
