"""Slow tests: whole builds, benchmarks, and documents read back by LibreOffice and pdftotext."""
