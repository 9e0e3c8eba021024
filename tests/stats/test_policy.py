"""The statistics policy file: what it declares, and the combinations it refuses."""

import pytest

from kokuho_desk.stats import policy as policy_module


@pytest.fixture
def policy_file(tmp_path, monkeypatch):
    """A copy of the policy file to edit; load_policy reads it while the test runs."""
    path = tmp_path / "policy.toml"
    path.write_text(policy_module.POLICY_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(policy_module, "POLICY_FILE", path)
    policy_module.load_policy.cache_clear()
    yield path
    policy_module.load_policy.cache_clear()


def test_cell_suppression_masks_quasi_identifiers_other_than_the_area():
    """Ensure the shipped policy masks income, household size and age, in that order, all quasi-identifiers."""
    p = policy_module.load_policy()
    assert p.cell_suppression == ("income_band", "household_band", "age_band")
    assert set(p.cell_suppression) <= set(p.quasi_identifiers)


@pytest.mark.parametrize("field", ["area", "prefecture", "outcome"])
def test_masking_the_area_or_an_attribute_is_refused(policy_file, field):
    """Ensure a policy that would mask the area (generalised instead) or a non-quasi-identifier is refused."""
    text = policy_file.read_text(encoding="utf-8")
    policy_file.write_text(text.replace('cell_suppression = ["income_band"', f'cell_suppression = ["{field}"'),
                           encoding="utf-8")
    with pytest.raises(ValueError, match="cell_suppression"):
        policy_module.load_policy()
