// The Fastify instance every module's route plugin receives: the application's own, with the
// TypeBox type provider, so a handler's `req.params`, `req.query` and `req.body` have the static
// types of the route's schema. A route never casts its input; it declares a schema instead
// (test/route-shape.test.ts keeps it so).
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault, RouteGenericInterface } from 'fastify';
import type { TSchema } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;

/**
 * The type a route's handler sees for a body schema `S`. Code that is generic over the schema (one
 * helper declaring several similar routes) names its body with this: TypeScript resolves the type
 * provider only once `S` is known, so `Static<S>` and the handler's `req.body` would not meet.
 */
export type BodyOf<S extends TSchema> = FastifyRequest<RouteGenericInterface, RawServerDefault, RawRequestDefaultExpression, { body: S }, TypeBoxTypeProvider>['body'];
