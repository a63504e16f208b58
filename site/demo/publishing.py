"""Loads the demo's pages: the article list, the materials library, the help page and their content.

A page that already exists (by its slug) is left as it is, so loading twice changes nothing and
never overwrites what an editor changed.
"""

import json

from anyascii import anyascii

from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from news.models import (
    ArticlePage,
    HelpPage,
    LeafletPage,
    MaterialsIndexPage,
    NewsIndexPage,
    PosterPage,
    ProgrammeContact,
)
from taxonomy.models import AdministrativeUnit, Audience

from . import media
from .publications import (
    ARTICLES,
    LEAFLETS,
    OFFICE_HOURS,
    OFFICE_HOURS_EN,
    POSTERS,
    STRUCTURE,
    SUPPORT,
    WARNING_SIGNS,
)

ILLUSTRATION_COLOURS = ["#0b4f8a", "#1f6f43", "#5a3d8a", "#8a4b0b", "#1b1b1b", "#0b6f7a"]


def load_publications(home):
    news_index = child(home, NewsIndexPage, **STRUCTURE["news"], show_in_menus=True)
    materials = child(home, MaterialsIndexPage, **STRUCTURE["materials"], show_in_menus=True)
    help_page = child(
        home,
        HelpPage,
        **STRUCTURE["help"],
        show_in_menus=True,
        support=json.dumps(
            [{"type": "support", "value": {"title": t, "text": text}} for t, text in SUPPORT]
        ),
    )
    audiences = {audience.slug: audience for audience in Audience.objects.all()}
    units = AdministrativeUnit.objects.by_code()
    posters = [load_poster(materials, audiences, *poster) for poster in POSTERS]
    leaflets = [load_leaflet(materials, audiences, *leaflet) for leaflet in LEAFLETS]
    for index, article in enumerate(ARTICLES):
        load_article(
            news_index, audiences, units, index, *article, material=(leaflets + posters)[index % 7]
        )
    load_programme_contacts(units)
    return news_index, materials, help_page


