"""The approx verdicts on synthetic tables: each claim can hold, fail, and be vacuous,
uninformative or underpowered; a control that passes the criterion turns a pass into
uninformative; only alg2_paper in the paper regime (and ABL14's step) is the paper's."""

import numpy as np
import pandas as pd
import pytest
from relu_tradeoffs.approx import verdicts as v
from relu_tradeoffs.pipeline.verdicts import (
    ABSENT,
    BEYOND,
    CAVEAT,
    FAILS,
    HOLDS,
    IDENTITY,
    PAPER,
    UNDERPOWERED,
    UNINFORMATIVE,
    VACUOUS,
)

K, EPS = 4.0, 0.002
CONTROLS = ("control_zero", "control_random")


def cell(regime, noise, opt, method, err, trivial=0.06, yx_se=0.0):
    """One summary.csv row with the columns tables.summary_table derives (K = 4, eps = 0.002,
    Stein on the ball with z = 3)."""
    bound = K * opt ** (2 / 3) + EPS
    a, b = (3.0, 2.0) if regime == "scaled" else (5.0, 4.0)
    stein = (a * np.sqrt(opt) + b * 3.0 * yx_se) ** 2
    return {
        "regime": regime, "noise": noise, "d": 10, "opt_target": opt, "opt": opt,
        "method": method, "test_err": err, "trivial_err": trivial, "ratio": err / opt,
        "statement_K": K, "statement_eps": EPS, "paper_bound": bound,
        "within_paper_bound": err <= bound, "paper_judged": bound < trivial,
        "paper_K_needed": max(err - EPS, 0) / opt ** (2 / 3), "stein_bound": stein,
        "within_stein_bound": err <= stein, "stein_judged": stein < trivial,
    }  # fmt: skip


def summary(regime="scaled", method="alg2_paper", factor=2.0, opts=(1e-4, 3e-4, 1e-3), **kw):
    """A method with err = factor * opt in every (noise, opt) cell, and the two controls: w = 0
    at the trivial error, a random unit w far above it (``kw``: a control's error instead)."""
    rows = []
    for noise in ("flip", "band"):
        for opt in opts:
            rows.append(cell(regime, noise, opt, method, factor * opt))
            for name in CONTROLS:
                err = kw.get(name, 0.06 if name == "control_zero" else 0.5)
                rows.append(cell(regime, noise, opt, name, err))
    return pd.DataFrame(rows)


def only(rows, claim_part):
    (r,) = [r for r in rows if claim_part in r["claim"]]
    return r


# Theorem 5's statement -------------------------------------------------------------------


def test_statement_holds_when_every_judged_cell_is_within_and_the_controls_are_not():
    r = only(v.statement(summary("paper")), "alg2_paper")
    # opt 1e-4: bound 0.0106 < 0.06 judged; every cell of this grid is judged
    assert (r["verdict"], r["evidence"]) == (HOLDS, PAPER)
    assert "within in 6/6 judged cells" in r["measured"]
    assert "control_zero: within in 0/6" in r["control"]


def test_statement_fails_when_the_error_exceeds_the_bound():
    # 60 opt at opt 1e-3 is 0.06, above the bound 4 * 0.01 + 0.002 = 0.042
    r = only(v.statement(summary("paper", factor=60.0)), "alg2_paper")
    assert r["verdict"] == FAILS and "judged cells above the bound" in r["reason"]


def test_statement_is_vacuous_where_every_bound_is_above_the_trivial_error():
    r = only(v.statement(summary("paper", opts=(0.08, 0.1, 0.3))), "alg2_paper")
    assert r["verdict"] == VACUOUS and "6 of 6 cells vacuous" in r["measured"]


def test_statement_is_uninformative_when_a_control_passes_too():
    # the random control at 1e-3 (inside every bound): the criterion cannot tell it apart
    r = only(v.statement(summary("paper", control_random=1e-3)), "alg2_paper")
    assert r["verdict"] == UNINFORMATIVE and "control_random" in r["reason"]


def test_statement_reports_the_smallest_covering_K_and_caveats_a_near_miss():
    s = summary("paper", opts=tuple(np.geomspace(1e-5, 1e-3, 10)))
    worst = s.index[(s.method == "alg2_paper")][-1]  # one cell of 20 above: 95% within
    s.loc[worst, "within_paper_bound"] = False
    s.loc[worst, "paper_K_needed"] = 7.5
    r = only(v.statement(s), "alg2_paper")
    assert r["verdict"] == CAVEAT and "smallest K covering every judged cell: 7.5" in r["measured"]


