"""Plugins that ship inside the package (loaded before plugin directories)."""
