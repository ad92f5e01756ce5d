"""Spreadsheet ledgers in and out: read, map columns, normalise, preview, apply, export.

The functions here never touch Qt; the CLI, the tests and the GUI wizard call the same code.
"""
