"""One person's data is kept from every other: a walk over every URL pattern of the project.

Every route (web pages, the admin and each REST API operation under `/api/v1/`) must be listed in
exactly one of the registries below, or the suite fails with a message saying where to add it:

- OWNED: the route names an object that belongs to someone (a session, a check-in, a review…).
  Its factory makes that object for person A and returns the URL's arguments. Person B then gets
  a 404 for every method (a 405 for a method the route does not take) and nothing changes; an
  anonymous visitor is sent to sign in (web) or gets a 401 (API).
- SHARED: the route takes a parameter that names nothing private (a library slug, a question
  number). Only the sign-in requirement is checked.
- PRIVATE: no parameter; an anonymous visitor is sent to sign in, or gets a 401 from the API.
- PUBLIC: deliberately open, each with a reason. Those that take a secret (the calendar feed,
  the password reset link) are also checked to refuse a wrong secret.
- The admin site is for the operator: anonymous visitors and people who are not staff are turned
  away from every admin route.
"""

from __future__ import annotations

import inspect
import json
import re
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core import serializers
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.examples import GUIDE_PROFILE, cleared_answers
from upback.coach.models import (
    Account,
    CheckIn,
    GuidedItem,
    GuidedSession,
    Plan,
    Review,
    Screening,
)
from upback.coach.selectors.accounts import local_today
from upback.coach.services.calendar import calendar_feed_create
from upback.coach.services.checkins import Scores, checkin_record
from upback.coach.services.habits import habit_check, habit_month_start
from upback.coach.services.plans import plan_create, profile_save
from upback.coach.services.reviews import review_record
from upback.coach.services.screenings import screening_record
from upback.coach.services.sessions import session_start
from upback.coach.services.tokens import access_token_create, access_token_revoke
from upback.core.library import default_library
from upback.core.profile import parse_profile
from upback.core.review import PsfsItem
from upback.core.safety import parse_screening

pytestmark = pytest.mark.django_db

HOW_TO_ADD = (
    "Add it to a registry in tests/site/test_isolation.py: OWNED (a factory that makes person A's "
    "object and returns the URL arguments) if it names someone's object, SHARED (sample "
    "arguments) if its parameter names nothing private, PRIVATE if it takes no parameter, or "
    "PUBLIC with a reason if anyone may open it."
)


# --- the walk -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    name: str  # namespaced URL name ("api:checkin_get"), or the route itself when unnamed
    route: str
    params: tuple[str, ...]
    methods: tuple[str, ...] | None  # the API's declared methods; None for Django views
    callback: Callable[..., Any] = field(compare=False, repr=False)

    @property
    def is_api(self) -> bool:
        return self.name.startswith("api:")

    @property
    def is_admin(self) -> bool:
        return self.route.startswith("admin/")


def _api_methods(pattern: URLPattern) -> tuple[str, ...] | None:
    """The HTTP methods of one django-ninja operation, read from the PathView behind its view.

    ninja adds one URL pattern per operation, all sharing the path's view; the pattern's name
    is the operation's function name."""
    callback = getattr(pattern.callback, "__wrapped__", pattern.callback)
    if not inspect.isfunction(callback):
        return None  # the schema and docs pages: plain GET views
    view = inspect.getclosurevars(callback).nonlocals.get("self")
    operations = getattr(view, "operations", None) or []
    own = [op for op in operations if op.view_func.__name__ == pattern.name]
    return tuple(sorted({method for op in own or operations for method in op.methods})) or None


def _walk(
    resolver: URLResolver, prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str, URLPattern]]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry, prefix + str(entry.pattern), inner)
        else:
            route = prefix + str(entry.pattern)
            name = f"{namespace}:{entry.name}" if entry.name and namespace else entry.name
            yield name or route, route, entry


def _param_names(route: str) -> list[str]:
    names = re.findall(r"<(?:\w+:)?(\w+)>", route) + re.findall(r"\(\?P<(\w+)>", route)
    return names


