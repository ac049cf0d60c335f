"""Rendering positions into documents: the Jinja environment, pages, the index, Word and PDF."""
