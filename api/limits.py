"""What a client may send: body size, Host header, JSON depth; and short error messages.

* `BodyLimit` (pure ASGI middleware): a request body over `max_bytes` gets 413 with a JSON
  message — refused from its Content-Length before any of it is read, else counted chunk by
  chunk as the app reads it, so no more than the limit is ever buffered.
* `HostCheck` (pure ASGI middleware, HTTP and WebSocket): only the Host names allowed answer;
  others get 400 naming `--allowed-host`. A server bound to a loopback address answers only
  localhost names (DNS rebinding: a web page whose name resolves to 127.0.0.1 would otherwise
  read the API and burn its CPU).
* `clip()` / `clip_message()`: error messages never repeat a client's argument at full length.
"""

from __future__ import annotations

import ipaddress
import json
import re
from collections.abc import Iterable

DEFAULT_MAX_BODY = 1_048_576  # bytes
MAX_ECHO = 80                 # characters of an argument repeated in an error message
MAX_MESSAGE = 1000            # characters of any error message
MAX_JSON_DEPTH = 64           # nesting of a JSON request body

LOCAL_NAMES = ("localhost", "127.0.0.1", "::1")


# --------------------------------------------------------------------------- messages


def clip(text: object, limit: int = MAX_ECHO) -> str:
    """`text` cut to `limit` characters, with "…" when cut."""
    text = str(text)
    return text if len(text) <= limit else text[:limit] + "…"


# A quoted echo longer than MAX_ECHO ('…' or "…"): linear, no nested repetition.
_LONG_QUOTED = re.compile(r"""(['"])([^'"]{%d})[^'"]+\1""" % MAX_ECHO)


def clip_message(message: str) -> str:
    """Quoted arguments in `message` cut to MAX_ECHO characters; the whole to MAX_MESSAGE."""
    if len(message) <= MAX_ECHO:
        return message
    message = _LONG_QUOTED.sub(lambda m: f"{m[1]}{m[2]}…{m[1]}", message)
    return clip(message, MAX_MESSAGE)


# --------------------------------------------------------------------------- JSON bodies


class JSONTooDeep(ValueError):
    pass


