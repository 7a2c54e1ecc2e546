"""How the Django admin may write: every registered model declares one policy (issue 14).

- READ_ONLY: shown, never added, changed or deleted there — computed results, workflow state, logs,
  and whatever has its own screen with its rules.
- AUDITED: configuration without a service of its own (units, users, periodic jobs…): every add,
  change and delete asks for a reason and writes an audit entry in the same transaction.
- SERVICE: the form asks for a reason and the model's write service runs (locks, closed year,
  revision, audit), exactly as on the product's own screens; the admin class implements
  `service_save` (and `service_delete`, or refuses deletion).

A refusal of a service (ApplicationError, e.g. a closed year or a missing reason) is shown on the
form with the service's Turkish message and nothing is written (a closed-year refusal is recorded).
tests/test_admin_policy.py walks the registry: a model registered without a policy fails it.
"""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets
from django.db import models, router, transaction
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.audit import object_delete_audited, object_save_audited
from core.exceptions import ApplicationError

READ_ONLY = "read_only"
AUDITED = "audited"
SERVICE = "service"
POLICIES = (READ_ONLY, AUDITED, SERVICE)

REASON_FIELD = "reason"
REASON_LABEL = gettext_lazy("Değişikliğin gerekçesi")
# The request attribute that carries a service's refusal into the re-rendered form.
_REFUSAL = "_admin_service_refusal"


NOTE_OWN_SCREEN = gettext_lazy(
    "Bu kayıt yönetim panelinde yalnızca görüntülenir: kendi ekranında, kuralları ve denetim kaydıyla değiştirilir."
)
NOTE_COMPUTED = gettext_lazy(
    "Hesaplanan sonuç: göstergelerin değerlerinden yeniden hesaplanır, elle değiştirilemez ya da silinemez."
)
NOTE_LOG = gettext_lazy("Olanların kaydı: kimse ekleyemez, değiştiremez ya da silemez.")


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown in the admin, never added, changed or deleted there; the page says why and where instead."""

    write_policy = READ_ONLY
    read_only_note = NOTE_OWN_SCREEN

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            self.message_user(request, str(self.read_only_note), messages.WARNING)
        return super().change_view(request, object_id, form_url, extra_context)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    """An inline shown for context only."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _reason_form(form_class: type[forms.BaseForm], refusal: str | None) -> type[forms.BaseForm]:
    """Return the admin's form with a required reason, showing the service's refusal when there is one."""

    def clean(self):
        cleaned = form_class.clean(self)
        if refusal:
            raise forms.ValidationError(refusal)
        return cleaned

    reason = forms.CharField(
        label=REASON_LABEL,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Denetim kaydına yazılır; değişiklik gerekçesiz kaydedilmez."),
    )
    return type(form_class.__name__, (form_class,), {"reason": reason, "clean": clean})


def _initial(form: forms.BaseForm, name: str) -> Any:
    """Return a field's initial value as the objects it names (the form keeps primary keys)."""
    field, initial = form.fields[name], form.initial.get(name)
    queryset = getattr(field, "queryset", None)
    if queryset is None:
        return initial
    if isinstance(field, forms.ModelMultipleChoiceField):
        return list(queryset.filter(pk__in=[getattr(v, "pk", v) for v in initial or []]))
    if initial in (None, ""):
        return None
    return queryset.filter(pk=getattr(initial, "pk", initial)).first()


class _ReasonedAdmin(admin.ModelAdmin):
    """A required reason on the change form; service refusals shown on the form; no bulk edits."""

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        fieldsets = [
            (name, {**options, "fields": [f for f in options["fields"] if f != REASON_FIELD]})
            for name, options in fieldsets
        ]
        return [*fieldsets, (REASON_LABEL, {"fields": [REASON_FIELD]})]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if "fields" not in kwargs:
            kwargs["fields"] = flatten_fieldsets(self.get_fieldsets(request, obj))
        if kwargs["fields"] is not None:
            kwargs["fields"] = [f for f in kwargs["fields"] if f != REASON_FIELD]
        form_class = super().get_form(request, obj, change=change, **kwargs)
        return _reason_form(form_class, getattr(request, _REFUSAL, None))

    def get_changelist_form(self, request, **kwargs):  # pragma: no cover - list_editable is not used
        raise ApplicationError(_("Yönetim panelinde liste üzerinden toplu düzenleme yapılamaz."))

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        with transaction.atomic(using=router.db_for_write(self.model)):
            try:
                return self._changeform_view(request, object_id, form_url, extra_context)
            except ApplicationError as exc:
                # The service rolled its own writes back (and recorded a closed-year refusal):
                # show the same form again, with the user's input and the service's message.
                setattr(request, _REFUSAL, str(exc))
                return self._changeform_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        with transaction.atomic(using=router.db_for_write(self.model)):
            try:
                return self._delete_view(request, object_id, extra_context)
            except ApplicationError as exc:
                self.message_user(request, str(exc), messages.ERROR)
                return HttpResponseRedirect(request.path)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # one object at a time, each through its own checks
        return actions

    @staticmethod
    def reason_of(form: forms.BaseForm) -> str:
        return form.cleaned_data.get(REASON_FIELD, "")

    @staticmethod
    def changes_of(form: forms.BaseForm, names: Iterable[str] | None = None) -> dict[str, tuple[Any, Any]]:
        """Return {field: (initial, new)} for the form's changed model fields."""
        changed = [n for n in form.changed_data if n != REASON_FIELD and (names is None or n in names)]
        return {name: (_initial(form, name), form.cleaned_data.get(name)) for name in changed}


class AuditedAdmin(_ReasonedAdmin):
    """Configuration edited in the admin: every add, change and delete asks a reason and is audited."""

    write_policy = AUDITED

    def save_model(self, request, obj, form, change):
        object_save_audited(
            obj=obj, changes=self.changes_of(form), created=not change, reason=self.reason_of(form), actor=request.user
        )

    def delete_model(self, request, obj):
        object_delete_audited(obj=obj, actor=request.user, reason=_("Yönetim paneli"))


class ServiceAdmin(_ReasonedAdmin):
    """Changes run the model's write service with the reason the form asks for."""

    write_policy = SERVICE

    def service_save(self, request, obj: models.Model, form: forms.BaseForm, change: bool, reason: str) -> None:
        raise NotImplementedError

    def service_delete(self, request, obj: models.Model) -> None:
        raise ApplicationError(_("Bu kayıt yönetim panelinden silinemez."))

    def save_form(self, request, form, change):
        return form.save(commit=False)

    def save_model(self, request, obj, form, change):
        self.service_save(request, obj, form, change, self.reason_of(form))

    def save_related(self, request, form, formsets, change):
        """Write nothing more: the service wrote what the form changed and the inlines are read-only."""
        for formset in formsets:  # what the admin's change message reads
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []

    def delete_model(self, request, obj):
        self.service_delete(request, obj)
