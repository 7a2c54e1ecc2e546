"""The one change history: every audited action has a label, values read like the page, no internal names."""

import re
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import translation

from core.history import ACTIONS, FIELDS, Field, Kind, entry_row, field_of, value_text
from core.models import AuditEntry
from core.workflow import Action
from indicators.models import QuarterlyValue

ROOT = Path(__file__).resolve().parents[2]
APPS = ("accounts", "core", "plans", "indicators", "submissions", "budget", "reports", "imports", "exports", "api")


def _audited_actions() -> set[str]:
    """Every action string the code records: action="…" and the (obj, "action", changes) tuples."""
    found: set[str] = set()
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            text = path.read_text()
            lines = "\n".join(line for line in text.splitlines() if "add_argument" not in line)
            found |= set(re.findall(r'action="(\w+)"', lines))
            found |= set(re.findall(r'action="\w+" if [^\n]+ else "(\w+)"', text))
            if "audit_record_many" in text:
                found |= set(re.findall(r'\(\w+, "(\w+)", (?:changes|audit_changes|\{)', text))
    return found | set(Action.values)


def test_every_audited_action_has_its_label():
    actions = _audited_actions()
    assert {"create", "update", "refused", "lock", "submit"} <= actions  # the scan finds them
    assert actions - set(ACTIONS) == set()


@pytest.mark.parametrize(
    ("value", "field", "places", "tr", "en"),
    [
        ("913719.0000", FIELDS["value"], None, "913.719", "913,719"),
        ("18.9900", FIELDS["value"], 2, "18,99", "18.99"),
        ("1000", FIELDS["amount"], None, "1.000,00", "1,000.00"),
        ("submitted", FIELDS["state"], None, "Gönderildi", "Submitted"),
        ("deadline_passed", FIELDS["locked"], None, "Süre doldu", "Deadline passed"),
        ("2024-05-02", FIELDS["date"], None, "02.05.2024", "02.05.2024"),
        ("True", FIELDS["is_closed"], None, "Evet", "Yes"),
        ("not a number", FIELDS["value"], None, "not a number", "not a number"),
        (None, FIELDS["value"], None, "", ""),
    ],
)
def test_values_read_like_the_page(value, field, places, tr, en):
    with translation.override("tr"):
        assert value_text(value, field, places) == tr
    with translation.override("en"):
        assert value_text(value, field, places) == en


def test_fields_are_named_not_spelled():
    with translation.override("tr"):
        assert field_of("GYH.01.value", None).label == "GYH.01 · Değer"
        assert field_of("spending_month_03", None) == Field("Harcama (Mart)", Kind.MONEY)
        assert field_of("indicator_id", QuarterlyValue).kind is Kind.HIDDEN
        assert field_of("version", QuarterlyValue).kind is Kind.HIDDEN
        assert field_of("İKM 2024/1", None).label == "İKM 2024/1"


@pytest.mark.django_db
def test_an_entry_reads_in_the_users_language():
    entry = AuditEntry(
        content_type=ContentType.objects.get_for_model(QuarterlyValue),
        object_id="1",
        object_repr="GYH.01 2024/1",
        action="update",
        changes={"value": ["32031.0000", "913719.0000"], "indicator_id": [None, "7"], "version": ["1", "2"]},
        reason="Düzeltme",
    )
    with translation.override("tr"):
        row = entry_row(entry)
    assert row.action == "Değiştirildi"
    assert [(c.field, c.old, c.new) for c in row.changes] == [("Değer", "32.031", "913.719")]
    with translation.override("en"):
        assert entry_row(entry, places=1).changes[0].new == "913,719.0"
