"""Entity grouping and naming (``newsread.analysis.entities``): what an entity is called,
which mentions are one entity, and which tagger spans are no entity at all."""

from __future__ import annotations

import pytest

from newsread.analysis.entities import EntityGroups
from newsread.analysis.features import NameMention


def mention(text: str, start: int, label: str = "PERSON", titles=()) -> NameMention:
    return NameMention(start, start + len(text), text, label, titles=frozenset(titles))


def spans(a, name: str) -> list[str]:
    entity = next(e for e in a.entities if e.name == name)
    return [a.text[s:e] for s, e in entity.mentions]


# ------------------------------------------------------- titles swept into a name


@pytest.mark.parametrize(
    ("tagged", "name", "titles", "gender"),
    [
        ("Mayor Ana Ruiz", "Ana Ruiz", {"mayor"}, None),
        ("Fisherman Ola Brandt", "Ola Brandt", {"fisherman"}, "m"),
        ("Policewoman Ana Ruiz Diaz", "Ana Ruiz Diaz", {"policewoman"}, "f"),
        ("Foreign Minister Sergey Lavrov", "Sergey Lavrov", {"foreign", "minister"}, None),
        ("Lt. Gen. Keith Kellogg", "Keith Kellogg", {"lieutenant", "general"}, None),
        ("President Bashar al-Assad", "Bashar al-Assad", {"president"}, None),
        ("Mr. Smith", "Smith", {"mr"}, "m"),
    ],
)
def test_a_title_the_tagger_put_in_a_name_is_a_title_not_the_name(tagged, name, titles, gender):
    groups = EntityGroups([mention(tagged, 100)])
    (g,) = groups.groups
    assert (g.name, g.titles, g.gender) == (name, titles, gender)
    (m,) = g.mentions
    assert (m.start, m.end, m.text) == (100 + len(tagged) - len(name), 100 + len(tagged), name)


def test_only_a_leading_title_or_job_leaves_the_name():
    tagged = ["Mayor Ana Ruiz", "Secretary of State Marco Rubio", "Pope Francis", "Sherman Alexie",
              "Martin Luther King Jr.", "Fisherman Ola Brandt", "Bishop Briggs Hall"]
    groups = EntityGroups([mention(t, 100 * n) for n, t in enumerate(tagged)])
    # An office that runs on ("of"), a title that is part of how one is known, a first name
    # in -man before a surname alone, a suffix that is no name of its own: all left whole.
    assert [g.name for g in sorted(groups.groups, key=lambda g: g.first)] == [
        "Ana Ruiz", "Secretary of State Marco Rubio", "Pope Francis", "Sherman Alexie",
        "Martin Luther King Jr.", "Ola Brandt", "Briggs Hall"]


def test_a_titled_name_and_the_bare_name_are_one_person_called_by_the_name():
    names = [mention("Ana Ruiz", 0), mention("Mayor Ana Ruiz", 40), mention("Ruiz", 90, "ORG")]
    groups = EntityGroups(names)
    (g,) = groups.groups
    assert g.name == "Ana Ruiz" and "mayor" in g.titles
    assert [(m.start, m.text) for m in g.mentions] == [(0, "Ana Ruiz"), (46, "Ana Ruiz"), (90, "Ruiz")]
    # The mention is found by the span the tagger gave (attribution looks it up so).
    assert groups.of(40, 54) is g


def test_a_job_in_the_tagged_name_is_not_the_speakers_name(analyse_text):
    a = analyse_text(
        "Residents who packed the meeting hall applauded when the result was read out. Fisherman Ola Brandt,"
        " 64, said he had taken the 6:15 crossing every weekday for forty years.\n"
        "\u201cIt\u2019s not a luxury,\u201d he said.\n"
    )
    assert [e.name for e in a.entities if e.label == "PERSON"] == ["Ola Brandt"]
    assert spans(a, "Ola Brandt") == ["Ola Brandt", "he", "he"]
    assert [(q.text, q.speaker_name) for q in a.quotes] == [
        ("he had taken the 6:15 crossing every weekday for forty years", "Ola Brandt"),
        ("It\u2019s not a luxury,", "Ola Brandt"),
    ]


def test_the_title_in_the_tagged_name_finds_the_person_a_description_means(analyse_text):
    a = analyse_text(
        "Lawyer Ana Ruiz said the ruling was wrong.\n"
        "\u201cWe will win,\u201d the lawyer said.\n"
    )
    assert [e.name for e in a.entities] == ["Ana Ruiz"]
    assert spans(a, "Ana Ruiz") == ["Ana Ruiz", "the lawyer"]
    assert [(q.text, q.speaker_name, a.text[slice(*q.speaker_span)]) for q in a.quotes] == [
        ("the ruling was wrong", "Ana Ruiz", "Ana Ruiz"),
        ("We will win,", "Ana Ruiz", "the lawyer"),
    ]


