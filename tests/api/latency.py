"""In-process latency of a typical viewer query: `concept(label: "RAG")` with synonyms, tags
and related, through the whole HTTP stack (httpx over ASGI → FastAPI → strawberry → store)
and through `schema.execute` alone.

    .venv/bin/python tests/api/latency.py [notes folder] [runs]
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path

QUERY = """query($label: String!) { concept(label: $label) {
  conceptId label synonyms { value language } tags { tagId label }
  related { kind direction target { conceptId label } evidence { file line text } } } }"""


def percentiles(samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    p = lambda q: ms[min(len(ms) - 1, int(q * len(ms)))]  # noqa: E731
    return (f"p50 {statistics.median(ms):.3f} ms, p90 {p(0.9):.3f} ms, p99 {p(0.99):.3f} ms "
            f"({len(ms)} runs)")


async def measure(path: str, runs: int) -> None:
    import httpx

    from api.app import create_app
    from api.holder import StoreHolder
    from api.schema import schema
    from graph import build

    holder = StoreHolder(build(path))
    app = create_app(holder)
    body = {"query": QUERY, "variables": {"label": "RAG"}}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://bench") as client:
        for _ in range(50):  # warm up (parser and validation caches)
            r = await client.post("/graphql", json=body)
        assert r.status_code == 200 and r.json()["data"]["concept"]["conceptId"] == "rag", r.text
        samples = []
        for _ in range(runs):
            t = time.perf_counter()
            await client.post("/graphql", json=body)
            samples.append(time.perf_counter() - t)
    print(f"HTTP (ASGI, in process): {percentiles(samples)}")
    context = {"store": holder.current.store, "base_iri": "http://bench/"}
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        result = await schema.execute(QUERY, variable_values={"label": "RAG"},
                                      context_value=context)
        samples.append(time.perf_counter() - t)
    assert not result.errors, result.errors
    print(f"schema.execute:          {percentiles(samples)}")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    asyncio.run(measure(sys.argv[1] if len(sys.argv) > 1 else "data",
                        int(sys.argv[2]) if len(sys.argv) > 2 else 2000))
