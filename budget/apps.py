from django.apps import AppConfig


class BudgetConfig(AppConfig):
    name = "budget"

    def ready(self) -> None:
        # An app registers its hooks once the registry is ready, the one place an import stands inside
        # a function (docs/style.md): the engine's jobs refresh the budget's aggregates after every
        # whole recompute without indicators importing budget.
        from budget.services import budget_aggregates_refresh
        from indicators.followers import follower_register

        follower_register(budget_aggregates_refresh)
