/*
 * The batch index's script (inline, allowed by its hash in the page's CSP): filters the rows
 * (unit, severity, rule, status), keeps the totals line to the rows shown (and, with a rule
 * chosen, to that rule's findings), and sorts by a column: numbers most first on the first click.
 */
(function () {
  'use strict';
  var table = document.getElementById('index-table');
  var body = table.tBodies[0];
  var unitSelect = document.getElementById('filter-unit');
  var severitySelect = document.getElementById('filter-severity');
  var ruleSelect = document.getElementById('filter-rule');
  var statusSelect = document.getElementById('filter-status');
  var shown = document.getElementById('shown-count');
  var SEVERITIES = ['error', 'warning', 'info'];

  function total(name) { return document.querySelector('[data-total="' + name + '"]'); }

  /** The row's findings by severity: all of them, or those of one rule. */
  function countsOf(row, rule) {
    if (!rule) {
      return { error: Number(row.getAttribute('data-error')), warning: Number(row.getAttribute('data-warning')), info: Number(row.getAttribute('data-info')) };
    }
    var counts = { error: 0, warning: 0, info: 0 };
    (row.getAttribute('data-rules') || '').split(' ').forEach(function (entry) {
      var parts = entry.split(':');
      if (parts[0] !== rule) return;
      counts.error = Number(parts[1]);
      counts.warning = Number(parts[2]);
      counts.info = Number(parts[3]);
    });
    return counts;
  }

  function applyFilters() {
    var unit = unitSelect.value;
    var severity = severitySelect.value;
    var rule = ruleSelect.value;
    var status = statusSelect.value;
    var sums = { rows: 0, files: 0, error: 0, warning: 0, info: 0, readErrors: 0 };
    Array.prototype.forEach.call(body.rows, function (row) {
      var counts = countsOf(row, rule);
      var ok = true;
      if (unit !== '' && row.getAttribute('data-unit') !== unit) ok = false;
      if (status !== '' && row.getAttribute('data-status') !== status) ok = false;
      if (rule !== '' && counts.error + counts.warning + counts.info === 0) ok = false;
      if (severity !== '' && counts[severity] === 0) ok = false;
      row.hidden = !ok;
      if (!ok) return;
      sums.rows++;
      sums.files += Number(row.getAttribute('data-files'));
      SEVERITIES.forEach(function (s) { sums[s] += counts[s]; });
      sums.readErrors += Number(row.getAttribute('data-read-errors'));
    });
    shown.textContent = String(sums.rows);
    total('files').textContent = String(sums.files);
    SEVERITIES.forEach(function (s) { total(s).textContent = String(sums[s]); });
    total('read-error').textContent = String(sums.readErrors);
  }

  function sortBy(th) {
    var index = Array.prototype.indexOf.call(th.parentNode.children, th);
    var numeric = th.getAttribute('data-type') === 'num';
    var current = th.getAttribute('aria-sort');
    var first = th.getAttribute('data-first') === 'desc' ? 'descending' : 'ascending';
    var next = current ? (current === 'ascending' ? 'descending' : 'ascending') : first;
    var dir = next === 'ascending' ? 1 : -1;
    Array.prototype.forEach.call(th.parentNode.children, function (h) { h.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', next);
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[index].getAttribute('data-sort') || '';
      var y = b.cells[index].getAttribute('data-sort') || '';
      // Empty values (no unit, no total) last in either direction.
      if (numeric) {
        if (x === '' || y === '') return (x === '') - (y === '');
        return dir * (Number(x) - Number(y));
      }
      if (x === '' || y === '') return (x === '') - (y === '');
      return dir * x.localeCompare(y, 'zh-Hans-CN');
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
    if (!th.hasAttribute('data-sortable')) return;
    th.addEventListener('click', function () { sortBy(th); });
    th.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sortBy(th); } });
  });
  [unitSelect, severitySelect, ruleSelect, statusSelect].forEach(function (select) { select.addEventListener('change', applyFilters); });
  applyFilters();
})();
