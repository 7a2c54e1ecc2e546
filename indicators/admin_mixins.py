"""Django admin edits of figures the engine depends on ask for a recompute, like the forms do.

Used by the admin classes of plans and indicators (the admin is wiring, so plans.admin may use it).
"""

from indicators.tasks import request_recompute


class RecomputeOnSaveMixin:
    """After an admin saves or deletes an object, recompute the results it feeds.

    `recompute_scope(obj)` returns (administration id, year, or None for every year). Django's admin
    calls save_related after every save, from the change form and from list_editable alike.
    """

    def recompute_scope(self, obj) -> tuple[int, int | None]:
        raise NotImplementedError

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)  # type: ignore[misc]
        administration_id, year = self.recompute_scope(form.instance)
        request_recompute(administration_id=administration_id, year=year)

    def delete_model(self, request, obj):
        administration_id, year = self.recompute_scope(obj)
        super().delete_model(request, obj)  # type: ignore[misc]
        request_recompute(administration_id=administration_id, year=year)
