"""One writer per sheet of the import (units, plan, programme, quarters, budget, printed): each turns its
sheet's validated rows into records through the Upserter (set-based, audited, keyed on codes).

The orchestrator, imports.services.dataset_import, calls them in order inside one transaction; the
readers of the same sheets are in imports/readers/.
"""
