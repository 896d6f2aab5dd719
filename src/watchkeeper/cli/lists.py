"""``watchkeeper lists ...``: import, update, inspect and diff the watchlists."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from watchkeeper.cli.common import (
    DbOption,
    JsonOption,
    console,
    err_console,
    open_store,
    print_json,
)
from watchkeeper.importing import (
    DEFAULT_MAX_SHRINK,
    ImportOutcome,
    ImportPolicy,
    ImportStatus,
    import_paths,
)
from watchkeeper.sources.base import ListFormat, ListFormatError
from watchkeeper.sources.custom import custom_format, load_mapping
from watchkeeper.sources.fetch import FetchSettings
from watchkeeper.sources.official import OFFICIAL_SOURCES, official_source
from watchkeeper.sources.registry import FileSet, all_formats, format_by_name
from watchkeeper.store import Store, StoreError, Version
from watchkeeper.updating import update_source

lists_app = typer.Typer(help="Import, update and inspect sanctions lists.", no_args_is_help=True)

MaxShrinkOption = Annotated[
    float,
    typer.Option(
        "--max-shrink",
        min=0.0,
        max=1.0,
        help="Refuse a new version with this share fewer entities than the current one.",
    ),
]
DEFAULT_MAX_AGE_HOURS = 48.0
_FETCH_DEFAULTS = FetchSettings()


@lists_app.command("import")
def import_command(
    files: Annotated[list[Path], typer.Argument(help="List files or folders to import.")],
    format_name: Annotated[
        str | None, typer.Option("--format", help="Read every file as this format.")
    ] = None,
    mapping: Annotated[
        Path | None,
        typer.Option(
            "--mapping",
            help="Read the files as your own list with this column mapping.",
            dir_okay=False,
            exists=True,
        ),
    ] = None,
    max_shrink: MaxShrinkOption = DEFAULT_MAX_SHRINK,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Import list files (format detected from content) as new list versions."""
    forced_format = _forced_format(format_name, mapping)
    with open_store(db) as store, _progress(as_json) as progress:
        task = progress.add_task("importing", total=None)

        def announce(file_set: FileSet) -> None:
            names = ", ".join(path.name for path in file_set.files)
            progress.update(task, description=f"{file_set.format.name}: {names}")

        outcomes = import_paths(
            store, files, ImportPolicy(max_shrink), forced_format, on_start=announce
        )
    _report(outcomes, as_json)


