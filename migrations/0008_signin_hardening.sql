-- Sign-in hardening (see docs/decisions/0008-rate-limits-and-lockout.md).

-- The last TOTP time step accepted for an account: a code of that step or an earlier one is refused,
-- so a code seen over someone's shoulder cannot be used again.
ALTER TABLE users ADD COLUMN totp_last_step bigint;
-- Wrong second-factor codes since the last good one; every tenth locks the second factor
-- (users.locked_until) for a time that doubles.
ALTER TABLE users ADD COLUMN second_factor_failures integer NOT NULL DEFAULT 0;

-- Codes tried on one half-finished sign-in; after five it is void.
ALTER TABLE sessions ADD COLUMN second_factor_attempts integer NOT NULL DEFAULT 0;

-- Password failures are counted per account and per account+address.
CREATE INDEX login_attempts_email_idx ON login_attempts (email, at);

-- Request counters of the sign-in rate limit, shared by every instance on this database.
-- One row per key; the window restarts when it has run out.
CREATE TABLE rate_limit_counters (
  key text PRIMARY KEY,
  window_start timestamptz NOT NULL,
  hits integer NOT NULL
);
