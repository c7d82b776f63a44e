import os

import pytest
from hypothesis import settings

# The suite draws the same examples on every run (derandomized, seeded per test), so that a green suite stays
# green on CI; HYPOTHESIS_PROFILE=explore draws new ones each run (to look for failures locally).
settings.register_profile("ci", derandomize=True, database=None)
settings.register_profile("explore")
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture
def runner():
    from click.testing import CliRunner

    return CliRunner()
