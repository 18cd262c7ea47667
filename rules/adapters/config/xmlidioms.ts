// XML conventions that carry a setting's name in one place and its value in another (<add key= value=/>), and package manifests.
import type { Range, StringExpr } from '../../model/types';
import { rng, type ConfigModel } from './build';

export interface XmlElement {
  name: string;
  nameRange: Range;
  start: number;
  /** Just past the start tag's `>`. */
  openEnd: number;
  /** Element names from the root down to this one. */
  path: string[];
  parent?: XmlElement;
  /** Attribute values by lower-cased name. */
  attributes: Map<string, StringExpr>;
  text: string[];
  hasChild: boolean;
  /** Values of leaf children by element name (pom.xml groupId/artifactId, <value>). */
  leaves: Map<string, StringExpr>;
}

const NAME_ATTRIBUTES = ['key', 'name'];
const VALUE_ATTRIBUTES = ['value', 'connectionstring', 'defaultvalue'];

function firstOf(attributes: Map<string, StringExpr>, names: string[]): StringExpr | undefined {
  for (const n of names) {
    const v = attributes.get(n);
    if (v) return v;
  }
  return undefined;
}

/**
 * `<add key="X" value="Y"/>` (appSettings), `<add name="X" connectionString="Y"/>`, and the same shape
 * elsewhere (`<property name= value=>`, `<Parameter Name= Value=>`): a pair named X, under the element's parent.
 * Also package references in .csproj (`PackageReference`, old-style `Reference`) and packages.config. Binding
 * redirects (`dependentAssembly/assemblyIdentity`) are not: they outlive the packages they were written for.
 */
export function attributeIdioms(el: XmlElement, tagRange: Range, out: ConfigModel): void {
  const key = firstOf(el.attributes, NAME_ATTRIBUTES);
  const value = firstOf(el.attributes, VALUE_ATTRIBUTES);
  if (key && value && key.text) out.pair(key.text, key.contentRange, value, tagRange, [...(el.parent?.path ?? []), key.text]);

  if (el.name === 'PackageReference' || el.name === 'PackageVersion') {
    const id = el.attributes.get('include') ?? el.attributes.get('update');
    if (id?.text) out.packageImport(id.text.trim(), id.contentRange);
  } else if (el.name === 'package' || el.name === 'dependency') {
    // packages.config `<package id=…>`; .nuspec `<dependency id=… version=…>` (pom.xml dependencies have no id attribute).
    const id = el.attributes.get('id');
    if (id?.text) out.packageImport(id.text.trim(), id.contentRange);
  } else if (el.name === 'Reference') {
    // Include="Microsoft.IdentityModel.Clients.ActiveDirectory, Version=3.19.8.16603, Culture=neutral, ..."
    const inc = el.attributes.get('include');
    const assembly = inc?.text.split(',')[0].trim();
    if (inc && assembly) out.packageImport(assembly, rng(inc.contentRange.start, inc.contentRange.start + assembly.length));
  }
}

/** `<setting name="X"><value>Y</value></setting>` (Settings.settings / applicationSettings): a pair named X. */
export function leafIdioms(el: XmlElement, value: StringExpr, range: Range, out: ConfigModel): void {
  const owner = el.parent;
  if (!owner || el.name.toLowerCase() !== 'value') return;
  const key = firstOf(owner.attributes, NAME_ATTRIBUTES);
  if (!key?.text || firstOf(owner.attributes, VALUE_ATTRIBUTES)) return;
  out.pair(key.text, key.contentRange, value, rng(owner.start, range.end), [...(owner.parent?.path ?? []), key.text]);
}

/** pom.xml `<dependency><groupId>g</groupId><artifactId>a</artifactId>`: package 'g:a' at the artifactId. */
export function closedIdioms(el: XmlElement, out: ConfigModel): void {
  if (el.name !== 'dependency') return;
  const artifact = el.leaves.get('artifactId');
  if (!artifact?.text) return;
  const group = el.leaves.get('groupId')?.text;
  out.packageImport(group ? `${group}:${artifact.text}` : artifact.text, artifact.contentRange);
}
