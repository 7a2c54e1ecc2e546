"""Decimal fields with the precision each kind of figure needs, defined once.

Their bound (digits, decimals) is checked by the one rule of core.numbers.decimal_bound_check, with
the message the Form-3 gives, wherever a model or form validates them (services' `clean_fields`, the
admin's forms).
"""

from functools import cached_property
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import DecimalValidator
from django.db import models
from django.utils.deconstruct import deconstructible

from core.numbers import (
    MONEY_MAX_DIGITS,
    MONEY_PLACES,
    PERCENT_MAX_DIGITS,
    PERCENT_PLACES,
    VALUE_MAX_DIGITS,
    VALUE_PLACES,
    NumberParseError,
    decimal_bound_check,
)


@deconstructible
class DecimalBoundValidator:
    """Refuse a number its column cannot hold, with the form's message (core.numbers.decimal_bound_check)."""

    def __init__(self, max_digits: int, decimal_places: int) -> None:
        self.max_digits = max_digits
        self.decimal_places = decimal_places

    def __call__(self, value: Any) -> None:
        try:
            decimal_bound_check(value, max_digits=self.max_digits, decimal_places=self.decimal_places)
        except NumberParseError as exc:
            raise ValidationError(str(exc), code="max_digits") from exc

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DecimalBoundValidator) and (self.max_digits, self.decimal_places) == (
            other.max_digits,
            other.decimal_places,
        )


def _bounded(validators: list, max_digits: int, decimal_places: int) -> list:
    """Return the validators with Django's DecimalValidator replaced by the one bound rule."""
    return [v for v in validators if not isinstance(v, DecimalValidator | DecimalBoundValidator)] + [
        DecimalBoundValidator(max_digits, decimal_places)
    ]


class BoundedDecimalField(models.DecimalField):
    """A DecimalField whose model and form validation use the one bound rule and its message."""

    @cached_property
    def validators(self) -> list:
        return _bounded(super().validators, self.max_digits, self.decimal_places)

    def formfield(self, **kwargs: Any) -> Any:
        field = super().formfield(**kwargs)
        if isinstance(field, forms.DecimalField):
            field.validators = _bounded(field.validators, self.max_digits, self.decimal_places)
        return field


class ValueField(BoundedDecimalField):
    """An indicator value: up to 16 integer digits and 4 decimals (e.g. 1009098, 18,9944, -1,31)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", VALUE_MAX_DIGITS)
        kwargs.setdefault("decimal_places", VALUE_PLACES)
        super().__init__(*args, **kwargs)


class PercentField(BoundedDecimalField):
    """A computed percentage, kept exact to 6 decimals and rounded only for display.

    Wide enough for any rate two ValueFields can produce (e.g. a decreasing indicator's
    target ÷ value × 100 with a value of 0,0001).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", PERCENT_MAX_DIGITS)
        kwargs.setdefault("decimal_places", PERCENT_PLACES)
        super().__init__(*args, **kwargs)


class MoneyField(BoundedDecimalField):
    """An amount in Turkish lira with kuruş."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", MONEY_MAX_DIGITS)
        kwargs.setdefault("decimal_places", MONEY_PLACES)
        super().__init__(*args, **kwargs)
