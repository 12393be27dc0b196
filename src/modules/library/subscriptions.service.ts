// E-mail subscriptions to a document, a group or a level: double opt-in (a confirmation link),
// one-click unsubscribe, and a message to each confirmed subscriber when an edition comes into force.
// Messages go to mail_outbox; the mailer delivers them.
import crypto from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../platform/db/database.ts';
import { audited, SYSTEM, type AuditSource } from '../../platform/audit.ts';
import { invalid, notFound } from '../../platform/http/errors.ts';
import { translator, type Lang } from '../../messages.ts';
import { subscriptions, type Document, type Edition } from './schema.ts';
import { findDocument } from './documents.service.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
let baseUrl = 'http://localhost:3000';
/** The address links in e-mails start with; set from the configuration when the routes load. */
export function setMailBaseUrl(url: string) {
  baseUrl = url.replace(/\/$/, '');
}

export type TargetType = 'document' | 'group' | 'level';

async function queueMail(q: Tx, to: string, subject: string, body: string) {
  await q.execute(sql`INSERT INTO mail_outbox (to_address, subject, body_text) VALUES (${to}, ${subject}, ${body})`);
}

async function targetLabel(db: Database, type: TargetType, target: string, lang: Lang): Promise<string | null> {
  const t = translator(lang);
  if (type === 'level') return ['1', '2', '3'].includes(target) ? t('library.level.n', { n: target }) : null;
  if (type === 'group') {
    const rows = await db.query<{ name_sw: string; name_en: string }>('SELECT name_sw, name_en FROM architecture_groups WHERE code = $1', [target]);
    return rows[0] ? (lang === 'sw' ? rows[0].name_sw : rows[0].name_en) : null;
  }
  const d = await findDocument(db.orm, target);
  return d && d.audience === 'public' ? `${d.code} – ${lang === 'sw' ? d.titleSw || d.titleEn : d.titleEn || d.titleSw}` : null;
}

/** Records an unconfirmed subscription and sends the confirmation link. Says nothing about existing ones. */
export async function subscribe(db: Database, input: { email: string; type: TargetType; target: string; lang: Lang }, source: AuditSource = SYSTEM) {
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email) || email.length > 254) throw invalid({ email: 'library.subscribe.badEmail' });
  const target = input.type === 'document' ? ((await findDocument(db.orm, input.target))?.slug ?? '') : input.target.trim().toUpperCase();
  const label = await targetLabel(db, input.type, target, input.lang);
  if (!label) throw notFound();
  const t = translator(input.lang);
  await audited(db, source, async (tx, audit) => {
    const [existing] = await tx.select().from(subscriptions).where(and(sql`lower(${subscriptions.email}) = ${email}`, eq(subscriptions.targetType, input.type), eq(subscriptions.target, target)));
    const token = existing?.token ?? crypto.randomBytes(24).toString('base64url');
    if (!existing) await tx.insert(subscriptions).values({ email, lang: input.lang, targetType: input.type, target, token });
    if (!existing?.confirmedAt) {
      await queueMail(tx, email, t('library.mail.confirm.subject', { target: label }), t('library.mail.confirm.body', { target: label, link: `${baseUrl}/library/subscriptions/confirm?token=${token}`, unsubscribe: `${baseUrl}/library/subscriptions/unsubscribe?token=${token}` }));
    }
    await audit({ action: 'library.subscription.request', entityType: 'library_subscription', entityId: null, summary: { type: input.type, target } });
  });
}

export async function confirmSubscription(db: Database, token: string): Promise<boolean> {
  return audited(db, SYSTEM, async (tx, audit) => {
    const rows = await tx.update(subscriptions).set({ confirmedAt: new Date() }).where(and(eq(subscriptions.token, token), sql`${subscriptions.confirmedAt} IS NULL`)).returning();
    if (rows[0]) await audit({ action: 'library.subscription.confirm', entityType: 'library_subscription', entityId: rows[0].id, summary: { type: rows[0].targetType, target: rows[0].target } });
    const [still] = await tx.select({ id: subscriptions.id }).from(subscriptions).where(eq(subscriptions.token, token));
    return !!still;
  });
}

export async function unsubscribe(db: Database, token: string): Promise<void> {
  await audited(db, SYSTEM, async (tx, audit) => {
    const rows = await tx.delete(subscriptions).where(eq(subscriptions.token, token)).returning();
    if (rows[0]) await audit({ action: 'library.subscription.remove', entityType: 'library_subscription', entityId: rows[0].id, summary: { type: rows[0].targetType, target: rows[0].target } });
  });
}

/** Queues one message per confirmed subscriber of the document, its group or its level. Public documents only. */
export async function notifyInForce(tx: Tx, doc: Document, edition: Edition): Promise<number> {
  if (doc.audience !== 'public') return 0;
  const subs = await tx
    .select()
    .from(subscriptions)
    .where(sql`${subscriptions.confirmedAt} IS NOT NULL AND ((${subscriptions.targetType} = 'document' AND ${subscriptions.target} = ${doc.slug})
      OR (${subscriptions.targetType} = 'group' AND ${subscriptions.target} = ${doc.groupCode ?? ''})
      OR (${subscriptions.targetType} = 'level' AND ${subscriptions.target} = ${String(doc.level)}))`);
  const seen = new Set<string>();
  for (const s of subs) {
    if (seen.has(s.email)) continue;
    seen.add(s.email);
    const t = translator(s.lang);
    const title = s.lang === 'sw' ? doc.titleSw || doc.titleEn : doc.titleEn || doc.titleSw;
    await queueMail(
      tx,
      s.email,
      t('library.mail.inForce.subject', { code: doc.code, version: edition.version }),
      t('library.mail.inForce.body', {
        title,
        code: doc.code,
        version: edition.version,
        date: edition.effectiveDate ?? '',
        summary: edition.changeSummary || '—',
        link: `${baseUrl}/library/documents/${doc.slug}/editions/${encodeURIComponent(edition.version)}`,
        unsubscribe: `${baseUrl}/library/subscriptions/unsubscribe?token=${s.token}`,
      }),
    );
  }
  return seen.size;
}
