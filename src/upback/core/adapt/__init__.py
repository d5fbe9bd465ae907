"""Adapting a plan to how its sessions go: the pain-monitoring model (reference.md §3.2-§3.3).

Pure: the plan's JSON, the person's finished sessions and their usual pain in; decisions and a new
plan's JSON out. Every decision carries the stable id of the rule behind it (`RULES`), so the
person, or their therapist, can see why the plan changed.

Reading one plan item in one session (a traffic light, `read_item`):
- red: pain during it above 5, or the next morning's pain 2 or more above the person's usual
  pain (their baseline), or it felt too hard with pain of 4 or more;
- amber: pain during it of 4 or 5, or the next morning sorer than usual by less than 2 points,
  or it felt too hard with little pain;
- green: pain during it of 3 or less, it felt too easy or about right, and by the next morning
  the pain was back to usual or lower;
- unknown: anything else. A session whose next morning is not known yet is never green: a step
  up waits until the person has said how their back was the morning after.
Until a baseline is known (the first days of check-ins), the session's own pain before stands in
for the usual pain.

Each item in the plan is judged on its tries at the dose it has now, newest first (`adapt`):
- a red in either of the last two → a step back: one set fewer, or about 30 % fewer reps (or a
  shorter hold or go), or, already at its lightest, the easier version the person can do
  (`adapt.step_back_dose`, `adapt.step_back_variant`);
- the last two green → one step up, one variable at a time, in this order: reps (8 → 12 → 15,
  at most 4 more at once), sets (1 → 2 → 3), static holds (10 → 20 → 30 s), then the harder
  version the person can do: their equipment, the floor if they use it, never in a flare or while
  keeping gentle (`adapt.progress_*`). Only for strength, mobility, stretch and yoga, at most once
  a week per item, within the library's dose limits and the person's minutes for the day;
- otherwise, the last one amber → the same again (`adapt.repeat`; no new plan version).
Two red sessions within 7 days freeze every step up until 7 days pass without a red one
(`adapt.freeze`); so does a `worsening` progress verdict, and the flare-up plan. Steps back always
apply. A change applies on every day the item is in.

The flare-up plan (`flare_plan`, `adapt.flare`): for a few days, gentle flare-suitable items only
(others give way to a gentle easier version, or are set aside), a slow-breathing item each day,
strength work at half its volume, and heat for tight muscles. Once the pain has been back to
usual for two days it is built back up (`flare_rebuild_plan`: the plan from before, strength at
half) and after about a week the full plan returns (`flare_next`).

Symptoms that mean stop (`SESSION_SYMPTOMS`, `adapt.stop_symptoms`): chest pain, breathlessness,
dizziness, or new numbness, tingling or weakness in an arm or leg during a session. Each maps to
the safety screen's own symptom key, so the screen decides what happens next.

The package, one responsibility a module:
- `rules`: the rules under their stable ids (`RULES`), the thresholds, the stopping symptoms.
- `readings`: sessions and their tries, the traffic light of each, red sessions and the freeze.
- `doses`: one step up or down for a dose, and the small edits of a plan's JSON.
- `decisions`: `Decision` and `Adaptation`.
- `engine`: `adapt`, the whole plan judged item by item.
- `flare`: the flare-up plan, building back up, and the full plan again.
"""

from __future__ import annotations

from upback.core.adapt.decisions import Adaptation, Decision
from upback.core.adapt.doses import (
    dose_key,
    dose_of,
    halved,
    lighter,
    longer_hold,
    more_reps,
    more_sets,
)
from upback.core.adapt.engine import adapt
from upback.core.adapt.flare import (
    flare_next,
    flare_plan,
    flare_plan_with_changes,
    flare_rebuild_plan,
    flare_restore_plan,
    flare_trigger,
)
from upback.core.adapt.readings import (
    ItemTry,
    Light,
    Reading,
    SessionRecord,
    frozen,
    read_item,
    red_session,
)
from upback.core.adapt.rules import (
    FLARE,
    FLARE_PHASE,
    FREEZE,
    PROGRESS_HOLD,
    PROGRESS_REPS,
    PROGRESS_SETS,
    PROGRESS_VARIANT,
    REBUILD_PHASE,
    REPEAT,
    RULES,
    SESSION_SYMPTOM_KEYS,
    SESSION_SYMPTOMS,
    STEP_BACK_DOSE,
    STEP_BACK_VARIANT,
    STOP_SYMPTOMS,
    AdaptRule,
    register,
    stop_answers,
)

__all__ = [
    "FLARE",
    "FLARE_PHASE",
    "FREEZE",
    "PROGRESS_HOLD",
    "PROGRESS_REPS",
    "PROGRESS_SETS",
    "PROGRESS_VARIANT",
    "REBUILD_PHASE",
    "REPEAT",
    "RULES",
    "SESSION_SYMPTOMS",
    "SESSION_SYMPTOM_KEYS",
    "STEP_BACK_DOSE",
    "STEP_BACK_VARIANT",
    "STOP_SYMPTOMS",
    "AdaptRule",
    "Adaptation",
    "Decision",
    "ItemTry",
    "Light",
    "Reading",
    "SessionRecord",
    "adapt",
    "dose_key",
    "dose_of",
    "flare_next",
    "flare_plan",
    "flare_plan_with_changes",
    "flare_rebuild_plan",
    "flare_restore_plan",
    "flare_trigger",
    "frozen",
    "halved",
    "lighter",
    "longer_hold",
    "more_reps",
    "more_sets",
    "read_item",
    "red_session",
    "register",
    "stop_answers",
]
