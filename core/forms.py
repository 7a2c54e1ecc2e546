"""Form fields shared by every app."""

from decimal import Decimal

from django import forms
from django.utils import translation
from django.utils.translation import gettext as _

from core.numbers import NumberParseError, format_decimal, parse_decimal


class TurkishDecimalField(forms.CharField):
    """A number typed the way the page's language writes it: 1.009.098, 18,99, -1,31 in Turkish,
    1,009,098, 18.99 in English (the field shows its value the same way).

    Anything else (abc, 1,2,3, NaN, Infinity, too many digits, a negative number where the
    indicator forbids it) gets a clear message on the field and nothing is saved.
    """

    def __init__(self, *args, allow_negative: bool = True, max_digits: int = 20, decimal_places: int = 4, **kwargs):
        self.allow_negative = allow_negative
        self.max_digits = max_digits
        self.decimal_places = decimal_places
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "decimal", "class": "form-control form-control-sm text-end"})
        )
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return format_decimal(value, language=translation.get_language() or "tr")
        return value

    def clean(self, value) -> Decimal | None:  # type: ignore[override]
        text = super().clean(value)
        if not text or not text.strip():
            if self.required:
                raise forms.ValidationError(_("Bir sayı girin."), code="required")
            return None
        try:
            number = parse_decimal(
                text,
                max_digits=self.max_digits,
                decimal_places=self.decimal_places,
                language=translation.get_language() or "tr",
            )
        except NumberParseError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from exc
        if number < 0 and not self.allow_negative:
            raise forms.ValidationError(_("Bu gösterge eksi değer alamaz."), code="negative")
        return number
