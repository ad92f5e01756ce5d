"""SQLite storage: connection setup, schema and migrations, repositories, summary queries.

Repositories take and return the core dataclasses; nothing above this package writes SQL
against the file except through it.
"""
