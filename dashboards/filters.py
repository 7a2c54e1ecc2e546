"""Filters of the dashboards' indicator table."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Unit
from core.text import turkish_search_pattern
from indicators.models import PPIndicator
from indicators.selectors import ACTUAL, PROJECTED, TREND, at_risk_condition, headline_opinion, stored_status
from plans.choices import Direction, Status
from plans.models import Program, SubProgram


class PPIndicatorFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Ara"), method="search")
    program = django_filters.ModelChoiceFilter(
        label=_("Program"), field_name="sub_program__program", queryset=Program.objects.none()
    )
    sub_program = django_filters.ModelChoiceFilter(label=_("Alt program"), queryset=SubProgram.objects.none())
    responsible_unit = django_filters.ModelChoiceFilter(label=_("Sorumlu birim"), queryset=Unit.objects.none())
    # The quarter and the opinion (actual, the unit's estimate, the trend) the status and at-risk
    # filters read, as on the overview; without them, the year's actual status.
    quarter = django_filters.ChoiceFilter(label=_("Dönem sonu"), choices=[(q, q) for q in (1, 2, 3, 4)], method="keep")
    opinion = django_filters.ChoiceFilter(
        label=_("Durum türü"),
        choices=[(ACTUAL, _("Gerçekleşme")), (PROJECTED, _("Öngörülen (tahmin)")), (TREND, _("Öngörülen (eğilim)"))],
        method="keep",
    )
    status = django_filters.ChoiceFilter(label=_("Durum"), choices=Status.choices, method="filter_status")
    direction = django_filters.ChoiceFilter(label=_("Yön"), choices=Direction.choices)
    at_risk = django_filters.BooleanFilter(
        label=_("Risk altında"),
        method="filter_at_risk",
        widget=forms.Select(choices=[("", _("Fark etmez")), ("true", _("Evet")), ("false", _("Hayır"))]),
    )

    class Meta:
        model = PPIndicator
        fields = [
            "q",
            "program",
            "sub_program",
            "responsible_unit",
            "quarter",
            "opinion",
            "status",
            "direction",
            "at_risk",
        ]

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
        """Find the words in the name, the code or the responsible unit's name (Turkish-aware, marks optional)."""
        pattern = turkish_search_pattern(value)
        if not pattern:
            return queryset
        return queryset.filter(
            Q(name__regex=pattern) | Q(code__regex=pattern) | Q(responsible_unit__name__regex=pattern)
        )

    def keep(self, queryset, name, value):
        """A parameter of the other filters, not a filter of its own."""
        return queryset

    def _quarter(self) -> int:
        return int(self.form.cleaned_data.get("quarter") or 4)

    def filter_status(self, queryset, name, value):
        """The status at the end of the chosen quarter, by the chosen opinion (the overview's counts)."""
        quarter = self._quarter()
        opinion = self.form.cleaned_data.get("opinion") or headline_opinion(quarter)
        queryset = queryset.alias(state=stored_status(quarter, opinion))
        if value == Status.NOT_COMPUTABLE:
            return queryset.filter(Q(state=value) | Q(state__isnull=True))
        return queryset.filter(state=value)

    def filter_at_risk(self, queryset, name, value):
        """Projected below 80 by the unit's estimate or by the trend (the overview's at-risk list)."""
        if value is None:
            return queryset
        risky = at_risk_condition(self._quarter())
        return queryset.filter(risky) if value else queryset.exclude(risky)
