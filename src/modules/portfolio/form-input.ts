// Reading the system form's fields into the command's input (the checks are in rules.ts).
import { formString } from '../../platform/input.ts';
import { parseShillings, type EServiceInput, type SystemInput } from './rules.ts';
import type { AddIntegrationInput } from './integrations.service.ts';
import type { MessageKey } from '../../messages.ts';
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

/** The e-service form's fields (a system's page) as the command's input; channels are a repeated checkbox. */
export function eserviceInputFromForm(b: Record<string, unknown>): EServiceInput {
  const f = (k: string) => formString(b[k]);
  return {
    nameSw: f('nameSw'),
    nameEn: f('nameEn'),
    audience: f('audience'),
    channels: [b.channels].flat().filter((c): c is string => typeof c === 'string'),
    feeTzs: parseShillings(f('feeTzs')),
    url: f('url'),
  };
}

/**
 * The integration form on a system's page: this system on the side the officer chose, the other one
 * named as resolveSystem reads it ("ACRONYM/CODE"). undefined when no side was chosen.
 */
export function integrationInputFromForm(systemId: string, b: Record<string, unknown>): AddIntegrationInput | undefined {
  const f = (k: string) => formString(b[k]);
  const role = f('role');
  if (role !== 'provider' && role !== 'consumer') return undefined;
  const other = f('other').trim();
  return {
    provider: role === 'provider' ? systemId : other,
    consumer: role === 'consumer' ? systemId : other,
    dataExchanged: f('dataExchanged'),
    channel: f('channel'),
    legalBasis: f('legalBasis'),
    status: f('status'),
  };
}

/** The command's field errors, named by the form's fields: this system always resolves, so a side's error is the other system's. */
export function integrationFormErrors(errors: Record<string, MessageKey>): Record<string, MessageKey> {
  const out: Record<string, MessageKey> = {};
  for (const [k, v] of Object.entries(errors)) out[['provider', 'consumer', 'providerId', 'consumerId'].includes(k) ? 'other' : k] = v;
  return out;
}
