import { z } from 'zod';
import { LocationSchema } from './location.ts';
import { WorkbookEvidenceSchema } from './workbook.ts';
import { ValueSchema } from './value-schema.ts';

export const FormKindSchema = z.enum(['department-overall', 'project', 'report']);
export type FormKind = z.infer<typeof FormKindSchema>;

export const FamilySchema = z.enum(['hunan-dept', 'national', 'national-lettered', 'sichuan', 'report']);
export type Family = z.infer<typeof FamilySchema>;

/** A printed number with its printed text (for precision) — used for rates. */
export const RateSchema = z.object({
  raw: z.string(),
  /** A fraction: 148% → 1.48. */
  value: z.number(),
  /** Decimals printed in the percentage: "133.86%" → 2. */
  decimals: z.number().int(),
});
export type Rate = z.infer<typeof RateSchema>;

const OptLocation = LocationSchema.nullable();

/** One row of the money block. Amounts in 万元; each column's cell (with its printed text) in `cells`. */
export const FundRowSchema = z.object({
  label: z.string(),
  role: z.enum(['total', 'part']),
  budgetInitial: z.number().nullable(),
  budgetFull: z.number().nullable(),
  executed: z.number().nullable(),
  points: z.number().nullable(),
  rate: RateSchema.nullable(),
  score: z.number().nullable(),
  /** Reason cell (Sichuan 原因 column), template instructions removed; null when the form has none. */
  reason: z.string().nullable().optional(),
  /** The label cell. */
  at: LocationSchema,
  /** Per column, the cell the figure was read from (its `text` is the printed figure). */
  cells: z.object({
    budgetInitial: OptLocation,
    budgetFull: OptLocation,
    executed: OptLocation,
    points: OptLocation,
    rate: OptLocation,
    score: OptLocation,
    reason: OptLocation.optional(),
  }),
});
export type FundRow = z.infer<typeof FundRowSchema>;

export const CompositionLineSchema = z.object({
  label: z.string(),
  amount: z.number(),
  /** Decimals of the amount counted in 万元, its stored unit ("1461.60" → 2; "72890元" → 4; model `printedFigure`). */
  decimals: z.number().int(),
  at: LocationSchema,
});
export type CompositionLine = z.infer<typeof CompositionLineSchema>;

export const IndicatorSchema = z.object({
  level1: z.string(),
  /** The weight printed in the 一级 cell ("产出指标(50分)" → 50), or null. */
  level1Points: z.number().nullable(),
  level2: z.string(),
  name: z.string(),
  target: ValueSchema,
  actual: ValueSchema,
  points: z.number().nullable(),
  score: z.number().nullable(),
  /** The deviation reason as written (whitespace trimmed; "" when empty). */
  reason: z.string(),
  /** The name (三级指标) cell. */
  at: LocationSchema,
  cells: z.object({
    level1: OptLocation,
    level2: OptLocation,
    name: OptLocation,
    target: OptLocation,
    actual: OptLocation,
    points: OptLocation,
    score: OptLocation,
    reason: OptLocation,
  }),
});
export type Indicator = z.infer<typeof IndicatorSchema>;

export const TotalsSchema = z.object({
  points: z.number().nullable(),
  score: z.number().nullable(),
  at: LocationSchema,
  cells: z.object({ points: OptLocation, score: OptLocation }),
});
export type Totals = z.infer<typeof TotalsSchema>;

/** One item score the rules recomputed: the printed score is replaced by the recomputed one. */
export const RescoredChangeSchema = z.object({
  /** The rule that recomputed it (exec-score-recompute, quant-score-recompute, score-range…). */
  rule: z.string(),
  /** The item: the fund row's label ("年度资金总额") or the indicator's name. */
  item: z.string(),
  /** execution: the budget-execution item; indicator: a 三级指标. */
  role: z.enum(['execution', 'indicator']),
  declared: z.number(),
  recomputed: z.number(),
  /** The score cell. */
  at: LocationSchema,
});
export type RescoredChange = z.infer<typeof RescoredChangeSchema>;

/**
 * The form's total as printed (自评总分) and as recomputed under the profile (复核总分): the sum of
 * the item scores the profile counts (indicators, plus the execution item when the total includes
 * it), every score a rule recomputed replaced by its recomputed value, the rest kept; each graded
 * under the profile's grade bands.
 */
export const RescoredSchema = z.object({
  /** 总分分值 as printed, else null. */
  points: z.number().nullable(),
  /** 自评总分 as printed, else null. */
  declared: z.number().nullable(),
  /** 复核总分; null when the form has no item score at all. */
  recomputed: z.number().nullable(),
  declaredGrade: z.string().nullable(),
  recomputedGrade: z.string().nullable(),
  /** Whether the execution item is counted (the profile's total_includes_exec). */
  includesExecution: z.boolean(),
  /** Σ of the printed item scores the profile counts (before any recomputed score replaces one). */
  itemsSum: z.number().nullable(),
  changes: z.array(RescoredChangeSchema),
});
export type Rescored = z.infer<typeof RescoredSchema>;

