"""JSON shapes of the API. Decimals are strings, exact as stored (DRF's default); no value is rounded."""

from rest_framework import serializers

from indicators.models import PPIndicator, PPIndicatorResult, QuarterlyValue
from plans.models import SPIndicatorResult, TargetResult


class ResultSerializer(serializers.ModelSerializer):
    """The realization engine's stored result of a PP indicator."""

    class Meta:
        model = PPIndicatorResult
        fields = [
            "year_end_value",
            "realization_rate",
            "status",
            "year_end_estimate",
            "projected_status",
            "trend_projection",
            "projected_status_trend",
            "computed_at",
        ]


class PPIndicatorSerializer(serializers.ModelSerializer):
    year = serializers.IntegerField(source="performance_program.year")
    program = serializers.CharField(source="sub_program.program.name")
    sub_program = serializers.CharField(source="sub_program.name")
    sub_program_goal = serializers.CharField(source="goal.text", allow_null=True, default=None)
    responsible_unit_code = serializers.CharField(source="responsible_unit.code")
    responsible_unit = serializers.CharField(source="responsible_unit.name")
    sp_indicator_code = serializers.CharField(source="sp_indicator.code", allow_null=True, default=None)
    target = serializers.DecimalField(source="target_value", max_digits=20, decimal_places=4)
    result = ResultSerializer(allow_null=True, default=None, read_only=True)

    class Meta:
        model = PPIndicator
        fields = [
            "id",
            "code",
            "year",
            "seq",
            "program",
            "sub_program",
            "sub_program_goal",
            "name",
            "unit_of_measure",
            "direction",
            "aggregation",
            "prev_year",
            "prev_value",
            "target",
            "responsible_unit_code",
            "responsible_unit",
            "sp_indicator_code",
            "result",
        ]


class QuarterlyValueSerializer(serializers.ModelSerializer):
    indicator_id = serializers.IntegerField()
    indicator_code = serializers.CharField(source="indicator.code")
    year = serializers.IntegerField(source="indicator.performance_program.year")

    class Meta:
        model = QuarterlyValue
        fields = [
            "id",
            "indicator_id",
            "indicator_code",
            "year",
            "quarter",
            "value",
            "numerator",
            "denominator",
            "year_end_estimate",
            "narrative",
            "no_data_reason",
            "updated_at",
        ]


class PPResultSerializer(ResultSerializer):
    indicator_id = serializers.IntegerField()
    indicator_code = serializers.CharField(source="indicator.code")
    year = serializers.IntegerField(source="indicator.performance_program.year")

    class Meta(ResultSerializer.Meta):
        fields = ["indicator_id", "indicator_code", "year", *ResultSerializer.Meta.fields]


class SPResultSerializer(serializers.ModelSerializer):
    indicator_code = serializers.CharField(source="indicator.code")
    target_code = serializers.CharField(source="indicator.target.code")

    class Meta:
        model = SPIndicatorResult
        fields = [
            "indicator_code",
            "target_code",
            "year",
            "actual_value",
            "performance_raw",
            "performance",
            "computed_at",
        ]


class TargetResultSerializer(serializers.ModelSerializer):
    target_code = serializers.CharField(source="target.code")
    aim_code = serializers.CharField(source="target.aim.code")

    class Meta:
        model = TargetResult
        fields = ["target_code", "aim_code", "year", "performance", "weight_total", "weight_used", "computed_at"]
