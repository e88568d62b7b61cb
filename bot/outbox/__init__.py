"""Replies on their way out: the deliverer that sends what the outbox holds, and this process's claims."""
