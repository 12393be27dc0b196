// When an edition comes into force, the library tells its listeners inside the publishing
// transaction; compliance then queues a job that proposes requirements from the edition (decision
// 0301). The job runs as the system, after the edition is committed, and is idempotent: an edition
// has one revision, so a second run finds it and does nothing.
import { defineJob, enqueue } from '../../../platform/jobs/index.ts';
import { systemCtx } from '../../../platform/context.ts';
import { onEditionInForce } from '../../library/index.ts';
import { proposeForInForceEdition } from './revisions.service.ts';

export const proposeJob = defineJob<{ editionId: string }>('compliance.requirements.propose', {
  maxAttempts: 5,
  async handler({ payload, db, config }) {
    const revision = await proposeForInForceEdition(systemCtx(db, config), { editionId: payload.editionId });
    return { revisionId: revision?.id ?? null };
  },
});

onEditionInForce('compliance.requirements', async (ctx, doc, edition) => {
  if (doc.level !== 1 && doc.level !== 2) return;
  await enqueue(ctx.tx, proposeJob, { editionId: edition.id }, { dedupeKey: edition.id, createdBy: ctx.actor?.userId ?? null });
});
