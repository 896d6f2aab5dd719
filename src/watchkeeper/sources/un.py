"""UN Security Council Consolidated List: the ``CONSOLIDATED_LIST`` XML.

One ``INDIVIDUAL`` or ``ENTITY`` element per listed party; the entity id is
``un:<REFERENCE_NUMBER>`` (``un:QDi.299``).  Every sub-element the list uses is mapped to a
field of :class:`~watchkeeper.model.Entity`; an element this parser does not know is kept as
text in ``properties`` with a warning, so a schema change never loses data silently.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from lxml import etree

from watchkeeper.countries import country_or_text
from watchkeeper.dates import parse_date, parse_single_date
from watchkeeper.model import Address, Entity, Gender, Identifier, IdType, Name, NameKind, Schema
from watchkeeper.sources.base import (
    ListFormat,
    ListFormatError,
    ListSnapshot,
    Location,
    RecordProblem,
)
from watchkeeper.sources.cleaning import clean, split_packed_names
from watchkeeper.sources.xmlsafe import child_text, iter_records, local_name

LIST_NAME = "un"
FORMAT_NAME = "un-xml"

_ROOT_TAG = "CONSOLIDATED_LIST"
_SCHEMA_BY_TAG = {"INDIVIDUAL": Schema.PERSON, "ENTITY": Schema.ORGANIZATION}
_NAME_PART_TAGS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
_ALIAS_KIND_BY_QUALITY = {
    "good": NameKind.ALIAS,
    "a.k.a.": NameKind.ALIAS,
    "low": NameKind.WEAK_ALIAS,
    "f.k.a.": NameKind.FORMER,
}
_DATE_TYPES = {"", "EXACT", "APPROXIMATELY", "BETWEEN"}
_GENDER_BY_TEXT = {"male": Gender.MALE, "female": Gender.FEMALE}
_NOT_AVAILABLE = {"na", "n/a", "n.a."}
"""The list's marker for an unknown value (``<VALUE>na</VALUE>``), not Namibia."""

_ROOT_PATTERN = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*"
    rb"<(?:[\w.-]+:)?CONSOLIDATED_LIST[\s/>]",
    re.DOTALL,
)
_ENUMERATOR = re.compile(r"\s+[b-z]\)\s+")
"""An ``a) ... b) ...`` enumeration marker left inside an alias string."""
_TRAILING_RENDERING = re.compile(
    r"^(?P<head>.+?)\s*\((?P<label>original script:?\s*)?(?P<inner>(?:[^()]|\([^()]*\))*)\)$",
    re.IGNORECASE,
)
"""``Jin Tiesan (金铁三)``, ``Abubakar (original script: Абубакар)``, ``… (original script)``."""
_SCRIPT_IN_NOTE = re.compile(
    r"(?:original script|\bin \w+(?: script)?)\s*:\s*(?P<name>[^:;]+?)\.?$", re.IGNORECASE
)
"""``original script: Абу Банат``, ``… In Arabic: سيف العدل`` at the end of an alias note."""
_LIST_IN_NOTE = re.compile(r"^[^()]*;[^()]*$|\((?P<inner>[^()]*;[^()]*)\)")
"""A note that is a ``;`` list of names, or holds one in parentheses."""
_MAX_WORDS_IN_NAME = 8
_ISO_DAY_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}")


@dataclass(slots=True)
class _Record:
    """One INDIVIDUAL or ENTITY element being read into an entity."""

    file: str
    element: etree._Element
    label: str
    """How problems name the record: ``INDIVIDUAL[DATAID=6907993, REFERENCE_NUMBER=CDi.001]``."""
    entity: Entity
    warnings: list[RecordProblem] = field(default_factory=list)

    def add_name(self, full: str, kind: NameKind) -> None:
        """Add a name unless the entity already has one with the same text."""
        if all(name.full != full for name in self.entity.names):
            self.entity.names.append(Name(full=full, kind=kind))

    def location(self, element: etree._Element, field_name: str | None = None) -> Location:
        """Where ``element`` (a part of this record) is: line and path from the record down."""
        steps: list[str] = []
        node: etree._Element | None = element
        while node is not None and node is not self.element:
            steps.append(local_name(node))
            node = node.getparent()
        path = "/".join([self.label, *reversed(steps)])
        return Location(self.file, line=_line(element), element=path, field=field_name)

    def keep_as_text(
        self,
        element: etree._Element,
        field_name: str | None,
        key: str,
        text: str,
        reason: str = "not understood",
    ) -> None:
        """Keep a value this parser could not interpret in ``properties[key]``, with a warning."""
        self.entity.add_property(key, text)
        message = f"{reason}: {text!r} kept as text in properties[{key!r}]"
        self.warnings.append(RecordProblem(self.location(element, field_name), message))


