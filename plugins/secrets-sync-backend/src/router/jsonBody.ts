import { InputError } from '@backstage/errors';
import express, { RequestHandler } from 'express';

/** Bodies above this are refused before parsing; documents are far smaller. */
export const MAX_BODY_BYTES = 256 * 1024;

const DUPLICATE_KEY = 'entity.duplicate.key';
const UNDECODABLE = 'entity.undecodable';

type Frame = { keys: Set<string> } | undefined;

/**
 * Whether some object in a JSON text has a key twice, compared after
 * unescaping (`"a"` and `"\u0061"` are one key). `JSON.parse` keeps the last
 * of them silently, so a body could say one thing to a reader of the text
 * (an audit, a proxy, a reviewer) and another to the backend. Text that is
 * not JSON is left for the parser to refuse.
 */
export function hasDuplicateKey(text: string): boolean {
  const stack: Frame[] = [];
  let previous = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') {
        end += text[end] === '\\' ? 2 : 1;
      }
      const frame = stack[stack.length - 1];
      if (frame && (previous === '{' || previous === ',')) {
        let key: string;
        try {
          key = JSON.parse(text.slice(i, end + 1));
        } catch {
          return false;
        }
        if (frame.keys.has(key)) {
          return true;
        }
        frame.keys.add(key);
      }
      i = end;
      previous = '"';
    } else if (char === '{') {
      stack.push({ keys: new Set() });
      previous = char;
    } else if (char === '[') {
      stack.push(undefined);
      previous = char;
    } else if (char === '}' || char === ']') {
      stack.pop();
      previous = char;
    } else if (char === ',' || char === ':') {
      previous = char;
    } else if (!/\s/.test(char)) {
      previous = 'value';
    }
  }
  return false;
}

function refuse(type: string, message: string): never {
  throw Object.assign(new Error(message), { type });
}

function verifyNoDuplicateKeys(
  _req: unknown,
  _res: unknown,
  body: Buffer,
  encoding: string,
) {
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(body);
  } catch {
    refuse(
      UNDECODABLE,
      'The request body could not be decoded in the charset it names; send UTF-8',
    );
  }
  if (hasDuplicateKey(text)) {
    refuse(
      DUPLICATE_KEY,
      'The request body has an object in which a key appears twice; give each key once',
    );
  }
}

function sanitize(error: unknown): unknown {
  const type = (error as { type?: string }).type;
  if (type === DUPLICATE_KEY || type === UNDECODABLE) {
    return new InputError((error as Error).message);
  }
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
 * A `set` value that is not a string, named by position: the contract's
 * validator would name it by its key, and a key field may hold a value.
 */
function nonStringValue(body: unknown): InputError | undefined {
  const set = (body as { set?: unknown } | undefined)?.set;
  if (!set || typeof set !== 'object' || Array.isArray(set)) {
    return undefined;
  }
  const position = Object.values(set).findIndex(
    value => typeof value !== 'string',
  );
  return position < 0
    ? undefined
    : new InputError(`The value of set key ${position + 1} must be a string`);
}

/**
 * The JSON parser with errors that never quote the body (the parser's own
 * messages include a snippet of the text, which may be a secret value), and
 * that refuses a key appearing twice in one object, and a non-string value
 * before the contract's validator would quote its key.
 */
export function jsonBody(): RequestHandler[] {
  const parse = express.json({
    limit: MAX_BODY_BYTES,
    verify: verifyNoDuplicateKeys,
  });
  return [
    (req, res, next) =>
      parse(req, res, error =>
        next(error ? sanitize(error) : nonStringValue(req.body)),
      ),
  ];
}
