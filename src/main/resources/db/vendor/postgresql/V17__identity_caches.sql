-- PostgreSQL keeps this version's identity columns as they are. Its sequence cache is per connection: with a cache,
-- two connections hand out ids from different blocks, and rows would no longer be claimed in the order they arrived.
-- (The H2 twin of this version gives H2's identity columns a larger cache.) The version is taken on both databases
-- so that no later migration can reuse it on one of them.
SELECT 1;
