"""The served GraphQL schema keeps every name, argument and type of docs/contract.md.

The viewer is written against the contract's SDL: a field may be added, never renamed,
retyped or dropped.
"""

from __future__ import annotations

import re

from graphql import (GraphQLEnumType, GraphQLInputObjectType, GraphQLInterfaceType,
                     GraphQLObjectType, Undefined, ast_from_value, build_schema, print_ast)

from api.schema import schema
from tests.conftest import REPO

# Types the contract names inside comments (the Relay connection) rather than in the SDL.
CONNECTION = """
type ConceptConnection { edges: [ConceptEdge!]!  pageInfo: PageInfo!  totalCount: Int! }
type ConceptEdge { node: Concept!  cursor: String! }
type PageInfo { hasNextPage: Boolean!  hasPreviousPage: Boolean!  startCursor: String
  endCursor: String }
"""


def contract_schema():
    text = (REPO / "docs" / "contract.md").read_text(encoding="utf-8")
    sdl = re.search(r"```graphql\n(.*?)```", text, re.S).group(1)
    sdl = re.sub(r"#[^\n]*", "", sdl)
    return build_schema(sdl + CONNECTION)


def default_of(arg) -> str | None:
    """The default value of an argument as GraphQL source text (None: no default)."""
    if arg.ast_node is not None and arg.ast_node.default_value is not None:
        return print_ast(arg.ast_node.default_value)
    if arg.default_value is Undefined:
        return None
    return print_ast(ast_from_value(arg.default_value, arg.type))


def test_schema_matches_the_contract():
    want = contract_schema()
    have = schema._schema
    problems = []
    for name, wtype in want.type_map.items():
        if name.startswith("__") or name in ("String", "Int", "Float", "Boolean", "ID"):
            continue
        htype = have.type_map.get(name)
        if htype is None or not isinstance(htype, type(wtype)):
            problems.append(f"type {name}: missing or of another kind")
            continue
        if isinstance(wtype, GraphQLEnumType):
            if set(wtype.values) != set(htype.values):
                problems.append(f"enum {name}: {sorted(htype.values)} != {sorted(wtype.values)}")
            continue
        if isinstance(wtype, (GraphQLObjectType, GraphQLInterfaceType)):
            want_ifaces = {i.name for i in wtype.interfaces}
            if not want_ifaces <= {i.name for i in htype.interfaces}:
                problems.append(f"type {name}: does not implement {want_ifaces}")
        if not isinstance(wtype, (GraphQLObjectType, GraphQLInterfaceType,
                                  GraphQLInputObjectType)):
            continue
        for fname, wfield in wtype.fields.items():
            hfield = htype.fields.get(fname)
            if hfield is None:
                problems.append(f"{name}.{fname}: missing")
                continue
            if str(hfield.type) != str(wfield.type):
                problems.append(f"{name}.{fname}: {hfield.type} != {wfield.type}")
            for aname, warg in getattr(wfield, "args", {}).items():
                harg = hfield.args.get(aname)
                if harg is None:
                    problems.append(f"{name}.{fname}({aname}): missing")
                elif str(harg.type) != str(warg.type) or \
                        default_of(harg) != default_of(warg):
                    problems.append(f"{name}.{fname}({aname}): {harg.type} = "
                                    f"{default_of(harg)} != {warg.type} = {default_of(warg)}")
            # Arguments we add must be optional, so that the contract's queries still work.
            for aname, harg in getattr(hfield, "args", {}).items():
                if aname not in getattr(wfield, "args", {}) and \
                        str(harg.type).endswith("!") and default_of(harg) is None:
                    problems.append(f"{name}.{fname}({aname}): added as required")
    assert not problems, "\n".join(problems)


def test_read_only():
    # No mutations; the one subscription only reports rebuilds (live reload).
    assert schema._schema.mutation_type is None
    assert list(schema._schema.subscription_type.fields) == ["graphChanged"]
