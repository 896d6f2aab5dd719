"""Screening companies on the organisations of OFAC's SDN files of 2021: a legal form written
another way than the list writes it (or not written) still finds the listed company."""

from __future__ import annotations

from pathlib import Path

import pytest

from watchkeeper.match.index import CandidateIndex
from watchkeeper.model import Query, Schema
from watchkeeper.screening import Screener
from watchkeeper.sources import ofac_csv

YALTA_FILM_STUDIO = "ofac:18654"
"""Listed as "AKTSIONERNOE OBSCHESTVO 'YALTINSKAYA KINODSTUDIYA'", "OAO YALTINSKAYA
KINOSTUDIYA" and "JOINT STOCK COMPANY YALTA FILM STUDIO"."""
DART = "ofac:22945"
"""Listed as "TOVARYSTVO Z OBMEZHENOYU VIDPOVIDALNISTYU 'DART'", "DART AIRLINES" ..."""
FIDES = "ofac:30548"
"""Listed as "FIDES SHIP MANAGEMENT LLC" and "TOVARYSTVO Z OBMEZHENOYU VIDPOVIDALNISTYU
FIDES SHYP MENEDZHMENT"."""
MORYE_SHIPYARD = "ofac:20200"
"""Listed as "FSUE SZ 'MORYE'" and "FEDERAL STATE UNITARY ENTERPRISE SZ MORYE"."""
TSNIIKHM = "ofac:30086"
"""Listed as "FGUP TSNIIKHM", "TSNIIKHM, FGUP", "STATE RESEARCH CENTER OF THE RUSSIAN
FEDERATION FGUP CENTRAL SCIENTIFIC RESEARCH INSTITUTE OF CHEMISTRY AND MECHANICS" ... (a
federal state unitary enterprise)."""
OREANDA = "ofac:18961"
"""Listed as "FGBU SANATORI NIZHNYAYA OREANDA" (a federal state budgetary institution)."""
UNIVERSAL_AVIA = "ofac:18965"
"""Listed as "GOSUDARSTVENNOE UNITARNOE PREDPRIYATIE RESPUBLIKI KRYM UNIVERSAL-AVIA"."""
PETROPARS = "ofac:11634"
"""Listed as "PETROPARS INTERNATIONAL FZE" (a free zone establishment of the UAE)."""
MAHAN_TRAVEL = "ofac:24706"
"""Listed as "MAHAN TRAVEL AND TOURISM SDN BHD" (Malaysia: sendirian berhad)."""
TRIGRON = "ofac:24522"
"""Listed as "TRIGRON LOJISTIK KARGO LIMITED SIRKETI" (Turkey: Ltd. Şti.)."""
MULBERRY = "ofac:27035"
"""Listed as "MULBERRY PROJE YATIRIM ANONIM SIRKETI" (Turkey: A.Ş.)."""
BERKAKIT_RAILWAY = "ofac:30922"
"""Listed as "JOINT-STOCK COMPANY THE BERKAKIT-TOMMOT-YAKUTSK RAILWAY LINE'S CONSTRUCTION
DIRECTORATE"."""
CRIMEA_DETENTION_CENTER = "ofac:31572"
"""Listed as "FEDERAL GOVERNMENT INSTITUTION PRETRIAL DETENTION CENTER NO 1 OF THE
DIRECTORATE OF THE FEDERAL PENITENTIARY SERVICE FOR THE REPUBLIC OF CRIMEA AND SEVASTOPOL"."""
ANHUI_LAND = "ofac:19249"
"""Listed as "ANHUI LAND GROUP CO., LIMITED"."""


@pytest.fixture(scope="module")
def screener(lists_dir: Path) -> Screener:
    sdn_format = ofac_csv.FORMATS[0]
    snapshot = sdn_format.parse(sorted((lists_dir / "ofac_sdn_2021").glob("*.csv")))
    companies = [entity for entity in snapshot.entities if entity.schema is Schema.ORGANIZATION]
    return Screener(CandidateIndex.build(companies))


