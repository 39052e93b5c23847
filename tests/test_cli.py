"""The newsx command line against a real server: exit codes, JSON output and the JSONL stream."""

from __future__ import annotations

import json

import pytest

from newsx.client import cli

SEED = "seeds/putin-pezeshkian-ashgabat.txt"


def test_cli_extract_json_takes_headline_from_first_line(server_address, capsys):
    code = cli.main(["extract", "--server", server_address, "--format", "json", "--published-at", "2024-10-09", SEED])
    assert code == 0
    response = json.loads(capsys.readouterr().out)
    assert response["article_id"] == "putin-pezeshkian-ashgabat.txt"
    assert response["text"].startswith("Putin and Pezeshkian to Discuss Middle East Crisis Amid Growing Tensions\n\n")
    assert response["sentences"][0]["in_title"] is True
    names = {e["name"]: e["type"] for e in response["entities"]}
    assert names["Vladimir Putin"] == "TYPE_PERSON"


def test_cli_extract_table_lists_entities(server_address, capsys):
    assert cli.main(["extract", "--server", server_address, "--format", "table", SEED]) == 0
    out = capsys.readouterr().out
    for heading in ("Entities", "Events", "Figures", "Times", "Vladimir Putin", "salience"):
        assert heading in out


def test_cli_jsonl_fifty_articles_keeps_order_and_reports_bad_lines(server_address, test_articles, tmp_path, capsys):
    texts = [text for _, text in test_articles.values()]
    lines = [
        json.dumps({"id": f"n{i}", "text": texts[i % len(texts)], "published_at": "2024-05-01"}) for i in range(50)
    ]
    lines[17] = "{not json"
    lines[30] = json.dumps({"id": "n30", "text": ""})
    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join(lines) + "\n")
    code = cli.main(["extract", "--server", server_address, "--jsonl", str(path)])
    captured = capsys.readouterr()
    records = [json.loads(line) for line in captured.out.splitlines()]
    assert code == 1 and "2 of 50 articles failed" in captured.err
    assert len(records) == 50
    assert records[17]["error"]["code"] == "INVALID_ARGUMENT" and "line 18" in records[17]["error"]["message"]
    assert records[30]["error"]["code"] == "INVALID_ARGUMENT" and records[30]["article_id"] == "n30"
    for i, record in enumerate(records):
        if i not in (17, 30):
            assert record["article_id"] == f"n{i}" and record["entities"]


def test_cli_summarize_json(server_address, capsys):
    code = cli.main(["summarize", "--server", server_address, "--format", "json", "--max-sentences", "2", SEED])
    assert code == 0
    response = json.loads(capsys.readouterr().out)
    assert 1 <= len(response["sentences"]) <= 2


def test_cli_health_serving_exits_zero(server_address, capsys):
    assert cli.main(["health", "--server", server_address]) == 0
    assert capsys.readouterr().out.strip() == "SERVING"


def test_cli_health_unreachable_exits_one(capsys):
    assert cli.main(["health", "--server", "127.0.0.1:1", "--timeout", "1"]) == 1
    assert capsys.readouterr().out.strip() == "UNAVAILABLE"


def test_cli_call_error_exits_one_with_status_name(server_address, tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    assert cli.main(["extract", "--server", server_address, str(empty)]) == 1
    assert capsys.readouterr().err.startswith(f"{empty}: INVALID_ARGUMENT: article.text")


@pytest.mark.parametrize(
    "argv",
    [
        ["extract"],  # neither files nor --jsonl
        ["extract", "--format", "xml", SEED],
        ["summarize", "--max-sentences", "many", SEED],
        ["summarize"],  # no files
        ["serve", "--log-level", "LOUD"],
        ["serve", "--tls-cert-file", "server.pem"],  # without --tls-key-file
        ["frobnicate"],
    ],
)
def test_cli_usage_error_exits_two(argv):
    with pytest.raises(SystemExit) as raised:
        cli.main(argv)
    assert raised.value.code == 2
