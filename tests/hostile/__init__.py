"""Hostile-input tests: terminal and markup injection, bad files, hard text, properties.

A package (with this ``__init__``) so that its ``conftest`` and helper modules are
imported as ``hostile.*`` and never shadow ``tests/conftest.py`` (which other test
modules import as plain ``conftest``).
"""
