"""Language resources of the event extractor (English news): ontology, triggers, role frames, cues.

Everything here is data: the KAIROS types and roles (from the MIT-licensed json in ``data/``), the
trigger words keyed by lemma and coarse part of speech with the context conditions that separate
the senses of ambiguous words, the syntactic frames that map subjects, objects, possessives and
prepositions to roles, and the cue words for status and negation. The logic is in ``events.py``.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"
ONTOLOGY_FILES = ("kairos-event-roles.json", "newsx-event-additions.json")


@dataclass(frozen=True, slots=True)
class EventTypeSpec:
    """One event type: its roles in ontology order and the entity types each role accepts."""

    name: str
    roles: tuple[str, ...]
    role_types: dict[str, frozenset[str]]


@functools.cache
def event_types() -> dict[str, EventTypeSpec]:
    """The KAIROS types plus newsx's additions, read once."""
    specs: dict[str, EventTypeSpec] = {}
    for file_name in ONTOLOGY_FILES:
        for name, entry in json.loads((DATA_DIR / file_name).read_text(encoding="utf-8")).items():
            role_types: dict[str, frozenset[str]] = {}
            for role, kinds in zip(entry["roles"], entry["role_types"], strict=True):
                role_types[role] = role_types.get(role, frozenset()) | frozenset(kinds)
            specs[name] = EventTypeSpec(name, tuple(dict.fromkeys(entry["roles"])), role_types)
    return specs


# ---------------------------------------------------------------- event type names used below
ATTACK = "Conflict.Attack.Unspecified"
DETONATE = "Conflict.Attack.DetonateExplode"
DEFEAT = "Conflict.Defeat.Unspecified"
DEMONSTRATE = "Conflict.Demonstrate.Unspecified"
RIOT = "Conflict.Demonstrate.DemonstrateWithViolence"
BROADCAST = "Contact.Contact.Broadcast"
CORRESPOND = "Contact.Contact.Correspondence"
MEET = "Contact.Contact.Meet"
CONTACT = "Contact.Contact.Unspecified"
LIE = "Contact.Prevarication.Unspecified"
REQUEST = "Contact.RequestCommand.Unspecified"
THREATEN = "Contact.ThreatenCoerce.Unspecified"
IMPEDE = "Control.ImpedeInterfereWith.Unspecified"
CRASH = "Disaster.Crash.Unspecified"
OUTBREAK = "Disaster.DiseaseOutbreak.Unspecified"
FIRE = "Disaster.FireExplosion.Unspecified"
CRIME = "GenericCrime.GenericCrime.GenericCrime"
ACQUIT = "Justice.Acquit.Unspecified"
ARREST = "Justice.ArrestJailDetain.Unspecified"
CHARGE = "Justice.ChargeIndict.Unspecified"
CONVICT = "Justice.Convict.Unspecified"
INVESTIGATE = "Justice.InvestigateCrime.Unspecified"
RELEASE = "Justice.ReleaseParole.Unspecified"
SENTENCE = "Justice.Sentence.Unspecified"
TRIAL = "Justice.TrialHearing.Unspecified"
DIE = "Life.Die.Unspecified"
ILLNESS = "Life.Illness.Unspecified"
INFECT = "Life.Infect.Unspecified"
INJURE = "Life.Injure.Unspecified"
TREAT = "Medical.Intervention.Unspecified"
DIAGNOSE = "Medical.Diagnosis.Unspecified"
VACCINATE = "Medical.Vaccinate.Unspecified"
EVACUATE = "Movement.Transportation.Evacuation"
SMUGGLE = "Movement.Transportation.IllegalTransportation"
BLOCK = "Movement.Transportation.PreventPassage"
TRANSPORT = "Movement.Transportation.Unspecified"
END_POSITION = "Personnel.EndPosition.Unspecified"
START_POSITION = "Personnel.StartPosition.Unspecified"
DONATE = "Transaction.Donation.Unspecified"
TRADE = "Transaction.ExchangeBuySell.Unspecified"
DAMAGE = "ArtifactExistence.DamageDestroyDisableDismantle.Damage"
DESTROY = "ArtifactExistence.DamageDestroyDisableDismantle.Destroy"
DEFUSE = "ArtifactExistence.DamageDestroyDisableDismantle.DisableDefuse"
DISMANTLE = "ArtifactExistence.DamageDestroyDisableDismantle.Dismantle"
MANUFACTURE = "ArtifactExistence.ManufactureAssemble.Unspecified"
IDENTIFY = "Cognitive.IdentifyCategorize.Unspecified"
INSPECT = "Cognitive.Inspection.SensoryObserve"
TEACH = "Cognitive.TeachingTrainingLearning.Unspecified"
SANCTION = "Government.Sanction.Unspecified"
ELECTION = "Government.Vote.Election"

