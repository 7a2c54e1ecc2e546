"""The two-factor log-in's one field: a code of the app or a recovery code."""

from django import forms
from django.utils.translation import gettext_lazy as _


class TwoFactorCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Doğrulama kodu"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True, "class": "form-control"}
        ),
        error_messages={"required": _("Kodu girin.")},
    )
