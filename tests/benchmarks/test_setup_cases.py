"""The set-up bug cases as data: unique ids, sources empty or https links, shown in the report."""

from __future__ import annotations

from urllib.parse import urlparse

from benchmarks.setup_bugs import cases_table
from benchmarks.setup_cases import CASES


def test_case_ids_are_unique() -> None:
    ids = [c.case_id for c in CASES]
    assert len(ids) == 18
    assert len(set(ids)) == len(ids)


def test_every_source_is_empty_or_an_https_url() -> None:
    for case in CASES:
        if not case.source:
            continue
        url = urlparse(case.source)
        assert url.scheme == "https" and url.netloc and url.path.strip("/"), case.case_id
        assert case.source == case.source.strip() and " " not in case.source, case.case_id
    assert sum(bool(c.source) for c in CASES) >= 10  # most cases have a public question


def test_cases_table_has_a_row_per_case_with_its_source() -> None:
    rows = cases_table(list(CASES)).splitlines()[2:]
    assert len(rows) == len(CASES)
    for case, row in zip(CASES, rows, strict=True):
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert cells[0] == case.case_id
        assert cells[-1] == (case.source or "none found")
