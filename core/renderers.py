"""The form renderer: Django's templates, with the plain widgets written directly (the same HTML, faster).

A Form-3 of 500 indicators draws about 5.000 inputs; through Django's widget templates that was
half of the page's time. The widgets below are written here exactly as Django's templates write them
(tests/core/test_renderers.py compares both); every other template is rendered as usual.
"""

import html
from typing import Any

from django.forms.renderers import DjangoTemplates
from django.utils.safestring import SafeString, mark_safe

INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in ("input", "text", "number", "email", "url", "tel", "password", "hidden", "checkbox", "date", "search")
)
TEXTAREA_TEMPLATE = "django/forms/widgets/textarea.html"
CLEARABLE_FILE_TEMPLATE = "django/forms/widgets/clearable_file_input.html"


def _text(value: Any) -> str:
    """Return the value as a template writes it: escaped unless marked safe (Django's escape is html.escape)."""
    return str(value) if isinstance(value, SafeString) else html.escape(str(value))


def attrs_html(attrs: dict[str, Any]) -> str:
    """Return the attributes as django/forms/widgets/attrs.html writes them."""
    return "".join(
        f" {_text(name)}" if value is True else f' {_text(name)}="{_text(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def widget_html(template_name: str, widget: dict[str, Any]) -> str | None:
    """Return the widget's HTML for the plain templates, None for any other."""
    if template_name in INPUT_TEMPLATES:
        value = "" if widget["value"] is None else f' value="{_text(widget["value"])}"'
        return (
            f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"{value}{attrs_html(widget["attrs"])}>'
        )
    if template_name == TEXTAREA_TEMPLATE:
        value = _text(widget["value"]) if widget["value"] else ""
        return f'<textarea name="{_text(widget["name"])}"{attrs_html(widget["attrs"])}>\n{value}</textarea>'
    if template_name == CLEARABLE_FILE_TEMPLATE and not widget.get("is_initial"):
        return f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"{attrs_html(widget["attrs"])}>'
    return None


class FastWidgetRenderer(DjangoTemplates):
    """Django's template renderer, writing the plain widgets without a template."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        if widget is not None:
            html = widget_html(template_name, widget)
            if html is not None:
                # Every part was escaped above, as the template would (hence S308 and B308/B703 answered).
                return mark_safe(html)  # noqa: S308 # nosec B308 B703
        return super().render(template_name, context, request)
