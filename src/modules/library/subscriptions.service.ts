// E-mail subscriptions to a document, a group or a level: double opt-in (a confirmation link),
// one-click unsubscribe, and a message to each confirmed subscriber when an edition comes into force.
// Messages go to mail_outbox; the mailer delivers them.
import crypto from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { command, type Ctx, type TxCtx } from '../../platform/context.ts';
import { queueMail } from '../../platform/mail.ts';
import { isEmail, normaliseEmail } from '../../platform/input.ts';
import { invalid, notFound } from '../../platform/http/errors.ts';
import { translator, type Lang } from '../../messages.ts';
import { subscriptions, type Document, type Edition } from './schema.ts';
import { findDocument } from './documents.service.ts';
import { architectureGroups } from '../reference/index.ts';
import { audit } from './audit-events.ts';

/** Where links in e-mails point: the configured public address. */
const base = (ctx: Ctx) => ctx.config.publicUrl.replace(/\/$/, '');

export type TargetType = 'document' | 'group' | 'level';

async function targetLabel(ctx: Ctx, type: TargetType, target: string, lang: Lang): Promise<string | null> {
  const t = translator(lang);
  if (type === 'level') return ['1', '2', '3'].includes(target) ? t('library.level.n', { n: target }) : null;
  if (type === 'group') {
    // Inside the command's transaction: the embedded database has one connection.
    const [g] = await ctx.q.select().from(architectureGroups).where(eq(architectureGroups.code, target));
    return g ? (lang === 'sw' ? g.nameSw : g.nameEn) : null;
  }
  const d = await findDocument(ctx.q, target);
  return d && d.audience === 'public' ? `${d.code} – ${lang === 'sw' ? d.titleSw || d.titleEn : d.titleEn || d.titleSw}` : null;
}

/** Records an unconfirmed subscription and sends the confirmation link. Says nothing about existing ones. */
export const subscribe = command(async (ctx, input: { email: string; type: TargetType; target: string; lang: Lang }) => {
  const email = normaliseEmail(input.email);
  if (!isEmail(email)) throw invalid({ email: 'library.subscribe.badEmail' });
  const target = input.type === 'document' ? ((await findDocument(ctx.tx, input.target))?.slug ?? '') : input.target.trim().toUpperCase();
  const label = await targetLabel(ctx, input.type, target, input.lang);
  if (!label) throw notFound();
  const t = translator(input.lang);
  const [existing] = await ctx.tx.select().from(subscriptions).where(and(sql`lower(${subscriptions.email}) = ${email}`, eq(subscriptions.targetType, input.type), eq(subscriptions.target, target)));
  const token = existing?.token ?? crypto.randomBytes(24).toString('base64url');
  if (!existing) await ctx.tx.insert(subscriptions).values({ email, lang: input.lang, targetType: input.type, target, token });
  if (!existing?.confirmedAt) {
    const links = { link: `${base(ctx)}/library/subscriptions/confirm?token=${token}`, unsubscribe: `${base(ctx)}/library/subscriptions/unsubscribe?token=${token}` };
    await queueMail(ctx.tx, { to: email, subject: t('library.mail.confirm.subject', { target: label }), body: t('library.mail.confirm.body', { target: label, ...links }) });
  }
  await audit(ctx, 'library.subscription.request', { details: { type: input.type, target } });
});

export const confirmSubscription = command(async (ctx, input: { token: string }): Promise<boolean> => {
  const rows = await ctx.tx.update(subscriptions).set({ confirmedAt: new Date() }).where(and(eq(subscriptions.token, input.token), sql`${subscriptions.confirmedAt} IS NULL`)).returning();
  if (rows[0]) await audit(ctx, 'library.subscription.confirm', { entityId: rows[0].id, details: { type: rows[0].targetType, target: rows[0].target } });
  const [still] = await ctx.tx.select({ id: subscriptions.id }).from(subscriptions).where(eq(subscriptions.token, input.token));
  return !!still;
});

export const unsubscribe = command(async (ctx, input: { token: string }): Promise<void> => {
  const rows = await ctx.tx.delete(subscriptions).where(eq(subscriptions.token, input.token)).returning();
  if (rows[0]) await audit(ctx, 'library.subscription.remove', { entityId: rows[0].id, details: { type: rows[0].targetType, target: rows[0].target } });
});

/** Queues one message per confirmed subscriber of the document, its group or its level. Public documents only. */
export async function notifyInForce(ctx: TxCtx, doc: Document, edition: Edition): Promise<number> {
  const tx = ctx.tx;
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
    await queueMail(tx, {
      to: s.email,
      subject: t('library.mail.inForce.subject', { code: doc.code, version: edition.version }),
      body: t('library.mail.inForce.body', {
        title,
        code: doc.code,
        version: edition.version,
        date: edition.effectiveDate ?? '',
        summary: edition.changeSummary || '—',
        link: `${base(ctx)}/library/documents/${doc.slug}/editions/${encodeURIComponent(edition.version)}`,
        unsubscribe: `${base(ctx)}/library/subscriptions/unsubscribe?token=${s.token}`,
      }),
    });
  }
  return seen.size;
}
