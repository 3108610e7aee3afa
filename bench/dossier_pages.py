"""The e-commerce delegation's dossier from the articles, written to files to look at.

Run from the repository root: .venv/bin/python bench/dossier_pages.py [OUT_DIR]

A throwaway instance (temporary folder, SQLite) loads the shipped directory; a delegation like
the Belt and Road e-commerce training group (20 people, Monday 11 to Tuesday 12 January 2027,
leaving at 13:00) registers, the engine proposes partners, the six Songjiang sites the articles
name are accepted and every other suggestion rejected, the itinerary is planned and published.
The delegate's dossier in English and in Arabic and the coordinators' copy of the draft are
written to OUT_DIR (default ``bench/out/dossier``), then turned into 50 dpi PNG pages with
``pdftoppm`` (Debian's poppler-utils) when it is installed. The delegation's contact is made up.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

SITES = (
    "Qifu Xinshang Science Park",
    "Zhong'an Innovation Park",
    "TUS Caohejing Science Park",
    "5808 Live Streaming Base",
    "G60 Innovation Research Center",
    "Belt and Road Teaching and Practice Base",
)


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "bench/out/dossier")
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="g60-dossier-pages-"))
    os.environ["MATCHER_INSTANCE_PATH"] = str(work)
    from sqlmodel import select

    from matcher import create_app
    from matcher.db import get_engine, session_scope, upgrade_schema
    from matcher.models import (
        DelegationDetails,
        InterestDetails,
        Match,
        MatchStatus,
        Organisation,
    )
    from matcher.services import delegations, directory, itinerary, recommend
    from matcher.services.dossier import dossier_file

    app = create_app({"DATABASE_URL": f"sqlite:///{work}/db.sqlite3", "SECRET_KEY": "pages"})
    upgrade_schema(get_engine(app))
    with app.app_context(), session_scope(app) as session:
        directory.load_shipped_directory(session=session)
        details = DelegationDetails(
            name="Belt and Road e-commerce training delegation",
            country="EG",
            kind="government",
            contact_name="Delegation contact",
            contact_email="contact@delegation.example",
            arrival=date(2027, 1, 11),
            departure=date(2027, 1, 12),
            group_size=20,
            consent_at=datetime.now(UTC),
            languages=["ar", "en"],
            locale="ar",
        )
        interest = InterestDetails(
            seeks="cross-border e-commerce, live streaming and international supply chain "
            "cooperation; bring our products to the Chinese market",
            sectors=["cross-border-ecommerce"],
        )
        delegation = delegations.register_delegation(
            session=session, token=delegations.new_token(), details=details, interest=interest
        )
        recommend.propose_matches(session=session, delegation=delegation)
        found = {m.organisation.name: m for m in delegation.matches}
        for name in SITES:
            if name not in found:
                query = select(Organisation).where(Organisation.name == name)
                host = session.exec(query).one()
                found[name] = Match(
                    delegation_id=delegation.id, organisation_id=host.id, added_by_coordinator=True
                )
                session.add(found[name])
        for name, match in found.items():
            match.status = MatchStatus.accepted if name in SITES else MatchStatus.rejected
        session.flush()
        session.expire(delegation, ["matches"])
        plan = itinerary.itinerary_for(session=session, delegation=delegation)
        plan.settings = {**plan.settings, "departure_time": "13:00"}
        itinerary.plan_visits(session=session, delegation=delegation)
        itinerary.publish(session=session, itinerary=plan)
        copies = (
            ("en", itinerary.published(plan), "en"),
            ("ar", itinerary.published(plan), "ar"),
            ("coordinator", itinerary.draft(plan), "en"),
        )
        for stem, stored, language in copies:
            assert stored is not None
            data, _, name = dossier_file(
                itinerary=plan, delegation=delegation, stored=stored, language=language
            )
            (out / f"{stem}.pdf").write_bytes(data)
            print(f"{out / stem}.pdf  ({name}, {len(data):,} bytes)")
    shutil.rmtree(work, ignore_errors=True)
    if shutil.which("pdftoppm"):
        for stem, _, _ in copies:
            subprocess.run(["pdftoppm", "-png", "-r", "50", out / f"{stem}.pdf", out / stem])
        print(f"pages: {out}/*.png")


if __name__ == "__main__":
    main()
