"""Authorization matrix: every role × every URL × {own unit's object, another unit's, a missing id}.

Built from the URL configuration: a URL missing from tests/security/url_cases.py fails the coverage
test. For each role the matrix asks every URL about its own side, the sides it must not see, and a
missing id, with every method the URL takes, and checks that
- no response carries a marker word of data the role may not see (any URL, any side);
- another unit's or administration's object answers 403/404 (405 for a method the URL refuses),
  exactly like a missing one, and nothing is written;
- no request fails with a server error;
- anonymous visitors are sent to the log-in page from everything not public.
"""

import io
import zipfile

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.choices import Role
from accounts.permissions import UNIT_ROLES as PERMISSION_UNIT_ROLES
from budget.models import BudgetLine
from core.models import AuditEntry
from indicators.models import PPIndicator, QuarterlyValue
from plans.models import SPIndicator, StrategicPlan, SubProgram, Target
from submissions.models import QuarterException, Submission
from tests.security.url_cases import EXCLUDED_NAMESPACES, URL_CASES, Case
from tests.security.world import FOREIGN_MARKERS, SIBLING_MARKERS, Side, World, build_world

# Every role of the vocabulary: the unit roles must not see another unit's data, every other role
# must not see another administration's (accounts.permissions says which roles are unit roles).
UNIT_ROLES = tuple(str(r) for r in PERMISSION_UNIT_ROLES)
WIDE_ROLES = tuple(r for r in Role.values if r not in UNIT_ROLES)
ROLES = ("anonymous", *UNIT_ROLES, *WIDE_ROLES, "superuser")
REFUSED = {403, 404, 405}
# URL arguments that name no object of a unit (a year's programme is the viewer's own administration's).
NOT_OBJECTS = {"year", "quarter", "format", "report"}


def _url_names(patterns=None, namespace: str = "") -> dict[str, list[str]]:
    """Return {qualified URL name: its argument names} for every pattern; unnamed ones by their route."""
    found: dict[str, list[str]] = {}
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            if entry.namespace in EXCLUDED_NAMESPACES:
                continue
            found.update(_url_names(entry.url_patterns, inner))
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else f"<unnamed {entry.pattern}>"
            # Named groups of routes and of DRF's regex routes; the format-suffix twins share a name.
            found.setdefault(name, list(entry.pattern.regex.groupindex))
    return found


def test_every_url_is_in_the_matrix():
    names = set(_url_names())
    assert sorted(names - URL_CASES.keys()) == [], "add these URLs to tests/security/url_cases.py"
    assert sorted(URL_CASES.keys() - names) == [], "these URLs no longer exist: remove them from url_cases.py"


def _fill(mapping: dict[str, str], side: Side) -> dict[str, str]:
    return {key: str(getattr(side, value, value)) for key, value in mapping.items()}


def _url(name: str, case: Case, side: Side) -> str:
    arguments = _url_names()[name]
    kwargs = {arg: getattr(side, case.kwargs.get(arg, arg.removesuffix("_id"))) for arg in arguments}
    return reverse(name, kwargs=kwargs)


def _requests(name: str, case: Case, side: Side):
    url = _url(name, case, side)
    for method in case.methods:
        if method == "GET":
            yield method, url, _fill(case.query, side)
        else:
            yield method, url, _fill(case.data, side)


