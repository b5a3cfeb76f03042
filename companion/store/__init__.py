"""Persistence: the only package that speaks SQL. Returns domain objects."""

from companion.store.database import Store, open_store
from companion.store.files import StoreError, resolve_db_path

__all__ = ["Store", "StoreError", "open_store", "resolve_db_path"]
