"""Query cost: how much an operation can ask for, estimated from the document before it runs.

The estimate is an upper bound of the number of leaf values (scalars, enums, `__typename`) the
answer can hold:

* a leaf field costs 1;
* an object field costs the cost of its sub-selection, times a multiplier:
  - `first` or `limit` (a page size): its value — from the literal, the variable (or the
    variable's default), else the argument's default in the schema (`related` 50, `concepts`
    20, `search` 10, `overview` 400, …);
  - `depth` (a neighbourhood radius d): min(10^d, 500) nodes, the store's cap;
  - `maxLength` (a path of at most n steps): n + 1;
  - another list (labels, synonyms, tags, broader, narrower, sources, `notes`, …): 10;
  - the lists whose length the parent's argument already counts (`Neighborhood.nodes` and
    `edges`, `Path.concepts` and `steps`, `ConceptConnection.edges`): 1;
  - a single object: 1;
* a selection set costs the sum of its fields; fragments are followed (each fragment is
  costed once per type, so fragments spread many times cost nothing extra to estimate);
  introspection (`__schema`, `__type`) is free: the schema is small and fixed.

`{ concept(label:"API") { related(first:30) { target { related(first:30) { target {
related(first:30) { target { related(first:30) { target { label } } } } } } } } } }` costs
30^4 = 810,000. The budget, `DEFAULT_BUDGET` = 250,000, lets the largest request of the viewer
through: `overview(limit: 20000)` with its 11 fields per node costs 220,002; `related(first:
100)` nested twice costs 10,000 per leaf field. Over the budget the operation is refused before
it runs (`CostLimit`, a strawberry extension), with the estimate, the budget and the costliest
chain of list fields.

`document_limits(max_depth, max_aliases)` is the validation rule for the document's shape
(nesting depth, aliases). Like the estimate it measures each fragment once: a "fragment bomb"
(each fragment spreading the next twice, 2^40 fields once expanded) is measured in linear time
— strawberry's QueryDepthLimiter and MaxAliasesLimiter expand every spread and never finish.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (DocumentNode, FieldNode, FragmentDefinitionNode, FragmentSpreadNode,
                     GraphQLError, GraphQLList, GraphQLNamedType, GraphQLNonNull,
                     GraphQLSchema, InlineFragmentNode, IntValueNode,
                     OperationDefinitionNode, SelectionSetNode, ValidationRule, VariableNode,
                     get_named_type, is_leaf_type)
from graphql.language import SKIP
from graphql import ExecutionResult as GraphQLExecutionResult
from strawberry.extensions import SchemaExtension

from graph.store import MAX_NEIGHBORHOOD

DEFAULT_BUDGET = 250_000
LIST_SIZE = 10          # assumed length of a list without a page argument
DEPTH_FANOUT = 10       # assumed neighbours per step of a neighbourhood
PAGE_ARGUMENTS = ("first", "limit")
# Lists whose length the parent field's argument has already counted.
COUNTED_BY_PARENT = {("Neighborhood", "nodes"), ("Neighborhood", "edges"),
                     ("Path", "concepts"), ("Path", "steps"), ("ConceptConnection", "edges")}


@dataclass(frozen=True)
class Estimate:
    cost: int
    chain: tuple[str, ...] = ()  # the multiplied fields on the costliest branch, outermost first

    def describe(self) -> str:
        """"related(first: 30) nested 4 deep", or "concepts(first: 100) → related(first: 100)"."""
        if not self.chain:
            return ""
        if len(set(self.chain)) == 1 and len(self.chain) > 1:
            return f"{self.chain[0]} nested {len(self.chain)} deep"
        return " → ".join(self.chain)


def _int_argument(node: FieldNode, name: str, default: Any,
                  variables: Mapping[str, Any], var_defaults: Mapping[str, Any]) -> int | None:
    """The value of an Int argument: literal, variable, variable default or schema default."""
    value: Any = default
    for arg in node.arguments or ():
        if arg.name.value != name:
            continue
        if isinstance(arg.value, IntValueNode):
            value = int(arg.value.value)
        elif isinstance(arg.value, VariableNode):
            var = arg.value.name.value
            if var in variables and variables[var] is not None:
                value = variables[var]
            elif var in var_defaults:
                value = var_defaults[var]
        break
    if isinstance(value, bool) or not isinstance(value, int):
        return None  # absent, null or not an Int (execution will say so)
    return max(value, 0)


class _Estimator:
    def __init__(self, schema: GraphQLSchema, fragments: Mapping[str, FragmentDefinitionNode],
                 variables: Mapping[str, Any], var_defaults: Mapping[str, Any]):
        self.schema, self.fragments = schema, fragments
        self.variables, self.var_defaults = variables, var_defaults
        self._fragment_costs: dict[tuple[str, str], Estimate] = {}

    def multiplier(self, parent: GraphQLNamedType, node: FieldNode, field) -> tuple[int, str]:
        """(multiplier, label for the message) of one object field."""
        args = field.args
        name = node.name.value
        for page in PAGE_ARGUMENTS:
            if page in args:
                n = _int_argument(node, page, args[page].default_value, self.variables,
                                  self.var_defaults)
                n = LIST_SIZE if n is None else n
                return n, f"{name}({page}: {n})"
        if "depth" in args:
            d = _int_argument(node, "depth", args["depth"].default_value, self.variables,
                              self.var_defaults)
            d = 1 if d is None else min(d, 6)
            return min(DEPTH_FANOUT ** d, MAX_NEIGHBORHOOD), f"{name}(depth: {d})"
        if "maxLength" in args:
            n = _int_argument(node, "maxLength", args["maxLength"].default_value,
                              self.variables, self.var_defaults)
            n = 4 if n is None else min(n, 100)
            return n + 1, f"{name}(maxLength: {n})"
        kind = field.type.of_type if isinstance(field.type, GraphQLNonNull) else field.type
        if isinstance(kind, GraphQLList) and (parent.name, name) not in COUNTED_BY_PARENT:
            return LIST_SIZE, f"{name} (a list, counted as {LIST_SIZE})"
        return 1, ""

    def selection_set(self, parent: GraphQLNamedType, selection_set: SelectionSetNode | None
                      ) -> Estimate:
        total, best, best_chain = 0, -1, ()
        for part in self._parts(parent, selection_set):
            total += part.cost
            if part.cost > best:
                best, best_chain = part.cost, part.chain
        return Estimate(total, best_chain)

    def _parts(self, parent: GraphQLNamedType, selection_set: SelectionSetNode | None
               ) -> Iterator[Estimate]:
        for sel in selection_set.selections if selection_set else ():
            if isinstance(sel, FieldNode):
                yield self.field(parent, sel)
            elif isinstance(sel, InlineFragmentNode):
                cond = sel.type_condition
                kind = self.schema.get_type(cond.name.value) if cond else parent
                yield self.selection_set(kind or parent, sel.selection_set)
            elif isinstance(sel, FragmentSpreadNode):
                yield self.fragment(sel.name.value)

    def fragment(self, name: str) -> Estimate:
        definition = self.fragments.get(name)
        if definition is None:
            return Estimate(0)
        kind = self.schema.get_type(definition.type_condition.name.value)
        key = (name, kind.name if kind else "")
        if key not in self._fragment_costs:
            self._fragment_costs[key] = Estimate(0)  # a cycle (rejected by validation) ends here
            self._fragment_costs[key] = self.selection_set(kind, definition.selection_set) \
                if kind else Estimate(0)
        return self._fragment_costs[key]

    def field(self, parent: GraphQLNamedType, node: FieldNode) -> Estimate:
        name = node.name.value
        if name.startswith("__"):
            return Estimate(1 if name == "__typename" else 0)
        fields = getattr(parent, "fields", None) or {}
        field = fields.get(name)
        if field is None:  # unknown field: validation reports it
            return Estimate(1)
        target = get_named_type(field.type)
        if is_leaf_type(target) or node.selection_set is None:
            return Estimate(1)
        factor, label = self.multiplier(parent, node, field)
        inner = self.selection_set(target, node.selection_set)
        chain = (label, *inner.chain) if factor > 1 else inner.chain
        return Estimate(factor * inner.cost, chain)


def estimate(schema: GraphQLSchema, document: DocumentNode, operation_name: str | None = None,
             variables: Mapping[str, Any] | None = None) -> Estimate:
    """The cost of the operation `operation_name` (or the only one) of `document`."""
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name is not None:
        operations = [d for d in operations if d.name and d.name.value == operation_name]
    if len(operations) != 1:
        return Estimate(0)  # no such operation or an ambiguous one: execution reports it
    operation = operations[0]
    root = schema.get_root_type(operation.operation)
    if root is None:
        return Estimate(0)
    fragments = {d.name.value: d for d in document.definitions
                 if isinstance(d, FragmentDefinitionNode)}
    var_defaults = {}
    for definition in operation.variable_definitions or ():
        if isinstance(definition.default_value, IntValueNode):
            var_defaults[definition.variable.name.value] = int(definition.default_value.value)
    return _Estimator(schema, fragments, variables or {}, var_defaults).selection_set(
        root, operation.selection_set)


class _Shape:
    """Nesting depth and alias count of selection sets, each fragment measured once."""

    def __init__(self, fragments: Mapping[str, FragmentDefinitionNode]):
        self.fragments = fragments
        self._depths: dict[str, int] = {}
        self._aliases: dict[str, int] = {}

    def depth(self, selection_set: SelectionSetNode | None) -> int:
        """Levels of fields below this selection set (introspection fields do not count)."""
        best = 0
        for sel in selection_set.selections if selection_set else ():
            if isinstance(sel, FieldNode):
                if sel.selection_set is None or sel.name.value.startswith("__"):
                    continue
                best = max(best, 1 + self.depth(sel.selection_set))
            elif isinstance(sel, InlineFragmentNode):
                best = max(best, self.depth(sel.selection_set))
            elif isinstance(sel, FragmentSpreadNode):
                best = max(best, self._fragment(sel.name.value, self._depths, self.depth))
        return best

    def aliases(self, selection_set: SelectionSetNode | None) -> int:
        """Aliased fields in this selection set, fragments expanded."""
        total = 0
        for sel in selection_set.selections if selection_set else ():
            if isinstance(sel, FieldNode):
                total += (sel.alias is not None) + self.aliases(sel.selection_set)
            elif isinstance(sel, InlineFragmentNode):
                total += self.aliases(sel.selection_set)
            elif isinstance(sel, FragmentSpreadNode):
                total += self._fragment(sel.name.value, self._aliases, self.aliases)
        return total

    def _fragment(self, name: str, memo: dict[str, int], measure) -> int:
        if name not in memo:
            definition = self.fragments.get(name)
            memo[name] = 0  # a cycle (another rule reports it) ends here
            memo[name] = measure(definition.selection_set) if definition else 0
        return memo[name]


def document_limits(max_depth: int, max_aliases: int) -> type[ValidationRule]:
    """A validation rule: operations nested deeper than `max_depth` fields or with more than
    `max_aliases` aliases (fragments expanded) are invalid."""

    class DocumentLimits(ValidationRule):
        def enter_document(self, node: DocumentNode, *_args):
            fragments = {d.name.value: d for d in node.definitions
                         if isinstance(d, FragmentDefinitionNode)}
            shape = _Shape(fragments)
            for op in node.definitions:
                if not isinstance(op, OperationDefinitionNode):
                    continue
                name = op.name.value if op.name else "anonymous"
                if shape.depth(op.selection_set) > max_depth:
                    self.report_error(GraphQLError(
                        f"'{name}' exceeds maximum operation depth of {max_depth}", [op]))
                aliases = shape.aliases(op.selection_set)
                if aliases > max_aliases:
                    self.report_error(GraphQLError(
                        f"{aliases} aliases found. Allowed: {max_aliases}", [op]))
            return SKIP

    return DocumentLimits


def too_expensive(found: Estimate, budget: int) -> str:
    why = found.describe()
    return (f"query too expensive: estimated cost {found.cost:,} > budget {budget:,}"
            + (f" ({why})" if why else "")
            + '; lower "first"/"limit" arguments or nest less')


class CostLimit(SchemaExtension):
    """Refuses, before execution, an operation whose estimated cost is over the budget.

    The budget is `context["cost_budget"]` when the context (a dict) has one, else `budget`.
    """

    def __init__(self, budget: int = DEFAULT_BUDGET, *, execution_context=None) -> None:
        self.budget = budget
        if execution_context is not None:
            self.execution_context = execution_context

    def on_execute(self) -> Iterator[None]:
        ctx = self.execution_context
        document = ctx.graphql_document
        if document is not None and ctx.result is None:
            context = ctx.context if isinstance(ctx.context, dict) else {}
            budget = context.get("cost_budget") or self.budget
            found = estimate(ctx.schema._schema, document, ctx.operation_name, ctx.variables)
            if found.cost > budget:
                ctx.result = GraphQLExecutionResult(data=None, errors=[GraphQLError(
                    too_expensive(found, budget),
                    extensions={"code": "QUERY_TOO_EXPENSIVE", "cost": found.cost,
                                "budget": budget})])
        yield
