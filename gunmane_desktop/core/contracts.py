"""Bundled (群マネ) contracts: orderers and their cost shares, contractor, period, tenders.

A contract has one or more orderers (towns and/or the prefecture), one contractor (a
company, a JV with members and a representative, or a 事業協同組合), a multi-year period with
the 債務負担行為 amount of each fiscal year, a payment form, the processes it bundles, a
scope of assets and a status. Tenders keep their result (落札 / 不調 / 不落) and the chain of
re-tenders. Money is integer 円; fiscal years are integers. Stdlib only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from .models import FieldError
from .organisations import Organisation, OrgKind
from .wareki import fiscal_year_of


class PaymentForm(StrEnum):
    LUMP_SUM = "lump_sum"  # 総価
    UNIT_PRICE = "unit_price"  # 単価
    MIXED = "mixed"  # 総価 + 単価


PAYMENT_FORM_JA = {PaymentForm.LUMP_SUM: "総価", PaymentForm.UNIT_PRICE: "単価",
                   PaymentForm.MIXED: "総価・単価併用"}


class Process(StrEnum):
    PATROL = "patrol"
    CLEANING = "cleaning"
    PAVEMENT_REPAIR = "pavement_repair"
    SNOW_REMOVAL = "snow_removal"
    INSPECTION = "inspection"
    REPAIR_DESIGN = "repair_design"
    WORKS = "works"
    CALL_CENTRE = "call_centre"
    OTHER = "other"


PROCESS_JA = {Process.PATROL: "巡回", Process.CLEANING: "清掃", Process.PAVEMENT_REPAIR: "舗装補修",
              Process.SNOW_REMOVAL: "除雪", Process.INSPECTION: "点検", Process.REPAIR_DESIGN: "補修設計",
              Process.WORKS: "工事", Process.CALL_CENTRE: "住民対応窓口", Process.OTHER: "その他"}


class ContractStatus(StrEnum):
    DRAFT = "draft"  # 起案中 (e.g. a lot exported from the bundling assistant)
    TENDERING = "tendering"  # 入札中
    ACTIVE = "active"  # 履行中
    COMPLETED = "completed"  # 完了
    CANCELLED = "cancelled"  # 中止


CONTRACT_STATUS_JA = {ContractStatus.DRAFT: "起案中", ContractStatus.TENDERING: "入札中",
                      ContractStatus.ACTIVE: "履行中", ContractStatus.COMPLETED: "完了",
                      ContractStatus.CANCELLED: "中止"}


class ShareMethod(StrEnum):
    FIXED = "fixed"  # by the agreed ratios of the orderers
    BY_ASSETS = "by_assets"  # by the number of scope assets each orderer owns


CONTRACTOR_KINDS = (OrgKind.COMPANY, OrgKind.JV, OrgKind.COOPERATIVE)


@dataclass(frozen=True, slots=True)
class Orderer:
    """One ordering organisation; ``ratio`` is its weight under ShareMethod.FIXED."""

    org: str
    ratio: float = 1.0
    lead: bool = False  # the organisation that runs the tender and signs (幹事団体)


@dataclass(slots=True)
class Contract:
    id: str
    owner: str  # the lead orderer: it owns the contract's rows
    number: str
    title: str
    orderers: tuple[Orderer, ...]
    contractor: str | None  # organisation code; None while not yet awarded
    start_on: dt.date
    end_on: dt.date
    amount_yen: int | None = None  # contract price (or ceiling while a draft)
    budget_by_fy: dict[int, int] = field(default_factory=dict)  # 債務負担行為 per 年度
    payment_form: PaymentForm = PaymentForm.LUMP_SUM
    processes: tuple[Process, ...] = ()
    share_method: ShareMethod = ShareMethod.FIXED
    status: ContractStatus = ContractStatus.DRAFT
    note: str = ""

    @property
    def fiscal_years(self) -> tuple[int, ...]:
        return fiscal_years_between(self.start_on, self.end_on)

    def validate(self, contractor: Organisation | None = None) -> list[FieldError]:
        errors: list[FieldError] = []
        if not self.title.strip():
            errors.append(FieldError("title", "件名を入力してください"))
        if not self.orderers:
            errors.append(FieldError("orderers", "発注者を1団体以上入力してください"))
        codes = [o.org for o in self.orderers]
        if len(set(codes)) != len(codes):
            errors.append(FieldError("orderers", "同じ発注者が重複しています"))
        if self.orderers and self.owner not in codes:
            errors.append(FieldError("owner", f"契約の管理団体 {self.owner} が発注者にありません"))
        if sum(o.lead for o in self.orderers) > 1:
            errors.append(FieldError("orderers", "幹事団体は1団体だけです"))
        if self.share_method is ShareMethod.FIXED and any(o.ratio < 0 for o in self.orderers):
            errors.append(FieldError("orderers", "負担割合は0以上にしてください"))
        if (self.share_method is ShareMethod.FIXED and self.orderers
                and sum(o.ratio for o in self.orderers) <= 0):
            errors.append(FieldError("orderers", "負担割合の合計が0です"))
        if self.status in (ContractStatus.ACTIVE, ContractStatus.COMPLETED) and not self.contractor:
            errors.append(FieldError("contractor", "履行中・完了の契約には受注者が必要です"))
        if self.end_on < self.start_on:
            errors.append(FieldError("end_on", "終了日が開始日より前です"))
        years = set(self.fiscal_years)
        for fy, yen in self.budget_by_fy.items():
            if fy not in years:
                errors.append(FieldError("budget_by_fy", f"{fy}年度は契約期間外です"))
            if yen < 0:
                errors.append(FieldError("budget_by_fy", f"{fy}年度の額が負です"))
        if self.amount_yen is not None:
            if self.amount_yen < 0:
                errors.append(FieldError("amount_yen", "契約額は0以上の整数 (円) です"))
            elif self.budget_by_fy and sum(self.budget_by_fy.values()) < self.amount_yen:
                errors.append(FieldError("budget_by_fy", "債務負担行為の合計が契約額に足りません"))
        if contractor is not None:
            errors.extend(validate_contractor(contractor))
        return errors


def fiscal_years_between(start: dt.date, end: dt.date) -> tuple[int, ...]:
    """The 年度 a period touches, e.g. 2025-04-01..2030-03-31 -> 2025..2029."""
    first, last = fiscal_year_of(start), fiscal_year_of(end)
    return tuple(range(first, last + 1))


def validate_contractor(org: Organisation) -> list[FieldError]:
    """A contractor is a company, a JV (members + representative) or a 事業協同組合."""
    errors: list[FieldError] = []
    if org.kind not in CONTRACTOR_KINDS:
        errors.append(FieldError("contractor", f"{org.name} は受注者になれる種類 (企業・JV・事業協同組合) "
                                               "ではありません"))
    if org.kind is OrgKind.JV:
        if len(org.members) < 2:
            errors.append(FieldError("contractor", f"JV「{org.name}」の構成員は2社以上必要です"))
        if org.representative not in org.members:
            errors.append(FieldError("contractor", f"JV「{org.name}」の代表者が構成員にありません"))
    return errors


def allocate(total_yen: int, weights: Mapping[str, float]) -> dict[str, int]:
    """Split ``total_yen`` in proportion to ``weights``, in whole yen that add up exactly.

    Largest remainder; ties go to the larger weight, then to the code (deterministic).
    """
    if total_yen < 0:
        raise ValueError("total_yen must be >= 0")
    positive = {k: float(w) for k, w in weights.items() if w > 0}
    if not positive:
        raise ValueError("負担の基準がすべて0です (all weights are zero)")
    wsum = sum(positive.values())
    exact = {k: total_yen * w / wsum for k, w in positive.items()}
    out = {k: int(v) for k, v in exact.items()}
    rest = total_yen - sum(out.values())
    order = sorted(positive, key=lambda k: (-(exact[k] - out[k]), -positive[k], k))
    for k in order[:rest]:
        out[k] += 1
    return {k: out.get(k, 0) for k in weights}


def cost_shares(total_yen: int, orderers: Sequence[Orderer], method: ShareMethod,
                assets_by_owner: Mapping[str, int] | None = None) -> dict[str, int]:
    """Each orderer's share of ``total_yen``.

    FIXED uses the orderers' ratios; BY_ASSETS the number (or any measure, e.g. estimated
    cost) of scope assets each orderer owns, given in ``assets_by_owner``.
    """
    if method is ShareMethod.FIXED:
        weights = {o.org: o.ratio for o in orderers}
    else:
        counts = assets_by_owner or {}
        weights = {o.org: float(counts.get(o.org, 0)) for o in orderers}
        foreign = set(counts) - set(weights)
        if foreign:
            raise ValueError("対象施設の管理者が発注者にありません: " + ", ".join(sorted(foreign)))
    return allocate(total_yen, weights)


def shares_by_fiscal_year(contract: Contract,
                          assets_by_owner: Mapping[str, int] | None = None) -> dict[int, dict[str, int]]:
    """Per 年度 and orderer, the share of that year's 債務負担行為 amount."""
    return {fy: cost_shares(yen, contract.orderers, contract.share_method, assets_by_owner)
            for fy, yen in sorted(contract.budget_by_fy.items())}


