"""Filters of the dashboards' indicator table."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Unit
from core.text import turkish_search_pattern
from indicators.models import PPIndicator
from plans.choices import Direction, Status
from plans.models import Program, SubProgram


class PPIndicatorFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Ara"), method="search")
    program = django_filters.ModelChoiceFilter(
        label=_("Program"), field_name="sub_program__program", queryset=Program.objects.none()
    )
    sub_program = django_filters.ModelChoiceFilter(label=_("Alt program"), queryset=SubProgram.objects.none())
    responsible_unit = django_filters.ModelChoiceFilter(label=_("Sorumlu birim"), queryset=Unit.objects.none())
    status = django_filters.ChoiceFilter(
        label=_("Gerçekleşme durumu"), field_name="result__status", choices=Status.choices
    )
    direction = django_filters.ChoiceFilter(label=_("Yön"), choices=Direction.choices)
    at_risk = django_filters.BooleanFilter(label=_("Risk altında"), method="filter_at_risk")

    class Meta:
        model = PPIndicator
        fields = ["q", "program", "sub_program", "responsible_unit", "status", "direction", "at_risk"]

    def __init__(self, *args, units, year: int, administration, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["program"].queryset = Program.objects.filter(
            performance_program__administration=administration, performance_program__year=year
        )
        self.filters["sub_program"].queryset = SubProgram.objects.filter(
            program__performance_program__administration=administration, program__performance_program__year=year
        )
        self.filters["responsible_unit"].queryset = units.filter(
            pp_indicators__performance_program__year=year
        ).distinct()
        for f in self.form.fields.values():
            f.widget.attrs.setdefault("class", "form-select form-select-sm")
        self.form.fields["q"].widget.attrs["class"] = "form-control form-control-sm"

    def search(self, queryset, name, value):
        """Find the words in the name or code, treating İ/i and I/ı as Turkish does."""
        pattern = turkish_search_pattern(value)
        return queryset.filter(Q(name__regex=pattern) | Q(code__regex=pattern)) if pattern else queryset

    def filter_at_risk(self, queryset, name, value):
        """Projected below 80 by the unit's estimate or by the trend (the overview's at-risk list)."""
        risky = Q(result__projected_status=Status.NOT_REACHED) | Q(result__projected_status_trend=Status.NOT_REACHED)
        if value is None:
            return queryset
        return queryset.filter(risky) if value else queryset.exclude(risky)
