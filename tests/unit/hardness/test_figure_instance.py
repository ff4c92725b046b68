"""hardness.figure_instance: auto picks a grid instance for any grid; explicit ones are checked."""

from relu_tradeoffs.hardness.config import figure_instance

GRID = {"d": [8, 14, 20], "k": [2, 6], "eta": [0.0, 0.1], "seeds": [3, 4]}


def test_auto_takes_the_nearest_grid_value_on_every_axis():
    section = {
        "grid": GRID,
        "figure_instance": "auto",
        "figure_preferred": {"d": 11, "k": 4, "eta": 0.08, "seed": 0},
    }
    # d: 11 is 3 from 8 and 3 from 14: the first of the tied values
    assert figure_instance(section) == {"d": 8, "k": 2, "eta": 0.1, "seed": 3}


def test_auto_without_a_preference_is_the_first_grid_instance():
    section = {"grid": GRID, "figure_instance": "auto"}
    assert figure_instance(section) == {"d": 8, "k": 2, "eta": 0.0, "seed": 3}


def test_auto_is_always_an_instance_of_the_grid():
    grid = {"d": [5], "k": [3], "eta": [0.25], "seeds": [9]}
    preferred = {"d": 1000, "k": 40, "eta": 0.0, "seed": 0}
    section = {"grid": grid, "figure_instance": "auto", "figure_preferred": preferred}
    assert figure_instance(section) == {"d": 5, "k": 3, "eta": 0.25, "seed": 9}


def test_an_explicit_instance_is_used_as_given():
    inst = {"d": 14, "k": 6, "eta": 0.1, "seed": 4}
    assert figure_instance({"grid": GRID, "figure_instance": inst}) == inst
