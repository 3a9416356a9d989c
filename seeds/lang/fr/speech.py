"""French: how quotations are marked and attributed, and how transcripts label their speakers.

Patterns are matched against folded text (``seeds.mentions.fold``: no case, no accents, one kind of
apostrophe), except the transcript labels, which need the case of the original.
"""

from __future__ import annotations

# Opening mark → closing mark. Straight double quotes open and close alike.
QUOTE_MARKS = {"«": "»", "“": "”", '"': '"'}
# An opening mark glued after a word and followed by punctuation closes the quotation instead
# (« … économiques« . »).
GLUED_CLOSING = "«"

# Attribution verbs, folded, in every tense: stems of the first group and of a few others, with
# their endings (present, past participle, imperfect, simple past, future, conditional, present
# participle); then irregular verbs in full. Infinitives are left out: in « a déclaré vouloir … »
# the subject belongs to « déclaré ».
_STEMS = (
    "declar",
    "affirm",
    "ajout",
    "estim",
    "assur",
    "expliqu",
    "soulign",
    "indiqu",
    "annonc",
    "insist",
    "lanc",
    "confi",
    "rappel",
    "precis",
    "jug",
    "denonc",
    "esper",
    "souhait",
    "appel",
    "qualifi",
    "evoqu",
    "repet",
    "martel",
    "reclam",
    "exhort",
    "accus",
    "confirm",
    "deplor",
    "salu",
    "felicit",
    "plaid",
    "demand",
    "tweet",
    "avou",
    "retorqu",
    "repliqu",
    "racont",
    "temoign",
    "constat",
    "observ",
    "comment",
    "critiqu",
    "fustig",
    "regrett",
    "interrog",
    "exclam",
    "argu",
    "objet",
    "resum",
    "tranch",
    "ironis",
    "lach",
    "gliss",
    "notifi",
    "signal",
    "mention",
    "reconnaiss",
    "promett",
    "menac",
    "previs",
    "detaill",
    "insur",
    "inquiet",
    "rassur",
    "prononc",
    "clam",
    "proclam",
    "reaffirm",
    "reiter",
    "temper",
    "nuanc",
)
_ENDINGS = (
    "e|ee|es|ees|ent|ant|t|it|s|u|ue|is|ait|aient|a|era|eront|erait|eraient|erent|ons|ez|ions"
)
SPEECH_VERB = (
    r"^(?:(?:" + "|".join(_STEMS) + r")(?:" + _ENDINGS + r")"
    r"|dit|dis|disent|disait|disaient|dira|dirait|disant|veut|veulent|voulu|voulant|promet"
    r"|promis|reconnu|reconnait|conclu|conclut|repond|repondu|repondait|previent|prevenu"
    r"|averti|avertit|ecrit|ecrivait|ecrivant|attend|attendu|attendant|poursuit|poursuivi"
    r"|soutient|soutenu|soutenait|admet|admis|reagi|reagit|decrit|decrite|decrites|decrivait"
    r"|decrivant"
    r")$"
)
# Forms of those verbs that are nouns or adjectives more often than verbs.
NOT_SPEECH = frozenset(
    {
        "dits",
        "dite",
        "dites",
        "appels",
        "estimes",
        "precis",
        "precise",
        "precises",
        "comment",
        "salut",
        "saluts",
        "objet",
        "objets",
        "menace",
        "menaces",
        "tranche",
        "tranches",
        "annonces",
        "rappels",
        "demandes",
    }
)
# A present participle carries the speaker of the previous quotation (« …, ajoutant que … »).
PARTICIPLE = r"^[a-z]+ant$"
ACCORDING_TO = r"\b(?:selon|d'apres|a en croire)\s+"
# « Pour Marc Lenoir, le texte reste « insuffisant » »: whose opinion the sentence gives.
OPINION_OF = r"pour\s+"  # at the sentence's start
# A capitalised word right after these is part of a noun phrase, not a person's name
# (« le ministre de l'Éducation »).
NOT_A_NAME_AFTER = r"(?:\bde |\bdu |\bdes |\bd'|\bde l'|\bde la )$"
# Articles glued to a name at a sentence's start that are not part of it (none in French:
# « Le Monde », « Le Pen »).
LEADING_ARTICLES: frozenset[str] = frozenset()
# A passive's agent: « jugé « décevant » par les ONG ».
AGENT = r"\s*par\s+"
SUBJECT_PRONOUN = r"\b(?:il|elle|ils|elles)\b"
# A pronoun for an institution, the subject right before its verb ("It also called …").
# Words that stand for the person just named (« Ce dernier a affirmé … »).
ANAPHORA = r"ce dernier|cette derniere|celui-ci|celle-ci"
ORGANISATION_PRONOUN = r"\b(?:il|elle)\b"  # « il » and « elle » already stand for institutions
# « selon lui », « d'après elle ».
OBJECT_PRONOUN = r"(?:lui|elle|eux|elles)\b"
# « a-t-il ajouté », « estime-t-elle ».
INVERTED_PRONOUN = r"(?:-t)?-(?:il|elle)s?\b"
# What may follow a verb before its inverted subject.
AFTER_VERB = (
    r"(?:\s|,)*(?:(?:de son cote|pour sa part|egalement|aussi|encore|ensuite|alors|enfin"
    r"|lui-meme|elle-meme|quant a lui|quant a elle)(?:\s|,)+)*"
)
# What may stand between a subject and its verb: an auxiliary, an adverb, an apposition.
BEFORE_VERB = (
    r"(?:\s*,[^,]{1,80})?\s*,?(?:\s*(?:a|avait|ont|avaient|aurait|auraient|egalement|aussi"
    r"|encore|ensuite|alors|deja|enfin|lui-meme|elle-meme|pour sa part|de son cote|n'a|n'avait"
    r"|ne|pas|jamais|meme|pourtant|toutefois|cependant|d'ailleurs|notamment|s'est|se|s'etait))*\s*"
)
# Determiners opening a noun phrase: such a subject is someone the text does not name.
DETERMINERS = r"(?:ce|cet|cette|ces|le|la|les|l'|un|une|des|son|sa|ses|leur|leurs)"
# A role phrase before a name (« le ministre Jean Dupont », « la porte-parole, Marie Dubois »).
ROLE_BEFORE_NAME = r"(?:le|la|les|l')\s*[a-z' -]{0,40}"
# Particles inside a name (« Charles de Gaulle »).
NAME_PARTICLES = ("de", "du", "des", "van", "von", "da", "di", "al", "el", "ben", "bin", "d'")
# Capitalised words that open a sentence without being a name.
NOT_A_NAME_START = frozenset(
    {
        "le",
        "la",
        "les",
        "l'",
        "un",
        "une",
        "des",
        "ce",
        "cet",
        "cette",
        "ces",
        "il",
        "elle",
        "ils",
        "elles",
        "selon",
        "pour",
        "mais",
        "et",
        "on",
        "nous",
        "vous",
        "je",
        "j'",
        "en",
        "a",
        "au",
        "aux",
        "de",
        "du",
        "dans",
        "apres",
        "avant",
        "depuis",
        "durant",
        "lors",
        "puis",
        "ainsi",
        "alors",
        "son",
        "sa",
        "ses",
        "leur",
        "leurs",
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
        "janvier",
        "fevrier",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "aout",
        "septembre",
        "octobre",
        "novembre",
        "decembre",
    }
)
# Civil titles left out of a speaker's name (« M. Dupont » → « Dupont »), folded, without dot.
CIVIL_TITLES = frozenset({"m", "mm", "mme", "mmes", "mlle", "mlles", "dr", "pr", "me", "monsieur"})
# Role nouns a text names people by (« le ministre » after « le ministre Jean Dupont »), folded.
ROLE_NOUNS = frozenset(
    {
        "president",
        "presidente",
        "ministre",
        "premier ministre",
        "porte-parole",
        "secretaire",
        "maire",
        "senateur",
        "senatrice",
        "depute",
        "deputee",
        "ambassadeur",
        "ambassadrice",
        "chancelier",
        "chanceliere",
        "dirigeant",
        "dirigeante",
        "chef",
        "gouverneur",
        "general",
        "directeur",
        "directrice",
        "patron",
        "patronne",
        "roi",
        "reine",
        "pape",
        "commissaire",
        "procureur",
        "juge",
        "avocat",
        "avocate",
        "chercheur",
        "chercheuse",
        "professeur",
        "professeure",
    }
)
# Capitalised words a title may carry before a name ("Foreign Minister Jane Doe"), folded.
ROLE_QUALIFIERS = frozenset(
    {
        "ancien",
        "ancienne",
        "premier",
        "premiere",
        "vice",
        "sous-secretaire",
        "haut",
        "haute",
    }
)
# Words right before an opening mark that make it a name, a title or a scare quote rather than
# words someone said (« la guerre dite « froide » », « le roman intitulé « … » »).
NOT_SPEECH_BEFORE_MARK = (
    r"(?:surnommee?s?|baptisee?s?|intitulee?s?|denommee?s?|dite|dites|dits|soi-disant"
    r"|pretendue?s?|le terme|le mot|les mots|l'expression|le slogan|le titre|nom de code"
    r"|le livre|le roman|le film|l'album|la chanson|l'ouvrage|l'emission|la serie|le journal"
    r"|le quotidien|l'hebdomadaire|le magazine|l'operation|le programme|le projet|le mouvement"
    r"|le parti|la campagne|le plan)"
)

