"""Every model in the Django admin: an add, a change or a delete there is refused or audited (issue 14).

Generated from the admin registry: for each registered model, a superuser submits its add, change
and delete pages the way a browser would (the rendered form, one field altered), on a real object of
the demo data. Each attempt must either change nothing (refused: 403, the form again with an error,
or a refusal page) or leave an audit entry. A model registered without a write policy
(core.admin_policy) fails here.
"""

from datetime import date, timedelta

import lxml.html
import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import ClockedSchedule, IntervalSchedule, SolarSchedule
from rest_framework.authtoken.models import Token, TokenProxy

from accounts.models import Administration, User
from core.admin_policy import POLICIES, READ_ONLY
from core.models import AuditEntry
from exports.models import ExportJob
from indicators.models import PPIndicator
from plans.models import RetiredPPCode, Revision
from plans.services.programme import PPIndicatorInput, pp_indicator_save
from reports.services import form4_build
from submissions.deadlines import quarter_deadline_save
from submissions.models import Evidence, ReviewComment
from submissions.services import quarter_exception_grant

pytestmark = pytest.mark.django_db

REGISTRY = list(admin.site._registry.items())


def _label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def _superuser() -> User:
    return User.objects.create_superuser("kok", "kok@example.gov.tr", "Kok-parola-2024")


# Objects the demo data set does not hold, built here so that every model has a real row.
SAMPLES = {
    "auth.group": lambda: Group.objects.create(name="Denetçiler"),
    "axes.accessattempt": lambda: AccessAttempt.objects.create(
        username="yonetici", ip_address="10.0.0.9", user_agent="test", failures_since_start=3,
        get_data="", post_data="", http_accept="*/*", path_info="/hesap/giris/",
    ),
    "axes.accesslog": lambda: AccessLog.objects.create(
        username="yonetici", ip_address="10.0.0.9", user_agent="test", http_accept="*/*", path_info="/hesap/giris/"
    ),
    "axes.accessfailurelog": lambda: AccessFailureLog.objects.create(
        username="yonetici", ip_address="10.0.0.9", user_agent="test", http_accept="*/*", path_info="/hesap/giris/"
    ),
    "authtoken.tokenproxy": lambda: TokenProxy.objects.get(pk=Token.objects.create(user=User.objects.first()).pk),
    "django_celery_beat.clockedschedule": lambda: ClockedSchedule.objects.create(
        clocked_time=timezone.now() + timedelta(days=1)
    ),
    "django_celery_beat.intervalschedule": lambda: IntervalSchedule.objects.create(every=7, period="days"),
    "django_celery_beat.solarschedule": lambda: SolarSchedule.objects.create(
        event="sunrise", latitude=39.93, longitude=32.85
    ),
    "exports.exportjob": lambda: ExportJob.objects.create(
        administration=User.objects.get(username="yonetici").roles.first().administration,
        year=2024, report="form4", format="xlsx", requested_by=User.objects.get(username="yonetici"),
    ),
    "plans.revision": lambda: _revision(),
    "plans.retiredppcode": lambda: RetiredPPCode.objects.create(
        administration=_demo(), code="GYH.99", from_year=2025, reason="Artık ölçülmüyor", retired_by=_admin_user()
    ),
    "submissions.quarterexception": lambda: quarter_exception_grant(
        unit=PPIndicator.objects.get(code="GYH.01").responsible_unit, year=2024, quarter=4,
        expires_on=timezone.localdate() + timedelta(days=5), reason="Veri düzeltmesi", actor=_admin_user(),
        today=timezone.localdate(),
    ),
    "submissions.quarterdeadline": lambda: quarter_deadline_save(
        deadline=None, administration=_demo(), year=2024, quarter=4, day=date(2025, 2, 14),
        reason="Bayram tatili", actor=_admin_user(),
    ),
    "submissions.evidence": lambda: Evidence.objects.create(
        indicator=PPIndicator.objects.get(code="GYH.01"), quarter=4, file="kanit/ornek.pdf",
        original_name="ornek.pdf", content_type="application/pdf", size=4, sha256="0" * 64,
        uploaded_by=_admin_user(),
    ),
    "submissions.reviewcomment": lambda: ReviewComment.objects.create(
        indicator=PPIndicator.objects.get(code="GYH.01"), quarter=4, author=_admin_user(),
        body="Kaynağı ekleyin.", created_at=timezone.now(),
    ),
    "reports.form4summary": lambda: form4_build(administration_id=_demo().pk, year=2024),
    "reports.form4row": lambda: form4_build(administration_id=_demo().pk, year=2024).rows.first(),
}  # fmt: skip


def _demo() -> Administration:
    return Administration.objects.get(code="GIB")


def _admin_user() -> User:
    return User.objects.get(username="yonetici")


def _revision() -> Revision:
    indicator = PPIndicator.objects.get(code="GYH.01")
    pp_indicator_save(
        sub_program=indicator.sub_program,
        indicator=indicator,
        data=PPIndicatorInput(
            **{f: getattr(indicator, f) for f in PPIndicatorInput.__dataclass_fields__ if f != "target_value"},
            target_value=indicator.target_value + 1,
        ),
        actor=_admin_user(),
        reason="Hedef revize edildi",
    )
    return Revision.objects.get(object_id=indicator.pk)


def _sample(model: type[models.Model]) -> models.Model:
    obj = model._default_manager.order_by("pk").first()
    if obj is None:
        builder = SAMPLES.get(_label(model))
        assert builder is not None, f"{_label(model)}: no demo row; add a sample to SAMPLES"
        obj = builder()
    return obj


