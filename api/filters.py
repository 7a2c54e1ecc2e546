"""Query parameters of the API lists (documented in the OpenAPI schema through django-filter)."""

import django_filters

from indicators.models import PPIndicator, PPIndicatorResult, QuarterlyValue
from plans.choices import Status
from plans.models import SPIndicatorResult, TargetResult


class PPIndicatorFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(field_name="performance_program__year")
    unit = django_filters.CharFilter(field_name="responsible_unit__code", label="sorumlu birim kodu")
    code = django_filters.CharFilter(field_name="code")
    status = django_filters.ChoiceFilter(field_name="result__status", choices=Status.choices)

    class Meta:
        model = PPIndicator
        fields = ["year", "unit", "code", "status"]


class QuarterlyValueFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(field_name="indicator__performance_program__year")
    indicator = django_filters.CharFilter(field_name="indicator__code", label="gösterge kodu")
    quarter = django_filters.NumberFilter(field_name="quarter")

    class Meta:
        model = QuarterlyValue
        fields = ["year", "indicator", "quarter"]


class PPResultFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(field_name="indicator__performance_program__year")
    status = django_filters.ChoiceFilter(field_name="status", choices=Status.choices)

    class Meta:
        model = PPIndicatorResult
        fields = ["year", "status"]


class SPResultFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(field_name="year")
    target = django_filters.CharFilter(field_name="indicator__target__code", label="hedef kodu")

    class Meta:
        model = SPIndicatorResult
        fields = ["year", "target"]


class TargetResultFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(field_name="year")

    class Meta:
        model = TargetResult
        fields = ["year"]
