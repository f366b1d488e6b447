"""Deterministic synthetic glossary vault for the benchmarks.

    python tests/bench/gen.py OUT_DIR --notes N [--seed S]

Writes N notes of about 2 KB each (YAML front matter with title/aliases/tags, headings,
10–30 glossary bullets in the seed note's shapes, sentences that mention other terms,
[[wikilinks]] to other notes' titles) and mixes in a few broken notes (bad YAML such as
`synonym:[a, b]`, non-UTF-8 bytes, an empty file). The vocabulary is made up from
syllables (Chinese characters and Latin); nothing is downloaded. The same (N, seed) gives
byte-identical files. A manifest (`.gen-manifest.json`, hidden so no note reader sees it)
records the parameters and, per note, the terms it defines.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

MANIFEST = ".gen-manifest.json"
FORMAT = 2  # bump when the output changes, so cached vaults are regenerated

# Syllables: Latin pieces and a pool of common Han characters (no real glossary words;
# none that starts a task like 将/把/通过, which the extractor rightly refuses as a name).
_LATIN_ON = "b c d f g h j k l m n p r s t v z br cr dr fl gr kl pr st tr".split()
_LATIN_NU = "a e i o u ai ei ou ia io".split()
_LATIN_OFF = ["", "", "", "n", "r", "s", "l", "x", "m"]
_ADJECTIVES = set("差多长高低大小快慢好强弱难易少")
_HAN = ("安百北本比变表并波布采层差长场成程池传存达代导点电定动度端对多发法反范方分"
        "峰服符复概格根工构关光规轨海含行合核恒宏弧化环汇活积极集计加架间简键交阶"
        "结解界进晶景境聚卷均开康科空控库块矿类离理力联链量列临灵流路律轮论码脉模"
        "能凝偶排配谱齐启器迁桥琴区圈群燃热融散熵晒深声时识势枢数双顺速算态特梯调通"
        "投图拓外网微维位温纹稳析系线相向象协谐芯信星形序旋学寻压演样业仪忆异因音映"
        "元源远约云运载展张折振征证织指质致中轴主转状准子字组阻")
_TAGS_EN = "alpha beta gamma delta sigma omega kappa lambda theta zeta".split()

# Sentence templates; {a} {b} are other terms' labels (so mention edges exist).
_ZH_DEF = [
    "{a}是一种用于处理{b}的方法，在复杂场景中也很稳定。",
    "{a}指在{b}的基础上扩展的一类技术，常用于大规模系统。",
    "与{a}和{b}密切相关，用来描述数据在系统中的流动。",
    "{a}通过对{b}建模得到更准确的结果，并减少计算开销。",
]
_EN_DEF = [
    "A method that combines {a} with {b} to make the process faster.",
    "The part of the system that turns {a} into {b} before storing it.",
    "Often used with {a}; it reduces the cost of {b} in practice.",
    "It describes {a} in terms of {b}, which makes training easier.",
]


@dataclass
class Term:
    zh: str
    en: str
    acr: str


class Vocab:
    """Unique made-up names: Chinese (2–4 characters), English (1–3 words), acronyms."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()
        self.words = 2  # words of an English name (and letters of its acronym)

    def _unique(self, make) -> str:
        while True:
            text = make()
            if text.casefold() not in self.used:
                self.used.add(text.casefold())
                return text

    def word(self) -> str:
        """A made-up Latin word of 5+ letters (shorter ones could be `make`, `sudo`, `java`)."""
        r = self.rng
        while True:
            w = "".join(r.choice(_LATIN_ON) + r.choice(_LATIN_NU)
                        for _ in range(r.randint(2, 3))) + r.choice(_LATIN_OFF)
            if len(w) >= 5:
                return w

    def zh(self) -> str:
        # A name does not end on an adjective (差, 多, 长: 灵活性高 is a claim, not a name).
        return self._unique(lambda: "".join(self.rng.choice(_HAN)
                                            for _ in range(self.rng.randint(2, 3)))
                            + self.rng.choice(_HAN_END))

    def en(self) -> str:
        return self._unique(lambda: " ".join(self.word() for _ in range(self.rng.randint(1, 3))))

    def term(self) -> Term:
        """A Chinese name, an English one of 2–3 words and its acronym (their initials, as
        real acronyms are: `KNN` for K-Nearest Neighbor)."""
        tries = 0
        while True:
            words = [self.word() for _ in range(self.rng.randint(self.words, self.words + 1))]
            en, acr = " ".join(words), "".join(w[0] for w in words).upper()
            if en.casefold() not in self.used and acr.casefold() not in self.used:
                self.used.update((en.casefold(), acr.casefold()))
                return Term(self.zh(), en, acr)
            tries += 1
            if tries % 20 == 0:  # short acronyms run out on a big vault: use longer names
                self.words += 1


_HAN_END = "".join(ch for ch in _HAN if ch not in _ADJECTIVES)


def _title(words: str) -> str:
    return " ".join(w.capitalize() for w in words.split())


