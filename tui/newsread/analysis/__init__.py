"""The NLP core: text in, entities and attributed quotes out.  No UI here.

The names below are imported on first use (PEP 562): the app imports
``newsread.analysis.model`` before its first paint, and that must not pull in
the pipeline, the rules and the parser's helpers (~20 ms), which only the
analysis worker needs.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from newsread.analysis.model import UNNAMED, Analysis, Entity, MentionIndex, Quote, next_span, sorted_spans
    from newsread.analysis.nlp import ModelNotFound, load_pipeline, resolve_model_name
    from newsread.analysis.pipeline import analyse, analyse_progressively

_WHERE = {
    "UNNAMED": "model",
    "Analysis": "model",
    "Entity": "model",
    "MentionIndex": "model",
    "Quote": "model",
    "next_span": "model",
    "sorted_spans": "model",
    "ModelNotFound": "nlp",
    "load_pipeline": "nlp",
    "resolve_model_name": "nlp",
    "analyse": "pipeline",
    "analyse_progressively": "pipeline",
}

__all__ = ["ANALYSER_VERSION", *sorted(_WHERE)]


def _source_digest() -> str:
    """A digest of the analysis code itself, and of the first-name data it reads: any change
    to either invalidates cached results.  Read from the files, not the modules, so the cache
    can key on it without importing them."""
    h = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    h.update(_name_data_stamp().encode())
    return h.hexdigest()[:16]


def _name_data_stamp() -> str:
    """Size and time of nomquamgender's name data (``names`` reads it): a new release of the
    package may change who is "he" or "she", so it must not be served old results.  A stat,
    not ``importlib.metadata`` (28 ms to import, before the app's first paint)."""
    try:
        spec = importlib.util.find_spec("nomquamgender")
        folder = next(iter(spec.submodule_search_locations or ()))
        stat = os.stat(os.path.join(folder, "name_data.json"))
        return f"nomquamgender:{stat.st_size}:{stat.st_mtime_ns}"
    except Exception:  # noqa: BLE001 - not installed, or broken: the analysis goes on without it
        return "nomquamgender:none"


def __getattr__(name: str):
    if name == "ANALYSER_VERSION":
        #: Part of the cache key: results cached by other analysis code are never served.
        value = _source_digest()
    elif name in _WHERE:
        value = getattr(import_module(f"{__name__}.{_WHERE[name]}"), name)
    else:
        # Also how ``from newsread.analysis import lexicon`` finds that it must import the submodule.
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value  # once: later lookups do not come back here
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
