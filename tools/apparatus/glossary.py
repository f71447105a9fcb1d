"""The glossary: find the corpus's key concepts and gloss each with its defining sentence or its uses."""

import functools
import math
import re
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .corpus import Doc, escape, pinyin_key, pinyin_slug
from .. import segmenter
from ..segmenter import USER_DICTIONARY
from ..tables import table

CURATION = table("glossary.toml")

# Opening and closing quotation marks a term may stand in.
_OPEN = "[“‘「『\"]?"
_CLOSE = "[”’」』\"]?"
# Connectives that may open a defining sentence before its subject.
_LEAD = r"(?:(?:其中|因此|可见|总之|简言之|概括而言|具体而言|而|即)，?)?"
# A quoted term in the text: “晋江经验”, 2 to 10 Chinese characters.
_QUOTED = re.compile(r"“([\u4e00-\u9fff·]{2,10})”")
# The parts of speech that name things (jieba tags).
_NOUN_TAGS = {"n", "nz", "vn", "l", "i"}
# Words the statistics would promote but that name no concept of the corpus.
_COMMON = set("""
现代化 企业家 生产力 数字化 充分发挥 发展壮大 重要讲话 社会主义 同质化 技术手段 竞争力 服务中心
服务质量 市场化 流动性 积极参与 网络化 高质量 消费者 差异化 建设部 办公厅 从业人员 每周三 上级部门
一体化 精细化 信息化 经济社会 专业化 改革开放 新能源 积极开展 战略性 历史数据 制造业 创新能力
落到实处 市政府 高度重视 影响力 针对性 奋斗目标 基础设施 切入点 地市级 恳谈会 价值观念 互动关系
数据分析 市委党校 党中央 党总支 党组织 产业园 信息技术 技术创新 人才培养 政府部门 资源共享
""".split())

# Where a defining clause may open inside a sentence: at its start, or after a comma or semicolon
# (基层是社会的细胞，基层治理是国家治理的基石).
_CLAUSE = r"^(?:[^。！？]*?[，；])?"
# 是 that opens no definition: 是否, 是要, 是在, 是为了 …
_NOT_COPULA = r"(?![否要在为从对把让以不由因])"
# 就是 that states a purpose or a manner, not what the term is: 就是要, 就是为了, 就是让 …
_NOT_JIUSHI = r"(?![要为让把在使])"
# 即 that is an adverb of time or concession: 即将, 即使, 即便, 即时, 即可, 即刻.
_NOT_JI = r"(?![将使便时可刻])"

# Kinds of definition, strongest first: (name, pattern with {T} for the term). A defining sentence
# has the term as the subject of its first clause (or of a clause after a comma), then one of the
# forms that say what it is: 所谓X，…; X是指…; X即…; X就是…; X代表…; X是……的…; or an apposition
# “X”，即… anywhere in the sentence.
DEFINITION_PATTERNS: list[tuple[str, str]] = [
    ("所谓X，就是", r"^" + _LEAD + r"所谓" + _OPEN + "{T}" + _CLOSE + r"，?(?:就是|是指|指的是|即|是)"),
    ("X是指", r"^" + _LEAD + _OPEN + "{T}" + _CLOSE + r"，?(?:是指|指的是|就是指|即是|意指)"),
    ("X即", r"^" + _LEAD + _OPEN + "{T}" + _CLOSE + r"(?:，即|，也就是|即|也就是)" + _NOT_JI),
    ("“X”，即", r"^.*?[“‘「『\"]{T}[”’」』\"](?:，即|（即|，也就是)" + _NOT_JI),
    ("X就是", r"^" + _LEAD + _OPEN + "{T}" + _CLOSE + r"，?就是" + _NOT_JIUSHI),
    ("X代表", r"^" + _LEAD + _OPEN + "{T}" + _CLOSE + r"，?(?:代表|意味着)"),
    ("X是……的", r"^" + _LEAD + _OPEN + "{T}" + _CLOSE + r"，?是" + _NOT_COPULA + r"(?=[^。；]*?的)"),
    ("所谓X，", r"^" + _LEAD + r"所谓" + _OPEN + "{T}" + _CLOSE + r"，"),
    ("……，X是指", _CLAUSE + _LEAD + _OPEN + "{T}" + _CLOSE + r"(?:是指|指的是|就是指|即是|意指)"),
    ("……，X就是", _CLAUSE + _LEAD + _OPEN + "{T}" + _CLOSE + r"就是" + _NOT_JIUSHI),
    ("……，X是……的", _CLAUSE + _LEAD + _OPEN + "{T}" + _CLOSE + r"是" + _NOT_COPULA + r"(?=[^。；，]*?的)"),
]
# A defining sentence is a statement of bounded length.
_MAX_DEFINITION = 160


def definition_kind(term: str, sentence: str) -> str | None:
    """The kind of definition `sentence` gives of `term`, or None when it does not define it."""
    if len(sentence) > _MAX_DEFINITION or sentence.rstrip("”’」』").endswith(("？", "?")):
        return None
    for name, pattern in definition_patterns(term):
        match = pattern.match(sentence)
        if match and len(sentence) - match.end() >= 6:
            return name
    return None


