-- People, their role grants, sign-in sessions, API tokens and one-time links.
CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL,
  name text NOT NULL,
  lang text NOT NULL DEFAULT 'sw' CHECK (lang IN ('sw','en')),
  password_hash text,
  active boolean NOT NULL DEFAULT true,
  is_demo boolean NOT NULL DEFAULT false,
  totp_secret text,
  totp_enabled_at timestamptz,
  recovery_codes jsonb NOT NULL DEFAULT '[]'::jsonb,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  password_changed_at timestamptz,
  last_login_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE role_grants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('institution_officer','institution_head','issuer_author','issuer_approver',
    'authority_reviewer','auditor','admin')),
  institution_id uuid REFERENCES institutions(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((role IN ('institution_officer','institution_head','issuer_author','issuer_approver')) = (institution_id IS NOT NULL))
);
CREATE UNIQUE INDEX role_grants_unique ON role_grants (user_id, role, coalesce(institution_id, '00000000-0000-0000-0000-000000000000'::uuid));
CREATE INDEX role_grants_institution_idx ON role_grants (institution_id);

-- Server-side sessions; the cookie holds only a random id whose hash is stored here.
CREATE TABLE sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash text NOT NULL UNIQUE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  -- 'pending_2fa': password accepted, second factor still to come. 'active': signed in.
  state text NOT NULL CHECK (state IN ('pending_2fa','active')),
  ip text,
  user_agent text,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE api_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  prefix text NOT NULL,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  -- Set for institution service tokens: the token acts only for this institution.
  institution_id uuid REFERENCES institutions(id),
  scope text NOT NULL CHECK (scope IN ('read','write')),
  expires_at timestamptz,
  last_used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);

-- Invitations and password resets: one-time, expiring, stored hashed.
CREATE TABLE one_time_links (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  purpose text NOT NULL CHECK (purpose IN ('invite','reset')),
  token_hash text NOT NULL UNIQUE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Failed sign-in attempts by address, for back-off that holds across instances.
CREATE TABLE login_attempts (
  id bigserial PRIMARY KEY,
  ip text NOT NULL,
  email text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_attempts_ip_idx ON login_attempts (ip, at);
