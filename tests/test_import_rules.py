"""Table-driven cases for the rules of the import stages: furniture, line forms, unwrap, headings and escaping."""

import pytest

from tools.importer import emit, forms, furniture, headings
from tools.importer.model import Block, Line
from tools.importer.unwrap import squeeze_spaces, unwrap


@pytest.mark.parametrize("line, rule", [
    ("2025 年 8 月 24 日 星期日 投稿热线：18583697193", "masthead-date"),
    ("投稿热线：010-65363526", "hotline"),
    ("本版投稿邮箱: hzrb118yeban@163.com 邮件主题请注明\"思学\"二字。", "submission-note"),
    ("联系我们：lilun@example.com", "email"),
    ("责编：袁志彬 美编：鲁敏", "editor-credit"),
])
def test_furniture_lines_are_recognized(line, rule):
    found = furniture.match_rule(line, in_top=False)
    assert found is not None and found.name == rule


@pytest.mark.parametrize("line", [
    "2022年6月，习近平总书记对机关事务",          # a date inside prose is not a masthead
    "编辑部门要加强协作，提高效率。",               # 编辑 as a word, not a credit
    "3",                                           # a lone number outside the masthead zone
    "理论",                                        # a page name outside the masthead zone
])
def test_prose_is_not_furniture(line):
    assert furniture.match_rule(line, in_top=False) is None


@pytest.mark.parametrize("line, rule", [("3", "folio"), ("理论", "section-name"), ("ENTREPRENEURS' DAILY", "latin-masthead")])
def test_masthead_zone_lines(line, rule):
    assert furniture.match_rule(line, in_top=True).name == rule


def test_page_facts_are_read_from_the_masthead():
    lines = [Line(1, "理论"), Line(2, "2025 年 8 月 24 日 星期日 投稿热线：1 ENTREPRENEURS' DAILY"), Line(3, "3"),
             Line(4, "以党建引领机关事务工作高质量发展")]
    kept, facts = furniture.remove_furniture(lines)
    assert (facts.date, facts.folio, facts.section, facts.newspaper_latin) == ("2025-08-24", "3", "理论", "ENTREPRENEURS' DAILY")
    assert [line.text for line in kept] == ["", "", "", "以党建引领机关事务工作高质量发展"]


@pytest.mark.parametrize("text, after_title, expected", [
    ("■ 关超艺", False, True),
    ("姻 侯喆", False, True),
    ("■ 古丽阿依姆·麦提热依姆", False, True),
    ("■ 张三 李四", False, True),
    ("崔凌凤", True, True),
    ("崔凌凤", False, False),          # a bare name only counts right under a title
    ("功能定位", False, False),
    ("■ 这是一句很长的话而不是署名，", False, False),
])
def test_bylines(text, after_title, expected):
    assert forms.is_byline(text, after_title) is expected


@pytest.mark.parametrize("text, kind", [
    ("（作者单位：三峡大学）", "affiliation"),
    ("(作者单位:新疆大学政治与公共管理学院(国家安全学院))", "affiliation"),
    ("作者单位为无棣县融媒体中心", "affiliation"),
    ("（作者单位系湖州学院）", "affiliation"),
    ("（作者系内蒙古师范大学政府管理学院副教授）", "author_note"),
    ("（载《经济日报》）", "reprinted_from"),
    ("【课题项目】本文系2025年度课题阶段性研究成果", "project_note"),
    ("作者单位的改革是一项系统工程。", ""),
    ("（一）强化战略引领", ""),
])
def test_end_notes(text, kind):
    assert forms.endnote_kind(squeeze_spaces(text)) == kind


@pytest.mark.parametrize("text, scheme", [
    ("一、强化有为政府建设", "cn"), ("（三）创新政商协同", "paren"), ("(一)技术赋能", "paren"),
    ("1.核心指导理念", "arabic"), ("第一，区域发展不均衡", "ordinal"), ("2025年度课题", ""),
    ("一是优化营商环境", ""), ("3.5%的增长", ""),
])
def test_numbering_schemes(text, scheme):
    assert forms.numbering(text) == scheme


@pytest.mark.parametrize("raw, clean", [
    ("构建亲清政商关系是营造良好政 治生态", "构建亲清政商关系是营造良好政治生态"),
    ("贡献了 50%以上的税收", "贡献了50%以上的税收"),
    ("华为 5G技术标准", "华为5G技术标准"),
    ("ENTREPRENEURS' DAILY", "ENTREPRENEURS' DAILY"),
    ("“产业 +”数字化转型", "“产业+”数字化转型"),
])
def test_extraction_spaces(raw, clean):
    assert squeeze_spaces(raw) == clean


def lines(*texts: str) -> list[Line]:
    return [Line(n, t) for n, t in enumerate(texts, 1)]


