"""The SWIFT MT reader (MT101, MT103, MT202, MT202COV, RJE batches) on the published samples
in ``../shared/data/formats/swift_mt``, on hand-made files in ``fixtures/swift_mt``, on
damaged and hostile copies, on generated messages, and under the UN-list screener."""

from __future__ import annotations

import io
import string
import tracemalloc
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import SHARED_DATA
from watchkeeper.message_screening import Decision, MessageScreener
from watchkeeper.messages import swift_mt
from watchkeeper.messages.mt_stream import MAX_MESSAGE_BYTES
from watchkeeper.messages.units import (
    CountryRef,
    CountryRole,
    MessageFormatError,
    Party,
    ScreeningUnit,
)
from watchkeeper.model import DateSpec, Identifier, IdType, Schema

SAMPLES_DIR = SHARED_DATA / "formats" / "swift_mt"
FIXTURES_DIR = Path(__file__).parent / "fixtures" / "swift_mt"
SAMPLES = sorted(SAMPLES_DIR.iterdir())
FIXTURES = sorted(FIXTURES_DIR.iterdir())
SAMPLE_BYTES = [path.read_bytes() for path in SAMPLES]


def sample(name: str) -> Path:
    return SAMPLES_DIR / name


def read(data: bytes, expected: str | None = None) -> list[ScreeningUnit | MessageFormatError]:
    return list(swift_mt.read_units(io.BytesIO(data), "test.fin", expected))


def read_units(path: Path) -> list[ScreeningUnit]:
    """The units of a file that must read without errors."""
    with path.open("rb") as stream:
        items = list(swift_mt.read_units(stream, path.name))
    assert [str(item) for item in items if isinstance(item, MessageFormatError)] == []
    return [item for item in items if isinstance(item, ScreeningUnit)]


def only_unit(path: Path) -> ScreeningUnit:
    units = read_units(path)
    assert len(units) == 1
    return units[0]


def only_error(items: list[ScreeningUnit | MessageFormatError]) -> MessageFormatError:
    assert len(items) == 1 and isinstance(items[0], MessageFormatError), items
    return items[0]


def parties(unit: ScreeningUnit) -> dict[str, Party]:
    return {party.path: party for party in unit.parties}


def texts(unit: ScreeningUnit) -> dict[str, str]:
    return {text.path: text.text for text in unit.texts}


def countries(unit: ScreeningUnit) -> set[tuple[str, str, CountryRole]]:
    return {(ref.path, ref.country, ref.role) for ref in unit.countries}


def bic(value: str, country: str | None) -> list[Identifier]:
    return [Identifier(IdType.BIC, value, country)]


def replaced(data: bytes, old: str, new: str) -> bytes:
    """``data`` with the one occurrence of ``old`` replaced by ``new``."""
    assert data.count(old.encode()) == 1, old
    return data.replace(old.encode(), new.encode())


# --- every sample ------------------------------------------------------------------------


@pytest.mark.parametrize("path", SAMPLES + FIXTURES, ids=lambda path: path.name)
def test_every_sample_is_recognised_and_reads_without_errors(path: Path) -> None:
    found = swift_mt.sniff(path.read_bytes()[: 64 * 1024])
    assert found in swift_mt.FORMATS
    units = read_units(path)
    assert units
    assert units[0].format == found
    assert len({unit.unit for unit in units}) == len(units)
    for unit in units:
        assert unit.source == path.name
        assert all(party.path.startswith(unit.unit.split("/")[0] + "/") for party in unit.parties)


def test_other_files_are_not_taken_for_mt() -> None:
    assert swift_mt.sniff(b"<?xml version='1.0'?><Document/>") is None
    assert swift_mt.sniff(b"UNA:+.? 'UNB+UNOA:4+X+Y'") is None
    statement = replaced(sample("MT202_cbpr_p.2.2.1_BtoC.fin").read_bytes(), "{2:O202", "{2:O940")
    assert swift_mt.sniff(statement) is None


# --- values read by hand in the samples --------------------------------------------------


def test_mt103_with_50f_and_59f_by_hand() -> None:
    # MT103_cbpr_p.2.1.1_AtoB_50F_59F.fin: output message, so block 1 names the receiver
    # (ABNANL2A) and the message input reference in block 2 the sender (RBOSGB2L).
    unit = only_unit(sample("MT103_cbpr_p.2.1.1_AtoB_50F_59F.fin"))
    assert (unit.format, unit.unit) == ("mt103", "msg[1]")
    found = parties(unit)
    assert found["msg[1]/B2"].role == "sender"
    assert found["msg[1]/B2"].query.identifiers == bic("RBOSGB2LXXX", "gb")
    assert found["msg[1]/B1"].role == "receiver"
    assert found["msg[1]/B1"].query.identifiers == bic("ABNANL2AXXX", "nl")
    debtor = found["msg[1]/B4/50F/1"]
    assert (debtor.role, debtor.query.names, debtor.query.countries) == (
        "ordering_customer",
        ["C Consumer"],
        ["gb"],
    )
    creditor = found["msg[1]/B4/59F/1"]
    assert (creditor.role, creditor.query.names, creditor.query.countries) == (
        "beneficiary",
        ["Evli"],
        ["fi"],
    )
    assert found["msg[1]/B4/56A"].role == "intermediary_institution"
    assert found["msg[1]/B4/56A"].query.identifiers == bic("NDEAFIHHXXX", "fi")
    assert found["msg[1]/B4/56A"].query.schema is Schema.ORGANIZATION
    assert texts(unit) == {
        "msg[1]/B4/50F/2": "High Street",
        "msg[1]/B4/50F/3": "Epping",
        "msg[1]/B4/59F/2": "Aleksanterinkatu 19",
        "msg[1]/B4/59F/3": "Helsinki",
        "msg[1]/B4/70/line[1]": "pacs008EndToEndId-001",
    }
    assert ("msg[1]/B4/50F/3", "GB", CountryRole.ADDRESS) in countries(unit)
    assert ("msg[1]/B4/57A", "FI", CountryRole.BIC) in countries(unit)
    # The accounts /12547896 and /98653214 are no IBANs: no IBAN country.
    assert not any(ref.role is CountryRole.IBAN for ref in unit.countries)


