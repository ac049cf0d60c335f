"""ametid: job descriptions (ametijuhend) kept as code."""

__version__ = "0.2.0"