def all_routes() -> list[Route]:
    found: list[Route] = []
    for name, route, pattern in _walk(get_resolver()):
        methods = _api_methods(pattern) if name.startswith("api:") else None
        found.append(Route(name, route, tuple(_param_names(route)), methods, pattern.callback))
    return found


ROUTES = all_routes()


def _id(route: Route) -> str:
    return route.name


# --- people and their things ----------------------------------------------------------------

PSFS = [PsfsItem("carrying shopping", 4), PsfsItem("driving", 5), PsfsItem("sleeping", 3)]


def person(name: str) -> User:
    """Someone fully set up (screened, cleared, with a plan) so no guard turns them away first."""
    user = User.objects.create_user(name)  # no password: force_login, and no slow hashing
    Account.objects.create(owner=user, time_zone="Europe/Lisbon")
    screening_record(
        owner=user,
        screening=parse_screening({"age": 40, "answers": cleared_answers()}),
        source="web",
    )
    profile = parse_profile(GUIDE_PROFILE)
    profile_save(owner=user, profile=profile)
    plan_create(owner=user, profile=profile)
    return user


def api_token(user: User) -> str:
    """A personal access token for `user`, made as the account page makes it."""
    return access_token_create(owner=user, name="isolation test")[1]


def a_session(owner: User) -> GuidedSession:
    plan = Plan.objects.filter(owner=owner).latest("version")
    return session_start(
        owner=owner, plan=plan, local_date=local_today(owner=owner), day="mon", pain_before=4
    )


def a_checkin(owner: User) -> CheckIn:
    today = local_today(owner=owner)
    for back in range(3, 0, -1):
        checkin_record(
            owner=owner,
            scores=Scores(pain=4, stiffness=4, sleep_quality=6, stress=3),
            local_date=today - timedelta(days=back),
        )
    return CheckIn.objects.filter(owner=owner).latest("local_date")


def a_review(owner: User) -> Review:
    a_checkin(owner)
    return review_record(owner=owner, psfs=PSFS, pgic=3)


def _session_kwargs(owner: User) -> dict[str, Any]:
    return {"pk": a_session(owner).pk}


def _item_kwargs(owner: User) -> dict[str, Any]:
    session = a_session(owner)
    first = GuidedItem.objects.filter(session=session).order_by("order")[0]
    return {"pk": session.pk, "order": first.order}


def _screening_kwargs(owner: User) -> dict[str, Any]:
    return {"pk": Screening.objects.filter(owner=owner).latest("created_at").pk}


def _later_plan_version(owner: User) -> dict[str, Any]:
    # Versions count per person: ben has a version 1 of his own, so ask for ana's version 2.
    profile = parse_profile(GUIDE_PROFILE)
    return {"version": plan_create(owner=owner, profile=profile).version}


def _checkin_day(owner: User) -> dict[str, Any]:
    return {"date": a_checkin(owner).local_date.isoformat()}


def _habit_tick(owner: User) -> dict[str, Any]:
    slugs = [habit.slug for habit in default_library().advice.habits[:2]]
    habit_month_start(owner=owner, habits=slugs)
    today = local_today(owner=owner)
    habit_check(owner=owner, slug=slugs[0], local_date=today)
    return {"slug": slugs[0], "date": today.isoformat()}


Factory = Callable[[User], dict[str, Any]]

OWNED: dict[str, Factory] = {
    "screen_seen": _screening_kwargs,
    "player": _session_kwargs,
    "player_item": _item_kwargs,
    "player_finish": _session_kwargs,
    "player_summary": _session_kwargs,
    "checkin_edit": lambda owner: {"pk": a_checkin(owner).pk},
    "checkin_delete": lambda owner: {"pk": a_checkin(owner).pk},
    "review_result": lambda owner: {"pk": a_review(owner).pk},
    "review_accept": lambda owner: {"pk": a_review(owner).pk},
    "review_keep": lambda owner: {"pk": a_review(owner).pk},
    "token_revoke": lambda owner: {"pk": access_token_create(owner=owner, name="ana's")[0].pk},
    "api:plan_version": _later_plan_version,
    "api:session_read": lambda owner: {"session_id": a_session(owner).pk},
    "api:checkin_read": _checkin_day,
    "api:checkin_put": _checkin_day,
    "api:checkin_remove": _checkin_day,
    "api:habit_untick": _habit_tick,
}