def test_mt103_with_free_format_50k_and_59_by_hand() -> None:
    # MT103_custom_50K_59_JPY_invoice.fin: 50K name cut at 35 characters by its sender,
    # "SRI LANKA" as last address line; 59 name on two lines, the second repeated.
    unit = only_unit(sample("MT103_custom_50K_59_JPY_invoice.fin"))
    found = parties(unit)
    assert found["msg[1]/B4/50K/name"].query.names == ["RASA ENGINEERING SERVICES (PVT) L"]
    assert found["msg[1]/B4/50K/name"].query.countries == ["lk"]
    assert found["msg[1]/B4/59/name"].query.names == ["SHASHU LANXI SHANYE MACHINERY CO LTD"]
    assert found["msg[1]/B4/57A"].query.identifiers == bic("ICBKCNBJZJP", "cn")
    assert found["msg[1]/B1"].role == "sender"  # an input message: block 1 is the sender
    assert found["msg[1]/B2"].query.identifiers == bic("MHCBJPJTXXX", "jp")
    assert texts(unit) == {
        "msg[1]/B4/50K/address": "NO 852-60 SHARUK PURA SRI LANKA",
        "msg[1]/B4/52A/account": "CGC BRANHC",
        "msg[1]/B4/59/address": "MACHINERY CO LTD",
        "msg[1]/B4/70/line[1]": "IMPORT OF GOOD INV NO : 1526395 INV DATE : 10.10.2025 LKMIOP",
        "msg[1]/B4/72/line[1]": "JKKILKOKSIKF",
    }
    assert ("msg[1]/B4/50K/address", "LK", CountryRole.ADDRESS) in countries(unit)


def test_a_stray_brace_after_block_4_is_tolerated() -> None:
    # MT103_custom_23E_block3_111.fin ends "-}}"; its 23E fields carry codes only.
    unit = only_unit(sample("MT103_custom_23E_block3_111.fin"))
    assert parties(unit)["msg[1]/B4/59/name"].query.names == ["KATAYAMA CHAIN THAILAND CO LTD"]
    assert not any("/23E" in text.path for text in unit.texts)


def test_rje_batch_with_acknowledgements_by_hand() -> None:
    # prowide_MT103-bulk-with-ack.rje: three MT103s, each after its ACK {1:F21...}{451:0}.
    units = read_units(sample("prowide_MT103-bulk-with-ack.rje"))
    assert [unit.unit for unit in units] == ["msg[1]", "msg[2]", "msg[3]"]
    first, second, third = (texts(unit) for unit in units)
    assert first["msg[1]/B3/433"] == "NO HIT DETECTED"
    assert second["msg[2]/B3/433"] == "NON BLOCKING HIT"
    # 72 /INS/DEUTSCHE BANK TRUST CO. + //AMERICAS NEW YORK, NY 10015: one item
    assert first["msg[1]/B4/72/line[1]"] == "DEUTSCHE BANK TRUST CO. AMERICAS NEW YORK, NY 10015"
    assert second["msg[2]/B4/50K/address"] == "ROAD 64 F254 VGC LEKKI AJAH LEKKI LAGOS NIGERIA"
    assert ("msg[2]/B4/50K/address", "NG", CountryRole.ADDRESS) in countries(units[1])
    assert third["msg[3]/B4/70/line[1]"] == (
        "042517478733 BEING PAYMENT OF FAC RE-INSURANCE PREMIUM DUE ON FOO COAL MINING"
    )
    assert parties(units[2])["msg[3]/B4/50K/name"].query.names == ["OLD MUTUAL GENERAL INSURAN"]


def test_rje_batch_of_thirteen_messages_by_hand() -> None:
    # prowide_MT103-out-ack.rje: 13 MT103s separated by "$" lines, one followed by a stray "{".
    units = read_units(sample("prowide_MT103-out-ack.rje"))
    assert [unit.unit for unit in units] == [f"msg[{n}]" for n in range(1, 14)]
    first = units[0]
    # Field 70 cuts "AUGUST" after the 35th character of its first line.
    assert texts(first)["msg[1]/B4/70/line[1]"] == (
        "FINDERS FEES-JULY,2007- 10.00, AUGUST,2007- 0.00 SEPTEMBER,2007 1,999.99"
        " BNY CUST RRN - O/B NORTH FORK B"
    )
    assert parties(first)["msg[1]/B4/52D/name"].query.names == ["NORTH FOO BANK"]
    assert parties(first)["msg[1]/B4/52D/name"].query.schema is Schema.ORGANIZATION
    assert texts(first)["msg[1]/B4/52D/address"] == "999 BROAD FOO RD MELVILLE, NY 11747"
    assert parties(first)["msg[1]/B4/59/name"].query.names == ["MERCADOS Y GESTION DE VALORES SA"]
    assert ("msg[1]/B4/59/address", "ES", CountryRole.ADDRESS) in countries(first)
    # A 59 name filled to 35 characters goes on on the next line, with or without a space;
    # the full line alone is a name its sender may have cut.
    assert parties(units[2])["msg[3]/B4/59/name"].query.names == [
        "FOO DIRECT III FONDO DE PENSIONES IBEX 99",
        "FOO DIRECT III FONDO DE PENSIONES I BEX 99",
        "FOO DIRECT III FONDO DE PENSIONES I",
    ]
    tenth = parties(units[9])
    assert tenth["msg[10]/B2"].query.identifiers == bic("CRESLULLXXX", "lu")
    assert tenth["msg[10]/B4/54A"].query.identifiers == bic("BICFOOYY", None)  # "//RT" first


def test_mt202cov_sequence_b_by_hand() -> None:
    # MT202COV_cbpr_c.29.2.2_AtoB.fin: {119:COV}; sequence B from 50F on.
    unit = only_unit(sample("MT202COV_cbpr_c.29.2.2_AtoB.fin"))
    assert unit.format == "mt202cov"
    found = parties(unit)
    assert found["msg[1]/B4/A/58A"].role == "beneficiary_institution"
    assert found["msg[1]/B4/A/58A"].query.identifiers == bic("GEBABEBBXXX", "be")
    assert found["msg[1]/B4/B/50F/1"].query.names == ["Debtor Co"]
    assert found["msg[1]/B4/B/59F/1"].query.names == ["Ardent Finance"]
    assert found["msg[1]/B4/B/57A"].query.identifiers == bic("GEBABEBBXXX", "be")
    assert found["msg[1]/B4/A/72/line[1]"].role == "instructing_institution"
    assert ("msg[1]/B4/B/59F/3", "RO", CountryRole.ADDRESS) in countries(unit)


