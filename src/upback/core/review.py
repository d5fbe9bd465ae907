"""The 4-6 weekly review: what the person's measures say together, and the next plan to offer.

Pure. It takes the progress (pain trend and adherence from `core.progress`), the
Patient-Specific Functional Scale then and now, the Patient Global Impression of Change and the
current profile, and proposes one of three things (clinical reference §2.2, §2.3, §2.5, §3.3):

- `more_strength`: things are improving, so add strength as mobility improves, one change at a
  time: one more strength day (up to 3), or, when there are already 3, a few more minutes a day
  when that gives strength days room for one more exercise.
- `maintenance`: the pain has settled (7-day average ≤ 2 and a steady improvement), so a lighter
  routine (fewer minutes a day, at most 2 strength days) that keeps the habits going.
- `keep`: otherwise keep the plan and look at the dose, the desk and how often it gets done; when
  things are worse, hold every step up and take the safety check again.

The measures are read together: a PGIC of "much improved" or better, or a PSFS average up by 2 or
more, counts as a steady improvement whatever the pain numbers say; with a low baseline (≤ 3)
the pain numbers are too small to judge by, so the function scale and the global impression lead.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, get_args

from upback.core.library import Library, default_library
from upback.core.planner import build_plan
from upback.core.profile import Profile, parse_profile
from upback.core.progress import (
    LOW_BASELINE,
    VERDICT_ORDER,
    Progress,
    Verdict,
    function_verdict,
)
from upback.core.vocab import Kind

ProposalKind = Literal["more_strength", "maintenance", "keep"]
PROPOSAL_KINDS: tuple[str, ...] = get_args(ProposalKind)

PSFS_MIN = 0
PSFS_MAX = 10
PSFS_ACTIVITIES = 3
ACTIVITY_MAX = 80

PGIC_CHOICES: tuple[tuple[int, str], ...] = (
    (1, "Very much improved"),
    (2, "Much improved"),
    (3, "Minimally improved"),
    (4, "No change"),
    (5, "Minimally worse"),
    (6, "Much worse"),
    (7, "Very much worse"),
)
PGIC_WORDS: dict[int, str] = dict(PGIC_CHOICES)
PGIC_MUCH_WORSE = 6  # "much worse" or worse: hold the plan and take the safety check again
SETTLED = 2.0  # a 7-day average of 2 or less: the pain has settled
EPS = 1e-9
LOW_ADHERENCE = 0.5

MAX_STRENGTH_DAYS = 3
MAX_MINUTES = 30
MIN_MINUTES = 5
MAINTENANCE_STRENGTH_DAYS = 2

REVIEW_RULES: dict[ProposalKind, str] = {
    "more_strength": "review.more_strength",
    "maintenance": "review.maintenance",
    "keep": "review.keep",
}

# What to do next for each verdict, in the project's words; the verdict's label and meaning
# come from `core.progress` (VERDICT_LABELS, verdict_sentence).
NEXT_STEPS: dict[Verdict, str] = {
    "steady_improvement": (
        "Keep going. This is the time to build strength, a step at a time: your review can add "
        "a little more."
    ),
    "minimal_improvement": (
        "Keep to your plan. Each exercise steps up once it starts to feel easy, one change at "
        "a time."
    ),
    "no_change": (
        "Changes often take 2 to 6 weeks. Keep going, and look at how often you manage the "
        "routine, whether the dose suits you, and your desk set-up."
    ),
    "worsening": (
        "Hold off on stepping anything up, keep moving gently, and take the safety check again."
    ),
    "not_enough_data": "Check in on most days: a short daily check-in is enough.",
}


@dataclass(frozen=True)
class PsfsItem:
    """One activity the person finds hard, scored 0 (unable) to 10 (as well as before)."""

    activity: str
    score: int

    def to_json(self) -> dict[str, Any]:
        return {"activity": self.activity, "score": self.score}


def psfs_from_json(data: Any) -> tuple[PsfsItem, ...]:
    """Stored PSFS entries back as items; entries that do not fit are left out."""
    if not isinstance(data, list):
        return ()
    found: list[PsfsItem] = []
    for entry in data:
        if not isinstance(entry, Mapping):
            continue
        activity, score = entry.get("activity"), entry.get("score")
        if (
            isinstance(activity, str)
            and activity.strip()
            and isinstance(score, int)
            and not isinstance(score, bool)
            and PSFS_MIN <= score <= PSFS_MAX
        ):
            found.append(PsfsItem(activity=activity.strip(), score=score))
    return tuple(found)


def psfs_mean(items: Sequence[PsfsItem]) -> float | None:
    """The PSFS score: the average over its activities (§2.2); None with no activities."""
    if not items:
        return None
    return sum(item.score for item in items) / len(items)


def _key(activity: str) -> str:
    return " ".join(activity.casefold().split())


def psfs_change(then: Sequence[PsfsItem], now: Sequence[PsfsItem]) -> float | None:
    """How far the PSFS average has risen, over the activities scored both times.

    Activities are matched by name (ignoring case and spacing), so a person who changes an
    activity is compared on the ones that stayed; None when none did (or there is no 'then').
    """
    before = {_key(item.activity): item.score for item in then}
    pairs = [
        (before[_key(item.activity)], item.score) for item in now if _key(item.activity) in before
    ]
    if not pairs:
        return None
    return sum(after - was for was, after in pairs) / len(pairs)


@dataclass(frozen=True)
class ProfileChange:
    field: str
    before: int
    after: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"field": self.field, "before": self.before, "after": self.after, "text": self.text}


@dataclass(frozen=True)
class Proposal:
    """The next plan upback offers after a review, and why."""

    kind: ProposalKind
    title: str
    reasons: tuple[str, ...]
    profile_changes: tuple[ProfileChange, ...]
    judgement: Verdict
    """The review's reading of pain, function and global impression together."""

    @property
    def changes_plan(self) -> bool:
        return bool(self.profile_changes)

    @property
    def rule(self) -> str:
        return REVIEW_RULES[self.kind]

    def apply(self, profile: Profile) -> Profile:
        """The profile the new plan is built from."""
        return apply_changes(profile, {c.field: c.after for c in self.profile_changes})

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "title": self.title,
            "reasons": list(self.reasons),
            "profile_changes": [c.to_json() for c in self.profile_changes],
            "judgement": self.judgement,
            "rule": self.rule,
        }


