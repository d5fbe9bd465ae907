"""Reads about safety screenings and the care state they put a person in."""

from __future__ import annotations

from django.contrib.auth.models import User

from upback.coach.models import Screening
from upback.coach.selectors.request_memo import remembered
from upback.core.care import CareState, care_state
from upback.core.vocab import Disposition


def screening_latest(*, owner: User) -> Screening | None:
    return Screening.objects.filter(owner=owner).order_by("-created_at", "-id").first()


def screening_list(*, owner: User) -> list[Screening]:
    return list(Screening.objects.filter(owner=owner).order_by("-created_at", "-id"))


def care_state_get(*, owner: User) -> CareState:
    """The account's state follows its latest screening (and a clinician's visit after 'soon').

    Read once per web request: the guard, the banners and the widgets all ask for it.
    """

    def read() -> CareState:
        latest = (
            Screening.objects.filter(owner=owner)
            .select_related("clearance")
            .only("disposition", "clearance__id")
            .order_by("-created_at", "-id")
            .first()
        )
        if latest is None:
            return care_state(None)
        seen = hasattr(latest, "clearance")
        return care_state(Disposition(latest.disposition), clinician_seen=seen)

    return remembered("care", owner, read)


def screening_get(*, owner: User, pk: int) -> Screening | None:
    """One of the owner's own screenings; another person's is simply not found."""
    return Screening.objects.filter(owner=owner, pk=pk).select_related("clearance").first()