export const FactKeySchema = z.enum([
  'income.budget.total',
  'income.budget.part',
  'income.final.total',
  'income.final.part',
  'income.final.change.amount',
  'income.final.change.pct',
  'expense.budget.total',
  'expense.budget.part',
  'expense.final.total',
  'expense.final.part',
  'expense.final.change.amount',
  'expense.final.change.pct',
  'expense.final.basic',
  'expense.final.project',
  'sanggong.budget.total',
  'sanggong.budget.part',
  'sanggong.final.total',
  'sanggong.final.part',
  'staff.authorized',
  'staff.actual',
  'staff.part',
  'indicator.actual',
  'enumeration.total',
  'enumeration.part',
]);
export type FactKey = z.infer<typeof FactKeySchema>;

/** A figure stated in the narrative report. */
export const FactSchema = z.object({
  key: FactKeySchema,
  /** The label as written ("总支出决算数", "工资福利支出"). */
  label: z.string(),
  /** Amounts in 万元; percentages as printed numbers (7.39 for "7.39%"); counts as printed. */
  value: z.number(),
  unit: z.string().nullable(),
  approx: z.boolean(),
  /** The figure as printed ("3582.30万元"). */
  raw: z.string(),
  /** Decimals printed. */
  decimals: z.number().int(),
  /** For parts and changes: index (in `facts`) of the total they belong to; else null. */
  group: z.number().int().nullable(),
  /** On totals with parts: the wording claims a complete list (分别为/包括/由…构成/其中 all items). */
  completeList: z.boolean().optional(),
  /** On changes: "increase" (增加/增长) or "decrease" (减少/下降). */
  direction: z.enum(['increase', 'decrease']).optional(),
  /** The sentence the fact comes from (at.text is the sentence). */
  at: LocationSchema,
});
export type Fact = z.infer<typeof FactSchema>;

/** Every quantity stated in the narrative, for matching against indicators and for ratio checks. */
export const NarrativeQuantitySchema = z.object({
  /** The clause before the number, up to the previous punctuation ("投资总金额达到"). */
  context: z.string(),
  value: ValueSchema,
  at: LocationSchema,
});
export type NarrativeQuantity = z.infer<typeof NarrativeQuantitySchema>;

/** "完成X人，完成率p%" or "Y中X…，X率p%" — a rate the narrative claims. */
export const RateClaimSchema = z.object({
  subject: z.string(),
  /** X: the count achieved. */
  count: ValueSchema,
  /** Y: the base, when printed. */
  base: ValueSchema.nullable(),
  /** p as a Value of kind percent. */
  rate: ValueSchema,
  at: LocationSchema,
});
export type RateClaim = z.infer<typeof RateClaimSchema>;

/**
 * A count the narrative states with the list it gives ("下设3个直属事业单位：A、B、C"; "共实施项目5个，其中：
 * 基础设施类项目3个（…），民生类项目2个"): checked by narr-count-list.
 */
export const CountClaimSchema = z.object({
  /** What is counted, as printed ("直属事业单位", "项目"). */
  subject: z.string(),
  count: z.number().int(),
  /** The count's wording as printed ("下设3个直属事业单位"). */
  raw: z.string(),
  /** The names listed (empty when the list is given in groups). */
  items: z.array(z.string()),
  /** The list ends in 等 after the count's names ("…A、B等"): it may name only some of them. */
  openEnded: z.boolean(),
  /** Groups with their own counts ("基础设施类项目3个"), and their listed names when printed. */
  groups: z.array(z.object({ label: z.string(), count: z.number().int(), items: z.array(z.string()).nullable() })).nullable(),
  at: LocationSchema,
});
export type CountClaim = z.infer<typeof CountClaimSchema>;

/** A figure whose wording cannot be read as one quantity ("2万元余元"). */
export const MalformedQuantitySchema = z.object({
  raw: z.string(),
  /** What was assumed, in plain words (zh). */
  assumed: z.string(),
  assumedEn: z.string(),
  at: LocationSchema,
});
export type MalformedQuantity = z.infer<typeof MalformedQuantitySchema>;

export const FormSchema = z.object({
  kind: FormKindSchema,
  family: FamilySchema,
  title: z.string(),
  year: z.number().int().nullable(),
  unit: z.string().nullable(),
  implementer: z.string().nullable(),
  projectName: z.string().nullable(),
  /** Indices of the tables this form was read from (empty for the report). */
  tables: z.array(z.number().int()),
  funds: z.array(FundRowSchema),
  composition: z
    .object({ byIncome: z.array(CompositionLineSchema), byExpense: z.array(CompositionLineSchema) })
    .nullable(),
  goals: z.object({ expected: z.array(z.string()), actual: z.array(z.string()) }),
  indicators: z.array(IndicatorSchema),
  totals: TotalsSchema.nullable(),
  facts: z.array(FactSchema),
  quantities: z.array(NarrativeQuantitySchema).default([]),
  rateClaims: z.array(RateClaimSchema).default([]),
  malformed: z.array(MalformedQuantitySchema).default([]),
  /** Report kind: counts stated with their lists (narr-count-list). */
  countClaims: z.array(CountClaimSchema).optional(),
  /** Report kind: every sentence of the narrative with its location (for rules that quote wording). */
  sentences: z.array(LocationSchema).optional(),
  /** Where the form starts (its title paragraph or first cell). */
  at: LocationSchema,
  /** Tables only, after scoring: 自评总分 → 复核总分 and their grades (packages/score rescore). */
  rescored: RescoredSchema.optional(),
  /** Forms read from a workbook: its number and formula cells (formulas, cached results). */
  workbook: WorkbookEvidenceSchema.optional(),
});
export type Form = z.infer<typeof FormSchema>;
