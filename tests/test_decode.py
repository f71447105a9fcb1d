"""Rule tests of tools/importer/readers/text.py (decode): every accepted encoding gives the same text; bad pages are refused by rule."""

from pathlib import Path

import pytest

from tools.importer.readers.text import decode
from tools.errors import BadPage

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))

SAMPLE = "理论\n以党建引领机关事务工作高质量发展\n■ 侯喆\n“晋江经验”——新质生产力·《经济日报》\n"

# (name, how the sample's text is turned into bytes): each must decode to SAMPLE exactly.
VARIANTS = [
    ("utf-8", lambda text: text.encode("utf-8")),
    ("utf-8 with BOM", lambda text: b"\xef\xbb\xbf" + text.encode("utf-8")),
    ("gb18030", lambda text: text.encode("gb18030")),
    ("gb18030 with BOM", lambda text: ("\ufeff" + text).encode("gb18030")),
    ("utf-8, CRLF", lambda text: text.replace("\n", "\r\n").encode("utf-8")),
    ("utf-8, CR", lambda text: text.replace("\n", "\r").encode("utf-8")),
    ("utf-8 with BOM, CRLF", lambda text: b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")),
    ("gb18030, CRLF", lambda text: text.replace("\n", "\r\n").encode("gb18030")),
    ("gb18030, CR", lambda text: text.replace("\n", "\r").encode("gb18030")),
]


@pytest.mark.parametrize("name, encode", VARIANTS, ids=[name for name, _ in VARIANTS])
def test_every_encoding_variant_gives_the_same_text(name, encode):
    assert decode(encode(SAMPLE), "page.txt") == SAMPLE


def test_gbk_is_read_as_gb18030():
    text = "责编：袁志彬，美编：鲁敏。"  # GBK is a subset of GB18030
    assert decode(text.encode("gbk"), "page.txt") == text


@pytest.mark.parametrize("seed", SEEDS, ids=[seed.stem for seed in SEEDS])
@pytest.mark.parametrize("name, encode", VARIANTS, ids=[name for name, _ in VARIANTS])
def test_every_seed_decodes_the_same_in_every_variant(seed, name, encode):
    text = decode(seed.read_bytes(), str(seed))
    assert "\r" not in text and not text.startswith("\ufeff")
    assert decode(encode(text), str(seed)) == text


# (case, bytes, rule, line, words the message must hold)
REFUSALS = [
    ("NUL byte", "第一行\n第二\x00行".encode("utf-8"), "binary", 2, ["must be text", "0x00", "offset"]),
    ("UTF-16 text", "page 理论".encode("utf-16"), "binary", 1, ["must be text", "0x00"]),
    ("control bytes", bytes(range(1, 9)) * 10 + "理论".encode("utf-8"), "binary", None,
     ["must be text", "control bytes"]),
    ("neither UTF-8 nor GB18030", "第一行\n第二行".encode("utf-8") + b"\xff\xfe\n", "encoding", 2,
     ["UTF-8 or GB18030", "byte 0xFF at offset 19 is neither"]),
    ("BOM but not UTF-8", b"\xef\xbb\xbf" + "理论".encode("gbk"), "encoding", 1,
     ["byte order mark must be UTF-8", "byte 0xC0 at offset 3"]),
    ("empty", b"", "empty", None, ["must hold some text", "empty"]),
    ("whitespace only", " \r\n\t\n\u3000\n".encode("utf-8"), "empty", None, ["must hold some text"]),
    ("BOM only", b"\xef\xbb\xbf", "empty", None, ["must hold some text"]),
]


@pytest.mark.parametrize("case, data, rule, line, words", REFUSALS, ids=[case for case, *_ in REFUSALS])
def test_bad_pages_are_refused_with_a_rule_and_a_plain_message(case, data, rule, line, words):
    with pytest.raises(BadPage) as refusal:
        decode(data, "seeds/bad.txt")
    error = refusal.value
    assert (error.rule, error.line) == (rule, line)
    message = str(error)
    location = f"seeds/bad.txt:{line}" if line else "seeds/bad.txt"
    assert message.startswith(f"{location}: [{rule}] "), message
    for word in words:
        assert word in message, message
    assert error.exit_code == 65


def test_a_stray_control_byte_in_a_long_page_is_still_text():
    text = "理论文章" * 50 + "\x1b" + "\n"
    assert decode(text.encode("utf-8"), "page.txt") == text