# ------------------------------------------------------- a portfolio is no organisation

OFFICES = (
    "Secretary of State Marco Rubio and Defense Secretary Pete Hegseth met the Department of State staff"
    " on Monday. Rubio later flew to Ottawa to see the Prime Minister of Canada, Mark Carney, and the"
    " president of Microsoft, Brad Smith. Chancellor of the Exchequer Rachel Reeves and the"
    " Secretary-General of NATO, Mark Rutte, were there too.\n"
)


def test_a_word_of_an_office_title_is_no_organisation(analyse_text):
    a = analyse_text(OFFICES)
    # Not "State", "Defense" or "Exchequer"; the department named whole, the place, the company
    # and the acronym after an office stay.
    assert [(e.name, e.label) for e in a.entities] == [
        ("Marco Rubio", "PERSON"), ("Pete Hegseth", "PERSON"), ("Department of State", "ORG"),
        ("Ottawa", "GPE"), ("Canada", "GPE"), ("Mark Carney", "PERSON"), ("Microsoft", "ORG"),
        ("Brad Smith", "PERSON"), ("Rachel Reeves", "PERSON"), ("NATO", "ORG"), ("Mark Rutte", "PERSON"),
    ]


def test_the_seeds_secretary_of_state_is_no_entity(seed_analysis, seed_text):
    at = seed_text.index("Secretary of State Marco Rubio")
    covering = [e.name for e in seed_analysis.entities
                for s, t in e.mentions if s < at + len("Secretary of State") and at < t]
    assert covering == []
    assert "State" not in [e.name for e in seed_analysis.entities]


def test_only_the_mention_in_the_title_is_left_out():
    text = "Secretary of State Ana Ruiz spoke. Later the State answered.\n"
    first, later = text.index("State"), text.rindex("State")
    groups = EntityGroups([mention("State", first, "ORG"), mention("Ana Ruiz", 19),
                           mention("State", later, "ORG")], text)
    assert [(g.name, [m.start for m in g.mentions]) for g in groups.groups] == [
        ("Ana Ruiz", [19]), ("State", [later])]
    # Without the text (as before), nothing is left out.
    assert len(EntityGroups([mention("State", first, "ORG")]).groups) == 1


# ------------------------------------------------------- people who share a surname


def test_a_titled_surname_is_not_the_relative_named_in_full(analyse_text):
    a = analyse_text(
        "First lady Michelle Obama visited the school on Monday. President Obama said he would"
        " come back in the spring.\n"
        "\u201cWe are proud of you,\u201d the president told her.\n"
    )
    # "President Obama" is someone the text never names in full: not the first lady.
    assert spans(a, "Michelle Obama") == ["Michelle Obama"]
    assert spans(a, "Obama")[:2] == ["Obama", "he"]
    assert [(q.text, q.speaker_name) for q in a.quotes] == [
        ("he would come back in the spring", "Obama"), ("We are proud of you,", "Obama")]


def test_mr_and_mrs_go_to_the_relative_of_their_sex(analyse_text):
    a = analyse_text(
        "Ivana Trump, his former wife, wrote a book. Her former husband, Donald Trump, said the book was unfair.\n"
        "Mrs. Trump said she stood by every word. Mr. Trump said he would not read it.\n"
    )
    assert spans(a, "Ivana Trump")[:2] == ["Ivana Trump", "Trump"]
    assert spans(a, "Donald Trump")[:2] == ["Donald Trump", "Trump"]
    assert [(q.text, q.speaker_name) for q in a.quotes] == [
        ("the book was unfair", "Donald Trump"), ("she stood by every word", "Ivana Trump"),
        ("he would not read it", "Donald Trump")]


def test_a_titled_surname_joins_the_relative_with_that_title_before_the_nearest():
    text = ("Former President George W. Bush campaigned for his brother Jeb Bush on Monday."
            " President Bush said the party needed him.\n")
    at = text.index("Bush said")
    names = [mention("George W. Bush", text.index("George")), mention("Jeb Bush", text.index("Jeb")),
             mention("Bush", at, titles={"president"})]
    groups = EntityGroups(names, text)
    assert groups.of(at, at + 4).name == "George W. Bush"



