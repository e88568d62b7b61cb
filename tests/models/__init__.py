"""Tests of storage (models/)."""
