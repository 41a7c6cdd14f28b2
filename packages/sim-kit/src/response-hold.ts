import type { FastifyRequest } from 'fastify';

/**
 * "Succeed, then time out": the handler has committed the write and the answer is ready, but it
 * is never delivered. The answer is held for `holdMs`, then the socket is destroyed; a client
 * with a shorter timeout sees its own timeout. Held sockets are destroyed when the app closes.
 */
export type ResponseHold = {
  /** Resolves (to let fastify carry on writing into a dead socket) when the hold ends. */
  hold(request: FastifyRequest, holdMs: number): Promise<void>;
  releaseAll(): void;
};

export function createResponseHold(): ResponseHold {
  const held = new Set<() => void>();
  return {
    hold(request, holdMs) {
      const socket = request.raw.socket;
      return new Promise<void>((resolve) => {
        const end = () => {
          clearTimeout(timer);
          held.delete(end);
          socket.off('close', end);
          // `inject` hands a mock socket that may lack destroy().
          if (typeof socket.destroy === 'function') socket.destroy();
          resolve();
        };
        const timer = setTimeout(end, holdMs);
        held.add(end);
        socket.once('close', end);
      });
    },
    releaseAll() {
      for (const end of [...held]) end();
    },
  };
}
