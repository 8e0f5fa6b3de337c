"""The command line: ``hti`` and its subcommands (rich output, no computation)."""
