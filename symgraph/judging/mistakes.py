"""The mistake catalog's public face: every mistake id and what an answer with it did (for a teacher's
histogram), and ``catalog``, every candidate mistake of one (OUT, NAME) pair (judging/catalog/walk.py). The
entries themselves live in judging/catalog/: textbook.py, misrules.py, gates.py and concepts.py."""
from __future__ import annotations

from symgraph.judging.catalog.base import Candidate  # noqa: F401 (public: a catalog entry)
from symgraph.judging.catalog.walk import Walk, catalog  # noqa: F401 (public: the catalog of one pair)

# What an answer with each mistake did, for a teacher's histogram ("7 of 30 answers ...").
DESCRIPTIONS = {
    "chain-inner-missing": "dropped the chain rule's inner factor",
    "log-inner-missing": "dropped the inner derivative of log(u) (took 1/u)",
    "product-rule-derivatives-multiplied": "took (u·v)' as u'·v'",
    "product-rule-term-missing": "left out a term of the product rule",
    "quotient-rule-sign": "reversed the sign of the quotient rule's numerator",
    "quotient-rule-denominator": "did not square the quotient rule's denominator (or left it out)",
    "power-rule-exponent-kept": "kept the exponent in the power rule (n·xⁿ)",
    "power-rule-exponent-raised": "raised the exponent in the power rule (n·xⁿ⁺¹)",
    "exp-base-rule": "differentiated aˣ like a power (x·aˣ⁻¹)",
    "trig-sign": "got the sign of a trig derivative wrong",
    "path-missing": "left out a path into a shared node",
    "constant-treated-as-variable": "differentiated a constant as if it were the variable",
    "variable-treated-as-constant": "treated the variable as a constant",
    "constant-factor-dropped": "left out a constant factor ((c·u)' taken as u')",
    # catalog/misrules.py
    "derivative-table-swap": "used a neighbouring row of the derivative table (σ' as σ, tan' as sec, ...)",
    "quotient-rule-derivatives-divided": "took (u/v)' as u'/v'",
    "reciprocal-rule": "took (c/g)' as c/g'",
    "chain-rule-misapplied": "applied the chain rule in a wrong form (f'(x)·g'(x), f'(g'(x)), (uⁿ)' as n·u')",
    "sign-lost-in-subtraction": "lost the minus sign of a subtraction ((u - v)' as u' + v')",
    "constant-differentiated": "differentiated a constant subexpression (pi**3, log(5)) as if it varied",
    # catalog/gates.py
    "relu-gate-mask-ignored": "ignored the ReLU gate's mask (passed the gradient through where the input is negative)",
    "max-gate-routed-wrong": "routed the max (min) gate's gradient to the wrong input, or split it",
    "multiply-gate-inputs-not-swapped": "took a multiply gate's local gradient as the input itself, not the other one",
    "local-gradient-missing": "left out a gate's local gradient (passed the upstream gradient through unchanged)",
    # catalog/concepts.py
    "upstream-missing": "left out the upstream gradient (stopped at an intermediate step)",
    "value-instead-of-derivative": "gave the function's value instead of its derivative",
    "antiderivative-instead-of-derivative": "gave an antiderivative instead of the derivative",
    "wrong-variable": "differentiated with respect to the wrong variable",
    "degrees-for-radians": "evaluated the trig functions in degrees instead of radians",
    "algebra-before-differentiating": "rewrote the expression with an invalid identity before differentiating",
    # check --code (symgraph/code/mistakes.py): a tensor row's VJP applied wrongly
    "transpose-missing": "left out a transpose in a matrix product's gradient",
    "matmul-order": "multiplied a matrix product's gradient factors in the wrong order",
    "batch-sum-missing": "did not sum the bias gradient over the batch axis",
    "sum-wrong-axis": "summed a gradient over the wrong axis",
    "mean-vs-sum": "took a mean for a sum, or a sum for a mean (a 1/N missing or extra)",
    "l2-factor-2": "left out (or doubled) the factor 2 of the L2 term's gradient",
    "regularization-gradient-missing": "left out the regularization term's gradient",
    "relu-mask-wrong": "applied the ReLU mask wrongly",
    "sigmoid-derivative-of-input": "computed σ(1−σ) from the wrong tensor (the input, not the output)",
    "softmax-label-term-missing": "left out the −1 at the true class in the softmax gradient",
    "broadcast-shape": "gave a gradient whose shape fits only by broadcasting",
}
