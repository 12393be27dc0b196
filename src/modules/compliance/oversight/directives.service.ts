// Directives of the authority: issued to institutions chosen by type, sector or by name, with a
// deadline; one target row per institution (written in one statement, for ~700 institutions), on
// which each institution reports its status with a note and evidence.
import { and, eq, sql } from 'drizzle-orm';
import { command, type Ctx } from '../../../platform/context.ts';
import { authorize, authorizeFor } from '../../../platform/auth/access.ts';
import { AppError, invalid, notFound } from '../../../platform/http/errors.ts';
import { isUuid } from '../../../platform/input.ts';
import { translator, type Lang } from '../../../messages.ts';
import { INSTITUTION_TYPES, institutions } from '../../reference/index.ts';
import { directives, directiveTargets, requirements, type Directive } from '../schema.ts';
import { audit } from '../audit-events.ts';
import { checkEvidence, linkEvidence, recordEvidence, requireEvidence, type EvidenceInput } from '../assessments/evidence.service.ts';
import { directivePolicy, directiveTargetPolicy } from './access.ts';
import { checkDirective, checkTargetUpdate, todayIso, type DirectiveInput } from './rules.ts';
import { conflict } from './review.service.ts';
import { ownInstitutions } from '../access.ts';
import { link } from './notify.ts';

export async function loadDirective(ctx: Pick<Ctx, 'q' | 'actor'>, id: string): Promise<{ directive: Directive; record: { status: Directive['status']; targetedInstitutions: string[] } }> {
  if (!isUuid(id)) throw notFound();
  const [d] = await ctx.q.select().from(directives).where(eq(directives.id, id));
  if (!d) throw notFound();
  const mine = ownInstitutions(ctx.actor);
  const targeted = mine.length
    ? (await ctx.q.select({ id: directiveTargets.institutionId }).from(directiveTargets).where(and(eq(directiveTargets.directiveId, d.id), sql`${directiveTargets.institutionId} = ANY(${`{${mine.join(',')}}`}::uuid[])`))).map((r) => r.id)
    : [];
  return { directive: d, record: { status: d.status, targetedInstitutions: targeted } };
}

export interface IssueInput extends DirectiveInput {
  /** A requirement the directive enforces: its id or its ref (e.g. "eGA/EXT/ISA/001 §3.3"). */
  requirement?: string;
}

/** The recipients' messages, one INSERT per language, so a directive to 700 institutions is two statements. */
async function mailTargets(ctx: Parameters<Parameters<typeof command>[0]>[0], d: Directive, key: 'issued' | 'withdrawn') {
  for (const lang of ['sw', 'en'] as Lang[]) {
    const t = translator(lang);
    const values = { code: d.code, title: lang === 'sw' ? d.titleSw : d.titleEn, deadline: d.deadline, link: link(ctx, `/compliance/directives/${d.id}`) };
    await ctx.tx.execute(sql`INSERT INTO mail_outbox (to_address, subject, body_text)
      SELECT DISTINCT u.email, ${t(`oversight.mail.directive.${key}.subject`, values)}, ${t(`oversight.mail.directive.${key}.body`, values)}
      FROM compliance_directive_targets dt JOIN role_grants g ON g.institution_id = dt.institution_id JOIN users u ON u.id = g.user_id
      WHERE dt.directive_id = ${d.id} AND u.active AND u.lang = ${lang} AND g.role IN ('institution_officer', 'institution_head')
        ${key === 'withdrawn' ? sql`AND dt.status <> 'done'` : sql``}`);
  }
}

