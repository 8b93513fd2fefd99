"""The terminal user interface: the article, who is named, who said what."""

from newsread.app.main import NewsreadApp, run_app

__all__ = ["NewsreadApp", "run_app"]