# ---------------------------------------------------------------- word classes of argument heads
# Kinds are the ontology's entity codes: per, org, gpe, loc, fac, wea, veh, com, sid, ttl, mhi ...
PERSON_NOUNS = frozenset(
    """people person man men woman women child children boy girl baby civilian civilians resident
    soldier troops troop officer official officials police policeman gunman gunmen militant fighter
    rebel insurgent terrorist suspect victim hostage prisoner detainee protester demonstrator worker
    employee student teacher doctor nurse patient driver passenger pilot journalist reporter leader
    president minister premier chancellor governor mayor senator lawmaker legislator spokesman
    spokeswoman spokesperson ambassador diplomat envoy general commander colonel captain chief
    director executive ceo chairman founder owner manager coach player judge prosecutor lawyer
    attorney jury defendant witness citizen migrant refugee voter candidate predecessor successor
    counterpart member members family relative son daughter father mother husband wife brother
    sister friend colleague crew staff guard bomber shooter attacker killer assailant perpetrator
    kidnapper hijacker robber thief smuggler trafficker investigator agent detective inspector
    firefighter rescuer paramedic survivor casualty pedestrian tourist pilgrim worshipper farmer
    crowd crowds mob organiser organizer neighbour neighbor teenager teen youth adult infant relative
    opponent rival partner team teams pupil pupils schoolchildren""".split()
)
ORGANIZATION_NOUNS = frozenset(
    """government army military navy force forces police ministry court tribunal parliament congress
    senate cabinet administration regime authorities authority company firm bank group militia
    party union agency council committee board coalition alliance team club university school
    hospital newspaper network organization organisation service charity ministry department
    embassy""".split()
)
PLACE_NOUNS = frozenset(
    """city town village country region province state district area neighborhood neighbourhood
    capital border territory island coast zone camp street road highway square market port""".split()
)
FACILITY_NOUNS = frozenset(
    """building house home office embassy consulate school hospital mosque church synagogue temple
    airport station bridge base headquarters prison jail plant factory facility site stadium hotel
    restaurant shop store mall checkpoint compound apartment tower palace courthouse alley club nightclub
    bar cafe theatre theater cinema arena park supermarket bakery clinic warehouse garage lot campus
    college kindergarten barracks terminal platform depot refinery pipeline mine dam""".split()
)
WEAPON_NOUNS = frozenset(
    """missile missiles rocket rockets drone drones bomb bombs explosive explosives device gun guns
    rifle rifles pistol knife knives grenade grenades shell shells artillery mortar mortars weapon
    weapons ammunition bullet bullets warhead warheads mine mines ied tank tanks""".split()
)
VEHICLE_NOUNS = frozenset(
    """car cars truck trucks bus buses vehicle vehicles train trains plane planes aircraft jet jets
    helicopter helicopters ship ships boat boats vessel vessels ferry tanker van motorcycle convoy warplane
    warplanes warship warships""".split()
)
# Vehicles that strike on purpose: their "hit" or "struck" is an attack, never a crash.
MILITARY_VEHICLES = frozenset(
    "warplane warplanes warship warships jet jets helicopter helicopters drone drones tank tanks bomber bombers".split()
)
CIVIL_VEHICLES = VEHICLE_NOUNS - MILITARY_VEHICLES
TITLE_NOUNS = frozenset(
    """president prime minister chancellor governor mayor senator ceo chairman chairwoman director
    chief executive coach manager secretary ambassador commander judge speaker leader""".split()
)
DISEASE_NOUNS = frozenset(
    """covid covid-19 coronavirus virus flu influenza cholera ebola measles malaria cancer disease
    infection pneumonia dengue mpox typhoid tuberculosis salmonella""".split()
)
BODY_PARTS = frozenset(
    """head face eye neck shoulder shoulders chest back stomach abdomen arm arms hand hands leg legs knee
    foot feet hip""".split()
)
MONEY_WORDS = frozenset(
    """ransom money cash sum amount fee fine bribe compensation dollars euros pounds million billion
    thousand""".split()
)
# Nouns that may be the Sentence of a Justice.Sentence event ("sentenced to 10 years", "to life in prison").
SENTENCE_NOUNS = frozenset("year years month months life imprisonment death term terms".split())
# Medical issues and conditions a person is treated for.
CONDITION_NOUNS = frozenset(
    "wound wounds fracture fractures burn burns injury injuries shock heatstroke dehydration trauma".split()
)
# Crimes a suspect is arrested, charged or convicted for, beside the event nouns of the lexicon.
CRIME_NOUNS = frozenset(
    """negligence espionage corruption manslaughter bribery treason rape laundering embezzlement extortion
    terrorism murder fraud theft robbery""".split()
)
# Heads of a compound that name the effort around an event: "vaccination campaign", "murder inquiry".
EFFORT_NOUNS = frozenset("campaign operation effort drive programme program investigation inquiry probe".split())
GOODS_NOUNS = frozenset(
    """aid supplies supply food medicine medicines vaccine vaccines equipment fuel oil gas grain cocaine heroin
    drugs drug goods cargo shipment shipments weapons""".split()
)
# Nouns that count the people (or things) of their "of" phrase: "dozens of civilians".
QUANTITY_NOUNS = frozenset(
    "dozen dozens hundreds thousands millions scores others other number numbers majority many".split()
)
# Suffixes that make an unknown common noun a person ("activist", "civilian", "gunman"); nouns in
# -er/-or count when their stem is an English verb ("bomber", "negotiator").
PERSON_SUFFIXES = ("ist", "ian", "man", "men")
PRONOUN_KINDS = {
    **{pronoun: ("per",) for pronoun in "he she they him her them who whom i we you us me his".split()},
    "it": ("org", "gpe"),
}

# Entity labels (newsx EntityType names and spaCy NER labels) as ontology kinds.
ENTITY_KINDS = {
    "PERSON": "per",
    "ORGANIZATION": "org",
    "ORG": "org",
    "GPE": "gpe",
    "LOCATION": "loc",
    "LOC": "loc",
    "FACILITY": "fac",
    "FAC": "fac",
    "GROUP": "sid",
    "NORP": "sid",
    "PRODUCT": "com",
    "MONEY": "mon",
    "EVENT": "event",
    "LAW": "law",
}


# ---------------------------------------------------------------- trigger senses
@dataclass(frozen=True, slots=True)
class Sense:
    """One reading of a trigger word, chosen when all its conditions hold (none: always).

    ``objects``: lemma of the direct object (or passive subject); ``object_kinds``: its kind;
    ``subjects``/``subject_kinds``: the same for the subject; ``with_words``: a lemma among the
    trigger's children (particles, compounds, modifiers, prepositions) or their objects;
    ``heads``: lemma of the word that governs the trigger; ``without_words``/``without_heads``:
    children's or governors' lemmas that rule it out.
    """

    type: str
    objects: frozenset[str] = frozenset()
    object_kinds: frozenset[str] = frozenset()
    subjects: frozenset[str] = frozenset()
    subject_kinds: frozenset[str] = frozenset()
    with_words: frozenset[str] = frozenset()
    heads: frozenset[str] = frozenset()
    without_words: frozenset[str] = frozenset()
    without_heads: frozenset[str] = frozenset()
    phrasal: bool = False  # the object is part of the trigger ("took office")
    speech: bool = False  # the word reports speech: a clause, "that" or a quotation depends on it
    confidence: float = 0.8


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


WEAPON_OBJECTS = WEAPON_NOUNS | _words("shot shots round rounds salvo barrage volley gas")
WEAPON_CUES = WEAPON_OBJECTS | _words("fire at on into upon")
NATURAL_FORCES = _words(
    "earthquake quake storm hurricane cyclone typhoon tornado lightning tsunami flood floods disease virus pandemic"
)
WORKER_CUES = _words(
    "worker workers employee employees union unions staff teacher teachers nurse nurses doctor doctors "
    "driver drivers miner miners pilot pilots student students"
)
STRIKE_ATTACK_CUES = _words("air missile drone rocket military artillery israeli russian us u.s. retaliatory")
PEOPLE_KINDS = frozenset({"per"})
ANIMATE_KINDS = frozenset({"per", "aml"})
PARTY_KINDS = frozenset({"per", "org", "gpe", "sid"})
GOODS_KINDS = frozenset({"wea", "veh", "com", "fac", "org", "mon"})
# Reporting verbs are Contact.Contact.Broadcast only when they report speech (a clause, "that" or a
# quotation depends on them) and a person, organisation or country speaks: "He said goodbye" is none.
SPEECH = Sense(BROADCAST, subject_kinds=PARTY_KINDS, speech=True)
OFFICE_WORDS = _words("office power helm oath reins presidency premiership throne post seat charge")
CONTESTS = _words("election war battle vote race runoff contest game games match final seat")

