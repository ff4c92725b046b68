"""docs/results.md: merged configs, job counts from the estimate, benchmark and recovery tables."""

import pandas as pd
from conftest import small_config
from relu_tradeoffs.pipeline import cost
from relu_tradeoffs.pipeline.results_page import (
    benchmark_summary,
    job_counts,
    merge,
    page,
    recovery_rates,
)


def test_merge_is_key_by_key_like_snakemake():
    base = {"a": {"b": 1, "c": {"d": 2}}, "e": [1]}
    assert merge(base, {"a": {"c": {"d": 3}}, "e": [2]}) == {"a": {"b": 1, "c": {"d": 3}}, "e": [2]}
    assert base["a"]["c"]["d"] == 2  # the base is not modified


def test_recovery_rates_and_benchmarks_by_hand():
    recovery = pd.DataFrame(
        {"learner": ["gd"] * 4, "k": [2, 2, 2, 4], "eta": 0.0, "exact": [True, True, False, True]}
    )
    rates = recovery_rates(recovery)
    assert rates.exact_rate.tolist() == [2 / 3, 1.0] and rates.runs.tolist() == [3, 1]
    bench = pd.DataFrame({"rule": ["a", "a", "b"], "s": [1.0, 3.0, 5.0], "max_rss": [10, 30, 5]})
    summary = benchmark_summary(bench).set_index("rule")
    assert summary.loc["a", "total_s"] == 4.0 and summary.loc["a", "median_s"] == 2.0
    assert summary.loc["a", "max_rss_mb"] == 30 and summary.loc["b", "jobs"] == 1


def test_page_has_every_section_and_the_estimated_job_counts(tmp_path):

    config = small_config()
    jobs = job_counts({"test": config})
    assert jobs.jobs.tolist() == [r["jobs"] for r in cost.estimate(config)]
    summary = pd.DataFrame(
        {"claim": ["Fact 1"], "measured": ["x | y"], "verdict": ["holds"], "reason": ["r"]}
    )
    correlation = pd.DataFrame(
        {"k": [1], "c_k": [0.4], "c_k_error": [0.0], "c_k_mc": [0.4], "c_k_mc_se": [1e-3],
         "corr_wS": [0.16]}
    )  # fmt: skip
    recovery = pd.DataFrame({"learner": ["gd"], "k": [2], "eta": [0.0], "exact": [True]})
    slopes = pd.DataFrame(
        {"regime": ["paper", "paper"], "noise": ["all", "flip"], "method": ["gd", "gd"],
         "slope": [0.9, 5.0], "slope_low": [0.8, 4.0], "slope_high": [1.0, 6.0],
         "points": [8, 4], "seeds": [2, 2]}
    )  # fmt: skip
    scaling = pd.DataFrame(
        {"k": [2, 2, 1], "d": [8, 16, 8], "slope_d": [2.1, 2.1, 1.0], "slope_d_lo": [1.9, 1.9, 0.9],
         "slope_d_hi": [2.3, 2.3, 1.1], "slope_work": [2.0, 2.0, 1.0]}
    )  # fmt: skip
    text = page(
        summary, recovery, correlation, slopes, scaling, {"test": config}, pd.DataFrame(), "ab" * 32
    )
    for heading in (
        "Claims summary", "Lemma 1", "Algorithm 1", "Algorithm 2", "The d^k wall", "Jobs, memory",
        "Run time",
    ):  # fmt: skip
        assert f"## {heading}" in text
    assert "| paper | gd | 0.9 | 0.8 | 1 | 8 | 2 |" in text and "| 5 |" not in text  # pooled only
    assert (
        text.index("| 1 | 1 | 0.9") < text.index("| 2 | 2.1 |") and text.count("| 2 | 2.1 |") == 1
    )
    assert "No benchmarks recorded." in text
    assert "x \\| y" in text  # a | inside a cell is escaped
