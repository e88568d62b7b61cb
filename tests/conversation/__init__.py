"""Tests of bot/conversation/."""
