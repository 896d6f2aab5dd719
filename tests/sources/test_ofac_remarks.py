"""The OFAC remarks grammar, on remark strings copied from the real OFAC files.

Each string below is a Remarks value (or a clause of one) from
``../shared/data/lists/ofac_sdn_2024/sdn_2024-05-03.csv`` unless its comment says otherwise;
the ent_num it belongs to is given so that it can be looked up.
"""

from __future__ import annotations

from watchkeeper.model import DateSpec, Entity, Gender, Identifier, IdType, Name, NameKind, Schema
from watchkeeper.sources.ofac_remarks import ofac_name, parse_remarks, split_clauses

NAQDI = (  # 12057
    "DOB 1951 to 1953; alt. DOB 1960 to 1962; alt. DOB Apr 1961; alt. DOB 1953; POB Najaf, "
    "Iraq; alt. POB Tehran, Iran; nationality Iran; Additional Sanctions Information - Subject "
    "to Secondary Sanctions; Gender Male; Brigadier General and Commander of the IRGC Basij "
    "Resistance Force; President of the Organization of the Basij of the Oppressed; Chief of "
    "the Mobilization of the Oppressed Organization; Head of the Basij."
)
QADHAFI = (  # 12610
    "DOB 1977; alt. DOB 1976; alt. DOB 01 Jan 1978; POB Tripoli, Libya; Gender Female; Passport "
    "215215 (Libya); alt. Passport 428720 (Libya); alt. Passport B/011641; alt. Passport "
    "03824970 (Oman) issued 04 May 2014 expires 03 May 2024; National ID No. 98606612."
)
RODRIGUEZ_OREJUELA = (  # 4107
    "DOB 31 Jan 1939; Cedula No. 6068015 (Colombia); alt. Cedula No. 6067015 (Colombia); "
    "Passport T321642 (Colombia); alt. Passport 6067015 (Comoros); alt. Passport 77588 "
    "(Argentina); alt. Passport 10545599 (Venezuela); a.k.a. 'THE CHESS PLAYER'; a.k.a. 'LUCAS'."
)
ARTAVIL = (  # 15036, a vessel
    "Former Vessel Flag Malta; alt. Former Vessel Flag Tuvalu; alt. Former Vessel Flag None "
    "Identified; alt. Former Vessel Flag Tanzania; Additional Sanctions Information - Subject to "
    "Secondary Sanctions; Vessel Registration Identification IMO 9187629; MMSI 572469210; "
    "f.k.a. 'ALPHA'; Linked To: NATIONAL IRANIAN TANKER COMPANY."
)
EDERY_CRIVOSEI = (  # 12991
    "DOB 27 Aug 1957; POB Bogota, Colombia; Cedula No. 16588834 (Colombia); Linked To: LILIANA "
    "ESQUENAZI M. & CIA. S. C. S.; Linked To: BIESTRA S.A.; Linked To: AGROPECUARIA LA PERLA "
    "LTDA.; Linked To: KPD S.A."
)
ROBOW = (  # 11313: a parenthesis that holds semicolons
    "DOB 1969; alt. DOB 10 Oct 1969; POB Xudur, Somalia; alt. POB Keren, Eritrea; nationality "
    "Eritrea; Passport 0310857 (Eritrea) issued 21 Aug 2006 expires 20 Aug 2008; National ID "
    "No. 1372584 (Kenya); (Following data derived from an Eritrean passport issued under the "
    "alias name of Mukhtar Abdullahi Ali: Alt. DOB: 10 October 1969; Alt. POB: Keren Eritrea; "
    "nationality: Eritrean; National ID No.: 1372584, Kenya; Passport No.: 0310857, Eritrea, "
    "Issue Date 21 August 2006, Expire Date 20 August 2008); a.k.a. 'ABU MANSUR'; a.k.a. 'ABU "
    "MANSOUR'."
)


