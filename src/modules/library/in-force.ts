// Other modules learn here that an edition came into force, without the library knowing them: a
// module registers a listener when it is loaded (compliance proposes requirements from the new
// edition), and publishing calls every listener inside its own transaction, so what a listener
// writes (typically a background job) exists exactly when the edition is in force.
import type { TxCtx } from '../../platform/context.ts';
import type { Document, Edition } from './schema.ts';

export type InForceListener = (ctx: TxCtx, doc: Document, edition: Edition) => Promise<void>;

const listeners = new Map<string, InForceListener>();

/** Registers (or replaces) the listener called `name`. */
export function onEditionInForce(name: string, listener: InForceListener): void {
  listeners.set(name, listener);
}

/** Called by publishing, in its transaction. */
export async function editionInForce(ctx: TxCtx, doc: Document, edition: Edition): Promise<void> {
  for (const listener of listeners.values()) await listener(ctx, doc, edition);
}