# A valid body for API writes, so ben's call reaches the ownership check, not validation.
API_BODIES: dict[str, dict[str, Any]] = {
    "api:checkin_put": {"pain": 2, "stiffness": 2, "sleep_quality": 8, "stress": 1},
}

# Parameters that name shared content or a step of the person's own flow, never someone's object.
SHARED: dict[str, dict[str, Any]] = {
    "screen_question": {"number": 1},  # a question's position in the person's own screening
    "library_detail": {"slug": "band_row"},  # the shared exercise library
    "library_moving": {"slug": "cat_cow"},  # a library technique's pictures
    "library_steps": {"slug": "cat_cow"},
    "advice_topic": {"topic": "desk-set-up"},  # the shared advice pages
    "break_routine": {"slug": "shoulder_rolls"},  # the shared break routines
}

PRIVATE: set[str] = {
    "account",
    "logout",
    "password_change",
    "password_change_done",
    "screen_start",
    "screen_result",
    "stop",
    "profile",
    "plan",
    "plan_swap",
    "plan_regenerate",
    "plan_history",
    "plan_handout",
    "today",
    "player_start",
    "checkin",
    "journal",
    "library",
    "advice",
    "report",
    "progress",
    "review",
    "data",
    "data_export",
    "data_import",
    "data_delete",
    "toolkit",
    "breaks",
    "break_record",
    "break_settings",
    "habits",
    "habit_tick",
    "habit_reminder",
    "desk_check",
    "desk_calc",
    "desk_neck",
    "heat_cold",
    "sleep",
    "calendar",
    "calendar_link_make",
    "calendar_link_revoke",
    "calendar_download",
    "tokens",
    "api:screen_get",
    "api:screen_post",
    "api:profile_read",
    "api:profile_write",
    "api:plan_read",
    "api:plan_versions",
    "api:session_list",
    "api:checkin_list",
    "api:checkin_post",
    "api:progress_read",
    "api:habits_read",
    "api:habit_tick",
    "api:breaks_read",
    "api:breaks_post",
    "api:export_read",
}

PUBLIC: dict[str, str] = {
    "home": "the landing page for people who have not signed up yet",
    "signup": "making an account",
    "login": "signing in",
    "password_reset": "asking for a reset link when the password is forgotten",
    "password_reset_done": "says the link was sent; shows nothing personal",
    "password_reset_confirm": "the emailed link; its token is the key (checked below)",
    "password_reset_complete": "says the new password is set; shows nothing personal",
    "data_goodbye": "shown after an account is deleted, when nobody is signed in any more",
    "manifest": "the web app manifest the browser fetches to install upback",
    "service_worker": "the service worker the browser fetches for offline use",
    "offline": "the page shown when there is no connection",
    "healthz": "a plain 'ok' for monitoring and the benchmarks; it reads nothing",
    "calendar_feed": "calendar apps cannot sign in; the secret token is the key (checked below)",
    "api:openapi-json": "the API's description holds no personal data",
    "api:openapi-view": "the API's docs page holds no personal data",
    "api:api-root": "the API's address itself; it holds no personal data",
    "admin:login": "the operator signs in to the admin site here",
}


def _kwargs_for_admin(route: Route) -> dict[str, Any]:
    samples = {"app_label": "coach", "url": "nowhere/", "content_type_id": "1"}
    return {name: samples.get(name, "1") for name in route.params}