# One table per part of speech: lemma -> type, or senses tried in order. Adjectival passives count as verbs.
VERB_TRIGGERS: dict[str, str | tuple[Sense, ...]] = {
    # Conflict
    "attack": ATTACK,
    "assault": ATTACK,
    "raid": ATTACK,
    "ambush": ATTACK,
    "invade": ATTACK,
    "bombard": ATTACK,
    "shell": ATTACK,
    "storm": (Sense(ATTACK, object_kinds=frozenset({"fac", "gpe", "loc"})),),
    "stab": ATTACK,
    "shoot": (
        Sense(DESTROY, with_words=_words("down")),
        Sense(ATTACK, without_words=_words("film video movie scene photo footage")),
    ),
    "fight": (Sense(ATTACK, object_kinds=PARTY_KINDS),),
    "retaliate": ATTACK,
    "clash": (Sense(ATTACK, subject_kinds=PARTY_KINDS),),
    "gun": (Sense(ATTACK, with_words=_words("down")),),
    "airstrike": ATTACK,
    "besiege": ATTACK,
    "massacre": ATTACK,
    "behead": DIE,
    "fire": (
        Sense(END_POSITION, object_kinds=PEOPLE_KINDS),
        Sense(ATTACK, objects=WEAPON_OBJECTS),
        Sense(ATTACK, with_words=_words("at on upon into")),
    ),
    "launch": (Sense(ATTACK, objects=WEAPON_NOUNS),),
    "strike": (
        Sense(CRASH, subjects=CIVIL_VEHICLES),
        Sense(DEMONSTRATE, subjects=WORKER_CUES),
        Sense(ATTACK, without_words=_words("deal agreement accord balance chord tone note match") | NATURAL_FORCES),
    ),
    "hit": (
        Sense(CRASH, subjects=CIVIL_VEHICLES),
        Sense(ATTACK, subjects=WEAPON_NOUNS | _words("strike airstrike attack")),
        Sense(INJURE, with_words=BODY_PARTS - {"back"}),
    ),
    "throw": (Sense(ATTACK, objects=_words("stone stones rock rocks bottle bottles grenade grenades bomb bombs")),),
    "trigger": (Sense(DETONATE, objects=_words("device bomb explosive explosives vest belt")),),
    "target": (Sense(ATTACK, with_words=WEAPON_CUES | _words("strike strikes attack")),),
    "bomb": DETONATE,
    "detonate": DETONATE,
    "explode": DETONATE,
    "blow": (Sense(DETONATE, with_words=_words("up")),),
    "go": (Sense(DETONATE, with_words=_words("off"), subject_kinds=frozenset({"wea"})),),
    "defeat": DEFEAT,
    "beat": (Sense(DEFEAT, object_kinds=PARTY_KINDS),),
    "conquer": DEFEAT,
    "win": (Sense(DEFEAT, objects=CONTESTS),),
    "lose": (Sense(DEFEAT, objects=CONTESTS),),
    "protest": DEMONSTRATE,
    "demonstrate": (Sense(DEMONSTRATE, with_words=_words("against outside in")),),
    "rally": (Sense(DEMONSTRATE, with_words=_words("against outside")),),
    "march": (Sense(DEMONSTRATE, with_words=_words("against through to")),),
    "riot": RIOT,
    # Contact
    "meet": (
        Sense(
            MEET,
            subject_kinds=PARTY_KINDS,
            without_words=_words(
                "demand demands target targets need needs deadline standard standards requirement requirements "
                "expectation expectations criterion criteria goal goals obligation obligations condition conditions end"
            ),
        ),
    ),
    "visit": (Sense(MEET, object_kinds=PEOPLE_KINDS), Sense(TRANSPORT)),
    "host": (Sense(MEET, object_kinds=PARTY_KINDS),),
    "talk": (Sense(CONTACT, with_words=_words("with to about")),),
    "discuss": CONTACT,
    "negotiate": CONTACT,
    "say": (SPEECH,),
    "tell": (SPEECH,),
    "announce": BROADCAST,
    "state": (SPEECH,),
    "declare": BROADCAST,
    "broadcast": BROADCAST,
    "claim": (Sense(BROADCAST, objects=_words("responsibility credit attack attacks bombing killing")), SPEECH),
    "condemn": (Sense(BROADCAST, subject_kinds=PARTY_KINDS),),
    "describe": (Sense(BROADCAST, subject_kinds=PARTY_KINDS),),
    "publish": (Sense(BROADCAST, subject_kinds=PARTY_KINDS),),
    "confirm": (SPEECH,),
    "report": (SPEECH,),
    "call": (Sense(CORRESPOND, with_words=_words("phone telephone")), Sense(REQUEST, with_words=_words("for"))),
    "speak": (
        Sense(CORRESPOND, with_words=_words("phone telephone")),
        Sense(CONTACT, with_words=_words("with")),
        Sense(BROADCAST, with_words=_words("condition anonymity reporters")),
    ),
    "phone": CORRESPOND,
    "telephone": CORRESPOND,
    "email": CORRESPOND,
    "write": (Sense(CORRESPOND, with_words=_words("to letter")),),
    "urge": REQUEST,
    "demand": REQUEST,
    "order": (Sense(REQUEST, without_words=_words("online")),),
    "command": REQUEST,
    "request": REQUEST,
    "ask": (Sense(REQUEST, object_kinds=PARTY_KINDS),),
    "instruct": REQUEST,
    "appeal": (Sense(REQUEST, with_words=_words("to for")),),
    "threaten": (Sense(THREATEN, subject_kinds=PARTY_KINDS),),
    "warn": (Sense(THREATEN, object_kinds=PARTY_KINDS), SPEECH),
    "coerce": THREATEN,
    "intimidate": THREATEN,
    "blackmail": THREATEN,
    "lie": (Sense(LIE, with_words=_words("to about")),),
    "deceive": LIE,
    "mislead": LIE,
    # Control, disasters, crime
    "impede": IMPEDE,
    "hinder": IMPEDE,
    "obstruct": IMPEDE,
    "interfere": IMPEDE,
    "disrupt": IMPEDE,
    "thwart": IMPEDE,
    "crash": CRASH,
    "collide": CRASH,
    "slam": (Sense(CRASH, with_words=_words("into"), subject_kinds=frozenset({"veh"})),),
    "smash": (Sense(CRASH, with_words=_words("into"), subject_kinds=frozenset({"veh"})),),
    "plough": (Sense(CRASH, with_words=_words("into"), subject_kinds=frozenset({"veh"})),),
    "plow": (Sense(CRASH, with_words=_words("into"), subject_kinds=frozenset({"veh"})),),
    "delay": (Sense(IMPEDE, object_kinds=frozenset({"event"})),),  # "delaying the arrival of ambulances"
    "derail": CRASH,
    "capsize": CRASH,
    "plunge": (Sense(CRASH, subject_kinds=frozenset({"veh"})),),
    "halt": IMPEDE,
    "burn": (Sense(FIRE, without_words=_words("calorie calories")),),
    "blaze": FIRE,
    "rob": CRIME,
    "steal": CRIME,
    "loot": CRIME,
    "defraud": CRIME,
    # Justice
    "arrest": ARREST,
    "detain": ARREST,
    "jail": ARREST,
    "imprison": ARREST,
    "kidnap": ARREST,
    "abduct": ARREST,
    "apprehend": ARREST,
    "capture": (Sense(ARREST, object_kinds=PEOPLE_KINDS),),
    "seize": (Sense(ARREST, object_kinds=PEOPLE_KINDS),),
    "hold": (Sense(ARREST, with_words=_words("hostage captive custody")),),
    "charge": (Sense(CHARGE, object_kinds=PARTY_KINDS), Sense(CHARGE, with_words=_words("with"))),
    "indict": CHARGE,
    "accuse": CHARGE,
    "prosecute": TRIAL,
    "convict": CONVICT,
    "acquit": ACQUIT,
    "clear": (Sense(ACQUIT, with_words=_words("charge charges wrongdoing")),),
    "sentence": SENTENCE,
    "testify": TRIAL,
    "plead": (Sense(TRIAL, with_words=_words("guilty innocent not")),),
    "try": (Sense(TRIAL, with_words=_words("court for tribunal")),),
    "release": (Sense(RELEASE, object_kinds=PEOPLE_KINDS),),
    "free": (Sense(RELEASE, object_kinds=PEOPLE_KINDS),),
    "parole": RELEASE,
    "pardon": RELEASE,
    "investigate": INVESTIGATE,
    "probe": INVESTIGATE,
    "suspect": (Sense(INVESTIGATE, with_words=_words("of")), Sense(INVESTIGATE, object_kinds=PARTY_KINDS)),
    "question": (
        Sense(
            INVESTIGATE,
            object_kinds=PEOPLE_KINDS,
            subjects=_words(
                "police officer officers detective detectives investigator investigators agent agents prosecutor prosecutors"
            ),
        ),
    ),
    "search": (
        Sense(
            INVESTIGATE,
            objects=_words(
                "home homes house houses apartment apartments flat flats premises property properties office offices car vehicle"
            ),
        ),
    ),
    "appear": (Sense(TRIAL, with_words=_words("court judge tribunal magistrate")),),
    # Life and medical
    "die": DIE,
    "kill": DIE,
    "murder": DIE,
    "assassinate": DIE,
    "execute": (Sense(DIE, object_kinds=PEOPLE_KINDS),),
    "perish": DIE,
    "drown": DIE,
    "slay": DIE,
    "lynch": DIE,
    "injure": INJURE,
    "wound": INJURE,
    "hurt": (Sense(INJURE, object_kinds=ANIMATE_KINDS),),
    "maim": INJURE,
    "infect": INFECT,
    "contract": (Sense(ILLNESS, objects=DISEASE_NOUNS),),
    "hospitalize": TREAT,
    "hospitalise": TREAT,
    "treat": (Sense(TREAT, with_words=_words("for hospital at injuries wounds burns shock")),),
    "diagnose": DIAGNOSE,
    "sicken": ILLNESS,
    "vaccinate": VACCINATE,
    "inoculate": VACCINATE,
    # Movement
    "deliver": (Sense(TRANSPORT, object_kinds=frozenset({"wea", "veh", "com"})),),
    "travel": TRANSPORT,
    "arrive": TRANSPORT,
    "enter": (Sense(TRANSPORT, object_kinds=frozenset({"gpe", "loc", "fac"})),),
    "fly": (Sense(TRANSPORT, with_words=_words("to from into")),),
    "deport": TRANSPORT,
    "transport": TRANSPORT,
    "deploy": TRANSPORT,
    "return": (
        Sense(TRANSPORT, with_words=_words("to from home"), without_words=_words("profit profitability growth normal")),
    ),
    "send": (Sense(TRANSPORT, object_kinds=frozenset({"per", "wea", "veh", "com"})),),
    "carry": (Sense(TRANSPORT, subject_kinds=frozenset({"veh"})),),
    "take": (
        Sense(START_POSITION, objects=OFFICE_WORDS, phrasal=True),
        Sense(TRANSPORT, object_kinds=PEOPLE_KINDS, with_words=_words("to")),
    ),
    "evacuate": EVACUATE,
    "flee": EVACUATE,
    "escape": EVACUATE,
    "retreat": EVACUATE,
    "smuggle": SMUGGLE,
    "traffic": SMUGGLE,
    "block": (
        Sense(
            BLOCK,
            objects=_words(
                "road roads highway highways street streets bridge access entry border passage route aid convoy"
            ),
        ),
        Sense(BLOCK, with_words=_words("from"), object_kinds=PEOPLE_KINDS),
    ),
    "divert": (Sense(TRANSPORT, object_kinds=frozenset({"veh", "per"})),),
    "redirect": (Sense(TRANSPORT, object_kinds=frozenset({"veh", "per"})),),
    "drive": (
        Sense(TRANSPORT, with_words=_words("off away toward towards"), subject_kinds=PEOPLE_KINDS),
        Sense(TRANSPORT, object_kinds=frozenset({"veh"})),
    ),
    "walk": (Sense(TRANSPORT, with_words=_words("to toward towards into across through")),),
    "cross": (Sense(TRANSPORT, object_kinds=frozenset({"gpe", "loc", "fac"})),),
    "blockade": BLOCK,
    # Personnel
    "resign": END_POSITION,
    "retire": END_POSITION,
    "dismiss": (Sense(END_POSITION, object_kinds=PEOPLE_KINDS),),
    "sack": (Sense(END_POSITION, object_kinds=PEOPLE_KINDS),),
    "oust": END_POSITION,
    "quit": END_POSITION,
    "step": (Sense(END_POSITION, with_words=_words("down aside")),),
    "appoint": START_POSITION,
    "hire": START_POSITION,
    "nominate": START_POSITION,
    "name": (Sense(START_POSITION, with_words=_words("as")),),
    "inaugurate": START_POSITION,
    "swear": (Sense(START_POSITION, with_words=_words("in")),),
    "assume": (Sense(START_POSITION, objects=OFFICE_WORDS, phrasal=True),),
    # Transaction
    "buy": TRADE,
    "sell": TRADE,
    "purchase": TRADE,
    "acquire": TRADE,
    "trade": (Sense(TRADE, object_kinds=GOODS_KINDS),),
    "supply": (Sense(TRADE, object_kinds=GOODS_KINDS),),
    "export": TRADE,
    "import": TRADE,
    "donate": DONATE,
    "pay": (
        Sense(TRADE, objects=MONEY_WORDS),
        Sense(TRADE, with_words=_words("for ransom")),
    ),
    "give": (Sense(DONATE, objects=_words("aid money million billion dollars donation")),),
    # Artifacts, cognition
    "damage": DAMAGE,
    "shatter": DAMAGE,
    "destroy": DESTROY,
    "raze": DESTROY,
    "demolish": DESTROY,
    "flatten": DESTROY,
    "sabotage": DESTROY,
    "wreck": DESTROY,
    "ruin": DESTROY,
    "defuse": DEFUSE,
    "disable": DEFUSE,
    "dismantle": DISMANTLE,
    "build": (Sense(MANUFACTURE, object_kinds=frozenset({"wea", "veh", "fac", "com"})),),
    "manufacture": MANUFACTURE,
    "assemble": (Sense(MANUFACTURE, object_kinds=frozenset({"wea", "veh", "com"})),),
    "identify": (Sense(IDENTIFY, object_kinds=PEOPLE_KINDS),),
    "inspect": INSPECT,
    "examine": INSPECT,
    "observe": (Sense(INSPECT, subject_kinds=PARTY_KINDS),),
    "train": (
        Sense(TEACH, object_kinds=PEOPLE_KINDS),
        Sense(TEACH, with_words=_words("camp camps in at by"), subject_kinds=PEOPLE_KINDS),
    ),
    "prevent": (Sense(IMPEDE, subject_kinds=PARTY_KINDS),),
    "collapse": (Sense(DESTROY, subject_kinds=frozenset({"fac"})),),
    "hear": (Sense(TRIAL, subjects=_words("court jury tribunal judge")),),
    # newsx additions
    "sanction": SANCTION,
    "elect": ELECTION,
    "vote": ELECTION,
}

