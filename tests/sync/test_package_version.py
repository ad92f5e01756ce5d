"""The package schema version names the shape of the exchanged tables, not the file's schema.

A town one program version behind its lead must still exchange with it when the newer
migration only added local things (indexes, the search index). The other way round, a
migration that changes an exchanged table must bump the version, or two programs would
accept each other's packages and misread them: the fingerprint below catches that.
"""

import hashlib

from gunmane_desktop.sync.tables import PACKAGE_SCHEMA_VERSION, package_ddl

# Update both together, and only when the exchanged tables really changed.
FINGERPRINT = (6, "c34b9573cbf2dec87e9aa9353792efba0645726bee2366c8b9fcc3a7bcad9d4a")


def test_the_exchanged_tables_match_the_package_version():
    ddl = hashlib.sha256("\n".join(package_ddl()).encode()).hexdigest()
    assert (PACKAGE_SCHEMA_VERSION, ddl) == FINGERPRINT

