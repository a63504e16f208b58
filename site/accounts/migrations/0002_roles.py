"""The four roles as groups with exactly the permissions they need.

Wagtail's own migrations already created "Editors" (add and change pages, images, documents) and
"Moderators" (also publish, and the approval task of the default workflow). They are renamed
here, keeping those permissions and the workflow, and given ours. Later apps add their own
permissions to these groups in their own migrations.
"""

from django.db import migrations

from accounts.roles import grant_permissions

EDITORS = "Biên tập viên"
MODERATORS = "Kiểm duyệt viên"
DISTRICT_STAFF = "Cán bộ cấp huyện"
COORDINATORS = "Điều phối viên cấp tỉnh"

PERMISSIONS = {
    EDITORS: [
        "wagtailadmin.access_admin",
        "taxonomy.add_audience",
        "taxonomy.change_audience",
        "taxonomy.view_audience",
        "taxonomy.view_administrativeunit",
    ],
    MODERATORS: [
        "wagtailadmin.access_admin",
        "taxonomy.add_audience",
        "taxonomy.change_audience",
        "taxonomy.delete_audience",
        "taxonomy.view_audience",
        "taxonomy.view_administrativeunit",
        "core.change_sitesettings",
    ],
    DISTRICT_STAFF: ["wagtailadmin.access_admin"],
    COORDINATORS: [
        "wagtailadmin.access_admin",
        "taxonomy.add_administrativeunit",
        "taxonomy.change_administrativeunit",
        "taxonomy.delete_administrativeunit",
        "taxonomy.view_administrativeunit",
        "taxonomy.view_audience",
        "accounts.add_unitassignment",
        "accounts.change_unitassignment",
        "accounts.delete_unitassignment",
        "accounts.view_unitassignment",
    ],
}


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Task = apps.get_model("wagtailcore.Task")
    Workflow = apps.get_model("wagtailcore.Workflow")

    Group.objects.filter(name="Editors").update(name=EDITORS)
    Group.objects.filter(name="Moderators").update(name=MODERATORS)
    Task.objects.filter(name="Moderators approval").update(name="Kiểm duyệt viên duyệt bài")
    Workflow.objects.filter(name="Moderators approval").update(name="Duyệt trước khi đăng")

    grant_permissions(apps, PERMISSIONS)


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Group.objects.filter(name__in=[DISTRICT_STAFF, COORDINATORS]).delete()
    Group.objects.filter(name=EDITORS).update(name="Editors")
    Group.objects.filter(name=MODERATORS).update(name="Moderators")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("core", "0001_initial"),
        ("taxonomy", "0001_initial"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
