"""Rule tests of tools/importer/repair.py: each rule on its own as input/expected pairs, then whole seed pages."""

import re
from pathlib import Path

import pytest

from tools.importer import repair
from tools.importer.readers.text import decode

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
DAMAGED_PAGE = SEEDS / "000_c579e9d260a4ea39.txt"
CLEAN_PAGES = sorted(page for page in SEEDS.glob("*.txt") if page != DAMAGED_PAGE)
# Every damaged form of the marks the Founder rule knows, computed the way the rule computes them.
DAMAGED_FORMS = "".join(repair.founder_marks().singles) + "".join(
    "".join(pair) for pair in repair.founder_marks().pairs)


def page_text(path: Path) -> str:
    return decode(path.read_bytes(), str(path))


# ---------------------------------------------------------------- Founder damage

# (punctuation mark, its Founder-damaged form): the examples of DESIGN.md.
DAMAGED_FORM_OF = [("、", "尧"), ("，", "袁"), ("。", "遥"), ("：", "院"), ("（", "渊"), ("）", "冤"),
                   ("“", "野"), ("”", "冶"), ("■", "姻"), ("；", "曰"), ("？", "钥"), ("！", "浴"), ("·", "窑")]


@pytest.mark.parametrize("mark, damaged", DAMAGED_FORM_OF)
def test_damaged_form_is_the_gbk_code_with_lead_byte_plus_0x31(mark, damaged):
    assert repair.founder_damaged_form(mark) == damaged


# (damaged text, repaired text): damage anywhere in a line, at a line's start or end, and in pairs.
FOUNDER_DAMAGE = [
    ("一尧凝心铸魂袁在加强党的政治建设筑牢", "一、凝心铸魂，在加强党的政治建设筑牢"),
    ("渊作者单位院天津市机关后勤事务服务中心冤", "（作者单位：天津市机关后勤事务服务中心）"),
    ("渊一冤强化战略引领", "（一）强化战略引领"),
    ("第二袁消费场景日益野同质化冶遥随着市场", "第二，消费场景日益“同质化”。随着市场"),
    ("第三袁可持续发展能力不足遥 一方面", "第三，可持续发展能力不足。 一方面"),
    ("第二袁以技术创新驱动消费场景升级遥打", "第二，以技术创新驱动消费场景升级。打"),
    ("构建政策协同尧产教融合的长效机\n制遥要破解政策碎片化困局", "构建政策协同、产教融合的长效机\n制。要破解政策碎片化困局"),
    ("第一袁 技术首发助推\n\n创新遥技术首发", "第一， 技术首发助推\n\n创新。技术首发"),
    ("技术创新\n袁技术首发", "技术创新\n，技术首发"),
    ("区域发展不均衡遥\n从当前市场形势", "区域发展不均衡。\n从当前市场形势"),
    ("渊作者单位院三峡\n大学冤", "（作者单位：三峡\n大学）"),
    ("力。 渊作者单位院三峡大学冤", "力。 （作者单位：三峡大学）"),
    ("姻 侯喆", "■ 侯喆"),
    ("古丽阿依姆窑麦提热依姆", "古丽阿依姆·麦提热依姆"),
    ("人民至上曰坚持自信自立", "人民至上；坚持自信自立"),
    ("如何优化营商环境钥如何处理", "如何优化营商环境？如何处理"),
]


@pytest.mark.parametrize("damaged, repaired", FOUNDER_DAMAGE)
def test_founder_damage_is_undone(damaged, repaired):
    text, count = repair.undo_founder_damage(damaged)
    assert text == repaired
    assert count == sum(a != b for a, b in zip(damaged, repaired))


# Real words and names written with the damaged forms: the Founder rule must leave each one alone.
REAL_WORDS = [
    "责编：袁志彬 美编：鲁敏",
    "记者袁野报道",
    "作者袁志彬认为",
    "■ 袁建国",
    "袁隆平院士",
    "以国际化视野打造",
    "更宽视\n野开推出研究",
    "西安科技大学马克思主义学院",
    "学院院长",
    "法院",
    "思想的理论渊源、科学体系",
    "深渊",
    "冤枉",
    "野生动物",
    "田野调查",
    "陶冶情操",
    "冶金工业",
    "遥远的地方",
    "遥感技术",
    "尧舜禹",
    "婚姻",
    "联姻",
    "因噎废食",
    "窑洞",
    "钥匙",
    "沐浴",
    "枝叶摇曳",
    "爷爷",
    "我也要去",
    "一业一证",
]