NOUN_TRIGGERS: dict[str, str | tuple[Sense, ...]] = {
    # Conflict
    "attack": (Sense(ATTACK, without_words=_words("heart panic asthma anxiety")),),
    "assault": ATTACK,
    "raid": ATTACK,
    "ambush": ATTACK,
    "invasion": ATTACK,
    "airstrike": ATTACK,
    "counterattack": ATTACK,
    "offensive": ATTACK,
    "incursion": ATTACK,
    "bombardment": ATTACK,
    "shelling": ATTACK,
    "shooting": ATTACK,
    "stabbing": ATTACK,
    "gunfire": ATTACK,
    "war": ATTACK,
    "warfare": ATTACK,
    "fighting": ATTACK,
    "clash": ATTACK,
    "combat": ATTACK,
    "battle": (Sense(ATTACK, without_words=_words("legal court custody political uphill")),),
    "hostility": ATTACK,
    "siege": ATTACK,
    "massacre": ATTACK,
    "terrorism": ATTACK,
    "insurgency": ATTACK,
    "shootout": ATTACK,
    "gunfight": ATTACK,
    "firefight": ATTACK,
    "cyberattack": ATTACK,
    "counteroffensive": ATTACK,
    "strike": (
        Sense(ATTACK, with_words=STRIKE_ATTACK_CUES | WEAPON_NOUNS),
        Sense(DEMONSTRATE, with_words=WORKER_CUES | _words("hunger general")),
        Sense(DEMONSTRATE, heads=_words("go call stage")),
        Sense(ATTACK, without_words=_words("deal lucky")),
    ),
    "fire": (
        Sense(ATTACK, heads=_words("open exchange return")),
        Sense(FIRE, without_words=_words("cease ceasefire"), without_heads=_words("under")),
    ),
    "bombing": DETONATE,
    "explosion": DETONATE,
    "blast": DETONATE,
    "detonation": DETONATE,
    "defeat": DEFEAT,
    "victory": DEFEAT,
    "win": DEFEAT,
    "protest": DEMONSTRATE,
    "demonstration": DEMONSTRATE,
    "rally": DEMONSTRATE,
    "march": DEMONSTRATE,
    "walkout": DEMONSTRATE,
    "riot": RIOT,
    "rioting": RIOT,
    "unrest": RIOT,
    # Contact
    "meeting": MEET,
    "summit": (Sense(MEET, without_heads=_words("reach climb")),),
    "encounter": MEET,
    "visit": (Sense(MEET, with_words=_words("with")), Sense(TRANSPORT)),
    "conference": (Sense(BROADCAST, with_words=_words("press news")), Sense(MEET)),
    "talk": CONTACT,
    "discussion": CONTACT,
    "negotiation": CONTACT,
    "dialogue": (Sense(CONTACT, with_words=_words("with between")),),
    "statement": BROADCAST,
    "announcement": BROADCAST,
    "speech": BROADCAST,
    "address": (Sense(BROADCAST, with_words=_words("televised national nation")),),
    "press": (Sense(BROADCAST, with_words=_words("conference briefing")),),
    "briefing": BROADCAST,
    "call": (Sense(CORRESPOND, with_words=_words("phone telephone video")),),
    "letter": (Sense(CORRESPOND, with_words=_words("to")),),
    "demand": REQUEST,
    "request": REQUEST,
    "appeal": REQUEST,
    "order": (Sense(REQUEST, with_words=_words("executive court")),),
    "threat": (Sense(THREATEN, with_words=_words("against")), Sense(THREATEN, object_kinds=PARTY_KINDS)),
    "warning": (Sense(THREATEN, with_words=_words("against")), Sense(THREATEN, object_kinds=PARTY_KINDS)),
    "ultimatum": THREATEN,
    # Disasters, crime
    "crash": (Sense(CRASH, without_words=_words("market stock stocks price prices currency")),),
    "collision": CRASH,
    "derailment": CRASH,
    "accident": CRASH,
    "outbreak": OUTBREAK,
    "epidemic": OUTBREAK,
    "pandemic": OUTBREAK,
    "blaze": FIRE,
    "wildfire": FIRE,
    "arson": FIRE,
    "crime": CRIME,
    "robbery": CRIME,
    "theft": CRIME,
    "murder": CRIME,
    "fraud": CRIME,
    "burglary": CRIME,
    "looting": CRIME,
    # Justice
    "arrest": (Sense(ARREST, without_words=_words("cardiac heart respiratory")),),
    "detention": ARREST,
    "custody": ARREST,
    "imprisonment": ARREST,
    "abduction": ARREST,
    "kidnapping": ARREST,
    "capture": (Sense(ARREST, object_kinds=PEOPLE_KINDS),),
    "charge": (Sense(CHARGE, without_words=_words("free electric battery"), without_heads=_words("in take")),),
    "indictment": CHARGE,
    "accusation": CHARGE,
    "trial": (Sense(TRIAL, without_words=_words("clinical drug vaccine medical free")),),
    "hearing": (Sense(TRIAL, with_words=_words("court bail sentencing trial appeal")),),
    "conviction": CONVICT,
    "verdict": CONVICT,
    "acquittal": ACQUIT,
    "sentence": (
        Sense(SENTENCE, with_words=_words("prison jail life death year years month months")),
        Sense(SENTENCE, heads=_words("pass hand impose")),
    ),
    "release": (
        Sense(RELEASE, with_words=_words("prisoner prisoners hostage hostages detainee detainees bail")),
        Sense(RELEASE, object_kinds=PEOPLE_KINDS),
    ),
    "parole": RELEASE,
    "pardon": RELEASE,
    "investigation": INVESTIGATE,
    "inquiry": INVESTIGATE,
    "questioning": (
        Sense(INVESTIGATE, with_words=_words("for police")),
        Sense(INVESTIGATE, heads=_words("detain hold arrest")),
    ),
    "suspicion": (Sense(INVESTIGATE, heads=_words("arrest detain hold"), with_words=_words("of")),),
    "probe": (
        Sense(INVESTIGATE, with_words=_words("into")),
        Sense(INVESTIGATE, without_heads=_words("launch land send fly"), without_words=_words("space lunar")),
    ),
    # Life and medical
    "death": DIE,
    "dead": DIE,  # "among the dead were ..."
    "killing": DIE,
    "fatality": DIE,
    "assassination": DIE,
    "execution": DIE,
    "suicide": DIE,
    "casualty": DIE,
    "toll": (Sense(DIE, with_words=_words("death")),),
    "injury": INJURE,
    "wound": INJURE,
    "illness": ILLNESS,
    "infection": INFECT,
    "surgery": TREAT,
    "treatment": TREAT,
    "chemotherapy": TREAT,
    "care": (Sense(TREAT, with_words=_words("intensive medical hospital psychological critical")),),
    "test": (Sense(DIAGNOSE, with_words=_words("laboratory lab blood stool sample samples")),),
    "diagnosis": DIAGNOSE,
    "transmission": (Sense(INFECT, with_words=DISEASE_NOUNS | _words("community human person")),),
    "vaccination": VACCINATE,
    # Movement
    "trip": TRANSPORT,
    "journey": TRANSPORT,
    "deployment": TRANSPORT,
    "deportation": TRANSPORT,
    "arrival": TRANSPORT,
    "evacuation": EVACUATE,
    "escape": EVACUATE,
    "retreat": EVACUATE,
    "smuggling": SMUGGLE,
    "trafficking": SMUGGLE,
    "blockade": BLOCK,
    # Personnel
    "resignation": END_POSITION,
    "retirement": END_POSITION,
    "dismissal": END_POSITION,
    "ouster": END_POSITION,
    "appointment": START_POSITION,
    "inauguration": START_POSITION,
    "nomination": START_POSITION,
    # Transaction
    "purchase": TRADE,
    "sale": (Sense(TRADE, with_words=_words("of arms weapon weapons")),),
    "deal": (Sense(TRADE, with_words=_words("worth arms weapons purchase sale takeover acquisition buyout")),),
    "acquisition": TRADE,
    "payment": (Sense(TRADE, with_words=_words("ransom make")), Sense(TRADE, heads=_words("make demand receive"))),
    "donation": DONATE,
    "aid": (Sense(DONATE, with_words=_words("humanitarian military financial to")),),
    # Artifacts, cognition
    "damage": DAMAGE,
    "destruction": DESTROY,
    "demolition": DESTROY,
    "sabotage": DESTROY,
    "inspection": INSPECT,
    # newsx additions
    "sanction": SANCTION,
    "embargo": SANCTION,
    "election": ELECTION,
    "referendum": ELECTION,
    "vote": (Sense(ELECTION, with_words=_words("presidential parliamentary general national")),),
}

