"""The store: cases in a local SQLite database (sqlite-utils), with search, deadlines and audit.

    with open_store(path) as store:       # None → default_db_path(); creates and migrates
        case_id = store.create(case)

See repository.py for the API and the thread rules, migrations.py for the schema.
"""

from kokuho_desk.store.db import StoreError, default_db_path
from kokuho_desk.store.repository import AuditEntry, CaseNotFound, CaseSummary, Deadline, Store, open_store

__all__ = ["AuditEntry", "CaseNotFound", "CaseSummary", "Deadline", "Store", "StoreError",
           "default_db_path", "open_store"]
