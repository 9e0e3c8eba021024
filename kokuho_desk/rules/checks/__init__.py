"""The one registry of checks: one module per check id (case-format.md), each with ``ID``, ``TITLE``
and ``check(ctx: CheckContext) -> CheckResult``. The order here is the order of the report. The other
places that name the checks (the schema's relief outcomes, the statistics' names and funnels, the
letters' ``check``) are held to this list by tests/rules/test_check_registry.py."""

CHECK_MODULES = (
    "statutory_reduction",
    "child_reduction",
    "childbirth_exemption",
    "unemployment_reduction",
    # relief checks (rules engine II) follow here
    "premium_relief",
    "copayment_relief",
    "special_care_benefit",
    "enforcement_suspension",
    "realization_deferral",
    "seizure_limit",
    "limitation",
    "certificate",
    "public_assistance",
)
