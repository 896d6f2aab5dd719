"""Payment and traveller messages read into screening units (see :mod:`.units`)."""
