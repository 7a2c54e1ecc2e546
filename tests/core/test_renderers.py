"""The form renderer writes the plain widgets exactly as Django's own templates do."""

from datetime import date
from decimal import Decimal

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from core.renderers import FastWidgetRenderer
from indicators.models import PPIndicator
from plans.choices import AggregationMethod
from submissions.evidence_views import EvidenceForm
from submissions.forms import ExceptionForm, QuarterRowForm

AWKWARD = ['tırnak "içinde" <b>&amp;</b>', "", "İıĞğŞş — ’", mark_safe("<i>güvenli</i>")]


class Everything(forms.Form):
    text = forms.CharField(widget=forms.TextInput(attrs={"class": "a b", "data-x": '"<>&', "required": True}))
    hidden = forms.IntegerField(widget=forms.HiddenInput)
    box = forms.BooleanField(required=False, widget=forms.CheckboxInput(attrs={"disabled": False}))
    area = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}))
    number = forms.DecimalField()
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    file = forms.FileField(widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.xlsx"}))


def _both(form: forms.Form) -> list[tuple[str, str]]:
    pairs = []
    for name in form.fields:
        bound = form[name]
        fast = bound.as_widget()
        form.renderer = DjangoTemplates()
        plain = form[name].as_widget()
        form.renderer = FastWidgetRenderer()
        pairs.append((str(fast), str(plain)))
    return pairs


@pytest.mark.parametrize("text", AWKWARD)
@pytest.mark.parametrize("checked", [True, False])
def test_every_plain_widget_is_written_as_djangos_template_writes_it(text, checked):
    initial = {
        "text": text,
        "hidden": 7,
        "box": checked,
        "area": text,
        "number": Decimal("1.5"),
        "day": date(2026, 1, 2),
    }
    for form in (Everything(initial=initial, renderer=FastWidgetRenderer()), Everything({"text": text, "area": text})):
        form.renderer = FastWidgetRenderer()
        for fast, plain in _both(form):
            assert fast == plain


def test_the_form3_and_evidence_widgets_are_written_as_djangos_templates_write_them():
    indicator = PPIndicator(pk=5, aggregation=AggregationMethod.RATIO, unit_of_measure="Oran", decimals=2)
    row = QuarterRowForm(
        initial={"value": Decimal("18.99"), "narrative": 'A "b" <c>', "no_data": True, "version": 3},
        prefix="i5",
        indicator=indicator,
        quarter=3,
    )
    for form in (row, EvidenceForm(prefix="e5"), ExceptionForm()):
        form.renderer = FastWidgetRenderer()
        for fast, plain in _both(form):
            assert fast == plain
