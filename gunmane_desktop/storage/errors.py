"""Errors a user can cause by opening the wrong or a damaged file, with clear messages."""

from __future__ import annotations

from pathlib import Path


class StorageError(Exception):
    """A problem with a database file, described for the person who opened it."""

    def __init__(self, path: Path | str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = Path(path)
        self.problem = problem


class DatabaseNotFoundError(StorageError):
    pass


class NotAGunmaneFileError(StorageError):
    pass


class CorruptDatabaseError(StorageError):
    pass


class NewerSchemaError(StorageError):
    pass


class DatabaseInUseError(StorageError):
    pass
