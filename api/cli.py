"""`glossgraph` command line: build, show, stats, export, validate, vocab, push, serve.

Exit codes: 0 ok; 1 warnings with --strict, or validation violations; 2 usage or I/O error
(a one-line message, never a traceback).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from graph import BuildResult, build, registry

DEFAULT_PATH = "data"


class UsageError(Exception):
    """A problem with what the user asked for: one line on stderr, exit 2."""


def _follow(args) -> bool | None:
    """--follow-external-links given: True; not given: None (glossgraph.toml decides)."""
    return True if getattr(args, "follow_external_links", False) else None


def _build(args) -> BuildResult:
    path = Path(args.path)
    if not path.exists():
        raise UsageError(f"no such notes folder or file: {path}")
    try:
        return build(path, follow_external_links=_follow(args))
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from exc


def _print_warnings(result: BuildResult, out=sys.stdout) -> None:
    for w in result.warnings:
        print(f"  {w}", file=out)


def cmd_build(args) -> int:
    result = _build(args)
    c = result.counts()
    print(f"{c['notes']} notes, {c['concepts']} concepts, {c['tags']} tags, "
          f"{sum(c['edges'].values())} edges in {result.seconds:.2f} s")
    for kind, n in c["edges"].items():
        print(f"  {kind:<24} {n}")
    print(f"{c['warnings']} warnings" + ("" if args.verbose or not c["warnings"]
                                          else " (-v lists them)"))
    if args.verbose:
        _print_warnings(result)
    excluded = getattr(result, "excluded", [])
    if excluded:
        print(f"{len(excluded)} excluded" + ("" if args.verbose else " (-v lists them)"))
    if args.verbose and excluded:
        width = max(len(path) for path, _ in excluded)
        for path, reason in excluded:
            print(f"  excluded  {path:<{width}}  ({reason})")
    return 1 if args.strict and result.warnings else 0


def stats_table(counts: dict) -> str:
    """`counts` (BuildResult.counts() plus seconds) as aligned rows: name, then number."""
    rows = [("notes", f"{counts['notes']:,}"), ("concepts", f"{counts['concepts']:,}"),
            ("tags", f"{counts['tags']:,}"), ("edges", f"{sum(counts['edges'].values()):,}")]
    rows += [(f"  {kind}", f"{n:,}") for kind, n in counts["edges"].items()]
    rows += [("warnings", f"{counts['warnings']:,}"), ("seconds", f"{counts['seconds']:.2f}")]
    name_width = max(len(name) for name, _ in rows)
    number_width = max(len(number) for _, number in rows)
    return "\n".join(f"{name:<{name_width}}  {number:>{number_width}}" for name, number in rows)


def cmd_stats(args) -> int:
    result = _build(args)
    counts = result.counts()
    counts["seconds"] = round(result.seconds, 3)
    if args.json:
        print(json.dumps(counts, ensure_ascii=False, indent=2))
    else:
        print(stats_table(counts))
    return 1 if args.strict and result.warnings else 0


def suggestions(store, term: str, first: int = 5) -> list[str]:
    """Labels of the concepts nearest to `term` (typos, pinyin, parts of labels)."""
    hits = [h for h in store.search(term, first=first * 2) if h.field != "definition"]
    found = store.concepts_by_id(h.concept_id for h in hits)
    labels = [found[h.concept_id].label for h in hits if h.concept_id in found]
    return list(dict.fromkeys(labels))[:first]


def cmd_show(args) -> int:
    from graph.store import MemoryStore

    store = MemoryStore(_build(args))  # read through the store, like the server
    concept = store.concept_by_label(args.term) or store.concept(args.term)
    if concept is None:
        near = suggestions(store, args.term)
        hint = f"; did you mean: {', '.join(near)}?" if near else ""
        print(f"glossgraph: no concept named {args.term!r} in {args.path}{hint}", file=sys.stderr)
        return 2
    cid = concept.id
    print(f"{concept.label}  [{cid}]")
    for label in concept.labels:
        print(f"  label@{label.lang}: {label.text}")
    if concept.synonyms:
        print("  synonyms: " + ", ".join(f"{s.text}@{s.lang}" for s in concept.synonyms))
    if concept.definition:
        print(f"  definition: {concept.definition}")
    if concept.tags:
        tags = [store.tag(t) for t in concept.tags]
        print("  tags: " + ", ".join(t.label for t in tags if t is not None))
    out = store.edges_of([cid], "out").get(cid, [])
    into = store.edges_of([cid], "in").get(cid, [])
    # Its broader concepts, what it is related to, and (incoming broader) its narrower ones.
    shown = [(("broader" if r.kind == "broader" else f"related ({r.kind})"), r) for r in out]
    shown += [("narrower", r) for r in into if r.kind == "broader"]
    names = store.concepts_by_id({r.target for r in (*out, *into)})
    by_type: dict[str, list[str]] = {}
    for key, ref in sorted(shown, key=lambda x: x[1].target):
        label = names[ref.target].label if ref.target in names else ref.target
        by_type.setdefault(key, []).append(f"{label} ({ref.evidence.file}:{ref.evidence.line})")
    for key in sorted(by_type):
        print(f"  {key}: " + "; ".join(by_type[key]))
    incoming = sorted({names[r.target].label for r in into
                       if r.kind != "broader" and r.target in names})
    if incoming:
        print("  related from: " + ", ".join(incoming))
    print("  sources: " + ", ".join(str(s) for s in concept.sources))
    return 0


def _write_atomic(path: Path, data: bytes) -> None:
    """Write to a temp file beside `path`, then rename: readers never see a half file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)  # mkstemp makes 0600; an export is an ordinary file
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _format_name(text: str) -> str:
    try:
        return registry.fmt(text).name
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def cmd_export(args) -> int:
    from graph import rdf

    result = _build(args)
    try:
        data = rdf.serialize(result, args.format, base_iri=args.base_iri)
    except ValueError as exc:  # --base-iri or [rdf] base_iri is not an absolute IRI ending in '/'
        raise UsageError(str(exc)) from exc
    if args.output:
        _write_atomic(Path(args.output), data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0


def cmd_validate(args) -> int:
    from graph import rdf

    result = _build(args)
    try:
        violations = rdf.validate(result, base_iri=args.base_iri)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    for v in violations:
        print(v)
    fixed = rdf.adjustments(result, base_iri=args.base_iri)
    if args.verbose:
        for a in fixed:
            print(f"  fixed on export: {a}")
    print(f"{len(violations)} violations of the SKOS integrity rules in "
          f"{len(result.concepts)} concepts; {len(fixed)} repairs made on export"
          + ("" if args.verbose or not fixed else " (-v lists them)"))
    return 1 if violations else 0


def cmd_vocab(args) -> int:
    from graph import rdf

    sys.stdout.write(rdf.vocab_turtle())
    return 0


def _push_options(args) -> dict:
    """Credentials and limits of `push`: --user USER[:PASSWORD], else the environment."""
    user, password = args.user, os.environ.get("GLOSSGRAPH_STORE_PASSWORD")
    if user and ":" in user:
        user, password = user.split(":", 1)
    user = user or os.environ.get("GLOSSGRAPH_STORE_USER")
    if args.timeout <= 0 or args.retries < 1:
        raise UsageError("--timeout must be positive and --retries at least 1")
    return {"user": user, "password": password, "token": os.environ.get("GLOSSGRAPH_STORE_TOKEN"),
            "timeout": args.timeout, "retries": args.retries}


def cmd_push(args) -> int:
    from graph.build import Builder
    from graph.remote import GraphStoreClient, PushError, push

    options = _push_options(args)
    path = Path(args.path)
    if not path.exists():
        raise UsageError(f"no such notes folder or file: {path}")
    try:
        client = GraphStoreClient(args.to, **options)
    except PushError as exc:  # not an http(s) URL
        raise UsageError(str(exc)) from exc
    try:
        with client:
            def publish(result) -> None:
                report = push(result, args.to, base_iri=args.base_iri, client=client)
                print(f"pushed to {args.to}: {report.line()}", flush=True)

            builder = Builder(path, follow_external_links=_follow(args))
            try:
                publish(builder.refresh())
            except ValueError as exc:  # --base-iri is not an absolute IRI ending in '/'
                raise UsageError(str(exc)) from exc
            if args.watch:
                _push_watch(args, builder, publish)
    except PushError as exc:
        raise UsageError(f"push failed, the store keeps its previous version: {exc}") from exc
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from exc
    return 0


def _push_watch(args, builder, publish) -> None:
    """Push again after every burst of edits, until interrupted. A push that fails is
    reported and retried with the next edit (the store keeps its previous version)."""
    import threading

    from graph.remote import PushError
    from graph.watch import watch_notes

    def on_ready() -> None:
        print(f"watching {args.path} (Ctrl-C stops)", flush=True)

    def on_change(result, change) -> None:
        try:
            publish(result)
        except PushError as exc:
            print(f"glossgraph: push failed, will retry after the next edit: {exc}",
                  file=sys.stderr, flush=True)

    watch_notes(builder, on_change, threading.Event(), on_ready=on_ready)


def cmd_serve(args) -> int:
    from api.server import run, run_store

    if args.max_body_bytes < 1:
        raise UsageError("--max-body-bytes must be at least 1")
    if args.store:
        if args.path is not None:
            raise UsageError("serve --store reads no notes folder: give a folder or --store")
        if args.poll < 0:
            raise UsageError("--poll must not be negative")
        options = _push_options(args)
        return run_store(args.store, host=args.host, port=args.port, base_iri=args.base_iri,
                         allowed_hosts=list(args.allowed_host),
                         max_body_bytes=args.max_body_bytes, poll=args.poll, **options)
    path = Path(args.path if args.path is not None else DEFAULT_PATH)
    if not path.exists():
        raise UsageError(f"no such notes folder or file: {path}")
    if args.max_body_bytes < 1:
        raise UsageError("--max-body-bytes must be at least 1")
    return run(path, host=args.host, port=args.port, watch=not args.no_watch,
               base_iri=args.base_iri, follow_external_links=_follow(args),
               allowed_hosts=list(args.allowed_host), max_body_bytes=args.max_body_bytes)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="glossgraph", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name, func, help_):
        sp = sub.add_parser(name, help=help_, description=help_)
        sp.set_defaults(func=func)
        return sp

    def path_arg(sp, pos=True):
        sp.add_argument("path", nargs="?", default=DEFAULT_PATH,
                        help=f"notes folder or file (default: {DEFAULT_PATH})")
        sp.add_argument("--follow-external-links", action="store_true",
                        help="also read symlinks whose target is outside the notes folder "
                             "(default: skipped with a warning)")

    sp = command("build", cmd_build, "build the graph and print a summary")
    path_arg(sp)
    sp.add_argument("-v", "--verbose", action="store_true",
                    help="list the warnings and what was excluded")
    sp.add_argument("--strict", action="store_true", help="exit 1 when there are warnings")

    sp = command("show", cmd_show, "show one concept, found by any of its labels")
    sp.add_argument("term")
    path_arg(sp)

    sp = command("stats", cmd_stats, "counts of notes, concepts, edges and warnings")
    path_arg(sp)
    sp.add_argument("--json", action="store_true")
    sp.add_argument("--strict", action="store_true", help="exit 1 when there are warnings")

    formats = registry.FORMAT_NAMES
    sp = command("export", cmd_export, "export the graph as SKOS RDF")
    path_arg(sp)
    sp.add_argument("--format", "-f", default="turtle", type=_format_name,
                    help="turtle, json-ld, nt or xml (or ttl, json, rdf …)")
    sp.add_argument("-o", "--output", help="write to FILE (atomically) instead of stdout")
    sp.add_argument("--base-iri", help="base IRI of concepts, tags and notes")

    sp = command("validate", cmd_validate, "check the SKOS integrity rules (SHACL)")
    path_arg(sp)
    sp.add_argument("--base-iri")
    sp.add_argument("-v", "--verbose", action="store_true",
                    help="list what the export repaired (cycles, S27) or left out (URLs)")

    command("vocab", cmd_vocab, "print the glossgraph RDF vocabulary (Turtle)")

    sp = command("push", cmd_push, "publish the graph to a SPARQL store (Graph Store Protocol)")
    path_arg(sp)
    sp.add_argument("--to", required=True, metavar="URL",
                    help="the store's Graph Store endpoint, e.g. http://127.0.0.1:7878/store")
    sp.add_argument("--base-iri")
    sp.add_argument("--user", metavar="USER[:PASSWORD]",
                    help="HTTP basic credentials (else GLOSSGRAPH_STORE_USER and "
                         "GLOSSGRAPH_STORE_PASSWORD; a bearer token: GLOSSGRAPH_STORE_TOKEN)")
    sp.add_argument("--watch", action="store_true", help="keep pushing as the notes change")
    sp.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS",
                    help="per request (default: 30)")
    sp.add_argument("--retries", type=int, default=4, metavar="N",
                    help="attempts per request on connection errors and 5xx (default: 4)")

    sp = command("serve", cmd_serve, "serve the GraphQL API, RDF and the viewer")
    path_arg(sp)
    sp.set_defaults(path=None)
    sp.add_argument("--store", metavar="URL",
                    help="serve the glossary pushed to this SPARQL query endpoint (e.g. "
                         "http://127.0.0.1:7878/query) instead of a notes folder")
    sp.add_argument("--user", metavar="USER[:PASSWORD]",
                    help="with --store: HTTP basic credentials (else GLOSSGRAPH_STORE_USER and "
                         "GLOSSGRAPH_STORE_PASSWORD; a bearer token: GLOSSGRAPH_STORE_TOKEN)")
    sp.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS",
                    help="with --store: per SPARQL request (default: 30)")
    sp.add_argument("--retries", type=int, default=2, metavar="N",
                    help="with --store: attempts per request (default: 2)")
    sp.add_argument("--poll", type=float, default=2.0, metavar="SECONDS",
                    help="with --store: how often to check for a new version (default: 2; "
                         "0: never)")
    sp.add_argument("--host", default="127.0.0.1")
    sp.add_argument("--port", type=int, default=8000)
    sp.add_argument("--no-watch", action="store_true", help="do not follow edits of the notes")
    sp.add_argument("--base-iri")
    sp.add_argument("--allowed-host", action="append", default=[], metavar="HOST",
                    help="also accept requests for this Host name (repeatable)")
    sp.add_argument("--max-body-bytes", type=int, default=1_048_576, metavar="N",
                    help="largest request body accepted (default: 1048576)")
    return p


def main(argv: list[str] | None = None) -> int:
    p = parser()
    try:
        args = p.parse_args(argv)
    except SystemExit as exc:  # argparse prints its own one-line usage error
        return 2 if exc.code not in (0, None) else 0
    try:
        return args.func(args)
    except UsageError as exc:
        print(f"glossgraph: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug must still end in one line, not a traceback
        print(f"glossgraph: internal error: {type(exc).__name__}: {exc} "
              "(please report it with the note that caused it)", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