def json_depth_exceeds(body: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether `body` (JSON) nests arrays/objects deeper than `limit` (cheap when shallow)."""
    if body.count(b"[") + body.count(b"{") <= limit:
        return False  # cannot be deeper than the brackets it has
    depth, in_string, escaped = 0, False, False
    for byte in body:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # "
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte == 0x5B or byte == 0x7B:  # [ {
            depth += 1
            if depth > limit:
                return True
        elif byte == 0x5D or byte == 0x7D:  # ] }
            depth -= 1
    return False


def loads(body: bytes | str, limit: int = MAX_JSON_DEPTH):
    """json.loads, refusing JSON nested deeper than `limit` (JSONTooDeep) before parsing it."""
    raw = body.encode() if isinstance(body, str) else body
    if json_depth_exceeds(raw, limit):
        raise JSONTooDeep(f"the JSON is nested deeper than {limit} levels")
    try:
        return json.loads(body)
    except RecursionError:
        raise JSONTooDeep(f"the JSON is nested deeper than {limit} levels") from None


# --------------------------------------------------------------------------- ASGI helpers


def _header(scope, name: bytes) -> str | None:
    for key, value in scope.get("headers") or ():
        if key == name:
            return value.decode("latin-1")
    return None


def _json_body(path: str, status: int, message: str) -> bytes:
    """/graphql answers GraphQL-shaped errors; every other route {"error", "status"}."""
    if path == "/graphql" or path.startswith("/graphql/"):
        body: dict = {"errors": [{"message": message}]}
    else:
        body = {"error": message, "status": status}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()


async def send_json_error(scope, send, status: int, message: str, close: bool = False) -> None:
    body = _json_body(scope.get("path", ""), status, message)
    headers = [(b"content-type", b"application/json; charset=utf-8"),
               (b"content-length", str(len(body)).encode())]
    if close:
        headers.append((b"connection", b"close"))
    if scope["type"] == "websocket":
        if "websocket.http.response" in (scope.get("extensions") or {}):
            await send({"type": "websocket.http.response.start", "status": status,
                        "headers": headers})
            await send({"type": "websocket.http.response.body", "body": body})
        else:
            await send({"type": "websocket.close", "code": 1008, "reason": clip(message, 120)})
        return
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


# --------------------------------------------------------------------------- body size


class BodyTooLarge(Exception):
    pass


class BodyLimit:
    """413 for request bodies over `max_bytes` (None: no limit)."""

    def __init__(self, app, max_bytes: int | None = DEFAULT_MAX_BODY):
        self.app, self.max_bytes = app, max_bytes

    def message(self) -> str:
        return (f"request body too large: the limit is {self.max_bytes:,} bytes "
                "(glossgraph serve --max-body-bytes changes it)")

    async def __call__(self, scope, receive, send):
        limit = self.max_bytes
        if scope["type"] != "http" or limit is None:
            return await self.app(scope, receive, send)
        length = _header(scope, b"content-length")
        if length is not None:
            try:
                declared = int(length)
            except ValueError:
                return await send_json_error(scope, send, 400, "invalid Content-Length header",
                                             close=True)
            if declared > limit:
                return await send_json_error(scope, send, 413, self.message(), close=True)
        received = 0
        over = False
        started = False

        async def limited_receive():
            nonlocal received, over
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    over = True
                    raise BodyTooLarge(self.message())
            return message

        async def guarded_send(message):
            nonlocal started
            if over:  # whatever the app made of the exception: the client gets the 413
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except BodyTooLarge:
            pass
        if over and not started:
            await send_json_error(scope, send, 413, self.message(), close=True)


# --------------------------------------------------------------------------- Host header


def _split_host(host: str) -> str | None:
    """The name or address of a Host header value, without port or brackets; None if bad."""
    host = host.strip().lower()
    if host.startswith("["):
        end = host.find("]")
        if end < 0:
            return None
        name, rest = host[1:end], host[end + 1:]
        if rest and not (rest.startswith(":") and rest[1:].isdigit()):
            return None
        return name
    if host.count(":") == 1:
        name, port = host.split(":")
        if port and not port.isdigit():
            return None
        host = name
    return host.rstrip(".") or None


def is_loopback(host: str) -> bool:
    """Whether a bind address or host name is loopback (127.0.0.0/8, ::1, localhost)."""
    name = _split_host(host) or ""
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _normalize_pattern(pattern: str) -> str:
    pattern = pattern.strip().lower()
    if pattern in ("*", ""):
        return pattern
    if pattern.startswith("*."):
        return pattern
    return _split_host(pattern) or pattern


class HostCheck:
    """Answer only requests whose Host is localhost (any port) or in `allowed` (None: any).

    `allowed` entries: a name (`example.org`), an address (`192.168.1.5`, `::1`, `[::1]`),
    `*.example.org` for its subdomains, or `*` for any host. Ports are ignored.
    """

    def __init__(self, app, allowed: Iterable[str] | None = None, bound_to: str | None = None):
        self.app = app
        self.allowed = None if allowed is None else [_normalize_pattern(p) for p in allowed]
        self.bound_to = bound_to

    def accepts(self, host: str | None) -> bool:
        if self.allowed is None or "*" in self.allowed:
            return True
        if not host:
            return False
        name = _split_host(host)
        if name is None:
            return False
        if is_loopback(name):
            return True
        for pattern in self.allowed:
            if pattern.startswith("*."):
                if name.endswith(pattern[1:]) and len(name) > len(pattern) - 1:
                    return True
            elif name == pattern:
                return True
        return False

    def message(self, host: str | None) -> str:
        where = f" (it is bound to {self.bound_to})" if self.bound_to else ""
        if not host:
            return "missing Host header: this server answers only requests naming its host"
        shown = clip(host, 100)
        return (f"host {shown!r} is not allowed: this server answers localhost only{where}; "
                f"to allow it, run glossgraph serve --allowed-host {_split_host(host) or shown}")

    async def __call__(self, scope, receive, send):
        if scope["type"] in ("http", "websocket") and self.allowed is not None:
            host = _header(scope, b"host")
            if not self.accepts(host):
                return await send_json_error(scope, send, 400, self.message(host))
        return await self.app(scope, receive, send)
