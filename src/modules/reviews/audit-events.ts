// The reviews module's audit events: proposals and documents under review, the reviewer's work, decisions.
import { defineAuditEvents, event } from '../../platform/audit-events.ts';

type Numbered = { case: string; number: number };

export const reviewsAuditEvents = defineAuditEvents({ module: 'reviews', en: 'Reviews', sw: 'Mapitio' }, {
  'reviews.proposal.create': event<{ title: string; kind: string }>({ entity: 'review_case', en: 'Proposal created', sw: 'Pendekezo limeundwa' }),
  'reviews.proposal.update': event({ entity: 'review_case', en: 'Proposal saved', sw: 'Pendekezo limehifadhiwa' }),
  'reviews.document.create': event<{ title: string; clauses: number; previous: string | null | undefined }>({ entity: 'review_case', en: 'Document for review created', sw: 'Nyaraka ya mapitio imeundwa' }),
  'reviews.document.update': event<{ clauses: number }>({ entity: 'review_case', en: 'Document for review saved', sw: 'Nyaraka ya mapitio imehifadhiwa' }),
  'reviews.document.comment': event<{ clause: string }>({ entity: 'review_case', en: 'Comment on a clause', sw: 'Maoni kwenye kifungu' }),
  'reviews.attachment.add': event<{ kind: string; file: string; sha256: string }>({ entity: 'review_case', en: 'Attachment added', sw: 'Kiambatisho kimeongezwa' }),
  'reviews.attachment.remove': event<{ kind: string; file: string }>({ entity: 'review_case', en: 'Attachment removed', sw: 'Kiambatisho kimeondolewa' }),
  'reviews.case.submit': event<{ number: number; due: string | null; overlaps: number }>({ entity: 'review_case', en: 'Case submitted', sw: 'Shauri limewasilishwa' }),
  'reviews.case.assign': event<{ reviewer: string }>({ entity: 'review_case', en: 'Reviewer assigned', sw: 'Mpitiaji amepangiwa' }),
  'reviews.case.rate': event<Record<string, string>>({ entity: 'review_case', en: 'Criteria rated', sw: 'Vigezo vimepimwa' }),
  'reviews.case.return': event({ entity: 'review_case', en: 'Case returned to the institution', sw: 'Shauri limerudishwa kwa taasisi' }),
  'reviews.case.decide': event<{ outcome: string; conditions: number; score: number | null }>({ entity: 'review_case', en: 'Decision made', sw: 'Uamuzi umefanywa' }),
  'reviews.case.live': event<{ systemId: string }>({ entity: 'review_case', en: 'System went live', sw: 'Mfumo umeanza kutumika' }),
  'reviews.deficiency.raise': event<Numbered>({ entity: 'review_deficiency', en: 'Deficiency raised', sw: 'Upungufu umeibuliwa' }),
  'reviews.deficiency.answer': event<Numbered>({ entity: 'review_deficiency', en: 'Deficiency answered', sw: 'Upungufu umejibiwa' }),
  'reviews.deficiency.resolve': event<Numbered>({ entity: 'review_deficiency', en: 'Deficiency resolved', sw: 'Upungufu umetatuliwa' }),
  'reviews.deficiency.reopen': event<Numbered>({ entity: 'review_deficiency', en: 'Deficiency reopened', sw: 'Upungufu umefunguliwa tena' }),
  'reviews.clarification.request': event({ entity: 'review_case', en: 'Clarification requested', sw: 'Ufafanuzi umeombwa' }),
  'reviews.clarification.answer': event<{ due: string | null }>({ entity: 'review_case', en: 'Clarification given', sw: 'Ufafanuzi umetolewa' }),
  'reviews.condition.report': event<Numbered>({ entity: 'review_condition', en: 'Condition reported met', sw: 'Sharti limeripotiwa kutimizwa' }),
  'reviews.condition.close': event<Numbered>({ entity: 'review_condition', en: 'Condition closed', sw: 'Sharti limefungwa' }),
  'reviews.criterion.update': event<{ code: string; weight: { from: number; to: number }; active: boolean }>({ entity: 'review_criterion', en: 'Criterion changed', sw: 'Kigezo kimebadilishwa' }),
  'reviews.holiday.set': event<{ day: string; nameEn: string }>({ entity: 'review_holiday', en: 'Public holiday set', sw: 'Sikukuu imewekwa' }),
  'reviews.holiday.remove': event<{ day: string }>({ entity: 'review_holiday', en: 'Public holiday removed', sw: 'Sikukuu imeondolewa' }),
});
export const audit = reviewsAuditEvents.audit;
