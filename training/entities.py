"""Train the entity extractor's type classifier on CoNLL-2003's training set (eng.train).

``python -m training entities`` (part of ``make train``): runs the base spaCy pipeline and the
extractor's candidate stages over eng.train, labels each referent with the gold class of its
mentions (PER, ORG, LOC, MISC, or O when no gold name covers them), fits the softmax regression of
``newsx.service.extract.entities.learned`` (fixed seed, CPU, a few seconds) and writes
``service/extract/entities/data/type_model.npz`` with a sidecar JSON (command, data SHA-256,
training accuracy and the development set's PLO F1 in process).
"""

from __future__ import annotations

import hashlib
import sys
from collections import Counter

import spacy

from evaluation import entities as scoring
from evaluation.service import public_dev
from newsx.service.extract import entities
from newsx.service.extract.entities.features import document_features, group_features
from newsx.service.extract.entities.knowledge import Resources
from newsx.service.extract.entities.learned import LABELS, buckets, fit
from newsx.service.extract.entities.records import type_votes
from newsx.service.pipeline import build_pipeline

SEED = 13
EPOCHS = 8
RATE = 0.1
L2 = 1e-6


def referent_label(group, gold: dict[tuple[int, int], str], starts: list[tuple[int, int, str]]) -> str:
    """The gold class most of a referent's mentions have: exact span first, else an overlapping
    gold name's class, else O."""
    labels = Counter()
    for candidate in group:
        exact = gold.get((candidate.start_char, candidate.end_char))
        if exact is None:
            exact = next((label for s, e, label in starts if s < candidate.end_char and candidate.start_char < e), "O")
        labels[exact] += 1
    return labels.most_common(1)[0][0]


def examples(documents, resources: Resources):
    """(feature buckets, label index) of every referent in the documents."""
    nlp = spacy.load(scoring.MODEL)
    rows, labels = [], []
    for item, doc in zip(documents, nlp.pipe(d.text for d in documents)):
        gold = {(s, e): label for s, e, label in item.gold}
        spans = sorted(item.gold)
        layout, groups = entities.referent_groups(doc, resources)
        context = document_features(layout)
        for group in groups:
            group.sort(key=lambda c: c.start)
            votes = type_votes(group, resources.gazetteer)
            rows.append(buckets(group_features(doc, layout, group, votes, resources.gazetteer, context)))
            labels.append(LABELS.index(referent_label(group, gold, spans)))
    return rows, labels


def main() -> None:
    folder = public_dev("conll2003")
    if folder is None:
        print("CoNLL-2003 is absent: nothing trained")
        return
    train_file = folder / "eng.train"
    documents = scoring.read_conll(train_file, frozenset({"PER", "ORG", "LOC", "MISC"}))
    resources = Resources.load()
    rows, labels = examples(documents, resources)
    print(f"{len(documents)} documents, {len(rows)} referents: {Counter(LABELS[i] for i in labels)}", flush=True)
    model = fit(rows, labels, epochs=EPOCHS, rate=RATE, l2=L2, seed=SEED)
    right = sum(int(model.probabilities_of(row).argmax()) == label for row, label in zip(rows, labels))
    path = entities.DEFAULT_TYPE_MODEL
    sidecar = {
        "command": "python -m training entities",
        "data": {"file": "conll2003/eng.train", "sha256": hashlib.sha256(train_file.read_bytes()).hexdigest()},
        "settings": {"seed": SEED, "epochs": EPOCHS, "rate": RATE, "l2": L2, "labels": list(LABELS)},
        "referents": len(rows),
        "training_accuracy": round(100 * right / len(rows), 2),
    }
    model.save(path, sidecar)
    nlp = build_pipeline(scoring.MODEL)
    dev = scoring.read_conll(folder / "eng.testa")
    score = scoring.Score.empty()
    for doc, item in zip(nlp.pipe(nlp.make_doc(d.text) for d in dev), dev):
        score.add(scoring.to_conll(scoring.newsx_spans(doc)), set(item.gold))
    sidecar["dev_plo_f1_in_process"] = round(score.prf()[2], 2)
    model.save(path, sidecar)
    print(sidecar)


if __name__ == "__main__":
    main()
    sys.exit(0)
