"""What the navigation may offer the signed-in user (the rules themselves live in permissions)."""

from accounts.middleware import pending_step
from accounts.permissions import can_see_whole_administration, can_use_django_admin, is_strategy_directorate


def permissions(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    if pending_step(request):  # the log-in's second step is still owed: no menu yet
        return {"two_factor_pending": True}
    # The role index is read once per request (permissions.role_index caches it on the user).
    return {
        "can_see_whole_administration": can_see_whole_administration(user),
        "can_review": bool(is_strategy_directorate(user)),
        "can_use_admin": can_use_django_admin(user),
        "can_export": user.has_perm("exports.generate"),
        "can_view_budget": user.has_perm("budget.view_budget"),
        "can_view_plan": user.has_perm("plans.view_plan"),
        "can_import": user.has_perm("imports.import_workbook"),
        "can_audit_readiness": user.has_perm("reports.view_audit_readiness"),
    }
