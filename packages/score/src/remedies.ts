/*
 * 整改要求: the default text of the 审核意见书 for each rule, keyed by rule id. One catalog for
 * every rule (the rule modules stay as they are); the review desk lets the reviewer edit a text
 * before the letter is exported. Written to the unit, in plain words, saying what to correct.
 */
export const remedies: Record<string, string> = {
  'fund-subrows-sum':
    '请核对自评表资金情况：年度资金总额的年初预算数、全年预算数和全年执行数应分别等于“其中”各行之和，更正不一致的金额后重新报送。',
  'income-breakdown-sum':
    '请核对部门整体支出绩效自评表“按收入性质分”各项金额，使其合计等于年度资金总额，并与决算报表保持一致。',
  'spend-breakdown-sum':
    '请核对部门整体支出绩效自评表“按支出性质分”各项金额（基本支出、项目支出等），使其合计等于年度资金总额，并与决算报表保持一致。',
  'exec-rate-recompute':
    '请按“全年执行数÷全年预算数”重新计算预算执行率，更正表中填报的执行率。',
  'exec-score-recompute':
    '请按“分值×执行率（最高按100%计）”重新计算预算执行得分，更正表中得分及相应总分。',
  'exec-subrow-scored':
    '资金“其中”各行不单独计分，请删除其分值和得分，并确认总分未重复计入。',
  'exec-over-100':
    '全年执行数超过预算数，请核实执行数是否准确；如年中追加了预算，请按调整后的全年预算数填报，并在自评报告中说明超支或追加的原因。',
  'exec-below-threshold':
    '预算执行率低于规定标准，请在自评表和自评报告中说明执行率偏低的具体原因及整改措施。',
  'budget-adjustment-unexplained':
    '全年预算数与年初预算数不一致，请在自评报告中说明预算调整的依据、金额和原因。',
  'level1-weight-sum':
    '请核对一级指标标注的分值，使其等于其下各三级指标分值之和；如指标分值设置有误，请按批复的绩效目标更正。',
  'narr-count-list':
    '自评报告中所述个数与其后列出的名单（或分类个数）不一致，请核实实际个数，使文字表述与名单一致。',
  'form-incomplete':
    '报送的自评表不完整，请补齐缺少的部分（资金情况、各一级指标或总分），重新报送完整的自评表。',
  'weight-total':
    '请核对各项指标分值：绩效指标分值合计与预算执行分值之和应等于总分分值（一般为100分），更正后重新计算得分。',
  'level1-weights-nondefault':
    '一级指标权重与规定的默认权重不同，请说明调整权重的依据；无依据的，请按规定权重设置。',
  'score-range':
    '各项得分不得超过该项分值，也不得为负数，请更正超出范围的得分及总分。',
  'quant-score-recompute':
    '定量指标未达到目标值的，请按“分值×实际完成值÷目标值”计算得分（反向指标按超出比例扣分），更正表中得分及总分。',
  'full-score-without-achievement':
    '指标未完成的不得计满分，请按实际完成程度重新评分，并在“偏差原因分析及改进措施”中说明原因。',
  'qual-score-tier':
    '请按定性指标的实际完成档次（达成、基本达成、部分达成、未达成）对应的得分区间重新评分。',
  'deviation-reason-missing':
    '对未完成目标的指标，请在“偏差原因分析及改进措施”栏逐项说明未完成的原因和下一步改进措施。',
  'deduction-without-reason':
    '指标已完成却扣分的，请说明扣分原因；无扣分理由的，请按完成情况给分。',
  'overachievement-unexplained':
    '实际完成值大幅超过目标值，请说明超额完成的原因，并评估年初目标设置是否偏低，今后据实设定绩效目标。',
  'actual-not-comparable':
    '定量指标的实际完成值应填写与目标值单位一致的具体数值，请补充或更正，不得仅填写文字描述。',
  'total-score-sum':
    '总分应等于各项指标得分之和（含预算执行得分），请重新合计并更正总分。',
  'typed-total':
    '该合计是手工输入的数字，请在 Excel/WPS 中改为与相邻合计相同的求和公式，使其随分项变化。',
  'formula-stale':
    '工作簿中公式的保存结果与重新计算的结果不符，请在 Excel/WPS 中重新计算（F9）并核对该单元格及其引用的数据后重新报送。',
  'formula-range-gap':
    '合计的求和公式漏掉了部分行（列），请把求和区域扩展到标题下的全部数据，核对合计后重新报送。',
  'target-vs-approved':
    '自评表的绩效指标、指标值和分值应与批复的绩效目标一致，请对照批复文件更正；确需调整的，请附调整依据。',
  'exec-basis-mismatch':
    '部门整体支出绩效自评表的全年执行数应填列支出决算数，请对照部门决算更正执行数并重新计算执行率和得分。',
  'narr-qizhong-sum':
    '自评报告中“其中”所列各分项之和与总数不符，请核对报告中的数字，使分项与总数一致。',
  'narr-yoy-recompute':
    '自评报告中的同比增减幅度与所列金额不符，请按“增减额÷上年数”重新计算并更正。',
  'narr-ratio-recompute':
    '自评报告中的比率与所列数字不符，请重新计算并更正。',
  'narr-ratio-integer-base':
    '自评报告中的完成率与完成数量无法对应，请核实完成数量、计划数量和完成率并更正。',
  'narr-table-amount-match':
    '自评报告与部门整体支出绩效自评表中的同一金额不一致，请以决算数据为准统一报告和自评表中的数字。',
  'narr-table-indicator-match':
    '自评报告所述指标完成值与自评表“实际完成值”不一致，请核实后统一。',
  'dept-project-link':
    '项目支出绩效自评表的预算数、执行数应与部门整体支出的项目支出数衔接，请核对各项目金额与部门数据。',
  'sanggong-sum':
    '“三公”经费总额应等于因公出国（境）费、公务接待费、公务用车购置及运行费之和，请核对并更正报告中的数字。',
  'malformed-quantity':
    '自评报告中有数量表述不规范（如“2万元余元”），请改为规范、明确的数字和计量单位。',
};

/** The default 整改要求 of a rule; a general sentence for a rule the catalog does not know. */
export function remedyFor(rule: string): string {
  return remedies[rule] ?? '请核实上述问题，更正相关数字或补充说明后重新报送。';
}
