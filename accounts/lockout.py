"""Failed log-in limits (django-axes): one limit per user name and address, a higher one per address."""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from django.conf import settings
from django.http import HttpRequest


class PairAndAddressLockoutHandler(AxesDatabaseHandler):
    """Lock a user name + address pair after AXES_FAILURE_LIMIT failures, an address after AXES_IP_FAILURE_LIMIT.

    django-axes applies one limit to every entry of AXES_LOCKOUT_PARAMETERS; password spraying (one
    address trying one password on many user names) needs a higher limit for the address alone, so
    a shared office address is not locked by five typos of five colleagues.
    """

    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        """Return the pair's failures, or the pair limit itself once the address passed its own limit."""
        pair_attempts, address_attempts = self.get_user_attempts(request, credentials)
        pair = sum(attempt.failures_since_start for attempt in pair_attempts)
        address = sum(attempt.failures_since_start for attempt in address_attempts)
        if address >= settings.AXES_IP_FAILURE_LIMIT:
            return max(pair, get_failure_limit(request, credentials))
        return pair

    def reset_user_attempts(self, request: HttpRequest, credentials: dict | None = None) -> int:
        """Forget the pair's failures after a success, not the address's (a sprayer's own log-in keeps its count)."""
        pair_attempts = self.filter_user_attempts(request, credentials)[0]
        count, _ = pair_attempts.delete()
        return count
