"""Display names of the contract codes: statuses, payment forms, processes, tender results,
request categories and document kinds, in the UI language.

What is stored stays as it is: the enum values ("active", "no_bid") and the document kind as
the town wrote it (仕様書). In Japanese the names are the core's words (``CONTRACT_STATUS_JA``
and the like, which the audit summaries use too); in English they are the source strings
below, which go through the translation like every UI word (their Japanese, in
resources/translations/ja_english_names.json, is the core's words: a test keeps the two
equal). The language is passed in as in ``catalogue_names``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..core.contracts import (
    CONTRACT_STATUS_JA,
    PAYMENT_FORM_JA,
    PROCESS_JA,
    TENDER_RESULT_JA,
    ContractStatus,
    PaymentForm,
    Process,
    TenderResult,
)
from ..core.performance import REQUEST_CATEGORY_JA, RequestCategory
from .catalogue_names import DEFAULT_LANGUAGE

#: Document kinds as the town files them (stored as written: the kind is data, not a code).
DOCUMENT_KINDS = ("仕様書", "契約書", "協定書", "図面", "その他")


def english_names() -> dict[str, dict[str, str]]:
    """The English name of every code, per table (read when asked, never at import time, so
    the translation in effect applies). Tables by name, since StrEnum members of different
    enums that share a value ("other") are equal keys. Each string is written out in its
    translate() call, where lupdate finds it."""
    return {
        "status": {
            ContractStatus.DRAFT: QCoreApplication.translate("ContractNames", "Draft"),
            ContractStatus.TENDERING: QCoreApplication.translate("ContractNames", "Out to tender"),
            ContractStatus.ACTIVE: QCoreApplication.translate("ContractNames", "In force"),
            ContractStatus.COMPLETED: QCoreApplication.translate("ContractNames", "Finished"),
            ContractStatus.CANCELLED: QCoreApplication.translate("ContractNames", "Cancelled"),
        },
        "payment": {
            PaymentForm.LUMP_SUM: QCoreApplication.translate("ContractNames", "Lump sum"),
            PaymentForm.UNIT_PRICE: QCoreApplication.translate("ContractNames", "Unit price"),
            PaymentForm.MIXED: QCoreApplication.translate("ContractNames", "Lump sum and unit price"),
        },
        "process": {
            Process.PATROL: QCoreApplication.translate("ContractNames", "Patrol"),
            Process.CLEANING: QCoreApplication.translate("ContractNames", "Cleaning"),
            Process.PAVEMENT_REPAIR: QCoreApplication.translate("ContractNames", "Pavement repair"),
            Process.SNOW_REMOVAL: QCoreApplication.translate("ContractNames", "Snow removal"),
            Process.INSPECTION: QCoreApplication.translate("ContractNames", "Inspection"),
            Process.REPAIR_DESIGN: QCoreApplication.translate("ContractNames", "Repair design"),
            Process.WORKS: QCoreApplication.translate("ContractNames", "Works"),
            Process.CALL_CENTRE: QCoreApplication.translate("ContractNames", "Residents' contact desk"),
            Process.OTHER: QCoreApplication.translate("ContractNames", "Other"),
        },
        "tender": {
            TenderResult.AWARDED: QCoreApplication.translate("ContractNames", "Awarded"),
            TenderResult.NO_BID: QCoreApplication.translate("ContractNames", "No valid bid"),
            TenderResult.OVER_CEILING: QCoreApplication.translate("ContractNames",
                                                                  "All bids over the ceiling"),
            TenderResult.PENDING: QCoreApplication.translate("ContractNames", "Not opened yet"),
        },
        "request": {
            RequestCategory.POTHOLE: QCoreApplication.translate("ContractNames", "Pothole"),
            RequestCategory.FALLEN_TREE: QCoreApplication.translate("ContractNames", "Fallen tree"),
            RequestCategory.DRAINAGE: QCoreApplication.translate("ContractNames", "Gutter / drainage"),
            RequestCategory.GUARDRAIL: QCoreApplication.translate("ContractNames", "Guardrail"),
            RequestCategory.SIGN_LIGHT: QCoreApplication.translate("ContractNames", "Sign / street light"),
            RequestCategory.SNOW: QCoreApplication.translate("ContractNames", "Snow"),
            RequestCategory.OTHER: QCoreApplication.translate("ContractNames", "Other"),
        },
        "document": {
            "仕様書": QCoreApplication.translate("ContractNames", "Specification"),
            "契約書": QCoreApplication.translate("ContractNames", "Contract document"),
            "協定書": QCoreApplication.translate("ContractNames", "Agreement"),
            "図面": QCoreApplication.translate("ContractNames", "Drawing"),
            "その他": QCoreApplication.translate("ContractNames", "Other"),
        },
    }


def japanese_names() -> dict[str, dict[str, str]]:
    """The core's Japanese word of every code, per table as ``english_names``."""
    return {"status": dict(CONTRACT_STATUS_JA), "payment": dict(PAYMENT_FORM_JA),
            "process": dict(PROCESS_JA), "tender": dict(TENDER_RESULT_JA),
            "request": dict(REQUEST_CATEGORY_JA), "document": {k: k for k in DOCUMENT_KINDS}}


def _name(table: str, code: str, language: str) -> str:
    """The name of a code in ``language``; a code the table does not know (a newer
    program's, a kind typed by hand) is shown as stored."""
    names = english_names() if language == "en" else japanese_names()
    return names[table].get(code, str(code))


def contract_status_name(status: str, language: str = DEFAULT_LANGUAGE) -> str:
    return _name("status", status, language)


def payment_form_name(form: str, language: str = DEFAULT_LANGUAGE) -> str:
    return _name("payment", form, language)


def process_name(process: str, language: str = DEFAULT_LANGUAGE) -> str:
    return _name("process", process, language)


def tender_result_name(result: str, language: str = DEFAULT_LANGUAGE) -> str:
    return _name("tender", result, language)


def request_category_name(category: str, language: str = DEFAULT_LANGUAGE) -> str:
    return _name("request", category, language)


def document_kind_name(kind: str, language: str = DEFAULT_LANGUAGE) -> str:
    """A stored document kind on screen: the offered kinds translate, others show as typed."""
    return _name("document", kind, language)
