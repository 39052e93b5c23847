"""Whether a text is language at all, and which language, so that what the pipeline cannot read is
refused, not mangled.

Text that is not language (binary data, text decoded with the wrong character encoding) is told
apart by three shares, measured on texts long enough to judge: control characters and Unicode
replacement characters (noise), and letters and digits. Which language a text is in comes from
py3langid, which ships its model inside the package (nothing is downloaded) and classifies a page
of text in well under a millisecond. Short or letter-poor texts (tables of numbers, lists of names)
are not judged: a guess there would refuse good articles.
"""

from __future__ import annotations

import functools
import re

import pycountry

from newsx.service import errors
from newsx.service.domain import ArticleInput

SAMPLE_CHARS = 2_000  # enough text for a sure answer, cheap on long articles
MIN_LETTERS = 60  # below this many letters no verdict is given
MIN_PROBABILITY = 0.9  # only a confident detection of another language refuses an article

# Not language: news has no control characters and at least 80% letters and digits among its
# visible characters (our corpora and the public dev sets: 86% at the least); random bytes read as
# Latin-1 have about 25% control characters, read as UTF-8 about 45% replacement characters.
MIN_JUDGED_CHARS = 100  # visible characters needed for a verdict ("Paris\x00 said" is not judged)
MAX_NOISE_SHARE = 0.05  # control and replacement characters, of the visible characters
MIN_WORD_SHARE = 0.5  # letters and digits, of the visible characters
_NOISE = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ufffd]")  # controls that are not whitespace
_VISIBLE_NOT_WORD = re.compile(r"[^\w\s]|_")

# BCP 47 (RFC 5646) language tags: language[-extlang][-script][-region](-variant)*(-extension)*[-x-private],
# or a private-use tag alone. The primary language subtag must be an ISO 639 code.
_LANGUAGE_TAG = re.compile(
    r"""(?ix)
    (?:(?P<language>[a-z]{2,3})(?:-[a-z]{3}){0,3}
       (?:-[a-z]{4})?
       (?:-(?:[a-z]{2}|[0-9]{3}))?
       (?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*
       (?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*
       (?:-x(?:-[a-z0-9]{1,8})+)?
    |x(?:-[a-z0-9]{1,8})+)
    """
)


def load() -> None:
    """Load the language model and pycountry's language table now (about half a second), not on
    the first call that needs them."""
    _identifier()
    primary_language("en")


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


def not_language(text: str) -> str:
    """Why the text is not language, or "" when it is (or is too short to judge)."""
    visible = len("".join(text.split()))
    if visible < MIN_JUDGED_CHARS:
        return ""
    noise = len(_NOISE.findall(text))
    if noise > MAX_NOISE_SHARE * visible:
        return (
            f"{noise / visible:.0%} of its characters are control or replacement characters (at most "
            f"{MAX_NOISE_SHARE:.0%}): binary data, or text decoded with the wrong character encoding?"
        )
    words = visible - len(_VISIBLE_NOT_WORD.findall(text))
    if words < MIN_WORD_SHARE * visible:
        return f"only {words / visible:.0%} of its characters are letters or digits (at least {MIN_WORD_SHARE:.0%})"
    return ""


def primary_language(tag: str, field: str = "article.language") -> str:
    """The ISO 639 language of a BCP 47 tag, two letters where ISO 639-1 has them (``en`` of
    ``en-GB`` and of ``eng``); INVALID_ARGUMENT when the tag is not well formed or its language
    is not an ISO 639 code. A private-use tag (``x-...``) gives ``x``, which no pipeline analyses."""
    match = _LANGUAGE_TAG.fullmatch(tag)
    if match is None:
        problem = f"{tag[:40]!r} is not a BCP 47 language tag (such as 'en' or 'en-GB')"
    elif match["language"] is None:
        return "x"
    else:
        code = match["language"].lower()
        found = pycountry.languages.get(**{"alpha_2" if len(code) == 2 else "alpha_3": code})
        if found is not None:
            return getattr(found, "alpha_2", code)
        problem = f"{match['language']!r} in {tag[:40]!r} is not an ISO 639 language code"
    raise errors.InvalidArgument("INVALID_LANGUAGE", [errors.FieldViolation(field, problem)])


def check(article: ArticleInput, pipeline_language: str, pipeline: str) -> None:
    """Refuse an article in another language than the pipeline's.

    A caller-given ``article.language`` is trusted instead of detection.
    """
    if article.language:
        given = primary_language(article.language)
        if given != pipeline_language:
            raise errors.UnsupportedLanguage(
                f"article.language is {article.language!r}, but the loaded pipeline {pipeline} analyses "
                f"{pipeline_language!r} only; send it to a server with a {given!r} pipeline",
                metadata={"given_language": given, "pipeline": pipeline, "pipeline_language": pipeline_language},
            )
        return
    found = detect(f"{article.title}\n{article.text}")
    if found is None:
        return
    language, probability = found
    if language != pipeline_language and probability >= MIN_PROBABILITY:
        raise errors.UnsupportedLanguage(
            f"the article looks like {language!r} (detected with probability {probability:.2f}), but the "
            f"loaded pipeline {pipeline} analyses {pipeline_language!r} only; if it is in {pipeline_language!r}, "
            f"set article.language to {pipeline_language!r} to analyse it anyway",
            metadata={"detected_language": language, "pipeline": pipeline, "pipeline_language": pipeline_language},
        )
