"""The edition's listing pages: the landing page, one page per theme, and the lists by source and by author."""

import re
from collections import defaultdict

from .corpus import Doc, escape, pinyin_key
from .themes import Assignment, Theme

REPOSITORY_HINT = "CONTRIBUTING.md"


def _line_start(doc: Doc) -> int:
    """The first seed line of an article (for page order); articles without one go last."""
    lines = str(doc.source.get("lines", "")).split(",")[0].split("-")[0].strip()
    return int(lines) if lines.isdigit() else 10**9


def reading_order(docs: list[Doc]) -> list[Doc]:
    """Articles in a stable order: by seed page, then where they start on it, then slug."""
    return sorted(docs, key=lambda d: (str(d.source.get("page", "")), _line_start(d), d.slug))


def printed_date(value) -> str:
    """A date as printed in Chinese: 2025-08-24 → 2025年8月24日 (other text unchanged)."""
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", str(value))
    return f"{match[1]}年{int(match[2])}月{int(match[3])}日" if match else str(value)


def source_line(doc: Doc) -> str:
    """Newspaper, date, page and section of an article, as far as known (escaped)."""
    source = doc.source
    parts = [f"《{str(source['newspaper']).strip('《》')}》"] if source.get("newspaper") else []
    if source.get("date"):
        parts.append(printed_date(source["date"]))
    if source.get("folio"):
        parts.append(f"第{source['folio']}版")
    if source.get("section"):
        parts.append(str(source["section"]))
    return escape("　".join(parts))


def byline(doc: Doc) -> str:
    """Authors and affiliation of an article (escaped), or an empty string."""
    names = "、".join(doc.authors)
    affiliation = doc.institution
    if names and affiliation:
        return escape(f"{names}（{affiliation}）")
    return escape(names or affiliation)


def article_card(doc: Doc) -> list[str]:
    """A sphinx-design card for one article: title, byline, source and first sentence."""
    lines = [f"::::{{grid-item-card}} {escape(doc.title)}", f":link: /{doc.docname}", ":link-type: doc", ""]
    for text in (byline(doc), source_line(doc)):
        if text:
            lines += [text, ""]
    if doc.first_sentence:
        lines += [escape(doc.first_sentence), ""]
    return lines + ["::::", ""]


def theme_page(theme: Theme, docs: list[Doc]) -> str:
    """The page of one theme: its introduction, one card per article, a hidden toctree of the articles."""
    lines = [f"(theme-{theme.slug})=", f"# {escape(theme.name)}", "", escape(theme.intro), ""]
    if not docs:
        return "\n".join(lines + ["本专题暂无文章。", ""])
    lines += [f"本专题共 {len(docs)} 篇文章。", "", ":::::{grid} 1", ":gutter: 2",
              ":class-container: no-search", ""]   # the articles themselves are what search should find
    for doc in docs:
        lines += article_card(doc)
    lines += [":::::", "", "```{toctree}", ":hidden:", ""]
    lines += [f"/{doc.docname}" for doc in docs]
    return "\n".join(lines + ["```", ""])


