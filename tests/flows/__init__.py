"""Tests of the flows and the engine (flows/), and the conversation transcripts."""
