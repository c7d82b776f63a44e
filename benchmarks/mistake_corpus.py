"""The bench's own corpus of realistic student mistakes (separate from the tests' tests/judging/catalog_corpus.py):
(the problem, the student's wrong derivative as written (``df/dx`` unless it names its own left side), the
mistake it shows (``a|b``: either name is right), a point or None). Worked by hand from documented misconceptions; the harness
(benchmarks/coverage.py) checks each wrong answer as an expression when no point is given, else as a number
rounded to 2 decimals at the point (SymPy evaluates the hand-written wrong answer there, built through
symgraph's own parser). Textbook-rule mistakes the catalog had before issue 25 are included too, so that the
share named is over all kinds."""

CIRCUIT = "q = x + y; f = q*z"
NEURON = "s = w*x + b; f = sigmoid(s)"
RELU2 = "h = relu(a*x + b); f = 4*h"
MAX2 = "m = max(x*y, 2*y); f = 3*m"

CORPUS = [
    # textbook rules (the catalog before issue 25)
    ("cos(x**3)", "-sin(x**3)", "chain-inner-missing", "x=0.7"),
    ("exp(5*x)", "exp(5*x)", "chain-inner-missing", "x=0.2"),
    ("x**3*cos(x)", "-3*x**2*sin(x)", "product-rule-derivatives-multiplied", "x=1.3"),
    ("exp(x)*x**4", "exp(x)*x**4", "product-rule-term-missing", None),
    ("x**2/(x + 1)", "(x**2 - 2*x*(x + 1))/(x + 1)**2", "quotient-rule-sign", None),
    ("x**7", "7*x**7", "power-rule-exponent-kept", "x=1.1"),
    ("5**x", "x*5**(x - 1)", "exp-base-rule", "x=1.5"),
    ("sin(4*x)", "-4*cos(4*x)", "trig-sign", "x=0.3"),
    ("log(x**3 + 2)", "1/(x**3 + 2)", "log-inner-missing", "x=1.2"),
    # derivative-table-swap
    ("sigmoid(x**2)", "2*x/(1 + exp(-x**2))", "derivative-table-swap", "x=0.8"),
    ("sigmoid(x)", "1 - 1/(1 + exp(-x))", "derivative-table-swap", "x=-0.4"),
    ("sigmoid(3*x)", "3*(1/(1 + exp(-3*x)))*(1 + 1/(1 + exp(-3*x)))", "derivative-table-swap", None),
    ("tanh(x**2)", "2*x*(1 - tanh(x**2))", "derivative-table-swap", "x=0.6"),
    ("tanh(x)", "1 + tanh(x)**2", "derivative-table-swap", "x=0.9"),
    ("tan(3*x)", "3/cos(3*x)", "derivative-table-swap", "x=0.2"),
    ("tan(x)", "tan(x)/cos(x)", "derivative-table-swap", "x=0.4"),
    ("acos(x**2)", "2*x/sqrt(1 - x**4)", "derivative-table-swap", "x=0.5"),
    ("asin(2*x)", "-2/sqrt(1 - 4*x**2)", "derivative-table-swap", "x=0.3"),
    ("atan(x**2)", "2*x/sqrt(1 - x**4)", "derivative-table-swap", "x=0.5"),
    ("cosh(3*x)", "-3*sinh(3*x)", "derivative-table-swap", "x=0.7"),
    ("sinh(x**2)", "-2*x*cosh(x**2)", "derivative-table-swap", None),
    ("2**(3*x)", "3*2**(3*x)", "derivative-table-swap", "x=0.5"),
    ("10**x", "10**x", "derivative-table-swap", "x=0.3"),
    ("log(x**2, 10)", "2/x", "derivative-table-swap", "x=2"),
    ("log(x, 2)", "log(2)/x", "derivative-table-swap", None),
    # quotient and reciprocal
    ("exp(x)/(x**2 + 1)", "exp(x)/(2*x)", "quotient-rule-derivatives-divided", "x=1.5"),
    ("(3*x + 1)/(x**2 + 4)", "3/(2*x)", "quotient-rule-derivatives-divided", None),
    ("2/(x**3 + 1)", "2/(3*x**2)", "reciprocal-rule", "x=1.2"),
    ("1/cos(x)", "-1/sin(x)", "reciprocal-rule", None),
    # chain rule misapplied
    ("cos(x**3)", "-sin(x)*3*x**2", "chain-rule-misapplied", "x=0.9"),
    ("exp(x**2 + x)", "exp(2*x + 1)", "chain-rule-misapplied", "x=0.5"),
    ("(3*x + 1)**4", "12", "chain-rule-misapplied", None),
    ("sqrt(x**2 + 1)", "1/(2*sqrt(2*x))", "chain-rule-misapplied", "x=2"),
    ("log(x**2 + 5)", "2*x/x", "chain-rule-misapplied", None),
    # sign lost through a subtraction
    ("x*y - y**2", "df/dy = x + 2*y", "sign-lost-in-subtraction", "x=1,y=3"),
    ("exp(x) - x**3", "exp(x) + 3*x**2", "sign-lost-in-subtraction", "x=0.5"),
    ("1 - cos(x)", "-sin(x)", "sign-lost-in-subtraction", "x=1"),
    # backprop gates over named decompositions
    (RELU2, "4*a", "relu-gate-mask-ignored", "a=2,x=-1,b=0.5"),
    ("h = relu(x - 3); f = 5*h", "5", "relu-gate-mask-ignored", "x=1"),
    (MAX2, "df/dy = 6", "max-gate-routed-wrong", "x=3,y=1"),
    ("m = max(x, 0.5*x**2); f = m", "(1 + x)/2", "max-gate-routed-wrong", "x=1.5"),
    (CIRCUIT, "df/dq = x + y", "multiply-gate-inputs-not-swapped", None),
    ("g = x*w; f = exp(g)", "x*exp(x*w)", "multiply-gate-inputs-not-swapped", None),
    (NEURON, "df/dw = w/(1 + exp(-(w*x + b)))*(1 - 1/(1 + exp(-(w*x + b))))", "multiply-gate-inputs-not-swapped", None),
    ("g = x**3; f = log(g)", "3*x**2", "local-gradient-missing", "x=1.5"),
    ("u = 2*x; f = cos(u)", "2", "local-gradient-missing", None),
    (NEURON, "df/dw = x", "upstream-missing", "w=0.5,x=2,b=-1"),
    ("g = x**2 + 1; f = sqrt(g)", "2*x", "upstream-missing", "x=1.5"),
    # constants differentiated
    ("pi**2*x**2", "2*pi*x**2 + 2*pi**2*x", "constant-differentiated", None),
    ("x**3 - log(2)", "3*x**2 - 1/2", "constant-differentiated", "x=1"),
    ("exp(3)*x", "3*exp(2)*x + exp(3)", "constant-differentiated", None),
    # concept errors
    ("x**2 + 3*x", "x**2 + 3*x", "value-instead-of-derivative", "x=2"),
    ("exp(x)*sin(x)", "exp(x)*sin(x)", "value-instead-of-derivative", None),
    ("3*x**2", "x**3", "antiderivative-instead-of-derivative", None),
    ("exp(2*x)", "exp(2*x)/2", "antiderivative-instead-of-derivative", None),
    ("1/x", "log(x) + 1", "antiderivative-instead-of-derivative", None),
    ("x*y**2", "df/dx = 2*x*y", "wrong-variable", "x=2,y=3"),
    ("sin(x*y)", "x*cos(x*y)", "wrong-variable", None),
    ("cos(x)", "-sin(x*pi/180)", "degrees-for-radians", "x=1"),
    ("sin(x)*x", "sin(x*pi/180) + x*cos(x*pi/180)", "degrees-for-radians", "x=2"),
    # invalid algebra first, then a right derivative
    ("(x + 2)**3", "3*x**2", "algebra-before-differentiating", "x=1.5"),
    ("(2*x - 1)**2", "8*x", "algebra-before-differentiating", None),
    ("sqrt(x**2 + 16)", "1", "algebra-before-differentiating", None),
    ("log(x**2 + 1)", "2/x", "algebra-before-differentiating", "x=2"),
    ("cos(3*x)", "-3*sin(x)", "algebra-before-differentiating", "x=0.4"),
    ("exp(x + 1)", "exp(x)", "algebra-before-differentiating", None),
    # two mistakes at two nodes
    ("cos(sin(x**2))", "sin(sin(x**2))*cos(x**2)", "chain-inner-missing", None),
    ("exp(cos(2*x))", "exp(cos(2*x))*sin(2*x)", "chain-inner-missing|constant-factor-dropped", None),
    ("log(sin(x**3))", "cos(x**3)/sin(x**3)", "chain-inner-missing", None),
]

# Wrong answers that follow no catalog entry: they must get no name.
UNRELATED = [
    ("sin(x**2)", "x**2*cos(x)"),
    ("exp(x)*x**4", "4*x**3*exp(x) + 7"),
    ("tanh(x)", "x*tanh(x)"),
    ("log(x**2 + 1)", "3*x**5"),
    ("(x + 2)**3", "x + 17"),
]