def test_mt202_with_58d_and_a_short_basic_header_by_hand() -> None:
    # MT202_custom_58D_name_address.fin: block 1 lacks "F01"; the bank name sits in the
    # party identifier line "/MUFG LTD/".
    unit = only_unit(sample("MT202_custom_58D_name_address.fin"))
    found = parties(unit)
    assert found["msg[1]/B1"].query.identifiers == bic("ABCDLKLXXXX", "lk")
    assert found["msg[1]/B4/58D/name"].query.names == [
        "INTERNATIONAL BANKING DEPARTME",
        "INTERNATIONAL BANKING DEPARTME FEDERAL TOWERS MARINE DRIVE",  # in case the name goes on
    ]
    assert texts(unit)["msg[1]/B4/58D/account"] == "MUFG LTD"
    assert texts(unit)["msg[1]/B4/58D/address"] == "FEDERAL TOWERS MARINE DRIVE ERNAKULAM 682031"


def test_mt101_sample_by_hand() -> None:
    # prowide_MT101.fin: one transaction; 50H ordering customer in sequence A.
    unit = only_unit(sample("prowide_MT101.fin"))
    assert (unit.format, unit.unit) == ("mt101", "msg[1]/B[1]")
    found = parties(unit)
    assert found["msg[1]/B4/A/50H/name"].query.names == ["TESTAR00AXXX", "TESTAR00AXXX Utrecht"]
    assert found["msg[1]/B4/B[1]/59/name"].query.names == ["CASH CUSTOMER I"]
    assert found["msg[1]/B4/B[1]/57A"].query.identifiers == bic("CIBKCNBJ473", "cn")
    assert texts(unit)["msg[1]/B4/A/50H/address"] == "Utrecht Netherlands"
    assert ("msg[1]/B4/A/50H/address", "NL", CountryRole.ADDRESS) in countries(unit)


def test_hand_made_mt103_with_person_details_by_hand() -> None:
    # fixtures/swift_mt/MT103_50F_person_wrapped_lines.fin
    unit = only_unit(FIXTURES_DIR / "MT103_50F_person_wrapped_lines.fin")
    found = parties(unit)
    person = found["msg[1]/B4/50F/1"].query
    assert person.names[0] == "JOHANNA MARIA KATHARINA VON DER HEYDE-SCHMIDTBAUER"
    assert person.schema is Schema.PERSON
    assert person.birth_dates == [DateSpec("1971-07-28")]
    assert person.identifiers == [Identifier(IdType.PASSPORT, "C01X00T47", "de", "CCPT")]
    assert person.countries == ["de"]
    beneficiary = found["msg[1]/B4/59/name"].query
    assert beneficiary.names[0] == "ANDERSON TIMBER AND HARDWARE LIMITED"
    assert found["msg[1]/B4/57D/name"].query.names == ["NORTHERN ACCOUNT BANK PLC"]
    assert found["msg[1]/B4/72/line[1]"].query.identifiers == bic("BANKDEFFXXX", "de")
    assert texts(unit) == {
        "msg[1]/B4/23E": "CALL MARIA OLSEN FIRST",
        "msg[1]/B4/50F/3": "DUESSELDORF",
        "msg[1]/B4/53B/location": "FRANKFURT MAIN",
        "msg[1]/B4/57D/address": "1 HIGH STREET LONDON",
        "msg[1]/B4/59/address": "14 MILL LANE YORK UNITED KINGDOM",
        "msg[1]/B4/70/line[1]": "2025-11700 OAK FLOORING FOR RIVERSIDE SCHOOL EXTENSION",
        "msg[1]/B4/72/line[2]": "PLEASE TELL BENEFICIARY BY PHONE BEFORE CREDIT",
        "msg[1]/B4/77B/line[1]": "KOENIGSALLEE 12 DUESSELDORF",
    }
    assert countries(unit) >= {
        ("msg[1]/B4/50F/identifier", "DE", CountryRole.DOCUMENT),
        ("msg[1]/B4/57D/account", "GB", CountryRole.IBAN),
        ("msg[1]/B4/59/account", "GB", CountryRole.IBAN),
        ("msg[1]/B4/59/address", "GB", CountryRole.ADDRESS),
        ("msg[1]/B4/77B/line[1]", "DE", CountryRole.RESIDENCE),
    }
    # 56C //SC123456 is a sort code, not an IBAN
    assert not any(ref.path.startswith("msg[1]/B4/56C") for ref in unit.countries)


def test_hand_made_mt101_copies_sequence_a_into_each_transaction() -> None:
    # fixtures/swift_mt/MT101_two_transactions.fin
    first, second = read_units(FIXTURES_DIR / "MT101_two_transactions.fin")
    assert (first.unit, second.unit) == ("msg[1]/B[1]", "msg[1]/B[2]")
    for unit in (first, second):
        found = parties(unit)
        assert found["msg[1]/B4/A/50F/1"].query.names == ["NORDLICHT LOGISTICS NV"]
        assert found["msg[1]/B4/A/52A"].role == "account_servicing_institution"
        assert ("msg[1]/B4/A/50F/account", "BE", CountryRole.IBAN) in countries(unit)
    assert parties(first)["msg[1]/B4/B[1]/59F/1"].query.names == ["ATELIER DUPONT SARL"]
    assert ("msg[1]/B4/B[1]/59F/account", "FR", CountryRole.IBAN) in countries(first)
    assert not any("B[2]" in party.path for party in first.parties)
    assert parties(second)["msg[1]/B4/B[2]/59/name"].query.names == ["HANS WERNER OBERMAIER"]
    assert parties(second)["msg[1]/B4/B[2]/57D/name"].query.names == [
        "KREDITBANK SUED",
        "KREDITBANK SUED MUENCHEN",
    ]
    assert ("msg[1]/B4/B[2]/77B/line[1]", "DE", CountryRole.RESIDENCE) in countries(second)


