"""Write protection: endpoints that change anything need the server's token.

The token comes from ``eventwire serve --token`` or the ``EVENTWIRE_TOKEN`` environment
variable. Without one configured, write endpoints are disabled (403). Clients send it as
``Authorization: Bearer <token>`` or ``X-Eventwire-Token: <token>``; it is compared in
constant time.
"""

from __future__ import annotations

import hmac

from fastapi import HTTPException, Request

TOKEN_HEADER = "x-eventwire-token"


def presented_token(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    return request.headers.get(TOKEN_HEADER)


def require_token(request: Request) -> None:
    """FastAPI dependency: 403 when writes are disabled, 401 when the token is missing or wrong."""
    expected: str | None = request.app.state.token
    if not expected:
        raise HTTPException(
            403, "writes are disabled: start the server with --token or EVENTWIRE_TOKEN"
        )
    given = presented_token(request)
    if not given or not hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8")):
        raise HTTPException(401, "missing or wrong token", headers={"WWW-Authenticate": "Bearer"})
