import { InputError } from '@backstage/errors';
import express, { RequestHandler } from 'express';

/** Bodies above this are refused before parsing; documents are far smaller. */
export const MAX_BODY_BYTES = 256 * 1024;

function sanitize(error: unknown): unknown {
  const type = (error as { type?: string }).type;
  if (type === 'entity.parse.failed') {
    return new InputError('The request body is not valid JSON');
  }
  if (type === 'entity.too.large') {
    return new InputError(
      `The request body is larger than ${MAX_BODY_BYTES} bytes; a secret document holds at most 65536 bytes`,
    );
  }
  return type
    ? new InputError(`The request body could not be read (${type})`)
    : error;
}

/**
 * The JSON parser with errors that never quote the body: the parser's own
 * messages include a snippet of the text, which may be a secret value.
 */
export function jsonBody(): RequestHandler[] {
  const parse = express.json({ limit: MAX_BODY_BYTES });
  return [
    (req, res, next) =>
      parse(req, res, error => next(error ? sanitize(error) : undefined)),
  ];
}
