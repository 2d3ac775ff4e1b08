/** A profile file that cannot be used; the message is for the person who wrote it. */
export class ProfileError extends Error {
  override name = 'ProfileError';
}

/** An approved-targets file that cannot be used; the message names the entry and field. */
export class TargetsError extends Error {
  override name = 'TargetsError';
}
