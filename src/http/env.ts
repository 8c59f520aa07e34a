import type { Actor } from '../core/actor.js';

/** What the auth middleware leaves on the request for the routes. */
export interface AppEnv {
  Variables: {
    actor: Actor | null;
    sessionId: string | null;
  };
}