def child(parent, page_class, slug, **fields):
    existing = parent.get_children().filter(slug=slug).first()
    if existing:
        return existing.specific
    page = page_class(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def publish(parent, page, audiences, districts, keywords):
    """Add a new publication under `parent` with its taxonomy, and publish it."""
    existing = parent.get_children().filter(slug=page.slug).first()
    if existing:
        return existing.specific
    parent.add_child(instance=page)
    page.audiences.set(audiences)
    page.districts.set(districts)
    page.keywords.add(*keywords)
    page.save_revision().publish()
    return page


def image(title, data, extension, alt):
    Image = get_image_model()
    found = Image.objects.filter(title=title).first()
    if found:
        return found
    return Image.objects.create(
        title=title,
        description=alt,
        file=ImageFile(SimpleUploadedFile(f"demo.{extension}", data), name=f"demo.{extension}"),
    )


def document(title, slug, data):
    Document = get_document_model()
    found = Document.objects.filter(title=title).first()
    if found:
        if found.file_size is None:  # loaded before the size was recorded
            found.file_size = found.file.size
            found.save(update_fields=["file_size"])
        return found
    # Wagtail's upload form records the size; a document created in code must do it itself, or
    # the leaflet page shows "PDF, 0 bytes" before the download.
    return Document.objects.create(
        title=title,
        file=SimpleUploadedFile(f"{slug}.pdf", data, content_type="application/pdf"),
        file_size=len(data),
    )


def load_poster(
    parent,
    audiences,
    slug,
    title,
    description,
    lines,
    colours,
    audience_slugs,
    keywords,
    date,
    featured,
):
    alt = f"Áp phích: {' '.join(lines)}. Gọi đường dây nóng 111."
    picture = image(title, media.poster(lines, *colours), "png", alt)
    page = PosterPage(
        title=title,
        slug=slug,
        standfirst=description,
        publication_date=date,
        image=picture,
        image_alt=alt,
        is_featured=featured,
    )
    return publish(parent, page, [audiences[a] for a in audience_slugs], [], keywords)


def load_leaflet(
    parent, audiences, slug, title, summary, pages, audience_slugs, keywords, date, featured
):
    cover_alt = f"Trang bìa tờ rơi “{title}”"
    page = LeafletPage(
        title=title,
        slug=slug,
        standfirst=summary,
        publication_date=date,
        is_featured=featured,
        **leaflet_files_and_text(title, slug, pages, title, cover_alt),
    )
    return publish(parent, page, [audiences[a] for a in audience_slugs], [], keywords)


def leaflet_files_and_text(title, slug, pages, media_title, cover_alt):
    """A leaflet's PDF (its pages of lines), cover picture and text as the page shows it. The PDF
    and the cover are named `media_title` in the media library, which staff read in Vietnamese."""
    body = [
        {"type": "paragraph", "value": "".join(f"<p>{line}</p>" for line in lines if line)}
        for lines in pages
    ]
    body.append({"type": "hotline", "value": {"text": ""}})
    cover = media.illustration(title, "#5a3d8a", size=(600, 850))
    return {
        "document": document(media_title, slug, media.leaflet_pdf(title, pages)),
        "image": image(f"Bìa: {media_title}", cover, "jpg", cover_alt),
        "image_alt": cover_alt,
        "body": json.dumps(body),
    }


def load_article(
    parent,
    audiences,
    units,
    index,
    slug,
    title,
    standfirst,
    paragraphs,
    audience_slugs,
    district_codes,
    keywords,
    date,
    featured,
    material,
):
    alt = f"Hình minh họa với dòng chữ: {title}"
    colour = ILLUSTRATION_COLOURS[index % len(ILLUSTRATION_COLOURS)]
    picture = image(title, media.illustration(title, colour), "jpg", alt)
    body = [{"type": "paragraph", "value": f"<p>{paragraph}</p>"} for paragraph in paragraphs]
    if index % 3 == 0:
        body.insert(
            1,
            {
                "type": "warning_signs",
                "value": {"heading": "Dấu hiệu cảnh báo", "signs": WARNING_SIGNS},
            },
        )
    if index % 4 == 1:
        body.insert(
            1,
            {
                "type": "quote",
                "value": {"quote": paragraphs[-1], "attribution": "Ban Chủ nhiệm mô hình"},
            },
        )
    body.append({"type": "material", "value": {"material": material.pk, "text": ""}})
    body.append({"type": "hotline", "value": {"text": ""}})
    page = ArticlePage(
        title=title,
        slug=slug,
        standfirst=standfirst,
        publication_date=date,
        byline="Ban Chủ nhiệm mô hình" if district_codes else "Công an tỉnh",
        image=picture,
        image_alt=alt,
        body=json.dumps(body),
        is_featured=featured,
    )
    return publish(
        parent,
        page,
        [audiences[a] for a in audience_slugs],
        [units[c] for c in district_codes],
        keywords,
    )


def load_programme_contacts(units):
    """A contact point in each commune and ward of today: since the district level ended, the
    prevention work of a commune sits with its People's Committee's culture and social office."""
    today = timezone.localdate()
    for unit in units.values():
        if unit.level != AdministrativeUnit.Level.COMMUNE or not unit.existed_on(today):
            continue
        name = f"{unit.designation} {unit.name}"
        ProgrammeContact.objects.get_or_create(
            unit=unit,
            defaults={
                "office": f"Phòng Văn hóa - Xã hội, Ủy ban nhân dân {name}",
                "address": f"Trụ sở Ủy ban nhân dân {name}, tỉnh Đồng Nai",
                "phone": f"0251 3{unit.code[:3]} {unit.code[3:]}0",
                "hours": OFFICE_HOURS,
                "office_en": (
                    f"Culture and Social Affairs Office, People's Committee of "
                    f"{anyascii(unit.name)} {'ward' if unit.designation == 'phường' else 'commune'}"
                ),
                "hours_en": OFFICE_HOURS_EN,
            },
        )
