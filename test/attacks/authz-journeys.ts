// How the authorization matrix (test/attacks/authz-matrix.test.ts) makes the records that no single
// write route creates: compliance assessments and their answers arise when a cycle is opened (a
// background job, which is a record too), attestations at sign-off, findings from the authority's
// review of a signed-off assessment, an institution's public summary when the authority closes the
// cycle and publishes it, a decision letter from the review of a submitted proposal. Each journey walks the
// product's own paths — API write routes, a page form where the API has none (an evidence file),
// and the platform's job runner after a write that enqueues work — never SQL writes; it reads the
// database only to learn ids. Every record it makes is handed to the matrix with `made`, which
// finds its kind in authz-registry.ts like any other, so every GET route naming it is called by every
// persona. Free text carries a canary (`text`) as in the generic writer. Records are made for NIDA
// and for BRELA so that each institution's records are tried against the other's people.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { IMPORT_HEADER } from '../../src/modules/portfolio/import.file.ts';
import type { Database } from '../../src/platform/db/database.ts';
import { sampleProposal } from '../../src/modules/reviews/demo.ts';

export type Writer = 'NIDA' | 'BRELA' | 'authority' | 'e-GA author';
export const JOURNEY_INSTITUTIONS = ['NIDA', 'BRELA'] as const;
type Inst = (typeof JOURNEY_INSTITUTIONS)[number];