ADJECTIVE_TRIGGERS: dict[str, str | tuple[Sense, ...]] = {
    "dead": DIE,
    "guilty": (Sense(CONVICT, heads=_words("find")),),
}


# Verbs that only carry a nominal trigger ("launched an attack", "went on strike", "suffered
# injuries"): the noun is the event, the verb's subject and prepositions are its arguments.
LIGHT_VERBS = _words(
    "launch carry conduct stage mount hold have make open begin start continue resume intensify "
    "escalate step wage unleash commit perpetrate suffer sustain face impose"
)
# Verbs that carry a nominal trigger through a preposition: "went on strike", "went to war".
ENTERING_VERBS = _words("go")
# ... whose subject undergoes the event rather than doing it.
PATIENT_LIGHT_VERBS = _words("suffer sustain face")
# Verbs saying that an event happened, whose prepositions place it ("the attack took place in ...").
HAPPENING_VERBS = _words("occur happen take erupt break unfold")
# Verbs whose object is the target of an attack that is their subject ("the strikes targeted ...").
AIMING_VERBS = _words("target hit")
# Prepositions after which a crime noun is the Crime argument of a justice event ("charged with fraud").
CRIME_ARGUMENT_PREPS = _words("for of with")


# ---------------------------------------------------------------- role frames
@dataclass(frozen=True, slots=True)
class Frame:
    """Which role the subject, object, possessor and each preposition's object fill."""

    subject: str = ""
    object: str = ""
    possessor: str = ""
    preps: dict[str, str] = field(default_factory=dict)


