"""The demo's campaign data: five indicators, the 2024 plans, and 2024 records across the eleven
districts whose province totals equal the source's figures exactly; January to June 2025 by the
same districts; from July 2025 to November 2026 by the 95 communes and wards of the new province,
unevenly (some report nothing in some months); and where each month stands in the monthly review.

Deterministic (fixed weights, and a checksum where a real province would vary) and idempotent: a
record is identified by its unit, indicator, date and place, and a month already approved stays as
it is, so loading again changes nothing.
"""

import datetime
import zlib
from fractions import Fraction

from django.contrib.auth import get_user_model

from campaigns.models import ActivityRecord, Campaign, CampaignTarget, Indicator, ReportingPeriod
from campaigns.reporting.review import act
from campaigns.totals import apportion
from news.models import LeafletPage, PosterPage

from . import content

# (code, name, English name, unit, English unit, kind, second measure, second measure required):
# a session's attendees are always counted; a broadcast's minutes only when someone timed it.
INDICATORS = [
    ("sessions", "Buổi truyền thông", "Communication sessions", "buổi", "sessions", "event", "attendees", True),
    ("leaflets", "Tờ rơi phát ra", "Leaflets handed out", "tờ", "copies", "printed", "", True),
    ("posters", "Pano, áp phích", "Billboard panels and posters", "cái", "pieces", "printed", "", True),
    ("news", "Tin, bài đăng tải", "News items and articles posted", "tin, bài", "items", "online", "", True),
    ("broadcasts", "Phát thanh trên loa, đài", "Loudspeaker and radio broadcasts", "lần", "broadcasts", "broadcast", "minutes", False),
]  # fmt: skip

# The province's 2024 totals as the source reports them: (quantity, second measure).
TOTALS_2024 = {
    "sessions": (5_500, 170_000),
    "leaflets": (68_777, None),
    "posters": (1_988, None),
    "news": (2_636, None),
    "broadcasts": (4_050, 60_750),
}

YEARLY_PLAN = {
    "name": "Kế hoạch phòng, chống mua bán người năm 2024",
    "description": "Kế hoạch năm của tỉnh: truyền thông tại cộng đồng, trường học và khu công nghiệp.",
    "name_en": "2024 plan against human trafficking",
    "description_en": "The province's plan for the year: communication in communities, schools and industrial parks.",
    "start_date": datetime.date(2024, 1, 1),
    "end_date": datetime.date(2024, 12, 31),
    "targets": {
        "sessions": 5_000,
        "leaflets": 60_000,
        "posters": 1_800,
        "news": 2_400,
        "broadcasts": 4_000,
    },
    "unit_targets": {"sessions": 450},
}
ACTION_MONTH = {
    "name": "Tháng hành động phòng, chống mua bán người 2024",
    "description": "Hưởng ứng Ngày toàn quốc phòng, chống mua bán người 30/7.",
    "name_en": "2024 action month against human trafficking",
    "description_en": "The month of activities around 30 July, the national day against human trafficking.",
    "start_date": datetime.date(2024, 7, 1),
    "end_date": datetime.date(2024, 7, 31),
    "targets": {
        "sessions": 800,
        "leaflets": 10_000,
        "posters": 300,
        "news": 400,
        "broadcasts": 600,
    },
    "unit_targets": {},
}

# January to June 2025, before the districts were dissolved on 1 July: the demo's own figures
# (the source reports 2024 only). Tết fell on 29 January, so February is quieter.
TOTALS_2025_H1 = {
    "sessions": (2_610, 79_800),
    "leaflets": (32_150, None),
    "posters": (860, None),
    "news": (1_370, None),
    "broadcasts": (2_010, 29_500),
}

# Shares of the province's activity: the bigger districts do more; July is the action month.
DISTRICT_WEIGHTS = [14, 8, 9, 9, 10, 12, 8, 9, 10, 11, 10]
MONTH_WEIGHTS = [6, 7, 8, 8, 8, 9, 16, 8, 8, 8, 7, 7]
MONTH_WEIGHTS_2025_H1 = [9, 6, 10, 9, 9, 10]

# From July 2025 the communes and wards record: a commune's usual month of each indicator, before
# its own size and the month's weight; about one commune-month in seven reports nothing.
COMMUNE_MONTHS = [datetime.date(2025, m, 1) for m in range(7, 13)] + [
    datetime.date(2026, m, 1) for m in range(1, 12)
]
COMMUNE_MONTH = {
    "sessions": (5, 31),  # and 31 attendees a session
    "leaflets": (62, None),
    "posters": (2, None),
    "news": (2, None),
    "broadcasts": (4, 15),  # and 15 minutes a broadcast
}

