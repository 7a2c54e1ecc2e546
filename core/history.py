"""The change history on every page that shows one: one selector, one presenter, one template.

`history_rows(objects=…)` reads the audit entries of some objects and returns them as the user reads
them; `templates/includes/audit_history.html` shows them (who, when, what was done, old → new, why).

Every recorded action and every field name is named here once, in Turkish (English in locale/en):
**to show a new action or field in the user's language, add one line to ACTIONS or FIELDS** (a
model's own field needs no line: its verbose name and type are used). Values are shown as the page
shows them: numbers in the language's format (an indicator's figures with its decimals when the page
knows them), money with two decimals, states and kinds by their label, dates as dd.mm.yyyy; ids and
version counters are not shown.
"""

import ast
import datetime
import enum
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q
from django.utils.dates import MONTHS
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from core.fields import MoneyField, PercentField, ValueField
from core.models import AuditEntry
from core.numbers import MONEY_PLACES, format_decimal, format_percent
from core.workflow import Action, LockReason, ReviewState


class Kind(enum.Enum):
    TEXT = "text"
    NUMBER = "number"
    MONEY = "money"
    PERCENT = "percent"
    DATE = "date"
    BOOL = "bool"
    WARNINGS = "warnings"  # a value's confirmed entry warnings: their sentences
    HIDDEN = "hidden"


Label = str | Promise


@dataclass(frozen=True)
class Field:
    label: Label
    kind: Kind = Kind.TEXT
    # value → its label: a TextChoices class, or a model field's choices (_Choices)
    choices: "type[models.TextChoices] | _Choices | None" = None


HIDDEN = Field("", Kind.HIDDEN)

# What an audit entry's `action` says was done, as the history names it.
ACTIONS: dict[str, Label] = {
    "create": gettext_lazy("Oluşturuldu"),
    "update": gettext_lazy("Değiştirildi"),
    "delete": gettext_lazy("Silindi"),
    "refused": gettext_lazy("Reddedildi"),
    "retire": gettext_lazy("Kullanımdan kaldırıldı"),
    "rollover": gettext_lazy("Sonraki yıla aktarıldı"),
    "role_add": gettext_lazy("Rol verildi"),
    "role_remove": gettext_lazy("Rol kaldırıldı"),
    "role_change": gettext_lazy("Rol değiştirildi"),
    "password_change": gettext_lazy("Parola değiştirildi"),
    "two_factor_enable": gettext_lazy("İki adımlı doğrulama açıldı"),
    "two_factor_disable": gettext_lazy("İki adımlı doğrulama kapatıldı"),
    "recovery_codes_renew": gettext_lazy("Kurtarma kodları yenilendi"),
    "recovery_code_use": gettext_lazy("Kurtarma kodu kullanıldı"),
    "grant": gettext_lazy("İstisna tanındı"),
    "lock": gettext_lazy("Kilitlendi"),
    "evidence_add": gettext_lazy("Kanıt eklendi"),
    "evidence_remove": gettext_lazy("Kanıt kaldırıldı"),
    "warnings_confirm": gettext_lazy("Uyarılar doğrulandı"),
    "comment_add": gettext_lazy("Yorum yazıldı"),
    "return_reason_add": gettext_lazy("İade gerekçesi yazıldı"),
    "year_close": gettext_lazy("Yıl kapatıldı"),
    "year_reopen": gettext_lazy("Yıl yeniden açıldı"),
    Action.SUBMIT: gettext_lazy("Gönderildi"),
    Action.APPROVE: gettext_lazy("Onaylandı"),
    Action.RETURN: gettext_lazy("İade edildi"),
    Action.REOPEN: gettext_lazy("Yeniden açıldı"),
}

