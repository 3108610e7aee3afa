"""Reading an organisations JSON file takes time in proportion to its size.

Synthetic records (``Synthetic Company N``) in files of about 0.6, 1.2, 2.4 and 4.8 MB are read
with ``matcher.services.records.read_json`` (which also finds the line of every record); prints
seconds and seconds per MB for each size.
"""

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from matcher.services.records import read_json  # noqa: E402


def document(records: int) -> str:
    organisations = [
        {
            "name": f"Synthetic Company {n}",
            "kind": "company",
            "city": "hefei",
            "description": "x" * 120,
        }
        for n in range(records)
    ]
    return json.dumps({"organisations": organisations}, indent=2)


def main() -> int:
    for records in (2_500, 5_000, 10_000, 20_000):
        text = document(records)
        started = time.perf_counter()
        read_json(text)
        seconds = time.perf_counter() - started
        megabytes = len(text.encode()) / 1e6
        sys.stdout.write(
            f"{megabytes:4.1f} MB, {records:6d} records: {seconds:5.2f} s, "
            f"{seconds / megabytes:4.2f} s/MB\n"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
