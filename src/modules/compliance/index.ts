// What other modules may use of compliance oversight (reviews use requirements, findings and directives).
export { readScope } from './access.ts';
// The OSCAL commands of the `viwango` CLI.
export { EXPORT_KINDS, exportDocument, importCatalogFile, oscalOperatorCtx, writeOut } from './oscal/cli.ts';
export { loadOversightDemo } from './oversight/demo.ts';
// Requirements: proposing from an in-force edition, deciding candidates, previewing and applying a revision, and reading them.
export { proposeRequirements, decideCandidate, confirmUnchanged, type DecisionInput } from './requirements/revisions.service.ts';
export { applyRevision, type ApplySummary } from './requirements/apply-revision.service.ts';
export { affectedBy } from './requirements/revision-impact.ts';
export { previewRevision, listRequirements, requirementView, listRevisions, revisionView, candidateView, type RequirementRow, type RequirementFilters, type Preview } from './requirements/queries.ts';
export { requirementPolicy, revisionPolicy } from './requirements/access.ts';
export { detectObligation, detectAppliesTo, requirementRef } from './requirements/rules.ts';
export { loadRequirementsDemo } from './requirements/demo.ts';
export { loadComplianceDemo } from './demo.ts';