def test_hand_made_rje_with_ack_and_nak() -> None:
    # fixtures/swift_mt/MT202_and_MT202COV_with_ack_nak.rje: an ACK, an MT202, a NAK, an
    # MT202COV whose sequence B names both customers.
    plain, cover = read_units(FIXTURES_DIR / "MT202_and_MT202COV_with_ack_nak.rje")
    assert (plain.format, plain.unit, cover.format, cover.unit) == (
        "mt202",
        "msg[1]",
        "mt202cov",
        "msg[2]",
    )
    found = parties(cover)
    assert found["msg[2]/B4/B/50K/name"].query.names == ["KARL FRIEDRICH MEISSNER"]
    assert found["msg[2]/B4/B/59/name"].query.names == ["LUCIA FERNANDEZ ORTEGA"]
    assert ("msg[2]/B4/B/59/account", "ES", CountryRole.IBAN) in countries(cover)


# --- generated person lines of 50F ---------------------------------------------------------

MT103_TEMPLATE = (
    "{{1:F01BANKDEFFAXXX0000000000}}{{2:I103BANKGB2LXXXXN}}{{4:\r\n"
    ":20:REF\r\n:23B:CRED\r\n:32A:250301EUR1,00\r\n{ordering}:59:/1234\r\nJANE DOE\r\n"
    ":71A:SHA\r\n-}}"
)


def mt103(ordering: str) -> bytes:
    """An MT103 with the given field(s) before 59 (lines separated by LF here)."""
    return MT103_TEMPLATE.format(ordering=ordering.replace("\n", "\r\n")).encode()


def test_50f_birth_place_national_id_and_continuation_lines() -> None:
    data = mt103(":50F:/12345\n1/LEILA NASSER\n5/LB/BEIRUT\n7/LB/1234567\n8/890\n")
    (unit,) = read(data)
    assert isinstance(unit, ScreeningUnit)
    party = parties(unit)["msg[1]/B4/50F/1"]
    assert party.role == "ordering_customer"
    query = party.query
    assert query.schema is Schema.PERSON
    assert query.identifiers == [Identifier(IdType.NATIONAL_ID, "1234567890", "lb")]
    assert countries(unit) >= {
        ("msg[1]/B4/50F/5", "LB", CountryRole.BIRTH_PLACE),
        ("msg[1]/B4/50F/7", "LB", CountryRole.DOCUMENT),
    }


def test_50f_customer_id_line() -> None:
    (unit,) = read(mt103(":50F:/12345\n1/NOVA TRADING\n6/NL/KVK/12345678\n"))
    assert isinstance(unit, ScreeningUnit)
    query = parties(unit)["msg[1]/B4/50F/1"].query
    assert query.schema is None
    assert query.identifiers == [
        Identifier(IdType.OTHER, "12345678", "nl", "customer id issued by KVK")
    ]


def test_bic_options_give_parties_known_by_bic() -> None:
    data = mt103(":50A:/DE89370400440532013000\nDEUTDEFF\n").replace(
        b":59:/1234\r\nJANE DOE", b":59A:/GB29NWBK60161331926819\r\nNWBKGB2L"
    )
    (unit,) = read(data)
    assert isinstance(unit, ScreeningUnit)
    found = parties(unit)
    assert found["msg[1]/B4/50A"].role == "ordering_customer"
    assert found["msg[1]/B4/50A"].query.identifiers == bic("DEUTDEFF", "de")
    assert found["msg[1]/B4/59A"].role == "beneficiary"
    assert found["msg[1]/B4/59A"].query.identifiers == bic("NWBKGB2L", "gb")
    assert countries(unit) >= {
        ("msg[1]/B4/50A/account", "DE", CountryRole.IBAN),
        ("msg[1]/B4/59A", "GB", CountryRole.BIC),
    }


def test_mt101_instructing_party_and_ordering_customer_by_bic() -> None:
    data = replaced(
        (FIXTURES_DIR / "MT101_two_transactions.fin").read_bytes(),
        ":50F:/BE71096123456769\n1/NORDLICHT LOGISTICS NV\n2/HAVENLAAN 86\n3/BE/BRUSSEL",
        ":50C:BANKBEBB\n:50G:/BE71096123456769\nBANKBEBBXXX",
    )
    units = [item for item in read(data) if isinstance(item, ScreeningUnit)]
    assert len(units) == 2
    found = parties(units[1])
    assert found["msg[1]/B4/A/50C"].role == "instructing_party"
    assert found["msg[1]/B4/A/50G"].role == "ordering_customer"
    assert found["msg[1]/B4/A/50G"].query.identifiers == bic("BANKBEBBXXX", "be")
    without_ordering_customer = replaced(data, ":50G:/BE71096123456769\nBANKBEBBXXX\n", "")
    error = only_error(read(without_ordering_customer))
    assert error.problem == (
        "MT101 sequence B[1]: no ordering customer (50F, 50G or 50H) in it or in sequence A"
    )


# --- damaged and hostile input -----------------------------------------------------------

BASE = sample("MT103_cbpr_p.2.1.1_AtoB_50F_59F.fin").read_bytes()


