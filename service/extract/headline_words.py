"""The words of headlines set in Title Case or capitals ("Court Convicts Aide in Bribery Case",
"MILITANTS KILL SEVEN"), where the tagger takes every capitalised word for a name or a noun: the
pipeline's rule lemmatizer and the order of the words stand in for the parse. A verb follows its
subject, so a headline's first word is never read as one; after it, a word is a verb when it is
an inflected English verb ("Convicts", "Resigns") or a bare verb after a plural ("Militants
Kill"). Events read such verbs as triggers; entities do not let a name start with one."""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc, Token

Lemmatize = Callable[[str, str], list[str]]  # (lower-case word, "VERB" or "NOUN") -> its lemmas


class HeadlineWords:
    """Lemmas of a word as a part of speech, and whether word order makes it a verb."""

    def __init__(self, lemmatize: Lemmatize | None, verbs: frozenset[str]) -> None:
        self._lemmatize = lemmatize
        self.verbs = verbs  # English verb lemmas

    @classmethod
    def of_pipeline(cls, nlp: Language) -> HeadlineWords:
        """From the pipeline's rule lemmatizer (without one, no word is read as a verb)."""
        if "lemmatizer" not in nlp.pipe_names:
            return cls(None, frozenset())
        lemmatizer = nlp.get_pipe("lemmatizer")
        if getattr(lemmatizer, "mode", "") != "rule":
            return cls(None, frozenset())

        def lemmatize(word: str, pos: str) -> list[str]:
            token = Doc(nlp.vocab, words=[word], pos=[pos])[0]
            return list(lemmatizer.rule_lemmatize(token))  # type: ignore[attr-defined]

        return cls(lemmatize, english_verbs(nlp))

    def lemmas(self, word: str, pos: str) -> list[str]:
        """The lemmas of a lower-case word as ``pos`` ("VERB" or "NOUN"); none without a lemmatizer."""
        return self._lemmatize(word, pos) if self._lemmatize is not None else []

    def verb_here(self, token: Token) -> bool:
        """Whether word order makes a headline word a verb: not its line's first word, and an
        inflected verb or a bare one after a plural."""
        if token.i == 0:
            return False
        before = token.nbor(-1)
        if "\n" in before.text or "\n" in before.whitespace_:
            return False  # the first word of its line
        return self.inflected_verb(token) or self.plural(before)

    def inflected_verb(self, token: Token) -> bool:
        """An English verb in a form other than its bare one or its -ing ("Kills", "Arrested")."""
        form = token.lower_
        return not form.endswith("ing") and any(
            lemma != form and lemma in self.verbs for lemma in self.lemmas(form, "VERB")
        )

    def plural(self, token: Token) -> bool:
        """A plural noun, the subject a bare verb form agrees with ("Militants Kill")."""
        return token.is_alpha and any(lemma != token.lower_ for lemma in self.lemmas(token.lower_, "NOUN"))


def english_verbs(nlp: Language) -> frozenset[str]:
    """Verb lemmas from the pipeline's lemmatizer tables (empty when it has none)."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    return frozenset(lookups.get_table("lemma_index").get("verb", ()))
