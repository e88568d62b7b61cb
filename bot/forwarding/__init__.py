"""Complaints to the central API through the durable forwarding outbox, status back, and our Open311 read API.

The path of a complaint: the transaction that stores it also writes a ForwardJob, the outbox entry (`workers.install`).
Workers (`forwarder.Forwarder`) claim due entries with a lease, send them through the configured adapter
(`settings.make_adapter`) with an idempotency key derived from our complaint (`payload`), and record the remote id.
A worker that dies between "sent" and "recorded" leaves its lease to run out; the next claim asks the central system
for the complaint by our reference first (and re-sends with the same idempotency key), so no second remote complaint
is made. Once sent, a poller (`poller.StatusPoller`) reads the remote status and follow-ups and tells the citizen
about every change. `workers.run_workers` runs both; operators see and requeue entries through `jobs`.
"""
