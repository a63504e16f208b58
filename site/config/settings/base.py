"""Settings shared by every environment. Anything a deployment may change is read from the environment."""

import datetime
import os
from pathlib import Path

import dj_database_url

from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parents[3]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Ours, first so that our templates override Wagtail's where we choose to. The demo content
    # (load_demo) is installed by the dev and test settings only.
    "core",
    "taxonomy",
    "accounts",
    "home",
    "news",
    "campaigns",
    "campaigns.offline",
    "dashboard",
    # Wagtail
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # The records and totals API
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    # Security: CSP header, login lockout, two-factor (TOTP) for staff
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # First: the load balancer's /healthz and /readyz, before the HTTPS redirect and host check.
    "core.availability.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.security.SecurityHeadersMiddleware",
    "core.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.security.SecurityLogMiddleware",
    "core.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "core.security.RateLimitMiddleware",
    "core.input_checks.InputCheckMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.two_factor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # The campaign data's rooms (campaigns/records/, campaigns/reports/...) each keep their
        # templates beside their code, as apps do; docs/architecture.md.
        "DIRS": [BASE_DIR / "templates", *sorted(BASE_DIR.glob("campaigns/*/templates"))],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# SQLite by default so a new clone runs with nothing installed; PostgreSQL in production.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# A database that does not answer costs a request seconds, not minutes (docs/operations.md): the
