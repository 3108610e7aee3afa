"""A small generated directory for tests of behaviour: every organisation in it is made up.

Each name starts with "Example" so it can never be taken for one of the real organisations in
data/organisations.json. Between them the records cover the nine cities, every kind of
organisation, a park holding an enclave that holds companies, an alliance with members, and
the sectors the tests' delegations ask for. They are loaded through the directory's own
import, so they meet the same rules as a coordinator's file.
"""

import json

from sqlmodel import Session

from matcher.services import directory


def record(
    name: str,
    *,
    kind: str = "company",
    city: str = "songjiang",
    sectors: tuple[str, ...] = (),
    description: str = "",
    **fields: object,
) -> dict[str, object]:
    """One organisation in the import's shape; keyword arguments fill any other field."""
    return {
        "name": name,
        "kind": kind,
        "city": city,
        "sectors": list(sectors),
        "description": description,
        **fields,
    }


OFFICE_HOURS = "Mon-Fri 09:00-12:00, 13:30-17:00"

RECORDS: tuple[dict[str, object], ...] = (
    record(
        "Example Riverside Park",
        kind="park",
        sectors=("industrial-parks", "cross-border-ecommerce"),
        description="Industrial park for cross-border e-commerce sellers and their warehouses.",
        offers="Offices, bonded warehouses and export advice for online sellers.",
        hosts_delegations=True,
        visiting_hours=OFFICE_HOURS,
        capacity=3,
    ),
    record(
        "Example Live Streaming Base",
        kind="park",
        sectors=("live-streaming-marketing", "cross-border-ecommerce", "digital-economy"),
        description="Live streaming studios where cross-border e-commerce sellers sell online.",
        offers="Studios, hosts and training in live streaming sales.",
        hosts_delegations=True,
        visiting_hours=OFFICE_HOURS,
    ),
    record(
        "Example Trade Training Centre",
        kind="platform",
        sectors=("education-training", "cross-border-ecommerce", "supply-chain-logistics"),
        description="Courses on cross-border trade, customs clearance and supply chain logistics.",
        hosts_delegations=True,
    ),
    record(
        "Example Science City",
        kind="park",
        sectors=("industrial-parks", "photovoltaics", "incubation-entrepreneurship"),
        description="Science park with incubators for young technology companies.",
        hosts_delegations=True,
    ),
    record(
        "Example Xuancheng Enclave",
        kind="enclave",
        parent="Example Science City",
        home_city="xuancheng",
        name_local="示例宣城科创中心",
        sectors=("photovoltaics", "new-energy-storage", "technology-transfer"),
        description="Innovation centre of Xuancheng inside the science city.",
    ),
    record(
        "Example Solar Cells",
        parent="Example Xuancheng Enclave",
        sectors=("photovoltaics", "new-energy-storage"),
        description="Heterojunction solar photovoltaic cells and modules.",
        offers="Solar photovoltaic modules for power plants and rooftops.",
        source="example-article.txt",
    ),
    record(
        "Example Battery Storage",
        parent="Example Xuancheng Enclave",
        sectors=("new-energy-storage",),
        description="Lithium battery packs and energy storage systems.",
    ),
    record(
        "Example Jinhua Enclave",
        kind="enclave",
        home_city="jinhua",
        sectors=("technology-transfer", "incubation-entrepreneurship"),
        description="Innovation centre of Jinhua that brings its firms to Shanghai.",
    ),
    record(
        "Example Hardware Tools",
        city="jinhua",
        sectors=("smart-manufacturing",),
        description="Power tools and hardware made on automated lines.",
    ),
    record(
        "Example Power Chips",
        city="jiaxing",
        sectors=("power-semiconductors", "integrated-circuits", "new-energy-vehicles"),
        description="IGBT modules and silicon carbide power chips for electric vehicles.",
    ),
    record(
        "Example Lake Research District",
        kind="park",
        city="jiaxing",
        sectors=("research-development", "technology-transfer", "industrial-parks"),
        description="Research institutes and laboratories around a lake.",
    ),
    record(
        "Example Fibre Cables",
        city="suzhou",
        sectors=("optical-communications",),
        description="Optical fibre, power cables and submarine cables.",
    ),
    record(
        "Example Rocket Works",
        city="huzhou",
        sectors=("aerospace",),
        description="Carrier rocket engines and launch services for satellites.",
    ),
    record(
        "Example Speech Lab",
        city="hefei",
        name_local="示例语音",
        sectors=("artificial-intelligence",),
        description="Speech recognition and machine translation software.",
    ),
    record(
        "Example Navigation Systems",
        city="hangzhou",
        sectors=("satellite-navigation",),
        description="Satellite navigation receivers and positioning services.",
    ),
    record(
        "Example New Materials",
        city="xuancheng",
        sectors=("new-materials", "environmental-protection"),
        description="Electronic chemicals and recycled materials.",
    ),
    record(
        "Example Optics",
        city="wuhu",
        sectors=("optoelectronics",),
        description="Optical lenses and infrared cameras.",
    ),
    record(
        "Example Technology Alliance",
        kind="alliance",
        sectors=("technology-transfer",),
        description="Alliance of firms and universities that license technology.",
    ),
    record(
        "Example University",
        kind="university",
        sectors=("education-training", "research-development"),
        description="University of engineering and textiles.",
        member_of=["Example Technology Alliance"],
    ),
    record(
        "Example Engineering College",
        kind="institute",
        parent="Example University",
        sectors=("education-training",),
        description="College that trains engineers with partner companies.",
    ),
    record(
        "Example Seed Fund",
        kind="fund",
        sectors=("venture-capital-finance",),
        description="Seed and venture capital for technology companies.",
        member_of=["Example Technology Alliance"],
    ),
    record(
        "Example Medical Devices",
        sectors=("medical-devices", "biomedicine"),
        description="Surgical instruments and diagnostic devices.",
    ),
)


def load_directory(*, session: Session, records: tuple[dict[str, object], ...] = RECORDS) -> int:
    """Load the sector taxonomy and these records through the import; return how many."""
    directory.sync_sectors(session=session)
    text = json.dumps({"organisations": list(records)}, ensure_ascii=False)
    return len(directory.import_organisations(session=session, text=text, filename="sample.json"))
