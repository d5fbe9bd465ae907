"""Every model change comes with its migration: a fresh install gets the same schema as the code."""

from __future__ import annotations

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_is_missing_a_migration() -> None:
    try:
        call_command("makemigrations", "--check", "--dry-run", verbosity=0)
    except SystemExit as missing:
        pytest.fail(f"a model changed without a migration (makemigrations exited {missing.code})")
