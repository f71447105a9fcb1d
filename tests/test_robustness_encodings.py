"""A seed page imports to byte-identical articles whatever its encoding (UTF-8, BOM, GB18030) and newlines (LF, CRLF, CR)."""

import shutil

from robustness_helpers import EDITORIAL, SEEDS, run_import, snapshot

ENCODINGS = {
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8-bom": lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),
    "gb18030": lambda text: text.encode("gb18030"),
    "gb18030-bom": lambda text: "\ufeff".encode("gb18030") + text.encode("gb18030"),
    "crlf": lambda text: text.replace("\n", "\r\n").encode("utf-8"),
    "cr": lambda text: text.replace("\n", "\r").encode("utf-8"),
    "gb18030-crlf": lambda text: text.replace("\n", "\r\n").encode("gb18030"),
}


# 001 has extraction markup (# and ** at line starts, where a stray CR would show), duplicates and many decisions.
def test_every_encoding_imports_to_identical_articles(tmp_path, stem="001_ace4f7e8f7e9431c"):
    text = (SEEDS / f"{stem}.txt").read_bytes().decode("utf-8")
    results = {}
    for name, encode in ENCODINGS.items():
        seeds = tmp_path / name / "seeds"
        seeds.mkdir(parents=True)
        data = encode(text)
        (seeds / f"{stem}.txt").write_bytes(data)
        out, report = tmp_path / name / "articles", tmp_path / name / "report.json"
        done = run_import(seeds, out, EDITORIAL, report)
        assert done.returncode == 0, f"{name}: {done.stderr}"
        results[name] = (snapshot(out), report.read_bytes())
        if name != "utf-8":
            assert data != results_bytes, f"{name} must differ from UTF-8 as bytes for the test to mean anything"
        else:
            results_bytes = data
    reference_articles, reference_report = results["utf-8"]
    assert len(reference_articles) >= 3
    for name, (articles, report) in results.items():
        assert articles == reference_articles, f"{name}: article files differ from the UTF-8 import"
        assert report == reference_report, f"{name}: import report differs from the UTF-8 import"
    shutil.rmtree(tmp_path, ignore_errors=True)
