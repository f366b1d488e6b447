"""The concept graph as SKOS RDF: one import for export, description, validation and terms.

The work is split by job; this module only gathers their public names (callers and tests
import `graph.rdf`):

* `graph.rdf_terms` — namespaces, the IRIs we mint and their inverse, literals, problems;
* `graph.rdf_map` — the model (read through a `GraphStore`) as triples, the concept layer and
  one named graph per note, kept per store (`export_of`, `clear_cache`);
* `graph.rdf_write` — formats of graph.registry: `serialize`, `describe`, `triple_count`,
  `adjustments`;
* `graph.rdf_shacl` — `validate`, `validate_graph` (SHACL, graph/shapes.ttl).

Every function that takes the graph takes a `GraphStore` (what the server serves) or, for
the command line and tests, a `BuildResult` (read through a MemoryStore made for it).

>>> concept_iri(DEFAULT_BASE_IRI, "神经网络"), note_iri("https://x.org/", "a b/c#d.md")
('https://glossgraph.example/concept/神经网络', 'https://x.org/note/a%20b/c%23d.md')
>>> resource_of("https://x.org/", "https://x.org/note/a%20b/c%23d.md")
('note', 'a b/c#d.md')
"""

from __future__ import annotations

from pathlib import Path

from . import registry
from .rdf_map import _export, as_store, clear_cache, export_of  # noqa: F401 - re-exported
from .rdf_shacl import SHAPES_PATH, _rdflib_graph, validate, validate_graph  # noqa: F401
from .rdf_terms import (DCTERMS, DEFAULT_BASE_IRI, FOAF, GG, PREFIXES, RDF,  # noqa: F401
                        RDFS, RELATION_PROPERTIES, SH, SKOS, XSD, Adjustment, Violation,
                        check_base, clean_text, concept_iri, iri_segment, location_iri,
                        note_iri, prefixes, resource_of, resource_url_iri, scheme_iri,
                        tag_iri, tag_scheme_iri)
from .rdf_write import adjustments, describe, serialize, triple_count  # noqa: F401

FORMATS = registry.FORMAT_NAMES
MEDIA_TYPES = {f.name: f.media_type for f in registry.FORMATS}

VOCAB_PATH = Path(__file__).resolve().parent / "vocab.ttl"


def vocab_turtle() -> str:
    """The glossgraph vocabulary (gg:) as Turtle, with prefixes skos, dcterms, rdfs and gg."""
    return VOCAB_PATH.read_text(encoding="utf-8")


def shapes_turtle() -> str:
    """The SHACL shapes that `validate` checks, as Turtle."""
    return SHAPES_PATH.read_text(encoding="utf-8")