def test_statement_of_an_extension_is_beyond_the_paper_with_its_outcome():
    scaled = only(v.statement(summary("scaled")), "alg2_paper")
    assert (scaled["verdict"], scaled["evidence"]) == (BEYOND, "beyond")
    assert scaled["reason"].startswith("holds")
    variant = only(v.statement(summary("paper", method="alg2_average", factor=60.0)), "average")
    assert variant["verdict"] == BEYOND and variant["reason"].startswith(FAILS)


def test_statement_without_algorithm2_is_absent():
    s = summary("paper", method="gd")
    assert [r["verdict"] for r in v.statement(s)] == [ABSENT]


# Theorem 5's slope -------------------------------------------------------------------------


def slopes(
    regime="paper", method="alg2_paper", low=0.9, powered=True, control_low=0.0, ds=(10, 50)
):
    rows = []
    for d in ds:
        for name, lo, p in ((method, low, powered), *((c, control_low, False) for c in CONTROLS)):
            rows.append({"regime": regime, "noise": "all", "d": d, "method": name,
                         "slope": lo + 0.1, "slope_low": lo, "slope_high": lo + 0.2,
                         "powered": p})  # fmt: skip
    return pd.DataFrame(rows)


@pytest.mark.parametrize(
    ("kwargs", "verdict", "word"),
    [
        ({"low": 0.9}, HOLDS, "not evidence of the rate 2/3"),
        ({"low": 1.05}, HOLDS, "no evidence that 2/3 is the rate"),
        ({"low": 0.6}, FAILS, "below 2/3 at d = 10, 50"),
        ({"low": 0.9, "powered": False}, UNDERPOWERED, "the slope measures the sample size"),
        ({"low": 0.9, "control_low": 0.7}, UNINFORMATIVE, "control_zero, control_random"),
    ],
)
def test_slope_verdicts(kwargs, verdict, word):
    r = only(v.slope(slopes(**kwargs)), "alg2_paper")
    assert r["verdict"] == verdict and word in r["reason"]
    assert "d=10: " in r["measured"] and "d=50" in r["measured"]
    assert "control_zero: d=10" in r["control"]


def test_slope_at_exactly_two_thirds_holds_and_just_below_fails():
    assert only(v.slope(slopes(low=2 / 3)), "alg2")["verdict"] == HOLDS
    assert only(v.slope(slopes(low=np.nextafter(2 / 3, 0))), "alg2")["verdict"] == FAILS


def test_slope_without_an_interval_is_underpowered_and_a_missed_powered_d_fails():
    t = slopes(low=0.9)
    t.loc[t.method == "alg2_paper", "slope_low"] = [np.nan, 0.9]
    assert only(v.slope(t), "alg2")["verdict"] == UNDERPOWERED
    t.loc[t.method == "alg2_paper", "slope_low"] = [np.nan, 0.5]
    assert only(v.slope(t), "alg2")["verdict"] == FAILS


def test_slope_of_the_scaled_regime_is_beyond_and_no_slope_is_absent():
    r = only(v.slope(slopes("scaled")), "alg2_paper")
    assert r["verdict"] == BEYOND and r["reason"].startswith("holds")
    assert [r["verdict"] for r in v.slope(slopes(method="gd"))] == [ABSENT]


# ABL14's step and the proof steps ------------------------------------------------------------


def chain(dist, err01=0.1, learner="abl14", control_dist=1.4, n=10, K_step=4.0, eps=0.1):
    """Chain rows of a learner and of the random control, with theorem5.step's columns."""
    rows = []
    for name, dists in ((learner, dist), ("control_random", control_dist)):
        for i in range(n):
            d_i = dists[i] if np.ndim(dists) else dists
            bound = K_step * err01 + eps
            rows.append({"regime": "paper", "learner": name, "dist_unit": d_i, "err01_wstar": err01,
                         "step_K": K_step, "step_eps": eps, "step_bound": bound,
                         "within_step": d_i <= bound,
                         "step_K_needed": max(d_i - eps, 0) / err01,
                         "holds_markov": True, "holds_angle": True})  # fmt: skip
    return pd.DataFrame(rows)