# The names an entry's `changes` use that are not (or not only) a field of the entry's own model: the
# quarter's figures a refusal names on the form, the workflow, the budget's records, the year.
FIELDS: dict[str, Field] = {
    "value": Field(gettext_lazy("Değer"), Kind.NUMBER),
    "numerator": Field(gettext_lazy("Pay"), Kind.NUMBER),
    "denominator": Field(gettext_lazy("Payda"), Kind.NUMBER),
    "year_end_estimate": Field(gettext_lazy("Yıl sonu gerçekleşme tahmini"), Kind.NUMBER),
    "target_value": Field(gettext_lazy("Hedeflenen değer"), Kind.NUMBER),
    "narrative": Field(gettext_lazy("Değerlendirme")),
    "no_data_reason": Field(gettext_lazy("Veri yok gerekçesi")),
    "confirmed_warnings": Field(gettext_lazy("Doğrulanan uyarılar"), Kind.WARNINGS),
    "warning_comment": Field(gettext_lazy("Uyarı açıklaması")),
    "body": Field(gettext_lazy("Yorum")),
    "state": Field(gettext_lazy("Durum"), choices=ReviewState),
    "text_state": Field(gettext_lazy("Metin durumu"), choices=ReviewState),
    "locked": Field(gettext_lazy("Kilit"), choices=LockReason),
    "reason": Field(gettext_lazy("Gerekçe")),
    "initial_appropriation": Field(gettext_lazy("Kanunla verilen ödenek (KBÖ)"), Kind.MONEY),
    "additions": Field(gettext_lazy("Eklenen"), Kind.MONEY),
    "deductions": Field(gettext_lazy("Düşülen"), Kind.MONEY),
    "spending": Field(gettext_lazy("Harcama"), Kind.MONEY),
    "amount": Field(gettext_lazy("Tutar"), Kind.MONEY),
    "date": Field(gettext_lazy("Tarih"), Kind.DATE),
    "kind": Field(gettext_lazy("Tür")),
    "is_closed": Field(gettext_lazy("Yıl kapalı"), Kind.BOOL),
    "year": Field(gettext_lazy("Yıl")),
    "from_year": Field(gettext_lazy("Şu yıldan itibaren")),
    "code": Field(gettext_lazy("Kod")),
    "indicators": Field(gettext_lazy("Göstergeler")),
    "role": Field(gettext_lazy("Rol")),
    "file": Field(gettext_lazy("Dosya")),
    "version": HIDDEN,
    "id": HIDDEN,
}
SPENDING_MONTH = "spending_month_"  # spending_month_03: the March spending


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryRow:
    at: datetime.datetime
    actor: str
    action: str
    record: str
    changes: list[Change]
    reason: str


def figure_places(indicator: models.Model) -> int | None:
    """Return the decimals an indicator's figures are shown with (PPIndicator.decimals), or None: as typed."""
    return getattr(indicator, "decimals", None)


def history_entries(*, objects: Iterable[models.Model], limit: int | None = None) -> list[AuditEntry]:
    """Return the audit entries of the objects, newest first (at most `limit`), in one query."""
    condition = Q(pk__in=[])
    for obj in objects:
        condition |= Q(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))
    entries = AuditEntry.objects.filter(condition).select_related("actor", "content_type").order_by("-at", "-id")
    return list(entries if limit is None else entries[:limit])


def history_rows(
    *, objects: Iterable[models.Model], places: int | None = None, limit: int | None = None
) -> list[HistoryRow]:
    """Return the objects' history as the user reads it; `places`: the decimals of the indicator's figures."""
    return [entry_row(entry, places=places) for entry in history_entries(objects=objects, limit=limit)]


def entry_row(entry: AuditEntry, *, places: int | None = None) -> HistoryRow:
    """Return one audit entry as the user reads it (labels, formatted values, no internal names)."""
    model = entry.content_type.model_class() if entry.content_type_id else None
    changes = []
    for name, pair in (entry.changes or {}).items():
        field = field_of(name, model)
        if field.kind is Kind.HIDDEN:
            continue
        old, new = [*pair, None, None][:2] if isinstance(pair, list | tuple) else (None, pair)
        old_text, new_text = value_text(old, field, places), value_text(new, field, places)
        if old_text or new_text:  # an empty field stored empty is no change to show
            changes.append(Change(str(field.label), old_text, new_text))
    return HistoryRow(
        at=entry.at,
        actor=str(entry.actor) if entry.actor_id else "",
        action=str(ACTIONS.get(entry.action, entry.action)),
        record=entry.object_repr,
        changes=changes,
        reason=entry.reason,
    )


