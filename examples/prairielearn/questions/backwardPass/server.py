# PrairieLearn calls parse(data) and grade(data); symgraph judges each blank as the claim
# "df/dx1 = <what the student typed>": right or wrong, why, and the named mistake.
# An answer that cannot be read is a format error (invalid, no attempt lost).
from symgraph.grading.pl_question import Question

QUESTION = Question(
    "g1 = 2*x1 + 3*x2; g2 = x1*x2; f = g1 - 4*g2",
    at="x1=1, x2=2",
    blanks={"dfdx1": ("df/dx1", 1), "dfdx2": ("df/dx2", 1)},   # answers-name -> (claim's left side, points)
)


def parse(data):
    QUESTION.parse(data)


def grade(data):
    QUESTION.grade(data)
