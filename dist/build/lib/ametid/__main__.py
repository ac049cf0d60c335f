"""Run the command line as `python -m ametid`."""

from ametid.cli import main

# Worker processes started with "spawn" import this module again under another name.
if __name__ == "__main__":
    main(prog_name="ametid")