@pytest.mark.parametrize(
    ("damage", "where", "problem"),
    [
        (lambda d: d[: d.index(b"{4:")], "msg[1], line 1", "block 4 (text) is missing"),
        (
            lambda d: d.replace(b"{2:O1030800210409RBOSGB2LXXXX00000000002104090800N}", b""),
            "msg[1], line 1",
            "block 2 (application header) is missing",
        ),
        (
            lambda d: d[: d.rindex(b"-}")],
            "msg[1], block 4, line 1",
            "block 4 is not closed by a line '-}' before the end of the message",
        ),
        (
            lambda d: d.replace(b"f001}}", b"f001}"),
            "msg[1], block 3, line 1",
            "block 3 is not closed before '{4:",
        ),
        (
            lambda d: d.replace(b"{2:O103", b"{2:O940"),
            "msg[1], block 2, line 1",
            "message type MT940 is not read here",
        ),
        (
            lambda d: d.replace(b":20:", b"HELLO\r\n:20:"),
            "msg[1], block 4, line 2",
            "a field line outside a field: 'HELLO'",
        ),
        (lambda d: d.replace(b":70:", b":7X:"), "msg[1], block 4, line 17", "malformed field tag"),
        (
            lambda d: d.replace(b"1/Evli", b"1/Ev\xe9li"),
            "msg[1], byte 338 (line 14)",
            "not UTF-8: byte 0xE9",
        ),
        (
            lambda d: d.replace(b"1/Evli", b"1/Ev\x00li"),
            "msg[1], line 14",
            "control character U+0000",
        ),
        (lambda d: d.replace(b":59F:", b":58F:"), "msg[1], block 4", "MT103 has no field 59a"),
        (
            lambda d: d.replace(b"NDEAFIHHXXX", b"NDEA12HHXXX"),
            "msg[1], block 4, field 56A, line 11",
            "'NDEA12HHXXX' is not a BIC",
        ),
        (
            lambda d: d.replace(b"3/FI/Helsinki", b"3/Helsinki"),
            "msg[1], block 4, field 59F, line 16",
            "3/ (country and town) must start with a country code",
        ),
        (
            lambda d: d.replace(b"3/FI/Helsinki", b"4/19711332"),
            "msg[1], block 4, field 59F, line 16",
            "4/ birth date '19711332' is not a date",
        ),
        (
            lambda d: d.replace(b"1/Evli", b"8/Evli"),
            "msg[1], block 4, field 59F, line 14",
            "8/ continues no line",
        ),
        (
            lambda d: d.replace(b"1/Evli", b"Evli"),
            "msg[1], block 4, field 59F, line 14",
            "'Evli' is not a numbered line",
        ),
        (
            lambda d: d.replace(b":50F:/12547896", b":50F:CCPT/XX/12547896"),
            "msg[1], block 4, field 50F, line 6",
            "party identifier 'CCPT/XX/12547896': XX is not a country code",
        ),
        (
            lambda d: d.replace(b":56A:", b":56Z:"),
            "msg[1], block 4, field 56Z, line 11",
            "option 'Z' is not an option of a party field",
        ),
        (
            lambda d: d.replace(b"{1:F01", b"{1:F01 "),
            "msg[1], block 1, line 1",
            "is not F01 + a 12-character address",
        ),
        (lambda d: d.replace(b"{3:", b"{7:"), "msg[1], line 1", "unknown block {7:}"),
        (
            lambda d: d.replace(b"{4:", b"{3:{108:X}}{4:"),
            "msg[1], block 3, line 1",
            "block 3 after block 3",
        ),
    ],
)
def test_a_damaged_message_is_refused_naming_the_place(
    damage: Callable[[bytes], bytes], where: str, problem: str
) -> None:
    error = only_error(read(damage(BASE)))
    assert error.source == "test.fin"
    assert error.where == where
    assert problem in error.problem


def test_huge_fields_are_refused() -> None:
    many_lines = BASE.replace(b":70:/ROC/", b":70:" + b"ABC\r\n" * 5000)
    error = only_error(read(many_lines))
    assert (error.where, error.problem) == (
        "msg[1], block 4, field 70, line 17",
        "5,001 lines, more than the 4 it may have",
    )
    long_line = BASE.replace(b"1/Evli", b"1/" + b"E" * 20_000)
    error = only_error(read(long_line))
    assert error.where == "msg[1], block 4, field 59F, line 14"
    assert "a line of 20,002 characters, more than 35" in error.problem


def test_a_message_beyond_the_size_limit_is_skipped_in_bounded_memory() -> None:
    data = b"{1:F01" + b"A" * (8 * 1024 * 1024) + b"$" + BASE
    tracemalloc.start()
    try:
        items = list(swift_mt.read_units(io.BytesIO(data), "big.rje"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    error, unit = items
    assert isinstance(error, MessageFormatError) and isinstance(unit, ScreeningUnit)
    assert error.where == "msg[1], byte 0 (line 1)"
    assert f"more than the {MAX_MESSAGE_BYTES:,} a message may take" in error.problem
    assert unit.unit == "msg[2]"
    assert peak < 2 * 1024 * 1024  # the 8 MiB message is never held


def test_a_batch_goes_on_after_a_broken_message() -> None:
    broken = BASE[: BASE.index(b":59F:")]  # truncated inside block 4
    other = BASE.replace(b"1/Evli", b"1/Other")
    items = read(b"$".join([BASE, broken, b"\xff\xfe" + BASE, other]))
    assert [type(item).__name__ for item in items] == [
        "ScreeningUnit",
        "MessageFormatError",
        "MessageFormatError",
        "ScreeningUnit",
    ]
    assert isinstance(items[1], MessageFormatError) and items[1].where.startswith("msg[2], ")
    assert isinstance(items[2], MessageFormatError) and items[2].where.startswith("msg[3], byte ")
    assert isinstance(items[3], ScreeningUnit) and items[3].unit == "msg[4]"
    assert parties(items[3])["msg[4]/B4/59F/1"].query.names == ["Other"]


def test_messages_in_a_row_without_separator_are_each_read() -> None:
    items = read(BASE + b"\r\n" + BASE)
    assert [item.unit for item in items if isinstance(item, ScreeningUnit)] == ["msg[1]", "msg[2]"]


def test_a_broken_acknowledgement_is_reported_and_not_counted() -> None:
    ack = b"{1:F21BANKDEFFAXXX0001000001}{4:{177:2503011200}{451:0}"  # not closed
    items = read(ack + b"$" + BASE)
    error, unit = items
    assert isinstance(error, MessageFormatError)
    assert error.where == "acknowledgement at line 1, block 4, line 1"
    assert isinstance(unit, ScreeningUnit) and unit.unit == "msg[1]"
    disguised = b"{1:F21BANKDEFFAXXX0001000001}" + BASE[BASE.index(b"{2:") :]
    assert (
        "acknowledgement (service 21) holding a text block" in only_error(read(disguised)).problem
    )


def test_a_forced_format_must_match() -> None:
    error = only_error(read(BASE, expected="mt202"))
    assert (error.where, error.problem) == (
        "msg[1], block 2, line 1",
        "expected mt202, found mt103",
    )
    error = only_error(read(b"<?xml version='1.0'?><Document/>", expected="mt103"))
    assert error.problem.startswith("not a SWIFT MT message (expected mt103): text outside a block")
    assert [type(item) for item in read(BASE, expected="mt103")] == [ScreeningUnit]


def test_an_empty_file_says_so() -> None:
    assert only_error(read(b" \r\n$\r\n")).problem == "no SWIFT MT message in the file"


def test_every_truncation_of_a_sample_is_read_or_refused() -> None:
    data = sample("MT202COV_cbpr_p.2.3.1.a_AtoB.fin").read_bytes()
    for cut in range(len(data)):
        for item in read(data[:cut]):
            assert isinstance(item, (ScreeningUnit, MessageFormatError))


# --- property-based ----------------------------------------------------------------------


def assert_read_or_refused(data: bytes) -> None:
    for item in swift_mt.read_units(io.BytesIO(data), "fuzz.fin"):
        assert isinstance(item, (ScreeningUnit, MessageFormatError))
        if isinstance(item, MessageFormatError):
            assert item.source == "fuzz.fin" and item.problem


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=2000))
def test_arbitrary_bytes_are_read_or_refused(data: bytes) -> None:
    assert_read_or_refused(data)