def landing_page(themes: list[Theme], counts: dict[str, int], appendices: list[str]) -> str:
    """The landing page: what the edition is, theme cards, how to read, search, cite and correct, the toctrees."""
    lines = [
        "# 理论版文选", "",
        "本文选收录报纸理论版刊发的理论与评论文章，作者来自各级党校、高校、研究机构和地方党政部门。"
        "文本取自报纸版面的文字，经过整理与校对：修复了提取时损坏的标点，重新接续了因分栏断开的段落，"
        "去除了版面上的报头、页码等杂项。凡编者所加的文字都以〔 〕标出并说明理由。", "",
        "## 专题", "",
        "文章按专题编排。每篇文章只属于一个专题，按下列顺序阅读即是全书的顺序。", "",
        ":::::{grid} 1 2 2 2", ":gutter: 2", "",
    ]
    for theme in themes:
        lines += [f"::::{{grid-item-card}} {escape(theme.name)}", f":link: /{theme.docname}", ":link-type: doc", "",
                  escape(theme.intro), "", f"共 {counts.get(theme.name, 0)} 篇", "", "::::", ""]
    lines += [
        ":::::", "",
        "## 如何阅读", "",
        "从上面的专题进入，每个专题页列出该专题的全部文章及其作者、出处和首句。"
        "每篇文章开头注明原刊的报纸、日期和版次；文中的关键概念链接到{doc}`术语表 <glossary>`。", "",
        "## 如何检索", "",
        "页面上方的搜索框支持中文全文检索。也可以查阅{ref}`总索引 <genindex>`（人名、地名、机构、文件和概念，按拼音排序）、"
        "{doc}`按来源 <by-source>`和{doc}`按作者 <by-author>`排列的篇目。", "",
        "## 如何引用", "",
        "引用时请注明原作者、原刊报纸、日期和版次（见每篇文章开头），并可附上本文选中该文的网址。"
        "文章各节的锚点是稳定的，可以直接链接到某一节。", "",
        "## 如何纠错", "",
        "发现文字错误，请点击页面上的编辑链接，直接修改该文的 Markdown 文件并提交合并请求（pull request）；"
        f"具体做法见仓库中的 {REPOSITORY_HINT}。经校对的修改会保留下来，重新生成时不会被覆盖。", "",
        "```{toctree}", ":hidden:", ":caption: 专题", ":maxdepth: 2", "",
    ]
    lines += [theme.docname for theme in themes]
    lines += ["```", "", "```{toctree}", ":hidden:", ":caption: 附录", ""]
    lines += appendices
    return "\n".join(lines + ["```", ""])


def by_source_page(docs: list[Doc]) -> str:
    """The articles grouped by the seed page they come from, with newspaper, date and page."""
    lines = ["# 按来源", "", "按原报纸版面排列的篇目。每个版面注明报纸、日期和版次（就版面所见）。", ""]
    pages: dict[str, list[Doc]] = defaultdict(list)
    for doc in reading_order(docs):
        pages[str(doc.source.get("page", "") or "未注明版面")].append(doc)
    for page in sorted(pages):
        first = pages[page][0]
        lines += [f"## {escape(page)}", ""]
        described = source_line(first)
        if described:
            lines += [described, ""]
        for doc in pages[page]:
            lines.append(f"- {{doc}}`{doc.docname}`" + (f"　{byline(doc)}" if byline(doc) else ""))
        lines.append("")
    return "\n".join(lines)


def by_author_page(docs: list[Doc]) -> str:
    """The articles listed by author and by institution, both in pinyin order."""
    lines = ["# 按作者", "", "按作者和作者单位排列的篇目（按汉语拼音排序）。", "", "## 作者", ""]
    by_author: dict[str, list[Doc]] = defaultdict(list)
    by_institution: dict[str, list[Doc]] = defaultdict(list)
    for doc in reading_order(docs):
        for author in doc.authors:
            by_author[author].append(doc)
        if doc.institution:
            by_institution[doc.institution].append(doc)
    for author in sorted(by_author, key=pinyin_key):
        links = "、".join(f"{{doc}}`{d.docname}`" for d in by_author[author])
        lines.append(f"- {escape(author)}：{links}")
    if not by_author:
        lines.append("（暂无署名文章。）")
    lines += ["", "## 作者单位", ""]
    for institution in sorted(by_institution, key=pinyin_key):
        links = "、".join(f"{{doc}}`{d.docname}`" for d in by_institution[institution])
        lines.append(f"- {escape(institution)}：{links}")
    if not by_institution:
        lines.append("（暂无注明单位的文章。）")
    return "\n".join(lines + [""])


def theme_members(docs: list[Doc], assignments: list[Assignment]) -> dict[str, list[Doc]]:
    """The articles of each theme (by theme name), in reading order."""
    theme_of = {a.docname: a.theme.name for a in assignments}
    members: dict[str, list[Doc]] = defaultdict(list)
    for doc in reading_order(docs):
        members[theme_of[doc.docname]].append(doc)
    return members
