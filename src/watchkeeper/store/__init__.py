"""Versioned storage of list snapshots."""

from watchkeeper.store.sqlite import Diff, Store, StoreError, Version

__all__ = ["Diff", "Store", "StoreError", "Version"]
