"""A student's claim ``dOUT/dNAME = RHS``, read with the same safe parser as the expression.

* ``OUT`` is the output (``f`` unless the last statement is named) or any named step; ``NAME`` is an input
  or a named step. ``d`` means the total derivative (the adjoint, for a step); ``∂`` means the local
  partial of OUT's own statement with the other named steps held fixed (see truth.py).
* ``RHS`` is a number (a *numeric* claim, judged at ``--at``) or an expression in the inputs, the named
  steps and the constants pi and e (a *symbolic* claim, judged for all points). A step name in RHS stands
  for that step's expression.

Every name is validated; a malformed claim or an unknown name is a ParseError (exit 2) whose caret points
into the claim's own text. Nothing is ever evaluated as code.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

import sympy

from symgraph.errors import ParseError, SymgraphError
from symgraph.safe_text import quoted
from symgraph.core.lower import Graph, lower
from symgraph.core.parser import Node, Program, Statement, parse_expression, tokenize
from symgraph.judging.names import check_identifier, names_in, reanchor
from symgraph.notation.prime import claim_equals, only_variable, output_alias, read_lhs

PARTIAL_SIGNS = ("∂", "𝜕", "\u2202")
SHAPE = "a claim looks like 'df/dx = RHS' (or 'df/dg2 = -4', 'dg1/dx1 = 2')"


@dataclass
class Claim:
    text: str          # as written
    out: str           # OUT
    wrt: str           # NAME
    partial: bool      # written with ∂: the local partial
    rhs: Node          # the right-hand side's parse tree (columns relative to rhs_text)
    rhs_text: str
    rhs_offset: int    # where rhs_text starts inside text, to re-anchor carets
    at: Optional[str] = None   # f'(2) = ...: the claim's own point for the only variable (notation/prime.py)
    notes: list = field(default_factory=list, compare=False)   # how the right side was read (notation/notes.py)
    of: Optional[str] = None   # d/dx sin(x^2) = ...: the expression differentiated (OUT is the statement it is)
    of_offset: int = 0

    @property
    def lhs(self) -> str:
        sign = "∂" if self.partial else "d"
        return f"{sign}{self.out}/{sign}{self.wrt}" + (f" at {self.wrt} = {self.at}" if self.at else "")

    @property
    def numeric(self) -> bool:
        """No variable or step name on the right: a number, judged at the point."""
        return not names_in(self.rhs)

    @property
    def decimal_literal(self) -> str | None:
        """The literal when RHS is a plain decimal number such as ``-0.20`` (its last digit's place sets the
        rounding tolerance)."""
        node = self.rhs.args[0] if self.rhs.kind == "neg" else self.rhs
        return node.text if node.kind == "num" and "." in node.text else None


def parse_claim(text: str) -> Claim:
    if not isinstance(text, str) or not text.strip():
        raise ParseError(f"empty claim: {SHAPE}")
    eq = claim_equals(text)
    if eq < 0:
        raise ParseError(f"claim has no '=': {SHAPE}", text, len(text.rstrip()))
    if text.startswith("=", eq + 1):
        raise ParseError("write the claim with a single '='", text, eq)
    lhs = read_lhs(text, eq)       # f'(x), y', d/dx f, LaTeX, second order refused; None: dOUT/dNAME
    of = _operator_of(text, eq) if lhs is None else None
    if of:
        (wrt, partial, of_text, of_offset), out = of, ""
    else:
        out, wrt, partial = (lhs.out, lhs.wrt, lhs.partial) if lhs else _parse_lhs(text, eq)
    rhs_text = text[eq + 1:]
    if not rhs_text.strip():
        raise ParseError("claim has no right-hand side after '='", text, eq)
    try:
        rhs = parse_expression(rhs_text)
    except SymgraphError as exc:
        raise reanchor(exc, text, eq + 1) from None
    if lhs and lhs.at is not None and names_in(rhs):
        raise ParseError(f"{out}'({lhs.at}) is a number: its right-hand side must be a number too", text, eq + 1)
    claim = Claim(text, out, wrt, partial, rhs, rhs_text, eq + 1, at=lhs.at if lhs else None)
    if of:
        claim.of, claim.of_offset = of_text, of_offset
    return claim


_OF = re.compile(r"^\s*(?P<d>d|∂|𝜕)\s*/\s*(?:d|∂|𝜕)\s*(?P<wrt>[A-Za-z][A-Za-z0-9_]*)\s*(?P<expr>\S.*?)\s*$")


def _operator_of(text: str, eq: int) -> Optional[tuple]:
    """``d/dx sin(x^2)``: (NAME, partial, the expression as written, where it starts); None if it is not that
    shape (``d/dx f`` and ``d/dx(f)`` are read_lhs's)."""
    m = _OF.match(text[:eq])
    if m is None:
        return None
    try:
        parse_expression(m.group("expr"))
    except SymgraphError as exc:
        raise reanchor(exc, text, m.start("expr")) from None
    return m.group("wrt"), m.group("d") != "d", m.group("expr"), m.start("expr")


def _statement_of(claim: Claim, graph: Graph) -> str:
    """The output or named step whose expression is the one ``d/dx EXPR`` differentiates (the same SymPy
    expression of the inputs); a ParseError when it is none of them."""
    from symgraph.judging.truth import named_steps, node_exprs

    try:
        of_graph = lower(Program(claim.of, [Statement(None, parse_expression(claim.of), 0)]))
    except SymgraphError as exc:
        raise reanchor(exc, claim.text, claim.of_offset) from None
    ids, exprs = graph.names, node_exprs(graph)
    unknown = [name for name in of_graph.inputs if name not in ids]
    if unknown:
        raise ParseError(f"claim {quoted(claim.text.strip())}: '{unknown[0]}' is not a variable or a named step "
                         f"({describe_names(graph)})", claim.text, claim.of_offset)
    target = node_exprs(of_graph, of_graph.output,
                        {k: exprs[ids[name]] for name, k in of_graph.inputs.items()})[of_graph.output]
    for k in reversed(named_steps(graph)):             # the output first
        if exprs[k] == target or sympy.expand(exprs[k] - target) == 0:
            return graph.nodes[k].name
    raise ParseError(f"claim {quoted(claim.text.strip())}: {claim.of} is not the function being checked or one of "
                     f"its named steps ({describe_names(graph)}); name it, as in "
                     f"d{graph.nodes[graph.output].name}/d{claim.wrt} = ...", claim.text, claim.of_offset)


def _parse_lhs(text: str, eq: int) -> tuple:
    lhs = text[:eq]
    partial = any(sign in lhs for sign in PARTIAL_SIGNS)
    for sign in PARTIAL_SIGNS:
        lhs = lhs.replace(sign, "d")   # same length (one code point), so columns still match
    try:
        tokens = [t for t in tokenize(lhs) if t.kind != "end"]
    except SymgraphError as exc:
        raise reanchor(exc, text, 0) from None
    parts, i = [], 0
    for want_slash in (False, True):
        if want_slash:
            if i >= len(tokens) or tokens[i].text != "/":
                raise ParseError(f"expected '/' in the left-hand side: {SHAPE}", text,
                                 tokens[i].col if i < len(tokens) else eq)
            i += 1
        tok = tokens[i] if i < len(tokens) else None
        if tok is None or tok.kind != "name" or not tok.text.startswith("d"):
            raise ParseError(f"expected d<name> in the left-hand side: {SHAPE}", text,
                             tok.col if tok else eq)
        if tok.text == "d" and i + 1 < len(tokens) and tokens[i + 1].kind == "name":
            name_tok, i = tokens[i + 1], i + 2           # "d f / d x", with spaces
        elif tok.text != "d":
            name_tok, i = tok, i + 1                      # "df/dx"
            name_tok = type(tok)("name", tok.text[1:], tok.col + 1)
        else:
            raise ParseError(f"'d' must be followed by a name: {SHAPE}", text, tok.col)
        parts.append(check_identifier(name_tok.text, text, name_tok.col))
    if i < len(tokens):
        raise ParseError(f"unexpected {tokens[i].text!r} before '=': {SHAPE}", text, tokens[i].col)
    return parts[0], parts[1], partial


def describe_names(graph: Graph) -> str:
    steps = [n.name for n in graph.nodes if n.names and n.op != "input"]
    return (f"variables: {', '.join(graph.inputs) or 'none'}; "
            f"named steps: {', '.join(steps) or 'none'}")


def resolve(claim: Claim, graph: Graph) -> tuple:
    """(OUT's node id, NAME's node id); an unknown name is a ParseError that names it."""
    ids = graph.names
    if claim.of is not None and not claim.out:
        claim.out = _statement_of(claim, graph)
    if claim.wrt is None:
        claim.wrt = only_variable(claim, graph)
    where = claim.text.find(claim.out)
    claim.out = output_alias(claim.out, graph)
    if claim.out not in ids:
        raise ParseError(f"claim {quoted(claim.text.strip())}: '{claim.out}' is not the output or a named step "
                         f"({describe_names(graph)})", claim.text, max(where, 0))
    if claim.out in graph.inputs:
        raise ParseError(f"claim {quoted(claim.text.strip())}: '{claim.out}' is an input; a claim differentiates "
                         f"the output or a named step ({describe_names(graph)})", claim.text, max(where, 0))
    if claim.wrt not in ids:
        col = claim.text.find("d" + claim.wrt, where + len(claim.out)) + 1
        raise ParseError(f"claim {quoted(claim.text.strip())}: '{claim.wrt}' is not a variable or a named step "
                         f"({describe_names(graph)})", claim.text, max(col, 0), hint=_glued(claim.wrt, graph.inputs))
    for node in names_in(claim.rhs):
        if node.text not in ids:
            raise ParseError(f"claim {quoted(claim.text.strip())}: '{node.text}' on the right-hand side is not a "
                             f"variable or a named step ({describe_names(graph)})",
                             claim.text, claim.rhs_offset + node.col, hint=_run_together(node.text, ids))
    return ids[claim.out], ids[claim.wrt]


def _glued(wrt: str, inputs) -> str | None:
    """``sinx`` alone is one name (nothing in the expression says x is a variable): say how to write sin x."""
    from symgraph.core.primitives import FUNCTIONS

    glued = [n for n in inputs if n.endswith(wrt) and n[:-len(wrt)] in FUNCTIONS]
    if not glued:
        return None
    fn = glued[0][:-len(wrt)]
    return f"'{glued[0]}' is one name in the expression; for {fn} of {wrt} write {fn} {wrt} or {fn}({wrt})"


def _run_together(name: str, known) -> str | None:
    """``2xy`` with variables x and y: xy is one name (implicit multiplication never splits a name), so
    say how to write the product. Splits the name into known names, longest first (linear in practice)."""
    parts, rest = [], name
    while rest:
        head = next((rest[:k] for k in range(len(rest), 0, -1) if rest[:k] in known), None)
        if head is None:
            return None
        parts.append(head)
        rest = rest[len(head):]
    if len(parts) < 2:
        return None
    return f"'{name}' is one name; for the product write {'*'.join(parts)} (or {' '.join(parts)})"


def claimed_expr(claim: Claim, graph: Graph, full: list) -> sympy.Expr:
    """RHS as a SymPy expression of the inputs (step names replaced by their expressions, from ``full``).

    RHS is lowered like any expression, so its constants are folded with the same guards (``10**10**10``
    is refused, not computed)."""
    from symgraph.judging.truth import node_exprs

    try:
        rhs_graph = lower(Program(claim.rhs_text, [Statement(None, claim.rhs, 0)]))
    except SymgraphError as exc:
        raise reanchor(exc, claim.text, claim.rhs_offset) from None
    ids = graph.names
    replace = {node_id: full[ids[name]] for name, node_id in rhs_graph.inputs.items()}
    return node_exprs(rhs_graph, rhs_graph.output, replace)[rhs_graph.output]
