"""Forms of the plan-maintenance screens: the shape of input only; services enforce the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import TurkishDecimalField
from core.numbers import VALUE_PLACES
from plans.choices import AggregationMethod, Direction

TEXT = {"class": "form-control form-control-sm"}
AREA = {"class": "form-control form-control-sm", "rows": 3}
SELECT = {"class": "form-select form-select-sm"}
DATA_SOURCE_HELP = _("Değerin okunduğu sistem, rapor ya da kayıt; denetimde değerin dayanağı olarak bakılan yer.")


class VersionedForm(forms.Form):
    """Carries the version token of the object the user loaded (empty for a new one)."""

    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def cleaned_token(self) -> str | None:
        return self.cleaned_data.get("token") or None


class ReasonMixin(forms.Form):
    reason = forms.CharField(
        label=_("Değişiklik gerekçesi"),
        required=False,
        widget=forms.Textarea(attrs={**AREA, "rows": 2}),
        help_text=_(
            "Değerleri girilmiş bir göstergenin hedefi, ağırlığı, başlangıç değeri, yönü ya da hesaplama "
            "yöntemi değişiyorsa zorunlu."
        ),
    )


class StrategicPlanForm(VersionedForm):
    code = forms.CharField(label=_("Kod"), max_length=20, widget=forms.TextInput(attrs=TEXT))
    name = forms.CharField(label=_("Ad"), max_length=200, widget=forms.TextInput(attrs=TEXT))
    start_year = forms.IntegerField(label=_("Başlangıç yılı"), min_value=2000, max_value=2100)
    end_year = forms.IntegerField(label=_("Bitiş yılı"), min_value=2000, max_value=2100)


class AimForm(VersionedForm):
    code = forms.CharField(label=_("Kod"), max_length=20, widget=forms.TextInput(attrs=TEXT))
    title = forms.CharField(label=_("Amaç"), widget=forms.Textarea(attrs=AREA))
    short_title = forms.CharField(
        label=_("Kısa ad"), max_length=200, required=False, widget=forms.TextInput(attrs=TEXT)
    )


class TargetForm(VersionedForm):
    code = forms.CharField(label=_("Kod"), max_length=20, widget=forms.TextInput(attrs=TEXT))
    title = forms.CharField(label=_("Hedef"), widget=forms.Textarea(attrs=AREA))
    long_title = forms.CharField(label=_("Uzun ad"), required=False, widget=forms.Textarea(attrs=AREA))
    responsible_unit = forms.ModelChoiceField(  # type: ignore[var-annotated]
        label=_("Sorumlu birim"), queryset=None, widget=forms.Select(attrs=SELECT)
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_unit"].queryset = units  # type: ignore[attr-defined]


class SPIndicatorForm(ReasonMixin, VersionedForm):
    code = forms.CharField(label=_("Kod"), max_length=20, widget=forms.TextInput(attrs=TEXT))
    name = forms.CharField(label=_("Performans göstergesi"), widget=forms.Textarea(attrs=AREA))
    unit_of_measure = forms.CharField(
        label=_("Ölçü birimi"), max_length=50, required=False, widget=forms.TextInput(attrs=TEXT)
    )
    data_source = forms.CharField(
        label=_("Veri kaynağı"),
        required=False,
        help_text=DATA_SOURCE_HELP,
        widget=forms.Textarea(attrs={**AREA, "rows": 2}),
    )
    baseline = TurkishDecimalField(label=_("Plan dönemi başlangıç değeri (A)"), required=True)
    direction = forms.ChoiceField(label=_("Yön"), choices=Direction.choices, widget=forms.Select(attrs=SELECT))
    is_cumulative = forms.BooleanField(label=_("Kümülatif"), required=False)
    responsible_unit = forms.ModelChoiceField(  # type: ignore[var-annotated]
        label=_("Sorumlu birim"), queryset=None, widget=forms.Select(attrs=SELECT)
    )

    def __init__(self, *args, units, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_unit"].queryset = units  # type: ignore[attr-defined]
        self.years = list(years)
        for year in self.years:
            self.fields[f"target_{year}"] = TurkishDecimalField(
                label=_("%(year)s hedefi (B)") % {"year": year}, required=True
            )

    def year_fields(self):
        return [self[f"target_{year}"] for year in self.years]

    def yearly_targets(self) -> dict:
        return {year: self.cleaned_data.get(f"target_{year}") for year in self.years}


class WeightsForm(ReasonMixin):
    """Every counting indicator's weight of a target, saved together."""

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = list(indicators)
        for indicator in self.indicators:
            self.fields[f"weight_{indicator.pk}"] = TurkishDecimalField(
                label=indicator.code,
                required=True,
                allow_negative=False,
                widget=forms.TextInput(
                    attrs={"class": "form-control form-control-sm text-end weight-input", "inputmode": "decimal"}
                ),
            )
            self.fields[f"token_{indicator.pk}"] = forms.CharField(widget=forms.HiddenInput, required=False)

    def rows(self):
        return [(i, self[f"weight_{i.pk}"], self[f"token_{i.pk}"]) for i in self.indicators]

    def weights(self) -> dict:
        return {i.pk: self.cleaned_data[f"weight_{i.pk}"] for i in self.indicators}

    def tokens(self) -> dict:
        return {i.pk: self.cleaned_data.get(f"token_{i.pk}", "") for i in self.indicators}