@pytest.mark.parametrize(
    ("kwargs", "verdict"),
    [
        ({"dist": 0.3}, HOLDS),  # bound 0.5
        ({"dist": [0.3] * 9 + [0.9]}, CAVEAT),
        ({"dist": 0.9}, FAILS),
        ({"dist": 0.3, "control_dist": 0.45}, UNINFORMATIVE),
        ({"dist": 0.3, "err01": 0.5}, VACUOUS),  # bound 2.1: any unit vector is within
    ],
)
def test_step_verdicts(kwargs, verdict):
    (r,) = v.step(chain(**kwargs))
    assert r["verdict"] == verdict and r["evidence"] == PAPER
    assert "control_random: within in" in r["control"]


def test_step_reports_the_smallest_covering_K_and_a_non_abl14_learner_is_beyond():
    (r,) = v.step(chain([0.3] * 9 + [0.9]))
    assert "smallest K covering every row: 8" in r["measured"]  # (0.9 - 0.1) / 0.1
    (avg,) = v.step(chain(0.3, learner="average"))
    assert avg["verdict"] == BEYOND and avg["reason"].startswith(HOLDS)
    assert [r["verdict"] for r in v.step(chain(0.3).iloc[10:])] == [ABSENT]


def test_proof_steps_are_identities_never_a_holds():
    (r,) = v.identities(chain(0.3))
    assert (r["verdict"], r["evidence"]) == (UNINFORMATIVE, IDENTITY)
    assert "every flag true in 10/10 rows" in r["control"]
    broken = chain(0.3)
    broken.loc[0, "holds_angle"] = False
    (b,) = v.identities(broken)
    assert b["verdict"] == FAILS and "1 rows break" in b["reason"]


# The O(opt) rivals --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "outcome"),
    [
        ({"factor": 3.0}, HOLDS),  # 3 opt <= 9 opt
        ({"factor": 20.0}, FAILS),
        ({"factor": 3.0, "opts": (0.01, 0.1)}, VACUOUS),  # 9 opt >= 0.06
        ({"factor": 3.0, "control_random": 1e-5}, UNINFORMATIVE),
    ],
)
def test_rival_verdicts_are_beyond_the_paper_with_their_outcome(kwargs, outcome):
    (r,) = v.rivals(summary("scaled", method="surrogate", **kwargs))
    assert r["verdict"] == BEYOND and r["reason"].startswith(outcome)
    assert "control_zero: within in 0/" in r["control"]


def test_rows_joins_every_claim_and_skips_absent_optional_tables():
    s = summary("paper")
    tables = {"approx_summary": s}
    assert {r["claim"] for r in v.rows(tables)} == {
        "Theorem 5 (paper): alg2_paper",
        "O(opt) rivals",
    }
    tables |= {"theorem5": chain(0.3), "approx_slopes": slopes()}
    claims = [r["claim"] for r in v.rows(tables)]
    assert claims == [
        "Theorem 5 (paper): alg2_paper",
        "Theorem 5 (paper, slope): alg2_paper",
        "Theorem 5 (paper, ABL14 step): abl14",
        "Theorem 5 (paper, proof steps)",
        "O(opt) rivals",
    ]


