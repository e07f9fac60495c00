"""Whether a deadline is coming, passed with an outcome, or overdue: the one rule.

A deadline counts as met ("passeret") once it is over and something records what came of it:
an answer, a report or a ruling (`OUTCOME_EVENTS`), or the outcome (`resultat`), dated from
the deadline until GRACE_DAYS after it (a date given as a month or year counts when its period
overlaps). Only an unmet one is "overskredet". Something dated before the deadline may answer
an earlier step, so it does not count; Datakvalitet lists the overdue ones for the keepers of
the data to look at.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from .dates import period
from .sources import FollowUpStatus

OUTCOME_EVENTS = frozenset({"afrapportering", "svar", "afgoerelse"})
GRACE_DAYS = 90
UPCOMING, MET, OVERDUE = "kommende", "passeret", "overskredet"


def outcome_dates(entity: Any) -> list[str]:
    """Dates of everything on `entity` that records a response: answers, answer-like events and
    a dated outcome."""
    dates = [a.dato for a in getattr(entity, "svar", [])]
    dates += [e.dato for e in getattr(entity, "haendelser", []) if e.type.value in OUTCOME_EVENTS]
    outcome = getattr(entity, "resultat", None)
    if outcome is not None and outcome.dato:
        dates.append(outcome.dato)
    return dates


def follow_up_outcomes(action: Any) -> list[str]:
    """A follow-up action's outcome: its deadline, once the action is marked done."""
    return [action.frist] if action.status == FollowUpStatus.udfoert and action.frist else []


def answered(deadline: str, outcomes: Iterable[str]) -> bool:
    """Something in `outcomes` is dated from the deadline until GRACE_DAYS after it."""
    due = period(deadline)
    window = dt.timedelta(days=GRACE_DAYS)
    return any(found.first <= due.last + window and found.last >= due.first
               for found in map(period, outcomes))


def deadline_state(deadline: str, outcomes: Iterable[str], today: dt.date) -> str:
    """UPCOMING until the deadline is over; then MET when an outcome is recorded, else OVERDUE."""
    if not period(deadline).is_past(today):
        return UPCOMING
    return MET if answered(deadline, outcomes) else OVERDUE
