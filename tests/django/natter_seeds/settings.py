"""A minimal Django project holding the seeds' models (docs: /work/shared/UPSTREAM.md,
"Data model"), so that tests/api/django_import.rs imports a database real Django made:
auth_user with real password hashes, DRF's authtoken_token, and the apps' own tables.
The database file is NATTER_DJANGO_DB."""
import os

BASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SECRET_KEY = "natter-tests-only"
DEBUG = False
ALLOWED_HOSTS = ["*"]
USE_TZ = True
TIME_ZONE = "UTC"
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    # Browser sessions (django_session), signed in through the test client.
    "django.contrib.sessions",
    "rest_framework",
    "rest_framework.authtoken",
    # Seed 000 ("chat" app: Message between two users).
    "chat",
    # Seed 001 (django-messaging: ChatRoom, ChatMembership, Message, reactions, receipts).
    "django_messaging",
    # Seed 002 (DirectChat, DirectMessage).
    "direct",
    # Seed 003 (MOznoDS: Profile, Room, RoomParticipant, Message, MessageAttachment, File).
    "rooms",
    # Seed 004 (messenger: ChatRoom, Message; profiles: UserProfile, Post).
    "messenger",
]
MEDIA_ROOT = os.environ.get("NATTER_DJANGO_MEDIA", os.path.join(BASE_DIR, "media"))
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("NATTER_DJANGO_DB", os.path.join(BASE_DIR, "django.sqlite3")),
    }
}
# The same project on PostgreSQL (needs psycopg): NATTER_DJANGO_PG_NAME names the
# database, _HOST its host or socket folder, _PORT and _USER the rest.
if os.environ.get("NATTER_DJANGO_PG_NAME"):
    DATABASES["default"] = {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ["NATTER_DJANGO_PG_NAME"],
        "HOST": os.environ.get("NATTER_DJANGO_PG_HOST", ""),
        "PORT": os.environ.get("NATTER_DJANGO_PG_PORT", ""),
        "USER": os.environ.get("NATTER_DJANGO_PG_USER", ""),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
ROOT_URLCONF = "natter_seeds.urls"
