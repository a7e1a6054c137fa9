/// The run report's script: filters, expand and collapse, copy buttons, links to steps.
///
/// The page is complete without it, except in large runs, where it builds the details of a passing step when the
/// step is opened, from data kept in a `<script type="application/json">` block. It never parses markup: it sets
/// only `textContent`, attributes and classes, so nothing a server sent can become an element.
enum HTMLReportScript {
    /// The script.
    static let source = """
        (function () {
          'use strict';
          var doc = document;
          doc.documentElement.classList.add('js');
          var steps = Array.prototype.slice.call(doc.querySelectorAll('details.step'));
          var suites = Array.prototype.slice.call(doc.querySelectorAll('details.suite'));
          var suiteOf = steps.map(function (step) { return step.closest('details.suite'); });
          var tagsOf = new Map();
          suites.forEach(function (suite) {
            var tags = [];
            try { tags = JSON.parse(suite.getAttribute('data-tags') || '[]'); } catch (e) { tags = []; }
            tagsOf.set(suite, tags);
            suite.setAttribute('data-open0', suite.open ? '1' : '0');
          });
          var texts = null;
          var state = { outcomes: { passed: true, failed: true, error: true, skipped: true }, tag: '', text: '' };
          var counter = doc.getElementById('shown-count');

          function searchText(index) {
            if (texts === null) {
              texts = steps.map(function (step, i) {
                var suiteSummary = suiteOf[i] ? suiteOf[i].querySelector('summary').textContent : '';
                return (suiteSummary + ' ' + step.querySelector('summary').textContent).toLowerCase();
              });
            }
            return texts[index];
          }

          function isDefault() {
            var o = state.outcomes;
            return o.passed && o.failed && o.error && o.skipped && !state.tag && !state.text;
          }

          function apply() {
            var shown = 0;
            var visible = new Set();
            steps.forEach(function (step, i) {
              var suite = suiteOf[i];
              var ok = state.outcomes[step.getAttribute('data-outcome')] !== false &&
                (!state.tag || (tagsOf.get(suite) || []).indexOf(state.tag) >= 0) &&
                (!state.text || searchText(i).indexOf(state.text) >= 0);
              step.hidden = !ok;
              if (ok) { shown += 1; visible.add(suite); }
            });
            var filtering = !isDefault();
            suites.forEach(function (suite) {
              var empty = suite.querySelector('details.step') === null;
              suite.hidden = empty ? filtering : !visible.has(suite);
              suite.open = filtering ? visible.has(suite) : suite.getAttribute('data-open0') === '1';
            });
            if (counter) { counter.textContent = shown + ' of ' + steps.length + ' steps shown'; }
          }

          Array.prototype.forEach.call(doc.querySelectorAll('button[data-outcome]'), function (button) {
            button.addEventListener('click', function () {
              var outcome = button.getAttribute('data-outcome');
              state.outcomes[outcome] = !state.outcomes[outcome];
              button.setAttribute('aria-pressed', state.outcomes[outcome] ? 'true' : 'false');
              apply();
            });
          });
          var tagSelect = doc.getElementById('tag-filter');
          if (tagSelect) {
            tagSelect.addEventListener('change', function () { state.tag = tagSelect.value; apply(); });
          }
          var search = doc.getElementById('search');
          var timer = null;
          if (search) {
            search.addEventListener('input', function () {
              clearTimeout(timer);
              timer = setTimeout(function () { state.text = search.value.trim().toLowerCase(); apply(); }, 120);
            });
          }

          function setAll(selector, open) {
            Array.prototype.forEach.call(doc.querySelectorAll(selector), function (element) {
              if (!element.hidden) { element.open = open; }
            });
          }
          var actions = {
            'expand-suites': function () { setAll('details.suite', true); },
            'collapse-all': function () { setAll('details.step', false); setAll('details.suite', false); },
            'expand-failures': function () {
              steps.forEach(function (step, i) {
                var outcome = step.getAttribute('data-outcome');
                if (!step.hidden && (outcome === 'failed' || outcome === 'error')) {
                  step.open = true;
                  if (suiteOf[i]) { suiteOf[i].open = true; }
                }
              });
            }
          };
          Array.prototype.forEach.call(doc.querySelectorAll('button[data-action]'), function (button) {
            button.addEventListener('click', function () { actions[button.getAttribute('data-action')](); });
          });

          function copied(button, ok) {
            var label = button.textContent;
            button.textContent = ok ? 'Copied' : 'Select and copy';
            setTimeout(function () { button.textContent = label; }, 1400);
          }
          var deferred = null;
          function fill(step) {
            var body = step.querySelector('div[data-deferred]');
            if (!body) { return; }
            if (deferred === null) {
              var block = doc.getElementById('step-details');
              try { deferred = JSON.parse(block ? block.textContent : '{}'); } catch (e) { deferred = {}; }
            }
            var id = body.getAttribute('data-deferred');
            var data = deferred[id];
            body.removeAttribute('data-deferred');
            if (data) { build(body, id, data); }
          }

          function element(tag, className, text) {
            var node = doc.createElement(tag);
            if (className) { node.className = className; }
            if (text !== undefined) { node.textContent = text; }
            return node;
          }
          function panel(kind, title, line, time, headers, body, note) {
            var section = element('section', 'panel ' + kind);
            var header = element('header');
            header.appendChild(element('b', '', title));
            header.appendChild(element('span', 'mono', line));
            if (time) { header.appendChild(element('span', 'muted small', time)); }
            section.appendChild(header);
            if (headers.length) {
              var table = element('table', 'headers');
              headers.forEach(function (field) {
                var row = element('tr');
                row.appendChild(element('td', '', field[0]));
                row.appendChild(element('td', 'mono', field[1]));
                table.appendChild(row);
              });
              section.appendChild(table);
            }
            if (body) { section.appendChild(element('pre', 'body', body)); }
            section.appendChild(element('p', 'note', note));
            return section;
          }
          function build(body, id, data) {
            if (data.x) {
              body.appendChild(element('h3', '', 'Exchange'));
              var exchange = element('div', 'exchange');
              var q = data.x.q;
              exchange.appendChild(panel('request', 'Request', q[0], '', q[1], q[2], q[3]));
              var r = data.x.r;
              if (r) {
                exchange.appendChild(panel('response', 'Response', r[0], r[1], r[2], r[3], r[4]));
              } else {
                exchange.appendChild(panel('response', 'Response', '', '', [], '', 'No response was received.'));
              }
              body.appendChild(exchange);
              body.appendChild(element('h3', '', 'Reproduce'));
              var curl = element('div', 'curl');
              var pre = element('pre');
              var code = element('code', '', data.c);
              code.id = id + '-curl';
              pre.appendChild(code);
              curl.appendChild(pre);
              var copy = element('button', 'plain copy js-only', 'Copy');
              copy.type = 'button';
              copy.setAttribute('data-copy', id + '-curl');
              curl.appendChild(copy);
              body.appendChild(curl);
            }
            body.appendChild(element('h3', '', 'Details'));
            var facts = element('dl', 'facts');
            data.f.forEach(function (fact) {
              var item = element('div');
              item.appendChild(element('dt', '', fact[0]));
              item.appendChild(element('dd', 'mono', fact[1]));
              facts.appendChild(item);
            });
            body.appendChild(facts);
          }
          steps.forEach(function (step) {
            if (step.querySelector('div[data-deferred]')) {
              step.addEventListener('toggle', function () { if (step.open) { fill(step); } });
            }
          });

          doc.addEventListener('click', function (event) {
            var button = event.target.closest ? event.target.closest('button.copy') : null;
            if (!button) { return; }
            (function () {
              var source = doc.getElementById(button.getAttribute('data-copy'));
              if (!source) { return; }
              var text = source.textContent;
              function fallback() {
                var range = doc.createRange();
                range.selectNodeContents(source);
                var selection = window.getSelection();
                selection.removeAllRanges();
                selection.addRange(range);
                var ok = false;
                try { ok = doc.execCommand('copy'); } catch (e) { ok = false; }
                copied(button, ok);
              }
              if (navigator.clipboard && navigator.clipboard.writeText) {
                navigator.clipboard.writeText(text).then(function () { copied(button, true); }, fallback);
              } else {
                fallback();
              }
            })();
          });

          var untouched = doc.getElementById('untouched-only');
          var coverage = doc.getElementById('coverage-table');
          if (untouched && coverage) {
            untouched.addEventListener('change', function () {
              coverage.classList.toggle('only-untouched', untouched.checked);
            });
          }

          function reveal() {
            var id = decodeURIComponent(location.hash.slice(1));
            var target = id ? doc.getElementById(id) : null;
            if (!target) { return; }
            for (var node = target; node; node = node.parentElement) {
              if (node.tagName === 'DETAILS') { node.open = true; }
            }
            target.scrollIntoView({ block: 'start' });
          }
          window.addEventListener('hashchange', reveal);
          reveal();
          if (counter) { counter.textContent = steps.length + ' steps'; }
        })();
        """
}
