import type http from 'node:http';

/** An answer other than 200 from the control API; `field` names the bad input. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

const MAX_BODY = 4096;

/** The request body as JSON (null when empty); 413 when too large, 400 when not JSON. */
export async function readJson(req: http.IncomingMessage, maxBytes = MAX_BODY): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new HttpError(413, `body must be at most ${maxBytes} bytes`, 'body');
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
  } catch {
    throw new HttpError(400, 'body must be valid JSON', 'body');
  }
}

/** Throws 405 unless the request uses `method`. */
export function allow(actual: string, method: 'GET' | 'POST'): void {
  if (actual !== method) throw new HttpError(405, `use ${method}`);
}
