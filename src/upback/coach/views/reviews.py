"""The 4-6 weekly review: baseline against now, what changed, the function scale (PSFS), the
global impression of change (PGIC), and upback's proposal for the next plan.

The review itself is open any time, even while exercise is paused: it asks questions and shows
figures only. Accepting a new plan is an exercise action, so it goes through `exercise_allowed`.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods, require_POST

from upback.coach.models import Review
from upback.coach.selectors.plans import plan_current
from upback.coach.selectors.progress import progress_get
from upback.coach.selectors.reviews import (
    plan_changes_since_review,
    review_get,
    review_latest,
    review_list,
    review_psfs_last,
)
from upback.coach.services.plans import NoPlan, SafetyStop
from upback.coach.services.reviews import (
    ACCEPTED,
    KEPT,
    PENDING,
    ReviewProblem,
    review_accept,
    review_keep,
    review_record,
)
from upback.coach.views.checkins import ScoreField
from upback.coach.views.guards import exercise_allowed
from upback.coach.views.progress import figures, verdict_words
from upback.core.progress import VERDICT_LABELS, VERDICTS, Verdict
from upback.core.review import (
    ACTIVITY_MAX,
    NEXT_STEPS,
    PGIC_CHOICES,
    PGIC_WORDS,
    PSFS_ACTIVITIES,
    PsfsItem,
    psfs_from_json,
)

NUMBERS = ("1", "2", "3")
ACTIVITY_EXAMPLES = ("carrying shopping", "sitting through a meeting", "reaching up to a shelf")
PGIC_MESSAGE = "Please choose the answer that fits best."


class ReviewForm(forms.Form):
    """Three activities the person finds hard, scored 0-10 (PSFS), and the global impression."""

    pgic = forms.TypedChoiceField(
        label="Since you started with upback, how is your upper back overall?",
        choices=PGIC_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        help_text="Think of everything together: pain, what you can do, how you feel.",
        error_messages={"required": PGIC_MESSAGE, "invalid_choice": PGIC_MESSAGE},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, forms.Field] = {}
        for n, example in zip(NUMBERS, ACTIVITY_EXAMPLES, strict=True):
            fields[f"activity_{n}"] = forms.CharField(
                label=f"Activity {n}",
                max_length=ACTIVITY_MAX,
                help_text=f"For example: {example}.",
                error_messages={
                    "required": f"Please name activity {n} in a few words.",
                    "max_length": f"Please keep activity {n} to {ACTIVITY_MAX} characters "
                    "(it has %(show_value)d).",
                },
            )
            score = ScoreField(
                label=f"How well can you do activity {n} now?",
                low="unable",
                high="as well as before",
            )
            score.error_messages = {
                "required": f"Please score activity {n} from 0 to 10.",
                "invalid_choice": f"Please score activity {n} from 0 to 10.",
            }
            fields[f"score_{n}"] = score
        pgic = self.fields.pop("pgic")
        self.fields.update(fields)
        self.fields["pgic"] = pgic

    @property
    def activities(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        return [(n, self[f"activity_{n}"], self[f"score_{n}"]) for n in NUMBERS]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        seen: set[str] = set()
        for n in NUMBERS:
            activity = cleaned.get(f"activity_{n}")
            if not activity:
                continue
            key = " ".join(activity.casefold().split())
            if key in seen:
                self.add_error(f"activity_{n}", "Please name a different activity for each.")
            seen.add(key)
        return cleaned

    def psfs(self) -> list[PsfsItem]:
        return [
            PsfsItem(
                activity=" ".join(self.cleaned_data[f"activity_{n}"].split()),
                score=self.cleaned_data[f"score_{n}"],
            )
            for n in NUMBERS
        ]


def _judgement(code: str) -> dict[str, str]:
    verdict: Verdict = code if code in VERDICTS else "not_enough_data"
    return {"code": verdict, "label": VERDICT_LABELS[verdict], "next": NEXT_STEPS[verdict]}


def _owner(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # LoginRequiredMiddleware: only signed-in people get here
    return user


def _own_review(request: HttpRequest, pk: int) -> Review:
    found = review_get(owner=_owner(request), pk=pk)
    if found is None:
        raise Http404("No such review")
    return found


@require_http_methods(["GET", "POST"])
def review(request: HttpRequest) -> HttpResponse:
    owner = _owner(request)
    last = review_psfs_last(owner=owner)
    initial = {f"activity_{n}": item.activity for n, item in zip(NUMBERS, last, strict=False)}
    form = ReviewForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            stored = review_record(owner=owner, psfs=form.psfs(), pgic=form.cleaned_data["pgic"])
        except ReviewProblem as problem:
            form.add_error("pgic" if problem.field == "pgic" else None, problem.message)
        else:
            return redirect("review_result", pk=stored.pk)
    progress = progress_get(owner=owner)
    context = {
        "form": form,
        "progress": progress,
        "figures": figures(progress),
        "verdict": verdict_words(progress),
        "changes": plan_changes_since_review(owner=owner),
        "has_plan": plan_current(owner=owner) is not None,
        "last": review_latest(owner=owner),
        "prefilled": bool(last),
        "activity_count": PSFS_ACTIVITIES,
        "past": review_list(owner=owner),
    }
    return render(request, "coach/reviews/review.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET"])
def review_result(request: HttpRequest, pk: int) -> HttpResponse:
    found = _own_review(request, pk)
    proposal: dict[str, Any] = found.proposal
    psfs_change = proposal.get("psfs_change")
    context = {
        "review": found,
        "proposal": proposal,
        "decision": proposal.get("decision", PENDING),
        "pending": proposal.get("decision", PENDING) == PENDING,
        "accepted": proposal.get("decision") == ACCEPTED,
        "kept": proposal.get("decision") == KEPT,
        "judgement": _judgement(found.verdict),
        "pgic_words": PGIC_WORDS.get(found.pgic, ""),
        "psfs": psfs_from_json(found.psfs),
        "psfs_mean": proposal.get("psfs_mean"),
        "psfs_change": psfs_change,
        "psfs_change_abs": abs(psfs_change) if isinstance(psfs_change, int | float) else None,
        "adherence_percent": round(found.adherence * 100) if found.adherence is not None else None,
    }
    return render(request, "coach/reviews/result.html", context)


@require_POST
@exercise_allowed
def review_accept_view(request: HttpRequest, pk: int) -> HttpResponse:
    found = _own_review(request, pk)
    try:
        plan = review_accept(owner=_owner(request), review=found)
    except SafetyStop:
        return redirect("stop")
    except NoPlan:
        messages.info(request, "Make your plan first: answer a few questions about you.")
        return redirect("profile")
    except ReviewProblem as problem:
        messages.info(request, problem.message)
        return redirect("review_result", pk=found.pk)
    messages.success(
        request, f"Your new plan is ready (version {plan.version}). Today's routine follows it."
    )
    return redirect("plan")


@require_POST
def review_keep_view(request: HttpRequest, pk: int) -> HttpResponse:
    found = _own_review(request, pk)
    try:
        review_keep(owner=_owner(request), review=found)
    except ReviewProblem as problem:
        messages.info(request, problem.message)
    else:
        messages.success(request, "You are keeping your plan as it is.")
    return redirect("review_result", pk=found.pk)


urlpatterns = [
    path("review/", review, name="review"),
    path("review/<int:pk>/", review_result, name="review_result"),
    path("review/<int:pk>/accept/", review_accept_view, name="review_accept"),
    path("review/<int:pk>/keep/", review_keep_view, name="review_keep"),
]
