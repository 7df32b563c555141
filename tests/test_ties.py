import pytest

from vectorgraph import ties


@pytest.mark.parametrize(
    ("a", "b", "directed", "want"),
    [
        ("RUS", "KAZ", False, ("KAZ", "RUS")),
        ("KAZ", "RUS", False, ("KAZ", "RUS")),
        ("RUS", "KAZ", True, ("RUS", "KAZ")),
    ],
    ids=["undirected-swapped", "undirected-ordered", "directed-kept"],
)
def test_ends(a, b, directed, want):
    assert ties.ends(a, b, directed) == want


def test_pair_orders_by_text_even_for_mixed_ids():
    assert ties.pair(10, "9") == (10, "9")  # "10" < "9" as text


def test_noisy_or_combines_and_caps():
    assert ties.noisy_or([0.5, 0.5, 0.5]) == pytest.approx(0.875)
    assert ties.noisy_or([1.0, 0.3]) == 1.0
    assert ties.noisy_or([]) == 0.0


@pytest.mark.parametrize(
    ("value", "want"),
    [(1e-12, 0), (-1e-12, 0), (2e-9, 1), (-2e-9, -1), (0.1 + 0.2 - 0.3, 0)],
    ids=["tiny+", "tiny-", "above", "below", "float-noise"],
)
def test_net_sign_uses_one_tolerance(value, want):
    assert ties.net_sign(value) == want


def test_sign_text_round_trips():
    for sign in (1, -1, 0):
        assert ties.parse_sign(ties.sign_text(sign)) == sign
    assert ties.parse_sign("\u22121") == -1
    with pytest.raises(KeyError):
        ties.parse_sign("plus")


@pytest.mark.parametrize("seed", range(5), ids=[f"seed{s}" for s in range(5)])
def test_noisy_or_one_at_a_time_is_the_same_float(seed: int) -> None:
    import random

    from vectorgraph.ties import NoisyOr

    rng = random.Random(seed)
    strengths = [rng.choice([0.1, 0.25, 0.5, 0.64, 0.8, rng.random()]) for _ in range(300)]
    for n in (1, 2, 7, 300):
        tie = NoisyOr()
        for w in strengths[:n]:
            tie.add(w)
        assert tie.value.hex() == ties.noisy_or(strengths[:n]).hex()
