// E-mail to the people a step concerns, each in their own language. Messages go to the outbox in
// the step's transaction and are delivered by the mail job once it has committed (platform/mail.ts),
// so a step that fails sends nothing.
import { sql } from 'drizzle-orm';
import type { TxCtx } from '../../platform/context.ts';
import { queueMail, type MailAttachment } from '../../platform/mail.ts';
import { translator, type MessageKey, type T } from '../../messages.ts';
import type { Params } from '../../platform/i18n/translator.ts';
import type { Case } from './schema.ts';

export type Audience = 'institution' | 'head' | 'reviewer' | 'authority';

interface Recipient {
  email: string;
  lang: 'sw' | 'en';
}

async function recipients(ctx: TxCtx, c: Pick<Case, 'institutionId' | 'reviewerId'>, who: Audience): Promise<Recipient[]> {
  const base = sql`SELECT DISTINCT u.email, u.lang FROM users u JOIN role_grants g ON g.user_id = u.id WHERE u.active`;
  const q =
    who === 'institution'
      ? sql`${base} AND g.role IN ('institution_officer', 'institution_head') AND g.institution_id = ${c.institutionId}`
      : who === 'head'
        ? sql`${base} AND g.role = 'institution_head' AND g.institution_id = ${c.institutionId}`
        : who === 'reviewer' && c.reviewerId
          ? sql`${base} AND u.id = ${c.reviewerId}`
          : sql`${base} AND g.role = 'authority_reviewer'`;
  return (await ctx.tx.execute(q)).rows as unknown as Recipient[];
}

export const caseLink = (ctx: TxCtx, id: string) => `${ctx.config.publicUrl}/reviews/cases/${id}`;

/**
 * Queues one message per person concerned; the acting person is not told of their own step.
 * Parameters that need words in the recipient's language are given as a function of their translator.
 */
export async function notify(
  ctx: TxCtx,
  c: Pick<Case, 'id' | 'institutionId' | 'reviewerId' | 'title'>,
  who: Audience[],
  subject: MessageKey,
  body: MessageKey,
  params: Params | ((t: T) => Params) = {},
  attachments: MailAttachment[] = [],
): Promise<number> {
  const seen = new Set<string>();
  if (ctx.actor) seen.add(ctx.actor.email.toLowerCase());
  for (const audience of who) {
    // Without an assigned reviewer, the step goes to every reviewer of the authority.
    for (const r of await recipients(ctx, c, audience)) {
      if (seen.has(r.email.toLowerCase())) continue;
      seen.add(r.email.toLowerCase());
      const t = translator(r.lang);
      const all = { title: c.title, link: caseLink(ctx, c.id), ...(typeof params === 'function' ? params(t) : params) };
      await queueMail(ctx.tx, { to: r.email, subject: t(subject, all), body: t(body, all), attachments });
    }
  }
  return seen.size;
}
