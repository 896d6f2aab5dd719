"""Options and output helpers shared by the commands."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer
from rich.console import Console

from watchkeeper.match.index import CandidateIndex
from watchkeeper.model import Schema
from watchkeeper.paths import HOME_VARIABLE, default_home
from watchkeeper.queries import QueryFieldError, schema_from_text
from watchkeeper.screening import open_index
from watchkeeper.store import Store

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        help=f"Data directory (default: ${HOME_VARIABLE}, else the user data directory).",
        file_okay=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]
NamesCutOption = Annotated[
    bool,
    typer.Option(
        "--names-cut",
        help="The names given here come from a field that cuts long names: their last word "
        "may be cut short (a query file says so per query).",
    ),
]

console = Console(soft_wrap=True)
err_console = Console(stderr=True, soft_wrap=True)


def open_store(db: Path | None) -> Store:
    """The store in ``db`` or in the default data directory."""
    return Store(db if db is not None else default_home())


def open_current_index(store: Store) -> CandidateIndex:
    """The match index of the store's current list versions (built on first use); exits
    with status 2 when no list has been imported."""
    if not store.current_versions():
        err_console.print("[red]error:[/] no lists imported: run `watchkeeper lists import` first")
        raise typer.Exit(2)
    return open_index(store, on_build=lambda: err_console.print("building the match index ..."))


@contextmanager
def open_output(path: Path | None) -> Iterator[TextIO]:
    """The file ``path`` opened for writing, or standard output when None."""
    if path is None:
        yield sys.stdout
        return
    with path.open("w", encoding="utf-8") as handle:
        yield handle


def schema_option(text: str | None) -> Schema | None:
    """The ``--schema`` option read as a schema; a usage error for an unknown one."""
    try:
        return schema_from_text(text)
    except QueryFieldError as error:
        raise typer.BadParameter(str(error), param_hint="--schema") from error


def print_json(data: Any) -> None:
    """JSON on standard output, one document, UTF-8 as is."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
