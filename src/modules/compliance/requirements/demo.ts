// Demo requirements, through the part's own commands as the demo e-GA author would make them: for
// each in-force level-1 and level-2 standard e-GA issues, requirements are proposed from its clauses,
// every clause with a word of obligation is confirmed as proposed, the others are rejected as not
// requirements, and the revision is applied. Editions that already have a revision are left alone,
// so it does nothing twice.
import type { Config } from '../../../config.ts';
import type { Database } from '../../../platform/db/database.ts';
import { createCtx } from '../../../platform/context.ts';
import { actorFor, findUserByEmail } from '../../identity/index.ts';
import { decideCandidate, proposeRequirements } from './revisions.service.ts';
import { applyRevision } from './apply-revision.service.ts';
import { revisionView } from './queries.ts';

const DEMO_REASON = 'Maelezo ya jumla, si takwa. / General text, not a requirement.';

export async function loadRequirementsDemo(db: Database, config: Config, opts: { domain: string; codes?: string[] }): Promise<{ revisions: number; requirements: number }> {
  const user = await findUserByEmail(db.orm, `author.ega@${opts.domain}`);
  if (!user) return { revisions: 0, requirements: 0 };
  const author = createCtx({ db, config, actor: await actorFor(db.orm, user, 'cli') });
  const editions = await db.query<{ id: string; code: string }>(
    `SELECT e.id, d.code FROM library_editions e JOIN library_documents d ON d.id = e.document_id JOIN institutions i ON i.id = d.issuer_id
     WHERE e.status = 'in_force' AND d.level IN (1, 2) AND i.acronym = 'e-GA'
       AND NOT EXISTS (SELECT 1 FROM compliance_revisions r WHERE r.edition_id = e.id) ORDER BY d.code`,
  );
  const deadline = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
  let revisions = 0;
  let requirements = 0;
  for (const e of editions.filter((x) => !opts.codes || opts.codes.includes(x.code))) {
    const { revision } = await proposeRequirements(author, { editionId: e.id });
    let rev = revision.revision;
    for (const c of (await revisionView(author, revision.id, { pageSize: 500 })).candidates) {
      const confirm = c.obligation !== null || c.change === 'removed';
      rev = (await decideCandidate(author, { revisionId: revision.id, candidateId: c.id, revision: rev, decision: confirm ? 'confirm' : 'reject', reason: confirm ? undefined : DEMO_REASON })).revision;
    }
    const done = await applyRevision(author, { revisionId: revision.id, revision: rev, transitionDeadline: deadline });
    revisions++;
    requirements += done.added;
  }
  return { revisions, requirements };
}
