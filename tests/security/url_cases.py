"""Every URL of the project and how the authorization matrix reaches it (tests/security/test_matrix.py).

Adding a URL? Add one line here, or the coverage test fails. A `Case` says:
- `kwargs`: for each argument of the URL, which object of a "side" fills it. An argument named
  like an object key (`unit_code`, `year`, `quarter`, `plan_id` → "plan", ...) needs nothing; `pk`
  and ambiguous names (`indicator_id`) must be mapped, e.g. Case(kwargs={"pk": "submission"}).
  The keys are the attributes of `tests.security.world.Side`: unit_code, unit_id, year, quarter,
  pp_indicator, sp_indicator, submission, quarterly_value, pp_result, sp_result, target_result, plan,
  aim, target, program, sub_program, goal, activity, budget_line, export_job, evidence, e.g.
  `"budget:line": Case(kwargs={"pk": "budget_line"})`,
  `"plans:sp_indicator_detail": Case(kwargs={"indicator_id": "sp_indicator"}, scope="administration")`.
  A new kind of object gets a field there and is built, for every side, in `_unit_side`.
- `scope`: "unit" when the object belongs to one unit (a unit user must not reach another unit's),
  "administration" when it is published to the whole administration (e.g. the strategic plan).
- `methods`: what the matrix sends (POST with `data`, else an empty body).
- `query` / `data`: GET parameters / POST fields; a value naming a side attribute is filled from the
  side (e.g. {"responsible_unit": "unit_id"}), any other value is sent as written ("approve"). Use
  them where a list page filters, or a form acts on, an id that could be another unit's.
- `public`: reachable without logging in (login, password reset, health check).
- `ends_session`: the URL logs the person out; the matrix logs them in again after it.
- `api`: a DRF endpoint: an anonymous caller gets 401/403 instead of the log-in page.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Case:
    kwargs: dict[str, str] = field(default_factory=dict)
    scope: str = "unit"
    methods: tuple[str, ...] = ("GET",)
    query: dict[str, str] = field(default_factory=dict)
    data: dict[str, str] = field(default_factory=dict)
    public: bool = False
    ends_session: bool = False
    api: bool = False


GET_POST = ("GET", "POST")
UNIT_PP_INDICATOR = {"indicator_id": "pp_indicator"}
SP_INDICATOR = {"indicator_id": "sp_indicator"}
BUDGET_LINE = {"pk": "budget_line"}

# URL namespaces left out of the matrix, with the reason and the test that covers them instead.
EXCLUDED_NAMESPACES = {
    "admin": "the Django admin: AdminsOnlySite lets in admins only (tests/accounts/test_security.py)",
}

URL_CASES: dict[str, Case] = {
    # Django's log-in, log-out and password pages (django.contrib.auth.urls).
    "login": Case(public=True, methods=GET_POST),
    "logout": Case(public=True, methods=("POST",), ends_session=True),
    "password_change": Case(methods=GET_POST),
    "password_change_done": Case(),
    "password_reset": Case(public=True, methods=GET_POST),
    "password_reset_done": Case(public=True),
    "password_reset_confirm": Case(public=True, kwargs={"uidb64": "uidb64", "token": "token"}),
    "password_reset_complete": Case(public=True),
    "set_language": Case(public=True, methods=("POST",)),
    "health": Case(public=True),
    # Two-factor log-in: every user's own set-up page and the log-in's second step (each person's own;
    # tests/accounts/test_two_factor.py).
    "accounts:two_factor": Case(methods=GET_POST, data={"action": "codes"}),
    "accounts:two_factor_verify": Case(methods=GET_POST, data={"code": "000000"}),
    # Pages that read several apps.
    "home": Case(query={"year": "year"}),
    "printed_audit": Case(query={"year": "year"}),
    "audit_readiness": Case(query={"year": "year"}),
    # Without the confirmation nothing is closed (the matrix checks that nothing is written).
    "audit_readiness_close": Case(methods=("POST",), data={"year": "year"}),
    "my_work": Case(),
    "start": Case(),
    # The quarterly Form-3 pages.
    "submissions:forms_index": Case(query={"year": "year"}),
    "submissions:review_list": Case(methods=GET_POST, data={"submission": "submission", "action": "approve"}),
    "submissions:review_one": Case(kwargs={"pk": "submission"}, methods=GET_POST, data={"action": "approve"}),
    "submissions:unit_quarter": Case(methods=GET_POST),
    "submissions:submit": Case(methods=("POST",)),
    "submissions:grant_exception": Case(
        methods=("POST",), data={"expires_on": "2026-12-31", "reason": "Matris denemesi"}
    ),
    "submissions:preview": Case(kwargs=UNIT_PP_INDICATOR, methods=("POST",)),
    "submissions:history": Case(kwargs=UNIT_PP_INDICATOR),
    "submissions:evidence_upload": Case(kwargs=UNIT_PP_INDICATOR, methods=("POST",)),
    "submissions:evidence_download": Case(kwargs={"pk": "evidence"}),
    "submissions:evidence_delete": Case(kwargs={"pk": "evidence"}, methods=("POST",)),
    "submissions:comment_add": Case(kwargs=UNIT_PP_INDICATOR, methods=("POST",), data={"body": "Matris yorumu"}),
    # The dashboards.
    "dashboards:overview": Case(query={"year": "year"}),
    "dashboards:indicator": Case(kwargs={"pk": "pp_indicator"}),
    "dashboards:indicator_table": Case(query={"responsible_unit": "unit_id", "year": "year"}),
    "dashboards:sp_indicator": Case(kwargs={"pk": "sp_indicator"}, scope="administration"),
    # The workbook import (strategy directorate and admins).
    "imports:upload": Case(methods=GET_POST),
    "imports:confirm": Case(methods=("POST",)),
    "imports:template": Case(),
    "imports:data": Case(query={"year": "year"}),
    # Plan maintenance (strategy directorate and admins; yearly texts also the responsible unit).
    "plans:index": Case(),
    "plans:consistency": Case(query={"year": "year"}),
    "plans:plan_create": Case(methods=GET_POST),
    "plans:plan_detail": Case(scope="administration"),
    "plans:plan_edit": Case(scope="administration", methods=GET_POST),
    "plans:aim_create": Case(scope="administration", methods=GET_POST),
    "plans:aim_edit": Case(scope="administration", methods=GET_POST),
    "plans:target_create": Case(scope="administration", methods=GET_POST),
    "plans:target_edit": Case(scope="administration", methods=GET_POST),
    "plans:target_detail": Case(scope="administration"),
    "plans:sp_indicator_create": Case(scope="administration", methods=GET_POST),
    "plans:sp_indicator_edit": Case(kwargs=SP_INDICATOR, scope="administration", methods=GET_POST),
    "plans:sp_indicator_detail": Case(kwargs=SP_INDICATOR, scope="administration"),
    "plans:sp_target_value": Case(kwargs=SP_INDICATOR, scope="administration", methods=GET_POST),
    "plans:sp_indicator_delete": Case(kwargs=SP_INDICATOR, scope="administration", methods=GET_POST),
    "plans:sp_indicator_retire": Case(kwargs=SP_INDICATOR, scope="administration", methods=GET_POST),
    "plans:programme_create": Case(methods=GET_POST),
    "plans:programme_detail": Case(),
    "plans:rollover": Case(methods=GET_POST),
    "plans:program_create": Case(methods=GET_POST),
    "plans:program_edit": Case(scope="administration", methods=GET_POST),
    "plans:sub_program_create": Case(scope="administration", methods=GET_POST),
    "plans:sub_program_edit": Case(scope="administration", methods=GET_POST),
    "plans:goal_create": Case(scope="administration", methods=GET_POST),
    "plans:goal_edit": Case(scope="administration", methods=GET_POST),
    "plans:activity_create": Case(scope="administration", methods=GET_POST),
    "plans:activity_edit": Case(scope="administration", methods=GET_POST),
    "plans:pp_indicator_create": Case(scope="administration", methods=GET_POST),
    "plans:pp_indicator_edit": Case(kwargs=UNIT_PP_INDICATOR, scope="administration", methods=GET_POST),
    "plans:pp_indicator_detail": Case(kwargs=UNIT_PP_INDICATOR, scope="administration"),
    "plans:pp_indicator_delete": Case(kwargs=UNIT_PP_INDICATOR, scope="administration", methods=GET_POST),
    "plans:pp_indicator_retire": Case(kwargs=UNIT_PP_INDICATOR, scope="administration", methods=GET_POST),
    "plans:texts_index": Case(query={"year": "year"}),
    "plans:target_texts": Case(methods=GET_POST),  # the responsible unit writes them: unit scope
    "plans:sp_texts": Case(kwargs=SP_INDICATOR, methods=GET_POST),
    # Budget (administration-wide roles and the financial services; lines belong to a unit).
    "budget:execution": Case(query={"year": "year"}),
    "budget:report": Case(query={"year": "year"}),
    "budget:lines": Case(query={"year": "year"}),
    "budget:line_create": Case(methods=GET_POST),
    "budget:line": Case(kwargs=BUDGET_LINE),
    "budget:line_transfer": Case(kwargs=BUDGET_LINE, methods=GET_POST),
    "budget:line_spending": Case(kwargs=BUDGET_LINE, methods=GET_POST),
    "budget:line_initial": Case(kwargs=BUDGET_LINE, methods=GET_POST),
    "budget:money_performance": Case(query={"year": "year"}),
    # Year-end exports (jobs belong to an administration).
    "exports:page": Case(methods=GET_POST),
    "exports:template_download": Case(scope="administration"),
    "exports:job_status": Case(kwargs={"pk": "export_job"}, scope="administration"),
    "exports:job_download": Case(kwargs={"pk": "export_job"}, scope="administration"),
    # The read-only JSON API (docs/api.md); its format-suffix twins (indicators.json) share the names.
    "api:api-root": Case(api=True),
    "api:schema": Case(public=True),  # DRF answers 401/403 itself (SERVE_PERMISSIONS)
    "api:indicator-list": Case(api=True, query={"unit": "unit_code", "year": "year"}),
    "api:indicator-detail": Case(api=True, kwargs={"pk": "pp_indicator"}),
    "api:quarterly-value-list": Case(api=True, query={"year": "year"}),
    "api:quarterly-value-detail": Case(api=True, kwargs={"pk": "quarterly_value"}),
    "api:result-list": Case(api=True, query={"year": "year"}),
    "api:result-detail": Case(api=True, kwargs={"pk": "pp_result"}),
    "api:sp-result-list": Case(api=True, query={"year": "year"}),
    "api:sp-result-detail": Case(api=True, kwargs={"pk": "sp_result"}, scope="administration"),
    "api:target-result-list": Case(api=True, query={"year": "year"}),
    "api:target-result-detail": Case(api=True, kwargs={"pk": "target_result"}, scope="administration"),
}
