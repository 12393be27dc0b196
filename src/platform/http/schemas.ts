// Building blocks for route schemas. Every parameter, query field and body field of a route is one
// of these, so input is a real value before any service sees it: integers are finite and fit the
// column, dates exist on the calendar, ids are ids, text carries no NUL and has a length limit.
// Ajv's coercion turns "1e309" into Infinity and passes it as an integer; only a maximum stops it,
// which is why every number here has both bounds.
import { Type, type TIntersect, type TObject, type TProperties, type TRecord } from 'typebox';

/** PostgreSQL's `integer`: anything larger overflows the column. */
export const INT32_MAX = 2_147_483_647;
export const PAGE_MAX = 100_000;

const UUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
// Years 1800–2999: PostgreSQL refuses year 0, and no standard is dated outside this range.
const DATE = '^(1[89]|2[0-9])[0-9]{2}-[0-9]{2}-[0-9]{2}$';
const NO_NUL = '^[^\\u0000]*$';

type Opts = { description?: string; default?: unknown };

/** A UUID in its canonical spelling (ajv's `uuid` format alone also accepts `urn:uuid:…`, which PostgreSQL refuses). */
export const Id = (o: Opts = {}) => Type.String({ format: 'uuid', pattern: UUID, maxLength: 36, examples: ['3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e'], ...o });

/** An institution acronym such as e-GA, PO-PSMGG or TCRA. */
export const Acronym = (o: Opts = {}) => Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9&._-]{0,31}$', maxLength: 32, examples: ['e-GA'], ...o });

/** A short code word from a fixed vocabulary the service checks (kind, status, group code…). */
export const Code = (o: Opts = {}) => Type.String({ pattern: '^[A-Za-z0-9_.-]{0,64}$', maxLength: 64, examples: ['guideline'], ...o });

/** A one-time secret from a link (base64url). */
export const LinkToken = (o: Opts = {}) => Type.String({ pattern: '^[A-Za-z0-9_-]{1,200}$', maxLength: 200, examples: ['q3JkA9x_Zt0'], ...o });

/** A background job's number in a path (jobs pages, a job's progress page). */
export const JobNumber = (o: Opts = {}) => Type.String({ pattern: '^[0-9]{1,15}$', maxLength: 15, examples: ['42'], ...o });

/** A page number: 1 to PAGE_MAX. */
export const PageNumber = (o: Opts = {}) => Type.Integer({ minimum: 1, maximum: PAGE_MAX, examples: [1], ...o });

/** Items per page: 1 to max. */
export const PageSize = (max: number, o: Opts = {}) => Type.Integer({ minimum: 1, maximum: max, examples: [Math.min(20, max)], ...o });

/** A bounded integer that fits PostgreSQL's `integer`. */
export const Int = (min: number, max: number, o: Opts = {}) => Type.Integer({ minimum: min, maximum: Math.min(max, INT32_MAX), examples: [min], ...o });

/** An optimistic-concurrency revision (an `integer` column). */
export const Revision = (o: Opts = {}) => Int(0, INT32_MAX, o);

/** A calendar date that exists (ajv-formats checks month lengths and leap years), YYYY-MM-DD. */
export const DateOnly = (o: Opts = {}) => Type.String({ format: 'date', pattern: DATE, maxLength: 10, examples: ['2026-07-01'], ...o });

/** Free text without NUL bytes, at most `max` characters. */
export const Text = (max: number, o: Opts & { minLength?: number } = {}) => Type.String({ pattern: NO_NUL, maxLength: max, ...o });

/** Text of the shape `Type.String({ pattern })` with a pattern owned by a module (e.g. a version number). */
export const Pattern = (pattern: RegExp, max: number, example: string, o: Opts = {}) => Type.String({ pattern: pattern.source, maxLength: max, examples: [example], ...o });

export { isCalendarDate } from '../input.ts';

/** A page number as page handlers read it (a string; empty means the first page). */
export const PageText = (o: Opts = {}) => Type.String({ pattern: '^[0-9]{0,6}$', maxLength: 6, examples: ['2'], ...o });

/** A string that is empty or matches the schema: what an HTML form sends for an optional field. */
export const OrEmpty = <S extends ReturnType<typeof Type.String>>(s: S) => Type.Union([s, Type.Literal('')]);

/** The most text one form value can carry: the default body limit (BODY_LIMIT_BYTES), so the schema refuses nothing the limit let through. */
export const FORM_VALUE_MAX = 1024 * 1024;
const FormValue = Type.Union([Text(FORM_VALUE_MAX), Type.Array(Text(FORM_VALUE_MAX), { maxItems: 10_000 })]);

/**
 * The fields of an HTML form (or a page's query string) whose values the service judges, answering
 * 422 with field errors in the page: each a text, or the list a repeated name (a group of
 * checkboxes) sends. Read a value with `formString`; the schema says only what it is.
 */
export function FormFields(): TRecord<'^.*$', typeof FormValue>;
/** The same, with some fields declared more closely (and typed so); the rest stay form values. */
export function FormFields<P extends TProperties>(declared: P): TIntersect<[TObject<P>, TRecord<'^.*$', typeof FormValue>]>;
export function FormFields(declared?: TProperties) {
  const rest = Type.Record(Type.String(), FormValue);
  return declared ? Type.Intersect([Type.Object(declared), rest]) : rest;
}

/** One of a fixed list of words (roles, statuses, kinds…), typed as that list's union. */
export const OneOf = <T extends string>(values: readonly T[], o: Opts = {}) => Type.Unsafe<T>(Type.Union(values.map((v) => Type.Literal(v)), o));
