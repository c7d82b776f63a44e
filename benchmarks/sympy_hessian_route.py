"""The Hessian route a SymPy user would script, measured as the baseline: parse_expr, sympy.hessian,
lambdify, evaluate. BENCHMARK ONLY: parse_expr runs on text that hessian_bench.py generated (never on user
input; symgraph itself never calls parse_expr).

Usage: python sympy_hessian_route.py PROGRAM.txt POINT.json -> prints {"hessian": [[...]], "seconds": s}.
"""
import json
import sys
import time


def main(program_path: str, point_path: str) -> None:
    start = time.perf_counter()
    import sympy
    from sympy.parsing.sympy_parser import parse_expr

    point = json.load(open(point_path))
    symbols = [sympy.Symbol(name) for name in point]
    expr = parse_expr(open(program_path).read().strip(), local_dict=dict(zip(point, symbols)))
    matrix = sympy.hessian(expr, symbols)
    f = sympy.lambdify(symbols, matrix.tolist(), "math")
    values = f(*point.values())
    print(json.dumps({"hessian": [[float(x) for x in row] for row in values],
                      "seconds": time.perf_counter() - start}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
