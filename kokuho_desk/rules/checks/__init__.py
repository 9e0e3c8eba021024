"""One module per check id (case-format.md). Each module has ``ID``, ``TITLE`` and
``check(ctx: CheckContext) -> CheckResult``. The order here is the order of the report."""

CHECK_MODULES = (
    "statutory_reduction",
    "child_reduction",
    "childbirth_exemption",
    "unemployment_reduction",
    # relief checks (rules engine II) follow here
)
