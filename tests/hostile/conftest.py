"""Fixtures and the ``slow`` marker for the hostile-input tests."""

from __future__ import annotations

import pytest

from hostile.support import load_schema


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "slow: takes minutes; skipped unless NEWSREAD_SLOW=1 (tests/hostile)"
    )


@pytest.fixture(scope="session")
def cli_env(tmp_path_factory) -> dict:
    """Environment for CLI runs: a private cache directory, never the user's."""
    return {"NEWSREAD_CACHE_DIR": str(tmp_path_factory.mktemp("cache"))}


@pytest.fixture(scope="session")
def schema() -> dict:
    return load_schema()
