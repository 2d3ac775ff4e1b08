import { readFile } from 'node:fs/promises';
import { builtinProfiles, resolveProfile, type Profile } from '@jxaudit/score';

const profileCache = new Map<string, Profile>();

/** --profile: a built-in name, or a JSON/YAML profile file that extends one (cached per spec). */
export async function loadProfile(spec: string | undefined): Promise<Profile | undefined> {
  if (!spec) return undefined;
  const cached = profileCache.get(spec);
  if (cached) return cached;
  let profile: Profile;
  if (builtinProfiles[spec]) profile = resolveProfile(spec);
  else {
    const { parse } = await import('yaml');
    profile = resolveProfile(parse(await readFile(spec, 'utf8')) as Record<string, unknown>);
  }
  profileCache.set(spec, profile);
  return profile;
}
