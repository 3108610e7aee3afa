"""How CP-SAT is run for the period's model: its limits, the start it is given, and reading
its answer back.

A steady search stops on CP-SAT's deterministic time (work done, not seconds on the clock), so
the same inputs give the same plan however loaded the machine is: an edit's preview and its
save then agree. The clock still bounds it, at a few times the limit.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

# CP-SAT's deterministic time runs 2 to 8 times slower than the clock on a shared 2-core
# machine (measured: 0.06 deterministic seconds in 0.44 s at load 5): a steady search gets this
# much of it per second of its limit, and the clock cuts it only at three times the limit.
STEADY_WORK_PER_SECOND = 0.15
STEADY_CLOCK_FACTOR = 3.0
SHORTEST = 0.05


def new_solver(seconds: float, *, steady: bool) -> cp_model.CpSolver:
    """A single-worker solver (deterministic given its limit) bounded by `seconds`."""
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    seconds = max(SHORTEST, seconds)
    if steady:
        solver.parameters.max_deterministic_time = seconds * STEADY_WORK_PER_SECOND
        solver.parameters.max_time_in_seconds = seconds * STEADY_CLOCK_FACTOR
    else:
        solver.parameters.max_time_in_seconds = seconds
    return solver


def add_hints(model: cp_model.CpModel, hint, x: dict, loc: dict, evening: dict) -> None:
    """Start from an earlier assignment; a start that breaks a cut is still a good start:
    CP-SAT repairs hints."""
    for (trip_id, host_id, day), var in x.items():
        model.add_hint(var, host_id in hint.visits.get((trip_id, day), ()))
    for (trip_id, day, half, city), var in loc.items():
        if (trip_id, day, half) in hint.city:
            model.add_hint(var, hint.city[trip_id, day, half] == city)
    for key, var in evening.items():
        if key in hint.evening:
            model.add_hint(var, hint.evening[key])


def read_answer(answer, solver: cp_model.CpSolver, x: dict, loc: dict, evening: dict):
    """Fill `answer` with the solver's visits per delegation and date, cities, evening moves."""
    for (trip_id, host_id, day), var in x.items():
        if solver.value(var):
            answer.visits.setdefault((trip_id, day), []).append(host_id)
    for (trip_id, day, half, city), var in loc.items():
        if solver.value(var):
            answer.city[trip_id, day, half] = city
    for key, var in evening.items():
        answer.evening[key] = bool(solver.value(var))
    return answer
