"""RDF terms of the glossgraph mapping: namespaces, the IRIs we mint, literals, N-Triples lines
and the records of problems (Violation, Adjustment). No triples are made here (graph.rdf_map)
and nothing is serialized (graph.rdf_write).

IRIs: ids and path segments are kept readable (CJK stays as it is — IRIs allow it); what an
IRI path segment cannot hold (spaces, `%`, `#`, `?`, `/` inside an id, control and format
characters, ...) is percent-encoded as UTF-8. `resource_of(base, iri)` maps an IRI back.

>>> concept_iri(DEFAULT_BASE_IRI, "神经网络"), note_iri("https://x.org/", "a b/c#d.md")
('https://glossgraph.example/concept/神经网络', 'https://x.org/note/a%20b/c%23d.md')
>>> resource_of("https://x.org/", "https://x.org/note/a%20b/c%23d.md")
('note', 'a b/c#d.md')
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import unquote

import pyoxigraph as ox

from . import registry

DEFAULT_BASE_IRI = "https://glossgraph.example/"
GG = "https://glossgraph.example/vocab#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"
SH = "http://www.w3.org/ns/shacl#"

PREFIXES = {"rdf": RDF, "rdfs": RDFS, "xsd": XSD, "skos": SKOS, "dcterms": DCTERMS,
            "foaf": FOAF, "gg": GG}

RELATION_PROPERTIES = {k.key: k.skos for k in registry.RELATION_KINDS}
# Predicates, in the order they are written inside a subject block.
_TYPE = RDF + "type"
_ORDER = [_TYPE, SKOS + "inScheme", SKOS + "topConceptOf", SKOS + "hasTopConcept",
          DCTERMS + "title", DCTERMS + "description", SKOS + "prefLabel", SKOS + "altLabel",
          SKOS + "definition", SKOS + "note", SKOS + "broader", SKOS + "narrower",
          SKOS + "related", *RELATION_PROPERTIES.values(), SKOS + "exactMatch",
          DCTERMS + "subject", DCTERMS + "source", GG + "occurrence", RDFS + "seeAlso",
          FOAF + "depiction", GG + "path", FOAF + "primaryTopic", GG + "file", GG + "line",
          DCTERMS + "isPartOf", GG + "rule", GG + "confidence"]


# --------------------------------------------------------------------------------------- IRIs

_SAFE_ASCII = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
                        "-._~!$&'()*+,;=:@")
_segment_cache: dict[str, str] = {}


def _ucschar(ch: str) -> bool:
    """May this non-ASCII character stand unencoded in an IRI path (RFC 3987 ucschar)?

    Spaces, separators, control and format characters and unassigned code points are
    encoded even where RFC 3987 would allow them: they are invisible or ambiguous."""
    cp = ord(ch)
    if not (0xA0 <= cp <= 0xD7FF or 0xF900 <= cp <= 0xFDCF or 0xFDF0 <= cp <= 0xFFEF
            or (0x10000 <= cp <= 0xEFFFD and (cp & 0xFFFF) < 0xFFFE
                and not 0xE0000 <= cp < 0xE1000)):
        return False
    return unicodedata.category(ch)[0] not in "CZ"


def _encode(ch: str) -> str:
    return "".join(f"%{b:02X}" for b in ch.encode("utf-8", "surrogatepass"))


def iri_segment(text: str) -> str:
    """`text` as one IRI path segment: readable, percent-encoding only what must be.

    >>> iri_segment("神经网络"), iri_segment("it/s 50%"), iri_segment("c++")
    ('神经网络', 'it%2Fs%2050%25', 'c++')
    """
    done = _segment_cache.get(text)
    if done is not None:
        return done
    out = "".join(ch if ch in _SAFE_ASCII or (ch > "\x7f" and _ucschar(ch)) else _encode(ch)
                  for ch in text)
    if out in (".", ".."):  # dot segments would be removed by IRI resolution
        out = out.replace(".", "%2E")
    if len(_segment_cache) < 200_000:
        _segment_cache[text] = out
    return out


def check_base(base_iri: str | None) -> str:
    """The base IRI to use: a valid absolute IRI ending in '/' (else ValueError)."""
    base = base_iri or DEFAULT_BASE_IRI
    if not base.endswith("/") or "#" in base or "?" in base:
        raise ValueError(f"base IRI must be an absolute IRI ending in '/': {base!r}")
    try:
        ox.NamedNode(base)
    except ValueError as exc:
        raise ValueError(f"base IRI is not a valid absolute IRI: {base!r} ({exc})") from None
    if not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", base):
        raise ValueError(f"base IRI must be an absolute IRI ending in '/': {base!r}")
    return base


def concept_iri(base: str | None, cid: str) -> str:
    return f"{base or DEFAULT_BASE_IRI}concept/{iri_segment(cid)}"


def tag_iri(base: str | None, tid: str) -> str:
    return f"{base or DEFAULT_BASE_IRI}tag/{iri_segment(tid)}"


def note_iri(base: str | None, path: str) -> str:
    return f"{base or DEFAULT_BASE_IRI}note/" + "/".join(iri_segment(p) for p in path.split("/"))


def location_iri(base: str | None, path: str, line: int) -> str:
    return f"{note_iri(base, path)}#L{int(line)}"


def scheme_iri(base: str | None) -> str:
    return f"{base or DEFAULT_BASE_IRI}scheme"


def tag_scheme_iri(base: str | None) -> str:
    return f"{base or DEFAULT_BASE_IRI}tags"


def resource_of(base: str | None, iri: str) -> tuple[str, str] | None:
    """(kind, id) of one of our IRIs — kind concept | tag | note | scheme | tags — else None.

    A location `{note}#L{n}` gives ("note", path). The inverse of concept_iri, tag_iri, note_iri.
    """
    base = base or DEFAULT_BASE_IRI
    if not iri.startswith(base):
        return None
    rest = iri[len(base):].split("#", 1)[0]
    if rest in ("scheme", "tags"):
        return (rest, "")
    kind, _, tail = rest.partition("/")
    if kind not in ("concept", "tag", "note") or not tail:
        return None
    if kind != "note" and "/" in tail:
        return None
    return (kind, "/".join(unquote(p) for p in tail.split("/")))


_URL_SCHEMES = {"http", "https", "ftp", "ftps", "mailto"}
_ILLEGAL_ASCII = frozenset(' <>"{}|\\^`[]')
_HEX = frozenset("0123456789abcdefABCDEF")
_url_cache: dict[str, str | None] = {}


def resource_url_iri(url: str) -> str | None:
    """A resource URL as an absolute IRI, or None when it is not one we publish.

    Only http(s), ftp(s) and mailto URLs count (relative paths and app links such as
    obsidian:// are local to the author). Characters an IRI cannot hold are percent-encoded.

    >>> resource_url_iri("https://e.org/a b|c#x#y"), resource_url_iri("images/x.png")
    ('https://e.org/a%20b%7Cc#x%23y', None)
    """
    if url in _url_cache:
        return _url_cache[url]
    result = None
    text = url.strip()
    m = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", text)
    if m and m.group(1).lower() in _URL_SCHEMES:
        scheme = m.group(1).lower()
        head, rest = text[:m.end()], text[m.end():]
        if scheme != "mailto":
            if not rest.startswith("//"):
                rest = None
            else:
                end = len(rest)
                for sep in "/?#":
                    i = rest.find(sep, 2)
                    if i != -1:
                        end = min(end, i)
                head, rest = head + rest[:end], rest[end:]
        if rest is not None:
            out, fragment = [], False
            for i, ch in enumerate(rest):
                if ch == "%":
                    ok = rest[i + 1:i + 2] in _HEX and rest[i + 2:i + 3] in _HEX
                    out.append("%" if ok else "%25")
                elif ch == "#":
                    out.append("%23" if fragment else "#")
                    fragment = True
                elif ch < "\x80":
                    out.append(_encode(ch) if ch in _ILLEGAL_ASCII or ch < " " or ch == "\x7f"
                               else ch)
                else:
                    out.append(ch if _ucschar(ch) else _encode(ch))
            iri = head + "".join(out)
            try:
                ox.NamedNode(iri)
                result = iri
            except ValueError:
                result = None
    if len(_url_cache) < 100_000:
        _url_cache[url] = result
    return result


# ----------------------------------------------------------------------------------- literals

_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_LANG = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*\Z")


def clean_text(text: str) -> str:
    """Text as it goes into a literal: line ends as '\\n', no control character but tab and
    line feed (XML 1.0 forbids most of them; none is useful in a label or definition)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _BAD_CHARS.sub("", text)


def _lit(text: str, lang: str | None = None) -> str:
    """An N-Triples literal, escaped as canonical N-Triples (and pyoxigraph) does.

    Its quoted part is also a valid JSON string: the JSON-LD writer reuses it as it is."""
    t = clean_text(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    if "\t" in t:
        t = t.replace("\t", "\\t")
    if lang and _LANG.match(lang):
        return f'"{t}"@{lang.lower()}'
    return f'"{t}"'


def _int(n: int) -> str:
    return f'"{int(n)}"^^<{XSD}integer>'


def _decimal(x: float) -> str:
    """Three decimals in the canonical XSD 1.1 decimal form ("0.85", "1"): the form a triple
    store gives back, so what is pushed reads back byte for byte."""
    text = f"{x:.3f}".rstrip("0").rstrip(".")
    return f'"{text}"^^<{XSD}decimal>'


# ----------------------------------------------------------------------------------- problems


@dataclass(frozen=True, order=True)
class Violation:
    """A SKOS integrity rule broken by the exported graph, located at the concept's source.

    str() is one line: `file:line: concept id (label): rule: message`."""

    file: str
    line: int
    concept: str  # concept (or tag, note) id
    label: str
    rule: str
    message: str
    kind: str = "concept"  # concept | tag | note | resource
    focus: str = ""  # the IRI the rule was checked on

    def __str__(self) -> str:
        label = " ".join(self.label.split())
        message = " ".join(self.message.split())
        where = f"{self.file}:{self.line}"
        return f"{where}: {self.kind} {self.concept} ({label}): {self.rule}: {message}"


class Adjustment(Violation):
    """Something the export changed so that the graph stays valid SKOS (a cycle broken, a
    skos:related pair dropped for S27, a URL left out). Same one-line str() as Violation."""


# ------------------------------------------------------------------------------ N-Triples lines

# One N-Triples line as the export writes it: IRIs hold no '>' nor space.
_LINE = re.compile(rb"^<([^>]*)> <([^>]*)> (.*) \.$", re.M)
_IRI_LINE = re.compile(rb"^<([^>]*)> <([^>]*)> <([^>]*)> \.$", re.M)

_ORDER_INDEX = {p: i for i, p in enumerate(_ORDER)}


def _nt_bytes(rows) -> bytes:
    return "".join([f"<{s}> <{p}> {o} .\n" for s, p, o in rows]).encode("utf-8")


def prefixes(base: str | None = None) -> dict[str, str]:
    """The prefixes written in Turtle and RDF/XML and put in the JSON-LD @context."""
    base = base or DEFAULT_BASE_IRI
    names = {**PREFIXES, "concept": f"{base}concept/", "tag": f"{base}tag/",
             "note": f"{base}note/"}
    # A prefix named like the base IRI's scheme (a `tag:` base IRI, say) would make JSON-LD
    # read full IRIs of that scheme as compact ones: rename it.
    scheme = base.split(":", 1)[0].lower()
    if scheme in names:
        names[f"gg{scheme}"] = names.pop(scheme)
    return names
