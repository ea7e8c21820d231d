"""Helpers for eventwire's own tests: bad-input generators and fault-injecting workers."""