@settings(max_examples=300, deadline=None)
@given(
    original=st.sampled_from(SAMPLE_BYTES),
    edits=st.lists(
        st.tuples(
            st.floats(0, 1),
            st.sampled_from(["delete", "insert", "replace"]),
            st.binary(min_size=1, max_size=4),
        ),
        min_size=1,
        max_size=6,
    ),
)
def test_mutated_samples_are_read_or_refused(
    original: bytes, edits: list[tuple[float, str, bytes]]
) -> None:
    data = bytearray(original)
    for where, kind, piece in edits:
        at = int(where * len(data))
        if kind == "delete":
            del data[at : at + len(piece)]
        elif kind == "insert":
            data[at:at] = piece
        else:
            data[at : at + len(piece)] = piece
    assert_read_or_refused(bytes(data))


WORD = st.text(string.ascii_uppercase, min_size=1, max_size=12)
NAME = st.lists(WORD, min_size=1, max_size=9).map(" ".join).filter(lambda name: len(name) <= 99)
COUNTRY = st.sampled_from(["GB", "DE", "FR", "IR", "KP", "SY", "LK", "NG"])


def wrap(text: str, width: int) -> list[str]:
    """``text`` cut every ``width`` characters, as a sender's system does."""
    return [text[start : start + width] for start in range(0, len(text), width)]


@settings(max_examples=150, deadline=None)
@given(name=NAME, country=COUNTRY, town=WORD, birth=st.dates(date(1900, 1, 1), date(2030, 12, 31)))
def test_50f_values_come_back_out(name: str, country: str, town: str, birth: date) -> None:
    name_lines = "".join(f"1/{piece}\n" for piece in wrap(name, 33))
    birth_line = f"4/{birth:%Y%m%d}\n" if len(name) <= 66 else ""
    (unit,) = read(mt103(f":50F:/12345\n{name_lines}3/{country}/{town}\n{birth_line}"))
    assert isinstance(unit, ScreeningUnit)
    party = parties(unit)["msg[1]/B4/50F/1"]
    assert name in party.query.names
    assert party.query.countries == [country.lower()]
    assert CountryRef("msg[1]/B4/50F/3", country, CountryRole.ADDRESS) in unit.countries
    assert texts(unit)["msg[1]/B4/50F/3"] == town
    if birth_line:
        assert party.query.birth_dates == [DateSpec(birth.isoformat())]


ADDRESS_LINE = st.tuples(st.integers(1, 999), WORD).map(lambda pair: f"{pair[0]} {pair[1]}")


@settings(max_examples=150, deadline=None)
@given(
    name=NAME.filter(lambda name: len(name) < 35),
    address=st.lists(ADDRESS_LINE, min_size=0, max_size=3),
    narrative=st.lists(WORD, min_size=1, max_size=20).map(" ".join).filter(lambda t: len(t) <= 140),
)
def test_free_format_name_address_and_narrative_come_back_out(
    name: str, address: list[str], narrative: str
) -> None:
    lines = "\n".join([name, *address])
    narrative_lines = "\n".join(wrap(narrative, 35))
    (unit,) = read(mt103(f":50K:/12345\n{lines}\n:70:{narrative_lines}\n"))
    assert isinstance(unit, ScreeningUnit)
    assert parties(unit)["msg[1]/B4/50K/name"].query.names == [name]
    assert texts(unit).get("msg[1]/B4/50K/address") == (" ".join(address) or None)
    assert texts(unit)["msg[1]/B4/70/line[1]"] == narrative


BREAKS = {
    "truncated": lambda data: data[: data.index(b":71A:")],
    "no block 4": lambda data: data[: data.index(b"{4:")],
    "not UTF-8": lambda data: data.replace(b"JANE", b"J\xc3NE"),
    "MT940": lambda data: data.replace(b"{2:I103", b"{2:I940"),
}


@settings(max_examples=60, deadline=None)
@given(plan=st.lists(st.sampled_from([None, *BREAKS]), min_size=1, max_size=8))
def test_a_batch_gives_one_item_per_message_in_order(plan: list[str | None]) -> None:
    messages = [mt103(f":50K:CUSTOMER {index}\n") for index in range(len(plan))]
    broken = [
        message if how is None else BREAKS[how](message)
        for message, how in zip(messages, plan, strict=True)
    ]
    items = read(b"$\r\n".join(broken))
    assert len(items) == len(plan)
    for number, (item, how) in enumerate(zip(items, plan, strict=True), start=1):
        if how is None:
            assert isinstance(item, ScreeningUnit) and item.unit == f"msg[{number}]"
            assert parties(item)[f"msg[{number}]/B4/50K/name"].query.names == [
                f"CUSTOMER {number - 1}"
            ]
        else:
            assert isinstance(item, MessageFormatError)
            assert item.where.startswith(f"msg[{number}], ")


# --- screening: a listed name planted in each field is held under that field --------------

