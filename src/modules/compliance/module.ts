// The compliance module's entry. Compliance oversight has four parts, each a folder with its own
// services, rules, pages and API: requirements (from standards, revisions, reference frameworks,
// OSCAL), assessments (cycles, self-assessment, evidence, sign-off), oversight (review, findings,
// challenges, remediation plans, directives, reminders) and scores (scores, dashboards, reports).
// src/app.ts registers this plugin.
import type { App } from '../../platform/http/app.ts';
import { requirementsArea } from './requirements/module.ts';
import { assessmentsArea } from './assessments/module.ts';
import { oversightArea } from './oversight/module.ts';
import { scoresArea } from './scores/module.ts';
import { oscalArea } from './oscal/module.ts';

export async function complianceModule(app: App) {
  await app.register(requirementsArea);
  await app.register(assessmentsArea);
  await app.register(oversightArea);
  await app.register(scoresArea);
  await app.register(oscalArea);
}