# -- tenders --------------------------------------------------------------------------------

class TenderResult(StrEnum):
    AWARDED = "awarded"  # 落札
    NO_BID = "no_bid"  # 不調: no valid bid
    OVER_CEILING = "over_ceiling"  # 不落: every bid above the ceiling price
    PENDING = "pending"  # not opened yet


TENDER_RESULT_JA = {TenderResult.AWARDED: "落札", TenderResult.NO_BID: "不調",
                    TenderResult.OVER_CEILING: "不落", TenderResult.PENDING: "未開札"}
FAILED_RESULTS = (TenderResult.NO_BID, TenderResult.OVER_CEILING)


@dataclass(frozen=True, slots=True)
class Bid:
    bidder: str  # organisation code (or name when not registered)
    amount_yen: int | None  # None: declined (辞退) or invalid


@dataclass(slots=True)
class Tender:
    id: str
    owner: str
    contract_id: str
    notice_on: dt.date
    ceiling_yen: int  # 予定価格
    bids: tuple[Bid, ...] = ()
    opened_on: dt.date | None = None
    round: int = 1
    previous_id: str | None = None  # the failed tender this one re-runs
    result: TenderResult = TenderResult.PENDING
    note: str = ""

    @property
    def lowest_bid_yen(self) -> int | None:
        amounts = [b.amount_yen for b in self.bids if b.amount_yen is not None]
        return min(amounts) if amounts else None

    @property
    def winner(self) -> str | None:
        if self.result is not TenderResult.AWARDED:
            return None
        valid = sorted((b.amount_yen, i, b.bidder) for i, b in enumerate(self.bids)
                       if b.amount_yen is not None and b.amount_yen <= self.ceiling_yen)
        return valid[0][2] if valid else None

    @property
    def fiscal_year(self) -> int:
        return fiscal_year_of(self.notice_on)

    def validate(self) -> list[FieldError]:
        errors: list[FieldError] = []
        if self.ceiling_yen <= 0:
            errors.append(FieldError("ceiling_yen", "予定価格を入力してください"))
        if self.opened_on and self.opened_on < self.notice_on:
            errors.append(FieldError("opened_on", "開札日が公告日より前です"))
        if self.round > 1 and not self.previous_id:
            errors.append(FieldError("previous_id", "再入札には前回の入札が必要です"))
        if self.result is not TenderResult.PENDING and self.result is not judge(self):
            errors.append(FieldError("result", f"結果「{TENDER_RESULT_JA[self.result]}」が入札額と合いません "
                                               f"(入札額からは「{TENDER_RESULT_JA[judge(self)]}」)"))
        return errors


