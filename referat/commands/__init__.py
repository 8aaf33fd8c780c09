"""One module per ``referat`` subcommand (see referat/cli.py for the contract)."""
