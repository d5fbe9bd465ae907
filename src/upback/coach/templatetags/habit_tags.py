"""(being built for issue 5: the two-habit check-off on Today)"""

from typing import Any

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def habit_checkoff(context: dict[str, Any]) -> str:
    return ""
