"""Every file under ../shared/data/lists imports, with counts established without the parsers.

The expected entity count of each file set is worked out here straight from the raw file
(regular expressions over the XML, the csv module over the CSV, openpyxl over the xlsx), so
a parser that drops or invents records fails this test.
"""

from __future__ import annotations

import csv
import gzip
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from watchkeeper.importing import ImportOutcome, ImportPolicy, ImportStatus, import_paths
from watchkeeper.store import Store


def _count(pattern: str) -> Callable[[Path], int]:
    def count(path: Path) -> int:
        return len(re.findall(pattern, path.read_text(encoding="utf-8")))

    return count


def _csv_rows(path: Path, encoding: str = "latin-1", **options: str) -> list[list[str]]:
    with path.open(encoding=encoding, newline="") as handle:
        return [row for row in csv.reader(handle, **options) if row and row[0] != "\x1a"]


def _distinct_first_column(path: Path) -> int:
    return len({row[0] for row in _csv_rows(path)})


def _ofac_partial(folder: Path) -> int:
    """A set without sdn.csv: one entity per ent_num that has an alias."""
    return _distinct_first_column(folder / "alt.csv")


def _enhanced_zip(path: Path) -> int:
    with zipfile.ZipFile(path) as archive:
        (member,) = archive.namelist()
        return len(re.findall(r"<entity id=", archive.read(member).decode("utf-8")))


def _eu_csv(path: Path) -> int:
    with path.open(encoding="cp1252", newline="") as handle:
        lines = [line.strip().strip('"') for line in handle][1:]
    return len({line.split(";")[1] for line in lines if line})


def _uk_xlsx(path: Path) -> int:
    book = openpyxl.load_workbook(path, read_only=True)
    rows = book.worksheets[0].iter_rows(values_only=True)
    header_index = None
    groups: set[object] = set()
    for row in rows:
        if header_index is None:
            if "Group ID" in row:
                header_index = row.index("Group ID")
            continue
        if row[header_index] is not None:
            groups.add(row[header_index])
    return len(groups)


def _hmt_csv(path: Path) -> int:
    rows = _csv_rows(path, encoding="cp1252")
    header = next(row for row in rows if "Group ID" in row)
    column = header.index("Group ID")
    return len({row[column] for row in rows[rows.index(header) + 1 :] if len(row) > column})


def _csl(path: Path) -> int:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        return len({(row["source"], row["_id"]) for row in csv.DictReader(handle)})


def _dpl(path: Path) -> int:
    """One denial order per name (its words of letters and digits) and effective date."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return len(
            {
                (tuple(re.findall(r"[A-Z0-9]+", row["Name"].upper())), row["Effective_Date"])
                for row in rows
            }
        )


# file set (first file, relative to lists/) -> (list, independent counter of that set)
EXPECTED: dict[str, tuple[str, Callable[[Path], int]]] = {
    "un/un_consolidated_2026-01-28.xml": ("un", _count(r"<INDIVIDUAL>|<ENTITY>")),
    "un/un_consolidated_2026-02-27.xml": ("un", _count(r"<INDIVIDUAL>|<ENTITY>")),
    "ofac_sdn_2021/add.csv": ("ofac", lambda p: _distinct_first_column(p.with_name("sdn.csv"))),
    "ofac_sdn_2024/sdn_2024-04-26.csv": ("ofac", _distinct_first_column),
    "ofac_sdn_2024/sdn_2024-05-03.csv": ("ofac", _distinct_first_column),
    "ofac_sdn_2025_partial/add.csv": ("ofac", lambda p: _ofac_partial(p.parent)),
    "ofac_non_sdn/cons_add.csv": (
        "ofac-cons",
        lambda p: _distinct_first_column(p.with_name("cons_prim.csv")),
    ),
    "ofac_non_sdn/cons_sdnlist_format_2026-01-08.xml": ("ofac-cons", _count(r"<sdnEntry>")),
    "ofac_non_sdn/CONS_ENHANCED.ZIP": ("ofac-cons", _enhanced_zip),
    "eu/eu_fsf_xml_v1_0_2016-02-11_regime_subset.xml": ("eu", _count(r"<ENTITY ")),
    "eu/eu_fsf_csv_v1_0_2018-07-04_first999rows.csv": ("eu", _eu_csv),
    "uk/ofsi_conlist_2025-04-10.xlsx": ("uk", _uk_xlsx),
    "uk/hmt_conlist_2018-04-13.csv": ("uk", _hmt_csv),
    "other/canada_sema_consolidated_2025-03.xml": ("ca", _count(r"<record>")),
    "us_csl/consolidated_2022.csv.gz": ("csl", _csl),
    "us_other/dpl_2023-11.txt": ("dpl", _dpl),
}


@pytest.fixture(scope="module")
def outcomes(lists_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, ImportOutcome]:
    with Store(tmp_path_factory.mktemp("all-lists")) as store:
        results = import_paths(store, [lists_dir], ImportPolicy(max_shrink=1.0))
    return {str(o.files[0].relative_to(lists_dir.resolve())): o for o in results}


def test_every_file_is_part_of_an_imported_set(
    outcomes: dict[str, ImportOutcome], lists_dir: Path
) -> None:
    every_file = {p.resolve() for p in lists_dir.rglob("*") if p.is_file()}
    read = {path for outcome in outcomes.values() for path in outcome.files}
    assert read == every_file
    assert sorted(outcomes) == sorted(EXPECTED)


@pytest.mark.parametrize("first_file", sorted(EXPECTED))
def test_counts_match_independent_counts(
    first_file: str, outcomes: dict[str, ImportOutcome], lists_dir: Path
) -> None:
    outcome = outcomes[first_file]
    list_name, count = EXPECTED[first_file]
    assert outcome.status is ImportStatus.IMPORTED, outcome.reasons
    assert outcome.list_name == list_name
    assert outcome.entities == count(lists_dir / first_file)


def test_readme_figures(lists_dir: Path) -> None:
    """The figures the data README and the issue give, as a check on the counters above."""
    assert (
        EXPECTED["un/un_consolidated_2026-02-27.xml"][1](
            lists_dir / "un/un_consolidated_2026-02-27.xml"
        )
        == 1003
    )
    assert _distinct_first_column(lists_dir / "ofac_sdn_2024/sdn_2024-05-03.csv") == 14965
    assert _distinct_first_column(lists_dir / "ofac_sdn_2021/sdn.csv") == 8976
    assert _uk_xlsx(lists_dir / "uk/ofsi_conlist_2025-04-10.xlsx") == 4686
    assert _hmt_csv(lists_dir / "uk/hmt_conlist_2018-04-13.csv") == 2106
    assert _count(r"<ENTITY ")(lists_dir / "eu/eu_fsf_xml_v1_0_2016-02-11_regime_subset.xml") == 595
    assert _eu_csv(lists_dir / "eu/eu_fsf_csv_v1_0_2018-07-04_first999rows.csv") == 93
    assert _count(r"<record>")(lists_dir / "other/canada_sema_consolidated_2025-03.xml") == 4759
