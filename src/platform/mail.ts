// E-mail. Messages are written to mail_outbox in the same transaction as the change that causes
// them; a delivery loop sends them over SMTP (SMTP_URL). Without SMTP_URL (development) they stay
// in the outbox, readable by admins at /admin/outbox.
import nodemailer from 'nodemailer';
import { sql } from 'drizzle-orm';
import type { Config } from '../config.ts';
import type { Database, Tx } from './db/database.ts';

export interface Mail {
  to: string;
  subject: string;
  body: string;
}

export async function queueMail(tx: Tx, mail: Mail): Promise<void> {
  await tx.execute(sql`INSERT INTO mail_outbox (to_address, subject, body_text) VALUES (${mail.to}, ${mail.subject}, ${mail.body})`);
}

const MAX_ATTEMPTS = 5;

/** Sends up to `limit` pending messages; safe to run on many instances at once. Returns how many were sent. */
export async function deliverPending(db: Database, config: Config, limit = 20): Promise<number> {
  if (!config.smtpUrl) return 0;
  const transport = nodemailer.createTransport(config.smtpUrl);
  let sent = 0;
  await db.orm.transaction(async (tx) => {
    const rows = await tx.execute(sql`SELECT id, to_address, subject, body_text FROM mail_outbox
      WHERE sent_at IS NULL AND attempts < ${MAX_ATTEMPTS} ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED`);
    for (const r of rows.rows as { id: number; to_address: string; subject: string; body_text: string }[]) {
      try {
        await transport.sendMail({ from: config.mailFrom, to: r.to_address, subject: r.subject, text: r.body_text });
        await tx.execute(sql`UPDATE mail_outbox SET sent_at = now(), error = NULL, attempts = attempts + 1 WHERE id = ${r.id}`);
        sent++;
      } catch (err) {
        await tx.execute(sql`UPDATE mail_outbox SET error = ${(err as Error).message.slice(0, 500)}, attempts = attempts + 1 WHERE id = ${r.id}`);
      }
    }
  });
  transport.close();
  return sent;
}

/** Starts the delivery loop; returns a function that stops it. */
export function startMailer(db: Database, config: Config, onError: (err: unknown) => void): () => void {
  if (!config.smtpUrl) return () => {};
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    try {
      await deliverPending(db, config);
    } catch (err) {
      onError(err);
    }
    if (!stopped) timer = setTimeout(tick, 5000).unref();
  };
  timer = setTimeout(tick, 1000).unref();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
