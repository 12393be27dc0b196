// Demo content for a try-it-out install: a revised edition of a real level-2 standard (so the
// redline shows), a draft in review, and an institution's level-3 policy started from a template.
// All text is sample text, and every change goes through the same services as real use.
import { eq } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.ts';
import type { Config } from '../../config.ts';
import { createCtx } from '../../platform/context.ts';
import { users } from '../identity/index.ts';
import { actorFor } from '../identity/index.ts';
import { findInstitutionByAcronym } from '../reference/index.ts';
import { loadLibraryReference } from './seed.ts';
import { createDocument, findDocument } from './documents.service.ts';
import { createEdition, saveDraft, transition } from './editions.service.ts';
import { templates } from './queries.service.ts';
import { shortId } from './text.ts';

async function demoActor(db: Database, config: Config, email: string) {
  const [u] = await db.orm.select().from(users).where(eq(users.email, email));
  return u ? createCtx({ db, config, actor: await actorFor(db.orm, u, 'cli') }) : null;
}

export async function loadLibraryDemo(db: Database, config: Config): Promise<void> {
  await loadLibraryReference(db);
  const author = await demoActor(db, config, 'author.ega@demo.viwango.go.tz');
  const approver = await demoActor(db, config, 'approver.ega@demo.viwango.go.tz');
  const officer = await demoActor(db, config, 'officer.nida@demo.viwango.go.tz');
  const head = await demoActor(db, config, 'head.nida@demo.viwango.go.tz');
  if (!author || !approver || !officer || !head) return;

  const ita = await findDocument(db.orm, 'eGA/EXT/ITA/001');
  if (ita) {
    const { edition } = await createEdition(author, { documentId: ita.id, version: '1.2', changeSummary: 'Sample revision: backups tested every quarter; a new clause on cloud hosting. / Marekebisho ya sampuli.' });
    const content = edition.content.map((s, i) =>
      i === 2
        ? {
            ...s,
            clauses: [
              ...s.clauses.map((c, j) => (j === 2 ? { ...c, textSw: `${c.textSw} Nakala za akiba zitajaribiwa kila robo mwaka.`, textEn: `${c.textEn} Backups shall be tested every quarter.` } : c)),
              { id: shortId(), textSw: 'Huduma za wingu zitatumika tu kupitia mikataba iliyopitiwa na Mamlaka.', textEn: 'Cloud services shall be used only under agreements reviewed by the Authority.' },
            ],
          }
        : s,
    );
    await saveDraft(author, { editionId: edition.id, revision: edition.revision, content });
    await transition(author, { editionId: edition.id, action: 'submit' });
    await transition(approver, { editionId: edition.id, action: 'approve' });
    await transition(approver, { editionId: edition.id, action: 'publish', reason: 'Replaced by the sample revision 1.2' });
  }

  const egaId = (await findInstitutionByAcronym(db.orm, 'e-GA'))!.id;
  const draft = await createDocument(author, {
    code: 'eGA/EXT/APA/010', level: 2, kind: 'technical_guideline', groupCode: 'AA', parent: 'eGA/EXT/APA/001', issuerId: egaId,
    titleSw: 'Mwongozo wa sampuli wa API za Serikali', titleEn: 'Sample guideline on government APIs',
  });
  await saveDraft(author, { editionId: draft.edition.id,
    revision: draft.edition.revision,
    content: [{ id: shortId(), headingSw: 'Madhumuni (sampuli)', headingEn: 'Purpose (sample)', clauses: [{ id: shortId(), textSw: 'API za Serikali zitaelezwa kwa OpenAPI na kuhifadhiwa katika orodha ya pamoja.', textEn: 'Government APIs shall be described in OpenAPI and listed in the shared catalogue.' }] }],
  });
  await transition(author, { editionId: draft.edition.id, action: 'submit' });

  const [tpl] = (await templates(officer)).filter((x) => x.doc.code === 'LOCAL-TPL-AUP');
  const nidaId = (await findInstitutionByAcronym(db.orm, 'NIDA'))!.id;
  if (tpl) {
    const pol = await createDocument(officer, {
      code: 'NIDA/ICT/POL/001', level: 3, kind: 'policy', groupCode: 'SA', issuerId: nidaId, titleSw: 'Sera ya matumizi ya TEHAMA ya NIDA (sampuli)', titleEn: 'NIDA acceptable use of ICT policy (sample)',
      templateEditionId: tpl.edition.id, implements: ['eGA/EXT/ISA/001'],
    });
    await transition(officer, { editionId: pol.edition.id, action: 'submit' });
    await transition(head, { editionId: pol.edition.id, action: 'approve' });
    await transition(head, { editionId: pol.edition.id, action: 'publish' });
  }
}
