"""French: the words that make a dated sentence an event, and how its headline is written.

``VERBS`` maps every written form of an event verb (participles, futures, pasts) to its present
tense, the tense of a headline: « ont signé » → « signent », « s'est rendu » → « se rend ».
``LINKS`` are the phrases that tie a quotation to the happening it was said at (« lors du
sommet »); ``BEFORE`` those that put it before the happening (« la veille du sommet »).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# A regular verb in -er, by its stem: « rencontr » gives rencontre, rencontrent, rencontré…
_ER_STEMS = (
    "rencontr",
    "sign",
    "arriv",
    "annonc",
    "vot",
    "lanc",
    "visit",
    "gagn",
    "remport",
    "quitt",
    "inaugur",
    "adopt",
    "approuv",
    "ratifi",
    "nomm",
    "démissionn",
    "décéd",
    "débarqu",
    "atterr",
    "décoll",
    "attaqu",
    "bombard",
    "frapp",
    "tu",
    "assassin",
    "libér",
    "condamn",
    "arrêt",
    "proclam",
    "commenc",
    "début",
    "organis",
    "accord",
    "retrouv",
    "rapatri",
    "expuls",
    "publi",
    "dévoil",
    "lanc",
    "tir",
    "explos",
    "effondr",
    "écras",
    "sombr",
    "termin",
    "clôtur",
    "fond",
    "cré",
    "instaur",
    "abrog",
    "promulgu",
    "légalis",
    "manifest",
    "rassembl",
    "occup",
    "annex",
    "bloqu",
    "célébr",
    "commémor",
    "pos",
    "rentr",
    "retourn",
    "accost",
    "prononc",
    "particip",
    "assist",
    "négoci",
    "échou",
    "limog",
    "multipli",
    "report",
    "annul",
    "repouss",
    "sépar",
    "fix",
    "succéd",
    "déclar",
    "propos",
    "détect",
    "confirm",
    "amarr",
    "ferm",
    "sacr",
    "impos",
    "désign",
    "qualifi",
    "bless",
    "décroch",
    "remplac",
    "évacu",
    "inculp",
    "emprisonn",
    "relâch",
    "lev",
    "distribu",
    "oppos",
)

# Irregular verbs: (3rd person singular present, plural present, other forms).
_IRREGULAR: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "tient",
        "tiennent",
        ("tenir", "tenu", "tenue", "tenus", "tenues", "tiendra", "tiendront", "tenait"),
    ),
    ("rend", "rendent", ("rendre", "rendu", "rendue", "rendus", "rendues", "rendra", "rendront")),
    ("meurt", "meurent", ("mourir", "mort", "morte", "morts", "mortes", "mourra", "mourut")),
    (
        "ouvre",
        "ouvrent",
        ("ouvrir", "ouvert", "ouverte", "ouverts", "ouvertes", "ouvrira", "ouvrent"),
    ),
    ("élit", "élisent", ("élire", "élu", "élue", "élus", "élues", "élira")),
    (
        "réunit",
        "réunissent",
        ("réunir", "réuni", "réunie", "réunis", "réunies", "réunira", "réunissait"),
    ),
    ("envahit", "envahissent", ("envahir", "envahi", "envahie", "envahira")),
    (
        "accueille",
        "accueillent",
        ("accueillir", "accueilli", "accueillie", "accueillera", "accueillait"),
    ),
    ("naît", "naissent", ("né", "née", "nés", "naquit", "nait")),
    ("bat", "battent", ("battre", "battu", "battue", "battus", "battra")),
    ("conclut", "concluent", ("conclure", "conclu", "conclue", "conclus", "conclura")),
    ("obtient", "obtiennent", ("obtenir", "obtenu", "obtenue", "obtiendra")),
    ("survient", "surviennent", ("survenu", "survenue", "survenus")),
    ("prend", "prennent", ("prendre", "pris", "prise", "prendra")),
    ("part", "partent", ("partir", "parti", "partie", "partis", "partira")),
    ("revient", "reviennent", ("revenir", "revenu", "revenue", "reviendra")),
    ("vient", "viennent", ("venir", "venu", "venue", "venus", "viendra")),
    ("produit", "produisent", ("produite", "produira")),
    ("détruit", "détruisent", ("détruite", "détruits", "détruira")),
    ("construit", "construisent", ("construite", "construira")),
    ("atteint", "atteignent", ("atteinte", "atteindra")),
    ("éclate", "éclatent", ("éclaté", "éclatera")),
    ("fuit", "fuient", ("fui", "fuira")),
    ("dissout", "dissolvent", ("dissous", "dissoute")),
    ("promet", "promettent", ("promis", "promise")),
    ("soumet", "soumettent", ("soumis", "soumise")),
    ("abat", "abattent", ("abattu", "abattue")),
    ("franchit", "franchissent", ("franchi", "franchie")),
    ("devient", "deviennent", ("devenir", "devenu", "devenue", "devenus", "deviendra")),
    ("subit", "subissent", ("subir", "subi", "subie", "subira")),
    ("entretient", "entretiennent", ("entretenu", "entretenue", "entretenus", "entretiendra")),
    ("abolit", "abolissent", ("aboli", "abolie", "abolis", "abolira")),
    ("réélit", "réélisent", ("réélu", "réélue", "réélus", "réélira")),
    ("suspend", "suspendent", ("suspendre", "suspendu", "suspendue", "suspendus", "suspendra")),
    ("déploie", "déploient", ("déployé", "déployée", "déployés", "déployées", "déploiera")),
    ("envoie", "envoient", ("envoyé", "envoyée", "envoyés", "envoyées", "enverra")),
    ("rejette", "rejettent", ("rejeté", "rejetée", "rejetés", "rejetées", "rejettera")),
    ("achève", "achèvent", ("achevé", "achevée", "achevés", "achevées", "achèvera")),
    ("débat", "débattent", ("débattu", "débattue")),
    (
        "découvre",
        "découvrent",
        ("découvrir", "découvert", "découverte", "découverts", "découvertes", "découvrira"),
    ),
    ("interdit", "interdisent", ("interdire", "interdite", "interdits", "interdites", "interdira")),
    ("rejoint", "rejoignent", ("rejoindre", "rejointe", "rejoints", "rejoindra", "rejoignit")),
    ("vainc", "vainquent", ("vaincre", "vaincu", "vaincue", "vaincus", "vainquit")),
    ("investit", "investissent", ("investi", "investie", "investis", "investira")),
    ("reçoit", "reçoivent", ("recevoir", "reçu", "reçue", "reçus", "recevra", "reçut")),
    ("met", "mettent", ("mettre", "mis", "mise", "mises", "mettra", "mit")),
    ("conquiert", "conquièrent", ("conquérir", "conquis", "conquise", "conquit")),
)


def _er(stem: str) -> tuple[str, str, tuple[str, ...]]:
    # « libér » is « libère » in the present: the last « é » opens before a silent ending.
    present = re.sub(r"é([^aeiouyé]+)$", r"è\1", stem)
    endings = (
        "e",
        "ent",
        "er",
        "é",
        "ée",
        "és",
        "ées",
        "era",
        "eront",
        "ait",
        "aient",
        "a",
        "èrent",
        # First and second persons, said in interviews (« vous rencontrez », « nous signons »).
        "ez",
        "ons",
        "erez",
        "erons",
    )
    if stem.endswith("g"):
        # « nagea », « engageait » (a « ç » needs no entry: it is folded to « c »).
        endings += ("ea", "eait", "eaient")
    forms = tuple(stem + ending for ending in endings)
    return present + "e", present + "ent", (*forms, present + "e", present + "ent")


def _table(entries: Iterable[tuple[str, str, tuple[str, ...]]]) -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    for singular, plural, forms in entries:
        for form in (singular, plural, *forms):
            table.setdefault(form, (singular, plural))
    return table


# Written form → (present singular, present plural).
VERBS = _table([*_IRREGULAR, *(_er(stem) for stem in _ER_STEMS)])
# « avoir lieu », « prendre ses fonctions »: a verb and its object, read as one verb.
VERB_PHRASES = {
    "a eu lieu": ("a lieu", "ont lieu"),
    "ont eu lieu": ("a lieu", "ont lieu"),
    "aura lieu": ("a lieu", "ont lieu"),
    "auront lieu": ("a lieu", "ont lieu"),
    "avait eu lieu": ("a lieu", "ont lieu"),
    "a lieu": ("a lieu", "ont lieu"),
    "ayant lieu": ("a lieu", "ont lieu"),
    "ont lieu": ("a lieu", "ont lieu"),
    "doit avoir lieu": ("a lieu", "ont lieu"),
    "devait avoir lieu": ("a lieu", "ont lieu"),
}
# Words between a subject and its verb that the headline drops: auxiliaries of past, future and
# intention (« a », « est », « doit », « va »), and adverbs.
AUXILIARIES = (
    "a",
    "ont",
    "avait",
    "avaient",
    "aura",
    "auront",
    "est",
    "sont",
    "était",
    "étaient",
    "sera",
    "seront",
    "fut",
    "furent",
    "doit",
    "doivent",
    "devait",
    "devaient",
    "devrait",
    "devraient",
    "va",
    "vont",
    "allait",
    # First and second persons (« nous avons quitté », « vous êtes arrivé »).
    "ai",
    "avons",
    "avez",
    "avions",
    "aviez",
    "suis",
    "sommes",
    "êtes",
    "allons",
    "allez",
    "vient de",
    "viennent de",
    "venait de",
    "déjà",
    "donc",
    "également",
    "aussi",
    "alors",
    "enfin",
    "finalement",
    "officiellement",
    "ensuite",
    "lui-même",
    "elle-même",
    "bien",
)
# The word between a person and where they come from ("Maria Mutola of Mozambique"): the
# headline's subject is the person.
NAME_ORIGIN: tuple[str, ...] = ()
# French says « pour remporter » of a purpose, not of a result: no result infinitives.
RESULT_INFINITIVES: tuple[str, ...] = ()
WISHES: tuple[str, ...] = ()
PASTS: tuple[str, ...] = ()
# A word after a participle that makes it a lasting state (« fermée depuis 13 ans »).
DURATION: tuple[str, ...] = ("depuis",)
# « être » before a participle makes a passive (« est nommé » → « est nommé »), except for the
# verbs whose past takes « être » (« est arrivé » → « arrive »), named by their present.
PASSIVE_BE: tuple[str, ...] = ("est", "sont", "était", "étaient", "fut", "furent", "sera", "seront")
VERBS_WITH_BE: tuple[str, ...] = (
    "arrive",
    "part",
    "vient",
    "revient",
    "naît",
    "meurt",
    "devient",
    "rentre",
    "retourne",
    "décède",
    "survient",
)
# Verbs of saying, by their present: a statement takes no date from its context.
SAYING: tuple[str, ...] = ("déclare",)
# Verb phrases that tell a happening only before a name (none in French).
BEFORE_A_NAME: tuple[str, ...] = ()
# Subjects that take the plural present (« Ils signent », "They sign", "I sign").
PLURAL_PRONOUNS: tuple[str, ...] = ("ils", "elles")
# Subject pronouns of the speaker and of the person spoken to: in a transcript's turn they are
# the turn's speaker and the one answering or asked (« vous rencontrez aujourd'hui… »); a
# happening told with them elsewhere has no one to name.
FIRST_PERSON: tuple[str, ...] = ("je", "j'", "nous")
SECOND_PERSON: tuple[str, ...] = ("vous", "tu")
# Pronouns between a subject and its verb (« vous y avez rencontré »).
# Those that may be an object too (« il nous a reçus »): a subject only where a clause starts.
PEOPLE_OBJECTS: tuple[str, ...] = ("nous", "vous")
CLITICS: tuple[str, ...] = ("y", "en", "lui", "leur", "l'", "le", "la", "les", "vous", "nous")
# A background told in passing (a founding, a birth, a pluperfect: « il a fondé l'OSF », « il
# avait signé »): it takes a date of its own or none, never the day of the story it sits in.
BACKGROUND: tuple[str, ...] = ("fonde", "crée", "naît")
BACKGROUND_AUXILIARIES: tuple[str, ...] = ("avait", "avaient")
# Words opening a present participle that tells a happening of the noun right before it
# (« une conférence ayant lieu le 11 décembre »).
NOUN_PARTICIPLES: tuple[str, ...] = ("ayant",)
# Numbers that open a subject like a determiner (« deux surveillants ont été blessés »).
CARDINALS: tuple[str, ...] = (
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "vingt",
    "cent",
    "mille",
)
# What makes a verb a plan rather than a happening, for a sentence dated by its context: an
# auxiliary of future or intention before it (« va signer », « doit voter »), or the ending of an
# infinitive or a future (« signer », « signera »).
NOT_NARRATIVE_AUXILIARIES = (
    "va",
    "vont",
    "allons",
    "allez",
    "allait",
    "allaient",
    "doit",
    "doivent",
    "devait",
    "devaient",
    "devrait",
    "devraient",
    "sera",
    "seront",
    "aura",
    "auront",
)
# The endings of an infinitive: with no auxiliary before it (« va », « doit »), an infinitive
# (« à marquer ») is no verb of a happening.
INFINITIVE_ENDINGS: tuple[str, ...] = ("er", "ir", "re")
NOT_NARRATIVE_ENDINGS = (
    "er",
    "ir",
    "re",
    "era",
    "eront",
    "ira",
    "iront",
    "dra",
    "dront",
    "rra",
    "rront",
    "erez",
    "erons",
    "tra",
    "tront",
    "ura",
    "uront",
)
# A French present tells a happening too (« Il remporte le titre en 1998 »).
NARRATIVE_NEEDS_PAST = False
# Auxiliaries that say the subject is plural (« ont signé », « se sont rencontrés »).
PLURAL_AUXILIARIES = (
    "ont",
    "sont",
    "avaient",
    "étaient",
    "auront",
    "seront",
    "furent",
    "doivent",
    "devaient",
    "devraient",
    "vont",
    "viennent",
)
# A word among the auxiliaries that makes the verb a passive (« a été signé » → « est signé »).
# A past participle without an auxiliary, right after a word, is an adjective (« une
# journaliste devenue ministre »); after a comma it opens an apposition that tells a happening.
PARTICIPLES_NEED_AUXILIARY = True
PASSIVE_MARKERS = ("été",)
PASSIVE_PRESENT = ("est", "sont")
# The reflexive pronoun of a pronominal verb (« se sont rencontrés » → « se rencontrent »).
REFLEXIVE = ("se", "s'")
REFLEXIVE_BEFORE_VOWEL = "s'"
NEGATION = ("ne", "n'", "ni")
# A word right before a form makes it a noun (« la rencontre », « sa visite »), not a verb.
DETERMINERS = (
    "le",
    "la",
    "les",
    "l'",
    "un",
    "une",
    "des",
    "du",
    "de",
    "d'",
    "sa",
    "son",
    "ses",
    "leur",
    "leurs",
    "cette",
    "ce",
    "ces",
    "cet",
    "notre",
    "votre",
    "premier",
    "première",
    "dernier",
    "dernière",
    "nouvelle",
    "nouveau",
    "au",
    "aux",
)
# A headline stops where the clause does (« …, où », « afin de… », « alors que… »).
CLAUSE_ENDS = (
    "qui",
    "que",
    "qu'",
    "où",
    "dont",
    "afin",
    "alors",
    "tandis",
    "mais",
    "car",
    "puisque",
    "lorsque",
    "quand",
    "pour",
    "après",
    "avant",
    "selon",
)
# An infinitive after these says what is sought, not what happened (« afin d'obtenir »).
PURPOSE = ("afin", "pour")
# Relative pronouns that are the subject of the verb right after them (« des gilets qui sont
# distribués »).
SUBJECT_RELATIVES: tuple[str, ...] = ("qui",)
# The word joining a happening to what it is of (« l'ouverture de Wikitribune »).
OF = "de"
# Relative pronouns whose clause has a subject of its own (« dont l'ouverture se fera le 22
# mai »): a date after one is its clause's, not the verb's before it.
RELATIVES: tuple[str, ...] = ("dont",)
# Prepositions a date is introduced by, dropped with it from a headline (« le 12 juin »).
DATE_INTRODUCERS = ("le", "ce", "en", "depuis", "dès", "dans", "au", "du", "à", "vers", "début")
# Words a headline does not end on.
TRAILING = (
    "à",
    "au",
    "aux",
    "de",
    "du",
    "des",
    "d'",
    "en",
    "le",
    "la",
    "les",
    "l'",
    "et",
    "un",
    "une",
    "avec",
    "pour",
    "sur",
    "dans",
    "par",
    "ou",
    "son",
    "sa",
    "ses",
    "leur",
)

# Nouns naming a happening: with a date in their clause, the noun phrase is a headline.
HAPPENING_NOUNS = (
    "arrivée",
    "visite",
    "sommet",
    "rencontre",
    "élection",
    "lancement",
    "attaque",
    "attentat",
    "chute",
    "mort",
    "décès",
    "victoire",
    "défaite",
    "signature",
    "ouverture",
    "inauguration",
    "investiture",
    "démission",
    "naissance",
    "fondation",
    "création",
    "invasion",
    "indépendance",
    "libération",
    "explosion",
    "catastrophe",
    "séisme",
    "tremblement de terre",
    "cérémonie",
    "finale",
)
# « lors du sommet », « en marge de la réunion »: the quotation was said at the happening named.
LINKS = (
    "lors du",
    "lors de la",
    "lors de l'",
    "lors d'un",
    "lors d'une",
    "pendant le",
    "pendant la",
    "pendant l'",
    "durant le",
    "durant la",
    "au cours du",
    "au cours de la",
    "au cours de l'",
    "au cours d'un",
    "au cours d'une",
    "en marge du",
    "en marge de la",
    "en marge de l'",
    "à l'issue du",
    "à l'issue de la",
    "à l'occasion du",
    "à l'occasion de la",
    "au sommet",
    "au terme du",
    "au terme de la",
    "devant la presse",
    "dans son discours",
    "dans un discours",
)
# « la veille du sommet »: said the day before (one day back); « avant le sommet »: before it.
BEFORE = {"la veille du": 1, "la veille de la": 1, "avant le": 0, "avant la": 0, "avant l'": 0}
# Nouns naming a happening a quotation can be said at.
EVENT_NOUNS = (
    "sommet",
    "rencontre",
    "réunion",
    "conférence de presse",
    "conférence",
    "point presse",
    "entretien",
    "entretiens",
    "pourparlers",
    "visite",
    "cérémonie",
    "discours",
    "séquence protocolaire",
    "déclaration",
    "débat",
    "session",
    "séance",
    "audience",
    "meeting",
    "interview",
    "forum",
    "assemblée",
    "congrès",
    "négociations",
    "signature",
)
