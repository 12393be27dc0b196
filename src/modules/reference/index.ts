// What other modules may use of the reference data: institutions, architecture groups, shared systems.
export { INSTITUTION_TYPES, architectureGroups, institutions, sharedSystems, type InstitutionType } from './schema.ts';
export { findInstitution, findInstitutionByAcronym, listGroups, type ArchitectureGroup, type Institution } from './reference.service.ts';
export { loadReferenceData } from './seed.ts';
