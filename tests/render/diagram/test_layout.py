"""The layered layout: layers, no overlapping boxes, few crossings, long edges routed around nodes."""
import random

import pytest

from symgraph.render.diagram.layout import Size, _pack, layered_layout


def overlaps(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def random_dag(rng, n, max_in=3):
    """A random DAG in topological order: node v takes 0..max_in inputs among 0..v-1."""
    edges = []
    for v in range(1, n):
        k = rng.randint(0, min(max_in, v)) if v > 3 else 0
        for slot, u in enumerate(rng.sample(range(v), k)):
            edges.append((u, v, slot))
    return edges


def random_sizes(rng, n):
    return [Size(rng.uniform(3, 60), rng.uniform(20, 120), rng.uniform(15, 45), rng.uniform(15, 45))
            for _ in range(n)]


def geometric_crossings(lay, edges):
    """Crossings counted from the drawn polylines (independent of the layout's own bookkeeping)."""
    segments = []
    for src, dst, slot in edges:
        pts = [(lay.x[src], lay.y[src])] + lay.routes[(src, dst, slot)] + [(lay.x[dst], lay.y[dst])]
        segments += [(src, dst, p, q) for p, q in zip(pts, pts[1:]) if p != q]

    def cross(p1, p2, p3, p4):
        def orient(a, b, c):
            v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
            return (v > 1e-9) - (v < -1e-9)
        return (orient(p1, p2, p3) * orient(p1, p2, p4) < 0) and (orient(p3, p4, p1) * orient(p3, p4, p2) < 0)

    return sum(1 for i, a in enumerate(segments) for b in segments[i + 1:]
               if len({a[0], a[1], b[0], b[1]}) == 4 and cross(a[2], a[3], b[2], b[3]))


# The seed's sigmoid neuron, as lowered: w0 x0 * w1 x1 * + w2 + *-1 exp +1 1/x.
NEURON = [(0, 2, 0), (1, 2, 1), (3, 5, 0), (4, 5, 1), (2, 6, 0), (5, 6, 1), (6, 8, 0), (7, 8, 1),
          (8, 9, 0), (9, 10, 0), (10, 11, 0), (11, 12, 0)]


def test_neuron_layers_inputs_left_output_right():
    lay = layered_layout(13, NEURON, [Size() for _ in range(13)])
    assert [lay.layer[v] for v in (0, 1, 3, 4, 7)] == [0] * 5         # every input in the first column
    assert lay.layer[12] == 7                                           # the longest path: 7 gates
    assert len({lay.x[v] for v in (0, 1, 3, 4, 7)}) == 1
    for src, dst, _ in NEURON:
        assert lay.x[dst] > lay.x[src]                                  # every edge points right
    assert lay.crossings == 0 and geometric_crossings(lay, NEURON) == 0
    # w2 -> the second + skips two layers: it bends through two dummy points (two per column)
    assert len(lay.routes[(7, 8, 1)]) == 4
    # like the seed's picture, a gate sits between the two inputs it multiplies
    assert min(lay.y[0], lay.y[1]) < lay.y[2] < max(lay.y[0], lay.y[1])


@pytest.mark.parametrize("seed", range(12))
def test_random_dags_no_box_overlaps(seed):
    rng = random.Random(seed)
    n = rng.randint(5, 70)
    edges = random_dag(rng, n)
    sizes = random_sizes(rng, n)
    lay = layered_layout(n, edges, sizes)
    boxes = [lay.box(v, sizes[v]) for v in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            assert not overlaps(boxes[i], boxes[j]), (i, j, boxes[i], boxes[j])
    assert all(b[0] >= 0 and b[1] >= 0 and b[2] <= lay.width and b[3] <= lay.height for b in boxes)


@pytest.mark.parametrize("seed", range(6))
def test_long_edges_do_not_run_through_nodes(seed):
    rng = random.Random(100 + seed)
    n = rng.randint(10, 50)
    edges = random_dag(rng, n)
    sizes = [Size(15, 60, 20, 20) for _ in range(n)]
    lay = layered_layout(n, edges, sizes)
    boxes = [lay.box(v, sizes[v]) for v in range(n)]
    for (src, dst, _), pts in lay.routes.items():
        for (x1, y), (x2, _) in zip(pts[::2], pts[1::2]):   # each dummy: a level run across one column
            for v, b in enumerate(boxes):
                assert not (b[1] < y < b[3] and b[0] < x2 and x1 < b[2]), (src, dst, v)


def test_crossing_reduction_untwists_a_twisted_graph():
    # inputs 0..3 feed gates 4..7 in reverse order: drawn in id order every pair of edges crosses
    edges = [(3, 4, 0), (2, 5, 0), (1, 6, 0), (0, 7, 0), (4, 8, 0), (7, 8, 1), (5, 9, 0), (6, 9, 1)]
    lay = layered_layout(10, edges, [Size() for _ in range(10)])
    assert lay.crossings == 0
    assert geometric_crossings(lay, edges) == 0


@pytest.mark.parametrize("seed", range(8))
def test_reported_crossings_match_the_drawing_and_beat_id_order(seed):
    rng = random.Random(200 + seed)
    n = rng.randint(8, 40)
    edges = random_dag(rng, n, max_in=2)
    lay = layered_layout(n, edges, [Size(10, 30, 15, 15) for _ in range(n)])
    assert lay.crossings == geometric_crossings(lay, edges)
    unordered = layered_layout(n, edges, [Size(10, 30, 15, 15) for _ in range(n)], sweeps=0)
    assert lay.crossings <= unordered.crossings


def test_edge_room_widens_the_gap_before_the_target():
    edges = [(0, 1, 0), (1, 2, 0)]
    plain = layered_layout(3, edges, [Size() for _ in range(3)], gap=40)
    roomy = layered_layout(3, edges, [Size() for _ in range(3)], gap=40, edge_room={(1, 2, 0): 150})
    assert plain.x[1] - plain.x[0] == roomy.x[1] - roomy.x[0]
    assert roomy.columns[2][0] - roomy.columns[1][1] == 150


def test_pack_keeps_order_and_gaps_and_is_exact_when_free():
    assert _pack([0.0, 100.0, 300.0], [50.0, 50.0]) == [0.0, 100.0, 300.0]
    # two items that want the same spot share the displacement equally (least squares)
    assert _pack([10.0, 10.0], [40.0]) == [-10.0, 30.0]
    rng = random.Random(7)
    for _ in range(50):
        want = [rng.uniform(0, 200) for _ in range(8)]
        seps = [rng.uniform(5, 40) for _ in range(7)]
        got = _pack(want, seps)
        assert all(got[i + 1] - got[i] >= seps[i] - 1e-9 for i in range(7))


def test_nodes_out_of_topological_order_are_rejected():
    with pytest.raises(ValueError):
        layered_layout(2, [(1, 0, 0)], [Size(), Size()])


def test_empty_and_single_node():
    lay = layered_layout(1, [], [Size()])
    assert lay.layer == [0] and lay.crossings == 0 and lay.width > 0
