// The PDF report of one institution in one cycle, in Kiswahili or English: where it stands overall,
// per architecture group, standard and system (the frozen scores once the cycle is closed), and a
// summary of the findings raised. Built on the platform's PDF writer (pdf-lib, on the server).
import { PdfWriter } from '../../../platform/pdf/index.ts';
import { formatters, translator, type Lang, type MessageKey } from '../../../messages.ts';
import type { Ctx } from '../../../platform/context.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { findingSummary, institutionView, type ScopeScoreRow } from './queries.ts';

export async function institutionReport(ctx: Ctx, input: { acronym: string; cycleId: string; lang: Lang; now?: Date }): Promise<{ bytes: Uint8Array; fileName: string }> {
  const v = await institutionView({ ...ctx, lang: input.lang }, input.acronym, input.cycleId);
  if (!v.cycle || v.cycle.id !== input.cycleId) throw notFound();
  const t = translator(input.lang);
  const f = formatters(input.lang);
  const sw = input.lang === 'sw';
  const name = sw ? v.inst.nameSw : v.inst.nameEn;
  const cycleName = sw ? v.cycle.nameSw : v.cycle.nameEn;
  const s = v.scores;
  const score = (n: number | null | undefined) => (n === null || n === undefined ? t('compliance.scores.noScore') : `${f.number(n)} %`);
  const now = input.now ?? new Date();

  const pdf = await PdfWriter.create({
    title: `${t('compliance.scores.pdf.title')}: ${name} — ${v.cycle.code}`,
    footer: `${v.inst.acronym} · ${v.cycle.code} · ${t('compliance.scores.pdf.generated', { date: f.date(now) })}`,
    lang: input.lang,
    author: 'e-Government Authority',
    subject: t('compliance.scores.pdf.title'),
    createdAt: now,
  });
  pdf.heading(t('compliance.scores.pdf.title'), 1);
  pdf.heading(`${name} (${v.inst.acronym})`, 2);
  pdf.paragraph(t('compliance.scores.pdf.cycle', { name: cycleName, code: v.cycle.code }));
  pdf.paragraph(v.cycle.status === 'closed' && s?.frozen ? t('compliance.scores.pdf.frozen', { date: f.date(v.cycle.closedAt) }) : t('compliance.scores.pdf.notFrozen'), { muted: true });

  const facts: [string, string][] = [[t('compliance.scores.overall'), score(s?.overall?.score)]];
  if (v.rank) facts.push([t('compliance.scores.col.rank'), t('compliance.scores.rankOf', { rank: f.number(v.rank.rank), total: f.number(v.rank.total) })]);
  if (s?.assessment) {
    facts.push([t('compliance.scores.col.questions'), `${f.number(s.assessment.answered)} / ${f.number(s.assessment.questions)}`]);
    facts.push([t('compliance.scores.col.status'), t(`compliance.scores.assessment.${s.assessment.status}` as MessageKey)]);
  }
  if (s?.overall) facts.push([t('compliance.scores.col.points'), `${f.number(s.overall.earned)} / ${f.number(s.overall.possible)}`]);
  pdf.facts(facts);

  const table = (title: string, head: string, rows: ScopeScoreRow[]) => {
    if (rows.length === 0) return;
    pdf.heading(title, 2);
    pdf.table(
      [{ label: head, width: 5 }, { label: t('compliance.scores.col.score'), width: 1.4, align: 'right' }, { label: t('compliance.scores.col.points'), width: 2, align: 'right' }],
      rows.map((r) => [`${r.code} ${sw ? r.nameSw || r.nameEn : r.nameEn || r.nameSw}`.trim(), score(r.score), `${f.number(r.earned)} / ${f.number(r.possible)}`]),
    );
  };
  table(t('compliance.scores.groups'), t('compliance.scores.col.group'), s?.groups ?? []);
  table(t('compliance.scores.byStandard'), t('compliance.scores.col.standard'), s?.documents ?? []);
  table(t('compliance.scores.bySystem'), t('compliance.scores.col.system'), s?.systems ?? []);

  pdf.heading(t('compliance.scores.pdf.findings'), 2);
  const findings = await findingSummary(ctx, v.inst.id, v.cycle.id);
  if (findings.length === 0) pdf.paragraph(t('compliance.scores.pdf.noFindings'));
  else {
    pdf.table(
      [{ label: t('compliance.scores.pdf.severity'), width: 2 }, { label: t('compliance.scores.col.status'), width: 2 }, { label: t('compliance.scores.pdf.count'), width: 1, align: 'right' }],
      findings.map((x) => [t(`compliance.severity.${x.severity}` as MessageKey), t(`compliance.scores.findingStatus.${x.status}` as MessageKey), f.number(x.n)]),
    );
  }
  pdf.paragraph(t('compliance.scores.pdf.method'), { muted: true, size: 9 });
  const safe = `${v.inst.acronym}-${v.cycle.code}`.replace(/[^A-Za-z0-9._-]+/g, '-');
  return { bytes: await pdf.bytes(), fileName: `viwango-compliance-${safe}-${input.lang}.pdf` };
}
