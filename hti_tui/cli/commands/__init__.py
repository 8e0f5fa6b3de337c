"""One module per ``hti`` subcommand: ``add_parser(sub)`` and ``run(ctx) -> int``."""
