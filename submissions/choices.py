"""The workflow states of a unit's quarterly submission: the review workflow's (core/workflow.py)."""

from core.workflow import ReviewState

# The quarterly form follows the review workflow shared with the yearly texts; its states are defined
# once, in core.workflow, below both apps.
SubmissionState = ReviewState

__all__ = ["SubmissionState"]
