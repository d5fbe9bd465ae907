"""The report for a physio: choose a period (the last 6 weeks unless changed), get a PDF.

The form is a GET (the report only reads): no dates in the address shows the form with the
defaults; dates in the address, when they make a good period, download the PDF. A bad period
shows the form again with the person's input and a message next to the field, status 400.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from upback.coach.report.build import PeriodError, report_build, report_period
from upback.coach.report.pdf import report_pdf
from upback.coach.selectors.accounts import local_today

DATE_MESSAGE = "Enter a date like 2026-03-01 (year, month, day)."
FIELDS = {"from": "start", "to": "end"}


class ReportForm(forms.Form):
    start = forms.DateField(
        label="From",
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": DATE_MESSAGE},
        help_text="The first day of the report.",
    )
    end = forms.DateField(
        label="To",
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": DATE_MESSAGE},
        help_text="The last day of the report; today at the latest.",
    )

    def __init__(self, *args: Any, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        start, end = report_period(start=None, end=None, today=today)
        self.fields["start"].initial = start
        self.fields["end"].initial = end
        self.fields["end"].widget.attrs["max"] = today.isoformat()
        self.fields["start"].widget.attrs["max"] = today.isoformat()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        try:
            cleaned["start"], cleaned["end"] = report_period(
                start=cleaned.get("start"), end=cleaned.get("end"), today=self.today
            )
        except PeriodError as problem:
            self.add_error(FIELDS[problem.field], str(problem))
        return cleaned


def report(request: HttpRequest) -> HttpResponse:
    owner: User = request.user  # type: ignore[assignment]
    today = local_today(owner=owner)
    asked = "start" in request.GET or "end" in request.GET
    form = ReportForm(request.GET if asked else None, today=today)
    if asked and form.is_valid():
        built = report_build(
            owner=owner, start=form.cleaned_data["start"], end=form.cleaned_data["end"]
        )
        response = HttpResponse(report_pdf(built), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{built.filename}"'
        return response
    status = 400 if form.errors else 200
    return render(request, "coach/report/form.html", {"form": form}, status=status)


urlpatterns = [
    path("report/", report, name="report"),
]
