export * from './location.ts';
export * from './grid.ts';
export * from './errors.ts';
export * from './value-schema.ts';
export * from './value.ts';
export * from './form.ts';
export * from './finding.ts';
export * from './report.ts';