# (sample, text replaced, replacement, path of the field, UN entity named).  Every name is
# spelled otherwise than on the UN list of 2026-02-27: another transliteration (CHATAYEV,
# GAZIYEV, HALIMOV, HAMAMMI, CORYO), another word order (KHALIMOV GULMUROD), an abbreviated
# legal form (CORP, CO, BNK) or split words (DAE DONG).  Lines are written with "\n" here.
PLANTED = [
    (
        "MT103_cbpr_p.2.1.1_AtoB_50F_59F.fin",
        "1/C Consumer",
        "1/CHATAYEV AKHMED RAJAPOVICH",
        "msg[1]/B4/50F/1",
        "un:QDi.365",
    ),
    (
        "MT103_cbpr_p.2.1.1_AtoB_50F_59F.fin",
        "1/Evli",
        "1/GAZIYEV TARKHAN",
        "msg[1]/B4/59F/1",
        "un:QDi.366",
    ),
    (
        "MT103_custom_50K_57D_59_multiline.fin",
        "OPTIMA TECHNOLOGIES (PVT) LTD",
        "KOREA RYONBONG GENERAL CORP",
        "msg[1]/B4/50K/name",
        "un:KPe.002",
    ),
    (
        "MT103_custom_50K_57D_59_multiline.fin",
        ":50K:/100611002421\nOPTIMA TECHNOLOGIES (PVT) LTD",
        ":50:/100611002421\nKOREA RYONBONG GENERAL CORP",
        "msg[1]/B4/50/name",
        "un:KPe.002",
    ),
    (
        "MT103_custom_50K_57D_59_multiline.fin",
        "\nLNM\n",
        "\nKHALIMOV GULMUROD\n",
        "msg[1]/B4/59/name",
        "un:QDi.372",
    ),
    (
        "MT103_custom_50K_57D_59_multiline.fin",
        "\nLNM\nNO450\n",
        "\nKOREA MINING DEVELOPMENT TRADING CO\nRP\n",
        "msg[1]/B4/59/name",
        "un:KPe.001",
    ),
    (
        "MT103_custom_50K_57D_59_multiline.fin",
        "COMMERCIAL BANK",
        "TANCHEON COMMERCIAL BANK",
        "msg[1]/B4/57D/name",
        "un:KPe.003",
    ),
    (
        "prowide_MT103-out-ack.rje",
        "NORTH FOO BANK",
        "DAE DONG CREDIT BANK",
        "msg[1]/B4/52D/name",
        "un:KPe.023",
    ),
    (
        "MT202_cbpr_c.29.4.1_BtoE_53A_54A.fin",
        ":53A:TDOMCATT",
        ":53D:KOREA DAESONG BNK\nPYONGYANG",
        "msg[1]/B4/53D/name",
        "un:KPe.035",
    ),
    (
        "MT202_cbpr_c.29.4.1_BtoE_53A_54A.fin",
        ":54A:ROYCCAT2",
        ":54D:ILSIM INTERNATIONAL BNK",
        "msg[1]/B4/54D/name",
        "un:KPe.034",
    ),
    (
        "MT202_cbpr_c.29.4.1_BtoE_53A_54A.fin",
        ":54A:ROYCCAT2",
        ":55D:KORYO CREDIT DEVELOPMNT BANK\nPYONGYANG",
        "msg[1]/B4/55D/name",
        "un:KPe.049",
    ),
    (
        "MT103_cbpr_p.2.1.1_AtoB_50F_59F.fin",
        ":56A:NDEAFIHHXXX",
        ":56D:AMROGGANG DEVELOPMENT BANK CORP\nPYONGYANG",
        "msg[1]/B4/56D/name",
        "un:KPe.009",
    ),
    (
        "MT202_custom_58D_name_address.fin",
        "INTERNATIONAL BANKING DEPARTME",
        "CORYO CREDIT DEVELOPMENT BANK",
        "msg[1]/B4/58D/name",
        "un:KPe.049",
    ),
    (
        "MT202COV_cbpr_c.29.2.2_AtoB.fin",
        "1/Debtor Co",
        "1/NAMCHONGANG TRADING CORP",
        "msg[1]/B4/B/50F/1",
        "un:KPe.004",
    ),
    (
        "MT202COV_cbpr_c.29.2.2_AtoB.fin",
        "1/Ardent Finance",
        "1/HESONG TRADING CO",
        "msg[1]/B4/B/59F/1",
        "un:KPe.024",
    ),
    (
        "prowide_MT101.fin",
        "TESTAR00AXXX\nUtrecht\nNetherlands\n:30:",
        "DERAKHSHANDEH AHMAD\nUtrecht\nNetherlands\n:30:",
        "msg[1]/B4/A/50H/name",
        "un:IRi.013",
    ),
    (
        "prowide_MT101.fin",
        "CASH CUSTOMER I",
        "ABDULQADIR MUHAMMAD BAGHDADI",
        "msg[1]/B4/B[1]/59/name",
        "un:LYi.001",
    ),
    # free text
    (
        "prowide_MT101.fin",
        ":50H:",
        ":50L:MOHAMMAD HAFEZ SAEED\n:50H:",
        "msg[1]/B4/A/50L",
        "un:QDi.263",
    ),
    (
        "MT103_cbpr_p.2.1.1_AtoB_50F_59F.fin",
        "2/High Street",
        "2/C/O KHALIMOV GULMUROD",
        "msg[1]/B4/50F/2",
        "un:QDi.372",
    ),
    (
        "MT103_cbpr_p.2.1.1_AtoB_50F_59F.fin",
        "3/GB/Epping",
        "3/GB/KHALIMOV GULMUROD",
        "msg[1]/B4/50F/3",
        "un:QDi.372",
    ),
    (
        "MT103_cbpr_p.2.1.1_AtoB_50F_59F.fin",
        "2/Aleksanterinkatu 19",
        "2/C/O OMAR HAMAMMI",
        "msg[1]/B4/59F/2",
        "un:SOi.010",
    ),
    (
        "MT103_custom_50K_57D_59_multiline.fin",
        "NO 740 COTTA ROAD",
        "ATTN OMAR HAMAMMI",
        "msg[1]/B4/50K/address",
        "un:SOi.010",
    ),
    (
        "MT103_custom_50K_57D_59_multiline.fin",
        "GALLE RD COLOMBO 03 SL",
        "C/O HAFEZ MOHAMMAD SAEED",
        "msg[1]/B4/59/address",
        "un:QDi.263",
    ),
    (
        "MT103_custom_50K_57D_59_multiline.fin",
        "GALLE RD COLOMBO 03\n:59",
        "ATTN AKHMED RADZHAPOVICH CHATAYEV\n:59",
        "msg[1]/B4/57D/address",
        "un:QDi.365",
    ),
    (
        "prowide_MT103-out-ack.rje",
        "999 BROAD FOO RD",
        "C/O OMAR HAMAMMI",
        "msg[1]/B4/52D/address",
        "un:SOi.010",
    ),
    (
        "MT202_custom_58D_name_address.fin",
        "FEDERAL TOWERS MARINE DRIVE",
        "C/O OMAR HAMAMMI",
        "msg[1]/B4/58D/address",
        "un:SOi.010",
    ),
    (
        "prowide_MT101.fin",
        "CASH CUSTOMER I\nTESTAR00AXXX",
        "CASH CUSTOMER I\nC/O OMAR HAMAMMI",
        "msg[1]/B4/B[1]/59/address",
        "un:SOi.010",
    ),
    (
        "MT103_custom_23E_block3_111.fin",
        ":52A:/NAGODA BRANCH",
        ":52A:/OMAR HAMAMMI",
        "msg[1]/B4/52A/account",
        "un:SOi.010",
    ),
    (
        "prowide_MT103-bulk-with-ack.rje",
        ":53B:/00000000000000\n:59:/0000000000",
        ":53B:/00000000000000\nDAE DONG CREDIT BANK\n:59:/0000000000",
        "msg[1]/B4/53B/location",
        "un:KPe.023",
    ),
    (
        "MT103_cbpr_p.2.1.1_AtoB_50F_59F.fin",
        "/ROC/pacs008EndToEndId-001",
        "/ROC/DONATION FOR AL NUSRA FRONT",
        "msg[1]/B4/70/line[1]",
        "un:QDe.137",
    ),
    # a name its sender cut at 35 characters, followed by the address
    (
        "MT103_custom_50K_59_JPY_invoice.fin",
        "RASA ENGINEERING SERVICES (PVT) L",
        "ALFA COMPANY LIMITED FOR INTERNATIO",
        "msg[1]/B4/50K/name",
        "un:IQe.206",
    ),
    # a 1/ name line filled to 35 characters: the name may be cut after its 33rd
    (
        "MT103_cbpr_p.2.1.1_AtoB_50F_59F.fin",
        "1/Evli",
        "1/ALFA COMPANY LIMITED FOR INTERNAT",
        "msg[1]/B4/59F/1",
        "un:IQe.206",
    ),
    # a name cut after the 35th character of a line
    (
        "MT103_cbpr_p.2.1.1_AtoB_50F_59F.fin",
        "/ROC/pacs008EndToEndId-001",
        "/RFB/GIFT 123456789012345678 AL NUS\nRAH FRONT",
        "msg[1]/B4/70/line[1]",
        "un:QDe.137",
    ),
    (
        "prowide_MT103-bulk-with-ack.rje",
        "TRANSFER\n",
        "TRANSFER TO OMAR HAMAMMI\n",
        "msg[1]/B4/70/line[1]",
        "un:SOi.010",
    ),
    (
        "MT202COV_cbpr_c.29.2.2_AtoB.fin",
        "3/RO/Bucharest\n",
        "3/RO/Bucharest\n:70:/RFB/AL NUSRA FRONT\n",
        "msg[1]/B4/B/70/line[1]",
        "un:QDe.137",
    ),
    (
        "prowide_MT101.fin",
        "/RFB/C767405OCP021001",
        "/RFB/GIFT TO AL NUSRA FRONT",
        "msg[1]/B4/B[1]/70/line[1]",
        "un:QDe.137",
    ),
    (
        "MT103_custom_50K_57D_59_multiline.fin",
        "/INS/CHGS",
        "/INS/PAY VIA GULMUROD HALIMOV",
        "msg[1]/B4/72/line[2]",
        "un:QDi.372",
    ),
    (
        "MT103_custom_23E_block3_111.fin",
        "/LOCINS/0090",
        "/LOCINS/PAY HAFEZ MOHAMMAD\n//SAEED",
        "msg[1]/B4/72/line[2]",
        "un:QDi.263",
    ),
    (
        "MT202COV_cbpr_c.29.2.2_AtoB.fin",
        "/INS/INGBROBUXXX",
        "/BNF/HAFEZ MOHAMMAD SAEED",
        "msg[1]/B4/A/72/line[1]",
        "un:QDi.263",
    ),
    (
        "MT103_cbpr_p.2.1.1_AtoB_50F_59F.fin",
        ":71A:OUR",
        ":71A:OUR\n:77B:/ORDERRES/GB//C/O GULMUROD HALIMOV",
        "msg[1]/B4/77B/line[1]",
        "un:QDi.372",
    ),
    (
        "MT103_custom_23E_block3_111.fin",
        ":23E:INTC",
        ":23E:PHOB/ASK GULMUROD HALIMOV",
        "msg[1]/B4/23E[3]",
        "un:QDi.372",
    ),
    (
        "prowide_MT103-bulk-with-ack.rje",
        "{433:/AOK/NO HIT DETECTED}}{4:\n:20:234234233",
        "{433:/FPO/OMAR HAMAMMI}}{4:\n:20:234234233",
        "msg[1]/B3/433",
        "un:SOi.010",
    ),
]