def _url(route: Route, kwargs: dict[str, Any]) -> str:
    url = "/" + route.route
    for name, value in kwargs.items():
        url = re.sub(rf"<(?:\w+:)?{name}>", str(value), url)
    url = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(kwargs[m.group(1)]), url)
    return url.replace("^", "").replace("$", "")


def snapshot() -> str:
    """Every row upback keeps, so a refused request can be shown to have changed nothing."""
    models: list[Any] = [*apps.get_app_config("coach").get_models(), User]
    rows = [obj for model in models for obj in model.objects.order_by("pk")]
    return str(serializers.serialize("json", rows))


def _without_last_used(dump: str) -> str:
    # A token's last-used time moves whenever B's own token is used: not A's data.
    rows = json.loads(dump)
    for row in rows:
        row["fields"].pop("last_used_at", None)
        row["fields"].pop("last_login", None)
    return json.dumps(rows)


# --- the checks ------------------------------------------------------------------------------


def test_every_route_is_covered_by_exactly_one_registry() -> None:
    missing, twice = [], []
    for route in ROUTES:
        if route.is_admin and route.name not in PUBLIC:
            continue  # the admin rule below covers it
        homes = [
            route.name in OWNED,
            route.name in SHARED,
            route.name in PRIVATE,
            route.name in PUBLIC,
        ]
        if sum(homes) == 0:
            missing.append(f"{route.name} (/{route.route})")
        elif sum(homes) > 1:
            twice.append(route.name)
    assert not missing, f"Routes with no isolation check: {missing}. {HOW_TO_ADD}"
    assert not twice, f"Routes listed in more than one registry: {twice}"


def test_every_registry_entry_is_still_a_route() -> None:
    names = {route.name for route in ROUTES}
    stale = [name for name in [*OWNED, *SHARED, *PRIVATE, *PUBLIC] if name not in names]
    assert not stale, f"Registry entries for routes that no longer exist: {stale}"


def _by_kind(*registries: Any) -> list[Route]:
    return [r for r in ROUTES if any(r.name in registry for registry in registries)]


@dataclass
class Outsider:
    """Ben: signed in on the web, and with his own API token (used alone, without the session)."""

    user: User
    client: Client
    token: str

    def call(self, route: Route, method: str, url: str) -> int:
        send = getattr(Client() if route.is_api else self.client, method.lower())
        if route.is_api and method in ("POST", "PUT", "PATCH"):
            response = send(
                url,
                data=json.dumps(API_BODIES.get(route.name, {})),
                content_type="application/json",
                HTTP_AUTHORIZATION=f"Bearer {self.token}",
            )
        elif route.is_api:
            response = send(url, HTTP_AUTHORIZATION=f"Bearer {self.token}")
        else:
            response = send(url)
        return int(response.status_code)


@pytest.fixture
def ana() -> User:
    return person("ana")


@pytest.fixture
def ben() -> Outsider:
    user = person("ben")
    client = Client()
    client.force_login(user)
    return Outsider(user, client, api_token(user))


def _methods(route: Route) -> tuple[str, ...]:
    return route.methods or ("GET", "POST")


@pytest.mark.parametrize("route", _by_kind(OWNED), ids=_id)
def test_another_persons_object_is_a_404_and_stays_untouched(
    route: Route, ana: User, ben: Outsider
) -> None:
    url = _url(route, OWNED[route.name](ana))
    before = _without_last_used(snapshot())
    statuses = {method: ben.call(route, method, url) for method in _methods(route)}
    assert set(statuses.values()) <= {404, 405}, f"{route.name}: ben saw {statuses}"
    assert 404 in statuses.values(), f"{route.name}: ben saw {statuses}"
    assert _without_last_used(snapshot()) == before, f"{route.name} changed ana's data"
    # The same address works for ana herself, so ben's 404 is not just a wrong address.
    owner = Outsider(ana, Client(), api_token(ana))
    owner.client.force_login(ana)
    own = {method: owner.call(route, method, url) for method in _methods(route)}
    assert set(own.values()) - {404, 405}, f"{route.name}: even ana got {own}"


