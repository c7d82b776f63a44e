"""LaTeX input: text -> the same parse-tree nodes as the plain syntax (core/parser.py), structure as written.

The grammar is latex.lark, read by lark's LALR(1) parser (linear time, no recursion in parsing). Nothing is
ever run through TeX: before parsing, every macro is checked against the short list the grammar knows,
so ``\\input``, ``\\def``, ``\\newcommand``, ``\\csname``, ``\\catcode`` and any unknown macro is refused
with a caret under it, naming it. The tree is converted with an explicit stack (no recursion either).
"""
from __future__ import annotations

import re
from functools import lru_cache

from symgraph.core.tokens import MAX_SOURCE_CHARS, describe_char, without_comments
from symgraph.errors import LimitError, ParseError
from symgraph.safe_text import quoted
from symgraph.notation.macros import FUNCTION_MACROS, NAMES

MAX_NESTING = 10_000
_GREEK = ("alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi rho "
          "tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Phi Psi Omega").split()
_ALLOWED = set(FUNCTION_MACROS) | set(_GREEK) | {
    "frac", "dfrac", "tfrac", "sqrt", "left", "right", "cdot", "times", "div", "pi", "operatorname", "mathrm",
    "text", "lvert", "rvert", "quad", "qquad", ",", ";", ":", "!", " ", "\\", "over", "displaystyle",
    "textstyle", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr", "Biggl", "Biggr",
    "bigm", "Bigm", "bf", "rm", "it"}
_HOSTILE = {"input", "include", "def", "edef", "gdef", "let", "newcommand", "renewcommand", "csname",
            "catcode", "write", "immediate", "openout", "openin", "read", "usepackage", "expandafter", "special"}
_MACRO = re.compile(r"\\([A-Za-z]+|.?)", re.DOTALL)


def looks_like_latex(source: str) -> bool:
    """Auto-detection: a backslash or a brace (both refused by the plain syntax) means LaTeX; what a
    ``#`` comment says does not count (``x*y  # see \\alpha`` is plain text)."""
    code = without_comments(source)
    return "\\" in code or "{" in code or code.strip().startswith("$")


@lru_cache(maxsize=1)
def _parser():
    from lark import Lark

    from symgraph.notation.letters_latex import SplitNames

    return Lark.open_from_package("symgraph.notation", "latex.lark", parser="lalr", propagate_positions=True,
                                  postlex=SplitNames())


def check_macros(source: str, allowed: frozenset = frozenset()) -> None:
    """Refuse every macro outside the grammar's list, before any parsing: TeX is never run, and a macro we
    do not know is named, with a caret, rather than guessed at."""
    for m in _MACRO.finditer(source):
        name = m.group(1)
        if name in _ALLOWED or name in allowed:
            continue
        shown = "\\" + name if name.strip() else "a lone backslash"
        why = ("symgraph never runs TeX, and this macro could read files, define macros or change how TeX "
               "reads its input" if name in _HOSTILE else "it is not part of the LaTeX symgraph reads")
        raise ParseError(f"LaTeX macro {shown} is refused: {why}", source, m.start(),
                         hint="the manual's Notation page (docs/notation.md) lists the LaTeX symgraph reads")


def _stray(ch: str) -> str:
    """A character the LaTeX grammar cannot place, named as the plain reader names it (code point, name)."""
    text = describe_char(ch)
    return text.replace(" in the input", " in the LaTeX") if " in the input" in text else f"{text} in the LaTeX"


def _strip_dollars(source: str) -> str:
    """``$x^2$``, ``$$...$$``, ``\\(...\\)`` and ``\\[...\\]``: the math delimiters become spaces (columns stay
    where they were)."""
    text = source.strip()
    for opening, closing in (("$$", "$$"), ("$", "$"), ("\\(", "\\)"), ("\\[", "\\]")):
        if len(text) >= 2 * len(opening) and text.startswith(opening) and text.endswith(closing):
            left = source.index(opening)
            right = source.rindex(closing)
            k = len(opening)
            return source[:left] + " " * k + source[left + k:right] + " " * k + source[right + k:]
    return source


# MathJax's redundant groups: {\sin ^2}\left( x \right) is \sin^2 (x); {\bf e} and {\rm e} are e.
_FUNCTION_GROUP = re.compile(r"\{(\s*\\(?:" + "|".join(sorted(FUNCTION_MACROS, key=len, reverse=True))
                             + r")(?![A-Za-z])\s*(?:\^\s*(?:\{[^{}]*\}|[0-9]))?\s*)\}")
_FONT = re.compile(r"(?<=\{)\s*\\(?:bf|rm|it)(?![A-Za-z])")


def _tidy(source: str) -> str:
    """Column-preserving rewrites before lexing: MathJax's groups, font switches, bars."""
    source = _FUNCTION_GROUP.sub(lambda m: " " + m.group(1) + " ", source)
    source = _FONT.sub(lambda m: " " * len(m.group()), source)
    return mark_bars(source)


_OPERATOR_MACRO = re.compile(r"\\(?:cdot|times|div|left|right|over|" + "|".join(FUNCTION_MACROS) + r")\s*$")