# Every field of a row, read in full: the texts a reader cites are part of the verdict.
ROWS = {
    "statement holds": (
        lambda: v.statement(summary("paper")),
        {
            "claim": "Theorem 5 (paper): alg2_paper",
            "paper_says": "Algorithm 2 returns w with err(ReLU_w) <= O(opt^{2/3}) + eps (Theorem 5)",
            "measured": "within in 6/6 judged cells; 0 of 6 cells vacuous (bound >= E[y^2]); smallest K covering every judged cell: 0",
            "criterion": "test_err <= 4 opt^(2/3) + 0.002 (medians over seeds) in every (regime, noise, d, opt) cell where that bound is below E[y^2], the error of w = 0 (90% of cells: caveat)",
            "verdict": "holds",
            "reason": "0 judged cells above the bound",
            "evidence": "paper",
            "control": "control_zero: within in 0/6; control_random: within in 0/6",
        },
    ),
    "statement vacuous": (
        lambda: v.statement(summary("paper", opts=(0.08, 0.1, 0.3))),
        {
            "claim": "Theorem 5 (paper): alg2_paper",
            "paper_says": "Algorithm 2 returns w with err(ReLU_w) <= O(opt^{2/3}) + eps (Theorem 5)",
            "measured": "within in 0/0 judged cells; 6 of 6 cells vacuous (bound >= E[y^2]); smallest K covering every judged cell: nan",
            "criterion": "test_err <= 4 opt^(2/3) + 0.002 (medians over seeds) in every (regime, noise, d, opt) cell where that bound is below E[y^2], the error of w = 0 (90% of cells: caveat)",
            "verdict": "vacuous",
            "reason": "every cell's bound is at or above E[y^2] (6 cells): nothing is tested",
            "evidence": "paper",
            "control": "control_zero: within in 0/0; control_random: within in 0/0",
        },
    ),
    "slope fails": (
        lambda: v.slope(slopes(low=0.6)),
        {
            "claim": "Theorem 5 (paper, slope): alg2_paper",
            "paper_says": "Algorithm 2 returns w with err(ReLU_w) <= O(opt^{2/3}) + eps (Theorem 5)",
            "measured": "d=10: 0.7 [0.6, 0.8]; d=50: 0.7 [0.6, 0.8]",
            "criterion": "slope of log test_err against log opt (noise models pooled, per d): lower end of the 95% interval >= 2/3 at every d, the `none` floor at most slopes.floor_share of the smallest error",
            "verdict": "not reproduced",
            "reason": "the interval's lower end is below 2/3 at d = 10, 50",
            "evidence": "paper",
            "control": "control_zero: d=10: 0.1 [0, 0.2]; d=50: 0.1 [0, 0.2]; control_random: d=10: 0.1 [0, 0.2]; d=50: 0.1 [0, 0.2]",
        },
    ),
    "slope underpowered": (
        lambda: v.slope(slopes(low=0.9, powered=False)),
        {
            "claim": "Theorem 5 (paper, slope): alg2_paper",
            "paper_says": "Algorithm 2 returns w with err(ReLU_w) <= O(opt^{2/3}) + eps (Theorem 5)",
            "measured": "d=10: 1 [0.9, 1.1]; d=50: 1 [0.9, 1.1]",
            "criterion": "slope of log test_err against log opt (noise models pooled, per d): lower end of the 95% interval >= 2/3 at every d, the `none` floor at most slopes.floor_share of the smallest error",
            "verdict": "underpowered",
            "reason": "at d = 10, 50 the `none` floor is above the share allowed of the smallest error (or fewer than 2 seeds): the slope measures the sample size, not opt",
            "evidence": "paper",
            "control": "control_zero: d=10: 0.1 [0, 0.2]; d=50: 0.1 [0, 0.2]; control_random: d=10: 0.1 [0, 0.2]; d=50: 0.1 [0, 0.2]",
        },
    ),
    "step holds": (
        lambda: v.step(chain(0.3)),
        {
            "claim": "Theorem 5 (paper, ABL14 step): abl14",
            "paper_says": "ABL14, the learner in Theorem 5's proof: ||u - u_dagger|| <= O(err01(w_dagger)) + eps",
            "measured": "within in 10/10 judged rows; 0 of 10 vacuous (bound >= 2); smallest K covering every row: 2",
            "criterion": "dist_unit <= 4 err01(w*) + 0.1 in every chain row where that bound is below 2 (90% of rows: caveat); w* stands for w_dagger",
            "verdict": "holds",
            "reason": "0 judged rows above the bound",
            "evidence": "paper",
            "control": "control_random: within in 0/10; K it needs: 13",
        },
    ),
    "step vacuous": (
        lambda: v.step(chain(0.3, err01=0.5)),
        {
            "claim": "Theorem 5 (paper, ABL14 step): abl14",
            "paper_says": "ABL14, the learner in Theorem 5's proof: ||u - u_dagger|| <= O(err01(w_dagger)) + eps",
            "measured": "within in 0/0 judged rows; 10 of 10 vacuous (bound >= 2); smallest K covering every row: 0.4",
            "criterion": "dist_unit <= 4 err01(w*) + 0.1 in every chain row where that bound is below 2 (90% of rows: caveat); w* stands for w_dagger",
            "verdict": "vacuous",
            "reason": "every row's bound is at least 2: any unit vector meets it",
            "evidence": "paper",
            "control": "control_random: within in 0/0; K it needs: 2.6",
        },
    ),
    "proof steps": (
        lambda: v.identities(chain(0.3)),
        {
            "claim": "Theorem 5 (paper, proof steps)",
            "paper_says": "Theorem 5's proof steps: Markov, the slab mass, the angle, err <= 2 opt + 2||w - w*||^2",
            "measured": "every flag true in 10/10 learner rows",
            "criterion": "every flag true (holds_markov, holds_angle), each within 3 s.e.",
            "verdict": "uninformative",
            "reason": "the steps hold for any w; they test the code only",
            "evidence": "identity",
            "control": "control_random: every flag true in 10/10 rows",
        },
    ),
    "rival holds": (
        lambda: v.rivals(summary("scaled", method="surrogate", factor=3.0)),
        {
            "claim": "O(opt) rival: surrogate",
            "paper_says": "open in the paper, since solved (DGKKS 2020): err <= O(opt) + eps in poly time",
            "measured": "within in 6/6 judged cells (0 vacuous); worst test_err / opt 3 (scaled, flip, opt 0.0001)",
            "criterion": "test_err <= Stein bound (9 opt on the ball, 25 opt on the sphere, plus a sampling allowance) in every cell where that bound is below E[y^2]",
            "verdict": "beyond the paper",
            "reason": "holds: 0 judged cells above the bound",
            "evidence": "beyond",
            "control": "control_zero: within in 0/6; control_random: within in 0/6",
        },
    ),
    "rival vacuous": (
        lambda: v.rivals(summary("scaled", method="surrogate", factor=3.0, opts=(0.01, 0.1))),
        {
            "claim": "O(opt) rival: surrogate",
            "paper_says": "open in the paper, since solved (DGKKS 2020): err <= O(opt) + eps in poly time",
            "measured": "within in 0/0 judged cells (4 vacuous)",
            "criterion": "test_err <= Stein bound (9 opt on the ball, 25 opt on the sphere, plus a sampling allowance) in every cell where that bound is below E[y^2]",
            "verdict": "beyond the paper",
            "reason": "vacuous: every cell's bound is at or above E[y^2]",
            "evidence": "beyond",
            "control": "control_zero: within in 0/0; control_random: within in 0/0",
        },
    ),
}


