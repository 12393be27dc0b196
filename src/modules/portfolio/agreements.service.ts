// The legal basis or data-sharing agreement of an integration, with its file (decision 0215). The
// file is checked by its content (PDF or DOCX, within the upload limit and the archive caps) before
// anything is written; then it is stored by its SHA-256, and the integration names it, with a row
// kept for every file ever uploaded, a history line on both systems and the audit entry, in one
// transaction. Replacing the file keeps the earlier ones downloadable.
import type { Readable } from 'node:stream';
import { asc, eq } from 'drizzle-orm';
import { command, type Ctx, type TxCtx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { isUuid } from '../../platform/input.ts';
import { checkFileName, FILE_KINDS, fileRefusal, FileProblemError, fileStore, readUpload, type FileKind } from '../../platform/files/index.ts';
import { decideIntegration, editableSide } from './access.ts';
import { integrationAgreements, integrations, type Integration, type IntegrationAgreement, type System } from './schema.ts';
import { loadSystem } from './systems.service.ts';
import { recordHistory, registryChanged } from './registry.ts';
import { audit } from './audit-events.ts';

/** The kinds an agreement may be, decided by content. */
export const AGREEMENT_KINDS: readonly FileKind[] = ['pdf', 'docx'];

export interface IntegrationWithSides {
  integration: Integration;
  provider: System;
  consumer: System;
}

/** An integration and its two systems; 404 when there is none or the caller may not read its details. */
export async function loadIntegration(ctx: Pick<Ctx, 'q' | 'actor'>, id: string, action: 'readDetails' | 'edit' = 'readDetails'): Promise<IntegrationWithSides> {
  if (!isUuid(id)) throw notFound();
  const [integration] = await ctx.q.select().from(integrations).where(eq(integrations.id, id));
  if (!integration) throw notFound();
  const sides = { integration, provider: await loadSystem(ctx, integration.providerId), consumer: await loadSystem(ctx, integration.consumerId) };
  const d = decideIntegration(ctx.actor, action, sides);
  if (!d.ok) throw new AppError(d.status, d.key);
  return sides;
}

/** Every agreement file of an integration, oldest first (the last is the current one). */
export async function agreementsOf(ctx: Pick<Ctx, 'q'>, integrationId: string): Promise<IntegrationAgreement[]> {
  return ctx.q.select().from(integrationAgreements).where(eq(integrationAgreements.integrationId, integrationId)).orderBy(asc(integrationAgreements.uploadedAt), asc(integrationAgreements.id));
}

export interface CheckedAgreement {
  integrationId: string;
  fileName: string;
  type: string;
  bytes: Uint8Array;
}

/**
 * Checks an upload without writing anything: who may attach it (404/403 first, before the file is
 * read), a sound name, and the content. A refused file is a field error on `file` (413 when too large).
 */
export async function checkAgreement(ctx: Ctx, input: { integrationId: string; fileName: string; bytes: Uint8Array }): Promise<CheckedAgreement> {
  await loadIntegration(ctx, input.integrationId, 'edit');
  try {
    const named = input.fileName ? checkFileName(input.fileName) : '';
    // Read through (extract), so a damaged document is refused now rather than found unreadable later.
    const { kind } = await readUpload(input.bytes, { allow: AGREEMENT_KINDS, maxBytes: ctx.config.uploadLimit, extract: true, limits: ctx.config.archive });
    return { integrationId: input.integrationId, fileName: named || `agreement.${kind}`, type: FILE_KINDS[kind], bytes: input.bytes };
  } catch (err) {
    if (err instanceof FileProblemError) {
      if (err.problem === 'tooLarge') throw new AppError(413, 'error.summary', undefined, { file: 'portfolio.agreement.tooLarge' });
      throw fileRefusal(err.problem, 'portfolio.agreement.wrongType');
    }
    throw err;
  }
}

/** Stores a checked agreement and makes it the integration's current one (the earlier ones are kept). */
export const recordAgreement = command(async (ctx: TxCtx, input: CheckedAgreement): Promise<{ integration: Integration; agreement: IntegrationAgreement }> => {
  // Checked again inside the transaction: the integration may have gone while the file was read.
  const { integration: g, provider, consumer } = await loadIntegration(ctx, input.integrationId, 'edit');
  const side = editableSide(ctx.actor, [provider, consumer])!;
  const stored = await fileStore(ctx.config.dataDir).put(input.bytes, { maxBytes: ctx.config.uploadLimit });
  const [agreement] = await ctx.tx
    .insert(integrationAgreements)
    .values({ integrationId: g.id, sha256: stored.sha256, fileName: input.fileName, fileType: input.type, size: stored.size, uploadedBy: ctx.actor?.userId ?? null, uploadedLabel: ctx.actor?.name ?? ctx.source.actorLabel })
    .returning();
  const [integration] = await ctx.tx
    .update(integrations)
    .set({ agreementSha256: stored.sha256, agreementName: input.fileName, revision: g.revision + 1, updatedAt: new Date() })
    .where(eq(integrations.id, g.id))
    .returning();
  const change = { agreement: { from: g.agreementName, to: input.fileName } };
  for (const s of [provider, consumer]) await recordHistory(ctx, s.id, 'integration', change);
  await registryChanged(ctx);
  await audit(ctx, 'portfolio.integration.agreement', {
    entityId: g.id,
    institutionId: side.institutionId,
    details: { provider: provider.code, consumer: consumer.code, file: input.fileName, sha256: stored.sha256, size: stored.size, replaced: g.agreementSha256 },
  });
  return { integration, agreement };
});

/** Checks and records an agreement: what the page and the API call. Nothing is written when the file is refused. */
export async function uploadAgreement(ctx: Ctx, input: { integrationId: string; fileName: string; bytes: Uint8Array }) {
  return recordAgreement(ctx, await checkAgreement(ctx, input));
}

/**
 * An agreement file to send: the current one, or an earlier one named by its id. Undefined (404)
 * when the caller may not read the integration's details, there is no such file, or its bytes are gone.
 */
export async function agreementFile(ctx: Ctx, integrationId: string, versionId?: string): Promise<{ agreement: IntegrationAgreement; stream: Readable }> {
  const { integration } = await loadIntegration(ctx, integrationId);
  const all = await agreementsOf(ctx, integration.id);
  const agreement = versionId ? all.find((a) => a.id === versionId) : [...all].reverse().find((a) => a.sha256 === integration.agreementSha256);
  const stream = agreement && fileStore(ctx.config.dataDir).read(agreement.sha256);
  if (!agreement || !stream) throw notFound();
  return { agreement, stream };
}
