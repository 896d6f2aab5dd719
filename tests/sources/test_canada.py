"""Canada SEMA consolidated list: the real 2025-03 file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from watchkeeper.model import DateSpec, Entity, IdType, NameKind, Schema
from watchkeeper.sources import canada
from watchkeeper.sources.base import ListFormatError, ListSnapshot
from watchkeeper.sources.registry import read_head

SEMA = "other/canada_sema_consolidated_2025-03.xml"


@pytest.fixture(scope="module")
def sema_file(lists_dir: Path) -> Path:
    return lists_dir / SEMA


@pytest.fixture(scope="module")
def snapshot(sema_file: Path) -> ListSnapshot:
    return canada.parse([sema_file])


def _entity(snapshot: ListSnapshot, entity_id: str) -> Entity:
    return next(entity for entity in snapshot.entities if entity.id == entity_id)


def test_every_record_becomes_one_entity(snapshot: ListSnapshot, sema_file: Path) -> None:
    text = sema_file.read_text(encoding="utf-8")
    records = len(re.findall(r"<record>", text))
    assert records == 4759  # the figure in the data README
    assert len(snapshot.entities) == records
    assert len({entity.id for entity in snapshot.entities}) == records
    assert snapshot.errors == []


def test_schemas_follow_the_name_fields(snapshot: ListSnapshot, sema_file: Path) -> None:
    text = sema_file.read_text(encoding="utf-8")
    schemas = [entity.schema for entity in snapshot.entities]
    assert schemas.count(Schema.PERSON) == text.count("<LastName>")
    assert schemas.count(Schema.VESSEL) == text.count("<ShipIMONumber>")
    assert schemas.count(Schema.ORGANIZATION) == text.count("<EntityOrShip>") - text.count(
        "<ShipIMONumber>"
    )


def test_a_person(snapshot: ListSnapshot) -> None:
    lukashenko = _entity(snapshot, "ca:by:1-part-1:8")
    name = lukashenko.names[0]
    assert (name.full, name.given, name.family) == (
        "Aleksandr Grigoryevich Lukashenko",
        "Aleksandr Grigoryevich",
        "Lukashenko",
    )
    assert lukashenko.birth_dates == [DateSpec("1954-08-30")]
    assert lukashenko.listed_on == "2020-09-28"
    assert lukashenko.programs == ["Belarus"]
    assert lukashenko.properties == {"schedule": ["1, Part 1"], "item": ["8"]}


def test_a_ship(snapshot: ListSnapshot) -> None:
    ship = _entity(snapshot, "ca:ru:1.1:1")
    assert ship.schema is Schema.VESSEL
    assert ship.caption == "Balitiyskiy III"
    assert [(i.type, i.value) for i in ship.identifiers] == [(IdType.IMO, "7612448")]
    assert ship.properties["build_date"] == ["1980"]
    assert ship.properties["vessel_type"] == ["General Cargo / Multi Purpose"]
    assert ship.birth_dates == []


def test_aliases_are_cut_and_labelled(snapshot: ListSnapshot) -> None:
    dagalo = _entity(snapshot, "ca:sd:part-1:5")
    kinds = {name.full: (name.kind, name.lang) for name in dagalo.names}
    assert kinds["Mohamed Hamdan Dagalo Mousa"] == (NameKind.PRIMARY, None)
    assert kinds["Hemedti"] == (NameKind.WEAK_ALIAS, None)
    assert kinds["Muhammad Hamdan Dagalo"] == (NameKind.ALIAS, None)
    assert kinds["محمد حمدان دقلو موسى"] == (NameKind.ORIGINAL_SCRIPT, "ara")
    assert len(dagalo.names) == 12


def test_legal_form_after_a_comma_stays_with_its_name() -> None:
    assert canada.split_aliases("Банк Зенит, ПАО; Poly Technologies, Inc.", False) == [
        ("Банк Зенит, ПАО", None),
        ("Poly Technologies, Inc.", None),
    ]
    assert canada.split_aliases("Belarusian: Юры Іванавіч ВАСІЛЕВІЧ, Russian: Юрий", True) == [
        ("Юры Іванавіч ВАСІЛЕВІЧ", "bel"),
        ("Юрий", "rus"),
    ]


def test_birth_date_ranges_and_alternatives(snapshot: ListSnapshot) -> None:
    assert _entity(snapshot, "ca:ir:1-part-2.1:70").birth_dates == [DateSpec("1963", "1964")]
    assert _entity(snapshot, "ca:ir:1-part-2.1:107").birth_dates == [
        DateSpec("1963"),
        DateSpec("1964"),
    ]


def test_unreadable_birth_date_is_kept_and_reported(
    snapshot: ListSnapshot, sema_file: Path
) -> None:
    mordashov = _entity(snapshot, "ca:ru:1-part-1:1114")
    assert mordashov.birth_dates == []
    assert mordashov.properties["birth_date"] == ["Sep-99"]
    lines = sema_file.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if ">Sep-99<" in text)
    warning = next(w for w in snapshot.warnings if "'Sep-99'" in w.message)
    assert warning.location.line == line
    assert warning.location.field == "DateOfBirthOrShipBuildDate"
    assert len(snapshot.warnings) == 2


def test_missing_schedule_and_name_parts(snapshot: ListSnapshot) -> None:
    porras = _entity(snapshot, "ca:gt:none:1")
    assert porras.names[0].family == "PORRAS Argueta de Porres"
    thaung = _entity(snapshot, "ca:mm:part-2:24")
    assert (thaung.caption, thaung.names[0].given) == ("Thaung", None)
    maduro = _entity(snapshot, "ca:jvcfor:none:1")
    assert maduro.caption == "Nicolás MADURO MOROS"
    assert maduro.programs == [
        "Justice for Victims of Corrupt Foreign Officials Regulations (JVCFOR)"
    ]


def test_a_record_without_item_is_an_error_and_the_rest_is_read(
    sema_file: Path, tmp_path: Path
) -> None:
    text = sema_file.read_text(encoding="utf-8")
    broken = text.replace("<Item>8</Item>", "", 1)
    bad_line = text[: text.index("<Item>8</Item>")].count("\n") + 1
    record_line = text[: text.rindex("<record>", 0, text.index("<Item>8</Item>"))].count("\n") + 1
    path = tmp_path / "sema.xml"
    path.write_text(broken, encoding="utf-8")
    snapshot = canada.parse([path])
    assert len(snapshot.entities) == 4758
    [error] = snapshot.errors
    assert (error.location.file, error.location.line) == (str(path), record_line)
    assert (error.location.element, error.location.field) == ("record", "Item")
    assert record_line < bad_line


def test_a_cut_off_file_raises_with_the_line(sema_file: Path, tmp_path: Path) -> None:
    data = sema_file.read_bytes()
    path = tmp_path / "cut.xml"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ListFormatError) as raised:
        canada.parse([path])
    assert raised.value.location.file == str(path)
    assert raised.value.location.line is not None


@pytest.mark.parametrize(
    "content",
    [b"", b'<?xml version="1.0"?><other><record><Item>1</Item></record></other>'],
)
def test_not_the_list_raises(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "other.xml"
    path.write_bytes(content)
    with pytest.raises(ListFormatError, match=re.escape(str(path))):
        canada.parse([path])


def test_sniffing(lists_dir: Path, sema_file: Path) -> None:
    [sema_format] = canada.FORMATS
    assert sema_format.sniff(sema_file, read_head(sema_file))
    for other in ("un/un_consolidated_2026-02-27.xml", "us_other/dpl_2023-11.txt"):
        assert not sema_format.sniff(lists_dir / other, read_head(lists_dir / other))
