"""Big read-only word tables (word frequencies, part-of-speech tags), loaded once a process.

As Python dicts they cost 137 MB (a million str and float objects); each is kept instead as a
MARISA trie (`marisa-trie`: the words share their prefixes and suffixes, 1–2 MB a table) in a
file beside the record cache (`graph.cache`), keyed by the library's version, and mapped
(mmap) from there: the server, its extraction worker and the build's processes share the
pages, and only those that look-ups touch are resident. Reading the libraries' own lists
(wordfreq's msgpack, jieba's dictionary: about a second together) happens once per version.

>>> freqs = frequencies("en")
>>> "the" in freqs, freqs.get("qwxzv"), freqs["the"] > freqs["database"] > 0
(True, None, True)
>>> pos_tags().get("数据库"), pos_tags().get("qwxzv", "x")
('n', 'x')
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import lru_cache
from importlib import metadata

import marisa_trie

from .cache import default_dir

FORMAT = 1  # of the files: bump when what is stored changes


class WordTable(Mapping):
    """A read-only str → value mapping over a marisa `RecordTrie` (one record per key)."""

    __slots__ = ("_trie", "_decode")

    def __init__(self, trie: marisa_trie.RecordTrie, decode: Callable):
        self._trie = trie
        self._decode = decode

    def __getitem__(self, key: str):
        found = self._trie.get(key) if isinstance(key, str) else None
        if not found:
            raise KeyError(key)
        return self._decode(found[0])

    def get(self, key: str, default=None):
        found = self._trie.get(key) if isinstance(key, str) else None
        return self._decode(found[0]) if found else default

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in self._trie

    def __iter__(self) -> Iterator[str]:
        return iter(self._trie.keys())

    def __len__(self) -> int:
        return len(self._trie)


def _stored(name: str, library: str, fmt: str, rows: Callable[[], Iterable[tuple]]):
    """The RecordTrie of `rows()` ((key, record) pairs), mapped from its file when it is there."""
    folder = default_dir()
    try:
        version = metadata.version(library)
    except metadata.PackageNotFoundError:
        version = "0"
    path = folder / "tables" / f"{name}-{version}.{FORMAT}.marisa" if folder else None
    if path is not None:
        try:
            return marisa_trie.RecordTrie(fmt).mmap(str(path))
        except (OSError, RuntimeError, ValueError):
            pass  # not there yet (or cut short): made below
    trie = marisa_trie.RecordTrie(fmt, rows())
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
            os.close(fd)
            try:
                trie.save(tmp)
                os.replace(tmp, path)
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
            return marisa_trie.RecordTrie(fmt).mmap(str(path))  # shared with other processes
        except (OSError, RuntimeError, ValueError):
            pass  # no place to keep it: build it again next time
    return trie


def _first(record: tuple):
    return record[0]


@lru_cache(maxsize=2)
def frequencies(lang: str) -> Mapping[str, float]:
    """wordfreq's "best" list of `lang` (en, zh): word → frequency per word."""
    def rows():
        from wordfreq import get_frequency_dict

        return ((word, (freq,)) for word, freq in get_frequency_dict(lang).items())

    return WordTable(_stored(f"wordfreq-{lang}", "wordfreq", "<d", rows), _first)


@lru_cache(maxsize=1)
def pos_tags() -> Mapping[str, str]:
    """jieba's dictionary: Chinese word → part-of-speech tag (n, v, vn, d, …)."""
    def rows():
        import jieba

        jieba.setLogLevel(logging.WARNING)
        from jieba.posseg import dt

        return ((word, (tag.encode(),)) for word, tag in dt.word_tag_tab.items())

    return WordTable(_stored("jieba-pos", "jieba", "8s", rows), _tag)


def _tag(record: tuple) -> str:
    return record[0].rstrip(b"\0").decode()
