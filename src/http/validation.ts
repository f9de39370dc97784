import Ajv, { type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

// Bodies are validated strictly: "42" is not a name and 42 is not a string, and unknown fields are refused
// rather than dropped (a typo must not silently lose data). Query strings and params arrive as text, so
// there types are coerced and a single value may stand for a list.
const common: Options = { allErrors: false, removeAdditional: false, useDefaults: true, strict: false };

function build(options: Options) {
  const ajv = new Ajv.default({ ...common, ...options });
  addFormats.default(ajv);
  return ajv;
}

const strict = build({ coerceTypes: false });
const lenient = build({ coerceTypes: 'array' });

export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? strict : lenient).compile(schema) as ReturnType<FastifySchemaCompiler<object>>;
