-- Cached answers of the certificate link service (dev.jpki.jdbc.JdbcCertificateLinkCache): which
-- certificate another one replaced ('predecessor') or belongs with ('counterpart'). cert_key is the
-- lower-case hex SHA-256 of the queried certificate's id (UTF-8 issuer name, a NUL byte, serial in hex):
-- fixed length, so the key index stays small whatever the issuer name. A NULL linked_issuer records
-- the service's answer "no link". Issuer names and serial numbers only, no subject data. fetched_at
-- is epoch milliseconds (UTC).
CREATE TABLE jpki_certificate_link (
  link_kind      VARCHAR(16)   NOT NULL,
  cert_key       CHAR(64)      NOT NULL,
  linked_issuer  VARCHAR(2048),
  linked_serial  VARCHAR(80),
  fetched_at     BIGINT        NOT NULL,
  PRIMARY KEY (link_kind, cert_key)
);