export interface JourneyTools {
  db: Database;
  /** Calls an API route as a writer (NIDA and BRELA writers are officer and head; the authority's is a reviewer; e-GA's an issuer author); the JSON answer, the matrix fails on an answer of 300 or more. */
  api<T = any>(as: Writer, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown, file?: { type: string; bytes: Buffer }): Promise<T>;
  /** Posts a page's multipart form with a file, as the writer signed in; where it redirects to ('' when it answers with a page). */
  upload(as: Inst | 'authority', url: string, fields: Record<string, string>, file: { name: string; type: string; bytes: Buffer }): Promise<string>;
  /** Posts a page's form as the writer signed in; where it redirects to. */
  form(as: Inst | 'authority', url: string, fields: Record<string, string>): Promise<string>;
  /** Runs the background jobs due until none is left (the platform's runner). */
  runJobs(): Promise<void>;
  /** A new canary for a record of `inst`: the token to look for, and the text to write. */
  canary(inst: Inst): { canary: string; text: string };
  /** A one-page PDF whose text is `text`. */
  pdf(text: string): Promise<Buffer>;
  /**
   * A record made: its id (looked up in the tables to find its kind; a job's number in the tables of
   * kinds whose ids are not uuids), the institution it belongs or
   * is addressed to, its canary (null when it carries no text of its own) and further route
   * parameters that name it or one of its parts together with its id (answerId, aid, candidateId…).
   */
  made(inst: Inst, id: string, canary: string | null, values?: Record<string, string>): void;
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const one = async <T>(db: Database, text: string, params: unknown[]): Promise<T> => (await db.query<T>(text, params))[0]!;

/**
 * Compliance: e-GA's author turns an in-force e-GA standard into requirements (propose, decide every
 * candidate, apply); the authority creates and opens a cycle for NIDA and BRELA (the opening job
 * makes the assessments and their questions); each institution adds evidence (a link by the API, a
 * file by the page), answers every question and its head signs off; the authority raises a finding
 * on each and issues each a directive of its own; then it closes the cycle and publishes NIDA's
 * summary (BRELA's stays unpublished: 404 to everyone).
 */
async function compliance(j: JourneyTools): Promise<void> {
  const edition = await one<{ id: string; document_id: string }>(
    j.db,
    `SELECT e.id, e.document_id FROM library_editions e JOIN library_documents d ON d.id = e.document_id JOIN institutions i ON i.id = d.issuer_id
      WHERE e.status = 'in_force' AND d.level IN (1, 2) AND i.acronym = 'e-GA' ORDER BY length(e.content::text), d.code LIMIT 1`,
    [],
  );
  let revision = await j.api<{ id: string; revision: number; items: { id: string; obligation: string | null }[] }>('e-GA author', 'POST', '/api/v1/compliance/revisions', { editionId: edition.id });
  const revisionId = revision.id;
  let rev = revision.revision;
  const all = revision.items;
  for (const c of all) {
    const body = c.obligation ? { revision: rev, decision: 'confirm' } : { revision: rev, decision: 'reject', reason: 'General text, not a requirement.' };
    rev = (await j.api<{ revision: number }>('e-GA author', 'POST', `/api/v1/compliance/revisions/${revisionId}/candidates/${c.id}/decision`, body)).revision;
  }
  revision = await j.api('e-GA author', 'GET', `/api/v1/compliance/revisions/${revisionId}`);
  await j.api('e-GA author', 'POST', `/api/v1/compliance/revisions/${revisionId}/apply`, { revision: rev, transitionDeadline: day(90) });
  // The revision and its candidates belong to e-GA, the issuing body: neither NIDA nor BRELA.
  j.made('NIDA', revisionId, null, { candidateId: all[0]!.id });
  // Institution-wide requirements first: the cycle asks three of them (one question each, not one per system).
  const reqs = await j.db.query<{ id: string }>("SELECT id FROM compliance_requirements WHERE document_id = $1 ORDER BY applies_to = 'system', ref", [edition.document_id]);
  for (const r of reqs.slice(0, 2)) j.made('NIDA', r.id, null, { documentId: edition.document_id });
  // The standard itself, whose scores the compliance pages and API show.
  j.made('NIDA', edition.document_id, null, { slug: (await one<{ slug: string }>(j.db, 'SELECT slug FROM library_documents WHERE id = $1', [edition.document_id])).slug });

  const named = j.canary('NIDA');
  const cycle = await j.api<{ id: string }>('authority', 'POST', '/api/v1/compliance/cycles', {
    code: `MATRIX-${Date.now() % 100000}`, nameSw: named.text, nameEn: named.text, submissionDue: day(30), reviewDue: day(45), challengeUntil: day(60), requirementIds: reqs.slice(0, 3).map((r) => r.id), institutions: [...JOURNEY_INSTITUTIONS],
  });
  j.made('NIDA', cycle.id, named.canary);
  const opened = await j.api<{ job: number }>('authority', 'POST', `/api/v1/compliance/cycles/${cycle.id}/open`, {});
  await j.runJobs();
  // The opening job: its progress is its creator's (the authority's reviewer) and the administrators'.
  j.made('NIDA', String(opened.job), null);

  for (const inst of JOURNEY_INSTITUTIONS) {
    const a = await one<{ id: string }>(j.db, 'SELECT a.id FROM compliance_assessments a JOIN institutions i ON i.id = a.institution_id WHERE a.cycle_id = $1 AND i.acronym = $2', [cycle.id, inst]);
    // Evidence: a link through the API, a file through the evidence library's page.
    const link = j.canary(inst);
    const linked = await j.api<{ id: string }>(inst, 'POST', `/api/v1/compliance/institutions/${inst}/evidence`, { title: link.text, url: 'https://example.go.tz/evidence' });
    j.made(inst, linked.id, link.canary);
    const file = j.canary(inst);
    await j.upload(inst, `/compliance/institutions/${inst}/evidence`, { title: file.text }, { name: `${file.canary}.pdf`, type: 'application/pdf', bytes: await j.pdf(file.text) });
    const filed = await one<{ id: string }>(j.db, 'SELECT id FROM compliance_evidence WHERE title = $1', [file.text]);
    j.made(inst, filed.id, file.canary);

    // Every question answered (the first with the evidence), the justification carrying the assessment's canary.
    const said = j.canary(inst);
    const page = await j.api<{ answers: { id: string; revision: number }[] }>(inst, 'GET', `/api/v1/compliance/assessments/${a.id}?pageSize=500`);
    for (const [i, q] of page.answers.entries()) {
      await j.api(inst, 'PUT', `/api/v1/compliance/assessments/${a.id}/answers/${q.id}`, { revision: q.revision, result: i === 0 ? 'non_compliant' : 'compliant', justification: said.text, comment: said.text, evidenceIds: i === 0 ? [linked.id, filed.id] : [] });
    }
    j.made(inst, a.id, null, { answerId: page.answers[0]!.id, cycleId: cycle.id, acronym: inst });
    const fresh = await j.api<{ assessment: { revision: number } }>(inst, 'GET', `/api/v1/compliance/assessments/${a.id}`);
    const attestation = await j.api<{ id: string }>(inst, 'POST', `/api/v1/compliance/assessments/${a.id}/sign-off`, { revision: fresh.assessment.revision });
    j.made(inst, attestation.id, null);

    const finding = j.canary(inst);
    const f = await j.api<{ id: string }>('authority', 'POST', '/api/v1/compliance/findings', { answerId: page.answers[0]!.id, severity: 'high', dueOn: day(50), description: finding.text });
    j.made(inst, f.id, finding.canary);
    const directive = j.canary(inst);
    const d = await j.api<{ id: string }>('authority', 'POST', '/api/v1/compliance/directives', { code: `DIR-${directive.canary}`, titleSw: directive.text, titleEn: directive.text, deadline: day(40), institutions: [inst] });
    j.made(inst, d.id, directive.canary);
  }
  // The cycle closes (scores frozen) and NIDA's summary is published; the summary kind is named by
  // `acronym`, which every record carries.
  await j.api('authority', 'POST', `/api/v1/compliance/cycles/${cycle.id}/close`, {});
  await j.api('authority', 'PUT', `/api/v1/compliance/cycles/${cycle.id}/publications/NIDA`);
}

/**
 * Reviews: each institution prepares a proposal (left a draft) and another with its three required
 * attachments, which its head submits and the authority decides with a condition (the decision
 * letter is then a file to download); and sends a document for review through its page (the API has
 * no route for that).
 */
async function reviews(j: JourneyTools): Promise<void> {
  for (const inst of JOURNEY_INSTITUTIONS) {
    const doc = j.canary(inst);
    const to = await j.form(inst, '/reviews/documents/new', { title: doc.text, docKind: 'policy', text: `${doc.text}\n\n${doc.text}` });
    j.made(inst, to.match(/\/reviews\/cases\/([0-9a-f-]{36})/)![1]!, doc.canary);
    for (const decide of [false, true]) {
      const c = j.canary(inst);
      const made = await j.api<{ id: string; attachments: { id: string }[] }>(inst, 'POST', '/api/v1/reviews/proposals', {
        institution: inst,
        ...sampleProposal({ title: c.text, systemName: c.text, problem: c.text, capabilities: ['ADM.REC'], capex: [100, 0, 0, 0, 0], opex: [10, 10, 10, 10, 10] }),
      });
      let aid = '';
      for (const kind of ['concept_note', 'business_case', 'requirements']) {
        const out = await j.api<{ attachments: { id: string }[] }>(inst, 'POST', `/api/v1/reviews/proposals/${made.id}/attachments?kind=${kind}&filename=${encodeURIComponent(`${c.canary}-${kind}.pdf`)}`, undefined, { type: 'application/pdf', bytes: await j.pdf(c.text) });
        aid = out.attachments[0]!.id;
      }
      if (decide) {
        await j.api(inst, 'POST', `/api/v1/reviews/proposals/${made.id}/submit`, {});
        await j.api('authority', 'POST', `/api/v1/reviews/proposals/${made.id}/decision`, { outcome: 'approved_with_conditions', reasons: c.text, conditions: [{ text: c.text }] });
        await j.runJobs();
      }
      j.made(inst, made.id, c.canary, { aid });
    }
  }
}

/**
 * Imports run as background jobs whose pages only their uploader (and whoever reads every job) may
 * follow: each institution previews and applies a one-row portfolio spreadsheet through its pages,
 * and the authority uploads an OSCAL catalog.
 */
async function imports(j: JourneyTools): Promise<void> {
  for (const inst of JOURNEY_INSTITUTIONS) {
    const bytes = Buffer.from(`${IMPORT_HEADER}\n${inst},${inst}-MATRIX,${inst} matrix register,,Register,ICT.WEB,production,govdc,,no,no,,,,,\n`);
    await j.upload(inst, '/portfolio/import', {}, { name: 'systems.csv', type: 'text/csv', bytes });
    const to = await j.form(inst, '/portfolio/import/apply', { sha256: crypto.createHash('sha256').update(bytes).digest('hex'), name: 'systems.csv' });
    j.made(inst, to.match(/\/portfolio\/import\/jobs\/(\d+)$/)![1]!, null);
  }
  const catalog = fs.readFileSync(path.resolve('../shared/oscal/basic-catalog.json'));
  const to = await j.upload('authority', '/compliance/oscal/import', {}, { name: 'basic-catalog.json', type: 'application/json', bytes: catalog });
  j.made('NIDA', to.match(/\/compliance\/oscal\/import\/jobs\/(\d+)$/)![1]!, null);
  await j.runJobs();
}

export const JOURNEYS: ((j: JourneyTools) => Promise<void>)[] = [compliance, reviews, imports];
