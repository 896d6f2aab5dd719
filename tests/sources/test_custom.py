"""A firm's own list read through a column mapping: hand-written fixtures."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from watchkeeper.model import DateSpec, Entity, Gender, Identifier, IdType, NameKind, Schema
from watchkeeper.sources.base import ListFormatError, ListSnapshot
from watchkeeper.sources.custom import CustomMapping, load_mapping, parse_custom

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "custom"
CSV_LIST = FIXTURES / "acme_watchlist.csv"
TOML_MAPPING = FIXTURES / "acme_mapping.toml"
JSONL_LIST = FIXTURES / "acme_watchlist.jsonl"
JSON_MAPPING = FIXTURES / "acme_mapping.json"


@pytest.fixture(scope="module")
def mapping() -> CustomMapping:
    return load_mapping(TOML_MAPPING)


@pytest.fixture(scope="module")
def snapshot(mapping: CustomMapping) -> ListSnapshot:
    return parse_custom(CSV_LIST, mapping)


def _entity(snapshot: ListSnapshot, entity_id: str) -> Entity:
    return next(entity for entity in snapshot.entities if entity.id == entity_id)


def test_mapping_file(mapping: CustomMapping) -> None:
    assert (mapping.list_name, mapping.id_column, mapping.name_column) == (
        "acme-watch",
        "ref",
        "full_name",
    )
    assert mapping.schema_column == "kind"
    assert mapping.schema_values == {
        "I": Schema.PERSON,
        "E": Schema.ORGANIZATION,
        "V": Schema.VESSEL,
    }
    assert mapping.columns["birth_date"] == "dob"
    assert mapping.schema is Schema.LEGAL_ENTITY


def test_every_row_becomes_an_entity(snapshot: ListSnapshot) -> None:
    with CSV_LIST.open(encoding="utf-8", newline="") as handle:
        refs = [row["ref"] for row in csv.DictReader(handle)]
    assert [e.id for e in snapshot.entities] == [f"acme-watch:{ref}" for ref in refs]
    assert snapshot.errors == []
    assert [e.schema for e in snapshot.entities] == [
        Schema.PERSON,
        Schema.ORGANIZATION,
        Schema.PERSON,
        Schema.VESSEL,
        Schema.LEGAL_ENTITY,
    ]


def test_a_person_row(snapshot: ListSnapshot) -> None:
    muller = _entity(snapshot, "acme-watch:AC-0001")
    assert [(n.full, n.kind) for n in muller.names] == [
        ("Jean-Pierre Müller", NameKind.PRIMARY),
        ("J.P. Mueller", NameKind.ALIAS),
        ("Jumbo", NameKind.WEAK_ALIAS),
    ]
    assert muller.birth_dates == [DateSpec("1971-07-28")]
    assert (muller.nationalities, muller.countries, muller.gender) == (["ch"], ["fr"], Gender.MALE)
    assert muller.identifiers == [
        Identifier(IdType.PASSPORT, "X1234567"),
        Identifier(IdType.NATIONAL_ID, "756.1234.5678.97"),
    ]
    assert muller.addresses[0].full == "12 Rue du Rhône, 1204 Genève"
    assert (muller.programs, muller.remarks) == (["Internal fraud"], ["Chargeback ring 2023"])
    assert muller.listed_on == "2023-05-04"
    assert muller.properties == {"kind": ["I"], "owner": ["Compliance EMEA"]}


def test_multi_valued_cells_scripts_and_circa(snapshot: ListSnapshot) -> None:
    assert _entity(snapshot, "acme-watch:AC-0002").countries == ["ae", "ir"]
    ahmed = _entity(snapshot, "acme-watch:AC-0003")
    assert ahmed.names[1].kind is NameKind.ORIGINAL_SCRIPT
    assert ahmed.birth_dates == [DateSpec("1965", circa=True)]


def test_unreadable_values_are_kept_and_reported(snapshot: ListSnapshot) -> None:
    nova = _entity(snapshot, "acme-watch:AC-0005")
    assert nova.properties["gender"] == ["unknown"]
    assert nova.properties["listed_on"] == ["last spring"]
    assert nova.properties["kind"] == ["X"]
    fields = [(w.location.line, w.location.field) for w in snapshot.warnings]
    assert fields == [(6, "kind"), (6, "sex"), (6, "added")]


def test_json_lines_with_a_json_mapping() -> None:
    snapshot = parse_custom(JSONL_LIST, load_mapping(JSON_MAPPING))
    li_wei, lotus = snapshot.entities
    assert li_wei.id == "acme-jsonl:J-1"
    assert [(n.full, n.kind) for n in li_wei.names][1:] == [
        ("Wei Li", NameKind.ALIAS),
        ("李伟", NameKind.ORIGINAL_SCRIPT),
    ]
    assert (li_wei.birth_dates, li_wei.nationalities) == ([DateSpec("1980-03")], ["cn"])
    assert li_wei.identifiers == [Identifier(IdType.PASSPORT, "E12345678")]
    assert (lotus.schema, lotus.countries) == (Schema.ORGANIZATION, ["hk"])
    assert lotus.properties["risk"] == ["3"]


def test_missing_ids_names_and_repeated_ids_are_errors(
    mapping: CustomMapping, tmp_path: Path
) -> None:
    lines = CSV_LIST.read_text(encoding="utf-8").splitlines()
    header, first = lines[0], lines[1]
    no_id = "," + first.split(",", 1)[1]
    no_name = first.replace("Jean-Pierre Müller", "")
    path = tmp_path / "list.csv"
    path.write_text("\n".join([header, first, no_id, no_name, first]) + "\n", encoding="utf-8")
    snapshot = parse_custom(path, mapping)
    assert len(snapshot.entities) == 1
    problems = [(e.location.file, e.location.line, e.location.field) for e in snapshot.errors]
    assert problems == [(str(path), 3, "ref"), (str(path), 4, "full_name"), (str(path), 5, None)]
    assert "already taken" in snapshot.errors[2].message


def test_windows_1252_file_and_missing_column(mapping: CustomMapping, tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes(CSV_LIST.read_text(encoding="utf-8").encode("cp1252", "replace"))
    assert parse_custom(path, mapping).entities[0].caption == "Jean-Pierre Müller"
    path.write_text("ref,full_name\nA,B\n", encoding="utf-8")
    with pytest.raises(ListFormatError, match="aka") as raised:
        parse_custom(path, mapping)
    assert (raised.value.location.file, raised.value.location.line) == (str(path), 1)


def test_bad_json_lines(tmp_path: Path) -> None:
    mapping = load_mapping(JSON_MAPPING)
    lines = JSONL_LIST.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "list.jsonl"
    path.write_text("\n".join([lines[0], "[1, 2]", "{broken", lines[1]]) + "\n", encoding="utf-8")
    snapshot = parse_custom(path, mapping)
    assert len(snapshot.entities) == 2
    assert [e.location.line for e in snapshot.errors] == [2, 3]
    path.write_text(lines[0] + "\n" + lines[1][:30], encoding="utf-8")
    with pytest.raises(ListFormatError, match="cut off"):
        parse_custom(path, mapping)


def _mapping_file(tmp_path: Path, data: dict[str, object]) -> Path:
    path = tmp_path / "mapping.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "key"),
    [
        ({"list": None}, "list"),
        ({"list": "Acme:Watch"}, "list"),
        ({"id": ""}, "id"),
        ({"colour": "red"}, "colour"),
        ({"columns": {"shoe_size": "size"}}, "columns.shoe_size"),
        ({"columns": {"aliases": 3}}, "columns.aliases"),
        ({"schema": "Spaceship"}, "schema"),
        ({"schema_values": {"S": "Spaceship"}}, "schema_values.S"),
        ({"format": "xlsx"}, "format"),
        ({"delimiter": ";;"}, "delimiter"),
    ],
)
def test_mapping_errors_name_the_file_and_key(
    tmp_path: Path, change: dict[str, object], key: str
) -> None:
    data: dict[str, object] = {"list": "acme", "id": "ref", "name": "full_name", **change}
    path = _mapping_file(tmp_path, {k: v for k, v in data.items() if v is not None})
    with pytest.raises(ListFormatError) as raised:
        load_mapping(path)
    assert (raised.value.location.file, raised.value.location.field) == (str(path), key)


def test_unreadable_mapping_files(tmp_path: Path) -> None:
    broken = tmp_path / "mapping.toml"
    broken.write_text('list = "acme"\nid = \n', encoding="utf-8")
    with pytest.raises(ListFormatError, match="not valid TOML") as raised:
        load_mapping(broken)
    assert raised.value.location.file == str(broken)
    other = tmp_path / "mapping.yaml"
    other.write_text("list: acme\n", encoding="utf-8")
    with pytest.raises(ListFormatError, match=r"\.toml or \.json"):
        load_mapping(other)
