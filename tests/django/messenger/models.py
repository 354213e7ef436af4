"""Seed 004's models (UPSTREAM.md, seed 004 section 3): its `messenger` app (rooms by
unique name, members, messages) and its `profiles` app (profile with image, bio and
friends; posts), held in one app here, which changes only the table prefix."""
from django.conf import settings
from django.db import models


class ChatRoom(models.Model):
    name = models.CharField(max_length=255, unique=True)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="chatrooms")


class Message(models.Model):
    room = models.ForeignKey(ChatRoom, on_delete=models.CASCADE, related_name="messages")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="messenger_messages")
    content = models.TextField()
    timestamp = models.DateTimeField(auto_now_add=True)


class UserProfile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile004")
    # Upstream's ImageField (which needs Pillow) stores the same varchar path.
    image = models.FileField(upload_to="user_images/", default="user_images/default.jpg")
    bio = models.TextField(blank=True)
    friends = models.ManyToManyField("self", blank=True)


class Post(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="posts")
    title = models.CharField(max_length=255)
    content = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
