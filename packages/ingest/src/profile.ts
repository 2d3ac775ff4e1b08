import { builtinProfiles, resolveProfile, ProfileError, type Profile } from '@jxaudit/score';
import { access } from 'node:fs/promises';
import { readOptionFile, usageError, type CliError } from './exit.ts';

const profileCache = new Map<string, Profile>();

/** What a user most likely meant by an unknown name ("hunan2021" → hunan-2021), if anything. */
function closestBuiltin(spec: string): string | null {
  const key = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  return Object.keys(builtinProfiles).find((name) => key(name) === key(spec)) ?? null;
}

function unknownProfile(spec: string): CliError {
  const names = Object.keys(builtinProfiles);
  const guess = closestBuiltin(spec);
  return usageError(
    `未知的评分口径“${spec}”${guess ? `（是否想用 ${guess}？）` : ''}。内置口径：${names.join('、')}；也可以给出 JSON/YAML 口径文件的路径`,
    `unknown profile "${spec}"${guess ? ` (did you mean ${guess}?)` : ''}; built-in profiles: ${names.join(', ')}; or give the path of a JSON/YAML profile file`,
  );
}

const exists = (path: string) => access(path).then(() => true, () => false);

function looksLikePath(spec: string): boolean {
  return /[\\/]/.test(spec) || /\.(json|ya?ml)$/i.test(spec);
}

/**
 * --profile: a built-in name, or a JSON/YAML profile file that extends one (cached per spec).
 * An unknown name lists the built-ins (CliError 64), a missing file is CliError 66, a file
 * that is not a valid profile CliError 64 with what is wrong.
 */
export async function loadProfile(spec: string | undefined): Promise<Profile | undefined> {
  if (!spec) return undefined;
  const cached = profileCache.get(spec);
  if (cached) return cached;
  let profile: Profile;
  if (builtinProfiles[spec]) profile = resolveProfile(spec);
  else {
    if (!looksLikePath(spec) && !(await exists(spec))) throw unknownProfile(spec);
    const text = await readOptionFile(spec, { zh: '评分口径文件', en: 'profile file' });
    const { parse } = await import('yaml');
    try {
      profile = resolveProfile(parse(text) as Record<string, unknown>);
    } catch (err) {
      if (err instanceof ProfileError || (err as Error).name === 'YAMLParseError') {
        throw usageError(`评分口径文件 ${spec} 有误：${(err as Error).message}`, `profile file ${spec} is not valid: ${(err as Error).message}`);
      }
      throw err;
    }
  }
  profileCache.set(spec, profile);
  return profile;
}
