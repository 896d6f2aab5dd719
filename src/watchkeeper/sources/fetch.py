"""Downloading list files: timeouts, retries with backoff, conditional requests, size cap.

A download is streamed into a temporary file beside its destination and only renamed into
place once it arrived whole; nothing half-written is ever left where a reader could take it
for a list.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

USER_AGENT = "watchkeeper/0.1 (+sanctions list update)"
RETRYABLE_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})


class FetchError(Exception):
    """A download failed for good (after retries where retrying made sense)."""


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """How patient a download is.  Times are in seconds."""

    connect_timeout: float = 15.0
    read_timeout: float = 60.0
    """Longest wait for the next bytes of a response."""
    total_timeout: float = 900.0
    """Longest a single attempt may take from first byte to last."""
    attempts: int = 4
    backoff: float = 2.0
    """Wait before the second attempt; doubled before each further one."""
    max_bytes: int = 1 << 30


@dataclass(frozen=True, slots=True)
class Download:
    """Result of a conditional GET: a fresh file, or word that nothing changed."""

    url: str
    path: Path | None
    """The downloaded file; None when the server answered 304 Not Modified."""
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.path is None


def download(
    url: str,
    destination: Path,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    settings: FetchSettings = FetchSettings(),
) -> Download:
    """GET ``url`` into ``destination``, conditionally on the given validators.

    Retries connection failures, timeouts, truncated bodies and 408/429/5xx answers with
    exponential backoff; fails at once on other 4xx answers.
    """
    headers = {"User-Agent": USER_AGENT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    timeout = httpx.Timeout(settings.read_timeout, connect=settings.connect_timeout)
    last_error = "no attempt made"
    with httpx.Client(timeout=timeout, follow_redirects=True, headers=headers) as client:
        for attempt in range(settings.attempts):
            if attempt:
                time.sleep(settings.backoff * 2 ** (attempt - 1))
            try:
                return _attempt(client, url, destination, settings)
            except _RetryableError as error:
                last_error = str(error)
    raise FetchError(f"{url}: {last_error} (gave up after {settings.attempts} attempts)")


class _RetryableError(Exception):
    pass


def _attempt(
    client: httpx.Client, url: str, destination: Path, settings: FetchSettings
) -> Download:
    try:
        with client.stream("GET", url) as response:
            if response.status_code == 304:
                return Download(
                    url=url,
                    path=None,
                    etag=response.headers.get("ETag"),
                    last_modified=response.headers.get("Last-Modified"),
                )
            if response.status_code in RETRYABLE_STATUS:
                raise _RetryableError(f"server answered HTTP {response.status_code}")
            if response.status_code != 200:
                raise FetchError(f"{url}: server answered HTTP {response.status_code}")
            _save_body(response, destination, settings)
            return Download(
                url=url,
                path=destination,
                etag=response.headers.get("ETag"),
                last_modified=response.headers.get("Last-Modified"),
                content_type=response.headers.get("Content-Type"),
            )
    except httpx.TimeoutException as error:
        raise _RetryableError(f"timed out ({type(error).__name__})") from error
    except (httpx.TransportError, httpx.DecodingError) as error:
        raise _RetryableError(f"transfer failed: {error}") from error


def _save_body(response: httpx.Response, destination: Path, settings: FetchSettings) -> None:
    """Stream the body to a temporary file, check it is whole, then rename it into place."""
    expected = response.headers.get("Content-Length")
    if expected is not None and int(expected) > settings.max_bytes:
        raise FetchError(
            f"{response.url}: {expected} bytes announced, "
            f"more than the {settings.max_bytes} allowed"
        )
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".part")
    started = time.monotonic()
    received = 0
    try:
        with partial.open("wb") as handle:
            for chunk in response.iter_bytes(1 << 16):
                received += len(chunk)
                if received > settings.max_bytes:
                    raise FetchError(
                        f"{response.url}: more than the {settings.max_bytes} bytes allowed"
                    )
                if time.monotonic() - started > settings.total_timeout:
                    raise _RetryableError(f"download took over {settings.total_timeout:.0f} s")
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        encoded = response.headers.get("Content-Encoding") is not None
        if expected is not None and not encoded and received != int(expected):
            raise _RetryableError(f"truncated: {received} of {expected} bytes received")
        os.replace(partial, destination)
    finally:
        partial.unlink(missing_ok=True)
