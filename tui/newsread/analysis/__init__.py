"""The NLP core: text in, entities and attributed quotes out.  No UI here."""

from newsread.analysis.model import UNNAMED, Analysis, Entity, MentionIndex, Quote, next_span, sorted_spans
from newsread.analysis.nlp import ModelNotFound, load_pipeline, resolve_model_name
from newsread.analysis.pipeline import analyse, analyse_progressively

__all__ = [
    "UNNAMED",
    "Analysis",
    "Entity",
    "MentionIndex",
    "ModelNotFound",
    "Quote",
    "analyse",
    "analyse_progressively",
    "load_pipeline",
    "next_span",
    "resolve_model_name",
    "sorted_spans",
]
