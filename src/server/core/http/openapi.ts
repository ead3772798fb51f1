import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZErrorSchema } from '../../../contracts/common';

/**
 * How a route's schema becomes its OpenAPI operation: the zod provider's transform plus what a
 * client generator needs and Fastify's runtime schema cannot carry —
 * - every operation documents the error body (`4XX`: `{ error: { code, message, details } }`),
 *   which the error handler sends and which therefore stays out of the runtime serialiser;
 * - an upload route (`kind: 'upload'`) is `multipart/form-data` with a binary `file` and its other
 *   form fields; Fastify must not validate that body as JSON, so mountRoute hands the fields over
 *   under `x-multipart` and they are documented here.
 */
type TransformInput = Parameters<typeof jsonSchemaTransform>[0];
export const MULTIPART_KEY = 'x-multipart';

export function openApiTransform(input: TransformInput) {
  const schema = { ...(input.schema as Record<string, unknown>) };
  if (!schema.hide && input.url.startsWith('/api/')) {
    schema.response = { ...(schema.response as object | undefined), '4XX': ZErrorSchema };
  }
  const multipart = schema[MULTIPART_KEY] as z.ZodObject | undefined;
  if (multipart) {
    delete schema[MULTIPART_KEY];
    schema.consumes = ['multipart/form-data'];
    schema.body = multipart.extend({ file: z.string().describe('The file (binary).') });
  }
  const out = jsonSchemaTransform({ ...input, schema } as TransformInput);
  if (multipart) {
    const body = out.schema.body as { properties: Record<string, unknown>; required?: string[] };
    body.properties.file = { type: 'string', format: 'binary', description: 'The file.' };
  }
  return out;
}
