"""The on-disk analysis cache: re-opening an article must not wait for spaCy.

Importing spaCy and parsing cost seconds; reading a JSON file costs
milliseconds.  So a complete ``Analysis`` is stored as JSON under a key made
of the text's hash, the pipeline id and the analyser version, and looked up
before anything imports spaCy.  ``model_id`` therefore finds the pipeline id
from the installed package's ``meta.json`` instead of loading the pipeline.

The cache is only ever an optimisation: every read is validated (a bad entry is
a miss and is deleted), nothing is unpickled, writes are atomic, and no method
raises.  When the directory cannot be written the cache stops writing for the
rest of the process and leaves one ``notice`` for the UI to show.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import get_args

from newsread.analysis.model import Analysis, QuoteKind

#: Version of the file layout below; part of the key, so versions never fight over a file.
FORMAT = 1
#: Environment variable naming the cache directory (tests, portable installs).
ENV_DIR = "NEWSREAD_CACHE_DIR"

_ENTRY_NAME = re.compile(r"[0-9a-f]{64}\.json")
_SHARD_NAME = re.compile(r"[0-9a-f]{2}")
_TEMP_PREFIX = ".tmp-"
_KINDS = frozenset(get_args(QuoteKind))


def model_id(name: str) -> str | None:
    """The id ``pipeline_id(nlp)`` would give pipeline ``name``, without importing spaCy.

    ``name`` is what ``resolve_model_name`` returns: an installed package or a
    directory.  Like ``spacy.load``, a package wins over a path.  ``None``
    when the id cannot be told for sure; the caller then does not cache.
    """
    for meta_file in _meta_files(name):
        try:
            meta = json.loads(meta_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not isinstance(meta, dict):
            continue
        lang, pname, version = meta.get("lang"), meta.get("name"), meta.get("version")
        if all(isinstance(v, str) and v for v in (lang, pname, version)):
            return f"{lang}_{pname}-{version}"
    return None


def _meta_files(name: str) -> list[Path]:
    """Where the pipeline's meta.json may be, most authoritative first."""
    dirs: list[Path] = []
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        spec = None
    if spec is not None and spec.submodule_search_locations:
        dirs += [Path(d) for d in spec.submodule_search_locations]
    if os.path.isdir(name):
        dirs.append(Path(name))
    files: list[Path] = []
    for d in dirs:
        # spaCy's load_model_from_init_py reads the package's own meta.json;
        # the versioned data directory "<lang>_<name>-<version>/" holds a copy.
        files.append(d / "meta.json")
        try:
            nested = sorted(d.glob("*-*/meta.json"))
        except OSError:
            nested = []
        if len(nested) == 1:
            files.append(nested[0])
    return files


def text_sha256(text: str) -> str:
    """The text hash exactly as the analyser computes ``Analysis.text_sha256``."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def default_directory() -> Path:
    """``$NEWSREAD_CACHE_DIR``, else the platform's user cache dir + ``analyses``."""
    env = os.environ.get(ENV_DIR)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("newsread")) / "analyses"


@dataclass(frozen=True, slots=True)
class CacheEntry:
    """One stored analysis, for ``newsread cache`` listings."""

    path: Path
    size: int
    modified: float


