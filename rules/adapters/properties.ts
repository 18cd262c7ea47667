// .properties / .ini / .cfg / .toml adapter ('properties' Pairs), and requirements*.txt (package imports); chosen by file name.
import * as path from 'node:path';
import type { FileModel, LanguageId } from '../model/types';
import type { Adapter } from './adapter';
import { parseKeyValues } from './config/keyvalue';
import { parseRequirements } from './config/requirements';

const REQUIREMENTS = /^requirements.*\.txt$/;

export const propertiesAdapter: Adapter = {
  languages: ['properties'],
  async parse(text: string, language: LanguageId, fileName: string): Promise<FileModel> {
    const base = path.basename(fileName).toLowerCase();
    if (REQUIREMENTS.test(base)) return parseRequirements(text, language);
    return parseKeyValues(text, language, base.endsWith('.properties') ? 'properties' : 'ini');
  },
};