def test_several_birth_dates_with_ranges_and_partial_dates() -> None:
    parsed = parse_remarks(NAQDI, person=True)

    assert parsed.birth_dates == [
        DateSpec("1951", "1953"),
        DateSpec("1960", "1962"),
        DateSpec("1961-04"),
        DateSpec("1953"),
    ]
    assert parsed.birth_places == ["Najaf, Iraq", "Tehran, Iran"]
    assert parsed.nationalities == ["ir"]
    assert parsed.gender is Gender.MALE


def test_circa_and_full_date_ranges() -> None:
    circa = parse_remarks("DOB circa 1951; POB Foca, Bosnia-Herzegovina.")  # 7782
    ranged = parse_remarks("DOB 01 Jan 1961 to 31 Dec 1962; nationality Iran")  # 15962

    assert circa.birth_dates == [DateSpec("1951", circa=True)]
    assert circa.birth_places == ["Foca, Bosnia-Herzegovina"]
    assert ranged.birth_dates == [DateSpec("1961-01-01", "1962-12-31")]


def test_unrecognised_clauses_stay_verbatim_and_in_order() -> None:
    parsed = parse_remarks(NAQDI, person=True)

    assert parsed.remarks == [
        "Brigadier General and Commander of the IRGC Basij Resistance Force",
        "President of the Organization of the Basij of the Oppressed",
        "Chief of the Mobilization of the Oppressed Organization",
        "Head of the Basij",
    ]
    assert parsed.properties["sanctions_information"] == [
        "Additional Sanctions Information - Subject to Secondary Sanctions"
    ]


def test_passports_with_issuing_country_and_validity_notes() -> None:
    parsed = parse_remarks(QADHAFI, person=True)

    assert parsed.gender is Gender.FEMALE
    assert parsed.identifiers == [
        Identifier(IdType.PASSPORT, "215215", "ly", "Passport"),
        Identifier(IdType.PASSPORT, "428720", "ly", "Passport"),
        Identifier(IdType.PASSPORT, "B/011641", None, "Passport"),
        Identifier(
            IdType.PASSPORT, "03824970", "om", "Passport; issued 04 May 2014 expires 03 May 2024"
        ),
        Identifier(IdType.NATIONAL_ID, "98606612", None, "National ID No."),
    ]


def test_quoted_aka_names_are_weak_aliases_split_for_persons() -> None:
    parsed = parse_remarks(RODRIGUEZ_OREJUELA, person=True)
    korean = parse_remarks("Passport 290320764; a.k.a. 'KIM, JIN SOK'", person=True)  # 11648

    assert parsed.names == [
        Name("THE CHESS PLAYER", NameKind.WEAK_ALIAS),
        Name("LUCAS", NameKind.WEAK_ALIAS),
    ]
    assert korean.names == [
        Name("KIM, JIN SOK", NameKind.WEAK_ALIAS, given="JIN SOK", family="KIM")
    ]
    assert [(i.type, i.value, i.country) for i in parsed.identifiers[:2]] == [
        (IdType.NATIONAL_ID, "6068015", "co"),
        (IdType.NATIONAL_ID, "6067015", "co"),
    ]


def test_vessel_remarks_imo_mmsi_former_names_flags_and_link() -> None:
    parsed = parse_remarks(ARTAVIL)

    assert parsed.identifiers == [
        Identifier(IdType.IMO, "9187629", None, "Vessel Registration Identification IMO"),
        Identifier(IdType.MMSI, "572469210", None, "MMSI"),
    ]
    assert parsed.names == [Name("ALPHA", NameKind.FORMER)]
    assert parsed.properties["former_flag"] == ["mt", "tv", "None Identified", "tz"]
    assert parsed.links == ["NATIONAL IRANIAN TANKER COMPANY"]


