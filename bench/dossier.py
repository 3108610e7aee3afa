"""Dossier benchmark: how long one delegation's PDF dossier takes to write, warm.

Run from the repository root: .venv/bin/python bench/dossier.py [--renders 20] [--languages en,ar]

The plan is generated (synthetic hosts, names and contacts; nothing here is about a real
organisation): 15 hosts in four cities, planned over five working days by the greedy planner,
each host with a Chinese name, a profile, shared sectors and terms and a contact. The first
render of each language prepares the fonts (once per process) and is reported apart; then
the dossier is written ``--renders`` times and the median and 95th percentile are printed,
of the wall-clock time and of the process's CPU time (on a shared machine the first includes
waiting for a core).
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import replace
from datetime import date

from matcher.exports.dossier import dossier_to_pdf
from matcher.exports.dossier_model import Dossier, HostFile
from matcher.planning import PlanSettings, VisitRequest, plan_itinerary
from matcher.reference import cities

CITIES = ("songjiang", "suzhou", "jiaxing", "songjiang", "huzhou")
SECTORS = ("Cross-border e-commerce", "Photovoltaics", "Smart manufacturing", "Biomedicine")
CHINESE = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰"


def generated_dossier(language: str) -> Dossier:
    """Five days from Monday 7 June 2027, 15 synthetic hosts, up to five a day."""
    shipped = cities.load()
    requests = [
        VisitRequest(
            f"host-{n}",
            f"Synthetic Host {n} Technology Co.",
            CITIES[n % len(CITIES)],
            strength=1 - n / 30,
            host_languages=("zh", "en") if n % 2 else ("zh",),
        )
        for n in range(15)
    ]
    settings = PlanSettings(
        date(2027, 6, 7), date(2027, 6, 11), max_visits_per_day=5, languages=("ar",)
    )
    plan = plan_itinerary(requests, settings, shipped.travel_minutes)
    hosts = {
        f"host-{n}": HostFile(
            name=f"Synthetic Host {n} Technology Co.",
            name_local=f"合成{CHINESE[n]}科技有限公司",
            address=f"{n + 1} Example Road",
            description="A generated host for the benchmark. " * 6,
            offers="Production lines, pilot plants and training for partners abroad.",
            seeks="Distributors and research partners in Belt and Road countries.",
            shared_sectors=(SECTORS[n % 4], SECTORS[(n + 1) % 4]),
            shared_terms=("solar modules", "logistics"),
            found_in=("offers",),
            public_contact=f"+86 21 5000 {n:04d}, host{n}@example.org",
        )
        for n in range(15)
    }
    return Dossier(
        plan=plan,
        delegation="Synthetic delegation",
        language=language,
        arrival=settings.arrival,
        departure=settings.departure,
        group_size=14,
        contact_name="A. Delegate",
        contact_email="delegate@example.org",
        contact_phone="+20 2 0000 0000",
        coordinators_contact="Coordinators, office@example.org",
        hosts=hosts,
        cities=list(shipped.by_slug.values()),
        version=2,
        issued=date(2027, 6, 1),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renders", type=int, default=20)
    parser.add_argument("--languages", default="en,ar")
    args = parser.parse_args()
    for language in args.languages.split(","):
        dossier = generated_dossier(language)
        start = time.perf_counter()
        data = dossier_to_pdf(dossier)
        first = time.perf_counter() - start
        wall, cpu = [], []
        for number in range(args.renders):
            # A new version each time: the document differs, as successive downloads do.
            again = replace(dossier, version=dossier.version + number)
            start, start_cpu = time.perf_counter(), time.process_time()
            dossier_to_pdf(again)
            wall.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        print(
            f"{language}: {len(dossier.plan.days)} days, {len(dossier.plan.visits)} hosts, "
            f"{len(data) // 1024} KiB; first render {first * 1000:.0f} ms; "
            f"{args.renders} warm renders: wall {_figures(wall)}; CPU {_figures(cpu)}"
        )


def _figures(timings: list[float]) -> str:
    ordered = sorted(timings)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"p50 {statistics.median(ordered) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms"


if __name__ == "__main__":
    main()
