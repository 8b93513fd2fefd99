"""Small closed word lists of English news writing (not names, not data)."""

from __future__ import annotations

#: Lemmas of verbs that report speech or writing.
SPEECH_VERBS = frozenset(
    """
    say tell add insist announce explain write note ask claim argue state warn declare
    continue reply respond answer acknowledge admit agree allege assert boast caution
    charge comment complain concede confirm contend counter cry deny describe emphasize
    emphasise estimate exclaim predict proclaim promise protest recall recount remark
    report reiterate repeat quip reason scoff shout stress suggest testify tweet post
    urge vow whisper wonder yell joke lament muse observe offer pledge point
    put recommend retort scream snap sneer speak sum summarize summarise thunder
    underscore mention maintain inform indicate hint grumble fume concur conclude
    declare demand email e-mail text blast slam criticize criticise praise
    call dub tout applaud read mock label term brand decry hail accuse quote cite
    threaten characterize characterise deride dismiss question reveal plead
    bark snarl growl scold chant sing gush rail rant interject interrupt confide assure
    opine vent sigh chime holler murmur mutter beg implore advise lecture jab
    affirm reaffirm boom intone retweet elaborate riff express
    """.split()
)

def looks_like_report(word: str) -> bool:
    """A past-tense reporting verb by its spelling alone, for one the tagger took for part of
    a name ("Stated Stone:", "Added Clinton:")."""
    w = word.lower()
    return w in ("said", "wrote", "told") or w.endswith("ed") and (w[:-2] in SPEECH_VERBS or w[:-1] in SPEECH_VERBS)


def reads_as_report(word: str) -> bool:
    """``looks_like_report``, and the present and "-ied" forms too: "says", "tells", "replied"."""
    w = word.lower()
    if looks_like_report(w):
        return True
    stems = (w[:-3] + "y",) if w.endswith(("ied", "ies")) else (w[:-1],) if w.endswith("s") else ()
    return any(stem in SPEECH_VERBS for stem in stems) or w in ("says", "tells", "writes")


#: Words of the names of organisations, outlets and places ("Fox News", "Clinton Foundation",
#: "Associated Press"): no person's name holds one.
INSTITUTION_WORDS = frozenset(
    """
    news network channel broadcasting radio tv television press post times journal herald tribune
    observer sentinel gazette chronicle star sun mail telegraph globe review magazine media
    foundation institute institution university college school academy center centre group party
    committee council campaign corps club company co inc corp corporation motor motors research
    library hotel house airport county city park street avenue square beach island lake river valley
    church museum hospital bank fund trust association society union league alliance initiative
    project program programme service department agency ministry office court first pac
    examiner inquirer courier dispatch register bulletin tech clinic
    """.split()
)


#: Nouns for something said, whose owner said it: "her comment that “…”", "Trump's call for “…”".
SPEECH_NOUNS = frozenset(
    """
    comment remark claim call statement promise vow pledge warning word assertion accusation
    insistence prediction suggestion description characterization characterisation charge
    complaint denial declaration announcement admission argument response reply answer message
    tweet quip joke boast plea demand threat appeal slogan catchphrase line mantra refrain
    """.split()
)

#: Third-person and first-person subject pronouns that can stand for a speaker.
PRONOUNS = frozenset({"he", "she", "they", "i", "we", "it"})
PERSON_PRONOUNS = {"he": "m", "she": "f"}

#: spaCy labels that name things (dates, numbers and amounts are left out).
NAMED_LABELS = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
)

_ABBREVIATIONS = {
    "sen": "senator",
    "rep": "representative",
    "gov": "governor",
    "gen": "general",
    "lt": "lieutenant",
    "col": "colonel",
    "sgt": "sergeant",
    "adm": "admiral",
    "pres": "president",
    "sec": "secretary",
    "dr": "doctor",
    "prof": "professor",
    "rev": "reverend",
    "amb": "ambassador",
    "atty": "attorney",
    "supt": "superintendent",
    "capt": "captain",
    "cmdr": "commander",
    "mr": "mr",
    "mrs": "mrs",
    "ms": "ms",
}

#: Words that, placed before or beside a name, say it names a person.
PERSON_TITLES = frozenset(
    """
    president minister chancellor secretary senator representative congressman congresswoman
    governor mayor judge justice general lieutenant colonel sergeant admiral captain commander
    mr mrs ms miss doctor professor reverend pope king queen prince princess ambassador envoy
    adviser advisor spokesman spokeswoman spokesperson chairman chairwoman chair ceo director
    leader candidate nominee speaker commissioner attorney sheriff chief officer deputy lawyer
    actor actress singer coach founder author economist analyst strategist aide manager
    premier emperor sultan sheikh senior-adviser lawmaker councilman councilwoman pastor
    rabbi bishop cardinal father sister brother wife husband mother son daughter
    vice-president vice pundit host anchor reporter columnist editor owner executive
    businessman businesswoman billionaire activist official president-elect
    nephew niece uncle aunt cousin grandfather grandmother grandson granddaughter
    colleague partner boss girlfriend boyfriend fiancé fiancée widow widower
    """.split()
)