def apply_changes(profile: Profile, changes: Mapping[str, Any]) -> Profile:
    """The profile with the proposal's changes, validated again (raises InputProblem)."""
    return parse_profile({**profile.model_dump(mode="json"), **changes}, where="reviewed profile")


def judge(progress: Progress, *, psfs_change: float | None, pgic: int | None) -> Verdict:
    """Pain, function and global impression read together, by the rules of `core.progress`.

    Worse first: the pain verdict, or a PGIC of "much worse" or worse. With a low baseline (≤ 3)
    the function scale and the global impression lead; otherwise the better of the two counts.
    """
    pain = progress.verdict
    if pain == "worsening" or (pgic is not None and pgic >= PGIC_MUCH_WORSE):
        return "worsening"
    function = function_verdict(psfs_change, pgic)
    if function is None:
        return pain
    low = progress.baseline is not None and progress.baseline <= LOW_BASELINE + EPS
    if pain == "not_enough_data" or low:
        return function
    return pain if VERDICT_ORDER[pain] >= VERDICT_ORDER[function] else function


def _strength_items(profile: Profile, library: Library) -> int:
    plan = build_plan(profile, library)
    return sum(1 for day in plan.days for item in day.items if item.kind is Kind.STRENGTH)


def _days(n: int) -> str:
    return f"{n} strength day{'s' if n != 1 else ''} a week"


def _more_strength(profile: Profile, library: Library) -> ProfileChange | None:
    """One step up in strength, one variable at a time (§3.3); None when there is no room."""
    days = profile.strength_days_per_week
    if days < MAX_STRENGTH_DAYS:
        return ProfileChange(
            field="strength_days_per_week",
            before=days,
            after=days + 1,
            text=f"{_days(days + 1)} instead of {days}",
        )
    now = _strength_items(profile, library)
    for minutes in range(profile.minutes_per_day + 5, MAX_MINUTES + 1, 5):
        bigger = profile.model_copy(update={"minutes_per_day": minutes})
        if _strength_items(bigger, library) > now:
            return ProfileChange(
                field="minutes_per_day",
                before=profile.minutes_per_day,
                after=minutes,
                text=(
                    f"{minutes} minutes a day instead of {profile.minutes_per_day}, so your "
                    "strength days have room for one more exercise"
                ),
            )
    return None


def _maintenance(profile: Profile) -> tuple[ProfileChange, ...]:
    changes: list[ProfileChange] = []
    minutes = profile.minutes_per_day
    lighter = max(MIN_MINUTES, 5 * round(minutes * 2 / 3 / 5))
    if lighter < minutes:
        changes.append(
            ProfileChange(
                field="minutes_per_day",
                before=minutes,
                after=lighter,
                text=f"{lighter} minutes a day instead of {minutes}",
            )
        )
    days = profile.strength_days_per_week
    if days > MAINTENANCE_STRENGTH_DAYS:
        changes.append(
            ProfileChange(
                field="strength_days_per_week",
                before=days,
                after=MAINTENANCE_STRENGTH_DAYS,
                text=f"{_days(MAINTENANCE_STRENGTH_DAYS)} instead of {days}",
            )
        )
    return tuple(changes)


