"""The raw page view of a PDF page in a real browser: on a phone the image sits above the text and
nothing scrolls sideways; on a desktop the two sit side by side and each outline lies on the image."""

import pytest

from conftest import REPO

SCREENSHOTS = REPO / "build" / "screenshots"


@pytest.fixture(scope="module")
def pdf_site(pdf_edition, serve_site):
    assert pdf_edition["built"].returncode == 0, pdf_edition["built"].stderr
    return serve_site(pdf_edition["html"])


@pytest.mark.parametrize(("name", "width", "height"), [("raw-pdf-phone", 390, 844), ("raw-pdf-desktop", 1280, 900)])
def test_the_pdf_raw_view_fits_the_screen(pdf_site, browser, name, width, height):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("response", lambda response: response.status >= 400 and "favicon" not in response.url
            and errors.append(f"HTTP {response.status}: {response.url}"))
    page.goto(pdf_site + "raw/np06.html", wait_until="load")
    target = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(target), full_page=False)
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    geometry = page.evaluate("""() => {
        const sheet = document.querySelector('#P2');
        const img = sheet.querySelector('img').getBoundingClientRect();
        const text = sheet.querySelector('div.raw-page').getBoundingClientRect();
        const loaded = [...document.querySelectorAll('figure.raw-scan img')].every(i => i.complete && i.naturalWidth > 0);
        const outside = [...sheet.querySelectorAll('a.raw-region')].filter(a => {
            const r = a.getBoundingClientRect();
            return r.width < 2 || r.height < 2 || r.left < img.left - 1 || r.right > img.right + 1
                || r.top < img.top - 1 || r.bottom > img.bottom + 1;
        }).length;
        return {img: [img.left, img.top, img.right, img.bottom], text: [text.left, text.top], loaded, outside,
                regions: sheet.querySelectorAll('a.raw-region').length};
    }""")
    context.close()
    assert errors == []
    assert target.stat().st_size > 10_000
    assert overflow <= 0, f"the raw view is wider than a {width}px screen by {overflow}px"
    assert geometry["loaded"], "a page image did not load"
    assert geometry["regions"] >= 4 and geometry["outside"] == 0, geometry
    left, top, right, bottom = geometry["img"]
    if width < 500:
        assert geometry["text"][1] >= bottom - 1, f"on a phone the text comes under the image: {geometry}"
        assert right - left >= 0.85 * width, f"on a phone the image is about as wide as the screen: {geometry}"
    else:
        assert geometry["text"][0] >= right - 1 and geometry["text"][1] < bottom, \
            f"on a desktop the text is beside the image: {geometry}"
