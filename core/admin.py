"""The audit log in the admin, and the policies of the third-party models registered there.

Every model in the admin declares how it may be written (core.admin_policy). The third-party
admins (groups, periodic jobs, log-in attempts, API tokens) are re-registered here with theirs:
configuration is audited, logs are read-only. core comes after those apps in INSTALLED_APPS, so
their admin modules have registered by the time this one runs.
"""

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext as _
from django_celery_beat import admin as beat_admin
from django_celery_beat.models import ClockedSchedule, CrontabSchedule, IntervalSchedule, PeriodicTask, SolarSchedule
from rest_framework.authtoken.admin import TokenAdmin
from rest_framework.authtoken.models import TokenProxy

from core.admin_policy import NOTE_LOG, AuditedAdmin, ReadOnlyAdmin
from core.audit import object_delete_audited, object_save_audited
from core.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """The audit log is a record of what happened: nobody adds, edits or deletes it."""

    read_only_note = NOTE_LOG
    list_display = ("at", "actor", "action", "content_type", "object_repr", "reason")
    list_filter = ("action", "content_type")
    search_fields = ("object_repr", "reason", "actor__username")
    date_hierarchy = "at"
    list_select_related = ("actor", "content_type")


def _replace(model, admin_class) -> None:
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, admin_class)


class AuditedGroupAdmin(GroupAdmin, AuditedAdmin):
    pass


class AuditedPeriodicTaskAdmin(beat_admin.PeriodicTaskAdmin, AuditedAdmin):
    """Periodic jobs: edited here with a reason and audited; the bulk enable/disable actions are off."""

    actions = ("run_tasks",)


class AuditedClockedScheduleAdmin(beat_admin.ClockedScheduleAdmin, AuditedAdmin):
    pass


class AuditedCrontabScheduleAdmin(beat_admin.CrontabScheduleAdmin, AuditedAdmin):
    pass


class AuditedSolarScheduleAdmin(beat_admin.SolarScheduleAdmin, AuditedAdmin):
    pass


class AuditedIntervalScheduleAdmin(beat_admin.IntervalScheduleAdmin, AuditedAdmin):
    pass


class AuditedAccessAttemptAdmin(AccessAttemptAdmin, AuditedAdmin):
    """Deleting an attempt unlocks a log-in: audited like any other change."""

    actions = ()


class ReadOnlyAccessLogAdmin(ReadOnlyAdmin, AccessLogAdmin):
    read_only_note = NOTE_LOG


class ReadOnlyAccessFailureLogAdmin(ReadOnlyAdmin, AccessFailureLogAdmin):
    read_only_note = NOTE_LOG


class AuditedTokenAdmin(TokenAdmin, AuditedAdmin):
    """API tokens given and taken with a reason, audited in the user's history (the key never enters it)."""

    def save_model(self, request, obj, form, change):
        object_save_audited(
            obj=obj,
            changes=self.changes_of(form),
            created=not change,
            reason=self.reason_of(form),
            actor=request.user,
            subject=obj.user,
        )

    def delete_model(self, request, obj):
        object_delete_audited(obj=obj, actor=request.user, reason=_("Yönetim paneli"), subject=obj.user)


_replace(Group, AuditedGroupAdmin)
_replace(PeriodicTask, AuditedPeriodicTaskAdmin)
_replace(ClockedSchedule, AuditedClockedScheduleAdmin)
_replace(CrontabSchedule, AuditedCrontabScheduleAdmin)
_replace(SolarSchedule, AuditedSolarScheduleAdmin)
_replace(IntervalSchedule, AuditedIntervalScheduleAdmin)
if admin.site.is_registered(AccessAttempt):  # AXES_ENABLE_ADMIN
    _replace(AccessAttempt, AuditedAccessAttemptAdmin)
    _replace(AccessLog, ReadOnlyAccessLogAdmin)
    _replace(AccessFailureLog, ReadOnlyAccessFailureLogAdmin)
_replace(TokenProxy, AuditedTokenAdmin)