def test_links_keep_an_abbreviation_period_but_lose_the_end_mark() -> None:
    parsed = parse_remarks(EDERY_CRIVOSEI, person=True)
    bank = parse_remarks(  # 4632
        "Additional Sanctions Information - Subject to Secondary Sanctions; Linked To: ISLAMIC "
        "REVOLUTIONARY GUARD CORPS (IRGC)-QODS FORCE; Linked To: HIZBALLAH."
    )

    assert parsed.links == [
        "LILIANA ESQUENAZI M. & CIA. S. C. S.",
        "BIESTRA S.A.",
        "AGROPECUARIA LA PERLA LTDA.",
        "KPD S.A.",
    ]
    assert bank.links == ["ISLAMIC REVOLUTIONARY GUARD CORPS (IRGC)-QODS FORCE", "HIZBALLAH"]


def test_crypto_addresses_keep_their_currency() -> None:
    parsed = parse_remarks(  # 25308 and 27307
        "citizen China; Gender Male; Digital Currency Address - XBT "
        "12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h; Digital Currency Address - ETH "
        "0x098B716B8Aaf21512996dC57EB0615e2383E2f96"
    )

    assert parsed.identifiers == [
        Identifier(IdType.CRYPTO, "12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h", note="XBT"),
        Identifier(IdType.CRYPTO, "0x098B716B8Aaf21512996dC57EB0615e2383E2f96", note="ETH"),
    ]
    assert parsed.citizenships == ["cn"]
    assert parsed.nationalities == []


def test_company_identifiers_and_facts() -> None:
    bank = parse_remarks(  # 906
        "SWIFT/BIC HAVIGB2L; Website www.havanaintbank.co.uk; alt. Website www.hib.uk.com; "
        "Company Number 01074897 (United Kingdom)."
    )
    mexican = parse_remarks("R.F.C. DIB-771110-HQ1 (Mexico).")  # 7156
    curp = parse_remarks("citizen Mexico; C.U.R.P. AIMM67125HCHRRG06 (Mexico) issued 1968.")  # 9338
    german = parse_remarks(  # 44201
        "Organization Established Date 22 Jun 2021; Registration Number HRA 738077 (Stuttgart) "
        "(Germany); Linked To: RAHMANI, Ajmal."
    )

    assert bank.identifiers == [
        Identifier(IdType.BIC, "HAVIGB2L", None, "SWIFT/BIC"),
        Identifier(IdType.REGISTRATION, "01074897", "gb", "Company Number"),
    ]
    assert bank.properties == {"website": ["www.havanaintbank.co.uk", "www.hib.uk.com"]}
    assert mexican.identifiers == [Identifier(IdType.TAX_ID, "DIB-771110-HQ1", "mx", "R.F.C.")]
    assert curp.identifiers == [
        Identifier(IdType.NATIONAL_ID, "AIMM67125HCHRRG06", "mx", "C.U.R.P.; issued 1968")
    ]
    assert german.properties == {"incorporation_date": ["2021-06-22"]}
    assert german.identifiers == [
        Identifier(IdType.REGISTRATION, "HRA 738077 (Stuttgart)", "de", "Registration Number")
    ]
    assert german.links == ["RAHMANI, Ajmal"]


def test_a_final_period_is_not_part_of_a_value() -> None:
    syrian = parse_remarks("Organization Established Date 1969.")  # 12743
    ramak = parse_remarks(
        "Website www.ramakdutyfree.net; Email Address dam.d.free@net.sy."
    )  # 10933
    nit = parse_remarks("NIT # 800018928-0 (Colombia).")  # 2021 sdn.csv

    assert syrian.properties == {"incorporation_date": ["1969"]}
    assert ramak.properties["email"] == ["dam.d.free@net.sy"]
    assert nit.identifiers == [Identifier(IdType.TAX_ID, "800018928-0", "co", "NIT")]


def test_nationality_with_a_comma_resolves() -> None:
    parsed = parse_remarks("DOB 1964; alt. DOB 28 Aug 1962; nationality Korea, North")  # 11648

    assert parsed.nationalities == ["kp"]
    assert parsed.birth_dates == [DateSpec("1964"), DateSpec("1962-08-28")]


