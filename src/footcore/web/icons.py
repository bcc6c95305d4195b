"""footcore's app icons: ``static/img/icon.svg`` (drawn by hand) and the PNGs the web app
manifest lists beside it, rendered from the SVG in Chromium.

Run ``python -m footcore.web.icons`` after changing the drawing (needs the test tools:
Playwright and a Chromium, ``FOOTCORE_CHROMIUM``, default ``/usr/bin/chromium``);
``tests/e2e/browser/test_browser_app.py`` fails when a PNG no longer matches the SVG.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser

IMG_DIR = Path(__file__).parent / "static" / "img"
SOURCE = IMG_DIR / "icon.svg"
#: The PNG sizes the manifest lists (192 and 512 are what browsers ask for to install).
SIZES = (192, 512)


def png_path(size: int) -> Path:
    return IMG_DIR / f"icon-{size}.png"


def render(size: int, browser: Browser | None = None) -> bytes:
    """The SVG drawn at ``size`` x ``size`` pixels, as PNG bytes (a Chromium screenshot in
    ``browser``, or in a Chromium started for it)."""
    if browser is None:
        # Deferred: Playwright loads only when the icons are redrawn.
        from playwright.sync_api import sync_playwright  # noqa: PLC0415

        executable = os.environ.get("FOOTCORE_CHROMIUM", "/usr/bin/chromium")
        with sync_playwright() as p:
            launched = p.chromium.launch(executable_path=executable, args=["--no-sandbox"])
            try:
                return render(size, launched)
            finally:
                launched.close()
    svg = SOURCE.read_text(encoding="utf-8")
    html = (
        "<!doctype html><html><head><style>html,body{margin:0;padding:0;background:#000}"
        f"svg{{display:block;width:{size}px;height:{size}px}}</style></head>"
        f"<body>{svg}</body></html>"
    )
    page = browser.new_page(viewport={"width": size, "height": size})
    try:
        page.set_content(html)
        return page.screenshot(clip={"x": 0, "y": 0, "width": size, "height": size})
    finally:
        page.close()


def main() -> None:
    for size in SIZES:
        png_path(size).write_bytes(render(size))
        print(f"wrote {png_path(size)}")


if __name__ == "__main__":
    main()