/** Issues a directive; a deadline in the past, an unknown target or no institution targeted is refused. */
export const issueDirective = command(async (ctx, input: IssueInput): Promise<{ directive: Directive; targets: number }> => {
  authorizeFor(ctx.actor, 'compliance:manage', null);
  const sectors = (await ctx.tx.selectDistinct({ s: institutions.sector }).from(institutions).where(sql`${institutions.sector} <> ''`)).map((r) => r.s);
  const checked = checkDirective(input, todayIso(), { types: [...INSTITUTION_TYPES], sectors });
  const problems = 'problems' in checked ? { ...checked.problems } : {};
  const named = [...new Set((input.institutions ?? []).map((x) => x.trim()).filter(Boolean))];
  let institutionIds: string[] = [];
  if (named.length) {
    const found = await ctx.tx.select({ id: institutions.id, acronym: institutions.acronym }).from(institutions).where(sql`lower(${institutions.acronym}) = ANY(${`{${named.map((n) => `"${n.toLowerCase().replace(/["\\]/g, '')}"`).join(',')}}`}::text[]) AND ${institutions.active}`);
    if (found.length !== named.length) problems.institutions = 'oversight.field.institutions';
    institutionIds = found.map((f) => f.id);
  }
  let requirementId: string | null = null;
  const req = input.requirement?.trim();
  if (req) {
    const [r] = await ctx.tx.select({ id: requirements.id }).from(requirements).where(isUuid(req) ? eq(requirements.id, req) : sql`lower(${requirements.ref}) = lower(${req})`);
    if (!r) problems.requirement = 'oversight.field.requirement';
    else requirementId = r.id;
  }
  if (!('values' in checked) || Object.keys(problems).length) throw invalid(problems);
  const v = checked.values;
  const [taken] = await ctx.tx.select({ id: directives.id }).from(directives).where(sql`lower(${directives.code}) = lower(${v.code})`);
  if (taken) throw invalid({ code: 'oversight.field.codeTaken' });
  const target = { ...v.target, ...(institutionIds.length ? { institutionIds } : {}) };
  const [d] = await ctx.tx
    .insert(directives)
    .values({ code: v.code, titleSw: v.titleSw, titleEn: v.titleEn, bodySw: v.bodySw, bodyEn: v.bodyEn, deadline: v.deadline, requirementId, target, issuedBy: ctx.actor!.userId })
    .returning();
  const arr = (xs: string[] | undefined) => `{${(xs ?? []).map((x) => `"${x.replace(/["\\]/g, '')}"`).join(',')}}`;
  const inserted = await ctx.tx.execute(sql`INSERT INTO compliance_directive_targets (directive_id, institution_id, updated_by)
    SELECT ${d.id}, i.id, ${ctx.actor!.userId} FROM institutions i
    WHERE i.active AND (i.type = ANY(${arr(target.institutionTypes)}::text[]) OR i.sector = ANY(${arr(target.sectors)}::text[]) OR i.id = ANY(${`{${institutionIds.join(',')}}`}::uuid[]))`);
  const count = inserted.rowCount ?? 0;
  if (count === 0) throw invalid({ institutionTypes: 'oversight.field.noTargets' });
  await audit(ctx, 'compliance.directive.issue', { entityId: d.id, details: { code: d.code, deadline: d.deadline, targets: count } });
  await mailTargets(ctx, d, 'issued');
  return { directive: d, targets: count };
});

/** Withdraws an issued directive; institutions stop reporting on it. */
export const withdrawDirective = command(async (ctx, input: { id: string; revision?: number }) => {
  const l = await loadDirective(ctx, input.id);
  authorize(ctx.actor, directivePolicy, 'withdraw', l.record);
  if (input.revision !== undefined && input.revision !== l.directive.revision) throw conflict();
  const [d] = await ctx.tx.update(directives).set({ status: 'withdrawn', revision: sql`${directives.revision} + 1` }).where(eq(directives.id, l.directive.id)).returning();
  await audit(ctx, 'compliance.directive.withdraw', { entityId: d.id, details: { code: d.code } });
  await mailTargets(ctx, d, 'withdrawn');
  return d;
});

export interface ReportInput {
  directiveId: string;
  institutionId: string;
  status: string;
  note?: string;
  evidenceIds?: string[];
  /** Evidence uploaded (or a link given) with this report; added to the institution's library and attached. */
  newEvidence?: Omit<EvidenceInput, 'institutionId'>;
  revision?: number;
}

/** An institution reports where it stands on a directive: pending, in progress or done, with a note and evidence. */
export const reportOnDirective = command(async (ctx, input: ReportInput) => {
  if (!isUuid(input.directiveId) || !isUuid(input.institutionId)) throw notFound();
  const [row] = await ctx.tx
    .select({ target: directiveTargets, directiveStatus: directives.status, code: directives.code })
    .from(directiveTargets)
    .innerJoin(directives, eq(directives.id, directiveTargets.directiveId))
    .where(and(eq(directiveTargets.directiveId, input.directiveId), eq(directiveTargets.institutionId, input.institutionId)))
    .for('update', { of: directiveTargets });
  if (!row) throw notFound();
  authorize(ctx.actor, directiveTargetPolicy, 'report', { institutionId: row.target.institutionId, directiveStatus: row.directiveStatus });
  if (input.revision !== undefined && input.revision !== row.target.revision) throw conflict();
  const checked = checkTargetUpdate(input);
  if ('problems' in checked) throw invalid(checked.problems);
  const ids = (await requireEvidence(ctx, row.target.institutionId, (input.evidenceIds ?? []).filter(Boolean))).map((e) => e.id);
  const upload = input.newEvidence ? await checkEvidence(ctx, { ...input.newEvidence, institutionId: row.target.institutionId }) : null;
  if (upload) ids.push((await recordEvidence(ctx, upload)).id);
  await linkEvidence(ctx, { kind: 'directive', directiveId: input.directiveId, institutionId: input.institutionId }, ids);
  const [saved] = await ctx.tx
    .update(directiveTargets)
    .set({ status: checked.status, note: checked.note, updatedBy: ctx.actor!.userId, updatedAt: new Date(), revision: sql`${directiveTargets.revision} + 1` })
    .where(and(eq(directiveTargets.directiveId, input.directiveId), eq(directiveTargets.institutionId, input.institutionId)))
    .returning();
  await audit(ctx, 'compliance.directive.report', { entityId: input.directiveId, institutionId: input.institutionId, details: { status: [row.target.status, checked.status], evidence: ids.length || undefined } });
  if (!saved) throw new AppError(409, 'oversight.conflict');
  return saved;
});
