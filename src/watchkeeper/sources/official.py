"""The official download addresses of the lists, and the format each one is served in."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class OfficialSource:
    """A list as its publisher serves it."""

    name: str
    """Short name used on the command line (``lists update --source un``)."""
    list_name: str
    format_name: str
    url: str
    file_name: str
    """Name the downloaded file is kept under."""
    default: bool = True
    """Whether ``lists update`` without ``--source`` fetches it."""


OFFICIAL_SOURCES: tuple[OfficialSource, ...] = (
    OfficialSource(
        "un",
        "un",
        "un-xml",
        "https://scsanctions.un.org/resources/xml/en/consolidated.xml",
        "consolidated.xml",
    ),
    OfficialSource(
        "ofac",
        "ofac",
        "ofac-xml",
        "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.XML",
        "sdn.xml",
    ),
    OfficialSource(
        "ofac-cons",
        "ofac-cons",
        "ofac-cons-xml",
        "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/CONSOLIDATED.XML",
        "consolidated.xml",
    ),
    OfficialSource(
        "uk",
        "uk",
        "uk-fcdo-csv",
        "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.csv",
        "UK-Sanctions-List.csv",
    ),
    OfficialSource(
        "eu",
        "eu",
        "eu-fsf-xml-1.1",
        "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content"
        "?token=dG9rZW4tMjAxNw",
        "eu_fsf_1_1.xml",
    ),
    OfficialSource(
        "ca",
        "ca",
        "ca-sema-xml",
        "https://www.international.gc.ca/world-monde/assets/office_docs/"
        "international_relations-relations_internationales/sanctions/sema-lmes.xml",
        "sema-lmes.xml",
    ),
    OfficialSource(
        "csl",
        "csl",
        "us-csl-csv",
        "https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv",
        "consolidated.csv",
    ),
    OfficialSource(
        "dpl",
        "dpl",
        "bis-dpl",
        "https://www.bis.doc.gov/dpl/dpl.txt",
        "dpl.txt",
    ),
    OfficialSource(
        "opensanctions",
        "opensanctions",
        "ftm-json",
        "https://data.opensanctions.org/datasets/latest/sanctions/entities.ftm.json",
        "entities.ftm.json",
        default=False,
    ),
)


def official_source(name: str) -> OfficialSource:
    """The source called ``name``; KeyError names the known ones."""
    for source in OFFICIAL_SOURCES:
        if source.name == name:
            return source
    known = ", ".join(s.name for s in OFFICIAL_SOURCES)
    raise KeyError(f"unknown source {name!r} (known: {known})")
