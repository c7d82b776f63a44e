"""A layered left-to-right layout for DAGs (the Sugiyama scheme), in pure Python: no Graphviz.

1. Layers: longest path from the sources, so every input sits in layer 0 on the left (as in the seed's
   circuit) and every edge points right.
2. Edges that skip layers get a dummy point in each layer they cross, so they bend around nodes instead
   of running through them.
3. Crossing reduction: barycenter sweeps down and up the layers, then adjacent swaps; the ordering with
   the fewest crossings wins.
4. Coordinates: each layer is a column; inside it, every item is pulled to the mean height of its
   neighbours, then pushed apart just enough that no two boxes overlap (an exact least-squares fit under
   "keep the order, keep the gaps": isotonic regression by pool-adjacent-violators).

Node sizes come from the caller (the SVG renderer knows its fonts); the layout only guarantees that the
boxes it is given do not overlap.
"""
from __future__ import annotations

from bisect import bisect_right, insort
from dataclasses import dataclass, field

DUMMY_HALF_HEIGHT = 8.0


@dataclass
class Size:
    """A node's footprint around its anchor point: extents to the left, right, up and down."""
    left: float = 20.0
    right: float = 20.0
    up: float = 20.0
    down: float = 20.0


@dataclass
class Layout:
    x: list                        # anchor x of each node
    y: list                        # anchor y of each node
    layer: list                    # layer (column) of each node
    columns: list                  # per layer: (left edge x, right edge x)
    routes: dict                   # (src, dst, slot) -> [(x, y), ...] bend points between the two nodes
    width: float
    height: float
    crossings: int
    order: list = field(default_factory=list)   # per layer: items top to bottom (node id or dummy key)

    def box(self, v: int, size: Size) -> tuple:
        return (self.x[v] - size.left, self.y[v] - size.up, self.x[v] + size.right, self.y[v] + size.down)


def layered_layout(n: int, edges: list, sizes: list, gap: float = 40.0, vgap: float = 14.0,
                   margin: float = 10.0, edge_room: dict | None = None, sweeps: int = 12) -> Layout:
    """Lay out nodes ``0..n-1`` (topologically ordered) with ``edges`` = [(src, dst, slot)].

    ``edge_room`` maps an edge to the horizontal room its label needs on its last segment; the gap in
    front of the target's layer widens to fit it.
    """
    layer = _layers(n, edges)
    nlayers = max(layer, default=-1) + 1
    order, preds, succs, chains = _with_dummies(n, edges, layer, nlayers)
    order = _reduce_crossings(order, preds, succs, sweeps)
    crossings = _total_crossings(order, succs)
    half = {v: (sizes[v].up, sizes[v].down) for v in range(n)}   # dummies default to DUMMY_HALF_HEIGHT
    ys = _heights(order, preds, succs, half, vgap)
    room = _gap_room(order, succs, ys, layer, edges, edge_room or {}, gap)
    columns, xs_layer = _columns(order, sizes, gap, margin, room)
    dummy = (DUMMY_HALF_HEIGHT, DUMMY_HALF_HEIGHT)
    top = min((ys[k] - half.get(k, dummy)[0] for k in ys), default=0.0)
    shift = margin - top
    x = [xs_layer[layer[v]] for v in range(n)]
    y = [ys[v] + shift for v in range(n)]
    routes = {}
    for key, dummies in chains.items():
        pts = []
        for d in dummies:
            left, right = columns[d[3]]
            pts += [(left, ys[d] + shift), (right, ys[d] + shift)]
        routes[key] = pts
    bottom = max((ys[k] + half.get(k, dummy)[1] for k in ys), default=0.0) + shift
    width = (columns[-1][1] if columns else 0.0) + margin
    return Layout(x, y, layer, columns, routes, width, bottom + margin, crossings, order)


def _layers(n: int, edges: list) -> list:
    layer = [0] * n
    incoming = [[] for _ in range(n)]
    for src, dst, _ in edges:
        if src >= dst:
            raise ValueError("nodes must be in topological order (every edge from a lower id to a higher)")
        incoming[dst].append(src)
    for v in range(n):
        if incoming[v]:
            layer[v] = 1 + max(layer[u] for u in incoming[v])
    return layer


def _with_dummies(n, edges, layer, nlayers):
    """Per-layer item lists, adjacency between adjacent layers, and each long edge's dummy chain.

    A dummy is the tuple ("d", src, dst, layer, slot)."""
    order = [[] for _ in range(nlayers)]
    for v in range(n):
        order[layer[v]].append(v)
    preds, succs, chains = {}, {}, {}
    for item in range(n):
        preds[item], succs[item] = [], []
    for src, dst, slot in edges:
        prev, chain = src, []
        for k in range(layer[src] + 1, layer[dst]):
            d = ("d", src, dst, k, slot)
            order[k].append(d)
            preds[d], succs[d] = [prev], []
            succs[prev].append(d)
            chain.append(d)
            prev = d
        succs[prev].append(dst)
        preds[dst].append(prev)
        chains[(src, dst, slot)] = chain
    return order, preds, succs, chains


