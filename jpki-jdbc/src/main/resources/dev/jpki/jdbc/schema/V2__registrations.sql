-- Face-to-face registrations (dev.jpki.jdbc.JdbcRegistrationStore): which card key belongs to which
-- account. Digests are lower-case hex SHA-256; no personal data is stored.
CREATE TABLE jpki_registration (
  card_key_sha256      CHAR(64)      NOT NULL PRIMARY KEY,
  account_id           VARCHAR(256)  NOT NULL,
  auth_cert_sha256     CHAR(64)      NOT NULL,
  auth_cert_issuer     VARCHAR(2048) NOT NULL,
  auth_cert_serial     VARCHAR(80)   NOT NULL,
  auth_cert_not_after  BIGINT        NOT NULL,
  registered_at        BIGINT        NOT NULL
);
CREATE INDEX jpki_registration_account ON jpki_registration (account_id);
