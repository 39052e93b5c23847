"""Train the entity extractor's learned parts on CoNLL-2003's training set (eng.train).

``python -m training entities`` (part of ``make train``), on CPU with fixed seeds:

1. the name tagger (``service/extract/entities/data/name_tagger.npz``): spaCy's pipeline parses
   eng.train once; a softmax over BIO labels of PER, ORG, LOC and MISC per token is fitted by
   AdaGrad on the tagger's features (``newsx.service.extract.entities.tagger``);
2. the referent type classifier (``type_model.npz``): the extractor's candidate stages run over
   eng.train with the tagger's spans from models that did not see the document (k folds, so the
   classifier learns how far to trust the tagger on unseen text); each referent is labelled with
   the gold class of its mentions (PER, ORG, LOC, MISC, or O when no gold name covers them).

Each file gets a JSON sidecar: the command, the data's SHA-256, the settings and the development
set's PLO F1 in process (eng.testa; measured, never trained on).
"""

from __future__ import annotations

import hashlib
import sys
import time
from collections import Counter

import numpy
import spacy
from spacy.tokens import Doc

from evaluation import entities as scoring
from evaluation.service import public_dev
from newsx.service.extract import entities
from newsx.service.extract.entities import learned, tagger
from newsx.service.extract.entities.features import DocumentView, group_features
from newsx.service.extract.entities.knowledge import Resources
from newsx.service.extract.entities.records import type_votes
from newsx.service.extract.entities.tagger import LABELS, NameTagger, PlaceWords, TaggedSpan
from newsx.service.pipeline import build_pipeline

SEED = 13
# The type classifier.
EPOCHS = 8
RATE = 0.1
L2 = 1e-6
# The name tagger.
TAGGER_BITS = 18
TAGGER_EPOCHS = 6
TAGGER_RATE = 0.05
TAGGER_BATCH = 64
FOLDS = 4


def token_labels(doc: Doc, gold) -> numpy.ndarray:
    """The BIO label index of every token from the gold spans (character offsets)."""
    labels = numpy.zeros(len(doc), dtype=numpy.int64)
    for start, end, name in gold:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            labels[span.start] = LABELS.index(f"B-{name}")
            labels[span.start + 1 : span.end] = LABELS.index(f"I-{name}")
    return labels


def fit_tagger(docs: list[Doc], labels: list[numpy.ndarray], places: PlaceWords, seed: int = SEED) -> NameTagger:
    """Softmax over the tagger's features by minibatch AdaGrad, tokens in a seeded order."""
    sparse_rows = numpy.concatenate([tagger.sparse_features(doc, TAGGER_BITS, places) for doc in docs])
    dense_rows = numpy.concatenate([tagger.dense_features(doc) for doc in docs])
    gold = numpy.concatenate(labels)
    sparse = numpy.zeros((1 << TAGGER_BITS, len(LABELS)), dtype=numpy.float32)
    dense = numpy.zeros((dense_rows.shape[1], len(LABELS)), dtype=numpy.float32)
    bias = numpy.zeros(len(LABELS), dtype=numpy.float32)
    squares = [numpy.full_like(sparse, 1e-6), numpy.full_like(dense, 1e-6), numpy.full_like(bias, 1e-6)]
    generator = numpy.random.default_rng(seed)
    templates = sparse_rows.shape[1]
    for _ in range(TAGGER_EPOCHS):
        order = generator.permutation(len(gold))
        for first in range(0, len(gold), TAGGER_BATCH):
            batch = order[first : first + TAGGER_BATCH]
            rows, vectors, answers = sparse_rows[batch], dense_rows[batch], gold[batch]
            gradient = learned.softmax(sparse[rows].sum(axis=1) + vectors @ dense + bias)
            gradient[numpy.arange(len(answers)), answers] -= 1.0
            buckets, where = numpy.unique(rows.reshape(-1), return_inverse=True)
            bucket_gradient = numpy.zeros((len(buckets), len(LABELS)), dtype=numpy.float32)
            numpy.add.at(bucket_gradient, where, numpy.repeat(gradient, templates, axis=0))
            squares[0][buckets] += bucket_gradient**2
            sparse[buckets] -= TAGGER_RATE * bucket_gradient / numpy.sqrt(squares[0][buckets])
            for weights, square, step in (
                (dense, squares[1], vectors.T @ gradient),
                (bias, squares[2], gradient.sum(0)),
            ):
                square += step**2
                weights -= TAGGER_RATE * step / numpy.sqrt(square)
    return NameTagger(sparse, dense, bias, TAGGER_BITS)


