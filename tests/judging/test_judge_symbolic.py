"""Symbolic claims whose constant part the claim reader folds to a 60-digit Float are proved, not refuted by
the Float's own rounding (hypothesis found ((x / 2) / sin(2)) with df/dx = 1/(2*sin(2)) judged wrong)."""
import symgraph


def test_a_folded_constant_equal_to_the_true_one_is_right():
    report = symgraph.check("((x / 2) / sin(2))", ["df/dx = 1/(2*sin(2))", "df/dx = 1/(2*sin(2)) + 1e-30"])
    assert [v.status for v in report.verdicts] == ["right", "wrong"]
    assert report.verdicts[0].method == "proved"
