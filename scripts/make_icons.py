"""Render upback's app icons from the hand-drawn SVGs into the PNG sizes the web app needs.

The SVGs in src/upback/coach/static/coach/icons/ are the source; the PNGs next to them are made
by this script and committed, so serving the app needs no browser. It renders each SVG in
Debian's headless chromium through Playwright (the same browser the tests use; it never downloads
one) and lets Pillow write a compact PNG.

    .venv/bin/python scripts/make_icons.py

Set UPBACK_CHROMIUM to use a browser other than /usr/bin/chromium.
"""

from __future__ import annotations

import base64
import io
import os
import sys
from pathlib import Path

from PIL import Image
from playwright.sync_api import Page, sync_playwright

ICONS = (
    Path(__file__).resolve().parents[1] / "src" / "upback" / "coach" / "static" / "coach" / "icons"
)
CHROMIUM = os.environ.get("UPBACK_CHROMIUM", "/usr/bin/chromium")

# (source SVG, size in pixels, PNG written). The "any" icon keeps its transparent rounded
# corners; the maskable and Apple icons are full-bleed squares (launchers and iOS crop them).
RENDERS: tuple[tuple[str, int, str], ...] = (
    ("icon.svg", 192, "icon-192.png"),
    ("icon.svg", 512, "icon-512.png"),
    ("icon-maskable.svg", 512, "icon-maskable-512.png"),
    ("icon-maskable.svg", 180, "apple-touch-icon.png"),
)

PAGE = (
    "<!doctype html><html><head><style>html,body{{margin:0;background:transparent}}"
    "img{{display:block}}</style></head><body>"
    '<img src="data:image/svg+xml;base64,{data}" width="{size}" height="{size}" alt="">'
    "</body></html>"
)


def render(page: Page, svg: Path, size: int) -> Image.Image:
    data = base64.b64encode(svg.read_bytes()).decode()
    page.set_viewport_size({"width": size, "height": size})
    page.set_content(PAGE.format(data=data, size=size))
    png = page.screenshot(omit_background=True, type="png")
    return Image.open(io.BytesIO(png)).convert("RGBA")


def main() -> int:
    if not Path(CHROMIUM).exists():
        print(f"No chromium at {CHROMIUM}: apt-get install chromium", file=sys.stderr)
        return 1
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(device_scale_factor=1)
        for source, size, target in RENDERS:
            image = render(page, ICONS / source, size)
            if image.size != (size, size):
                print(f"{target}: rendered {image.size}, wanted {size}×{size}", file=sys.stderr)
                return 1
            if source == "icon-maskable.svg":
                image = image.convert("RGB")  # full-bleed: no transparency to keep
            image.save(ICONS / target, optimize=True)
            print(f"wrote {target} ({size}×{size})")
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
