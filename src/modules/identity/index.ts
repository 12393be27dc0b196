// What other modules may use of identity: people and their grants, one-time links, tokens, the
// request's actor.
export { users, roleGrants } from './schema.ts';
export { actorFor, createUser, findUserByEmail, getUser, grantsOf, setActive, setGrants, validateUserFields, type GrantInput, type User } from './users.service.ts';
export { issueLink } from './auth.service.ts';
export { resetTwoFactor } from './totp.service.ts';
export { createToken } from './tokens.service.ts';
export { installRequestActor } from './request-actor.ts';
