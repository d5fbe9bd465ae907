"""`/export`: everything you have recorded, as the upback.json document the web's export gives."""

from typing import Any

from django.http import HttpRequest
from ninja import Router

from upback.api.auth import owner_of
from upback.api.common import ERRORS
from upback.coach.services.data.export import data_export_document

router = Router(tags=["export"])


@router.get("/export", response={200: dict[str, Any], **ERRORS}, summary="All your data")
def export_read(request: HttpRequest) -> dict[str, Any]:
    """Your screenings, profile, plans, sessions, check-ins, reviews, breaks and habits, as one
    upback.json document (the same one the account page downloads, and `upback import` reads)."""
    return data_export_document(owner=owner_of(request))
