"""What a person's latest safety result allows them to see and do.

The web, the API and the terminal all ask this one function, so an emergency result hides every
exercise everywhere, and a 'soon' result keeps plans gentle until a clinician has seen them.
"""

from __future__ import annotations

from dataclasses import dataclass

from upback.core.vocab import Disposition


@dataclass(frozen=True)
class CareState:
    disposition: Disposition | None
    clinician_seen: bool

    @property
    def needs_screen(self) -> bool:
        """No screening yet: the safety screen comes before anything else."""
        return self.disposition is None

    @property
    def stopped(self) -> bool:
        """Emergency or urgent: no exercise is shown or suggested anywhere."""
        return self.disposition in (Disposition.EMERGENCY, Disposition.URGENT)

    @property
    def gentle_only(self) -> bool:
        """'See a clinician soon' and not yet confirmed seen: flare-safe items only."""
        return self.disposition is Disposition.SOON and not self.clinician_seen

    @property
    def may_exercise(self) -> bool:
        return not (self.needs_screen or self.stopped)


def care_state(disposition: Disposition | None, *, clinician_seen: bool = False) -> CareState:
    return CareState(disposition=disposition, clinician_seen=clinician_seen)
