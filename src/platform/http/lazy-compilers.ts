// Route schemas compiled when a route is first used, not all at start-up (decision 0505).
// Fastify compiles a validator (ajv) for every route's body, query and parameters and a serializer
// (fast-json-stringify) for every response schema before it listens: with about 330 routes that was
// 1.7 s of a 2-core machine's start. These factories wrap Fastify's own compilers, with the same
// options, so each route's functions are built on its first request and kept; what a route accepts
// and answers does not change. The cost moves to the first request of each route (a few ms).
import { createRequire } from 'node:module';
import type { FastifyServerOptions } from 'fastify';

type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;

type Compile<F> = (route: { schema: unknown; method: string; url: string; httpPart?: string }) => F;
type Builder<F> = (externalSchemas: unknown, options: unknown) => Compile<F>;
type Validate = ((data: unknown) => unknown) & { errors?: unknown };
type Serialize = (data: unknown) => string;

// Fastify's default compilers, the very packages (and versions) Fastify itself would load.
const fastifyRequire = createRequire(createRequire(import.meta.url).resolve('fastify'));
const ajvCompiler: () => Builder<Validate> = fastifyRequire('@fastify/ajv-compiler');
const serializerCompiler: () => Builder<Serialize> = fastifyRequire('@fastify/fast-json-stringify-compiler');

/** Fastify's `schemaController.compilersFactory`, building each route's validator and serializer on first use. */
export function lazyCompilers(): CompilersFactory & { compileAll(): number } {
  const validators = ajvCompiler();
  const serializers = serializerCompiler();
  /** Every route function not built yet, for `compileAll`. */
  const pending = new Set<() => void>();
  const factory = {
    buildValidator: (externalSchemas: unknown, options: unknown): Compile<Validate> => {
      const compile = validators(externalSchemas, options);
      return (route) => {
        let real: Validate | undefined;
        const build = () => {
          real ??= compile(route);
          pending.delete(build);
          return real;
        };
        pending.add(build);
        // Fastify reads `.errors` from the function it was given after a failed validation.
        const validate: Validate = (data) => {
          real ??= build();
          const ok = real(data);
          validate.errors = real.errors;
          return ok;
        };
        return validate;
      };
    },
    buildSerializer: (externalSchemas: unknown, options: unknown): Compile<Serialize> => {
      const compile = serializers(externalSchemas, options);
      return (route) => {
        let real: Serialize | undefined;
        const build = () => {
          real ??= compile(route);
          pending.delete(build);
          return real;
        };
        pending.add(build);
        return (data) => (real ?? build())(data);
      };
    },
  };
  /** Builds everything not built yet (tests use it so a broken schema fails CI, not a first request); returns how many. */
  const compileAll = () => {
    const n = pending.size;
    for (const build of [...pending]) build();
    return n;
  };
  // Fastify's declared types for these factories are wider than what it passes; the shapes above are what it calls.
  return Object.assign(factory as unknown as CompilersFactory, { compileAll });
}
