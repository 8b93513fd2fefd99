"""An article read from a web page has the same quotes and speakers as its plain text."""

from __future__ import annotations

from pathlib import Path

from newsread.sources import load

FIXTURE = Path(__file__).parent / "fixtures" / "sources" / "article.html"


def quotes_and_speakers(analysis):
    return [(q.text, q.kind, q.speaker_name) for q in analysis.quotes]


def test_page_served_over_http_has_the_plain_texts_speakers(httpserver, tmp_path, analyse_text):
    httpserver.expect_request("/ferry").respond_with_data(FIXTURE.read_bytes(), content_type="text/html; charset=utf-8")
    (page,) = load(httpserver.url_for("/ferry"))
    plain_file = tmp_path / "ferry.txt"
    plain_file.write_text(page.text, encoding="utf-8")
    (plain,) = load(str(plain_file))
    assert plain.text == page.text

    from_page, from_text = analyse_text(page.text), analyse_text(plain.text)
    assert quotes_and_speakers(from_page) == quotes_and_speakers(from_text)
    got = [(text, speaker) for text, kind, speaker in quotes_and_speakers(from_page) if kind != "indirect"]
    assert got[:3] == [
        ("We will not back down,", "Jane Doe"),
        ("The ferry is how our nurses, our teachers and our grocers get to work.", "Jane Doe"),
        ("look again at every other option", "Tomas Ekdahl"),
    ]
    assert got[3][0] == "It’s not a luxury," and got[3][1].endswith("Ola Brandt")
