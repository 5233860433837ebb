"""Runs the command line as ``python -m riskmodel``."""

from riskmodel.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