def _text(response) -> str:
    """Return what a response shows: its text, or the XML inside an .xlsx (a zip) download."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "".join(archive.read(n).decode(errors="replace") for n in archive.namelist() if n.endswith(".xml"))
    return content.decode(errors="replace")


def _send(client, method: str, url: str, params: dict):
    return client.get(url, params) if method == "GET" else client.post(url, params)


def _hidden_markers(role: str) -> tuple[str, ...]:
    if role in UNIT_ROLES:
        return SIBLING_MARKERS + FOREIGN_MARKERS
    if role in WIDE_ROLES:
        return FOREIGN_MARKERS
    return SIBLING_MARKERS + FOREIGN_MARKERS if role == "anonymous" else ()


def _sides_out_of_reach(role: str, case: Case, world: World) -> list[Side]:
    """The sides whose objects the role must not reach through this URL."""
    if role == "superuser":
        return []
    if role in UNIT_ROLES and case.scope == "unit":
        return [world.sibling, world.foreign]
    return [world.foreign]


def _foreign_state(world: World) -> list:
    units = [world.sibling.unit_id, world.foreign.unit_id]
    return [
        sorted(Submission.objects.filter(unit_id__in=units).values_list("pk", "state", "version")),
        sorted(
            QuarterlyValue.objects.filter(indicator__responsible_unit_id__in=units).values_list(
                "pk", "value", "narrative", "version"
            )
        ),
        QuarterException.objects.filter(unit_id__in=units).count(),
        # The other administration's plan and programme, which only its own directorate may change.
        *(
            sorted(model.objects.filter(**{lookup: world.foreign.unit_id}).values_list("pk", "updated_at"))
            for model, lookup in (
                (StrategicPlan, "administration__units"),
                (Target, "aim__plan__administration__units"),
                (SPIndicator, "target__aim__plan__administration__units"),
                (PPIndicator, "performance_program__administration__units"),
                (SubProgram, "program__performance_program__administration__units"),
                (BudgetLine, "administration__units"),
            )
        ),
    ]


@pytest.fixture
def world(db, today) -> World:
    return build_world()


@pytest.mark.parametrize("role", ROLES)
def test_no_role_reaches_data_it_may_not_see(client, world, role):
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    hidden = _hidden_markers(role)
    problems: list[str] = []

    def check(name, method, url, params, response, *, out_of_reach: bool, missing: bool) -> None:
        if URL_CASES[name].ends_session and user is not None:
            client.force_login(user)
        where = f"{role} {method} {url} {params}"
        body = _text(response)
        if response.status_code >= 500:
            problems.append(f"{where}: server error {response.status_code}")
        leaked = [m for m in hidden if m in body]
        if leaked:
            problems.append(f"{where}: shows {leaked}")
        if role == "anonymous" and URL_CASES[name].api:
            if response.status_code not in (401, 403):
                problems.append(f"{where}: {response.status_code} instead of 401/403")
        elif role == "anonymous" and not URL_CASES[name].public:
            if not (response.status_code == 302 and response["Location"].startswith(reverse("login"))):
                problems.append(f"{where}: {response.status_code} instead of the log-in page")
        elif (out_of_reach or missing) and response.status_code not in REFUSED:
            kind = "another unit's object" if out_of_reach else "a missing id"
            problems.append(f"{where}: {kind} answered {response.status_code}")

    # The role's own side first (its pages may write), then everything out of reach and missing ids.
    for name, case in URL_CASES.items():
        for method, url, params in _requests(name, case, world.own):
            check(name, method, url, params, _send(client, method, url, params), out_of_reach=False, missing=False)
    before_state, before_audit = _foreign_state(world), AuditEntry.objects.count()
    for name, case in URL_CASES.items():
        has_object = bool(set(_url_names()[name]) - NOT_OBJECTS) and not case.public
        for side in _sides_out_of_reach(role, case, world) if has_object else []:
            for method, url, params in _requests(name, case, side):
                check(name, method, url, params, _send(client, method, url, params), out_of_reach=True, missing=False)
        if has_object and role != "anonymous":
            for method, url, params in _requests(name, case, world.missing):
                check(name, method, url, params, _send(client, method, url, params), out_of_reach=False, missing=True)
        elif not has_object and not case.public:
            # A page without an id, asked about another unit through its parameters.
            for side in _sides_out_of_reach(role, case, world):
                for method, url, params in _requests(name, case, side):
                    if method == "GET" or role == "anonymous":
                        response = _send(client, method, url, params)
                        check(name, method, url, params, response, out_of_reach=False, missing=False)
    assert problems == []
    if role != "superuser":
        assert _foreign_state(world) == before_state, "a refused request changed another unit's data"
        assert AuditEntry.objects.count() == before_audit, "a refused request wrote to the audit log"


def test_the_markers_show_to_those_who_may_see_them(client, world):
    """The control: each marker word is on some page of someone who may see it, so its absence means something."""
    seen = set()
    for user, side in ((world.users["strategy"], world.sibling), (world.users["other_strategy"], world.foreign)):
        client.force_login(user)
        for name, case in URL_CASES.items():
            for method, url, params in _requests(name, case, side):
                if method == "GET":
                    body = _text(client.get(url, params))
                    seen |= {m for m in SIBLING_MARKERS + FOREIGN_MARKERS if m in body}
    assert sorted(seen) == sorted(SIBLING_MARKERS + FOREIGN_MARKERS)