@pytest.mark.parametrize("name", ROWS)
def test_rows_read_in_full(name):
    call, expected = ROWS[name]
    (r,) = call()
    assert r == expected


def test_algorithm2_names():
    assert v.is_alg2("alg2_paper") and v.is_alg2("alg2_average")
    assert v.is_alg2("alg2_biased_sigmoid_paper_alpha")
    assert not v.is_alg2("surrogate") and not v.is_alg2("control_zero")


def test_rows_come_sorted_by_regime_and_method_whatever_the_table_order():
    s = pd.concat([summary("scaled", method="alg2_paper"), summary("paper", method="alg2_average")])
    claims = [r["claim"] for r in v.statement(s)]
    assert claims == ["Theorem 5 (paper): alg2_average", "Theorem 5 (scaled): alg2_paper"]
    t = pd.concat([slopes("scaled"), slopes("paper", method="alg2_average")])
    assert [r["claim"] for r in v.slope(t)] == [
        "Theorem 5 (paper, slope): alg2_average",
        "Theorem 5 (scaled, slope): alg2_paper",
    ]


def test_step_takes_the_control_of_its_own_regime():
    """Two regimes; the scaled one has no control rows: its control says so, and the paper
    regime's control (far) does not leak into it."""
    paper = chain(0.3)
    scaled = chain(0.3, control_dist=0.2).assign(regime="scaled")
    scaled = scaled[scaled.learner == "abl14"]
    rows = v.step(pd.concat([scaled, paper]))
    assert [r["claim"] for r in rows] == [
        "Theorem 5 (paper, ABL14 step): abl14",
        "Theorem 5 (scaled, ABL14 step): abl14",
    ]
    out = {r["claim"]: r for r in rows}
    assert out["Theorem 5 (scaled, ABL14 step): abl14"]["control"] == (
        "control_random: within in 0/0; K it needs: -"
    )
    assert out["Theorem 5 (paper, ABL14 step): abl14"]["control"].startswith(
        "control_random: within in 0/10"
    )
    assert [r["claim"] for r in v.identities(pd.concat([scaled, paper]))] == [
        "Theorem 5 (paper, proof steps)",
        "Theorem 5 (scaled, proof steps)",
    ]


