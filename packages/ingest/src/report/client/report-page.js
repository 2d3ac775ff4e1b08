/*
 * The report page's script (served inline, allowed by its hash in the page's CSP). It filters,
 * collapses and expands groups, marks the cells of a clicked location, lists the findings of a
 * clicked cell, and routes the URL hash so Back returns to where the reader was. It moves classes
 * and focus and copies the page's own nodes; it never parses document text into markup.
 *
 * Hashes: #finding-N (a finding), #g-RULE (a group), #form-N (a form's tables),
 * #at=KEY&f=N (the cells KEY of finding N, e.g. at=t0r10c3&f=12).
 */
(function () {
  'use strict';
  var doc = document;
  var panel = doc.getElementById('cell-panel');
  var panelList = doc.getElementById('cell-panel-list');
  var panelWhere = doc.getElementById('cell-panel-where');
  var workspace = doc.querySelector('.workspace');
  var active = [];

  function all(selector, root) {
    return Array.prototype.slice.call((root || doc).querySelectorAll(selector));
  }
  function clearActive() {
    active.forEach(function (el) { el.classList.remove('active', 'current'); });
    active = [];
  }
  function activate(el, extra) {
    el.classList.add('active');
    if (extra) el.classList.add(extra);
    active.push(el);
  }
  function markedFor(key) {
    return all('.marked[data-key="' + key + '"]');
  }
  function selecting() {
    var sel = window.getSelection && window.getSelection();
    return !!sel && !sel.isCollapsed && String(sel).length > 0;
  }

  /** Side by side: the panes scroll on their own, the window stays on the workspace. */
  function twoPanes() {
    var pane = doc.getElementById('tables');
    return !!pane && getComputedStyle(pane).overflowY === 'auto';
  }
  function reveal(el) {
    var pane = el.closest('.pane');
    if (pane && twoPanes()) {
      var top = workspace.getBoundingClientRect().top;
      if (Math.abs(top) > 2) window.scrollBy(0, top);
      var box = el.getBoundingClientRect();
      var frame = pane.getBoundingClientRect();
      pane.scrollTop += box.top - frame.top - Math.max(0, (pane.clientHeight - box.height) / 2);
      pane.scrollLeft += Math.min(0, box.left - frame.left - 8) + Math.max(0, box.right - frame.right + 8);
    } else {
      el.scrollIntoView({ block: 'center', inline: 'nearest' });
    }
  }

  /* ---- groups ---- */
  function setCollapsed(group, collapsed) {
    group.classList.toggle('collapsed', collapsed);
    var toggle = group.querySelector('.toggle');
    if (toggle) toggle.setAttribute('aria-expanded', collapsed ? 'false' : 'true');
  }
  function setExpanded(part, expanded) {
    part.classList.toggle('expanded', expanded);
    var more = part.querySelector('button.more');
    if (more) {
      more.setAttribute('aria-expanded', expanded ? 'true' : 'false');
      more.textContent = more.getAttribute(expanded ? 'data-less' : 'data-more');
    }
  }
  /** Makes a finding visible: its group open, its part expanded, filters that hide it reset. */
  function uncover(finding) {
    var group = finding.closest('.group');
    var part = finding.closest('.part');
    if (finding.classList.contains('filtered') || (group && group.classList.contains('filtered')) || (part && part.classList.contains('filtered'))) resetFilters();
    if (group) setCollapsed(group, false);
    if (part && finding.classList.contains('extra')) setExpanded(part, true);
  }

  /* ---- filters ---- */
  var formSelect = doc.getElementById('filter-form');
  var ruleSelect = doc.getElementById('filter-rule');
  var shownCount = doc.getElementById('shown-count');
  var nothing = doc.getElementById('nothing-shown');
  function severitiesOn() {
    var on = {};
    all('.sev-filter input').forEach(function (input) { on[input.value] = input.checked || input.disabled; });
    return on;
  }
  function applyFilters() {
    if (!formSelect) return;
    var on = severitiesOn();
    var form = formSelect.value;
    var rule = ruleSelect.value;
    var shown = 0;
    all('.group').forEach(function (group) {
      var groupShown = 0;
      var ruleOk = rule === '' || group.getAttribute('data-rule') === rule;
      all('.part', group).forEach(function (part) {
        var formOk = form === '' || part.getAttribute('data-form') === form;
        var partShown = 0;
        all('.finding', part).forEach(function (finding) {
          var ok = ruleOk && formOk && on[finding.getAttribute('data-severity')];
          finding.classList.toggle('filtered', !ok);
          if (ok) partShown++;
        });
        part.classList.toggle('filtered', partShown === 0);
        groupShown += partShown;
      });
      group.classList.toggle('filtered', groupShown === 0);
      shown += groupShown;
    });
    shownCount.textContent = String(shown);
    if (nothing) nothing.hidden = shown > 0;
  }
  function resetFilters() {
    all('.sev-filter input').forEach(function (input) { input.checked = true; });
    if (formSelect) formSelect.value = '';
    if (ruleSelect) ruleSelect.value = '';
    applyFilters();
  }
  all('.sev-filter input').forEach(function (input) { input.addEventListener('change', applyFilters); });
  if (formSelect) formSelect.addEventListener('change', applyFilters);
  if (ruleSelect) ruleSelect.addEventListener('change', applyFilters);
  var collapseAll = doc.getElementById('collapse-all');
  var expandAll = doc.getElementById('expand-all');
  if (collapseAll) collapseAll.addEventListener('click', function () { all('.group').forEach(function (g) { setCollapsed(g, true); }); });
  if (expandAll) expandAll.addEventListener('click', function () {
    all('.group').forEach(function (g) { setCollapsed(g, false); });
    all('.part').forEach(function (p) { setExpanded(p, true); });
  });

  /* ---- the cell panel ---- */
  function showCell(cell) {
    clearActive();
    activate(cell, 'current');
    while (panelList.firstChild) panelList.removeChild(panelList.firstChild);
    panelWhere.textContent = cell.getAttribute('data-loc') || '';
    (cell.getAttribute('data-findings') || '').split(' ').filter(Boolean).forEach(function (id) {
      var finding = doc.getElementById('finding-' + id);
      if (!finding) return;
      var group = finding.closest('.group');
      var item = doc.createElement('li');
      item.className = 'panel-finding';
      item.setAttribute('data-finding', id);
      if (group) item.appendChild(group.querySelector('.group-head .badge').cloneNode(true));
      var title = doc.createElement('span');
      title.className = 'rule';
      title.textContent = group ? group.querySelector('.rule-title').textContent : '';
      title.setAttribute('data-rule', finding.getAttribute('data-rule'));
      item.appendChild(doc.createTextNode(' '));
      item.appendChild(title);
      var message = doc.createElement('div');
      message.className = 'panel-message';
      message.textContent = finding.querySelector('.message').textContent;
      item.appendChild(message);
      var go = doc.createElement('a');
      go.className = 'panel-go';
      go.href = '#finding-' + id;
      go.textContent = panel.getAttribute('data-goto');
      item.appendChild(go);
      panelList.appendChild(item);
    });
    panel.hidden = false;
  }
  function closePanel() {
    panel.hidden = true;
    clearActive();
  }

  /* ---- hash routing ---- */
  function route() {
    var hash = decodeURIComponent(location.hash.replace(/^#/, ''));
    if (!hash) return;
    var at = /^at=([A-Za-z0-9]+)&f=(\d+)$/.exec(hash);
    if (at) {
      var finding = doc.getElementById('finding-' + at[2]);
      clearActive();
      if (finding) {
        uncover(finding);
        activate(finding);
        (finding.getAttribute('data-targets') || '').split(' ').filter(Boolean).forEach(function (key) {
          markedFor(key).forEach(function (el) { activate(el, key === at[1] ? 'current' : null); });
        });
      }
      var cells = markedFor(at[1]);
      if (cells.length) reveal(cells[0]);
      return;
    }
    var target = doc.getElementById(hash);
    if (!target) return;
    if (target.classList.contains('finding')) {
      clearActive();
      uncover(target);
      activate(target);
    } else if (target.classList.contains('group')) {
      if (target.classList.contains('filtered')) resetFilters();
      setCollapsed(target, false);
    }
    reveal(target);
  }
  window.addEventListener('hashchange', route);

  doc.addEventListener('click', function (event) {
    var target = event.target;
    if (!(target instanceof Element)) return;
    if (target.closest('#cell-panel-close')) { closePanel(); return; }
    var link = target.closest('a.goto');
    if (link) {
      // Back returns to the finding the location belongs to.
      var finding = link.closest('.finding');
      if (finding) history.replaceState(null, '', '#' + finding.id);
      return;
    }
    var toggle = target.closest('.group-head .toggle');
    if (toggle) { var g = toggle.closest('.group'); setCollapsed(g, !g.classList.contains('collapsed')); return; }
    var more = target.closest('button.more');
    if (more) { var p = more.closest('.part'); setExpanded(p, !p.classList.contains('expanded')); return; }
    var cell = target.closest('.marked');
    if (cell && !target.closest('#cell-panel') && !selecting()) showCell(cell);
  });
  doc.addEventListener('keydown', function (event) {
    if (event.key === 'Escape') { closePanel(); return; }
    if (event.key !== 'Enter' && event.key !== ' ') return;
    var el = doc.activeElement;
    if (el instanceof Element && el.classList.contains('marked')) { event.preventDefault(); showCell(el); }
  });

  applyFilters();
  route();
})();
