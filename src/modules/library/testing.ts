// Test factories for the library (issue 8, item 9): documents made through the real command, with
// defaults for everything a test does not care about, so a test states only what matters to it.
import { eq } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { actorInstitutionIds } from '../../platform/auth/actor.ts';
import { institutions } from '../reference/index.ts';
import { createDocument, type DocumentInput } from './documents.service.ts';

let made = 0;

/**
 * A draft document of the acting person's (first) institution: a level-2 technical standard when
 * that is e-GA, otherwise the institution's own level-3 policy. Any field can be given.
 */
export async function buildDocument(ctx: Ctx, over: Partial<DocumentInput> = {}) {
  const issuerId = over.issuerId ?? actorInstitutionIds(ctx.actor)[0];
  if (!issuerId) throw new Error('buildDocument: give issuerId, or act as someone with an institution');
  const [issuer] = await ctx.q.select({ acronym: institutions.acronym }).from(institutions).where(eq(institutions.id, issuerId));
  const n = ++made;
  const authority = issuer.acronym === 'e-GA';
  return createDocument(ctx, {
    code: authority ? `eGA/EXT/TST/${800 + n}` : `${issuer.acronym}/ICT/TST/${800 + n}`,
    level: authority ? 2 : 3,
    kind: authority ? 'technical_standard' : 'policy',
    issuerId,
    titleSw: `Hati ya majaribio ${n}`,
    titleEn: `Test document ${n}`,
    ...over,
  });
}
