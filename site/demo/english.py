"""The demo's English edition: a few pages translated from the Vietnamese ones, as communications
staff would with the admin's "Translate" action (wagtail.contrib.simple_translation). The English
texts of the site settings, audiences, programme contacts and campaigns sit beside their
Vietnamese ones (content.py, publishing.py, campaign_records.py).

A translation that exists is left as it is, so loading twice changes nothing.
"""

import json

from wagtail.models import Locale

from campaigns.models import ResultsPage
from news.models import (
    ArticlePage,
    HelpPage,
    LeafletPage,
    MaterialsIndexPage,
    NewsIndexPage,
    PosterPage,
)

from . import media
from .publishing import image, leaflet_files_and_text

HOME_PAGE = {
    "title": "Preventing human trafficking",
    "introduction": (
        "Information, materials and where to find help for everyone in Dong Nai: how to recognise "
        "the tricks traffickers use, how to protect the people you love, and how returning victims "
        "are supported as they settle back into their communities."
    ),
    "body": (
        "<h2>When should you be careful?</h2>"
        "<p>A well-paid job that needs no experience, a new friend online who offers to take you to "
        "work in another province or abroad, someone who keeps your identity papers: these are "
        "signs to stop and talk to your family or the local authorities first.</p>"
        "<h2>Who can help?</h2>"
        "<p>Every district and city has a programme management board that receives and supports "
        "people who come home. You can call the hotline at any time without giving your name.</p>"
    ),
}
HOME_LIVE_TOTAL_LABEL = "leaflets handed out by the districts"

# Vietnamese slug -> the English translation's fields.
SECTIONS = {
    NewsIndexPage: {
        "title": "News",
        "slug": "news",
        "introduction": (
            "A selection of the province's news and guidance in English. The Vietnamese site has "
            "every article."
        ),
    },
    MaterialsIndexPage: {
        "title": "Materials",
        "slug": "materials",
        "introduction": (
            "Posters and leaflets to view, download and print. Most are in Vietnamese: the "
            "Vietnamese site has the full library."
        ),
    },
    HelpPage: {
        "title": "Get help",
        "slug": "get-help",
        "introduction": (
            "Are you or someone close to you in danger, deceived, or just back home? Someone is "
            "ready to listen and help, free of charge and in confidence."
        ),
        "support": json.dumps(
            [
                {"type": "support", "value": {"title": title, "text": f"<p>{text}</p>"}}
                for title, text in [
                    (
                        "Essential needs",
                        "Somewhere safe to stay, meals, clothes and the fare home.",
                    ),
                    ("Medical care", "Check-ups, treatment and tests when needed, close to home."),
                    ("Counselling", "Talk to a trained counsellor, alone or with your family."),
                    (
                        "Legal help",
                        "Free advice on your rights, identity papers and how to report a crime.",
                    ),
                    (
                        "Schooling and training",
                        "Reduced school fees and a vocational course that suits you.",
                    ),
                    ("Loans", "Low-interest loans to start a small business and get settled."),
                ]
            ]
        ),
    },
    ResultsPage: {
        "title": "Results",
        "slug": "results",
        "introduction": (
            "What the districts and cities did to prevent human trafficking: communication "
            "sessions, leaflets, billboard panels and posters, news items and broadcasts, added up "
            "from their monthly reports."
        ),
    },
}

WARNING_SIGNS = {
    "heading": "Warning signs",
    "signs": [
        "Light work and high pay, with no experience or qualifications needed",
        "Travel and paperwork paid for you, to be paid back later",
        "Someone holds on to your identity card, passport or phone",
        "You are told not to tell your family",
    ],
}

# Vietnamese slug -> (English slug, title, standfirst, paragraphs, keywords, byline, with warning signs)
ARTICLES = {
    "nhan-dien-loi-moi-viec-nhe-luong-cao": (
        "spotting-easy-work-high-pay-offers",
        "Spotting “easy work, high pay” offers on social media",
        "A job post promising a large monthly income to someone with no experience is one of the "
        "lures traffickers use most. A few minutes of checking can keep you out of the trap.",
        [
            "These offers appear in job-hunting groups, often with photos of smart offices and "
            "replies that arrive within seconds. The poster presses for a decision within a day or "
            "two and offers to pay for the journey.",
            "Before you say yes, ask for the company's name, street address and business "
            "registration number, then check them yourself or ask the provincial employment "
            "service centre. A genuine employer is glad to answer.",
            "If you have already sent money or handed over your papers, tell your family and report "
            "it to the commune or ward police at once.",
        ],
        ["scams", "jobs"],
        "Provincial Police",
        True,
    ),
    "thang-hanh-dong-cac-huyen-dong-loat-ra-quan": (
        "action-month-in-every-district",
        "Action month: every district takes the message to its communities",
        "Through July, around 30 July, the national day against human trafficking, all eleven "
        "districts held communication sessions, put up posters and aired messages on their "
        "loudspeaker systems.",
        [
            "Sessions were held in hamlets, factories and schools, where district staff explained "
            "the tricks traffickers use and where to turn for help.",
            "Billboard panels and posters went up at markets, bus stops and commune offices, and "
            "leaflets were handed out at every session.",
            "The month's figures are on the Results page, added up from the districts' monthly "
            "reports.",
        ],
        ["action month"],
        "Programme management boards",
        False,
    ),
    "chinh-sach-ho-tro-nguoi-tro-ve": (
        "support-for-returning-victims",
        "The support available to people who return after being trafficked",
        "People who come home after being trafficked are entitled to help with their immediate "
        "needs, health care, counselling, legal advice, schooling, vocational training and loans.",
        [
            "Support starts as soon as a person is received: a safe place to stay, meals, clothes "
            "and the cost of travelling home.",
            "Each district's programme management board can arrange a medical check-up, sessions "
            "with a trained counsellor, and free legal advice on identity papers and on reporting "
            "what happened.",
            "Later, help with school fees, a vocational course and a low-interest loan can make a "
            "new start possible. No one's name is ever made public.",
        ],
        ["support", "returning victims"],
        "Provincial Police",
        False,
    ),
    "gia-dinh-lam-gi-khi-nguoi-than-mat-lien-lac": (
        "when-a-relative-stops-answering",
        "What a family can do when a relative who left for work stops answering",
        "If someone who went to work far from home cannot be reached for several days, act early: "
        "the first days matter most.",
        [
            "Write down everything you know: who offered the job, where your relative was going, "
            "the phone numbers and accounts they used, and when you last heard from them.",
            "Report it to the commune or ward police, and call the national hotline, 111, free of "
            "charge at any hour. You do not have to give your name.",
            "Never pay someone who asks for money to bring your relative back. Keep their messages "
            "and hand them to the police.",
        ],
        ["families", "lost contact"],
        "Provincial Police",
        True,
    ),
}


