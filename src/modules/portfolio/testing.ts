// Test factories for the portfolio (issue 8, item 9): systems registered through the real command,
// with defaults for everything a test does not care about.
import type { Ctx } from '../../platform/context.ts';
import { actorInstitutionIds } from '../../platform/auth/actor.ts';
import { registerSystem, type RegisterInput } from './systems.service.ts';

let made = 0;

/** A system in production at the Government Data Centre, of the acting person's (first) institution unless given. */
export async function buildSystem(ctx: Ctx, over: Partial<RegisterInput> = {}) {
  const institutionId = over.institutionId ?? actorInstitutionIds(ctx.actor)[0];
  if (!institutionId) throw new Error('buildSystem: give institutionId, or act as someone with an institution');
  const n = ++made;
  const code = over.code ?? `TST-${n}`;
  return registerSystem(ctx, { institutionId, code, name: `System ${code}`, purpose: 'Keeps registers.', capabilities: [], lifecycle: 'production', hosting: 'govdc', ...over });
}
