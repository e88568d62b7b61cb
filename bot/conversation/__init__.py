"""A citizen's turn: the durable inbox, group commit, per-chat order, the guard stages, status changes, catch-up."""
