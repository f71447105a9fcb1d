"""Tests of the contributors' linter: each rule on good and bad text, the report, the exit code, the edition.

Add a rule case as one row of RULE_CASES (body text) or FRONT_MATTER_CASES (YAML). Whole-file
cases live in tests/fixtures/lint/ (see its README.md); regenerate their expected reports with
`LINT_SAVE_GOLDEN=1 .venv/bin/python -m pytest tests/test_lint.py` and read the diff.
"""

import os
from pathlib import Path

import pytest

from tools.quality import lint
from tools.commands import lint as command

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "lint"
PROJECT = lint.Project.from_source(FIXTURES / "source", FIXTURES / "themes.toml")

FRONT = "---\ntitle: 标题\nsource:\n  page: 000_c579e9d260a4ea39\n  lines: 1-20\n---\n\n# 标题\n\n"


def codes(text: str) -> list[str]:
    return [finding.code for finding in lint.lint_text("case.md", text, PROJECT)]


# (code, good body text, bad body text): the good text must not raise the code, the bad must.
RULE_CASES = [
    ("t-001", "新质生产力，体制机制；要求：是否？是！（一）", "新质生产力,体制机制"),
    ("t-001", "Python 3.11, GB18030 (gbk) 10:30", "习近平总书记指出:要"),
    ("t-001", "数字2,000万元", "（一)强化战略引领"),
    ("t-002", "“健全因地制宜发展新质生产力体制机制”", "指出,\"健全因地制宜\""),
    ("t-003", "新质生产力代表科技革命", "新质生产力 代表科技革命"),
    ("t-003", "平台采用 AI 技术", "新动能 、新赛道"),
    ("t-003", "## 一、强化战略引领", "第一， 技术首发"),
    ("t-004", "2025年8月24日，G20峰会", "2025 年 8 月"),
    ("t-004", "从0到1的突破", "2022年 6月"),
    ("t-005", "“两个重大”“一个作表率”，《报告》（见〔1〕）【注】‘引’", "明确了“两个重大”“一个作表率"),
    ("t-005", "他说：“要读‘晋江经验’。”", "他说：“要读‘晋江经验”。"),
    ("t-005", "（一）", "一）"),
    ("d-001", "追溯理论渊源，深渊与冤屈", "渊一冤强化战略引领"),
    ("d-001", "渊源有自，冤案昭雪", "渊作者单位：三峡大学冤"),
    ("d-002", "更宽视野，陶冶情操，冶金工业", "消费场景日益野同质化冶，随着市场"),
    ("d-003", "作者单位：三峡大学", "（作者单位院三峡大学）"),
    ("d-004", "责编袁志彬同志，袁隆平院士", "第一袁技术首发助推新质生产力"),
    ("d-004", "遥远的山区，遥感技术，遥控飞机", "技术创新遥技术首发以突破性原创技术为引擎"),
    ("d-004", "尧舜之道，以德为先", "构建政策协同尧产教融合的长效机制"),
    ("d-004", "西安科技大学马克思主义学院", "创新遥"),
    ("f-001", "开通12345政务服务热线，畅通诉求渠道", "投稿热线：18583697193"),
    ("f-001", "热线电话要畅通", "服务热线：0531-12345678"),
    ("f-002", "打造“@跑·先锋”党建品牌", "约稿：qyjrbllb@163.com"),
    ("f-003", "基因编辑技术，编辑出版工作", "责编：袁志彬 美编：鲁敏"),
    ("f-003", "本书的编辑们认为", "编辑：张三"),
    ("f-004", "邮件往来频繁", "本版投稿邮箱：某某"),
    ("f-005", "2025年8月24日，习近平总书记指出", "2025年8月24日 星期日"),
    ("f-006", "姻亲关系的认定，按民法典办理。", "■ 关超艺"),
    ("f-006", "婚姻登记一网通办", "姻 侯喆"),
    ("f-006", "婚姻登记一网通办", "### ■ 古丽阿依姆·麦提热依姆"),
    ("x-001", "{term}`新质生产力`与{term}`营商 <亲清政商关系>`", "{term}`高质量发展`"),
    ("x-002", "(here)=\n## 一、节\n\n见{ref}`here`与[上文](#here)，又见{ref}`qinqing-s1`", "见{ref}`nowhere`"),
    ("x-002", "见{ref}`上文 <qinqing-s2>`", "见[上文](#nowhere)"),
    ("l-001", "第一段。\n\n第二段。", "第一段的前半，\n第一段的后半。"),
    ("l-001", "- 列表一\n- 列表二\n\n| 表 | 格 |\n| --- | --- |", "- 列表一\n接着写的一行"),
    ("l-001", "(s1)=\n## 一、标题\n正文紧接着标题。", "正文。\n(s1)=\n## 标题\n第一行\n第二行"),
    ("l-001", "```{note}\n指令里\n两行不算\n```", "> 引文一行\n> 引文二行"),
    ("l-002", "<!-- lint: ignore t-001 -->\n半角,逗号", "<!-- lint: ignore q-999 -->\n文字"),
]


