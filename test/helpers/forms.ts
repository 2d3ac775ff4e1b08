import type { Form, Location } from '@jxaudit/model';

/**
 * A form without its provenance: what must be equal whichever file format it came from
 * (locations dropped, narrative sentences compared by their text).
 */
export function formMeaning(form: Form): unknown {
  return JSON.parse(
    JSON.stringify(form, (key, value) => {
      if (key === 'at' || key === 'cells') return undefined;
      if (key === 'sentences') return (value as Location[]).map((s) => s.text);
      return value;
    }),
  );
}
