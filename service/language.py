"""Which language an article is in, so that text the pipeline cannot read is refused, not mangled.

py3langid ships its model inside the package (nothing is downloaded) and classifies a page of
text in well under a millisecond. Short or letter-poor texts (tables of numbers, lists of names)
are not judged: a guess there would refuse good articles.
"""

from __future__ import annotations

import functools

from newsx.service import errors
from newsx.service.domain import ArticleInput

SAMPLE_CHARS = 2_000  # enough text for a sure answer, cheap on long articles
MIN_LETTERS = 60  # below this many letters no verdict is given
MIN_PROBABILITY = 0.9  # only a confident detection of another language refuses an article


def load() -> None:
    """Load the language model now (about half a second), not on the first call."""
    _identifier()


@functools.lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str) -> tuple[str, float] | None:
    """(ISO 639-1 code, probability) of the text's language, or None when there is too little text."""
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None
    language, probability = _identifier().classify(sample)
    return language, float(probability)


def check(article: ArticleInput, pipeline_language: str, pipeline: str) -> None:
    """Refuse an article in another language than the pipeline's.

    A caller-given ``article.language`` is trusted instead of detection (the override).
    """
    if article.language:
        language, probability = article.language.split("-")[0].lower(), 1.0
    else:
        found = detect(f"{article.title}\n{article.text}")
        if found is None:
            return
        language, probability = found
    if language != pipeline_language and probability >= MIN_PROBABILITY:
        raise errors.UnsupportedLanguage(
            f"the article looks like {language!r} (probability {probability:.2f}) but the loaded pipeline "
            f"{pipeline} analyses {pipeline_language!r}; set article.language to {pipeline_language!r} to analyse it anyway",
            metadata={"detected_language": language, "pipeline": pipeline, "pipeline_language": pipeline_language},
        )
