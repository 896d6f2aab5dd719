"""``watchkeeper screen`` and ``watchkeeper match`` on the real UN list."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from watchkeeper.cli import app

runner = CliRunner()


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def db(lists_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    home = str(tmp_path_factory.mktemp("screen-home"))
    un = lists_dir / "un" / "un_consolidated_2026-02-27.xml"
    assert _run("lists", "import", str(un), "--db", home)[0] == 0
    return home


def test_screen_a_name_spelled_the_french_way(db: str) -> None:
    code, out, _ = _run(
        "screen", "Abou Bakr El Baghdadi", "Maria Fernanda Lopez", "--db", db, "--json"
    )
    assert code == 0
    baghdadi, unlisted = (json.loads(line) for line in out.splitlines())
    best = baghdadi["results"][0]
    assert (best["id"], best["list"], best["match"]) == ("un:QDi.299", "un", True)
    assert best["query_name"] == "Abou Bakr El Baghdadi"
    assert best["explanation"][0]["feature"] == "name"
    assert unlisted == {"id": "Maria Fernanda Lopez", "results": []}


def test_birth_date_and_country_move_the_score(db: str) -> None:
    def score(*extra: str) -> float:
        _code, out, _ = _run("screen", "Ibrahim Awwad al-Badri", *extra, "--db", db, "--json")
        results = json.loads(out)["results"]
        return next((r["score"] for r in results if r["id"] == "un:QDi.299"), 0.0)

    plain = score()
    assert score("--birth-date", "1971", "--country", "Iraq") > plain
    assert score("--birth-date", "1990", "--country", "Norway") < plain


def test_batch_file_keeps_order_and_reports_bad_records(db: str, tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": f"u{n}", "properties": {"name": [f"Unlisted Person{n} Example"]}})
        for n in range(300)
    ]
    lines.insert(
        150,
        json.dumps(
            {"id": "listed", "schema": "Organization", "properties": {"name": ["Jabhat al Nusra"]}}
        ),
    )
    lines.insert(10, "{not json")
    queries = tmp_path / "queries.jsonl"
    queries.write_text("\n".join(lines) + "\n", encoding="utf-8")
    output = tmp_path / "results.jsonl"
    code, _out, err = _run(
        "screen", "--input", str(queries), "--output", str(output), "--workers", "2", "--db", db
    )
    assert code == 1
    assert "301 queries" in err and "1 unreadable" in err and "line 11" in err
    results = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert results[0]["error"].startswith("not JSON") and results[0]["line"] == 11
    ids = [r["id"] for r in results[1:]]
    assert ids[:150] == [f"u{n}" for n in range(150)] and ids[150] == "listed"
    listed = results[1 + 150]["results"]
    assert listed and listed[0]["id"] == "un:QDe.137"
    assert all(not r["results"] for r in results[1:] if r["id"] != "listed")


def test_match_two_names_explains_itself(db: str) -> None:
    code, out, _ = _run(
        "match", "Abu Bakr al-Baghdadi", "Abou Bakr El Baghdadi", "--json", "--db", db
    )
    assert code == 0
    result = json.loads(out)
    assert result["match"] is True
    aligned = {(p["query"], p["candidate"]) for p in result["explanation"][0]["pairs"]}
    assert ("baghdadi", "baghdadi") in aligned
    code, out, _ = _run("match", "John Smith", "Vladimir Putin", "--json", "--db", db)
    assert json.loads(out)["match"] is False


def test_names_said_to_be_cut_may_end_in_the_start_of_a_listed_word(db: str) -> None:
    """A short name is not read as cut unless ``--names-cut`` says its field cut it."""
    cut = "Abubakar al Baghd"

    def matched(command: str, *extra: str) -> bool:
        if command == "match":
            _code, out, _ = _run("match", cut, "Abu Bakr al-Baghdadi", *extra, "--json", "--db", db)
            return bool(json.loads(out)["match"])
        _code, out, _ = _run("screen", cut, *extra, "--json", "--db", db)
        return any(r["id"] == "un:QDi.299" and r["match"] for r in json.loads(out)["results"])

    for command in ("match", "screen"):
        assert not matched(command)
        assert matched(command, "--names-cut")


def test_match_pairs_file(db: str, tmp_path: Path) -> None:
    same = {"schema": "Person", "properties": {"name": ["Hamza bin Laden"], "birthDate": ["1989"]}}
    other = {"schema": "Person", "properties": {"name": ["Hamza Ben Ladin"], "birthDate": ["1989"]}}
    different = {"schema": "Person", "properties": {"name": ["Maria Lopez"]}}
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text(
        "\n".join(
            [
                json.dumps({"id": "p1", "query": same, "candidate": other}),
                json.dumps({"id": "p2", "query": same, "candidate": different}),
                json.dumps({"id": "p3", "query": same}),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    code, out, err = _run("match", "--pairs", str(pairs), "--db", db)
    assert code == 1 and "1 pair(s) could not be read" in err
    first, second, third = (json.loads(line) for line in out.splitlines())
    assert (first["id"], first["match"]) == ("p1", True)
    assert (second["id"], second["match"]) == ("p2", False)
    assert first["score"] > second["score"]
    assert third["line"] == 3 and "'query' and 'candidate'" in third["error"]
