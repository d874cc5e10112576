-- Where each poller stopped: a restart resumes from here.
CREATE TABLE poll_checkpoint (
    name       VARCHAR(100) PRIMARY KEY,
    position   VARCHAR(255) NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A lease per poller, so one instance polls at a time when several share the database.
CREATE TABLE cluster_lock (
    name         VARCHAR(100) PRIMARY KEY,
    owner        VARCHAR(100) NOT NULL,
    locked_until TIMESTAMP WITH TIME ZONE NOT NULL
);