def mark_bars(source: str) -> str:
    """Each plain ``|`` becomes U+E000 (opening) or U+E001 (closing): it closes when a bar is open at this
    depth and what comes before it ends an operand (``x|x|``, ``\\ln|x|``, ``||x|-1|``)."""
    if "|" not in source:
        return source
    out, open_at, depth = list(source), [], 0
    for k, ch in enumerate(source):
        if ch in "({[":
            depth += 1
        elif ch in ")}]":
            depth -= 1
        if ch != "|" or re.search(r"\\(?:left|right)\s*$|\\$", source[:k]):
            continue
        before = source[:k].rstrip()
        ends = bool(before) and (before[-1].isalnum() or before[-1] in ")}]\uE001'") \
            and not _OPERATOR_MACRO.search(before[-12:])
        if open_at and open_at[-1] == depth and ends:
            open_at.pop()
            out[k] = "\uE001"
        else:
            open_at.append(depth)
            out[k] = "\uE000"
    return "".join(out)


def _check_depth(source: str) -> None:
    depth = 0
    for k, ch in enumerate(source):
        if ch in "({[":
            depth += 1
            if depth > MAX_NESTING:
                raise LimitError(f"nesting deeper than {MAX_NESTING:,} levels", source, k)
        elif ch in ")}]":
            depth -= 1


def parse_tree(source: str):
    """The lark tree of a LaTeX text, or a ParseError with a caret."""
    from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

    if len(source) > MAX_SOURCE_CHARS:
        raise LimitError(f"input is {len(source):,} characters; the limit is {MAX_SOURCE_CHARS:,}")
    text = _strip_dollars(source)
    check_macros(text)
    _check_depth(source)
    text = _tidy(text)
    from symgraph.notation.letters_latex import left_sides

    try:
        with left_sides(text):
            return _parser().parse(text)
    except UnexpectedEOF:
        raise ParseError("the LaTeX ends too early (an unclosed brace or parenthesis, or a \\frac missing its "
                         "second {...}?)", source, len(source.rstrip())) from None
    except UnexpectedCharacters as exc:
        raise ParseError(_stray(source[exc.pos_in_stream]), source, exc.pos_in_stream) from None
    except UnexpectedToken as exc:
        tok = exc.token
        if tok.type == "$END":
            raise ParseError("the LaTeX ends too early (an unclosed brace or parenthesis?)", source,
                             len(source.rstrip())) from None
        shown = _stray(str(tok)) if len(str(tok)) == 1 else f"unexpected {quoted(str(tok))} in the LaTeX"
        raise ParseError(shown, source, tok.start_pos) from None
    except UnexpectedInput as exc:  # pragma: no cover (the three above are all lark raises for LALR)
        raise ParseError(f"cannot read the LaTeX ({exc.__class__.__name__})", source) from None


def parse_latex(source: str):
    """A LaTeX program (statements separated by ';', newlines or ``\\\\``) -> core.parser.Program."""
    from symgraph.core.tree import Program, Statement, check_name, check_order
    from symgraph.core.tokens import Token

    tree = parse_tree(without_comments(source))        # '#' comments, as in the plain syntax
    program = Program(source)
    seen: dict = {}
    definitions: list = []
    for st in tree.children:
        if not hasattr(st, "data"):
            continue                                  # a separator token
        expr = convert(st.children[-1], source)
        name = None
        if st.data == "define":
            target = convert(st.children[0], source)
            params = convert(st.children[2 if hasattr(st.children[1], "type") and st.children[1].type == "LEFTP"
                                          else 1], source)[1]
            definitions.append((target.text, _params(params, target, source)))
        if st.data in ("assign", "define"):
            target = convert(st.children[0], source)
            name = check_name(Token("name", target.text, target.col), source, assigning=True)
            if name in seen:
                raise ParseError(f"'{name}' is assigned twice", source, target.col)
            seen[name] = target.col
        program.statements.append(Statement(name, expr, st.meta.start_pos if name else expr.start))
    if not program.statements:
        raise ParseError("empty input: expected an expression such as \\sin x \\cos x")
    from symgraph.notation.letters import finish

    finish(program, definitions)
    check_order(program, seen)
    return program


def _params(args: list, target, source: str) -> list:
    """``f(x, y) = ...``: the inputs listed on the left, each a name."""
    for arg in args:
        if arg.kind != "name":
            raise ParseError(f"{target.text}(...) = ... lists its inputs: names, not {source[arg.start:arg.end]!r}",
                             source, arg.start)
    return args


def parse_latex_expression(source: str):
    """A single LaTeX expression (a claim's right-hand side, an --at value)."""
    program = parse_latex(source)
    if len(program.statements) != 1 or program.statements[0].name is not None:
        raise ParseError("expected a single expression", source, 0)
    return program.statements[0].expr


def convert(root, source: str):
    """Post-order walk of the lark tree with an explicit stack; see build.py for each rule."""
    from lark import Token as LarkToken

    from symgraph.notation.build import build

    results: dict = {}
    stack = [(root, False)]
    while stack:
        tree, ready = stack.pop()
        if isinstance(tree, LarkToken):
            continue
        if not ready:
            stack.append((tree, True))
            stack.extend((c, False) for c in tree.children if not isinstance(c, LarkToken))
            continue
        kids = [c if isinstance(c, LarkToken) else results.pop(id(c)) for c in tree.children]
        results[id(tree)] = build(tree, kids, source)
    return results[id(root)]
