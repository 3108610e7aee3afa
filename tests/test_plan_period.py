"""plan-period: every delegation of a period planned together, drafts saved, JSON printed."""

import json
from datetime import date

from sqlmodel import select

from matcher.models import Delegation, DelegationStatus, Itinerary

from .conftest import accept_top

MONDAY = date(2027, 1, 11)


def test_a_week_of_delegations_is_planned_in_one_step(shipped, make_delegation, runner, session):
    solar = make_delegation(
        seeks="solar photovoltaic modules", sectors=(), arrival=MONDAY, name="Solar delegation"
    )
    shop = make_delegation(arrival=MONDAY, days=2, name="E-commerce delegation")
    idle = make_delegation(arrival=MONDAY, days=3, name="Idle delegation")
    wanted = {str(d): {str(i) for i in accept_top(shipped, d)} for d in (solar, shop)}

    result = runner.invoke(
        args=["plan-period", "2027-01-10", "2027-01-17", "--json", "--time-limit", "5"]
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert set(document["metrics"]) == {
        "placed_share_min", "placed_share_mean", "travel_minutes", "seconds", "solver_status"
    }  # fmt: skip
    assert document["metrics"]["solver_status"] in {"OPTIMAL", "FEASIBLE"}
    by_id = {d["id"]: d for d in document["delegations"]}
    assert set(by_id) == {str(solar), str(shop), str(idle)}
    for delegation_id, hosts in wanted.items():
        entry = by_id[delegation_id]
        placed = {
            i["organisation_id"] for d in entry["days"] for i in d["items"] if i["kind"] == "visit"
        }
        assert placed | {u["organisation_id"] for u in entry["unplaced"]} == hosts
        assert all(u["reason"] for u in entry["unplaced"])
        for day in entry["days"]:
            for item in day["items"]:
                assert item["start"] <= item["end"]
                if item["kind"] == "visit":
                    assert item["city"] and item["organisation_id"]
                if item["kind"] == "travel":
                    assert item["mode"] in {"rail", "road", "walk"}
    assert by_id[str(idle)]["days"] and not by_id[str(idle)]["unplaced"]

    statuses = {d.id: d.status for d in session.exec(select(Delegation)).all()}
    assert statuses[solar] == statuses[shop] == DelegationStatus.itinerary_drafted
    assert statuses[idle] == DelegationStatus.new  # nothing to plan: status unchanged
    stored = session.exec(select(Itinerary).where(Itinerary.delegation_id == shop)).one()
    assert {v["organisation_id"] for d in stored.plan["days"] for v in d["items"]
            if v["type"] == "visit"} <= wanted[str(shop)]  # fmt: skip


def test_an_empty_period_says_so_and_changes_nothing(app, runner):
    result = runner.invoke(args=["plan-period", "2030-01-01", "2030-01-07", "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert document["delegations"] == []
    assert document["metrics"]["solver_status"] == "NO_DELEGATIONS"
    assert document["notes"] == ["No delegation visits in this period."]


def test_a_period_ending_before_it_starts_is_refused(app, runner):
    result = runner.invoke(args=["plan-period", "2030-01-07", "2030-01-01"])
    assert result.exit_code == 2
    assert "END is before START" in result.output