@functools.lru_cache(maxsize=1024)
def definition_patterns(term: str) -> list[tuple[str, re.Pattern]]:
    """DEFINITION_PATTERNS with the term filled in, compiled once per term."""
    return [(name, re.compile(pattern.replace("{T}", re.escape(term)))) for name, pattern in DEFINITION_PATTERNS]


@dataclass
class Definition:
    """A sentence of an article that defines a term."""

    sentence: str
    docname: str
    kind: str


@dataclass
class Entry:
    """One glossary entry: the term as shown, the forms it is found under, and its gloss."""

    term: str
    forms: list[str]
    anchor: str
    uses: list[str] = field(default_factory=list)          # docnames, in order
    definition: Definition | None = None
    editor_gloss: str | None = None
    sources: list[str] = field(default_factory=list)       # why it is a term: userdict, quoted, …

    @property
    def glossed(self) -> bool:
        """True when the entry can gloss its term: a defining sentence of the texts or the editors' gloss.
        A term with neither is a concept of the general index, not of the glossary."""
        return bool(self.definition or self.editor_gloss)

    def targets(self) -> set[str]:
        """The articles the glossary entry sends a reader to: where its definition is quoted from and
        where else the term is used."""
        return set(self.uses) | ({self.definition.docname} if self.definition else set())

    def links_from(self, docname: str) -> bool:
        """Whether a mention in docname may link to the entry: not when all the entry offers is a
        way back to docname itself (no editors' gloss, and no other article quoted or listed)."""
        return bool(self.editor_gloss) or bool(self.targets() - {docname})


def load_curation(path: Path = CURATION) -> dict:
    """The editors' glossary curation: add, drop, rename terms and override glosses."""
    if not path.is_file():
        return {"add": [], "drop": [], "rename": {}, "gloss": {}}
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {
        "add": list(data.get("add", {}).get("terms", [])),
        "drop": set(data.get("drop", {}).get("terms", [])),
        "rename": dict(data.get("rename", {})),
        "gloss": dict(data.get("gloss", {})),
    }


def user_dictionary_terms(path: Path = USER_DICTIONARY) -> dict[str, str]:
    """The words of the project's user dictionary, with their part-of-speech tags."""
    words = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if parts and not line.startswith("#"):
            words[parts[0]] = parts[2] if len(parts) > 2 else "n"
    return words


def quoted_terms(docs: list[Doc]) -> Counter:
    """How often each short phrase stands in quotation marks “…” across the corpus."""
    return Counter(m.group(1) for doc in docs for m in _QUOTED.finditer(doc.prose))


def keyword_scores(docs: list[Doc]) -> dict[str, float]:
    """TF-IDF-like scores of the nouns of three or more characters across the corpus."""
    tf, df = Counter(), Counter()
    for doc in docs:
        counts = Counter(w for w, tag in doc.tagged_words if tag in _NOUN_TAGS and len(w) >= 3)
        tf.update(counts)
        df.update(set(counts))
    total = max(len(docs), 1)
    return {w: tf[w] * math.log(1 + total / df[w]) for w in tf if tf[w] >= 3}


def uses(form: str, docs: list[Doc]) -> list[str]:
    """The docnames whose prose (headings aside) contains form, in slug order."""
    return [doc.docname for doc in docs if form in doc.prose]


def find_definition(forms: list[str], docs: list[Doc]) -> Definition | None:
    """The strongest defining sentence of a term in the corpus (ties: shorter, then earlier article)."""
    found = []
    rank = {name: i for i, (name, _) in enumerate(DEFINITION_PATTERNS)}
    for order, doc in enumerate(docs):
        if not any(form in doc.prose for form in forms):
            continue  # the sentences are cut from the prose: no sentence of this article holds the term
        for sentence in doc.sentences:
            for form in forms:
                if form not in sentence:  # no pattern can match a sentence without the term
                    continue
                kind = definition_kind(form, sentence)
                if kind:
                    found.append((rank[kind], len(sentence), order, Definition(sentence, doc.docname, kind)))
    return min(found, key=lambda item: item[:3])[3] if found else None


def is_concept(word: str) -> bool:
    """A found phrase names a concept unless it is a description: an adjective before a noun
    that the dictionaries do not hold as one word (好案例, 大平台), which says how good or big
    something is, not what it is. Words of the user dictionary and the editors' additions are
    concepts by decision."""
    words = segmenter.cut_with_tags(word)
    return not (len(words) >= 2 and words[0][1].startswith("a") and all(tag.startswith("n") for _, tag in words[1:]))


def glossed(entries: list[Entry]) -> list[Entry]:
    """The entries of the glossary page: those with a gloss. The others stay concepts of the index."""
    return [entry for entry in entries if entry.glossed]


