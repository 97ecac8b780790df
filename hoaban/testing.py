"""Loaded first by pytest (`-p hoaban.testing` in pyproject), before Django reads the settings.

The test run is the demo on one's own machine: it may use the embedded demo SECRET_KEY, which
the settings otherwise refuse without DEBUG (see settings: SECRET_KEY).
"""

import os

os.environ.setdefault("HOABAN_DEMO", "1")