@pytest.mark.parametrize("text", REAL_WORDS)
def test_real_words_are_not_founder_damage(text):
    assert repair.undo_founder_damage(text) == (text, 0)


# (text, shows the Founder pattern): the rule fires only with three distinct damaged marks or more.
PATTERN = [
    ("一尧凝心铸魂袁在加强党的政治建设筑牢", False),  # two marks: not enough
    ("渊作者单位院天津市机关后勤事务服务中心冤", True),  # （ ： ）
    ("一尧凝心铸魂袁在加强。创新遥技术", True),
    ("中的拆墙并院、腾挪空间", False),
    ("责编：袁志彬 美编：鲁敏，以国际化视野打造，学院。", False),
]


@pytest.mark.parametrize("text, shows", PATTERN)
def test_the_pattern_needs_several_distinct_damaged_marks(text, shows):
    assert repair.shows_founder_damage(text) is shows
    expected = repair.undo_founder_damage(text)[0] if shows else text
    assert repair.founder_punctuation(text)[0] == expected


# ---------------------------------------------------------------- full-width punctuation

FULL_WIDTH = [
    ("基本原则:其一,要将党的领导;其二,应按照", "基本原则：其一，要将党的领导；其二，应按照"),
    ("如何优化营商环境? 如何处理", "如何优化营商环境？ 如何处理"),
    ("真正体现了!", "真正体现了！"),
    ("2016年,习近平总书记", "2016年，习近平总书记"),
    ("3月6日, 习近平", "3月6日， 习近平"),
    ("Lululemon,就将运动服饰", "Lululemon，就将运动服饰"),
    ("(作者单位:鄂尔多斯市华兴能源有限责任公司)", "（作者单位：鄂尔多斯市华兴能源有限责任公司）"),
    ("(作者单位:新疆大学政治与公共管理学院(国家安全学院))", "（作者单位：新疆大学政治与公共管理学院（国家安全学院））"),
    ("(编号:2025ZJFLTD15)阶段性", "（编号：2025ZJFLTD15）阶段性"),
    ("**(一)技术赋能:打破信息壁垒**", "**（一）技术赋能：打破信息壁垒**"),
    ("乡镇(街道\n) 和城乡社区", "乡镇（街道\n） 和城乡社区"),
    ("提出:\n“完善产权保护", "提出：\n“完善产权保护"),
    ("“亲清直通车”,全力打造", "“亲清直通车”，全力打造"),
    # Latin and number context stays as it is.
    ("约稿邮箱：qyjrbllb@163.com", "约稿邮箱：qyjrbllb@163.com"),
    ("圆周率约为3.14", "圆周率约为3.14"),
    ("ENTREPRENEURS' DAILY", "ENTREPRENEURS' DAILY"),
    ("编号2025ZJFLTD15", "编号2025ZJFLTD15"),
    ("网址 http://x.cn 可查", "网址 http://x.cn 可查"),
    ("公式(a+b)的值", "公式(a+b)的值"),
    ("达到3,000亿元", "达到3,000亿元"),
    ("会议于10:30开始", "会议于10:30开始"),
    ("1.核心指导理念", "1.核心指导理念"),
]


@pytest.mark.parametrize("before, after", FULL_WIDTH)
def test_full_width_punctuation_in_chinese_context(before, after):
    text, count = repair.full_width_punctuation(before)
    assert text == after
    assert count == sum(a != b for a, b in zip(before, after))


# ---------------------------------------------------------------- quotes

