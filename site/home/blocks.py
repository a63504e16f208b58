"""What the home page's body is made of: text, and live totals from the campaign records."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks

from campaigns.public.blocks import LiveTotalBlock
from news.blocks import RICH_TEXT_FEATURES


class HomeBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES, label=_("Text"), template="news/blocks/rich_text.html"
    )
    live_total = LiveTotalBlock()
