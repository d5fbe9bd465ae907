"""The domain core stays pure: importing all of it pulls in no Django and no database driver."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_core_imports_no_django_or_database() -> None:
    code = (
        "import sys, pkgutil, importlib, upback.core as core\n"
        "for m in pkgutil.iter_modules(core.__path__):\n"
        "    importlib.import_module('upback.core.' + m.name)\n"
        "banned = {'django', 'psycopg', 'sqlite3'}\n"
        "bad = sorted(n for n in sys.modules if n.split('.')[0] in banned)\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
