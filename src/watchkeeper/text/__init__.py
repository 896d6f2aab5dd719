"""Text processing for name matching: normalisation, romanisation, tokens and keys."""
