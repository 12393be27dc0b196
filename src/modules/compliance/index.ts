// What other modules may use of compliance oversight (reviews use requirements, findings and directives).
export { readScope } from './access.ts';
// The OSCAL commands of the `viwango` CLI.
export { EXPORT_KINDS, exportDocument, importCatalogFile, oscalOperatorCtx, writeOut } from './oscal/cli.ts';
export { loadOversightDemo } from './oversight/demo.ts';