# Transcripts -----------------------------------------------------------------------------------
# Labels of people a transcript does not name, folded (« QUESTION : », « Journaliste : »).
UNNAMED_LABELS = frozenset(
    {
        "q",
        "question",
        "questions",
        "journaliste",
        "journalistes",
        "un journaliste",
        "une journaliste",
        "reporter",
        "participant",
        "participante",
        "un participant",
        "une participante",
        "intervenant",
        "intervenante",
        "public",
        "auditeur",
        "auditrice",
        "voix",
        "une voix",
        "inconnu",
        "interprete",
        "traducteur",
        "traductrice",
        "plusieurs voix",
        "la salle",
    }
)
# Labels of the person who answers an interview (« R - »), named by the header.
RESPONDENT_LABELS = frozenset({"r", "reponse"})
# How a header names the person interviewed (folded).
INTERVIEWEE = (
    r"\b(?:entretien|interview|entrevue|conversation|echange)\s+(?:accordee?\s+|donnee?\s+)?"
    r"(?:de|d'|avec|par)\s*(?:m\.\s*|mme\s+)?"
)
# Labels naming a role, resolved to the person the header gives that role (« LE PRÉSIDENT : »
# after « Conférence de presse du président Emmanuel Macron »): label → role noun.
ROLE_LABELS = {"le president": "president", "la presidente": "presidente"}
# How the header names a role holder: the role noun, then the name.
HEADER_ROLE_NAME = r"\b(?:du |de la |le |la )?(?P<role>presidente?)\s+(?:de la republique\s+)?"
# Stage directions and editorial notes, inside parentheses or brackets (folded).
STAGE_DIRECTION = (
    r"(?:applaudissements?|rires?|sourires?|inaudible|brouhaha|silence|interruption|pause"
    r"|a travers l'interprete|par l'interprete|via l'interprete|interprete|traduction|traduit"
    r"|en anglais|en russe|en chinois|en coreen|en allemand|en espagnol|en arabe|hors micro"
    r"|micro coupe|coupure|fin de|debut de|retraduit|propos traduits|en aparte|musique"
    r"|extrait|video|diffusion)"
)
# Turns that carry no statement (folded, without final punctuation).
TRIVIAL_TURNS = frozenset(
    {
        "merci",
        "merci beaucoup",
        "merci a vous",
        "merci bien",
        "merci monsieur le president",
        "merci madame",
        "merci monsieur",
        "oui",
        "non",
        "d'accord",
        "bonjour",
        "bonsoir",
        "bien",
        "tres bien",
        "allez-y",
        "je vous en prie",
        "voila",
        "exactement",
        "absolument",
        "pardon",
        "oui merci",
        "merci a tous",
        "au revoir",
        "bonjour a tous",
    }
)
# Words that open a line with a colon without naming a speaker (folded).
NOT_LABELS = frozenset(
    {
        "media",
        "medias",
        "emission",
        "chaine",
        "radio",
        "television",
        "site",
        "support",
        "evenement",
        "prononce le",
        "texte integral",
        "mots cles",
        "note",
        "nb",
        "source",
        "sources",
        "photo",
        "credit",
        "credits",
        "mise a jour",
        "correction",
        "transcription",
        "lire aussi",
        "voir aussi",
        "a lire",
        "video",
        "image",
        "copyright",
        "publie",
        "date",
        "lieu",
        "objet",
        "titre",
        "auteur",
        "par",
        "resume",
        "contexte",
        "ordre du jour",
        "sujet",
        "theme",
        "themes",
        "mots-cles",
        "references",
        "remarque",
        "attention",
        "exemple",
        "definition",
    }
)
# Section headings and marks of an encyclopedia article (folded): such a text has no dateline,
# and a quotation in it needs an attribution.
ENCYCLOPEDIA_HEADINGS = frozenset(
    {
        "notes et references",
        "references",
        "voir aussi",
        "liens externes",
        "bibliographie",
        "articles connexes",
        "notes",
        "sources",
        "biographie",
        "jeunesse",
        "carriere",
        "historique",
        "etymologie",
    }
)
# How an encyclopedia page opens: a note on namesakes, a birth in the first sentence (folded).
ENCYCLOPEDIA_OPENINGS = (
    r"pour les articles homonymes|cet article concerne|\b(?:ne|nee) le\b[^.\n]{0,80}\best une?\b"
)
ENCYCLOPEDIA_MARKS = r"\[(?:\d{1,3}|ref\. necessaire|reference necessaire|note \d+|[a-z])\]"
# Headings of the lists that end a page (sources, links, further reading, folded): the titles in
# quotation marks under them are no quotations.
REFERENCE_HEADINGS = frozenset(
    {
        "voir aussi",
        "sources",
        "references",
        "notes et references",
        "liens externes",
        "bibliographie",
        "articles connexes",
        "a lire aussi",
        "lire aussi",
        "notes",
    }
)
