"""The home-program handout: what it holds for a person's current plan, and the printed PDF.

The PDF checks use poppler (`pdftotext`, `pdftoppm`, `pdfinfo`), as the clinician report's do;
without it they skip with a reason.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from tests.coach.test_report import page_inks, pdf_pages, poppler
from tests.coach.views.test_plans import person, screened, with_plan
from upback.coach.handout.build import CARD_WIDTH_MM, Card, Handout, card_picture, handout_build
from upback.coach.handout.pdf import handout_html, handout_pdf
from upback.coach.models import Plan, Screening, ScreeningClearance
from upback.coach.services.plans import NoPlan, SafetyStop
from upback.core import exercise_figure
from upback.core.library import default_library

pytestmark = pytest.mark.django_db

LIBRARY = default_library()
# A Wednesday at noon in Lisbon: the boxes start on that Wednesday.
NOW = dt.datetime(2026, 3, 4, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def ana() -> User:
    user = person("ana", time_zone="Europe/Lisbon")
    user.first_name, user.last_name = "Ana", "Silva"
    user.save()
    with_plan(user)
    return user


def pdf_text(pdf: Path) -> str:
    """The text in reading order (not laid out: a card's name and its dose sit side by side),
    with pages split by a form feed."""
    return subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout


def plan_slugs(plan: Plan) -> list[str]:
    seen: list[str] = []
    for day in plan.data["days"]:
        for item in day["items"]:
            if item["slug"] not in seen:
                seen.append(item["slug"])
    return seen


def card_named(handout: Handout, slug: str) -> Card:
    name = LIBRARY.get(slug).name
    return next(card for card in handout.cards if card.name == name)


# What it holds


def test_every_technique_of_the_plan_gets_one_card_the_warm_up_first(ana: User) -> None:
    handout = handout_build(owner=ana, now=NOW)
    plan = Plan.objects.get(owner=ana)
    names = [card.name for card in handout.cards]
    assert sorted(names) == sorted(LIBRARY.get(slug).name for slug in plan_slugs(plan))
    assert handout.cards[0].kind == "Warm-up"
    assert [card.number for card in handout.cards] == list(range(1, len(names) + 1))


def test_a_card_has_the_plans_dose_in_words_its_days_steps_and_cautions(ana: User) -> None:
    plan = Plan.objects.get(owner=ana)
    handout = handout_build(owner=ana, now=NOW)
    for slug in plan_slugs(plan):
        technique = LIBRARY.get(slug)
        card = card_named(handout, slug)
        days = [d["day"] for d in plan.data["days"] if slug in {i["slug"] for i in d["items"]}]
        dose = next(
            i["dose"]["text"] for d in plan.data["days"] for i in d["items"] if i["slug"] == slug
        )
        assert card.dose == dose
        assert card.days == ("Every day" if len(days) == 7 else ", ".join(d.title() for d in days))
        assert card.steps == list(technique.steps)
        assert card.cautions == list(technique.cautions)


def test_a_technique_with_a_figure_shows_its_strip_and_numbered_captions(ana: User) -> None:
    handout = handout_build(owner=ana, now=NOW)
    assert any(card.picture for card in handout.cards), "the guide's plan has a drawn technique"
    for card in handout.cards:
        technique = next(t for t in LIBRARY if t.name == card.name)
        if not exercise_figure.has_figure(technique):
            assert card.picture is None
            continue
        assert card.picture is not None
        assert card.picture.svg.startswith("<svg")
        assert "<style" not in card.picture.svg
        assert card.picture.captions == exercise_figure.captions(technique)
        assert card.picture.sides == (exercise_figure.sides_note(technique) or "")


def test_each_strip_prints_at_a_size_that_suits_its_shape(ana: User) -> None:
    """Tall panels stand beside their captions; long strips run across, never wider than the
    card; either way no strip prints so small its figures are hard to make out."""
    for technique in LIBRARY:
        if not exercise_figure.has_figure(technique):
            continue
        picture = card_picture(technique, 1)
        assert picture is not None
        width, height = (
            float(n) for n in re.findall(r'viewBox="\S+ \S+ (\S+) (\S+)"', picture.svg)[0]
        )
        printed_height = picture.width_mm * height / width
        assert picture.width_mm <= CARD_WIDTH_MM, technique.slug
        assert printed_height >= 25, (technique.slug, printed_height)
        if picture.layout == "side":
            assert picture.width_mm <= CARD_WIDTH_MM - 60, technique.slug


def test_the_tick_boxes_run_two_weeks_from_today_shading_days_off_the_plan(ana: User) -> None:
    handout = handout_build(owner=ana, now=NOW)
    assert (handout.start, handout.end) == (dt.date(2026, 3, 4), dt.date(2026, 3, 17))
    plan = Plan.objects.get(owner=ana)
    for card in handout.cards:
        boxes = [box for week in card.weeks for box in week]
        assert len(boxes) == 14
        assert [box.day for box in boxes[:3]] == [4, 5, 6]
        assert "".join(box.letter for box in boxes[:7]) == "WTFSSMT"
        slug = next(t.slug for t in LIBRARY if t.name == card.name)
        on = {d["day"] for d in plan.data["days"] if slug in {i["slug"] for i in d["items"]}}
        assert card.needed_days == 2 * len(on)
    strength = next(card for card in handout.cards if card.kind == "Strength")
    assert any(not box.needed for week in strength.weeks for box in week)


def test_it_names_the_person_the_plan_version_and_the_two_habits(ana: User) -> None:
    handout = handout_build(owner=ana, now=NOW)
    plan = Plan.objects.get(owner=ana)
    assert handout.name == "Ana Silva"
    assert handout.version == plan.version
    assert [h.name for h in handout.habits] == [
        h.name for h in LIBRARY.advice.habits if h.slug in plan.data["habits"]
    ]
    assert len(handout.habits) == 2
    assert handout.safety_net == list(LIBRARY.advice.safety_net)
    assert handout.filename == "upback-home-program-2026-03-04.pdf"


def test_without_a_full_name_the_username_is_used() -> None:
    user = person("bo")
    with_plan(user)
    assert handout_build(owner=user, now=NOW).name == "bo"


def test_there_is_no_handout_before_a_plan() -> None:
    with pytest.raises(NoPlan):
        handout_build(owner=person("cy"), now=NOW)


def test_there_is_no_handout_while_a_warning_sign_is_active(ana: User) -> None:
    screened(ana, "urgent")
    with pytest.raises(SafetyStop):
        handout_build(owner=ana, now=NOW)


def test_a_soon_result_not_yet_seen_prints_only_the_gentle_items(ana: User) -> None:
    screened(ana, "soon")
    handout = handout_build(owner=ana, now=NOW)
    assert handout.gentle_note
    assert handout.cards
    for card in handout.cards:
        technique = next(t for t in LIBRARY if t.name == card.name)
        assert technique.suitability.flare_ok, card.name
    ScreeningClearance.objects.create(
        screening=Screening.objects.filter(owner=ana).latest("created_at")
    )
    assert handout_build(owner=ana, now=NOW).gentle_note == ""


def test_the_plan_shown_is_the_latest_version(ana: User) -> None:
    with_plan(ana, strength_days_per_week=0)
    handout = handout_build(owner=ana, now=NOW)
    assert handout.version == 2
    assert all(card.kind != "Strength" for card in handout.cards)


def test_text_from_the_plan_is_escaped_in_the_html(ana: User) -> None:
    plan = Plan.objects.get(owner=ana)
    plan.data["days"][0]["items"][0]["name"] = "<b>Warm</b> & up"
    plan.save()
    html = handout_html(handout_build(owner=ana, now=NOW))
    assert "&lt;b&gt;Warm&lt;/b&gt; &amp; up" in html
    assert "<b>Warm</b>" not in html


# The PDF


def test_the_pdf_has_every_card_with_its_dose_and_no_blank_page(ana: User, tmp_path: Path) -> None:
    poppler()
    handout = handout_build(owner=ana, now=NOW)
    pdf = tmp_path / "handout.pdf"
    pdf.write_bytes(handout_pdf(handout))
    assert pdf.read_bytes().startswith(b"%PDF")
    pages = pdf_pages(pdf)
    # Two or three cards to a page, and the first page also holds the header and safety net.
    assert len(handout.cards) / 3 <= pages <= len(handout.cards) / 2 + 2, pages
    text = re.sub(r"\s+", " ", pdf_text(pdf))
    for card in handout.cards:
        assert card.name in text, card.name
        assert card.dose in text, card.dose
    for expected in (
        "Your home exercise plan",
        "Ana Silva",
        f"plan version {handout.version}",
        "When to stop and get help",
        "Tick each day you do it",
        "Self-care guidance, not a diagnosis",
        f"Page 1 of {pages}",
        f"Page {pages} of {pages}",
        handout.habits[0].name,
    ):
        assert expected in text, expected
    inks = page_inks(pdf, tmp_path)
    assert len(inks) == pages
    assert min(inks) > 5, inks


def test_no_card_is_split_across_two_pages(ana: User, tmp_path: Path) -> None:
    poppler()
    handout = handout_build(owner=ana, now=NOW)
    pdf = tmp_path / "handout.pdf"
    pdf.write_bytes(handout_pdf(handout))
    # pdftotext separates pages with a form feed: each card's name and its tick-box label are
    # on the same page.
    pages = pdf_text(pdf).split("\f")
    for card in handout.cards:
        page = next(p for p in pages if card.name in re.sub(r"\s+", " ", p))
        after = re.sub(r"\s+", " ", page).split(card.name, 1)[1]
        assert "Tick each day you do it" in after, card.name


def test_the_strip_is_drawn_as_vector_art_in_the_pdf(ana: User, tmp_path: Path) -> None:
    """Inline SVG stays vector in WeasyPrint's PDF: no picture is embedded as a bitmap."""
    poppler()
    if not shutil.which("pdfimages"):
        pytest.skip("pdfimages (poppler-utils) is not installed")
    pdf = tmp_path / "handout.pdf"
    pdf.write_bytes(handout_pdf(handout_build(owner=ana, now=NOW)))
    listed = subprocess.run(
        ["pdfimages", "-list", str(pdf)], check=True, capture_output=True, text=True
    ).stdout
    assert len(listed.strip().splitlines()) == 2, listed  # only the header lines


def test_the_handout_uses_the_persons_own_date(ana: User) -> None:
    # 23:30 UTC on 4 March is already 5 March in Tokyo.
    ana.coach_account.time_zone = "Asia/Tokyo"
    ana.coach_account.save()
    late = timezone.make_aware(dt.datetime(2026, 3, 4, 23, 30), dt.UTC)
    assert handout_build(owner=ana, now=late).start == dt.date(2026, 3, 5)


def test_a_dose_that_differs_by_day_is_spelled_out_day_by_day(ana: User) -> None:
    plan = Plan.objects.get(owner=ana)
    monday = plan.data["days"][0]
    item = next(i for i in monday["items"] if i["kind"] == "strength")
    item["dose"] = {**item["dose"], "sets": 1, "text": "10 reps"}
    plan.save()
    card = card_named(handout_build(owner=ana, now=NOW), item["slug"])
    assert card.dose == "See the days below"
    assert card.dose_notes == ["Mon: 10 reps", "Wed, Fri: 3 × 10 reps"]
