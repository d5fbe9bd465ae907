"""(being built for issue 5: the break-timer widget on Today)"""

from typing import Any

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def break_widget(context: dict[str, Any]) -> str:
    return ""
