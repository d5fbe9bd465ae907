"""The workstation pages: the desk check, the calculator from a person's height, and the page
about looking down (the text-neck model) and building up standing.

Nothing here is saved and nothing is exercise: the core decides every number and every fix
(`core.desk`); the views only read the form and show the answer. Bad input re-renders the form
with the person's input and a message next to the field, with status 400.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.safestring import mark_safe

from upback.core import desk as core
from upback.core import desk_check as checking
from upback.core.desk_diagram import desk_svg

ANSWER_LABELS = {"yes": "Yes", "no": "No", "not_sure": "Not sure"}
ANSWER_WORDS = {"no": "You answered no.", "not_sure": "You were not sure."}
ANSWER_MESSAGE = "Please answer this question."
SHOES = [("25", "Flat shoes"), ("0", "Socks or bare feet"), ("50", "Heeled shoes")]
INCH_CM = 2.54


def _numbers(low: float, high: float, what: str) -> dict[str, str]:
    message = f"Please enter {what} between {low:g} and {high:g}."
    return {"invalid": message, "min_value": message, "max_value": message, "required": message}


def _number_input(low: float, high: float, step: str = "any") -> forms.NumberInput:
    return forms.NumberInput(attrs={"min": low, "max": high, "step": step, "inputmode": "decimal"})


# ---------------------------------------------------------------------------------------------
# The check
# ---------------------------------------------------------------------------------------------


class DeskCheckForm(forms.Form):
    """One radio question per check item, in the core's priority order."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for number, item in enumerate(checking.CHECK_ITEMS, start=1):
            choices = list(ANSWER_LABELS.items())
            if item.not_applicable:
                choices.append(("not_applicable", item.not_applicable))
            self.fields[item.key] = forms.ChoiceField(
                label=f"{number}. {item.question}",
                choices=choices,
                widget=forms.RadioSelect,
                error_messages={"required": ANSWER_MESSAGE, "invalid_choice": ANSWER_MESSAGE},
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        open_numbers = [
            str(number)
            for number, item in enumerate(checking.CHECK_ITEMS, start=1)
            if item.key in self.errors
        ]
        if open_numbers:
            listed = (
                open_numbers[0]
                if len(open_numbers) == 1
                else ", ".join(open_numbers[:-1]) + " and " + open_numbers[-1]
            )
            noun = "Question" if len(open_numbers) == 1 else "Questions"
            verb = "is" if len(open_numbers) == 1 else "are"
            self.add_error(None, f"{noun} {listed} {verb} not answered yet.")
        return cleaned


def desk_check(request: HttpRequest) -> HttpResponse:
    form = DeskCheckForm(request.POST if request.method == "POST" else None)
    context: dict[str, Any] = {"form": form, "result": None}
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "coach/desk/check.html", context, status=400)
        result = checking.check({key: form.cleaned_data[key] for key in checking.CHECK_KEYS})
        label, sentence = checking.score_words(result.score)
        context.update(
            result=result,
            label=label,
            sentence=sentence,
            fixes=[(fix, ANSWER_WORDS[fix.answer]) for fix in result.fixes],
        )
    return render(request, "coach/desk/check.html", context)


# ---------------------------------------------------------------------------------------------
# The calculator
# ---------------------------------------------------------------------------------------------

CORE_FIELDS = {"viewing_distance_mm": "distance_cm", "fixed_desk_mm": "fixed_desk_cm"}


