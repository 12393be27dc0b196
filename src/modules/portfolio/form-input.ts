// Reading the system form's fields into the command's input (the checks are in rules.ts).
import { formString } from '../../platform/input.ts';
import { parseShillings, type SystemInput } from './rules.ts';
import type { System } from './schema.ts';

const count = (v: string): number | null => {
  const s = v.trim().replace(/[\s,]/g, '');
  if (!s) return null;
  return /^\d{1,12}$/.test(s) ? Number(s) : Number.NaN;
};

export function systemInputFromForm(b: Record<string, unknown>): SystemInput {
  const f = (k: string) => formString(b[k]);
  return {
    code: f('code'),
    name: f('name'),
    nameSw: f('nameSw'),
    nameEn: f('nameEn'),
    purpose: f('purpose'),
    capabilities: f('capabilities').split(/[\s,;]+/).filter(Boolean),
    lifecycle: f('lifecycle'),
    hosting: f('hosting'),
    usersCount: count(f('usersCount')),
    personalData: f('personalData') === 'yes',
    govesb: f('govesb') === 'yes',
    securityClass: f('securityClass') || 'internal',
    dataObjects: f('dataObjects').split(/\r?\n/).filter((x) => x.trim()),
    technology: f('technology'),
    vendor: f('vendor'),
    goLive: f('goLive') || null,
    capexTzs: parseShillings(f('capexTzs')),
    opexTzs: parseShillings(f('opexTzs')),
    contactName: f('contactName'),
    contactEmail: f('contactEmail'),
    sharedSystem: f('sharedSystem') || null,
  };
}

/** The form's fields as strings, from what was posted (the platform's one helper for it). */
export { formValues } from '../../platform/http/forms.ts';

/** The form's fields for editing a stored system. */
export function formValuesOf(s: System, sharedCode: string | null): Record<string, string> {
  return {
    code: s.code,
    name: s.name,
    nameSw: s.nameSw,
    nameEn: s.nameEn,
    purpose: s.purpose,
    capabilities: s.capabilities.join(', '),
    lifecycle: s.lifecycle,
    hosting: s.hosting,
    usersCount: s.usersCount === null ? '' : String(s.usersCount),
    personalData: s.personalData ? 'yes' : 'no',
    govesb: s.govesb ? 'yes' : 'no',
    securityClass: s.securityClass,
    dataObjects: s.dataObjects.join('\n'),
    technology: s.technology,
    vendor: s.vendor,
    goLive: s.goLive ?? '',
    capexTzs: s.capexTzs === null ? '' : String(s.capexTzs),
    opexTzs: s.opexTzs === null ? '' : String(s.opexTzs),
    contactName: s.contactName,
    contactEmail: s.contactEmail,
    sharedSystem: sharedCode ?? '',
    revision: String(s.revision),
  };
}
