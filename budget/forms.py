"""Entry forms of financial services: a budget line, a transfer, a month's spending."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Unit
from budget.choices import MONTHS, TransferKind
from budget.models import BudgetLine, EconomicCode
from core.forms import TurkishDecimalField
from plans.models import Activity

SELECT = {"class": "form-select form-select-sm"}


def _money(label) -> TurkishDecimalField:
    return TurkishDecimalField(label=label, required=True, allow_negative=False, max_digits=18, decimal_places=2)


class BudgetLineForm(forms.Form):
    economic_code = forms.ModelChoiceField(
        label=_("Ekonomik kod"), queryset=EconomicCode.objects.all(), widget=forms.Select(attrs=SELECT)
    )
    activity = forms.ModelChoiceField(
        label=_("Faaliyet"), queryset=Activity.objects.none(), required=False, widget=forms.Select(attrs=SELECT)
    )
    unit = forms.ModelChoiceField(
        label=_("Harcama birimi"), queryset=Unit.objects.none(), required=False, widget=forms.Select(attrs=SELECT)
    )
    initial_appropriation = _money(_("Kanunla verilen başlangıç ödeneği (KBÖ, TL)"))

    def __init__(self, *args, administration, year: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["activity"]).queryset = Activity.objects.filter(
            sub_program__program__performance_program__administration=administration,
            sub_program__program__performance_program__year=year,
        ).select_related("sub_program__program")
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = Unit.objects.filter(administration=administration)


class InitialForm(forms.Form):
    initial_appropriation = _money(_("Kanunla verilen başlangıç ödeneği (KBÖ, TL)"))
    version = forms.IntegerField(widget=forms.HiddenInput)


class TransferForm(forms.Form):
    kind = forms.ChoiceField(label=_("İşlem türü"), choices=TransferKind.choices, widget=forms.Select(attrs=SELECT))
    date = forms.DateField(
        label=_("Tarih"), widget=forms.DateInput(attrs={"type": "date", "class": "form-control form-control-sm"})
    )
    amount = _money(_("Tutar (TL)"))
    other_line = forms.ModelChoiceField(
        label=_("Aktarmada karşı satır"),
        queryset=BudgetLine.objects.none(),
        required=False,
        widget=forms.Select(attrs=SELECT),
        help_text=_("Aktarma bu satırdan seçilen satıra yapılır."),
    )
    reason = forms.CharField(
        label=_("Gerekçe"), max_length=2000, widget=forms.TextInput(attrs={"class": "form-control form-control-sm"})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, line: BudgetLine, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["other_line"]).queryset = (
            BudgetLine.objects.filter(administration_id=line.administration_id, year=line.year)
            .exclude(pk=line.pk)
            .select_related("economic_code", "activity", "unit")
        )

    def clean(self):
        data = super().clean()
        if data.get("kind") == TransferKind.TRANSFER and not data.get("other_line"):
            self.add_error("other_line", _("Aktarma için ödeneğin aktarılacağı satırı seçin."))
        return data


class SpendingForm(forms.Form):
    month = forms.TypedChoiceField(
        label=_("Ay"), coerce=int, choices=[(m, f"{m:02d}") for m in MONTHS], widget=forms.Select(attrs=SELECT)
    )
    amount = _money(_("Ayın harcaması (TL)"))
    version = forms.IntegerField(widget=forms.HiddenInput)