PLACE_PREPS = {
    "in": "Place",
    "at": "Place",
    "near": "Place",
    "outside": "Place",
    "inside": "Place",
    "across": "Place",
    "on": "Place",
}


def _frame(subject: str, obj: str, possessor: str | None = None, **preps: str) -> Frame:
    merged = dict(PLACE_PREPS)
    merged.update({prep.rstrip("_"): role for prep, role in preps.items()})
    return Frame(subject, obj, subject if possessor is None else possessor, merged)


_attack = _frame(
    "Attacker",
    "Target",
    against="Target",
    at="Target",
    on="Target",
    upon="Target",
    into="Target",
    with_="Instrument",
    by="Attacker",
    of="Target",
)
_contact = _frame(
    "Participant",
    "Participant",
    with_="Participant",
    between="Participant",
    among="Participant",
    by="Participant",
    of="Participant",
)
_say = _frame(
    "Communicator", "Recipient", to="Recipient", by="Communicator", about="Topic", on="Topic", with_="Recipient"
)
_justice_state = _frame("JudgeCourt", "Defendant", "Defendant", by="JudgeCourt", of="Defendant", for_="Crime")
_transport = _frame(
    "Transporter",
    "PassengerArtifact",
    "Transporter",
    to="Destination",
    into="Destination",
    from_="Origin",
    by="Transporter",
    of="PassengerArtifact",
    in_="Destination",
    toward="Destination",
    towards="Destination",
    aboard="Vehicle",
)
_personnel = _frame(
    "Employee",
    "Employee",
    "Employee",
    as_="Position",
    at="PlaceOfEmployment",
    of="PlaceOfEmployment",
    from_="PlaceOfEmployment",
    with_="PlaceOfEmployment",
)

