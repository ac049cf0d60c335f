"""Tests of the library's functions, called directly."""
