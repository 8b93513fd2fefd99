"""What a first name says of a person's sex, from nomquamgender's name data.

Many people in a story are never called "he" or "she" before a pronoun must
be resolved, and "she said" must not land on "FBI Director James Comey".
nomquamgender (MIT) holds, for 720,000 given names, the share of women among
the people so named across 30-odd sources.  Only names that say a sex
surely are kept: at least 500 people, and at most 5 % (or at least 95 %)
women.  "Jean", "Kim" and "Taylor" say nothing; neither does "Lindsey".

The package ships its data as 22 MB of JSON (a second to parse) and imports
pandas; the analysis reads the data file directly, once, and keeps the few
hundred kilobytes it needs beside the analysis cache, so later runs load it
in milliseconds.  Without the package every name says nothing.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import re
import tempfile
from pathlib import Path

from newsread.analysis import lexicon

#: Fewest people with a name for it to count, and the shares of women that decide.
MIN_PEOPLE = 500
MALE_AT_MOST = 0.05
FEMALE_AT_LEAST = 0.95
#: Shares of women at which a name only leans one way ("Bernie" 15 %, "Erin" 94 %): too weak to
#: call its bearer "he" or "she", strong enough that "she" passes over a "Bernie" the text never
#: calls either.
LEAN_MALE_AT_MOST = 0.2
LEAN_FEMALE_AT_LEAST = 0.8

_PACKAGE = "nomquamgender"

#: Whether the table is kept beside the analysis cache; ``--no-cache`` turns it off.
_use_stored = True


def use_stored_table(flag: bool) -> None:
    """With ``False`` (``--no-cache``) the table is built in memory: nothing on disk is read
    or written."""
    global _use_stored
    if flag != _use_stored:
        _use_stored = flag
        _table.cache_clear()


def first_name_sex(word: str) -> str | None:
    """ "m", "f" or None for a given name ("Susan" -> "f", "Jean" -> None).  A title is no
    name, whatever the data says ("Chancellor", "General", "Sister", "Lady")."""
    sex = _entry(word)
    return sex if sex in ("m", "f") else None


def first_name_lean(word: str) -> str | None:
    """ "m" or "f" for a given name that says so surely or only mostly ("Bernie" -> "m",
    "Erin" -> "f"), None for one shared more evenly ("Jean", "Robin")."""
    sex = _entry(word)
    return sex.lower() if sex is not None else None


def _entry(word: str) -> str | None:
    key = word.lower().rstrip(".")
    if len(key) < 2 or not key.isalpha() or lexicon.normalise_title(key) in lexicon.PERSON_TITLES:
        return None
    return _table().get(key)


@functools.cache
def _table() -> dict[str, str]:
    """The table, from beside the cache or else from the package; empty if neither can be read
    (the analysis then goes on without first names: this must never raise)."""
    try:
        import importlib.metadata  # 28 ms to import: only when the table is first needed

        version = importlib.metadata.version(_PACKAGE)
        stored = _stored_path(version)
        table = _read_stored(stored) if stored is not None else None
        if table is None:
            table = _from_package()
            if table and stored is not None:
                _store(stored, table)
        return table
    except Exception:  # noqa: BLE001 - a broken package or data file costs the first names only
        return {}


def _stored_path(version: str) -> Path | None:
    if not _use_stored:
        return None
    try:
        from newsread.cache import default_directory

        return default_directory() / (f"first-names-{version}-{MIN_PEOPLE}-{MALE_AT_MOST}-{FEMALE_AT_LEAST}"
                                       f"-{LEAN_MALE_AT_MOST}-{LEAN_FEMALE_AT_LEAST}.tsv")
    except Exception:  # noqa: BLE001 - no cache directory: build the table in memory
        return None


def _read_stored(path: Path) -> dict[str, str] | None:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    table = dict(line.split("\t", 1) for line in lines if line.count("\t") == 1)
    return table if table and set(table.values()) <= {"m", "f", "M", "F"} else None


#: A name of plain lower-case letters and its row's first three numbers, in the data file's
#: JSON ({"susan": [31, 1291468, 0.992, …], …}): matched in the bytes, since decoding the whole
#: file as JSON builds 720,000 lists and costs some 250 MB for a moment.
_ROW = re.compile(rb'"([a-z]+)": \[\d+, (\d+), ([0-9.eE+-]+)')


def _from_package() -> dict[str, str]:
    """The confident names of the package's data file, read without importing the package."""
    spec = importlib.util.find_spec(_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return {}
    data = (Path(next(iter(spec.submodule_search_locations))) / "name_data.json").read_bytes()
    table = {}
    for match in _ROW.finditer(data):
        people, women = int(match[2]), float(match[3])
        if people >= MIN_PEOPLE:
            if women <= MALE_AT_MOST:
                table[match[1].decode()] = "m"
            elif women >= FEMALE_AT_LEAST:
                table[match[1].decode()] = "f"
            elif women <= LEAN_MALE_AT_MOST:
                table[match[1].decode()] = "M"  # leans male
            elif women >= LEAN_FEMALE_AT_LEAST:
                table[match[1].decode()] = "F"
    return table


def _store(path: Path, table: dict[str, str]) -> None:
    """Write atomically; a cache that cannot be written costs only speed."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", prefix=".tmp-", dir=path.parent,
                                         delete=False) as f:
            tmp = f.name
            f.write("".join(f"{name}\t{sex}\n" for name, sex in sorted(table.items())))
        os.replace(tmp, path)
    except OSError:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
