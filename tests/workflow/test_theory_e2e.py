"""The theory target end to end on the small config: tables, values, figures, provenance."""

import json

import numpy as np
import pandas as pd
import pytest
from relu_tradeoffs.theory import correlation


@pytest.fixture(scope="module")
def theory_run(test_config_run):
    return test_config_run


def test_hermite_table(theory_run):
    t = pd.read_csv(theory_run / "results/theory/hermite.csv")
    assert list(t.columns) == ["function", "n", "closed_form", "quadrature", "abs_error"]
    assert set(t.function) == {"relu", "sign"} and t.n.max() == 40
    assert t[t.n <= 30].abs_error.max() <= 1e-10


def test_correlation_table(theory_run):
    t = pd.read_csv(theory_run / "results/theory/correlation.csv")
    contract = ["k", "c_k", "c_k_error", "c_k_mc", "c_k_mc_se", "leading_term", "corr_wS"]
    assert list(t.columns[: len(contract)]) == contract
    assert t.k.tolist() == list(range(1, 7))
    for row in t.itertuples():
        exact, _ = correlation.dawson_integral(row.k)
        assert abs(row.c_k - exact) < 1e-9
        assert abs(row.c_k_mc - row.c_k) < 4 * row.c_k_mc_se
    np.testing.assert_allclose(t.corr_wS, t.c_k / np.sqrt(2 * np.pi), rtol=1e-14)
    assert (t[t.k.isin([3, 5])].c_k == 0).all() and t[t.k.isin([3, 5])].exact_zero.all()
    assert t.set_index("k").c_k[4] < 0 < t.set_index("k").c_k_flipped[4]


def test_claims_table_within_4_standard_errors(theory_run):
    t = pd.read_csv(theory_run / "results/theory/claims.csv")
    assert {"claim", "k", "eta", "norm", "analytic_err", "empirical_err", "empirical_se"} <= set(
        t.columns
    )
    assert set(t.claim) == {3, 4}
    assert ((t.empirical_err - t.analytic_err).abs() <= 4 * t.empirical_se).all()


def test_figures_and_provenance(theory_run):
    for name in ("theory_correlation", "theory_claims"):
        for ext in ("pdf", "png"):
            assert (theory_run / f"results/figures/{name}.{ext}").stat().st_size > 10_000
    prov = json.loads((theory_run / "results/theory/provenance.json").read_text())
    assert prov["config"]["theory"]["k_max"] == 6
    assert len(prov["config_sha256"]) == 64 and prov["packages"]["numpy"]