def select_terms(docs: list[Doc], curation: dict, statistical: int = 30) -> dict[str, list[str]]:
    """The glossary's terms, each with the reasons it was chosen (deterministic)."""
    chosen: dict[str, list[str]] = {}
    text = "\n".join(doc.prose for doc in docs)
    for word, tag in user_dictionary_terms().items():
        if tag not in {"nr", "ns", "nt"} and len(word) >= 3 and word in text:
            chosen.setdefault(word, []).append("user dictionary")
    for word, count in sorted(quoted_terms(docs).items()):
        if (count >= 2 or find_definition([word], docs)) and (word in chosen or is_concept(word)):
            chosen.setdefault(word, []).append(f"quoted ×{count}")
    scores = keyword_scores(docs)
    ranked = sorted((w for w in scores if w not in _COMMON and not w.endswith(("化", "性", "度"))),
                    key=lambda w: (-scores[w], w))
    for word in [w for w in ranked if w in chosen or is_concept(w)][:statistical]:
        chosen.setdefault(word, []).append(f"keyword score {scores[word]:.1f}")
    for word in curation["add"]:
        chosen.setdefault(word, []).append("glossary.toml add")
    for word in curation["drop"]:
        chosen.pop(word, None)
    return chosen


def build(docs: list[Doc], curation: dict | None = None) -> list[Entry]:
    """The corpus's key concepts as entries, ordered by pinyin; `glossed()` picks the glossary's."""
    curation = curation if curation is not None else load_curation()
    chosen = select_terms(docs, curation)
    merged: dict[str, Entry] = {}
    for word, reasons in chosen.items():
        shown = curation["rename"].get(word, word)
        entry = merged.setdefault(shown, Entry(term=shown, forms=[], anchor=""))
        for form in (shown, word):
            if form not in entry.forms:
                entry.forms.append(form)
        entry.sources.extend(reasons)
    entries = []
    anchors: set[str] = set()
    for entry in sorted(merged.values(), key=lambda e: pinyin_key(e.term)):
        entry.forms = [f for f in entry.forms if f == entry.term or any(f in d.prose for d in docs)]
        entry.uses = sorted({name for form in entry.forms for name in uses(form, docs)})
        entry.editor_gloss = curation["gloss"].get(entry.term)
        entry.definition = find_definition(entry.forms, docs)
        if not entry.uses and not entry.editor_gloss:
            continue
        anchor = base = "term-" + pinyin_slug(entry.term)
        serial = 2
        while anchor in anchors:
            anchor, serial = f"{base}-{serial}", serial + 1
        anchors.add(anchor)
        entry.anchor = anchor
        entries.append(entry)
    return entries


# A list of uses names at most this many articles; the general index has them all.
USES_LISTED = 12


def _doc_links(docnames: list[str]) -> str:
    links = "、".join(f"{{doc}}`{name}`" for name in docnames[:USES_LISTED])
    if len(docnames) > USES_LISTED:
        links += f"等 {len(docnames)} 篇（全部见{{ref}}`总索引 <genindex>`）"
    return links


def gloss_markup(entry: Entry) -> str:
    """The MyST text of one gloss: the editor's gloss, the quoted definition, or the list of uses."""
    parts = []
    if entry.editor_gloss:
        parts.append(f"〔编者〕{escape(entry.editor_gloss)}")
    if entry.definition:
        d = entry.definition
        parts.append(f"「{escape(d.sentence)}」——见 {{doc}}`{d.docname}`")
        others = [name for name in entry.uses if name != d.docname]
        if others:
            parts.append("另见于：" + _doc_links(others))
    elif entry.uses:
        parts.append("见于：" + _doc_links(entry.uses))
    return "\u3000".join(parts)


def render(entries: list[Entry]) -> str:
    """The glossary page in MyST: a {glossary} directive with the terms in pinyin order."""
    lines = [
        "(glossary)=",
        "# 术语表",
        "",
        "本表收录文选中反复出现的关键概念，按汉语拼音排序。凡有文章给出定义的，引用其定义句"
        "（「」内为原文）并注明出处；标〔编者〕者为编者所加的释义。既无定义句、又无编者释义的"
        "用语不收入本表，见{ref}`总索引 <genindex>`。",
        "",
        "```{glossary}",
    ]
    for entry in glossed(entries):
        lines.append(escape(entry.term))
        lines += [escape(form) for form in entry.forms if form != entry.term]   # other forms, same gloss
        lines.append("  " + gloss_markup(entry))
        lines.append("")
    lines[-1:] = ["```", ""]
    return "\n".join(lines)


def home_articles(entries: list[Entry]) -> dict[str, str]:
    """The forms of glossary terms whose entry leads only back to one article (the only one that uses
    the term, or quotes its definition, with no editors' gloss), mapped to that article: a mention
    there is not linked, since the link would send the reader back to the page they came from."""
    homes = {}
    for entry in glossed(entries):
        targets = entry.targets()
        if len(targets) == 1 and not entry.links_from(next(iter(targets))):
            homes.update({form: next(iter(targets)) for form in entry.forms})
    return homes


def terms_map(entries: list[Entry]) -> dict[str, str | None]:
    """Every form under which a glossary term is found (each a term line of the glossary), mapped to its anchor."""
    mapping = {}
    for entry in glossed(entries):
        for form in entry.forms:
            mapping[form] = entry.anchor if form == entry.term else f"{entry.anchor}--{pinyin_slug(form)}"
    return mapping