def _state(model: type[models.Model], pk) -> dict | None:
    row = model._default_manager.filter(pk=pk).values().first()
    return None if row is None else {k: v for k, v in row.items() if k not in ("updated_at", "modified_at")}


def _form_data(html: str) -> dict[str, list[str]]:
    """Return what a browser would submit from the admin's change form."""
    document = lxml.html.fromstring(html)
    (form,) = [f for f in document.forms if f.get("id", "").endswith("_form") and f.get("method") == "post"]
    data: dict[str, list[str]] = {}
    for name, value in form.form_values():
        data.setdefault(name, []).append(value)
    return data


def _altered(html: str, data: dict[str, list[str]]) -> tuple[dict[str, list[str]], str | None]:
    """Alter one visible field the way a careless admin would; return the data and the field's name."""
    document = lxml.html.fromstring(html)
    for element in document.iter("input", "textarea"):
        name = element.get("name") or ""
        kind = (element.get("type") or "text") if element.tag == "input" else "textarea"
        if not name or "-" in name or name in ("csrfmiddlewaretoken", "reason") or element.get("readonly"):
            continue
        if kind == "number" and data.get(name, [""])[0] not in ("",):
            return {**data, name: [str(int(float(data[name][0].replace(",", "."))) + 1)]}, name
        if kind in ("text", "textarea") and name in data:
            return {**data, name: [data[name][0] + " (değişti)"]}, name
    for element in document.iter("input"):
        name = element.get("name") or ""
        if element.get("type") == "checkbox" and name and "-" not in name:
            return ({k: v for k, v in data.items() if k != name} if name in data else {**data, name: ["on"]}), name
    return data, None


def _audited_since(mark: int) -> list[AuditEntry]:
    return [e for e in AuditEntry.objects.filter(pk__gt=mark) if e.action != "refused"]


def _last_audit() -> int:
    return AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def _assert_refused_or_audited(what: str, response, before, after, mark: int) -> None:
    assert response.status_code < 500, f"{what}: {response.status_code}"
    if before != after:
        assert _audited_since(mark), f"{what}: changed without an audit entry"


def test_every_registered_model_declares_a_write_policy():
    missing = [_label(m) for m, a in REGISTRY if getattr(a, "write_policy", None) not in POLICIES]
    assert missing == [], "declare a policy (core.admin_policy) for: " + ", ".join(missing)


@pytest.mark.parametrize(("model", "model_admin"), REGISTRY, ids=[_label(m) for m, _a in REGISTRY])
def test_an_admin_write_is_refused_or_audited(client, demo, model, model_admin):
    assert getattr(model_admin, "write_policy", None) in POLICIES, f"{_label(model)} has no write policy"
    client.force_login(_superuser())
    obj = _sample(model)
    info = (model._meta.app_label, model._meta.model_name)
    url_id = obj.user_id if isinstance(obj, TokenProxy) else obj.pk  # DRF's token admin is keyed by user
    change_url = reverse("admin:{}_{}_change".format(*info), args=[url_id])
    page = client.get(change_url)
    assert page.status_code == 200, change_url
    html = page.content.decode()
    read_only = model_admin.write_policy == READ_ONLY

    # Change: the page's own form with one field altered (and a reason where the form asks for one).
    data, field = _altered(html, _form_data(html)) if 'method="post"' in html else ({}, None)
    if field is not None or read_only:
        data = {**data, "reason": ["Yıl sonu düzeltmesi"]}
        before, mark = _state(model, obj.pk), _last_audit()
        response = client.post(change_url, data)
        after = _state(model, obj.pk)
        if read_only:
            assert response.status_code == 403 and after == before, f"{_label(model)}: read-only but changeable"
        _assert_refused_or_audited(f"{_label(model)} change {field}", response, before, after, mark)

    # Add: the same data posted to the add page (a copy of the real object, one field altered).
    add_url = reverse("admin:{}_{}_add".format(*info))
    count, mark = model._default_manager.count(), _last_audit()
    response = client.post(add_url, data)
    if read_only:
        assert response.status_code == 403, f"{_label(model)}: read-only but addable"
    added = model._default_manager.count() != count
    _assert_refused_or_audited(f"{_label(model)} add", response, False, added, mark)

    # Delete: the confirmation page's "Yes, I'm sure".
    delete_url = reverse("admin:{}_{}_delete".format(*info), args=[url_id])
    before, mark = _state(model, obj.pk), _last_audit()
    response = client.post(delete_url, {"post": "yes"})
    after = _state(model, obj.pk)
    if read_only:
        assert response.status_code == 403 and after == before, f"{_label(model)}: read-only but deletable"
    _assert_refused_or_audited(f"{_label(model)} delete", response, before, after, mark)


def test_an_api_token_is_audited_under_its_user_without_its_key(client, demo):
    client.force_login(_superuser())
    user = _admin_user()
    response = client.post(reverse("admin:authtoken_tokenproxy_add"), {"user": user.pk, "reason": "Entegrasyon"})
    assert response.status_code == 302
    key = Token.objects.get(user=user).key
    response = client.post(reverse("admin:authtoken_tokenproxy_delete", args=[user.pk]), {"post": "yes"})
    assert response.status_code == 302 and not Token.objects.filter(user=user).exists()
    entries = list(
        AuditEntry.objects.filter(object_id=str(user.pk), action__in=["create", "delete"], actor__username="kok")
    )
    assert sorted(e.action for e in entries) == ["create", "delete"]
    assert all(key not in f"{e.object_repr} {e.changes}" for e in AuditEntry.objects.all())