class AnalysisCache:
    """Complete analyses on disk, keyed by (text, pipeline id, analyser version)."""

    def __init__(self, directory: Path | None = None, enabled: bool = True,
                 analyser_version: str | None = None) -> None:
        self.directory = Path(directory) if directory is not None else default_directory()
        self.enabled = enabled
        self._analyser_version = analyser_version
        #: False once a write failed: reads go on, writes stop for this process.
        self.writable = True
        #: Set once, when writing first fails; the UI/CLI shows it once.
        self.notice: str | None = None

    @property
    def analyser_version(self) -> str:
        """The analysis code's digest, read when the cache is first consulted: a hash of
        its source files, which imports none of it (the pipeline's modules cost ~20 ms
        the app need not spend before its first paint)."""
        if self._analyser_version is None:
            import newsread.analysis

            self._analyser_version = newsread.analysis.ANALYSER_VERSION
        return self._analyser_version

    # -- keys ----------------------------------------------------------------

    def _path(self, sha: str, model: str) -> Path:
        key = hashlib.sha256(json.dumps([sha, model, self.analyser_version, FORMAT]).encode()).hexdigest()
        return self.directory / key[:2] / f"{key}.json"

    def entry_path(self, text: str, model_id: str) -> Path:
        """Where the analysis of ``text`` by pipeline ``model_id`` is (or would be) stored."""
        return self._path(text_sha256(text), model_id)

    # -- reading -------------------------------------------------------------

    def get(self, text: str, *, model_id: str, source: str, title: str | None = None) -> Analysis | None:
        """The stored analysis of ``text``, or ``None``.  Never raises.

        ``source`` and ``title`` are the caller's: the same text may have come
        from another file or URL.  An entry that fails validation is deleted,
        so the next ``put`` rebuilds it.
        """
        if not self.enabled or not model_id:
            return None
        sha = text_sha256(text)
        path = self._path(sha, model_id)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError:
            self._discard(path)
            return None
        try:
            stored = json.loads(raw)
            data = self._valid(stored, text, sha, model_id)
            if data is not None:
                return Analysis.from_dict({**data, "source": source, "title": title}, text)
        except Exception:  # noqa: BLE001 - any surprise in a cache file is a miss, never a crash
            pass
        self._discard(path)
        return None

    def _valid(self, stored, text: str, sha: str, model: str) -> dict | None:
        """The stored ``Analysis.to_dict()`` if the entry is ours, current and sane."""
        if not isinstance(stored, dict):
            return None
        if (stored.get("format") != FORMAT or stored.get("analyser") != self.analyser_version
                or stored.get("model") != model or stored.get("text_sha256") != sha):
            return None
        data = stored.get("analysis")
        if not isinstance(data, dict) or data.get("text_sha256") != sha or data.get("model") != model:
            return None
        entities, quotes = data.get("entities"), data.get("quotes")
        if not isinstance(entities, list) or not isinstance(quotes, list):
            return None
        n = len(text)
        ids: set[str] = set()
        for e in entities:
            if not (isinstance(e, dict) and _strs(e, "id", "name", "label")
                    and isinstance(e.get("mentions"), list)
                    and all(_span(m, n) for m in e["mentions"]) and e["id"] not in ids):
                return None
            ids.add(e["id"])
        for q in quotes:
            if not (isinstance(q, dict) and _strs(q, "id") and q.get("kind") in _KINDS
                    and _span([q.get("start"), q.get("end")], n)
                    and (q.get("speaker") is None or q.get("speaker") in ids)
                    and (q.get("speaker_name") is None or isinstance(q.get("speaker_name"), str))
                    and all(q.get(k) is None or _span(q.get(k), n) for k in ("speaker_span", "cue_span"))):
                return None
        phrases = data.get("phrases", [])
        if not isinstance(phrases, list) or not all(_span(p, n) for p in phrases):
            return None
        return data

    def _discard(self, path: Path) -> None:
        try:
            path.unlink()
        except OSError:
            pass

    # -- writing -------------------------------------------------------------

    def put(self, analysis: Analysis) -> bool:
        """Store a complete analysis atomically; ``True`` if it was stored.  Never raises.

        Partial analyses are not stored (they would be served as complete).
        The first ``OSError`` (read-only or full disk, a file where a directory
        should be) stops writing for the rest of the process and sets ``notice``.
        """
        if not (self.enabled and self.writable) or not analysis.complete or not analysis.model:
            return False
        sha = text_sha256(analysis.text)
        if sha != analysis.text_sha256:
            return False
        record = {"format": FORMAT, "analyser": self.analyser_version, "model": analysis.model,
                  "text_sha256": sha, "analysis": analysis.to_cache_dict()}
        try:
            payload = json.dumps(record, separators=(",", ":")).encode("ascii")
        except (TypeError, ValueError):
            return False
        path = self._path(sha, analysis.model)
        tmp: str | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=_TEMP_PREFIX, suffix=".json")
            with os.fdopen(fd, "wb") as f:
                f.write(payload)
            # No fsync: after a crash a torn file is just a corrupt entry, which get() drops.
            os.replace(tmp, path)
            return True
        except OSError as exc:
            if tmp is not None:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
            self.writable = False  # so this notice is set once: later puts return early
            self.notice = f"analysis cache disabled: cannot write {self.directory} ({exc.strerror or exc})"
            return False

    # -- housekeeping (the `newsread cache` command) --------------------------

    def entries(self) -> list[CacheEntry]:
        """Stored analyses, newest first.  Files that are not cache entries are ignored."""
        out = []
        for path in self._files(entries_only=True):
            try:
                st = path.stat()
            except OSError:
                continue
            out.append(CacheEntry(path, st.st_size, st.st_mtime))
        return sorted(out, key=lambda e: e.modified, reverse=True)

    def size(self) -> int:
        """Total bytes of the stored analyses."""
        return sum(e.size for e in self.entries())

    def clear(self) -> int:
        """Delete every entry (and stray temp files); the number of entries removed.

        Only files named like entries are touched, so a cache directory
        pointed at the wrong place does not lose anyone's files.
        """
        removed = 0
        for path in self._files(entries_only=False):
            try:
                path.unlink()
            except OSError:
                continue
            if _ENTRY_NAME.fullmatch(path.name):
                removed += 1
            try:
                path.parent.rmdir()  # only succeeds once the shard is empty
            except OSError:
                pass
        return removed

    def _files(self, *, entries_only: bool) -> list[Path]:
        """Entry files ``<2 hex>/<64 hex>.json`` (and, unless ``entries_only``, temp files)."""
        found = []
        try:
            shards = [d for d in self.directory.iterdir() if _SHARD_NAME.fullmatch(d.name)]
        except OSError:
            return found
        for shard in shards:
            try:
                names = os.listdir(shard)
            except OSError:
                continue
            for name in names:
                if _ENTRY_NAME.fullmatch(name) and name.startswith(shard.name):
                    found.append(shard / name)
                elif not entries_only and name.startswith(_TEMP_PREFIX):
                    found.append(shard / name)
        return found

