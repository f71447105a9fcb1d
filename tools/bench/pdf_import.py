"""Measures the PDF import per page side by side with poppler's pdftotext on the same PDFs (the typeset test pages).

pdftotext only extracts text; the import reads every character's box and font, lays the page out
and makes articles. The ratio says what that costs: runs alternate (import, pdftotext, import …)
and medians are taken, so the machine's noise cancels out as far as it can.
"""

import shutil
import statistics
import subprocess
import time
from pathlib import Path

from ..debian import ensure
from ..importer.pipeline import import_page
from ..importer.readers import pdf

PAGES = Path(__file__).resolve().parents[2] / "tests" / "newspaper" / "pdf"


def measure(repeats: int = 3, pages: Path = PAGES, log=print, install: bool = True) -> dict:
    """Seconds per PDF page for the import and for pdftotext, and their ratio; a note when pdftotext is missing."""
    files = sorted(pages.glob("*.pdf"))
    count = sum(len(pdf.read(path).pages) for path in files)
    have_pdftotext = (ensure("pdftotext", ["poppler-utils"], "The PDF import is timed without it.", "bench")
                      if install else bool(shutil.which("pdftotext")))
    ours, theirs = [], []
    nowhere = Path("/nonexistent-editorial")
    import_page(files[0], nowhere)   # warm up: the segmenter loads its dictionary once
    for _ in range(max(1, repeats)):
        started = time.perf_counter()
        for path in files:
            import_page(path, nowhere)
        ours.append(time.perf_counter() - started)
        if have_pdftotext:
            started = time.perf_counter()
            for path in files:
                subprocess.run([shutil.which("pdftotext"), str(path), "-"], stdout=subprocess.DEVNULL, check=True)
            theirs.append(time.perf_counter() - started)
    result = {"files": len(files), "pages": count, "import_seconds_per_page": round(statistics.median(ours) / count, 4)}
    if theirs:
        result["pdftotext_seconds_per_page"] = round(statistics.median(theirs) / count, 4)
        result["import_vs_pdftotext"] = round(statistics.median(ours) / statistics.median(theirs), 1)
    else:
        result["note"] = "pdftotext (poppler-utils) is not installed: the import was timed alone"
    log(f"  PDF import: {result['import_seconds_per_page']} s a page"
        + (f", pdftotext {result['pdftotext_seconds_per_page']} s ({result['import_vs_pdftotext']}×)" if theirs else ""))
    return result
