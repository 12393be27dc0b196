// Two-factor sign-in with time-based one-time codes (RFC 6238) and single-use recovery codes.
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';
import type { Database } from '../../platform/db/database.ts';
import { audited, type AuditSource } from '../../platform/audit.ts';
import { AppError } from '../../platform/http/errors.ts';
import { users } from './schema.ts';
import type { User } from './users.service.ts';

const ISSUER = 'Viwango';

function totpFor(user: Pick<User, 'email'>, secret: string) {
  return new OTPAuth.TOTP({ issuer: ISSUER, label: user.email, algorithm: 'SHA1', digits: 6, period: 30, secret: OTPAuth.Secret.fromBase32(secret) });
}

const hashCode = (c: string) => crypto.createHash('sha256').update(c.replace(/[\s-]/g, '').toLowerCase()).digest('hex');

/** Starts (or restarts) enrolment: a new secret, not yet active. */
export async function beginEnrolment(db: Database, user: User): Promise<{ secret: string; uri: string; qrDataUrl: string }> {
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  await db.orm.update(users).set({ totpSecret: secret, totpEnabledAt: null }).where(eq(users.id, user.id));
  const uri = totpFor(user, secret).toString();
  return { secret, uri, qrDataUrl: await QRCode.toDataURL(uri, { margin: 1, width: 220 }) };
}

export async function enrolmentQr(user: User): Promise<{ secret: string; qrDataUrl: string } | null> {
  if (!user.totpSecret || user.totpEnabledAt) return null;
  const uri = totpFor(user, user.totpSecret).toString();
  return { secret: user.totpSecret, qrDataUrl: await QRCode.toDataURL(uri, { margin: 1, width: 220 }) };
}

export function checkTotp(user: Pick<User, 'email' | 'totpSecret'>, code: string): boolean {
  if (!user.totpSecret || !/^\d{6}$/.test(code.replace(/\s/g, ''))) return false;
  return totpFor(user, user.totpSecret).validate({ token: code.replace(/\s/g, ''), window: 1 }) !== null;
}

/** Confirms enrolment with a first code; returns recovery codes, shown once. */
export async function confirmEnrolment(db: Database, source: AuditSource, user: User, code: string): Promise<string[]> {
  if (!checkTotp(user, code)) throw new AppError(422, 'error.summary', undefined, { code: 'auth.2fa.badCode' });
  const codes = Array.from({ length: 10 }, () => crypto.randomBytes(5).toString('hex').replace(/(.{5})/, '$1-'));
  await audited(db, source, async (tx, audit) => {
    await tx.update(users).set({ totpEnabledAt: new Date(), recoveryCodes: codes.map(hashCode), updatedAt: new Date() }).where(eq(users.id, user.id));
    await audit({ action: 'user.2fa_enrol', entityType: 'user', entityId: user.id });
  });
  return codes;
}

/** Checks a code at sign-in: a current TOTP code, or an unused recovery code (which is then spent). */
export async function verifySecondFactor(db: Database, source: AuditSource, user: User, code: string): Promise<boolean> {
  if (checkTotp(user, code)) return true;
  const h = hashCode(code);
  if (!user.recoveryCodes.includes(h)) return false;
  await audited(db, source, async (tx, audit) => {
    await tx.update(users).set({ recoveryCodes: user.recoveryCodes.filter((c) => c !== h) }).where(eq(users.id, user.id));
    await audit({ action: 'user.2fa_recovery_used', entityType: 'user', entityId: user.id, summary: { remaining: user.recoveryCodes.length - 1 } });
  });
  return true;
}

export async function resetTwoFactor(db: Database, source: AuditSource, userId: string): Promise<void> {
  await audited(db, source, async (tx, audit) => {
    const rows = await tx.update(users).set({ totpSecret: null, totpEnabledAt: null, recoveryCodes: [], updatedAt: new Date() }).where(eq(users.id, userId)).returning({ id: users.id });
    if (!rows.length) throw new AppError(404, 'error.notFound.title');
    await audit({ action: 'user.2fa_reset', entityType: 'user', entityId: userId });
  });
}

/** For tests and the CLI: the current code for a secret. */
export function currentCode(email: string, secret: string): string {
  return totpFor({ email }, secret).generate();
}
