"""Recording safety screenings, and a person's word that a clinician has seen them."""

from __future__ import annotations

from django.contrib.auth.models import User

from upback.coach.models import Screening, ScreeningClearance
from upback.coach.selectors.request_memo import forget
from upback.core import safety
from upback.core.vocab import Disposition


def screening_record(*, owner: User, screening: safety.Screening, source: str = "cli") -> Screening:
    result = safety.screen(screening)
    stored = Screening.objects.create(
        owner=owner,
        age=screening.age,
        sex=screening.sex or "",
        answers=dict(screening.answers),
        disposition=result.disposition.value,
        rules=list(result.rules),
        result=result.to_json(),
        source=source,
    )
    forget()  # the care state follows the latest screening
    return stored


def screening_confirm_seen(*, owner: User, screening: Screening) -> ScreeningClearance:
    """After a 'soon' result: the person says a clinician has seen them; full plans return."""
    if screening.owner_id != owner.pk:
        raise PermissionError("not your screening")
    if screening.disposition != Disposition.SOON.value:
        raise ValueError("only a 'see a clinician soon' result can be confirmed as seen")
    clearance, _ = ScreeningClearance.objects.get_or_create(screening=screening)
    forget()  # the care state follows the clearance too
    return clearance
