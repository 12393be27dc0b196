// What other modules may use of the reviews: the case policy, the commands and the reads.
export { casePolicy, readScope } from './access.ts';
export { createProposal, updateProposal, submitCase, goLive, createDocumentReview, loadCase } from './cases.service.ts';
export { assignReviewer, rateCase, raiseDeficiency, answerDeficiency, decideCase } from './review.service.ts';
export { caseView, listCases, pipeline } from './queries.ts';
export { loadReviewsDemo } from './demo.ts';