class TargetValueForm(ReasonMixin, VersionedForm):
    value = TurkishDecimalField(label=_("Hedeflenen değer (B)"), required=True)


class RetireForm(forms.Form):
    from_year = forms.IntegerField(label=_("Şu yıldan itibaren"), min_value=2000, max_value=2100)
    reason = forms.CharField(label=_("Gerekçe"), widget=forms.Textarea(attrs={**AREA, "rows": 2}))


class ProgrammeForm(forms.Form):
    year = forms.IntegerField(label=_("Yıl"), min_value=2000, max_value=2100)


class NamedForm(VersionedForm):
    name = forms.CharField(label=_("Ad"), max_length=300, widget=forms.TextInput(attrs=TEXT))
    seq = forms.IntegerField(label=_("Sıra"), min_value=0, initial=0)


class GoalForm(VersionedForm):
    text = forms.CharField(label=_("Alt program hedefi"), widget=forms.Textarea(attrs=AREA))
    aim = forms.ModelChoiceField(  # type: ignore[var-annotated]
        label=_("İlgili stratejik amaç"), queryset=None, required=False, widget=forms.Select(attrs=SELECT)
    )
    seq = forms.IntegerField(label=_("Sıra"), min_value=0, initial=0)

    def __init__(self, *args, aims, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aim"].queryset = aims  # type: ignore[attr-defined]


class PPIndicatorForm(ReasonMixin, VersionedForm):
    code = forms.CharField(label=_("Kod"), max_length=30, widget=forms.TextInput(attrs=TEXT))
    seq = forms.IntegerField(label=_("Sıra"), min_value=0, initial=0)
    name = forms.CharField(label=_("Performans göstergesi"), widget=forms.Textarea(attrs=AREA))
    unit_of_measure = forms.CharField(label=_("Ölçü birimi"), max_length=50, widget=forms.TextInput(attrs=TEXT))
    data_source = forms.CharField(
        label=_("Veri kaynağı"),
        required=False,
        help_text=DATA_SOURCE_HELP,
        widget=forms.Textarea(attrs={**AREA, "rows": 2}),
    )
    evidence_required = forms.BooleanField(
        label=_("Kanıt zorunlu"),
        required=False,
        help_text=_("İşaretliyse birim, her dönem bu gösterge için en az bir kanıt dosyası eklemeden gönderemez."),
    )
    direction = forms.ChoiceField(label=_("Yön"), choices=Direction.choices, widget=forms.Select(attrs=SELECT))
    aggregation = forms.ChoiceField(
        label=_("Yıl sonu hesaplama yöntemi"), choices=AggregationMethod.choices, widget=forms.Select(attrs=SELECT)
    )
    allows_negative = forms.BooleanField(label=_("Eksi değer alabilir"), required=False)
    decimals = forms.IntegerField(
        label=_("Ondalık basamak sayısı"),
        min_value=0,
        max_value=VALUE_PLACES,
        initial=0,
        help_text=_("Değerler kaç ondalıkla girilir ve gösterilir: sayı için 0, oran için genellikle 2."),
    )
    prev_year = forms.IntegerField(label=_("Önceki dönem yılı"), required=False, min_value=2000, max_value=2100)
    prev_value = TurkishDecimalField(label=_("Önceki dönem gerçekleşme"))
    target_value = TurkishDecimalField(label=_("Hedeflenen değer"), required=True)
    responsible_unit = forms.ModelChoiceField(  # type: ignore[var-annotated]
        label=_("Sorumlu birim"), queryset=None, widget=forms.Select(attrs=SELECT)
    )
    goal = forms.ModelChoiceField(  # type: ignore[var-annotated]
        label=_("Alt program hedefi"), queryset=None, required=False, widget=forms.Select(attrs=SELECT)
    )
    sp_indicator = forms.ModelChoiceField(  # type: ignore[var-annotated]
        label=_("Beslediği SP göstergesi"), queryset=None, required=False, widget=forms.Select(attrs=SELECT)
    )

    def __init__(self, *args, units, goals, sp_indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["goal"].queryset = goals  # type: ignore[attr-defined]
        self.fields["sp_indicator"].queryset = sp_indicators  # type: ignore[attr-defined]


class TextsForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, fields, labels, **kwargs):
        super().__init__(*args, **kwargs)
        self.text_names = list(fields)
        for name in self.text_names:
            self.fields[name] = forms.CharField(label=labels[name], required=False, widget=forms.Textarea(attrs=AREA))

    def text_values(self) -> dict:
        return {name: self.cleaned_data.get(name, "") for name in self.text_names}


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("İade açıklaması"), required=False, widget=forms.Textarea(attrs={**AREA, "rows": 2})
    )
