// What other modules may use of compliance oversight (reviews use requirements, findings and directives).
export { readScope } from './access.ts';
export { loadOversightDemo } from './oversight/demo.ts';
