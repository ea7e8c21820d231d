"""``eventwire serve``: the dashboard and JSON API over a store (see docs/dashboard.md)."""

from .app import create_app

__all__ = ["create_app"]
