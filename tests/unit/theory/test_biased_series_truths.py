"""c_k(beta)'s series and Monte Carlo against independent computations: the Monte Carlo against a
plain numpy mean over the same draws, the series per beta alone against the batch, at beta = 0
against Lemma 1's series, its error estimate against its parts and against quadrature."""

import numpy as np
import pytest
from relu_tradeoffs.pipeline.seeding import rng_for
from relu_tradeoffs.theory import biased, correlation


@pytest.mark.parametrize(("samples", "chunk"), [(2500, 1000), (999, 4000)])
def test_monte_carlo_is_the_plain_mean_and_standard_error_of_the_same_draws(samples, chunk):
    """One (samples, k_max) draw, every statistic by hand: s_k = sum_{i<=k} z_i / sqrt k,
    chi_k = prod_{i<=k} sign z_i, the mean of ReLU(s_k + beta) chi_k and its s.e. (ddof 0 /
    sqrt(samples - 1)); chunks that do not divide the samples change nothing."""
    betas, k_max = [-0.7, 0.0, 1.3], 4
    mean, se = biased.monte_carlo(rng_for(6, "test", "mc"), k_max, betas, samples, chunk)
    z = rng_for(6, "test", "mc").standard_normal((samples, k_max))
    for k in range(1, k_max + 1):
        s = z[:, :k].sum(axis=1) / np.sqrt(k)
        chi = np.prod(np.sign(z[:, :k]), axis=1)
        for b, beta in enumerate(betas):
            values = np.maximum(s + beta, 0.0) * chi
            assert mean[k - 1, b] == pytest.approx(values.mean(), rel=1e-12, abs=1e-15)
            assert se[k - 1, b] == pytest.approx(values.std() / np.sqrt(samples - 1), rel=1e-9)


@pytest.mark.parametrize("k", [1, 2, 3])
def test_each_beta_of_a_batch_is_its_series_alone(k):
    """The tails of several betas are summed together; each must be its own (beta = 0 and 1
    among them: Lemma 1's branch and a beta that is no special case)."""
    betas = [0.0, 1.0, -0.5, 2.5]
    values, errors = biased.series_values(k, betas, 300, 4000)
    for i, beta in enumerate(betas):
        alone = biased.series_values(k, [beta], 300, 4000)  # equal up to BLAS rounding
        assert (values[i], errors[i]) == pytest.approx((alone[0][0], alone[1][0]), rel=1e-12)


@pytest.mark.parametrize("k", [1, 2, 4])
def test_beta_zero_is_lemma_1s_series(k):
    values, errors = biased.series_values(k, [0.0], 400, 1000)
    assert (values[0], errors[0]) == correlation.series(k, 400)[:2]
    assert values[0] == pytest.approx(correlation.c_k(k), abs=10 * errors[0] + 1e-12)


@pytest.mark.parametrize(("k", "beta"), [(1, 0.6), (2, -1.5), (3, 0.4)])
def test_without_a_tail_the_error_is_the_heads_rounding_bound(k, beta):
    """tail_n_max = n_max + 1 leaves no degree to the fitted tail: the value is the head's sum
    and the error its rounding bound 4 eps (terms) sum |term|."""
    n_max = 201 if k % 2 else 200
    _, terms = biased.series_terms(k, beta, n_max)
    values, errors = biased.series_values(k, [beta], n_max, n_max + 1)
    assert values[0] == terms.sum()
    assert errors[0] == 4 * np.finfo(float).eps * len(terms) * np.abs(terms).sum()


@pytest.mark.parametrize("k", [1, 2, 3, 4])
def test_the_error_estimate_covers_the_quadrature_gap_and_is_not_vacuous(k):
    """|series - quadrature| <= the two error estimates, and the series' estimate is below 1e-4
    (achieved at these sizes: 1.7e-5 at k = 1, 1.2e-7 at k = 2, less beyond); the estimate with
    the fitted tail is larger than the head's rounding alone."""
    betas = [-2.0, -0.6, 0.9]
    values, errors = biased.series_values(k, betas, 600, 20000)
    for i, beta in enumerate(betas):
        quad, quad_error = biased.dawson_correlation(biased.symmetric_direction(k), beta)
        assert abs(values[i] - quad) <= errors[i] + quad_error
        assert errors[i] < 1e-4
        _, terms = biased.series_terms(k, beta, 600)
        assert errors[i] > 4 * np.finfo(float).eps * len(terms) * np.abs(terms).sum()


@pytest.mark.parametrize("k", [1, 2, 3, 4])
def test_value_and_error_are_head_tail_and_a_summed_rest(k):
    """value = head + the order-2 envelope's tail; error = |order-2 tail - order-1 tail| + phi
    (largest |Hbar|) rest + rounding, where rest, the closed form env(N) N / (2 (q - 1)) for the
    terms beyond N = tail_n_max, matches the fitted envelope summed term by term (n = k mod 2,
    to 200 N, plus the integral beyond) to 1e-3 (achieved: 1e-4)."""
    beta, n_max, tail = -0.6, 600, 20000
    n, _, log_env = biased.log_envelope(k, n_max)
    fits = [biased._envelope_fit(n, log_env, order) for order in (2, 1)]
    tails, largest = biased._oscillating_tail(k, [beta], n[-1], tail, fits)
    coef, q = fits[0]
    far = 200 * tail
    beyond = np.arange(tail + 2 - (tail - k) % 2, far, 2, dtype=float)
    rest = biased._fitted_envelope(coef, q, beyond).sum()
    rest += biased._fitted_envelope(coef, q, float(far)) * far / (2 * (q - 1))
    _, terms = biased.series_terms(k, beta, n_max)
    rounding = 4 * np.finfo(float).eps * len(terms) * np.abs(terms).sum()
    values, errors = biased.series_values(k, [beta], n_max, tail)
    assert values[0] == terms.sum() + tails[0, 0]
    fit_gap = abs(tails[0, 0] - tails[1, 0])
    assert errors[0] - fit_gap - rounding == pytest.approx(
        biased.phi(beta) * largest[0] * rest, rel=1e-3
    )
    assert fit_gap > 0 and largest[0] > 0
