"""The ``watchkeeper`` command line on real list files and a real local HTTP server."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.httpserver import Reply, serve
from watchkeeper.cli import app

runner = CliRunner()


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def un_paths(lists_dir: Path) -> tuple[str, str]:
    folder = lists_dir / "un"
    return (
        str(folder / "un_consolidated_2026-01-28.xml"),
        str(folder / "un_consolidated_2026-02-27.xml"),
    )


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "home")


def test_import_status_diff_show(db: str, un_paths: tuple[str, str]) -> None:
    code, out, _ = _run("lists", "import", un_paths[0], "--db", db, "--json")
    assert code == 0
    (first,) = json.loads(out)
    assert (first["status"], first["list"], first["entities"]) == ("imported", "un", 999)

    code, out, _ = _run("lists", "import", un_paths[1], "--db", db)
    assert code == 0 and "imported un version 2: 1,003 entities" in out

    code, out, _ = _run("lists", "status", "--db", db, "--json")
    assert code == 0
    (status,) = json.loads(out)
    assert set(status) == {"list", "version", "entities", "published", "imported", "sha256"}
    assert (status["list"], status["version"], status["entities"]) == ("un", 2, 1003)
    assert status["published"].startswith("2026-02-27")

    code, out, _ = _run("lists", "diff", "un", "--db", db, "--json")
    assert code == 0
    assert json.loads(out) == {
        "added": ["un:SDi.007", "un:SDi.008", "un:SDi.009", "un:SDi.010"],
        "removed": [],
        "changed": [],
    }
    code, out, _ = _run("lists", "diff", "un", "2", "1", "--db", db, "--json")
    assert json.loads(out)["removed"] == ["un:SDi.007", "un:SDi.008", "un:SDi.009", "un:SDi.010"]

    code, out, _ = _run("lists", "show", "un:QDi.299", "--db", db, "--json")
    assert code == 0
    shown = json.loads(out)
    assert shown["version"] == 2
    assert shown["entity"]["id"] == "un:QDi.299"
    names = {name["full"] for name in shown["entity"]["names"]}
    assert "Abu Bakr al-Baghdadi" in names


def test_rejected_import_exits_nonzero_and_names_the_file(
    db: str, un_paths: tuple[str, str], tmp_path: Path
) -> None:
    assert _run("lists", "import", un_paths[0], "--db", db)[0] == 0
    cut = tmp_path / "cut.xml"
    cut.write_bytes(Path(un_paths[1]).read_bytes()[:500_000])
    code, _out, err = _run("lists", "import", str(cut), "--db", db)
    assert code == 1
    assert "rejected" in err and str(cut) in err and "version 1 stays in use" in err


def test_unknown_file_is_reported_and_others_go_on(
    db: str, un_paths: tuple[str, str], tmp_path: Path
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("meeting notes, not a list\n")
    code, out, _ = _run("lists", "import", str(notes), un_paths[1], "--db", db, "--json")
    assert code == 1
    outcomes = {Path(o["source"]).name: o for o in json.loads(out)}
    assert outcomes["notes.txt"]["status"] == "rejected"
    assert "not a list format" in outcomes["notes.txt"]["reasons"][0]
    assert outcomes[Path(un_paths[1]).name]["status"] == "imported"


def test_stale_lists_are_warned_about(db: str, un_paths: tuple[str, str]) -> None:
    _run("lists", "import", un_paths[1], "--db", db)
    code, _out, err = _run("lists", "status", "--db", db, "--max-age-hours", "0")
    assert code == 0 and "warning: un was last refreshed" in err
    code, _out, err = _run("lists", "status", "--db", db)
    assert "warning" not in err


def test_update_from_local_server(db: str, un_paths: tuple[str, str]) -> None:
    body = Path(un_paths[1]).read_bytes()
    with serve(
        {"/un.xml": lambda _h: Reply(body=body), "/bad": lambda _h: Reply(status=500)}
    ) as site:
        code, out, _ = _run(
            "lists", "update", "--source", "un", "--url", site.url("/un.xml"), "--db", db, "--json"
        )
        assert code == 0 and json.loads(out)[0]["status"] == "imported"
        code, out, _ = _run(
            "lists",
            "update",
            "--source",
            "un",
            "--url",
            site.url("/bad"),
            "--attempts",
            "2",
            "--backoff",
            "0",
            "--db",
            db,
            "--json",
        )
    assert code == 1
    (outcome,) = json.loads(out)
    assert outcome["status"] == "rejected" and outcome["previous_version"] == 1
    assert "HTTP 500" in outcome["reasons"][0]


def test_screen_without_lists_says_so(db: str) -> None:
    code, _out, err = _run("screen", "anyone", "--db", db)
    assert code == 2 and "no lists imported" in err


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_own_list_is_imported_through_its_mapping(db: str) -> None:
    data = FIXTURES / "custom" / "acme_watchlist.csv"
    mapping = FIXTURES / "custom" / "acme_mapping.toml"
    with data.open(newline="", encoding="utf-8") as handle:
        rows = sum(1 for _ in csv.DictReader(handle))
    code, out, _ = _run(
        "lists", "import", str(data), "--mapping", str(mapping), "--db", db, "--json"
    )
    assert code == 0
    (outcome,) = json.loads(out)
    assert (outcome["list"], outcome["status"], outcome["entities"]) == (
        "acme-watch",
        "imported",
        rows,
    )


def test_forced_format_that_does_not_fit_is_rejected(db: str, lists_dir: Path) -> None:
    dpl = lists_dir / "us_other" / "dpl_2023-11.txt"
    code, out, _ = _run("lists", "import", str(dpl), "--format", "un-xml", "--db", db, "--json")
    assert code == 1
    (outcome,) = json.loads(out)
    assert outcome["status"] == "rejected" and str(dpl) in outcome["reasons"][0]


def test_unknown_format_name_is_a_usage_error(db: str, lists_dir: Path) -> None:
    code, _out, err = _run("lists", "import", str(lists_dir / "un"), "--format", "nope", "--db", db)
    assert code == 2 and "unknown list format 'nope'" in err
