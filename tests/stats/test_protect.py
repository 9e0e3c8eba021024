"""The exact 秘匿インターバル check of protect.py against a system worked by hand."""

from kokuho_desk.stats.protect import System, exactly_narrow, intervals


def test_exact_check_sees_what_lines_alone_do_not():
    """Hidden x11…x33, published totals: x11+x12 = 6, x21+x22 = 6, x31+x32+x33 = 12, x11+x21+x31 = 6,
    x12+x22+x32 = 6. Line by line, x31 and x32 can each be 0…6 and x33 0…12 (all ≥ 5 wide). But the first
    two lines add up to 12, and so do the last two less x31 + x32: x31 + x32 = 0, so x31 = x32 = 0 and
    x33 = 12 exactly. x11 stays free over 0…6 (x12 = x21 = 6 − x11, x22 = x11), and so do x12, x21, x22."""
    hidden = {"x11": 3, "x12": 3, "x21": 3, "x22": 3, "x31": 0, "x32": 0, "x33": 12}
    totals = {"r1": 6, "r2": 6, "r3": 12, "c1": 6, "c2": 6}
    system = System(values={**hidden, **totals})
    system.add_line(["x11", "x12"], "r1")
    system.add_line(["x21", "x22"], "r2")
    system.add_line(["x31", "x32", "x33"], "r3")
    system.add_line(["x11", "x21", "x31"], "c1")
    system.add_line(["x12", "x22", "x32"], "c2")
    lines_alone = intervals(system, set(hidden))
    assert (lines_alone["x31"], lines_alone["x32"], lines_alone["x33"]) == ((0, 6), (0, 6), (0, 12))
    assert sorted(exactly_narrow(system, set(hidden), 5)) == ["x31", "x32", "x33"]
    assert exactly_narrow(system, {"x11", "x12", "x21", "x22"}, 5) == []
