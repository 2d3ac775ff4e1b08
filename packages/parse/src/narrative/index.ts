import type { Fact, Location, MalformedQuantity, NarrativeQuantity, RateClaim } from '@jxaudit/model';

/** One sentence-bearing paragraph of the narrative, with where it is. */
export interface NarrativeParagraph {
  text: string;
  at: Location;
}

export interface NarrativeExtraction {
  facts: Fact[];
  quantities: NarrativeQuantity[];
  rateClaims: RateClaim[];
  malformed: MalformedQuantity[];
}

/** The figures of the narrative report (TEMPLATES.md family 4). PLACEHOLDER until extraction lands. */
export function extractNarrative(_paragraphs: NarrativeParagraph[]): NarrativeExtraction {
  return { facts: [], quantities: [], rateClaims: [], malformed: [] };
}
