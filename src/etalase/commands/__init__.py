"""The work behind each ``etalase`` subcommand; ``cli.py`` only wires arguments."""