def _barycenter_pass(order, nbrs: dict, layers, step: int) -> None:
    """Sort each layer in ``layers`` by the mean position of its neighbours in layer ``k + step``."""
    for k in layers:
        pos = {item: i for i, item in enumerate(order[k + step])}
        key = {}
        for i, item in enumerate(order[k]):
            ns = [pos[m] for m in nbrs[item] if m in pos]
            key[item] = sum(ns) / len(ns) if ns else float(i)
        order[k].sort(key=key.__getitem__)   # stable: ties keep their order


def _reduce_crossings(order, preds, succs, sweeps):
    best = [list(col) for col in order]
    best_c = _total_crossings(best, succs)
    current = [list(col) for col in order]
    for _ in range(sweeps if best_c else 0):
        _barycenter_pass(current, preds, range(1, len(current)), -1)
        _barycenter_pass(current, succs, range(len(current) - 2, -1, -1), +1)
        c = _total_crossings(current, succs)
        if c < best_c:
            best, best_c = [list(col) for col in current], c
        if best_c == 0:
            break
    if best_c:
        _transpose(best, succs)
    return best


def _transpose(order, succs, rounds: int = 4) -> None:
    """Swap neighbours in a layer while that lowers the crossings on either side of it."""
    for _ in range(rounds):
        improved = False
        for k, col in enumerate(order):
            for i in range(len(col) - 1):
                before = _local_crossings(order, k, succs)
                col[i], col[i + 1] = col[i + 1], col[i]
                if _local_crossings(order, k, succs) < before:
                    improved = True
                else:
                    col[i], col[i + 1] = col[i + 1], col[i]
        if not improved:
            return


def _local_crossings(order, k, succs) -> int:
    total = 0
    if k > 0:
        total += _crossings(order[k - 1], order[k], succs)
    if k + 1 < len(order):
        total += _crossings(order[k], order[k + 1], succs)
    return total


def _total_crossings(order, succs) -> int:
    return sum(_crossings(order[k], order[k + 1], succs) for k in range(len(order) - 1))


def _crossings(upper, lower, succs) -> int:
    """Edge crossings between two adjacent layers: inversions of the lower ends, upper ends sorted."""
    pos = {item: i for i, item in enumerate(lower)}
    ends = sorted((i, pos[s]) for i, item in enumerate(upper) for s in succs[item] if s in pos)
    seen, count = [], 0
    for _, p in ends:
        count += len(seen) - bisect_right(seen, p)
        insort(seen, p)
    return count


def _heights(order, preds, succs, half, vgap) -> dict:
    """y of every item: pulled toward its neighbours' mean, kept in order and apart (down, up, down)."""
    def ext(item):
        return half.get(item, (DUMMY_HALF_HEIGHT, DUMMY_HALF_HEIGHT))

    ys = {}
    for col in order:
        y = 0.0
        for i, item in enumerate(col):
            if i:
                y += ext(col[i - 1])[1] + vgap + ext(item)[0]
            ys[item] = y
    k_range = list(range(len(order)))
    for layers, nbrs in ((k_range[1:], preds), (k_range[-2::-1], succs), (k_range[1:], preds)):
        for k in layers:
            col = order[k]
            want = []
            for item in col:
                ns = [ys[m] for m in nbrs[item]]
                want.append(sum(ns) / len(ns) if ns else ys[item])
            seps = [ext(col[i - 1])[1] + vgap + ext(col[i])[0] for i in range(1, len(col))]
            for item, y in zip(col, _pack(want, seps)):
                ys[item] = y
    return ys


def _pack(want: list, seps: list) -> list:
    """Positions closest to ``want`` (least squares) with p[i+1] - p[i] >= seps[i]: isotonic regression."""
    offsets = [0.0]
    for s in seps:
        offsets.append(offsets[-1] + s)
    blocks = []  # [mean, count]
    for w, off in zip(want, offsets):
        blocks.append([w - off, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            m2, c2 = blocks.pop()
            m1, c1 = blocks.pop()
            blocks.append([(m1 * c1 + m2 * c2) / (c1 + c2), c1 + c2])
    fitted = [m for m, c in blocks for _ in range(c)]
    return [f + off for f, off in zip(fitted, offsets)]


def _gap_room(order, succs, ys, layer, edges, edge_room, gap) -> dict:
    """Room in front of each layer: wider for edge labels, and for steep edges so they stay legible
    (12% of the tallest rise across the gap, at most four plain gaps)."""
    room = {}
    for src, dst, slot in edges:
        need = edge_room.get((src, dst, slot), 0.0)
        room[layer[dst]] = max(room.get(layer[dst], 0.0), need)
    for k, col in enumerate(order[:-1]):
        rise = max((abs(ys[a] - ys[b]) for a in col for b in succs[a]), default=0.0)
        room[k + 1] = max(room.get(k + 1, 0.0), min(0.12 * rise, 4 * gap))
    return room


def _columns(order, sizes, gap, margin, room):
    """x of every layer and its (left, right) edges."""
    columns, xs = [], []
    right_edge = margin
    for k, col in enumerate(order):
        real = [item for item in col if isinstance(item, int)]
        left = max((sizes[v].left for v in real), default=0.0)
        right = max((sizes[v].right for v in real), default=0.0)
        start = right_edge + (max(gap, room.get(k, 0.0)) if k else 0.0)
        x = start + left
        xs.append(x)
        columns.append((start, x + right))
        right_edge = x + right
    return columns, xs