def _adherence_reason(adherence: float | None) -> str | None:
    if adherence is None:
        return None
    percent = round(adherence * 100)
    if adherence < LOW_ADHERENCE:
        return (
            f"You did about {percent}% of your planned sessions. A routine only helps when it "
            "gets done: a shorter one you can keep to may work better than a longer one you "
            "cannot (you can change your minutes in your profile)."
        )
    return f"You did about {percent}% of your planned sessions. That is a good base to judge by."


def propose(
    *,
    progress: Progress,
    psfs_then: Sequence[PsfsItem],
    psfs_now: Sequence[PsfsItem],
    pgic: int,
    profile: Profile | None,
    gentle_only: bool = False,
    library: Library | None = None,
) -> Proposal:
    """The next plan to offer, with its reasons in plain words."""
    change = psfs_change(psfs_then, psfs_now)
    judgement = judge(progress, psfs_change=change, pgic=pgic)
    adherence = _adherence_reason(progress.adherence)
    reasons: list[str] = []

    if judgement == "worsening":
        reasons.append(
            "Your answers say things are worse than when you started. The plan stays as it is "
            "and nothing steps up for now."
        )
        reasons.append(
            "Please take the safety check again, and if the pain keeps rising or something new "
            "appears, see a doctor or physiotherapist."
        )
        return _keep("Hold the plan and take the safety check again", reasons, judgement)

    if profile is None:
        reasons.append("There is no plan yet to change. Make your plan first, then review it.")
        return _keep("Make your plan first", reasons, judgement)

    if gentle_only or profile.in_flare:
        reasons.append(
            "For now your plan keeps to gentle movements (because of your safety check or a "
            "fresh flare), so it stays as it is until that changes."
        )
        return _keep("Keep your gentle plan for now", reasons, judgement)

    current = progress.current_7day
    if judgement == "steady_improvement" and current is not None and current <= SETTLED:
        changes = _maintenance(profile)
        reasons.append(
            f"Your pain has settled: your 7-day average is {current:.1f} out of 10 and it has "
            "come down steadily."
        )
        reasons.append(
            "A lighter routine keeps what you have gained. Keep your two daily habits and your "
            "desk set-up: they do much of the work."
        )
        if not changes:
            reasons.append("Your plan is already as light as a maintenance plan, so it stays.")
        return Proposal(
            kind="maintenance",
            title="A lighter plan to keep your back well",
            reasons=tuple(reasons),
            profile_changes=changes,
            judgement=judgement,
        )

    if judgement in ("steady_improvement", "minimal_improvement"):
        step = _more_strength(profile, library or default_library())
        if judgement == "steady_improvement":
            reasons.append("Things are clearly improving, so this is the time to build strength.")
        else:
            reasons.append(
                "Things are improving a little, so build strength carefully, one change at a time."
            )
        if step is None:
            reasons.append(
                "Your plan already has as much strength work as your minutes allow. Each "
                "exercise steps up to a harder version once it starts to feel easy."
            )
        else:
            reasons.append(
                "Strength work helps the upper back carry the day with less strain as it "
                "gets more mobile."
            )
        if adherence:
            reasons.append(adherence)
        return Proposal(
            kind="more_strength",
            title="More strength, a step at a time",
            reasons=tuple(reasons),
            profile_changes=(step,) if step else (),
            judgement=judgement,
        )

    if judgement == "not_enough_data":
        reasons.append(
            "There are not enough check-ins yet to judge. Keep your plan and check in daily."
        )
    else:
        reasons.append(
            "No clear change yet, so keep your plan and look at what could be holding it back."
        )
        reasons.append(
            "The dose: if the exercises feel too easy or too hard, say so after each session "
            "and the plan adjusts."
        )
        reasons.append(
            "Your desk: the top of the screen at eye level, and a movement break every 30-45 "
            "minutes of sitting."
        )
    if adherence:
        reasons.append(adherence)
    return _keep("Keep your plan, and look at what could help", reasons, judgement)


def _keep(title: str, reasons: list[str], judgement: Verdict) -> Proposal:
    return Proposal(
        kind="keep",
        title=title,
        reasons=tuple(reasons),
        profile_changes=(),
        judgement=judgement,
    )
