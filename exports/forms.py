"""The exports page's form: which report of which year in which format and language (and Word template)."""

from typing import cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from exports.choices import Format, Report
from exports.services import format_refusal
from exports.word_template import MAX_TEMPLATE_MB, TemplateRefused, template_check


class ExportForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Yıl"), coerce=int)
    report = forms.ChoiceField(label=_("Rapor"), choices=Report.choices)
    format = forms.ChoiceField(label=_("Biçim"), choices=Format.choices, initial=Format.XLSX)
    # Not sent: the page's language.
    language = forms.ChoiceField(label=_("Dil"), choices=settings.LANGUAGES, required=False)
    template = forms.FileField(
        label=_("Word şablonu (isteğe bağlı, yalnızca faaliyet raporunun Word dosyası için)"), required=False
    )

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        year_field = cast(forms.TypedChoiceField, self.fields["year"])
        year_field.choices = [(year, str(year)) for year in years]
        self.fields["year"].error_messages["invalid_choice"] = _("Bu yıl için veri yok.")
        self.fields["language"].error_messages["invalid_choice"] = _("Bu dil seçilemez.")
        self.fields["format"].error_messages["invalid_choice"] = _("Bu biçim seçilemez.")
        self.fields["report"].error_messages["invalid_choice"] = _("Bu rapor seçilemez.")

    def clean_template(self) -> bytes | None:
        """Return the uploaded template's bytes once checked (size first, before reading it)."""
        upload = self.cleaned_data.get("template")
        if not upload:
            return None
        if upload.size > MAX_TEMPLATE_MB * 1024 * 1024:
            raise forms.ValidationError(_("Word şablonu çok büyük (en fazla %(max)s MB).") % {"max": MAX_TEMPLATE_MB})
        content = upload.read()
        try:
            template_check(content)
        except TemplateRefused as error:
            raise forms.ValidationError(str(error)) from error
        return content

    def clean(self):
        cleaned = super().clean()
        report, fmt = cleaned.get("report"), cleaned.get("format")
        if report and fmt:
            refusal = format_refusal(report=report, fmt=fmt)
            if refusal:
                self.add_error("format", refusal)
            elif cleaned.get("template") and not (report == Report.ANNUAL_REPORT and fmt == Format.DOCX):
                self.add_error("template", _("Word şablonu yalnızca faaliyet raporunun Word (DOCX) dosyası içindir."))
        return cleaned
