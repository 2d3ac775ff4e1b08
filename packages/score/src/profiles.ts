import type { Form } from '@jxaudit/model';
import type { Profile } from './types.ts';

/** Built-in profiles (RULES.md §3). PLACEHOLDER until profiles land. */
export const builtinProfiles: Record<string, Profile> = {};

/** A built-in name, or the text of a user profile file (JSON or YAML) that extends one. PLACEHOLDER. */
export function resolveProfile(nameOrSpec: string | Record<string, unknown>): Profile {
  const name = typeof nameOrSpec === 'string' ? nameOrSpec : 'central-2020';
  const found = builtinProfiles[name];
  if (!found) throw new Error(`unknown profile ${name}`);
  return found;
}

/** The most specific profile the forms propose (hunan-2021 or sichuan-2023 over central-2020). PLACEHOLDER. */
export function proposeProfile(_forms: Form[]): string {
  return 'central-2020';
}
