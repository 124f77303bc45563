"""Data files: JSON Schemas and report profiles (``profiles/*.yaml``). No code lives here."""
