"""Clearly fictional demo cases for trying the desk without real client data.

``demo_cases(count, today=…)`` builds the same cases for the same ``today`` and
``seed``: every name is invented (見本・架空・仮… surnames, 見本区・架空町 addresses,
000- phone numbers), and the households cover what a desk sees: pensioners,
self-employed, salaried workers with a seized salary, single parents, 40–64-year-olds
(介護分), 65–74, foreign residents, 10割負担 (特別療養費), a 未申告 member,
involuntary unemployment, a pregnancy, arrears over several years, open and closed
cases, and deadlines — some within the next 14 days.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from kokuho_desk.model.case import (
    Arrear,
    Case,
    Childbirth,
    Contact,
    EnforcementEvent,
    Finances,
    Hardship,
    Income,
    Insurance,
    LogEntry,
    Medical,
    Member,
    Notice,
    Seizure,
    Unemployment,
    Withholding,
    fiscal_year_of,
)
from kokuho_desk.rules.engine import run_checks

DEFAULT_COUNT = 48
DEFAULT_SEED = 20250601

SURNAMES = [
    ("見本", "ミホン"),
    ("架空", "カクウ"),
    ("見本田", "ミホンダ"),
    ("架空野", "カクウノ"),
    ("仮野", "カリノ"),
    ("試田", "タメシダ"),
    ("例原", "レイハラ"),
    ("模擬谷", "モギタニ"),
    ("見本沢", "ミホンザワ"),
    ("架空森", "カクウモリ"),
    ("仮橋", "カリハシ"),
    ("例野", "レイノ"),
    ("試作", "シサク"),
    ("見本川", "ミホンガワ"),
]
MALE_NAMES = [
    ("太郎", "タロウ"),
    ("一郎", "イチロウ"),
    ("健", "ケン"),
    ("誠", "マコト"),
    ("博", "ヒロシ"),
    ("次郎", "ジロウ"),
    ("修", "オサム"),
]
FEMALE_NAMES = [
    ("花子", "ハナコ"),
    ("幸子", "サチコ"),
    ("恵", "メグミ"),
    ("陽子", "ヨウコ"),
    ("和子", "カズコ"),
    ("久美", "クミ"),
]
CHILD_NAMES = [("翔", "ショウ"), ("結衣", "ユイ"), ("陽菜", "ヒナ"), ("蓮", "レン"), ("葵", "アオイ"), ("湊", "ミナト")]
FOREIGN_HOUSEHOLDS = [  # (head, spouse): invented katakana names
    (("グエン・ヴァン・ミホン", "グエン ヴァン ミホン"), ("グエン・ティ・カクウ", "グエン ティ カクウ")),
    (
        ("マリア・サンプル・サントス", "マリア サンプル サントス"),
        ("ジョゼ・サンプル・サントス", "ジョゼ サンプル サントス"),
    ),
    (("リー・レイホン", "リー レイホン"), ("チャン・ミホ", "チャン ミホ")),
    (("アナ・エグザンプル", "アナ エグザンプル"), ("ラジ・エグザンプル", "ラジ エグザンプル")),
]


@dataclass(frozen=True)
class Place:
    """A municipality the demo cases live in, with an invented address there."""

    municipality: str
    address: str  # an invented town in the real prefecture and city
    postal_prefix: str
    arrear_kind: str  # 料 (保険料) or 税 (保険税)


# Municipalities whose shipped profile has the current fiscal year's rates (令和8年度), so every
# demo case is assessed in the year of its consultation.
PLACES = [
    Place("大阪市", "大阪府大阪市見本区架空町", "530", "料"),
    Place("堺市", "大阪府堺市見本区例町", "590", "料"),
    Place("足立区", "東京都足立区架空町", "120", "料"),
    Place("練馬区", "東京都練馬区見本町", "176", "料"),
    Place("町田市", "東京都町田市架空台", "194", "税"),
    Place("小金井市", "東京都小金井市例通り", "184", "税"),
]
# How far off a deliberately wrong demo notice is (a round sum a volunteer would question).
WRONG_NOTICE_EXTRA = 24_000
OUTCOMES = [
    "保険料の減免が決定した",
    "分納誓約で合意し差押えが解除された",
    "滞納処分の執行停止が決定した",
    "資格確認書が交付された",
    "一部負担金の減免が認められた",
    "生活保護の申請につないだ",
]


class _Builder:
    """Random but reproducible pieces of a household, all relative to ``today``."""

    def __init__(self, rng: random.Random, today: date):
        self.rng = rng
        self.today = today
        self.fy = fiscal_year_of(today)

    def pick(self, items):
        return self.rng.choice(items)

    def birth(self, age: int) -> date:
        d = date(self.today.year - age - 1, self.rng.randint(1, 12), self.rng.randint(1, 28))
        return d if (d.month, d.day) > (self.today.month, self.today.day) else date(d.year + 1, d.month, d.day)

    def days_ago(self, low: int, high: int) -> date:
        return self.today - timedelta(days=self.rng.randint(low, high))

    def yen(self, low: int, high: int, step: int = 1000) -> int:
        return self.rng.randrange(low // step, high // step + 1) * step

    def person(self, relation: str, age: int, surname: tuple[str, str], female: bool = False, **fields) -> Member:
        given = self.pick(FEMALE_NAMES if female else MALE_NAMES)
        return Member(
            relation=relation,
            name=f"{surname[0]} {given[0]}",
            kana=f"{surname[1]} {given[1]}",
            birth_date=self.birth(age),
            **fields,
        )

    def children(self, surname: tuple[str, str], ages: list[int]) -> list[Member]:
        """Children with distinct given names and no income of their own (known, as at a desk)."""
        names = self.rng.sample(CHILD_NAMES, len(ages))
        return [
            Member(
                relation="child",
                name=f"{surname[0]} {given}",
                kana=f"{surname[1]} {kana}",
                birth_date=self.birth(age),
                income=Income(declared=True, salary=0),
            )
            for (given, kana), age in zip(names, ages)
        ]

    def contact(self, place: Place) -> Contact:
        return Contact(
            postal_code=f"{place.postal_prefix}-00{self.rng.randint(10, 99)}",
            address=f"{place.address}{self.rng.randint(1, 9)}-{self.rng.randint(1, 30)}-{self.rng.randint(1, 20)}",
            phone=f"000-0000-{self.rng.randint(1000, 9999)}",
        )

    def arrears(self, place: Place, years: int) -> list[Arrear]:
        out = []
        for fy in range(self.fy - years, self.fy):
            due = date(fy + 1, 3, 31)
            out.append(
                Arrear(
                    fiscal_year=fy,
                    amount=self.yen(30_000, 320_000),
                    late_fee=self.yen(0, 30_000, 100),
                    due_date=due,
                    kind=place.arrear_kind,
                    demand_date=due + timedelta(days=20),
                )
            )
        return out

    def notice(self, total: int) -> Notice:
        first = self.today.replace(day=1)
        next_due = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        return Notice(fiscal_year=self.fy, total=total, next_due_date=next_due)

    def log(self, open_case: bool, actions: list[str]) -> list[LogEntry]:
        """A first visit, a follow-up, and (for open cases) a next step due soon or later."""
        first = self.days_ago(40, 120)
        entries = [
            LogEntry(
                entry_date=first,
                note="初回相談。滞納の経過と家計を聞き取った。",
                kind="note",
                next_action="書類をそろえて再来所",
                due_date=first + timedelta(days=14),
                done=True,
            )
        ]
        follow = self.days_ago(1, 30)
        if open_case:
            soon = self.rng.random() < 0.5
            due = self.today + timedelta(days=self.rng.randint(1, 13) if soon else self.rng.randint(20, 60))
            entries.append(
                LogEntry(
                    entry_date=follow,
                    note="書類を確認し、申請の準備をした。",
                    kind="note",
                    next_action=self.pick(actions),
                    due_date=due,
                )
            )
        else:
            entries.append(LogEntry(entry_date=follow, note="市の決定通知を確認した。", kind="note"))
        return entries


def _pensioner(b: _Builder, place: Place, open_case: bool) -> Case:
    surname = b.pick(SURNAMES)
    single = b.rng.random() < 0.5
    pension = b.yen(600_000, 1_900_000)
    head = b.person(
        "head", b.rng.randint(65, 74), surname, female=single, income=Income(declared=True, pension=pension)
    )
    members = [head]
    if not single:
        members.append(
            b.person(
                "spouse",
                b.rng.randint(63, 72),
                surname,
                female=True,
                income=Income(declared=True, pension=b.yen(400_000, 900_000)),
            )
        )
    gross = pension // 12
    seized_on = b.days_ago(20, 80)
    seizure = Seizure(
        seizure_date=seized_on,
        asset="pension",
        amount=b.yen(5_000, min(30_000, gross)),
        monthly_gross=gross,
        dependents=len(members) - 1,
        pension_kind="old_age",
    )
    return Case(
        as_of=b.today,
        members=members,
        municipality=place.municipality,
        contact=b.contact(place),
        notes="年金の振込口座が差し押さえられ、生活費が足りないとの相談。",
        finances=Finances(savings=b.yen(0, 150_000), monthly_income=gross, monthly_rent=b.yen(25_000, 55_000)),
        arrears=b.arrears(place, 2),
        seizures=[seizure],
        enforcement=[
            EnforcementEvent(seized_on - timedelta(days=30), "seizure_notice"),
            EnforcementEvent(seized_on, "seizure", "年金の差押え"),
        ],
        insurance=Insurance(status="mynacard"),
        topics=["差押え", "年金"],
        log=b.log(open_case, ["差押えの解除を申し入れる", "換価の猶予を申請する"]),
    )


def _self_employed(b: _Builder, place: Place, open_case: bool) -> Case:
    surname = b.pick(SURNAMES)
    head = b.person(
        "head", b.rng.randint(42, 63), surname, income=Income(declared=True, business=b.yen(800_000, 2_400_000))
    )
    spouse = b.person(
        "spouse",
        b.rng.randint(40, 60),
        surname,
        female=True,
        income=Income(declared=True, salary=b.yen(900_000, 1_200_000), family_employee=True),
    )
    since = b.days_ago(150, 300)
    deposit = Seizure(
        seizure_date=b.days_ago(10, 60),
        asset="deposit",
        amount=b.yen(40_000, 180_000),
        deposit_source="other",
        deposit_credit_date=b.days_ago(61, 70),
    )
    return Case(
        as_of=b.today,
        members=[head, spouse],
        municipality=place.municipality,
        contact=b.contact(place),
        notes="飲食店を営む。売上が大きく減り、仕入れの支払いも滞っている。",
        finances=Finances(
            savings=b.yen(10_000, 80_000),
            monthly_income=b.yen(90_000, 180_000),
            monthly_rent=b.yen(60_000, 90_000),
            expected_annual_income=b.yen(300_000, 900_000),
        ),
        arrears=b.arrears(place, 3),
        seizures=[deposit],
        enforcement=[EnforcementEvent(deposit.seizure_date, "seizure", "事業用口座の預金を差押え")],
        insurance=Insurance(status="certificate", certificate_expiry=b.today + timedelta(days=120)),
        notice=b.notice(b.yen(250_000, 480_000)),
        hardship=Hardship(
            reasons=["business_loss"], since=since, description="取引先の廃業で売上が前年の半分以下になった。"
        ),
        topics=["減免", "分納", "差押え"],
        log=b.log(open_case, ["減免申請書を提出する", "分納の相談に同行する"]),
    )


def _salaried_seized(b: _Builder, place: Place, open_case: bool) -> Case:
    surname = b.pick(SURNAMES)
    salary = b.yen(2_800_000, 3_800_000)
    head = b.person("head", b.rng.randint(33, 50), surname, income=Income(declared=True, salary=salary))
    members = [
        head,
        b.person("spouse", b.rng.randint(30, 48), surname, female=True, income=Income(declared=True, salary=0)),
        *b.children(surname, [b.rng.randint(3, 14), b.rng.randint(1, 12)]),
    ]
    gross = salary // 12
    seized_on = b.days_ago(5, 40)
    seized = b.yen(30_000, 70_000)
    seizure = Seizure(
        seizure_date=seized_on,
        asset="salary",
        amount=seized,
        monthly_gross=gross,
        monthly_withholding=Withholding(
            income_tax=b.yen(2_000, 6_000, 10),
            resident_tax=b.yen(5_000, 12_000, 100),
            social_insurance=gross * 15 // 100,
        ),
        dependents=3,
    )
    return Case(
        as_of=b.today,
        members=members,
        municipality=place.municipality,
        contact=b.contact(place),
        notes="勤務先に差押通知が届き、給料が大きく減った。",
        finances=Finances(savings=b.yen(0, 50_000), monthly_income=gross - seized, monthly_rent=b.yen(50_000, 80_000)),
        arrears=b.arrears(place, 2),
        seizures=[seizure],
        enforcement=[
            EnforcementEvent(seized_on - timedelta(days=60), "reminder"),
            EnforcementEvent(seized_on, "seizure", "給与の差押え"),
        ],
        insurance=Insurance(status="mynacard"),
        topics=["差押え", "給与"],
        log=b.log(open_case, ["差押禁止額を超える分の返還を求める", "差押えの解除を申し入れる"]),
    )


def _single_parent(b: _Builder, place: Place, open_case: bool) -> Case:
    surname = b.pick(SURNAMES)
    head = b.person(
        "head",
        b.rng.randint(26, 39),
        surname,
        female=True,
        income=Income(declared=True, salary=b.yen(1_000_000, 1_600_000)),
    )
    children = b.children(surname, [b.rng.randint(1, 5), b.rng.randint(0, 3)])
    return Case(
        as_of=b.today,
        members=[head, *children],
        municipality=place.municipality,
        contact=b.contact(place),
        notes="パート勤務のひとり親。保育料と家賃で手元に残らない。",
        finances=Finances(
            savings=b.yen(0, 30_000), monthly_income=b.yen(90_000, 130_000), monthly_rent=b.yen(40_000, 60_000)
        ),
        arrears=b.arrears(place, 1),
        insurance=Insurance(status="certificate", certificate_expiry=b.today + timedelta(days=200)),
        notice=b.notice(b.yen(40_000, 90_000)),
        topics=["軽減", "子ども"],
        log=b.log(open_case, ["未就学児の均等割軽減を確認する", "分納を申し出る"]),
    )


def _special_care(b: _Builder, place: Place, open_case: bool) -> Case:
    surname = b.pick(SURNAMES)
    head = b.person(
        "head",
        b.rng.randint(45, 62),
        surname,
        income=Income(declared=True, salary=b.yen(0, 900_000)),
        disability=b.pick([None, "身体4級"]),
    )
    since = b.days_ago(90, 300)
    return Case(
        as_of=b.today,
        members=[head],
        municipality=place.municipality,
        contact=b.contact(place),
        notes="通院が必要だが、窓口で10割を求められ受診を控えている。",
        finances=Finances(
            savings=b.yen(0, 20_000),
            monthly_income=b.yen(60_000, 110_000),
            monthly_rent=b.yen(30_000, 50_000),
            monthly_expenses=b.yen(5_000, 20_000),
        ),
        arrears=b.arrears(place, 3),
        insurance=Insurance(status="special_care", special_care_since=since),
        medical=Medical(
            needs_care=True, outpatient=True, monthly_cost=b.yen(20_000, 60_000), note="糖尿病の治療が中断している。"
        ),
        hardship=Hardship(reasons=["illness"], since=since, description="病気で働ける日が減った。"),
        topics=["特別療養費", "10割負担", "医療"],
        log=b.log(open_case, ["特別の事情の届を出す", "一部負担金の減免を申請する"]),
    )


def _foreign_resident(b: _Builder, place: Place, open_case: bool) -> Case:
    head_name, spouse_name = b.pick(FOREIGN_HOUSEHOLDS)
    head = Member(
        relation="head",
        name=head_name[0],
        kana=head_name[1],
        birth_date=b.birth(b.rng.randint(28, 45)),
        foreign_resident=True,
        joined_date=b.days_ago(200, 330),
        income=Income(declared=False, salary=b.yen(1_800_000, 2_600_000)),
    )
    spouse = Member(
        relation="spouse",
        name=spouse_name[0],
        kana=spouse_name[1],
        birth_date=b.birth(b.rng.randint(26, 42)),
        foreign_resident=True,
        income=Income(declared=True, salary=0),
    )
    return Case(
        as_of=b.today,
        members=[head, spouse],
        municipality=place.municipality,
        contact=b.contact(place),
        notes="来日2年目。前年の所得の申告をしておらず、軽減が受けられていない。通訳を手配。",
        finances=Finances(
            savings=b.yen(20_000, 100_000), monthly_income=b.yen(140_000, 190_000), monthly_rent=b.yen(45_000, 65_000)
        ),
        arrears=b.arrears(place, 1),
        insurance=Insurance(status="mynacard"),
        notice=b.notice(b.yen(150_000, 260_000)),
        topics=["外国籍", "申告", "軽減"],
        log=b.log(open_case, ["所得の申告に同行する", "通訳と再来所"]),
    )


def _undeclared(b: _Builder, place: Place, open_case: bool) -> Case:
    surname = b.pick(SURNAMES)
    head = b.person("head", b.rng.randint(40, 64), surname, income=Income(declared=False))
    parent = b.person(
        "parent",
        b.rng.randint(66, 74),
        surname,
        female=True,
        income=Income(declared=True, pension=b.yen(500_000, 800_000)),
    )
    return Case(
        as_of=b.today,
        members=[head, parent],
        municipality=place.municipality,
        contact=b.contact(place),
        notes="世帯主が所得を申告していない（未申告）。日雇いの収入のみ。",
        finances=Finances(savings=b.yen(0, 10_000), monthly_income=b.yen(70_000, 120_000)),
        arrears=b.arrears(place, 4),
        insurance=Insurance(status="certificate"),
        enforcement=[EnforcementEvent(b.days_ago(30, 90), "demand")],
        topics=["未申告", "軽減"],
        log=b.log(open_case, ["簡易申告書を出す", "市民税課で申告する"]),
    )


def _unemployed(b: _Builder, place: Place, open_case: bool) -> Case:
    surname = b.pick(SURNAMES)
    separation = date(b.fy, b.rng.randint(4, 9), b.rng.randint(1, 28)) - timedelta(days=365)
    head = b.person(
        "head",
        b.rng.randint(30, 58),
        surname,
        income=Income(declared=True, salary=b.yen(3_000_000, 4_500_000)),
        unemployment=Unemployment(separation_date=separation, reason_code=b.pick(["11", "21", "23", "33"])),
    )
    spouse = b.person("spouse", b.rng.randint(30, 55), surname, female=True, income=Income(declared=True, salary=0))
    return Case(
        as_of=b.today,
        members=[head, spouse],
        municipality=place.municipality,
        contact=b.contact(place),
        notes="会社の倒産で離職。雇用保険を受給中。",
        finances=Finances(
            savings=b.yen(50_000, 300_000),
            monthly_income=b.yen(150_000, 200_000),
            monthly_rent=b.yen(55_000, 75_000),
            expected_annual_income=b.yen(0, 500_000),
        ),
        arrears=b.arrears(place, 1),
        insurance=Insurance(status="mynacard"),
        notice=b.notice(b.yen(280_000, 420_000)),
        hardship=Hardship(reasons=["unemployment"], since=separation),
        topics=["失業", "軽減"],
        log=b.log(open_case, ["非自発的失業の軽減を届け出る", "受給資格者証の写しを持参"]),
    )


def _pregnancy(b: _Builder, place: Place, open_case: bool) -> Case:
    surname = b.pick(SURNAMES)
    head = b.person(
        "head", b.rng.randint(27, 38), surname, income=Income(declared=True, business=b.yen(1_200_000, 2_000_000))
    )
    spouse = b.person(
        "spouse",
        b.rng.randint(25, 36),
        surname,
        female=True,
        income=Income(declared=True, salary=0),
        childbirth=Childbirth(
            expected_date=b.today + timedelta(days=b.rng.randint(40, 120)), multiple=b.rng.random() < 0.2
        ),
    )
    return Case(
        as_of=b.today,
        members=[head, spouse],
        municipality=place.municipality,
        contact=b.contact(place),
        notes="配偶者が出産予定。フリーランスで収入が不安定。",
        finances=Finances(
            savings=b.yen(30_000, 200_000), monthly_income=b.yen(100_000, 170_000), monthly_rent=b.yen(50_000, 70_000)
        ),
        arrears=b.arrears(place, 1),
        insurance=Insurance(status="mynacard"),
        notice=b.notice(b.yen(120_000, 220_000)),
        topics=["出産", "免除"],
        log=b.log(open_case, ["産前産後の保険料免除を届け出る", "母子手帳の写しを持参"]),
    )


def _late_elderly_household(b: _Builder, place: Place, open_case: bool) -> Case:
    surname = b.pick(SURNAMES)
    head = b.person(
        "head",
        b.rng.randint(76, 82),
        surname,
        insured=False,
        late_elderly_transferred=True,
        income=Income(declared=True, pension=b.yen(1_200_000, 1_800_000)),
    )
    spouse = b.person(
        "spouse",
        b.rng.randint(64, 70),
        surname,
        female=True,
        income=Income(declared=True, pension=b.yen(300_000, 700_000)),
    )
    return Case(
        as_of=b.today,
        members=[head, spouse],
        municipality=place.municipality,
        contact=b.contact(place),
        notes="世帯主は後期高齢者医療に移った（擬制世帯主）。妻だけが国保。",
        finances=Finances(savings=b.yen(100_000, 400_000), monthly_income=b.yen(110_000, 160_000)),
        arrears=b.arrears(place, 2),
        insurance=Insurance(status="certificate"),
        enforcement=[EnforcementEvent(b.days_ago(20, 60), "reminder")],
        topics=["高齢者", "分納"],
        log=b.log(open_case, ["時効の確認を市に求める", "分納計画を作る"]),
    )


SCENARIOS: list[Callable[[_Builder, Place, bool], Case]] = [
    _pensioner,
    _self_employed,
    _salaried_seized,
    _single_parent,
    _special_care,
    _foreign_resident,
    _undeclared,
    _unemployed,
    _pregnancy,
    _late_elderly_household,
]


def demo_cases(count: int = DEFAULT_COUNT, *, today: date, seed: int = DEFAULT_SEED) -> list[Case]:
    """``count`` fictional cases, the same for the same today and seed; about one in four closed."""
    rng = random.Random(seed)
    builder = _Builder(rng, today)
    cases = []
    for i in range(count):
        place = PLACES[i % len(PLACES)]
        open_case = i % 4 != 3
        case = SCENARIOS[i % len(SCENARIOS)](builder, place, open_case)
        if not open_case:
            case.status, case.outcome = "closed", rng.choice(OUTCOMES)
        _assess(case, wrong_notice=i % 5 == 0)
        cases.append(case)
    return cases


def _assess(case: Case, *, wrong_notice: bool) -> None:
    """Assess the demo case in the fiscal year of its consultation, as a desk checks the notice of
    that year, and make the notice agree with the computed premium — except for a few notices that
    are deliberately wrong, the case desks exist to catch. A year the profile has no rates for stays
    unpriced (the case then says the rates are missing), never priced on another year's rates."""
    case.fiscal_year = fiscal_year_of(case.as_of)
    if case.notice is None:
        return
    case.notice.fiscal_year = case.fiscal_year
    premium = run_checks(case).premium
    if premium is not None and premium.total is not None:
        case.notice.total = premium.total + (WRONG_NOTICE_EXTRA if wrong_notice else 0)