# longest wait for a connection, and for one SQL statement (0: no limit, e.g. for a long
# migration). PostgreSQL only; SQLite has no server to wait for.
DATABASE_CONNECT_TIMEOUT = int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "5"))
DATABASE_STATEMENT_TIMEOUT = int(os.environ.get("DATABASE_STATEMENT_TIMEOUT", "30"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options.setdefault("connect_timeout", DATABASE_CONNECT_TIMEOUT)
    _options["options"] = " ".join(
        part
        for part in (
            _options.get("options", ""),
            f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT * 1000}",
        )
        if part
    )
# How long a client is asked to wait (Retry-After) when the database is unavailable.
DATABASE_RETRY_AFTER_SECONDS = int(os.environ.get("DATABASE_RETRY_AFTER_SECONDS", "30"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"
# django-axes first: it refuses a locked-out account or address before a password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Vietnamese first: the public site and the staff screens default to Vietnamese.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
STORAGES = {
    # Original images and documents get a random folder in their name (core/storage.py).
    "default": {"BACKEND": "core.storage.FileSystemStorage"},
    # Compressed, content-hashed file names: browsers may cache them forever.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "core.redis_cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "pcmbn"),
            # Redis is an accelerator, never a dependency (core/redis_cache.py): the longest wait
            # for it, and how long a process leaves it alone after it failed.
            "TIMEOUT_SECONDS": float(os.environ.get("REDIS_TIMEOUT_SECONDS", "0.3")),
            "RETRY_SECONDS": float(os.environ.get("REDIS_RETRY_SECONDS", "5")),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The public page cache (core.page_cache, docs/performance.md). Several app servers must share
# Redis (REDIS_URL), or a page published through one stays stale on the others.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_ALIAS = "default"
# The longest a page is kept; publishing or editing what it shows refreshes it at once anyway.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "3600"))
# Pages showing live totals of the records (Results page, the live-total block).
PAGE_CACHE_LIVE_MINUTES = int(os.environ.get("PAGE_CACHE_LIVE_MINUTES", "5"))
# Cache-Control for public pages: max-age for browsers, s-maxage for a CDN or proxy in front.
PAGE_CACHE_BROWSER_SECONDS = int(os.environ.get("PAGE_CACHE_BROWSER_SECONDS", "60"))
PAGE_CACHE_SHARED_SECONDS = int(os.environ.get("PAGE_CACHE_SHARED_SECONDS", "300"))
PAGE_CACHE_EXCLUDED_PREFIXES = ("/admin/", "/api/", "/documents/")
# How often (seconds) each process compares the cache's generation with the one kept in the
# database, so a change made while Redis was unreachable refreshes the pages once it is back
# (core.page_cache). Empty: only when this process sees Redis come back.
_check = os.environ.get("PAGE_CACHE_GENERATION_CHECK_SECONDS", "5").strip()
PAGE_CACHE_GENERATION_CHECK_SECONDS = float(_check) if _check else None
# The only query parameters a cached page may have: the listing filters, pagination, and the
# Results page's year or campaign, the day whose units it shows, its indicator and grouping.
# Any other (a search, a tracking tag) goes to the view.
PAGE_CACHE_QUERY_PARAMS = (
    "as_of",
    "audience",
    "district",
    "keyword",
    "year",
    "kind",
    "language",
    "page",
    "campaign",
    "as_of",
    "indicator",
    "group",
)
# Saving or deleting any of these changes what public pages show.
PAGE_CACHE_INVALIDATED_BY = (
    "core.SiteSettings",
    "taxonomy.Audience",
    "taxonomy.AdministrativeUnit",
    "taxonomy.UnitSuccession",
    "news.ProgrammeContact",
    "news.Keyword",
    # The search's synonyms are kept with the pages (news.search.engine).
    "news.SearchSynonym",
    "campaigns.Indicator",
    "campaigns.Campaign",
    "campaigns.CampaignTarget",
    # Approving, returning or reopening a month changes which figures the public sees.
    "campaigns.ReportingPeriod",
    "wagtailimages.Image",
    "wagtaildocs.Document",
    "wagtailcore.Site",
    "wagtailcore.PageViewRestriction",
    "wagtailredirects.Redirect",
)

# The province the site serves, by its code today (`manage.py load_units` loads its units).
PROVINCE_CODE = os.environ.get("PROVINCE_CODE", "75")

# Wagtail
WAGTAIL_SITE_NAME = os.environ.get("WAGTAIL_SITE_NAME", "Phòng, chống mua bán người")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# The public site in two languages: one page tree per locale, Vietnamese the default at the root,
# English under /en/ (docs/publishing.md). Locales are created by migration core/0003.
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Addresses in plain letters, which stay short when shared (core/slugs.py).
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# Nothing leaves the machine: no update check, no Gravatar.
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Admin date pickers write days as every other screen shows them (config/formats): 01/12/2026.
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# "simple": PostgreSQL's default configuration is English, whose stop words ("an", "do", "to")
# are common Vietnamese syllables once diacritics are folded away.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"}
}
WAGTAILDOCS_EXTENSIONS = ["pdf"]
# Every document downloads as an attachment (Content-Disposition), PDFs included.
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "core.forms.PdfDocumentForm"
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Pictures are stored without camera metadata, whatever screen they come from, and one too large
# for Pillow even to open is refused in words (core/forms.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "core.forms.ImageForm"
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAIL_MODERATION_ENABLED = True
# Wagtail's sign-in form with its password label translated (accounts/forms.py).
WAGTAILADMIN_USER_LOGIN_FORM = "accounts.forms.LoginForm"
TAGGIT_CASE_INSENSITIVE = True

# The campaign API (/api/v1/): tokens for scripts and phones, sessions for the browser. A token
# lasts API_TOKEN_DAYS; `manage.py api_token USER` issues one, `--revoke` revokes it.
API_TOKEN_DAYS = int(os.environ.get("API_TOKEN_DAYS", "90"))
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.api_tokens.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 100,
    # Adds the error answers every operation can give (campaigns/api/schema.py).
    "DEFAULT_SCHEMA_CLASS": "campaigns.api.schema.CampaignApiSchema",
}
# The API's OpenAPI 3 description at /api/v1/schema/ (drf-spectacular; docs/campaigns.md). No
# browsable documentation page is served: its default scripts come from a CDN.
SPECTACULAR_SETTINGS = {
    "TITLE": _("Anti-trafficking campaign data"),
    "DESCRIPTION": _(
        "Activity records, totals and monthly review of the province's anti-trafficking "
        "communication campaigns. Units and indicators travel by code. Errors answer in the "
        "language of Accept-Language, Vietnamese by default."
    ),
    "VERSION": "1",
    # The schema view does not describe itself; each operation's description is translated
    # (extend_schema), not taken from the view's English docstring.
    "SERVE_INCLUDE_SCHEMA": False,
    "DISABLE_DOCSTRING_DESCRIPTIONS": True,
    # Its `check --deploy` describes every DRF view of the site, Wagtail's admin API included,
    # not /api/v1/; tests/campaigns/test_api_schema.py checks the served description instead.
    "ENABLE_DJANGO_DEPLOY_CHECK": False,
    # What a client sends (no id, no recorded_by) is described apart from what it gets back.
    "COMPONENT_SPLIT_REQUEST": True,
    # The review status and the unit level are each one enum, whatever serializer shows them.
    "ENUM_NAME_OVERRIDES": {
        "ReviewStatusEnum": "campaigns.periods.models.ReportingPeriod.Status",
        "UnitLevelEnum": "taxonomy.models.AdministrativeUnit.Level",
    },
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.security": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # One line per background task is noise; failures still show.
        "django_tasks": {"level": "WARNING"},
        # Lockouts, rate limits, refusals and two-factor events; never a visitor's address.
        "pcmbn.security": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "axes": {"level": "WARNING"},
    },
}

# Security: see docs/security.md for what each of these protects.
from csp.constants import NONCE, NONE, SELF  # noqa: E402

# Headers. Django's SecurityMiddleware sets nosniff, Referrer-Policy and COOP (and HSTS in
# production, over HTTPS); XFrameOptionsMiddleware sets X-Frame-Options (Wagtail's preview sets
# its own); core.security adds Permissions-Policy, CORP and the two Content-Security-Policies.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=(), interest-cohort=()"
)
ADMIN_URL_PREFIXES = ("/admin/",)
API_URL_PREFIXES = ("/api/",)
# Public pages: nothing inline, nothing from another host. The only inline <script> is the
# JSON-LD data block, which carries the per-request nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "form-action": [SELF],
        "base-uri": [NONE],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
    }
}
# The Wagtail admin uses inline styles and scripts, blob: and data: images, and frames its own
# preview; it still loads nothing from another host and cannot be framed by another site.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, "'unsafe-inline'"],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "worker-src": [SELF, "blob:"],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
        "frame-ancestors": [SELF],
    }
}

