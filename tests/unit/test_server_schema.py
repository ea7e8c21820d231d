"""Schemathesis against the server's OpenAPI spec: no input may produce a server error (5xx).

Bounded: a few examples per operation (EVENTWIRE_SCHEMATHESIS_EXAMPLES raises it for a longer
run, see docs/dashboard.md).
"""

from __future__ import annotations

import os
import warnings

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402

with warnings.catch_warnings():  # starlette warns that it prefers httpx2 over httpx
    warnings.filterwarnings("ignore", message=".*httpx2.*")
    from schemathesis.checks import not_a_server_error

from eventwire.server import create_app  # noqa: E402
from eventwire.server.testing import build_sample_store  # noqa: E402

EXAMPLES = int(os.environ.get("EVENTWIRE_SCHEMATHESIS_EXAMPLES", "10"))


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory):
    path = build_sample_store(tmp_path_factory.mktemp("schema") / "sample.duckdb")
    return create_app(path, token="schema-token", ingest_runner=lambda paths, db: {"paths": paths})


def test_no_server_error(app) -> None:  # noqa: ANN001
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case) -> None:  # noqa: ANN001
            case.call_and_validate(checks=[not_a_server_error])

        check()
