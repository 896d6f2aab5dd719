"""Importing real list files: versions, deltas, and bad files that must not replace good ones."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from watchkeeper.importing import ImportOutcome, ImportPolicy, ImportStatus, import_paths
from watchkeeper.store import Store


def _single(outcomes: list[ImportOutcome]) -> ImportOutcome:
    assert len(outcomes) == 1, [o.source for o in outcomes]
    return outcomes[0]


@pytest.fixture
def un_files(lists_dir: Path) -> tuple[Path, Path]:
    folder = lists_dir / "un"
    return folder / "un_consolidated_2026-01-28.xml", folder / "un_consolidated_2026-02-27.xml"


def test_un_month_on_month_delta(tmp_path: Path, un_files: tuple[Path, Path]) -> None:
    older, newer = un_files
    with Store(tmp_path) as store:
        first = _single(import_paths(store, [older]))
        second = _single(import_paths(store, [newer]))
        assert first.status is second.status is ImportStatus.IMPORTED
        assert first.version is not None and second.version is not None
        assert (first.version.entities, second.version.entities) == (999, 1003)
        assert second.version.published is not None
        assert second.version.published.startswith("2026-02-27")
        diff = store.diff(first.version, second.version)
    assert diff.added == ["un:SDi.007", "un:SDi.008", "un:SDi.009", "un:SDi.010"]
    assert diff.removed == []
    assert diff.changed == []


def test_same_file_twice_is_one_version(tmp_path: Path, un_files: tuple[Path, Path]) -> None:
    with Store(tmp_path) as store:
        import_paths(store, [un_files[1]])
        again = _single(import_paths(store, [un_files[1]]))
        assert again.status is ImportStatus.UNCHANGED
        assert len(store.versions("un")) == 1


def test_ofac_week_on_week_delta(tmp_path: Path, lists_dir: Path) -> None:
    folder = lists_dir / "ofac_sdn_2024"
    with Store(tmp_path) as store:
        older = _single(import_paths(store, [folder / "sdn_2024-04-26.csv"]))
        newer = _single(import_paths(store, [folder / "sdn_2024-05-03.csv"]))
        assert older.version is not None and newer.version is not None
        assert (older.version.entities, newer.version.entities) == (14668, 14965)
        diff = store.diff(older.version, newer.version)
    assert (len(diff.added), len(diff.removed)) == (305, 8)
    assert all(entity_id.startswith("ofac:") for entity_id in diff.added + diff.removed)


def _good_un_store(tmp_path: Path, un_file: Path) -> tuple[Store, int]:
    store = Store(tmp_path / "store")
    outcome = _single(import_paths(store, [un_file]))
    assert outcome.version is not None
    return store, outcome.version.id


def _assert_rejected(outcome: ImportOutcome, store: Store, list_name: str, good_id: int) -> None:
    assert outcome.status is ImportStatus.REJECTED
    assert outcome.previous is not None and outcome.previous.id == good_id
    current = store.current_version(list_name)
    assert current is not None and current.id == good_id


def test_truncated_un_xml_keeps_previous_version(
    tmp_path: Path, un_files: tuple[Path, Path]
) -> None:
    older, newer = un_files
    store, good_id = _good_un_store(tmp_path, older)
    truncated = tmp_path / "un_truncated.xml"
    data = newer.read_bytes()
    truncated.write_bytes(data[: int(len(data) * 0.6)])
    with store:
        outcome = _single(import_paths(store, [truncated]))
        _assert_rejected(outcome, store, "un", good_id)
    (reason,) = outcome.reasons
    assert str(truncated) in reason and "line" in reason


def test_un_xml_with_a_malformed_record_keeps_previous_version(
    tmp_path: Path, un_files: tuple[Path, Path]
) -> None:
    older, newer = un_files
    store, good_id = _good_un_store(tmp_path, older)
    text = newer.read_text(encoding="utf-8")
    broken_ref = "<REFERENCE_NUMBER>QDi.299</REFERENCE_NUMBER>"
    assert text.count(broken_ref) == 1
    line = text[: text.index(broken_ref)].count("\n") + 1
    broken = tmp_path / "un_broken_record.xml"
    broken.write_text(text.replace(broken_ref, "<REFERENCE_NUMBER/>"), encoding="utf-8")
    with store:
        outcome = _single(import_paths(store, [broken]))
        _assert_rejected(outcome, store, "un", good_id)
    assert len(outcome.reasons) == 1
    reason = outcome.reasons[0]
    assert str(broken) in reason and "REFERENCE_NUMBER" in reason
    # the record's element ends a few lines after its reference; the error points into it
    reported = int(reason.split("line ")[1].split(",")[0].split(":")[0])
    assert line - 40 <= reported <= line + 120


def test_ofac_csv_with_a_broken_row_keeps_previous_version(tmp_path: Path, lists_dir: Path) -> None:
    folder = lists_dir / "ofac_sdn_2024"
    store = Store(tmp_path / "store")
    good = _single(import_paths(store, [folder / "sdn_2024-04-26.csv"]))
    assert good.version is not None
    raw = (folder / "sdn_2024-05-03.csv").read_bytes()
    lines = raw.split(b"\n")
    lines[1000] = b'99999999,"BROKEN ROW WITH AN UNCLOSED QUOTE,-0- ,"SDGT"'
    broken = tmp_path / "sdn_broken.csv"
    broken.write_bytes(b"\n".join(lines))
    rows_before = list(csv.reader(io.StringIO(raw.decode("latin-1"))))
    assert len(rows_before) > 14000
    with store:
        outcome = _single(import_paths(store, [broken]))
        _assert_rejected(outcome, store, "ofac", good.version.id)
    assert any(str(broken) in r and "line 1001" in r for r in outcome.reasons), outcome.reasons


def test_max_shrink_is_a_policy(tmp_path: Path, un_files: tuple[Path, Path]) -> None:
    older, _newer = un_files
    text = older.read_text(encoding="utf-8")
    start = text.index("<ENTITIES>")
    end = text.index("</ENTITIES>") + len("</ENTITIES>")
    individuals_only = tmp_path / "un_individuals.xml"
    individuals_only.write_text(text[:start] + "<ENTITIES/>" + text[end:], encoding="utf-8")
    with Store(tmp_path / "store") as store:
        good = _single(import_paths(store, [older]))
        assert good.version is not None
        # 726 of 999 entities: 27% fewer
        refused = _single(import_paths(store, [individuals_only], ImportPolicy(max_shrink=0.2)))
        _assert_rejected(refused, store, "un", good.version.id)
        assert "shrank from 999 to 726" in refused.reasons[0]
        allowed = _single(import_paths(store, [individuals_only], ImportPolicy(max_shrink=0.3)))
        assert allowed.status is ImportStatus.IMPORTED
