import { Kind, parse, print, visit } from 'graphql';
import type { DocumentNode, FieldDefinitionNode, ObjectTypeDefinitionNode } from 'graphql';
import { namedType, sigmaSelections, type SigmaFields, type SigmaScalarField } from './sigma-fields.js';

/** SIGMA fields per entity, as `name: Type` with the selection @requires names. */
interface Externals {
  fields: Map<string, string>;
  selection: string;
}

const BUILTIN = new Set(['String', 'ID']);

class TypeDefs {
  readonly enums = new Map<string, Set<string>>();
  readonly objects = new Map<string, Map<string, string>>();

  addScalar(s: SigmaScalarField) {
    const t = namedType(s.type);
    if (BUILTIN.has(t)) return;
    const set = this.enums.get(t) ?? new Set<string>();
    for (const v of Object.keys(s.values ?? {})) set.add(v);
    this.enums.set(t, set);
  }

  sdl(): string {
    const enums = [...this.enums].map(([n, vs]) => `enum ${n} { ${[...vs].join(' ')} }`);
    const external = (fs: Map<string, string>) => [...fs].map(([f, t]) => `${f}: ${t} @external`).join(' ');
    const objects = [...this.objects].map(([n, fs]) => `type ${n} { ${external(fs)} }`);
    return [...enums, ...objects].join('\n');
  }
}

function put(map: Map<string, string>, where: string, field: string, type: string) {
  const had = map.get(field);
  if (had && had !== type) throw new Error(`FX_SIGMA_FIELDS: ${where}.${field} is configured as ${had} and ${type}`);
  map.set(field, type);
}

function externalsOf(fields: SigmaFields, defs: TypeDefs): { Patient: Externals; Service: Externals } {
  const patient: Externals = { fields: new Map(), selection: '' };
  const service: Externals = { fields: new Map(), selection: '' };
  for (const [role, spec] of Object.entries(fields.patient)) {
    if (role === 'direccion' && spec && 'fields' in spec) {
      const obj = defs.objects.get(namedType(spec.type)) ?? new Map<string, string>();
      for (const sub of Object.values(spec.fields)) {
        put(obj, spec.type, sub!.field, sub!.type);
        defs.addScalar(sub!);
      }
      defs.objects.set(namedType(spec.type), obj);
      put(patient.fields, 'Patient', spec.field, spec.type);
    } else if (spec) {
      put(patient.fields, 'Patient', spec.field, spec.type);
      defs.addScalar(spec as SigmaScalarField);
    }
  }
  for (const spec of Object.values(fields.service)) {
    put(service.fields, 'Service', spec!.field, spec!.type);
    defs.addScalar(spec!);
  }
  const selections = sigmaSelections(fields);
  patient.selection = selections.Patient;
  service.selection = selections.Service;
  return { Patient: patient, Service: service };
}

/** Which FacturaXpress field of each SIGMA entity is computed from SIGMA's fields (and so carries @requires). */
const REQUIRING: Record<'Patient' | 'Service', string> = { Patient: 'receptor', Service: 'fiscal' };

function fieldNodes(ext: Externals): readonly FieldDefinitionNode[] {
  if (!ext.fields.size) return [];
  const doc = parse(`type X { ${[...ext.fields].map(([f, t]) => `${f}: ${t} @external`).join(' ')} }`);
  return (doc.definitions[0] as ObjectTypeDefinitionNode).fields ?? [];
}

function requires(field: FieldDefinitionNode, selection: string): FieldDefinitionNode {
  const directive = parse(`type X { x: Int @requires(fields: ${JSON.stringify(selection)}) }`);
  const d = (directive.definitions[0] as ObjectTypeDefinitionNode).fields![0]!.directives![0]!;
  return { ...field, directives: [...(field.directives ?? []), d] };
}

/**
 * The subgraph SDL with SIGMA's configured fields declared `@external` on Patient / Service (and their enum and
 * object types), and Patient.receptor / Service.fiscal `@requires`-ing them. With no fields configured, the SDL is
 * returned unchanged: it then composes with a SIGMA subgraph that has only `Patient { id }` and `Service { id }`.
 */
export function withSigmaExternals(sdl: string, fields: SigmaFields): string {
  const defs = new TypeDefs();
  const ext = externalsOf(fields, defs);
  if (!ext.Patient.fields.size && !ext.Service.fields.size) return sdl;
  const doc = parse(sdl);
  const own = new Set(doc.definitions.flatMap((d) => ('name' in d && d.name ? [d.name.value] : [])));
  for (const t of [...defs.enums.keys(), ...defs.objects.keys()]) {
    if (own.has(t)) throw new Error(`FX_SIGMA_FIELDS: SIGMA's type ${t} has the name of a FacturaXpress type`);
  }
  const edited = visit(doc, {
    ObjectTypeDefinition(node) {
      const name = node.name.value;
      if (name !== 'Patient' && name !== 'Service') return undefined;
      const e = ext[name];
      const clash = (node.fields ?? []).find((f) => e.fields.has(f.name.value));
      if (clash) throw new Error(`FX_SIGMA_FIELDS: ${name}.${clash.name.value} is a FacturaXpress field`);
      const requiring = (f: FieldDefinitionNode) => f.name.value === REQUIRING[name] && e.selection.length > 0;
      const fieldsOut = (node.fields ?? []).map((f) => (requiring(f) ? requires(f, e.selection) : f));
      return { ...node, fields: [...fieldsOut, ...fieldNodes(e)] };
    },
  }) as DocumentNode;
  const extra = defs.sdl();
  const out = extra ? { ...edited, definitions: [...edited.definitions, ...parse(extra).definitions] } : edited;
  return print({ ...out, kind: Kind.DOCUMENT });
}
