// Reminders and escalation, run by a scheduled job (hourly; each step is sent once whatever the
// period). Findings: a reminder to the officers before the due date, then officers → head of
// institution → the authority's reviewers as it stays overdue (rules.ts escalationStep); the step
// reached is recorded on the finding in the transaction that queues its messages. Directives: a
// reminder before the deadline and an overdue notice after it, recorded on each target.
import { sql } from 'drizzle-orm';
import type { Config } from '../../../config.ts';
import type { Database } from '../../../platform/db/database.ts';
import { command, systemCtx } from '../../../platform/context.ts';
import { defineJob, schedule } from '../../../platform/jobs/index.ts';
import type { MessageKey } from '../../../messages.ts';
import { directiveStep, effectiveDue, stepRecipients, stepToSend, todayIso, type Step } from './rules.ts';
import { link, peopleOf, tell } from './notify.ts';
import { audit } from '../audit-events.ts';

const STEP_KEY: Record<Step, string> = { 0: '', 1: 'reminder', 2: 'overdue', 3: 'head', 4: 'authority' };

interface DueFinding {
  id: string;
  institution_id: string;
  acronym: string;
  ref: string;
  due_on: string;
  escalation: number;
  milestones: { plannedOn: string; actualOn: string | null; title: string }[] | null;
}

/** Sends the steps findings have reached by `today`; returns how many findings moved a step. */
export async function remindFindings(db: Database, config: Config, today = todayIso()): Promise<number> {
  // Open findings whose plan is not awaiting the reviewer, due within the reminder window (or with an earlier milestone).
  const rows = await db.query<DueFinding>(
    `SELECT f.id, f.institution_id, i.acronym, r.ref, f.due_on::text AS due_on, f.escalation,
       (SELECT json_agg(json_build_object('plannedOn', m.planned_on::text, 'actualOn', m.actual_on::text, 'title', m.title) ORDER BY m.position)
          FROM compliance_milestones m WHERE m.poam_id = p.id) AS milestones
     FROM compliance_findings f
     JOIN institutions i ON i.id = f.institution_id
     JOIN compliance_requirements r ON r.id = f.requirement_id
     LEFT JOIN compliance_poam_items p ON p.finding_id = f.id
     WHERE f.status = 'open' AND f.escalation < 4 AND (p.status IS NULL OR p.status NOT IN ('completed', 'closed'))`,
  );
  let moved = 0;
  for (const f of rows) {
    const ms = f.milestones ?? [];
    const due = effectiveDue(f.due_on, ms);
    const step = stepToSend(f.escalation, due, today);
    if (!step) continue;
    const sent = await command(async (ctx, _: null) => {
      // Only the run that moves the step sends its messages (two runners never send a step twice).
      const upd = await ctx.tx.execute(sql`UPDATE compliance_findings SET escalation = ${step} WHERE id = ${f.id} AND escalation < ${step} AND status = 'open'`);
      if (!upd.rowCount) return false;
      const late = ms.filter((m) => !m.actualOn && m.plannedOn < today).map((m) => `${m.title} (${m.plannedOn})`).join('; ');
      const to = await peopleOf(ctx, f.institution_id, stepRecipients(step));
      const key = STEP_KEY[step];
      await tell(ctx, to, `oversight.mail.escalation.${key}.subject` as MessageKey, `oversight.mail.escalation.${key}.body` as MessageKey, () => ({ ref: f.ref, institution: f.acronym, due, milestones: late || '—', link: link(ctx, `/compliance/findings/${f.id}`) }));
      await audit(ctx, 'compliance.finding.escalate', { entityId: f.id, institutionId: f.institution_id, details: { step, due, recipients: to.length } });
      return true;
    })(systemCtx(db, config), null);
    if (sent) moved++;
  }
  return moved;
}

interface DueTarget {
  directive_id: string;
  institution_id: string;
  acronym: string;
  code: string;
  title_sw: string;
  title_en: string;
  deadline: string;
  reminded: number;
}

/** Reminds institutions of directives they have not done, before the deadline and once after it. */
export async function remindDirectives(db: Database, config: Config, today = todayIso()): Promise<number> {
  const rows = await db.query<DueTarget>(
    `SELECT t.directive_id, t.institution_id, i.acronym, d.code, d.title_sw, d.title_en, d.deadline::text AS deadline, t.reminded
     FROM compliance_directive_targets t JOIN compliance_directives d ON d.id = t.directive_id JOIN institutions i ON i.id = t.institution_id
     WHERE d.status = 'issued' AND t.status <> 'done' AND t.reminded < 2 AND d.deadline <= ($1::date + 7)`,
    [today],
  );
  let moved = 0;
  for (const t of rows) {
    const step = directiveStep(t.deadline, today);
    if (step <= t.reminded) continue;
    const sent = await command(async (ctx, _: null) => {
      const upd = await ctx.tx.execute(sql`UPDATE compliance_directive_targets SET reminded = ${step} WHERE directive_id = ${t.directive_id} AND institution_id = ${t.institution_id} AND reminded < ${step} AND status <> 'done'`);
      if (!upd.rowCount) return false;
      const to = await peopleOf(ctx, t.institution_id, step === 2 ? ['officers', 'head'] : ['officers']);
      const key = step === 2 ? 'overdue' : 'reminder';
      await tell(ctx, to, `oversight.mail.directive.${key}.subject`, `oversight.mail.directive.${key}.body`, (lang) => ({ code: t.code, title: lang === 'sw' ? t.title_sw : t.title_en, deadline: t.deadline, link: link(ctx, `/compliance/directives/${t.directive_id}`) }));
      await audit(ctx, 'compliance.directive.remind', { entityId: t.directive_id, institutionId: t.institution_id, details: { step } });
      return true;
    })(systemCtx(db, config), null);
    if (sent) moved++;
  }
  return moved;
}

export const REMINDERS_JOB = 'compliance.oversight.reminders';

export const oversightReminders = defineJob<Record<string, never>>(REMINDERS_JOB, {
  maxAttempts: 3,
  handler: async ({ db, config }) => ({ findings: await remindFindings(db, config), directives: await remindDirectives(db, config) }),
});

schedule(oversightReminders, 3600);
