"""The claims summary's vocabulary: one row per claim, a verdict from a fixed list.

A verdict says how a measured number compares with what the paper states:
- holds: the measurement meets the criterion, and the negative control (something that must
  not pass: w = 0, a random w, a random subset, a shifted closed form) fails the same criterion;
- holds with caveat: it meets it under a stated limitation (a capped sample, a near miss);
- not reproduced: the test had the power and missed the criterion;
- underpowered: the sample sizes are below what the analysis needs, so the test could not tell;
- vacuous: every bound judged is at or above the trivial predictor's error, so nothing is tested;
- uninformative: the criterion passes, but so does its negative control;
- beyond the paper: the paper makes no such claim (a fact it leaves implicit, a heuristic
  learner, a later method, a rate we derive), reported with what was measured. A row with a
  criterion and a negative control of its own (a derived rate, a measured error against its
  prediction) says "beyond the paper" with "met, control rejected" in the reason when both go its
  way, "uninformative" when the control passes too and "not reproduced" when the criterion is
  missed; a row that only reports (a fitted slope, a gain from budget, with no control) says
  "beyond the paper" whatever the data, and what they show is in the reason. Only the paper's
  claims can hold;
- not measured: the config produced no data for the claim (e.g. a grid without that k).

Each row also says what kind of evidence it is: ``paper`` (a claim of the paper, tested),
``identity`` (a check that any input passes: a proof step, a closed form against itself; it
never makes a holds) or ``beyond`` (no claim of the paper), and what the negative control
measured under the same criterion (``control``; "-" where there is none).
"""

HOLDS = "holds"
CAVEAT = "holds with caveat"
FAILS = "not reproduced"
UNDERPOWERED = "underpowered"
VACUOUS = "vacuous"
UNINFORMATIVE = "uninformative"
BEYOND = "beyond the paper"
ABSENT = "not measured"
VERDICTS = (HOLDS, CAVEAT, FAILS, UNDERPOWERED, VACUOUS, UNINFORMATIVE, BEYOND, ABSENT)
PAPER, IDENTITY, BEYOND_EVIDENCE = "paper", "identity", "beyond"
EVIDENCE = (PAPER, IDENTITY, BEYOND_EVIDENCE)
COLUMNS = (
    "claim",
    "paper_says",
    "measured",
    "criterion",
    "verdict",
    "reason",
    "evidence",
    "control",
)
NO_CONTROL = "-"


def row(claim, paper_says, measured, criterion, verdict, reason, evidence=None, control=NO_CONTROL):
    """One summary row; ``evidence`` defaults to beyond for a beyond-the-paper verdict, else paper."""
    if verdict not in VERDICTS:
        raise ValueError(f"unknown verdict {verdict!r} (known: {', '.join(VERDICTS)})")
    if evidence is None:
        evidence = BEYOND_EVIDENCE if verdict == BEYOND else PAPER
    if evidence not in EVIDENCE:
        raise ValueError(f"unknown evidence {evidence!r} (known: {', '.join(EVIDENCE)})")
    if evidence == IDENTITY and verdict in (HOLDS, CAVEAT):
        raise ValueError(f"{claim}: an identity cannot make a {verdict!r} (any input passes it)")
    if evidence == BEYOND_EVIDENCE and verdict in (HOLDS, CAVEAT):
        # "holds" is reserved for the paper's claims; a met criterion of our own says so in
        # the reason of a "beyond the paper" row.
        raise ValueError(f"{claim}: beyond-the-paper evidence cannot make a {verdict!r}")
    values = (claim, paper_says, measured, criterion, verdict, reason, evidence, control)
    return dict(zip(COLUMNS, values, strict=True))


def absent(claim, paper_says, criterion, why):
    """The row of a claim the config gave no data for."""
    return row(claim, paper_says, "-", criterion, ABSENT, why)


def fmt(x):
    """A measured number for the summary: 3 significant digits."""
    return f"{x:.3g}"