def out_of_fold_spans(docs: list[Doc], labels: list[numpy.ndarray], places: PlaceWords) -> list[list[TaggedSpan]]:
    """Every document's tagged spans from a tagger trained on the other folds."""
    spans: list[list[TaggedSpan]] = [[] for _ in docs]
    for fold in range(FOLDS):
        train = [i for i in range(len(docs)) if i % FOLDS != fold]
        model = fit_tagger([docs[i] for i in train], [labels[i] for i in train], places, seed=SEED + fold)
        for i in range(fold, len(docs), FOLDS):
            spans[i] = model.spans(docs[i], places)
        print(f"fold {fold + 1}/{FOLDS} tagged", flush=True)
    return spans


def referent_label(group, gold: dict[tuple[int, int], str], spans: list[tuple[int, int, str]]) -> str:
    """The gold class most of a referent's mentions have: exact span first, else an overlapping
    gold name's class, else O."""
    labels: Counter = Counter()
    for candidate in group:
        exact = gold.get((candidate.start_char, candidate.end_char))
        if exact is None:
            exact = next((label for s, e, label in spans if s < candidate.end_char and candidate.start_char < e), "O")
        labels[exact] += 1
    return labels.most_common(1)[0][0]


def classifier_examples(documents, docs: list[Doc], tagged: list[list[TaggedSpan]], resources: Resources):
    """(feature buckets, label index) of every referent in the documents."""
    rows, labels = [], []
    for item, doc, spans in zip(documents, docs, tagged):
        gold = {(s, e): label for s, e, label in item.gold}
        layout, groups = entities.referent_groups(doc, resources, spans)
        view = DocumentView.of(doc, layout)
        for group in groups:
            group.sort(key=lambda c: c.start)
            votes = type_votes(group, resources.gazetteer)
            features = group_features(doc, layout, group, votes, resources.gazetteer, view)
            rows.append(learned.buckets(features))
            labels.append(learned.LABELS.index(referent_label(group, gold, sorted(item.gold))))
    return rows, labels


def dev_f1(folder) -> float:
    """PLO F1 of the whole pipeline, in process, on the development set."""
    nlp = build_pipeline(scoring.MODEL)
    dev = scoring.read_conll(folder / "eng.testa")
    score = scoring.Score.empty()
    for doc, item in zip(nlp.pipe(nlp.make_doc(d.text) for d in dev), dev):
        score.add(scoring.to_conll(scoring.newsx_spans(doc)), set(item.gold))
    return round(score.prf()[2], 2)


def main() -> None:
    folder = public_dev("conll2003")
    if folder is None:
        print("CoNLL-2003 is absent: nothing trained")
        return
    started = time.perf_counter()
    train_file = folder / "eng.train"
    data = {"file": "conll2003/eng.train", "sha256": hashlib.sha256(train_file.read_bytes()).hexdigest()}
    documents = scoring.read_conll(train_file, frozenset({"PER", "ORG", "LOC", "MISC"}))
    docs = list(spacy.load(scoring.MODEL).pipe(d.text for d in documents))
    labels = [token_labels(doc, item.gold) for doc, item in zip(docs, documents)]
    print(f"{len(documents)} documents, {sum(len(d) for d in docs)} tokens parsed", flush=True)

    resources = Resources.load(None, None)
    assert resources.place_words is not None
    name_tagger = fit_tagger(docs, labels, resources.place_words)
    tagged = out_of_fold_spans(docs, labels, resources.place_words)
    rows, referents = classifier_examples(documents, docs, tagged, resources)
    print(f"{len(rows)} referents: {Counter(learned.LABELS[i] for i in referents)}", flush=True)
    model = learned.fit(rows, referents, epochs=EPOCHS, rate=RATE, l2=L2, seed=SEED)
    right = sum(int(model.probabilities_of(row).argmax()) == label for row, label in zip(rows, referents))

    common = {"command": "python -m training entities", "data": data}
    tagger_note = {
        **common,
        "settings": {"seed": SEED, "bits": TAGGER_BITS, "epochs": TAGGER_EPOCHS, "rate": TAGGER_RATE},
    }
    model_note = {
        **common,
        "settings": {
            "seed": SEED,
            "epochs": EPOCHS,
            "rate": RATE,
            "l2": L2,
            "labels": list(learned.LABELS),
            "folds": FOLDS,
        },
        "referents": len(rows),
        "training_accuracy": round(100 * right / len(rows), 2),
    }
    name_tagger.save(entities.DEFAULT_NAME_TAGGER, tagger_note)
    model.save(entities.DEFAULT_TYPE_MODEL, model_note)
    measured = {
        "dev_plo_f1_in_process": dev_f1(folder),
        "training_minutes": round((time.perf_counter() - started) / 60, 1),
    }
    name_tagger.save(entities.DEFAULT_NAME_TAGGER, {**tagger_note, **measured})
    model.save(entities.DEFAULT_TYPE_MODEL, {**model_note, **measured})
    print(measured)


if __name__ == "__main__":
    main()
    sys.exit(0)
