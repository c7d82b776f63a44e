"""Hypothesis: random compositions of right layers, written CS231n style, are never diagnosed."""
from hypothesis import given, settings, strategies as st

from symgraph.code.check import check_code

FORWARD = {
    "affine": "h{k} = h{p}.dot(W{k}) + b{k}",
    "relu": "h{k} = np.maximum(0, h{p})",
    "tanh": "h{k} = np.tanh(h{p})",
    "sigmoid": "h{k} = 1.0 / (1.0 + np.exp(-h{p}))",
    "center": "h{k} = h{p} - np.mean(h{p}, axis=0)",
    "square": "h{k} = h{p} ** 2",
}
BACKWARD = {
    "affine": ["dW{k} = h{p}.T.dot(dh{k})", "db{k} = np.sum(dh{k}, axis=0)", "dh{p} = dh{k}.dot(W{k}.T)"],
    "relu": ["dh{p} = dh{k}.copy()", "dh{p}[h{p} <= 0] = 0"],
    "tanh": ["dh{p} = dh{k} * (1 - h{k} ** 2)"],
    "sigmoid": ["dh{p} = dh{k} * h{k} * (1 - h{k})"],
    "center": ["dh{p} = dh{k} - np.mean(dh{k}, axis=0)"],
    "square": ["dh{p} = 2 * h{p} * dh{k}"],
}
LOSSES = {
    "squares": (["loss = np.sum(h{L} * h{L}) / N"], ["dh{L} = 2 * h{L} / N"]),
    "softmax": (["z = h{L} - np.max(h{L}, axis=1, keepdims=True)",
                 "log_probs = z - np.log(np.sum(np.exp(z), axis=1, keepdims=True))",
                 "probs = np.exp(log_probs)",
                 "loss = -np.sum(log_probs[np.arange(N), y]) / N"],
                ["dh{L} = probs.copy()", "dh{L}[np.arange(N), y] -= 1", "dh{L} /= N"]),
}


def program(layers, loss):
    dims = ["D0"]
    params, lines, back = ["h0"], [], []
    for k, kind in enumerate(layers, 1):
        if kind == "affine":
            dims.append(f"D{k}")
            params += [f"W{k}", f"b{k}"]
        else:
            dims.append(dims[-1])
        lines.append(FORWARD[kind].format(k=k, p=k - 1))
        back = [b.format(k=k, p=k - 1) for b in BACKWARD[kind]] + back
    L = len(layers)
    fwd, bwd = LOSSES[loss]
    lines += [f.format(L=L) for f in fwd]
    back = [b.format(L=L) for b in bwd] + back
    body = ["N = h0.shape[0]"] + lines + back + ["return loss, " + ", ".join("d" + p for p in params)]
    text = "import numpy as np\n\n\ndef net_loss(" + ", ".join(params + ["y"]) + "):\n"
    text += "".join(f"    {line}\n" for line in body)
    shapes = {"h0": f"Nx{dims[0]}", "y": "N"}
    for k, kind in enumerate(layers, 1):
        if kind == "affine":
            shapes[f"W{k}"] = f"{dims[k - 1]}x{dims[k]}"
            shapes[f"b{k}"] = dims[k]
    return text, ",".join(f"{n}={s}" for n, s in shapes.items())


@settings(max_examples=30, deadline=None)
@given(layers=st.lists(st.sampled_from(sorted(FORWARD)), min_size=1, max_size=5),
       loss=st.sampled_from(sorted(LOSSES)), seed=st.integers(0, 2 ** 16))
def test_right_compositions_are_never_diagnosed(layers, loss, seed):
    text, shapes = program(layers, loss)
    report = check_code(text, shapes=shapes, seed=seed)
    bad = [(r.line, r.name, r.why) for r in report.lines if r.ok is not True or r.diagnosis]
    assert report.ok and not bad, (text, bad)


def test_a_gradient_zero_by_cancellation_is_judged_against_the_pass_rounding():
    """After a centring layer, db1's true value is ~1e-12 (rounding of a sum that cancels): a right line
    must not be called wrong for noise of the backward pass's own size (hypothesis found this)."""
    text, shapes = program(["affine", "affine", "affine", "center", "affine"], "squares")
    for seed in (4, 5):
        report = check_code(text, shapes=shapes, seed=seed)
        assert report.ok, [(r.name, r.why) for r in report.lines if r.ok is not True]
