"""A fit job depends only on the keys the rule passes it (approx.config.FIT_KEYS)."""

import copy

import pytest
from conftest import small_config
from relu_tradeoffs.approx.config import FIT_KEYS, FIT_SUBKEYS, fit_section
from relu_tradeoffs.approx.experiment import run_job

SECTION = small_config()["approx"]
# A flip-noise instance near opt 0.01 (any level works: the job reads it, never checks it).
CALIBRATION = {
    "0.01": {"opt_target": 0.01, "level": 0.02, "band_center": 0.215, "opt_calibration": 0.01}
}
JOB = (1, "scaled", "flip", 5, 0, CALIBRATION)


def small(section):
    section = copy.deepcopy(section)
    section.update(m_train=600, m_test=300, methods=["alg2_paper", "alg2_average", "gd"])
    return section


def test_a_fit_job_reads_only_the_fit_keys():
    """run_job on the restricted section gives what it gives on the whole one."""
    whole = small(SECTION)
    restricted = fit_section(whole)
    assert set(restricted) == {*FIT_KEYS, *FIT_SUBKEYS} and set(FIT_KEYS) < set(whole)
    got, full = run_job(restricted, *JOB), run_job(whole, *JOB)
    for ours, theirs in zip(got, full, strict=True):
        assert ours and len(ours) == len(theirs)
        for a, b in zip(ours, theirs, strict=True):
            assert {k: v for k, v in a.items() if k != "seconds"} == {
                k: v for k, v in b.items() if k != "seconds"
            }
    methods = {"alg2_paper", "alg2_average", "gd", "control_zero", "control_random"}
    assert {r["method"] for r in got[0]} == methods


@pytest.mark.parametrize("key", ["slopes", "opt_check", "seeds", "d", "noise", "opt"])
def test_post_processing_and_grid_keys_are_not_fit_keys(key):
    assert key not in fit_section(SECTION)
    assert set(fit_section(SECTION)["bounds"]) == {"step"}  # not the statement's K


def test_a_missing_fit_key_is_a_key_error():
    """Dropping any fit key breaks the job: FIT_KEYS names no key the job ignores."""
    for key in (*FIT_KEYS, *FIT_SUBKEYS):
        section = {k: v for k, v in fit_section(small(SECTION)).items() if k != key}
        with pytest.raises(KeyError, match=key):
            run_job(section, *JOB)


def test_the_reference_sample_outgrows_every_training_set():
    """The honest opt is fitted on more data than any method: sample_factor x m_test, or
    train_factor x the instance's training set when that is larger (scaled regime's cap)."""
    from relu_tradeoffs.approx.experiment import reference_size

    reference = {"sample_factor": 10, "train_factor": 2}
    assert reference_size(reference, m_train=10_000, m_test=4_000) == 40_000
    assert reference_size(reference, m_train=50_000, m_test=4_000) == 100_000
    assert reference_size(reference, m_train=20_000, m_test=4_000) == 40_000