def test_rows_of_absent_claims_read_in_full():
    empty = summary("paper", method="gd")
    assert v.statement(empty) == [
        v.absent(
            "Theorem 5",
            v.THEOREM5,
            "test_err <= K opt^(2/3) + eps where that is below E[y^2]",
            "no Algorithm 2 run with opt > 0",
        )
    ]
    assert v.slope(slopes(method="gd"))[0]["reason"] == "no Algorithm 2 slope"
    assert v.slope(slopes(method="gd"))[0]["claim"] == "Theorem 5 (slope)"
    assert v.slope(slopes(method="gd"))[0]["paper_says"] == v.THEOREM5
    assert "lower end of the 95% interval >= 2/3" in v.slope(slopes(method="gd"))[0]["criterion"]
    (step,) = v.step(chain(0.3).iloc[10:])
    assert (step["claim"], step["paper_says"], step["reason"]) == (
        "Theorem 5 (ABL14 step)",
        v.STEP,
        "no Theorem 5 chain row",
    )
    assert step["criterion"].startswith("dist_unit <= K err01(w*) + eps")
    (rival,) = v.rivals(summary("paper"))
    assert (rival["paper_says"], rival["reason"]) == (v.RIVALS, "no rival method with opt > 0")
    assert rival["criterion"].startswith("test_err <= Stein bound")


@pytest.mark.parametrize("judge", [v.statement, v.rivals])
def test_cells_without_noise_or_with_zero_opt_are_not_judged(judge):
    """A `none` cell (opt target 0, its opt the clipping error) and a cell whose opt is 0 on the
    test set are left out, even where their error is far off."""
    method = "alg2_paper" if judge is v.statement else "surrogate"
    s = summary("scaled", method=method, factor=3.0)
    far = [cell("scaled", "none", 1e-4, method, 0.5), cell("scaled", "flip", 1e-4, method, 0.5)]
    far[0]["opt_target"] = 0.0
    far[1]["opt"] = 0.0
    (r,) = judge(pd.concat([s, pd.DataFrame(far)], ignore_index=True))
    assert "within in 6/6 judged cells" in r["measured"]


def test_step_bound_of_exactly_two_is_vacuous():
    (r,) = v.step(chain(0.3, err01=0.5, eps=0.0))  # 4 * 0.5 + 0 = 2: any unit vector is within
    assert r["verdict"] == VACUOUS


def test_step_uninformative_names_its_control():
    (r,) = v.step(chain(0.3, control_dist=0.45))
    assert r["reason"] == "the control control_random passes the same criterion"


@pytest.mark.parametrize(
    ("kwargs", "verdict", "reason"),
    [
        ({"low": 1.0}, HOLDS, "falls at least linearly in opt: consistent with O(opt^{2/3}), "
         "and no evidence that 2/3 is the rate"),
        ({"low": 0.9}, HOLDS, "consistent with O(opt^{2/3}); a slope below 1 is not evidence of "
         "the rate 2/3"),
        ({"control_low": 2 / 3}, UNINFORMATIVE, "the control control_zero, control_random passes "
         "the same criterion"),
        ({"control_low": 0.7, "ds": (10,)}, UNINFORMATIVE, "the control control_zero, "
         "control_random passes the same criterion"),
    ],
)  # fmt: skip
def test_slope_reasons_at_their_boundaries(kwargs, verdict, reason):
    r = only(v.slope(slopes(**kwargs)), "alg2_paper")
    assert (r["verdict"], r["reason"]) == (verdict, reason)


def test_slope_without_control_rows_is_judged_on_its_own():
    t = slopes(low=0.9)
    (r,) = v.slope(t[t.method == "alg2_paper"])
    assert r["verdict"] == HOLDS
    assert r["control"] == "control_zero: no slope; control_random: no slope"


def test_proof_steps_count_learner_and_control_rows_apart():
    t = chain(0.3)
    (r,) = v.identities(pd.concat([t, t[t.learner == "abl14"]]))
    assert r["measured"] == "every flag true in 20/20 learner rows"
    assert r["control"] == "control_random: every flag true in 10/10 rows"


def test_rivals_come_sorted_by_method():
    s = pd.concat([summary("scaled", method="surrogate"), summary("scaled", method="gd")])
    assert [r["claim"] for r in v.rivals(s)] == ["O(opt) rival: gd", "O(opt) rival: surrogate"]