# The materials with an English version: Vietnamese slug -> the English one's fields. Their
# pictures and PDFs are named in Vietnamese (`media_title`): staff read the media library so.
POSTERS = {
    "goi-111-mien-phi": {
        "slug": "call-111-free",
        "title": "Call 111: free, day and night",
        "standfirst": "A billboard and poster design that introduces the national hotline to "
        "everyone.",
        "media_title": "Áp phích tiếng Anh: Gọi 111",
        "lines": ["NEED HELP?", "CALL 111", "Free", "24/7"],
        "colours": ("#1b1b1b", "#ffbf47"),
        "keywords": ["hotline"],
    },
}
LEAFLETS = {
    "cam-nang-nhan-dien-thu-doan": {
        "slug": "guide-to-traffickers-tricks",
        "title": "A guide to the tricks traffickers use",
        "standfirst": "A two-sided leaflet: the usual tricks, the warning signs and where to find "
        "help.",
        "media_title": "Tờ rơi tiếng Anh: Cẩm nang nhận diện thủ đoạn",
        "pages": [
            [
                "A GUIDE TO THE TRICKS",
                "TRAFFICKERS USE",
                "",
                "What to watch for:",
                "- Easy work for high pay",
                "- Dating and friendship online",
                "- Paid marriage brokers",
                "- A loan repaid by forced work",
            ],
            [
                "WARNING SIGNS",
                "",
                "- Your papers or phone are kept",
                "- You are told to keep it secret",
                "- The route is long and unclear",
                "",
                "Call 111 - free, 24/7",
            ],
        ],
        "keywords": ["scams", "warning signs"],
    },
}


def load(home, indicators):
    english = Locale.objects.get(language_code="en")
    translate(
        home,
        english,
        title=HOME_PAGE["title"],
        introduction=HOME_PAGE["introduction"],
        body=[
            ("paragraph", HOME_PAGE["body"]),
            (
                "live_total",
                {
                    "indicator": indicators["leaflets"],
                    "period": "year",
                    "year": 2024,
                    "label": HOME_LIVE_TOTAL_LABEL,
                },
            ),
        ],
    )
    for model, fields in SECTIONS.items():
        translate(model.objects.child_of(home).get(), english, **fields)
    news = NewsIndexPage.objects.child_of(home).get()
    for slug, article in ARTICLES.items():
        translate_article(ArticlePage.objects.child_of(news).get(slug=slug), english, *article)
    materials = MaterialsIndexPage.objects.child_of(home).get()
    for slug, poster in POSTERS.items():
        translate_poster(PosterPage.objects.child_of(materials).get(slug=slug), english, **poster)
    for slug, leaflet in LEAFLETS.items():
        translate_leaflet(
            LeafletPage.objects.child_of(materials).get(slug=slug), english, **leaflet
        )


def translate(page, locale, keywords=(), **fields):
    """Publish the page's translation with these fields, unless it has one already."""
    if page.has_translation(locale):
        return
    translated = page.copy_for_translation(locale)
    for field, value in fields.items():
        setattr(translated, field, value)
    if keywords:
        translated.keywords.set(keywords)
    translated.draft_title = translated.title
    translated.save()
    translated.save_revision().publish()


def translate_article(page, locale, slug, title, standfirst, paragraphs, keywords, byline, signs):
    body = [{"type": "paragraph", "value": f"<p>{paragraph}</p>"} for paragraph in paragraphs]
    if signs:
        body.insert(1, {"type": "warning_signs", "value": WARNING_SIGNS})
    body.append({"type": "hotline", "value": {"text": ""}})
    translate(
        page,
        locale,
        keywords=keywords,
        slug=slug,
        title=title,
        standfirst=standfirst,
        byline=byline,
        body=json.dumps(body),
        image_alt="An illustration showing the article's Vietnamese headline",
    )


def translate_poster(page, locale, media_title, lines, colours, keywords, **fields):
    """The poster redrawn with English text: the Vietnamese picture would not do."""
    if page.has_translation(locale):
        return  # nothing to draw: loading the demo again changes nothing
    alt = f"Poster: {' '.join(lines)}. Call the hotline, 111."
    picture = image(media_title, media.poster(lines, *colours), "png", alt)
    translate(page, locale, keywords=keywords, image=picture, image_alt=alt, **fields)


def translate_leaflet(page, locale, media_title, pages, keywords, **fields):
    """The leaflet's PDF, cover and text in English."""
    if page.has_translation(locale):
        return
    title = fields["title"]
    files_and_text = leaflet_files_and_text(
        title, fields["slug"], pages, media_title, f"The cover of the leaflet “{title}”"
    )
    translate(page, locale, keywords=keywords, **files_and_text, **fields)