def judge(tender: Tender) -> TenderResult:
    """The result the bids give: no valid bid 不調, all above the ceiling 不落, else 落札."""
    lowest = tender.lowest_bid_yen
    if lowest is None:
        return TenderResult.NO_BID
    if lowest > tender.ceiling_yen:
        return TenderResult.OVER_CEILING
    return TenderResult.AWARDED


def retender_chain(tenders: Iterable[Tender], last_id: str) -> list[Tender]:
    """The tenders that led to ``last_id``, first round first."""
    by_id = {t.id: t for t in tenders}
    chain: list[Tender] = []
    current: str | None = last_id
    while current is not None:
        if current in (t.id for t in chain):
            raise ValueError(f"再入札の連鎖が循環しています: {current}")
        tender = by_id[current]
        chain.append(tender)
        current = tender.previous_id
    return chain[::-1]


@dataclass(frozen=True, slots=True)
class FailureRate:
    key: str | int  # fiscal year or organisation code
    tenders: int
    failed: int

    @property
    def rate(self) -> float:
        return self.failed / self.tenders if self.tenders else 0.0


def failed_tender_rate(tenders: Iterable[Tender], *, by: str = "year",
                       orderers: Mapping[str, Sequence[str]] | None = None) -> list[FailureRate]:
    """不調・不落 rate of opened tenders per fiscal year (``by="year"``) or per orderer.

    Each tender counts once (every round is a tender). For ``by="org"``, ``orderers`` maps a
    contract id to its orderer codes; a joint tender counts for each of its orderers.
    """
    counts: dict[str | int, list[int]] = {}
    for t in tenders:
        if t.result is TenderResult.PENDING:
            continue
        if by == "year":
            keys: Sequence[str | int] = (t.fiscal_year,)
        elif by == "org":
            keys = tuple((orderers or {}).get(t.contract_id, (t.owner,)))
        else:
            raise ValueError(f"by must be 'year' or 'org', not {by!r}")
        for key in keys:
            c = counts.setdefault(key, [0, 0])
            c[0] += 1
            c[1] += t.result in FAILED_RESULTS
    return [FailureRate(k, n, f) for k, (n, f) in sorted(counts.items(), key=lambda kv: str(kv[0]))]
