"""The demo's campaign data: five indicators, the 2024 plans, and 2024 records across the eleven
districts whose province totals equal the source's figures exactly.

Deterministic (fixed weights, no randomness) and idempotent: a record is identified by its unit,
indicator, date and place, so loading again changes nothing.
"""

import datetime

from django.contrib.auth import get_user_model

from campaigns.models import ActivityRecord, Campaign, CampaignTarget, Indicator
from news.models import LeafletPage, PosterPage

from . import content

# (code, name, English name, unit, English unit, kind, second measure)
INDICATORS = [
    ("sessions", "Buổi truyền thông", "Communication sessions", "buổi", "sessions", "event", "attendees"),
    ("leaflets", "Tờ rơi phát ra", "Leaflets handed out", "tờ", "copies", "printed", ""),
    ("posters", "Pano, áp phích", "Billboard panels and posters", "cái", "pieces", "printed", ""),
    ("news", "Tin, bài đăng tải", "News items and articles posted", "tin, bài", "items", "online", ""),
    ("broadcasts", "Phát thanh trên loa, đài", "Loudspeaker and radio broadcasts", "lần", "broadcasts", "broadcast", "minutes"),
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

# Shares of the province's activity: the bigger districts do more; July is the action month.
DISTRICT_WEIGHTS = [14, 8, 9, 9, 10, 12, 8, 9, 10, 11, 10]
MONTH_WEIGHTS = [6, 7, 8, 8, 8, 9, 16, 8, 8, 8, 7, 7]
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
    parts = [total * w // whole for w in weights]
    by_remainder = sorted(range(len(weights)), key=lambda i: (-(total * weights[i] % whole), i))
    for i in by_remainder[: total - sum(parts)]:
        parts[i] += 1
    return parts


def load(units):
    """Load indicators, the two campaigns and the 2024 records. `units` maps codes to units.

    Returns the indicators by code."""
    indicators = {}
    for order, (code, name, name_en, unit, unit_en, kind, second) in enumerate(INDICATORS):
        indicators[code], _ = Indicator.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "name_en": name_en,
                "unit_label": unit,
                "unit_label_en": unit_en,
                "kind": kind,
                "second_measure": second,
                "sort_order": order,
            },
        )
    province = units["75"]
    districts = [units[code] for code, *_ in content.DISTRICTS]
    plan = load_campaign(YEARLY_PLAN, province, districts, indicators)
    action_month = load_campaign(ACTION_MONTH, province, districts, indicators)
    load_records(districts, indicators, plan, action_month)
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


def load_records(districts, indicators, plan, action_month):
    # A district's demo account records its figures; the coordinator records the others'.
    users = get_user_model().objects.in_bulk(
        [a[0] for a in content.ACCOUNTS], field_name="username"
    )
    recorders = {unit: users[username] for username, _, unit, *_ in content.ACCOUNTS if unit}
    coordinator = next(
        users[username] for username, role, *_ in content.ACCOUNTS if role == "coordinator"
    )
    # Every third month's leaflets and posters name the demo's published leaflet or poster they
    # handed out or put up; the quantities stay as they are, so the totals do not change.
    materials = {
        "leaflets": list(LeafletPage.objects.live().order_by("pk")),
        "posters": list(PosterPage.objects.live().order_by("pk")),
    }
    wanted = {}
    for n, (code, (quantity, second)) in enumerate(TOTALS_2024.items()):
        indicator = indicators[code]
        per_district = split(quantity, DISTRICT_WEIGHTS)
        second_per_district = split(second, per_district) if second else [None] * len(districts)
        for d, district in enumerate(districts):
            per_month = split(per_district[d], MONTH_WEIGHTS)
            second_per_month = split(second_per_district[d], per_month) if second else [None] * 12
            for month, count in enumerate(per_month, start=1):
                if not count:
                    continue
                day = datetime.date(2024, month, 1 + (d * 5 + n * 3 + month) % 28)
                place = PLACES[(d + n + month) % len(PLACES)]
                wanted[district.pk, indicator.pk, day, place] = {
                    "quantity": count,
                    "attendees": second_per_month[month - 1]
                    if indicator.second_measure == "attendees"
                    else None,
                    "minutes": second_per_month[month - 1]
                    if indicator.second_measure == "minutes"
                    else None,
                    "campaign": action_month if month == 7 else plan,
                    "material_id": material_id(materials.get(code), d, month),
                    "recorded_by": recorders.get(district.code, coordinator),
                }

    existing = {
        (r.unit_id, r.indicator_id, r.date, r.place): r
        for r in ActivityRecord.objects.filter(date__year=2024, unit__in=districts)
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
    ActivityRecord.objects.bulk_create(to_create)
    ActivityRecord.objects.bulk_update(
        to_update, ["quantity", "attendees", "minutes", "campaign", "material", "recorded_by"]
    )


def material_id(pages, district_index, month):
    if not pages or month % 3:
        return None
    return pages[(district_index + month) % len(pages)].pk
