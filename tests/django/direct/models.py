"""Seed 002's models (UPSTREAM.md, seed 002 section 3)."""
from django.contrib.auth.models import User
from django.db import models


class DirectChat(models.Model):
    participants = models.ManyToManyField(User, related_name="direct_chats")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created"]


class DirectMessage(models.Model):
    chat = models.ForeignKey(DirectChat, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(User, on_delete=models.CASCADE)
    body = models.CharField(max_length=300, blank=True, null=True)
    created = models.DateTimeField(auto_now_add=True)
    is_read = models.BooleanField(default=False)

    class Meta:
        ordering = ["created"]
