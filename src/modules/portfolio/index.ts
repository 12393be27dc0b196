// What other modules may use of the portfolio (reviews and compliance build on its registry).
export { systemPolicy, institutionPortfolioPolicy, readScope } from './access.ts';
export { loadSystem, registerSystem, registerFromProposal, updateSystem, upsertSystem, type RegisterInput } from './systems.service.ts';
export { clusters, reuseAdvice, ensureFresh, computeOverlaps, type ClusterView } from './overlaps.service.ts';
export { catalogue, systemView } from './queries.ts';
export { capabilityModel, knownCapabilities } from './capabilities.ts';
export { loadPortfolioReference } from './seed.ts';
export { describeReason, type Reason } from './overlap/engine.ts';
export type { System } from './schema.ts';
export { loadPortfolioDemo } from './demo.ts';
export { operatorCtx, importFromFile, freshOverlaps } from './cli.ts';
export { archimateModel } from './archimate.ts';
export { IMPORT_HEADER, MAX_IMPORT_ROWS } from './import.file.ts';
export { systems, eservices, integrations, LIFECYCLES, HOSTINGS, type Lifecycle, type Hosting } from './schema.ts';
export { neutralise } from './export.ts';
// Test factories (issue 8): systems through the real command, for any module's tests.
export { buildSystem } from './testing.ts';
