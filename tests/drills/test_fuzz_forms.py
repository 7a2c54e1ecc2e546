"""Drill: hypothesis on every form of the apps that merged after the first fuzzing drill.

The budget entry forms, the plan-maintenance forms, the workbook import's forms and the exports form: every
field gets any text, number or junk; validating must never raise, and every error must be a
message. (Their pages are not posted to here; the Form-3 page is, in test_fuzz.py.)
"""

import inspect
from collections import Counter

import pytest
from django import forms
from hypothesis import given
from hypothesis import strategies as st

from accounts.models import Unit
from budget import forms as budget_forms
from budget.models import BudgetLine
from exports import forms as export_forms
from imports import forms as import_forms
from plans import forms as plan_forms
from plans.models import Aim, SPIndicator, SubProgramGoal
from tests.drills.figures import report
from tests.drills.test_fuzz import FUZZ, text, typed

pytestmark = [pytest.mark.drill, pytest.mark.django_db]

tally: Counter[str] = Counter()


def _arguments(demo) -> dict[str, object]:
    """Return the keyword arguments the forms' constructors ask for, from the demo data."""
    sp_indicators = SPIndicator.objects.filter(target__code="H1.1")
    return {
        "administration": demo,
        "year": 2024,
        "line": BudgetLine.objects.filter(administration=demo).first(),
        "units": Unit.objects.filter(administration=demo),
        "years": [2024, 2025],
        "indicators": sp_indicators,
        "aims": Aim.objects.all(),
        "goals": SubProgramGoal.objects.all(),
        "sp_indicators": SPIndicator.objects.all(),
        "fields": ["deviation_reason", "measures"],
        "labels": {"deviation_reason": "Sapma", "measures": "Tedbirler"},
    }


def _forms():
    for module in (budget_forms, plan_forms, import_forms, export_forms):
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.Form) and cls.__module__ == module.__name__ and cls.base_fields is not None:
                yield f"{module.__name__.split('.')[0]}.{name}", cls


@pytest.mark.parametrize(("name", "form_class"), list(_forms()), ids=lambda v: v if isinstance(v, str) else "")
def test_every_new_form_validates_whatever_is_typed(demo, name, form_class):
    available = _arguments(demo)
    wanted = [p for p in inspect.signature(form_class.__init__).parameters.values() if p.kind == p.KEYWORD_ONLY]
    kwargs = {p.name: available[p.name] for p in wanted}
    field_names = list(form_class(**kwargs).fields)
    if not field_names:
        pytest.skip("no fields")

    @FUZZ
    @given(values=st.fixed_dictionaries({f: st.one_of(typed, text) for f in field_names}))
    def fuzz(values):
        form = form_class(values, **kwargs)
        if not form.is_valid():
            assert all(isinstance(m, str) and m for errors in form.errors.values() for m in errors)
        tally[name] += 1

    try:
        fuzz()
    finally:
        report(f"Fuzzing: {name}", [("examples", tally[name]), ("fields", ", ".join(field_names))])
