// E-mail to the people concerned by an oversight step: an institution's officers or head, or the
// authority's reviewers, each in their own language. Messages are written to the outbox in the
// transaction of the change, so they leave only once it has committed (platform/mail.ts).
import { sql } from 'drizzle-orm';
import type { Ctx, TxCtx } from '../../../platform/context.ts';
import { queueMail } from '../../../platform/mail.ts';
import { translator, type Lang, type MessageKey } from '../../../messages.ts';
import type { Params } from '../../../platform/i18n/translator.ts';

export type Audience = 'officers' | 'head' | 'authority';

export interface Person {
  email: string;
  lang: Lang;
}

const ROLE: Record<Audience, string> = { officers: 'institution_officer', head: 'institution_head', authority: 'authority_reviewer' };

/** Active people in the audiences (officers and head of one institution; the authority's reviewers), each address once. */
export async function peopleOf(ctx: Pick<Ctx, 'q'>, institutionId: string | null, audiences: Audience[]): Promise<Person[]> {
  if (audiences.length === 0) return [];
  const roles = audiences.map((a) => ROLE[a]);
  const rows = await ctx.q.execute(sql`SELECT DISTINCT ON (lower(u.email)) u.email, u.lang FROM users u JOIN role_grants g ON g.user_id = u.id
    WHERE u.active AND g.role = ANY(${`{${roles.join(',')}}`}::text[])
      AND (g.role = 'authority_reviewer' OR g.institution_id = ${institutionId})
    ORDER BY lower(u.email)`);
  return (rows.rows as { email: string; lang: string }[]).map((r) => ({ email: r.email, lang: r.lang === 'en' ? 'en' : 'sw' }));
}

/** Where links in e-mails point. */
export const link = (ctx: Pick<Ctx, 'config'>, path: string) => `${ctx.config.publicUrl.replace(/\/$/, '')}${path}`;

/** Queues one message per person, written in their language from a subject and body key. */
export async function tell(ctx: TxCtx, to: Person[], subject: MessageKey, body: MessageKey, params: (lang: Lang) => Params): Promise<number> {
  for (const p of to) {
    const t = translator(p.lang);
    const values = params(p.lang);
    await queueMail(ctx.tx, { to: p.email, subject: t(subject, values), body: t(body, values) });
  }
  return to.length;
}
