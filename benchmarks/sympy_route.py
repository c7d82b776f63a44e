"""The route a SymPy user would script, measured as the baseline: parse_expr, diff per variable, lambdify,
evaluate. BENCHMARK ONLY: it runs SymPy's parse_expr on text that benchmarks/cases.py generated (never on
user input; symgraph itself never calls parse_expr).

Usage: python sympy_route.py PROGRAM.txt POINT.json  -> prints {"gradient": {...}, "seconds": s} as JSON.
"""
import json
import sys
import time


def main(program_path: str, point_path: str) -> None:
    start = time.perf_counter()
    import sympy
    from sympy.parsing.sympy_parser import parse_expr

    point = json.load(open(point_path))
    env = {name: sympy.Symbol(name) for name in point}
    expr = None
    for line in open(program_path).read().splitlines():
        if not line.strip():
            continue
        name, _, text = line.rpartition("=") if "=" in line else ("", "", line)
        expr = parse_expr(text, local_dict=env)
        if name.strip():
            env[name.strip()] = expr
    symbols = [env[name] for name in point]
    derivatives = [sympy.diff(expr, s) for s in symbols]
    f = sympy.lambdify(symbols, derivatives, "math")
    values = f(*[point[name] for name in point])
    gradient = {name: float(v) for name, v in zip(point, values)}
    print(json.dumps({"gradient": gradient, "seconds": time.perf_counter() - start}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