def _strs(d: dict, *keys: str) -> bool:
    return all(isinstance(d.get(k), str) for k in keys)


def _span(value, n: int) -> bool:
    """A ``[start, end]`` pair of ints with ``0 <= start < end <= n``."""
    return (isinstance(value, (list, tuple)) and len(value) == 2
            and all(type(v) is int for v in value) and 0 <= value[0] < value[1] <= n)


class CachedAnalyser:
    """``analyse_progressively`` in front of a cache: a hit costs no spaCy import.

    Called like the analyser it wraps; after a run, ``notice`` says once if the
    cache had to be turned off (read-only or full disk).
    """

    def __init__(self, cache: AnalysisCache, analyser=None):
        self.cache = cache
        self._analyser = analyser
        self.notice: str | None = None

    def lookup(self, text: str, *, source: str, title: str | None = None, model: str | None = None,
               max_bytes: int | None = None) -> Analysis | None:
        """The cached analysis of ``text``, or ``None``: never imports spaCy, never raises.

        The app asks this first, so a hit shows at once and only a miss waits
        for spaCy (whose import would slow the first paint).  With ``max_bytes``
        a bigger entry is left unread (``None``), for a caller that must stay quick.
        """
        from newsread.analysis.nlp import ModelNotFound, resolve_model_name

        try:
            name = resolve_model_name(model)
        except ModelNotFound:
            return None  # the analyser itself will say so
        mid = model_id(name) if self.cache.enabled else None
        if mid is None:
            return None
        if max_bytes is not None:
            try:
                if self.cache.entry_path(text, mid).stat().st_size > max_bytes:
                    return None
            except OSError:
                return None
        return self.cache.get(text, model_id=mid, source=source, title=title)

    def __call__(self, text: str, *, source: str, title: str | None = None, model: str | None = None):
        from newsread.analysis.nlp import resolve_model_name

        name = resolve_model_name(model)
        mid = model_id(name) if self.cache.enabled else None
        if mid is not None:
            hit = self.cache.get(text, model_id=mid, source=source, title=title)
            if hit is not None:
                yield hit
                return
        analyser = self._analyser
        if analyser is None:
            from newsread.analysis.pipeline import analyse_progressively as analyser
        last = None
        for last in analyser(text, source=source, title=title, model=name):
            yield last
        if mid is not None and last is not None and last.complete and last.model == mid:
            if not self.cache.put(last) and self.cache.notice and self.notice is None:
                self.notice = self.cache.notice