# How many proxies in front of the app append to X-Forwarded-For (0: use REMOTE_ADDR).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Rate limits per client address: rule -> (path prefixes, methods, requests, per seconds).
# Paths are matched without the /en/ prefix. Counters live in the default cache (Redis when
# REDIS_URL is set, so every worker counts together).
LANGUAGE_URL_PREFIXES = ("/en/",)
RATE_LIMIT_CACHE = "default"
RATE_LIMITS = {
    "search": (
        ("/tim-kiem/", "/search/"),
        {"GET", "HEAD"},
        int(os.environ.get("RATE_LIMIT_SEARCH", "30")),
        60,
    ),
    "api": (
        ("/api/",),
        {"GET", "HEAD", "POST", "PATCH", "DELETE", "OPTIONS"},
        int(os.environ.get("RATE_LIMIT_API", "120")),
        60,
    ),
    # Every form that takes a password or sends a reset mail: the admin's, Wagtail's front-end
    # login for private pages and its page-password form. An office or a mobile carrier puts many
    # people behind one address, so this only stops floods; guessing is stopped per account below.
    "login": (
        (
            "/admin/login/",
            "/admin/password_reset/",
            "/_util/login/",
            "/_util/authenticate_with_password/",
        ),
        {"POST"},
        int(os.environ.get("RATE_LIMIT_LOGIN", "30")),
        60,
    ),
}

# django-axes: after AXES_FAILURE_LIMIT failed logins for one account that account is refused for
# AXES_COOLOFF_TIME, from any address; an address is refused only after LOGIN_ADDRESS_FAILURE_LIMIT
# failures (of any accounts) within that time, since a commune office or a mobile carrier puts many
# staff behind one address. A successful login clears that account's failures only. Wagtail's
# page-password form counts as a login of its restriction (core/login_limits.py). With Redis the
# attempts live in the cache only, so the addresses of people who mistyped are forgotten when the
# lockout ends; without it (a per-process memory cache would not be shared between workers) they
# live in the database, expire with the lockout, and successful logins are not recorded at all.
if os.environ.get("REDIS_URL"):
    AXES_HANDLER = "core.login_limits.CacheLoginLimits"
else:
    AXES_HANDLER = "core.login_limits.DatabaseLoginLimits"
AXES_DISABLE_ACCESS_LOG = True
AXES_USE_ATTEMPT_EXPIRATION = True
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("LOGIN_ADDRESS_FAILURE_LIMIT", "50"))
# axes warns when addresses are not among its lockout parameters; they are counted, by
# core.login_limits, against their own higher limit.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_CLIENT_IP_CALLABLE = "core.security.client_ip"
AXES_USERNAME_FORM_FIELD = "username"

# Two-factor authentication (TOTP, django-otp). Any staff account may turn it on; accounts in
# the roles listed in TWO_FACTOR_REQUIRED_ROLES (editor, moderator, local, coordinator,
# superuser; comma-separated) must set it up before they can use the admin.
TWO_FACTOR_REQUIRED_ROLES = env_list("TWO_FACTOR_REQUIRED_ROLES")
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME

# Where the quick-exit button sends a visitor: a neutral site that gives nothing away.
QUICK_EXIT_URL = os.environ.get("QUICK_EXIT_URL", "https://www.google.com.vn/")

# Monthly reporting: a month locks itself this many days after it ends (a coordinator can reopen
# one unit's month). Empty: months lock only when a coordinator approves them.
REPORTING_CLOSE_AFTER_DAYS = (
    int(os.environ["REPORTING_CLOSE_AFTER_DAYS"])
    if os.environ.get("REPORTING_CLOSE_AFTER_DAYS", "").strip()
    else None
)

# Spreadsheet import of activity records (docs/campaigns.md): the largest file accepted, in
# megabytes, and the most data rows in one file.
IMPORT_MAX_BYTES = int(float(os.environ.get("IMPORT_MAX_MB", "5")) * 1024 * 1024)
IMPORT_MAX_ROWS = int(os.environ.get("IMPORT_MAX_ROWS", "10000"))

# Reminders (`manage.py send_reminders`, docs/campaigns.md): a month's figures are due on this day
# of the next month (a shorter month's last day when it has fewer days)...
REPORTING_DEADLINE_DAY = int(os.environ.get("REPORTING_DEADLINE_DAY", "5"))
# ...and staff whose month is not submitted are reminded on these days relative to the deadline
# (-3: three days before, 0: the day itself, 7: a week after).
REMINDER_DAYS = [int(day) for day in env_list("REMINDER_DAYS", "-3,0,3,7")]
# The coordinators' weekly digest goes out on this day of the week (1 Monday … 7 Sunday).
REMINDER_DIGEST_WEEKDAY = int(os.environ.get("REMINDER_DIGEST_WEEKDAY", "1"))
# How reminders reach people: dotted paths of `campaigns.reminders.channels.Channel` classes.
REMINDER_CHANNELS = env_list("REMINDER_CHANNELS", "campaigns.reminders.channels.EmailChannel")
