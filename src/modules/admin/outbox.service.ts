// The development mail outbox: what Viwango has written to mail_outbox, newest first.
import type { Ctx } from '../../platform/context.ts';
import type { MailAttachment } from '../../platform/mail.ts';

export interface OutboxMessage {
  id: number;
  to: string;
  subject: string;
  body: string;
  createdAt: Date;
  sentAt: Date | null;
  error: string | null;
  attachments: MailAttachment[];
}

export async function latestMail(ctx: Ctx, input: { limit?: number } = {}): Promise<OutboxMessage[]> {
  const rows = await ctx.db.query<{ id: string | number; to_address: string; subject: string; body_text: string; created_at: string; sent_at: string | null; error: string | null; attachments: MailAttachment[] }>(
    'SELECT id, to_address, subject, body_text, created_at, sent_at, error, attachments FROM mail_outbox ORDER BY id DESC LIMIT $1',
    [input.limit ?? 100],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    to: r.to_address,
    subject: r.subject,
    body: r.body_text,
    createdAt: new Date(r.created_at),
    sentAt: r.sent_at ? new Date(r.sent_at) : null,
    error: r.error,
    attachments: r.attachments,
  }));
}
