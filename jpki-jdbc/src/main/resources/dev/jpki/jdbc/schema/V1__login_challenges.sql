-- Outstanding login challenges (dev.jpki.jdbc.JdbcChallengeStore). Times are epoch milliseconds (UTC),
-- so no database time zone setting can shift an expiry.
CREATE TABLE jpki_challenge (
  id          VARCHAR(400) NOT NULL PRIMARY KEY,
  session_id  VARCHAR(128) NOT NULL,
  expires_at  BIGINT       NOT NULL,
  created_at  BIGINT       NOT NULL
);
CREATE INDEX jpki_challenge_session ON jpki_challenge (session_id);
CREATE INDEX jpki_challenge_expiry ON jpki_challenge (expires_at);
