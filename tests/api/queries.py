"""Every GraphQL query of the API tests, collected from their sources (one list to reuse).

`suite_queries()` reads tests/api/*.py with `ast` and keeps each string constant that parses
as a GraphQL query document (subscriptions, mutations and documents that do not parse — the
hardening tests' broken ones — are left out), with variables for the ones that declare some
(`VARIABLES`, by variable name). A test added to the suite adds its queries here by itself.
The differential test (test_serve_store.py) runs them all against `serve` and `serve --store`.
"""

from __future__ import annotations

import ast
from functools import lru_cache
from pathlib import Path

from graphql import GraphQLError, OperationType, parse
from graphql.language import OperationDefinitionNode

HERE = Path(__file__).parent

# Values for declared variables, by name (what the tests pass most often).
VARIABLES = {"label": "RAG", "l": "RAG", "id": "rag", "from": "rag", "f": "rag",
             "to": "large-language-models", "t": "机器学习", "text": "rag", "depth": 2,
             "first": 5, "n": 5, "max": 4, "after": None, "kinds": None, "filter": None}


@lru_cache(maxsize=1)
def suite_queries() -> tuple[tuple[str, str, dict], ...]:
    """(where, query, variables) for every GraphQL query document in tests/api/*.py."""
    found: dict[str, tuple[str, str, dict]] = {}
    for path in sorted(HERE.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
                continue
            text = node.value.strip()
            if not text.startswith(("{", "query")) or len(text) > 4000:
                continue
            try:
                doc = parse(text)
            except GraphQLError:
                continue
            ops = [d for d in doc.definitions if isinstance(d, OperationDefinitionNode)]
            if len(ops) != 1 or ops[0].operation != OperationType.QUERY:
                continue
            names = [v.variable.name.value for v in ops[0].variable_definitions or ()]
            if any(n not in VARIABLES for n in names):
                continue
            variables = {n: VARIABLES[n] for n in names}
            found.setdefault(text, (f"{path.name}:{node.lineno}", text, variables))
    return tuple(found.values())
