from eventwire.records import stable_id


def test_stable_id_is_deterministic_and_content_based():
    assert stable_id("a", 1) == stable_id("a", 1)
    assert stable_id("a", 1) != stable_id("a", 2)
    assert len(stable_id("x")) == 16
