"""reportlint: a compliance linter for report repositories."""

__version__ = "0.1.0"
