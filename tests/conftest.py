import pytest


@pytest.fixture
def runner():
    from click.testing import CliRunner

    return CliRunner()
