#!/usr/bin/env python3
"""Fills the test project's database (NATTER_DJANGO_DB, migrated) as the apps would:
users made with create_user (real password hashes), DRF tokens, seed 001's chats with
members, messages (one edited, one deleted), a reaction and read receipts, seed 000's
messages between two people, and seed 002's direct chat. Prints what the Rust test
checks, as JSON."""
import datetime
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "natter_seeds.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from rest_framework.authtoken.models import Token  # noqa: E402

from chat.models import Message as InboxMessage  # noqa: E402
from direct.models import DirectChat, DirectMessage  # noqa: E402
from django.core.files.base import ContentFile  # noqa: E402

from messenger.models import ChatRoom as NamedRoom, Message as NamedMessage, Post, UserProfile  # noqa: E402
from rooms.models import (  # noqa: E402
    File as RoomFile,
    Message as RoomMessage,
    MessageAttachment,
    Profile,
    Room,
    RoomParticipant,
)
from django_messaging.models import (  # noqa: E402
    ChatMembership,
    ChatRoom,
    Message,
    MessageReaction,
    MessageReadReceipt,
)

UTC = datetime.timezone.utc


def at(minute):
    return datetime.datetime(2024, 3, 1, 9, minute, 0, 123456, tzinfo=UTC)


alice = User.objects.create_user(
    "alice", "alice@example.org", "alice-old-pass", first_name="Alice", last_name="Liddell",
    is_staff=True,
)
bob = User.objects.create_user("bob", "bob@example.org", "bob-old-pass")
carol = User.objects.create_user("carol", "carol@example.org", "carol-old-pass")
dave = User.objects.create_user("dave", "dave@example.org", "dave-old-pass", is_active=False)
tokens = {u.username: Token.objects.create(user=u).key for u in (alice, bob)}

group = ChatRoom.objects.create(title="Project", is_group=True)
ChatMembership.objects.create(user=alice, chat=group, role="admin")
ChatMembership.objects.create(user=bob, chat=group)
ChatMembership.objects.create(user=carol, chat=group)
dm = ChatRoom.objects.create(is_group=False)
ChatMembership.objects.create(user=alice, chat=dm)
ChatMembership.objects.create(user=bob, chat=dm)


def say(chat, sender, text, minute, **extra):
    m = Message.objects.create(chat=chat, sender=sender, content=text)
    Message.objects.filter(pk=m.pk).update(created_at=at(minute), updated_at=at(minute + 1), **extra)
    return m


first = say(group, alice, "Kick-off at ten", 1)
second = say(group, bob, "I'll bring the slides (edited)", 2, is_edited=True)
say(group, carol, "oops, wrong chat", 3, is_deleted=True)
say(group, carol, "See you there", 4)
lunch = say(dm, bob, "Lunch?", 5)
lunch.file_attachment.save("menu.txt", ContentFile(b"soup of the day\n"), save=False)
Message.objects.filter(pk=lunch.pk).update(file_attachment=lunch.file_attachment.name)
MessageReaction.objects.create(message=first, user=bob, emoji="\U0001F44D")
MessageReadReceipt.objects.create(message=second, user=carol, status="seen")
ChatRoom.objects.filter(pk=group.pk).update(created_at=at(0), updated_at=at(4))
ChatRoom.objects.filter(pk=dm.pk).update(created_at=at(0), updated_at=at(5))

for minute, (sender, receiver, text) in enumerate(
    [(alice, carol, "Hi Carol"), (carol, alice, "Hi Alice"), (alice, carol, "Gone")], start=10
):
    m = InboxMessage.objects.create(sender=sender, receiver=receiver, content=text)
    InboxMessage.objects.filter(pk=m.pk).update(timestamp=at(minute))