def sniff(path: Path, head: bytes) -> bool:
    """Whether the file's root element is ``CONSOLIDATED_LIST``."""
    return _ROOT_PATTERN.match(head) is not None


def parse(files: Sequence[Path]) -> ListSnapshot:
    """Read one UN Consolidated List XML file into a snapshot."""
    path = _single_file(files)
    snapshot = ListSnapshot(list_name=LIST_NAME, format=FORMAT_NAME, files=[path])
    lines_by_id: dict[str, int | None] = {}
    record_count = 0
    try:
        with path.open("rb") as handle:
            for element in _record_elements(handle, str(path), snapshot):
                record_count += 1
                _add_record(element, str(path), snapshot, lines_by_id)
    except OSError as error:
        raise ListFormatError(Location(str(path)), f"cannot read the file: {error}") from error
    if record_count == 0:
        raise ListFormatError(Location(str(path)), "no INDIVIDUAL or ENTITY records in the list")
    return snapshot


def _single_file(files: Sequence[Path]) -> Path:
    if len(files) != 1:
        names = ", ".join(str(f) for f in files) or "(no files)"
        raise ListFormatError(Location(names), "the UN list is one XML file")
    return files[0]


def _record_elements(
    handle: IO[bytes], file_label: str, snapshot: ListSnapshot
) -> Iterator[etree._Element]:
    """The INDIVIDUAL and ENTITY elements in file order, after checking the root element.

    Sets ``snapshot.published`` from the root's ``dateGenerated``.
    """
    root_checked = False
    for element in iter_records(handle, {_ROOT_TAG, *_SCHEMA_BY_TAG}, file_label):
        if not root_checked:
            root = element.getroottree().getroot()
            if local_name(root) != _ROOT_TAG:
                location = Location(file_label, line=_line(root), element=local_name(root))
                raise ListFormatError(
                    location, f"not a UN list: the root element is not {_ROOT_TAG}"
                )
            snapshot.published = clean(root.get("dateGenerated"))
            root_checked = True
        if element.getparent() is not None:
            yield element


def _add_record(
    element: etree._Element,
    file_label: str,
    snapshot: ListSnapshot,
    lines_by_id: dict[str, int | None],
) -> None:
    """Turn one record into an entity, or report why it cannot become one."""
    tag = local_name(element)
    reference = child_text(element, "REFERENCE_NUMBER")
    label = _record_label(tag, child_text(element, "DATAID"), reference)
    entity_id = f"{LIST_NAME}:{reference}"
    problem = _unusable_record(element, reference, lines_by_id)
    if problem is not None:
        field_name, message = problem
        location = Location(file_label, line=_line(element), element=label, field=field_name)
        snapshot.errors.append(RecordProblem(location, f"{message}; record skipped"))
        return
    entity = Entity(id=entity_id, schema=_SCHEMA_BY_TAG[tag])
    record = _Record(file=file_label, element=element, label=label, entity=entity)
    _fill_entity(record)
    lines_by_id[entity_id] = _line(element)
    snapshot.entities.append(entity)
    snapshot.warnings.extend(record.warnings)


def _record_label(tag: str, dataid: str | None, reference: str | None) -> str:
    keys = [
        f"{key}={value}"
        for key, value in (("DATAID", dataid), ("REFERENCE_NUMBER", reference))
        if value
    ]
    return f"{tag}[{', '.join(keys)}]" if keys else tag


