import { randomUUID } from 'node:crypto';
import { z } from 'zod';

/** The JSON Schema subset zod emits for our route schemas. */
type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  format?: string;
  minimum?: number;
};

export type Path = Array<string | number>;

export const jsonSchemaOf = (schema: z.ZodType): JsonSchema =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;

const branchesOf = (schema: JsonSchema) => [
  ...(schema.anyOf ?? []),
  ...(schema.oneOf ?? []),
  ...(schema.allOf ?? []),
];

/** A value the schema most likely accepts: required fields only, defaults where declared. */
export function sampleOf(schema: JsonSchema, name = ''): unknown {
  if (schema.default !== undefined) return schema.default;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const branch = branchesOf(schema).find((b) => b.type !== 'null');
  if (branch) return sampleOf(branch, name);
  switch (schema.type) {
    case 'object':
      return Object.fromEntries(
        (schema.required ?? []).map((key) => [key, sampleOf(schema.properties?.[key] ?? {}, key)]),
      );
    case 'array':
      return [];
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, 1);
    case 'boolean':
      return true;
    case 'string':
      if (schema.format === 'uuid') return randomUUID();
      return /email/i.test(name) ? 'probe@example.test' : 'probe';
    default:
      return 'probe';
  }
}

/** The path of every string the schema accepts, at any depth (array items as index 0). */
export function stringPaths(schema: JsonSchema, path: Path = []): Path[] {
  const found: Path[] = [];
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes('string')) found.push(path);
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    found.push(...stringPaths(child, [...path, key]));
  }
  if (schema.items) found.push(...stringPaths(schema.items, [...path, 0]));
  for (const branch of branchesOf(schema)) found.push(...stringPaths(branch, path));
  const unique = new Map(found.map((p) => [p.join('.'), p]));
  return [...unique.values()];
}

/** A copy of `base` with `value` at `path`, creating objects and arrays on the way. */
export function withValueAt(base: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...Path];
  const container = (
    Array.isArray(base)
      ? [...base]
      : base !== null && typeof base === 'object'
        ? { ...base }
        : typeof head === 'number'
          ? []
          : {}
  ) as Record<string | number, unknown>;
  container[head] = withValueAt(container[head], rest, value);
  return container;
}

export function valueAt(base: unknown, path: Path): unknown {
  let value = base;
  for (const key of path) value = (value as Record<string | number, unknown> | undefined)?.[key];
  return value;
}
