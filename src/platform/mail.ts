// E-mail. Messages are written to mail_outbox in the same transaction as the change that causes
// them; the recurring job `mail.deliver` sends them over SMTP (SMTP_URL) every few seconds. Without
// SMTP_URL (development) the job is not scheduled and messages stay in the outbox, readable by
// admins at /admin/outbox.
import nodemailer from 'nodemailer';
import { sql } from 'drizzle-orm';
import type { Config } from '../config.ts';
import type { Database, Tx } from './db/database.ts';
import { fileStore } from './files/index.ts';
import { defineJob, schedule } from './jobs/index.ts';

/** A file sent with a message: its bytes are already in the file store (decision 0410). */
export interface MailAttachment {
  filename: string;
  contentType: string;
  sha256: string;
}

export interface Mail {
  to: string;
  subject: string;
  body: string;
  attachments?: MailAttachment[];
}

export async function queueMail(tx: Tx, mail: Mail): Promise<void> {
  const files = JSON.stringify(mail.attachments ?? []);
  await tx.execute(sql`INSERT INTO mail_outbox (to_address, subject, body_text, attachments) VALUES (${mail.to}, ${mail.subject}, ${mail.body}, ${files}::jsonb)`);
}

const MAX_ATTEMPTS = 5;
const BATCH = 50;
export const MAIL_EVERY_SECONDS = 10;

/**
 * Sends pending messages, each recorded in its own statement, with no transaction held while SMTP
 * answers. Only the schedule enqueues this job and it de-duplicates its occurrences, so one
 * delivery runs at a time across all instances; a message is sent twice only if the process dies
 * between sending it and recording it.
 */
async function deliverPending(db: Database, config: Config): Promise<{ sent: number; failed: number }> {
  if (!config.smtpUrl) return { sent: 0, failed: 0 };
  const rows = await db.query<{ id: number; to_address: string; subject: string; body_text: string; attachments: MailAttachment[] }>(
    'SELECT id, to_address, subject, body_text, attachments FROM mail_outbox WHERE sent_at IS NULL AND attempts < $1 ORDER BY id LIMIT $2',
    [MAX_ATTEMPTS, BATCH],
  );
  if (rows.length === 0) return { sent: 0, failed: 0 };
  const transport = nodemailer.createTransport(config.smtpUrl);
  const store = fileStore(config.dataDir);
  let sent = 0;
  try {
    for (const r of rows) {
      try {
        const attachments = r.attachments.map((a) => {
          // A file missing from the store is an error on this message, never a message sent without it.
          if (!store.exists(a.sha256)) throw new Error(`attachment ${a.filename} is missing from the file store`);
          return { filename: a.filename, contentType: a.contentType, path: store.pathOf(a.sha256) };
        });
        await transport.sendMail({ from: config.mailFrom, to: r.to_address, subject: r.subject, text: r.body_text, attachments });
        await db.query('UPDATE mail_outbox SET sent_at = now(), error = NULL, attempts = attempts + 1 WHERE id = $1', [r.id]);
        sent++;
      } catch (err) {
        await db.query('UPDATE mail_outbox SET error = $2, attempts = attempts + 1 WHERE id = $1', [r.id, (err as Error).message.slice(0, 500)]);
      }
    }
  } finally {
    transport.close();
  }
  return { sent, failed: rows.length - sent };
}

export const deliverMail = defineJob<Record<string, never>>('mail.deliver', {
  // A failed run is not retried: the next occurrence comes within seconds and each message keeps its own attempts.
  maxAttempts: 1,
  handler: ({ db, config }) => deliverPending(db, config),
});

schedule(deliverMail, MAIL_EVERY_SECONDS, { when: (config) => !!config.smtpUrl });
