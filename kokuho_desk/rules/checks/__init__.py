"""One module per check id (case-format.md). Each module has ``ID``, ``TITLE`` and
``check(ctx: CheckContext) -> CheckResult``. The order here is the order of the report."""

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
