from django.contrib import admin

from upback.coach.models import Plan, Profile, Screening


@admin.register(Screening)
class ScreeningAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["owner", "disposition", "created_at", "source"]
    list_filter = ["disposition"]
    readonly_fields = ["answers", "rules", "result"]


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["owner", "who", "minutes_per_day", "updated_at"]


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["owner", "version", "created_at", "gentle_only"]
