"""Fetching a URL with httpx, every wait bounded.

One whole fetch (connecting, each redirect hop, the body) runs against a
single deadline of ``Limits.timeout`` seconds: each network wait is given at
most the time left, and the body is abandoned once the deadline passes, so a
server that trickles bytes is cut off too.  Redirects are followed by hand,
at most ``Limits.max_redirects`` of them; the body is capped at
``Limits.max_download`` bytes after decompression.
"""

from __future__ import annotations

import http
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx

from .model import DEFAULT_LIMITS, USER_AGENT, Limits, SourceError, size_text

ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/xml;q=0.9,text/plain;q=0.8,*/*;q=0.1"
)


@dataclass(frozen=True)
class Fetched:
    """A response body that arrived whole and within the limits."""

    url: str  # after redirects
    content_type: str  # lower-case media type without parameters, "" when missing
    charset: str | None  # the declared charset, if any
    body: bytes


def make_client(limits: Limits = DEFAULT_LIMITS) -> httpx.Client:
    """An httpx client set up for newsread: its User-Agent, no automatic redirects."""
    return httpx.Client(
        headers={"User-Agent": USER_AGENT, "Accept": ACCEPT},
        follow_redirects=False,
        timeout=_timeout(limits.timeout, limits),
    )


@contextmanager
def client_for(client: httpx.Client | None, limits: Limits) -> Iterator[httpx.Client]:
    """``client`` as is, or a fresh one closed afterwards."""
    if client is not None:
        yield client
        return
    own = make_client(limits)
    try:
        yield own
    finally:
        own.close()


def _timeout(remaining: float, limits: Limits) -> httpx.Timeout:
    remaining = max(remaining, 0.001)
    return httpx.Timeout(remaining, connect=min(limits.connect_timeout, remaining))


def seconds(value: float) -> str:
    """``10`` -> ``"10 s"``, ``0.25`` -> ``"0.25 s"``."""
    return f"{value:g} s"


def status_text(code: int, phrase: str = "") -> str:
    try:
        return f"HTTP {code} {http.HTTPStatus(code).phrase}"
    except ValueError:
        return f"HTTP {code} {phrase}".rstrip()


_ERRNO = re.compile(r"^\[Errno -?\d+\]\s*")


def _network_reason(exc: Exception) -> str:
    text = _ERRNO.sub("", str(exc).strip()) or type(exc).__name__
    if "CERTIFICATE_VERIFY_FAILED" in text:
        return "the site's TLS certificate is not trusted"
    if "Name or service not known" in text or "nodename nor servname" in text:
        return "no such host"
    return text[0].lower() + text[1:]


def _media_type(value: str | None) -> tuple[str, str | None]:
    if not value:
        return "", None
    media, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset" and val.strip():
            charset = val.strip().strip("'\"")
    return media.strip().lower(), charset


# How long past ``Limits.timeout`` the caller waits for a fetch that is stuck
# where no httpx timeout reaches (a hung DNS lookup) before giving up on it.
_GRACE = 0.5


def fetch(
    url: str,
    *,
    source: str | None = None,
    client: httpx.Client | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Fetched:
    """GET ``url`` within ``limits``; raises ``SourceError`` (named ``source``, default
    the URL) for every failure: network, timeout, HTTP status, size, redirects.

    Returns or raises within ``limits.timeout`` (plus half a second at most):
    the request runs in a daemon thread that is abandoned if it overstays,
    since a DNS lookup cannot be interrupted and obeys no httpx timeout.
    """
    name = source or url
    outcome: list[Fetched | BaseException] = []

    def run() -> None:
        try:
            outcome.append(_fetch(url, name, client, limits))
        except BaseException as exc:  # noqa: BLE001 - handed to the waiting caller
            outcome.append(exc)

    worker = threading.Thread(target=run, name="newsread-fetch", daemon=True)
    worker.start()
    worker.join(limits.timeout + _GRACE)
    if not outcome:
        raise SourceError(name, f"timed out after {seconds(limits.timeout)}")
    result = outcome[0]
    if isinstance(result, BaseException):
        raise result
    return result


def _check_url(url: str, name: str) -> None:
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError, TypeError) as exc:
        raise SourceError(name, f"invalid URL ({_network_reason(exc)})") from None
    if parsed.scheme not in ("http", "https"):
        raise SourceError(name, f"unsupported URL ({url})")
    if not parsed.host:
        raise SourceError(name, "invalid URL (no host name)")


def _fetch(url: str, name: str, client: httpx.Client | None, limits: Limits) -> Fetched:
    _check_url(url, name)
    deadline = time.monotonic() + limits.timeout
    timed_out = SourceError(name, f"timed out after {seconds(limits.timeout)}")
    current = url
    with client_for(client, limits) as http_client:
        for _hop in range(limits.max_redirects + 1):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise timed_out
            try:
                request = http_client.build_request(
                    "GET",
                    current,
                    headers={"User-Agent": USER_AGENT, "Accept": ACCEPT},
                    timeout=_timeout(remaining, limits),
                )
            except (httpx.InvalidURL, httpx.UnsupportedProtocol, ValueError) as exc:
                raise SourceError(name, f"invalid URL ({_network_reason(exc)})") from None
            try:
                response = http_client.send(request, stream=True, follow_redirects=False)
            except httpx.TimeoutException:
                raise timed_out from None
            except httpx.UnsupportedProtocol:
                raise SourceError(name, f"unsupported URL ({current})") from None
            except httpx.ConnectError as exc:
                raise SourceError(name, f"could not connect ({_network_reason(exc)})") from None
            except httpx.HTTPError as exc:
                raise SourceError(name, f"network error ({_network_reason(exc)})") from None
            try:
                if response.has_redirect_location:
                    target = str(response.next_request.url) if response.next_request else None
                    if not target:
                        raise SourceError(
                            name, f"{status_text(response.status_code)} without a usable Location"
                        )
                    if httpx.URL(target).scheme not in ("http", "https"):
                        raise SourceError(name, f"redirected to an unsupported URL ({target})")
                    current = target
                    continue
                if response.status_code >= 300 or response.status_code < 200:
                    raise SourceError(name, status_text(response.status_code, response.reason_phrase))
                body = _read_body(response, name, deadline, limits, timed_out)
                media, charset = _media_type(response.headers.get("content-type"))
                return Fetched(url=str(response.url), content_type=media, charset=charset, body=body)
            finally:
                response.close()
    raise SourceError(name, f"too many redirects (more than {limits.max_redirects})")


def _read_body(
    response: httpx.Response, name: str, deadline: float, limits: Limits, timed_out: SourceError
) -> bytes:
    too_large = SourceError(name, f"response larger than {size_text(limits.max_download)}")
    declared = response.headers.get("content-length", "")
    if declared.strip().isdigit() and int(declared) > limits.max_download:
        raise too_large
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limits.max_download:
                raise too_large
            chunks.append(chunk)
            if time.monotonic() > deadline:
                raise timed_out
    except httpx.TimeoutException:
        raise timed_out from None
    except httpx.DecodingError as exc:
        raise SourceError(name, f"could not decode the response ({_network_reason(exc)})") from None
    except httpx.HTTPError as exc:
        raise SourceError(name, f"network error ({_network_reason(exc)})") from None
    return b"".join(chunks)
