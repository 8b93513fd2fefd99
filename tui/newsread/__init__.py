"""newsread: a terminal reader that shows who is named in a news article and who said what."""

__version__ = "1.0.0"
