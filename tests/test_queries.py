"""Reading screening queries from JSON lines and CSV, bad records reported and skipped."""

from __future__ import annotations

import json
from pathlib import Path

from watchkeeper.model import DateSpec, Gender, IdType, Query, Schema
from watchkeeper.queries import QueryError, read_queries


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_yente_shaped_json_lines(tmp_path: Path) -> None:
    query = {
        "id": "q1",
        "schema": "Person",
        "properties": {
            "name": ["Abu Bakr al-Baghdadi"],
            "birthDate": ["1971-07-28"],
            "nationality": ["Iraq"],
            "gender": ["male"],
            "passportNumber": ["A1234567"],
        },
    }
    path = _write(
        tmp_path / "q.jsonl",
        [json.dumps(query), json.dumps({"properties": {"name": "ACME Ltd"}, "schema": "Company"})],
    )
    first, second = read_queries(path)
    assert first == Query(
        id="q1",
        names=["Abu Bakr al-Baghdadi"],
        schema=Schema.PERSON,
        birth_dates=[DateSpec("1971-07-28")],
        nationalities=["iq"],
        gender=Gender.MALE,
        identifiers=[first.identifiers[0]],
    )
    assert (first.identifiers[0].type, first.identifiers[0].value) == (IdType.PASSPORT, "A1234567")
    assert isinstance(second, Query)
    assert (second.id, second.names, second.schema) == ("line-2", ["ACME Ltd"], Schema.ORGANIZATION)


def test_bad_json_records_are_reported_and_reading_goes_on(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "q.jsonl",
        [
            '{"id": "ok1", "properties": {"name": ["Ann Example"]}}',
            '{"id": "broken", "properties": {"name": ["x"]',
            '{"id": "noname", "properties": {"birthDate": ["1970"]}}',
            '{"id": "baddate", "properties": {"name": ["B"], "birthDate": ["someday"]}}',
            '{"id": "badschema", "schema": "Planet", "properties": {"name": ["C"]}}',
            '{"id": "ok2", "properties": {"name": ["Bo Example"]}}',
        ],
    )
    results = list(read_queries(path))
    assert [r.id for r in results if isinstance(r, Query)] == ["ok1", "ok2"]
    errors = [r for r in results if isinstance(r, QueryError)]
    assert [(e.line, e.query_id) for e in errors] == [
        (2, None),
        (3, "noname"),
        (4, "baddate"),
        (5, "badschema"),
    ]
    assert "not JSON" in errors[0].message
    assert "field 'name'" in errors[1].message
    assert "'someday' is not a date" in errors[2].message
    assert "unknown schema 'Planet'" in errors[3].message
    assert str(errors[0]).startswith(f"{path}, line 2: ")


def test_csv_queries_with_several_values_per_cell(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "q.csv",
        [
            "id,name,birth_date,country,schema,passport",
            "c1,Hamza bin Laden;Hamza Usama Muhammad bin Ladin,circa 1989,Saudi Arabia,Person,",
            "c2,,1970,,,",
            "c3,Nordic Timber AB,,SE,Company,",
        ],
    )
    first, missing, third = read_queries(path)
    assert isinstance(first, Query) and isinstance(third, Query)
    assert first.names == ["Hamza bin Laden", "Hamza Usama Muhammad bin Ladin"]
    assert first.birth_dates == [DateSpec("1989", circa=True)]
    assert first.countries == ["sa"]
    assert isinstance(missing, QueryError) and (missing.line, missing.query_id) == (3, "c2")
    assert third.schema is Schema.ORGANIZATION and third.countries == ["se"]


def test_csv_without_name_column_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path / "q.csv", ["id,full_name", "1,Ann"])
    (error,) = read_queries(path)
    assert isinstance(error, QueryError) and "no 'name' column" in error.message


def test_names_cut_by_their_field_are_said_so_in_json_and_csv(tmp_path: Path) -> None:
    json_path = _write(
        tmp_path / "q.jsonl",
        [
            '{"id": "cut", "namesCut": true, "properties": {"name": ["ALFA COMPANY LIMITED FO"]}}',
            '{"id": "whole", "properties": {"name": ["Ann Example"]}}',
            '{"id": "bad", "namesCut": "yes", "properties": {"name": ["Bo Example"]}}',
        ],
    )
    cut, whole, bad = read_queries(json_path)
    assert isinstance(cut, Query) and cut.names_cut
    assert isinstance(whole, Query) and not whole.names_cut
    assert isinstance(bad, QueryError) and "field 'namesCut'" in bad.message
    csv_path = _write(
        tmp_path / "q.csv",
        ["id,name,names_cut", "c1,ALFA COMPANY LIMITED FO,yes", "c2,Ann Example,", "c3,Bo,maybe"],
    )
    cut, whole, bad = read_queries(csv_path)
    assert isinstance(cut, Query) and cut.names_cut
    assert isinstance(whole, Query) and not whole.names_cut
    assert isinstance(bad, QueryError) and "column 'names_cut': 'maybe'" in bad.message
