/**
 * Turns the Kubernetes OpenAPI document (k8s.io/kubernetes' api/openapi-spec/swagger.json) and CRD
 * manifests (Dapr's, Gateway API's) into kubeconform's local schema layout, strict: every object with
 * declared properties refuses unknown ones (`additionalProperties: false`), so a misspelt field fails.
 *   node --import tsx scripts/k8s/schemas.ts OUT_DIR SWAGGER_JSON [CRD_FILE_OR_DIR...]
 * Writes OUT_DIR/<group>/<kind>-<version>.json, the layout of kubeconform's
 * `-schema-location 'OUT_DIR/{{ .Group }}/{{ .ResourceKind }}-{{ .ResourceAPIVersion }}.json'`, where
 * <group> is the API group (the version, `v1`, for the core group).
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

type Schema = { [key: string]: unknown };
const isObject = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Recursively makes a schema strict and maps Kubernetes' special types to what JSON Schema can check. */
function strict(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strict);
  if (!isObject(node)) return node;
  if (node['x-kubernetes-int-or-string'] === true || node.format === 'int-or-string') return { oneOf: [{ type: 'string' }, { type: 'integer' }] };
  const out: Schema = {};
  for (const [key, value] of Object.entries(node)) {
    // Property names are data, not schemas: recurse into their values only.
    if (key === 'properties' && isObject(value)) out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, strict(v)]));
    else if (key === 'definitions' && isObject(value)) out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, strict(v)]));
    else out[key] = strict(value);
  }
  if (isObject(out.properties) && !('additionalProperties' in out) && out['x-kubernetes-preserve-unknown-fields'] !== true) {
    out.additionalProperties = false;
  }
  return out;
}

function groupDir(group: string, version: string): string {
  return group === '' ? version : group;
}

function write(outDir: string, group: string, version: string, kind: string, schema: Schema): void {
  const dir = join(outDir, groupDir(group, version));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${kind.toLowerCase()}-${version}.json`), JSON.stringify(schema));
}

/** The definitions a schema reaches through `$ref: #/definitions/...`, itself included. */
function closure(name: string, definitions: Record<string, Schema>): Set<string> {
  const seen = new Set<string>();
  const visit = (n: string): void => {
    if (seen.has(n) || !definitions[n]) return;
    seen.add(n);
    JSON.stringify(definitions[n]).replace(/"\$ref":"#\/definitions\/([^"]+)"/g, (_, ref: string) => {
      visit(ref);
      return '';
    });
  };
  visit(name);
  return seen;
}

function fromSwagger(outDir: string, file: string): number {
  const swagger = JSON.parse(readFileSync(file, 'utf8')) as { definitions: Record<string, Schema> };
  const definitions: Record<string, Schema> = {};
  for (const [name, def] of Object.entries(swagger.definitions)) {
    if (name.endsWith('.util.intstr.IntOrString')) definitions[name] = { oneOf: [{ type: 'string' }, { type: 'integer' }] };
    // Quantities are written as strings ("256Mi") or plain numbers (cpu: 1).
    else if (name.endsWith('.api.resource.Quantity')) definitions[name] = { oneOf: [{ type: 'string' }, { type: 'number' }] };
    else definitions[name] = strict(def) as Schema;
  }
  let count = 0;
  for (const [name, def] of Object.entries(swagger.definitions)) {
    const gvks = def['x-kubernetes-group-version-kind'] as { group: string; version: string; kind: string }[] | undefined;
    // Only top-level resources carry apiVersion and kind among their properties.
    if (!gvks || !isObject(def.properties) || !('kind' in def.properties)) continue;
    const refs = closure(name, definitions);
    for (const gvk of gvks) {
      const apiVersion = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
      const root = definitions[name]!;
      const properties = {
        ...(root.properties as Schema),
        apiVersion: { type: 'string', enum: [apiVersion] },
        kind: { type: 'string', enum: [gvk.kind] },
      };
      write(outDir, gvk.group, gvk.version, gvk.kind, {
        $schema: 'http://json-schema.org/draft-07/schema#',
        ...root,
        properties,
        definitions: Object.fromEntries([...refs].map((r) => [r, definitions[r]])),
      });
      count++;
    }
  }
  return count;
}

function crdFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .flatMap((entry) => crdFiles(join(path, entry)))
    .filter((f) => /\.ya?ml$/.test(f));
}

function fromCrds(outDir: string, path: string): number {
  let count = 0;
  for (const file of crdFiles(path)) {
    for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
      const crd = doc.toJS() as Schema | null;
      if (!isObject(crd) || crd.kind !== 'CustomResourceDefinition' || !isObject(crd.spec)) continue;
      const spec = crd.spec as { group: string; names: { kind: string }; versions: { name: string; schema?: { openAPIV3Schema?: Schema } }[] };
      for (const version of spec.versions) {
        const schema = version.schema?.openAPIV3Schema;
        if (!schema) continue;
        const root = strict(schema) as Schema;
        root.properties = {
          ...(isObject(root.properties) ? root.properties : {}),
          apiVersion: { type: 'string', enum: [`${spec.group}/${version.name}`] },
          kind: { type: 'string', enum: [spec.names.kind] },
          metadata: { type: 'object' },
        };
        root.additionalProperties = false;
        write(outDir, spec.group, version.name, spec.names.kind, { $schema: 'http://json-schema.org/draft-07/schema#', ...root });
        count++;
      }
    }
  }
  return count;
}

const [outDir, swagger, ...crds] = process.argv.slice(2);
if (!outDir || !swagger) {
  process.stderr.write('usage: schemas.ts OUT_DIR SWAGGER_JSON [CRD_FILE_OR_DIR...]\n');
  process.exit(2);
}
let written = fromSwagger(outDir, swagger);
for (const path of crds) written += fromCrds(outDir, path);
process.stdout.write(`${written} schemas in ${outDir}\n`);
