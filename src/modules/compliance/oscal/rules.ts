// Pure rules of the OSCAL exchange (no database): stable identifiers, the words OSCAL allows where
// Viwango has its own, and reading the shape of an imported catalog.
import crypto from 'node:crypto';
import { MAPPING_RELATIONS, type MappingRelation, type Severity } from '../schema.ts';

export const OSCAL_VERSION = '1.0.6';
/** The namespace of Viwango's own props and part names in OSCAL documents. */
export const VIWANGO_NS = 'https://viwango.go.tz/ns/oscal';
/** The UUID namespace every exported identifier is derived from (UUID v5), so exports are repeatable. */
const UUID_NAMESPACE = 'a3d4f0b2-6c1e-5f7a-9b8c-2e4d6f8a0b1c';

/** A catalog file larger than this is refused before it is parsed (the NIST moderate baseline is 1.8 MB). */
export const MAX_CATALOG_BYTES = 16 * 1024 * 1024;

/** RFC 4122 version 5 UUID of `name` in Viwango's namespace: the same name always gives the same UUID. */
export function stableUuid(name: string): string {
  const ns = Buffer.from(UUID_NAMESPACE.replace(/-/g, ''), 'hex');
  const h = crypto.createHash('sha1').update(ns).update(name, 'utf8').digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/**
 * The OSCAL control id of a requirement, from its ref: `eGA/EXT/ISA/001 §3.3` → `ega-ext-isa-001-3.3`.
 * Lower case, letters, digits and dots kept, every other run of characters one hyphen; an OSCAL token
 * starts with a letter, so a ref starting otherwise gets `r-` in front.
 */
export function controlIdOf(ref: string): string {
  const s = ref
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  return /^[a-z]/.test(s) ? s : `r-${s || 'x'}`;
}

/**
 * Control ids for refs, unique within one catalog: two refs that spell to the same id (`A/1` and
 * `A-1`) get `-2`, `-3` after the first in ref order, so the assignment is stable between exports.
 */
export function controlIds(refs: string[]): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const ref of [...refs].sort((a, b) => a.localeCompare(b, 'en'))) {
    const base = controlIdOf(ref);
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    out.set(ref, id);
  }
  return out;
}

/** An OSCAL token from a code (group codes, roles): same spelling rule as control ids. */
export const tokenOf = (code: string) => controlIdOf(code);

/** A single-line OSCAL string value (props): no surrounding or inner line breaks, never empty. */
export function oneLine(v: string, fallback = '-'): string {
  const s = v.replace(/\s+/g, ' ').trim();
  return s || fallback;
}

/** An instant as OSCAL wants it (with a time zone). */
export const oscalDateTime = (d: Date | string) => new Date(d).toISOString();
/** A calendar date (YYYY-MM-DD) as an OSCAL date-time at midnight UTC. */
export const oscalDate = (day: string) => `${day.slice(0, 10)}T00:00:00Z`;

export const isRelation = (v: unknown): v is MappingRelation => typeof v === 'string' && (MAPPING_RELATIONS as readonly string[]).includes(v);

/** A finding's state as an OSCAL risk status. */
export function riskStatusOf(findingStatus: string, poamStatus: string | null): string {
  if (findingStatus === 'closed' || poamStatus === 'closed') return 'closed';
  if (findingStatus === 'challenged') return 'investigating';
  if (poamStatus === 'in_progress' || poamStatus === 'completed' || poamStatus === 'submitted') return 'remediating';
  return 'open';
}

/** The OSCAL remediation lifecycle of a POA&M item: planned until done, completed after. */
export const remediationLifecycleOf = (poamStatus: string) => (poamStatus === 'completed' || poamStatus === 'closed' ? 'completed' : 'planned');

/** NIST's impact words for Viwango's severities (OSCAL facets in the csrc.nist.gov system). */
export const IMPACT: Record<Severity, string> = { low: 'low', moderate: 'moderate', high: 'high', critical: 'high' };


// Reading an imported catalog --------------------------------------------------------------------

interface RawControl {
  id: string;
  title: string;
  controls?: RawControl[];
}
interface RawGroup {
  id?: string;
  title: string;
  groups?: RawGroup[];
  controls?: RawControl[];
}
export interface RawCatalog {
  uuid: string;
  metadata: { title: string; version: string };
  groups?: RawGroup[];
  controls?: RawControl[];
}

export interface FlatControl {
  controlId: string;
  groupId: string;
  groupTitle: string;
  parentControlId: string | null;
  title: string;
  position: number;
}

/**
 * Every control of a catalog in document order, enhancements included (with their parent), each
 * with the group it sits in (nested groups counted as groups of their own). The NIST SP 800-53 rev5
 * moderate baseline gives 18 groups and 287 controls (177 controls and 110 enhancements).
 */
export function flattenCatalog(c: RawCatalog): { groups: number; controls: FlatControl[] } {
  const out: FlatControl[] = [];
  let groups = 0;
  const walkControls = (list: RawControl[] | undefined, groupId: string, groupTitle: string, parent: string | null) => {
    for (const ctl of list ?? []) {
      out.push({ controlId: ctl.id, groupId, groupTitle, parentControlId: parent, title: oneLine(ctl.title, ctl.id), position: out.length });
      walkControls(ctl.controls, groupId, groupTitle, ctl.id);
    }
  };
  const walkGroups = (list: RawGroup[] | undefined) => {
    for (const g of list ?? []) {
      groups++;
      const id = g.id ?? tokenOf(g.title);
      walkControls(g.controls, id, oneLine(g.title, id), null);
      walkGroups(g.groups);
    }
  };
  walkControls(c.controls, '', '', null);
  walkGroups(c.groups);
  return { groups, controls: out };
}

/**
 * A short framework code from a catalog title: the first word whole, numbers whole, other words by
 * their initial, runs of initials joined: `NIST Special Publication 800-53 Revision 5.1.1 MODERATE
 * IMPACT BASELINE` → `NIST-SP-800-53-R5.1.1-MIB` (at most 40 characters).
 */
export function frameworkCodeOf(title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/\s+/)
    .map((w) => w.replace(/[^A-Za-z0-9.-]/g, '').replace(/^[.-]+|[.-]+$/g, ''))
    .filter(Boolean);
  const parts: string[] = [];
  words.forEach((w, i) => {
    const token = i === 0 || /[0-9]/.test(w) ? w.toUpperCase() : w[0]!.toUpperCase();
    const last = parts[parts.length - 1];
    const initials = (x: string | undefined) => !!x && /^[A-Z]+$/.test(x) && x.length <= 3 && i > 0;
    if (token.length === 1 && initials(last) && !/^[0-9]/.test(token)) parts[parts.length - 1] = last + token;
    else if (/^[0-9]/.test(token) && last && /^[A-Z]$/.test(last) && parts.length > 1) parts[parts.length - 1] = last + token;
    else parts.push(token);
  });
  const code = parts.join('-').slice(0, 40).replace(/[-.]+$/, '');
  return code || 'CATALOG';
}

export const RELATIONS = MAPPING_RELATIONS;