@pytest.mark.parametrize(
    ("name", "listed"),
    [
        # Russian "aktsionernoe obshchestvo" romanised otherwise: the class of the listed OAO
        ("Akcionernoe Obshestvo Yaltinskaya Kinostudiya", YALTA_FILM_STUDIO),
        # TOV abbreviates the Ukrainian "tovarystvo z obmezhenoyu vidpovidalnistyu"
        ("TOV Dart", DART),
        ("Limited Liability Company Dart", DART),
        ("Tovarystvo z Obmezhenoiu Vidpovidalnistiu Fides Shyp Menedzhment", FIDES),
        # the state enterprises and institutions of Russia, abbreviated or written out
        ("FGUP SZ Morye", MORYE_SHIPYARD),
        ("Federal State Unitary Enterprise TsNIIKhM", TSNIIKHM),
        ("Федеральное государственное унитарное предприятие ЦНИИХМ", TSNIIKHM),
        ("Federalnoe Gosudarstvennoe Byudzhetnoe Uchrezhdenie Sanatori Nizhnyaya Oreanda", OREANDA),
        ("GUP Respubliki Krym Universal-Avia", UNIVERSAL_AVIA),
        # the legal forms of the UAE, Malaysia and Turkey, abbreviated or written out
        ("Petropars International Free Zone Establishment", PETROPARS),
        ("Mahan Travel and Tourism Sendirian Berhad", MAHAN_TRAVEL),
        ("Trigron Lojistik Kargo Ltd. Sti.", TRIGRON),
        ("Mulberry Proje Yatirim A.S.", MULBERRY),
    ],
)
def test_a_legal_form_written_another_way_finds_the_listed_company(
    screener: Screener, name: str, listed: str
) -> None:
    hit = screener.screen(Query("q", [name], Schema.ORGANIZATION))[0]
    assert (hit.entity.id, hit.result.name.score) == (listed, pytest.approx(1.0))


@pytest.mark.parametrize(
    ("name", "listed"),
    [("TsNIIKhM", TSNIIKHM), ("SZ Morye", MORYE_SHIPYARD), ("Sanatori Nizhnyaya Oreanda", OREANDA)],
)
def test_a_state_enterprise_is_found_without_its_legal_form(
    screener: Screener, name: str, listed: str
) -> None:
    """A legal form the query leaves out weighs little: the name alone is a match."""
    hits = screener.screen(Query("q", [name], Schema.ORGANIZATION))
    assert hits[0].entity.id == listed


@pytest.mark.parametrize(
    ("name", "listed"),
    [
        ("JOINT-STOCK COMPANY THE BERKAKIT-TOMMOT-YAKUTSK RAILWAY LINE", BERKAKIT_RAILWAY),
        ("STATE RESEARCH CENTER OF THE RUSSIAN FEDERATION FGUP", TSNIIKHM),
        ("FEDERAL GOVERNMENT INSTITUTION PRETRIAL DETENTION CENTER", CRIMEA_DETENTION_CENTER),
    ],
)
def test_a_long_name_cut_by_a_field_finds_the_listed_company(
    screener: Screener, name: str, listed: str
) -> None:
    """A name cut at the 35 characters of a SWIFT line: the listed words after the cut weigh
    little, and the search counts them so (the listed names are twice as long or more)."""
    cut = name[:35]
    hits = screener.screen(Query("q", [cut], Schema.ORGANIZATION))
    assert listed in [hit.entity.id for hit in hits]


def test_a_company_screened_as_a_person_is_found_when_its_name_outweighs_the_schema(
    screener: Screener,
) -> None:
    """A company's name in a person's field (the schema taking 0.3 off): "Co" is then a
    word of a person's name, not the listed legal form, and the name with a word left out
    still scores above the threshold once the schema is counted."""
    hits = screener.screen(Query("q", ["ANHUI LAND CO., LIMITED"], Schema.PERSON))
    assert [hit.entity.id for hit in hits][:1] == [ANHUI_LAND]
    assert [item["feature"] for item in hits[0].result.explanation()] == [
        "name",
        "name_kind",
        "schema",
    ]