@lists_app.command("update")
def update_command(
    sources: Annotated[
        list[str] | None,
        typer.Option("--source", help="Only this source (repeatable); default: all defaults."),
    ] = None,
    url: Annotated[
        str | None, typer.Option("--url", help="Download the single --source from this URL.")
    ] = None,
    timeout: Annotated[
        float, typer.Option("--timeout", help="Seconds to wait for the server.")
    ] = _FETCH_DEFAULTS.read_timeout,
    attempts: Annotated[
        int, typer.Option("--attempts", min=1, help="Tries per download.")
    ] = _FETCH_DEFAULTS.attempts,
    backoff: Annotated[
        float, typer.Option("--backoff", help="Seconds before the first retry (doubling).")
    ] = _FETCH_DEFAULTS.backoff,
    max_shrink: MaxShrinkOption = DEFAULT_MAX_SHRINK,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Download the official lists; keep the last good version of any that fails a check."""
    try:
        chosen = (
            [official_source(name) for name in sources]
            if sources
            else [source for source in OFFICIAL_SOURCES if source.default]
        )
    except KeyError as error:
        raise typer.BadParameter(str(error.args[0]), param_hint="--source") from error
    if url and len(chosen) != 1:
        raise typer.BadParameter("--url needs exactly one --source", param_hint="--url")
    settings = FetchSettings(
        connect_timeout=timeout, read_timeout=timeout, attempts=attempts, backoff=backoff
    )
    outcomes: list[ImportOutcome] = []
    with open_store(db) as store, _progress(as_json) as progress:
        task = progress.add_task("updating", total=len(chosen))
        for source in chosen:
            progress.update(task, description=f"{source.name}: {url or source.url}")
            outcomes.append(
                update_source(
                    store, source, url=url, settings=settings, policy=ImportPolicy(max_shrink)
                )
            )
            progress.advance(task)
    _report(outcomes, as_json)


@lists_app.command("status")
def status_command(
    max_age_hours: Annotated[
        float,
        typer.Option("--max-age-hours", help="Warn about lists not refreshed for this long."),
    ] = DEFAULT_MAX_AGE_HOURS,
    all_versions: Annotated[
        bool, typer.Option("--all", help="Every stored version, not just the current ones.")
    ] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """The lists in the store: current version, entity count, publication and import dates."""
    with open_store(db) as store:
        versions = store.versions() if all_versions else store.current_versions()
        ages = _refresh_ages(store, versions)
    stale = {name: age for name, age in ages.items() if age > timedelta(hours=max_age_hours)}
    if as_json:
        print_json([version.status_dict() for version in versions])
    else:
        _print_status(versions, ages, stale)
    for list_name, age in stale.items():
        err_console.print(
            f"[yellow]warning:[/] {list_name} was last refreshed {_age_text(age)} ago "
            f"(more than {max_age_hours:g} h)"
        )
    if not versions:
        err_console.print("no lists imported yet: run `watchkeeper lists update` or `lists import`")


@lists_app.command("diff")
def diff_command(
    list_name: Annotated[str, typer.Argument(help="List name, e.g. un or ofac.")],
    old: Annotated[int | None, typer.Argument(help="Older version id.")] = None,
    new: Annotated[int | None, typer.Argument(help="Newer version id.")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Entities added, removed and changed between two versions (default: the last two)."""
    with open_store(db) as store:
        try:
            old_version, new_version = _diff_versions(store, list_name, old, new)
            diff = store.diff(old_version, new_version)
        except StoreError as error:
            err_console.print(f"[red]error:[/] {error}")
            raise typer.Exit(2) from error
    if as_json:
        print_json(diff.as_dict())
        return
    console.print(
        f"{list_name}: version {old_version.id} -> {new_version.id}: "
        f"{len(diff.added)} added, {len(diff.removed)} removed, {len(diff.changed)} changed"
    )
    for label, ids in (("+", diff.added), ("-", diff.removed), ("~", diff.changed)):
        for entity_id in ids:
            console.print(f"  {label} {entity_id}")


@lists_app.command("show")
def show_command(
    entity_id: Annotated[str, typer.Argument(help="Entity id, e.g. un:QDi.299.")],
    version: Annotated[
        int | None, typer.Option("--version", help="As of this version (default: newest).")
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """One listed entity, with everything the list says about it."""
    with open_store(db) as store:
        try:
            found_in, entity = store.entity(entity_id, version)
        except StoreError as error:
            err_console.print(f"[red]error:[/] {error}")
            raise typer.Exit(2) from error
    data = entity.to_dict()
    if as_json:
        print_json({"version": found_in.id, "entity": data})
        return
    console.print(
        f"[bold]{entity.caption}[/]  {entity.id}  ({entity.schema}, version {found_in.id})"
    )
    for key, value in data.items():
        if key not in {"id", "schema"}:
            console.print(f"  [cyan]{key}[/]: {value}")


@lists_app.command("formats")
def formats_command(as_json: JsonOption = False) -> None:
    """The list formats watchkeeper reads."""
    formats = [
        {"format": f.name, "list": f.list_name, "description": f.description} for f in all_formats()
    ]
    if as_json:
        print_json(formats)
        return
    table = Table("format", "list", "description")
    for row in formats:
        table.add_row(row["format"], row["list"], row["description"])
    console.print(table)


def _forced_format(format_name: str | None, mapping: Path | None) -> ListFormat | None:
    """The format ``--format`` or ``--mapping`` asks for, or None to detect it per file."""
    if format_name and mapping:
        raise typer.BadParameter("give --format or --mapping, not both")
    try:
        if mapping:
            return custom_format(load_mapping(mapping))
        return format_by_name(format_name) if format_name else None
    except ListFormatError as error:
        raise typer.BadParameter(str(error), param_hint="--mapping") from error
    except KeyError as error:
        raise typer.BadParameter(str(error.args[0]), param_hint="--format") from error


def _diff_versions(
    store: Store, list_name: str, old: int | None, new: int | None
) -> tuple[Version, Version]:
    if old is not None and new is not None:
        return store.version(old), store.version(new)
    history = store.versions(list_name)
    if len(history) < 2:
        raise StoreError(f"list {list_name!r} has {len(history)} version(s); a diff needs two")
    return history[-2], history[-1]


def _refresh_ages(store: Store, versions: list[Version]) -> dict[str, timedelta]:
    """How long ago each list was last imported or checked for an update."""
    now = datetime.now(UTC)
    ages: dict[str, timedelta] = {}
    for list_name in sorted({version.list for version in versions}):
        check = store.last_check(list_name)
        if check is not None:
            ages[list_name] = now - datetime.fromisoformat(check[0])
    return ages


def _age_text(age: timedelta) -> str:
    minutes = age.total_seconds() / 60
    if minutes < 90:
        return f"{minutes:.0f} min"
    return f"{minutes / 60:.1f} h" if minutes < 48 * 60 else f"{minutes / 1440:.1f} days"


def _print_status(
    versions: list[Version], ages: dict[str, timedelta], stale: dict[str, timedelta]
) -> None:
    table = Table("list", "version", "entities", "published", "imported", "refreshed")
    for version in versions:
        name = f"[yellow]{version.list} (stale)[/]" if version.list in stale else version.list
        age = ages.get(version.list)
        table.add_row(
            name,
            str(version.id),
            f"{version.entities:,}",
            (version.published or "-")[:10],
            version.imported[:16].replace("T", " "),
            f"{_age_text(age)} ago" if age is not None else "-",
        )
    console.print(table)


def _report(outcomes: list[ImportOutcome], as_json: bool) -> None:
    """Print what happened to each file set; exit 1 if any was rejected."""
    if as_json:
        print_json([_outcome_dict(outcome) for outcome in outcomes])
    else:
        for outcome in outcomes:
            _print_outcome(outcome)
    if any(outcome.status is ImportStatus.REJECTED for outcome in outcomes):
        raise typer.Exit(1)


def _outcome_dict(outcome: ImportOutcome) -> dict[str, object]:
    return {
        "source": outcome.source,
        "list": outcome.list_name,
        "format": outcome.format_name,
        "status": str(outcome.status),
        "version": outcome.version.id if outcome.version else None,
        "previous_version": outcome.previous.id if outcome.previous else None,
        "entities": outcome.entities,
        "reasons": outcome.reasons,
        "warnings": outcome.warnings,
    }


def _print_outcome(outcome: ImportOutcome) -> None:
    label = outcome.list_name or "?"
    if outcome.status is ImportStatus.IMPORTED and outcome.version:
        console.print(
            f"[green]imported[/] {label} version {outcome.version.id}: "
            f"{outcome.version.entities:,} entities from {outcome.source}"
        )
    elif outcome.status is ImportStatus.UNCHANGED:
        console.print(f"[blue]unchanged[/] {label}: {outcome.source}")
    else:
        kept = (
            f"version {outcome.previous.id} stays in use"
            if outcome.previous
            else "no version of this list in use"
        )
        err_console.print(f"[red]rejected[/] {label}: {outcome.source} ({kept})")
        for reason in outcome.reasons:
            err_console.print(f"  - {reason}", markup=False, highlight=False)
    if outcome.warnings:
        err_console.print(
            f"  {len(outcome.warnings)} warning(s); first: {outcome.warnings[0]}",
            markup=False,
            highlight=False,
        )


@contextmanager
def _progress(quiet: bool) -> Iterator[Progress]:
    """A progress display on standard error (hidden with --json or when not a terminal)."""
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
        disable=quiet or not err_console.is_terminal,
    ) as progress:
        yield progress
