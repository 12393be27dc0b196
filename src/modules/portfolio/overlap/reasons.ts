// Why systems overlap, as data: the pages and API translate these, and describeReason gives a
// plain sentence in either language for places without a catalog (CLI, logs, tests).
import { CONCEPT_LABELS } from './concepts.ts';

export type Verdict = 'confirmed' | 'not_overlap' | 'planned_consolidation';

export type Reason =
  | { kind: 'same_capability'; code: string }
  | { kind: 'similar_name'; shared: string[] }
  | { kind: 'same_concepts'; concepts: string[] }
  | { kind: 'acronym'; acronym: string; expands: string }
  | { kind: 'overlaps_shared_system'; systemId: string; name: string }
  | { kind: 'decision'; verdict: Exclude<Verdict, 'not_overlap'> };

export type Lang = 'en' | 'sw';

function conceptLabel(id: string, lang: Lang): string {
  const label = CONCEPT_LABELS[id];
  return label ? label[lang === 'en' ? 0 : 1] : id;
}

function list(items: string[], lang: Lang): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${lang === 'en' ? 'and' : 'na'} ${items[items.length - 1]}`;
}

export function describeReason(r: Reason, lang: Lang): string {
  const en = lang === 'en';
  switch (r.kind) {
    case 'same_capability':
      return en ? `Same capability: ${r.code}` : `Uwezo uleule: ${r.code}`;
    case 'similar_name':
      return en ? `Similar names (${list(r.shared, lang)})` : `Majina yanayofanana (${list(r.shared, lang)})`;
    case 'same_concepts': {
      const names = list(r.concepts.map((c) => conceptLabel(c, lang)), lang);
      return en ? `Both are about ${names}` : `Yote yanahusu ${names}`;
    }
    case 'acronym':
      return en ? `${r.acronym.toUpperCase()} stands for "${r.expands}"` : `${r.acronym.toUpperCase()} ni kifupisho cha "${r.expands}"`;
    case 'overlaps_shared_system':
      return en ? `Does the job of the shared system ${r.name}` : `Unafanya kazi ya mfumo shirikishi ${r.name}`;
    case 'decision':
      if (r.verdict === 'confirmed') return en ? 'Confirmed as an overlap by a reviewer' : 'Imethibitishwa na mhakiki kuwa ni mwingiliano';
      return en ? 'Consolidation planned' : 'Kuunganisha kumepangwa';
  }
}
