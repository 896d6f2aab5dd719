"""The SQLite store: versions, entity round trips and diffs."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from watchkeeper.model import (
    Address,
    DateSpec,
    Entity,
    Gender,
    Identifier,
    IdType,
    Name,
    NameKind,
    Schema,
)
from watchkeeper.store import Store, StoreError


def _person(ref: str, name: str, **changes: object) -> Entity:
    entity = Entity(
        id=f"test:{ref}",
        schema=Schema.PERSON,
        names=[
            Name(name, given=name.split()[0], family=name.split()[-1]),
            Name(f"{name} Jr", kind=NameKind.WEAK_ALIAS),
        ],
        birth_dates=[DateSpec("1970", "1975", circa=True)],
        nationalities=["iq"],
        gender=Gender.MALE,
        identifiers=[Identifier(IdType.PASSPORT, "A1234567", country="iq", note="issued 2001")],
        addresses=[Address("Mosul, Iraq", city="Mosul", country="iq")],
        programs=["SDGT"],
        listed_on="2011-10-04",
        properties={"title": ["Sheikh"]},
    )
    for key, value in changes.items():
        setattr(entity, key, value)
    return entity


def _add(store: Store, entities: list[Entity], sha: str) -> int:
    version = store.add_version(
        list_name="test",
        format_name="hand",
        sha256=sha,
        published="2026-01-01",
        source="hand-made",
        entities=entities,
    )
    return version.id


def test_entities_round_trip_unchanged(tmp_path: Path) -> None:
    original = _person("1", "Abu Bakr Baghdadi")
    with Store(tmp_path) as store:
        version_id = _add(store, [original], "a")
        (stored,) = list(store.entities(version_id))
    assert stored == original
    assert stored.names[1].kind is NameKind.WEAK_ALIAS
    assert stored.birth_dates[0] == DateSpec("1970", "1975", circa=True)


def test_current_version_and_diff(tmp_path: Path) -> None:
    first = [_person("1", "Ann Alpha"), _person("2", "Bob Beta"), _person("3", "Cy Gamma")]
    second = [
        _person("1", "Ann Alpha"),
        _person("2", "Bob Beta", nationalities=["sy"]),
        _person("4", "Di Delta"),
    ]
    with Store(tmp_path) as store:
        old_id = _add(store, first, "a")
        new_id = _add(store, second, "b")
        current = store.current_version("test")
        assert current is not None and current.id == new_id and current.entities == 3
        diff = store.diff(store.version(old_id), store.version(new_id))
        assert diff.as_dict() == {
            "added": ["test:4"],
            "removed": ["test:3"],
            "changed": ["test:2"],
        }
        found_in, entity = store.entity("test:3")
        assert found_in.id == old_id and entity.caption == "Cy Gamma"
        with pytest.raises(StoreError, match="no entity 'test:3' in version"):
            store.entity("test:3", new_id)


def test_unchanged_entities_are_stored_once(tmp_path: Path) -> None:
    entities = [_person(str(n), f"Person Number{n}") for n in range(50)]
    with Store(tmp_path) as store:
        _add(store, entities, "a")
        _add(store, entities, "b")
    with sqlite3.connect(tmp_path / "watchkeeper.db") as db:
        (bodies,) = db.execute("SELECT COUNT(*) FROM entity_bodies").fetchone()
        (rows,) = db.execute("SELECT COUNT(*) FROM version_entities").fetchone()
    assert (bodies, rows) == (50, 100)


def test_failed_write_leaves_no_version(tmp_path: Path) -> None:
    duplicate = [_person("1", "Ann Alpha"), _person("1", "Ann Alpha")]
    with Store(tmp_path) as store:
        with pytest.raises(sqlite3.IntegrityError):
            _add(store, duplicate, "a")
        assert store.versions() == []


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    Store(tmp_path).close()
    with sqlite3.connect(tmp_path / "watchkeeper.db") as db:
        db.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="schema version 99"):
        Store(tmp_path)
