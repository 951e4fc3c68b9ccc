-- Applied by hand with psql when the service was set up (2019).
CREATE TABLE IF NOT EXISTS customers (
  id          SERIAL PRIMARY KEY,
  name        TEXT NOT NULL,
  vat_id      TEXT,
  billing_day INT NOT NULL DEFAULT 1
);

CREATE TABLE IF NOT EXISTS usage_records (
  id          SERIAL PRIMARY KEY,
  customer_id INT NOT NULL REFERENCES customers(id),
  units       INT NOT NULL,
  unit_cents  INT NOT NULL,
  recorded_at TIMESTAMP NOT NULL DEFAULT now(),
  invoiced    BOOLEAN NOT NULL DEFAULT false
);

CREATE TABLE IF NOT EXISTS invoices (
  id           SERIAL PRIMARY KEY,
  customer_id  INT NOT NULL REFERENCES customers(id),
  period       TEXT NOT NULL,
  total_cents  BIGINT NOT NULL,
  created_at   TIMESTAMP NOT NULL DEFAULT now()
);