def test_a_report_the_tagger_swept_into_a_name_is_cut_off_and_a_speaking_work_is_a_person(analyse_text):
    # The small model tags "Reed told" as one WORK_OF_ART.
    a = analyse_text('"Leave is important for families," Reed told Business Insider in March.')
    assert [(e.name, e.label) for e in a.entities] == [("Reed", "PERSON"), ("Business Insider", "ORG")]
    assert [q.speaker_name for q in a.quotes] == ["Reed"]


def test_a_surname_followed_by_she_is_the_woman_of_two_relatives(analyse_text):
    # Nothing but their first names says which Reed is a woman.
    a = analyse_text("Tom Reed and his wife, Susan Reed, arrived at the rally together. Tom Reed spoke first.\n\n"
                     "“We are proud of this town,” Reed said, adding that she would run for mayor again.")
    assert [q.speaker_name for q in a.quotes] == ["Susan Reed", "Susan Reed"]


def test_a_name_cut_short_of_a_swept_in_report_is_still_the_subject():
    # "Reed told" tagged as one entity: the mention is "Reed", and it is the verb's subject.
    import spacy
    from spacy.tokens import Doc

    from newsread.analysis.features import paragraph_record

    nlp = spacy.blank("en")
    words = ["Reed", "told", "Business", "Insider", "that", "she", "would", "run", "."]
    doc = Doc(nlp.vocab, words=words, heads=[1, 1, 3, 1, 7, 7, 7, 1, 1],
              deps=["nsubj", "ROOT", "compound", "dobj", "mark", "nsubj", "aux", "ccomp", "punct"],
              pos=["PROPN", "VERB", "PROPN", "PROPN", "SCONJ", "PRON", "AUX", "VERB", "PUNCT"],
              tags=["NNP", "VBD", "NNP", "NNP", "IN", "PRP", "MD", "VB", "."],
              lemmas=["Reed", "tell", "Business", "Insider", "that", "she", "would", "run", "."],
              ents=["B-WORK_OF_ART", "I-WORK_OF_ART", "B-ORG", "I-ORG", "O", "O", "O", "O", "O"])
    rec = paragraph_record(doc, 0, 0, [])
    reed = [m for m in rec.names if m.text == "Reed"]
    assert len(reed) == 1 and reed[0].is_subject


def test_a_first_name_the_tagger_took_for_a_product_joins_the_person():
    text = "Susan Reed strode across the stage. Susan Reed smiled. Later Susan waved."
    at = text.index("Susan waved")
    names = [mention("Susan Reed", 0), mention("Susan Reed", text.index("Susan Reed smiled")),
             mention("Susan", at, label="PRODUCT")]
    groups = EntityGroups(names, text)
    assert groups.of(at, at + 5).name == "Susan Reed"


def test_a_person_the_tagger_mostly_calls_an_organisation_still_has_the_sex_of_the_first_name():
    from newsread.analysis.attribution import _genders_from_first_names

    text = "Donald Reed spoke. Donald Reed left. Donald Reed won. Donald Reed smiled."
    names = [mention("Donald Reed", text.index(f"Donald Reed {verb}"), label)
             for verb, label in (("spoke", "ORG"), ("left", "ORG"), ("won", "ORG"), ("smiled", "PERSON"))]
    groups = EntityGroups(names, text)
    groups.decide_labels()
    reed = groups.of(0, 11)
    assert reed.label == "ORG"  # the tagger's majority
    _genders_from_first_names(groups)
    assert reed.gender == "m"  # so no "she" lands on him


def test_a_first_and_last_name_is_a_person_however_tagged_but_an_institution_is_not():
    text = "Carly Reed spoke on Fox News. Reed said the Cleveland Browns lost. Reed left."
    names = [mention("Carly Reed", 0, "ORG"), mention("Fox News", text.index("Fox"), "ORG"),
             mention("Reed", text.index("Reed said"), "ORG"),
             mention("Cleveland Browns", text.index("Cleveland"), "ORG"), mention("Reed", text.index("Reed left"), "ORG")]
    groups = EntityGroups(names, text)
    carly = groups.of(0, 10)
    assert groups.of(text.index("Reed said"), text.index("Reed said") + 4) is carly
    assert carly.person_evidence and carly.gender is None and carly.name_sex == "f"
    assert not groups.of(text.index("Fox"), text.index("Fox") + 8).personal_name
    assert not groups.of(text.index("Cleveland"), text.index("Cleveland") + 16).personal_name
    carly.speaks = 2
    assert carly.decide_label() == "PERSON"


def test_a_first_name_spelled_like_a_report_stays_in_the_name(analyse_text):
    a = analyse_text("“The book is good,” said Sayed Kashua, the novelist.")
    assert [q.speaker_name for q in a.quotes] == ["Sayed Kashua"]
