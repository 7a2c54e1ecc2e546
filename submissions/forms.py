"""Forms of the quarterly Form-3: one row form per indicator, and the review and exception forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import TurkishDecimalField
from indicators.calculations import manual_value_rule, quarter_figure_problems, takes_value
from indicators.checks import entry_refusals, is_count_unit
from indicators.models import PPIndicator
from plans.choices import AggregationMethod


class QuarterRowForm(forms.Form):
    """One indicator's figures for the quarter being entered."""

    value = TurkishDecimalField(label=_("Değer"))
    numerator = TurkishDecimalField(label=_("Pay"), allow_negative=False)
    denominator = TurkishDecimalField(label=_("Payda"), allow_negative=False)
    year_end_estimate = TurkishDecimalField(label=_("Yıl sonu gerçekleşme tahmini"))
    narrative = forms.CharField(
        label=_("Değerlendirme"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control form-control-sm"}),
    )
    no_data = forms.BooleanField(label=_("Bu dönem veri yok"), required=False)
    no_data_reason = forms.CharField(
        label=_("Veri yok gerekçesi"),
        required=False,
        max_length=2000,
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm", "placeholder": _("Veri yok gerekçesi")}),
    )
    # Shown when the value raises an entry warning (indicators.checks): the unit confirms it with a comment.
    confirm_warnings = forms.BooleanField(label=_("Değeri doğruluyorum"), required=False)
    warning_comment = forms.CharField(
        label=_("Uyarı açıklaması"),
        required=False,
        max_length=2000,
        widget=forms.TextInput(
            attrs={"class": "form-control form-control-sm", "placeholder": _("Değer neden olağan dışı?")}
        ),
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, indicator: PPIndicator, quarter: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.quarter = quarter
        self.fields["value"].allow_negative = indicator.allows_negative  # type: ignore[attr-defined]
        self.is_ratio = indicator.aggregation == AggregationMethod.RATIO
        self.takes_value = takes_value(indicator.aggregation, quarter)
        # What the page says in place of a value the quarter does not take: the rule's own words.
        self.value_note = "" if self.takes_value or self.is_ratio else manual_value_rule()

    def clean(self):
        data = super().clean()
        if data.get("no_data"):
            if not (data.get("no_data_reason") or "").strip():
                self.add_error("no_data_reason", _("“Veri yok” için gerekçe yazın."))
            if data.get("value") is not None or data.get("numerator") is not None:
                self.add_error("no_data", _("Değer girilmişken “veri yok” işaretlenemez."))
        else:
            data["no_data_reason"] = ""
        # The form shows only the fields the indicator takes; what it does not show is not kept.
        if self.is_ratio:
            data["value"] = None
        else:
            data["numerator"] = data["denominator"] = None
            if not self.takes_value:
                data["value"] = None
        for name, message in quarter_figure_problems(
            aggregation=self.indicator.aggregation,
            quarter=self.quarter,
            value=data.get("value"),
            numerator=data.get("numerator"),
            denominator=data.get("denominator"),
            allows_negative=self.indicator.allows_negative,
            decimals=self.indicator.decimals,
            year_end_estimate=data.get("year_end_estimate"),
            counts=is_count_unit(self.indicator.unit_of_measure),
        ):
            self.add_error(name, message)
        for name, message in entry_refusals(
            unit_of_measure=self.indicator.unit_of_measure,
            aggregation=self.indicator.aggregation,
            value=data.get("value"),
            year_end_estimate=data.get("year_end_estimate"),
        ):
            self.add_error(name, message)
        return data


class ReturnForm(forms.Form):
    # The comment sits beside the approve button in the review queue: the server, not the browser,
    # insists on it, and only for returns.
    use_required_attribute = False

    comment = forms.CharField(
        label=_("İade açıklaması"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        error_messages={"required": _("İade için bir açıklama yazın: birim neyi düzelteceğini bilmeli.")},
    )


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Yorum"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control form-control-sm"}),
        error_messages={"required": _("Boş yorum gönderilemez: bir şey yazın.")},
    )


class ExceptionForm(forms.Form):
    expires_on = forms.DateField(
        label=_("Son gün"),
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control form-control-sm"}),
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
    )
    reason = forms.CharField(
        label=_("Gerekçe"),
        max_length=2000,
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
        error_messages={"required": _("Dönemi yeniden açmak için gerekçe yazın.")},
    )
