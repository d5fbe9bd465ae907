from django.apps import AppConfig


class CoachConfig(AppConfig):
    name = "upback.coach"
    label = "coach"
    verbose_name = "upback coach"
    default_auto_field = "django.db.models.BigAutoField"