COLUMN = [
    "以党建引领机关事务工作高质量发展", "", "■ 侯喆",
    "2022年6月，习近平总书记对机关事务", "", "工作作出战略擘画，明确了职能定位和目标方",
    "向，为新时代机关事务工作指明了发展方", "向，提供了根本遵循。", "",
    "一、凝心铸魂，在加强党的政治建设筑牢", "思想根基上下功夫", "",
    "机关事务部门不仅是后勤机关，更是政治", "机关，必须旗帜鲜明地将政治属性置于一切",
    "工作的首位。", "第一，技术首发助推新质生产力的技术", "创新。技术首发以突破性原创技术为引擎，",
    "聚焦基础研究。",
]


def test_column_text_is_unwrapped_into_title_byline_headings_and_paragraphs():
    blocks = unwrap(lines(*COLUMN))
    assert [(b.kind, b.text) for b in blocks] == [
        ("head", "以党建引领机关事务工作高质量发展"),
        ("byline", "■ 侯喆"),
        ("para", "2022年6月，习近平总书记对机关事务工作作出战略擘画，明确了职能定位和目标方向，"
                 "为新时代机关事务工作指明了发展方向，提供了根本遵循。"),
        ("head", "一、凝心铸魂，在加强党的政治建设筑牢思想根基上下功夫"),
        ("para", "机关事务部门不仅是后勤机关，更是政治机关，必须旗帜鲜明地将政治属性置于一切工作的首位。"),
        ("para", "第一，技术首发助推新质生产力的技术创新。技术首发以突破性原创技术为引擎，聚焦基础研究。"),
    ]


def test_a_break_mid_sentence_is_joined_even_across_a_blank_line():
    long = "坚持以现代化产业体系为目标，紧抓发展新质生产力的“主动脉”。现代化产业体系是"
    blocks = unwrap(lines(long, "", "加快发展新质生产力不可或缺的重要载体。", "", "下一段从这里开始，并且完整结束。"))
    assert [b.text for b in blocks] == [long + "加快发展新质生产力不可或缺的重要载体。", "下一段从这里开始，并且完整结束。"]


def test_editorial_breaks_and_joins():
    blocks = unwrap(lines("领导班子成员带", "", "随着我国社会主要矛盾转化，需求升级。"), breaks=["领导班子成员带"])
    assert [b.text for b in blocks] == ["领导班子成员带", "随着我国社会主要矛盾转化，需求升级。"]
    blocks = unwrap(lines("前一段在这里说完了它要说的话，并且以一个句号完整地结束，不再延续到下一行的文字之中。", "", "在亲清新型政商关系", "", "建中，要注意建章立制。"), joins=["在亲清新型政商关系"])
    assert [b.text for b in blocks][-1] == "在亲清新型政商关系建中，要注意建章立制。"


def test_inline_end_note_gets_its_own_block():
    blocks = unwrap(lines("不断拓展外贸发展新空间。（作者系江西省社会科学院研究员）"))
    assert [(b.kind, b.text) for b in blocks] == [("para", "不断拓展外贸发展新空间。"), ("endnote", "（作者系江西省社会科学院研究员）")]


@pytest.mark.parametrize("texts, expected", [
    # 一、 above （一） above 1.
    ([("一、总体要求", "cn"), ("（一）目标", "paren"), ("1.第一步", "arabic"), ("二、保障", "cn")],
     [(2, "s1"), (3, "s1-1"), (4, "s1-1-1"), (2, "s2")]),
    # an article whose only scheme is （一） puts it at the top level
    ([("（一）法治筑基", "paren"), ("（二）技术赋能", "paren")], [(2, "s1"), (2, "s2")]),
    # unnumbered section lines sit above （一）
    ([("政府监管面临的现实困境", ""), ("政府监管效能提升的核心路径", ""), ("（一）法治筑基", "paren")],
     [(2, "s1"), (2, "s2"), (3, "s2-1")]),
    # with 一、 headings present, unnumbered ones sit below them
    ([("一、总体要求", "cn"), ("创新服务保障模式", "")], [(2, "s1"), (3, "s1-1")]),
])
def test_heading_hierarchy_keeps_printed_numbers_and_stable_anchors(texts, expected):
    blocks = [Block("head", text, [n], numbered=scheme) for n, (text, scheme) in enumerate(texts)]
    result = headings.normalize(blocks, "a")
    assert [(result[i].level, result[i].anchor.removeprefix("a-")) for i in range(len(blocks))] == expected
    assert [result[i].text for i in range(len(blocks))] == [text for text, _ in texts]


@pytest.mark.parametrize("text, escaped", [
    ("<script>alert(1)</script>", r"\<script\>alert(1)\</script\>"),
    ("# 不是标题", r"\# 不是标题"),
    ("1. 不是列表", r"1\. 不是列表"),
    ("{role}`x`", r"\{role\}\`x\`"),
    ("[a](javascript:alert(1))", r"\[a\](javascript:alert(1))"),
    (":::{note}", r"\:::\{note\}"),
    ("(label)=", r"\(label)="),
    ("% 注释", r"\% 注释"),
    ("A&amp;B *x* _y_ |a|", r"A\&amp;B \*x\* \_y\_ \|a\|"),
    ("普通的中文句子。", "普通的中文句子。"),
])
def test_escaping_keeps_text_as_text(text, escaped):
    assert emit.escape(text) == escaped
