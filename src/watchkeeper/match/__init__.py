"""Matching: name similarity (and, later, candidate index, features and scoring)."""
