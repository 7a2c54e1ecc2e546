"""The upload form of the import workbook: shape of the input only; the importer checks the content."""

from django import forms
from django.utils.translation import gettext_lazy as _

# Far above a real administration's workbook (the 2024 demo is ~100 KB), low enough to refuse a wrong file.
MAX_WORKBOOK_BYTES = 20 * 1024 * 1024


class WorkbookUploadForm(forms.Form):
    workbook = forms.FileField(label=_("Çalışma kitabı (.xlsx)"))

    def clean_workbook(self):
        workbook = self.cleaned_data["workbook"]
        if not workbook.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Yalnızca Excel çalışma kitabı (.xlsx) yüklenebilir."))
        if workbook.size > MAX_WORKBOOK_BYTES:
            raise forms.ValidationError(_("Dosya çok büyük: en fazla 20 MB."))
        return workbook


class WorkbookConfirmForm(forms.Form):
    token = forms.UUIDField(widget=forms.HiddenInput)
    # Required (by the view) when the preview lists changes of indicators with values.
    reason = forms.CharField(
        label=_("Gerekçe"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
    )
