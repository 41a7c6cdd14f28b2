import type { RateLimiter } from '@koppel/sim-kit';
import type { ListSettings } from '../api/envelope.js';
import type { AsperionState } from '../domain/state.js';
import type { TokenService } from '../identity/token-service.js';

/** What the control routes may touch; built by app.ts. */
export type SimulatorControl = {
  getState(): AsperionState;
  replaceState(next: AsperionState): void;
  reset(): void;
  now(): Date;
  tokens: TokenService;
  apiRateLimiter: RateLimiter;
  listSettings: ListSettings;
};