@pytest.mark.parametrize(("code", "good", "bad"), RULE_CASES, ids=[f"{row[0]}-{n}" for n, row in enumerate(RULE_CASES)])
def test_rule_on_good_and_bad_text(code, good, bad):
    assert code not in codes(FRONT + good + "\n"), f"{code} raised on good text: {good!r}"
    assert code in codes(FRONT + bad + "\n"), f"{code} not raised on bad text: {bad!r}"


def front(yaml: str, heading: str = "# 标题") -> str:
    return f"---\n{yaml}\n---\n\n{heading}\n\n正文。\n"


GOOD_SOURCE = "source:\n  page: 000_c579e9d260a4ea39\n  lines: 1-20"

# (code, good front matter, bad front matter)
FRONT_MATTER_CASES = [
    ("m-001", f"title: 标题\n{GOOD_SOURCE}", "title: [标题\nsource: {"),
    ("m-002", f"title: 标题\n{GOOD_SOURCE}", GOOD_SOURCE),
    ("m-002", f"title: 标题\n{GOOD_SOURCE}", "title: 标题"),
    ("m-002", f"title: 标题\n{GOOD_SOURCE}", "title: 标题\nsource:\n  page: 000_c579e9d260a4ea39"),
    ("m-002", f"title: 标题\n{GOOD_SOURCE}", "title: 标题\nsource:\n  lines: 1-20"),
    ("m-003", f"title: 标题\nkicker: 学习宣传\nincomplete: 未完\n{GOOD_SOURCE}\n  folio: \"3\"",
     f"title: 标题\nauthor: 肖洁\n{GOOD_SOURCE}"),
    ("m-003", f"title: 标题\n{GOOD_SOURCE}\n  date: 2025-08-24", f"title: 标题\n{GOOD_SOURCE}\n  day: 24"),
    ("m-004", f"title: 标题\nauthors: [肖洁, 韩陆毅]\n{GOOD_SOURCE}", f"title: 标题\nauthors: 肖洁\n{GOOD_SOURCE}"),
    ("m-004", f"title: 标题\nauthors: [肖洁]\n{GOOD_SOURCE}", f"title: 标题\nauthors: [肖洁, 3]\n{GOOD_SOURCE}"),
    ("m-004", f"title: 标题\n{GOOD_SOURCE}", "title: 标题\nsource: 000_c579e9d260a4ea39"),
    ("m-004", "title: 标题\nsource:\n  page: p\n  lines: 12-40, 88-90",
     "title: 标题\nsource:\n  page: p\n  lines: 12-40,88-90"),
    ("m-004", "title: 标题\nsource:\n  page: p\n  lines: \"7\"", "title: 标题\nsource:\n  page: p\n  lines: 40-12"),
    ("m-004", f"title: 标题\n{GOOD_SOURCE}", f"title: 42\n{GOOD_SOURCE}"),
    ("m-004", f"title: 标题\neditorial:\n  - 编者拟题。\n{GOOD_SOURCE}", f"title: 标题\neditorial: 编者拟题\n{GOOD_SOURCE}"),
    ("m-005", f"title: 标题\ntheme: 党的建设\n{GOOD_SOURCE}", f"title: 标题\ntheme: 宇宙探索\n{GOOD_SOURCE}"),
    # an article imported from a PDF page: its column label, PDF pages and regions
    ("m-003", f"title: 标题\ncolumn: 有的放矢\n{GOOD_SOURCE}\n  pdf_pages: '1'\n  regions:\n  - [1, 28.3, 164.6, 219.0, 611.0]",
     f"title: 标题\n{GOOD_SOURCE}\n  pdf_page: '1'"),
    ("m-004", f"title: 标题\ncolumn: 有的放矢\n{GOOD_SOURCE}", f"title: 标题\ncolumn: [有的放矢]\n{GOOD_SOURCE}"),
    ("m-004", f"title: 标题\n{GOOD_SOURCE}\n  pdf_pages: '1-2'", f"title: 标题\n{GOOD_SOURCE}\n  pdf_pages: '2-1'"),
    ("m-004", f"title: 标题\n{GOOD_SOURCE}\n  regions:\n  - [2, 0, 0, 10.5, 20]",
     f"title: 标题\n{GOOD_SOURCE}\n  regions:\n  - [1, 219.0, 164.6, 28.3, 611.0]"),
    ("m-004", f"title: 标题\n{GOOD_SOURCE}\n  regions:\n  - [1, 1, 2, 3, 4]", f"title: 标题\n{GOOD_SOURCE}\n  regions: [1, 1, 2, 3, 4]"),
    ("m-005", f"title: 标题\ntheme: dangde-jianshe\n{GOOD_SOURCE}", f"title: 标题\ntheme: dangde\n{GOOD_SOURCE}"),
]


