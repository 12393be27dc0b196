// The portfolio as an ArchiMate 3 model in the Open Exchange Format, for enterprise-architecture
// tools: institutions as business actors assigned to their systems (application components), the
// capabilities each system realises, e-services (application services) served by their system, and
// integrations as flows from provider to consumer. The whole portfolio, or one institution's with
// the systems it exchanges data with, always within what the caller may read.
import { sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { scopeFilter } from '../../platform/auth/scope.ts';
import { notFound } from '../../platform/http/errors.ts';
import { readScope } from './access.ts';

const NS = 'http://www.opengroup.org/xsd/archimate/3.0/';
const SCHEMA = 'http://www.opengroup.org/xsd/archimate/3.1/archimate3_Model.xsd';

// Characters XML 1.0 does not allow at all are dropped; the rest is escaped.
const esc = (s: string) =>
  s
    .replace(/[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

/** `xs:ID` values must be NCNames: a prefix and only letters, digits, dots, dashes and underscores. */
const ident = (prefix: string, key: string) => `${prefix}-${key.replace(/[^A-Za-z0-9._-]/g, '_')}`;

type Names = { text: string; lang?: 'sw' | 'en' }[];
const names = (n: Names) => n.filter((x) => x.text.trim()).map((x) => `<name${x.lang ? ` xml:lang="${x.lang}"` : ''}>${esc(x.text)}</name>`).join('');

interface Sys { id: string; institution_id: string; code: string; name: string; name_sw: string; name_en: string; purpose: string; capabilities: string[]; lifecycle: string; hosting: string }

const PROPERTIES = ['code', 'lifecycle', 'hosting', 'channel', 'status'] as const;

export async function archimateModel(ctx: Ctx, opts: { institution?: string } = {}): Promise<string> {
  const rows = async <T>(q: ReturnType<typeof sql>) => (await ctx.q.execute(q)).rows as unknown as T[];
  const scope = scopeFilter(readScope(ctx.actor), sql`s.institution_id`);
  let only: string | null = null;
  if (opts.institution) {
    const [inst] = await rows<{ id: string }>(sql`SELECT id FROM institutions WHERE lower(acronym) = lower(${opts.institution})`);
    if (!inst) throw notFound();
    only = inst.id;
  }
  // One institution's model also carries the systems on the other end of its integrations.
  const systems = await rows<Sys>(sql`SELECT s.id, s.institution_id, s.code, s.name, s.name_sw, s.name_en, s.purpose, s.capabilities, s.lifecycle, s.hosting
    FROM portfolio_systems s
    WHERE ${scope} AND (${only}::uuid IS NULL OR s.institution_id = ${only}::uuid OR s.id IN (
      SELECT g.consumer_id FROM portfolio_integrations g JOIN portfolio_systems p ON p.id = g.provider_id WHERE p.institution_id = ${only}::uuid
      UNION SELECT g.provider_id FROM portfolio_integrations g JOIN portfolio_systems c ON c.id = g.consumer_id WHERE c.institution_id = ${only}::uuid))
    ORDER BY s.institution_id, lower(s.code)`);
  const ids = `{${systems.map((s) => s.id).join(',')}}`;
  const insts = await rows<{ id: string; acronym: string; name_sw: string; name_en: string }>(sql`SELECT id, acronym, name_sw, name_en FROM institutions
    WHERE id IN (SELECT institution_id FROM portfolio_systems WHERE id = ANY(${ids}::uuid[])) ORDER BY acronym`);
  const caps = await rows<{ code: string; name_sw: string; name_en: string }>(sql`SELECT code, name_sw, name_en FROM capabilities
    WHERE code IN (SELECT unnest(capabilities) FROM portfolio_systems WHERE id = ANY(${ids}::uuid[])) ORDER BY position, code`);
  const services = await rows<{ id: string; system_id: string; name_sw: string; name_en: string; url: string }>(sql`SELECT id, system_id, name_sw, name_en, url
    FROM portfolio_eservices WHERE system_id = ANY(${ids}::uuid[]) ORDER BY system_id, name_en, id`);
  const flows = await rows<{ id: string; provider_id: string; consumer_id: string; data_exchanged: string; channel: string; status: string }>(sql`SELECT id, provider_id, consumer_id, data_exchanged, channel, status
    FROM portfolio_integrations WHERE provider_id = ANY(${ids}::uuid[]) AND consumer_id = ANY(${ids}::uuid[]) ORDER BY provider_id, consumer_id, id`);

  const known = new Set(caps.map((c) => c.code));
  const prop = (key: (typeof PROPERTIES)[number], value: string) => `<property propertyDefinitionRef="${ident('prop', key)}"><value>${esc(value)}</value></property>`;
  const elements: string[] = [];
  for (const i of insts) elements.push(`<element identifier="${ident('id', i.id)}" xsi:type="BusinessActor">${names([{ text: i.name_sw, lang: 'sw' }, { text: i.name_en, lang: 'en' }])}<documentation>${esc(i.acronym)}</documentation></element>`);
  for (const s of systems) {
    const doc = s.purpose.trim() ? `<documentation>${esc(s.purpose)}</documentation>` : '';
    elements.push(`<element identifier="${ident('id', s.id)}" xsi:type="ApplicationComponent">${names([{ text: s.name }])}${doc}<properties>${prop('code', s.code)}${prop('lifecycle', s.lifecycle)}${prop('hosting', s.hosting)}</properties></element>`);
  }
  for (const c of caps) elements.push(`<element identifier="${ident('cap', c.code)}" xsi:type="Capability">${names([{ text: c.name_sw, lang: 'sw' }, { text: c.name_en, lang: 'en' }])}<documentation>${esc(c.code)}</documentation></element>`);
  for (const e of services) {
    const doc = e.url ? `<documentation>${esc(e.url)}</documentation>` : '';
    elements.push(`<element identifier="${ident('id', e.id)}" xsi:type="ApplicationService">${names([{ text: e.name_sw, lang: 'sw' }, { text: e.name_en, lang: 'en' }])}${doc}</element>`);
  }

  const relationships: string[] = [];
  const rel = (id: string, type: string, source: string, target: string, body = '') => relationships.push(`<relationship identifier="${id}" source="${source}" target="${target}" xsi:type="${type}">${body}</relationship>`);
  for (const s of systems) {
    rel(ident('assign', s.id), 'Assignment', ident('id', s.institution_id), ident('id', s.id));
    for (const c of s.capabilities.filter((x) => known.has(x))) rel(ident('realize', `${s.id}_${c}`), 'Realization', ident('id', s.id), ident('cap', c));
  }
  for (const e of services) rel(ident('serve', e.id), 'Serving', ident('id', e.system_id), ident('id', e.id));
  for (const f of flows) rel(ident('flow', f.id), 'Flow', ident('id', f.provider_id), ident('id', f.consumer_id), `${names([{ text: f.data_exchanged }])}<properties>${prop('channel', f.channel)}${prop('status', f.status)}</properties>`);

  const title = opts.institution ? `${insts.find((i) => i.id === only)?.acronym ?? opts.institution} ICT portfolio` : 'Government ICT portfolio';
  const parts = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<model xmlns="${NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${NS} ${SCHEMA}" identifier="${ident('model', only ?? 'all')}">`,
    `<name xml:lang="en">${esc(title)}</name>`,
    `<documentation xml:lang="en">Exported by Viwango on ${new Date().toISOString().slice(0, 10)}: ${systems.length} systems, ${insts.length} institutions, ${services.length} e-services, ${flows.length} integrations.</documentation>`,
    elements.length ? `<elements>\n${elements.join('\n')}\n</elements>` : '',
    relationships.length ? `<relationships>\n${relationships.join('\n')}\n</relationships>` : '',
    `<propertyDefinitions>${PROPERTIES.map((p) => `<propertyDefinition identifier="${ident('prop', p)}" type="string"><name>${p}</name></propertyDefinition>`).join('')}</propertyDefinitions>`,
    '</model>',
  ];
  return parts.filter(Boolean).join('\n') + '\n';
}
