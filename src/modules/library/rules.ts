// The library's domain rules, each a named function the services call on every path
// (pages, API, import, CLI). They return a message key describing the broken rule, or null.
import type { MessageKey } from '../../messages.ts';
import type { EditionStatus } from './schema.ts';

export const AUTHORITY = 'e-GA';
export const LEVEL1_ISSUER = 'PO-PSMGG';

/** Instruments the framework rests on: held for reference, never issued through the workflow. */
export const REFERENCE_KINDS = ['legislation', 'regulation', 'national_policy', 'strategy'] as const;
export const LEVEL_KINDS = {
  1: ['policy_guideline', 'sector_guideline', 'guidebook'],
  2: ['technical_standard', 'technical_guideline', 'guideline', 'process_standard', 'procedure', 'checklist'],
  3: ['policy', 'guideline', 'process', 'procedure', 'template'],
} as const satisfies Record<1 | 2 | 3, readonly string[]>;
export const INSTITUTIONAL_KINDS = ['policy', 'guideline', 'process', 'procedure'] as const;

export const ALL_KINDS = [...new Set<string>([...LEVEL_KINDS[1], ...LEVEL_KINDS[2], ...LEVEL_KINDS[3], ...REFERENCE_KINDS])];
export type Level = 1 | 2 | 3;

export function isReferenceKind(kind: string): boolean {
  return (REFERENCE_KINDS as readonly string[]).includes(kind);
}

export function isLevel(n: unknown): n is Level {
  return n === 1 || n === 2 || n === 3;
}

export interface IssuerFacts {
  acronym: string;
  type: string;
}

/**
 * Who may issue which level and kind: PO-PSMGG any level-1 kind, a ministry only sectoral
 * guidelines at level 1; the authority level 2 and templates; any institution its own level-3
 * policy, guideline, process or procedure. Legal instruments are reference data only.
 */
export function issuingProblem(issuer: IssuerFacts, level: Level, kind: string): MessageKey | null {
  if (isReferenceKind(kind)) return 'library.rule.referenceOnly';
  if (!(LEVEL_KINDS[level] as readonly string[]).includes(kind)) return 'library.rule.kindNotAtLevel';
  if (level === 1) {
    if (issuer.acronym === LEVEL1_ISSUER) return null;
    if (issuer.type === 'ministry') return kind === 'sector_guideline' ? null : 'library.rule.ministrySectoralOnly';
    return 'library.rule.level1Issuer';
  }
  if (level === 2) return issuer.acronym === AUTHORITY ? null : 'library.rule.level2Issuer';
  if (kind === 'template') return issuer.acronym === AUTHORITY ? null : 'library.rule.templateIssuer';
  return null;
}

/** A sectoral guideline names its sector; nothing else needs one. */
export function sectorProblem(kind: string, sector: string | null | undefined): MessageKey | null {
  if (kind === 'sector_guideline' && !sector?.trim()) return 'library.rule.sectorRequired';
  return null;
}

/** A related document's parent sits at the same level. */
export function parentProblem(childLevel: number, parent: { level: number } | null | undefined): MessageKey | null {
  if (!parent) return null;
  return parent.level === childLevel ? null : 'library.rule.parentSameLevel';
}

/** Level-3 documents trace to level-1/2 documents they implement; nothing else carries such links. */
export function implementsProblem(level: number, targets: { level: number }[]): MessageKey | null {
  if (targets.length === 0) return null;
  if (level !== 3) return 'library.rule.implementsLevel3';
  if (targets.some((t) => t.level === 3)) return 'library.rule.implementsTarget';
  return null;
}

/** Level-3 documents are internal to their institution unless the issuer chooses otherwise; templates are public. */
export function defaultAudience(level: number, kind: string): 'public' | 'internal' {
  return level === 3 && kind !== 'template' ? 'internal' : 'public';
}

/** The lifecycle: which status each action moves an edition from and to. */
export const TRANSITIONS = {
  submit: { from: ['draft'], to: 'in_review' },
  return: { from: ['in_review', 'approved'], to: 'draft' },
  approve: { from: ['in_review'], to: 'approved' },
  publish: { from: ['approved'], to: 'in_force' },
  withdraw: { from: ['in_force'], to: 'withdrawn' },
} as const satisfies Record<string, { from: readonly EditionStatus[]; to: EditionStatus }>;
export type Transition = keyof typeof TRANSITIONS;

export function transitionProblem(action: Transition, status: EditionStatus): MessageKey | null {
  if ((TRANSITIONS[action].from as readonly string[]).includes(status)) return null;
  if (action === 'publish') return 'library.rule.publishNotApproved';
  return 'library.rule.badTransition';
}

/** An edition in force (or past) is never edited: a correction is a new edition. Only drafts change. */
export function editProblem(status: EditionStatus): MessageKey | null {
  if (status === 'draft') return null;
  return status === 'in_force' ? 'library.rule.inForceNotEditable' : 'library.rule.onlyDraftEditable';
}

/** Superseding or withdrawing an edition needs a stated reason. */
export function reasonProblem(reason: string | null | undefined): MessageKey | null {
  return reason && reason.trim().length >= 3 ? null : 'library.rule.reasonRequired';
}

/** Statuses a member of the public may read (of a public document). */
export const PUBLISHED: readonly EditionStatus[] = ['in_force', 'superseded', 'withdrawn'];
/** Editions still being worked on: at most one per document, and the only ones that take comments. */
export const OPEN: readonly EditionStatus[] = ['draft', 'in_review', 'approved'];
export const isOpen = (status: EditionStatus) => OPEN.includes(status);

/** A new edition can be started only when none is being worked on. */
export function newEditionProblem(statuses: readonly EditionStatus[]): MessageKey | null {
  return statuses.some(isOpen) ? 'library.rule.openDraftExists' : null;
}

export function commentProblem(status: EditionStatus): MessageKey | null {
  return isOpen(status) ? null : 'library.rule.commentsOnDrafts';
}

export const VERSION_PATTERN = /^[0-9]+(\.[0-9]+){0,3}[a-z]?$/;
export function versionProblem(v: string): MessageKey | null {
  return VERSION_PATTERN.test(v) ? null : 'library.rule.version';
}

/** eGA/EXT/ITA/001 → ega-ext-ita-001 */
export function slugOf(code: string): string {
  return code
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9/._-]{1,60}$/;