def _unusable_record(
    element: etree._Element, reference: str | None, lines_by_id: dict[str, int | None]
) -> tuple[str, str] | None:
    """The field and reason that keep a record from becoming an entity, if any."""
    if not reference:
        return "REFERENCE_NUMBER", "no REFERENCE_NUMBER, so the record has no stable id"
    entity_id = f"{LIST_NAME}:{reference}"
    if entity_id in lines_by_id:
        return (
            "REFERENCE_NUMBER",
            f"{reference} is also the record at line {lines_by_id[entity_id]}",
        )
    if not any(child_text(element, tag) for tag in _NAME_PART_TAGS):
        return "FIRST_NAME", "no name (FIRST_NAME to FOURTH_NAME are all empty)"
    return None


def _fill_entity(record: _Record) -> None:
    """Read the record's name, then each child element with its handler."""
    record.entity.names.append(_primary_name(record.element, record.entity.schema))
    for child in record.element:
        if not isinstance(child.tag, str):
            continue
        handler = _HANDLERS.get(local_name(child), _keep_unknown_element)
        handler(record, child)


def _primary_name(element: etree._Element, schema: Schema) -> Name:
    """FIRST_NAME to FOURTH_NAME in list order; for a person: given, middle(s), family."""
    parts = [child_text(element, tag) for tag in _NAME_PART_TAGS]
    full = " ".join(part for part in parts if part)
    if schema is not Schema.PERSON:
        return Name(full=full)
    given, later = parts[0], [part for part in parts[1:] if part]
    return Name(
        full=full,
        given=given,
        middle=" ".join(later[:-1]) or None,
        family=later[-1] if later else None,
    )


# --- one handler per child element of INDIVIDUAL / ENTITY -------------------------------------


def _ignore(record: _Record, element: etree._Element) -> None:
    """Elements read before the dispatch (id and name parts)."""


def _property_handler(key: str) -> Callable[[_Record, etree._Element], None]:
    """A handler keeping an element's text (or its VALUE children) in ``properties[key]``."""

    def keep(record: _Record, element: etree._Element) -> None:
        for value in _values(record, element):
            record.entity.add_property(key, value)

    return keep


def _read_program(record: _Record, element: etree._Element) -> None:
    program = clean(element.text)
    if program:
        _append_new(record.entity.programs, program)


def _read_listed_on(record: _Record, element: etree._Element) -> None:
    text = clean(element.text)
    if not text:
        return
    day = _ISO_DAY_PREFIX.match(text)  # 2001-01-25-05:00 carries a time-zone offset
    listed_on = parse_single_date(day.group() if day else text)
    if listed_on:
        record.entity.listed_on = listed_on
    else:
        record.keep_as_text(element, None, "listed_on_text", text)


def _read_gender(record: _Record, element: etree._Element) -> None:
    text = clean(element.text)
    if not text:
        return
    gender = _GENDER_BY_TEXT.get(text.lower())
    if gender:
        record.entity.gender = gender
    else:
        record.keep_as_text(element, None, "gender", text)


def _read_comments(record: _Record, element: etree._Element) -> None:
    text = clean(element.text)
    if text:
        record.entity.remarks.append(text)


def _read_nationality(record: _Record, element: etree._Element) -> None:
    for value in _values(record, element):
        nationality = None if value.lower() in _NOT_AVAILABLE else country_or_text(value)
        if nationality:
            _append_new(record.entity.nationalities, nationality)


def _read_original_script(record: _Record, element: etree._Element) -> None:
    for name in split_packed_names(element.text or ""):
        record.add_name(name, NameKind.ORIGINAL_SCRIPT)


def _read_alias(record: _Record, element: etree._Element) -> None:
    fields = _fields(record, element, _ALIAS_FIELDS)
    alias = fields.get("ALIAS_NAME")
    kind = _alias_kind(record, element, fields.get("QUALITY"))
    for name in _alias_names(alias or ""):
        record.add_name(name, kind)
    note = fields.get("NOTE")
    if note:
        for name in _names_in_note(note):
            record.add_name(name, kind)
        record.entity.add_property("alias_note", f"{alias}: {note}" if alias else note)
    if "DATE_OF_BIRTH" in fields:
        _add_birth_date(record, element, "DATE_OF_BIRTH", fields["DATE_OF_BIRTH"])
    _add_birth_place(record, [fields.get("CITY_OF_BIRTH"), fields.get("COUNTRY_OF_BIRTH")])