# Seed 002: carol and dave's direct chat; carol read dave's first message, not his second.
direct = DirectChat.objects.create()
direct.participants.add(carol, dave)
for minute, (sender, body, read) in enumerate(
    [(carol, "Coffee?", True), (dave, "Sure", True), (dave, "Now?", False)], start=20
):
    m = DirectMessage.objects.create(chat=direct, sender=sender, body=body, is_read=read)
    DirectMessage.objects.filter(pk=m.pk).update(created=at(minute))
DirectChat.objects.filter(pk=direct.pk).update(created=at(19))

# Seed 003: alice's room "Standup" with bob, a message with a file attached
# and an empty one carrying only a file whose bytes are gone from the media folder.
Profile.objects.create(user=alice, display_name="Alice L.")
Profile.objects.create(user=bob, display_name="")
standup = Room.objects.create(name="Standup", owner=alice)
for minute, user in enumerate([alice, bob], start=30):
    p = RoomParticipant.objects.create(room=standup, user=user)
    RoomParticipant.objects.filter(pk=p.pk).update(created_at=at(minute))
notes = RoomFile.objects.create(
    uploaded_by=alice, file=ContentFile(b"agenda: ship it\n", name="notes.txt"),
    name="notes.txt", size=16, content_type="text/plain",
)
gone = RoomFile.objects.create(
    uploaded_by=bob, file=ContentFile(b"lost", name="gone.txt"),
    name="gone.txt", size=4, content_type="text/plain",
)
os.remove(gone.file.path)
for minute, (author, text, attached) in enumerate(
    [(alice, "Morning all", notes), (bob, "Here", None), (bob, "", gone)], start=32
):
    m = RoomMessage.objects.create(room=standup, author=author, content=text)
    RoomMessage.objects.filter(pk=m.pk).update(created_at=at(minute), updated_at=at(minute))
    if attached:
        MessageAttachment.objects.create(message=m, file=attached)
Room.objects.filter(pk=standup.pk).update(created_at=at(29), updated_at=at(29))

# Seed 004: the room "alice_carol" and a room of three named "trio"; profiles (alice's
# image uploaded, bob's the default), a friendship and a post.
pair = NamedRoom.objects.create(name="alice_carol")
pair.members.add(alice, carol)
trio = NamedRoom.objects.create(name="trio")
trio.members.add(alice, bob, carol)
for minute, (room, user, text) in enumerate(
    [(pair, alice, "Privet"), (pair, carol, "Hello!"), (trio, bob, "All three here")], start=40
):
    m = NamedMessage.objects.create(room=room, user=user, content=text)
    NamedMessage.objects.filter(pk=m.pk).update(timestamp=at(minute))
alice_profile = UserProfile.objects.create(
    user=alice, bio="Down the rabbit hole",
    image=ContentFile(b"\x89PNG fake image", name="alice.png"),
)
bob_profile = UserProfile.objects.create(user=bob, bio="")
alice_profile.friends.add(bob_profile)
post = Post.objects.create(user=alice, title="Hello", content="First post")
Post.objects.filter(pk=post.pk).update(created_at=at(45))

# Browser sessions: bob signed in (as a browser would be), one expired, and one whose user
# is not in auth_user.
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.contrib.sessions.models import Session  # noqa: E402
from django.test import Client  # noqa: E402

browser = Client()
assert browser.login(username="bob", password="bob-old-pass")
bob_session = browser.cookies["sessionid"].value
old = Client()
assert old.login(username="carol", password="carol-old-pass")
expired_session = old.cookies["sessionid"].value
Session.objects.filter(session_key=expired_session).update(
    expire_date=datetime.datetime(2020, 1, 1, tzinfo=UTC)
)
stranger = SessionStore()
stranger["_auth_user_id"] = "999"
stranger.create()

print(json.dumps({
    "sessions": {"bob": bob_session, "expired": expired_session, "stranger": stranger.session_key},
    "standup": standup.pk,
    "alice_image": alice_profile.image.name,
    "tokens": tokens,
    "group": group.pk.hex,
    "dm": dm.pk.hex,
    "direct": direct.pk,
    "hash_prefix": alice.password.split("$")[0],
}))
