-- Version 10: several pollers share the feeds. A poller claims due feeds by writing its name and an
-- expiry on them (storage/feeds.claim_due); the lease is cleared when the poll is recorded, and a dead
-- poller's leases simply expire, after which another poller claims those feeds. Each process also
-- writes a heartbeat to bot_state ('heartbeat:<instance>') that `hotseat health` reads.
ALTER TABLE feeds ADD COLUMN lease_owner TEXT;
ALTER TABLE feeds ADD COLUMN lease_until TEXT;
