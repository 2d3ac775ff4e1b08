/*
 * The dashboard's script, served as /assets/dashboard.js (allowed as 'self' by the CSP). It draws
 * each chart from the specs the server embedded (<script type="application/json" id="dash-data">)
 * with Apache ECharts (served at /assets/echarts.min.js), SVG so print stays sharp, decal
 * patterns and direct labels so the charts read in greyscale, and opens the submissions behind a
 * bar or a point on click.
 */
export const DASHBOARD_JS = String.raw`(function () {
  'use strict';
  var holder = document.getElementById('dash-data');
  if (!holder || typeof echarts === 'undefined') return;
  var specs = JSON.parse(holder.textContent);
  var PALETTE = ['#1f3a5f', '#c0392b', '#7f8c8d', '#d4a017', '#2e6b36', '#6c3483', '#117a8b', '#a04000', '#34495e', '#b03a2e'];
  var charts = {};
  function nonZero(p) {
    var v = Array.isArray(p.value) ? p.value[1] : p.value;
    return v ? String(v) : '';
  }
  function optionOf(spec, narrow) {
    var base = {
      animation: false,
      color: PALETTE,
      aria: { enabled: true, decal: { show: true } },
      textStyle: { fontFamily: 'system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif' },
      tooltip: { trigger: spec.type === 'scatter' ? 'item' : 'axis', confine: true },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 8, right: 40, top: 36, bottom: 8, containLabel: true }
    };
    if (spec.type === 'scatter') {
      // One scale on both axes, so the diagonal (自评 = 复核) is the diagonal.
      var lo = spec.diagonal ? spec.diagonal[0] : undefined, hi = spec.diagonal ? spec.diagonal[1] : undefined;
      base.xAxis = { type: 'value', name: spec.xName, nameLocation: 'middle', nameGap: 26, min: lo, max: hi };
      base.yAxis = { type: 'value', name: spec.yName, min: lo, max: hi };
      base.grid.bottom = 30;
      base.tooltip.formatter = function (p) {
        var lab = spec.series[p.seriesIndex].labels;
        var full = spec.series[p.seriesIndex].names;
        return (full ? full[p.dataIndex] : '') + '<br>' + spec.xName + ' ' + p.value[0] + '，' + spec.yName + ' ' + p.value[1];
      };
      base.series = spec.series.map(function (s, i) {
        return {
          type: 'scatter', name: s.name, symbol: i === 0 ? 'triangle' : 'circle', symbolSize: 11,
          data: s.data.map(function (d, k) {
            var label = s.labels && s.labels[k];
            return label ? { value: d, label: { show: true, formatter: label, position: 'right', fontSize: 11, color: '#222' } } : { value: d };
          }),
          labelLayout: { hideOverlap: true },
          markLine: i === 0 && spec.diagonal ? { silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: '#555' }, label: { formatter: '自评 = 复核', position: 'insideEndTop' },
            data: [[{ coord: [spec.diagonal[0], spec.diagonal[0]] }, { coord: [spec.diagonal[1], spec.diagonal[1]] }]] } : undefined
        };
      });
      return base;
    }
    var horizontal = spec.type === 'hbar';
    var cat = { type: 'category', data: spec.categories, axisLabel: { interval: 0, width: horizontal ? (narrow ? 96 : 190) : 90, overflow: 'truncate', fontSize: narrow ? 10 : 12 }, inverse: horizontal };
    var val = { type: 'value', name: spec.valueName, minInterval: 1 };
    base.xAxis = horizontal ? val : cat;
    base.yAxis = horizontal ? cat : val;
    if (!horizontal) base.xAxis.axisLabel = { interval: 0 };
    base.series = spec.series.map(function (s, i) {
      var line = spec.type === 'line';
      return {
        type: line ? 'line' : 'bar', name: s.name, data: s.data, stack: spec.stack ? 'all' : undefined,
        symbol: ['circle', 'rect', 'triangle', 'diamond', 'pin', 'arrow', 'roundRect', 'emptyCircle'][i % 8], symbolSize: 8,
        lineStyle: line ? { type: ['solid', 'dashed', 'dotted'][i % 3], width: 2 } : undefined,
        connectNulls: false,
        label: { show: true, position: spec.stack ? 'inside' : (horizontal ? 'right' : 'top'), formatter: nonZero, fontSize: 11,
                 color: spec.stack ? '#fff' : '#222', textBorderColor: spec.stack ? '#000' : 'transparent', textBorderWidth: spec.stack ? 2 : 0 },
        labelLayout: line ? { hideOverlap: true } : undefined,
        endLabel: line ? { show: true, formatter: '{a}', fontSize: 11 } : undefined,
        emphasis: { focus: 'series' },
        cursor: 'pointer'
      };
    });
    if (spec.type === 'line') base.grid.right = narrow ? 16 : 140;
    if (spec.type === 'line' && narrow) base.series.forEach(function (x) { x.endLabel = { show: false }; });
    return base;
  }
  specs.forEach(function (spec) {
    var el = document.getElementById('chart-' + spec.id);
    if (!el) return;
    var chart = echarts.init(el, null, { renderer: 'svg' });
    chart.setOption(optionOf(spec, el.clientWidth < 520));
    chart.on('click', function (p) {
      var links = spec.links[p.seriesIndex];
      var href = links && links[p.dataIndex];
      if (href) window.location.href = href;
    });
    charts[spec.id] = chart;
  });
  window.jxDashboard = { charts: charts, specs: specs };
  function resizeAll() { Object.keys(charts).forEach(function (k) { charts[k].resize(); }); }
  window.addEventListener('resize', resizeAll);
  window.addEventListener('beforeprint', resizeAll);
  window.addEventListener('afterprint', resizeAll);
  if (window.matchMedia) {
    var mq = window.matchMedia('print');
    if (mq.addEventListener) mq.addEventListener('change', resizeAll);
  }
})();
`;
