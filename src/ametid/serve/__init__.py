"""Serving a project's site while it is edited: built into a temporary folder, rebuilt on every
change, and every open page reloaded (`ametid serve`)."""
