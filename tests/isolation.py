"""Loaded as an early pytest plugin (`-p tests.isolation`), before Django reads its settings.

Each test run gets its own data directory, so tests never touch a person's real upback data.
"""

import os
import tempfile

os.environ.setdefault("UPBACK_DATA_DIR", tempfile.mkdtemp(prefix="upback-test-"))
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
