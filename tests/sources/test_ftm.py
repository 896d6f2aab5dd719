"""OpenSanctions FollowTheMoney exports: hand-written fixtures in both shapes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from watchkeeper.model import DateSpec, Entity, Gender, Identifier, IdType, NameKind, Schema
from watchkeeper.sources import ftm
from watchkeeper.sources.base import ListFormatError, ListSnapshot
from watchkeeper.sources.registry import read_head

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ftm"
FLAT = FIXTURES / "entities.ftm.json"
NESTED = FIXTURES / "targets.nested.json"
TARGETS = {"Person", "Organization", "Company", "LegalEntity", "Vessel", "Airplane", "Aircraft"}


def _records(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module", params=["flat", "nested"])
def snapshot(request: pytest.FixtureRequest) -> ListSnapshot:
    if request.param == "flat":
        return ftm.parse_flat([FLAT])
    return ftm.parse_nested([NESTED])


def _entity(snapshot: ListSnapshot, ftm_id: str) -> Entity:
    return next(e for e in snapshot.entities if e.id == f"opensanctions:{ftm_id}")


def test_only_screening_targets_become_entities() -> None:
    flat, nested = ftm.parse_flat([FLAT]), ftm.parse_nested([NESTED])
    assert len(flat.entities) == sum(1 for r in _records(FLAT) if r["schema"] in TARGETS) == 8
    assert len(nested.entities) == len(_records(NESTED)) == 7
    assert flat.errors == nested.errors == []
    [flat_warning] = flat.warnings
    assert flat_warning.message.endswith("left out: Family 1, Position 1")
    [nested_warning] = nested.warnings
    assert nested_warning.message.endswith("left out: Family 1")
    relative = _entity(flat, "NK-anis-kaskar")
    assert relative.properties["target"] == ["false"]


def test_both_shapes_give_the_same_targets() -> None:
    flat = {e.id: e.canonical_json() for e in ftm.parse_flat([FLAT]).entities}
    nested = {e.id: e.canonical_json() for e in ftm.parse_nested([NESTED]).entities}
    del flat["opensanctions:NK-anis-kaskar"]  # a relative: in the flat file only
    assert flat == nested


def test_a_person_with_sanctions_passport_and_address(snapshot: ListSnapshot) -> None:
    dawood = _entity(snapshot, "NK-dawood-kaskar")
    primary = dawood.names[0]
    assert (primary.full, primary.given, primary.patronymic, primary.family) == (
        "Dawood Ibrahim Kaskar",
        "Dawood",
        "Ibrahim",
        "Kaskar",
    )
    kinds = {n.full: n.kind for n in dawood.names}
    assert kinds["Sheikh Dawood Hassan"] is NameKind.ALIAS
    assert kinds["Bada Seth"] is NameKind.WEAK_ALIAS
    assert dawood.birth_dates == [DateSpec("1955-12-26")]
    assert (dawood.nationalities, dawood.gender) == (["in"], Gender.MALE)
    assert dawood.identifiers == [
        Identifier(IdType.PASSPORT, "A-333602", "in", "Passport; from 1985-06-04")
    ]
    assert [(a.city, a.country) for a in dawood.addresses] == [("Karachi", "pk")]
    assert dawood.countries == ["pk"]
    assert dawood.programs == ["ISIL (Da'esh) and Al-Qaida Sanctions", "UN-SCISIL", "SDGT", "SDNTK"]
    assert dawood.listed_on == "2003-10-16"  # the earlier of the two sanctions
    assert dawood.properties["unsc_id"] == ["QDi.135"]
    assert dawood.properties["referents"] == ["unsc-6908406", "ofac-9758"]


def test_names_in_other_scripts_and_ambiguous_parts(snapshot: ListSnapshot) -> None:
    putin = _entity(snapshot, "NK-putin")
    assert [(n.full, n.kind) for n in putin.names] == [
        ("Vladimir Vladimirovich PUTIN", NameKind.PRIMARY),
        ("Владимир Владимирович ПУТИН", NameKind.ORIGINAL_SCRIPT),
    ]
    assert putin.names[0].given is None
    assert putin.properties["last_name"] == ["PUTIN", "ПУТИН"]
    assert putin.remarks == ["President of the Russian Federation."]
    assert putin.properties["sanction_authority"] == [
        "Office of Foreign Assets Control",
        "European Union",
    ]


def test_organisations_vessel_aircraft(snapshot: ListSnapshot) -> None:
    melli = _entity(snapshot, "NK-bank-melli")
    assert melli.schema is Schema.ORGANIZATION
    assert melli.identifiers == [Identifier(IdType.BIC, "MELIIRTH", note="swiftBic")]
    assert melli.addresses[0].postal_code == "11365-144"
    assert melli.listed_on == "2018-11-05"
    tanker = _entity(snapshot, "NK-adrian-darya")
    assert tanker.schema is Schema.VESSEL
    assert [(i.type, i.value) for i in tanker.identifiers] == [(IdType.IMO, "9116412")]
    assert [(n.full, n.kind) for n in tanker.names][1] == ("GRACE 1", NameKind.FORMER)
    lazarus = _entity(snapshot, "NK-lazarus")
    assert lazarus.identifiers == [
        Identifier(IdType.CRYPTO, "0x098B716B8Aaf21512996dC57EB0615e2383E2f96", note="ETH")
    ]
    plane = _entity(snapshot, "NK-plane-ep-mmh")
    assert plane.schema is Schema.AIRCRAFT
    assert {i.type for i in plane.identifiers} == {IdType.AIRCRAFT_TAIL, IdType.AIRCRAFT_SERIAL}
    irgc = _entity(snapshot, "NK-irgc")
    assert ("سپاه پاسداران انقلاب اسلامی", NameKind.ORIGINAL_SCRIPT) in [
        (n.full, n.kind) for n in irgc.names
    ]


def _write(path: Path, lines: list[str], end: str = "\n") -> Path:
    path.write_text("\n".join(lines) + end, encoding="utf-8")
    return path


def test_bad_lines_are_errors_with_their_line(tmp_path: Path) -> None:
    lines = FLAT.read_text(encoding="utf-8").splitlines()
    nameless = {"id": "NK-x", "schema": "Person", "properties": {"birthDate": ["1970"]}}
    path = _write(
        tmp_path / "e.ftm.json", [*lines[:3], "{not json", json.dumps(nameless), *lines[3:]]
    )
    snapshot = ftm.parse_flat([path])
    assert len(snapshot.entities) == 8
    problems = [(e.location.line, e.location.element, e.location.field) for e in snapshot.errors]
    assert problems == [(4, None, None), (5, "NK-x", "name")]
    assert "not valid JSON" in snapshot.errors[0].message


def test_missing_address_is_a_warning(tmp_path: Path) -> None:
    lines = [
        line
        for line in FLAT.read_text(encoding="utf-8").splitlines()
        if "addr-ferdowsi" not in line or '"Company"' in line
    ]
    snapshot = ftm.parse_flat([_write(tmp_path / "e.ftm.json", lines)])
    warning = next(w for w in snapshot.warnings if w.location.field == "addressEntity")
    assert warning.location.element == "NK-bank-melli"
    assert "addr-ferdowsi" in warning.message


@pytest.mark.parametrize(
    ("content", "message"),
    [("", "empty"), ("name,id\nx,1\n", "not FollowTheMoney"), ('{"id": "a"}\n', "schema")],
)
def test_not_ftm_raises(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "x.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ListFormatError, match=message):
        ftm.parse_nested([path])


def test_cut_off_last_line_raises(tmp_path: Path) -> None:
    text = NESTED.read_text(encoding="utf-8")
    path = tmp_path / "targets.nested.json"
    path.write_text(text[: len(text) - 200], encoding="utf-8")
    with pytest.raises(ListFormatError, match="cut off") as raised:
        ftm.parse_nested([path])
    assert raised.value.location.line == 7


def test_sniffing_tells_the_shapes_apart(lists_dir: Path, tmp_path: Path) -> None:
    nested_format, flat_format = ftm.FORMATS
    assert flat_format.sniff(FLAT, read_head(FLAT))
    assert not nested_format.sniff(FLAT, read_head(FLAT))
    assert nested_format.sniff(NESTED, read_head(NESTED))
    assert not flat_format.sniff(NESTED, read_head(NESTED))
    renamed = tmp_path / "export.json"
    renamed.write_bytes(NESTED.read_bytes())
    assert nested_format.sniff(renamed, read_head(renamed))  # by content, not name
    for other in ("us_csl/consolidated_2022.csv.gz", "other/canada_sema_consolidated_2025-03.xml"):
        path = lists_dir / other
        assert not flat_format.sniff(path, read_head(path))
        assert not nested_format.sniff(path, read_head(path))