_MALE = frozenset({"mr", "congressman", "spokesman", "chairman", "councilman", "king", "prince", "father",
                   "brother", "husband", "son", "businessman", "actor", "nephew", "uncle", "grandfather",
                   "grandson", "boyfriend", "fiancé", "widower"})
_FEMALE = frozenset({"mrs", "ms", "miss", "congresswoman", "spokeswoman", "chairwoman", "councilwoman",
                     "queen", "princess", "sister", "wife", "mother", "daughter", "businesswoman", "actress",
                     "niece", "aunt", "grandmother", "granddaughter", "girlfriend", "fiancée", "widow"})


#: Verbs after which almost any subject is a source ("the report said", "a sign read").
CORE_SPEECH_VERBS = frozenset(
    "say tell add write state report ask reply announce explain note insist claim argue declare warn "
    "read respond answer acknowledge admit confirm deny tweet post continue".split()
)

#: Verbs whose clause complement is what someone said ("said that …"); not "think" or "know".
REPORTING_VERBS = frozenset(
    "say tell add announce explain warn claim argue insist note suggest admit acknowledge deny "
    "confirm report write predict promise vow state declare assert contend allege testify "
    "tweet post reply respond answer concede stress emphasize emphasise reiterate repeat".split()
)

#: Nouns that name a source without naming a person: people, bodies and documents.
SOURCE_NOUNS = frozenset(
    """
    official source aide spokesperson representative staffer adviser advisor insider
    campaign committee government administration department ministry agency office council
    report statement study poll survey document filing memo letter website site message
    release email e-mail tweet post release transcript complaint lawsuit ruling order
    group organization organisation coalition union association company firm network newspaper
    paper magazine outlet station people voter supporter critic expert analyst resident member
    observer witness lawmaker senator leader activist protester protestor student worker
    officer police prosecutor lawyer attorney doctor scientist researcher economist historian
    friend neighbor neighbour relative family parent teacher woman man person fan
    sign banner ad advertisement video petition piece page editorial column article book
    clause contract agreement law bill platform manifesto policy proposal plan document
    team camp ally
    """.split()
)


#: Endings of nouns for people by what they do ("biographer", "reviewer", "economist").
_AGENT_ENDINGS = ("er", "ers", "ist", "ists", "ian", "ians", "tor", "tors", "sor", "sors", "ee", "ees", "geon", "geons")
_NOT_AGENTS = frozenset("""number order paper letter matter power water corner border center answer other latter
    former computer chapter quarter register character cancer disaster filter trigger offer career danger
    summer winter murder dinner weather shelter banner poster printer sticker flier flyer trailer cover
    after never rather together however whether either neither motor factor sector vector tractor reactor
    elevator generator indicator calculator cursor sensor processor coffee degree guarantee""".split())
#: Bodies of people that speak as one.
_COLLECTIVES = frozenset("counsel board staff panel jury crowd audience".split())
#: People named by what they are rather than by an ending: "respondents", "a resident".
_PEOPLE_NOUNS = frozenset("""respondent resident student opponent correspondent agent client patient
    parent dissident constituent incumbent proponent participant immigrant migrant applicant assistant
    consultant contestant defendant plaintiff informant attendant inhabitant tenant head""".split())
#: Words that stand for unnamed people: "someone shouted", "others chanted", "hundreds yelled".
INDEFINITE_PEOPLE = frozenset("""someone somebody anyone anybody another other some many several few
    hundred thousand dozen""".split())


def is_agent_noun(lemma: str) -> bool:
    """A noun that names a person by their role, judged by its ending: words only."""
    return (len(lemma) > 4 and lemma.endswith(_AGENT_ENDINGS) and lemma not in _NOT_AGENTS
            or lemma in _COLLECTIVES or lemma in _PEOPLE_NOUNS)


def normalise_title(word: str) -> str:
    word = word.strip(".").lower()
    return _ABBREVIATIONS.get(word, word)


def gender_by_votes(male: int, female: int) -> str | None:
    """"m" or "f" when the text says so at least twice, and twice as often as the other way."""
    if max(male, female) >= 2 and max(male, female) >= 2 * min(male, female) and male != female:
        return "m" if male > female else "f"
    return None


def gender_of(titles) -> str | None:
    male = any(t in _MALE for t in titles)
    female = any(t in _FEMALE for t in titles)
    if male != female:
        return "m" if male else "f"
    return None


def is_person_title(words) -> bool:
    return any(w in PERSON_TITLES for w in words)