FRAMES: dict[str, Frame] = {
    ATTACK: _attack,
    DETONATE: _frame(
        "Attacker", "ExplosiveDevice", against="Target", at="Target", on="Target", by="Attacker", of="ExplosiveDevice"
    ),
    DEFEAT: _frame("Victor", "Defeated", by="Victor", over="Defeated", against="Defeated", in_="ConflictOrElection"),
    DEMONSTRATE: _frame(
        "Demonstrator", "Topic", against="Target", by="Demonstrator", of="Demonstrator", over="Topic", through="Place"
    ),
    RIOT: _frame("Demonstrator", "Topic", against="Target", by="Demonstrator", of="Demonstrator", over="Topic"),
    BROADCAST: _say,
    CORRESPOND: _contact,
    MEET: _frame(
        "Participant",
        "Participant",
        with_="Participant",
        between="Participant",
        among="Participant",
        by="Participant",
        of="Participant",
        to="Participant",
    ),
    CONTACT: _contact,
    LIE: _say,
    REQUEST: _say,
    THREATEN: _say,
    CRASH: _frame("DriverPassenger", "Vehicle", into="CrashObject", with_="CrashObject", of="Vehicle"),
    FIRE: _frame("FireExplosionObject", "FireExplosionObject", of="FireExplosionObject", through="FireExplosionObject"),
    CRIME: _frame("Perpetrator", "Victim", by="Perpetrator", of="Victim", against="Victim"),
    ARREST: _frame("Jailer", "Detainee", "Detainee", by="Jailer", of="Detainee", for_="Crime"),
    CHARGE: _frame(
        "Prosecutor", "Defendant", "Defendant", by="Prosecutor", against="Defendant", of="Defendant", with_="Crime"
    ),
    TRIAL: _frame(
        "Prosecutor", "Defendant", "Defendant", by="Prosecutor", against="Defendant", of="Defendant", for_="Crime"
    ),
    CONVICT: _justice_state,
    ACQUIT: _justice_state,
    SENTENCE: _justice_state,
    RELEASE: _frame("JudgeCourt", "Defendant", "Defendant", by="JudgeCourt", of="Defendant", from_="Place"),
    INVESTIGATE: _frame("Investigator", "Defendant", "Investigator", by="Investigator", into="Crime", of="Defendant"),
    DIE: _frame("Victim", "Victim", "Victim", by="Killer", of="Victim", from_="MedicalIssue"),
    INJURE: _frame(
        "Injurer", "Victim", "Victim", by="Injurer", of="Victim", with_="Instrument", to="BodyPart", in_="BodyPart"
    ),
    ILLNESS: _frame("Victim", "Disease", "Victim", of="Victim", with_="Disease", from_="Disease"),
    INFECT: _frame("Source", "Victim", "Victim", with_="InfectingAgent", by="Source", of="Victim"),
    TREAT: _frame("Treater", "Patient", "Patient", for_="MedicalIssue", by="Treater", of="Patient"),
    DIAGNOSE: _frame(
        "Treater",
        "Patient",
        "Patient",
        with_="MedicalCondition",
        for_="MedicalCondition",
        by="Treater",
        of="Patient",
        on="Patient",
    ),
    VACCINATE: _frame("Treater", "Patient", "Patient", by="Treater", of="Patient", against="VaccineTarget"),
    TRANSPORT: _transport,
    EVACUATE: _transport,
    SMUGGLE: _transport,
    BLOCK: _frame(
        "Preventer",
        "PassengerArtifact",
        by="Preventer",
        to="Destination",
        into="Destination",
        from_="Origin",
        of="PassengerArtifact",
    ),
    END_POSITION: _personnel,
    START_POSITION: _personnel,
    TRADE: _frame(
        "Recipient",
        "AcquiredEntity",
        by="Recipient",
        from_="Giver",
        to="Recipient",
        for_="PaymentBarter",
        of="AcquiredEntity",
    ),
    DONATE: _frame("Giver", "ArtifactMoney", by="Giver", to="Recipient", for_="Beneficiary", of="ArtifactMoney"),
    SANCTION: _frame(
        "Imposer", "Target", by="Imposer", on="Target", against="Target", from_="Imposer", over="Reason", for_="Reason"
    ),
    ELECTION: _frame("Voter", "Candidate", by="Voter", for_="Candidate", as_="Position"),
}


# (lemma, type) whose syntax differs from the type's frame: the killer kills, the seller sells.
def _lemma_frames(lemmas: str, event_type: str, frame: Frame) -> dict[tuple[str, str], Frame]:
    return {(lemma, event_type): frame for lemma in lemmas.split()}


