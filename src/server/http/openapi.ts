import { z } from 'zod';
import { errorEnvelope, headerNames, oauthError } from '../../contract/index.ts';
import { answerableStatuses, bodyIsOptional, type RegisteredRoute } from './route.ts';
import { SERVER_VERSION } from './routes/ping.ts';

type JsonSchema = Record<string, unknown>;

/** zod puts named schemas under `$defs`; in OpenAPI they live under `components/schemas`. */
const toComponentRefs = (schema: JsonSchema): JsonSchema =>
  JSON.parse(JSON.stringify(schema).replaceAll('"#/$defs/', '"#/components/schemas/')) as JsonSchema;

/**
 * Builds the OpenAPI 3.1 description from the registered routes and their contract schemas, so the
 * document cannot drift from what the server validates. Named schemas (`.meta({ id })`) become
 * shared components.
 */
export function buildOpenApiDocument(routes: RegisteredRoute[]): Record<string, unknown> {
  const components: Record<string, JsonSchema> = {};

  const toSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
    const converted = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
    const { $defs, $schema: _dialect, ...rest } = converted as JsonSchema & { $defs?: Record<string, JsonSchema> };
    for (const [name, definition] of Object.entries($defs ?? {})) components[name] = toComponentRefs(definition);
    return toComponentRefs(rest);
  };

  const errorResponse = (description: string) => ({
    description,
    content: { 'application/json': { schema: toSchema(errorEnvelope, 'output') } },
  });

  const mobprocHeaders = [
    { name: headerNames.tenant, in: 'header', required: true, schema: { type: 'string' }, description: 'Tenant code; must match the token.' },
    { name: headerNames.clientId, in: 'header', required: true, schema: { type: 'string' }, description: 'Calling application; must match the token.' },
    { name: headerNames.contextEmployeeId, in: 'header', required: false, schema: { type: 'string' }, description: 'Act for this employee.' },
    { name: headerNames.contextCompanyEmployeeId, in: 'header', required: false, schema: { type: 'string' }, description: "Act for this employee (tenant's own id)." },
    { name: headerNames.contextHierarchyId, in: 'header', required: false, schema: { type: 'string' } },
    { name: headerNames.activityId, in: 'header', required: false, schema: { type: 'string' }, description: 'Echoed back and logged.' },
    { name: headerNames.correlationId, in: 'header', required: false, schema: { type: 'string' }, description: 'Echoed back and logged; generated when absent.' },
  ];

  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const openApiPath = (route.prefix + route.path).replace(/:(\w+)/g, '{$1}');
    const pathParameters = [...route.path.matchAll(/:(\w+)/g)].map((match) => ({
      name: match[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const queryParameters =
      route.query instanceof z.ZodObject
        ? Object.entries(route.query.shape as Record<string, z.ZodType>).map(([name, schema]) => ({
            name,
            in: 'query',
            required: !schema.safeParse(undefined).success,
            schema: toSchema(schema, 'input'),
            ...(schema.description ? { description: schema.description } : {}),
          }))
        : [];
    const isOAuth = route.prefix.startsWith('/oauth');
    const implied = Object.fromEntries(
      [...answerableStatuses(route)].map(([status, meaning]) => [
        status,
        status === 200
          ? { description: meaning, content: { 'application/json': { schema: toSchema(route.response, 'output') } } }
          : isOAuth && status !== 413 && status !== 500
            ? { description: `${meaning} (OAuth error, RFC 6749)`, content: { 'application/json': { schema: toSchema(oauthError, 'output') } } }
            : errorResponse(meaning),
      ]),
    );
    const operation: Record<string, unknown> = {
      tags: [route.tag],
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      operationId: `${route.method}${openApiPath.replace(/[^A-Za-z0-9]+(\w)?/g, (_, next: string | undefined) => (next ?? '').toUpperCase())}`,
      parameters: [...pathParameters, ...queryParameters, ...(route.isPublic ? [] : mobprocHeaders)],
      ...(route.isPublic ? { security: [] } : {}),
      ...(route.extensions ?? {}),
      // A route that describes some of its answers itself (an HTML page) keeps the statuses its shape implies.
      responses: { ...implied, ...(route.extensions as { responses?: Record<string, unknown> } | undefined)?.responses },
    };
    if (route.body) {
      operation.requestBody = {
        // A body whose members are all optional may be left out, or sent empty (MOBPROC §1 here).
        required: isOAuth || !bodyIsOptional(route.body),
        content: { [isOAuth ? 'application/x-www-form-urlencoded' : 'application/json']: { schema: toSchema(route.body, 'input') } },
      };
    }
    (paths[openApiPath] ??= {})[route.method] = operation;
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'MOBPROC v1',
      version: SERVER_VERSION,
      description:
        'Enterprise mobile procurement API. Members marked as extensions go beyond the public vendor contract and are additive.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    paths,
    components: {
      schemas: components,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    },
  };
}