def _read_birth_date(record: _Record, element: etree._Element) -> None:
    fields = _fields(record, element, _BIRTH_DATE_FIELDS)
    note = fields.get("NOTE")
    date_type = fields.get("TYPE_OF_DATE", "").upper()
    if date_type not in _DATE_TYPES:
        record.keep_as_text(element, "TYPE_OF_DATE", "birth_date_type", date_type, "unknown type")
    approximate = date_type == "APPROXIMATELY"
    if note and note.lower() == "approximately":
        approximate, note = True, None
    dates: list[tuple[str, str]] = [(key, fields[key]) for key in ("DATE", "YEAR") if key in fields]
    if "FROM_YEAR" in fields or "TO_YEAR" in fields:
        span = f"{fields.get('FROM_YEAR', '?')} to {fields.get('TO_YEAR', '?')}"
        dates.append(("FROM_YEAR", span))
    if not dates and note:
        dates, note = [("NOTE", note)], None
    for field_name, text in dates:
        _add_birth_date(record, element, field_name, text, approximate=approximate, note=note)


def _read_birth_place(record: _Record, element: etree._Element) -> None:
    fields = _fields(record, element, _BIRTH_PLACE_FIELDS)
    _add_birth_place(record, [fields.get(key) for key in _BIRTH_PLACE_FIELDS])


def _read_address(record: _Record, element: etree._Element) -> None:
    fields = _fields(record, element, _ADDRESS_FIELDS)
    parts = [fields.get(key) for key in ("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY")]
    full = ", ".join(part for part in parts if part)
    country = country_or_text(fields.get("COUNTRY"))
    if full:
        record.entity.addresses.append(
            Address(
                full=full,
                street=fields.get("STREET"),
                city=fields.get("CITY"),
                region=fields.get("STATE_PROVINCE"),
                postal_code=fields.get("ZIP_CODE"),
                country=country,
            )
        )
    if country:
        _append_new(record.entity.countries, country)
    if "NOTE" in fields:
        note = fields["NOTE"]
        record.entity.add_property("address_note", f"{full}: {note}" if full else note)


def _read_document(record: _Record, element: etree._Element) -> None:
    fields = _fields(record, element, _DOCUMENT_FIELDS)
    if not fields:
        return
    doc_type = fields.get("TYPE_OF_DOCUMENT") or fields.get("TYPE_OF_DOCUMENT2") or "document"
    id_type = _id_type(doc_type)
    country = country_or_text(fields.get("ISSUING_COUNTRY") or fields.get("COUNTRY_OF_ISSUE"))
    note = _document_note(fields, doc_type if id_type is IdType.OTHER else None)
    number = fields.get("NUMBER")
    if number:
        identifier = Identifier(type=id_type, value=number, country=country, note=note)
        record.entity.identifiers.append(identifier)
    else:
        described = f"{doc_type} ({country}): {note}" if country else f"{doc_type}: {note}"
        record.keep_as_text(
            element, "NUMBER", "document_text", described, "document without NUMBER"
        )


def _keep_unknown_element(record: _Record, element: etree._Element) -> None:
    """An element this parser does not know: keep its text, and say so."""
    text = _all_text(element)
    if text:
        record.keep_as_text(element, None, local_name(element).lower(), text)


_ALIAS_FIELDS = (
    "QUALITY",
    "ALIAS_NAME",
    "NOTE",
    "DATE_OF_BIRTH",
    "CITY_OF_BIRTH",
    "COUNTRY_OF_BIRTH",
)
_BIRTH_DATE_FIELDS = ("TYPE_OF_DATE", "DATE", "YEAR", "FROM_YEAR", "TO_YEAR", "NOTE")
_BIRTH_PLACE_FIELDS = ("STREET", "CITY", "STATE_PROVINCE", "COUNTRY", "NOTE")
_ADDRESS_FIELDS = ("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY", "NOTE")
_DOCUMENT_FIELDS = (
    "TYPE_OF_DOCUMENT",
    "TYPE_OF_DOCUMENT2",
    "NUMBER",
    "ISSUING_COUNTRY",
    "COUNTRY_OF_ISSUE",
    "CITY_OF_ISSUE",
    "DATE_OF_ISSUE",
    "NOTE",
)

