// ESLint peer for `npm run bench`: the security rules a JS/TS team would run instead of partner-auth-lint
// (eslint-plugin-no-secrets, @microsoft/eslint-plugin-sdl's recommended set), on the corpus's .js and .ts files.
import sdl from '@microsoft/eslint-plugin-sdl';
import noSecrets from 'eslint-plugin-no-secrets';
import tseslint from 'typescript-eslint';

export default [
  ...sdl.configs.recommended,
  {
    files: ['**/*.js', '**/*.ts'],
    // Modern syntax (the SDL config asks for ES6, which would turn async code into parse errors, i.e. no work).
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module', parserOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
    plugins: { 'no-secrets': noSecrets },
    rules: { 'no-secrets/no-secrets': 'error' },
  },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
  },
];
