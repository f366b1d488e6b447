"""A synchronous test client over httpx's ASGI transport (no server, no network).

Like starlette's TestClient, without its deprecation warning about plain httpx.
"""

from __future__ import annotations

import anyio.from_thread
import httpx


class AppClient:
    def __init__(self, app, base_url: str = "http://testserver",
                 raise_app_exceptions: bool = True):
        self._portal_cm = anyio.from_thread.start_blocking_portal()
        self._portal = self._portal_cm.__enter__()
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=raise_app_exceptions)
        self._client = httpx.AsyncClient(transport=transport, base_url=base_url)

    def request(self, method: str, url: str, **kwargs) -> httpx.Response:
        async def call():
            return await self._client.request(method, url, **kwargs)
        return self._portal.call(call)

    def get(self, url: str, **kwargs) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs) -> httpx.Response:
        return self.request("POST", url, **kwargs)

    def put(self, url: str, **kwargs) -> httpx.Response:
        return self.request("PUT", url, **kwargs)

    def head(self, url: str, **kwargs) -> httpx.Response:
        return self.request("HEAD", url, **kwargs)

    def close(self) -> None:
        self._portal.call(self._client.aclose)
        self._portal_cm.__exit__(None, None, None)

    def __enter__(self) -> AppClient:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
