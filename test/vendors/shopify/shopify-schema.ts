import {
  buildClientSchema,
  type GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/**
 * The real Shopify Admin API 2026-10 schema, from its introspection result (test/contracts). Built
 * once per process: every document the server receives is validated against it before it runs.
 */
const SCHEMA_FILE = new URL('../../contracts/shopify/admin_2026-10.json.gz', import.meta.url);

let cached: GraphQLSchema | undefined;

export function shopifyAdminSchema(): GraphQLSchema {
  if (!cached) {
    const parsed = JSON.parse(gunzipSync(readFileSync(SCHEMA_FILE)).toString('utf8')) as {
      data: IntrospectionQuery;
    };
    cached = buildClientSchema(parsed.data);
  }
  return cached;
}

/**
 * graphql-js words validation errors differently from Shopify's graphql-ruby; the common ones are
 * reworded (and given Shopify's `extensions.code`) so connectors see what Shopify would send.
 */
export function shopifyValidationError(error: GraphQLError): GraphQLFormattedError {
  const base = error.toJSON();
  const undefinedField = /^Cannot query field "(\w+)" on type "(\w+)"/.exec(error.message);
  if (undefinedField) {
    const [, fieldName, typeName] = undefinedField;
    return {
      ...base,
      message: `Field '${fieldName}' doesn't exist on type '${typeName}'`,
      extensions: { code: 'undefinedField', typeName, fieldName },
    };
  }
  const unknownArgument = /^Unknown argument "(\w+)" on field "(\w+)\.(\w+)"/.exec(error.message);
  if (unknownArgument) {
    const [, argumentName, , fieldName] = unknownArgument;
    return {
      ...base,
      message: `Field '${fieldName}' doesn't accept argument '${argumentName}'`,
      extensions: { code: 'argumentNotAccepted', name: fieldName, typeName: 'Field', argumentName },
    };
  }
  const missing = /^Field "(\w+)\.(\w+)" argument "(\w+)" of type "(.+)" is required/.exec(error.message);
  if (missing) {
    const [, , fieldName, argumentName] = missing;
    return {
      ...base,
      message: `Field '${fieldName}' is missing required arguments: ${argumentName}`,
      extensions: {
        code: 'missingRequiredArguments',
        className: 'Field',
        name: fieldName,
        arguments: argumentName,
      },
    };
  }
  return base;
}
