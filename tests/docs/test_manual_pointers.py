"""The help points at the manual's pages (README has no Checks or Hessians section any more), and the grad
page lists the tensor options."""
from tests.helpers import ROOT, run


def test_help_points_at_manual_pages_that_exist():
    for command, page in (("grad", "docs/checks.md"), ("hessian", "docs/commands/hessian.md")):
        out = " ".join(run(command, "--help").output.split())
        assert "README" not in out and page in out and (ROOT / page).exists()


def test_grad_page_lists_the_tensor_options():
    text = (ROOT / "docs/commands/grad.md").read_text()
    for option in ("`--shapes", "`--direction", "`--seed"):
        assert f"| {option}" in text
