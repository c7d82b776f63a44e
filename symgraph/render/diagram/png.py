"""PNG from symgraph's own SVG, rasterized by resvg (the ``resvg-py`` wheel: Rust, no system packages).

Why resvg rather than cairosvg or a headless browser: it ships as a self-contained wheel (cairosvg needs
the system's libcairo), it implements the static SVG that symgraph writes, and it does not read the
system's fonts here: it is given matplotlib's bundled DejaVu Sans (the font symgraph's SVG asks for
first), so the same SVG gives the same pixels on every machine, with or without fonts installed.
"""
from __future__ import annotations

import os
import re

DEFAULT_SCALE = 2.0           # graph PNGs: twice the SVG's size, sharp on high-density screens
MAX_PIXELS = 100_000_000      # refuse a picture bigger than 100 megapixels (memory), instead of trying


def _fonts() -> list:
    """matplotlib's bundled DejaVu fonts (matplotlib is a dependency of symgraph)."""
    import matplotlib

    folder = os.path.join(os.path.dirname(matplotlib.__file__), "mpl-data", "fonts", "ttf")
    return [os.path.join(folder, f) for f in sorted(os.listdir(folder)) if f.startswith("DejaVuSans")]


_LENGTH = re.compile(r'<svg\b[^>]*?\bwidth="([\d.]+)(pt|px)?"[^>]*?\bheight="([\d.]+)(pt|px)?"', re.S)
_VIEWBOX = re.compile(r'<svg\b[^>]*?\bviewBox="[\d.\s-]*?([\d.]+)\s+([\d.]+)"', re.S)


def svg_size(svg: str) -> tuple:
    """The SVG's own size in CSS pixels (pt are 4/3 px), from width/height or else the viewBox."""
    m = _LENGTH.search(svg)
    if m:
        k = 4 / 3 if m.group(2) == "pt" else 1.0
        return float(m.group(1)) * k, float(m.group(3)) * k
    m = _VIEWBOX.search(svg)
    if not m:
        raise ValueError("the SVG has neither width/height nor a viewBox")
    return float(m.group(1)), float(m.group(2))


def _in_px(svg: str) -> str:
    """matplotlib writes width="576pt"; resvg-py 0.5 refuses pt lengths ("invalid size"): the same size
    in px (1 pt = 4/3 px) draws identically."""
    def px(m):
        return f'{m.group(1)}="{float(m.group(2)) * 4 / 3:g}"'
    end = svg.find(">", svg.find("<svg"))           # only the root element's own attributes
    return re.sub(r'\b(width|height)="([\d.]+)pt"', px, svg[:end]) + svg[end:]


def png_size(svg: str, scale: float) -> tuple:
    w, h = svg_size(svg)
    return max(1, round(w * scale)), max(1, round(h * scale))


def svg_to_png(svg: str, scale: float = DEFAULT_SCALE, size: tuple | None = None) -> bytes:
    """The SVG as PNG bytes, ``scale`` times its own size (or exactly ``size`` = (width, height) pixels),
    on a white background (slides and chat apps show transparency as black or a checkerboard)."""
    import resvg_py
    from symgraph.errors import LimitError

    width, height = size or png_size(svg, scale)
    if width * height > MAX_PIXELS:
        raise LimitError(f"a {width} x {height} PNG is more than {MAX_PIXELS // 1_000_000} megapixels: "
                         "lower --scale or --dpi")
    return bytes(resvg_py.svg_to_bytes(svg_string=_in_px(svg), width=width, height=height, background="#ffffff",
                                       skip_system_fonts=True, font_files=_fonts(), font_family="DejaVu Sans",
                                       sans_serif_family="DejaVu Sans"))