def test_semicolons_inside_parentheses_do_not_split() -> None:
    parsed = parse_remarks(ROBOW, person=True)

    assert len(parsed.remarks) == 1
    assert parsed.remarks[0].startswith("(Following data derived from an Eritrean passport")
    assert parsed.remarks[0].endswith("Expire Date 20 August 2008)")
    assert [n.full for n in parsed.names] == ["ABU MANSUR", "ABU MANSOUR"]
    assert Identifier(IdType.NATIONAL_ID, "1372584", "ke", "National ID No.") in parsed.identifiers


def test_unbalanced_parentheses_fall_back_to_plain_splitting() -> None:
    assert split_clauses("a (b; c; d") == ["a (b", "c", "d"]
    assert split_clauses("a (b; c); d") == ["a (b; c)", "d"]


def test_a_labelled_value_that_cannot_be_read_is_kept_and_reported() -> None:
    no_number = parse_remarks(  # 8116
        "DOB 23 Nov 1950; POB Bijela Voda, Sokolac Canton, Bosnia-Herzegovina; Passport 3943074 "
        "(Bosnia and Herzegovina) issued 27 Sep 2002; Passport issued in Sarajevo, "
        "Bosnia-Herzegovina; a.k.a. 'MINEUR'.",
        person=True,
    )
    lowercase = parse_remarks(  # 10375: not an identifier clause
        "Passport H0347417 (Iraq) issued 20 Feb 2003 expires 19 Feb 2011; passport place of "
        "issue: Al-Anbar, Iraq."
    )
    bad_date = parse_remarks("DOB sometime in the sixties; Gender unknown")  # not from a file

    assert no_number.remarks == ["Passport issued in Sarajevo, Bosnia-Herzegovina"]
    assert [issue.field for issue in no_number.issues] == ["Passport"]
    assert no_number.identifiers == [
        Identifier(IdType.PASSPORT, "3943074", "ba", "Passport; issued 27 Sep 2002")
    ]
    assert no_number.names == [Name("MINEUR", NameKind.WEAK_ALIAS)]
    assert lowercase.remarks == ["passport place of issue: Al-Anbar, Iraq"]
    assert len(lowercase.identifiers) == 1
    assert lowercase.issues == []
    assert bad_date.remarks == ["DOB sometime in the sixties", "Gender unknown"]
    assert [issue.field for issue in bad_date.issues] == ["DOB", "Gender"]
    assert bad_date.birth_dates == []
    assert bad_date.gender is None


def test_ofac_name_splits_only_persons() -> None:
    assert ofac_name("NAQDI, Mohammad Reza", person=True) == Name(
        "NAQDI, Mohammad Reza", NameKind.PRIMARY, given="Mohammad Reza", family="NAQDI"
    )
    assert ofac_name("ANGLO-CARIBBEAN CO., LTD.") == Name("ANGLO-CARIBBEAN CO., LTD.")
    assert ofac_name("ABU HAFS", NameKind.WEAK_ALIAS, person=True) == Name(
        "ABU HAFS", NameKind.WEAK_ALIAS
    )


def test_apply_to_merges_without_duplicates() -> None:
    entity = Entity("ofac:12610", Schema.PERSON, names=[Name("QADHAFI, Ayesha")])
    parsed = parse_remarks(QADHAFI, person=True)

    parsed.apply_to(entity)
    parsed.apply_to(entity)

    assert entity.gender is Gender.FEMALE
    assert len(entity.birth_dates) == 3
    assert len(entity.identifiers) == 5
    assert entity.birth_places == ["Tripoli, Libya"]
    assert entity.names == [Name("QADHAFI, Ayesha")]


def test_empty_remarks() -> None:
    assert parse_remarks(None).remarks == []
    assert parse_remarks("").identifiers == []
