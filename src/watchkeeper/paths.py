"""Where watchkeeper keeps its data."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

HOME_VARIABLE = "WATCHKEEPER_HOME"


def default_home() -> Path:
    """``$WATCHKEEPER_HOME`` if set, else the platform's user data directory."""
    configured = os.environ.get(HOME_VARIABLE)
    if configured:
        return Path(configured).expanduser()
    return Path(platformdirs.user_data_dir("watchkeeper", appauthor=False))
