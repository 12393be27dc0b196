// The decision letter, in Kiswahili or English, as PDF: generated from the recorded decision every
// time it is asked for, so the letter always says what the case says (and the same decision gives
// the same bytes: the decision's time is the document's date).
import { PdfWriter } from '../../platform/pdf/index.ts';
import { AppError } from '../../platform/http/errors.ts';
import { formatters, translator, type Lang, type MessageKey } from '../../messages.ts';
import type { CaseView } from './queries.ts';

/** The letter's file name, the same on the pages, the API and in the e-mail. */
export function letterFileName(v: Pick<CaseView, 'institution' | 'case'>, lang: Lang): string {
  return `decision-${v.institution.acronym}-${v.case.id.slice(0, 8)}-${lang}.pdf`;
}

export async function decisionLetter(v: CaseView, lang: Lang): Promise<Uint8Array> {
  const d = v.decision;
  if (!d) throw new AppError(409, 'reviews.letter.notDecided');
  const t = translator(lang);
  const f = formatters(lang);
  const c = v.case;
  const doc = c.kind === 'document';
  const title = t(doc ? 'reviews.letter.titleDocument' : 'reviews.letter.title');
  const inst = lang === 'sw' ? v.institution.nameSw : v.institution.nameEn;
  const pdf = await PdfWriter.create({ title, lang, footer: `${t('reviews.letter.footer')} · ${f.date(d.decidedAt)}`, author: d.decidedByName, subject: c.title, createdAt: d.decidedAt });
  pdf.heading(title, 1);
  pdf.facts([
    [t('reviews.letter.to'), `${inst} (${v.institution.acronym})`],
    [t('reviews.letter.case'), c.title],
    [t('reviews.letter.submitted'), c.firstSubmittedAt ? f.date(c.firstSubmittedAt) : '—'],
    [t('reviews.letter.decided'), f.date(d.decidedAt)],
    [t('reviews.letter.outcome'), t(`reviews.outcome.${d.outcome}` as MessageKey)],
    ...(d.score !== null ? [[t('reviews.letter.score'), `${d.score} / 100`] as [string, string]] : []),
  ]);
  pdf.heading(t('reviews.letter.reasons'), 2);
  pdf.paragraph(d.reasons);
  if (v.conditions.length) {
    pdf.heading(t('reviews.letter.conditions'), 2);
    pdf.table(
      [{ label: '#', width: 0.08 }, { label: t('reviews.letter.conditions'), width: 0.72 }, { label: t('reviews.letter.due'), width: 0.2 }],
      v.conditions.map((k) => [String(k.number), k.text, k.dueOn ? f.date(k.dueOn) : '—']),
    );
  }
  if (v.ratings.length) {
    pdf.heading(t('reviews.letter.checklist'), 2);
    const name = new Map(v.criteria.map((k) => [k.code, lang === 'sw' ? k.nameSw : k.nameEn]));
    pdf.table(
      [{ label: t('reviews.checklist.criterion'), width: 0.35 }, { label: t('reviews.checklist.rating'), width: 0.15 }, { label: t('reviews.checklist.comment'), width: 0.5 }],
      v.ratings.map((r) => [name.get(r.criterion) ?? r.criterion, t(`reviews.rating.${r.rating}` as MessageKey), r.comment || '—']),
    );
  }
  pdf.space(18);
  pdf.paragraph(`${t('reviews.letter.by')}\n${d.decidedByName}`);
  return pdf.bytes();
}
