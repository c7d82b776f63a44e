"""PNG export: valid files that decode (Pillow, an independent decoder) at the size asked for."""
import io
import struct
import zlib

import pytest
from PIL import Image

from symgraph.render.diagram.png import png_size, svg_size
from tests.helpers import EXAMPLES, refused, run

NEURON = ["@" + str(EXAMPLES / "sigmoid_neuron.txt"), "--at", "@" + str(EXAMPLES / "sigmoid_neuron.point.json")]


def _chunks(data: bytes):
    """PNG chunks with their CRCs verified: the file is well formed, not merely named .png."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos = 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        assert zlib.crc32(kind + body) == crc, kind
        yield kind, body
        pos += 12 + length


def _decode(path):
    data = path.read_bytes()
    kinds = [k for k, _ in _chunks(data)]
    assert kinds[0] == b"IHDR" and kinds[-1] == b"IEND"
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_graph_png_has_the_svg_size_times_scale(tmp_path, scale):
    svg, png = tmp_path / "n.svg", tmp_path / "n.png"
    run("graph", *NEURON, "-o", str(svg))
    assert run("graph", *NEURON, "-o", str(png), "--scale", str(scale)).exit_code == 0
    image = _decode(png)
    w, h = svg_size(svg.read_text())
    assert image.size == (round(w * scale), round(h * scale))
    # the seed's colours are there: green values and red gradients, on white
    colours = {c for _, c in image.convert("RGB").getcolors(maxcolors=1 << 20)}
    assert (255, 255, 255) in colours
    assert any(g > 100 and r < 80 and b < 80 for r, g, b in colours)
    assert any(r > 150 and g < 60 and b < 60 for r, g, b in colours)


def test_graph_png_by_suffix_and_deterministic(tmp_path):
    a, b = tmp_path / "a.png", tmp_path / "b.png"
    run("graph", "x*y + 1", "--at", "x=1,y=2", "-o", str(a))
    run("graph", "x*y + 1", "--at", "x=1,y=2", "-o", str(b))
    assert a.read_bytes() == b.read_bytes()
    _decode(a)


@pytest.mark.parametrize("source, at, dpi, size", [("x**2", "x=1", 50, (400, 300)),
                                                     ("x**2 + y**2", "x=1,y=1", 40, (360, 300))])
def test_plot_png_is_the_figure_at_dpi(tmp_path, source, at, dpi, size):
    out = tmp_path / "f.png"
    assert run("plot", source, "--at", at, "-o", str(out), "--dpi", str(dpi)).exit_code == 0
    image = _decode(out)
    assert image.size == size
    extrema = image.convert("L").getextrema()
    assert extrema[0] < 100 and extrema[1] == 255          # something is drawn on the white page


def test_huge_png_is_refused_before_rasterizing(tmp_path):
    assert "megapixels" in refused("graph", *NEURON, "-o", str(tmp_path / "big.png"), "--scale", "20")[0]


def test_png_size_reads_pt_and_viewbox():
    assert png_size('<svg width="576pt" height="432pt" viewBox="0 0 576 432">', 1) == (768, 576)
    assert png_size('<svg viewBox="0 0 300 100.5">', 2) == (600, 201)


def test_check_picture_as_png(tmp_path):
    out = tmp_path / "wrong.png"
    result = run("check", "g1 = 2*x1 + 3*x2; g2 = x1*x2; f = g1 - 4*g2", "--at", "x1=1,x2=2",
                 "--claim", "df/dg2 = -3", "--svg", str(out))
    assert result.exit_code == 1
    image = _decode(out)
    assert image.size[0] > 600