def planted(name: str, old: str, new: str) -> bytes:
    data = sample(name).read_bytes()
    eol = "\r\n" if b"\r\n" in data else "\n"
    return replaced(data, old.replace("\n", eol), new.replace("\n", eol))


@pytest.mark.parametrize(
    ("name", "old", "new", "path", "listed"), PLANTED, ids=[case[3] for case in PLANTED]
)
def test_a_listed_name_in_each_field_is_held_naming_that_field(
    un_message_screener: MessageScreener, name: str, old: str, new: str, path: str, listed: str
) -> None:
    units = [item for item in read(planted(name, old, new)) if isinstance(item, ScreeningUnit)]
    holders = [
        unit
        for unit in units
        if path in {party.path for party in unit.parties} | {text.path for text in unit.texts}
    ]
    assert holders
    for unit in holders:
        result = un_message_screener.screen_unit(unit)
        assert result.decision in (Decision.REVIEW, Decision.BLOCK)
        assert (path, listed) in {(hit.field, hit.id) for hit in result.hits}


UNMODIFIED = [
    pytest.param(path, unit.unit, id=f"{path.name}:{unit.unit}")
    for path in SAMPLES + FIXTURES
    for unit in read_units(path)
]


@pytest.mark.parametrize(("path", "unit_name"), UNMODIFIED)
def test_the_unmodified_samples_pass(
    un_message_screener: MessageScreener, path: Path, unit_name: str
) -> None:
    (unit,) = [unit for unit in read_units(path) if unit.unit == unit_name]
    result = un_message_screener.screen_unit(unit)
    assert (result.decision, result.hits) == (Decision.PASS, [])