_HANDLERS: dict[str, Callable[[_Record, etree._Element], None]] = {
    **dict.fromkeys(("REFERENCE_NUMBER", *_NAME_PART_TAGS), _ignore),
    "DATAID": _property_handler("dataid"),
    "VERSIONNUM": _property_handler("version"),
    "SORT_KEY": _property_handler("sort_key"),
    "SORT_KEY_LAST_MOD": _property_handler("sort_key_last_mod"),
    "LIST_TYPE": _property_handler("list_type"),
    "LAST_DAY_UPDATED": _property_handler("last_updated"),
    "DESIGNATION": _property_handler("position"),
    "TITLE": _property_handler("title"),
    "UN_LIST_TYPE": _read_program,
    "LISTED_ON": _read_listed_on,
    "GENDER": _read_gender,
    "COMMENTS1": _read_comments,
    "NATIONALITY": _read_nationality,
    "NAME_ORIGINAL_SCRIPT": _read_original_script,
    "INDIVIDUAL_ALIAS": _read_alias,
    "ENTITY_ALIAS": _read_alias,
    "INDIVIDUAL_DATE_OF_BIRTH": _read_birth_date,
    "INDIVIDUAL_PLACE_OF_BIRTH": _read_birth_place,
    "INDIVIDUAL_ADDRESS": _read_address,
    "ENTITY_ADDRESS": _read_address,
    "INDIVIDUAL_DOCUMENT": _read_document,
}


# --- helpers for the handlers ------------------------------------------------------------------


def _fields(record: _Record, element: etree._Element, known: Sequence[str]) -> dict[str, str]:
    """The non-empty texts of a group's sub-elements by tag (repeated ones joined by ``; ``)."""
    return {tag: "; ".join(texts) for tag, texts in _sub_texts(record, element, known).items()}


def _sub_texts(
    record: _Record, element: etree._Element, known: Sequence[str]
) -> dict[str, list[str]]:
    """The non-empty texts of the sub-elements in ``known``; unknown ones are kept as text."""
    texts: dict[str, list[str]] = {}
    for child in element:
        if not isinstance(child.tag, str):
            continue
        tag, text = local_name(child), _all_text(child)
        if tag not in known:
            _keep_unknown_element(record, child)
        elif text:
            texts.setdefault(tag, []).append(text)
    return texts


def _values(record: _Record, element: etree._Element) -> list[str]:
    """The texts of an element: its own, or those of its VALUE children (``<TITLE><VALUE>``)."""
    if len(element) == 0:
        text = clean(element.text)
        return [text] if text else []
    return _sub_texts(record, element, ("VALUE",)).get("VALUE", [])


def _line(element: etree._Element) -> int | None:
    """The element's line in the file (the stubs type ``sourceline`` loosely)."""
    line = element.sourceline
    return line if isinstance(line, int) else None


def _all_text(element: etree._Element) -> str | None:
    """All text inside ``element``, whitespace collapsed; None if empty."""
    return clean(" ".join(text for text in element.itertext() if isinstance(text, str)))


def _append_new(values: list[str], value: str) -> None:
    if value not in values:
        values.append(value)


def _alias_kind(record: _Record, element: etree._Element, quality: str | None) -> NameKind:
    """Name kind for an alias QUALITY (Good / a.k.a. / Low / f.k.a.); unknown ones warn."""
    if not quality:
        return NameKind.ALIAS
    kind = _ALIAS_KIND_BY_QUALITY.get(quality.lower())
    if kind is None:
        message = f"unknown alias quality {quality!r}; the name is read as an alias"
        record.warnings.append(RecordProblem(record.location(element, "QUALITY"), message))
        return NameKind.ALIAS
    return kind


def _alias_names(text: str) -> list[str]:
    """The names packed in one ALIAS_NAME: ``;`` lists, ``b)`` enumerations, script renderings."""
    names: list[str] = []
    for part in split_packed_names(_ENUMERATOR.sub("; ", text)):
        for name in _split_rendering(_tidy_name(part)):
            if name and name not in names:
                names.append(name)
    return names


