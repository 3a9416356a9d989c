"""English: how quotations are marked and attributed, and how transcripts label their speakers.

Patterns are matched against folded text (``seeds.mentions.fold``: no case, no accents, one kind of
apostrophe), except the transcript labels, which need the case of the original.
"""

from __future__ import annotations

# Opening mark → closing mark. ‘Single’ marks only nest inside double ones: at the top level they
# cannot be told from apostrophes.
QUOTE_MARKS = {"“": "”", '"': '"', "«": "»"}
GLUED_CLOSING = ""

# Attribution verbs, folded, in the forms that report speech: past, present, participle.
_VERBS = (
    "say|says|said|saying|tell|tells|told|telling|add|adds|added|adding|ask|asks|asked|asking"
    "|state|states|stated|declare|declares|declared|declaring|explain|explains|explained"
    "|explaining|note|notes|noted|noting|write|writes|wrote|writing|insist|insists|insisted"
    "|insisting|argue|argues|argued|arguing|warn|warns|warned|warning|claim|claims|claimed"
    "|claiming|announce|announces|announced|announcing|reply|replies|replied|replying"
    "|respond|responds|responded|responding|continue|continues|continued|recall|recalls"
    "|recalled|recalling|acknowledge|acknowledges|acknowledged|admit|admits|admitted"
    "|admitting|urge|urges|urged|urging|suggest|suggests|suggested|suggesting|tweet|tweets"
    "|tweeted|tweeting|posted|stress|stresses|stressed|stressing|emphasize|emphasizes"
    "|emphasized|emphasizing|emphasise|emphasises|emphasised|emphasising|confirm|confirms"
    "|confirmed|confirming|describe|describes|described|describing|call|calls|called|calling"
    "|predict|predicts|predicted|predicting|promise|promises|promised|promising|vow|vows"
    "|vowed|vowing|pledge|pledges|pledged|pledging|concede|concedes|conceded|conceding"
    "|caution|cautions|cautioned|cautioning|remark|remarks|remarked|observe|observes|observed"
    "|comment|comments|commented|commenting|complain|complains|complained|complaining"
    "|boast|boasts|boasted|joke|jokes|joked|joking|quip|quips|quipped|testify|testifies"
    "|testified|testifying|conclude|concludes|concluded|contend|contends|contended"
    "|maintain|maintains|maintained|reiterate|reiterates|reiterated|reiterating|repeat"
    "|repeats|repeated|shout|shouts|shouted|exclaim|exclaims|exclaimed|recount|recounts"
    "|recounted|demand|demands|demanded|demanding|agree|agrees|agreed|counter|counters"
    "|countered|retort|retorts|retorted|answer|answers|answered|hope|hopes|hoped|hoping"
    "|believe|believes|believed|think|thinks|thought|welcome|welcomes|welcomed|welcoming"
    "|praise|praises|praised|praising|criticize|criticizes|criticized|criticise|criticises"
    "|criticised|condemn|condemns|condemned|condemning|deny|denies|denied|denying|accuse"
    "|accuses|accused|accusing|label|labels|labelled|labeled|brand|brands|branded|promise"
    "|mention|mentions|mentioned|assert|asserts|asserted|asserting|allege|alleges|alleged"
    "|report|reports|reported|explain|recall|reflect|reflects|reflected|lament|laments"
    "|lamented|plead|pleads|pleaded|begged|wonder|wonders|wondered|muse|mused|told"
)
SPEECH_VERB = r"^(?:" + _VERBS + r")$"
NOT_SPEECH = frozenset({"state", "states", "call", "calls", "comment", "comments", "report"})
# A present participle carries the speaker of the previous quotation (", adding that …").
PARTICIPLE = r"^[a-z]+ing$"
ACCORDING_TO = r"\baccording to\s+"
# "For Smith, the plan is “a disaster”": whose opinion the sentence gives.
OPINION_OF = r"for\s+"  # at the sentence's start
# A capitalised word right after these is part of a noun phrase, not a person's name
# ("the Ministry of Defence").
NOT_A_NAME_AFTER = r"(?:\bof |\bof the )$"
# "The Green Alliance said": the article is not part of the name.
LEADING_ARTICLES = frozenset({"the"})
# A passive's agent: 'was called "reckless" by the opposition'.
AGENT = r"\s*,?\s*by\s+"
SUBJECT_PRONOUN = r"\b(?:he|she|they)\b"
# A pronoun for an institution, the subject right before its verb ("It also called …").
# Words that stand for the person just named (« Ce dernier a affirmé … »).
ANAPHORA = r"the latter"
ORGANISATION_PRONOUN = r"\bit\b"
# "according to him".
OBJECT_PRONOUN = r"(?:him|her|them)\b"
# '"…," said he' (rare, but old-fashioned style).
INVERTED_PRONOUN = r"\s+(?:he|she|they)\b"
AFTER_VERB = (
    r"(?:\s|,)*(?:(?:also|later|then|again|too|further|separately|simply|once|recently"
    r"|earlier|afterwards|afterward|previously)(?:\s|,)+)*"
)
BEFORE_VERB = (
    r"(?:\s*,[^,]{1,80})?\s*,?(?:\s*(?:has|had|have|also|later|then|again|once|previously"
    r"|earlier|recently|repeatedly|often|would|will|has also|had also|did|does|further|simply"
    r"|quickly|flatly|publicly|privately|reportedly|once again|in a statement))*\s*"
)
# Determiners opening a noun phrase: such a subject is someone the text does not name.
DETERMINERS = r"(?:the|this|that|these|those|a|an|its|his|her|their)"
ROLE_BEFORE_NAME = r"(?:the|a|an)(?:\s+[a-z' -]{0,40})?"
NAME_PARTICLES = (
    "de",
    "da",
    "van",
    "von",
    "der",
    "den",
    "di",
    "al",
    "el",
    "bin",
    "ben",
    "la",
    "of",
)
NOT_A_NAME_START = frozenset(
    {
        "the",
        "a",
        "an",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "you",
        "but",
        "and",
        "or",
        "in",
        "on",
        "at",
        "for",
        "of",
        "to",
        "with",
        "after",
        "before",
        "when",
        "while",
        "if",
        "as",
        "this",
        "that",
        "these",
        "those",
        "there",
        "his",
        "her",
        "their",
        "our",
        "my",
        "its",
        "according",
        "however",
        "meanwhile",
        "last",
        "next",
        "since",
        "during",
        "by",
        "from",
        "yesterday",
        "today",
        "tomorrow",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "earlier",
        "later",
        "asked",
        "speaking",
        "writing",
        "still",
        "so",
        "yet",
        "what",
        "who",
        "why",
        "how",
        "where",
        "one",
        "some",
        "many",
        "both",
        "all",
    }
)
CIVIL_TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "mx"})
ROLE_NOUNS = frozenset(
    {
        "president",
        "minister",
        "prime minister",
        "secretary",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "chancellor",
        "senator",
        "governor",
        "mayor",
        "chairman",
        "chairwoman",
        "chair",
        "ambassador",
        "general",
        "leader",
        "director",
        "chief",
        "king",
        "queen",
        "pope",
        "commissioner",
        "prosecutor",
        "judge",
        "lawyer",
        "attorney",
        "researcher",
        "professor",
        "envoy",
        "diplomat",
        "official",
        "congressman",
        "congresswoman",
        "representative",
        "lawmaker",
        "premier",
        "chief executive",
        "ceo",
    }
)
# Capitalised words a title may carry before a name ("Foreign Minister Jane Doe"), folded.
ROLE_QUALIFIERS = frozenset(
    {
        "foreign",
        "prime",
        "vice",
        "deputy",
        "former",
        "general",
        "defense",
        "defence",
        "finance",
        "interior",
        "health",
        "first",
        "chief",
        "state",
        "press",
        "white",
        "house",
        "secretary-general",
    }
)
NOT_SPEECH_BEFORE_MARK = (
    r"(?:so-called|so called|nicknamed|dubbed|known as|titled|entitled|codenamed|code-named"
    r"|the term|the word|the words|the phrase|the slogan|the title|the book|the novel|the film"
    r"|the movie|the album|the song|the show|the series|the newspaper|the magazine"
    r"|the operation|operation|the program|the programme|the project|the movement|the party"
    r"|the campaign|the plan|the hashtag|the motto)"
)

