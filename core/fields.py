"""Decimal fields with the precision each kind of figure needs, defined once."""

from typing import Any

from django.db import models


class ValueField(models.DecimalField):
    """An indicator value: up to 16 integer digits and 4 decimals (e.g. 1009098, 18,9944, -1,31)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 20)
        kwargs.setdefault("decimal_places", 4)
        super().__init__(*args, **kwargs)


class PercentField(models.DecimalField):
    """A computed percentage, kept exact to 6 decimals and rounded only for display.

    Wide enough for any rate two ValueFields can produce (e.g. a decreasing indicator's
    target ÷ value × 100 with a value of 0,0001).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 30)
        kwargs.setdefault("decimal_places", 6)
        super().__init__(*args, **kwargs)


class MoneyField(models.DecimalField):
    """An amount in Turkish lira with kuruş."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 18)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(*args, **kwargs)
