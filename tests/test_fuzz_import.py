"""A bounded, deterministic fuzz run: mutated seed pages either import with balanced accounting or are refused with a documented error."""

import random
import shutil
from pathlib import Path

import pytest
from robustness_helpers import EDITORIAL, SEEDS, run_import, snapshot

from tools.errors import BadEditorial, BadPage, EditionError
from tools.importer.pipeline import import_page

FUZZ_SEED = 20251123
CASES = 240
PAGES = sorted(SEEDS.glob("*.txt"))
DOCUMENTED = (BadPage, BadEditorial)


def mutate(data: bytes, rnd: random.Random) -> bytes:
    """One to three random mutations: delete, duplicate or swap lines, insert bytes or Unicode, truncate."""
    for _ in range(rnd.randint(1, 3)):
        lines = data.split(b"\n")
        kind = rnd.choice(["delete", "duplicate", "swap", "bytes", "unicode", "truncate", "shuffle-block"])
        i, j = rnd.randrange(len(lines)), rnd.randrange(len(lines))
        if kind == "delete":
            del lines[i:i + rnd.randint(1, 20)]
        elif kind == "duplicate":
            lines[j:j] = lines[i:i + rnd.randint(1, 10)]
        elif kind == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "shuffle-block":
            block = lines[i:i + 12]
            rnd.shuffle(block)
            lines[i:i + 12] = block
        if kind in {"delete", "duplicate", "swap", "shuffle-block"}:
            data = b"\n".join(lines)
        elif kind == "bytes":
            at = rnd.randrange(len(data) + 1)
            data = data[:at] + bytes(rnd.randrange(256) for _ in range(rnd.randint(1, 8))) + data[at:]
        elif kind == "unicode":
            at = rnd.randrange(len(data) + 1)
            while data[at:at + 1] and 0x80 <= data[at] < 0xC0:   # not inside a UTF-8 sequence
                at -= 1
            chars = "".join(chr(rnd.choice([rnd.randrange(0x20, 0x7F), rnd.randrange(0x4E00, 0xA000),
                                            rnd.randrange(0x3000, 0x3040), rnd.randrange(0xFF00, 0xFF60),
                                            rnd.randrange(0x80, 0x2000), rnd.randrange(0x1F300, 0x1F600),
                                            rnd.choice([0x200B, 0xFEFF, 0x2028, 0x0007, 0x001B, 0x000B])]))
                            for _ in range(rnd.randint(1, 6)))
            data = data[:at] + chars.encode("utf-8") + data[at:]
        elif kind == "truncate":
            data = data[:rnd.randrange(len(data) + 1)]
    return data


def cases() -> list[tuple[int, Path, bytes]]:
    rnd = random.Random(FUZZ_SEED)
    originals = {page: page.read_bytes() for page in PAGES}
    return [(n, page, mutate(originals[page], rnd)) for n in range(CASES) for page in [rnd.choice(PAGES)]]


def test_mutated_pages_import_balanced_or_are_refused(tmp_path):
    outcomes = {"imported": 0, "refused": 0}
    problems = []
    for number, page, data in cases():
        path = tmp_path / page.name      # the page keeps its name, so its editorial file applies
        path.write_bytes(data)
        try:
            imported = import_page(path, EDITORIAL)
        except DOCUMENTED as error:
            assert error.path and error.rule and error.message, f"case {number}: {error!r}"
            outcomes["refused"] += 1
            continue
        except Exception as error:   # noqa: BLE001 - the point of the test
            problems.append(f"case {number} ({page.name}) crashed: {error!r}")
            continue
        outcomes["imported"] += 1
        if not imported.articles:
            problems.append(f"case {number} ({page.name}): imported without articles")
        if imported.report["balanced"] is not True:
            problems.append(f"case {number} ({page.name}) does not balance: {imported.report['characters']}")
    assert not problems, "\n".join(problems)
    # The mutations must exercise both paths for the run to mean anything.
    assert outcomes["imported"] >= CASES // 4 and outcomes["refused"] >= 5, outcomes


def test_two_affiliation_notes_on_one_article_both_stay_accounted(tmp_path):
    """Found by the fuzz run (case 110): a second （作者单位：…） note overwrote the first, whose text was lost."""
    path = tmp_path / "page.txt"
    path.write_text("坚持理论创新推动高质量发展\n\n■ 张三\n\n理论创新是社会发展和变革的先导，我们必须坚持用新的理论"
                    "指导新的实践，推动各项事业不断向前发展。\n\n（作者单位：湖州学院）\n\n（作者单位：市委党校）\n",
                    encoding="utf-8")
    imported = import_page(path, tmp_path / "editorial")
    assert imported.report["balanced"] is True, imported.report["characters"]
    shown = str(imported.articles[0].meta) + imported.articles[0].text
    assert "湖州学院" in shown and "市委党校" in shown


@pytest.mark.parametrize("number", [3, 17, 41])
def test_mutated_pages_through_the_command_line(tmp_path, number):
    _, page, data = cases()[number]
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / page.name).write_bytes(data)
    out, report = tmp_path / "out" / "articles", tmp_path / "out" / "report.json"
    done = run_import(seeds, out, EDITORIAL, report)
    assert "Traceback" not in done.stderr, done.stderr
    if done.returncode == 0:
        assert snapshot(out) and report.exists()
    else:
        assert done.returncode in {BadPage.exit_code, BadEditorial.exit_code}, done.stderr
        assert f"{seeds / page.name}" in done.stderr or ".toml" in done.stderr
        assert not out.parent.exists()
    shutil.rmtree(tmp_path, ignore_errors=True)
