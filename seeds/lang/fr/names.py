"""French: how people are named in prose — titles and honorifics before a surname, role phrases
that stand for a person (« le dirigeant nord-coréen »), and the words of a short description
(« Président des États-Unis de 2017 à 2021 ») that say which role someone holds.

Words are written as in the text; the pipeline folds case and accents itself.
"""

from __future__ import annotations

# Placed before a name: « M. Poutine », « le président Trump », « la chancelière Merkel ».
# Feminine forms are listed apart: they never stand before a man's name.
HONORIFICS = ("M.", "MM.", "monsieur", "messieurs", "Dr", "Pr", "docteur", "professeur")
HONORIFICS_FEMININE = ("Mme", "Mmes", "Mlle", "madame", "mademoiselle")
TITLES = (
    "président",
    "vice-président",
    "Premier ministre",
    "premier ministre",
    "chancelier",
    "ministre",
    "secrétaire d'État",
    "secrétaire général",
    "secrétaire",
    "sénateur",
    "député",
    "maire",
    "gouverneur",
    "général",
    "maréchal",
    "amiral",
    "colonel",
    "pape",
    "roi",
    "prince",
    "empereur",
    "dirigeant",
    "leader",
    "chef",
    "camarade",
    "ambassadeur",
    "porte-parole",
    "juge",
    "commissaire",
    "directeur",
    "patron",
)
TITLES_FEMININE = (
    "présidente",
    "vice-présidente",
    "Première ministre",
    "première ministre",
    "chancelière",
    "sénatrice",
    "députée",
    "gouverneure",
    "générale",
    "reine",
    "princesse",
    "impératrice",
    "dirigeante",
    "ambassadrice",
    "directrice",
)
# Articles a title or a role phrase may open with (« le président », « l'ex-président »).
ARTICLES = ("le", "la", "les", "l'", "du", "de la", "au", "à la", "son", "sa")
# Words between an article and a title that do not change who is meant.
TITLE_QUALIFIERS = ("nouveau", "nouvelle", "ex-", "ancien", "ancienne", "actuel", "actuelle")

# Role phrases: a role word and a nationality (« le dirigeant nord-coréen », « le président
# russe », « le chef de l'État russe »), or a fixed phrase naming a country's seat of power
# (« le chef du Kremlin »). Role words give a role that ``DESCRIPTION_ROLES`` can confirm.
ROLE_WORDS = {
    "dirigeant": "leader",
    "dirigeante": "leader",
    "leader": "leader",
    "chef": "leader",
    "chef de l'État": "leader",
    "chef de l'Etat": "leader",
    "numéro un": "leader",
    "homme fort": "leader",
    "maître": "leader",
    "homologue": "leader",
    "président": "president",
    "présidente": "president",
    "Premier ministre": "prime_minister",
    "premier ministre": "prime_minister",
    "Première ministre": "prime_minister",
    "première ministre": "prime_minister",
    "chef du gouvernement": "prime_minister",
    "chancelier": "prime_minister",
    "chancelière": "prime_minister",
    "ministre des Affaires étrangères": "foreign_minister",
    "chef de la diplomatie": "foreign_minister",
    "roi": "monarch",
    "reine": "monarch",
    "guide suprême": "supreme_leader",
}
NATIONALITIES = {
    "russe": "Russie",
    "nord-coréen": "Corée du Nord",
    "nord-coréenne": "Corée du Nord",
    "sud-coréen": "Corée du Sud",
    "sud-coréenne": "Corée du Sud",
    "américain": "États-Unis",
    "américaine": "États-Unis",
    "chinois": "Chine",
    "chinoise": "Chine",
    "japonais": "Japon",
    "japonaise": "Japon",
    "français": "France",
    "française": "France",
    "britannique": "Royaume-Uni",
    "allemand": "Allemagne",
    "allemande": "Allemagne",
    "italien": "Italie",
    "italienne": "Italie",
    "espagnol": "Espagne",
    "espagnole": "Espagne",
    "ukrainien": "Ukraine",
    "ukrainienne": "Ukraine",
    "biélorusse": "Biélorussie",
    "turc": "Turquie",
    "turque": "Turquie",
    "iranien": "Iran",
    "iranienne": "Iran",
    "israélien": "Israël",
    "israélienne": "Israël",
    "palestinien": "Palestine",
    "palestinienne": "Palestine",
    "syrien": "Syrie",
    "syrienne": "Syrie",
    "égyptien": "Égypte",
    "égyptienne": "Égypte",
    "saoudien": "Arabie saoudite",
    "saoudienne": "Arabie saoudite",
    "indien": "Inde",
    "indienne": "Inde",
    "pakistanais": "Pakistan",
    "vietnamien": "Viêt Nam",
    "vietnamienne": "Viêt Nam",
    "canadien": "Canada",
    "canadienne": "Canada",
    "mexicain": "Mexique",
    "mexicaine": "Mexique",
    "brésilien": "Brésil",
    "brésilienne": "Brésil",
    "argentin": "Argentine",
    "argentine": "Argentine",
    "australien": "Australie",
    "australienne": "Australie",
    "polonais": "Pologne",
    "polonaise": "Pologne",
    "néerlandais": "Pays-Bas",
    "belge": "Belgique",
    "suisse": "Suisse",
    "sud-africain": "Afrique du Sud",
    "sud-africaine": "Afrique du Sud",
    "nigérian": "Nigeria",
    "nigériane": "Nigeria",
    "kényan": "Kenya",
    "kényane": "Kenya",
    "cubain": "Cuba",
    "cubaine": "Cuba",
    "vénézuélien": "Venezuela",
    "vénézuélienne": "Venezuela",
    "afghan": "Afghanistan",
    "afghane": "Afghanistan",
    "irakien": "Irak",
    "irakienne": "Irak",
    "grec": "Grèce",
    "grecque": "Grèce",
    "hongrois": "Hongrie",
    "hongroise": "Hongrie",
    "suédois": "Suède",
    "suédoise": "Suède",
    "norvégien": "Norvège",
    "norvégienne": "Norvège",
    "finlandais": "Finlande",
    "finlandaise": "Finlande",
    "danois": "Danemark",
    "danoise": "Danemark",
    "portugais": "Portugal",
    "portugaise": "Portugal",
    "irlandais": "Irlande",
    "irlandaise": "Irlande",
    "autrichien": "Autriche",
    "autrichienne": "Autriche",
    "roumain": "Roumanie",
    "roumaine": "Roumanie",
}
# A role word, then « de » and one of these: « le chef du Kremlin », « le locataire de la
# Maison-Blanche ». The article of the seat is part of the phrase.
SEATS = {
    "du Kremlin": "Russie",
    "de la Maison-Blanche": "États-Unis",
    "de la Maison Blanche": "États-Unis",
    "de l'Élysée": "France",
    "de Matignon": "France",
    "de Downing Street": "Royaume-Uni",
    "de la Chancellerie": "Allemagne",
}
SEAT_ROLE_WORDS = {
    "maître": "leader",
    "chef": "leader",
    "locataire": "leader",
    "patron": "leader",
    "hôte": "leader",
}
# The pattern of a role phrase: {role} then {nationality} (« le président russe »).
ROLE_BEFORE_NATIONALITY = True

