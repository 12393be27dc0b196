// The identity module's audit events: sign-in, sessions, second factor, people and API tokens.
// Nothing here stores a password, a token value, a one-time link, a TOTP secret or code, or a
// recovery code; a typed address that failed to sign in keeps only its domain.
import { defineAuditEvents, event } from '../../platform/audit-events.ts';

export const identityAuditEvents = defineAuditEvents({ module: 'identity', en: 'Sign-in, people and tokens', sw: 'Kuingia, watu na tokeni' }, {
  'login.failed': event<{ email: string }>({ entity: 'user', en: 'Sign-in failed', sw: 'Kuingia kumeshindikana', redact: { email: 'emailDomain' } }),
  'login.2fa_failed': event<{ attempt: number; failures: number }>({ entity: 'user', en: 'Wrong second-factor code', sw: 'Msimbo wa uthibitisho wa pili si sahihi' }),
  'session.start': event<{ userId: string; secondFactor?: boolean }>({ entity: 'session', en: 'Signed in', sw: 'Ameingia' }),
  'session.password_ok': event<{ userId: string }>({ entity: 'session', en: 'Password accepted, second factor awaited', sw: 'Nenosiri limekubaliwa, uthibitisho wa pili unasubiriwa' }),
  'session.2fa_void': event<{ userId: string; reason: string }>({ entity: 'session', en: 'Second-factor sign-in abandoned', sw: 'Kuingia kwa uthibitisho wa pili kumebatilishwa' }),
  'session.revoke': event<{ userId: string }>({ entity: 'session', en: 'Session ended', sw: 'Kipindi kimesitishwa' }),
  'session.revoke_others': event({ entity: 'user', en: 'Other sessions ended', sw: 'Vipindi vingine vimesitishwa' }),
  'user.create': event<{ email: string; name: string; roles: string[] }>({ entity: 'user', en: 'Person added', sw: 'Mtu ameongezwa' }),
  'user.roles': event<{ before: string[]; after: string[] }>({ entity: 'user', en: 'Roles changed', sw: 'Majukumu yamebadilishwa', checkpoint: true }),
  'user.activate': event<{ active: boolean }>({ entity: 'user', en: 'Account activated', sw: 'Akaunti imewashwa' }),
  'user.deactivate': event<{ active: boolean }>({ entity: 'user', en: 'Account deactivated', sw: 'Akaunti imezimwa', checkpoint: true }),
  'user.password': event({ entity: 'user', en: 'Password changed', sw: 'Nenosiri limebadilishwa' }),
  'user.invite_sent': event({ entity: 'user', en: 'Invitation sent', sw: 'Mwaliko umetumwa' }),
  'user.invite_accepted': event({ entity: 'user', en: 'Invitation accepted', sw: 'Mwaliko umekubaliwa' }),
  'user.reset_sent': event({ entity: 'user', en: 'Password reset link sent', sw: 'Kiungo cha kubadilisha nenosiri kimetumwa' }),
  'user.password_reset': event({ entity: 'user', en: 'Password reset', sw: 'Nenosiri limewekwa upya' }),
  'user.2fa_enrol_start': event({ entity: 'user', en: 'Second factor setup started', sw: 'Uwekaji wa uthibitisho wa pili umeanzishwa' }),
  'user.2fa_enrol': event({ entity: 'user', en: 'Second factor set up', sw: 'Uthibitisho wa pili umewekwa' }),
  'user.2fa_recovery_used': event<{ remaining: number }>({ entity: 'user', en: 'Recovery code used', sw: 'Msimbo wa dharura umetumika' }),
  'user.2fa_locked': event<{ failures: number; until: string }>({ entity: 'user', en: 'Second factor locked', sw: 'Uthibitisho wa pili umefungwa' }),
  'user.2fa_reset': event({ entity: 'user', en: 'Second factor reset', sw: 'Uthibitisho wa pili umeondolewa', checkpoint: true }),
  'token.create': event<{ name: string; scope: string; prefix: string; service: boolean; expiresAt: string | null }>({ entity: 'api_token', en: 'API token created', sw: 'Tokeni ya API imeundwa', checkpoint: true }),
  'token.revoke': event<{ prefix: string }>({ entity: 'api_token', en: 'API token revoked', sw: 'Tokeni ya API imefutwa' }),
});
export const audit = identityAuditEvents.audit;
