"""Filters of the budget tables."""

import re

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from budget.models import BudgetAggregate, BudgetLine
from core.text import turkish_search_pattern

Level = BudgetAggregate.Level


def _style(filterset: django_filters.FilterSet) -> None:
    for f in filterset.form.fields.values():
        f.widget.attrs.setdefault("class", "form-select form-select-sm")
    if "q" in filterset.form.fields:
        filterset.form.fields["q"].widget.attrs["class"] = "form-control form-control-sm"


class AggregateFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Ara"), method="search")
    level = django_filters.ChoiceFilter(
        label=_("Düzey"),
        choices=[(Level.PROGRAM, Level.PROGRAM.label), (Level.SUB_PROGRAM, Level.SUB_PROGRAM.label),
                 (Level.ACTIVITY, Level.ACTIVITY.label)],
    )  # fmt: skip

    class Meta:
        model = BudgetAggregate
        fields = ["q", "level"]

    def __init__(self, *args, names: dict[str, str], with_level: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.names = names
        if not with_level:
            del self.filters["level"]
        _style(self)

    def search(self, queryset, name, value):
        """Find the words in the code, the name or the programme path (Turkish İ/ı aware)."""
        pattern = turkish_search_pattern(value)
        if not pattern:
            return queryset
        matching = [code for code, label in self.names.items() if re.search(pattern, label)]
        return queryset.filter(Q(key__regex=pattern) | Q(key__in=matching))


class BudgetLineFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Ara"), method="search")

    class Meta:
        model = BudgetLine
        fields = ["q"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _style(self)

    def search(self, queryset, name, value):
        """Find the words in the economic code, the activity or the unit."""
        pattern = turkish_search_pattern(value)
        if not pattern:
            return queryset
        return queryset.filter(
            Q(economic_code__code__regex=pattern)
            | Q(economic_code__name__regex=pattern)
            | Q(activity__name__regex=pattern)
            | Q(unit__name__regex=pattern)
            | Q(unit__code__regex=pattern)
        )
