from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage


class HomePageTests(WagtailPageTestCase):
    def test_can_only_sit_at_the_root(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(HomePage, HomePage)

    def test_is_renderable(self):
        self.assertPageIsRenderable(HomePage.objects.get())

    def test_shows_its_introduction(self):
        home = HomePage.objects.get()
        home.introduction = "Cảnh giác với lời mời việc nhẹ lương cao."
        home.save_revision().publish()
        response = self.client.get(home.url)
        self.assertContains(response, "Cảnh giác với lời mời việc nhẹ lương cao.")
