"""The read-only JSON API: thin viewsets over the scoped selectors of api.selectors."""

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import viewsets

from api import filters, selectors, serializers
from indicators.models import PPIndicator, PPIndicatorResult, QuarterlyValue
from plans.models import SPIndicatorResult, TargetResult

# Each viewset names its model with an empty `queryset` for the schema; requests go through the scoped selector.


class PPIndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    """Performance-programme indicators with their computed result; unit users see their own unit's only."""

    queryset = PPIndicator.objects.none()
    serializer_class = serializers.PPIndicatorSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = filters.PPIndicatorFilter

    def get_queryset(self):
        return selectors.api_pp_indicators(user=self.request.user)


class QuarterlyValueViewSet(viewsets.ReadOnlyModelViewSet):
    """Quarterly values (Form-3) of the indicators the user sees."""

    queryset = QuarterlyValue.objects.none()
    serializer_class = serializers.QuarterlyValueSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = filters.QuarterlyValueFilter

    def get_queryset(self):
        return selectors.api_quarterly_values(user=self.request.user)


class PPResultViewSet(viewsets.ReadOnlyModelViewSet):
    """The realization engine's results (year-end value, rate, status, projections) per indicator."""

    queryset = PPIndicatorResult.objects.none()
    serializer_class = serializers.PPResultSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = filters.PPResultFilter

    def get_queryset(self):
        return selectors.api_pp_results(user=self.request.user)


class SPResultViewSet(viewsets.ReadOnlyModelViewSet):
    """Strategic-plan indicator results per year: C, P raw and clamped."""

    queryset = SPIndicatorResult.objects.none()
    serializer_class = serializers.SPResultSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = filters.SPResultFilter

    def get_queryset(self):
        return selectors.api_sp_results(user=self.request.user)


class TargetResultViewSet(viewsets.ReadOnlyModelViewSet):
    """Strategic-plan target performance per year."""

    queryset = TargetResult.objects.none()
    serializer_class = serializers.TargetResultSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = filters.TargetResultFilter

    def get_queryset(self):
        return selectors.api_target_results(user=self.request.user)
