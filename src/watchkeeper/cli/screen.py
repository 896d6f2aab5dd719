"""``watchkeeper screen``: names or query files in, matching listed entities out."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from watchkeeper.cli.common import (
    DbOption,
    JsonOption,
    NamesCutOption,
    console,
    err_console,
    open_current_index,
    open_output,
    open_store,
    schema_option,
)
from watchkeeper.countries import country_or_text
from watchkeeper.dates import parse_date
from watchkeeper.model import Query
from watchkeeper.parallel import forked_map
from watchkeeper.queries import QueryError, read_queries
from watchkeeper.screening import DEFAULT_LIMIT, Hit, Screener, result_line
from watchkeeper.store import Store

SAMPLE_NAMES = (
    "Abu Bakr al-Baghdadi",
    "Abou Bakr El Baghdadi",
    "Jabhat al Nusra",
    "Hamza bin Laden",
    "Banco Nacional de Cuba",
    "Kim Jong Un",
    "Maria Fernanda Lopez",
    "Nordic Timber Supplies AB",
)
"""Listed names spelled differently from the lists, and names that are not listed."""
CHUNK_SIZE = 250


def screen_command(
    names: Annotated[list[str] | None, typer.Argument(help="Names to screen.")] = None,
    birth_date: Annotated[
        str | None, typer.Option("--birth-date", help="Birth date: 1971-07-28, 1971, circa 1970.")
    ] = None,
    country: Annotated[
        list[str] | None, typer.Option("--country", help="Country or nationality (repeatable).")
    ] = None,
    schema: Annotated[
        str | None, typer.Option("--schema", help="Person, Organization, Company, Vessel, ...")
    ] = None,
    input_file: Annotated[
        Path | None,
        typer.Option("--input", help="Queries: .jsonl (yente /match shape) or .csv.", exists=True),
    ] = None,
    output_file: Annotated[
        Path | None, typer.Option("--output", help="Result lines (default: standard output).")
    ] = None,
    threshold: Annotated[
        float | None, typer.Option("--threshold", min=0.0, max=1.0, help="Lowest score reported.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Hits per query.")] = DEFAULT_LIMIT,
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="Processes for --input.")
    ] = os.cpu_count() or 1,
    sample: Annotated[
        bool, typer.Option("--sample", help="Screen a built-in sample of names.")
    ] = False,
    names_cut: NamesCutOption = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Screen names, or a file of queries, against the current version of every list."""
    if input_file is None and not names and not sample:
        raise typer.BadParameter("give names to screen, --sample, or --input FILE")
    queries = [
        _query_from_options(name, birth_date, country or [], schema, names_cut)
        for name in [*(names or []), *(SAMPLE_NAMES if sample else ())]
    ]
    with open_store(db) as store:
        screener = _open_screener(store, threshold)
    if input_file is not None:
        _screen_file(screener, input_file, output_file, limit, workers)
        return
    results = list(zip(queries, screener.screen_many(queries, limit), strict=True))
    if as_json:
        for query, hits in results:
            sys.stdout.write(json.dumps(result_line(query.id, hits), ensure_ascii=False) + "\n")
        return
    for query, hits in results:
        _print_hits(query, hits)


def _open_screener(store: Store, threshold: float | None) -> Screener:
    index = open_current_index(store)
    return Screener(index) if threshold is None else Screener(index, threshold)


def _query_from_options(
    name: str, birth_date: str | None, countries: list[str], schema: str | None, names_cut: bool
) -> Query:
    date = parse_date(birth_date) if birth_date else None
    if birth_date and date is None:
        raise typer.BadParameter(f"{birth_date!r} is not a date", param_hint="--birth-date")
    codes = [code for code in (country_or_text(text) for text in countries) if code]
    return Query(
        id=name,
        names=[name],
        schema=schema_option(schema),
        birth_dates=[date] if date else [],
        nationalities=codes,
        countries=codes,
        names_cut=names_cut,
    )


def _screen_file(
    screener: Screener, input_file: Path, output_file: Path | None, limit: int, workers: int
) -> None:
    records = list(read_queries(input_file))
    queries = [record for record in records if isinstance(record, Query)]
    errors = [record for record in records if isinstance(record, QueryError)]
    matched = 0
    with open_output(output_file) as output, _progress(len(queries)) as (progress, task):
        for error in errors:
            output.write(json.dumps(_error_line(error), ensure_ascii=False) + "\n")
        for results in _screen_chunks(screener, queries, limit, workers):
            for has_hits, line in results:
                output.write(line + "\n")
                matched += has_hits
            progress.advance(task, len(results))
    err_console.print(
        f"screened {len(queries):,} queries against {screener.entity_count:,} listed entities: "
        f"{matched:,} with hits, {len(errors):,} unreadable"
    )
    for error in errors[:20]:
        err_console.print(f"  unreadable: {error}", markup=False, highlight=False)
    if errors:
        raise typer.Exit(1)


def _error_line(error: QueryError) -> dict[str, object]:
    return {"id": error.query_id, "line": error.line, "results": [], "error": error.message}


def _screen_chunks(
    screener: Screener, queries: Sequence[Query], limit: int, workers: int
) -> Iterator[list[tuple[bool, str]]]:
    """(has hits, result line) per query, chunk by chunk in input order, from ``workers``
    processes that share the parent's index."""
    chunks = [queries[start : start + CHUNK_SIZE] for start in range(0, len(queries), CHUNK_SIZE)]
    return forked_map(partial(_screen_chunk, limit=limit), screener, chunks, workers)


def _screen_chunk(
    screener: Screener, queries: Sequence[Query], limit: int
) -> list[tuple[bool, str]]:
    return [
        (bool(hits), json.dumps(result_line(query.id, hits), ensure_ascii=False))
        for query, hits in zip(queries, screener.screen_many(queries, limit), strict=True)
    ]


@contextmanager
def _progress(total: int) -> Iterator[tuple[Progress, TaskID]]:
    with Progress(
        TextColumn("screening"),
        BarColumn(),
        TextColumn("{task.completed:,}/{task.total:,}"),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
        disable=not err_console.is_terminal,
    ) as progress:
        yield progress, progress.add_task("screening", total=total)


def _print_hits(query: Query, hits: list[Hit]) -> None:
    if not hits:
        console.print(f"[green]no match[/] {query.names[0]}")
        return
    table = Table(
        "score",
        "id",
        "caption",
        "matched name",
        "evidence",
        title=f"{query.names[0]}: {len(hits)} hit(s)",
    )
    for hit in hits:
        evidence = ", ".join(
            f"{item['feature']} {item['effect']:+.2f}"
            for item in hit.result.explanation()[1:]
            if item["effect"]
        )
        table.add_row(
            f"{hit.score:.2f}",
            hit.entity.id,
            hit.entity.caption,
            f"{hit.result.name.candidate.text} ({hit.result.name_kind})",
            evidence or "-",
        )
    console.print(table)
