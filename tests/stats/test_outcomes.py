"""Relief outcomes in the case file: optional, dated, validated; old files stay valid."""

import pytest

from kokuho_desk.model.casefile import CaseFileError, case_from_dict, case_to_dict


def test_relief_outcome_round_trips_and_old_files_stay_valid():
    """A file without reliefs is valid; one with 和暦 and 「3万円」 is normalised and round-trips."""
    old = case_from_dict({"as_of": "2026-05-01", "members": [{"relation": "head"}]})
    assert old.reliefs == []
    case = case_from_dict(
        {
            "as_of": "2026-05-01",
            "members": [{"relation": "head"}],
            "reliefs": [
                {
                    "relief": "premium_relief",
                    "applied": "令和8年5月2日",
                    "decision": "partly",
                    "decided": "2026-06-10",
                    "amount": "3万円",
                }
            ],
        }
    )
    (r,) = case.reliefs
    assert (r.relief, r.applied.isoformat(), r.decision, r.amount) == ("premium_relief", "2026-05-02", "partly", 30_000)
    assert case_from_dict(case_to_dict(case)) == case


def test_decision_before_application_is_refused():
    """A decision dated before the application names the field in Japanese."""
    with pytest.raises(CaseFileError, match="決定日が申請日より前"):
        case_from_dict(
            {
                "as_of": "2026-05-01",
                "members": [{"relation": "head"}],
                "reliefs": [{"relief": "premium_relief", "applied": "2026-05-02", "decided": "2026-05-01"}],
            }
        )
