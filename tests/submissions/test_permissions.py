"""Who may do what on the Form-3 pages: every role × every URL × own unit, another unit, a missing one.

A unit user never learns anything of another unit: its objects answer exactly like missing ones
(404), and no response carries another unit's indicator names.
"""

import pytest
from django.urls import reverse

from submissions.models import Submission
from tests.scenario import PASSWORD, QUARTER, YEAR

pytestmark = pytest.mark.django_db

# (url name, method, needs an indicator id)
UNIT_URLS = [
    ("submissions:unit_quarter", "get", False),
    ("submissions:unit_quarter", "post", False),
    ("submissions:submit", "post", False),
    ("submissions:grant_exception", "post", False),
    ("submissions:preview", "post", True),
    ("submissions:history", "get", True),
]

# role → what it may do on a unit of its own administration: url name/method → expected status
ALLOWED = {
    "entry": {("submissions:unit_quarter", "get"): 200, ("submissions:unit_quarter", "post"): 302,
              ("submissions:submit", "post"): 403, ("submissions:grant_exception", "post"): 403,
              ("submissions:preview", "post"): 200, ("submissions:history", "get"): 200},
    "approver": {("submissions:unit_quarter", "get"): 200, ("submissions:unit_quarter", "post"): 302,
                 ("submissions:submit", "post"): 302, ("submissions:grant_exception", "post"): 403,
                 ("submissions:preview", "post"): 200, ("submissions:history", "get"): 200},
    "strategy": {("submissions:unit_quarter", "get"): 200, ("submissions:unit_quarter", "post"): 403,
                 ("submissions:submit", "post"): 403, ("submissions:grant_exception", "post"): 302,
                 ("submissions:preview", "post"): 200, ("submissions:history", "get"): 200},
    "top": {("submissions:unit_quarter", "get"): 200, ("submissions:unit_quarter", "post"): 403,
            ("submissions:submit", "post"): 403, ("submissions:grant_exception", "post"): 403,
            ("submissions:preview", "post"): 200, ("submissions:history", "get"): 200},
}  # fmt: skip
UNIT_ROLES = ("entry", "approver")


def _call(client, name, method, unit_code, indicator_id):
    kwargs = {"unit_code": unit_code, "year": YEAR, "quarter": QUARTER}
    if indicator_id is not None:
        kwargs["indicator_id"] = indicator_id
    url = reverse(name, kwargs=kwargs)
    data = {"form_version": "1", "expires_on": "2026-10-20", "reason": "Deneme"}
    return client.get(url) if method == "get" else client.post(url, data)


@pytest.mark.parametrize("role", list(ALLOWED))
@pytest.mark.parametrize("target", ["own", "other", "missing"])
@pytest.mark.parametrize(("name", "method", "needs_indicator"), UNIT_URLS)
def test_unit_form_urls(client, scenario, role, target, name, method, needs_indicator):
    user = {"entry": scenario.entry, "approver": scenario.approver, "strategy": scenario.strategy, "top": scenario.top}[
        role
    ]
    assert client.login(username=user.username, password=PASSWORD)
    unit = {"own": scenario.unit, "other": scenario.other_unit, "missing": None}[target]
    unit_code = unit.code if unit else "YOK"
    indicator = scenario.indicators["sum"] if unit == scenario.unit else scenario.other_indicator
    indicator_id = (indicator.pk if unit else 999999) if needs_indicator else None
    response = _call(client, name, method, unit_code, indicator_id)
    content = response.content.decode()
    if target == "missing" or (target == "other" and role in UNIT_ROLES):
        assert response.status_code == 404
    else:
        expected = ALLOWED[role][(name, method)]
        if target == "other" and (name, method) in {("submissions:history", "get"), ("submissions:preview", "post")}:
            expected = 200  # the directorate sees every unit
        assert response.status_code == expected, (role, target, name, method)
    if role in UNIT_ROLES:
        assert scenario.other_indicator.name not in content
        assert scenario.other_unit.name not in content


@pytest.mark.parametrize(
    ("role", "status"), [("entry", 403), ("approver", 403), ("strategy", 200), ("top", 403), ("other_entry", 403)]
)
def test_review_queue_is_for_the_strategy_directorate(client, scenario, role, status):
    user = getattr(scenario, role)
    assert client.login(username=user.username, password=PASSWORD)
    assert client.get(reverse("submissions:review_list")).status_code == status
    submission = Submission.objects.create(unit=scenario.unit, year=YEAR, quarter=QUARTER, state="submitted")
    response = client.post(reverse("submissions:review_one", args=[submission.pk]), {"action": "approve"})
    if role == "other_entry":
        assert response.status_code == 404  # another unit's submission does not exist for them
    elif status == 200:
        assert response.status_code == 302
        assert Submission.objects.get(pk=submission.pk).state == "approved"
    else:
        assert response.status_code == 403
    if role != "strategy":
        assert Submission.objects.get(pk=submission.pk).state == "submitted"


def test_forms_index_lists_only_what_the_user_may_see(client, scenario):
    client.login(username=scenario.entry.username, password=PASSWORD)
    content = client.get(reverse("submissions:forms_index")).content.decode()
    assert scenario.unit.name in content and scenario.other_unit.name not in content
    client.login(username=scenario.strategy.username, password=PASSWORD)
    content = client.get(reverse("submissions:forms_index")).content.decode()
    assert scenario.unit.name in content and scenario.other_unit.name in content


def test_anonymous_users_are_sent_to_log_in(client, scenario):
    response = client.get(reverse("submissions:unit_quarter", args=[scenario.unit.code, YEAR, QUARTER]))
    assert response.status_code == 302 and "/login/" in response["Location"]