@pytest.mark.parametrize(("code", "good", "bad"), FRONT_MATTER_CASES,
                         ids=[f"{row[0]}-{n}" for n, row in enumerate(FRONT_MATTER_CASES)])
def test_front_matter_rule(code, good, bad):
    assert codes(front(good)) == [], f"good front matter raised: {codes(front(good))}"
    assert code in codes(front(bad))


@pytest.mark.parametrize(("heading", "ok"), [
    ("# 标题", True),
    ("# 标题\\*", False),
    ("# 别的标题", False),
    ("## 标题", False),
    ("# 标题\n\n# 标题二", False),
    ("## 一、节\n\n# 标题", False),
])
def test_h1_must_repeat_the_title(heading, ok):
    found = codes(front(f"title: 标题\n{GOOD_SOURCE}", heading))
    assert ("m-006" not in found) == ok, found


def test_h1_compares_the_unescaped_heading():
    assert codes(front(f"title: 标题*注*\n{GOOD_SOURCE}", "# 标题\\*注\\*")) == []


def test_theme_check_is_skipped_without_a_themes_file(tmp_path):
    project = lint.Project.from_source(FIXTURES / "source", tmp_path / "themes.toml")
    text = front(f"title: 标题\ntheme: 宇宙探索\n{GOOD_SOURCE}")
    assert project.themes is None
    assert lint.lint_text("case.md", text, project) == []


def test_term_check_is_skipped_without_a_glossary(tmp_path):
    project = lint.Project.from_source(tmp_path)
    assert lint.lint_text("case.md", FRONT + "{term}`高质量发展`\n", project) == []


# --- Suppression -----------------------------------------------------------------------------


def test_suppression_silences_the_next_line_only():
    assert codes(FRONT + "<!-- lint: ignore t-001 -->\n半角,逗号\n") == []
    assert codes(FRONT + "<!-- lint: ignore t-001 -->\n\n半角,逗号\n") == ["t-001"]
    assert codes(FRONT + "<!-- lint: ignore t-003 -->\n半角,逗号\n") == ["t-001"]


def test_suppression_takes_several_codes_and_myst_comments():
    assert codes(FRONT + "<!-- lint: ignore t-001, t-003 -->\n半角,逗号 空格\n") == []
    assert codes(FRONT + "% lint: ignore t-001\n半角,逗号\n") == []


def test_suppression_in_front_matter_is_a_yaml_comment():
    text = f"---\ntitle: 标题\n# lint: ignore m-003\nwordcount: 3\n{GOOD_SOURCE}\n---\n\n# 标题\n"
    assert codes(text) == []


# --- Robustness: a malformed file is a finding, never a traceback --------------------------------


