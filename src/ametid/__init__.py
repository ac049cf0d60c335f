"""ametid: job descriptions (ametijuhend) kept as code."""

__version__ = "0.1.0"
