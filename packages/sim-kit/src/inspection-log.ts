/** Everything a simulator received, for tests and the demo (bounded ring buffer). */
export type ReceivedCall = {
  at: string;
  method: string;
  path: string;
  query: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  status?: number;
};

export type InspectionLog = {
  record(call: ReceivedCall): void;
  list(filter?: { method?: string; pathPrefix?: string }): ReceivedCall[];
  clear(): void;
};

export function createInspectionLog(capacity = 5000): InspectionLog {
  let calls: ReceivedCall[] = [];
  return {
    record(call) {
      calls.push(call);
      if (calls.length > capacity) calls = calls.slice(calls.length - capacity);
    },
    list(filter) {
      return calls.filter(
        (c) =>
          (filter?.method === undefined || c.method === filter.method.toUpperCase()) &&
          (filter?.pathPrefix === undefined || c.path.startsWith(filter.pathPrefix)),
      );
    },
    clear() {
      calls = [];
    },
  };
}
