// The candidate form's fields (plain HTML: text areas, selects, checkboxes) to and from a decision's
// edits and conditions.
import { formString } from '../../../platform/input.ts';
import type { Conditions } from '../schema.ts';
import type { CandidateEdits } from './rules.ts';
import type { CandidateView } from './queries.ts';
import type { CandidateFormValues } from './views/candidate.tsx';

const list = (v: unknown): string[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]).map((x) => formString(x).trim().slice(0, 80)).filter(Boolean).slice(0, 50);
const flag = (v: boolean | undefined) => (v === true ? 'yes' : v === false ? 'no' : '');
const unflag = (v: string): boolean | undefined => (v === 'yes' ? true : v === 'no' ? false : undefined);

export function candidateFormValues(c: CandidateView): CandidateFormValues {
  const s = c.conditions.system ?? {};
  return {
    textSw: c.textSw,
    textEn: c.textEn,
    obligation: c.obligation ?? '',
    groupCode: c.groupCode ?? '',
    appliesTo: c.appliesTo ?? '',
    institutionTypes: c.conditions.institutionTypes ?? [],
    sectors: (c.conditions.sectors ?? []).join(', '),
    publicFacing: flag(s.publicFacing),
    personalData: flag(s.personalData),
    integrates: flag(s.integrates),
    govesb: flag(s.govesb),
    hosting: s.hosting ?? [],
    lifecycle: s.lifecycle ?? [],
    reason: c.decisionReason ?? '',
  };
}

/** What the author sent, to show the form again as they left it. */
export function formValuesFromBody(b: Record<string, unknown>): CandidateFormValues {
  const s = (k: string, max = 20_000) => formString(b[k]).slice(0, max);
  return {
    textSw: s('textSw'),
    textEn: s('textEn'),
    obligation: s('obligation', 20),
    groupCode: s('groupCode', 20),
    appliesTo: s('appliesTo', 20),
    institutionTypes: list(b.cond_institutionTypes),
    sectors: s('cond_sectors', 2000),
    publicFacing: s('cond_publicFacing', 3),
    personalData: s('cond_personalData', 3),
    integrates: s('cond_integrates', 3),
    govesb: s('cond_govesb', 3),
    hosting: list(b.cond_hosting),
    lifecycle: list(b.cond_lifecycle),
    reason: s('reason', 2000),
  };
}

export function conditionsFromValues(v: CandidateFormValues): Conditions {
  return {
    institutionTypes: v.institutionTypes,
    sectors: v.sectors.split(',').map((x) => x.trim()).filter(Boolean),
    system: { publicFacing: unflag(v.publicFacing), personalData: unflag(v.personalData), integrates: unflag(v.integrates), govesb: unflag(v.govesb), hosting: v.hosting, lifecycle: v.lifecycle },
  };
}

export function candidateEditsFromForm(b: Record<string, unknown>): CandidateEdits {
  const v = formValuesFromBody(b);
  return { textSw: v.textSw, textEn: v.textEn, obligation: v.obligation || null, groupCode: v.groupCode || null, appliesTo: v.appliesTo || null, conditions: conditionsFromValues(v) };
}
