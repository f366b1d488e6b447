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
"""

from __future__ import annotations

import json
from typing import Any

from cross_web import HTTPException
from starlette.responses import HTMLResponse, Response
from strawberry.fastapi import GraphQLRouter
from strawberry.http import GraphQLRequestData, process_result
from strawberry.http.parse_content_type import parse_content_type
from strawberry.schema.exceptions import InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.execution import PreExecutionError
from strawberry.types.unset import UNSET

from .negotiation import negotiate

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"


def is_request_error(result: ExecutionResult) -> bool:
    """Whether the operation failed before execution began (so there is no `data`)."""
    if isinstance(result, PreExecutionError):
        return True
    return (result.data is None and bool(result.errors)
            and all(getattr(e, "path", None) is None for e in result.errors))


class GraphQLEndpoint(GraphQLRouter):
    """strawberry's FastAPI router with spec-conformant media types and status codes."""

    def encode_json(self, data: object) -> str:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

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
            if isinstance(exc.__cause__, InvalidOperationTypeError) and request.method == "GET":
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

    async def process_result(self, request: Any, result: ExecutionResult) -> dict:
        data = process_result(result)
        if is_request_error(result):
            request.state.graphql_request_error = True
            data.pop("data", None)
        return data

    async def parse_http_body(self, request: Any) -> GraphQLRequestData:
        if request.method == "GET":
            data: Any = self.parse_query_params(request.query_params)
        else:
            media, params = parse_content_type(request.content_type or "")
            if media not in (JSON, GRAPHQL_RESPONSE) and not media.endswith("+json"):
                raise HTTPException(415, "unsupported content type "
                                    f"{media or '(none)'!r}: POST a JSON body with "
                                    "Content-Type: application/json")
            charset = params.get("charset", "utf-8").lower()
            if charset not in ("utf-8", "utf8"):
                raise HTTPException(415, f"unsupported charset {charset!r}: send UTF-8")
            body = await request.get_body()
            if not body or not body.strip():
                raise HTTPException(400, "the request body is empty: POST a JSON object "
                                    'like {"query": "{ stats { concepts } }"}')
            try:
                data = json.loads(body)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                raise HTTPException(400, f"the request body is not valid JSON: {exc}") from exc
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