def _names_in_note(note: str) -> list[str]:
    """Names an alias NOTE spells out: its original-script form, or a list of spellings.

    ``original script: Абу Банат`` and ``… In Arabic: سيف العدل`` give the non-Latin name;
    ``Yunis al-Mauritani; Younis al-Mauritani`` (alone or in parentheses) gives each spelling,
    provided every part looks like a name (no digits or colons, a few words at most).
    """
    in_script = _SCRIPT_IN_NOTE.search(note)
    if in_script and _script(in_script["name"]) == "other":
        return [in_script["name"].strip()]
    listed = _LIST_IN_NOTE.search(note)
    if not listed:
        return []
    parts = [clean(part) for part in (listed["inner"] or listed.group()).split(";")]
    names = [part for part in parts if part and _looks_like_name(part)]
    return names if len(names) == len(parts) else []


def _looks_like_name(text: str) -> bool:
    return (
        ":" not in text
        and not any(ch.isdigit() for ch in text)
        and (len(text.split()) <= _MAX_WORDS_IN_NAME)
    )


def _tidy_name(text: str) -> str:
    """Strip list punctuation around a name and a stray unopened ``)`` at its start."""
    name = text.strip(" ,;")
    return name[1:].strip() if name.startswith(")") and "(" not in name else name


def _split_rendering(name: str) -> list[str]:
    """``Jin Tiesan (金铁三)`` -> both names; ``X (original script)`` -> ``X``; else ``[name]``."""
    match = _TRAILING_RENDERING.match(name)
    if not match:
        return [name]
    head, inner = match["head"].strip(), match["inner"].strip()
    if match["label"]:
        return [head, inner] if inner else [head]
    if {_script(head), _script(inner)} == {"latin", "other"}:
        return [head, inner]
    return [name]


def _script(text: str) -> str:
    """``latin``, ``other`` (no Latin letters) or ``mixed``, judged by the letters of ``text``."""
    latin = [unicodedata.name(ch, "").startswith("LATIN") for ch in text if ch.isalpha()]
    if all(latin):
        return "latin"
    return "other" if not any(latin) else "mixed"


def _add_birth_date(
    record: _Record,
    element: etree._Element,
    field_name: str,
    text: str,
    *,
    approximate: bool = False,
    note: str | None = None,
) -> None:
    """Add a birth date read from ``text``; keep it as text with a warning if it is not one."""
    date = parse_date(text)
    if date is None:
        kept = f"{text}: {note}" if note else text
        record.keep_as_text(element, field_name, "birth_date_text", kept)
        return
    date.circa = date.circa or approximate
    if all(str(known) != str(date) for known in record.entity.birth_dates):
        record.entity.birth_dates.append(date)
    if note:
        record.entity.add_property("birth_date_note", f"{date}: {note}")


def _add_birth_place(record: _Record, parts: list[str | None]) -> None:
    place = ", ".join(part for part in parts if part)
    if place:
        _append_new(record.entity.birth_places, place)


def _id_type(doc_type: str) -> IdType:
    """Passport / National Identification Number (in the list's languages) or other."""
    text = doc_type.lower()
    if any(word in text for word in ("passport", "passeport", "pasaporte")):
        return IdType.PASSPORT
    if "identification" in text or "identity" in text:
        return IdType.NATIONAL_ID
    return IdType.OTHER


def _document_note(fields: dict[str, str], other_type: str | None) -> str | None:
    """The document's label and issue details as one note: ``Service passport; issued …``."""
    issued_in = ", ".join(
        fields[key] for key in ("CITY_OF_ISSUE", "COUNTRY_OF_ISSUE") if key in fields
    )
    issued = " ".join(
        part
        for part in (fields.get("DATE_OF_ISSUE"), f"in {issued_in}" if issued_in else None)
        if part
    )
    label = fields.get("TYPE_OF_DOCUMENT2")
    if label == fields.get("TYPE_OF_DOCUMENT"):
        label = None
    parts = [other_type, label, f"issued {issued}" if issued else None, fields.get("NOTE")]
    return "; ".join(part for part in parts if part) or None


FORMATS = [
    ListFormat(
        name=FORMAT_NAME,
        list_name=LIST_NAME,
        description="UN Security Council Consolidated List (CONSOLIDATED_LIST XML)",
        sniff=sniff,
        parse=parse,
    )
]
