"""The exports page's form: which report of which year in which format."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from exports.choices import Format, Report


class ExportForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Yıl"), coerce=int)
    report = forms.ChoiceField(label=_("Rapor"), choices=Report.choices)
    format = forms.ChoiceField(label=_("Biçim"), choices=Format.choices, initial=Format.XLSX)

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        year_field = cast(forms.TypedChoiceField, self.fields["year"])
        year_field.choices = [(year, str(year)) for year in years]
        self.fields["year"].error_messages["invalid_choice"] = _("Bu yıl için veri yok.")
