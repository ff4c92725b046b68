"""The claims summary's vocabulary: one row per claim, a verdict from a fixed list.

A verdict says how a measured number compares with what the paper states:
- holds: the measurement meets the criterion;
- holds with caveat: it meets it under a stated limitation (a capped sample, a near miss);
- not reproduced: it misses the criterion;
- beyond the paper: the paper makes no such claim (a fact it leaves implicit, a heuristic
  learner, a later method), reported with what was measured;
- not measured: the config produced no data for the claim (e.g. a grid without that k).
"""

HOLDS = "holds"
CAVEAT = "holds with caveat"
FAILS = "not reproduced"
BEYOND = "beyond the paper"
ABSENT = "not measured"
VERDICTS = (HOLDS, CAVEAT, FAILS, BEYOND, ABSENT)
COLUMNS = ("claim", "paper_says", "measured", "criterion", "verdict", "reason")


def row(claim, paper_says, measured, criterion, verdict, reason):
    if verdict not in VERDICTS:
        raise ValueError(f"unknown verdict {verdict!r} (known: {', '.join(VERDICTS)})")
    return dict(
        zip(COLUMNS, (claim, paper_says, measured, criterion, verdict, reason), strict=True)
    )


def absent(claim, paper_says, criterion, why):
    """The row of a claim the config gave no data for."""
    return row(claim, paper_says, "-", criterion, ABSENT, why)


def fmt(x):
    """A measured number for the summary: 3 significant digits."""
    return f"{x:.3g}"
