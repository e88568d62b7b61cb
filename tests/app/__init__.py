"""Tests of the process as a whole: CLI, wiring, settings docs, packaging."""
