-- A request quota shared by every instance on this database (HubSpot's per-portal limit): the earliest moment, in
-- epoch microseconds, at which the next request may go out. Each instance moves it on under the row's lock.
CREATE TABLE api_quota (
    name      VARCHAR(100) PRIMARY KEY,
    next_slot BIGINT       NOT NULL
);
