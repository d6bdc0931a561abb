"""Fact frames: what a figure measures, so that only figures stating the same fact are compared.

A quantity's frame says what it counts and what is said of it:

- ``measure``: the class of the fact. People said to be killed, dead, to have died, bodies, a
  death toll measure ``deaths``; injured, wounded, hurt, hospitalised ``injuries``; arrested,
  detained ``arrests``; and so on (the classes are reviewed data, ``checker/data/measures.toml``;
  words are matched as lemmas, so every inflection counts). A specific counted thing keeps its
  name ("container", "cable"), with the class as its role when one is said ("cable damaged").
  Some shapes say the measure themselves: "a mother of 12" counts children, "a .38-caliber
  revolver" gives a calibre, "shot eleven times" counts hits.
- ``part``: ``part`` when the figure is a part of a larger whole or an addition to another
  figure ("including two children", "another 20,000", "two more", "of whom"), ``total`` when it
  is said to be the whole ("a total of", "in all"); ``None`` otherwise.
- ``places``: the places the text says the figure happened in ("20,000 marched in Thessaloniki"),
  when it says so explicitly; ``years``: years named beside the figure ("the 2004 tsunami").

Two frames are compatible when they have the same measure and unit and the same part, and no
explicit place or year of one contradicts the other's (an absent place is no contradiction:
"Five people were injured." and "five were injured in Halifax" state one fact).

Pure functions only: no I/O beyond reading the packaged data once, no printing.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import regex

from .extractors.lemmas import all_lemmas
from .extractors.nouns import singular
from .model import Claim, ClaimKind

# Counted things too generic to compare without knowing what happened to them.
GENERIC_THINGS = frozenset(
    """person people civilian man woman child adult resident citizen individual victim soldier troop
    worker member official employee student passenger patient teen teenager boy girl officer""".split()
)
# Counted "things" that measure time or play rather than count objects ("in 54 games", "six
# seasons", "two blocks away", "3 p.m."): figures about them are not aligned as counts.
SPAN_THINGS = frozenset(
    """second minute hour day night week month year decade century season game match inning round
    start time times block mile kilometre kilometer meter metre foot feet yard inch p am pm a.m. p.m.
    lead loss win victory defeat record score deficit edge margin x by""".split()
)
# Sports statistics change with every game and are stated per game, season or career.
STAT_THINGS = frozenset(
    """touchdown rebound shot pass homer run rbi goal point assist yard carry catch reception sack
    strikeout hit basket knockout punch birdie bogey wicket""".split()
)
# Nouns that measure or classify rather than name the counted thing ("two counts of murder").
MEASURE_THINGS = frozenset("""count charge piece pair group number set series kind type lot batch part share
    report source statement account estimate""".split())  # "One report said six children were killed"
# Adjectives used as the counted people ("24 dead", "over 200 injured"), with their class.
ADJECTIVE_PEOPLE = {"dead": "deaths", "killed": "deaths", "injured": "injuries", "injure": "injuries",
                    "wounded": "injuries", "wound": "injuries", "hurt": "injuries", "missing": "missing",
                    "arrested": "arrests", "detained": "arrests", "shot": "shot"}
_IDIOM_END = regex.compile(r"\b(?:open(?:ed|s)?|return(?:ed|s)?|exchang(?:ed|es)?|caught|catch(?:es)?)\s+fire$", regex.I)
# "a sweet 16 party", "a 12-gauge shotgun": a number after an indefinite article names a kind.
_KIND_BEFORE = regex.compile(r"\b(?:a|an)\s+(?:(?!(?:further|total|reported|estimated|approximate|additional|mere|"
                             r"whopping|staggering|extra|maximum|minimum|record|massive|combined)\s)[\p{L}-]+\s+)?$",
                             regex.I)  # not "a further 20,000 people", "an approximate 200,000"

# Measures of people (the classes of measures.toml [people], and what adjectives say).
PEOPLE_MEASURES = frozenset({"deaths", "injuries", "arrests", "charges", "evacuations", "missing", "rescues",
                             "participants", "casualties", "killed or missing", "children", "hits", "shot",
                             "spouses", "present", "agents", "assaulted", "population"})
# Measures that grow as a story unfolds: a later, higher figure is an update.
TOLL_MEASURES = frozenset({"deaths", "injuries", "arrests", "charges", "evacuations", "missing", "rescues",
                           "casualties", "killed or missing", "shot"})

_WORDS = regex.compile(r"\p{L}+(?:-\p{L}+)*")  # "non-fatal" is one word, not "fatal"
_EVENT_SUBJECT = regex.compile(r"\b(?:the|a|an|this|that|its|\p{L}+'s)\s+(?:\p{L}+\s+)?\p{L}+ing\b", regex.I)
# Where what is said of a figure ends: punctuation, a coordination, or a subordinate clause with
# its own subject ("About 100 people were in the building when she began shooting").
_CLAUSE_END = regex.compile(r"[,;:()]|\s(?:and|but|while|whereas|as well as|when|after|before|because|until)\s"
                            # "died in a bank as tens of thousands took to the streets"; not "as many as 20"
                            r"|(?<!\b(?:many|much|few|long|well|such|same|soon|far))\sas\s"
                            r"(?!(?:many|much|few|well|a\s+result|part|of|if|though|long|soon|far|high|low)\b)",
                            regex.I)
_APPOSITION_START = regex.compile(r"^\s*[,(]")
_DEAD_OR_MISSING = regex.compile(r"^\s+(?:dead|killed)\s+(?:and|or)\s+missing\b", regex.I)
_NAME_BEFORE = regex.compile(r"(?<![.!?]\s)(?<!^)\b\p{Lu}[\p{L}\d-]*\s+$")
_PARTITIVE_BEFORE = regex.compile(r"\d\s+(?:of|out\s+of)\s+$")
# Shapes that say what a bare number measures.
_PARENT_OF = regex.compile(r"\b(?:mother|father|parent|mom|dad|grandmother|grandfather)\s+(?:of|to)\s+$", regex.I)
_CALIBER_AFTER = regex.compile(r"^\s*-?\s*(?:caliber|calibre|cal\.|mm)\b", regex.I)
_TIMES_AFTER = regex.compile(r"^\s+times\b", regex.I)
# "estimated the crowd at 70", "a crowd of 5,000": the size of a gathering.
_CROWD_BEFORE = regex.compile(r"\bcrowds?\s+(?:(?:was|were|is|numbered|numbering|estimated|put|of\s+about)\s+)?(?:at|of)\s+$"
                              r"|\b(?:was|were)\s+attended\s+by\s+$", regex.I)
_POPULATION_BEFORE = regex.compile(r"\bpopulation\s+(?:of|is|was|numbers|totals)\s+$", regex.I)
# "put the march at 30,000", "estimated the size of the rally at 5,000": the size of a gathering.
_GATHERING_AT = regex.compile(r"\b(?:put|puts|estimated?|estimates|placed?|places|numbered)\s+(?:the\s+)?(?:size\s+of\s+"
                              r"the\s+)?(?:crowd|march|rally|protest|demonstration|turnout|gathering|vigil)s?\b"
                              r"[^.;:]{0,60}?\bat\s+(?:about\s+|around\s+|roughly\s+|some\s+|nearly\s+)?$", regex.I)
_HIT_BEFORE = regex.compile(r"\b(?:shot|struck|hit|stabbed|hitting|shooting|stabbing)\s+(?:\p{L}+\s+){0,2}$", regex.I)
_PART_BEFORE = regex.compile(
    r"\b(?:including|includes|included|among\s+them|among\s+whom|of\s+whom|of\s+which|other|another|"
    r"further|additional|besides|plus|also)\s+(?:\p{L}+\s+){0,1}$", regex.I)
_PART_AFTER = regex.compile(r"^\s+(?:more|others?|additional|of\s+(?:them|those|whom))\b", regex.I)
# A figure coordinated with another ("a man and two women", "two women and a man"): a part.
_NUMBER_WORD = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d[\d,]*)"
_COORD_BEFORE = regex.compile(r"\b" + _NUMBER_WORD + r"\s+(?:[\p{L}\d-]+\s+){0,2}(?:and|as\s+well\s+as|plus)\s+$",
                              regex.I)  # "a 63-year-old woman and two men"
# "Jeffs and 11 other men", "Blackmore and another member": the figure is added to a named person.
_NAME_AND_BEFORE = regex.compile(r"\b\p{Lu}[\p{L}'’-]+\s+(?:and|as\s+well\s+as|along\s+with)\s+$")
_COORD_AFTER = regex.compile(r"^\s+(?:and|as\s+well\s+as|plus)\s+(?:" + _NUMBER_WORD + r"|another|others?)\s",
                             regex.I)  # "Two suffered injuries and another remains in critical condition"
_TOTAL_NEAR = regex.compile(r"\b(?:a\s+total\s+of|in\s+all|altogether|combined|overall|in\s+total|totall?ing)\b",
                            regex.I)
_YEAR = regex.compile(r"\b(?:1[89]|20)\d\d\b")
_POSSESSIVE_BEFORE = regex.compile(r"\b(?:her|his|their)\s+$", regex.I)
_OFFSPRING = frozenset({"child", "kid", "son", "daughter", "grandchild", "offspring", "boy", "girl"})
_PROJECTILES = frozenset({"bullet", "round", "slug", "pellet"})
_HIT_WORDS = frozenset({"hit", "strike", "struck", "enter", "pierce", "wound", "riddle"})
# Shots fired ("fired 11 shots", "sprayed 13 bullets", "12 rounds were fired"): not a sports statistic.
_SHOTS = frozenset({"shot", "round", "bullet", "gunshot"})
_FIRE_WORDS = frozenset({"fire", "spray", "unload", "pump", "discharge", "squeeze", "rain"})
# Words of prices and sales: "$1,799 for the 15-inch model", "priced at", "costs", "sells for".
_PRICE_WORDS = frozenset("""price priced cost sell sale retail start buy pay charge fee model version cheap cheaper
    expensive discount offer subscription""".split())
# Classes said only of people: a specific noun they are said of counts people ("firefighters").
_PEOPLE_ONLY = frozenset({"deaths", "injuries", "arrests", "evacuations", "missing", "charges", "shot"})
# Endings of abstract nouns, never people ("two opportunities to turn his life around").
_ABSTRACT = ("ity", "ities", "tion", "tions", "ment", "ments", "ness", "ance", "ances", "ence", "ences", "ship")
# Parts of a body are not counted as facts of a story ("shot twice in one arm").
BODY_PARTS = frozenset("""arm leg hand head shoulder chest torso foot back neck face stomach abdomen thigh hip knee
    finger eye ear buttock""".split())
# Measures said by a shape of the text: the shape is the fact, nothing more need be said.
SHAPE_MEASURES = frozenset({"children", "caliber", "hits", "shots fired"})


@dataclass(frozen=True, slots=True)
class Frame:
    """What a figure measures (see the module's documentation)."""

    measure: str
    unit: str | None
    role: str | None = None
    part: str | None = None
    who: str | None = None
    """For a measure of people, the noun that counts them ("worker" in "three bank workers
    dead"): not part of the key, but two different specific nouns ("soldiers", "civilians")
    count different people."""

    @property
    def key(self) -> tuple[str, str, str]:
        """The blocking key: figures with different keys are never compared. An amount of money
        keeps its role out of the key ("estimated at $1 million" and "$1 million in damage" may
        be one figure): roles of amounts are compared pairwise (:meth:`roles_agree`)."""
        if self.measure == "amount":
            return (self.measure, self.unit or "", "")
        return (self.measure, self.unit or "", self.role or "")

    def roles_agree(self, other: Frame) -> bool:
        return self.role is None or other.role is None or self.role == other.role

    def label(self) -> str:
        if self.unit == "percent":
            return f"share of {self.measure}" if self.measure else "percentage"
        text = f"{self.measure} {self.role}" if self.role else self.measure
        return f"{text} ({self.part})" if self.part else text


@cache
def _data() -> dict[str, dict[str, list[str]]]:
    data: dict[str, dict[str, list[str]]] = tomllib.loads(
        resources.files("checker").joinpath("data/measures.toml").read_text("utf-8"))
    return data


def _table(name: str) -> dict[str, str]:
    return {w: cls for cls, words in _data()[name].items() for w in words}


@cache
def _classes() -> tuple[dict[str, str], dict[str, str]]:
    return _table("people"), _table("things")


@cache
def _people_nouns() -> tuple[dict[str, str], frozenset[str]]:
    return _table("people_nouns"), frozenset(_data()["not_people"]["things"])


@cache
def _happenings() -> dict[str, str]:
    return _table("happenings")


@lru_cache(maxsize=65536)
def lemmas(word: str) -> tuple[str, ...]:
    """The word in lower case and its lemmas (every part of speech), by lemminflect's tables
    (:func:`checker.extractors.lemmas.all_lemmas`, read without loading lemminflect)."""
    w = word.lower()
    found = {w}
    for forms in all_lemmas(w).values():
        found.update(forms)
    return tuple(sorted(found))


def _class_of(words: list[str], table: dict[str, str]) -> str | None:
    for word in words:
        for lemma in lemmas(word):
            cls = table.get(lemma)
            if cls == "population" and word.lower().endswith("ing"):
                continue  # "five people living near the plant were evacuated": where they live modifies them
            if cls is not None:
                return cls
    return None


def _predicate_words(claim: Claim) -> list[str]:
    """Words around a figure in order of preference: the two before it, six after it up to the
    end of its clause, then the two before those."""
    sentence = claim.sentence
    offset = claim.start - claim.sentence_start
    end = offset + len(claim.text)
    after = _CLAUSE_END.split(sentence[end:end + 60], 1)[0]
    if _SINGULAR_VERB.match(after) and claim.low is not None and isinstance(claim.low, (int, float)) and claim.low > 1:
        after = ""  # "a leader with dozens of children was arrested": the verb is not theirs
    before_text = _CLAUSE_END.split(sentence[max(0, offset - 40):offset])[-1]
    # "The shooting left eight people injured": a noun before the figure is its subject, not
    # what happened to the people counted.
    before_words = _WORDS.findall(_EVENT_SUBJECT.sub(" ", before_text))
    # Past an apposition ("two children, were injured"): only when the clause ends right after the
    # figure with a comma or a parenthesis, not with a coordination ("in seven villages and killing
    # 10 people": the villages are not killed).
    rest = sentence[end:end + 80]
    beyond = _WORDS.findall(rest)[:8] if not after.strip() and _APPOSITION_START.match(rest) else []
    # "three people were involved in the killing": the event named after the figure is not what
    # happened to the people counted either.
    after_words = _WORDS.findall(_EVENT_SUBJECT.sub(" ", after))
    # "shot two police officers and four civilians": the verb before the list the figure ends
    listed = _list_verb(sentence[max(0, offset - 200):offset]) if not before_words else []
    return [*listed, *reversed(before_words[-2:]), *after_words[:6], *reversed(before_words[-4:-2]), *beyond,
            *_late_verb(sentence[end:end + 150])]


_LIST_JOINER = regex.compile(r"\s*,\s*(?:and\s+|as\s+well\s+as\s+)?|\s+(?:and|as\s+well\s+as)\s+", regex.I)
_LIST_ITEM = regex.compile(r"^(?:the|some|several|many|at\s+least|more\s+than|about|" + _NUMBER_WORD +
                           r")\s+(?:[\p{L}-]+\s+){0,4}[\p{L}-]+$", regex.I)
_ITEM_START = regex.compile(r"\b(?:a|an|the|some|several|many|one|two|three|four|five|six|seven|eight|nine|ten|"
                            r"\d[\d,]*)\s", regex.I)


_PREPOSITIONS = frozenset("""at in on to of for with from by into onto near over under after before during since
    until about around through across against among between within without toward towards upon via""".split())


def _list_verb(left: str) -> list[str]:
    """The verb before a list a figure ends: "attacked a government building, four shops and two
    banks" -> ``attacked`` for "two banks". Only when the figure follows a list's comma or "and"
    and the items before it are noun phrases."""
    pieces = _LIST_JOINER.split(left)
    if len(pieces) < 2 or pieces[-1].strip():
        return []
    index = len(pieces) - 2
    while index > 0 and _LIST_ITEM.match(pieces[index].strip()):
        index -= 1
    head = pieces[index]
    starts = list(_ITEM_START.finditer(head))
    if not starts:
        return []
    before = _WORDS.findall(head[:starts[-1].start()])
    if not before or before[-1].lower() in _PREPOSITIONS:
        return []  # "declared dead at the scene and two other victims": a clause, no list
    return before[-1:]


_SINGULAR_VERB = regex.compile(r"\s+(?:was|is|has)\b", regex.I)
_AUXILIARY = regex.compile(r"\b(?:has|have|had|was|were|is|are)\s+(?:been\s+|being\s+|also\s+)?(\p{L}+)", regex.I)
_POSTMODIFIER = regex.compile(r"^\s*,?\s*(?:of|in|from|at|on|near|with)\s", regex.I)
_NOT_NOUN_PHRASE = regex.compile(r"[;:()\"“”]|\b(?:who|whom|whose|which|that|when|where|after|before|because|while|as|if|"
                                 r"since|until|but|said|says|say|told)\b", regex.I)


def _late_verb(rest: str) -> list[str]:
    """The verb of a figure that is its clause's subject, past the noun's modifiers: "Two top
    leaders of a community in western Canada have been arrested" -> ``arrested``. Only past
    prepositional modifiers, with no clause of their own in between."""
    match = _AUXILIARY.search(rest)
    if match is None:
        return []
    between = rest[:match.start()]
    if not _POSTMODIFIER.match(between) or _NOT_NOUN_PHRASE.search(between) or len(between.split()) > 15:
        return []
    return [match.group(1)]


def around(claim: Claim, before: int, after: int) -> tuple[str, str]:
    """The text of a claim's sentence up to ``before`` characters before its quote and up to
    ``after`` characters after it."""
    offset = claim.start - claim.sentence_start
    end = offset + len(claim.text)
    return claim.sentence[max(0, offset - before):offset], claim.sentence[end:end + after]


def _part(claim: Claim, people: bool = True) -> str | None:
    """``part``, ``total`` or ``None`` (see the module's documentation). A coordination makes a
    part only of people counted together ("a man and two women"): things listed side by side
    ("four shops and two banks") are different counts, each whole."""
    left, right = around(claim, 40, 25)
    first_token = (claim.text.split() or [""])[0]
    inside = claim.text[claim.text.find(first_token) + len(first_token):]  # "11 other men": "other" is in the quote
    if _PART_BEFORE.search(left) or _PART_AFTER.match(right) or _PART_AFTER.match(inside):
        return "part"
    after_noun = claim.sentence[claim.end - claim.sentence_start:][:25]
    coordinated = _COORD_BEFORE.search(left)
    # "five dead and 16 injured", "30 dead and 55 wounded": two measures side by side, not parts of one.
    measures = (claim.subject in ADJECTIVE_PEOPLE
                or (coordinated is not None and any(w.lower() in ADJECTIVE_PEOPLE
                                                    for w in _WORDS.findall(coordinated.group(0)))))
    if people and ((not measures and (coordinated or _COORD_AFTER.match(after_noun))) or _NAME_AND_BEFORE.search(left)):
        return "part"
    if _TOTAL_NEAR.search(left[-25:] + " " + right[:15]):
        return "total"
    return None


_DECIMAL = regex.compile(r"\d\.\d(?!\d*\s*(?:million|billion|thousand|trillion|mn|bn|m|k)\b)", regex.I)


def _integral(claim: Claim) -> bool:
    """Is the figure stated as a whole number ("about 50,000" is; "6.1" is not; "2.5 million" is)?"""
    return _DECIMAL.search(claim.text) is None


def frame_of(claim: Claim, thing: str | None) -> Frame | None:
    """The frame of a quantity claim, or ``None`` when the figure cannot be aligned safely (an
    age, a time of day, a sports statistic, part of a name). ``thing`` is the claim's counted
    thing with spellings merged across the corpus (``Alignment.thing``)."""
    if claim.kind is not ClaimKind.QUANTITY or claim.attr("measure") == "age":
        return None
    left, right = around(claim, 30, 20)
    if thing in _OFFSPRING and (_POSSESSIVE_BEFORE.search(left[-8:]) or _PARENT_OF.search(left)):
        return Frame("children", claim.unit, who=_parent(left))  # "one of her 12 children": how many she has
    if claim.attr("referential"):
        return None  # "the two nations" refers, it does not count
    if claim.subject is None or _is_currency(claim.unit):
        return _bare_frame(claim, left, right)
    if thing in _SHOTS and claim.subject is not None and _integral(claim):
        # the nearest word that says what the shots did: "fired 11 rounds, striking Gray" were fired
        told = next((lemma for w in _predicate_words(claim) for lemma in lemmas(w)
                     if lemma in _FIRE_WORDS or lemma in _HIT_WORDS), None)
        if told in _FIRE_WORDS:
            return Frame("shots fired", claim.unit)  # "fired 11 shots", "sprayed 13 bullets"
    if thing is None or thing in SPAN_THINGS or thing in MEASURE_THINGS or thing in STAT_THINGS or thing in BODY_PARTS:
        return None
    if _PARTITIVE_BEFORE.search(left[-12:]):
        return None  # "28 of 41 passes": a part of an unnamed whole
    if _IDIOM_END.search(claim.text):
        return None  # "two gunmen opened fire": no fire is counted
    if claim.text[:1].isdigit() and _KIND_BEFORE.search(left[-20:]) and not claim.attr("compound"):
        return None  # "a sweet 16 party": a kind, not a count
    if claim.text[:1].isdigit() and _NAME_BEFORE.search(left):
        return None  # "FireWire 800 port", "Week 15 loss": part of a name
    first_token = (claim.text.split() or [""])[0]
    after_number = claim.start - claim.sentence_start + claim.text.find(first_token) + len(first_token)
    if _CALIBER_AFTER.match(claim.sentence[after_number:after_number + 12]):
        return Frame("caliber", None)  # ".357 caliber revolver"
    people, things = _classes()
    if claim.attr("compound"):
        # "a 1,000-member church", "the three-story building": a property of the thing named after it
        return Frame(thing, claim.unit, _class_of(_predicate_words(claim), things))
    if _DEAD_OR_MISSING.match(right):
        return Frame("killed or missing", claim.unit, part=_part(claim))
    words = _predicate_words(claim)
    if thing not in _PROJECTILES:
        done = _agent_of(claim)
        if done is not None:
            return Frame("agents", claim.unit, done, _part(claim), who=None if thing in ("person", "people") else thing)
    if thing in ADJECTIVE_PEOPLE:  # "24 dead and over 200 injured"
        return Frame(ADJECTIVE_PEOPLE[thing], claim.unit, part=_part(claim)) if _integral(claim) else None
    nouns, not_people = _people_nouns()
    noun_class = _class_of([thing], nouns)
    if noun_class is not None and _integral(claim):
        said = _class_of(words, people)
        if said in _PEOPLE_ONLY and said != noun_class and noun_class != "spouses":
            # "400 protesters have been detained": arrests; "alleged to have 19 wives": still wives
            return Frame(said, claim.unit, part=_part(claim), who=thing)
        return Frame(noun_class, claim.unit, part=_part(claim))  # "500 protesters", "19 wives"
    if thing.endswith("ed") and _class_of([thing], people) is not None and _integral(claim):
        return Frame(_class_of([thing], people) or "", claim.unit, part=_part(claim))  # "Dozens gathered"
    if thing in ("death", "fatality"):
        return Frame("deaths", claim.unit, part=_part(claim))
    if thing in ("injury", "casualty"):
        return Frame("injuries" if thing == "injury" else "casualties", claim.unit, part=_part(claim))
    if thing in _PROJECTILES and any(lemma in _HIT_WORDS for w in words for lemma in lemmas(w)):
        return Frame("hits", claim.unit)  # "seven bullets hit Mr. Gray", "hit by seven bullets"
    generic = thing in GENERIC_THINGS or singular(thing) in GENERIC_THINGS
    if generic or thing == "person":
        cls = _class_of(words, people)
        if cls is None and _GATHERING_AT.search(claim.sentence[max(0, claim.start - claim.sentence_start - 100):
                                                              claim.start - claim.sentence_start]):
            cls = "participants"  # "Police put the march, to mark the strike, at roughly 30,000 people"
        if cls is None:
            return None  # "five people": what happened to them is not said near the figure
        if not _integral(claim):
            return None  # "6.1 magnitude earthquake injures": people are counted in whole numbers
        if cls in ("hits",):
            return None
        who = None if thing in ("person", "victim", "people") else thing
        return Frame(cls, claim.unit, part=_part(claim), who=who)
    role = _class_of(words, things)
    if role is not None:
        return Frame(thing, claim.unit, role, _part(claim, people=False))
    if thing in not_people or singular(thing) in not_people:
        return Frame(thing, claim.unit, None, _part(claim, people=False))  # "evacuated several buildings": not people
    cls = _class_of(words, people)
    if cls is not None and cls == _class_of([thing], people):
        cls = None  # "19 gunshots": the thing is the event itself, not people it happened to
    if cls in _PEOPLE_ONLY and _integral(claim) and not thing.endswith(_ABSTRACT):
        # "two firefighters were injured": only people are injured, arrested, evacuated
        return Frame(cls, claim.unit, part=_part(claim), who=thing)
    return Frame(thing, claim.unit, None, _part(claim, people=False))


# A verb right after the counted people, with an object after it: they did it ("two officers fatally
# shot Kimani Gray", "two gunmen killed five people"); not "five people shot Sunday", "were shot".
_AGENT_VERB = regex.compile(r"(?:\s+(?P<noun>\p{Ll}+s))?\s+(?:\p{L}+ly\s+)?(?P<verb>\p{Ll}+)(?:\s+and\s+\p{Ll}+)?"
                            r"\s+(?P<object>\p{L}+|\d+)(?!\s+of\b)")  # "two police officers fatally shot Gray"
_OBJECT_START = frozenset("""a an the his her their its this that these those him them us me one two three four five six
    seven eight nine ten dozens several""".split())
_VIOLENCE = frozenset({"deaths", "shot", "injuries", "hits", "killed or missing", "casualties"})


def _agent_of(claim: Claim) -> str | None:
    """What people counted by a figure did to others, when they did it ("two officers fatally
    shot Gray" -> ``violence``, "three deputies arrested him" -> ``arrests``), else ``None``."""
    match = _AGENT_VERB.match(claim.sentence, claim.end - claim.sentence_start)
    if match is None:
        return None
    obj = match.group("object")
    if obj.lower() not in _OBJECT_START and not (obj[0].isupper() and obj not in _TIME_NAMES) and not obj.isdigit():
        return None
    verb = match.group("verb")
    if verb in ADJECTIVE_PEOPLE and verb in ("dead", "missing", "hurt"):
        return None
    cls = _class_of([verb], _classes()[0])
    if cls not in _PEOPLE_ONLY and cls != "hits":
        return None
    return "violence" if cls in _VIOLENCE else cls


_TIME_NAMES = frozenset("""Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May
    June July August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Today
    Tonight Yesterday Last This Early Late""".split())


def role_in(text: str) -> str | None:
    """The role a text says of a counted thing or amount ("There's definitely a lot of damage." ->
    ``damaged``), by the [things] classes of measures.toml; the last word that says one first."""
    return _class_of(list(reversed(_WORDS.findall(text))), _classes()[1])


def _is_currency(unit: str | None) -> bool:
    """Is the unit a currency code ("USD", "EUR")?"""
    return unit is not None and len(unit) == 3 and unit.isupper()


def _bare_frame(claim: Claim, left: str, right: str) -> Frame | None:
    """A figure with no counted noun, framed by a shape around it or by its currency."""
    if _is_currency(claim.unit):
        things = _classes()[1]
        # The words of the clause before the amount too: "Damage to the church was estimated at $1 million".
        offset = claim.start - claim.sentence_start
        clause = _CLAUSE_END.split(claim.sentence[max(0, offset - 80):offset])[-1]
        words = [*(claim.subject or "").split(), *_predicate_words(claim), *reversed(_WORDS.findall(clause))]
        named = _class_of((claim.subject or "").split()[-1:], things)
        if named is not None:
            return Frame("amount", claim.unit, named, _part(claim))  # "offering a $35,000 reward": no price
        if any(lemma in _PRICE_WORDS for word in words for lemma in lemmas(word)):
            return None  # a price: each model, size or offer has its own
        role = _class_of(words, things)
        return Frame("amount", claim.unit, role, _part(claim))
    if not _integral(claim) and not claim.text.lstrip().startswith("."):
        return None
    if _PARENT_OF.search(left):
        return Frame("children", None, who=_parent(left))
    if _CALIBER_AFTER.match(right):
        return Frame("caliber", None)
    if _TIMES_AFTER.match(right) and _HIT_BEFORE.search(left):
        return Frame("hits", None)
    if _POPULATION_BEFORE.search(left):
        return Frame("population", None)
    if _CROWD_BEFORE.search(left) or _GATHERING_AT.search(claim.sentence[max(0, claim.start - claim.sentence_start - 100):
                                                                         claim.start - claim.sentence_start]):
        return Frame("participants", None)
    state = _TITLE_STATE.match(right)
    if state is not None and state.group(1).lower() in ADJECTIVE_PEOPLE:
        return Frame(ADJECTIVE_PEOPLE[state.group(1).lower()], None)  # a headline: "Three Killed In Athens"
    return None


# A capitalised state right after a bare figure, as headlines write it ("Three Killed", "2 DEAD").
_TITLE_STATE = regex.compile(r"^\s+(\p{Lu}\p{L}+)\b")
_PARENTS = {"mom": "mother", "dad": "father"}


def _parent(left: str) -> str | None:
    """Who has the children counted: "a mother of 12" -> ``mother`` (a father of three is another person)."""
    match = _PARENT_OF.search(left)
    if match is None:
        return None
    word = match.group(0).split()[0].lower()
    return _PARENTS.get(word, word)


def years(claim: Claim) -> frozenset[str]:
    """Years named in a figure's sentence: a figure about another year is another fact."""
    return _years_beside(claim.sentence, claim.text)


@lru_cache(maxsize=65536)
def _years_beside(sentence: str, quote: str) -> frozenset[str]:
    """:func:`years` of the claim ``quote`` of ``sentence`` (read once: the rules and the
    stories' background ask it of the same claims)."""
    return years_in(sentence.replace(quote, " "))


def years_in(text: str) -> frozenset[str]:
    """The years (1800-2099) a text names."""
    return frozenset(_YEAR.findall(text))


# A day told by the report, not by the happening: "police said Tuesday", "announced on Monday".
_REPORTED_BEFORE = regex.compile(r"\b(?:said|say|says|told|announced|reported|confirmed|added|stated|released|"
                                 r"identified|updated|wrote|revealed|shown|showed|played|aired|testified|heard|"
                                 r"ruled|began|begins|opened|started|continued|resumed|held|scheduled|set|described|"
                                 r"ordered|filed|issued|charged|sentenced|arraigned|indicted)"
                                 r"(?:\s+\p{L}+){0,2}\s+(?:on\s+)?$", regex.I)
_HAPPENING_WORDS = 10
_CRIME = frozenset({"violence", "fire", "explosion"})
_LEGAL = frozenset({"arrest", "charge", "verdict", "sentencing", "court"})
# "a vigil today", "tonight's game": the day of the report itself, not of the happening.
_DEICTIC = frozenset({"today", "tonight"})
"""Event words up to this many words before a date (in its clause) say what it dates."""
_DATE_CLAUSE_END = regex.compile(r"[;:()]|\s(?:and|but|while|whereas|after|before|when|as)\s", regex.I)


@lru_cache(maxsize=65536)
def happening_class(word: str) -> str | None:
    """The class of happening a word names, by its lemmas ("shot" -> ``violence``, "blaze" ->
    ``fire``, "ousted" -> ``expulsion``), or ``None`` (reviewed data, measures.toml [happenings])."""
    table = _happenings()
    for lemma in lemmas(word):
        cls = table.get(lemma)
        if cls is not None:
            return cls
    return None


@lru_cache(maxsize=65536)
def _word_happenings(word: str) -> tuple[str, ...]:
    """The classes of happening a word's lemmas name, each once, in the order of its lemmas: read
    once per word (:func:`happening_of` reads a dozen words around every date, most of them
    common words met again and again)."""
    table = _happenings()
    return tuple(cls for cls in dict.fromkeys(table.get(lemma) for lemma in lemmas(word)) if cls)


def happening_of(claim: Claim) -> str | None:
    """What a day-precise date is the day of: the class of the nearest event word in its clause
    ("was shot on Sunday" -> ``violence``, "the Dec. 6 killing" -> ``violence``, "a fire broke
    out Tuesday" -> ``fire``), or ``None`` when no event word is near, or when the date is the
    day something was said ("police said Tuesday")."""
    if claim.kind is not ClaimKind.DATE or claim.granularity is None or claim.granularity.value != "day":
        return None
    if claim.text.strip().lower() in _DEICTIC:
        return None
    offset = claim.start - claim.sentence_start
    end = offset + len(claim.text)
    left = _DATE_CLAUSE_END.split(claim.sentence[max(0, offset - 80):offset])[-1]
    if _REPORTED_BEFORE.search(left):
        return None
    right = _DATE_CLAUSE_END.split(claim.sentence[end:end + 40], 1)[0]
    # The event word before the date first ("was shot on Sunday", "the shooting of X on
    # Saturday"), nearest first; then right after it ("the Dec. 6 killing", "Tuesday's fire").
    order = [*reversed(_WORDS.findall(left)[-_HAPPENING_WORDS:]), *_WORDS.findall(right)[:3]]
    found = [cls for word in order for cls in _word_happenings(word)]
    if not found:
        return None
    wide = _DATE_CLAUSE_END.split(claim.sentence[max(0, offset - 160):offset])[-1]
    legal = {cls for word in _WORDS.findall(wide) for cls in _word_happenings(word)} & _LEGAL
    if found[0] in _CRIME and (legal or any(cls in _LEGAL for cls in found)):
        return None  # "arrested on a count of assault Thursday": the day of the arrest, or of the crime?
    return found[0]
