"""``watchkeeper screen``: names in, listed entities that match out."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from watchkeeper.cli.common import (
    DbOption,
    JsonOption,
    console,
    err_console,
    open_store,
    print_json,
)
from watchkeeper.screening import DEFAULT_THRESHOLD, Hit, Screener

SAMPLE_NAMES = (
    "Abu Bakr al-Baghdadi",
    "Jabhat al Nusra",
    "Hamza bin Laden",
    "Banco Nacional de Cuba",
    "Kim Jong Un",
    "Maria Fernanda Lopez",
    "Nordic Timber Supplies AB",
)
"""Listed names spelled differently from the lists, and names that are not listed."""


def screen_command(
    names: Annotated[list[str] | None, typer.Argument(help="Names to screen.")] = None,
    sample: Annotated[
        bool, typer.Option("--sample", help="Screen a built-in sample of names.")
    ] = False,
    threshold: Annotated[
        float, typer.Option("--threshold", min=0.0, max=1.0, help="Lowest score reported.")
    ] = DEFAULT_THRESHOLD,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Hits per name.")] = 5,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Screen names against the current version of every imported list."""
    queries = list(names or []) + (list(SAMPLE_NAMES) if sample else [])
    if not queries:
        raise typer.BadParameter("give names to screen, or --sample")
    with open_store(db) as store:
        screener = Screener.from_store(store)
    if screener.name_count == 0:
        err_console.print("[red]error:[/] no lists imported: run `watchkeeper lists import` first")
        raise typer.Exit(2)
    results = [(query, screener.screen(query, threshold, limit)) for query in queries]
    if as_json:
        print_json(
            [{"query": query, "results": [_hit_dict(h) for h in hits]} for query, hits in results]
        )
        return
    for query, hits in results:
        _print_hits(query, hits)


def _hit_dict(hit: Hit) -> dict[str, object]:
    return {
        "id": hit.entity.id,
        "score": round(hit.score, 3),
        "list": hit.entity.list_name,
        "caption": hit.entity.caption,
        "matched_name": hit.matched_name.full,
        "name_kind": str(hit.matched_name.kind),
    }


def _print_hits(query: str, hits: list[Hit]) -> None:
    if not hits:
        console.print(f"[green]no match[/] {query}")
        return
    table = Table(
        "score", "id", "schema", "caption", "matched name", title=f"{query}: {len(hits)} hit(s)"
    )
    for hit in hits:
        table.add_row(
            f"{hit.score:.2f}",
            hit.entity.id,
            str(hit.entity.schema),
            hit.entity.caption,
            f"{hit.matched_name.full} ({hit.matched_name.kind})",
        )
    console.print(table)
