"""The blocks editors compose articles and leaflets from."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page

from campaigns.public.blocks import LiveTotalBlock
from core.private_content import unrestricted

# Rich text everywhere offers the same small set: structure and links, no colours or fonts.
RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "document-link", "ol", "ul"]

# Videos are linked, not embedded: an embedded player loads another company's scripts and
# tells it who is reading about trafficking.
VIDEO_HOSTS = (
    "youtube.com",
    "www.youtube.com",
    "m.youtube.com",
    "youtu.be",
    "www.facebook.com",
    "fb.watch",
    "vtv.vn",
)


class LabelledImageBlock(ImageBlock):
    """Wagtail's image block, its chooser labelled in the reader's language: Wagtail labels it
    "Image" from the field's name, which no catalogue translates."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.child_blocks["image"].label = _("Image")


class CaptionedImageBlock(blocks.StructBlock):
    image = LabelledImageBlock(label=_("Image"))
    caption = blocks.CharBlock(required=False, max_length=250, label=_("Caption"))

    class Meta:
        icon = "image"
        label = _("Image")
        template = "news/blocks/captioned_image.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quotation"))
    attribution = blocks.CharBlock(required=False, max_length=120, label=_("Who said it"))

    class Meta:
        icon = "openquote"
        label = _("Quotation")
        template = "news/blocks/quote.html"
        preview_value = {
            "quote": "Không có công việc nào lương cao mà không cần kinh nghiệm, không cần hợp đồng.",
            "attribution": "Cán bộ Ban Chủ nhiệm mô hình",
        }


class VideoLinkBlock(blocks.StructBlock):
    url = blocks.URLBlock(
        label=_("Video address"), help_text=_("A YouTube, Facebook or VTV video.")
    )
    title = blocks.CharBlock(max_length=200, label=_("Title"))
    duration = blocks.CharBlock(
        required=False, max_length=10, label=_("Duration"), help_text=_("For example: 3:45")
    )

    class Meta:
        icon = "media"
        label = _("Video")
        template = "news/blocks/video_link.html"

    def clean(self, value):
        value = super().clean(value)
        host = value["url"].split("//", 1)[-1].split("/", 1)[0].lower()
        if host not in VIDEO_HOSTS:
            raise blocks.StructBlockValidationError(
                block_errors={
                    "url": ValidationError(_("Link a video on YouTube, Facebook or VTV."))
                }
            )
        return value


class WarningSignsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, label=_("Heading"), default=_("Warning signs"))
    signs = blocks.ListBlock(
        blocks.CharBlock(max_length=250, label=_("Sign")), label=_("Signs"), min_num=1
    )

    class Meta:
        icon = "warning"
        label = _("Warning signs checklist")
        template = "news/blocks/warning_signs.html"
        preview_value = {
            "heading": "Dấu hiệu cảnh báo",
            "signs": [
                "Hứa việc nhẹ, lương cao, không cần kinh nghiệm",
                "Đòi giữ giấy tờ tùy thân của bạn",
            ],
        }


class HotlineCalloutBlock(blocks.StructBlock):
    """The site's hotline numbers, as set in the site settings, with an optional lead-in."""

    text = blocks.CharBlock(
        required=False,
        max_length=250,
        label=_("Text"),
        help_text=_("Leave empty for the standard text."),
    )

    class Meta:
        icon = "mobile-alt"
        label = _("Hotline call-out")
        template = "news/blocks/hotline_callout.html"
        preview_value = {"text": ""}


class MaterialLinkBlock(blocks.StructBlock):
    material = blocks.PageChooserBlock(
        page_type=["news.PosterPage", "news.LeafletPage"], label=_("Poster or leaflet")
    )
    text = blocks.CharBlock(required=False, max_length=200, label=_("Link text"))

    class Meta:
        icon = "doc-full"
        label = _("Link to a poster or leaflet")
        template = "news/blocks/material_link.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        material = value["material"]
        # Unpublished or behind a view restriction: no link (core/private_content.py).
        context["shown"] = (
            material is not None
            and unrestricted(Page.objects.live().filter(pk=material.pk)).exists()
        )
        return context


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES, label=_("Text"), template="news/blocks/rich_text.html"
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    video = VideoLinkBlock()
    warning_signs = WarningSignsBlock()
    hotline = HotlineCalloutBlock()
    material = MaterialLinkBlock()

    live_total = LiveTotalBlock()


class LeafletBodyBlock(blocks.StreamBlock):
    """A leaflet's text as a web page: readers on slow connections need not download the PDF."""

    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES, label=_("Text"), template="news/blocks/rich_text.html"
    )
    image = CaptionedImageBlock()
    warning_signs = WarningSignsBlock()
    hotline = HotlineCalloutBlock()


class SupportItemBlock(blocks.StructBlock):
    """One kind of support a returning victim can receive, on the "Get help" page."""

    title = blocks.CharBlock(max_length=120, label=_("Title"))
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Text"))

    class Meta:
        icon = "help"
        label = _("Support")
        template = "news/blocks/support_item.html"
