"""Execution engines: in-process, a local process pool, and (optionally) Ray."""
