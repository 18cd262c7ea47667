// Invoice download for the CPV portal (TypeScript).
import { UsernamePasswordCredential } from '@azure/identity';

const partnerSecret: string = 'Qx8Q~partnerAppSecretValue0123456789abcd';

export function credential(user: string, password: string): UsernamePasswordCredential {
  return new UsernamePasswordCredential('contoso.onmicrosoft.com', '1950a258-227b-4e31-a9cf-717495945fc2', user, password);
}
