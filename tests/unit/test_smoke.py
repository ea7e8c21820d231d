from eventwire.records import stable_id


def test_stable_id_is_deterministic_and_content_based():
    assert stable_id("a", 1) == stable_id("a", 1)
    assert stable_id("a", 1) != stable_id("a", 2)
    assert len(stable_id("x")) == 16


def test_settings_from_environment():
    from eventwire.config import from_env

    s = from_env(
        {
            "EVENTWIRE_MODEL": "my_model",
            "EVENTWIRE_BATCH_SIZE": "8",
            "EVENTWIRE_LEARNED_ACTORS": "/tmp/reviewed.csv",
        }
    )
    assert (s.model, s.batch_size, s.learned_actors) == ("my_model", 8, "/tmp/reviewed.csv")
    assert from_env({}).learned_actors is None
