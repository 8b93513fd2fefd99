"""Shared fixtures: one spaCy pipeline per test session, the seed and its gold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "security-guarantee.txt"
GOLD = Path(__file__).resolve().parent / "gold-security-guarantee.json"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    from newsread.analysis import load_pipeline, resolve_model_name

    return load_pipeline(resolve_model_name())


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_gold() -> dict:
    return json.loads(GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_analysis(nlp, seed_text):
    from newsread.analysis import analyse

    return analyse(seed_text, source=str(SEED), nlp=nlp)


@pytest.fixture
def analyse_text(nlp):
    """Analyse a short invented text with the shared pipeline."""
    from newsread.analysis import analyse

    return lambda text: analyse(text, source="<test>", nlp=nlp)


@pytest.fixture(autouse=True, scope="session")
def _private_cache_dir(tmp_path_factory):
    """Tests (and the CLIs they start) never touch the user's analysis cache."""
    import os

    old = os.environ.get("NEWSREAD_CACHE_DIR")
    os.environ["NEWSREAD_CACHE_DIR"] = str(tmp_path_factory.mktemp("newsread-cache"))
    yield
    if old is None:
        os.environ.pop("NEWSREAD_CACHE_DIR", None)
    else:
        os.environ["NEWSREAD_CACHE_DIR"] = old