# The monthly review as the demo leaves it: every month of 2024 and 2025 and up to September
# 2026 approved, so the public sees the source's 2024 figures and whole years since; October 2026
# under way (a few communes have submitted it, the others have not); November 2026 still open.
APPROVED_MONTHS = [datetime.date(2024, m, 1) for m in range(1, 13)] + [
    datetime.date(2025, m, 1) for m in range(1, 7)
]
COMMUNE_APPROVED_MONTHS = [month for month in COMMUNE_MONTHS if month <= datetime.date(2026, 9, 1)]
SUBMITTED_MONTH = datetime.date(2026, 10, 1)
SUBMITTED = ["26041", "26068", "26134", "26206", "26425"]
PLACES = [
    "Nhà văn hóa khu phố 1",
    "Chợ trung tâm",
    "Trường THPT trên địa bàn",
    "Khu công nghiệp",
    "Nhà văn hóa ấp 3",
    "Hội trường Ủy ban nhân dân xã",
    "Trạm truyền thanh xã",
]


def split(total, weights):
    """`total` in whole parts proportional to `weights`, adding up exactly (largest remainder)."""
    whole = sum(weights)
    shares = {i: Fraction(total * weight, whole) for i, weight in enumerate(weights)}
    parts = apportion(shares, tie_break=lambda i: i)
    return [parts[i] for i in range(len(weights))]


def load(units):
    """Load indicators, the two campaigns and the 2024 records. `units` maps codes to units.

    Returns the indicators by code."""
    indicators = {}
    for order, (code, name, name_en, unit, unit_en, kind, second, required) in enumerate(
        INDICATORS
    ):
        indicators[code], _ = Indicator.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "name_en": name_en,
                "unit_label": unit,
                "unit_label_en": unit_en,
                "kind": kind,
                "second_measure": second,
                "second_measure_required": required,
                "sort_order": order,
            },
        )
    province = units["75"]
    districts = [units[code] for code in content.DISTRICTS]
    communes = sorted(
        (u for u in province.children.all() if u.valid_from == datetime.date(2025, 7, 1)),
        key=lambda u: u.code,
    )
    plan = load_campaign(YEARLY_PLAN, province, districts, indicators)
    action_month = load_campaign(ACTION_MONTH, province, districts, indicators)
    wanted = district_records(districts, indicators, plan, action_month)
    wanted.update(commune_records(communes, indicators))
    save_records(wanted, [*districts, *communes])
    load_reviews(districts, APPROVED_MONTHS, [])
    load_reviews(communes, COMMUNE_APPROVED_MONTHS, [(SUBMITTED_MONTH, c) for c in SUBMITTED])
    return indicators


def load_campaign(spec, province, districts, indicators):
    campaign, _ = Campaign.objects.update_or_create(
        name=spec["name"],
        defaults={
            key: spec[key]
            for key in ("description", "name_en", "description_en", "start_date", "end_date")
        },
    )
    if set(campaign.units.all()) != {province}:
        campaign.units.set([province])
        campaign.save()
    for code, quantity in spec["targets"].items():
        CampaignTarget.objects.update_or_create(
            campaign=campaign,
            indicator=indicators[code],
            unit=None,
            defaults={"quantity": quantity},
        )
    for code, quantity in spec["unit_targets"].items():
        for district in districts:
            CampaignTarget.objects.update_or_create(
                campaign=campaign,
                indicator=indicators[code],
                unit=district,
                defaults={"quantity": quantity},
            )
    return campaign


def district_records(districts, indicators, plan, action_month):
    """{(unit id, indicator id, day, place): values} of 2024 and January to June 2025."""
    # A district's demo account records its figures; the coordinator records the others'.
    recorders, coordinator = district_accounts()
    # Every third month's leaflets and posters name the demo's published leaflet or poster they
    # handed out or put up; the quantities stay as they are, so the totals do not change.
    materials = {
        "leaflets": list(LeafletPage.objects.live().order_by("pk")),
        "posters": list(PosterPage.objects.live().order_by("pk")),
    }
    years = (
        (2024, TOTALS_2024, MONTH_WEIGHTS, {7: action_month}, plan),
        (2025, TOTALS_2025_H1, MONTH_WEIGHTS_2025_H1, {}, None),
    )
    wanted = {}
    for year, year_totals, month_weights, campaigns, default_campaign in years:
        for n, (code, (quantity, second)) in enumerate(year_totals.items()):
            indicator = indicators[code]
            per_district = split(quantity, DISTRICT_WEIGHTS)
            second_per_district = split(second, per_district) if second else [None] * len(districts)
            for d, district in enumerate(districts):
                per_month = split(per_district[d], month_weights)
                second_per_month = (
                    split(second_per_district[d], per_month) if second else [None] * len(per_month)
                )
                for month, count in enumerate(per_month, start=1):
                    if not count:
                        continue
                    day = datetime.date(year, month, 1 + (d * 5 + n * 3 + month) % 28)
                    place = PLACES[(d + n + month) % len(PLACES)]
                    wanted[district.pk, indicator.pk, day, place] = {
                        "quantity": count,
                        "attendees": second_per_month[month - 1]
                        if indicator.second_measure == "attendees"
                        else None,
                        "minutes": second_per_month[month - 1]
                        if indicator.second_measure == "minutes"
                        else None,
                        "campaign": campaigns.get(month, default_campaign),
                        "material_id": material_id(materials.get(code), d, month),
                        "recorded_by": recorders.get(district.code, coordinator),
                    }
    return wanted