# Words of a short description that say which role someone holds (« Président des États-Unis »,
# « Dirigeant de la Corée du Nord depuis 2011 »). Checked on whole words, folded.
DESCRIPTION_ROLES = {
    "dirigeant": ("leader",),
    "dirigeante": ("leader",),
    "chef de l'etat": ("leader", "president"),
    "chef d'etat": ("leader", "president"),
    "president": ("leader", "president"),
    "presidente": ("leader", "president"),
    "premier ministre": ("leader", "prime_minister"),
    "premiere ministre": ("leader", "prime_minister"),
    "chef du gouvernement": ("leader", "prime_minister"),
    "chancelier": ("leader", "prime_minister"),
    "chanceliere": ("leader", "prime_minister"),
    "ministre des affaires etrangeres": ("foreign_minister",),
    "chef de la diplomatie": ("foreign_minister",),
    "roi": ("leader", "monarch"),
    "reine": ("leader", "monarch"),
    "guide supreme": ("leader", "supreme_leader"),
}
# A description opening with one of these is a woman's (« Présidente de … »).
DESCRIPTION_FEMININE = (
    "presidente",
    "dirigeante",
    "premiere ministre",
    "chanceliere",
    "reine",
    "ministre des affaires etrangeres et",
    "senatrice",
    "deputee",
    "ambassadrice",
)
# Tenures in a description, on folded text: « depuis 2011 », « de 1994 à 2011 », « (1994-2011) »,
# « jusqu'en 2011 »; « ancien » says the role is over.
TENURE_SINCE = r"\bdepuis (?:\w+ )?(?P<start>\d{4})\b"
TENURE_RANGE = r"\b(?:de |entre )?(?P<start>\d{4}) ?(?:a|-|–|et) ?(?P<end>\d{4})\b"
TENURE_UNTIL = r"\bjusqu'(?:en|au) (?:\w+ )?(?P<end>\d{4})\b"
TENURE_FORMER = r"^(?:ancien|ancienne|ex-)"

# Joining two subjects (« Donald Trump et Kim Jong-un »).
AND = ("et",)
