"""Every flag of the command line works or is refused (issue 20, items 4 to 6), through the real
CLI against a real server: offsets and confidence on summaries, the extraction in tables, the
article's language, odd ids, lone surrogates and the headline of a text file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsx.client import cli

SEED = "seeds/putin-pezeshkian-ashgabat.txt"
NEWSX = str(Path(sys.executable).with_name("newsx"))
# Three characters outside the BMP or with accents before the first sentence's names: code
# points, UTF-16 units and UTF-8 bytes all differ from here on.
UNICODE_ARTICLE = (
    "Zoë’s café 😀 opened. Angela Merkel visited Paris on Monday. She met Emmanuel Macron in Berlin. "
    "Macron later flew to Rome, where it rained all week."
)
FRENCH = (
    "Le président de la République a annoncé mardi une nouvelle réforme des retraites. Les syndicats "
    "ont aussitôt appelé à une grève dans toute la France, et le gouvernement a promis de les recevoir."
)


def _json(argv: list[str], capsys) -> dict:
    code = cli.main(argv)
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return json.loads(captured.out)


def _slice(text: str, span: dict, encoding: str) -> str:
    unit = {"utf-16": ("utf-16-le", 2), "utf-8": ("utf-8", 1)}[encoding]
    data = text.encode(unit[0])
    return data[span["start"] * unit[1] : span["end"] * unit[1]].decode(unit[0])


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8"])
def test_cli_summarize_offset_encoding_counts_in_the_unit_asked(server_address, tmp_path, capsys, encoding):
    article = tmp_path / "unicode.txt"
    article.write_text(UNICODE_ARTICLE)
    argv = ["summarize", "--server", server_address, "--format", "json", "--no-headline", "--include-extraction"]
    response = _json([*argv, "--offset-encoding", encoding, "--max-sentences", "2", str(article)], capsys)

    assert response["sentences"] and response["extraction"]["entities"]
    for sentence in response["sentences"]:
        assert _slice(UNICODE_ARTICLE, sentence["span"], encoding) == sentence["text"]
    for entity in response["extraction"]["entities"]:
        for mention in entity["mentions"]:
            assert _slice(UNICODE_ARTICLE, mention["span"], encoding) == mention["text"]
    merkel = UNICODE_ARTICLE.index("Angela Merkel")  # 21 code points; 22 UTF-16 units; 28 UTF-8 bytes
    starts = {m["text"]: m["span"]["start"] for e in response["extraction"]["entities"] for m in e["mentions"]}
    assert starts["Angela Merkel"] == {"utf-16": merkel + 1, "utf-8": merkel + 7}[encoding]


def test_cli_summarize_min_confidence_keeps_what_extract_keeps(server_address, capsys):
    common = ["--server", server_address, "--format", "json", "--published-at", "2024-10-09"]
    everything = _json(["summarize", *common, "--include-extraction", SEED], capsys)["extraction"]
    summary = _json(["summarize", *common, "--include-extraction", "--min-confidence", "0.95", SEED], capsys)
    extraction = _json(["extract", *common, "--min-confidence", "0.95", SEED], capsys)

    def names(response: dict) -> set[str]:
        return {e["name"] for e in response["entities"]}

    assert names(summary["extraction"]) == names(extraction)
    assert all(e["confidence"] >= 0.95 for e in summary["extraction"]["entities"])
    assert len(names(extraction)) < len(names(everything))  # the threshold dropped some
    kept = {e["id"] for e in summary["extraction"]["entities"]}
    assert {p["entity_id"] for p in summary["key_phrases"] if p["entity_id"]} <= kept


def test_cli_summarize_table_shows_the_extraction_when_included(server_address, capsys):
    argv = ["summarize", "--server", server_address, "--format", "table", "--published-at", "2024-10-09", SEED]
    assert cli.main(argv) == 0
    plain = capsys.readouterr().out
    assert cli.main([*argv, "--include-extraction"]) == 0
    included = capsys.readouterr().out
    assert "Key phrases" in plain and "Entities" not in plain and "Figures" not in plain
    for heading in ("Key phrases", "extraction", "Entities", "Events", "Figures", "Times", "Ashgabat", "PERSON"):
        assert heading in included


@pytest.mark.parametrize(
    ("argv", "reason"),
    [
        (["summarize", "--format", "table", "--offset-encoding", "utf-16", SEED], "--offset-encoding applies to JSON"),
        (["extract", "--format", "html", "--offset-encoding", "utf-8", SEED], "--offset-encoding applies to JSON"),
        (["extract", "--format", "html", SEED, SEED], "--format html writes the page of one article file"),
        (["extract", "--jsonl", "in.jsonl", "--format", "table"], "--format does not apply"),
        (["extract", "--jsonl", "in.jsonl", "--title", "T"], "--title and --no-headline apply to article files"),
        (["summarize", "--title", "T", SEED, SEED], "--title applies to one article file"),
        (["extract", "--resume", "out.jsonl", SEED], "--resume goes with --jsonl"),
        (["extract", "--jsonl", "in.jsonl", "--resume", "a", "--output", "b"], "--resume OUT appends to OUT"),
        (["summarize", "--stream-timeout", "5", SEED], "--stream-timeout applies to --jsonl and several files"),
        (["extract", "--language", "klingon-xx-!!", SEED], "is not a BCP 47 language tag"),
        (["extract", "--jsonl", "in.jsonl", SEED], "either article files"),
    ],
)
def test_cli_flag_that_would_be_ignored_is_refused(argv, reason, capsys):
    with pytest.raises(SystemExit) as raised:
        cli.main([*argv[:1], "--server", "127.0.0.1:1", *argv[1:]])
    err = capsys.readouterr().err
    assert raised.value.code == 2
    assert f"newsx {argv[0]}: error:" in err and reason in err


def test_cli_language_flag_and_jsonl_field_skip_detection(server_address, tmp_path, capsys):
    french = tmp_path / "french.txt"
    french.write_text(FRENCH)
    assert cli.main(["extract", "--server", server_address, "--format", "json", str(french)]) == 1
    assert "FAILED_PRECONDITION" in capsys.readouterr().err  # detected as French: refused
    forced = _json(["extract", "--server", server_address, "--format", "json", "--language", "en", str(french)], capsys)
    assert "France" in {e["name"] for e in forced["entities"]}

    lines = tmp_path / "in.jsonl"
    lines.write_text(
        json.dumps({"id": "kept", "text": FRENCH, "language": "en"})
        + "\n"
        + json.dumps({"id": "detected", "text": FRENCH})
        + "\n"
    )
    assert cli.main(["extract", "--server", server_address, "--jsonl", str(lines)]) == 1
    kept, detected = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert kept["article_id"] == "kept" and "France" in {e["name"] for e in kept["entities"]}
    assert detected["article_id"] == "detected" and detected["error"]["code"] == "FAILED_PRECONDITION"
    # --language is the default of the lines that do not say
    assert cli.main(["extract", "--server", server_address, "--jsonl", str(lines), "--language", "en"]) == 0
    assert all("error" not in json.loads(line) for line in capsys.readouterr().out.splitlines())


def test_cli_jsonl_null_and_numeric_ids(server_address, tmp_path, capsys):
    text = "Angela Merkel visited Paris on Monday."
    lines = tmp_path / "in.jsonl"
    lines.write_text("\n".join(json.dumps({"id": i, "text": text}) for i in (None, 7, "x")) + "\n")
    assert cli.main(["extract", "--server", server_address, "--jsonl", str(lines)]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["article_id"] for r in records] == ["", "7", "x"]
    assert all(r["entities"] for r in records)


def test_cli_lone_surrogate_is_a_clear_error_in_place(server_address, tmp_path, capsys):
    text = "Angela Merkel visited Paris on Monday."
    lines = tmp_path / "in.jsonl"
    lines.write_bytes(
        (json.dumps({"id": "a", "text": text}) + "\n").encode()
        + b'{"id": "b", "text": "Angela \\ud800 Merkel"}\n'  # a JSON escape of half a pair
        + b'{"id": "c", "text": "Angela \xed Merkel"}\n'  # a byte that is not UTF-8
        + (json.dumps({"id": "d", "title": "Paris \udc00", "text": text}) + "\n").encode("utf-8", "surrogatepass")
        + (json.dumps({"id": "e", "text": text}) + "\n").encode()
    )
    assert cli.main(["extract", "--server", server_address, "--jsonl", str(lines)]) == 1
    captured = capsys.readouterr()
    records = [json.loads(line) for line in captured.out.splitlines()]
    assert [r["article_id"] for r in records] == ["a", "b", "c", "d", "e"]
    assert records[0]["entities"] and records[4]["entities"]
    assert records[1]["error"] == {
        "code": "INVALID_ARGUMENT",
        "message": "line 2: text is not valid Unicode at character 7: a lone surrogate U+D800 "
        "(an unpaired \\ud800 escape)",
    }
    assert "line 3: text is not valid Unicode at character 7" in records[2]["error"]["message"]
    assert "a byte 0xED that is not UTF-8" in records[2]["error"]["message"]
    assert records[3]["error"]["message"].startswith("line 4: title is not valid Unicode at character 6")
    assert "3 of 5 articles failed" in captured.err and "Traceback" not in captured.err


def test_cli_lone_surrogate_on_the_command_line_is_a_usage_error(tmp_path):
    """Bytes that are not UTF-8 in an argument or on stdin reach Python as lone surrogates."""
    article = tmp_path / "a.txt"
    article.write_text("Angela Merkel visited Paris on Monday.")
    title = subprocess.run(
        [
            NEWSX,
            "extract",
            "--server",
            "127.0.0.1:1",
            "--title",
            b"Paris \xed\xa0".decode("utf-8", "surrogateescape"),
            str(article),
        ],
        capture_output=True,
        timeout=60,
    )
    stdin = subprocess.run(
        [NEWSX, "extract", "--server", "127.0.0.1:1", "-"], input=b"Angela \xff Merkel", capture_output=True, timeout=60
    )
    assert title.returncode == 2 and b"--title is not valid Unicode at character 6" in title.stderr
    assert stdin.returncode == 2 and b"cannot read -: 'utf-8' codec can't decode byte 0xff" in stdin.stderr
    assert b"Traceback" not in title.stderr + stdin.stderr


@pytest.mark.parametrize(
    ("first_paragraph", "headline"),
    [
        ("“We will rebuild every home on this street.”", False),  # a one-line quoted lead
        ('"We will rebuild every home on this street."', False),
        ("‘Not one more day,’ the mayor said, ‘not one more hour.’", False),
        ("“Why now?”", False),
        ("He called the ruling “a disgrace”.", False),
        ("Storm Batters Coast as Thousands Flee", True),
        ("‘We are not afraid’: Kyiv defiant after night of strikes", True),
        ("Mayor vows to rebuild: “Every home on this street”", True),
    ],
)
def test_cli_headline_is_a_short_line_that_ends_no_sentence(
    server_address, tmp_path, capsys, first_paragraph, headline
):
    body = "Residents of Coral Bay returned on Sunday to find their houses flooded. Officials counted 40 homes."
    article = tmp_path / "story.txt"
    article.write_text(f"{first_paragraph}\n\n{body}\n")
    response = _json(["extract", "--server", server_address, "--format", "json", str(article)], capsys)
    if headline:
        assert response["text"] == f"{first_paragraph}\n\n{body}"  # title, blank line, body
        assert response["sentences"][0]["in_title"] is True
    else:
        assert response["text"] == ""  # the article is the file's text as it is: no title
        assert not any(s["in_title"] for s in response["sentences"])