# Transcripts -----------------------------------------------------------------------------------
UNNAMED_LABELS = frozenset(
    {
        "q",
        "question",
        "questions",
        "reporter",
        "reporters",
        "a reporter",
        "journalist",
        "audience",
        "audience member",
        "audience members",
        "participant",
        "unidentified",
        "unidentified speaker",
        "unidentified male",
        "unidentified female",
        "unknown",
        "unknown speaker",
        "voice",
        "voices",
        "several voices",
        "crowd",
        "interpreter",
        "translator",
        "staff",
        "aide",
        "press",
        "member of the press",
        "male speaker",
        "female speaker",
        "speaker",
    }
)
# Labels of the person who answers an interview ("A:"), named by the header.
RESPONDENT_LABELS = frozenset({"a", "answer"})
INTERVIEWEE = r"\b(?:interview|conversation|q&a)\s+(?:with|of|given by)\s+(?:mr\.?\s+|ms\.?\s+)?"
ROLE_LABELS = {
    "the president": "president",
    "the vice president": "vice president",
    "the first lady": "first lady",
    "the secretary": "secretary",
    "the prime minister": "prime minister",
    "the chancellor": "chancellor",
}
HEADER_ROLE_NAME = (
    r"\b(?P<role>vice president|president|first lady|secretary|prime minister|chancellor)"
    r"\s+(?:of the united states\s+)?"
)
STAGE_DIRECTION = (
    r"(?:applause|laughter|laughs|laughing|inaudible|crosstalk|cross-talk|cross talk|silence"
    r"|interruption|pause|pauses|as interpreted|through an interpreter|through interpreter"
    r"|via interpreter|interpreted|translated|translation|retranslated|in english|in russian"
    r"|in chinese|in korean|in german|in spanish|in arabic|in french|off mic|off-mic"
    r"|unintelligible|indiscernible|audio|video|music|recess|end of|begin|break in"
    r"|technical difficulties|coughs|sighs|booing|cheers|cheering|groans)"
)
TRIVIAL_TURNS = frozenset(
    {
        "thank you",
        "thank you very much",
        "thank you so much",
        "thanks",
        "thanks very much",
        "thank you sir",
        "thank you mr president",
        "thank you madam",
        "thank you all",
        "thank you everybody",
        "thank you everyone",
        "okay",
        "ok",
        "all right",
        "alright",
        "yes",
        "yeah",
        "no",
        "sure",
        "right",
        "good",
        "great",
        "hello",
        "hi",
        "good morning",
        "good afternoon",
        "good evening",
        "go ahead",
        "please",
        "exactly",
        "absolutely",
        "yes sir",
        "no sir",
        "sorry",
        "pardon",
        "okay thank you",
        "thank you thank you",
        "okay thank you very much",
        "please go ahead",
        "next question",
    }
)
# Words that open a line with a colon without naming a speaker (folded).
NOT_LABELS = frozenset(
    {
        "media",
        "network",
        "program",
        "programme",
        "show",
        "station",
        "event",
        "venue",
        "full text",
        "keywords",
        "note",
        "editor's note",
        "source",
        "sources",
        "photo",
        "credit",
        "update",
        "updated",
        "correction",
        "transcript",
        "related",
        "read more",
        "see also",
        "watch",
        "video",
        "image",
        "copyright",
        "published",
        "date",
        "location",
        "subject",
        "re",
        "tags",
        "title",
        "author",
        "by",
        "summary",
        "background",
        "context",
        "topic",
        "topics",
        "references",
        "example",
        "definition",
        "warning",
        "caption",
        "when",
        "where",
        "what",
        "who",
        "why",
        "how",
    }
)
# Section headings and marks of an encyclopedia article (folded): such a text has no dateline,
# and a quotation in it needs an attribution.
ENCYCLOPEDIA_HEADINGS = frozenset(
    {
        "references",
        "see also",
        "external links",
        "bibliography",
        "further reading",
        "notes",
        "sources",
        "early life",
        "career",
        "biography",
        "history",
        "etymology",
        "legacy",
    }
)
# How an encyclopedia page opens: a note on namesakes, a birth in the first sentence (folded).
ENCYCLOPEDIA_OPENINGS = (
    r"this article is about|for other uses, see"
    r"|\(born\b[^)\n]{0,60}\)[^.\n]{0,40}\b(?:is|was) an?\b"
)
ENCYCLOPEDIA_MARKS = r"\[(?:\d{1,3}|citation needed|clarification needed|note \d+|[a-z])\]"
# Headings of the lists that end a page (sources, links, further reading, folded): the titles in
# quotation marks under them are no quotations.
REFERENCE_HEADINGS = frozenset(
    {
        "see also",
        "sources",
        "references",
        "notes",
        "external links",
        "bibliography",
        "further reading",
        "related articles",
        "related",
    }
)
