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


def new_solver(seconds: float, *, steady: bool, workers: int = 1) -> cp_model.CpSolver:
    """A solver bounded by `seconds`; with one worker it is deterministic given its limit."""
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = workers
    seconds = max(SHORTEST, seconds)
    if steady:
        solver.parameters.max_deterministic_time = seconds * STEADY_WORK_PER_SECOND
        solver.parameters.max_time_in_seconds = seconds * STEADY_CLOCK_FACTOR
    else:
        solver.parameters.max_time_in_seconds = seconds
    return solver


def add_hints(
    model: cp_model.CpModel, hint, x: dict, loc: dict, evening: dict, share_min: cp_model.IntVar
) -> None:
    """Start from an earlier assignment. With every variable's value (each delegation solved
    alone on the capacity the others left) the start is complete and CP-SAT takes it as its
    first solution; otherwise the decisions are hinted and CP-SAT repairs the rest."""
    proto = model.Proto()
    if hint.values:
        known = {
            v.name: i
            for i, v in enumerate(proto.variables)
            if v.name in hint.values and i != share_min.index
        }
        if len(known) == len(proto.variables) - 1:
            shares = [
                (sum(len(h) for (t, _), h in hint.visits.items() if t == trip_id), wished)
                for trip_id, wished in _wished(x).items()
            ]
            least = min((100 * got // wished for got, wished in shares), default=100)
            proto.solution_hint.vars.extend([*known.values(), share_min.index])
            proto.solution_hint.values.extend([*(hint.values[n] for n in known), least])
            return
    for (trip_id, host_id, day), var in x.items():
        model.add_hint(var, host_id in hint.visits.get((trip_id, day), ()))
    for (trip_id, day, half, city), var in loc.items():
        if (trip_id, day, half) in hint.city:
            model.add_hint(var, hint.city[trip_id, day, half] == city)
    for key, var in evening.items():
        if key in hint.evening:
            model.add_hint(var, hint.evening[key])


def _wished(x: dict) -> dict[str, int]:
    """Per delegation, the wishes the model can place."""
    hosts: dict[str, set[str]] = {}
    for trip_id, host_id, _ in x:
        hosts.setdefault(trip_id, set()).add(host_id)
    return {trip_id: len(found) for trip_id, found in hosts.items()}


def read_answer(answer, solver: cp_model.CpSolver, x: dict, loc: dict, evening: dict, model=None):
    """Fill `answer` with the solver's visits per delegation and date, cities, evening moves
    (and, given the model, every variable's value by name)."""
    if model is not None:
        values = solver.response_proto.solution
        answer.values = {v.name: values[i] for i, v in enumerate(model.Proto().variables) if v.name}
    for (trip_id, host_id, day), var in x.items():
        if solver.value(var):
            answer.visits.setdefault((trip_id, day), []).append(host_id)
    for (trip_id, day, half, city), var in loc.items():
        if solver.value(var):
            answer.city[trip_id, day, half] = city
    for key, var in evening.items():
        answer.evening[key] = bool(solver.value(var))
    return answer
