// Checking an uploaded catalog against the OSCAL 1.0.6 catalog JSON schema before anything is stored.
// The schema ships with Viwango in seeds/oscal (the product never reads ../shared at run time).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AjvModule from 'ajv';
import formatsModule from 'ajv-formats';

const SCHEMA = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../seeds/oscal/1.0.6-oscal_catalog_schema.json');

type Validator = ((doc: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null };
let compiled: Validator | undefined;

function catalogValidator(): Validator {
  if (!compiled) {
    const Ajv = AjvModule.default;
    const ajv = new Ajv({ strict: false, allErrors: false });
    formatsModule.default(ajv);
    compiled = ajv.compile(JSON.parse(fs.readFileSync(SCHEMA, 'utf8'))) as Validator;
  }
  return compiled;
}

/** The first problems (at most five) that make `doc` not an OSCAL 1.0.6 catalog; empty when it is one. */
export function catalogProblems(doc: unknown): string[] {
  const v = catalogValidator();
  if (v(doc)) return [];
  return (v.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is not valid'}`);
}
