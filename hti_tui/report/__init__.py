"""Reports and exports: the same rows the CLI prints, written to files."""