@pytest.mark.parametrize(("text", "line"), [
    (b"# no front matter\n", 1),
    (b"---\ntitle: x\n", 1),
    (b"---\ntitle: x\nsource: [\n---\n# x\n", 4),
    (b"---\n- a list\n---\n# x\n", 2),
    (b"---\ntitle: \xff\xfe\n---\n", 2),
    (b"", 1),
])
def test_malformed_file_is_a_finding(text, line):
    findings = lint.lint_text("broken.md", text, PROJECT)
    assert findings[0].code == "m-001" and findings[0].line == line, findings


# --- The catalogue ------------------------------------------------------------------------------


def test_catalogue_entries_are_complete():
    for code, rule in lint.catalogue().items():
        assert rule.severity in {"error", "warning"}, code
        assert rule.message and rule.hint, code
        assert code[0] in "tdfmxl" and code[1] == "-" and code[2:].isdigit(), code


def test_every_code_is_tested():
    tested = {row[0] for row in RULE_CASES + FRONT_MATTER_CASES} | {"m-006"}
    assert set(lint.catalogue()) == tested


def test_every_function_rule_has_a_catalogue_entry():
    text = "\n".join(row[2] for row in RULE_CASES)
    for finding in lint.lint_text("all.md", FRONT + text + "\n", PROJECT):
        assert finding.code in lint.catalogue()


# --- Whole files: good fixtures lint clean, bad ones give their expected report -------------------


def test_good_fixtures_lint_clean():
    findings = lint.lint_paths([FIXTURES / "source"], PROJECT)
    assert lint.report(findings) == "0 problems"


def test_a_source_folder_means_its_articles():
    files = lint.article_files(FIXTURES / "source")
    assert files and all(path.parent.name == "articles" for path in files)


BAD = sorted((FIXTURES / "bad").glob("*.md"))


@pytest.mark.parametrize("case", BAD, ids=[path.stem for path in BAD])
def test_bad_fixture_report(case, monkeypatch):
    monkeypatch.chdir(FIXTURES)
    report = lint.report(lint.lint_paths([case.relative_to(FIXTURES)], PROJECT)) + "\n"
    expected = case.with_suffix(".expected")
    if os.environ.get("LINT_SAVE_GOLDEN"):
        expected.write_text(report, encoding="utf-8")
    assert report == expected.read_text(encoding="utf-8")


# --- Output format and exit code -------------------------------------------------------------------


def test_output_format():
    findings = lint.lint_text("articles/x.md", FRONT + "新质生产力,体制机制\n", PROJECT)
    assert lint.report(findings) == (
        "articles/x.md:10:6: t-001 Punctuation next to Chinese text must be full-width: half-width `,` found\n"
        "    Hint: Replace `,` with `，`. Half-width marks belong only between Latin letters or digits.\n"
        "1 problem in 1 file (1 error, 0 warnings)")


def test_count_over_several_files():
    findings = (lint.lint_text("a.md", FRONT + "甲,乙,丙\n", PROJECT)
                + lint.lint_text("b.md", FRONT + "丁,戊\n", PROJECT))
    assert lint.report(findings).endswith("\n3 problems in 2 files (3 errors, 0 warnings)")


@pytest.mark.parametrize(("body", "expected", "summary"), [
    ("新质生产力。\n", 0, "0 problems"),
    ("新质生产力,体制机制\n", 1, "1 problem in 1 file (1 error, 0 warnings)"),
    ("第一袁技术首发助推新质生产力\n", 0, "1 problem in 1 file (0 errors, 1 warning)"),
], ids=["clean", "error", "warning-only"])
def test_exit_code(tmp_path, capsys, body, expected, summary):
    article = tmp_path / "a.md"
    article.write_text(FRONT + body, encoding="utf-8")
    assert command.main([str(article), "--source", str(FIXTURES / "source")]) == expected
    assert capsys.readouterr().out.splitlines()[-1] == summary


def test_missing_path_is_a_usage_error(tmp_path, capsys):
    assert command.main([str(tmp_path / "nothing.md")]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_malformed_file_through_the_command(capsys):
    assert command.main([str(FIXTURES / "bad" / "malformed.md"), "--source", str(FIXTURES / "source")]) == 1
    assert "Traceback" not in capsys.readouterr().out


# --- The edition itself ------------------------------------------------------------------------------


def test_the_current_edition_passes():
    source = REPO / "source"
    findings = lint.lint_paths([source], lint.Project.from_source(source))
    assert findings == [], "\n" + lint.report(findings)
