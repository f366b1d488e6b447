"""glossgraph core: notes → extracted records → merged concepts → networkx graph → RDF.

Imports nothing web. The entry point is `build(path)`:

>>> from graph import build
>>> result = build("data")                       # doctest: +SKIP
>>> result.concept_by_label("RAG").synonyms      # doctest: +SKIP
"""

from .build import Builder, BuildResult, build

__all__ = ["Builder", "BuildResult", "build"]