DOUBLE_QUOTES = [
    ('每周三"亲清直通车·政企恳谈会",全力', "每周三“亲清直通车·政企恳谈会”,全力"),
    ('与以往"季节性""活动式"座谈', "与以往“季节性”“活动式”座谈"),
    ('湖州"亲清直通\n车·政企恳谈会"真正', "湖州“亲清直通\n车·政企恳谈会”真正"),
    # A quotation broken by a column break (blank line) closes in the next paragraph.
    ('形成了"交办、办\n\n理、回复、评价"闭环机制。', "形成了“交办、办\n\n理、回复、评价”闭环机制。"),
    # A stray quote left open does not turn the next paragraph's quotes around.
    ('一个"孤立的引号。\n\n设立"民营企业家节"。', "一个“孤立的引号。\n\n设立“民营企业家节”。"),
]


@pytest.mark.parametrize("before, after", DOUBLE_QUOTES)
def test_straight_double_quotes_are_paired(before, after):
    text, count = repair.paired_double_quotes(before)
    assert text == after
    assert count == before.count('"')


SINGLE_QUOTES = [
    ("“对领导干部而言,所谓'亲',就是", "“对领导干部而言,所谓‘亲’,就是"),
    ("所谓'亲',所谓'清'。", "所谓‘亲’,所谓‘清’。"),
    ("ENTREPRENEURS' DAILY", "ENTREPRENEURS' DAILY"),
    ("it's 'quoted' here", "it's 'quoted' here"),
]


@pytest.mark.parametrize("before, after", SINGLE_QUOTES)
def test_straight_single_quotes_are_paired_in_chinese_context(before, after):
    assert repair.paired_single_quotes(before)[0] == after


# ---------------------------------------------------------------- middle dots

MIDDLE_DOTS = [
    ("自去年6月“亲清直通车・政企恳谈会”", "自去年6月“亲清直通车·政企恳谈会”"),
    ("古丽阿依姆•麦提热依姆", "古丽阿依姆·麦提热依姆"),
    ("马克思‧恩格斯", "马克思·恩格斯"),
    ("• 列表项", "• 列表项"),  # a bullet that is not between hanzi stays
    ("A・B", "A・B"),
]


@pytest.mark.parametrize("before, after", MIDDLE_DOTS)
def test_look_alike_middle_dots_between_hanzi(before, after):
    assert repair.middle_dots(before)[0] == after


# ---------------------------------------------------------------- the whole stage

def test_repair_counts_each_kind_and_keeps_lines():
    before = '一尧凝心铸魂袁在加强\n渊作者单位院天津冤\n每周三"亲清直通车・政企恳谈会",全力'
    after, counts = repair.repair(before)
    assert after == "一、凝心铸魂，在加强\n（作者单位：天津）\n每周三“亲清直通车·政企恳谈会”，全力"
    assert counts == {"founder-punctuation": 5, "middle-dot": 1, "paired-quotes": 2, "full-width-punctuation": 1}


def test_the_damaged_seed_page_is_repaired():
    before = page_text(DAMAGED_PAGE)
    after, counts = repair.repair(before)
    assert after.count("\n") == before.count("\n")
    assert counts["founder-punctuation"] > 0
    for word in ("袁志彬", "视野", "学院"):  # the real words of the page that use damaged forms
        assert after.count(word) == before.count(word) > 0, word
    without_real_words = re.sub("袁志彬|视野|学院", "", after)
    assert re.findall(f".{{0,6}}[{DAMAGED_FORMS}].{{0,6}}", without_real_words) == []
    for repaired in ("一、凝心铸魂，在加强", "（作者单位：三峡大学）", "“同质化”。", "■ 侯喆"):
        assert repaired in after


@pytest.mark.parametrize("page", CLEAN_PAGES, ids=[page.stem for page in CLEAN_PAGES])
def test_the_founder_rule_does_not_fire_on_clean_seed_pages(page):
    before = page_text(page)
    after, counts = repair.repair(before)
    assert counts["founder-punctuation"] == 0
    assert after.count("\n") == before.count("\n")
    assert not re.search(r"[\u4e00-\u9fff][,;:?!]|[,;:?!][\u4e00-\u9fff]", after)


def test_repair_is_idempotent():
    for page in [DAMAGED_PAGE, *CLEAN_PAGES]:
        once, _ = repair.repair(page_text(page))
        assert repair.repair(once) == (once, {}), page.name
