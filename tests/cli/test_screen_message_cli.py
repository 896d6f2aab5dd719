"""``watchkeeper screen-message`` on real message samples against the real UN list."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from watchkeeper.cli import app
from watchkeeper.cli.messages import EXIT_BLOCK, EXIT_REVIEW, EXIT_UNREADABLE

runner = CliRunner()
MT103 = "swift_mt/MT103_custom_50K_59_JPY_invoice.fin"
"""An MT103 whose beneficiary (59) is SHASHU LANXI SHANYE MACHINERY CO LTD."""


def _run(*args: str) -> tuple[int, list[dict[str, object]], str]:
    result = runner.invoke(app, list(args))
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    return result.exit_code, lines, result.stderr


@pytest.fixture(scope="module")
def db(lists_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    home = str(tmp_path_factory.mktemp("message-home"))
    un = lists_dir / "un" / "un_consolidated_2026-02-27.xml"
    assert runner.invoke(app, ["lists", "import", str(un), "--db", home]).exit_code == 0
    return home


def test_clean_samples_of_every_family_pass(db: str, shared_data: Path) -> None:
    formats = shared_data / "formats"
    files = [
        formats / MT103,
        formats / "pacs.008" / "cbpr_p.2.1.1_pacs008_AtoB.xml",
        formats / "pain.001" / "six_ch_musterfile_pain001_001_03_ch02.xml",
        formats / "paxlst" / "gtas_multiple_flight_leg_D05B.edi",
    ]
    code, lines, err = _run("screen-message", *map(str, files), "--db", db)
    assert code == 0, err
    assert {line["format"] for line in lines} == {"mt103", "pacs.008", "pain.001", "paxlst"}
    assert all(line["decision"] == "pass" and line["error"] is None for line in lines)
    assert len([line for line in lines if line["format"] == "pain.001"]) == 8
    assert f"4 files, {len(lines)} units: {len(lines)} pass" in err


def _mt103_paying(name: str, shared_data: Path, folder: Path) -> Path:
    """The MT103 sample with ``name`` as its beneficiary (field 59), above a PO box."""
    text = (shared_data / "formats" / MT103).read_text(encoding="utf-8")
    beneficiary = "SHASHU LANXI SHANYE\nMACHINERY CO LTD\nMACHINERY CO LTD\n"
    assert beneficiary in text
    path = folder / "listed.fin"
    path.write_text(text.replace(beneficiary, f"{name}\nPO BOX 12\n"), encoding="utf-8")
    return path


def test_a_listed_beneficiary_blocks_and_the_exit_status_says_so(
    db: str, shared_data: Path, tmp_path: Path
) -> None:
    # un:QDe.015 WAFA HUMANITARIAN ORGANIZATION
    listed = _mt103_paying("WAFA HUMANITARIAN ORGANIZATION", shared_data, tmp_path)
    code, lines, err = _run("screen-message", str(listed), "--db", db)
    assert code == EXIT_BLOCK
    (line,) = lines
    assert line["decision"] == "block"
    hit = next(hit for hit in line["hits"] if hit["id"] == "un:QDe.015")
    assert hit["field"] == "msg[1]/B4/59/name"
    assert "1 block" in err


def test_a_stricter_block_threshold_turns_a_block_into_review(
    db: str, shared_data: Path, tmp_path: Path
) -> None:
    listed = _mt103_paying("WAFAA HUMANITARIAN ORGANISATION", shared_data, tmp_path)
    assert _run("screen-message", str(listed), "--db", db)[0] == EXIT_BLOCK
    code, lines, _ = _run("screen-message", str(listed), "--db", db, "--block-at", "1.0")
    assert code == EXIT_REVIEW
    assert lines[0]["decision"] == "review"


def test_an_embargoed_country_follows_the_embargo_option(db: str, shared_data: Path) -> None:
    rub = shared_data / "formats" / "pain.001" / "lt_bank_international_RUB_pain001_001_03.xml"
    assert _run("screen-message", str(rub), "--db", db)[0] == 0
    code, lines, _ = _run("screen-message", str(rub), "--db", db, "--embargo", "Russia")
    assert code == EXIT_REVIEW
    hits = [hit for line in lines for hit in line["hits"]]
    assert hits and all(hit["kind"] == "jurisdiction" and hit["text"] == "RU" for hit in hits)


def test_an_unreadable_file_gets_an_error_line_and_the_run_goes_on(
    db: str, shared_data: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.xml"
    head = (shared_data / "formats" / "pacs.008" / "cbpr_p.2.1.1_pacs008_AtoB.xml").read_bytes()
    broken.write_bytes(head[: len(head) // 2])
    good = shared_data / "formats" / MT103
    code, lines, err = _run("screen-message", str(broken), str(good), "--db", db)
    assert code == EXIT_UNREADABLE
    error, result = lines
    assert error["decision"] is None and "broken.xml" in str(error["error"])
    assert result["decision"] == "pass"
    assert "1 unreadable" in err


def test_size_limit_and_unknown_content_are_refused(db: str, tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("Dear colleague, please find attached the invoice.\n" * 50, encoding="utf-8")
    code, lines, _ = _run("screen-message", str(note), "--db", db)
    assert code == EXIT_UNREADABLE
    assert "not a message of a known format" in str(lines[0]["error"])
    code, lines, _ = _run("screen-message", str(note), "--db", db, "--max-mb", "0.001")
    assert code == EXIT_UNREADABLE
    assert "more than the limit" in str(lines[0]["error"])


def test_bad_options_are_usage_errors(db: str, shared_data: Path) -> None:
    sample = str(shared_data / "formats" / MT103)
    assert _run("screen-message", sample, "--db", db, "--format", "mt999")[0] == 2
    assert _run("screen-message", sample, "--db", db, "--embargo", "Atlantis")[0] == 2
    assert _run("screen-message", sample, "--db", db, "--review-at", "0.95")[0] == 2


def test_a_wrong_envelope_count_is_a_warning_and_the_manifest_is_screened(
    db: str, shared_data: Path
) -> None:
    # the crew list's UNT says 152 segments; the message holds fewer, every one readable
    crew = shared_data / "formats" / "paxlst" / "gtas_crew_manifest_FM_D02B_oneline.edi"
    code, lines, err = _run("screen-message", str(crew), "--db", db)
    assert code == 0
    assert lines and all(line["decision"] == "pass" for line in lines)
    assert "0 unreadable" in err
    assert re.search(r"[1-9]\d* warnings", err)
    assert "warning: " in err and "UNT" in err


def test_worker_processes_write_what_one_process_writes_in_the_same_order(
    db: str, shared_data: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.xml"
    head = (shared_data / "formats" / "pacs.008" / "cbpr_p.2.1.1_pacs008_AtoB.xml").read_bytes()
    broken.write_bytes(head[: len(head) // 2])
    paxlst = shared_data / "formats" / "paxlst"
    files = [
        paxlst / "gtas_large_multi_pax_part01C_D02B.edi",  # 260 travellers, one unreadable
        broken,
        _mt103_paying("WAFA HUMANITARIAN ORGANIZATION", shared_data, tmp_path),
        paxlst / "gtas_crew_manifest_FM_D02B_oneline.edi",  # a warning
        shared_data / "formats" / MT103,
    ]
    runs = [_run("screen-message", *map(str, files), "--db", db, "--workers", n) for n in "12"]
    (code, lines, err), (code_2, lines_2, err_2) = runs
    assert code == code_2 == EXIT_BLOCK
    assert lines == lines_2 and len(lines) > 260
    summary = err[err.index("5 files") :]  # after "building the match index" on first use
    assert summary == err_2[err_2.index("5 files") :] and "2 unreadable" in summary
    assert files[0].name in str(lines[0]["source"]) and files[-1].name in str(lines[-1]["source"])
