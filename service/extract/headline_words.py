"""The words of headlines set in Title Case or capitals ("Court Convicts Aide in Bribery Case",
"MILITANTS KILL SEVEN"), where the tagger takes every capitalised word for a name or a noun: the
pipeline's rule lemmatizer and the order of the words stand in for the parse.

A headline clause (a line, or its part after a ":", "-", "|", "as", "while", "when" or "but") has
at most one verb, after its subject: the first word that is an inflected English verb ("Convicts",
"Resigns") or a bare verb after a plural noun ("Militants Kill"), never the clause's first word,
never a word after a preposition or a determiner ("of Banks", "the Banks"), and not a word
followed by an inflected verb (in "Senator Banks Calls", "Calls" is the verb). Events read such verbs as triggers;
entities do not let a headline name start with one."""

from __future__ import annotations

from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc, Token

CLAUSE_MARKS = frozenset((":", "-", "|", "—", "–", "as", "while", "when", "but"))  # a clause starts after one
NOUN_PHRASE_OPENERS = frozenset(("IN", "TO", "DT", "PRP$", "POS"))  # tags of words a verb never follows


class HeadlineWords:
    """Lemmas of a word as a part of speech, and which word of a headline clause is its verb."""

    def __init__(self, nlp: Language | None) -> None:
        lemmatizer = nlp.get_pipe("lemmatizer") if nlp is not None and "lemmatizer" in nlp.pipe_names else None
        self._nlp = nlp
        self._lemmatizer = lemmatizer if isinstance(lemmatizer, Lemmatizer) and lemmatizer.mode == "rule" else None
        self._verbs: frozenset[str] | None = None  # read at first use: a loaded pipeline fills its tables late

    @property
    def verbs(self) -> frozenset[str]:
        """English verb lemmas, from the lemmatizer's tables (none without them)."""
        if self._verbs is None:
            lookups = getattr(self._lemmatizer, "lookups", None)
            index = lookups.get_table("lemma_index") if lookups is not None and lookups.has_table("lemma_index") else {}
            self._verbs = frozenset(index.get("verb", ()))
        return self._verbs

    def lemmas(self, word: str, pos: str) -> list[str]:
        """The lemmas of a lower-case word as ``pos`` ("VERB" or "NOUN"); none without a lemmatizer."""
        if self._lemmatizer is None or self._nlp is None:
            return []
        return list(self._lemmatizer.rule_lemmatize(Doc(self._nlp.vocab, words=[word], pos=[pos])[0]))

    def verb_here(self, token: Token) -> bool:
        """Whether the token is the verb of its headline clause (see the module)."""
        doc = token.doc
        start = token.i
        while start > 0 and not _clause_starts_at(doc[start]):
            start -= 1
        verb = next((word for word in doc[start + 1 : token.i + 1] if self._verb_candidate(word)), None)
        return verb is not None and verb.i == token.i

    def _verb_candidate(self, token: Token) -> bool:
        """Whether a word, not its clause's first, may be the clause's verb by its form and neighbours."""
        before = token.nbor(-1)
        if not token.is_alpha or before.tag_ in NOUN_PHRASE_OPENERS or before.lower_ in ("and", "or"):
            return False
        following = token.nbor(1) if token.i + 1 < len(token.doc) else None
        if following is not None and following.tag_.startswith("VB") and self.inflected_verb(following):
            return False  # "Senator Banks Calls": the next word is the verb (most nouns are verbs too)
        if self.inflected_verb(token):
            return True
        # After a plural: the clause's first word is its subject ("Rebels Seize"), a later one
        # must not read as a verb itself ("Union Accuses Amazon" has its verb already).
        subject = _clause_starts_at(before) or not self.inflected_verb(before)
        return token.lower_ in self.verbs and self.plural(before) and subject

    def inflected_verb(self, token: Token) -> bool:
        """An English verb in a form other than its bare one or its -ing ("Kills", "Arrested")."""
        form = token.lower_
        return not form.endswith("ing") and any(
            lemma != form and lemma in self.verbs for lemma in self.lemmas(form, "VERB")
        )

    def plural(self, token: Token) -> bool:
        """A plural noun, the subject a bare verb form agrees with ("Militants Kill")."""
        return token.is_alpha and any(lemma != token.lower_ for lemma in self.lemmas(token.lower_, "NOUN"))


def _clause_starts_at(token: Token) -> bool:
    """Whether a headline clause starts at this token: its line's first word, or after a mark."""
    if token.i == 0:
        return True
    before = token.nbor(-1)
    return "\n" in before.text or "\n" in before.whitespace_ or before.lower_ in CLAUSE_MARKS
