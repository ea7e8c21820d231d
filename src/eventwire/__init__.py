"""eventwire: open, offline political event data from news text."""

from importlib.metadata import PackageNotFoundError, version

from . import _native

_native.guard()  # before any extractor module is imported: compiled ones only while current

try:
    __version__ = version("eventwire")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0"

__all__ = ["__version__"]
