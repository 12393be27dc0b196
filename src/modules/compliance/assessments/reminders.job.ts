// Daily reminders: officers and heads of institutions whose assessment is still open (or returned)
// are e-mailed 14, 7 and 1 days before the cycle's submission date; and they are warned of evidence
// that expires in 30 or in 7 days. Each run queues its messages in one transaction, so a failed run
// sends nothing and its retry sends them once.
import { sql } from 'drizzle-orm';
import type { Database } from '../../../platform/db/database.ts';
import { defineJob, schedule } from '../../../platform/jobs/index.ts';
import { queueMail } from '../../../platform/mail.ts';
import { translator } from '../../../messages.ts';
import { todayInTanzania } from './rules.ts';

export const REMIND_DAYS_BEFORE = [14, 7, 1];
export const EVIDENCE_WARN_DAYS = [30, 7];

interface Person {
  email: string;
  name: string;
  lang: 'sw' | 'en';
}

export async function sendReminders(db: Database, publicUrl: string, today = todayInTanzania()): Promise<{ assessments: number; evidence: number; mails: number }> {
  return db.orm.transaction(async (tx) => {
    const people = async (institutionId: string): Promise<Person[]> =>
      (await tx.execute(sql`SELECT DISTINCT u.email, u.name, u.lang FROM users u JOIN role_grants g ON g.user_id = u.id
          WHERE u.active AND g.institution_id = ${institutionId} AND g.role IN ('institution_officer', 'institution_head') ORDER BY u.email`)).rows as unknown as Person[];
    let mails = 0;
    const due = (await tx.execute(sql`SELECT a.id, a.institution_id, a.question_count, a.answered_count, c.code, c.name_sw, c.name_en, c.submission_due::text AS due,
          (c.submission_due - ${today}::date) AS days
        FROM compliance_assessments a JOIN compliance_cycles c ON c.id = a.cycle_id
       WHERE c.status = 'open' AND a.status IN ('open', 'returned')
         AND (c.submission_due - ${today}::date) = ANY(${`{${REMIND_DAYS_BEFORE.join(',')}}`}::int[])`)).rows as { id: string; institution_id: string; question_count: number; answered_count: number; code: string; name_sw: string; name_en: string; due: string; days: number }[];
    for (const a of due) {
      for (const p of await people(a.institution_id)) {
        const t = translator(p.lang);
        await queueMail(tx, {
          to: p.email,
          subject: t('assessments.mail.reminder.subject', { cycle: a.code, days: a.days }),
          body: t('assessments.mail.reminder.body', { name: p.name, cycle: p.lang === 'sw' ? a.name_sw : a.name_en, due: a.due, days: a.days, answered: a.answered_count, total: a.question_count, url: `${publicUrl}/compliance/assessments/${a.id}` }),
        });
        mails++;
      }
    }
    const expiring = (await tx.execute(sql`SELECT e.institution_id, e.title, e.expires_on::text AS expires, (e.expires_on - ${today}::date) AS days, i.acronym
        FROM compliance_evidence e JOIN institutions i ON i.id = e.institution_id
       WHERE (e.expires_on - ${today}::date) = ANY(${`{${EVIDENCE_WARN_DAYS.join(',')}}`}::int[])
       ORDER BY e.institution_id, e.expires_on`)).rows as { institution_id: string; title: string; expires: string; days: number; acronym: string }[];
    const byInstitution = new Map<string, typeof expiring>();
    for (const e of expiring) byInstitution.set(e.institution_id, [...(byInstitution.get(e.institution_id) ?? []), e]);
    for (const [institutionId, items] of byInstitution) {
      for (const p of await people(institutionId)) {
        const t = translator(p.lang);
        await queueMail(tx, {
          to: p.email,
          subject: t('assessments.mail.expiry.subject', { count: items.length }),
          body: t('assessments.mail.expiry.body', { name: p.name, list: items.map((e) => `- ${e.title} (${e.expires})`).join('\n'), url: `${publicUrl}/compliance/institutions/${encodeURIComponent(items[0].acronym)}/evidence` }),
        });
        mails++;
      }
    }
    return { assessments: due.length, evidence: expiring.length, mails };
  });
}

export const remindersJob = defineJob<Record<string, never>>('compliance.assessments.remind', {
  maxAttempts: 3,
  handler: ({ db, config }) => sendReminders(db, config.publicUrl),
});

schedule(remindersJob, 24 * 3600);
