"""Markup in articles: Rich/Textual markup (``[bold red]``, ``[/]``, ``[@click=app.quit]``),
``$variables``, ``{}`` format fields, markdown syntax; in quotes, in speakers' names and in
an HTML title.  The text and markdown outputs must show all of it literally: the text
format as is, the markdown format so that a CommonMark renderer shows it as is.
"""

from __future__ import annotations

import html
import re

import pytest

from hostile.support import run_cli

ARTICLE = (
    "“Use [bold red]loud[/] text and [@click=app.quit]quit[/] now,” said Jane Doe.\n"
    "“Pay $variable and ${HOME} or {} and {0} and {name} and %s and %(x)s,” she added.\n"
    "“See [link](https://x.invalid) and *not bold* and _not italic_ and `code` and <b>tag</b> "
    "and C:\\path and # no heading,” said John Smith.\n"
    "“Stop,” said Mary Roe[@click=app.quit].\n"
    "“Go,” said Jim Poe[/].\n"
    "“Wait,” said a $spokesman.\n"
)
LITERALS = (
    "[bold red]loud[/]", "[@click=app.quit]quit[/]", "$variable", "${HOME}", "{}", "{0}", "{name}",
    "%s", "%(x)s", "[link](https://x.invalid)", "*not bold*", "_not italic_", "`code`", "<b>tag</b>",
    "C:\\path", "# no heading",
)
TITLE = "[bold red]Breaking[/] {0} $HOME [@click=app.quit]quit[/] *x* _y_ `z` <i>i</i> \\o/"
PAGE = f"""<!doctype html>
<html><head><title>{html.escape(TITLE)}</title></head>
<body><article>
<p>“We will not back down from this fight, whatever it costs us,” said Jane Doe, the mayor of the city.</p>
<p>“The [bold]budget[/bold] is {{0}} and $total,” she told reporters at the town hall meeting on Tuesday.</p>
<p>The city council will vote on the plan next week after a long debate among its many members.</p>
</article></body></html>
"""


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("markup")
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "b.html").write_text(PAGE, encoding="utf-8")
    return folder / "a.txt", folder / "b.html"


@pytest.fixture(scope="module")
def output(files, cli_env):
    runs = {}

    def get(fmt: str) -> str:
        if fmt not in runs:
            proc = run_cli("quotes", *map(str, files), "--format", fmt, env=cli_env)
            err = proc.stderr.decode("utf-8", "replace")
            assert proc.returncode == 0 and err == "", err
            runs[fmt] = proc.stdout.decode("utf-8")
        return runs[fmt]

    return get


@pytest.fixture(scope="module")
def article_analysis(nlp):
    from newsread.analysis import analyse

    return analyse(ARTICLE, source="a.txt", nlp=nlp)


def rendered_text(markdown: str) -> str:
    """What a reader sees of ``markdown`` in a CommonMark renderer: the HTML's text."""
    markdown_it = pytest.importorskip("markdown_it")
    out = markdown_it.MarkdownIt("commonmark").render(markdown)
    return html.unescape(re.sub(r"<[^>]*>", "", out))


def test_markup_reaches_the_quotes_and_the_speakers_names(article_analysis):
    # Guard: the texts below really carry markup into every field that is printed.
    quotes = [q.text for q in article_analysis.quotes]
    assert quotes[:3] == [
        "Use [bold red]loud[/] text and [@click=app.quit]quit[/] now,",
        "Pay $variable and ${HOME} or {} and {0} and {name} and %s and %(x)s,",
        "See [link](https://x.invalid) and *not bold* and _not italic_ and `code` and <b>tag</b> "
        "and C:\\path and # no heading,",
    ]
    speakers = [e.name for e, _ in article_analysis.speakers()]
    assert any("[" in name for name in speakers), speakers
    assert any("$" in name for name in speakers), speakers


def test_text_format_shows_markup_literally(output, article_analysis):
    out = output("text")
    for literal in LITERALS:
        assert literal in out, literal
    for q in article_analysis.quotes:
        assert f"“{q.text}”" in out
    for entity, quotes in article_analysis.speakers():
        assert f"\n{entity.name} ({entity.label}) — {len(quotes)} quote" in out, entity.name


def test_text_format_shows_the_html_title_literally(output):
    lines = output("text").splitlines()
    headings = [ln for ln in lines if " quotes, " in ln]
    assert len(headings) == 2
    assert headings[1].startswith(TITLE + " — "), headings[1]
    assert "“The [bold]budget[/bold] is {0} and $total,”" in output("text")


def test_markdown_renders_markup_literally(output, article_analysis):
    shown = rendered_text(output("markdown"))
    for literal in LITERALS:
        assert literal in shown, literal
    for q in article_analysis.quotes:
        assert f"“{q.text}”" in shown, q.text
    for entity, _ in article_analysis.speakers():
        assert f"\n{entity.name} ({entity.label})\n" in shown, entity.name


def test_markdown_headings_and_structure_are_not_hijacked(output):
    md = output("markdown")
    markdown_it = pytest.importorskip("markdown_it")
    tokens = markdown_it.MarkdownIt("commonmark").parse(md)
    kinds = {t.type for t in tokens}
    # Only headings, paragraphs and one flat bullet list per speaker: no links, code,
    # emphasis, HTML or nested blocks made from article text.
    assert kinds <= {"heading_open", "heading_close", "paragraph_open", "paragraph_close", "inline",
                     "bullet_list_open", "bullet_list_close", "list_item_open", "list_item_close"}, kinds
    children = {c.type for t in tokens if t.type == "inline" for c in (t.children or [])}
    assert children <= {"text", "softbreak", "text_special"}, children
    h1 = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h1"]
    assert len(h1) == 2
    assert rendered_text(h1[1]).strip() == TITLE


def test_markdown_shows_entity_references_literally(analyse_text):
    from newsread.export import render

    a = analyse_text("“AT&amp;T and &copy; and &lt;b&gt; are text,” said Jane Doe.")
    assert [q.text for q in a.quotes] == ["AT&amp;T and &copy; and &lt;b&gt; are text,"]
    assert "“AT&amp;T and &copy; and &lt;b&gt; are text,”" in rendered_text(render([a], "markdown"))


def test_html_entities_are_decoded_once():
    from newsread.sources import document

    page = (b"<html><head><title>Fish &amp;amp; chips &amp;copy; 2024</title></head><body><article>"
            b"<p>We went out for fish &amp;amp; chips &amp;lt;b&amp;gt; and it was a very good meal that "
            b"everyone in the town enjoyed a lot.</p><p>A second paragraph makes the page look like an "
            b"article with more text in it for the extractor to keep.</p></article></body></html>")
    doc = document(page, source="x.html", kind="html")
    assert doc.title == "Fish &amp; chips &copy; 2024"
    assert doc.text.startswith("We went out for fish &amp; chips &lt;b&gt; and")
