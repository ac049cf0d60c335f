"""What the tests share: paths, scratch projects, the command line, documents read back."""
