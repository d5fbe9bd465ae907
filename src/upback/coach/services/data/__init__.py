"""Your data: export everything a person owns, import it into a fresh account, delete the account.

The export is one zip: `upback.json` (every row, nested by model, with natural keys instead of
database ids: a session names its plan by version number) and one CSV per table for
spreadsheets, with a short README.txt. The file format is the pydantic models in `format.py`;
`TABLES` ties each database model to its row model, and a test checks that every concrete field of
every coach model is either in the file or deliberately left out (ids and owner links), so a new
field cannot be dropped silently.

Import reads that JSON back (inside the zip, or bare), validates it strictly, refuses an account
that already has data, and writes it all-or-nothing in one transaction.

One module per job (`format`, `export`, `csv_files`, `importing`, `deletion`); this package
re-exports their public names so callers may write `from upback.coach.services.data import X`.
"""

from upback.coach.services.data.csv_files import Column, Row
from upback.coach.services.data.deletion import account_delete
from upback.coach.services.data.export import (
    README,
    DataExport,
    data_export,
    data_export_document,
    data_export_filename,
    data_export_json,
)
from upback.coach.services.data.format import (
    FORMAT_NAME,
    FORMAT_VERSION,
    JSON_NAME,
    TABLES,
    AccountRow,
    CheckInRow,
    ClearanceRow,
    ExportDocument,
    OwnerInfo,
    PlanRow,
    ProfileRow,
    ReviewRow,
    Score,
    ScreeningRow,
    SessionItemRow,
    SessionRow,
    Table,
)
from upback.coach.services.data.importing import (
    MAX_FILE_BYTES,
    NOT_AN_EXPORT,
    AccountNotEmpty,
    ImportSummary,
    data_import,
)

__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "JSON_NAME",
    "MAX_FILE_BYTES",
    "NOT_AN_EXPORT",
    "README",
    "TABLES",
    "AccountNotEmpty",
    "AccountRow",
    "CheckInRow",
    "ClearanceRow",
    "Column",
    "DataExport",
    "ExportDocument",
    "ImportSummary",
    "OwnerInfo",
    "PlanRow",
    "ProfileRow",
    "ReviewRow",
    "Row",
    "Score",
    "ScreeningRow",
    "SessionItemRow",
    "SessionRow",
    "Table",
    "account_delete",
    "data_export",
    "data_export_document",
    "data_export_filename",
    "data_export_json",
    "data_import",
]
