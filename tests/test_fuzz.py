"""Fuzzing: built, broken and mutated scenario files never crash, every finding has a line, and runs are bounded.

Seeded (derandomised) and small, so CI takes seconds; ``benchmarks/fuzz.py`` runs 10,000 cases.
"""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzzkit import build_scenario, library_texts, make_case, run_case

LIBRARY = library_texts()
BOUND_S = 5.0
CI = settings(max_examples=40, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def assert_sound(outcome) -> None:
    assert not outcome.escaped, outcome.escaped
    assert not outcome.faults, outcome.faults
    assert not outcome.without_line, outcome.without_line
    assert outcome.seconds < BOUND_S, f"{outcome.seconds:.1f} s"


@CI
@given(st.randoms(use_true_random=False))
def test_any_fuzz_case_is_sound(tmp_path_factory, rng):
    data = make_case(rng, LIBRARY)
    assert_sound(run_case(data, tmp_path_factory.mktemp("fuzz"), random.Random(0)))


@CI
@given(st.randoms(use_true_random=False))
def test_built_scenarios_are_mostly_playable_and_sound(tmp_path_factory, rng):
    outcome = run_case(build_scenario(rng).encode("utf-8"), tmp_path_factory.mktemp("fuzz"), random.Random(1))
    assert_sound(outcome)


def test_the_generator_makes_playable_cases_too(tmp_path):
    """The fuzz is no use if every case is refused at once: some built cases must play through."""
    rng = random.Random(15)
    playable = sum(run_case(build_scenario(rng).encode("utf-8"), tmp_path, rng).playable for _ in range(30))
    assert playable >= 5
