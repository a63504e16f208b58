import posixpath

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wagtail.images import get_image_model

from core.image_metadata import without_metadata


class Command(BaseCommand):
    help = (
        "Store every original image again without camera metadata (location, camera, author) and "
        "remove its renditions, which copied it. Images already clean are left alone, so running "
        "it again changes nothing."
    )

    def handle(self, **options):
        cleaned, unreadable = 0, []
        images = get_image_model().objects.order_by("pk")
        for image in images.iterator(chunk_size=100):
            try:
                with image.open_file() as stored:
                    clean = without_metadata(stored.read())
            except (OSError, ValueError) as error:
                unreadable.append(f"{image.pk} ({image.file.name}: {error})")
                continue
            if clean is None:
                continue
            old = image.file.name
            image.file.save(
                posixpath.basename(old),
                ContentFile(clean, name=posixpath.basename(old)),
                save=False,
            )
            image._set_image_file_metadata()
            image.save(update_fields=["file", "width", "height", "file_size", "file_hash"])
            # As Wagtail does when a file is replaced: the renditions were made from the old one.
            image.renditions.all().delete()
            image.file.storage.delete(old)
            cleaned += 1
        self.stdout.write(
            _("Cleaned %(cleaned)s of %(total)s images.")
            % {"cleaned": cleaned, "total": images.count()}
        )
        if unreadable:
            raise CommandError(
                _("These images could not be read and were left as they are: %(images)s")
                % {"images": "; ".join(unreadable)}
            )