def _anonymous_is_turned_away(route: Route, url: str) -> None:
    client = Client()
    for method in _methods(route) if route.is_api else ("GET",):
        response = getattr(client, method.lower())(url)
        if route.is_api:
            assert response.status_code == 401, f"{method} {url} gave {response.status_code}"
        else:
            assert response.status_code == 302, f"{method} {url} gave {response.status_code}"
            assert response["Location"].startswith(reverse("login") + "?next="), url


@pytest.mark.parametrize("route", _by_kind(OWNED), ids=_id)
def test_an_anonymous_visitor_cannot_reach_an_owned_object(route: Route, ana: User) -> None:
    _anonymous_is_turned_away(route, _url(route, OWNED[route.name](ana)))


@pytest.mark.parametrize("route", _by_kind(SHARED, PRIVATE), ids=_id)
def test_an_anonymous_visitor_is_asked_to_sign_in(route: Route) -> None:
    _anonymous_is_turned_away(route, _url(route, SHARED.get(route.name, {})))


@pytest.mark.parametrize("route", [r for r in ROUTES if r.name in PUBLIC and not r.params], ids=_id)
def test_a_public_page_answers_without_signing_in(route: Route) -> None:
    response = Client().get(_url(route, {}))
    status = response.status_code
    # 200 for most; a redirect home from the goodbye page; the API's bare root is a 404.
    assert status in (200, 302, 404), f"/{route.route} gave {status}"
    if status == 302:
        assert not response["Location"].startswith(reverse("login")), route.route


@pytest.mark.parametrize(
    "route", [r for r in ROUTES if r.is_admin and r.name not in PUBLIC], ids=_id
)
def test_the_admin_site_turns_away_visitors_and_people_who_are_not_staff(
    route: Route, ben: Outsider
) -> None:
    url = _url(route, _kwargs_for_admin(route))
    for who, client in (("anonymous", Client()), ("ben", ben.client)):
        for method in ("GET", "POST"):
            response = getattr(client, method.lower())(url)
            status = response.status_code
            assert status in (302, 404, 405), f"{who}: {method} {url} gave {status}"
            if status == 302:
                location = response["Location"]
                assert location.startswith(("/admin/", reverse("login"))), (who, url)


def test_the_calendar_feed_opens_with_its_token_and_is_a_404_with_any_other(ana: User) -> None:
    token = calendar_feed_create(owner=ana)
    client = Client()
    assert client.get(reverse("calendar_feed", args=[token])).status_code == 200
    wrong = secrets.token_urlsafe(len(token))
    assert client.get(reverse("calendar_feed", args=[wrong])).status_code == 404
    assert client.get(reverse("calendar_feed", args=[token[:-1]])).status_code == 404


def test_a_password_reset_link_with_a_wrong_token_offers_no_form(ana: User) -> None:
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    uid = urlsafe_base64_encode(force_bytes(ana.pk))
    url = reverse("password_reset_confirm", args=[uid, "set-password-nope"])
    response = Client().get(url, follow=True)
    assert response.status_code in (200, 404)
    assert b'name="new_password1"' not in response.content


@pytest.mark.parametrize("secret", ["", "ub_not-a-real-token", "not even our shape"])
def test_the_api_refuses_a_wrong_token_with_a_401(secret: str, ana: User) -> None:
    api_token(ana)
    response = Client().get("/api/v1/checkins", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 401


def test_a_revoked_token_stops_working_at_once(ana: User) -> None:
    token, secret = access_token_create(owner=ana, name="old laptop")
    bearer = f"Bearer {secret}"
    assert Client().get("/api/v1/checkins", HTTP_AUTHORIZATION=bearer).status_code == 200
    assert access_token_revoke(owner=ana, pk=token.pk)
    assert Client().get("/api/v1/checkins", HTTP_AUTHORIZATION=bearer).status_code == 401