class CalcForm(forms.Form):
    height_cm = forms.FloatField(
        label="Centimetres",
        required=False,
        min_value=core.HEIGHT_MIN_CM,
        max_value=core.HEIGHT_MAX_CM,
        widget=_number_input(core.HEIGHT_MIN_CM, core.HEIGHT_MAX_CM),
        error_messages=_numbers(core.HEIGHT_MIN_CM, core.HEIGHT_MAX_CM, "a height in cm"),
    )
    height_ft = forms.IntegerField(
        label="Feet",
        required=False,
        min_value=3,
        max_value=7,
        widget=_number_input(3, 7, step="1"),
        error_messages=_numbers(3, 7, "a whole number of feet"),
    )
    height_in = forms.FloatField(
        label="Inches",
        required=False,
        min_value=0,
        max_value=11.99,
        widget=_number_input(0, 11.99),
        error_messages=_numbers(0, 11.99, "inches"),
    )
    shoes = forms.ChoiceField(
        label="What do you wear on your feet at the desk?",
        choices=SHOES,
        initial="25",
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Please choose one of the options."},
        required=False,
    )
    distance_cm = forms.FloatField(
        label="Screen distance in cm (optional)",
        help_text="From your eyes to the screen. Leave empty to use 65 cm, a typical arm's length.",
        required=False,
        min_value=50,
        max_value=100,
        widget=_number_input(50, 100),
        error_messages=_numbers(50, 100, "a distance in cm"),
    )
    fixed_desk_cm = forms.FloatField(
        label="Your desk's height in cm, if it cannot be changed (optional)",
        help_text="Measure from the floor to the top of the desk.",
        required=False,
        min_value=50,
        max_value=130,
        widget=_number_input(50, 130),
        error_messages=_numbers(50, 130, "a desk height in cm"),
    )
    bifocals = forms.BooleanField(label="I wear bifocals or varifocals", required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        cm, feet, inches = (
            cleaned.get("height_cm"),
            cleaned.get("height_ft"),
            cleaned.get("height_in"),
        )
        height_field = "height_cm"
        if cm is None and feet is None:
            if inches is not None:
                self.add_error("height_ft", "Please add the feet as well as the inches.")
            else:
                self.add_error(
                    "height_cm", "Please enter your height, in cm or in feet and inches."
                )
            return cleaned
        if cm is None:
            height_field = "height_ft"
            cm = round(((feet or 0) * 12 + (inches or 0)) * INCH_CM, 1)
            if not core.HEIGHT_MIN_CM <= cm <= core.HEIGHT_MAX_CM:
                self.add_error(
                    "height_ft",
                    f"That is {cm:g} cm; please enter a height between 3 ft 11 in and 7 ft 2 in.",
                )
                return cleaned
        distance = cleaned.get("distance_cm")
        fixed = cleaned.get("fixed_desk_cm")
        try:
            cleaned["numbers"] = core.calculate(
                height_cm=cm,
                shoe_mm=float(cleaned.get("shoes") or 25),
                viewing_distance_mm=650 if distance is None else distance * 10,
                bifocals=bool(cleaned.get("bifocals")),
                fixed_desk_mm=None if fixed is None else fixed * 10,
            )
        except core.DeskInputProblem as problem:
            self.add_error(CORE_FIELDS.get(problem.field, height_field), problem.detail)
        cleaned["in_feet"] = height_field == "height_ft"
        return cleaned


def _cm(mm: float) -> str:
    return f"{mm / 10:.1f} cm"


def _inches(mm: float) -> str:
    return f"{mm / 25.4:.1f} in"


def _figure_rows(numbers: core.DeskNumbers, *, in_feet: bool) -> list[dict[str, str]]:
    rows = []
    for figure in numbers.figures:
        if figure.is_range:
            value = f"{_cm(figure.low_mm)} – {_cm(figure.high_mm)}"
            imperial = f"{_inches(figure.low_mm)} – {_inches(figure.high_mm)}"
        else:
            value, imperial = _cm(figure.mm), _inches(figure.mm)
        rows.append(
            {
                "key": figure.key,
                "label": figure.label,
                "value": value,
                "imperial": imperial if in_feet else "",
                "note": figure.note,
                "source": figure.source,
            }
        )
    return rows


def desk_calc(request: HttpRequest) -> HttpResponse:
    asked = bool(set(request.GET) & set(CalcForm.base_fields))
    form = CalcForm(request.GET if asked else None)
    context: dict[str, Any] = {"form": form, "numbers": None}
    if asked and form.is_valid():
        numbers: core.DeskNumbers = form.cleaned_data["numbers"]
        in_feet = bool(form.cleaned_data.get("in_feet"))
        context.update(
            numbers=numbers,
            rows=_figure_rows(numbers, in_feet=in_feet),
            # Built by the core from numbers only, every text escaped there.
            diagram=mark_safe(desk_svg(numbers)),
            footrest_cm=(
                _cm(numbers.fixed_desk.footrest_mm)
                if numbers.fixed_desk and numbers.fixed_desk.footrest_mm > 0
                else ""
            ),
        )
    status = 400 if form.errors else 200
    return render(request, "coach/desk/calc.html", context, status=status)


# ---------------------------------------------------------------------------------------------
# Looking down, and standing
# ---------------------------------------------------------------------------------------------


class NeckForm(forms.Form):
    angle = forms.FloatField(
        label="How far does your head bend forward, in degrees?",
        help_text="0 is looking straight ahead; reading a phone in your lap is often 45-60.",
        min_value=0,
        max_value=60,
        widget=_number_input(0, 60, step="1"),
        error_messages=_numbers(0, 60, "an angle in degrees"),
    )


def _load(low: float, high: float) -> str:
    if round(low) == round(high):
        return f"{low:.0f}"
    return f"{low:.0f}–{high:.0f}"


def desk_neck(request: HttpRequest) -> HttpResponse:
    asked = "angle" in request.GET
    form = NeckForm(request.GET if asked else None)
    context: dict[str, Any] = {
        "form": form,
        "neck": None,
        "model": [
            {
                "angle": f"{angle:g}",
                "kg": _load(lo * core.LB_TO_KG, hi * core.LB_TO_KG),
                "lb": _load(lo, hi),
            }
            for angle, lo, hi in core.TEXT_NECK_POINTS
        ],
        "caveat": core.TEXT_NECK_CAVEAT,
        "source": core.TEXT_NECK_SOURCE,
        "standing": core.standing_plan(4),
        "standing_source": core.STANDING_SOURCE,
    }
    if asked and form.is_valid():
        neck = core.text_neck(form.cleaned_data["angle"])
        context.update(
            neck=neck,
            kg=_load(neck.low_kg, neck.high_kg),
            lb=_load(neck.low_lb, neck.high_lb),
        )
    status = 400 if form.errors else 200
    return render(request, "coach/desk/neck.html", context, status=status)


urlpatterns = [
    path("desk/", desk_check, name="desk_check"),
    path("desk/calculator/", desk_calc, name="desk_calc"),
    path("desk/neck/", desk_neck, name="desk_neck"),
]
