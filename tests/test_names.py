"""First names and the sex they say, read from nomquamgender's data and stored beside the cache."""

from __future__ import annotations

import pytest

from newsread.analysis import names


@pytest.fixture
def fresh_table(tmp_path, monkeypatch):
    """An empty cache directory and no table in memory."""
    monkeypatch.setenv("NEWSREAD_CACHE_DIR", str(tmp_path))
    names._table.cache_clear()
    yield tmp_path
    names._table.cache_clear()


def test_names_that_say_a_sex_surely_and_names_that_do_not(fresh_table):
    assert names.first_name_sex("Susan") == "f"
    assert names.first_name_sex("James") == "m"
    assert names.first_name_sex("Ivanka") == "f"
    # Shared by men and women, or not a name at all: nothing.
    assert [names.first_name_sex(w) for w in ("Jean", "Kim", "Taylor", "Lindsey", "J.", "", "O'Neil", "Zzyzx")] == [
        None] * 8


def test_the_table_is_stored_once_and_read_back(fresh_table):
    assert names.first_name_sex("Susan") == "f"
    stored = list(fresh_table.glob("first-names-*.tsv"))
    assert len(stored) == 1
    lines = stored[0].read_text(encoding="utf-8").splitlines()
    assert "susan\tf" in lines and "james\tm" in lines and len(lines) > 10_000
    # The stored table is what a later process reads: change it and the answer follows.
    stored[0].write_text("susan\tm\n", encoding="utf-8")
    names._table.cache_clear()
    assert names.first_name_sex("Susan") == "m"
    assert names.first_name_sex("James") is None


def test_a_damaged_stored_table_is_rebuilt(fresh_table):
    names.first_name_sex("Susan")
    stored = next(fresh_table.glob("first-names-*.tsv"))
    stored.write_bytes(b"\xff\xfe garbage")
    names._table.cache_clear()
    assert names.first_name_sex("Susan") == "f"
    assert "susan\tf" in stored.read_text(encoding="utf-8").splitlines()


def test_an_unwritable_cache_costs_only_speed(fresh_table, monkeypatch):
    blocked = fresh_table / "file"
    blocked.write_text("not a directory")
    monkeypatch.setenv("NEWSREAD_CACHE_DIR", str(blocked / "sub"))
    assert names.first_name_sex("Susan") == "f"


def test_titles_are_no_first_names(fresh_table):
    # The data lists "chancellor", "general" and "sister"; as the first word of
    # "Chancellor Rachel Reeves" they say nothing of her.
    assert [names.first_name_sex(w) for w in ("Chancellor", "General", "Sister", "Pastor")] == [None] * 4


def test_without_the_stored_table_nothing_is_read_or_written(fresh_table):
    import importlib.metadata

    planted = names._stored_path(importlib.metadata.version("nomquamgender"))
    planted.write_text("susan\tm\n", encoding="utf-8")  # what the stored table would say
    names.use_stored_table(False)
    try:
        assert names.first_name_sex("Susan") == "f"
        assert [p.name for p in fresh_table.iterdir()] == [planted.name]
        assert planted.read_text(encoding="utf-8") == "susan\tm\n"
    finally:
        names.use_stored_table(True)
    assert names.first_name_sex("Susan") == "m"  # and with it, the stored table again


def test_new_name_data_is_a_new_analyser_version(monkeypatch):
    import newsread.analysis as analysis

    before = analysis._source_digest()
    monkeypatch.setattr(analysis, "_name_data_stamp", lambda: "nomquamgender:1:2")
    assert analysis._source_digest() != before


def test_names_that_only_lean_one_way(fresh_table):
    # "Bernie" is 15 % women, "Erin" 94 %: not sure enough to call anyone "he" or "she" ...
    assert [names.first_name_sex(w) for w in ("Bernie", "Erin", "Hillary")] == [None, None, None]
    # ... but enough to lean; an even name ("Jean", "Robin") leans nowhere.
    assert [names.first_name_lean(w) for w in ("Bernie", "Erin", "Hillary", "Susan", "James", "Jean", "Robin")] == [
        "m", "f", "f", "f", "m", None, None]
