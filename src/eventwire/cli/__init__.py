"""The ``eventwire`` command line: thin click commands over the library."""
