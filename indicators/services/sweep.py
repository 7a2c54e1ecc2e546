"""The consistency sweep: recompute whatever a lost on-change request left stale."""

import logging
from datetime import timedelta

from indicators.models import RecomputeRun
from indicators.selectors import Scope, stale_scopes
from indicators.services.recompute import results_recompute

logger = logging.getLogger(__name__)

# A save's transaction is open for well under a second; a minute covers a slow one with room.
SWEEP_MARGIN = timedelta(seconds=60)


def stale_scopes_recompute() -> list[Scope]:
    """Recompute every unit-year changed since the last run that covered it; return those scopes.

    The on-change requests go through Redis and can be lost (Redis restarted, worker killed after
    its retries): this finds what they missed by comparing change times with the recorded runs.
    Each scope is recomputed in its own transaction, so one failure does not undo the others.
    """
    scopes = stale_scopes(margin=SWEEP_MARGIN)
    for scope in scopes:
        results_recompute(
            administration_id=scope.administration_id,
            years=[scope.year],
            unit_id=scope.unit_id,
            kind=RecomputeRun.Kind.ON_CHANGE,
        )
    if scopes:
        logger.warning("Tutarlılık taraması %d birim-yılı yeniden hesapladı: %s", len(scopes), scopes)
    return scopes
