"""The output formats a build can write, kept apart so the command line can name them cheaply."""

FORMATS = ("md", "html", "docx")