class Generator:
    def __init__(self, notes: int, seed: int):
        self.n = notes
        self.seed = seed
        self.rng = random.Random(seed)
        self.vocab = Vocab(self.rng)
        r = self.rng
        self.titles = [_title(self.vocab.en()) for _ in range(notes)]
        self.title_zh = [self.vocab.zh() for _ in range(notes)]
        self.tags = [self.vocab.word() for _ in range(max(8, notes // 50))] + _TAGS_EN
        # Terms per note, drawn now so sentences can mention terms of any note.
        self.terms = [[self.vocab.term() for _ in range(r.randint(10, 30))] for _ in range(notes)]
        self.folders = max(1, min(32, notes // 200))
        broken = max(3, notes // 100) if notes >= 10 else 0
        picks = sorted(r.sample(range(notes), broken)) if broken else []
        kinds = ["yaml", "bytes", "empty"]
        self.broken = {i: kinds[k % 3] for k, i in enumerate(picks)}
        self.written: dict[int, list[list[str]]] = {}  # note -> labels of each term written

    # -------------------------------------------------------------- pieces

    def other_term(self) -> Term:
        r = self.rng
        return r.choice(self.terms[r.randrange(self.n)])

    def mention(self) -> str:
        t = self.other_term()
        return self.rng.choice((t.zh, t.en, t.acr))

    def sentence(self, lang: str) -> str:
        templates = _ZH_DEF if lang == "zh" else _EN_DEF
        return self.rng.choice(templates).format(a=self.mention(), b=self.mention())

    def wikilink(self, own: int | None = None) -> str:
        j = self.rng.randrange(self.n)
        if j == own and self.n > 1:
            j = (j + 1) % self.n
        return f"[[{self.titles[j]}]]"

    def bullet(self, t: Term) -> tuple[list[str], list[str]]:
        """One glossary bullet in one of the seed's shapes, with optional nested items.

        Returns the lines and the labels of the term that they write."""
        r = self.rng
        shape = r.choices(range(6), weights=(25, 15, 12, 25, 10, 13))[0]
        if shape == 0:
            lines, labels = [f"- {t.zh}({t.en})"], [t.zh, t.en]
        elif shape == 1:
            lines, labels = [f"- {t.acr} ({_title(t.en)}): {self.sentence('en')}"], [t.acr, t.en]
        elif shape == 2:
            lines, labels = [f"- {t.zh}：{self.sentence('zh')}"], [t.zh]
        elif shape == 3:
            lines, labels = [f"- **{t.en}**({t.zh})"], [t.en, t.zh]
        elif shape == 4:
            lines, labels = [f"- {t.acr}({_title(t.en)}, {t.zh}): {t.zh}"], [t.acr, t.en, t.zh]
        else:
            lines, labels = [f"- {t.zh}（{t.en}）: {self.sentence('zh')}"], [t.zh, t.en]
        if r.random() < 0.2:  # nested: a definition, sometimes a link
            lines.append(f"  - {self.sentence(r.choice(('zh', 'en')))}")
            if r.random() < 0.5:
                lines.append(f"  - 参见 {self.wikilink()}")
        return lines, labels

    # -------------------------------------------------------------- notes

    def note_path(self, i: int) -> str:
        return f"d{i % self.folders:02d}/{self.titles[i]}.md"

    def note_text(self, i: int) -> str:
        r = self.rng
        terms = self.terms[i]
        title = self.titles[i]
        tags = r.sample(self.tags, r.randint(1, 3))
        out = ["---", f"title: {title}", f"aliases: [{self.title_zh[i]}]",
               f"tags: [{', '.join(tags)}]", "---", "", f"# {title}", "",
               f"{self.sentence('zh')} 相关笔记：{self.wikilink(i)}。", "", "## Glossary", ""]
        split = len(terms) * 2 // 3
        written = self.written[i] = []
        for k, t in enumerate(terms):
            if k == split:
                out += ["", "## Lingo", ""]
            lines, labels = self.bullet(t)
            out.extend(lines)
            written.append(labels)
        out += ["", "## Notes", "", f"{self.sentence('en')} See {self.wikilink(i)} and "
                f"{self.wikilink(i)}.", ""]
        return "\n".join(out)

    def note_bytes(self, i: int) -> bytes:
        text = self.note_text(i)  # always drawn, so the random stream does not depend on kind
        kind = self.broken.get(i)
        if kind == "empty":
            return b""
        if kind == "yaml":
            text = text.replace("aliases: [", "synonym:[", 1)  # `synonym:[a]` is not a mapping
            return text.encode("utf-8")
        data = text.encode("utf-8")
        if kind == "bytes":
            cut = data.find(b"\n## Lingo")
            data = data[:cut] + b"\n\xff\xfe\x80 broken bytes \xc3\x28\n" + data[cut:]
        return data

    def write(self, out: Path) -> dict:
        files = {}
        for i in range(self.n):
            path = self.note_path(i)
            full = out / path
            full.parent.mkdir(parents=True, exist_ok=True)
            data = self.note_bytes(i)
            full.write_bytes(data)
            files[path] = len(data)
        good = [i for i in range(self.n) if i not in self.broken]
        manifest = {
            "format": FORMAT, "notes": self.n, "seed": self.seed, "bytes": sum(files.values()),
            "broken": {self.note_path(i): k for i, k in self.broken.items()},
            "titles": {self.note_path(i): self.titles[i] for i in range(self.n)},
            "terms": {self.note_path(i): self.written[i] for i in good},
        }
        (out / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
        return manifest


def generate(out: str | Path, notes: int, seed: int = 0, reuse: bool = False) -> dict:
    """Write the vault to `out` (emptied first) and return its manifest.

    With `reuse`, an existing vault made with the same (notes, seed, format) is kept."""
    out = Path(out)
    if reuse:
        manifest = read_manifest(out)
        if manifest and (manifest["notes"], manifest["seed"], manifest["format"]) == \
                (notes, seed, FORMAT):
            return manifest
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    return Generator(notes, seed).write(out)


def read_manifest(out: str | Path) -> dict | None:
    try:
        return json.loads((Path(out) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out", help="output folder (emptied first)")
    p.add_argument("--notes", type=int, default=1000)
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)
    if args.notes < 1:
        p.error("--notes must be at least 1")
    m = generate(args.out, args.notes, args.seed)
    terms = sum(len(v) for v in m["terms"].values())
    print(f"{m['notes']} notes ({len(m['broken'])} broken), {terms} glossary terms, "
          f"{m['bytes'] / 1e6:.1f} MB in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
