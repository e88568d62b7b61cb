"""Tests of bot/surveys/."""
