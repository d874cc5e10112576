-- The dedup key of every event ever stored. Processed inbox rows are deleted after referloop.inbox.retention;
-- their keys stay here, so a sender's late redelivery is still recognised and changes nothing. Keys are written
-- in the transaction that stores the event, so no moment exists in which an event is in neither table.
CREATE TABLE inbox_key (
    source      VARCHAR(32)  NOT NULL,
    external_id VARCHAR(255) NOT NULL,
    CONSTRAINT pk_inbox_key PRIMARY KEY (source, external_id)
);
INSERT INTO inbox_key (source, external_id) SELECT source, external_id FROM inbox_event;
