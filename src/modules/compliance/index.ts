// What other modules may use of compliance oversight (reviews use requirements, findings and directives).
export { readScope } from './access.ts';