def field_of(name: str, model: type[models.Model] | None) -> Field:
    """Return how a change's field is named and shown: "GYH.01.value" is the value of indicator GYH.01."""
    if " " in name:  # already a label, e.g. "İKM 2024/1" for a refused workflow action
        return Field(name)
    prefix, _dot, bare = name.rpartition(".")
    field = _bare_field(bare, model)
    if prefix and field.kind is not Kind.HIDDEN:
        return Field(f"{prefix} · {field.label}", field.kind, field.choices)
    return field


def _bare_field(name: str, model: type[models.Model] | None) -> Field:
    if name.startswith(SPENDING_MONTH) and name[len(SPENDING_MONTH) :].isdigit():
        month = MONTHS.get(int(name[len(SPENDING_MONTH) :]), "")
        return Field(_("Harcama (%(month)s)") % {"month": month}, Kind.MONEY)
    if name in FIELDS:
        return FIELDS[name]
    if name.endswith("_id"):
        return HIDDEN
    model_field = _model_field(model, name)
    if model_field is None:
        return Field(name.replace("_", " ").capitalize())
    label = str(model_field.verbose_name)
    label = label[:1].upper() + label[1:]
    if model_field.primary_key:
        return HIDDEN
    if model_field.choices:
        return Field(label, Kind.TEXT, _Choices(model_field.flatchoices))
    for field_class, kind in _KINDS:
        if isinstance(model_field, field_class):
            return Field(label, kind)
    return Field(label)


_KINDS: tuple[tuple[type[models.Field], Kind], ...] = (
    (MoneyField, Kind.MONEY),
    (PercentField, Kind.PERCENT),
    (ValueField, Kind.NUMBER),
    (models.DecimalField, Kind.NUMBER),
    (models.IntegerField, Kind.TEXT),
    (models.BooleanField, Kind.BOOL),
    (models.DateField, Kind.DATE),
)


class _Choices:
    """A model field's choices, looked up like TextChoices (value → label)."""

    def __init__(self, flatchoices) -> None:
        self.labels = {str(value): label for value, label in flatchoices}

    def __call__(self, value: str):
        return _Label(self.labels[value])


@dataclass(frozen=True)
class _Label:
    label: str


def _model_field(model: type[models.Model] | None, name: str) -> models.Field | None:
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, models.Field) else None


def _warnings_text(value) -> str:
    """Return confirmed warnings as their sentences, stored as sentences, a list or the list's text ("[]")."""
    if isinstance(value, str):
        try:
            value = ast.literal_eval(value) if value.startswith("[") else value
        except (ValueError, SyntaxError):
            return value
    if isinstance(value, list):
        return " ".join(str(w.get("message", "")) if isinstance(w, dict) else str(w) for w in value).strip()
    return str(value)


def value_text(value, field: Field, places: int | None = None) -> str:
    """Return a stored change value ("913719.0000", "submitted", "2024-05-02") as the page shows it."""
    if value is None or value == "":
        return ""
    if field.kind is Kind.WARNINGS:
        return _warnings_text(value)
    text = str(value)
    language = get_language() or "tr"
    if field.choices is not None:
        try:
            return str(field.choices(text).label)
        except (KeyError, ValueError):
            return text
    if field.kind in (Kind.NUMBER, Kind.MONEY, Kind.PERCENT):
        try:
            number = Decimal(text)
        except InvalidOperation:
            return text
        if not number.is_finite():
            return text
        if field.kind is Kind.MONEY:
            return format_decimal(number, MONEY_PLACES, language=language)
        if field.kind is Kind.PERCENT:
            return format_percent(number, language=language)
        return format_decimal(number, places, language=language)
    if field.kind is Kind.DATE:
        try:
            return datetime.date.fromisoformat(text[:10]).strftime("%d.%m.%Y")
        except ValueError:
            return text
    if field.kind is Kind.BOOL:
        return _("Evet") if text in ("True", "true", "1") else _("Hayır") if text in ("False", "false", "0") else text
    return text