LEMMA_FRAMES: dict[tuple[str, str], Frame] = {
    **_lemma_frames(
        "kill murder assassinate execute slay lynch behead killing assassination execution",
        DIE,
        _frame("Killer", "Victim", "Victim", by="Killer", of="Victim", with_="Instrument"),
    ),
    **_lemma_frames(
        "sell supply export sale",
        TRADE,
        _frame("Giver", "AcquiredEntity", by="Giver", to="Recipient", for_="PaymentBarter", of="AcquiredEntity"),
    ),
    **_lemma_frames(
        "resign retire quit step take assume swear",
        END_POSITION,
        _frame("Employee", "Employee", "Employee", as_="Position", from_="PlaceOfEmployment", of="PlaceOfEmployment"),
    ),
    **_lemma_frames(
        "take assume swear",
        START_POSITION,
        _frame("Employee", "Employee", "Employee", as_="Position", of="PlaceOfEmployment"),
    ),
    **_lemma_frames(
        "fire dismiss sack oust",
        END_POSITION,
        _frame("PlaceOfEmployment", "Employee", "Employee", by="PlaceOfEmployment", as_="Position"),
    ),
    **_lemma_frames(
        "appoint hire employ nominate name",
        START_POSITION,
        _frame("PlaceOfEmployment", "Employee", "Employee", by="PlaceOfEmployment", as_="Position"),
    ),
    **_lemma_frames(
        "launch fire",
        ATTACK,
        _frame(
            "Attacker",
            "Instrument",
            at="Target",
            on="Target",
            against="Target",
            into="Target",
            toward="Target",
            towards="Target",
            by="Attacker",
        ),
    ),
    **_lemma_frames(
        "flee escape retreat",
        EVACUATE,
        _frame("PassengerArtifact", "Origin", to="Destination", into="Destination", from_="Origin"),
    ),
    **_lemma_frames(
        "clash fight", ATTACK, _frame("Attacker", "Target", with_="Attacker", against="Target", between="Attacker")
    ),
    **_lemma_frames("throw", ATTACK, _frame("Attacker", "Instrument", at="Target", on="Target", by="Attacker")),
    **_lemma_frames(
        "cross", TRANSPORT, _frame("Transporter", "Destination", "Transporter", from_="Origin", into="Destination")
    ),
    **_lemma_frames("lose", DEFEAT, _frame("Defeated", "ConflictOrElection", to="Victor", in_="ConflictOrElection")),
    **_lemma_frames("carry", TRANSPORT, _frame("Vehicle", "PassengerArtifact", to="Destination", from_="Origin")),
    **_lemma_frames("appear", TRIAL, _frame("Defendant", "", "Defendant", before="JudgeCourt", in_="JudgeCourt")),
    **_lemma_frames("plead", TRIAL, _frame("Defendant", "Crime", "Defendant", to="Crime")),
    **_lemma_frames("hear", TRIAL, _frame("JudgeCourt", "", "Defendant", by="JudgeCourt")),
    **_lemma_frames(
        "convict", CONVICT, _frame("JudgeCourt", "Defendant", "Defendant", by="JudgeCourt", of="Crime", for_="Crime")
    ),
    **_lemma_frames(
        "sentence",
        SENTENCE,
        _frame("JudgeCourt", "Defendant", "Defendant", by="JudgeCourt", to="Sentence", for_="Crime", of="Sentence"),
    ),
    **_lemma_frames(
        "pay payment",
        TRADE,
        _frame(
            "Recipient",
            "PaymentBarter",
            "Recipient",
            by="Recipient",
            to="Giver",
            for_="AcquiredEntity",
            of="PaymentBarter",
        ),
    ),
    **_lemma_frames("tell", BROADCAST, _frame("Communicator", "Recipient", by="Communicator", about="Topic")),
    **_lemma_frames("bomb", DETONATE, _frame("Attacker", "Target", by="Attacker", with_="ExplosiveDevice")),
    **_lemma_frames("visit", TRANSPORT, _frame("Transporter", "Destination", to="Destination", from_="Origin")),
}

# The roles shown as "agent -> patient" in an event's description, where the frame's are not.
DESCRIPTION_ROLES = {DIE: ("Killer", "Victim"), INJURE: ("Injurer", "Victim"), TRADE: ("Giver", "Recipient")}

# Roles whose filler may be a bare count ("1,200 fatalities", "250 people abducted").
COUNT_ROLES = frozenset({"Victim", "Detainee", "PassengerArtifact", "Patient", "Demonstrator", "Defendant"})
# Roles whose filler is an instrument, a weapon or goods even without an entity.
THING_ROLES = frozenset({"Instrument", "ExplosiveDevice", "Vehicle", "AcquiredEntity", "ArtifactMoney", "Artifact"})
# Kinds of things (not agents): a core argument of unknown kind may fill a role that takes one.
THING_KINDS = frozenset({"fac", "com", "veh", "wea", "loc", "bal", "mon"})
# Roles a subject that cannot be the agent may fill instead ("the car bomb exploded", "missiles hit").
THING_FALLBACK_ROLES = ("ExplosiveDevice", "Instrument", "Vehicle", "FireExplosionObject")

# Types whose events repeat between the same participants (a speaker makes many statements).
REPEATED_TYPES = frozenset({BROADCAST, REQUEST, THREATEN})

# ---------------------------------------------------------------- status and negation cues
FUTURE_AUXILIARIES = _words("will 'll shall wo")
HYPOTHETICAL_AUXILIARIES = _words("could might may would should can must 'd")
CONDITIONAL_MARKERS = _words("if unless whether")
PLANNING_VERBS = _words("schedule plan set due expect slate prepare agree arrange propose")
INTENT_VERBS = _words("vow pledge promise intend want seek aim try hope decide attempt mean wish")
THREAT_VERBS = _words("threaten warn")
DENIAL_VERBS = _words("deny refute dismiss reject fail refuse")
PLANNED_MODIFIERS = _words("planned upcoming impending scheduled proposed expected future next forthcoming")
HYPOTHETICAL_MODIFIERS = _words("possible potential hypothetical likely")
NEGATION_DETERMINERS = _words("no")
NEGATIVE_PRONOUNS = _words("nobody none nothing no-one")
DEMONSTRATIVES = _words("this that these those")
# Modifiers that make a nominal trigger a different event from earlier ones ("the next summit").
DISTINCT_MODIFIERS = _words("next another previous last new second third other earlier later future separate")
# Verbs that equate their subject and object ("the meeting was the first encounter").
EQUATING_VERBS = _words("be mark become constitute represent remain")
# Prepositions before the medium of a communication ("said in a statement", "announced on television").
MEDIUM_PREPS = _words("in during through via")
