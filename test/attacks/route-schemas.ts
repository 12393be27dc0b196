// Reads the fields a route declares (path parameters, query string, body) out of its schema, for
// the generated attack suites: they walk every route without knowing any of them.
import type { FastifySchema } from 'fastify';

export type Where = 'params' | 'querystring' | 'body';
type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
};

export interface Field {
  in: Where;
  /** Top-level name (what a form or query string carries). */
  name: string;
  /** Dotted path for nested fields, e.g. sections.clauses.textSw. */
  path: string;
  required: boolean;
  schema: Schema;
  /** Every non-composite schema the value may take (branches of unions, array items…). */
  leaves: Schema[];
}

function leavesOf(s: Schema): Schema[] {
  const alts = s.anyOf ?? s.oneOf ?? s.allOf;
  if (alts) return alts.flatMap(leavesOf);
  if (s.type === 'array' && s.items) return leavesOf(s.items);
  if (s.type === 'object' && s.properties) return [];
  return [s];
}

function objectsIn(s: Schema): Schema[] {
  const alts = s.anyOf ?? s.oneOf ?? s.allOf;
  if (alts) return alts.flatMap(objectsIn);
  if (s.type === 'array' && s.items) return objectsIn(s.items);
  return s.properties ? [s] : [];
}

function walk(where: Where, s: Schema, prefix: string, top: string | null, out: Field[]) {
  for (const obj of objectsIn(s)) {
    for (const [name, child] of Object.entries(obj.properties ?? {})) {
      const path = prefix ? `${prefix}.${name}` : name;
      out.push({ in: where, name: top ?? name, path, required: !prefix && !!obj.required?.includes(name), schema: child, leaves: leavesOf(child) });
      walk(where, child, path, top ?? name, out);
    }
  }
}

/** The fields of a route's params, query string and body, nested ones included. */
export function schemaFields(schema: FastifySchema | undefined): Field[] {
  const out: Field[] = [];
  for (const where of ['params', 'querystring', 'body'] as const) {
    const s = (schema as Record<string, Schema | undefined> | undefined)?.[where];
    if (s) walk(where, s, '', null, out);
  }
  return out;
}
