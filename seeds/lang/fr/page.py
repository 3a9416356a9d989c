"""French page furniture: what a scraped page adds around an article, and the article's header.

``BOILERPLATE``, ``TRAILER`` and ``CREDIT`` are matched on the normalised line (no case, no
accents); ``BYLINE`` and ``PUBLISHED`` on the line as written. ``FUNCTION_WORDS`` are the short
words that say a text is French (see ``seeds.lang.language_detect``).
"""

from __future__ import annotations

# Lines that belong to the page, not to the article.
BOILERPLATE = (
    r"^(?:partager cet article|publicite$|advertisement$|copier/coller le lien|copy to clipboard"
    r"|close button|lire aussi|lire la suite|voir aussi|sur le meme sujet|suivez-nous"
    r"|abonnez-vous|inscrivez-vous|newsletter|commentaires?$|cookies?\b|accepter et fermer"
    r"|publication\s*:|source\s*:\s*afp$)"
)
# Everything after one of these lines is a list of links to other articles.
TRAILER = r"^(?:a decouvrir egalement|a lire egalement|articles? similaires?|a voir aussi)"
CREDIT = r"^(?:tous droits reserves|©|\(c\)|credit photo|photo\s*:)"
BYLINE = r"^par\s+(?P<name>[^\W\d_][\w .'’-]{1,60})$"
PUBLISHED = r"^(?:publié|publie|mis en ligne|mis à jour)\s+le\s+(?P<date>.{6,60})$"
FUNCTION_WORDS = frozenset(
    {
        "le",
        "la",
        "les",
        "des",
        "du",
        "un",
        "une",
        "et",
        "est",
        "sont",
        "dans",
        "pour",
        "par",
        "sur",
        "avec",
        "que",
        "qui",
        "ne",
        "pas",
        "au",
        "aux",
        "ce",
        "cette",
        "ces",
        "il",
        "elle",
        "ils",
        "nous",
        "vous",
        "je",
        "mais",
        "ou",
        "leur",
        "leurs",
        "sa",
        "ses",
        "son",
        "l'",
        "qu'",
        "c'",
        "n'",
        "s'",
        "j'",
        "d'",
        "a",
        "de",
        "en",
        "plus",
        "ont",
        "avait",
        "été",
        "être",
        "selon",
        "entre",
        "aussi",
        "comme",
        "tout",
        "très",
    }
)
