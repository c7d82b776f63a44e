"""Realistic student mistakes, one named catalog entry each, worked by hand (the wrong answer is what a student
writes; nothing here is computed by the catalog). The bench has its own, separate corpus
(benchmarks/mistake_corpus.py)."""

NEURON = "1/(1+exp(-(w0*x0+w1*x1+w2)))"
NEURON_AT = "w0=2,x0=-1,w1=-3,x1=-2,w2=-3"
GATES = "q = x + y; f = q*z"                       # CS231n's first circuit
RELU = "h = relu(w*x); f = 3*h"
MAXG = "m = max(x, y); f = m*z"

CORPUS = [  # (expression, claim, --at or None, the mistake)
    # derivative-table-swap: a neighbouring row's derivative
    ("sigmoid(x)", "df/dx = 1/(1 + exp(-x))", None, "derivative-table-swap"),                       # σ' as σ
    ("sigmoid(2*x)", "df/dx = 2*(1 - 1/(1 + exp(-2*x)))", None, "derivative-table-swap"),           # 1 - σ
    ("sigmoid(x)", "df/dx = 1.27", "x=1", "derivative-table-swap"),                                # σ(1+σ) = 1.2656
    ("tanh(x)", "df/dx = 1 - tanh(x)", None, "derivative-table-swap"),
    ("tanh(3*x)", "df/dx = 3*(1 + tanh(3*x)**2)", None, "derivative-table-swap"),
    ("tan(x)", "df/dx = 1/cos(x)", None, "derivative-table-swap"),                                  # sec
    ("tan(x**2)", "df/dx = 2*x*tan(x**2)/cos(x**2)", None, "derivative-table-swap"),                # sec·tan
    ("asin(x)", "df/dx = -1/sqrt(1 - x**2)", None, "derivative-table-swap"),                         # acos'
    ("acos(x/2)", "df/dx = 1/(2*sqrt(1 - x**2/4))", None, "derivative-table-swap"),
    ("atan(x)", "df/dx = 1/sqrt(1 - x**2)", None, "derivative-table-swap"),
    ("cosh(x)", "df/dx = -sinh(x)", None, "derivative-table-swap"),
    ("sinh(2*x)", "df/dx = -2*cosh(2*x)", None, "derivative-table-swap"),
    ("3**x", "df/dx = 3**x", None, "derivative-table-swap"),                                        # ln 3 dropped
    ("log(x, 2)", "df/dx = 1/x", None, "derivative-table-swap"),                                    # 1/ln 2 dropped
    ("sec(x)", "df/dx = tan(x)", None, "derivative-table-swap"),
    # quotient and reciprocal rules
    ("sin(x)/x**2", "df/dx = cos(x)/(2*x)", None, "quotient-rule-derivatives-divided"),
    ("(x**2 + 1)/(x - 3)", "df/dx = 2*x", None, "quotient-rule-derivatives-divided"),
    ("1/(x**2 + 1)", "df/dx = 1/(2*x)", None, "reciprocal-rule"),
    ("5/sin(x)", "df/dx = 5/cos(x)", None, "reciprocal-rule"),
    # chain rule misapplied
    ("sin(x**2)", "df/dx = cos(x)*2*x", None, "chain-rule-misapplied"),                             # f'(x)·g'(x)
    ("sin(x**2)", "df/dx = cos(2*x)", None, "chain-rule-misapplied"),                               # f'(g'(x))
    ("exp(x**3)", "df/dx = exp(3*x**2)", None, "chain-rule-misapplied"),                            # e^{u'}
    ("(x**2 + 1)**3", "df/dx = 6*x", None, "chain-rule-misapplied"),                                 # n·u'
    ("log(sin(x))", "df/dx = cos(x)/x", None, "chain-rule-misapplied"),
    # sign lost through a subtraction
    ("x - y", "df/dy = 1", None, "sign-lost-in-subtraction"),
    ("x**2 - sin(x)", "df/dx = 2*x + cos(x)", None, "sign-lost-in-subtraction"),
    ("5 - x**3", "df/dx = 3*x**2", None, "sign-lost-in-subtraction"),
    # backprop gates over named decompositions
    (RELU, "df/dw = 3*x", "w=-1,x=2", "relu-gate-mask-ignored"),
    (RELU, "df/dx = 1.5", "w=0.5,x=-4", "relu-gate-mask-ignored"),
    (MAXG, "df/dy = 2", "x=3,y=1,z=2", "max-gate-routed-wrong"),
    (MAXG, "df/dx = 2", "x=3,y=1,z=4", "max-gate-routed-wrong"),                                   # split: 4/2
    (GATES, "df/dz = z", None, "multiply-gate-inputs-not-swapped"),
    ("f = x*y", "df/dx = x", None, "multiply-gate-inputs-not-swapped"),
    ("g = x**2; f = exp(g)", "df/dx = 2*x", None, "local-gradient-missing"),
    ("h = 3*x; f = sin(h)", "df/dx = 3", None, "local-gradient-missing"),
    (GATES, "df/dx = 1", "x=-2,y=5,z=-4", "upstream-missing"),
    ("a = x**2; b = sin(a); f = 4*b", "df/dx = 2*x*cos(x**2)", None, "upstream-missing"),
    # constants differentiated
    ("pi**3*x", "df/dx = 3*pi**2*x + pi**3", None, "constant-differentiated"),
    ("x**2 + log(5)", "df/dx = 2*x + 1/5", None, "constant-differentiated"),
    ("x + sqrt(2)", "df/dx = 1 + 1/(2*sqrt(2))", None, "constant-differentiated"),
    # concept errors
    ("x**3 + x", "df/dx = 10", "x=2", "value-instead-of-derivative"),
    ("sin(x)*x", "df/dx = x*sin(x)", None, "value-instead-of-derivative"),
    ("x**2", "df/dx = x**3/3", None, "antiderivative-instead-of-derivative"),
    ("cos(x)", "df/dx = sin(x) + 4", None, "antiderivative-instead-of-derivative"),
    ("x**2*y + y**3", "df/dx = x**2 + 3*y**2", None, "wrong-variable"),
    ("x*exp(y)", "df/dx = 6.73", "x=0.5,y=2.6", "wrong-variable"),                                  # x·e^y = 6.7319
    ("sin(x)", "df/dx = 0.9994", "x=2", "degrees-for-radians"),                                     # cos(2°)
    ("x*cos(x)", "df/dx = 1.0", "x=1", "degrees-for-radians"),                   # cos(1°) - sin(1°) = 0.982... 1.0
    # invalid algebra first, then a right derivative
    ("(x + 3)**2", "df/dx = 2*x", None, "algebra-before-differentiating"),                          # x² + 9
    ("sqrt(x**2 + 9)", "df/dx = 1", None, "algebra-before-differentiating"),                        # x + 3
    ("log(x + 1)", "df/dx = 1/x", None, "algebra-before-differentiating"),                          # ln x + ln 1
    ("sin(2*x)", "df/dx = 2*cos(x)", None, "algebra-before-differentiating"),                       # 2 sin x
    ("(x - y)**2", "df/dx = 2*x", None, "algebra-before-differentiating"),
    # two mistakes at two nodes, named together
    ("sin(cos(x**2))", "df/dx = cos(cos(x**2))*sin(x**2)", None, "chain-inner-missing"),            # 2x dropped, sign lost
    ("exp(sin(3*x))", "df/dx = exp(sin(3*x))*cos(3*x)", None, "chain-inner-missing"),
]
