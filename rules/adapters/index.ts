// Adapter registry: language id -> adapter module, loaded on first use.
import type { LanguageId } from '../model/types';
import type { Adapter } from './adapter';

const loaders: Record<LanguageId, () => Promise<Adapter>> = {
  powershell: async () => (await import('./powershell')).powershellAdapter,
  csharp: async () => (await import('./csharp')).csharpAdapter,
  java: async () => (await import('./java')).javaAdapter,
  python: async () => (await import('./python')).pythonAdapter,
  javascript: async () => (await import('./javascript')).javascriptAdapter,
  typescript: async () => (await import('./javascript')).javascriptAdapter,
  json: async () => (await import('./json')).jsonAdapter,
  yaml: async () => (await import('./yaml')).yamlAdapter,
  dotenv: async () => (await import('./dotenv')).dotenvAdapter,
  xml: async () => (await import('./xml')).xmlAdapter,
  properties: async () => (await import('./properties')).propertiesAdapter,
};

export function getAdapter(language: LanguageId): Promise<Adapter> {
  return loaders[language]();
}
