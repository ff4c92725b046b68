"""Sabotage: when the exhaustive learner returns a random k-subset, no Theorem 3 row holds.

The copy's score rule replaces the exhaustive learner's hypotheses by the random-subset
control's (an independent draw) before scoring; everything downstream (threshold test, tables,
verdicts) runs unchanged. A verdict that still said holds would be one no wrong learner fails.
"""

import pandas as pd
from conftest import TEST_CONFIG, run_snakemake
from relu_tradeoffs.hardness.verdicts import recovery_rows
from relu_tradeoffs.pipeline.verdicts import CAVEAT, HOLDS

ANCHOR = "fitted[CONTROL] = "
SABOTAGE = (
    "sabotage = control.fit(np.empty((0, columns)), None, np.arange(d), "
    'rng_for(1, "sabotage", wc.seed), k=k_fit)\n'
    'fitted["exhaustive"] = (np.broadcast_to(sabotage, fitted["exhaustive"][0].shape), '
    'fitted["exhaustive"][1])\n'
)


def test_a_random_subset_exhaustive_learner_never_holds(project):
    score = project / "scripts" / "hardness" / "score.py"
    text = score.read_text()
    assert text.count(ANCHOR) == 1, "the score rule changed: move the sabotage anchor"
    score.write_text(text.replace(ANCHOR, SABOTAGE + ANCHOR))
    run_snakemake(project, "hardness", "--cores", "2", *TEST_CONFIG)
    recovery = pd.read_csv(project / "results" / "hardness" / "recovery.csv")
    sabotaged = recovery[recovery.learner == "exhaustive"]
    assert len(sabotaged) and not sabotaged.exact.any()
    rows = [r for r in recovery_rows(recovery) if r["claim"].startswith("Theorem 3: exhaustive")]
    assert rows and all(r["verdict"] not in (HOLDS, CAVEAT) for r in rows), rows
