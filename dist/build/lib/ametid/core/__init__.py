"""The core: the project and its settings, problems, formats, the model and the layout table."""
