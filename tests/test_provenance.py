"""The scan for public dev text in the repository (evaluation/provenance.py), on made-up files."""

from __future__ import annotations

from evaluation import provenance


def test_runs_are_lower_case_word_windows():
    assert provenance.runs("One two three four five six Seven, eight!") == {
        "one two three four five six seven",
        "two three four five six seven eight",
    }
    assert provenance.runs("too short to share") == set()


def test_conll_files_give_their_words_without_tags(tmp_path):
    path = tmp_path / "eng.train"
    path.write_text("-DOCSTART- -X- O O\n\nRivers NNS I-NP O\nrose VBD I-VP O\n", encoding="utf-8")
    assert provenance.public_text(path) == "-DOCSTART- Rivers rose"


def test_markup_is_left_out_of_dev_text(tmp_path):
    path = tmp_path / "a.tml"
    path.write_text('<TIMEX3 tid="t1">Monday</TIMEX3> rains', encoding="utf-8")
    assert provenance.runs(provenance.public_text(path)) == provenance.runs(" Monday  rains")


def test_rows_of_figures_are_no_text_and_formulas_are_accepted():
    assert not provenance._has_words("3 1 1 1 3 3 4")
    assert "in new york stock exchange composite trading" in provenance.accepted_formulas()
