"""The two cases from the articles, planned by the period planner on the shipped directory.

The directory records carry no visiting hours or capacities (the articles give none), so the
planner assumes working days 09:00-18:00 and says so; nothing is invented here.
"""

from __future__ import annotations

import json
from datetime import date, time
from pathlib import Path

from matcher.planning.period import Host, PeriodPlan, Trip, Wish, plan_period
from matcher.planning.transport import Transport

ROOT = Path(__file__).resolve().parents[1]
ECOMMERCE = [
    "Qifu Xinshang Science Park",
    "Zhong'an Innovation Park",
    "TUS Caohejing Science Park",
    "5808 Live Streaming Base",
    "G60 Innovation Research Center",
    "Belt and Road Teaching and Practice Base",
]
SOLAR = [
    "Jingrui New Materials",
    "iFlytek",
    "Lingang Songjiang Science and Technology City",
    "G60 Xuancheng Sci-Tech Center",
    "Huasun New Energy",
    "Conch Building Photovoltaic",
    "Advanced Photovoltaic Research Institute",
    "Kaisheng New Energy",
]


def shipped_hosts() -> dict[str, Host]:
    """The shipped organisations as hosts; a site is the outermost park of the parent chain."""
    records = json.loads((ROOT / "data" / "organisations.json").read_text("utf-8"))
    records = records["organisations"] if isinstance(records, dict) else records
    parent = {r["name"]: r.get("parent") or None for r in records}

    def site(name: str) -> str:
        seen = {name}
        while parent.get(name) and parent[name] not in seen:
            name = parent[name]
            seen.add(name)
        return name

    return {
        r["name"]: Host(
            r["name"], r["name"], r["city"], site(r["name"]), None, r.get("capacity"),
            r.get("visit_minutes") or 60, r.get("latitude"), r.get("longitude"),
        )
        for r in records
    }  # fmt: skip


def show(period: PeriodPlan) -> None:
    """Print each day: hotel, items with times, modes and cities; then what was left off."""
    for plan in period.plans:
        print(f"  {plan.trip.name} ({period.status}, {period.seconds:.2f} s)")
        for day in plan.days:
            note = f" [{day.note}]" if day.note else ""
            print(f"    {day.date:%a %Y-%m-%d}, night in {day.hotel or '(leaves)'}{note}")
            for item in day.items:
                when = f"{item.start // 60:02d}:{item.start % 60:02d}-" \
                       f"{item.end // 60:02d}:{item.end % 60:02d}"  # fmt: skip
                if item.kind == "visit":
                    print(f"      {when} visit {item.host_id} ({item.city})")
                elif item.kind == "travel":
                    print(f"      {when} {item.mode} {item.from_city} -> {item.to_city}")
                else:
                    print(f"      {when} lunch")
        for missing in plan.unplaced:
            print(f"    not placed: {missing.host_id}: {missing.reason}")


def cases(table: Transport, time_limit: float) -> None:
    """Plan and print both cases."""
    hosts = shipped_hosts()
    shop = Trip(
        "ecommerce", "E-commerce delegation, six Songjiang sites in a day and a half",
        date(2027, 1, 11), date(2027, 1, 12), tuple(Wish(n, 0.9) for n in ECOMMERCE),
        arrival_time=time(9, 0), departure_time=time(13, 0),
    )  # fmt: skip
    solar = Trip(
        "solar", "Solar delegation, best hosts in Xuancheng and Hefei",
        date(2027, 1, 11), date(2027, 1, 13),
        tuple(Wish(n, 0.9 if n in SOLAR[:2] else 0.6) for n in SOLAR),
    )  # fmt: skip
    print("Cases from the articles (shipped directory; no hours on record: 09:00-18:00 assumed):")
    show(plan_period([shop], hosts, table, time_limit=time_limit))
    show(plan_period([solar], hosts, table, time_limit=time_limit))
