"""Run the command line as `python -m ametid`."""

from ametid.cli import main

main(prog_name="ametid")