def commune_records(communes, indicators):
    """{(unit id, indicator id, day, place): values} from July 2025 to November 2026: each
    commune's own size and rhythm, the action month busier, some months without a record."""
    recorders, coordinator = district_accounts()
    wanted = {}
    for c, commune in enumerate(communes):
        size = 50 + _checksum(commune.code) % 110  # 0.5 to 1.6 times the usual month
        for month in COMMUNE_MONTHS:
            if commune.code not in recorders and _checksum(commune.code, month) % 7 == 0:
                continue  # nothing recorded this month (the demo accounts' communes always record)
            busy = 2 if month.month == 7 else 1
            for n, (code, (usual, per_each)) in enumerate(COMMUNE_MONTH.items()):
                indicator = indicators[code]
                spread = 60 + _checksum(commune.code, month, code) % 81  # 0.6 to 1.4
                quantity = usual * size * spread * busy // 10_000
                if not quantity:
                    continue
                second = quantity * per_each * spread // 100 if per_each else None
                day = month.replace(day=1 + (c * 5 + n * 3 + month.month) % 28)
                place = PLACES[(c + n + month.month) % len(PLACES)]
                wanted[commune.pk, indicator.pk, day, place] = {
                    "quantity": quantity,
                    "attendees": second if indicator.second_measure == "attendees" else None,
                    "minutes": second if indicator.second_measure == "minutes" else None,
                    "campaign": None,
                    "material_id": None,
                    "recorded_by": recorders.get(commune.code, coordinator),
                }
    return wanted


def _checksum(*parts):
    """A stable number from the parts: the demo's variety, the same on every load."""
    return zlib.crc32("|".join(str(part) for part in parts).encode())


def save_records(wanted, units):
    """Create or update the `wanted` records of `units`; records already as wanted stay."""
    years = sorted({day.year for _unit, _indicator, day, _place in wanted})
    existing = {
        (r.unit_id, r.indicator_id, r.date, r.place): r
        for r in ActivityRecord.objects.filter(date__year__in=years, unit__in=units)
    }
    to_create, to_update = [], []
    for (unit_id, indicator_id, day, place), values in wanted.items():
        record = existing.get((unit_id, indicator_id, day, place))
        if record is None:
            to_create.append(
                ActivityRecord(
                    unit_id=unit_id, indicator_id=indicator_id, date=day, place=place, **values
                )
            )
        elif any(getattr(record, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(record, field, value)
            to_update.append(record)
    ActivityRecord.objects.bulk_create(to_create, batch_size=2000)
    ActivityRecord.objects.bulk_update(
        to_update, ["quantity", "attendees", "minutes", "campaign", "material", "recorded_by"]
    )


def material_id(pages, district_index, month):
    if not pages or month % 3:
        return None
    return pages[(district_index + month) % len(pages)].pk


def district_accounts():
    """({district code: its demo account}, the coordinator's account)."""
    users = get_user_model().objects.in_bulk(
        [a[0] for a in content.ACCOUNTS], field_name="username"
    )
    by_unit = {unit: users[username] for username, _, unit, *_ in content.ACCOUNTS if unit}
    coordinator = next(
        users[username] for username, role, *_ in content.ACCOUNTS if role == "coordinator"
    )
    return by_unit, coordinator


def load_reviews(units, approved_months, submitted):
    """Submit and approve the demo's reviewed months through the monthly review itself, so each
    has its audit trail: the unit's account submits (the coordinator where it has none).
    `submitted` lists (month, unit code) left submitted, awaiting the coordinator."""
    submitters, coordinator = district_accounts()
    statuses = {
        (p.unit_id, p.month): p.status
        for p in ReportingPeriod.objects.filter(
            unit__in=units, month__in=[*approved_months, *(m for m, _ in submitted)]
        )
    }
    done = {ReportingPeriod.Status.SUBMITTED, ReportingPeriod.Status.APPROVED}
    for unit in units:
        # The staff of a unit that has since ended act for it no longer: the coordinator does.
        submitter = coordinator if unit.ended else submitters.get(unit.code, coordinator)
        for first in approved_months:
            status = statuses.get((unit.pk, first))
            if status not in done:
                act(submitter, unit, first, "submit")
            if status != ReportingPeriod.Status.APPROVED:
                act(coordinator, unit, first, "approve")
        for first, code in submitted:
            if code == unit.code and statuses.get((unit.pk, first)) not in done:
                act(submitter, unit, first, "submit")
