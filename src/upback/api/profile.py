"""`/profile`: who you are and what you have to hand; saving it rebuilds your plan."""

from django.http import HttpRequest
from ninja import Field, Router, Schema

from upback.api.auth import owner_of
from upback.api.common import ERRORS, Body, not_found
from upback.coach.selectors.plans import plan_current, profile_fields, profile_get
from upback.coach.services.plans import SafetyStop, plan_create, profile_save
from upback.core.profile import parse_profile
from upback.core.vocab import Equipment, PainCharacter, SleepPosition, Trigger, Who

router = Router(tags=["profile"])


class ProfileFields(Schema):
    """The DESIGN's profile; ranges are checked by the core, with a message naming the field."""

    who: Who
    age: int = Field(description="18 to 110")
    triggers: list[Trigger] = []
    pain_character: PainCharacter
    duration_weeks: float = Field(description="How long it has lasted, 0 to 1040 weeks")
    minutes_per_day: int = Field(description="5 to 30")
    strength_days_per_week: int = Field(description="0 to 3")
    equipment: list[Equipment] = []
    floor_ok: bool
    sleep_position: SleepPosition


class ProfileIn(Body, ProfileFields):
    pass


class ProfileOut(ProfileFields):
    pass


class ProfileSaved(Schema):
    profile: ProfileOut
    plan_version: int | None
    message: str


@router.get("/profile", response={200: ProfileOut, **ERRORS}, summary="Your profile")
def profile_read(request: HttpRequest) -> ProfileOut:
    """Your answers about yourself, as the plan uses them (404 before you have given them)."""
    stored = profile_get(owner=owner_of(request))
    if stored is None:
        raise not_found("profile")
    return ProfileOut(**profile_fields(stored))


@router.put(
    "/profile",
    response={200: ProfileSaved, **ERRORS},
    summary="Save your profile (and rebuild your plan)",
)
def profile_write(request: HttpRequest, payload: ProfileIn) -> ProfileSaved:
    """Save your profile; your plan is rebuilt from it when the safety screen allows."""
    owner = owner_of(request)
    profile = parse_profile(payload.model_dump(mode="json"))
    first = plan_current(owner=owner) is None
    profile_save(owner=owner, profile=profile)
    try:
        plan = plan_create(
            owner=owner, profile=profile, reason="first plan" if first else "profile updated"
        )
    except SafetyStop as stop:
        return ProfileSaved(
            profile=ProfileOut(**profile.model_dump(mode="json")),
            plan_version=None,
            message=f"Your profile is saved. {stop}",
        )
    return ProfileSaved(
        profile=ProfileOut(**profile.model_dump(mode="json")),
        plan_version=plan.version,
        message=f"Your profile is saved and your plan is ready (version {plan.version}).",
    )
