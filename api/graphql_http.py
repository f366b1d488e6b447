"""GraphQL over HTTP: strawberry's FastAPI router, made to follow the GraphQL-over-HTTP spec.

What it adds to `strawberry.fastapi.GraphQLRouter`:

* `Accept` negotiation: `application/graphql-response+json` when the client prefers it, else
  `application/json` (also for `*/*` or no Accept); 406 when neither is acceptable.
* Requests that fail before execution (parse or validation errors, variable coercion) answer
  without a `data` entry, and with status 400 under `application/graphql-response+json`
  (200 under `application/json`, as the spec asks).
* Malformed requests are 4xx with a JSON `{"errors": [...]}` body: bad JSON or an empty body
  (400), a body that is not an object, non-string `query` / `operationName`, non-object
  `variables` / `extensions` (400), a content type other than JSON (415), a mutation in a
  GET (405), batches (400).
* Chinese (any non-ASCII) stays UTF-8 in responses, not `\\uXXXX` escapes.
* Operations run in a worker thread (api.execution, through `GlossSchema.execute`) and stop
  when the client disconnects; the answer is encoded to JSON off the event loop too.
* A subscription sent by POST or GET is a 400 saying that subscriptions use
  graphql-transport-ws (a WebSocket) on /graphql; JSON nested deeper than 64 levels is a 400.
* GraphiQL is our own page (api/static/graphiql.html), its libraries served from node_modules
  (/vendor/…): it loads without internet.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

from cross_web import HTTPException
from starlette.concurrency import run_in_threadpool
from starlette.responses import HTMLResponse, Response
from strawberry.exceptions import MissingQueryError
from strawberry.fastapi import GraphQLRouter
from strawberry.http import GraphQLRequestData, process_result
from strawberry.http.parse_content_type import parse_content_type
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.execution import PreExecutionError
from strawberry.types.graphql import OperationType
from strawberry.types.unset import UNSET

from .limits import JSONTooDeep, clip, loads
from .negotiation import negotiate

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
GRAPHIQL_PAGE = Path(__file__).parent / "static" / "graphiql.html"
SUBSCRIPTION_OVER_HTTP = ("subscriptions are not served over HTTP: open a WebSocket to "
                          "/graphql with the graphql-transport-ws protocol and subscribe there")
PARSE_IN_THREAD = 64 * 1024  # bodies larger than this are parsed off the event loop


def is_request_error(result: ExecutionResult) -> bool:
    """Whether the operation failed before execution began (so there is no `data`)."""
    if isinstance(result, PreExecutionError):
        return True
    if any((getattr(e, "extensions", None) or {}).get("code") == "TIMEOUT"
           for e in result.errors or ()):
        return False  # stopped during execution: `data` is null
    return (result.data is None and bool(result.errors)
            and all(getattr(e, "path", None) is None for e in result.errors))


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
SLICE = 256      # list items encoded per call of the C encoder
SHALLOW = 4      # levels walked in Python; deeper values are encoded whole


def dumps(value: Any, depth: int = 0) -> str:
    """Compact UTF-8 JSON, as json.dumps, but a long list a slice at a time.

    The C encoder holds the GIL for a whole call: encoding an 8 MB answer in one call would
    stall the event loop for a third of a second. Walking the first levels in Python and
    encoding long lists a few hundred items per call lets it run between slices.
    """
    if depth >= SHALLOW:
        return _ENCODER.encode(value)
    if isinstance(value, dict):
        return "{" + ",".join(f"{_ENCODER.encode(str(k))}:{dumps(v, depth + 1)}"
                              for k, v in value.items()) + "}"
    if isinstance(value, list):
        if len(value) > SLICE:
            return "[" + ",".join(_ENCODER.encode(value[i:i + SLICE])[1:-1]
                                  for i in range(0, len(value), SLICE)) + "]"
        return "[" + ",".join(dumps(v, depth + 1) for v in value) + "]"
    return _ENCODER.encode(value)


def _is_small(value: Any, budget: int = 2000) -> bool:
    """Whether `value` holds at most `budget` dict/list items (a quick, bounded walk)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            budget -= len(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            budget -= len(item)
            stack.extend(item)
        else:
            continue
        if budget < 0:
            return False
    return True


class _Encoded(dict):
    """A response already encoded to JSON (in a worker thread); `encode_json` returns it."""

    text: str


async def _disconnected(receive) -> None:
    """Returns when the client has gone (the body, if any, was read before)."""
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return


class GraphQLEndpoint(GraphQLRouter):
    """strawberry's FastAPI router with spec-conformant media types and status codes."""

    def encode_json(self, data: object) -> str:
        if isinstance(data, _Encoded):
            return data.text
        return dumps(data)

    def decode_json(self, data: str | bytes) -> object:
        """json.loads with a depth bound (also for WebSocket messages: a JSON error there)."""
        try:
            return loads(data)
        except JSONTooDeep as exc:
            raise json.JSONDecodeError(str(exc), "", 0) from exc

    def parse_json(self, data: str | bytes) -> Any:
        """GET's `variables` / `extensions` parameters."""
        try:
            return loads(data)
        except JSONTooDeep as exc:
            raise HTTPException(400, f"the request is refused: {exc}") from exc
        except json.JSONDecodeError as exc:
            raise HTTPException(400, f"a parameter is not valid JSON: {clip(exc, 200)}") from exc

    async def render_graphql_ide(self, request: Any) -> Response:
        if not GRAPHIQL_PAGE.is_file():
            return self._error(404, "GraphiQL is not installed (api/static/graphiql.html is "
                               "missing)", JSON)
        return HTMLResponse(GRAPHIQL_PAGE.read_text(encoding="utf-8"),
                            headers={"Cache-Control": "no-cache"})

    def _error(self, status: int, message: str, media: str | None,
               headers: dict[str, str] | None = None) -> Response:
        body = self.encode_json({"errors": [{"message": message}]})
        return Response(body, status_code=status, headers=headers,
                        media_type=f"{media or JSON}; charset=utf-8")

    async def run(self, request: Any, context: Any = UNSET, root_value: Any = UNSET) -> Any:
        if self.is_websocket_request(request):
            return await super().run(request, context=context, root_value=root_value)
        media = negotiate(request.headers.get("accept"), [GRAPHQL_RESPONSE, JSON],
                          explicit_only={GRAPHQL_RESPONSE})
        adapter = self.request_adapter_class(request)
        if media is None and not self.should_render_graphql_ide(adapter):
            return self._error(406, "not acceptable: this endpoint answers "
                               f"{GRAPHQL_RESPONSE} or {JSON}", JSON)
        try:
            response = await super().run(request, context=context, root_value=root_value)
        except HTTPException as exc:
            cause = exc.__cause__
            if (isinstance(cause, InvalidOperationTypeError) and request.method == "GET"
                    and cause.operation_type == OperationType.MUTATION):
                return self._error(405, "only queries can be sent with GET; send mutations "
                                   "with POST (this API has none: it is read-only)", media,
                                   {"Allow": "POST"})
            return self._error(exc.status_code, exc.reason, media)
        if isinstance(response, HTMLResponse):  # GraphiQL
            return response
        response.headers["content-type"] = f"{media or JSON}; charset=utf-8"
        if media == GRAPHQL_RESPONSE and getattr(request.state, "graphql_request_error", False):
            response.status_code = 400
        return response

    async def execute_single(self, request: Any, request_adapter: Any, sub_response: Any,
                             context: Any, root_value: Any,
                             request_data: GraphQLRequestData) -> ExecutionResult:
        """strawberry's, without subscriptions, stopped when the client disconnects."""
        method = request_adapter.method
        allowed = OperationType.from_http(method) - {OperationType.SUBSCRIPTION}
        if not self.allow_queries_via_get and method == "GET":
            allowed -= {OperationType.QUERY}
        execution = asyncio.ensure_future(self.schema.execute(
            request_data.query, root_value=root_value, variable_values=request_data.variables,
            context_value=context, operation_name=request_data.operation_name,
            allowed_operation_types=allowed, operation_extensions=request_data.extensions))
        gone = asyncio.ensure_future(_disconnected(request.receive))
        try:
            await asyncio.wait({execution, gone}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            gone.cancel()
            if not execution.done():  # the client went away (or this task was cancelled)
                execution.cancel()
        if execution.cancelled():
            raise HTTPException(499, "the client closed the connection")
        try:
            return execution.result()
        except CannotGetOperationTypeError as exc:
            raise HTTPException(400, clip(exc.as_http_error_reason(), 200)) from exc
        except InvalidOperationTypeError as exc:
            if exc.operation_type == OperationType.SUBSCRIPTION:
                raise HTTPException(400, SUBSCRIPTION_OVER_HTTP) from exc
            raise HTTPException(400, exc.as_http_error_reason(method)) from exc
        except MissingQueryError as exc:
            raise HTTPException(400, "no GraphQL query found in the request") from exc

    async def process_result(self, request: Any, result: ExecutionResult) -> dict:
        data = process_result(result)
        if is_request_error(result):
            request.state.graphql_request_error = True
            data.pop("data", None)
        if _is_small(data):
            return data
        encoded = _Encoded(data)  # a big answer is encoded off the event loop
        encoded.text = await run_in_threadpool(self.encode_json, dict(data))
        return encoded

    async def parse_http_body(self, request: Any) -> GraphQLRequestData:
        if request.method == "GET":
            data: Any = self.parse_query_params(request.query_params)
        else:
            media, params = parse_content_type(request.content_type or "")
            if media not in (JSON, GRAPHQL_RESPONSE) and not media.endswith("+json"):
                raise HTTPException(415, "unsupported content type "
                                    f"{clip(media or '(none)')!r}: POST a JSON body with "
                                    "Content-Type: application/json")
            charset = params.get("charset", "utf-8").lower()
            if charset not in ("utf-8", "utf8"):
                raise HTTPException(415, f"unsupported charset {clip(charset)!r}: send UTF-8")
            body = await request.get_body()
            if not body or not body.strip():
                raise HTTPException(400, "the request body is empty: POST a JSON object "
                                    'like {"query": "{ stats { concepts } }"}')
            try:
                data = (await run_in_threadpool(loads, body) if len(body) > PARSE_IN_THREAD
                        else loads(body))
            except JSONTooDeep as exc:
                raise HTTPException(400, f"the request body is refused: {exc}") from exc
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                raise HTTPException(400, "the request body is not valid JSON: "
                                    f"{clip(exc, 200)}") from exc
        if isinstance(data, list):
            raise HTTPException(400, "batched requests are not supported: send one operation")
        if not isinstance(data, dict):
            raise HTTPException(400, "the request body must be a JSON object with a `query`")
        query = data.get("query")
        if query is None:
            raise HTTPException(400, "no GraphQL query in the request: give a `query` "
                                "parameter")
        if not isinstance(query, str):
            raise HTTPException(400, "`query` must be a string")
        checks = (("operationName", str, "a string"), ("variables", dict, "an object"),
                  ("extensions", dict, "an object"))
        for name, kind, what in checks:
            value = data.get(name)
            if value is not None and not isinstance(value, kind):
                raise HTTPException(400, f"`{name}` must be {what} or null")
        return GraphQLRequestData(query=query, variables=data.get("variables"),
                                  operation_name=data.get("operationName"),
                                  extensions=data.get("extensions"), protocol="http")
