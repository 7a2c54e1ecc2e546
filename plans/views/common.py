"""Helpers the plan-maintenance pages share: the user's administration and permission checks."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _

from accounts import access
from accounts.models import Administration
from core.exceptions import ApplicationError
from plans.forms import RetireForm


def administration_or_403(request, perm: str = "plans.view_plan") -> Administration:
    """Return the user's administration when they hold `perm` (the plan pages' default: plans.view_plan); else 403."""
    return access.administration_or_403(request, perm)


def require(request, perm: str, obj) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def render_form(request, *, form, title: str, back: str, subtitle: str = "", status: int = 200, extra=None):
    """Render the shared edit page for one form."""
    context = {"form": form, "title": title, "subtitle": subtitle, "back": back, **(extra or {})}
    return render(request, "plans/form.html", context, status=status)


def run_service(request, call, success: str) -> bool:
    """Call a service; show its Turkish refusal as an error message. Return whether it succeeded."""
    try:
        call()
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return False
    messages.success(request, success)
    return True


def retire(request, *, indicator, service) -> None:
    """Retire a PP or SP indicator from a year onwards with the posted year and reason (or say what is missing)."""
    form = RetireForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Yıl ve gerekçe girin."))
        return
    run_service(
        request,
        lambda: service(
            indicator=indicator,
            from_year=form.cleaned_data["from_year"],
            reason=form.cleaned_data["reason"],
            actor=request.user,
        ),
        _("Gösterge kullanımdan kaldırıldı."),
    )
