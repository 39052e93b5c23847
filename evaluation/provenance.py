"""No public development text in the repository: every tracked file is scanned for runs of
``RUN_WORDS`` words that also occur in a public dev set (``../shared/public-dev``).

Rule-row examples and test inputs are written fresh, never taken from the data they were studied
on; the scan catches a sentence that slipped in. A run any writer uses ("by a quarter of a
percentage point") may be accepted in ``provenance_formulas.txt``, a phrase a line with the reason.
``python -m evaluation.provenance`` exits 1 when a run is found that is not accepted; without the
public sets it says so and exits 0. ``make eval`` runs it.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from evaluation.service import PUBLIC_DEV

RUN_WORDS = 7  # shorter runs are mostly formulas ("said in a statement on"), longer ones miss edits
ROOT = Path(__file__).resolve().parent.parent
FORMULAS = Path(__file__).with_name("provenance_formulas.txt")
_WORD = re.compile(r"[a-z0-9]+")
_TAG = re.compile(r"<[^>]*>")
_BINARY = (".npz", ".npy", ".png", ".whl", ".gz", ".zip")
# not dev text: the sets' own descriptions, and the KAIROS ontology, which the package ships by design
NOT_DEV_TEXT = frozenset(("README.md", "README.txt", "event_role_KAIROS.json"))


def runs(text: str) -> set[str]:
    """Every run of ``RUN_WORDS`` consecutive words (lower case, letters and digits only)."""
    words = _WORD.findall(text.lower())
    return {" ".join(words[i : i + RUN_WORDS]) for i in range(len(words) - RUN_WORDS + 1)}


def _has_words(run: str) -> bool:
    """Whether a run has a word in it: a row of table figures ("3 1 1 1 3 3 4") is no text."""
    return any(character.isalpha() for character in run)


def public_text(path: Path) -> str:
    """A dev file's running text: markup left out, and a CoNLL file's words without their tags."""
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.name.startswith("eng."):
        return " ".join(line.split()[0] for line in text.splitlines() if line.strip())
    return _TAG.sub(" ", text)


def public_runs(folder: Path) -> dict[str, str]:
    """Each run of the public sets, with the file it first comes from."""
    found: dict[str, str] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.name not in NOT_DEV_TEXT):
        for run in runs(public_text(path)):
            found.setdefault(run, str(path.relative_to(folder)))
    return found


def accepted_formulas() -> set[str]:
    """The runs of the phrases accepted as formulas (a phrase a line; ``#`` starts its reason)."""
    lines = (line.split("#", 1)[0] for line in FORMULAS.read_text(encoding="utf-8").splitlines())
    return {run for line in lines for run in runs(line)}


def tracked_files() -> Iterator[Path]:
    """The repository's text files as git tracks them (the accepted phrases' own list left out)."""
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    for name in listed.splitlines():
        path = ROOT / name
        if path.is_file() and not name.endswith(_BINARY) and path != FORMULAS:
            yield path


def main() -> int:
    if not PUBLIC_DEV.is_dir():
        print(f"provenance: {PUBLIC_DEV} is absent; nothing to compare with")
        return 0
    public, formulas = public_runs(PUBLIC_DEV), accepted_formulas()
    found = 0
    for path in tracked_files():
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except UnicodeDecodeError:
            continue
        for number, line in enumerate(lines, 1):
            shared = sorted(run for run in runs(line) if run in public and run not in formulas and _has_words(run))
            if shared:
                found += 1
                print(f"{path.relative_to(ROOT)}:{number}: shares '{shared[0]}' with {public[shared[0]]}")
    print(f"provenance: {found} line(s) share a {RUN_WORDS}-word run with the public dev sets")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
