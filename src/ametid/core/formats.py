"""The output formats a build can write, kept apart so the command line can name them cheaply."""

FORMATS = ("md", "html", "docx", "pdf")
# PDF is left out by default: it needs LibreOffice, which not every machine has.
DEFAULT_FORMATS = ("md", "html", "docx")
